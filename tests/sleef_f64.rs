//! The float64 SLEEF port (`src/backend/cpu/sleef/f64.rs`) against PyTorch's own results:
//! `tests/reference/sleef/f64.txt`, written by `tests/reference/sleef/gen_f64.py` from the
//! `Sleef_*d4_*avx2` functions inside torch's libtorch_cpu.so and checked there against the
//! torch ops that use them. Every result must be bit-identical (any NaN matches any NaN).

use nt::backend::cpu::sleef::f64 as s;
use std::collections::BTreeMap;

type Unary = (fn(f64) -> f64, fn(&[f64], &mut [f64]));
type Binary = (fn(f64, f64) -> f64, fn(&[f64], &[f64], &mut [f64]));

fn unary(name: &str) -> Option<Unary> {
    Some(match name {
        "exp" => (s::exp, s::exp_slice),
        "exp2" => (s::exp2, s::exp2_slice),
        "expm1" => (s::expm1, s::expm1_slice),
        "log" => (s::log, s::log_slice),
        "log2" => (s::log2, s::log2_slice),
        "log10" => (s::log10, s::log10_slice),
        "log1p" => (s::log1p, s::log1p_slice),
        "sinh" => (s::sinh, s::sinh_slice),
        "cosh" => (s::cosh, s::cosh_slice),
        "tanh" => (s::tanh, s::tanh_slice),
        "atanh" => (s::atanh, s::atanh_slice),
        "asin" => (s::asin, s::asin_slice),
        "acos" => (s::acos, s::acos_slice),
        "atan" => (s::atan, s::atan_slice),
        "erf" => (s::erf, s::erf_slice),
        "erfc" => (s::erfc, s::erfc_slice),
        "lgamma" => (s::lgamma, s::lgamma_slice),
        "sigmoid" => (s::sigmoid, s::sigmoid_slice),
        "sin" => (s::sin, s::sin_slice),
        "cos" => (s::cos, s::cos_slice),
        "tan" => (s::tan, s::tan_slice),
        _ => return None,
    })
}

fn binary(name: &str) -> Option<Binary> {
    Some(match name {
        "pow" => (s::pow, s::pow_slice),
        "atan2" => (s::atan2, s::atan2_slice),
        "hypot" => (s::hypot, s::hypot_slice),
        "fmod" => (s::fmod, s::fmod_slice),
        _ => return None,
    })
}

fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

fn hex(v: f64) -> String {
    format!("{:016x}", v.to_bits())
}

/// The reference cases by function: (arguments, expected result).
fn cases() -> BTreeMap<String, Vec<(Vec<f64>, f64)>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/sleef/f64.txt");
    let text = std::fs::read_to_string(path).expect("tests/reference/sleef/f64.txt");
    let mut by_name: BTreeMap<String, Vec<(Vec<f64>, f64)>> = BTreeMap::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut t = line.split_whitespace();
        let name = t.next().expect("name").to_string();
        let mut v: Vec<f64> = t
            .map(|h| f64::from_bits(u64::from_str_radix(h, 16).expect("hex bit pattern")))
            .collect();
        let want = v.pop().expect("result");
        by_name.entry(name).or_default().push((v, want));
    }
    by_name
}

#[test]
fn float64_functions_match_pytorch_bit_for_bit() {
    let all = cases();
    assert!(all.len() >= 25, "reference file incomplete: {} functions", all.len());
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, cases) in &all {
        let xs: Vec<f64> = cases.iter().map(|c| c.0[0]).collect();
        let mut got_slice = vec![0.0; xs.len()];
        let got_elem: Vec<f64>;
        if let Some((f, fs)) = unary(name) {
            assert!(cases.iter().all(|c| c.0.len() == 1), "{name}: one argument");
            got_elem = xs.iter().map(|&x| f(x)).collect();
            if matches!(name.as_str(), "sin" | "cos" | "tan") {
                // the reference takes each argument's own reduction path: one element per slice
                for (o, x) in got_slice.iter_mut().zip(&xs) {
                    fs(std::slice::from_ref(x), std::slice::from_mut(o));
                }
            } else {
                fs(&xs, &mut got_slice);
            }
        } else if let Some((f, fs)) = binary(name) {
            assert!(cases.iter().all(|c| c.0.len() == 2), "{name}: two arguments");
            let ys: Vec<f64> = cases.iter().map(|c| c.0[1]).collect();
            got_elem = xs.iter().zip(&ys).map(|(&x, &y)| f(x, y)).collect();
            fs(&xs, &ys, &mut got_slice);
        } else {
            panic!("unknown function {name} in f64.txt");
        }
        for (i, (args, w)) in cases.iter().enumerate() {
            checked += 1;
            for (how, g) in [("fn", got_elem[i]), ("slice", got_slice[i])] {
                if !same(g, *w) {
                    let a: Vec<String> = args.iter().map(|&v| hex(v)).collect();
                    failures.push(format!(
                        "{name}({}) [{how}] = {} want {}",
                        a.join(", "),
                        hex(g),
                        hex(*w)
                    ));
                }
            }
        }
    }
    assert!(checked > 7000, "only {checked} reference cases");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures[..failures.len().min(30)].join("\n")
    );
}

#[test]
fn trig_slices_share_the_reduction_path_of_each_four_lane_group() {
    // SLEEF picks sin/cos/tan's argument reduction per 4-lane vector; a huge argument in a
    // group moves its small neighbours to the Payne-Hanek path.
    let x = [0.75, 2.5, -9.0, 1e20, 12.5, -3.25];
    type Trig = (
        fn(&[f64], &mut [f64]),
        fn(f64, u8) -> f64,
        fn(f64) -> f64,
        fn([f64; 4]) -> [f64; 4],
    );
    let fns: [Trig; 3] = [
        (s::sin_slice, s::sin_path, s::sin, s::sin4),
        (s::cos_slice, s::cos_path, s::cos, s::cos4),
        (s::tan_slice, s::tan_path, s::tan, s::tan4),
    ];
    for (slice, path, lone, four) in fns {
        let mut out = [0.0; 6];
        slice(&x, &mut out);
        let g = four([x[0], x[1], x[2], x[3]]);
        for i in 0..4 {
            assert!(
                same(out[i], path(x[i], 2)) && same(out[i], g[i]),
                "lane {i} of the first group"
            );
        }
        for i in 4..6 {
            assert!(
                same(out[i], lone(x[i])) && same(out[i], path(x[i], 0)),
                "lane {i} of the partial group"
            );
        }
    }
    assert_eq!(s::group_path(&[1.0, 20.0]), 1);
    assert_eq!(s::group_path(&[1.0, f64::NAN]), 2);
}

#[test]
fn slices_equal_the_elementwise_functions() {
    let x: Vec<f64> = (0..1000).map(|i| (i as f64 - 500.0) * 0.0371).collect();
    let y: Vec<f64> = x.iter().map(|v| 1.5 - v * 0.25).collect();
    let mut out = vec![0.0; x.len()];
    for name in [
        "exp", "expm1", "log1p", "sinh", "tanh", "erf", "erfc", "lgamma", "sigmoid", "atan",
    ] {
        let (f, fs) = unary(name).unwrap();
        fs(&x, &mut out);
        assert!(x.iter().zip(&out).all(|(&a, &o)| same(f(a), o)), "{name}");
    }
    for name in ["pow", "atan2", "hypot", "fmod"] {
        let (f, fs) = binary(name).unwrap();
        fs(&x, &y, &mut out);
        assert!(
            x.iter().zip(&y).zip(&out).all(|((&a, &b), &o)| same(f(a, b), o)),
            "{name}"
        );
    }
}
