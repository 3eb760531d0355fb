//! Colours as matplotlib reads them (`matplotlib.colors.to_rgba`): names, '#rrggbb[aa]',
//! '#rgb[a]', 'C0'..'C9', grey levels as strings, RGB(A) tuples, (colour, alpha) pairs;
//! and colormaps.

use super::cmaps::CMAPS;
use super::named_colors::NAMED;
use super::scene::Rgba;
use crate::error::{Res, exc};
use crate::value::Value;

/// matplotlib's default colour cycle (tab10).
pub const CYCLE: [&str; 10] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
];

fn hex(s: &str) -> Option<Rgba> {
    let h = s.strip_prefix('#')?;
    let digits: Option<Vec<u8>> = h.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect();
    let d = digits?;
    let byte = |i: usize| (d[i] * 16 + d[i + 1]) as f64 / 255.0;
    let nib = |i: usize| (d[i] * 17) as f64 / 255.0;
    match d.len() {
        6 => Some([byte(0), byte(2), byte(4), 1.0]),
        8 => Some([byte(0), byte(2), byte(4), byte(6)]),
        3 => Some([nib(0), nib(1), nib(2), 1.0]),
        4 => Some([nib(0), nib(1), nib(2), nib(3)]),
        _ => None,
    }
}

/// A colour string, or None when it is not one.
pub fn parse_str(s: &str) -> Option<Rgba> {
    if let Some(c) = hex(s) {
        return Some(c);
    }
    if let Some(n) = s
        .strip_prefix('C')
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    {
        let i = n.parse::<usize>().ok()? % 10;
        return hex(CYCLE[i]);
    }
    if s.eq_ignore_ascii_case("none") {
        return Some([0.0, 0.0, 0.0, 0.0]);
    }
    // Names are case-insensitive, except the one-letter ones ('C' is not 'c').
    let lower = if s.chars().count() == 1 {
        s.to_string()
    } else {
        s.to_lowercase()
    };
    if let Ok(i) = NAMED.binary_search_by(|(n, _)| n.cmp(&lower.as_str())) {
        return hex(NAMED[i].1);
    }
    let t = s.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        if let Ok(g) = t.parse::<f64>() {
            if (0.0..=1.0).contains(&g) {
                return Some([g, g, g, 1.0]);
            }
        }
    }
    None
}

fn invalid(v: &Value) -> Box<crate::error::Exc> {
    exc(
        "ValueError",
        format!(
            "{} is not a valid value for color: supported inputs are (r, g, b) and (r, g, b, a) 0-1 float tuples; '#rrggbb', '#rrggbbaa', '#rgb', '#rgba' strings; named color strings; string reprs of 0-1 floats for grayscale values; 'C0', 'C1', ... strings for colors of the color cycle; and pairs combining one of the above with an alpha value",
            crate::value::repr::repr(v)
        ),
    )
}

/// `matplotlib.colors.to_rgba(v)`.
pub fn to_rgba(v: &Value) -> Res<Rgba> {
    let num = |x: &Value| match x {
        Value::Int(n) => Some(*n as f64),
        Value::Float(f) => Some(*f),
        _ => crate::nd::as_nd(x)
            .and_then(|(_, a)| (a.numel() == 1).then(|| crate::realise::to_f64s(a).ok()).flatten())
            .map(|v| v[0]),
    };
    let items: Option<Vec<Value>> = match v {
        Value::Tuple(t) => Some(t.to_vec()),
        Value::List(l) => Some(l.borrow().clone()),
        _ => None,
    };
    if let Value::Str(s) = v {
        return parse_str(s).ok_or_else(|| invalid(v));
    }
    if let Some(items) = items {
        // (colour, alpha)
        if items.len() == 2 {
            if let (Ok(c), Some(a)) = (to_rgba(&items[0]), num(&items[1])) {
                return Ok([c[0], c[1], c[2], a]);
            }
        }
        let xs: Option<Vec<f64>> = items.iter().map(num).collect();
        if let Some(xs) = xs {
            if (xs.len() == 3 || xs.len() == 4) && xs.iter().all(|x| (0.0..=1.0).contains(x)) {
                return Ok([xs[0], xs[1], xs[2], xs.get(3).copied().unwrap_or(1.0)]);
            }
        }
    }
    if let Some((_, a)) = crate::nd::as_nd(v) {
        if let Ok(xs) = crate::realise::to_f64s(a) {
            if (xs.len() == 3 || xs.len() == 4) && xs.iter().all(|x| (0.0..=1.0).contains(x)) {
                return Ok([xs[0], xs[1], xs[2], xs.get(3).copied().unwrap_or(1.0)]);
            }
        }
    }
    Err(invalid(v))
}

/// A colormap's table by name ('viridis', 'gray_r', ...); `_r` reverses.
pub fn cmap(name: &str) -> Option<&'static [[u8; 3]; 256]> {
    let base = name.strip_suffix("_r").unwrap_or(name);
    CMAPS.iter().find(|(n, _)| *n == base).map(|(_, t)| t)
}

/// The colour of `x` (already normalised to [0, 1]) in a colormap; NaN is transparent.
pub fn lookup(name: &str, x: f64) -> [u8; 4] {
    let Some(t) = cmap(name) else { return [0, 0, 0, 0] };
    if x.is_nan() {
        return [0, 0, 0, 0];
    }
    let mut i = if x >= 1.0 {
        255
    } else if x < 0.0 {
        0
    } else {
        (x * 256.0) as usize
    };
    i = i.min(255);
    if name.ends_with("_r") {
        i = 255 - i;
    }
    [t[i][0], t[i][1], t[i][2], 255]
}

/// The colormap names nt has.
pub fn cmap_names() -> Vec<String> {
    CMAPS
        .iter()
        .flat_map(|(n, _)| [n.to_string(), format!("{n}_r")])
        .collect()
}
