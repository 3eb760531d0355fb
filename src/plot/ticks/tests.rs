//! The port against matplotlib: `tests/reference/plots/ticks.expected` (gen_ticks.py)
//! holds matplotlib 3.11.2's limits, ticks, labels and offset texts for 400 random ranges.

use super::*;

static EXPECTED: &str = include_str!("../../../tests/reference/plots/ticks.expected");

fn nums(s: &str) -> Vec<f64> {
    s.split_whitespace().map(|v| v.parse().unwrap()).collect()
}

fn mathtext(l: &LogLabel) -> String {
    match l {
        LogLabel::None => String::new(),
        LogLabel::Decade(k) => format!("$\\mathdefault{{10^{{{k}}}}}$"),
        LogLabel::Coef(c, k) => format!("$\\mathdefault{{{}\\times10^{{{k}}}}}$", format_float(*c, "g").unwrap()),
    }
}

#[test]
fn floor_division_is_pythons() {
    assert_eq!(floordiv(1.0, 0.1), 9.0);
    assert_eq!(divmod(-7.5, 2.0), (-4.0, 0.5));
    assert_eq!(divmod(7.5, -2.0), (-4.0, -0.5));
}

#[test]
fn limits_ticks_and_labels_match_matplotlib() {
    let mut checked = 0;
    for line in EXPECTED.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split(" | ").collect();
        let head: Vec<&str> = f[0].split_whitespace().collect();
        let kind = head[0];
        let d: Vec<f64> = head[1..].iter().map(|v| v.parse().unwrap()).collect();
        let (w, h) = (d[4], d[5]);
        for (is_x, (lo, hi), lim, ticks, labels, offset) in [
            (true, (d[0], d[1]), f[1], f[3], f[4], f[5]),
            (false, (d[2], d[3]), f[2], f[6], f[7], f[8]),
        ] {
            let want_lim = nums(lim);
            let want_ticks = nums(ticks);
            let want_labels: Vec<&str> = if labels.is_empty() {
                vec![]
            } else {
                labels.split('\t').collect()
            };
            let len = if is_x { w } else { h };
            if kind == "lin" {
                let (a, b) = autoscale(lo, hi, 0.05, &[]);
                assert_eq!((a, b), (want_lim[0], want_lim[1]), "{line}");
                let all = auto_ticks(a, b, len, is_x);
                let vis = visible(&all, a, b);
                assert_eq!(vis, want_ticks, "{line}");
                let (labs, off) = scalar_format(&all, a, b);
                let labs: Vec<String> = all
                    .iter()
                    .zip(labs)
                    .filter(|(t, _)| vis.contains(t))
                    .map(|p| p.1)
                    .collect();
                assert_eq!(labs, want_labels, "{line}");
                assert_eq!(off, offset.trim_end(), "{line}");
            } else {
                let (a, b) = autoscale(lo.log10(), hi.log10(), 0.05, &[]);
                let (a, b) = (10f64.powf(a), 10f64.powf(b));
                let close = |x: f64, y: f64| (x - y).abs() <= 1e-12 * y.abs();
                assert!(close(a, want_lim[0]) && close(b, want_lim[1]), "{line}: {a} {b}");
                let (major, minor) = log_ticks(a, b, len, is_x);
                let vis = visible(&major, a, b);
                assert_eq!(vis.len(), want_ticks.len(), "{line}");
                assert!(vis.iter().zip(&want_ticks).all(|(x, y)| close(*x, *y)), "{line}");
                let _ = minor;
                let labs: Vec<String> = vis.iter().map(|&t| mathtext(&log_label(t, a, b, true))).collect();
                assert_eq!(labs, want_labels, "{line}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 800);
}
