//! nt's port of SLEEF's float32 functions against SLEEF itself, as PyTorch ships it:
//! every line of tests/reference/sleef/f32.txt (written by gen_f32.py from torch's
//! libtorch_cpu.so) must come out bit for bit, through the per-element functions and through
//! the slice versions. NaN matches NaN whatever its payload.

use nt::backend::cpu::sleef::f32 as s;

type SliceFn = fn(&[f32], &mut [f32]);
type Unary = (fn(f32) -> f32, SliceFn);
type Binary = (fn(f32, f32) -> f32, fn(&[f32], &[f32], &mut [f32]));

fn unary(name: &str) -> Option<Unary> {
    Some(match name {
        "exp" => (s::exp, s::exp_slice),
        "log" => (s::log, s::log_slice),
        "log2" => (s::log2, s::log2_slice),
        "log10" => (s::log10, s::log10_slice),
        "log1p" => (s::log1p, s::log1p_slice),
        "expm1" => (s::expm1, s::expm1_slice),
        "exp2" => (s::exp2, s::exp2_slice),
        "tanh" => (s::tanh, s::tanh_slice),
        "sinh" => (s::sinh, s::sinh_slice),
        "cosh" => (s::cosh, s::cosh_slice),
        "asinh" => (s::asinh, s::asinh_slice),
        "acosh" => (s::acosh, s::acosh_slice),
        "atanh" => (s::atanh, s::atanh_slice),
        "cbrt" => (s::cbrt, s::cbrt_slice),
        "sin" => (s::sin, s::sin_slice),
        "cos" => (s::cos, s::cos_slice),
        "tan" => (s::tan, s::tan_slice),
        "asin" => (s::asin, s::asin_slice),
        "acos" => (s::acos, s::acos_slice),
        "atan" => (s::atan, s::atan_slice),
        "lgamma" => (s::lgamma, s::lgamma_slice),
        "erf" => (s::erf, s::erf_slice),
        "erfc" => (s::erfc, s::erfc_slice),
        "sigmoid" => (s::sigmoid, s::sigmoid_slice),
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

/// sin/cos/tan over whole groups of 8 (`NAME_g8` lines).
fn grouped(name: &str) -> Option<SliceFn> {
    Some(match name {
        "sin_g8" => s::sin_slice,
        "cos_g8" => s::cos_slice,
        "tan_g8" => s::tan_slice,
        _ => return None,
    })
}

fn same(a: f32, b: f32) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

fn hex(t: &str) -> f32 {
    f32::from_bits(u32::from_str_radix(t, 16).unwrap_or_else(|_| panic!("bad hex {t:?}")))
}

#[derive(Default)]
struct Cases {
    x: Vec<f32>,
    x2: Vec<f32>,
    y: Vec<f32>,
}

#[test]
fn sleef_f32_matches_reference_vectors() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/sleef/f32.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut by_name: std::collections::BTreeMap<&str, Cases> = Default::default();
    for line in text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let c = by_name.entry(f[0]).or_default();
        match f.len() {
            3 => {
                c.x.push(hex(f[1]));
                c.y.push(hex(f[2]));
            }
            4 => {
                c.x.push(hex(f[1]));
                c.x2.push(hex(f[2]));
                c.y.push(hex(f[3]));
            }
            _ => panic!("bad line {line:?}"),
        }
    }
    assert!(
        by_name.len() >= 30,
        "only {} functions in {}",
        by_name.len(),
        path.display()
    );

    let mut failures = Vec::new();
    let mut total = 0;
    for (name, c) in &by_name {
        let n = c.y.len();
        total += n;
        let mut sliced = vec![0.0f32; n];
        let per_element: Vec<f32> = if let Some((f, fs)) = unary(name) {
            if matches!(*name, "sin" | "cos" | "tan") {
                // these lines hold each argument alone in its vector: slices of one
                for (o, x) in sliced.iter_mut().zip(&c.x) {
                    fs(std::slice::from_ref(x), std::slice::from_mut(o));
                }
            } else {
                fs(&c.x, &mut sliced);
            }
            c.x.iter().map(|&x| f(x)).collect()
        } else if let Some((f, fs)) = binary(name) {
            fs(&c.x, &c.x2, &mut sliced);
            c.x.iter().zip(&c.x2).map(|(&a, &b)| f(a, b)).collect()
        } else if let Some(fs) = grouped(name) {
            assert_eq!(n % 8, 0, "{name}: groups of 8");
            fs(&c.x, &mut sliced);
            sliced.clone()
        } else {
            panic!("unknown function {name:?} in {}", path.display());
        };
        for i in 0..n {
            for (how, got) in [("per-element", per_element[i]), ("slice", sliced[i])] {
                if !same(got, c.y[i]) {
                    let args = if c.x2.is_empty() {
                        format!("{:#010x}", c.x[i].to_bits())
                    } else {
                        format!("{:#010x}, {:#010x}", c.x[i].to_bits(), c.x2[i].to_bits())
                    };
                    failures.push(format!(
                        "{name}({args}) [{how}] = {:#010x} ({:e}), want {:#010x} ({:e})",
                        got.to_bits(),
                        got,
                        c.y[i].to_bits(),
                        c.y[i]
                    ));
                }
            }
        }
    }
    assert!(total > 10_000, "only {total} cases");
    assert!(
        failures.is_empty(),
        "{} mismatches, first:\n{}",
        failures.len(),
        failures.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
}

/// A slice whose length is not a multiple of 8 and whose groups mix small and large
/// arguments: `sin_slice` must decide each group of 8 as a whole, starting at element 0.
#[test]
fn sin_slice_groups_of_eight_start_at_the_slice() {
    let x: Vec<f32> = (0..21)
        .map(|i| if i == 9 { 1.0e4 } else { 0.1 + i as f32 * 0.37 })
        .collect();
    let mut got = vec![0.0; x.len()];
    s::sin_slice(&x, &mut got);
    for i in (0..8).chain(16..21) {
        assert_eq!(got[i].to_bits(), s::sin(x[i]).to_bits(), "element {i}");
    }
    // elements 8..16 share a group with 1e4; whatever path they take, they stay within an
    // ulp of the per-element result
    for i in 8..16 {
        let d = (got[i].to_bits() as i64 - s::sin(x[i]).to_bits() as i64).abs();
        assert!(d <= 1, "element {i}: {} vs {}", got[i], s::sin(x[i]));
    }
}
