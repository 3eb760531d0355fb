//! float32 `np.exp` / `np.log`: NumPy's AVX2+FMA3 kernels `simd_exp_FLOAT` and
//! `simd_log_FLOAT` (numpy/_core/src/umath/loops_exponent_log.dispatch.c.src, the
//! `SIMD_AVX2_FMA3` instantiation), one lane at a time; `_mm256_fmadd_ps` is `mul_add`.
//! NumPy runs the same kernel for every layout (strided input is gathered; strided or
//! overlapping output goes through it one element at a time), so these are the values
//! for every array and for 0-d input. float64 exp/log call glibc on that build.

const NPY_NANF: f32 = f32::from_bits(0x7fc0_0000);

// The C source's decimal constants, as bit patterns of their float32 roundings.

// exp: x = k*ln2 + y (Cody-Waite, two steps), exp(y) = P(y)/Q(y)
const EXP_XMAX: f32 = f32::from_bits(0x42b1_7218); // 88.72283935546875
const EXP_XMIN: f32 = f32::from_bits(0xc2cf_f1b5); // -103.97208404541015625
const LOG2E: f32 = std::f32::consts::LOG2_E;
const RINT_MAGIC: f32 = f32::from_bits(0x4b400000); // 0x1.8p+23
const LN2_HIGH: f32 = f32::from_bits(0xbf31_7200); // -6.93145752e-1
const LN2_LOW: f32 = f32::from_bits(0xb5bf_be8e); // -1.42860677e-6
const EXP_P0: f32 = f32::from_bits(0x3f80_0000); // 9.999999999980870924916e-01
const EXP_P1: f32 = f32::from_bits(0x3f39_cbd5); // 7.257664613233124478488e-01
const EXP_P2: f32 = f32::from_bits(0x3e7d_4c58); // 2.473615434895520810817e-01
const EXP_P3: f32 = f32::from_bits(0x3d51_7d8c); // 5.114512081637298353406e-02
const EXP_P4: f32 = f32::from_bits(0x3bdd_7159); // 6.757896990527504603057e-03
const EXP_P5: f32 = f32::from_bits(0x3a05_3dd8); // 5.082762527590693718096e-04
const EXP_Q0: f32 = 1.0;
const EXP_Q1: f32 = f32::from_bits(0xbe8c_6857); // -2.742335390411667452936e-01
const EXP_Q2: f32 = f32::from_bits(0x3cb0_e832); // 2.159509375685829852307e-02

// log: x = m * 2^e, m in [sqrt(1/2), sqrt 2), log(m) = P(m-1)/Q(m-1)
const LOG_P0: f32 = 0.0;
const LOG_P1: f32 = f32::from_bits(0x3f80_0000); // 9.999999999999998702752e-01
const LOG_P2: f32 = f32::from_bits(0x4007_361c); // 2.112677543073053063722e+00
const LOG_P3: f32 = f32::from_bits(0x3fbd_70a9); // 1.480000633576506585156e+00
const LOG_P4: f32 = f32::from_bits(0x3ec3_0333); // 3.808837741388407920751e-01
const LOG_P5: f32 = f32::from_bits(0x3cd4_2bcd); // 2.589979117907922693523e-02
const LOG_Q0: f32 = 1.0;
const LOG_Q1: f32 = f32::from_bits(0x4027_361c); // 2.612677543073109236779e+00
const LOG_Q2: f32 = f32::from_bits(0x401c_fe0d); // 2.453006071784736363091e+00
const LOG_Q3: f32 = f32::from_bits(0x3f7c_8ae4); // 9.864942958519418960339e-01
const LOG_Q4: f32 = f32::from_bits(0x3e1e_5bf3); // 1.546476374983906719538e-01
const LOG_Q5: f32 = f32::from_bits(0x3bc0_83df); // 5.875095403124574342950e-03
const LOGE2: f32 = std::f32::consts::LN_2;
const SQRT1_2: f32 = std::f32::consts::FRAC_1_SQRT_2;
const TWO_POW_100: f32 = f32::from_bits(0x7180_0000);

/// `fma_scalef_ps`: poly * 2^q by adding q to the exponent field (integer add, no
/// checks), with q <= -125 split so that a final division makes the subnormal.
#[inline(always)]
fn scalef(poly: f32, q: f32) -> f32 {
    let add_exp =
        |p: f32, q: f32| f32::from_bits((p.to_bits() as i32).wrapping_add((q as i32).wrapping_shl(23)) as u32);
    if q <= -125.0 {
        let diff = 0.0 - (q - -125.0);
        // _mm256_sllv_epi32 gives 0 for shift counts of 32 or more
        let d = diff as i32;
        let two_pow = if (0..32).contains(&d) { 1i32 << d } else { 0 };
        let p = add_exp(poly, q.max(-125.0));
        p / two_pow as f32
    } else {
        add_exp(poly, q)
    }
}

/// The float32 `np.exp` kernel of one element.
#[inline(always)]
pub(super) fn exp(x_in: f32) -> f32 {
    if x_in.is_nan() {
        return NPY_NANF;
    }
    if x_in >= EXP_XMAX {
        return f32::INFINITY;
    }
    if x_in <= EXP_XMIN {
        return 0.0;
    }
    let quadrant = (x_in * LOG2E + RINT_MAGIC) - RINT_MAGIC;
    let mut x = quadrant.mul_add(LN2_HIGH, x_in);
    x = quadrant.mul_add(LN2_LOW, x);
    x = quadrant.mul_add(0.0, x);

    let mut num = EXP_P5.mul_add(x, EXP_P4);
    num = num.mul_add(x, EXP_P3);
    num = num.mul_add(x, EXP_P2);
    num = num.mul_add(x, EXP_P1);
    num = num.mul_add(x, EXP_P0);
    let mut den = EXP_Q2.mul_add(x, EXP_Q1);
    den = den.mul_add(x, EXP_Q0);
    scalef(num / den, quadrant)
}

/// `fma_get_exponent` and `fma_get_mantissa` of a lane (x >= 0 or -0, or NaN): the
/// exponent as a float (biased by 126, so that the mantissa is in [0.5, 1)), subnormals
/// scaled by 2^100 first.
#[inline(always)]
fn exponent_mantissa(x: f32) -> (f32, f32) {
    let denormal = x < f32::MIN_POSITIVE;
    let xs = if denormal { x * TWO_POW_100 } else { x };
    let bits = xs.to_bits();
    let e = ((bits >> 23) as i32 - 0x7e) as f32;
    let e = if denormal { e - 100.0 } else { e };
    let m = f32::from_bits((bits & 0x007f_ffff) | (126 << 23));
    (e, m)
}

/// The float32 `np.log` kernel of one element.
#[inline(always)]
pub(super) fn log(x_in: f32) -> f32 {
    if x_in.is_nan() {
        return NPY_NANF;
    }
    if x_in < 0.0 {
        return -NPY_NANF;
    }
    if x_in == 0.0 {
        return f32::NEG_INFINITY;
    }
    if x_in == f32::INFINITY {
        return f32::INFINITY;
    }
    let (mut exponent, mut x) = exponent_mantissa(x_in);
    if x <= SQRT1_2 {
        x = x + x;
        exponent -= 1.0;
    }
    x -= 1.0;

    let mut num = LOG_P5.mul_add(x, LOG_P4);
    num = num.mul_add(x, LOG_P3);
    num = num.mul_add(x, LOG_P2);
    num = num.mul_add(x, LOG_P1);
    num = num.mul_add(x, LOG_P0);
    let mut den = LOG_Q5.mul_add(x, LOG_Q4);
    den = den.mul_add(x, LOG_Q3);
    den = den.mul_add(x, LOG_Q2);
    den = den.mul_add(x, LOG_Q1);
    den = den.mul_add(x, LOG_Q0);
    exponent.mul_add(LOGE2, num / den)
}
