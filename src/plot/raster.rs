//! Primitives to pixels with tiny-skia: anti-aliased paths, strokes with caps, joins and
//! dashes, clipping masks, and images (nearest-neighbour when enlarged, area-averaged when
//! shrunk, as matplotlib's 'auto' interpolation looks).

use super::font::Cmd;
use super::prim::{Cap, Join, Prim};
use super::scene::Rgba;
use tiny_skia::{
    Color, FillRule, FilterQuality, LineCap, LineJoin, Mask, Paint, Path, PathBuilder, Pixmap, PixmapPaint, Rect,
    Stroke, StrokeDash, Transform,
};

fn path(cmds: &[Cmd]) -> Option<Path> {
    let mut pb = PathBuilder::new();
    for c in cmds {
        match *c {
            Cmd::Move(x, y) => pb.move_to(x as f32, y as f32),
            Cmd::Line(x, y) => pb.line_to(x as f32, y as f32),
            Cmd::Quad(a, b, x, y) => pb.quad_to(a as f32, b as f32, x as f32, y as f32),
            Cmd::Cubic(a, b, c, d, x, y) => pb.cubic_to(a as f32, b as f32, c as f32, d as f32, x as f32, y as f32),
            Cmd::Close => pb.close(),
        }
    }
    pb.finish()
}

fn paint(c: Rgba) -> Paint<'static> {
    let mut p = Paint::default();
    let [r, g, b, a] = super::draw::rgba8(c);
    p.set_color(Color::from_rgba8(r, g, b, a));
    p.anti_alias = true;
    p
}

fn mask(w: u32, h: u32, clip: Option<[f64; 4]>) -> Option<Mask> {
    let [x0, y0, x1, y1] = clip?;
    let mut m = Mask::new(w, h)?;
    let r = Rect::from_ltrb(
        x0.min(x1) as f32,
        y0.min(y1) as f32,
        x0.max(x1) as f32,
        y0.max(y1) as f32,
    )?;
    m.fill_path(
        &PathBuilder::from_rect(r),
        FillRule::Winding,
        false,
        Transform::identity(),
    );
    Some(m)
}

/// Draws the primitives on a `w`×`h` canvas: premultiplied RGBA8.
pub fn render(prims: &[Prim], w: u32, h: u32) -> Pixmap {
    let mut pm = Pixmap::new(w.max(1), h.max(1)).expect("a canvas of a checked size");
    let mut masks: Vec<([f64; 4], Option<Mask>)> = Vec::new();
    let mask_for = |clip: Option<[f64; 4]>, masks: &mut Vec<([f64; 4], Option<Mask>)>| -> Option<usize> {
        let c = clip?;
        if let Some(i) = masks.iter().position(|(k, _)| *k == c) {
            return Some(i);
        }
        masks.push((c, mask(w, h, Some(c))));
        Some(masks.len() - 1)
    };
    for p in prims {
        match p {
            Prim::Path {
                cmds, fill, pen, clip, ..
            } => {
                let Some(path) = path(cmds) else { continue };
                let mi = mask_for(*clip, &mut masks);
                let m = mi.and_then(|i| masks[i].1.as_ref());
                if let Some(c) = fill {
                    pm.fill_path(&path, &paint(*c), FillRule::Winding, Transform::identity(), m);
                }
                if let Some(pen) = pen {
                    let mut s = Stroke {
                        width: pen.width as f32,
                        line_cap: match pen.cap {
                            Cap::Butt => LineCap::Butt,
                            Cap::Square => LineCap::Square,
                            Cap::Round => LineCap::Round,
                        },
                        line_join: match pen.join {
                            Join::Miter => LineJoin::Miter,
                            Join::Round => LineJoin::Round,
                            Join::Bevel => LineJoin::Bevel,
                        },
                        ..Stroke::default()
                    };
                    if let Some(d) = &pen.dash {
                        let mut v: Vec<f32> = d.iter().map(|x| *x as f32).collect();
                        if v.len() % 2 == 1 {
                            v.extend(v.clone());
                        }
                        s.dash = StrokeDash::new(v, 0.0);
                    }
                    pm.stroke_path(&path, &paint(pen.color), &s, Transform::identity(), m);
                }
            }
            Prim::Image {
                w: iw,
                h: ih,
                rgba,
                dest,
                clip,
            } => {
                let mi = mask_for(*clip, &mut masks);
                let m = mi.and_then(|i| masks[i].1.as_ref());
                image(&mut pm, *iw, *ih, rgba, *dest, m);
            }
        }
    }
    pm
}

fn premultiplied(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .flat_map(|c| {
            let a = c[3] as u32;
            let m = |v: u8| ((v as u32 * a + 127) / 255) as u8;
            [m(c[0]), m(c[1]), m(c[2]), c[3]]
        })
        .collect()
}

/// Area-averages an image down to at most `tw`×`th` (keeps it when already smaller).
fn shrink(w: usize, h: usize, rgba: &[u8], tw: usize, th: usize) -> (usize, usize, Vec<u8>) {
    if tw >= w && th >= h {
        return (w, h, rgba.to_vec());
    }
    let (nw, nh) = (tw.clamp(1, w), th.clamp(1, h));
    let mut out = vec![0u8; nw * nh * 4];
    for oy in 0..nh {
        let (ya, yb) = (oy * h / nh, ((oy + 1) * h / nh).max(oy * h / nh + 1));
        for ox in 0..nw {
            let (xa, xb) = (ox * w / nw, ((ox + 1) * w / nw).max(ox * w / nw + 1));
            let mut acc = [0u32; 4];
            for y in ya..yb {
                for x in xa..xb {
                    for k in 0..4 {
                        acc[k] += rgba[(y * w + x) * 4 + k] as u32;
                    }
                }
            }
            let n = ((yb - ya) * (xb - xa)) as u32;
            for k in 0..4 {
                out[(oy * nw + ox) * 4 + k] = ((acc[k] + n / 2) / n) as u8;
            }
        }
    }
    (nw, nh, out)
}

fn image(pm: &mut Pixmap, w: usize, h: usize, rgba: &[u8], dest: [f64; 4], m: Option<&Mask>) {
    let [x0, y0, x1, y1] = dest;
    let (dw, dh) = ((x1 - x0).abs(), (y1 - y0).abs());
    let (w, h, data) = shrink(w, h, rgba, dw.round() as usize, dh.round() as usize);
    let Some(size) = tiny_skia::IntSize::from_wh(w as u32, h as u32) else {
        return;
    };
    let Some(src) = Pixmap::from_vec(premultiplied(&data), size) else {
        return;
    };
    let (sx, sy) = ((x1 - x0) / w as f64, (y1 - y0) / h as f64);
    let t = Transform::from_row(sx as f32, 0.0, 0.0, sy as f32, x0 as f32, y0 as f32);
    let paint = PixmapPaint {
        quality: FilterQuality::Nearest,
        ..PixmapPaint::default()
    };
    pm.draw_pixmap(0, 0, src.as_ref(), &paint, t, m);
}

/// The canvas as straight (not premultiplied) RGBA8.
pub fn rgba(pm: Pixmap) -> Vec<u8> {
    pm.take_demultiplied()
}
