//! Where an axis's limits and ticks fall, and how their labels read: matplotlib 3.11's
//! linear autoscale, `AutoLocator` (a `MaxNLocator`), `ScalarFormatter`, and for log axes
//! `LogLocator` with `LogFormatterSciNotation`. A line-for-line port of
//! `docs/dev/pyplot_ref_ticks.py`, which matched matplotlib on 1,100 random ranges; the
//! float arithmetic is Python's (floor division, `round`, `10 ** n`) so edges agree.

use crate::value::pyfmt::{format_float, round_float};

/// Python's `divmod(x, y)` for floats (the evaluator's own).
pub use crate::realise::float_divmod as divmod;

/// Python's `x // y` for floats.
pub fn floordiv(x: f64, y: f64) -> f64 {
    divmod(x, y).0
}

/// Python's `10 ** n` for an int `n`, as a float (exact for n >= 0 up to 10**22).
pub fn pow10i(n: i64) -> f64 {
    if n >= 0 {
        format!("1e{n}").parse().unwrap_or(f64::INFINITY)
    } else {
        10f64.powf(n as f64)
    }
}

/// `matplotlib.transforms.nonsingular`.
pub fn nonsingular(mut vmin: f64, mut vmax: f64, expander: f64, tiny: f64) -> (f64, f64) {
    if !(vmin.is_finite() && vmax.is_finite()) {
        return (-expander, expander);
    }
    if vmax < vmin {
        std::mem::swap(&mut vmin, &mut vmax);
    }
    let m = vmin.abs().max(vmax.abs());
    if m < (1e6 / tiny) * f64::MIN_POSITIVE {
        return (-expander, expander);
    }
    if vmax - vmin <= m * tiny {
        if vmax == 0.0 && vmin == 0.0 {
            return (-expander, expander);
        }
        vmin -= expander * vmin.abs();
        vmax += expander * vmax.abs();
    }
    (vmin, vmax)
}

/// View limits from data limits on a linear axis (margin 0.05, autolimit_mode 'data').
/// `sticky` edges (a bar's base, an image's extent) are not crossed by the margin.
pub fn autoscale(dmin: f64, dmax: f64, margin: f64, sticky: &[f64]) -> (f64, f64) {
    let (dmin, dmax) = nonsingular(dmin, dmax, 0.05, 1e-15);
    let d = (dmax - dmin) * margin;
    let (mut lo, mut hi) = (dmin - d, dmax + d);
    // matplotlib: a sticky value within [lo, dmin] (or [dmax, hi]) stops the expansion there.
    let tol = 1e-5 * (dmax - dmin).abs().max(f64::MIN_POSITIVE);
    if let Some(s) = sticky
        .iter()
        .copied()
        .filter(|&s| s <= dmin + tol && s >= lo)
        .reduce(f64::max)
    {
        lo = s;
    }
    if let Some(s) = sticky
        .iter()
        .copied()
        .filter(|&s| s >= dmax - tol && s <= hi)
        .reduce(f64::min)
    {
        hi = s;
    }
    nonsingular(lo, hi, 1e-12, 1e-13)
}

/// `Axis.get_tick_space`: how many labels fit along an axis `len_pt` long.
pub fn tick_space(len_pt: f64, label_pt: f64, is_x: bool) -> i64 {
    (len_pt / (label_pt * if is_x { 3.0 } else { 2.0 })).floor() as i64
}

const EXT: [f64; 10] = [0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0, 20.0];

/// `MaxNLocator._raw_ticks` with steps [1, 2, 2.5, 5, 10] and min_n_ticks 2.
pub fn raw_ticks(vmin: f64, vmax: f64, nbins: i64) -> Vec<f64> {
    let nb = nbins as f64;
    let dv = (vmax - vmin).abs();
    let meanv = (vmax + vmin) / 2.0;
    let offset = if meanv.abs() / dv < 100.0 {
        0.0
    } else {
        10f64.powf(floordiv(meanv.abs().log10(), 1.0)).copysign(meanv)
    };
    let scale = 10f64.powf(floordiv((dv / nb).log10(), 1.0));
    let (lo, hi) = (vmin - offset, vmax - offset);
    // The staircase: 0.1 * steps[:-1] + steps + [10 * steps[1]], each * scale.
    let steps: Vec<f64> = EXT.iter().map(|s| s * scale).collect();
    let raw_step = (hi - lo) / nb;
    let istep = steps.iter().position(|&s| s >= raw_step).unwrap_or(steps.len() - 1);
    let mut ticks = Vec::new();
    for &step in steps[..=istep].iter().rev() {
        let closeto = |ms: f64, edge: f64| {
            let tol = if offset != 0.0 {
                10f64.powf((offset.abs() / step).log10() - 12.0).clamp(1e-10, 0.4999)
            } else {
                1e-10
            };
            (ms - edge).abs() < tol
        };
        let best = floordiv(lo, step) * step;
        let (d, m) = divmod(lo - best, step);
        let low = if closeto(m / step, 1.0) { d + 1.0 } else { d };
        let (d, m) = divmod(hi - best, step);
        let high = if closeto(m / step, 0.0) { d } else { d + 1.0 };
        ticks = (low as i64..=high as i64).map(|k| k as f64 * step + best).collect();
        if ticks.iter().filter(|&&t| lo <= t && t <= hi).count() >= 2 {
            break;
        }
    }
    ticks.into_iter().map(|t| t + offset).collect()
}

/// `AutoLocator` ticks for view limits on an axis `len_pt` long (10 pt labels).
pub fn auto_ticks(vmin: f64, vmax: f64, len_pt: f64, is_x: bool) -> Vec<f64> {
    let nbins = tick_space(len_pt, 10.0, is_x).clamp(1, 9);
    let (vmin, vmax) = nonsingular(vmin, vmax, 1e-13, 1e-14);
    raw_ticks(vmin, vmax, nbins)
}

/// The ticks drawn: those within the view (relative tolerance 1e-10).
pub fn visible(ticks: &[f64], vmin: f64, vmax: f64) -> Vec<f64> {
    let (lo, hi) = (vmin.min(vmax), vmin.max(vmax));
    let r = 1e-10 * (hi - lo);
    ticks.iter().copied().filter(|&t| lo - r <= t && t <= hi + r).collect()
}

/// `ScalarFormatter`: a label per tick in `locs` (all the locator's ticks) and the offset
/// text ('1e6', '+1e3', or '').
pub fn scalar_format(locs: &[f64], vmin: f64, vmax: f64) -> (Vec<String>, String) {
    let (vmin, vmax) = (vmin.min(vmax), vmin.max(vmax));
    let inview: Vec<f64> = locs.iter().copied().filter(|&l| vmin <= l && l <= vmax).collect();
    let mut offset = 0.0;
    if !inview.is_empty() {
        let lmin = inview.iter().copied().fold(f64::INFINITY, f64::min);
        let lmax = inview.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if !(lmin == lmax || (lmin <= 0.0 && 0.0 <= lmax)) {
            let (abs_min, abs_max) = if lmin.abs() <= lmax.abs() {
                (lmin.abs(), lmax.abs())
            } else {
                (lmax.abs(), lmin.abs())
            };
            let sign = 1f64.copysign(lmin);
            let oom_max = abs_max.log10().ceil() as i64;
            let mut oom = oom_max;
            while floordiv(abs_min, pow10i(oom)) == floordiv(abs_max, pow10i(oom)) {
                oom -= 1;
            }
            oom += 1;
            if (abs_max - abs_min) / pow10i(oom) <= 1e-2 {
                oom = oom_max;
                while floordiv(abs_max, pow10i(oom)) - floordiv(abs_min, pow10i(oom)) <= 1.0 {
                    oom -= 1;
                }
                oom += 1;
            }
            let n = floordiv(abs_max, pow10i(oom));
            offset = if n >= pow10i(3) { sign * n * pow10i(oom) } else { 0.0 };
        }
    }
    let oom = if inview.is_empty() {
        0
    } else if offset != 0.0 {
        (vmax - vmin).log10().floor() as i64
    } else {
        let val = inview.iter().map(|v| v.abs()).fold(0.0, f64::max);
        if val == 0.0 { 0 } else { val.log10().floor() as i64 }
    };
    let order = if oom <= -5 || oom >= 6 { oom } else { 0 };
    let scale = 10f64.powf(order as f64);
    let mut all: Vec<f64> = locs.to_vec();
    if locs.len() < 2 {
        all.extend([vmin, vmax]);
    }
    let sc: Vec<f64> = all.iter().map(|l| (l - offset) / scale).collect();
    let mut rng =
        sc.iter().copied().fold(f64::NEG_INFINITY, f64::max) - sc.iter().copied().fold(f64::INFINITY, f64::min);
    if rng == 0.0 {
        rng = sc.iter().map(|v| v.abs()).fold(0.0, f64::max);
    }
    if rng == 0.0 {
        rng = 1.0;
    }
    let sc = if locs.len() < 2 { &sc[..sc.len() - 2] } else { &sc[..] };
    let rng_oom = rng.log10().floor() as i64;
    let mut sig = (3 - rng_oom).max(0);
    let thresh = 1e-3 * pow10i(rng_oom);
    let rnd = |v: f64, d: i64| {
        if d >= 0 {
            (v * pow10i(d)).round_ties_even() / pow10i(d)
        } else {
            (v / pow10i(-d)).round_ties_even() * pow10i(-d)
        }
    };
    while sig >= 0 && sc.iter().map(|&v| (v - rnd(v, sig)).abs()).fold(0.0, f64::max) < thresh {
        sig -= 1;
    }
    let sig = (sig + 1) as usize;
    let labels = locs
        .iter()
        .map(|x| {
            let mut xp = (x - offset) / scale;
            if xp.abs() < 1e-8 {
                xp = 0.0;
            }
            minus(&format!("{xp:.sig$}"))
        })
        .collect();
    let mut txt = String::new();
    if order != 0 {
        txt.push_str(&format!("1e{order}"));
    }
    if offset != 0.0 {
        if offset > 0.0 {
            txt.push('+');
        }
        txt.push_str(&format_data(offset));
    }
    (labels, minus(&txt))
}

/// `ScalarFormatter.format_data`: '1e3', '2.5e6', '-1e5'.
fn format_data(v: f64) -> String {
    let e = v.abs().log10().floor() as i64;
    let s = round_float(v / pow10i(e), 10);
    let sig = if s % 1.0 == 0.0 {
        format!("{}", s as i64)
    } else {
        format_float(s, ".10g").unwrap_or_default()
    };
    if e == 0 { sig } else { format!("{sig}e{e}") }
}

/// axes.unicode_minus: '-' prints as U+2212.
pub fn minus(s: &str) -> String {
    s.replace('-', "\u{2212}")
}

/// A log axis's label: a decade as 10^k, a minor tick as c×10^k (or none).
#[derive(Clone, Debug, PartialEq)]
pub enum LogLabel {
    None,
    Decade(i64),
    Coef(f64, i64),
}

/// `LogLocator(base 10)` major ticks (with `tick_space` bins) and, when the major stride
/// is one decade, minor ticks at 2..9 × each decade.
pub fn log_ticks(vmin: f64, vmax: f64, len_pt: f64, is_x: bool) -> (Vec<f64>, Vec<f64>) {
    let (vmin, vmax) = (vmin.min(vmax), vmin.max(vmax));
    let (lmin, lmax) = (vmin.log10(), vmax.log10());
    let mut n_request = tick_space(len_pt, 10.0, is_x).clamp(2, 9);
    let emin = lmin.ceil() as i64;
    let emax = lmax.floor() as i64;
    let n_avail = emax - emin + 1;
    let stride0 = n_avail / (n_request + 1) + 1;
    let nr = (n_avail as f64 / stride0 as f64).ceil() as i64;
    n_request = n_request.min(nr);
    let (decades, stride): (Vec<i64>, i64) = if n_request <= 0 {
        (vec![emin - 1, emax + 1], 1)
    } else if n_request == 1 {
        let mid = ((lmin + lmax) / 2.0).round_ties_even() as i64;
        let stride = (mid - (emin - 1)).max(emax + 1 - mid);
        (vec![mid - stride, mid, mid + stride], stride)
    } else {
        let mut stride = (n_avail - 1) / (n_request - 1);
        if (stride as f64) < n_avail as f64 / n_request as f64 {
            stride = n_avail / n_request;
        }
        let olo = (n_avail - stride * n_request).max(0);
        let ohi = (n_avail - stride * (n_request - 1)).min(stride);
        let mut off = (-emin).rem_euclid(stride);
        if !(olo <= off && off < ohi) {
            off = olo;
        }
        let mut d = Vec::new();
        let mut k = emin + off - stride;
        while k < emax + stride + 1 {
            d.push(k);
            k += stride;
        }
        (d, stride)
    };
    let major: Vec<f64> = decades.iter().map(|&k| pow10(k)).collect();
    let mut minor = Vec::new();
    if stride == 1 && n_avail < 10 {
        for d in emin - 1..=emax {
            for s in 2..=9 {
                minor.push(s as f64 * pow10(d));
            }
        }
    }
    (major, minor)
}

fn pow10(k: i64) -> f64 {
    if k >= 0 { pow10i(k) } else { 1.0 / pow10i(-k) }
}

/// The labels `LogFormatterSciNotation` gives minor ticks: only decades when the view
/// spans more than one, else the coefficients {1,2,3,4,6,10} (spans over 0.4 decades) or
/// all of them.
pub fn log_label(x: f64, vmin: f64, vmax: f64, is_major: bool) -> LogLabel {
    let e = x.log10();
    let k = e.round_ties_even();
    if (e - k).abs() < 1e-10 {
        return LogLabel::Decade(k as i64);
    }
    if is_major {
        return LogLabel::None;
    }
    let (lo, hi) = (vmin.min(vmax).log10(), vmin.max(vmax).log10());
    let numticks = hi.floor() - next_down(lo).floor();
    if numticks > 1.0 {
        return LogLabel::None;
    }
    let ex = e.floor();
    let coef = (x / 10f64.powf(ex)).round_ties_even();
    let allowed: &[f64] = if (hi - lo).abs() > 0.4 {
        &[1.0, 2.0, 3.0, 4.0, 6.0, 10.0]
    } else {
        &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]
    };
    if allowed.contains(&coef) {
        LogLabel::Coef(coef, ex as i64)
    } else {
        LogLabel::None
    }
}

fn next_down(x: f64) -> f64 {
    if x.is_nan() || x == f64::NEG_INFINITY {
        return x;
    }
    if x == 0.0 {
        return -f64::from_bits(1);
    }
    let b = x.to_bits();
    f64::from_bits(if x > 0.0 { b - 1 } else { b + 1 })
}

#[cfg(test)]
mod tests;
