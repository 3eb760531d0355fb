//! Where everything of an axes goes: its box in pixels, its view limits (matplotlib's
//! autoscale with margins and sticky edges), its ticks and their labels.

use super::prim::Run;
use super::scene::{Axes, Figure, Kind};
use super::ticks::{self, LogLabel};

/// An axes placed on the figure: the box in pixels (y down) and the data → pixel maps.
pub struct Frame {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub xlim: (f64, f64),
    pub ylim: (f64, f64),
    pub xlog: bool,
    pub ylog: bool,
    /// Pixels per point.
    pub pt: f64,
}

fn tr(v: f64, log: bool) -> f64 {
    if log { v.log10() } else { v }
}

impl Frame {
    pub fn px(&self, x: f64) -> f64 {
        let (a, b) = (tr(self.xlim.0, self.xlog), tr(self.xlim.1, self.xlog));
        self.x0 + (tr(x, self.xlog) - a) / (b - a) * (self.x1 - self.x0)
    }
    pub fn py(&self, y: f64) -> f64 {
        let (a, b) = (tr(self.ylim.0, self.ylog), tr(self.ylim.1, self.ylog));
        self.y1 - (tr(y, self.ylog) - a) / (b - a) * (self.y1 - self.y0)
    }
    pub fn clip(&self) -> [f64; 4] {
        [self.x0, self.y0, self.x1, self.y1]
    }
}

/// The data limits of an axis over the artists, with the sticky edges (bars' bases,
/// images' extents) the margins stop at.
fn data_limits(ax: &Axes, is_x: bool, log: bool) -> (Option<(f64, f64)>, Vec<f64>) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    let mut sticky = Vec::new();
    let mut add = |v: f64| {
        if v.is_finite() && (!log || v > 0.0) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    };
    for a in &ax.artists {
        match &a.kind {
            Kind::Line { x, y, coords, .. } => {
                // axhline's x (and axvline's y) are axes fractions: not data.
                if (is_x && *coords != 1) || (!is_x && *coords != 2) {
                    (if is_x { x } else { y }).iter().for_each(|&v| add(v));
                }
            }
            Kind::Rects { rects, horizontal, .. } => {
                for r in rects {
                    let (a, w) = if is_x { (r[0], r[2]) } else { (r[1], r[3]) };
                    add(a);
                    add(a + w);
                }
                // Bars stick at their bases: vertical bars in y, horizontal ones in x.
                if *horizontal == is_x {
                    sticky.extend(rects.iter().map(|r| if is_x { r[0] } else { r[1] }));
                }
            }
            Kind::Poly { pts, sticky_y, .. } => {
                pts.iter().for_each(|p| add(if is_x { p.0 } else { p.1 }));
                if !is_x {
                    sticky.extend(sticky_y);
                }
            }
            Kind::Scatter { x, y, .. } => (if is_x { x } else { y }).iter().for_each(|&v| add(v)),
            Kind::Segments { segs, .. } => {
                for s in segs {
                    if is_x {
                        add(s[0]);
                        add(s[2]);
                    } else {
                        add(s[1]);
                        add(s[3]);
                    }
                }
            }
            Kind::Image { extent, .. } => {
                let (a, b) = if is_x {
                    (extent[0], extent[1])
                } else {
                    (extent[2], extent[3])
                };
                add(a);
                add(b);
                sticky.extend([a, b]);
            }
            Kind::Text(_) => {}
        }
    }
    ((lo <= hi).then_some((lo, hi)), sticky)
}

/// The view limits of one axis: set by the user, or autoscaled.
pub fn view_limits(ax: &Axes, is_x: bool) -> (f64, f64) {
    let (set, log) = if is_x { (ax.xlim, ax.xlog) } else { (ax.ylim, ax.ylog) };
    if let Some((cb_cmap, lo, hi)) = ax.colorbar.as_ref().map(|c| (&c.0, c.1, c.2)) {
        let _ = cb_cmap;
        return if is_x {
            (0.0, 1.0)
        } else {
            ticks::nonsingular(lo, hi, 0.1, 1e-15)
        };
    }
    let (data, sticky) = data_limits(ax, is_x, log);
    let auto = match data {
        None if log => (1.0, 10.0),
        None => (0.0, 1.0),
        Some((lo, hi)) if log => {
            let (lo, hi) = if lo == hi { (lo / 10.0, hi * 10.0) } else { (lo, hi) };
            let (l, h) = ticks::autoscale(
                lo.log10(),
                hi.log10(),
                0.05,
                &sticky
                    .iter()
                    .filter(|&&s| s > 0.0)
                    .map(|s| s.log10())
                    .collect::<Vec<_>>(),
            );
            (10f64.powf(l), 10f64.powf(h))
        }
        Some((lo, hi)) => ticks::autoscale(lo, hi, 0.05, &sticky),
    };
    match set {
        Some((a, b)) => (if a.is_nan() { auto.0 } else { a }, if b.is_nan() { auto.1 } else { b }),
        None => {
            // imshow's y axis runs downward (origin 'upper').
            let flipped = !is_x
                && ax
                    .artists
                    .iter()
                    .any(|a| matches!(&a.kind, Kind::Image { extent, .. } if extent[3] < extent[2]));
            if flipped { (auto.1, auto.0) } else { auto }
        }
    }
}

/// The axes' box in pixels: its slot, shrunk for imshow's equal aspect or a colorbar's
/// 1:20 shape.
pub fn frame(fig: &Figure, ax: &Axes) -> Frame {
    let (w, h) = (fig.size.0 * fig.dpi, fig.size.1 * fig.dpi);
    let [l, b, fw, fh] = ax.pos;
    let (mut x0, mut x1) = (l * w, (l + fw) * w);
    let (mut y0, mut y1) = ((1.0 - b - fh) * h, (1.0 - b) * h);
    let xlim = view_limits(ax, true);
    let ylim = view_limits(ax, false);
    let ratio = if ax.colorbar.is_some() {
        Some(20.0)
    } else if ax.equal && !ax.xlog && !ax.ylog {
        Some((ylim.1 - ylim.0).abs() / (xlim.1 - xlim.0).abs())
    } else {
        None
    };
    if let Some(r) = ratio.filter(|r| r.is_finite() && *r > 0.0) {
        let (bw, bh) = (x1 - x0, y1 - y0);
        if bh / bw > r {
            let nh = bw * r;
            let mid = (y0 + y1) / 2.0;
            (y0, y1) = (mid - nh / 2.0, mid + nh / 2.0);
        } else {
            let nw = bh / r;
            // A colorbar hugs the left of its slot; an image is centred.
            if ax.colorbar.is_some() {
                x1 = x0 + nw;
            } else {
                let mid = (x0 + x1) / 2.0;
                (x0, x1) = (mid - nw / 2.0, mid + nw / 2.0);
            }
        }
    }
    Frame {
        x0,
        y0,
        x1,
        y1,
        xlim,
        ylim,
        xlog: ax.xlog,
        ylog: ax.ylog,
        pt: fig.dpi / 72.0,
    }
}

/// A tick: its position, whether it is major, and its label's runs (empty: none).
pub struct Tick {
    pub at: f64,
    pub major: bool,
    pub label: Vec<Run>,
}

/// The ticks of one axis and its offset text ('1e6').
pub fn axis_ticks(ax: &Axes, f: &Frame, is_x: bool) -> (Vec<Tick>, String) {
    let (lim, log) = if is_x { (f.xlim, f.xlog) } else { (f.ylim, f.ylog) };
    let len_pt = if is_x {
        (f.x1 - f.x0) / f.pt
    } else {
        (f.y1 - f.y0) / f.pt
    };
    let size = 10.0 * f.pt;
    let run = |s: String| vec![(s, size, 0.0)];
    let user = if is_x { &ax.xticks } else { &ax.yticks };
    if let Some((locs, labels)) = user {
        let vis = ticks::visible(locs, lim.0, lim.1);
        let texts: Vec<String> = match labels {
            Some(l) => l.clone(),
            None if log => locs.iter().map(|&x| log_text(x, lim, true)).collect(),
            None => ticks::scalar_format(locs, lim.0, lim.1).0,
        };
        let ticks = locs
            .iter()
            .zip(texts.iter().chain(std::iter::repeat(&String::new())))
            .filter(|(l, _)| vis.contains(l))
            .map(|(&at, t)| Tick {
                at,
                major: true,
                label: run(t.clone()),
            })
            .collect();
        return (ticks, String::new());
    }
    if log {
        let (major, minor) = ticks::log_ticks(lim.0, lim.1, len_pt, is_x);
        let vmaj = ticks::visible(&major, lim.0, lim.1);
        let vmin = ticks::visible(&minor, lim.0, lim.1);
        if vmaj.len() + vmin.len() > 1 {
            let mut out: Vec<Tick> = vmaj
                .iter()
                .map(|&at| Tick {
                    at,
                    major: true,
                    label: log_runs(at, lim, true, size),
                })
                .collect();
            out.extend(vmin.iter().map(|&at| Tick {
                at,
                major: false,
                label: log_runs(at, lim, false, size),
            }));
            return (out, String::new());
        }
    }
    let all = ticks::auto_ticks(lim.0, lim.1, len_pt, is_x);
    let (labels, offset) = ticks::scalar_format(&all, lim.0, lim.1);
    let vis = ticks::visible(&all, lim.0, lim.1);
    let out = all
        .iter()
        .zip(labels)
        .filter(|(l, _)| vis.contains(l))
        .map(|(&at, t)| Tick {
            at,
            major: true,
            label: run(t),
        })
        .collect();
    (out, offset)
}

fn log_text(x: f64, lim: (f64, f64), major: bool) -> String {
    match ticks::log_label(x, lim.0, lim.1, major) {
        LogLabel::None => String::new(),
        LogLabel::Decade(k) => format!("10^{k}"),
        LogLabel::Coef(c, k) => format!("{c}×10^{k}"),
    }
}

/// A log label as mathtext draws it: the exponent at 0.7 size, raised.
fn log_runs(x: f64, lim: (f64, f64), major: bool, size: f64) -> Vec<Run> {
    let sup = |k: i64| (ticks::minus(&k.to_string()), size * 0.7, size * 0.413);
    match ticks::log_label(x, lim.0, lim.1, major) {
        LogLabel::None => Vec::new(),
        LogLabel::Decade(k) => {
            let source = format!("$\\mathdefault{{10^{{{k}}}}}$");
            vec![(source, 0.0, 0.0), ("10".into(), size, 0.0), sup(k)]
        }
        LogLabel::Coef(c, k) => {
            let c = crate::value::pyfmt::format_float(c, "g").unwrap_or_default();
            let source = format!("$\\mathdefault{{{c}\\times10^{{{k}}}}}$");
            vec![(source, 0.0, 0.0), (format!("{c}\u{00d7}10"), size, 0.0), sup(k)]
        }
    }
}
