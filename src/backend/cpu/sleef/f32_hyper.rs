//! Hyperbolic functions, their inverses, pow, cbrt, hypot and fmod: one lane of SLEEF's
//! AVX2+FMA `Sleef_*f8_*` each (see `f32.rs` for the conventions).

use super::*;

#[inline(always)]
pub(crate) fn k_tanh(x: f32) -> f32 {
    let y = x.abs();
    let d = expk2(f2(y, 0.0));
    let e = dfrec(d);
    let d = dfdiv(dfadd_f2f2(d, dfneg(e)), dfadd_f2f2(d, e));
    let mut y = d.x + d.y;
    y = sel(x.abs() > 8.664339742f32 || y.is_nan(), 1.0, y);
    y = mulsign(y, x);
    or_nan(x.is_nan(), y)
}

#[inline(always)]
pub(crate) fn k_sinh(x: f32) -> f32 {
    let y = x.abs();
    let d = expk2(f2(y, 0.0));
    let d = dfsub_f2f2(d, dfrec(d));
    let mut y = (d.x + d.y) * 0.5;
    y = sel(x.abs() > 89.0 || y.is_nan(), f32::INFINITY, y);
    y = mulsign(y, x);
    or_nan(x.is_nan(), y)
}

#[inline(always)]
pub(crate) fn k_cosh(x: f32) -> f32 {
    let y = x.abs();
    let d = expk2(f2(y, 0.0));
    let d = dfadd_f2f2(d, dfrec(d));
    let mut y = (d.x + d.y) * 0.5;
    y = sel(x.abs() > 89.0 || y.is_nan(), f32::INFINITY, y);
    or_nan(x.is_nan(), y)
}

#[inline(always)]
pub(crate) fn k_asinh(x: f32) -> f32 {
    let y = x.abs();
    let o = y > 1.0;
    let d = sel2(o, dfrec_f(x), f2(y, 0.0));
    let d = dfsqrt(dfadd2_f2f(dfsqu(d), 1.0));
    let d = sel2(o, dfmul_f2f(d, y), d);
    let d = logk2(dfnormalize(dfadd2_f2f(d, x)));
    let mut y = d.x + d.y;
    y = sel(x.abs() > SQRT_FLT_MAX || y.is_nan(), mulsign(f32::INFINITY, x), y);
    y = or_nan(x.is_nan(), y);
    sel(is_negzero(x), -0.0, y)
}

#[inline(always)]
pub(crate) fn k_acosh(x: f32) -> f32 {
    let a = dfsqrt(dfadd2_ff(x, 1.0));
    let b = dfsqrt(dfadd2_ff(x, -1.0));
    let d = logk2(dfadd2_f2f(dfmul_f2f2(a, b), x));
    let mut y = d.x + d.y;
    y = sel(x.abs() > SQRT_FLT_MAX || y.is_nan(), f32::INFINITY, y);
    y = andnot_zero(x == 1.0, y);
    y = or_nan(x < 1.0, y);
    or_nan(x.is_nan(), y)
}

#[inline(always)]
pub(crate) fn k_atanh(x: f32) -> f32 {
    let y = x.abs();
    let d = logk2(dfdiv(dfadd2_ff(1.0, y), dfadd2_ff(1.0, -y)));
    let v = sel(y == 1.0, f32::INFINITY, (d.x + d.y) * 0.5);
    let mut y = or_nan(y > 1.0, v);
    y = or_nan(is_inf(x) || y.is_nan(), y);
    y = mulsign(y, x);
    or_nan(x.is_nan(), y)
}

#[inline(always)]
pub(crate) fn k_pow(x: f32, y: f32) -> f32 {
    let yisint = y.trunc() == y || y.abs() > 16777216.0;
    let yisodd = (trunc_i(y) & 1) == 1 && yisint && y.abs() < 16777216.0;
    let mut result = expk(dfmul_f2f(logk(x.abs()), y));
    result = sel(result.is_nan(), f32::INFINITY, result);
    let f = sel(x > 0.0, 1.0, sel(yisint, sel(yisodd, -1.0, 1.0), f32::NAN));
    result *= f;
    let efx = mulsign(x.abs() - 1.0, y);
    let yinf = andnot_zero(efx < 0.0, sel(efx == 0.0, 1.0, f32::INFINITY));
    result = sel(is_inf(y), yinf, result);
    let z = sel(x == 0.0, -y, y);
    let xinf = sel(yisodd, sign(x), 1.0) * andnot_zero(z < 0.0, f32::INFINITY);
    result = sel(is_inf(x) || x == 0.0, xinf, result);
    result = or_nan(x.is_nan() || y.is_nan(), result);
    sel(y == 0.0 || x == 1.0, 1.0, result)
}

#[inline(always)]
pub(crate) fn k_cbrt(d: f32) -> f32 {
    let e = ilogbk(d.abs()) + 1;
    let d = ldexp2(d, e.wrapping_neg());
    let t = e as f32 + 6144.0;
    let qu = trunc_i(t * (1.0_f64 / 3.0) as f32);
    let re = trunc_i(t - qu as f32 * 3.0);
    let mut q2 = f2(1.0, 0.0);
    q2 = sel2(
        re == 1,
        f2(1.2599210739135742188f32, -2.4018701694217270415e-08_f64 as f32),
        q2,
    );
    q2 = sel2(
        re == 2,
        f2(1.5874010324478149414f32, 1.9520385308169352356e-08_f64 as f32),
        q2,
    );
    q2 = f2(mulsign(q2.x, d), mulsign(q2.y, d));
    let d = d.abs();
    let mut x = -0.601564466953277587890625f32;
    x = mla(x, d, 2.8208892345428466796875f32);
    x = mla(x, d, -5.532182216644287109375f32);
    x = mla(x, d, 5.898262500762939453125f32);
    x = mla(x, d, -3.8095417022705078125f32);
    x = mla(x, d, 2.2241256237030029296875f32);
    let mut y = x * x;
    y = y * y;
    x -= mlanp(d, y, x) * (-1.0_f64 / 3.0) as f32;
    let z = x;
    let u = dfmul_ff(x, x);
    let u = dfmul_f2f2(u, u);
    let u = dfmul_f2f(u, d);
    let u = dfadd2_f2f(u, -x);
    let y = u.x + u.y;
    let y = (-2.0_f64 / 3.0) as f32 * y * z;
    let v = dfadd2_f2f(dfmul_ff(z, z), y);
    let v = dfmul_f2f(v, d);
    let v = dfmul_f2f2(v, q2);
    let mut z = ldexp2(v.x + v.y, qu - 2048);
    z = sel(is_inf(d), mulsign(f32::INFINITY, q2.x), z);
    sel(d == 0.0, from_bits(bits(q2.x) & 0x8000_0000), z)
}

#[inline(always)]
pub(crate) fn k_hypot(x: f32, y: f32) -> f32 {
    let x = x.abs();
    let y = y.abs();
    let min = min_ps(x, y);
    let max = max_ps(x, y);
    let o = max < FLT_MIN;
    let n = sel(o, min * 16777216.0, min);
    let d = sel(o, max * 16777216.0, max);
    let t = dfdiv(f2(n, 0.0), f2(d, 0.0));
    let t = dfmul_f2f(dfsqrt(dfadd2_f2f(dfsqu(t), 1.0)), max);
    let mut ret = t.x + t.y;
    ret = sel(ret.is_nan(), f32::INFINITY, ret);
    ret = sel(min == 0.0, max, ret);
    ret = sel(x.is_nan() || y.is_nan(), f32::NAN, ret);
    sel(x == f32::INFINITY || y == f32::INFINITY, f32::INFINITY, ret)
}

/// `vtoward0`: the next float toward zero (zero stays).
#[inline(always)]
fn toward0(x: f32) -> f32 {
    sel(x == 0.0, 0.0, from_bits(bits(x).wrapping_sub(1)))
}

#[inline(always)]
pub(crate) fn k_fmod(x: f32, y: f32) -> f32 {
    let mut nu = x.abs();
    let mut de = y.abs();
    let mut s = 1.0f32;
    let o = de < FLT_MIN;
    nu = sel(o, nu * 33554432.0, nu);
    de = sel(o, de * 33554432.0, de);
    s = sel(o, s * (1.0 / 33554432.0), s);
    let rde = toward0(rec(de));
    let mut r = f2(nu, 0.0);
    // SLEEF loops until every lane has r < de; once a lane has, further rounds leave it be.
    for _ in 0..8 {
        let mut q = (toward0(r.x) * rde).trunc();
        q = sel(3.0 * de > r.x && r.x >= de, 2.0, q);
        q = sel(2.0 * de > r.x && r.x >= de, 1.0, q);
        r = dfnormalize(dfadd2_f2f2(r, dfmul_ff(q.trunc(), -de)));
        if r.x < de {
            break;
        }
    }
    let mut ret = (r.x + r.y) * s;
    ret = sel(r.x + r.y == de, 0.0, ret);
    ret = mulsign(ret, x);
    ret = sel(nu < de, x, ret);
    sel(de == 0.0, f32::NAN, ret)
}

// ---------------------------------------------------------------------------------------
// Public per-element functions.

/// `Sleef_tanhf8_u10` (1.0 ulp).
pub fn tanh(x: f32) -> f32 {
    k_tanh(x)
}
/// `Sleef_sinhf8_u10` (1.0 ulp).
pub fn sinh(x: f32) -> f32 {
    k_sinh(x)
}
/// `Sleef_coshf8_u10` (1.0 ulp).
pub fn cosh(x: f32) -> f32 {
    k_cosh(x)
}
/// `Sleef_asinhf8_u10` (1.0 ulp).
pub fn asinh(x: f32) -> f32 {
    k_asinh(x)
}
/// `Sleef_acoshf8_u10` (1.0 ulp).
pub fn acosh(x: f32) -> f32 {
    k_acosh(x)
}
/// `Sleef_atanhf8_u10` (1.0 ulp).
pub fn atanh(x: f32) -> f32 {
    k_atanh(x)
}
/// `Sleef_cbrtf8_u10` (1.0 ulp).
pub fn cbrt(x: f32) -> f32 {
    k_cbrt(x)
}
/// `Sleef_powf8_u10` (1.0 ulp): x^y.
pub fn pow(x: f32, y: f32) -> f32 {
    k_pow(x, y)
}
/// `Sleef_hypotf8_u05` (0.5001 ulp).
pub fn hypot(x: f32, y: f32) -> f32 {
    k_hypot(x, y)
}
/// `Sleef_fmodf8` (exact).
pub fn fmod(x: f32, y: f32) -> f32 {
    k_fmod(x, y)
}

// Slice versions.

slice1!(/// [`tanh`] over a slice.
    tanh_slice, k_tanh);
slice1!(/// [`sinh`] over a slice.
    sinh_slice, k_sinh);
slice1!(/// [`cosh`] over a slice.
    cosh_slice, k_cosh);
slice1!(/// [`asinh`] over a slice.
    asinh_slice, k_asinh);
slice1!(/// [`acosh`] over a slice.
    acosh_slice, k_acosh);
slice1!(/// [`atanh`] over a slice.
    atanh_slice, k_atanh);
slice1!(/// [`cbrt`] over a slice.
    cbrt_slice, k_cbrt);
slice2!(/// [`pow`] over slices.
    pow_slice, k_pow);
slice2!(/// [`hypot`] over slices.
    hypot_slice, k_hypot);
slice2!(/// [`fmod`] over slices.
    fmod_slice, k_fmod);
