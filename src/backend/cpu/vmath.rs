//! Vectorised float32 `exp`, `log`, `sin`, `cos` and `tanh`. Each element is widened to
//! f64 and evaluated with branch-free polynomials (Taylor series whose truncation error
//! is below 1e-14 relative), then rounded once to f32: the result is within an ulp of the
//! true value and equal to the correctly rounded one except in about one case in ten
//! million, so they print as the scalar f64 path did. The loops compile for AVX2 when
//! the CPU has it (4 f64 lanes; no FMA, so every machine gets the same bits) and for the
//! baseline otherwise. NaN, infinities, subnormals and arguments beyond the range
//! reductions are recomputed by the scalar f64 functions afterwards.

const MAGIC: f64 = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer in the low bits

/// `e^x` for |x| ≲ 745, by reduction to `r` in [-ln2/2, ln2/2] and 2^n built in the bits.
#[inline(always)]
fn exp_core(x: f64) -> f64 {
    let t = x * std::f64::consts::LOG2_E + MAGIC;
    let n = t - MAGIC;
    let r = (x - n * 0.693_147_180_369_123_816_490) - n * 1.908_214_929_270_587_700_02e-10;
    let mut p = 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    // The low bits of `t` hold n (two's complement): 2^n = (n + 1023) << 52.
    let scale = f64::from_bits((t.to_bits().wrapping_add(1023) & 0x7ff) << 52);
    p * scale
}

#[inline(always)]
fn exp1(x: f32) -> f32 {
    exp_core((x as f64).clamp(-150.0, 100.0)) as f32
}

#[inline(always)]
fn tanh1(x: f32) -> f32 {
    let a = (x as f64).abs().min(20.0);
    let big = 1.0 - 2.0 / (exp_core(2.0 * a) + 1.0);
    let z = a * a;
    let small = a * (1.0 + z * (-1.0 / 3.0 + z * (2.0 / 15.0)));
    let t = if a < 1e-4 { small } else { big };
    (if x.is_sign_negative() { -t } else { t }) as f32
}

#[inline(always)]
fn log1(x: f32) -> f32 {
    let bits = x.to_bits();
    let mut e = ((bits >> 23) & 0xff) as i32 - 127;
    let mut m = f32::from_bits((bits & 0x007f_ffff) | 0x3f80_0000) as f64;
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    let s = (m - 1.0) / (m + 1.0);
    let z = s * s;
    let mut p = 1.0 / 21.0;
    p = p * z + 1.0 / 19.0;
    p = p * z + 1.0 / 17.0;
    p = p * z + 1.0 / 15.0;
    p = p * z + 1.0 / 13.0;
    p = p * z + 1.0 / 11.0;
    p = p * z + 1.0 / 9.0;
    p = p * z + 1.0 / 7.0;
    p = p * z + 1.0 / 5.0;
    p = p * z + 1.0 / 3.0;
    p = p * z + 1.0;
    (e as f64 * std::f64::consts::LN_2 + 2.0 * s * p) as f32
}

#[inline(always)]
fn sin_poly(r: f64) -> f64 {
    let z = r * r;
    let mut p = -1.0 / 1307674368000.0;
    p = p * z + 1.0 / 6227020800.0;
    p = p * z - 1.0 / 39916800.0;
    p = p * z + 1.0 / 362880.0;
    p = p * z - 1.0 / 5040.0;
    p = p * z + 1.0 / 120.0;
    p = p * z - 1.0 / 6.0;
    r + r * z * p
}

#[inline(always)]
fn cos_poly(r: f64) -> f64 {
    let z = r * r;
    let mut p = 1.0 / 20922789888000.0;
    p = p * z - 1.0 / 87178291200.0;
    p = p * z + 1.0 / 479001600.0;
    p = p * z - 1.0 / 3628800.0;
    p = p * z + 1.0 / 40320.0;
    p = p * z - 1.0 / 720.0;
    p = p * z + 1.0 / 24.0;
    p = p * z - 0.5;
    1.0 + z * p
}

/// sin (`shift` 0) or cos (`shift` 1) by reduction modulo π/2 (exact for |x| < 2^19).
#[inline(always)]
fn sincos1(x: f32, shift: u64) -> f32 {
    let xd = (x as f64).clamp(-524288.0, 524288.0);
    let t = xd * std::f64::consts::FRAC_2_PI + MAGIC;
    let n = t - MAGIC;
    let r = (xd - n * 1.570_796_326_734_125_614_17) - n * 6.077_100_506_506_192_249_32e-11;
    let q = t.to_bits().wrapping_add(shift);
    let v = if q & 1 == 0 { sin_poly(r) } else { cos_poly(r) };
    (if q & 2 == 0 { v } else { -v }) as f32
}

macro_rules! kernel {
    ($name:ident, $one:expr, $special:expr, $exact:expr) => {
        pub fn $name(x: &[f32], out: &mut [f32]) {
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                #[target_feature(enable = "avx2")]
                fn wide(x: &[f32], out: &mut [f32]) {
                    for (o, &v) in out.iter_mut().zip(x) {
                        *o = $one(v);
                    }
                }
                // SAFETY: the CPU has AVX2 (checked above).
                unsafe { wide(x, out) };
                return fix(x, out, $special, $exact);
            }
            for (o, &v) in out.iter_mut().zip(x) {
                *o = $one(v);
            }
            fix(x, out, $special, $exact);
        }
    };
}

/// Recomputes the elements the polynomial path does not cover with scalar f64.
#[inline(always)]
fn fix(x: &[f32], out: &mut [f32], special: fn(f32) -> bool, exact: fn(f64) -> f64) {
    for (o, &v) in out.iter_mut().zip(x) {
        if special(v) {
            *o = exact(v as f64) as f32;
        }
    }
}

kernel!(exp, exp1, |v: f32| v.is_nan(), f64::exp);
kernel!(tanh, tanh1, |v: f32| v.is_nan(), f64::tanh);
kernel!(
    log,
    log1,
    |v: f32| !(v.is_normal() && v > 0.0 && v != f32::INFINITY),
    f64::ln
);
kernel!(
    sin,
    |v| sincos1(v, 0),
    |v: f32| v == 0.0 || !(v.abs() < 524288.0),
    f64::sin
);
kernel!(cos, |v| sincos1(v, 1), |v: f32| !(v.abs() < 524288.0), f64::cos);

#[cfg(test)]
mod tests {
    /// Inputs spread over each function's interesting range, with the edges.
    fn inputs(lo: f32, hi: f32) -> Vec<f32> {
        let mut v: Vec<f32> = (0..200_000).map(|i| lo + (hi - lo) * (i as f32 / 200_000.0)).collect();
        v.extend([0.0, -0.0, 1.0, -1.0, 1e-30, -1e-30, 1e-6, 3.0e-39, f32::MIN_POSITIVE]);
        v.extend([
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            88.72,
            88.73,
            -103.9,
            -104.0,
            1e10,
            -1e10,
        ]);
        v
    }

    /// Compares with the correctly rounded f64 result: every element within 1 ulp, and
    /// all but a few in a million identical.
    fn check(f: fn(&[f32], &mut [f32]), exact: fn(f64) -> f64, x: &[f32]) {
        let mut got = vec![0.0f32; x.len()];
        f(x, &mut got);
        let mut differ = 0;
        for (&v, &g) in x.iter().zip(&got) {
            let want = exact(v as f64) as f32;
            if want.is_nan() {
                assert!(g.is_nan(), "{v}: got {g}, want NaN");
                continue;
            }
            if g.to_bits() != want.to_bits() {
                differ += 1;
                let ulps = (g.to_bits() as i64 - want.to_bits() as i64).abs();
                assert!(
                    ulps <= 1 && g.signum() == want.signum(),
                    "{v}: got {g:e}, want {want:e}"
                );
            }
        }
        assert!(differ * 100_000 <= x.len(), "{differ} of {} differ by an ulp", x.len());
    }

    #[test]
    fn exp_matches_f64() {
        check(super::exp, f64::exp, &inputs(-110.0, 90.0));
    }

    #[test]
    fn log_matches_f64() {
        check(super::log, f64::ln, &inputs(-1.0, 1e6));
        check(super::log, f64::ln, &inputs(0.5, 2.0));
    }

    #[test]
    fn sin_cos_match_f64() {
        for (lo, hi) in [(-10.0, 10.0), (-600000.0, 600000.0)] {
            check(super::sin, f64::sin, &inputs(lo, hi));
            check(super::cos, f64::cos, &inputs(lo, hi));
        }
    }

    #[test]
    fn tanh_matches_f64() {
        check(super::tanh, f64::tanh, &inputs(-25.0, 25.0));
        check(super::tanh, f64::tanh, &inputs(-0.001, 0.001));
    }
}
