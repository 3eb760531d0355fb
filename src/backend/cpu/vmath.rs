//! Vectorised float32 `exp`, `log`, `sin`, `cos` and `tanh`, correctly rounded.
//!
//! Each element is widened to f64 and evaluated with branch-free polynomials whose
//! error, range reduction included, stays below 2^-40 relative. The f64 value `y` then
//! rounds to the same f32 as the exact value unless `y` lies within that error of a
//! point halfway between two f32s. `suspect` finds those rare elements (about one in
//! ten thousand) from `y`'s low bits, along with results outside f32's normal range and
//! inputs outside the reductions; they are recomputed with the scalar f64 function. So
//! every result equals `f(x as f64) as f32` bit for bit, on every machine, whichever of
//! the loops below ran: AVX-512 (F/VL/DQ/BW), AVX2 with FMA, or the baseline
//! without FMA (the error bound holds with or without fused multiply-adds).

const MAGIC: f64 = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer in the low bits

/// f64 ulps around an f32 rounding midpoint that count as too close to call: 2^16 ulps
/// of a significand in [1, 2) is a relative distance of at least 2^-37, far above the
/// polynomials' error.
const GUARD: u64 = 1 << 16;
/// The 29 low significand bits that an f64 → f32 rounding drops; their midpoint.
const DROPPED: u64 = (1 << 29) - 1;
const HALF: u64 = 1 << 28;

/// Whether `y` may round differently from the exact value, or lies outside f32's normal
/// range (underflow, overflow, zero, NaN): the scalar f64 function decides those.
#[inline(always)]
fn suspect(y: f64) -> bool {
    let b = y.to_bits();
    let near_midpoint = (b & DROPPED).wrapping_sub(HALF - GUARD) < 2 * GUARD;
    let e = (b >> 52) & 0x7ff;
    // f32 normals have biased f64 exponents 1023-126 ..= 1023+127.
    let outside = e.wrapping_sub(1023 - 126) > 253;
    near_midpoint | outside
}

/// `a * b + c`, fused where the loop is compiled with FMA.
#[inline(always)]
fn madd<const FMA: bool>(a: f64, b: f64, c: f64) -> f64 {
    if FMA { a.mul_add(b, c) } else { a * b + c }
}

/// Horner's rule over `coeffs`, highest degree first.
#[inline(always)]
fn horner<const FMA: bool>(x: f64, coeffs: &[f64]) -> f64 {
    let mut p = coeffs[0];
    for &c in &coeffs[1..] {
        p = madd::<FMA>(p, x, c);
    }
    p
}

/// `e^x` for |x| ≲ 745, by reduction to `r` in [-ln2/2, ln2/2] and 2^n built in the bits.
/// Degree 11: the truncation error is below 7e-15 relative (tanh needs that much).
#[inline(always)]
fn exp_core<const FMA: bool>(x: f64) -> f64 {
    let t = madd::<FMA>(x, std::f64::consts::LOG2_E, MAGIC);
    let n = t - MAGIC;
    // ln 2 in two parts; n * LN2_HI is exact for the n that occur.
    let r = madd::<FMA>(
        -n,
        1.908_214_929_270_587_700_02e-10,
        madd::<FMA>(-n, 0.693_147_180_369_123_816_490, x),
    );
    const C: [f64; 12] = [
        1.0 / 39916800.0,
        1.0 / 3628800.0,
        1.0 / 362880.0,
        1.0 / 40320.0,
        1.0 / 5040.0,
        1.0 / 720.0,
        1.0 / 120.0,
        1.0 / 24.0,
        1.0 / 6.0,
        0.5,
        1.0,
        1.0,
    ];
    let p = horner::<FMA>(r, &C);
    // The low bits of `t` hold n (two's complement): 2^n = (n + 1023) << 52.
    let scale = f64::from_bits((t.to_bits().wrapping_add(1023) & 0x7ff) << 52);
    p * scale
}

#[inline(always)]
fn exp1<const FMA: bool>(x: f32) -> (f64, bool) {
    // Clamped so that 2^n stays a normal f64; the clamped ends are outside f32's range
    // and go to the scalar function.
    (exp_core::<FMA>((x as f64).clamp(-150.0, 100.0)), false)
}

#[inline(always)]
fn tanh1<const FMA: bool>(x: f32) -> (f64, bool) {
    let a = (x as f64).abs().min(20.0);
    // 1 - 2/(e^2a + 1) loses log2(1/a) bits to cancellation; below 2^-6 the odd series
    // (truncated after a^9, error below a^11/100) is used instead.
    let big = 1.0 - 2.0 / (exp_core::<FMA>(2.0 * a) + 1.0);
    let z = a * a;
    const S: [f64; 5] = [62.0 / 2835.0, -17.0 / 315.0, 2.0 / 15.0, -1.0 / 3.0, 1.0];
    let small = a * horner::<FMA>(z, &S);
    let t = if a < 0.015625 { small } else { big };
    // `min` would turn NaN into 20.
    (if x.is_sign_negative() { -t } else { t }, x.is_nan())
}

#[inline(always)]
fn log1<const FMA: bool>(x: f32) -> (f64, bool) {
    let bits = x.to_bits();
    // Zero, negatives, subnormals, infinities and NaN go to the scalar function.
    let odd = bits.wrapping_sub(0x0080_0000) >= 0x7f80_0000 - 0x0080_0000;
    let mut e = ((bits >> 23) & 0xff) as i32 - 127;
    let mut m = f32::from_bits((bits & 0x007f_ffff) | 0x3f80_0000) as f64;
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    // log m = 2 atanh s, s = (m-1)/(m+1), |s| ≤ 0.172: the series to s^15 is within 4e-14.
    let s = (m - 1.0) / (m + 1.0);
    let z = s * s;
    const C: [f64; 8] = [
        1.0 / 15.0,
        1.0 / 13.0,
        1.0 / 11.0,
        1.0 / 9.0,
        1.0 / 7.0,
        1.0 / 5.0,
        1.0 / 3.0,
        1.0,
    ];
    let p = horner::<FMA>(z, &C);
    (madd::<FMA>(e as f64, std::f64::consts::LN_2, 2.0 * s * p), odd)
}

/// sin r for |r| ≤ π/4: Taylor to r^13, within 3e-14 relative.
#[inline(always)]
fn sin_poly<const FMA: bool>(r: f64) -> f64 {
    let z = r * r;
    const C: [f64; 6] = [
        1.0 / 6227020800.0,
        -1.0 / 39916800.0,
        1.0 / 362880.0,
        -1.0 / 5040.0,
        1.0 / 120.0,
        -1.0 / 6.0,
    ];
    madd::<FMA>(r * z, horner::<FMA>(z, &C), r)
}

/// cos r for |r| ≤ π/4: Taylor to r^14, within 2e-15.
#[inline(always)]
fn cos_poly<const FMA: bool>(r: f64) -> f64 {
    let z = r * r;
    const C: [f64; 7] = [
        -1.0 / 87178291200.0,
        1.0 / 479001600.0,
        -1.0 / 3628800.0,
        1.0 / 40320.0,
        -1.0 / 720.0,
        1.0 / 24.0,
        -0.5,
    ];
    madd::<FMA>(z, horner::<FMA>(z, &C), 1.0)
}

/// sin (`shift` 0) or cos (`shift` 1) by reduction modulo π/2 (exact for |x| < 2^19).
#[inline(always)]
fn sincos1<const FMA: bool, const SHIFT: u64>(x: f32) -> (f64, bool) {
    let xd = (x as f64).clamp(-524288.0, 524288.0);
    let t = madd::<FMA>(xd, std::f64::consts::FRAC_2_PI, MAGIC);
    let n = t - MAGIC;
    // π/2 in two parts (Cody and Waite): n * PIO2_HI is exact for |n| < 2^20.
    let r = madd::<FMA>(
        -n,
        6.077_100_506_506_192_249_32e-11,
        madd::<FMA>(-n, 1.570_796_326_734_125_614_17, xd),
    );
    let q = t.to_bits().wrapping_add(SHIFT);
    let v = if q & 1 == 0 {
        sin_poly::<FMA>(r)
    } else {
        cos_poly::<FMA>(r)
    };
    // Beyond 2^19, or close to a nonzero multiple of π/2 (where the reduction's absolute
    // error would be large relative to the result): the scalar function.
    let odd = !(x.abs() < 524288.0) | ((r.abs() < 2.44140625e-4) & (n != 0.0));
    (if q & 2 == 0 { v } else { -v }, odd)
}

/// One function over `x` into `out`, in chunks: the fast path for every element, then,
/// in the rare chunk that holds a suspect, the scalar function for those elements.
#[inline(always)]
fn run(x: &[f32], out: &mut [f32], core: impl Fn(f32) -> (f64, bool), exact: fn(f64) -> f64) {
    for (xs, os) in x.chunks(64).zip(out.chunks_mut(64)) {
        let mut any = 0u64;
        for (o, &v) in os.iter_mut().zip(xs) {
            let (y, odd) = core(v);
            *o = y as f32;
            any |= (suspect(y) | odd) as u64;
        }
        if any != 0 {
            for (o, &v) in os.iter_mut().zip(xs) {
                let (y, odd) = core(v);
                if suspect(y) | odd {
                    *o = exact(v as f64) as f32;
                }
            }
        }
    }
}

macro_rules! kernel {
    ($name:ident, $core:ident $(::<$shift:literal>)?, $exact:expr) => {
        pub fn $name(x: &[f32], out: &mut [f32]) {
            #[cfg(target_arch = "x86_64")]
            {
                if super::x86_v4() {
                    #[target_feature(enable = "avx512f,avx512vl,avx512dq,avx512bw,avx2,fma")]
                    fn wide(x: &[f32], out: &mut [f32]) {
                        run(x, out, $core::<true $(, $shift)?>, $exact)
                    }
                    // SAFETY: the CPU has AVX-512 F/VL/DQ/BW (checked above), and with them AVX2. which implies AVX2 and FMA.
                    return unsafe { wide(x, out) };
                }
                if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
                    #[target_feature(enable = "avx2,fma")]
                    fn wide(x: &[f32], out: &mut [f32]) {
                        run(x, out, $core::<true $(, $shift)?>, $exact)
                    }
                    // SAFETY: the CPU has AVX2 and FMA (checked above).
                    return unsafe { wide(x, out) };
                }
            }
            run(x, out, $core::<false $(, $shift)?>, $exact)
        }
    };
}

kernel!(exp, exp1, f64::exp);
kernel!(tanh, tanh1, f64::tanh);
kernel!(log, log1, f64::ln);
kernel!(sin, sincos1::<0>, f64::sin);
kernel!(cos, sincos1::<1>, f64::cos);

#[cfg(test)]
mod tests {
    use super::*;

    /// Inputs spread over `lo..hi`, every f32 bit pattern at a stride, and the edges.
    fn inputs(lo: f32, hi: f32) -> Vec<f32> {
        let mut v: Vec<f32> = (0..300_000).map(|i| lo + (hi - lo) * (i as f32 / 300_000.0)).collect();
        v.extend((0..u32::MAX / 7919).map(|i| f32::from_bits(i.wrapping_mul(7919 * 2 + 1))));
        v.extend([0.0, -0.0, 1.0, -1.0, 1e-30, -1e-30, 1e-6, 3.0e-39, f32::MIN_POSITIVE]);
        v.extend([f32::NAN, f32::INFINITY, f32::NEG_INFINITY, 88.72, 88.73, -103.9, -104.0]);
        v.extend([
            1e10,
            -1e10,
            524287.9,
            524288.0,
            std::f32::consts::PI,
            1.5707964,
            0.015625,
        ]);
        v
    }

    /// Every result must be the f64 function's, rounded once: bit for bit, NaN for NaN.
    fn check(name: &str, got: &[f32], x: &[f32], exact: fn(f64) -> f64) {
        for (&v, &g) in x.iter().zip(got) {
            let want = exact(v as f64) as f32;
            let same = g.to_bits() == want.to_bits() || (g.is_nan() && want.is_nan());
            assert!(same, "{name}({v:e}): got {g:e}, want {want:e}");
        }
    }

    /// The dispatched kernel (AVX-512 or AVX2 with FMA where the CPU has them) and the
    /// baseline loop without FMA.
    fn both(
        name: &str,
        lo: f32,
        hi: f32,
        kernel: fn(&[f32], &mut [f32]),
        core: fn(f32) -> (f64, bool),
        exact: fn(f64) -> f64,
    ) {
        let x = inputs(lo, hi);
        let mut got = vec![0.0f32; x.len()];
        kernel(&x, &mut got);
        check(name, &got, &x, exact);
        run(&x, &mut got, core, exact);
        check(name, &got, &x, exact);
    }

    #[test]
    fn exp_is_correctly_rounded() {
        both("exp", -110.0, 90.0, super::exp, exp1::<false>, f64::exp);
    }

    #[test]
    fn log_is_correctly_rounded() {
        both("log", -1.0, 1e6, super::log, log1::<false>, f64::ln);
        both("log", 0.5, 2.0, super::log, log1::<false>, f64::ln);
    }

    #[test]
    fn sin_cos_are_correctly_rounded() {
        for (lo, hi) in [(-10.0, 10.0), (-600000.0, 600000.0)] {
            both("sin", lo, hi, super::sin, sincos1::<false, 0>, f64::sin);
            both("cos", lo, hi, super::cos, sincos1::<false, 1>, f64::cos);
        }
    }

    #[test]
    fn tanh_is_correctly_rounded() {
        both("tanh", -25.0, 25.0, super::tanh, tanh1::<false>, f64::tanh);
        both("tanh", -0.03, 0.03, super::tanh, tanh1::<false>, f64::tanh);
    }

    #[test]
    fn suspects_are_values_near_a_rounding_midpoint_or_outside_f32() {
        let one_and_a_half_ulp = 1.0 + 1.5 * f32::EPSILON as f64;
        assert!(suspect(one_and_a_half_ulp));
        assert!(suspect(-one_and_a_half_ulp));
        assert!(!suspect(1.0));
        assert!(!suspect(1.0 + f32::EPSILON as f64));
        assert!(!suspect(1.0 + 1.25 * f32::EPSILON as f64));
        for y in [0.0, f64::NAN, f64::INFINITY, 1e-39, 3.5e38, -1e300] {
            assert!(suspect(y), "{y}");
        }
        assert!(!suspect(f32::MIN_POSITIVE as f64));
        assert!(!suspect(f32::MAX as f64));
    }
}
