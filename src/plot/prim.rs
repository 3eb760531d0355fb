//! What a figure is drawn with: filled and stroked paths in pixels (y down), images, and
//! text already turned into glyph outlines. The raster (`raster.rs`) and SVG (`svg.rs`)
//! writers read only these.

use super::font::{self, Cmd};
use super::scene::Rgba;

#[derive(Clone, Copy, PartialEq)]
pub enum Cap {
    Butt,
    Square,
    Round,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Join {
    Miter,
    Round,
    Bevel,
}

#[derive(Clone)]
pub struct Pen {
    pub color: Rgba,
    /// Width in pixels.
    pub width: f64,
    /// Dash lengths in pixels.
    pub dash: Option<Vec<f64>>,
    pub cap: Cap,
    pub join: Join,
}

pub enum Prim {
    Path {
        cmds: Vec<Cmd>,
        fill: Option<Rgba>,
        pen: Option<Pen>,
        /// (x0, y0, x1, y1) in pixels.
        clip: Option<[f64; 4]>,
        /// The text these outlines spell (written into the SVG as a comment) and its
        /// layout box (x0, y0, x1, y1), which tight_layout measures instead of the ink.
        text: Option<(String, [f64; 4])>,
    },
    Image {
        w: usize,
        h: usize,
        rgba: Vec<u8>,
        /// Where the image's corners land: (x0, y0, x1, y1) in pixels; x1 < x0 or y1 < y0
        /// flips it.
        dest: [f64; 4],
        clip: Option<[f64; 4]>,
    },
}

/// A run of text: (string, size in px, rise in px above the baseline). A run of size 0
/// is not drawn: it is the text's source for the SVG comment (a log label's mathtext).
pub type Run = (String, f64, f64);

/// The width of runs laid end to end.
pub fn runs_width(runs: &[Run]) -> f64 {
    runs.iter().map(|(s, size, _)| font::width(s, *size)).sum()
}

/// Text's box: (width, ascent, descent) in px, as matplotlib 3.11 measures a line.
pub fn text_box(runs: &[Run]) -> (f64, f64, f64) {
    let size = runs.iter().map(|r| r.1).fold(0.0, f64::max);
    let (a, d) = font::line_metrics(size);
    let rise = runs.iter().map(|r| r.2 + font::line_metrics(r.1).0).fold(0.0, f64::max);
    (runs_width(runs), a.max(rise), d)
}

/// The outlines of runs whose baseline starts at (x, y), rotated `rot` degrees.
pub fn text_prim(runs: &[Run], x: f64, y: f64, rot: f64, color: Rgba) -> Prim {
    let mut cmds = Vec::new();
    let (sin, cos) = rot.to_radians().sin_cos();
    let mut pen = 0.0;
    for (s, size, rise) in runs.iter().filter(|r| r.1 > 0.0) {
        let (px, py) = (x + pen * cos - rise * sin, y - (pen * sin + rise * cos));
        font::outline(s, *size, px, py, rot, &mut cmds);
        pen += font::width(s, *size);
    }
    let text = match runs.iter().find(|r| r.1 == 0.0) {
        Some(source) => source.0.clone(),
        None => runs.iter().map(|r| r.0.as_str()).collect::<String>(),
    };
    let (w, a, d) = text_box(runs);
    let corners = [(0.0, -d), (w, -d), (w, a), (0.0, a)].map(|(u, v)| (x + u * cos - v * sin, y - (u * sin + v * cos)));
    let b = [
        corners.iter().map(|p| p.0).fold(f64::INFINITY, f64::min),
        corners.iter().map(|p| p.1).fold(f64::INFINITY, f64::min),
        corners.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max),
        corners.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max),
    ];
    Prim::Path {
        cmds,
        fill: Some(color),
        pen: None,
        clip: None,
        text: Some((text, b)),
    }
}

/// Places text with matplotlib's alignment: `ha` left/center/right, `va`
/// top/bottom/center/baseline/center_baseline; a rotated text (rotation_mode 'default')
/// aligns its rotated bounding box. Returns the primitive and its box (x0, y0, x1, y1).
pub fn place(runs: &[Run], x: f64, y: f64, ha: &str, va: &str, rot: f64, color: Rgba) -> (Prim, [f64; 4]) {
    let (w, a, d) = text_box(runs);
    let (sin, cos) = rot.to_radians().sin_cos();
    // The box's corners relative to the baseline's start, y up.
    let corners = [(0.0, -d), (w, -d), (w, a), (0.0, a)];
    let rotd: Vec<(f64, f64)> = corners
        .iter()
        .map(|&(u, v)| (u * cos - v * sin, u * sin + v * cos))
        .collect();
    let xmin = rotd.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let xmax = rotd.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let ymin = rotd.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let ymax = rotd.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let ox = match ha {
        "center" => (xmin + xmax) / 2.0,
        "right" => xmax,
        _ => xmin,
    };
    let oy = if rot == 0.0 {
        match va {
            "top" => ymax,
            "center" => (ymin + ymax) / 2.0,
            "bottom" => ymin,
            "center_baseline" => a / 2.0,
            _ => 0.0,
        }
    } else {
        match va {
            "top" => ymax,
            "center" | "center_baseline" => (ymin + ymax) / 2.0,
            "bottom" => ymin,
            _ => 0.0,
        }
    };
    let (bx, by) = (x - ox, y + oy);
    let prim = text_prim(runs, bx, by, rot, color);
    (prim, [bx + xmin, by - ymax, bx + xmax, by - ymin])
}

/// A rectangle's path.
pub fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<Cmd> {
    vec![
        Cmd::Move(x0, y0),
        Cmd::Line(x1, y0),
        Cmd::Line(x1, y1),
        Cmd::Line(x0, y1),
        Cmd::Close,
    ]
}

/// Agg's snapping of horizontal and vertical strokes: to a pixel centre for odd widths,
/// to a pixel edge for even ones.
pub fn snap(v: f64, width_px: f64) -> f64 {
    if (width_px.round() as i64) % 2 == 1 {
        (v + 0.5).floor() + 0.5
    } else {
        (v + 0.5).floor()
    }
}

/// Moves every primitive by (dx, dy) pixels: `savefig(bbox_inches='tight')` draws the
/// figure into the box around what it shows.
pub fn shift(prims: &mut [Prim], dx: f64, dy: f64) {
    let rect = |r: &mut [f64; 4]| {
        r[0] += dx;
        r[1] += dy;
        r[2] += dx;
        r[3] += dy;
    };
    for p in prims {
        match p {
            Prim::Path { cmds, clip, text, .. } => {
                for c in cmds.iter_mut() {
                    *c = match *c {
                        Cmd::Move(x, y) => Cmd::Move(x + dx, y + dy),
                        Cmd::Line(x, y) => Cmd::Line(x + dx, y + dy),
                        Cmd::Quad(a, b, x, y) => Cmd::Quad(a + dx, b + dy, x + dx, y + dy),
                        Cmd::Cubic(a, b, c2, d, x, y) => Cmd::Cubic(a + dx, b + dy, c2 + dx, d + dy, x + dx, y + dy),
                        Cmd::Close => Cmd::Close,
                    };
                }
                clip.as_mut().map(rect);
                if let Some((_, b)) = text {
                    rect(b);
                }
            }
            Prim::Image { dest, clip, .. } => {
                rect(dest);
                clip.as_mut().map(rect);
            }
        }
    }
}
