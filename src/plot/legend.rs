//! The legend: one row per labelled artist (a line sample with its marker, or a patch),
//! in a rounded, translucent frame placed at `loc`; 'best' (0) tries matplotlib's ten
//! positions in order and takes the first that covers no data, else the least covering.

use super::draw::pen;
use super::font::Cmd;
use super::layout::Frame;
use super::markers;
use super::prim::{self, Cap, Join, Pen, Prim};
use super::scene::{Axes, Kind, Marker};

enum Handle<'a> {
    Line(Option<&'a super::scene::Stroke>, Option<&'a Marker>),
    /// A patch's face, and its outline (a step histogram's, which has no face).
    Patch([f64; 4], Option<&'a super::scene::Stroke>),
    Dot(Marker),
}

fn handles(ax: &Axes) -> Vec<(Handle<'_>, &str)> {
    let mut out = Vec::new();
    for a in &ax.artists {
        let Some(label) = a.label.as_deref() else { continue };
        let h = match &a.kind {
            Kind::Line { stroke, marker, .. } => Handle::Line(stroke.as_ref(), marker.as_ref()),
            Kind::Rects { face, .. } => Handle::Patch(*face, None),
            Kind::Poly { face, edge, closed, .. } => Handle::Patch(
                if *closed { *face } else { [0.0; 4] },
                edge.as_ref().filter(|_| !*closed),
            ),
            Kind::Scatter {
                faces,
                sizes,
                marker,
                edge_width,
                ..
            } => {
                let c = faces.first().copied().unwrap_or([0.0, 0.0, 0.0, 1.0]);
                let size = sizes.first().copied().unwrap_or(36.0).sqrt();
                Handle::Dot(Marker {
                    shape: *marker,
                    size,
                    face: c,
                    edge: c,
                    edge_width: *edge_width,
                })
            }
            Kind::Segments { stroke, .. } => Handle::Line(Some(stroke), None),
            _ => continue,
        };
        out.push((h, label));
    }
    out
}

/// How much of the axes' content a box at (x0, y0, x1, y1) would cover.
fn badness(ax: &Axes, f: &Frame, b: [f64; 4]) -> usize {
    let inside = |x: f64, y: f64| x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
    let mut n = 0;
    for a in &ax.artists {
        match &a.kind {
            Kind::Line { x, y, coords: 0, .. } | Kind::Scatter { x, y, .. } => {
                let pts: Vec<(f64, f64)> = x.iter().zip(y).map(|(&x, &y)| (f.px(x), f.py(y))).collect();
                n += pts.iter().filter(|p| inside(p.0, p.1)).count();
                if matches!(a.kind, Kind::Line { .. }) {
                    n += pts.windows(2).filter(|w| crosses(w[0], w[1], b)).count().min(1);
                }
            }
            // Other patches and fill_between's polygons count as matplotlib counts a
            // line: their vertices inside, and whether their outline crosses the box.
            Kind::Poly { pts, closed, .. } => {
                let mut ps: Vec<(f64, f64)> = pts.iter().map(|&(x, y)| (f.px(x), f.py(y))).collect();
                n += ps.iter().filter(|p| inside(p.0, p.1)).count();
                if *closed && let Some(&p0) = ps.first() {
                    ps.push(p0);
                }
                n += ps.windows(2).filter(|w| crosses(w[0], w[1], b)).count().min(1);
            }
            Kind::Rects { rects, .. } => {
                for r in rects {
                    let (xa, xb) = (f.px(r[0]).min(f.px(r[0] + r[2])), f.px(r[0]).max(f.px(r[0] + r[2])));
                    let (ya, yb) = (f.py(r[1]).min(f.py(r[1] + r[3])), f.py(r[1]).max(f.py(r[1] + r[3])));
                    if xa < b[2] && xb > b[0] && ya < b[3] && yb > b[1] {
                        n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    n
}

fn crosses(p: (f64, f64), q: (f64, f64), b: [f64; 4]) -> bool {
    // Sampling along the segment is enough to tell whether a line passes through the box.
    (0..=16).any(|i| {
        let t = i as f64 / 16.0;
        let (x, y) = (p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t);
        x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3]
    })
}

fn at(code: i64, f: &Frame, w: f64, h: f64, pad: f64) -> [f64; 4] {
    let (l, r) = (f.x0 + pad, f.x1 - pad - w);
    let (t, btm) = (f.y0 + pad, f.y1 - pad - h);
    let cx = (f.x0 + f.x1 - w) / 2.0;
    let cy = (f.y0 + f.y1 - h) / 2.0;
    let (x, y) = match code {
        2 => (l, t),
        3 => (l, btm),
        4 => (r, btm),
        5 | 7 => (r, cy),
        6 => (l, cy),
        8 => (cx, btm),
        9 => (cx, t),
        10 => (cx, cy),
        _ => (r, t),
    };
    [x, y, x + w, y + h]
}

pub fn push(ax: &Axes, f: &Frame, loc: i64, out: &mut Vec<(f64, Prim)>) {
    let entries = handles(ax);
    if entries.is_empty() {
        return;
    }
    let fs = 10.0 * f.pt;
    let (border, spacing, hlen, hheight, hpad) = (0.4 * fs, 0.5 * fs, 2.0 * fs, 0.7 * fs, 0.8 * fs);
    let texts: Vec<Vec<prim::Run>> = entries.iter().map(|(_, l)| vec![(l.to_string(), fs, 0.0)]).collect();
    let tw = texts.iter().map(|t| prim::runs_width(t)).fold(0.0, f64::max);
    let n = entries.len() as f64;
    let w = 2.0 * border + hlen + hpad + tw;
    let h = 2.0 * border + n * fs + (n - 1.0) * spacing;
    let pad = 0.5 * fs;
    let b = if loc == 0 {
        let mut best = (usize::MAX, 1);
        for code in 1..=10 {
            let bad = badness(ax, f, at(code, f, w, h, pad));
            if bad == 0 {
                best = (0, code);
                break;
            }
            if bad < best.0 {
                best = (bad, code);
            }
        }
        at(best.1, f, w, h, pad)
    } else {
        at(loc, f, w, h, pad)
    };
    let r = 0.2 * fs;
    let frame = rounded(b, r);
    let edge = Pen {
        color: [0.8, 0.8, 0.8, 0.8],
        width: f.pt,
        dash: None,
        cap: Cap::Butt,
        join: Join::Miter,
    };
    out.push((
        5.0,
        Prim::Path {
            cmds: frame,
            fill: Some([1.0, 1.0, 1.0, 0.8]),
            pen: Some(edge),
            clip: None,
            text: None,
        },
    ));
    let (a, _) = super::font::line_metrics(fs);
    for (i, ((handle, _), text)) in entries.iter().zip(&texts).enumerate() {
        let top = b[1] + border + i as f64 * (fs + spacing);
        let baseline = top + a;
        let mid = baseline - hheight / 2.0 + 0.1 * fs;
        let hx = b[0] + border;
        match handle {
            Handle::Line(stroke, marker) => {
                if let Some(s) = stroke {
                    let cmds = vec![Cmd::Move(hx, mid), Cmd::Line(hx + hlen, mid)];
                    out.push((
                        5.0,
                        Prim::Path {
                            cmds,
                            fill: None,
                            pen: Some(pen(s, f.pt, Cap::Square)),
                            clip: None,
                            text: None,
                        },
                    ));
                }
                if let Some(m) = marker {
                    let mut ps = Vec::new();
                    markers::push(m, hx + hlen / 2.0, mid, f.pt, None, &mut ps);
                    out.extend(ps.into_iter().map(|p| (5.0, p)));
                }
            }
            Handle::Patch(face, edge) => {
                let cmds = prim::rect(hx, mid - hheight / 2.0, hx + hlen, mid + hheight / 2.0);
                out.push((
                    5.0,
                    Prim::Path {
                        cmds,
                        fill: Some(*face),
                        pen: edge.map(|s| pen(s, f.pt, Cap::Butt)),
                        clip: None,
                        text: None,
                    },
                ));
            }
            Handle::Dot(m) => {
                let mut ps = Vec::new();
                markers::push(m, hx + hlen / 2.0, mid, f.pt, None, &mut ps);
                out.extend(ps.into_iter().map(|p| (5.0, p)));
            }
        }
        out.push((
            5.0,
            prim::text_prim(text, hx + hlen + hpad, baseline, 0.0, [0.0, 0.0, 0.0, 1.0]),
        ));
    }
}

/// A rectangle with rounded corners of radius `r`.
fn rounded(b: [f64; 4], r: f64) -> Vec<Cmd> {
    let [x0, y0, x1, y1] = b;
    let k = 0.552_284_749_8 * r;
    vec![
        Cmd::Move(x0 + r, y0),
        Cmd::Line(x1 - r, y0),
        Cmd::Cubic(x1 - r + k, y0, x1, y0 + r - k, x1, y0 + r),
        Cmd::Line(x1, y1 - r),
        Cmd::Cubic(x1, y1 - r + k, x1 - r + k, y1, x1 - r, y1),
        Cmd::Line(x0 + r, y1),
        Cmd::Cubic(x0 + r - k, y1, x0, y1 - r + k, x0, y1 - r),
        Cmd::Line(x0, y0 + r),
        Cmd::Cubic(x0, y0 + r - k, x0 + r - k, y0, x0 + r, y0),
        Cmd::Close,
    ]
}
