//! Plots against matplotlib 3.11.2: each program in `tests/reference/plots/programs/`
//! (valid in nt and in CPython) must print exactly what it printed under matplotlib,
//! draw a PNG within its `# rms-bound:` of matplotlib's (RMS over RGB, 0-255, as
//! matplotlib's compare_images measures; of the same size, or within its
//! `# size-tolerance:` in pixels), and draw in its SVG exactly the texts
//! matplotlib's SVG draws (tick labels, legends, titles). `gen.py` made the expectations.

mod common;

use common::{nt_in, text};
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/plots")
}

/// RGB8 pixels of an 8-bit RGB or RGBA PNG (matplotlib's and nt's), with its size.
fn decode_png(data: &[u8]) -> (usize, usize, Vec<u8>) {
    use std::io::Read;
    assert_eq!(&data[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let (mut w, mut h, mut channels) = (0, 0, 0);
    let mut idat = Vec::new();
    let mut at = 8;
    while at + 8 <= data.len() {
        let len = u32::from_be_bytes(data[at..at + 4].try_into().unwrap()) as usize;
        let kind = &data[at + 4..at + 8];
        let body = &data[at + 8..at + 8 + len];
        match kind {
            b"IHDR" => {
                w = u32::from_be_bytes(body[0..4].try_into().unwrap()) as usize;
                h = u32::from_be_bytes(body[4..8].try_into().unwrap()) as usize;
                assert_eq!(body[8], 8, "8-bit samples");
                channels = match body[9] {
                    6 => 4,
                    2 => 3,
                    c => panic!("PNG colour type {c}"),
                };
                assert_eq!(body[12], 0, "not interlaced");
            }
            b"IDAT" => idat.extend_from_slice(body),
            _ => {}
        }
        at += 12 + len;
    }
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..])
        .read_to_end(&mut raw)
        .expect("inflate");
    let stride = w * channels;
    let mut img = vec![0u8; h * stride];
    for y in 0..h {
        let filter = raw[y * (stride + 1)];
        let line = &raw[y * (stride + 1) + 1..(y + 1) * (stride + 1)];
        for x in 0..stride {
            let a = if x >= channels {
                img[y * stride + x - channels] as i32
            } else {
                0
            };
            let b = if y > 0 { img[(y - 1) * stride + x] as i32 } else { 0 };
            let c = if y > 0 && x >= channels {
                img[(y - 1) * stride + x - channels] as i32
            } else {
                0
            };
            let pred = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => {
                    let p = a + b - c;
                    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                f => panic!("PNG filter {f}"),
            };
            img[y * stride + x] = (line[x] as i32 + pred) as u8;
        }
    }
    let rgb = img.chunks_exact(channels).flat_map(|p| [p[0], p[1], p[2]]).collect();
    (w, h, rgb)
}

fn rms(a: &[u8], b: &[u8]) -> f64 {
    let sum: f64 = a.iter().zip(b).map(|(&x, &y)| (x as f64 - y as f64).powi(2)).sum();
    (sum / a.len() as f64).sqrt()
}

fn svg_texts(svg: &str) -> Vec<String> {
    let mut out: Vec<String> = svg
        .split("<!-- ")
        .skip(1)
        .filter_map(|s| {
            s.split_once(" -->")
                .map(|(t, _)| t.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
        })
        .collect();
    out.sort();
    out
}

fn check(name: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let work = std::env::temp_dir().join(format!("nt-plots-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&work).expect("temp dir");
    let program = dir().join("programs").join(format!("{name}.py"));
    let source = std::fs::read_to_string(&program).expect("program");
    let out = nt_in(Some(&work), &[program.to_str().unwrap()], None);
    let want = std::fs::read_to_string(dir().join(format!("{name}.expected"))).expect("expected output");
    let got = text(&out.stdout);
    if got != want || !out.status.success() {
        failures.push(format!(
            "{name}: output differs\n--- matplotlib\n{want}--- nt\n{got}{}",
            text(&out.stderr)
        ));
    }
    let mpl = dir().join("mpl").join(format!("{name}.png"));
    if mpl.exists() {
        let bound: f64 = source
            .lines()
            .find_map(|l| l.strip_prefix("# rms-bound: "))
            .and_then(|b| b.trim().parse().ok())
            .expect("a program that draws names its # rms-bound");
        let theirs = decode_png(&std::fs::read(&mpl).expect("matplotlib's png"));
        let ours = decode_png(&std::fs::read(work.join(format!("{name}.png"))).expect("nt's png"));
        // A program may allow its picture to differ in size by a few pixels (`# size-tolerance:`),
        // and its content to sit as many pixels off: the pictures are then compared on the
        // part they share, at the offset (within the tolerance) where they agree best.
        let tolerance: usize = source
            .lines()
            .find_map(|l| l.strip_prefix("# size-tolerance: "))
            .and_then(|b| b.trim().parse().ok())
            .unwrap_or(0);
        if theirs.0.abs_diff(ours.0) > tolerance || theirs.1.abs_diff(ours.1) > tolerance {
            failures.push(format!(
                "{name}: {}x{} pixels, matplotlib's {}x{}",
                ours.0, ours.1, theirs.0, theirs.1
            ));
        } else {
            let t = tolerance as isize;
            let mut r = f64::INFINITY;
            for dy in -t..=t {
                for dx in -t..=t {
                    // Our pixel (x, y) against theirs at (x + dx, y + dy).
                    let (x0, y0) = (0.max(-dx) as usize, 0.max(-dy) as usize);
                    let x1 = (ours.0 as isize).min(theirs.0 as isize - dx) as usize;
                    let y1 = (ours.1 as isize).min(theirs.1 as isize - dy) as usize;
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    for y in y0..y1 {
                        let ty = (y as isize + dy) as usize;
                        a.extend_from_slice(&ours.2[(y * ours.0 + x0) * 3..(y * ours.0 + x1) * 3]);
                        let tx0 = (x0 as isize + dx) as usize;
                        b.extend_from_slice(
                            &theirs.2[(ty * theirs.0 + tx0) * 3..(ty * theirs.0 + tx0 + (x1 - x0)) * 3],
                        );
                    }
                    r = r.min(rms(&b, &a));
                }
            }
            eprintln!("{name}: RMS {r:.2} against matplotlib's (bound {bound})");
            if r > bound {
                failures.push(format!(
                    "{name}: RMS {r:.2} against matplotlib's picture, over its bound {bound}"
                ));
            }
        }
        let want_texts = std::fs::read_to_string(dir().join(format!("{name}.texts"))).expect("texts");
        let svg = std::fs::read_to_string(work.join(format!("{name}.svg"))).expect("nt's svg");
        let got_texts: String = svg_texts(&svg).iter().map(|t| format!("{t}\n")).collect();
        if got_texts != want_texts {
            failures.push(format!(
                "{name}: SVG texts differ\n--- matplotlib\n{want_texts}--- nt\n{got_texts}"
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    failures
}

#[test]
fn plots_match_matplotlib() {
    let mut names: Vec<String> = std::fs::read_dir(dir().join("programs"))
        .expect("programs")
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".py").map(String::from))
        .collect();
    names.sort();
    assert!(names.len() >= 7, "{names:?}");
    let failures: Vec<String> = names.iter().flat_map(|n| check(n)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The PNG nt writes is one a decoder reads back: the size, and the figure's white
/// background at a corner.
#[test]
fn png_files_decode() {
    let work = std::env::temp_dir().join(format!("nt-plots-png-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("temp dir");
    let out = nt_in(
        Some(&work),
        &[
            "-c",
            "import matplotlib.pyplot as plt\nplt.figure(figsize=(3, 2), dpi=50)\nplt.plot([1, 2])\nplt.savefig('a.png')",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (w, h, rgb) = decode_png(&std::fs::read(work.join("a.png")).expect("png"));
    assert_eq!((w, h), (150, 100));
    assert_eq!(&rgb[..3], &[255, 255, 255]);
    let _ = std::fs::remove_dir_all(&work);
}
