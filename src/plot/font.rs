//! Text for plots: DejaVu Sans (matplotlib's default font, embedded with its licence in
//! `assets/fonts/`), measured with its advances and `kern` pairs (what matplotlib's
//! layout gives for Latin text) and drawn as glyph outlines, so PNG and SVG show the same
//! shapes wherever they are opened.

use std::sync::OnceLock;
use ttf_parser::{Face, GlyphId, OutlineBuilder};

static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

fn face() -> &'static Face<'static> {
    static FACE: OnceLock<Face<'static>> = OnceLock::new();
    FACE.get_or_init(|| Face::parse(FONT, 0).expect("the embedded DejaVu Sans parses"))
}

/// A path command in pixels, y down.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cmd {
    Move(f64, f64),
    Line(f64, f64),
    Quad(f64, f64, f64, f64),
    Cubic(f64, f64, f64, f64, f64, f64),
    Close,
}

/// The font's units per em (2048).
fn upem() -> f64 {
    face().units_per_em() as f64
}

/// Ascent and descent of a line of text `size` px tall, as matplotlib 3.11 boxes it: the
/// OS/2 typographic values (1556 and 492 of 2048 units).
pub fn line_metrics(size: f64) -> (f64, f64) {
    (1556.0 / 2048.0 * size, 492.0 / 2048.0 * size)
}

fn glyph(c: char) -> GlyphId {
    face().glyph_index(c).unwrap_or(GlyphId(0))
}

fn kerning(l: GlyphId, r: GlyphId) -> f64 {
    let Some(kern) = face().tables().kern else {
        return 0.0;
    };
    for sub in kern.subtables {
        if sub.horizontal && !sub.has_cross_stream {
            if let Some(k) = sub.glyphs_kerning(l, r) {
                return k as f64;
            }
        }
    }
    0.0
}

/// Each glyph of `s` with its pen position in font units.
fn layout(s: &str) -> Vec<(GlyphId, f64)> {
    let mut out = Vec::with_capacity(s.len());
    let mut x = 0.0;
    let mut prev: Option<GlyphId> = None;
    for c in s.chars() {
        let g = glyph(c);
        if let Some(p) = prev {
            x += kerning(p, g);
        }
        out.push((g, x));
        x += face().glyph_hor_advance(g).unwrap_or(0) as f64;
        prev = Some(g);
    }
    out.push((GlyphId(0), x));
    out
}

/// The advance width of `s` at `size` px.
pub fn width(s: &str, size: f64) -> f64 {
    layout(s).last().map_or(0.0, |g| g.1) * size / upem()
}

struct Builder<'a> {
    out: &'a mut Vec<Cmd>,
    map: &'a dyn Fn(f64, f64) -> (f64, f64),
}

impl OutlineBuilder for Builder<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        let (a, b) = (self.map)(x as f64, y as f64);
        self.out.push(Cmd::Move(a, b));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (a, b) = (self.map)(x as f64, y as f64);
        self.out.push(Cmd::Line(a, b));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (a, b) = (self.map)(x1 as f64, y1 as f64);
        let (c, d) = (self.map)(x as f64, y as f64);
        self.out.push(Cmd::Quad(a, b, c, d));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (a, b) = (self.map)(x1 as f64, y1 as f64);
        let (c, d) = (self.map)(x2 as f64, y2 as f64);
        let (e, f) = (self.map)(x as f64, y as f64);
        self.out.push(Cmd::Cubic(a, b, c, d, e, f));
    }
    fn close(&mut self) {
        self.out.push(Cmd::Close);
    }
}

/// The outlines of `s` at `size` px, its baseline starting at (0, 0) and running along
/// +x, then rotated `rot` degrees counter-clockwise and moved to (`x`, `y`) (y down).
pub fn outline(s: &str, size: f64, x: f64, y: f64, rot: f64, out: &mut Vec<Cmd>) {
    let k = size / upem();
    let (sin, cos) = rot.to_radians().sin_cos();
    for (g, pen) in layout(s) {
        if g == GlyphId(0) {
            continue;
        }
        let map = |gx: f64, gy: f64| {
            let (u, v) = ((pen + gx) * k, gy * k);
            (x + u * cos - v * sin, y - (u * sin + v * cos))
        };
        let mut b = Builder { out, map: &map };
        face().outline_glyph(g, &mut b);
    }
}
