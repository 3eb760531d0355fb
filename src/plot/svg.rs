//! Primitives as SVG, in points (the figure laid out at 72 dpi), shaped like matplotlib's
//! own SVG: a clipPath per axes in `<defs>`, text as glyph outlines with the string in a
//! comment, images as embedded PNGs.

use super::font::Cmd;
use super::prim::{Cap, Join, Prim};
use super::scene::Rgba;
use std::fmt::Write;

/// Numbers as matplotlib's SVG writes them: up to 6 decimals, trailing zeros dropped.
fn n(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

fn color(c: Rgba) -> String {
    let [r, g, b, _] = super::draw::rgba8(c);
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn d(cmds: &[Cmd]) -> String {
    let mut s = String::new();
    for c in cmds {
        let _ = match *c {
            Cmd::Move(x, y) => write!(s, "M {} {} ", n(x), n(y)),
            Cmd::Line(x, y) => write!(s, "L {} {} ", n(x), n(y)),
            Cmd::Quad(a, b, x, y) => write!(s, "Q {} {} {} {} ", n(a), n(b), n(x), n(y)),
            Cmd::Cubic(a, b, c, e, x, y) => write!(s, "C {} {} {} {} {} {} ", n(a), n(b), n(c), n(e), n(x), n(y)),
            Cmd::Close => write!(s, "z "),
        };
    }
    s.trim_end().to_string()
}

/// Base64 (RFC 4648, padded).
pub fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for c in data.chunks(3) {
        let b = [c[0], *c.get(1).unwrap_or(&0), *c.get(2).unwrap_or(&0)];
        let v = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= c.len() {
                out.push(T[(v >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The SVG document of a `w`×`h` pt figure.
pub fn write(prims: &[Prim], w: f64, h: f64) -> String {
    let mut clips: Vec<[f64; 4]> = Vec::new();
    for p in prims {
        let clip = match p {
            Prim::Path { clip, .. } | Prim::Image { clip, .. } => clip,
        };
        if let Some(c) = clip {
            if !clips.contains(c) {
                clips.push(*c);
            }
        }
    }
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"no\"?>\n");
    s.push_str(
        "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"\n  \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n",
    );
    let _ = writeln!(
        s,
        "<svg xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{}pt\" height=\"{}pt\" viewBox=\"0 0 {} {}\" xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\">",
        n(w),
        n(h),
        n(w),
        n(h)
    );
    s.push_str(" <metadata>nt (matplotlib.pyplot)</metadata>\n <defs>\n");
    for (i, c) in clips.iter().enumerate() {
        let _ = writeln!(
            s,
            "  <clipPath id=\"p{i}\">\n   <rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n  </clipPath>",
            n(c[0].min(c[2])),
            n(c[1].min(c[3])),
            n((c[2] - c[0]).abs()),
            n((c[3] - c[1]).abs())
        );
    }
    s.push_str(" </defs>\n <g id=\"figure_1\">\n");
    let clip_attr = |clip: &Option<[f64; 4]>| match clip {
        Some(c) => format!(
            " clip-path=\"url(#p{})\"",
            clips.iter().position(|k| k == c).unwrap_or(0)
        ),
        None => String::new(),
    };
    let mut texts = 0;
    for p in prims {
        match p {
            Prim::Path {
                cmds,
                fill,
                pen,
                clip,
                text,
            } => {
                let mut style = Vec::new();
                match fill {
                    Some(c) => {
                        style.push(format!("fill: {}", color(*c)));
                        if c[3] < 1.0 {
                            style.push(format!("fill-opacity: {}", n(c[3])));
                        }
                    }
                    None => style.push("fill: none".into()),
                }
                if let Some(pen) = pen {
                    if let Some(dash) = &pen.dash {
                        let v: Vec<String> = dash.iter().map(|x| n(*x)).collect();
                        style.push(format!("stroke-dasharray: {}", v.join(",")));
                        style.push("stroke-dashoffset: 0".into());
                    }
                    style.push(format!("stroke: {}", color(pen.color)));
                    if pen.color[3] < 1.0 {
                        style.push(format!("stroke-opacity: {}", n(pen.color[3])));
                    }
                    style.push(format!("stroke-width: {}", n(pen.width)));
                    style.push(
                        match pen.cap {
                            Cap::Butt => "stroke-linecap: butt",
                            Cap::Square => "stroke-linecap: square",
                            Cap::Round => "stroke-linecap: round",
                        }
                        .into(),
                    );
                    style.push(
                        match pen.join {
                            Join::Miter => "stroke-linejoin: miter",
                            Join::Round => "stroke-linejoin: round",
                            Join::Bevel => "stroke-linejoin: bevel",
                        }
                        .into(),
                    );
                }
                let path = format!(
                    "<path d=\"{}\"{} style=\"{}\"/>",
                    d(cmds),
                    clip_attr(clip),
                    style.join("; ")
                );
                match text {
                    Some((t, _)) => {
                        texts += 1;
                        let t = t
                            .replace('&', "&amp;")
                            .replace("--", "- -")
                            .replace('<', "&lt;")
                            .replace('>', "&gt;");
                        let _ = writeln!(s, "  <g id=\"text_{texts}\">\n   <!-- {t} -->\n   {path}\n  </g>");
                    }
                    None => {
                        let _ = writeln!(s, "  {path}");
                    }
                }
            }
            Prim::Image { w, h, rgba, dest, clip } => {
                let png = super::png::encode(rgba, *w as u32, *h as u32, 72.0);
                let [x0, y0, x1, y1] = *dest;
                let _ = writeln!(
                    s,
                    "  <image xlink:href=\"data:image/png;base64,{}\" transform=\"matrix({} 0 0 {} {} {})\" width=\"1\" height=\"1\" preserveAspectRatio=\"none\"{} style=\"image-rendering: pixelated\"/>",
                    base64(&png),
                    n(x1 - x0),
                    n(y1 - y0),
                    n(x0),
                    n(y0),
                    clip_attr(clip)
                );
            }
        }
    }
    s.push_str(" </g>\n</svg>\n");
    s
}
