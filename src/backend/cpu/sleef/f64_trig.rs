//! Trigonometric functions: SLEEF 3.x `sleefsimddp.c` (non-deterministic variants, as
//! `Sleef_*d4_u10avx2` is built), one lane at a time.
//!
//! sin, cos and tan pick their argument reduction once per *vector*: the fast
//! Cody-Waite path when every lane has |x| < 15, the 4-part one when every lane has
//! |x| < 1e14 (tan: also 1e14), else Payne-Hanek (`rempi`) for all lanes, and the paths
//! can differ in the last bit. So the per-element functions (`sin`, ...) take the path
//! the element alone would pick, `sin4` & co. take the vector's, and the slice versions
//! reproduce SLEEF on 4-element groups counted from the start of the slice.

use super::base::*;
use super::rempitab::REMPITABDP;

const M_1_PI: f64 = 0.318309886183790671537767526745028724;
const M_2_PI_H: f64 = 0.63661977236758138243;
const M_2_PI_L: f64 = -3.9357353350364971764e-17;
const PI_A: f64 = 3.1415926218032836914;
const PI_B: f64 = 3.1786509424591713469e-08;
const PI_C: f64 = 1.2246467864107188502e-16;
const PI_D: f64 = 1.2736634327021899816e-24;
const PI_A2: f64 = 3.141592653589793116;
const PI_B2: f64 = 1.2246467991473532072e-16;
const TRIGRANGEMAX: f64 = 1e+14;
const TRIGRANGEMAX2: f64 = 15.0;
const TWO24: f64 = 16777216.0;
const TWO23: f64 = 8388608.0;
const M_PI: f64 = std::f64::consts::PI;

/// Which argument reduction a lane (or a whole vector) gets: 0 = |x| < 15,
/// 1 = |x| < 1e14, 2 = Payne-Hanek (also NaN and infinities).
#[inline(always)]
pub fn trig_path(d: f64) -> u8 {
    let a = d.abs();
    if a < TRIGRANGEMAX2 {
        0
    } else if a < TRIGRANGEMAX {
        1
    } else {
        2
    }
}

#[inline(always)]
fn tab(i: i32) -> f64 {
    from_bits(REMPITABDP[i as usize])
}

/// `rempisub` (FULL_FP_ROUNDING): (x - rint(4x)/4, rint(4x) - 4 rint(x)).
#[inline(always)]
fn rempisub(x: f64) -> (f64, i32) {
    let y = rint(x * 4.0);
    let vi = trunc_i(y - rint(x) * 4.0);
    (x - y * 0.25, vi)
}

/// `rempi`: Payne-Hanek reduction of `a` modulo pi/2 as (remainder in double-double,
/// quadrant).
#[inline(always)]
fn rempi(a: f64) -> (D2, i32) {
    let mut ex = ilogb2k(a);
    ex -= 55;
    let mut q = if ex > 700 - 55 { -64 } else { 0 };
    let a = ldexp3(a, q);
    if ex < 0 {
        ex = 0;
    }
    ex <<= 2;
    let mut x = dd_mul_d_d(a, tab(ex));
    let (dd, di) = rempisub(x.x);
    q = di;
    x.x = dd;
    x = dd_normalize(x);
    let y = dd_mul_d_d(a, tab(ex + 1));
    x = dd_add2_dd_dd(x, y);
    let (dd, di) = rempisub(x.x);
    q = q.wrapping_add(di);
    x.x = dd;
    x = dd_normalize(x);
    let mut y = d2(tab(ex + 2), tab(ex + 3));
    y = dd_mul_dd_d(y, a);
    x = dd_add2_dd_dd(x, y);
    x = dd_normalize(x);
    x = dd_mul_dd_dd(x, d2(3.141592653589793116 * 2.0, 1.2246467991473532072e-16 * 2.0));
    let o = a.abs() < 0.7;
    x.x = sel(o, a, x.x);
    x.y = andnot_zero(o, x.y);
    (x, q)
}

/// sin(x) reduced on the given path; SLEEF `xsin_u1` (`Sleef_sind4_u10`, 1.0 ulp).
#[inline(always)]
pub fn sin_path(d: f64, path: u8) -> f64 {
    let ql: i32;
    let mut s: D2;
    if path == 0 {
        let dql = rint(d * M_1_PI);
        ql = rint_i(dql);
        let u = mla(dql, -PI_A2, d);
        s = dd_add_d_d(u, dql * -PI_B2);
    } else if path == 1 {
        let mut dqh = trunc(d * (M_1_PI / TWO24));
        dqh *= TWO24;
        let dql = rint(mlapn(d, M_1_PI, dqh));
        ql = rint_i(dql);
        let u = mla(dqh, -PI_A, d);
        s = dd_add_d_d(u, dql * -PI_A);
        s = dd_add2_dd_d(s, dqh * -PI_B);
        s = dd_add2_dd_d(s, dql * -PI_B);
        s = dd_add2_dd_d(s, dqh * -PI_C);
        s = dd_add2_dd_d(s, dql * -PI_C);
        s = dd_add_dd_d(s, (dqh + dql) * -PI_D);
    } else {
        let (mut dd, qi) = rempi(d);
        let mut q = qi & 3;
        q = q + q + if dd.x > 0.0 { 2 } else { 1 };
        ql = q >> 2;
        let o = (qi & 1) == 1;
        let x = d2(
            mulsign(-3.141592653589793116 * 0.5, dd.x),
            mulsign(-1.2246467991473532072e-16 * 0.5, dd.x),
        );
        let x = dd_add2_dd_dd(dd, x);
        dd = sel2(o, x, dd);
        s = dd_normalize(dd);
        s.x = or_nan(isinf(d) || isnan(d), s.x);
    }
    let t = s;
    let s = dd_squ(s);
    let s2 = s.x * s.x;
    let s4 = s2 * s2;
    let mut u = p6(
        s.x,
        s2,
        s4,
        &[
            2.72052416138529567917983e-15,
            -7.6429259411395447190023e-13,
            1.60589370117277896211623e-10,
            -2.5052106814843123359368e-08,
            2.75573192104428224777379e-06,
            -0.000198412698412046454654947,
        ],
    );
    u = mla(u, s.x, 0.00833333333333318056201922);
    let x = dd_add_d_dd(1.0, dd_mul_dd_dd(dd_add_d_d(-0.166666666666666657414808, u * s.x), s));
    let u = dd_mul_to_d(t, x);
    let u = negate_if((ql & 1) == 1, u);
    sel(d == 0.0, d, u)
}

/// cos(x) reduced on the given path; SLEEF `xcos_u1` (`Sleef_cosd4_u10`, 1.0 ulp).
#[inline(always)]
pub fn cos_path(d: f64, path: u8) -> f64 {
    let ql: i32;
    let mut s: D2;
    if path == 0 {
        let mut dql = rint(mla(d, M_1_PI, -0.5));
        dql = mla(2.0, dql, 1.0);
        ql = rint_i(dql);
        s = dd_add2_d_d(d, dql * (-PI_A2 * 0.5));
        s = dd_add_dd_d(s, dql * (-PI_B2 * 0.5));
    } else if path == 1 {
        let mut dqh = trunc(mla(d, M_1_PI / TWO23, -M_1_PI / TWO24));
        let q = rint_i(d * M_1_PI + mla(dqh, -TWO23, -0.5));
        dqh *= TWO24;
        ql = q.wrapping_add(q).wrapping_add(1);
        let dql = ql as f64;
        let u = mla(dqh, -PI_A * 0.5, d);
        s = dd_add2_d_d(u, dql * (-PI_A * 0.5));
        s = dd_add2_dd_d(s, dqh * (-PI_B * 0.5));
        s = dd_add2_dd_d(s, dql * (-PI_B * 0.5));
        s = dd_add2_dd_d(s, dqh * (-PI_C * 0.5));
        s = dd_add2_dd_d(s, dql * (-PI_C * 0.5));
        s = dd_add_dd_d(s, (dqh + dql) * (-PI_D * 0.5));
    } else {
        let (mut dd, qi) = rempi(d);
        let mut q = qi & 3;
        q = q + q + if dd.x > 0.0 { 8 } else { 7 };
        ql = q >> 1;
        let o = (qi & 1) == 0;
        let y = if dd.x > 0.0 { 0.0 } else { -1.0 };
        let x = d2(
            mulsign(-3.141592653589793116 * 0.5, y),
            mulsign(-1.2246467991473532072e-16 * 0.5, y),
        );
        let x = dd_add2_dd_dd(dd, x);
        dd = sel2(o, x, dd);
        s = dd_normalize(dd);
        s.x = or_nan(isinf(d) || isnan(d), s.x);
    }
    let t = s;
    let s = dd_squ(s);
    let s2 = s.x * s.x;
    let s4 = s2 * s2;
    let mut u = p6(
        s.x,
        s2,
        s4,
        &[
            2.72052416138529567917983e-15,
            -7.6429259411395447190023e-13,
            1.60589370117277896211623e-10,
            -2.5052106814843123359368e-08,
            2.75573192104428224777379e-06,
            -0.000198412698412046454654947,
        ],
    );
    u = mla(u, s.x, 0.00833333333333318056201922);
    let x = dd_add_d_dd(1.0, dd_mul_dd_dd(dd_add_d_d(-0.166666666666666657414808, u * s.x), s));
    let u = dd_mul_to_d(t, x);
    negate_if((ql & 2) == 0, u)
}

/// tan(x) reduced on the given path; SLEEF `xtan_u1` (`Sleef_tand4_u10`, 1.0 ulp).
#[inline(always)]
pub fn tan_path(d: f64, path: u8) -> f64 {
    let ql: i32;
    let mut s: D2;
    if path == 0 {
        let dql = rint(d * (2.0 * M_1_PI));
        ql = rint_i(dql);
        let u = mla(dql, -PI_A2 * 0.5, d);
        s = dd_add_d_d(u, dql * (-PI_B2 * 0.5));
    } else if path == 1 {
        let mut dqh = trunc(d * (2.0 * M_1_PI / TWO24));
        dqh *= TWO24;
        s = dd_add2_dd_d(dd_mul_dd_d(d2(M_2_PI_H, M_2_PI_L), d), sel(d < 0.0, -0.5, 0.5) - dqh);
        let dql = trunc(s.x + s.y);
        ql = rint_i(dql);
        let u = mla(dqh, -PI_A * 0.5, d);
        s = dd_add_d_d(u, dql * (-PI_A * 0.5));
        s = dd_add2_dd_d(s, dqh * (-PI_B * 0.5));
        s = dd_add2_dd_d(s, dql * (-PI_B * 0.5));
        s = dd_add2_dd_d(s, dqh * (-PI_C * 0.5));
        s = dd_add2_dd_d(s, dql * (-PI_C * 0.5));
        s = dd_add_dd_d(s, (dqh + dql) * (-PI_D * 0.5));
    } else {
        let (dd, qi) = rempi(d);
        ql = qi;
        let o = isinf(d) || isnan(d);
        s = d2(or_nan(o, dd.x), or_nan(o, dd.y));
    }
    let t = dd_scale(s, 0.5);
    let s = dd_squ(t);
    let s2 = s.x * s.x;
    let s4 = s2 * s2;
    let mut u = p8(
        s.x,
        s2,
        s4,
        &[
            0.3245098826639276316e-3,
            0.5619219738114323735e-3,
            0.1460781502402784494e-2,
            0.3591611540792499519e-2,
            0.8863268409563113126e-2,
            0.2186948728185535498e-1,
            0.5396825399517272970e-1,
            0.1333333333330500581e+0,
        ],
    );
    u = mla(u, s.x, 0.3333333333333343695e+0);
    let mut x = dd_add_dd_dd(t, dd_mul_dd_d(dd_mul_dd_dd(s, t), u));
    let y = dd_add_d_dd(-1.0, dd_squ(x));
    x = dd_scale(x, -2.0);
    let o = (ql & 1) == 1;
    x = dd_div(sel2(o, dd_neg(y), x), sel2(o, x, y));
    let u = x.x + x.y;
    sel(d == 0.0, d, u)
}

/// sin(x) as SLEEF computes it for a vector whose lanes all take x's reduction path.
#[inline(always)]
pub fn sin(x: f64) -> f64 {
    sin_path(x, trig_path(x))
}

/// cos(x); see [`sin`] for the reduction path.
#[inline(always)]
pub fn cos(x: f64) -> f64 {
    cos_path(x, trig_path(x))
}

/// tan(x); see [`sin`] for the reduction path.
#[inline(always)]
pub fn tan(x: f64) -> f64 {
    tan_path(x, trig_path(x))
}

/// The reduction path SLEEF takes for a vector: the widest any lane needs.
#[inline(always)]
pub fn group_path(x: &[f64]) -> u8 {
    x.iter().fold(0, |p, &v| p.max(trig_path(v)))
}

/// `Sleef_sind4_u10` on one 4-lane vector (all lanes share the reduction path).
pub fn sin4(x: [f64; 4]) -> [f64; 4] {
    let p = group_path(&x);
    x.map(|v| sin_path(v, p))
}

/// `Sleef_cosd4_u10` on one 4-lane vector.
pub fn cos4(x: [f64; 4]) -> [f64; 4] {
    let p = group_path(&x);
    x.map(|v| cos_path(v, p))
}

/// `Sleef_tand4_u10` on one 4-lane vector.
pub fn tan4(x: [f64; 4]) -> [f64; 4] {
    let p = group_path(&x);
    x.map(|v| tan_path(v, p))
}

/// `atan2k_u1`: atan2 of double-doubles, result as a double-double.
#[inline(always)]
fn atan2k_u1(y: D2, x: D2) -> D2 {
    let mut q: i32 = if signbit(x.x) { -2 } else { 0 };
    let p = x.x < 0.0;
    let b = (p as u64) << 63;
    let x = d2(from_bits(bits(x.x) ^ b), from_bits(bits(x.y) ^ b));
    if x.x < y.x {
        q += 1;
    }
    let p = x.x < y.x;
    let s = sel2(p, dd_neg(x), y);
    let t = sel2(p, y, x);
    let s = dd_div(s, t);
    let t = dd_normalize(dd_squ(s));
    let t2 = t.x * t.x;
    let t4 = t2 * t2;
    let t8 = t4 * t4;
    let mut u = p16(
        t.x,
        t2,
        t4,
        t8,
        &[
            1.06298484191448746607415e-05,
            -0.000125620649967286867384336,
            0.00070557664296393412389774,
            -0.00251865614498713360352999,
            0.00646262899036991172313504,
            -0.0128281333663399031014274,
            0.0208024799924145797902497,
            -0.0289002344784740315686289,
            0.0359785005035104590853656,
            -0.041848579703592507506027,
            0.0470843011653283988193763,
            -0.0524914210588448421068719,
            0.0587946590969581003860434,
            -0.0666620884778795497194182,
            0.0769225330296203768654095,
            -0.0909090442773387574781907,
        ],
    );
    u = mla(u, t.x, 0.111111108376896236538123);
    u = mla(u, t.x, -0.142857142756268568062339);
    u = mla(u, t.x, 0.199999999997977351284817);
    u = mla(u, t.x, -0.333333333333317605173818);
    let t = dd_add_dd_dd(s, dd_mul_dd_d(dd_mul_dd_dd(s, t), u));
    dd_add_dd_dd(
        dd_mul_dd_d(d2(1.570796326794896557998982, 6.12323399573676603586882e-17), q as f64),
        t,
    )
}

/// `visinf2_vd_vd_vd`: (sign of d | m) where d is infinite, else +0.
#[inline(always)]
fn isinf2(d: f64, m: f64) -> f64 {
    if isinf(d) {
        from_bits((bits(d) & (1 << 63)) | bits(m))
    } else {
        0.0
    }
}

/// atan2(y, x), SLEEF `xatan2_u1` (`Sleef_atan2d4_u10`, 1.0 ulp).
#[inline(always)]
pub fn atan2(y: f64, x: f64) -> f64 {
    let o = x.abs() < 5.5626846462680083984e-309;
    let x = sel(o, x * 9007199254740992.0, x);
    let y = sel(o, y * 9007199254740992.0, y);
    let d = atan2k_u1(d2(y.abs(), 0.0), d2(x, 0.0));
    let mut r = d.x + d.y;
    r = mulsign(r, x);
    if isinf(x) || x == 0.0 {
        r = M_PI / 2.0 - isinf2(x, mulsign(M_PI / 2.0, x));
    }
    if isinf(y) {
        r = M_PI / 2.0 - isinf2(x, mulsign(M_PI / 4.0, x));
    }
    if y == 0.0 {
        r = if signbit(x) { M_PI } else { 0.0 };
    }
    or_nan(isnan(x) || isnan(y), mulsign(r, y))
}

/// atan(x), SLEEF `xatan_u1` (`Sleef_atand4_u10`, 1.0 ulp).
#[inline(always)]
pub fn atan(d: f64) -> f64 {
    let d2v = atan2k_u1(d2(d.abs(), 0.0), d2(1.0, 0.0));
    let mut r = d2v.x + d2v.y;
    r = sel(isinf(d), 1.570796326794896557998982, r);
    mulsign(r, d)
}

const ASIN_COEF: [f64; 12] = [
    0.3161587650653934628e-1,
    -0.1581918243329996643e-1,
    0.1929045477267910674e-1,
    0.6606077476277170610e-2,
    0.1215360525577377331e-1,
    0.1388715184501609218e-1,
    0.1735956991223614604e-1,
    0.2237176181932048341e-1,
    0.3038195928038132237e-1,
    0.4464285681377102438e-1,
    0.7500000000378581611e-1,
    0.1666666666666497543e+0,
];

/// The shared start of asin and acos: (o = |d| < 0.5, x2, x, polynomial u).
#[inline(always)]
fn asin_core(d: f64) -> (bool, f64, D2, f64) {
    let o = d.abs() < 0.5;
    let x2 = sel(o, d * d, (1.0 - d.abs()) * 0.5);
    let mut x = sel2(o, d2(d.abs(), 0.0), dd_sqrt_d(x2));
    x = sel2(d.abs() == 1.0, d2(0.0, 0.0), x);
    let x4 = x2 * x2;
    let x8 = x4 * x4;
    let x16 = x8 * x8;
    let u = p12(x2, x4, x8, x16, &ASIN_COEF);
    (o, x2, x, u)
}

/// asin(x), SLEEF `xasin_u1` (`Sleef_asind4_u10`, 1.0 ulp).
#[inline(always)]
pub fn asin(d: f64) -> f64 {
    let (o, x2, x, u) = asin_core(d);
    let u = u * (x2 * x.x);
    let y = dd_sub_dd_d(
        dd_sub_dd_dd(d2(3.141592653589793116 / 4.0, 1.2246467991473532072e-16 / 4.0), x),
        u,
    );
    let r = sel(o, u + x.x, (y.x + y.y) * 2.0);
    mulsign(r, d)
}

/// acos(x), SLEEF `xacos_u1` (`Sleef_acosd4_u10`, 1.0 ulp).
#[inline(always)]
pub fn acos(d: f64) -> f64 {
    let (o, x2, x, u) = asin_core(d);
    let u = u * (x2 * x.x);
    let mut y = dd_sub_dd_dd(
        d2(3.141592653589793116 / 2.0, 1.2246467991473532072e-16 / 2.0),
        dd_add_d_d(mulsign(x.x, d), mulsign(u, d)),
    );
    let x = dd_add_dd_d(x, u);
    y = sel2(o, y, dd_scale(x, 2.0));
    y = sel2(
        !o && d < 0.0,
        dd_sub_dd_dd(d2(3.141592653589793116, 1.2246467991473532072e-16), y),
        y,
    );
    y.x + y.y
}
