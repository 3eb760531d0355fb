//! Plots: the rendering side of `matplotlib.pyplot` (written in nt in
//! `stdlib/python/matplotlib/`). nt code describes a figure as plain values; these
//! primitives lay it out as matplotlib 3.11 does and draw it natively (tiny-skia for PNG,
//! hand-written SVG), and show it in a notebook or a terminal.
//!
//! - `_nt.plot_render(spec, fmt)`: PNG bytes (`'png'`) or SVG text (`'svg'`).
//! - `_nt.plot_view(spec, i)`: axes `i`'s view limits `((x0, x1), (y0, y1))`.
//! - `_nt.plot_tight(spec, cells)`: tight_layout's slot for each axes.
//! - `_nt.plot_rgba(color)`: `matplotlib.colors.to_rgba`.
//! - `_nt.plot_cmaps()`: the colormap names.
//! - `_nt.plot_show(png, text)`: shows a PNG (notebook, terminal image, or a file).

mod cmaps;
pub mod colors;
mod draw;
mod font;
mod layout;
mod legend;
mod markers;
mod named_colors;
mod png;
mod prim;
mod raster;
mod scene;
mod show;
pub mod svg;
pub mod ticks;

use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::value::{Args, Value};

fn arg<'a>(args: &'a Args, i: usize, name: &str) -> Res<&'a Value> {
    args.pos
        .get(i)
        .ok_or_else(|| type_error(format!("_nt.{name}: missing argument {i}")))
}

/// The figure's size in pixels, refused when absurd (matplotlib: "Image size of ... is too
/// large. It must be less than 2^23 in each direction.").
fn canvas(fig: &scene::Figure) -> Res<(u32, u32)> {
    pixels((fig.size.0 * fig.dpi).round(), (fig.size.1 * fig.dpi).round())
}

/// A canvas of `w` by `h` pixels, refused when absurd.
fn pixels(w: f64, h: f64) -> Res<(u32, u32)> {
    if !(w.is_finite() && h.is_finite()) || w >= 8_388_608.0 || h >= 8_388_608.0 || w * h > 4e8 {
        return Err(exc(
            "ValueError",
            format!("Image size of {w}x{h} pixels is too large. It must be less than 2^23 in each direction."),
        ));
    }
    Ok((w.max(1.0) as u32, h.max(1.0) as u32))
}

/// PNG bytes of a figure.
pub fn png_of(fig: &scene::Figure) -> Res<Vec<u8>> {
    let (w, h) = canvas(fig)?;
    let prims = draw::figure(fig);
    let pm = raster::render(&prims, w, h);
    Ok(png::encode(&raster::rgba(pm), w, h, fig.dpi))
}

/// The figure's primitives and canvas size (pixels at its dpi); with `tight` (the pad in
/// inches), only the box around what it shows, padded, as `bbox_inches='tight'` saves:
/// matplotlib's canvas of `int(width)` by `int(height)` pixels (`raster`; an SVG's size
/// in points is not rounded), the drawing moved into it by whole pixels, so that strokes
/// stay snapped.
fn drawn(fig: &scene::Figure, tight: Option<f64>, raster: bool) -> Res<(Vec<prim::Prim>, f64, f64)> {
    let mut prims = draw::figure(fig);
    let (w, h) = (fig.size.0 * fig.dpi, fig.size.1 * fig.dpi);
    let Some(pad) = tight else {
        return Ok((prims, w, h));
    };
    if pad.is_nan() {
        return Err(exc("ValueError", "cannot convert float NaN to integer"));
    }
    // What matplotlib's Figure.get_tightbbox unions: each axes' box and the texts'
    // layout boxes (tick labels, axis labels, titles, legends, figure texts).
    let mut b = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
    let mut add = |r: [f64; 4]| {
        b = [b[0].min(r[0]), b[1].min(r[1]), b[2].max(r[2]), b[3].max(r[3])];
    };
    for ax in &fig.axes {
        let [l, bt, aw, ah] = ax.pos;
        add([l * w, (1.0 - bt - ah) * h, (l + aw) * w, (1.0 - bt) * h]);
    }
    for q in &prims[1..] {
        if let prim::Prim::Path {
            text: Some((_, tb)), ..
        } = q
        {
            add(*tb);
        }
    }
    if !b.iter().all(|v| v.is_finite()) {
        return Ok((prims, w, h));
    }
    let p = pad * fig.dpi;
    let (x0, y0, x1, y1) = (b[0] - p, b[1] - p, b[2] + p, b[3] + p);
    let (cw, ch) = ((x1 - x0).max(1.0), (y1 - y0).max(1.0));
    let (cw, ch) = if raster { (cw.trunc(), ch.trunc()) } else { (cw, ch) };
    let (dx, dy) = (-x0, ch - y1);
    let (dx, dy) = if raster { (dx.round(), dy.round()) } else { (dx, dy) };
    prim::shift(&mut prims[1..], dx, dy);
    prims[0] = prim::Prim::Path {
        cmds: prim::rect(0.0, 0.0, cw, ch),
        fill: Some(fig.face),
        pen: None,
        clip: None,
        text: None,
    };
    Ok((prims, cw, ch))
}

fn render(_: &mut Interp, args: Args) -> Res<Value> {
    let mut fig = scene::figure(arg(&args, 0, "plot_render")?)?;
    let tight = match args.pos.get(2) {
        None | Some(Value::None) => None,
        Some(v) => Some(scene::num(v)?),
    };
    match arg(&args, 1, "plot_render")? {
        Value::Str(f) if &**f == "png" => {
            if tight.is_none() {
                return Ok(Value::Bytes(png_of(&fig)?.into()));
            }
            canvas(&fig)?;
            let (prims, w, h) = drawn(&fig, tight, true)?;
            let (w, h) = pixels(w, h)?;
            let pm = raster::render(&prims, w, h);
            Ok(Value::Bytes(png::encode(&raster::rgba(pm), w, h, fig.dpi).into()))
        }
        Value::Str(f) if &**f == "svg" => {
            // SVG is in points: the layout at 72 dpi.
            fig.dpi = 72.0;
            let (prims, w, h) = drawn(&fig, tight, false)?;
            Ok(Value::Str(svg::write(&prims, w, h).into()))
        }
        Value::Str(f) if &**f == "rgba" => {
            let (w, h) = canvas(&fig)?;
            let pm = raster::render(&draw::figure(&fig), w, h);
            let data = raster::rgba(pm);
            Ok(Value::Tuple(
                vec![Value::Bytes(data.into()), Value::Int(w as i64), Value::Int(h as i64)].into(),
            ))
        }
        _ => Err(type_error("_nt.plot_render(spec, 'png' | 'svg' | 'rgba')")),
    }
}

fn pair(a: f64, b: f64) -> Value {
    Value::Tuple(vec![Value::Float(a), Value::Float(b)].into())
}

fn view(_: &mut Interp, args: Args) -> Res<Value> {
    let fig = scene::figure(arg(&args, 0, "plot_view")?)?;
    let Value::Int(i) = arg(&args, 1, "plot_view")? else {
        return Err(type_error("_nt.plot_view(spec, i)"));
    };
    let ax = fig
        .axes
        .get(*i as usize)
        .ok_or_else(|| type_error("_nt.plot_view: no such axes"))?;
    let (x, y) = (layout::view_limits(ax, true), layout::view_limits(ax, false));
    Ok(Value::Tuple(vec![pair(x.0, x.1), pair(y.0, y.1)].into()))
}

fn rgba(_: &mut Interp, args: Args) -> Res<Value> {
    let c = colors::to_rgba(arg(&args, 0, "plot_rgba")?)?;
    Ok(Value::Tuple(
        c.iter().map(|v| Value::Float(*v)).collect::<Vec<_>>().into(),
    ))
}

fn cmap_names(_: &mut Interp, _: Args) -> Res<Value> {
    let names = colors::cmap_names().into_iter().map(|n| Value::Str(n.into())).collect();
    Ok(Value::List(std::rc::Rc::new(std::cell::RefCell::new(names))))
}

fn tight(_: &mut Interp, args: Args) -> Res<Value> {
    let fig = scene::figure(arg(&args, 0, "plot_tight")?)?;
    let cells = scene::floats(arg(&args, 1, "plot_tight")?)?;
    let pad = scene::floats(arg(&args, 2, "plot_tight")?)?
        .first()
        .copied()
        .unwrap_or(1.08);
    let slots = show::tight(&fig, &cells, pad)?;
    let out = slots
        .into_iter()
        .map(|s| Value::Tuple(s.iter().map(|v| Value::Float(*v)).collect::<Vec<_>>().into()));
    Ok(Value::List(std::rc::Rc::new(std::cell::RefCell::new(out.collect()))))
}

/// `_nt.plot_cmap(name, xs)`: the colours of values in [0, 1], flat RGBA floats.
fn cmap_colors(_: &mut Interp, args: Args) -> Res<Value> {
    let Some(Value::Str(name)) = args.pos.first() else {
        return Err(type_error("_nt.plot_cmap(name, xs)"));
    };
    if colors::cmap(name).is_none() {
        return Err(exc(
            "ValueError",
            format!("{:?} is not a valid value for cmap", name.to_string()),
        ));
    }
    let xs = scene::floats(arg(&args, 1, "plot_cmap")?)?;
    let out = xs
        .iter()
        .flat_map(|&x| colors::lookup(name, x))
        .map(|b| Value::Float(b as f64 / 255.0))
        .collect();
    Ok(Value::List(std::rc::Rc::new(std::cell::RefCell::new(out))))
}

pub static BUILTINS: &[crate::value::Builtin] = &[
    crate::value::Builtin {
        name: "plot_render",
        f: render,
    },
    crate::value::Builtin {
        name: "plot_view",
        f: view,
    },
    crate::value::Builtin {
        name: "plot_rgba",
        f: rgba,
    },
    crate::value::Builtin {
        name: "plot_cmaps",
        f: cmap_names,
    },
    crate::value::Builtin {
        name: "plot_cmap",
        f: cmap_colors,
    },
    crate::value::Builtin {
        name: "plot_tight",
        f: tight,
    },
    crate::value::Builtin {
        name: "plot_show",
        f: show::show,
    },
];
