//! PyTorch's checkpoint format, both ways (`tests/reference/checkpoints/`, made by
//! `gen.py` with real PyTorch):
//!
//! - `session.py` loads the checkpoints PyTorch wrote (state dicts of a model and of its
//!   Adam optimizer, containers, every dtype, views of one storage, a refused global)
//!   into nt, loads the state dict into nt's model and prints its outputs: nt must print
//!   what CPython + PyTorch printed (`session.expected`).
//! - `write.py` run in nt must write, byte for byte, the files `gen.py` had PyTorch load
//!   (`nt/*.pt`, whose contents PyTorch printed as `read.expected`); `read.py` run in nt
//!   must print the same.
//! - `np.load(allow_pickle=True)` reads NumPy's pickles (`numpy/`, also in `session.py`).
//! - Damaged checkpoints are clear Python errors, never a panic; a pickle naming a class
//!   is refused by name.

mod common;

use nt::repl::session::{Session, SharedBuf};
use std::path::{Path, PathBuf};

fn here() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/checkpoints")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nt-checkpoints-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).expect("mkdir");
        for e in std::fs::read_dir(from).expect("read_dir") {
            let e = e.expect("entry");
            copy(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).expect("copy");
    }
}

fn run_ok(dir: &Path, script: &str) -> String {
    let out = common::nt_in(Some(dir), &[script], None);
    let stderr = common::text(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "nt {script} failed:\n{stderr}"
    );
    common::text(&out.stdout)
}

#[test]
fn checkpoints_written_by_pytorch_load_and_print_as_in_pytorch() {
    let dir = scratch("session");
    for name in ["model.py", "session.py", "torch", "numpy"] {
        copy(&here().join(name), &dir.join(name));
    }
    let got = run_ok(&dir, "session.py");
    let want = std::fs::read_to_string(here().join("session.expected")).expect("session.expected");
    assert_eq!(got, want);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn nt_writes_the_bytes_pytorch_was_shown_to_load() {
    let dir = scratch("write");
    for name in ["model.py", "write.py"] {
        copy(&here().join(name), &dir.join(name));
    }
    std::fs::create_dir_all(dir.join("nt")).expect("mkdir nt");
    run_ok(&dir, "write.py");
    let mut names: Vec<_> = std::fs::read_dir(here().join("nt"))
        .expect("nt/")
        .map(|e| e.expect("entry").file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 4, "{names:?}");
    for name in &names {
        let ours = std::fs::read(dir.join("nt").join(name)).expect("nt's file");
        let committed = std::fs::read(here().join("nt").join(name)).expect("committed file");
        assert!(
            ours == committed,
            "{name:?}: nt now writes other bytes than the file PyTorch loaded; rerun gen.py"
        );
    }
    // What PyTorch printed loading them is what nt prints loading them.
    let got = run_ok(&here(), "read.py");
    let want = std::fs::read_to_string(here().join("read.expected")).expect("read.expected");
    assert_eq!(got, want);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The members of a zip archive, in order.
fn members(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("member");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read member");
            (f.name().expect("name").to_string(), data)
        })
        .collect()
}

fn archive(members: &[(String, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (name, data) in members {
            z.start_file(name.as_str(), opts).expect("start");
            z.write_all(data).expect("write");
        }
        z.finish().expect("finish");
    }
    buf.into_inner()
}

#[test]
fn damaged_checkpoints_are_clear_errors() {
    common::big_stack(|| {
        let dir = scratch("damaged");
        let good = std::fs::read(here().join("torch/model_sd.pt")).expect("model_sd.pt");
        let parts = members(&good);
        let pkl = parts
            .iter()
            .position(|(n, _)| n.ends_with("/data.pkl"))
            .expect("data.pkl");
        let buf = SharedBuf::default();
        let mut s = Session::new(Box::new(buf.clone()));
        s.interp.cwd = Some(dir.clone());
        let mut load = |bytes: &[u8]| -> Result<(), String> {
            std::fs::write(dir.join("x.pt"), bytes).expect("write");
            let r = s.eval("sd = torch.load('x.pt')").map_err(|d| d.headline());
            buf.take();
            r
        };
        load(&good).expect("the undamaged file loads");
        // The file cut short, and every byte of the pickle changed in turn: each load
        // succeeds or raises; none panics (a panic fails this test).
        assert!(load(&good[..good.len() / 2]).is_err());
        let mut errors = 0;
        let original = parts[pkl].1.clone();
        for i in 0..original.len() {
            for delta in [1u8, 0x80] {
                let mut p = parts.clone();
                p[pkl].1[i] = original[i].wrapping_add(delta);
                if load(&archive(&p)).is_err() {
                    errors += 1;
                }
            }
        }
        assert!(
            errors > original.len() / 2,
            "only {errors} damaged pickles were refused"
        );
        // A storage too small for its tensor: PyTorch's bounds error.
        let mut p = parts.clone();
        let data0 = p.iter().position(|(n, _)| n.ends_with("/data/0")).expect("data/0");
        p[data0].1.truncate(8);
        let err = load(&archive(&p)).expect_err("a short storage is refused");
        assert!(err.starts_with("RuntimeError: setStorage: sizes [4, 1, 3, 3]"), "{err}");
        // A missing storage record.
        let mut p = parts.clone();
        p.remove(data0);
        let err = load(&archive(&p)).expect_err("a missing storage is refused");
        assert!(err.contains("data/0"), "{err}");
        // A pickle naming a class: refused by name, never imported or called.
        let point = here().join("numpy/point.pkl").to_string_lossy().replace('\\', "/");
        let err = s
            .eval(&format!("np.load('{point}', allow_pickle=True)"))
            .map_err(|d| d.headline())
            .expect_err("a class in a pickle is refused");
        assert!(
            err.contains("UnpicklingError") && err.contains("__main__.Point"),
            "{err}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    });
}
