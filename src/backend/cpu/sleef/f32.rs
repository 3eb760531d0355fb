//! float32 functions bit-exact with SLEEF 3.x's `Sleef_*f8_*` vector functions as PyTorch's
//! CPU build runs them (the AVX2 + FMA variant, `Sleef_*f8_*avx2`).
//!
//! Each `pub fn NAME(x: f32) -> f32` evaluates one lane of SLEEF's algorithm with the same
//! operations in the same order: `mla` is the fused multiply-add SLEEF's AVX2 build issues,
//! double-float (`F2`) arithmetic uses fma-based exact products, selects are branch-free
//! `if`s on values. Integer conversions follow `cvtps2dq`/`cvttps2dq` (out of range and NaN
//! give `i32::MIN`), min/max follow `minps`/`maxps`. The results are therefore identical on
//! any x86-64 (or other) CPU, whichever loop runs: `f32::mul_add` is exact everywhere, only
//! slower without FMA.
//!
//! `NAME_slice(a, out)` maps a slice, compiled for AVX2+FMA when the CPU has them.
//!
//! Which PyTorch operations reach these functions (and which do not: most float32 unary
//! ops go through MKL's VML instead) is documented in `tests/reference/sleef/gen_f32.py`.
//!
//! Layout: this file holds the primitives, the exp/log family and sigmoid; `f32_hyper.rs` the
//! hyperbolic functions, pow, cbrt, hypot and fmod; `f32_trig.rs` the trigonometric functions
//! with the Payne-Hanek table; `f32_special.rs` lgamma, erf and erfc. The three are
//! submodules of this one (`#[path]`), re-exported here: only `pub mod f32;` is needed.
//!
//! NaN results are NaN wherever SLEEF's are, but their payload and sign bits may differ
//! (x86 picks which NaN operand propagates by operand order, which LLVM does not keep).

#![allow(clippy::excessive_precision, clippy::approx_constant, clippy::unreadable_literal)]

// ---------------------------------------------------------------------------------------
// Primitives: one AVX2 instruction (or SLEEF helper) per function.

/// A double-float: the unevaluated sum `x + y`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct F2 {
    pub(crate) x: f32,
    pub(crate) y: f32,
}

#[inline(always)]
pub(crate) const fn f2(x: f32, y: f32) -> F2 {
    F2 { x, y }
}

/// `vcast_vf2_d`: a double constant split into two floats.
#[inline(always)]
pub(crate) fn f2d(d: f64) -> F2 {
    let h = d as f32;
    f2(h, (d - h as f64) as f32)
}

/// `vfmadd`: `x * y + z`, rounded once.
#[inline(always)]
pub(crate) fn mla(x: f32, y: f32, z: f32) -> f32 {
    x.mul_add(y, z)
}

/// `vfnmadd`: `-(x * y) + z`, rounded once.
#[inline(always)]
pub(crate) fn mlanp(x: f32, y: f32, z: f32) -> f32 {
    (-x).mul_add(y, z)
}

/// `vfmsub`: `x * y - z`, rounded once.
#[inline(always)]
pub(crate) fn fmapn(x: f32, y: f32, z: f32) -> f32 {
    x.mul_add(y, -z)
}

/// `cvtps2dq`: round to nearest even; NaN and out-of-range give `i32::MIN`.
#[inline(always)]
pub(crate) fn rint_i(x: f32) -> i32 {
    let r = x.round_ties_even();
    let inside = (-2147483648.0..2147483648.0).contains(&r);
    // Selects rather than `as` (which saturates lane by lane in scalar code): this
    // compiles to one vector conversion. SAFETY: the value converted is in range.
    let i = unsafe { (if inside { r } else { 0.0 }).to_int_unchecked::<i32>() };
    if inside { i } else { i32::MIN }
}

/// `cvttps2dq`: truncate; NaN and out-of-range give `i32::MIN`.
#[inline(always)]
pub(crate) fn trunc_i(x: f32) -> i32 {
    let r = x.trunc();
    let inside = (-2147483648.0..2147483648.0).contains(&r);
    // Selects rather than `as` (which saturates lane by lane in scalar code): this
    // compiles to one vector conversion. SAFETY: the value converted is in range.
    let i = unsafe { (if inside { r } else { 0.0 }).to_int_unchecked::<i32>() };
    if inside { i } else { i32::MIN }
}

#[inline(always)]
pub(crate) fn bits(x: f32) -> u32 {
    x.to_bits()
}

#[inline(always)]
pub(crate) fn from_bits(b: u32) -> f32 {
    f32::from_bits(b)
}

/// `vsel`: `m ? a : b`.
#[inline(always)]
pub(crate) fn sel(m: bool, a: f32, b: f32) -> f32 {
    if m { a } else { b }
}

#[inline(always)]
pub(crate) fn sel2(m: bool, a: F2, b: F2) -> F2 {
    f2(sel(m, a.x, b.x), sel(m, a.y, b.y))
}

/// `vor(mask, x)`: all-ones (a NaN) where `m`.
#[inline(always)]
pub(crate) fn or_nan(m: bool, x: f32) -> f32 {
    from_bits(bits(x) | if m { u32::MAX } else { 0 })
}

/// `vandnot(mask, x)`: +0 where `m`.
#[inline(always)]
pub(crate) fn andnot_zero(m: bool, x: f32) -> f32 {
    from_bits(bits(x) & if m { 0 } else { u32::MAX })
}

/// `x` with its sign flipped where `m` (xor with -0.0).
#[inline(always)]
pub(crate) fn negate_if(m: bool, x: f32) -> f32 {
    from_bits(bits(x) ^ if m { 0x8000_0000 } else { 0 })
}

/// `vmulsign`: `x` with its sign flipped by `y`'s sign bit.
#[inline(always)]
pub(crate) fn mulsign(x: f32, y: f32) -> f32 {
    from_bits(bits(x) ^ (bits(y) & 0x8000_0000))
}

/// `vsign`: ±1 with `f`'s sign.
#[inline(always)]
pub(crate) fn sign(f: f32) -> f32 {
    from_bits(bits(1.0) | (bits(f) & 0x8000_0000))
}

#[inline(always)]
pub(crate) fn is_inf(x: f32) -> bool {
    x.abs() == f32::INFINITY
}

#[inline(always)]
pub(crate) fn is_negzero(x: f32) -> bool {
    bits(x) == 0x8000_0000
}

/// `maxps`: the second operand unless the first is greater (NaN gives the second).
#[inline(always)]
pub(crate) fn max_ps(a: f32, b: f32) -> f32 {
    if a > b { a } else { b }
}

/// `minps`: the second operand unless the first is smaller.
#[inline(always)]
pub(crate) fn min_ps(a: f32, b: f32) -> f32 {
    if a < b { a } else { b }
}

/// `1.0f / x` (SLEEF's `vrec` divides).
#[inline(always)]
pub(crate) fn rec(x: f32) -> f32 {
    1.0 / x
}

/// `vilogb2k`: the biased exponent field minus 127 (no subnormal handling).
#[inline(always)]
pub(crate) fn ilogb2k(d: f32) -> i32 {
    ((bits(d) >> 23) & 0xff) as i32 - 0x7f
}

/// `vilogbk`: the exponent, subnormals scaled first.
#[inline(always)]
pub(crate) fn ilogbk(d: f32) -> i32 {
    let o = d < 5.421010862427522E-20;
    let d = sel(o, 1.8446744073709552E19 * d, d);
    let q = ((bits(d) >> 23) & 0xff) as i32;
    q - if o { 64 + 0x7f } else { 0x7f }
}

/// `vpow2i`: 2^q by building the exponent field.
#[inline(always)]
pub(crate) fn pow2i(q: i32) -> f32 {
    from_bits((q.wrapping_add(0x7f) << 23) as u32)
}

/// `vldexp2`: `d * 2^e` in two steps.
#[inline(always)]
pub(crate) fn ldexp2(d: f32, e: i32) -> f32 {
    d * pow2i(e >> 1) * pow2i(e - (e >> 1))
}

/// `vldexp3`: adds `q` to the exponent field.
#[inline(always)]
pub(crate) fn ldexp3(d: f32, q: i32) -> f32 {
    from_bits(bits(d).wrapping_add((q << 23) as u32))
}

/// `vldexp`: the full-range ldexp SLEEF uses in `expkf`.
#[inline(always)]
pub(crate) fn ldexpk(x: f32, q: i32) -> f32 {
    let mut m = q >> 31;
    m = (((m.wrapping_add(q)) >> 6) - m) << 4;
    let q = q.wrapping_sub(m << 2);
    m += 0x7f;
    m = if m > 0 { m } else { 0 };
    m = if m > 0xff { 0xff } else { m };
    let u = from_bits((m << 23) as u32);
    let x = x * u * u * u * u;
    let u = from_bits((q.wrapping_add(0x7f) << 23) as u32);
    x * u
}

// ---------------------------------------------------------------------------------------
// Double-float arithmetic (SLEEF's df.h with ENABLE_FMA_SP).

#[inline(always)]
pub(crate) fn dfneg(x: F2) -> F2 {
    f2(-x.x, -x.y)
}

#[inline(always)]
pub(crate) fn dfabs(x: F2) -> F2 {
    f2(x.x.abs(), from_bits(bits(x.y) ^ (bits(x.x) & 0x8000_0000)))
}

#[inline(always)]
pub(crate) fn dfnormalize(t: F2) -> F2 {
    let s = t.x + t.y;
    f2(s, (t.x - s) + t.y)
}

#[inline(always)]
pub(crate) fn dfscale(d: F2, s: f32) -> F2 {
    f2(d.x * s, d.y * s)
}

#[inline(always)]
pub(crate) fn dfadd_ff(x: f32, y: f32) -> F2 {
    let s = x + y;
    f2(s, (x - s) + y)
}

#[inline(always)]
pub(crate) fn dfadd2_ff(x: f32, y: f32) -> F2 {
    let s = x + y;
    let v = s - x;
    f2(s, (x - (s - v)) + (y - v))
}

#[inline(always)]
pub(crate) fn dfadd2_ff2(x: f32, y: F2) -> F2 {
    let s = x + y.x;
    let v = s - x;
    f2(s, ((x - (s - v)) + (y.x - v)) + y.y)
}

#[inline(always)]
pub(crate) fn dfadd_f2f(x: F2, y: f32) -> F2 {
    let s = x.x + y;
    f2(s, ((x.x - s) + y) + x.y)
}

#[inline(always)]
pub(crate) fn dfsub_f2f(x: F2, y: f32) -> F2 {
    let s = x.x - y;
    f2(s, ((x.x - s) - y) + x.y)
}

#[inline(always)]
pub(crate) fn dfadd2_f2f(x: F2, y: f32) -> F2 {
    let s = x.x + y;
    let v = s - x.x;
    let t = (x.x - (s - v)) + (y - v);
    f2(s, t + x.y)
}

#[inline(always)]
pub(crate) fn dfadd_ff2(x: f32, y: F2) -> F2 {
    let s = x + y.x;
    f2(s, ((x - s) + y.x) + y.y)
}

#[inline(always)]
pub(crate) fn dfadd_f2f2(x: F2, y: F2) -> F2 {
    let s = x.x + y.x;
    f2(s, (((x.x - s) + y.x) + x.y) + y.y)
}

#[inline(always)]
pub(crate) fn dfadd2_f2f2(x: F2, y: F2) -> F2 {
    let s = x.x + y.x;
    let v = s - x.x;
    let t = (x.x - (s - v)) + (y.x - v);
    f2(s, t + (x.y + y.y))
}

#[inline(always)]
pub(crate) fn dfsub_f2f2(x: F2, y: F2) -> F2 {
    let s = x.x - y.x;
    let mut t = x.x - s;
    t -= y.x;
    t += x.y;
    f2(s, t - y.y)
}

#[inline(always)]
pub(crate) fn dfdiv(n: F2, d: F2) -> F2 {
    let t = rec(d.x);
    let s = n.x * t;
    let u = fmapn(t, n.x, s);
    let v = mlanp(d.y, t, mlanp(d.x, t, 1.0));
    f2(s, mla(s, v, mla(n.y, t, u)))
}

#[inline(always)]
pub(crate) fn dfmul_ff(x: f32, y: f32) -> F2 {
    let s = x * y;
    f2(s, fmapn(x, y, s))
}

#[inline(always)]
pub(crate) fn dfsqu(x: F2) -> F2 {
    let s = x.x * x.x;
    f2(s, mla(x.x + x.x, x.y, fmapn(x.x, x.x, s)))
}

#[inline(always)]
pub(crate) fn dfmul_f2f2(x: F2, y: F2) -> F2 {
    let s = x.x * y.x;
    f2(s, mla(x.x, y.y, mla(x.y, y.x, fmapn(x.x, y.x, s))))
}

#[inline(always)]
pub(crate) fn dfmul_f2f2_f(x: F2, y: F2) -> f32 {
    mla(x.x, y.x, mla(x.y, y.x, x.x * y.y))
}

#[inline(always)]
pub(crate) fn dfmul_f2f(x: F2, y: f32) -> F2 {
    let s = x.x * y;
    f2(s, mla(x.y, y, fmapn(x.x, y, s)))
}

#[inline(always)]
pub(crate) fn dfrec_f(d: f32) -> F2 {
    let s = rec(d);
    f2(s, s * mlanp(d, s, 1.0))
}

#[inline(always)]
pub(crate) fn dfrec(d: F2) -> F2 {
    let s = rec(d.x);
    f2(s, s * mlanp(d.y, s, mlanp(d.x, s, 1.0)))
}

#[inline(always)]
pub(crate) fn dfsqrt(d: F2) -> F2 {
    let t = (d.x + d.y).sqrt();
    dfscale(dfmul_f2f2(dfadd2_f2f2(d, dfmul_ff(t, t)), dfrec_f(t)), 0.5)
}

#[inline(always)]
pub(crate) fn dfsqrt_f(d: f32) -> F2 {
    let t = d.sqrt();
    dfscale(dfmul_f2f2(dfadd2_ff2(d, dfmul_ff(t, t)), dfrec_f(t)), 0.5)
}

// ---------------------------------------------------------------------------------------
// Constants (SLEEF's misc.h).

pub(crate) const FLT_MIN: f32 = f32::MIN_POSITIVE; // 0x1p-126
pub(crate) const R_LN2F: f32 = 1.442695040888963407359924681001892137426645954152985934135449406931;
pub(crate) const L2UF: f32 = 0.693145751953125;
pub(crate) const L2LF: f32 = 1.428606765330187045e-06;
pub(crate) const LN2_F2: F2 = f2(0.69314718246459960938, -1.904654323148236017e-09);
const TWO64: f32 = 18446744073709551616.0; // (float)(1 << 32) * (float)(1 << 32)
const SQRT_FLT_MAX: f32 = 18446743523953729536.0_f64 as f32;

// ---------------------------------------------------------------------------------------
// Kernels. Each `k_*` is one lane of the SLEEF function named in its public wrapper.

/// The shared front of SLEEF's logs: `(m, e)` with `d = m * 2^e`, `m` in [0.75, 1.5).
#[inline(always)]
fn log_split(d: f32) -> (f32, i32, f32) {
    let o = d < FLT_MIN;
    let d = sel(o, d * TWO64, d);
    let e = ilogb2k(d * (1.0f32 / 0.75f32));
    let m = ldexp3(d, e.wrapping_neg());
    let e = if o { e - 64 } else { e };
    (m, e, d)
}

/// Infinity, NaN and zero for the logs (`d` as scaled by `log_split`).
#[inline(always)]
fn log_specials(d: f32, r: f32) -> f32 {
    let r = sel(d == f32::INFINITY, f32::INFINITY, r);
    let r = sel(d < 0.0 || d.is_nan(), f32::NAN, r);
    sel(d == 0.0, f32::NEG_INFINITY, r)
}

#[inline(always)]
pub(crate) fn k_exp(d: f32) -> f32 {
    let q = rint_i(d * R_LN2F);
    let qf = q as f32;
    let s = mla(qf, -L2UF, d);
    let s = mla(qf, -L2LF, s);
    let mut u = 0.000198527617612853646278381_f64 as f32;
    u = mla(u, s, 0.00139304355252534151077271_f64 as f32);
    u = mla(u, s, 0.00833336077630519866943359_f64 as f32);
    u = mla(u, s, 0.0416664853692054748535156_f64 as f32);
    u = mla(u, s, 0.166666671633720397949219_f64 as f32);
    u = mla(u, s, 0.5);
    u = 1.0 + mla(s * s, u, s);
    u = ldexp2(u, q);
    u = andnot_zero(d < -104.0, u);
    sel(100.0 < d, f32::INFINITY, u)
}

#[inline(always)]
pub(crate) fn k_log(d: f32) -> f32 {
    let (m, e, d) = log_split(d);
    let s = dfmul_f2f(LN2_F2, e as f32);
    let x = dfdiv(dfadd2_ff(-1.0, m), dfadd2_ff(1.0, m));
    let x2 = x.x * x.x;
    let mut t = 0.3027294874f32;
    t = mla(t, x2, 0.3996108174f32);
    t = mla(t, x2, 0.6666694880f32);
    let s = dfadd_f2f2(s, dfscale(x, 2.0));
    let s = dfadd_f2f(s, x2 * x.x * t);
    log_specials(d, s.x + s.y)
}

#[inline(always)]
pub(crate) fn k_log2(d: f32) -> f32 {
    let (m, e, d) = log_split(d);
    let x = dfdiv(dfadd2_ff(-1.0, m), dfadd2_ff(1.0, m));
    let x2 = x.x * x.x;
    let mut t = 0.4374550283f32;
    t = mla(t, x2, 0.5764790177f32);
    t = mla(t, x2, 0.9618012905120f32);
    let c = f2(2.8853900432586669922_f64 as f32, 3.2734474483568488616e-08_f64 as f32);
    let s = dfadd2_ff2(e as f32, dfmul_f2f2(x, c));
    let s = dfadd2_f2f(s, x2 * x.x * t);
    log_specials(d, s.x + s.y)
}

#[inline(always)]
pub(crate) fn k_log10(d: f32) -> f32 {
    let (m, e, d) = log_split(d);
    let x = dfdiv(dfadd2_ff(-1.0, m), dfadd2_ff(1.0, m));
    let x2 = x.x * x.x;
    let mut t = 0.1314289868_f64 as f32;
    t = mla(t, x2, 0.1735493541_f64 as f32);
    t = mla(t, x2, 0.2895309627_f64 as f32);
    let l = f2(0.30103001_f64 as f32, -1.432098889e-08_f64 as f32);
    let s = dfmul_f2f(l, e as f32);
    let c = f2(0.868588984_f64 as f32, -2.170757285e-08_f64 as f32);
    let s = dfadd_f2f2(s, dfmul_f2f2(x, c));
    let s = dfadd_f2f(s, x2 * x.x * t);
    log_specials(d, s.x + s.y)
}

#[inline(always)]
pub(crate) fn k_log1p(d: f32) -> f32 {
    let dp1 = d + 1.0;
    let o = dp1 < FLT_MIN;
    let dp1 = sel(o, dp1 * TWO64, dp1);
    let e = ilogb2k(dp1 * (1.0f32 / 0.75f32));
    let t = ldexp3(1.0, e.wrapping_neg());
    let m = mla(d, t, t - 1.0);
    let e = if o { e - 64 } else { e };
    let s = dfmul_f2f(LN2_F2, e as f32);
    let x = dfdiv(f2(m, 0.0), dfadd_ff(2.0, m));
    let x2 = x.x * x.x;
    let mut t = 0.3027294874f32;
    t = mla(t, x2, 0.3996108174f32);
    t = mla(t, x2, 0.6666694880f32);
    let s = dfadd_f2f2(s, dfscale(x, 2.0));
    let s = dfadd_f2f(s, x2 * x.x * t);
    let mut r = s.x + s.y;
    // Past LOG1PF_BOUND (and for NaN) SLEEF takes log(d) instead.
    r = if d <= 1e+38f32 { r } else { k_log(d) };
    r = or_nan(-1.0 > d, r);
    r = sel(d == -1.0, f32::NEG_INFINITY, r);
    sel(is_negzero(d), -0.0, r)
}

/// `expk2f`: e^d for a double-float `d`, as a double-float.
#[inline(always)]
pub(crate) fn expk2(d: F2) -> F2 {
    let u = (d.x + d.y) * R_LN2F;
    let q = rint_i(u);
    let qf = q as f32;
    let s = dfadd2_f2f(d, qf * -L2UF);
    let s = dfadd2_f2f(s, qf * -L2LF);
    let mut u = 0.1980960224e-3f32;
    u = mla(u, s.x, 0.1394256484e-2f32);
    u = mla(u, s.x, 0.8333456703e-2f32);
    u = mla(u, s.x, 0.4166637361e-1f32);
    let t = dfadd2_f2f(dfmul_f2f(s, u), 0.166666659414234244790680580464e+0f32);
    let t = dfadd2_f2f(dfmul_f2f2(s, t), 0.5);
    let t = dfadd2_f2f2(s, dfmul_f2f2(dfsqu(s), t));
    let t = dfadd_ff2(1.0, t);
    let tx = andnot_zero(d.x < -104.0, ldexp2(t.x, q));
    let ty = andnot_zero(d.x < -104.0, ldexp2(t.y, q));
    f2(tx, ty)
}

/// `expkf`: e^d for a double-float `d`, rounded to a float (pow's back end).
#[inline(always)]
pub(crate) fn expk(d: F2) -> f32 {
    let u = (d.x + d.y) * R_LN2F;
    let q = rint_i(u);
    let qf = q as f32;
    let s = dfadd2_f2f(d, qf * -L2UF);
    let s = dfadd2_f2f(s, qf * -L2LF);
    let s = dfnormalize(s);
    let mut u = 0.00136324646882712841033936f32;
    u = mla(u, s.x, 0.00836596917361021041870117f32);
    u = mla(u, s.x, 0.0416710823774337768554688f32);
    u = mla(u, s.x, 0.166665524244308471679688f32);
    u = mla(u, s.x, 0.499999850988388061523438f32);
    let t = dfadd_f2f2(s, dfmul_f2f(dfsqu(s), u));
    let t = dfadd_ff2(1.0, t);
    let u = ldexpk(t.x + t.y, q);
    andnot_zero(d.x < -104.0, u)
}

/// `logkf`: log|d| as a double-float (pow's front end).
#[inline(always)]
pub(crate) fn logk(d: f32) -> F2 {
    let (m, e, _) = log_split(d);
    let x = dfdiv(dfadd2_ff(-1.0, m), dfadd2_ff(1.0, m));
    let x2 = dfsqu(x);
    let mut t = 0.240320354700088500976562_f64 as f32;
    t = mla(t, x2.x, 0.285112679004669189453125_f64 as f32);
    t = mla(t, x2.x, 0.400007992982864379882812_f64 as f32);
    let c = f2(0.66666662693023681640625f32, 3.69183861259614332084311e-09f32);
    let s = dfmul_f2f(LN2_F2, e as f32);
    let s = dfadd_f2f2(s, dfscale(x, 2.0));
    dfadd_f2f2(s, dfmul_f2f2(dfmul_f2f2(x2, x), dfadd2_f2f2(dfmul_f2f(x2, t), c)))
}

/// `logk2f`: log of a double-float, as a double-float.
#[inline(always)]
pub(crate) fn logk2(d: F2) -> F2 {
    let e = ilogbk(d.x * (1.0f32 / 0.75f32));
    let m = dfscale(d, pow2i(e.wrapping_neg()));
    let x = dfdiv(dfadd2_f2f(m, -1.0), dfadd2_f2f(m, 1.0));
    let x2 = dfsqu(x);
    let mut t = 0.2392828464508056640625f32;
    t = mla(t, x2.x, 0.28518211841583251953125f32);
    t = mla(t, x2.x, 0.400005877017974853515625f32);
    t = mla(t, x2.x, 0.666666686534881591796875f32);
    let s = dfmul_f2f(LN2_F2, e as f32);
    let s = dfadd_f2f2(s, dfscale(x, 2.0));
    dfadd_f2f2(s, dfmul_f2f(dfmul_f2f2(x2, x), t))
}

#[inline(always)]
pub(crate) fn k_expm1(a: f32) -> f32 {
    let d = dfadd2_f2f(expk2(f2(a, 0.0)), -1.0);
    let mut x = d.x + d.y;
    x = sel(a > 88.72283172607421875f32, f32::INFINITY, x);
    x = sel(a < -16.635532333438687426013570f32, -1.0, x);
    sel(is_negzero(a), -0.0, x)
}

#[inline(always)]
pub(crate) fn k_exp2(d: f32) -> f32 {
    let u = d.round_ties_even();
    let q = rint_i(u);
    let s = d - u;
    let mut u = 0.1535920892e-3_f64 as f32;
    u = mla(u, s, 0.1339262701e-2_f64 as f32);
    u = mla(u, s, 0.9618384764e-2_f64 as f32);
    u = mla(u, s, 0.5550347269e-1_f64 as f32);
    u = mla(u, s, 0.2402264476e+0_f64 as f32);
    u = mla(u, s, 0.6931471825e+0_f64 as f32);
    u = mla(u, s, 1.0);
    u = ldexp2(u, q);
    u = sel(d >= 128.0, f32::INFINITY, u);
    andnot_zero(d < -150.0, u)
}

// ---------------------------------------------------------------------------------------
// Public per-element functions.

/// `Sleef_expf8_u10` (1.0 ulp): e^x.
pub fn exp(x: f32) -> f32 {
    k_exp(x)
}
/// `Sleef_logf8_u10` (1.0 ulp): natural logarithm.
pub fn log(x: f32) -> f32 {
    k_log(x)
}
/// `Sleef_log2f8_u10` (1.0 ulp).
pub fn log2(x: f32) -> f32 {
    k_log2(x)
}
/// `Sleef_log10f8_u10` (1.0 ulp).
pub fn log10(x: f32) -> f32 {
    k_log10(x)
}
/// `Sleef_log1pf8_u10` (1.0 ulp): log(1 + x).
pub fn log1p(x: f32) -> f32 {
    k_log1p(x)
}
/// `Sleef_expm1f8_u10` (1.0 ulp): e^x - 1.
pub fn expm1(x: f32) -> f32 {
    k_expm1(x)
}
/// `Sleef_exp2f8_u10` (1.0 ulp): 2^x.
pub fn exp2(x: f32) -> f32 {
    k_exp2(x)
}
/// The f32 expression PyTorch's vectorised `torch.sigmoid` evaluates:
/// `1 / (1 + Sleef_expf8_u10(0 - x))` (IEEE division).
pub fn sigmoid(x: f32) -> f32 {
    k_sigmoid(x)
}

#[inline(always)]
pub(crate) fn k_sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + k_exp(0.0 - x))
}

// ---------------------------------------------------------------------------------------
// Slice versions.

/// Whether the running CPU has AVX2 and FMA (checked once; the answer is cached by std).
#[inline(always)]
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
pub(crate) fn has_avx2_fma() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// `$name(a, out)`: `out[i] = $kernel(a[i])`, in an AVX2+FMA loop where the CPU has them.
macro_rules! slice1 {
    ($(#[$doc:meta])* $name:ident, $kernel:path) => {
        $(#[$doc])*
        pub fn $name(a: &[f32], out: &mut [f32]) {
            assert_eq!(a.len(), out.len(), "input and output lengths differ");
            #[inline(always)]
            fn body(a: &[f32], out: &mut [f32]) {
                for (o, &x) in out.iter_mut().zip(a) {
                    *o = $kernel(x);
                }
            }
            #[cfg(target_arch = "x86_64")]
            {
                if has_avx2_fma() {
                    #[target_feature(enable = "avx2,fma")]
                    fn wide(a: &[f32], out: &mut [f32]) {
                        body(a, out)
                    }
                    // SAFETY: the CPU has AVX2 and FMA (checked above).
                    return unsafe { wide(a, out) };
                }
            }
            body(a, out)
        }
    };
}

/// `$name(a, b, out)`: `out[i] = $kernel(a[i], b[i])`.
macro_rules! slice2 {
    ($(#[$doc:meta])* $name:ident, $kernel:path) => {
        $(#[$doc])*
        pub fn $name(a: &[f32], b: &[f32], out: &mut [f32]) {
            assert!(a.len() == out.len() && b.len() == out.len(), "input and output lengths differ");
            #[inline(always)]
            fn body(a: &[f32], b: &[f32], out: &mut [f32]) {
                for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
                    *o = $kernel(x, y);
                }
            }
            #[cfg(target_arch = "x86_64")]
            {
                if has_avx2_fma() {
                    #[target_feature(enable = "avx2,fma")]
                    fn wide(a: &[f32], b: &[f32], out: &mut [f32]) {
                        body(a, b, out)
                    }
                    // SAFETY: the CPU has AVX2 and FMA (checked above).
                    return unsafe { wide(a, b, out) };
                }
            }
            body(a, b, out)
        }
    };
}

slice1!(/// [`exp`] over a slice.
    exp_slice, k_exp);
slice1!(/// [`log`] over a slice.
    log_slice, k_log);
slice1!(/// [`log2`] over a slice.
    log2_slice, k_log2);
slice1!(/// [`log10`] over a slice.
    log10_slice, k_log10);
slice1!(/// [`log1p`] over a slice.
    log1p_slice, k_log1p);
slice1!(/// [`expm1`] over a slice.
    expm1_slice, k_expm1);
slice1!(/// [`exp2`] over a slice.
    exp2_slice, k_exp2);
slice1!(/// [`sigmoid`] over a slice.
    sigmoid_slice, k_sigmoid);

// The trigonometric and special functions; declared after the macros so they can use them.
#[path = "f32_hyper.rs"]
mod hyper;
#[path = "f32_special.rs"]
mod special;
#[path = "f32_trig.rs"]
mod trig;

pub use hyper::*;
pub use special::*;
pub use trig::*;
