//! What a figure holds, read from the description `matplotlib.pyplot` (stdlib, nt code)
//! builds: dicts of plain values and float64 arrays, colours already RGBA. The layout
//! (`layout.rs`) turns it into shapes in pixels.

use crate::error::{Res, type_error};
use crate::value::Value;

pub type Rgba = [f64; 4];

pub struct Figure {
    /// Width and height in inches.
    pub size: (f64, f64),
    pub dpi: f64,
    pub face: Rgba,
    pub axes: Vec<Axes>,
    /// `fig.text` and `suptitle`: in figure fractions.
    pub texts: Vec<Label>,
}

#[derive(Default)]
pub struct Axes {
    /// The slot (left, bottom, width, height) in figure fractions.
    pub pos: [f64; 4],
    pub title: String,
    pub xlabel: String,
    pub ylabel: String,
    pub xlim: Option<(f64, f64)>,
    pub ylim: Option<(f64, f64)>,
    pub xlog: bool,
    pub ylog: bool,
    pub xgrid: bool,
    pub ygrid: bool,
    /// `Some(loc)` when a legend is shown: 0 'best', 1 'upper right', ... as matplotlib.
    pub legend: Option<i64>,
    pub artists: Vec<Artist>,
    /// imshow's aspect 'equal': the box shrinks so a data unit is as long in x as in y.
    pub equal: bool,
    /// A colorbar's axes: (cmap name, vmin, vmax).
    pub colorbar: Option<(String, f64, f64)>,
    /// `set_xticks` / `set_yticks`: positions and optional labels.
    pub xticks: Option<(Vec<f64>, Option<Vec<String>>)>,
    pub yticks: Option<(Vec<f64>, Option<Vec<String>>)>,
    pub face: Rgba,
}

/// A line's style: colour, width in points, dash pattern in points (None: solid).
#[derive(Clone)]
pub struct Stroke {
    pub color: Rgba,
    pub width: f64,
    pub dash: Option<Vec<f64>>,
}

#[derive(Clone)]
pub struct Marker {
    pub shape: char,
    /// Size in points.
    pub size: f64,
    pub face: Rgba,
    pub edge: Rgba,
    pub edge_width: f64,
}

pub enum Kind {
    /// A polyline; `coords` 0 data, 1 x in axes fractions (axhline), 2 y in axes (axvline).
    Line {
        x: Vec<f64>,
        y: Vec<f64>,
        stroke: Option<Stroke>,
        marker: Option<Marker>,
        coords: u8,
    },
    /// Rectangles (x, y, w, h) in data units: bars and histograms.
    /// `horizontal`: barh's bars, which stick to their base in x.
    Rects {
        rects: Vec<[f64; 4]>,
        face: Rgba,
        edge: Option<Stroke>,
        horizontal: bool,
    },
    /// A polygon in data units: fill_between's, a step histogram's outline (`closed`
    /// false: not filled, not closed). `sticky_y`: values the y margins stop at.
    Poly {
        pts: Vec<(f64, f64)>,
        face: Rgba,
        edge: Option<Stroke>,
        closed: bool,
        sticky_y: Vec<f64>,
    },
    /// Markers at points, each its own size (points²) and colour.
    Scatter {
        x: Vec<f64>,
        y: Vec<f64>,
        sizes: Vec<f64>,
        faces: Vec<Rgba>,
        marker: char,
        edge_width: f64,
    },
    /// Line segments (x0, y0, x1, y1): error bars and their caps.
    Segments {
        segs: Vec<[f64; 4]>,
        stroke: Stroke,
    },
    /// An RGBA image of `w`×`h` pixels over `extent` (left, right, bottom, top).
    Image {
        w: usize,
        h: usize,
        rgba: Vec<u8>,
        extent: [f64; 4],
    },
    Text(Label),
}

pub struct Artist {
    pub kind: Kind,
    pub z: f64,
    /// The legend's entry, when the label does not start with '_'.
    pub label: Option<String>,
}

/// Text placed at (x, y): data units (`coords` 0), axes fractions (1) or figure fractions.
#[derive(Clone)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub text: String,
    pub size: f64,
    pub color: Rgba,
    pub ha: String,
    pub va: String,
    pub rotation: f64,
    pub coords: u8,
}

/// Reads the dict nt passes.
struct D<'a>(&'a Value);

impl D<'_> {
    fn get(&self, key: &str) -> Option<Value> {
        let Value::Dict(d) = self.0 else { return None };
        let k = Value::Str(key.into());
        let hk = crate::value::dict::HKey::of(&k).ok()?;
        d.borrow().get(&hk).cloned().filter(|v| !matches!(v, Value::None))
    }
    fn f(&self, key: &str, default: f64) -> Res<f64> {
        self.get(key).map_or(Ok(default), |v| num(&v))
    }
    fn s(&self, key: &str) -> String {
        match self.get(key) {
            Some(Value::Str(s)) => s.to_string(),
            _ => String::new(),
        }
    }
    fn b(&self, key: &str) -> bool {
        matches!(self.get(key), Some(Value::Bool(true)))
    }
    fn arr(&self, key: &str) -> Res<Vec<f64>> {
        self.get(key).map_or(Ok(Vec::new()), |v| floats(&v))
    }
    fn rgba(&self, key: &str) -> Res<Rgba> {
        self.get(key).map_or(Ok([0.0, 0.0, 0.0, 0.0]), |v| rgba(&v))
    }
    fn list(&self, key: &str) -> Vec<Value> {
        match self.get(key) {
            Some(Value::List(l)) => l.borrow().clone(),
            Some(Value::Tuple(t)) => t.to_vec(),
            _ => Vec::new(),
        }
    }
    fn pair(&self, key: &str) -> Res<Option<(f64, f64)>> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => {
                let xs = floats(&v)?;
                Ok((xs.len() == 2).then(|| (xs[0], xs[1])))
            }
        }
    }
}

fn bad(what: &str) -> Box<crate::error::Exc> {
    type_error(format!("matplotlib (nt): malformed figure description ({what})"))
}

pub fn num(v: &Value) -> Res<f64> {
    match v {
        Value::Int(n) => Ok(*n as f64),
        Value::Float(x) => Ok(*x),
        Value::Bool(b) => Ok(*b as u8 as f64),
        _ => floats(v)?.first().copied().ok_or_else(|| bad("number")),
    }
}

/// Numbers from a float array, a list or tuple of numbers, or a number.
pub fn floats(v: &Value) -> Res<Vec<f64>> {
    if let Some((_, nd)) = crate::nd::as_nd(v) {
        return crate::realise::to_f64s(nd).map_err(|e| type_error(e));
    }
    match v {
        Value::List(l) => l.borrow().iter().map(num).collect(),
        Value::Tuple(t) => t.iter().map(num).collect(),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => Ok(vec![num(v)?]),
        _ => Err(bad("numbers")),
    }
}

fn rgba(v: &Value) -> Res<Rgba> {
    let xs = floats(v)?;
    match xs[..] {
        [r, g, b, a] => Ok([r, g, b, a]),
        [r, g, b] => Ok([r, g, b, 1.0]),
        _ => Err(bad("colour")),
    }
}

fn stroke(d: &D) -> Res<Option<Stroke>> {
    let width = d.f("lw", 0.0)?;
    let color = d.rgba("ec")?;
    if width <= 0.0 || color[3] == 0.0 {
        return Ok(None);
    }
    let dash = d.get("dash").map(|v| floats(&v)).transpose()?;
    Ok(Some(Stroke { color, width, dash }))
}

fn shape(d: &D, key: &str) -> Option<char> {
    d.s(key).chars().next()
}

fn label(v: &Value) -> Res<Label> {
    let d = D(v);
    Ok(Label {
        x: d.f("x", 0.0)?,
        y: d.f("y", 0.0)?,
        text: d.s("text"),
        size: d.f("size", 10.0)?,
        color: d.get("color").map_or(Ok([0.0, 0.0, 0.0, 1.0]), |c| rgba(&c))?,
        ha: d.s("ha"),
        va: d.s("va"),
        rotation: d.f("rotation", 0.0)?,
        coords: d.f("coords", 0.0)? as u8,
    })
}

fn artist(v: &Value) -> Res<Artist> {
    let d = D(v);
    let kind = match d.s("kind").as_str() {
        "line" => {
            let marker = match shape(&d, "marker") {
                Some(shape) => Some(Marker {
                    shape,
                    size: d.f("ms", 6.0)?,
                    face: d.rgba("mfc")?,
                    edge: d.rgba("mec")?,
                    edge_width: d.f("mew", 1.0)?,
                }),
                None => None,
            };
            let stroke = if d.b("noline") {
                None
            } else {
                let dash = d.get("dash").map(|v| floats(&v)).transpose()?;
                Some(Stroke {
                    color: d.rgba("color")?,
                    width: d.f("lw", 1.5)?,
                    dash,
                })
            };
            Kind::Line {
                x: d.arr("x")?,
                y: d.arr("y")?,
                stroke,
                marker,
                coords: d.f("coords", 0.0)? as u8,
            }
        }
        "rects" => {
            let xs = d.arr("rects")?;
            Kind::Rects {
                rects: xs.chunks_exact(4).map(|c| [c[0], c[1], c[2], c[3]]).collect(),
                face: d.rgba("fc")?,
                edge: stroke(&d)?,
                horizontal: d.b("horizontal"),
            }
        }
        "poly" => {
            let (x, y) = (d.arr("x")?, d.arr("y")?);
            Kind::Poly {
                pts: x.into_iter().zip(y).collect(),
                face: d.rgba("fc")?,
                edge: stroke(&d)?,
                closed: !d.b("open"),
                sticky_y: if d.get("sticky_y").is_some() {
                    d.arr("sticky_y")?
                } else {
                    Vec::new()
                },
            }
        }
        "scatter" => {
            let fc = d.arr("fc")?;
            Kind::Scatter {
                x: d.arr("x")?,
                y: d.arr("y")?,
                sizes: d.arr("s")?,
                faces: fc.chunks_exact(4).map(|c| [c[0], c[1], c[2], c[3]]).collect(),
                marker: shape(&d, "marker").unwrap_or('o'),
                edge_width: d.f("lw", 1.0)?,
            }
        }
        "segments" => {
            let xs = d.arr("segs")?;
            Kind::Segments {
                segs: xs.chunks_exact(4).map(|c| [c[0], c[1], c[2], c[3]]).collect(),
                stroke: Stroke {
                    color: d.rgba("color")?,
                    width: d.f("lw", 1.5)?,
                    dash: None,
                },
            }
        }
        "image" => {
            let shape = d.arr("shape")?;
            let (h, w) = (
                shape.first().copied().unwrap_or(0.0) as usize,
                shape.get(1).copied().unwrap_or(0.0) as usize,
            );
            let depth = shape.get(2).copied().unwrap_or(1.0) as usize;
            let data = d.arr("data")?;
            if data.len() != w * h * depth {
                return Err(bad("image"));
            }
            let rgba: Vec<u8> = if depth == 1 {
                let (cmap, lo, hi) = (d.s("cmap"), d.f("vmin", 0.0)?, d.f("vmax", 1.0)?);
                data.iter()
                    .flat_map(|&v| super::colors::lookup(&cmap, if hi > lo { (v - lo) / (hi - lo) } else { 0.0 }))
                    .collect()
            } else {
                let scale = d.f("scale", 1.0)?;
                data.chunks_exact(depth)
                    .flat_map(|c| {
                        let b = |v: f64| ((v / scale).clamp(0.0, 1.0) * 255.0) as u8;
                        [b(c[0]), b(c[1]), b(c[2]), if depth == 4 { b(c[3]) } else { 255 }]
                    })
                    .collect()
            };
            let e = d.arr("extent")?;
            if e.len() != 4 {
                return Err(bad("extent"));
            }
            Kind::Image {
                w,
                h,
                rgba,
                extent: [e[0], e[1], e[2], e[3]],
            }
        }
        "text" => Kind::Text(label(v)?),
        _ => return Err(bad("artist kind")),
    };
    let label = Some(d.s("label")).filter(|l| !l.is_empty() && !l.starts_with('_'));
    Ok(Artist {
        kind,
        z: d.f("z", 2.0)?,
        label,
    })
}

fn ticks(d: &D, key: &str) -> Res<Option<(Vec<f64>, Option<Vec<String>>)>> {
    let Some(v) = d.get(key) else { return Ok(None) };
    let pair = D(&v);
    let locs = pair.arr("locs")?;
    let labels = pair.get("labels").map(|_| {
        pair.list("labels")
            .iter()
            .map(|l| match l {
                Value::Str(s) => s.to_string(),
                _ => String::new(),
            })
            .collect()
    });
    Ok(Some((locs, labels)))
}

fn axes(v: &Value) -> Res<Axes> {
    let d = D(v);
    let pos = d.arr("pos")?;
    if pos.len() != 4 {
        return Err(bad("position"));
    }
    let colorbar = match d.get("colorbar") {
        Some(cb) => {
            let c = D(&cb);
            Some((c.s("cmap"), c.f("vmin", 0.0)?, c.f("vmax", 1.0)?))
        }
        None => None,
    };
    Ok(Axes {
        pos: [pos[0], pos[1], pos[2], pos[3]],
        title: d.s("title"),
        xlabel: d.s("xlabel"),
        ylabel: d.s("ylabel"),
        xlim: d.pair("xlim")?,
        ylim: d.pair("ylim")?,
        xlog: d.s("xscale") == "log",
        ylog: d.s("yscale") == "log",
        xgrid: d.b("xgrid"),
        ygrid: d.b("ygrid"),
        legend: d.get("legend").map(|v| num(&v)).transpose()?.map(|l| l as i64),
        artists: d.list("artists").iter().map(artist).collect::<Res<_>>()?,
        equal: d.s("aspect") == "equal",
        colorbar,
        xticks: ticks(&d, "xticks")?,
        yticks: ticks(&d, "yticks")?,
        face: d.get("face").map_or(Ok([1.0, 1.0, 1.0, 1.0]), |c| rgba(&c))?,
    })
}

/// The figure nt describes (`Figure._spec()` in stdlib/python/matplotlib/figure.nt).
pub fn figure(v: &Value) -> Res<Figure> {
    let d = D(v);
    let size = d.arr("size")?;
    if size.len() != 2 {
        return Err(bad("size"));
    }
    Ok(Figure {
        size: (size[0], size[1]),
        dpi: d.f("dpi", 100.0)?,
        face: d.get("face").map_or(Ok([1.0, 1.0, 1.0, 1.0]), |c| rgba(&c))?,
        axes: d.list("axes").iter().map(axes).collect::<Res<_>>()?,
        texts: d.list("texts").iter().map(label).collect::<Res<_>>()?,
    })
}
