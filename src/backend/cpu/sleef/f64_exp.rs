//! Exponentials, logarithms, power and hyperbolic functions: SLEEF 3.x `sleefsimddp.c`
//! (non-deterministic variants, as `Sleef_*d4_u10avx2` is built), one lane at a time.

use super::base::*;

const R_LN2: f64 = 1.442695040888963407359924681001892137426645954152985934135449406931;
const L2U: f64 = 0.69314718055966295651160180568695068359375;
const L2L: f64 = 0.28235290563031577122588448175013436025525412068e-12;
const LN2_DD: D2 = d2(0.693147180559945286226764, 2.319046813846299558417771e-17);
/// `1.0 / 0.75` as the C compiler folds it.
const R_075: f64 = 1.0 / 0.75;
/// The overflow threshold of exp and pow in PyTorch's SLEEF build (SLEEF's master has
/// 709.78271114955742909217217426 here).
const LOG_DBL_MAX: f64 = 709.782712893384;
/// 2^64, SLEEF's pre-scaling of subnormal arguments of the logarithms.
const TWO64: f64 = 18446744073709551616.0;

/// e^x, SLEEF `xexp` (`Sleef_expd4_u10`, 1.0 ulp), FMA coefficients.
#[inline(always)]
pub fn exp(d: f64) -> f64 {
    let u = rint(d * R_LN2);
    let q = rint_i(u);
    let mut s = mla(u, -L2U, d);
    s = mla(u, -L2L, s);
    let s2 = s * s;
    let s4 = s2 * s2;
    let s8 = s4 * s4;
    let mut u = p10(
        s,
        s2,
        s4,
        s8,
        &[
            0.2081276378237164457e-8,
            0.2511210703042288022e-7,
            0.2755762628169491192e-6,
            0.2755723402025388239e-5,
            0.2480158687479686264e-4,
            0.1984126989855865850e-3,
            0.1388888888914497797e-2,
            0.8333333333314938210e-2,
            0.4166666666666602598e-1,
            0.1666666666666669072e+0,
        ],
    );
    u = mla(u, s, 0.5);
    u = mla(u, s, 1.0);
    u = mla(u, s, 1.0);
    u = ldexp2(u, q);
    u = sel(d > LOG_DBL_MAX, INF, u);
    andnot_zero(d < -1000.0, u)
}

/// 2^x, SLEEF `xexp2` (`Sleef_exp2d4_u10`, 1.0 ulp).
#[inline(always)]
pub fn exp2(d: f64) -> f64 {
    let u = rint(d);
    let q = rint_i(u);
    let s = d - u;
    let s2 = s * s;
    let s4 = s2 * s2;
    let s8 = s4 * s4;
    let mut u = p10(
        s,
        s2,
        s4,
        s8,
        &[
            0.4434359082926529454e-9,
            0.7073164598085707425e-8,
            0.1017819260921760451e-6,
            0.1321543872511327615e-5,
            0.1525273353517584730e-4,
            0.1540353045101147808e-3,
            0.1333355814670499073e-2,
            0.9618129107597600536e-2,
            0.5550410866482046596e-1,
            0.2402265069591012214e+0,
        ],
    );
    u = mla(u, s, 0.6931471805599452862e+0);
    u = mla(u, s, 1.0);
    u = ldexp2(u, q);
    u = sel(d >= 1024.0, INF, u);
    andnot_zero(d < -2000.0, u)
}

/// `expk`: e^(d.x + d.y) to one double (used by `pow` and `erf`).
#[inline(always)]
pub(super) fn expk(d: D2) -> f64 {
    let u = (d.x + d.y) * R_LN2;
    let dq = rint(u);
    let q = rint_i(dq);
    let mut s = dd_add2_dd_d(d, dq * -L2U);
    s = dd_add2_dd_d(s, dq * -L2L);
    s = dd_normalize(s);
    let s2 = s.x * s.x;
    let s4 = s2 * s2;
    let s8 = s4 * s4;
    let u = p10(
        s.x,
        s2,
        s4,
        s8,
        &[
            2.51069683420950419527139e-08,
            2.76286166770270649116855e-07,
            2.75572496725023574143864e-06,
            2.48014973989819794114153e-05,
            0.000198412698809069797676111,
            0.0013888888939977128960529,
            0.00833333333332371417601081,
            0.0416666666665409524128449,
            0.166666666666666740681535,
            0.500000000000000999200722,
        ],
    );
    let mut t = dd_add_d_dd(1.0, s);
    t = dd_add_dd_dd(t, dd_mul_dd_d(dd_squ(s), u));
    let u = ldexp2(t.x + t.y, q);
    andnot_zero(d.x < -1000.0, u)
}

/// `expk2`: e^(d.x + d.y) as a double-double (sinh, cosh, tanh, expm1, erfc).
#[inline(always)]
pub(super) fn expk2(d: D2) -> D2 {
    let u = (d.x + d.y) * R_LN2;
    let dq = rint(u);
    let q = rint_i(dq);
    let mut s = dd_add2_dd_d(d, dq * -L2U);
    s = dd_add2_dd_d(s, dq * -L2L);
    let s2 = dd_squ(s);
    let s4 = dd_squ(s2);
    let s8 = s4.x * s4.x;
    let u = p10(
        s.x,
        s2.x,
        s4.x,
        s8,
        &[
            0.1602472219709932072e-9,
            0.2092255183563157007e-8,
            0.2505230023782644465e-7,
            0.2755724800902135303e-6,
            0.2755731892386044373e-5,
            0.2480158735605815065e-4,
            0.1984126984148071858e-3,
            0.1388888888886763255e-2,
            0.8333333333333347095e-2,
            0.4166666666666669905e-1,
        ],
    );
    let mut t = dd_add_d_dd(0.5, dd_mul_dd_d(s, 0.1666666666666666574e+0));
    t = dd_add_d_dd(1.0, dd_mul_dd_dd(t, s));
    t = dd_add_d_dd(1.0, dd_mul_dd_dd(t, s));
    t = dd_add_dd_dd(t, dd_mul_dd_d(s4, u));
    let o = d.x < -1000.0;
    d2(andnot_zero(o, ldexp2(t.x, q)), andnot_zero(o, ldexp2(t.y, q)))
}

/// e^x - 1, SLEEF `xexpm1` (`Sleef_expm1d4_u10`, 1.0 ulp).
#[inline(always)]
pub fn expm1(a: f64) -> f64 {
    let d = dd_add2_dd_d(expk2(d2(a, 0.0)), -1.0);
    let mut x = d.x + d.y;
    x = sel(a > 709.782712893383996732223, INF, x);
    x = sel(a < -36.736800569677101399113302437, -1.0, x);
    sel(isnegzero(a), -0.0, x)
}

/// Splits `d` as SLEEF's AVX2 logarithms do: (mantissa in [0.75, 1.5), exponent).
#[inline(always)]
fn log_split(d: f64) -> (f64, i32) {
    let o = d < DBL_MIN;
    let d = sel(o, d * TWO64, d);
    let e = ilogb2k(d * R_075);
    let m = ldexp3(d, e.wrapping_neg());
    (m, if o { e.wrapping_sub(64) } else { e })
}

/// The special cases shared by log, log2 and log10 (AVX2 `vsel` chain).
#[inline(always)]
fn log_fixup(d: f64, r: f64) -> f64 {
    let r = sel(d == INF, INF, r);
    let r = sel(d < 0.0 || isnan(d), QNAN, r);
    sel(d == 0.0, -INF, r)
}

/// `logk`: ln(d) as a double-double (pow).
#[inline(always)]
pub(super) fn logk(d: f64) -> D2 {
    let (m, e) = log_split(d);
    let mut x = dd_div(dd_add2_d_d(-1.0, m), dd_add2_d_d(1.0, m));
    let x2 = dd_squ(x);
    let x4 = x2.x * x2.x;
    let x8 = x4 * x4;
    let x16 = x8 * x8;
    let t = p9(
        x2.x,
        x4,
        x8,
        x16,
        &[
            0.116255524079935043668677,
            0.103239680901072952701192,
            0.117754809412463995466069,
            0.13332981086846273921509,
            0.153846227114512262845736,
            0.181818180850050775676507,
            0.222222222230083560345903,
            0.285714285714249172087875,
            0.400000000000000077715612,
        ],
    );
    let c = d2(0.666666666666666629659233, 3.80554962542412056336616e-17);
    let mut s = dd_mul_dd_d(LN2_DD, e as f64);
    s = dd_add_dd_dd(s, dd_scale(x, 2.0));
    x = dd_mul_dd_dd(x2, x);
    s = dd_add_dd_dd(s, dd_mul_dd_dd(x, c));
    x = dd_mul_dd_dd(x2, x);
    dd_add_dd_dd(s, dd_mul_dd_d(x, t))
}

/// `logk2`: ln(d.x + d.y) as a double-double (atanh, lgamma).
#[inline(always)]
pub(super) fn logk2(d: D2) -> D2 {
    let e = ilogbk(d.x * R_075);
    let m = d2(ldexp2(d.x, e.wrapping_neg()), ldexp2(d.y, e.wrapping_neg()));
    let x = dd_div(dd_add2_dd_d(m, -1.0), dd_add2_dd_d(m, 1.0));
    let x2 = dd_squ(x);
    let x4 = x2.x * x2.x;
    let x8 = x4 * x4;
    let mut t = p7(
        x2.x,
        x4,
        x8,
        &[
            0.13860436390467167910856,
            0.131699838841615374240845,
            0.153914168346271945653214,
            0.181816523941564611721589,
            0.22222224632662035403996,
            0.285714285511134091777308,
            0.400000000000914013309483,
        ],
    );
    t = mla(t, x2.x, 0.666666666666664853302393);
    let mut s = dd_mul_dd_d(LN2_DD, e as f64);
    s = dd_add_dd_dd(s, dd_scale(x, 2.0));
    dd_add_dd_dd(s, dd_mul_dd_d(dd_mul_dd_dd(x2, x), t))
}

/// The u10 logarithms' common core: (x = (m-1)/(m+1) as a double-double, x², e).
#[inline(always)]
fn log_core(d: f64) -> (D2, f64, f64) {
    let (m, e) = log_split(d);
    let x = dd_div(dd_add2_d_d(-1.0, m), dd_add2_d_d(1.0, m));
    let x2 = x.x * x.x;
    (x, x2, e as f64)
}

const LOG_U1_COEF: [f64; 7] = [
    0.1532076988502701353e+0,
    0.1525629051003428716e+0,
    0.1818605932937785996e+0,
    0.2222214519839380009e+0,
    0.2857142932794299317e+0,
    0.3999999999635251990e+0,
    0.6666666666667333541e+0,
];

/// ln(x), SLEEF `xlog_u1` (`Sleef_logd4_u10`, 1.0 ulp).
#[inline(always)]
pub fn log(d: f64) -> f64 {
    let (x, x2, e) = log_core(d);
    let x4 = x2 * x2;
    let x8 = x4 * x4;
    let t = p7(x2, x4, x8, &LOG_U1_COEF);
    let mut s = dd_mul_dd_d(LN2_DD, e);
    s = dd_add_dd_dd(s, dd_scale(x, 2.0));
    s = dd_add_dd_d(s, x2 * x.x * t);
    log_fixup(d, s.x + s.y)
}

/// log10(x), SLEEF `xlog10` (`Sleef_log10d4_u10`, 1.0 ulp).
#[inline(always)]
pub fn log10(d: f64) -> f64 {
    let (x, x2, e) = log_core(d);
    let x4 = x2 * x2;
    let x8 = x4 * x4;
    let t = p7(
        x2,
        x4,
        x8,
        &[
            0.6653725819576758460e-1,
            0.6625722782820833712e-1,
            0.7898105214313944078e-1,
            0.9650955035715275132e-1,
            0.1240841409721444993e+0,
            0.1737177927454605086e+0,
            0.2895296546021972617e+0,
        ],
    );
    let mut s = dd_mul_dd_d(d2(0.30102999566398119802, -2.803728127785170339e-18), e);
    s = dd_add_dd_dd(
        s,
        dd_mul_dd_dd(x, d2(0.86858896380650363334, 1.1430059694096389311e-17)),
    );
    s = dd_add_dd_d(s, x2 * x.x * t);
    log_fixup(d, s.x + s.y)
}

/// log2(x), SLEEF `xlog2` (`Sleef_log2d4_u10`, 1.0 ulp).
#[inline(always)]
pub fn log2(d: f64) -> f64 {
    let (x, x2, e) = log_core(d);
    let x4 = x2 * x2;
    let x8 = x4 * x4;
    let t = p7(
        x2,
        x4,
        x8,
        &[
            0.2211941750456081490e+0,
            0.2200768693152277689e+0,
            0.2623708057488514656e+0,
            0.3205977477944495502e+0,
            0.4121985945485324709e+0,
            0.5770780162997058982e+0,
            0.96179669392608091449,
        ],
    );
    let mut s = dd_add2_d_dd(e, dd_mul_dd_dd(x, d2(2.885390081777926774, 6.0561604995516736434e-18)));
    s = dd_add2_dd_d(s, x2 * x.x * t);
    log_fixup(d, s.x + s.y)
}

/// ln(1 + x), SLEEF `xlog1p` (`Sleef_log1pd4_u10`, 1.0 ulp).
#[inline(always)]
pub fn log1p(d: f64) -> f64 {
    let mut dp1 = d + 1.0;
    let o = dp1 < DBL_MIN;
    dp1 = sel(o, dp1 * TWO64, dp1);
    let mut e = ilogb2k(dp1 * R_075);
    let t = ldexp3(1.0, e.wrapping_neg());
    let m = mla(d, t, t - 1.0);
    if o {
        e = e.wrapping_sub(64);
    }
    let mut s = dd_mul_dd_d(LN2_DD, e as f64);
    let x = dd_div(d2(m, 0.0), dd_add_d_d(2.0, m));
    let x2 = x.x * x.x;
    let x4 = x2 * x2;
    let x8 = x4 * x4;
    let t = p7(x2, x4, x8, &LOG_U1_COEF);
    s = dd_add_dd_dd(s, dd_scale(x, 2.0));
    s = dd_add_dd_d(s, x2 * x.x * t);
    let mut r = s.x + s.y;
    // PyTorch's SLEEF: log(d) where d is too large for the core approximation.
    if d > 1e+307 || isnan(d) {
        r = log(d);
    }
    r = sel(d < -1.0 || isnan(d), QNAN, r);
    r = sel(d == -1.0, -INF, r);
    sel(isnegzero(d), -0.0, r)
}

/// x^y, SLEEF `xpow` (`Sleef_powd4_u10`, 1.0 ulp).
#[inline(always)]
pub fn pow(x: f64, y: f64) -> f64 {
    let yisint = isint(y);
    let yisodd = isodd(y) && yisint;
    let d = dd_mul_dd_d(logk(x.abs()), y);
    let mut result = expk(d);
    result = sel(d.x > LOG_DBL_MAX, INF, result);
    result *= if x > 0.0 {
        1.0
    } else if yisint {
        if yisodd { -1.0 } else { 1.0 }
    } else {
        QNAN
    };
    let efx = mulsign(x.abs() - 1.0, y);
    if isinf(y) {
        result = andnot_zero(efx < 0.0, sel(efx == 0.0, 1.0, INF));
    }
    if isinf(x) || x == 0.0 {
        let m = if signbit(y) ^ (x == 0.0) { 0.0 } else { INF };
        result = mulsign(m, if yisodd { x } else { 1.0 });
    }
    result = or_nan(isnan(x) || isnan(y), result);
    sel(y == 0.0 || x == 1.0, 1.0, result)
}

/// sinh(x), SLEEF `xsinh` (`Sleef_sinhd4_u10`, 1.0 ulp).
#[inline(always)]
pub fn sinh(x: f64) -> f64 {
    let mut y = x.abs();
    let mut d = expk2(d2(y, 0.0));
    d = dd_sub_dd_dd(d, dd_rec_dd(d));
    y = (d.x + d.y) * 0.5;
    y = sel(x.abs() > 710.0 || isnan(y), INF, y);
    y = mulsign(y, x);
    or_nan(isnan(x), y)
}

/// cosh(x), SLEEF `xcosh` (`Sleef_coshd4_u10`, 1.0 ulp).
#[inline(always)]
pub fn cosh(x: f64) -> f64 {
    let mut y = x.abs();
    let mut d = expk2(d2(y, 0.0));
    d = dd_add_dd_dd(d, dd_rec_dd(d));
    y = (d.x + d.y) * 0.5;
    y = sel(x.abs() > 710.0 || isnan(y), INF, y);
    or_nan(isnan(x), y)
}

/// tanh(x), SLEEF `xtanh` (`Sleef_tanhd4_u10`, 1.0 ulp).
#[inline(always)]
pub fn tanh(x: f64) -> f64 {
    let mut y = x.abs();
    let mut d = expk2(d2(y, 0.0));
    let e = dd_rec_dd(d);
    d = dd_div(dd_add2_dd_dd(d, dd_neg(e)), dd_add2_dd_dd(d, e));
    y = d.x + d.y;
    y = sel(x.abs() > 18.714973875 || isnan(y), 1.0, y);
    y = mulsign(y, x);
    or_nan(isnan(x), y)
}

/// atanh(x), SLEEF `xatanh` (`Sleef_atanhd4_u10`, 1.0 ulp).
#[inline(always)]
pub fn atanh(x: f64) -> f64 {
    let mut y = x.abs();
    let d = logk2(dd_div(dd_add2_d_d(1.0, y), dd_add2_d_d(1.0, -y)));
    y = or_nan(y > 1.0, sel(y == 1.0, INF, (d.x + d.y) * 0.5));
    y = mulsign(y, x);
    y = or_nan(isinf(x) || isnan(y), y);
    or_nan(isnan(x), y)
}

/// The vector path of `torch.sigmoid` on float64: `1 / (1 + exp(-x))` with SLEEF's `exp`
/// (`Sleef_expd4_u10`), a sign-flip negation and IEEE add and division. A NaN comes out
/// as torch's does, negated and quieted (LLVM does not keep NaN signs through arithmetic).
#[inline(always)]
pub fn sigmoid(x: f64) -> f64 {
    let r = 1.0 / (1.0 + exp(-x));
    if isnan(x) {
        from_bits((bits(x) ^ (1 << 63)) | (1 << 51))
    } else {
        r
    }
}
