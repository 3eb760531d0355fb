//! `nt::backend::cpu::npymath` against NumPy 2.4's own outputs (its AVX2+FMA3 loops on
//! x86-64 Linux), bit for bit: tests/reference/npymath/vectors.txt, written by gen.py
//! there. Each line is `name_dtype` and the hex bit patterns of the inputs and NumPy's
//! output. The glibc-backed cases assume glibc's libm (the project's Linux machines).

use nt::backend::cpu::npymath as m;
use std::collections::BTreeMap;
use std::path::Path;

fn vectors() -> Vec<(String, Vec<u64>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/npymath/vectors.txt");
    let text = std::fs::read_to_string(&path).expect("vectors.txt");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut it = l.split_whitespace();
            let name = it.next().unwrap().to_string();
            let vals = it.map(|h| u64::from_str_radix(h, 16).expect(l)).collect();
            (name, vals)
        })
        .collect()
}

fn unary_f32(name: &str) -> Option<fn(f32) -> f32> {
    Some(match name {
        "sin" => m::sin_f32,
        "cos" => m::cos_f32,
        "exp" => m::exp_f32,
        "log" => m::log_f32,
        "tanh" => m::tanh_f32,
        "tan" => m::tan_f32,
        "sinh" => m::sinh_f32,
        "cbrt" => m::cbrt_f32,
        "arcsinh" => m::arcsinh_f32,
        "arccosh" => m::arccosh_f32,
        "arctanh" => m::arctanh_f32,
        "exp2" => m::exp2_f32,
        "expm1" => m::expm1_f32,
        "log2" => m::log2_f32,
        "log1p" => m::log1p_f32,
        "deg2rad" => m::deg2rad_f32,
        "rad2deg" => m::rad2deg_f32,
        _ => return None,
    })
}

fn unary_f64(name: &str) -> Option<fn(f64) -> f64> {
    Some(match name {
        "sin" => m::sin_f64,
        "cos" => m::cos_f64,
        "exp" => m::exp_f64,
        "log" => m::log_f64,
        "tanh" => m::tanh_f64,
        "tan" => m::tan_f64,
        "sinh" => m::sinh_f64,
        "cbrt" => m::cbrt_f64,
        "arcsinh" => m::arcsinh_f64,
        "arccosh" => m::arccosh_f64,
        "arctanh" => m::arctanh_f64,
        "exp2" => m::exp2_f64,
        "expm1" => m::expm1_f64,
        "log2" => m::log2_f64,
        "log1p" => m::log1p_f64,
        "deg2rad" => m::deg2rad_f64,
        "rad2deg" => m::rad2deg_f64,
        _ => return None,
    })
}

fn unary_f16(name: &str) -> Option<fn(u16) -> u16> {
    Some(match name {
        "sin" => m::sin_f16,
        "exp" => m::exp_f16,
        "log" => m::log_f16,
        "tanh" => m::tanh_f16,
        "cbrt" => m::cbrt_f16,
        "arcsinh" => m::arcsinh_f16,
        _ => return None,
    })
}

fn binary_f32(name: &str) -> Option<fn(f32, f32) -> f32> {
    Some(match name {
        "logaddexp" => m::logaddexp_f32,
        "logaddexp2" => m::logaddexp2_f32,
        "power" => m::power_f32,
        "powerscalar" => m::power_scalar_exp_f32,
        "arctan2" => m::arctan2_f32,
        "hypot" => m::hypot_f32,
        _ => return None,
    })
}

fn binary_f64(name: &str) -> Option<fn(f64, f64) -> f64> {
    Some(match name {
        "logaddexp" => m::logaddexp_f64,
        "logaddexp2" => m::logaddexp2_f64,
        "power" => m::power_f64,
        "powerscalar" => m::power_scalar_exp_f64,
        "arctan2" => m::arctan2_f64,
        "hypot" => m::hypot_f64,
        _ => return None,
    })
}

/// The output bits for one line, or None for a name this test does not know.
fn compute(case: &str, v: &[u64]) -> Option<u64> {
    let (name, dtype) = case.rsplit_once('_')?;
    Some(match (dtype, v.len()) {
        ("f32", 2) => unary_f32(name)?(f32::from_bits(v[0] as u32)).to_bits() as u64,
        ("f64", 2) => unary_f64(name)?(f64::from_bits(v[0])).to_bits(),
        ("f16", 2) => unary_f16(name)?(v[0] as u16) as u64,
        ("f32", 3) => binary_f32(name)?(f32::from_bits(v[0] as u32), f32::from_bits(v[1] as u32)).to_bits() as u64,
        ("f64", 3) => binary_f64(name)?(f64::from_bits(v[0]), f64::from_bits(v[1])).to_bits(),
        _ => return None,
    })
}

#[test]
fn npymath_matches_numpy_bit_for_bit() {
    let vectors = vectors();
    assert!(vectors.len() > 10_000, "vectors.txt looks truncated");
    let mut per_case: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for (case, v) in &vectors {
        let got = compute(case, v).unwrap_or_else(|| panic!("unknown case {case}"));
        let want = *v.last().unwrap();
        let e = per_case.entry(case).or_default();
        e.0 += 1;
        if got != want {
            e.1 += 1;
            if failures.len() < 20 {
                failures.push(format!("{case} {:x?}: got {got:x}, NumPy {want:x}", &v[..v.len() - 1]));
            }
        }
    }
    let bad: Vec<_> = per_case.iter().filter(|(_, (_, b))| *b > 0).collect();
    assert!(
        bad.is_empty(),
        "mismatches per case {bad:?}; first ones:\n{}",
        failures.join("\n")
    );
    // every SIMD reproduction is exercised in depth
    for case in ["sin_f32", "cos_f32", "exp_f32", "log_f32", "tanh_f32", "tanh_f64"] {
        assert!(
            per_case.get(case).is_some_and(|(n, _)| *n >= 1000),
            "{case} has too few vectors"
        );
    }
}

#[test]
fn slices_match_the_elementwise_functions() {
    let vectors = vectors();
    let pick32 = |case: &str| -> (Vec<f32>, Vec<u32>) {
        vectors
            .iter()
            .filter(|(c, _)| c == case)
            .map(|(_, v)| (f32::from_bits(v[0] as u32), v[1] as u32))
            .unzip()
    };
    type Slice = fn(&[f32], &mut [f32]);
    let slices: [(&str, Slice); 5] = [
        ("sin_f32", m::sin_f32_slice),
        ("cos_f32", m::cos_f32_slice),
        ("exp_f32", m::exp_f32_slice),
        ("log_f32", m::log_f32_slice),
        ("tanh_f32", m::tanh_f32_slice),
    ];
    for (case, f) in slices {
        let (x, want) = pick32(case);
        // odd lengths and offsets, as a vectorised loop would see them
        for start in [0, 1, 3] {
            let x = &x[start..];
            let mut out = vec![0f32; x.len()];
            f(x, &mut out);
            for (i, o) in out.iter().enumerate() {
                assert_eq!(o.to_bits(), want[start + i], "{case}_slice at {:e}", x[i]);
            }
        }
    }
    let (x, want): (Vec<f64>, Vec<u64>) = vectors
        .iter()
        .filter(|(c, _)| c == "tanh_f64")
        .map(|(_, v)| (f64::from_bits(v[0]), v[1]))
        .unzip();
    let mut out = vec![0f64; x.len()];
    m::tanh_f64_slice(&x, &mut out);
    for (i, o) in out.iter().enumerate() {
        assert_eq!(o.to_bits(), want[i], "tanh_f64_slice at {:e}", x[i]);
    }
}

#[test]
fn half_conversions_round_trip_and_round_to_even() {
    for h in 0..=u16::MAX {
        let f = m::half_to_float(h);
        assert_eq!(m::float_to_half(f), h, "{h:#x}");
    }
    // halfway between 1 and 1 + 2^-10 rounds to even (1), above it rounds up
    assert_eq!(m::float_to_half(1.0 + 2f32.powi(-11)), 0x3c00);
    assert_eq!(m::float_to_half(1.0 + 2f32.powi(-11) + 2f32.powi(-20)), 0x3c01);
    assert_eq!(m::float_to_half(65520.0), 0x7c00);
    assert_eq!(m::float_to_half(2f32.powi(-25)), 0x0000);
    assert_eq!(m::float_to_half(2f32.powi(-25) * 1.5), 0x0001);
}
