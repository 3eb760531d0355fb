//! A figure as primitives: each axes' background, artists in zorder (images 0, patches 1,
//! ticks and grid 1.5, lines 2, spines 2.5, text 3, legend 5), tick labels, axis labels,
//! title; then the figure's own texts.

use super::font::Cmd;
use super::layout::{self, Frame, Tick};
use super::markers;
use super::prim::{self, Cap, Join, Pen, Prim, Run};
use super::scene::{Artist, Axes, Figure, Kind, Label, Rgba, Stroke};

const BLACK: Rgba = [0.0, 0.0, 0.0, 1.0];

/// Everything to draw, in order.
pub fn figure(fig: &Figure) -> Vec<Prim> {
    let (w, h) = (fig.size.0 * fig.dpi, fig.size.1 * fig.dpi);
    let mut out = vec![Prim::Path {
        cmds: prim::rect(0.0, 0.0, w, h),
        fill: Some(fig.face),
        pen: None,
        clip: None,
        text: None,
    }];
    for ax in &fig.axes {
        axes_into(fig, ax, &mut out);
    }
    let pt = fig.dpi / 72.0;
    for t in &fig.texts {
        let runs = vec![(t.text.clone(), t.size * pt, 0.0)];
        out.push(prim::place(&runs, t.x * w, (1.0 - t.y) * h, &t.ha, &t.va, t.rotation, t.color).0);
    }
    out
}

pub fn pen(s: &Stroke, pt: f64, cap: Cap) -> Pen {
    let dash = s.dash.as_ref().map(|d| d.iter().map(|v| v * pt).collect());
    Pen {
        color: s.color,
        width: s.width * pt,
        cap: if s.dash.is_some() { Cap::Butt } else { cap },
        join: Join::Round,
        dash,
    }
}

fn line_path(f: &Frame, xs: &[f64], ys: &[f64], coords: u8) -> Vec<Cmd> {
    let mut cmds = Vec::with_capacity(xs.len());
    let mut pen_down = false;
    for (&x, &y) in xs.iter().zip(ys) {
        let px = if coords == 1 { f.x0 + x * (f.x1 - f.x0) } else { f.px(x) };
        let py = if coords == 2 { f.y1 - y * (f.y1 - f.y0) } else { f.py(y) };
        if !(px.is_finite() && py.is_finite()) {
            pen_down = false;
            continue;
        }
        cmds.push(if pen_down { Cmd::Line(px, py) } else { Cmd::Move(px, py) });
        pen_down = true;
    }
    cmds
}

fn artist(f: &Frame, a: &Artist, out: &mut Vec<Prim>) {
    let clip = Some(f.clip());
    let pt = f.pt;
    match &a.kind {
        Kind::Line {
            x,
            y,
            stroke,
            marker,
            coords,
        } => {
            if let Some(s) = stroke {
                let cmds = line_path(f, x, y, *coords);
                if cmds.len() > 1 {
                    out.push(Prim::Path {
                        cmds,
                        fill: None,
                        pen: Some(pen(s, pt, Cap::Square)),
                        clip,
                        text: None,
                    });
                }
            }
            if let Some(m) = marker {
                for (&x, &y) in x.iter().zip(y) {
                    let (px, py) = (f.px(x), f.py(y));
                    if px.is_finite() && py.is_finite() {
                        markers::push(m, px, py, pt, clip, out);
                    }
                }
            }
        }
        Kind::Rects { rects, face, edge, .. } => {
            for r in rects {
                let (xa, xb) = (f.px(r[0]), f.px(r[0] + r[2]));
                let (ya, yb) = (f.py(r[1]), f.py(r[1] + r[3]));
                let cmds = prim::rect(xa.round(), ya.round(), xb.round(), yb.round());
                let pen = edge.as_ref().map(|s| Pen {
                    join: Join::Miter,
                    ..pen(s, pt, Cap::Butt)
                });
                out.push(Prim::Path {
                    cmds,
                    fill: Some(*face),
                    pen,
                    clip,
                    text: None,
                });
            }
        }
        Kind::Poly {
            pts,
            face,
            edge,
            closed,
            ..
        } => {
            let mut cmds: Vec<Cmd> = Vec::new();
            for &(x, y) in pts {
                let p = (f.px(x), f.py(y));
                if p.0.is_finite() && p.1.is_finite() {
                    cmds.push(if cmds.is_empty() {
                        Cmd::Move(p.0, p.1)
                    } else {
                        Cmd::Line(p.0, p.1)
                    });
                }
            }
            if *closed {
                cmds.push(Cmd::Close);
            }
            let pen = edge.as_ref().map(|s| pen(s, pt, Cap::Butt));
            out.push(Prim::Path {
                cmds,
                fill: closed.then_some(*face),
                pen,
                clip,
                text: None,
            });
        }
        Kind::Scatter {
            x,
            y,
            sizes,
            faces,
            marker,
            edge_width,
        } => {
            for (i, (&x, &y)) in x.iter().zip(y).enumerate() {
                let (px, py) = (f.px(x), f.py(y));
                if !(px.is_finite() && py.is_finite()) {
                    continue;
                }
                let s = sizes.get(i).or(sizes.first()).copied().unwrap_or(36.0);
                let c = faces.get(i).or(faces.first()).copied().unwrap_or(BLACK);
                let m = super::scene::Marker {
                    shape: *marker,
                    size: s.sqrt(),
                    face: c,
                    edge: c,
                    edge_width: *edge_width,
                };
                markers::push(&m, px, py, pt, clip, out);
            }
        }
        Kind::Segments { segs, stroke } => {
            let mut cmds = Vec::new();
            for s in segs {
                cmds.push(Cmd::Move(f.px(s[0]), f.py(s[1])));
                cmds.push(Cmd::Line(f.px(s[2]), f.py(s[3])));
            }
            out.push(Prim::Path {
                cmds,
                fill: None,
                pen: Some(pen(stroke, pt, Cap::Square)),
                clip,
                text: None,
            });
        }
        Kind::Image { w, h, rgba, extent } => {
            let dest = [f.px(extent[0]), f.py(extent[3]), f.px(extent[1]), f.py(extent[2])];
            out.push(Prim::Image {
                w: *w,
                h: *h,
                rgba: rgba.clone(),
                dest,
                clip,
            });
        }
        Kind::Text(t) => {
            let (x, y) = place_xy(f, t);
            let runs = vec![(t.text.clone(), t.size * pt, 0.0)];
            out.push(
                prim::place(
                    &runs,
                    x,
                    y,
                    or(&t.ha, "left"),
                    or(&t.va, "baseline"),
                    t.rotation,
                    t.color,
                )
                .0,
            );
        }
    }
}

fn or<'a>(s: &'a str, d: &'a str) -> &'a str {
    if s.is_empty() { d } else { s }
}

fn place_xy(f: &Frame, t: &Label) -> (f64, f64) {
    if t.coords == 1 {
        (f.x0 + t.x * (f.x1 - f.x0), f.y1 - t.y * (f.y1 - f.y0))
    } else {
        (f.px(t.x), f.py(t.y))
    }
}

/// A straight stroke, snapped as Agg snaps rectilinear lines.
fn rule(x0: f64, y0: f64, x1: f64, y1: f64, width: f64, color: Rgba, clip: Option<[f64; 4]>) -> Prim {
    let (x0, x1) = if x0 == x1 {
        (prim::snap(x0, width), prim::snap(x1, width))
    } else {
        (x0, x1)
    };
    let (y0, y1) = if y0 == y1 {
        (prim::snap(y0, width), prim::snap(y1, width))
    } else {
        (y0, y1)
    };
    let pen = Pen {
        color,
        width,
        dash: None,
        cap: Cap::Butt,
        join: Join::Miter,
    };
    Prim::Path {
        cmds: vec![Cmd::Move(x0, y0), Cmd::Line(x1, y1)],
        fill: None,
        pen: Some(pen),
        clip,
        text: None,
    }
}

/// The boxes of tick labels drawn, for placing the axis labels beside them.
struct Decor {
    /// The lowest y of the x tick labels (or the spine) and the leftmost x of the y ones.
    xlabels_bottom: f64,
    ylabels_left: f64,
    yright_right: f64,
}

fn ticks_and_grid(ax: &Axes, f: &Frame, out: &mut Vec<(f64, Prim)>, decor: &mut Decor) -> [String; 2] {
    let pt = f.pt;
    let mut offsets = [String::new(), String::new()];
    let cb = ax.colorbar.is_some();
    for is_x in [true, false] {
        if cb && is_x {
            continue;
        }
        let (ticks, offset): (Vec<Tick>, String) = layout::axis_ticks(ax, f, is_x);
        let grid = if is_x { ax.xgrid } else { ax.ygrid };
        for t in &ticks {
            let p = if is_x { f.px(t.at) } else { f.py(t.at) };
            let (len, width) = if t.major {
                (3.5 * pt, 0.8 * pt)
            } else {
                (2.0 * pt, 0.6 * pt)
            };
            if grid && t.major {
                let g = [0.690196, 0.690196, 0.690196, 1.0];
                let line = if is_x {
                    rule(p, f.y0, p, f.y1, 0.8 * pt, g, None)
                } else {
                    rule(f.x0, p, f.x1, p, 0.8 * pt, g, None)
                };
                out.push((1.5, line));
            }
            let mark = if is_x {
                rule(p, f.y1, p, f.y1 + len, width, BLACK, None)
            } else if cb {
                rule(f.x1, p, f.x1 + len, p, width, BLACK, None)
            } else {
                rule(f.x0 - len, p, f.x0, p, width, BLACK, None)
            };
            out.push((1.5, mark));
            if t.label.is_empty() {
                continue;
            }
            let pad = len + 3.5 * pt;
            let (prim, bx) = if is_x {
                prim::place(&t.label, p, f.y1 + pad, "center", "top", 0.0, BLACK)
            } else if cb {
                prim::place(&t.label, f.x1 + pad, p, "left", "center_baseline", 0.0, BLACK)
            } else {
                prim::place(&t.label, f.x0 - pad, p, "right", "center_baseline", 0.0, BLACK)
            };
            if is_x {
                decor.xlabels_bottom = decor.xlabels_bottom.max(bx[3]);
            } else if cb {
                decor.yright_right = decor.yright_right.max(bx[2]);
            } else {
                decor.ylabels_left = decor.ylabels_left.min(bx[0]);
            }
            out.push((3.0, prim));
        }
        offsets[!is_x as usize] = offset;
    }
    offsets
}

/// One axes' primitives.
pub fn axes_into(fig: &Figure, ax: &Axes, out: &mut Vec<Prim>) {
    let f = layout::frame(fig, ax);
    let pt = f.pt;
    out.push(Prim::Path {
        cmds: prim::rect(f.x0, f.y0, f.x1, f.y1),
        fill: Some(ax.face),
        pen: None,
        clip: None,
        text: None,
    });
    let mut layered: Vec<(f64, Prim)> = Vec::new();
    for a in &ax.artists {
        let mut prims = Vec::new();
        artist(&f, a, &mut prims);
        layered.extend(prims.into_iter().map(|p| (a.z, p)));
    }
    if let Some((cmap, _, _)) = &ax.colorbar {
        layered.push((0.0, colorbar_image(&f, cmap)));
    }
    let mut decor = Decor {
        xlabels_bottom: f.y1,
        ylabels_left: f.x0,
        yright_right: f.x1,
    };
    let offsets = ticks_and_grid(ax, &f, &mut layered, &mut decor);
    let sw = 0.8 * pt;
    for (a, b, c, d) in [
        (f.x0, f.y0, f.x0, f.y1),
        (f.x1, f.y0, f.x1, f.y1),
        (f.x0, f.y1, f.x1, f.y1),
        (f.x0, f.y0, f.x1, f.y0),
    ] {
        layered.push((2.5, rule(a, b, c, d, sw, BLACK, None)));
    }
    if let Some(loc) = ax.legend {
        super::legend::push(ax, &f, loc, &mut layered);
    }
    layered.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.extend(layered.into_iter().map(|(_, p)| p));
    let size = 10.0 * pt;
    let one = |s: &str, size: f64| -> Vec<Run> { vec![(s.to_string(), size, 0.0)] };
    if !offsets[0].is_empty() {
        let top = decor.xlabels_bottom + 3.0 * pt;
        out.push(prim::place(&one(&offsets[0], size), f.x1, top, "right", "top", 0.0, BLACK).0);
    }
    if !offsets[1].is_empty() {
        out.push(
            prim::place(
                &one(&offsets[1], size),
                f.x0,
                f.y0 - 3.0 * pt,
                "left",
                "baseline",
                0.0,
                BLACK,
            )
            .0,
        );
    }
    if !ax.xlabel.is_empty() {
        let top = decor.xlabels_bottom + 4.0 * pt;
        out.push(
            prim::place(
                &one(&ax.xlabel, size),
                (f.x0 + f.x1) / 2.0,
                top,
                "center",
                "top",
                0.0,
                BLACK,
            )
            .0,
        );
    }
    if !ax.ylabel.is_empty() {
        // rotation_mode 'anchor': aligned unrotated (centred, bottom at the anchor), then
        // turned 90° about the anchor.
        let runs = one(&ax.ylabel, size);
        let (w, _, d) = prim::text_box(&runs);
        let (anchor_x, anchor_y) = if ax.colorbar.is_some() {
            (decor.yright_right + 4.0 * pt, (f.y0 + f.y1) / 2.0)
        } else {
            (decor.ylabels_left - 4.0 * pt, (f.y0 + f.y1) / 2.0)
        };
        if ax.colorbar.is_some() {
            // On the right: va 'top' turned 90°, the text's top faces the axes.
            let (_, a, _) = prim::text_box(&runs);
            out.push(prim::text_prim(&runs, anchor_x + a, anchor_y + w / 2.0, 90.0, BLACK));
        } else {
            out.push(prim::text_prim(&runs, anchor_x - d, anchor_y + w / 2.0, 90.0, BLACK));
        }
    }
    if !ax.title.is_empty() {
        let runs = one(&ax.title, 12.0 * pt);
        out.push(
            prim::place(
                &runs,
                (f.x0 + f.x1) / 2.0,
                f.y0 - 6.0 * pt,
                "center",
                "baseline",
                0.0,
                BLACK,
            )
            .0,
        );
    }
}

/// A colorbar's gradient: the colormap's 256 entries bottom to top.
fn colorbar_image(f: &Frame, cmap: &str) -> Prim {
    let table = super::colors::cmap(cmap).unwrap_or(&super::cmaps::CMAPS[0].1);
    let mut rgba = Vec::with_capacity(256 * 4);
    for i in (0..256).rev() {
        rgba.extend_from_slice(&[table[i][0], table[i][1], table[i][2], 255]);
    }
    Prim::Image {
        w: 1,
        h: 256,
        rgba,
        dest: [f.x0, f.y0, f.x1, f.y1],
        clip: Some(f.clip()),
    }
}

/// Converts a colour to 8-bit RGBA.
pub fn rgba8(c: Rgba) -> [u8; 4] {
    c.map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8)
}
