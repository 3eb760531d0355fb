//! Trigonometric functions: one lane of SLEEF's AVX2+FMA `Sleef_*f8_u10` each (see `f32.rs`
//! for the conventions), with the Payne-Hanek reduction (`rempif`) for large arguments.
//!
//! SLEEF's vector sin/cos/tan pick the Cody-Waite reduction when *every* lane of the
//! 8-float vector has |x| < 125, and Payne-Hanek for all lanes otherwise; the two can differ
//! by an ulp. The per-element functions decide by their own argument (what a vector of
//! small values, or SLEEF's DETERMINISTIC build, gives). The `_slice` versions reproduce the
//! vector behaviour exactly for consecutive groups of 8 starting at the slice's first element
//! (a short last group behaves as if padded with zeros, as PyTorch's `vec::map` pads it).

use super::*;

const PI_A2F: f32 = 3.1414794921875;
const PI_B2F: f32 = 0.00011315941810607910156;
const PI_C2F: f32 = 1.9841872589410058936e-09;
const TRIGRANGEMAX2F: f32 = 125.0;
const M_1_PI_F: f32 = 0.318309886183790671537767526745028724_f64 as f32;

/// `Sleef_rempitabsp`: 2/pi in four floats per exponent range (bit patterns), plus the zero
/// row a gather past the end reads for infinities and NaNs.
#[rustfmt::skip]
static REMPITAB: [u32; 416] = [
    0x3e22f980, 0x335b9390, 0x2782a540, 0x9b762a0c,
    0x3d0be60c, 0x31dc9c88, 0x24a94fe0, 0x191d5f48,
    0x3d0be60c, 0x31dc9c88, 0x24a94fe0, 0x191d5f48,
    0x3b3e60dc, 0xaed8ddf4, 0xa33580f4, 0x980a82e1,
    0x3b3e60dc, 0xaed8ddf4, 0xa33580f4, 0x980a82e1,
    0x3b3e60dc, 0xaed8ddf4, 0xa33580f4, 0x980a82e1,
    0x3b3e60dc, 0xaed8ddf4, 0xa33580f4, 0x980a82e1,
    0x3a79836c, 0x2f139104, 0x23a53f84, 0x17eafa3f,
    0x3a79836c, 0x2f139104, 0x23a53f84, 0x17eafa3f,
    0x39f306dc, 0x2d9c8828, 0x2294fe14, 0x96282e0b,
    0x39660db8, 0x2d9c8828, 0x2294fe14, 0x96282e0b,
    0x38cc1b70, 0x2d9c8828, 0x2294fe14, 0x96282e0b,
    0x381836e4, 0x2c644150, 0x2127f09c, 0x15afa3ea,
    0x36c1b724, 0x2bc882a4, 0x201fc274, 0x14be8faa,
    0x36c1b724, 0x2bc882a4, 0x201fc274, 0x14be8faa,
    0x36c1b724, 0x2bc882a4, 0x201fc274, 0x14be8faa,
    0x36036e4c, 0x2b110548, 0x201fc274, 0x14be8faa,
    0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f,
    0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f,
    0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f,
    0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f,
    0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f,
    0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f,
    0x32b72720, 0x2782a540, 0x9b762a0c, 0x0efa9a6f,
    0x31dc9c88, 0x24a94fe0, 0x191d5f48, 0x8c2cb224,
    0x31dc9c88, 0x24a94fe0, 0x191d5f48, 0x8c2cb224,
    0x31393910, 0x24a94fe0, 0x191d5f48, 0x8c2cb224,
    0x3064e440, 0x24a94fe0, 0x191d5f48, 0x8c2cb224,
    0x3064e440, 0x24a94fe0, 0x191d5f48, 0x8c2cb224,
    0x2fc9c880, 0x24a94fe0, 0x191d5f48, 0x8c2cb224,
    0x2f139104, 0x23a53f84, 0x17eafa3c, 0x0ca9a6ee,
    0x2d9c8828, 0x2294fe14, 0x96282e08, 0x8b32c890,
    0x2d9c8828, 0x2294fe14, 0x96282e08, 0x8b32c890,
    0x2d9c8828, 0x2294fe14, 0x96282e08, 0x8b32c890,
    0x2c644150, 0x2127f09c, 0x15afa3e8, 0x0a9a6ee0,
    0x2c644150, 0x2127f09c, 0x15afa3e8, 0x0a9a6ee0,
    0x2c644150, 0x2127f09c, 0x15afa3e8, 0x0a9a6ee0,
    0x2bc882a4, 0x201fc274, 0x14be8fa8, 0x09537703,
    0x2b110548, 0x201fc274, 0x14be8fa8, 0x09537703,
    0x29882a54, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c,
    0x29882a54, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c,
    0x29882a54, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c,
    0x2782a540, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c,
    0x2782a540, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c,
    0x2782a540, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c,
    0x2782a540, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c,
    0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15,
    0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15,
    0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15,
    0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15,
    0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15,
    0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15,
    0x23a53f84, 0x17eafa3c, 0x0ca9a6ec, 0x0181b6c5,
    0x23a53f84, 0x17eafa3c, 0x0ca9a6ec, 0x0181b6c5,
    0x2294fe14, 0x96282e08, 0x8b32c890, 0x0006db15,
    0x2294fe14, 0x96282e08, 0x8b32c890, 0x0006db15,
    0x2127f09c, 0x15afa3e8, 0x0a9a6ee0, 0x0006db15,
    0x2127f09c, 0x15afa3e8, 0x0a9a6ee0, 0x0006db15,
    0x2127f09c, 0x15afa3e8, 0x0a9a6ee0, 0x0006db15,
    0x201fc274, 0x14be8fa8, 0x09537700, 0x0006db15,
    0x201fc274, 0x14be8fa8, 0x09537700, 0x0006db15,
    0x1efe13ac, 0x91382b2c, 0x8508fc90, 0x800004eb,
    0x1efe13ac, 0x91382b2c, 0x8508fc90, 0x800004eb,
    0x1efe13ac, 0x91382b2c, 0x8508fc90, 0x800004eb,
    0x1e7c2758, 0x91382b2c, 0x8508fc90, 0x800004eb,
    0x1df84eb0, 0x91382b2c, 0x8508fc90, 0x800004eb,
    0x3d709d5c, 0x3251f534, 0x265dc0d8, 0x1b58a566,
    0x3ce13abc, 0x31a3ea68, 0x265dc0d8, 0x1b58a566,
    0x3c42757c, 0x308fa9a4, 0x25bb81b4, 0x1ab14acd,
    0x3b84eaf8, 0x308fa9a4, 0x25bb81b4, 0x1ab14acd,
    0x391d5f48, 0xac2cb224, 0x1e5b6294, 0x12cc9e22,
    0x391d5f48, 0xac2cb224, 0x1e5b6294, 0x12cc9e22,
    0x391d5f48, 0xac2cb224, 0x1e5b6294, 0x12cc9e22,
    0x391d5f48, 0xac2cb224, 0x1e5b6294, 0x12cc9e22,
    0x391d5f48, 0xac2cb224, 0x1e5b6294, 0x12cc9e22,
    0x37eafa3c, 0x2ca9a6ec, 0x2181b6c4, 0x1615993c,
    0x37eafa3c, 0x2ca9a6ec, 0x2181b6c4, 0x1615993c,
    0x37eafa3c, 0x2ca9a6ec, 0x2181b6c4, 0x1615993c,
    0x3755f47c, 0x2ba69bb8, 0x1e5b6294, 0x12cc9e22,
    0x36abe8f8, 0x2ba69bb8, 0x1e5b6294, 0x12cc9e22,
    0x35afa3e8, 0x2a9a6ee0, 0x1e5b6294, 0x12cc9e22,
    0x35afa3e8, 0x2a9a6ee0, 0x1e5b6294, 0x12cc9e22,
    0x34be8fa8, 0x29537700, 0x1e5b6294, 0x12cc9e22,
    0x34be8fa8, 0x29537700, 0x1e5b6294, 0x12cc9e22,
    0x33fa3ea4, 0x28a6ee04, 0x1db6c528, 0x12cc9e22,
    0x33fa3ea4, 0x28a6ee04, 0x1db6c528, 0x12cc9e22,
    0x33747d4c, 0x279bb818, 0x1cdb14ac, 0x10c9e21d,
    0x32e8fa98, 0x279bb818, 0x1cdb14ac, 0x10c9e21d,
    0x3251f534, 0x265dc0d8, 0x1b58a564, 0x1013c439,
    0x31a3ea68, 0x265dc0d8, 0x1b58a564, 0x1013c439,
    0x308fa9a4, 0x25bb81b4, 0x1ab14acc, 0x0e9e21c8,
    0x308fa9a4, 0x25bb81b4, 0x1ab14acc, 0x0e9e21c8,
    0x2efa9a6c, 0x23b81b6c, 0x1725664c, 0x0c443904,
    0x2efa9a6c, 0x23b81b6c, 0x1725664c, 0x0c443904,
    0x2efa9a6c, 0x23b81b6c, 0x1725664c, 0x0c443904,
    0x2efa9a6c, 0x23b81b6c, 0x1725664c, 0x0c443904,
    0x2e7534dc, 0x22e06db0, 0x1725664c, 0x0c443904,
    0x2dea69bc, 0xa17c9274, 0x95d4cd84, 0x8ade37df,
    0x2d54d374, 0x2240db60, 0x1725664c, 0x0c443904,
    0x2ca9a6ec, 0x2181b6c4, 0x1615993c, 0x09872084,
    0x2ba69bb8, 0x1e5b6294, 0x12cc9e20, 0x07641080,
    0x2ba69bb8, 0x1e5b6294, 0x12cc9e20, 0x07641080,
    0x2a9a6ee0, 0x1e5b6294, 0x12cc9e20, 0x07641080,
    0x00000000, 0x00000000, 0x00000000, 0x00000000,
];

#[inline(always)]
fn tab(i: usize) -> f32 {
    from_bits(REMPITAB[i])
}

/// `rempisubf` (FULL_FP_ROUNDING): `x` minus its nearest quarter, and that quarter count.
#[inline(always)]
fn rempisub(x: f32) -> (f32, i32) {
    let y = (x * 4.0).round_ties_even();
    let vi = trunc_i(y - x.round_ties_even() * 4.0);
    (x - y * 0.25, vi)
}

/// `rempif`: `a` reduced modulo pi/2 as a double-float, and the quadrant.
#[inline(always)]
fn rempi(a: f32) -> (F2, i32) {
    let mut ex = ilogb2k(a) - 25;
    let q = if ex > 90 - 25 { -64 } else { 0 };
    let a = ldexp3(a, q);
    if ex < 0 {
        ex = 0;
    }
    let i = (ex as usize) * 4;
    let x = dfmul_ff(a, tab(i));
    let (d, q0) = rempisub(x.x);
    let x = dfnormalize(f2(d, x.y));
    let y = dfmul_ff(a, tab(i + 1));
    let x = dfadd2_f2f2(x, y);
    let (d, q1) = rempisub(x.x);
    let q = q0.wrapping_add(q1);
    let x = dfnormalize(f2(d, x.y));
    let y = dfmul_f2f(f2(tab(i + 2), tab(i + 3)), a);
    let x = dfadd2_f2f2(x, y);
    let x = dfnormalize(x);
    let x = dfmul_f2f2(x, f2(3.1415927410125732422 * 2.0, -8.7422776573475857731e-08 * 2.0));
    (sel2(a.abs() < 0.7, f2(a, 0.0), x), q)
}

// sin ------------------------------------------------------------------------------------

#[inline(always)]
fn sin_cw(d: f32) -> (F2, i32) {
    let u = (d * M_1_PI_F).round_ties_even();
    let q = rint_i(u);
    let v = mla(u, -PI_A2F, d);
    let s = dfadd2_ff(v, u * -PI_B2F);
    (dfadd_f2f(s, u * -PI_C2F), q)
}

#[inline(always)]
fn sin_ph(d: f32) -> (F2, i32) {
    let (df, qi) = rempi(d);
    let mut q = qi & 3;
    q = q + q + if df.x > 0.0 { 2 } else { 1 };
    q >>= 2;
    let o = (qi & 1) == 1;
    let x = f2(
        mulsign(3.1415927410125732422 * -0.5, df.x),
        mulsign(-8.7422776573475857731e-08 * -0.5, df.x),
    );
    let x = dfadd2_f2f2(df, x);
    let s = dfnormalize(sel2(o, x, df));
    (f2(or_nan(is_inf(d) || d.is_nan(), s.x), s.y), q)
}

#[inline(always)]
fn sin_tail(d: f32, s: F2, q: i32) -> f32 {
    let t = s;
    let s = dfsqu(s);
    let mut u = 2.6083159809786593541503e-06f32;
    u = mla(u, s.x, -0.0001981069071916863322258f32);
    u = mla(u, s.x, 0.00833307858556509017944336f32);
    let x = dfadd_ff2(1.0, dfmul_f2f2(dfadd_ff(-0.166666597127914428710938f32, u * s.x), s));
    let u = dfmul_f2f2_f(t, x);
    let u = negate_if((q & 1) == 1, u);
    sel(is_negzero(d), d, u)
}

#[inline(always)]
pub(crate) fn k_sin(d: f32) -> f32 {
    let (s, q) = if d.abs() < TRIGRANGEMAX2F { sin_cw(d) } else { sin_ph(d) };
    sin_tail(d, s, q)
}

// cos ------------------------------------------------------------------------------------

#[inline(always)]
fn cos_cw(d: f32) -> (F2, i32) {
    let dq = mla(mla(d, M_1_PI_F, -0.5).round_ties_even(), 2.0, 1.0);
    let q = rint_i(dq);
    let s = dfadd2_ff(d, dq * (-PI_A2F * 0.5));
    let s = dfadd2_f2f(s, dq * (-PI_B2F * 0.5));
    (dfadd2_f2f(s, dq * (-PI_C2F * 0.5)), q)
}

#[inline(always)]
fn cos_ph(d: f32) -> (F2, i32) {
    let (df, qi) = rempi(d);
    let mut q = qi & 3;
    q = q + q + if df.x > 0.0 { 8 } else { 7 };
    q >>= 1;
    let o = (qi & 1) == 0;
    let y = sel(df.x > 0.0, 0.0, -1.0);
    let x = f2(
        mulsign(3.1415927410125732422 * -0.5, y),
        mulsign(-8.7422776573475857731e-08 * -0.5, y),
    );
    let x = dfadd2_f2f2(df, x);
    let s = dfnormalize(sel2(o, x, df));
    (f2(or_nan(is_inf(d) || d.is_nan(), s.x), s.y), q)
}

#[inline(always)]
fn cos_tail(s: F2, q: i32) -> f32 {
    let t = s;
    let s = dfsqu(s);
    let mut u = 2.6083159809786593541503e-06f32;
    u = mla(u, s.x, -0.0001981069071916863322258f32);
    u = mla(u, s.x, 0.00833307858556509017944336f32);
    let x = dfadd_ff2(1.0, dfmul_f2f2(dfadd_ff(-0.166666597127914428710938f32, u * s.x), s));
    let u = dfmul_f2f2_f(t, x);
    negate_if((q & 2) == 0, u)
}

#[inline(always)]
pub(crate) fn k_cos(d: f32) -> f32 {
    let (s, q) = if d.abs() < TRIGRANGEMAX2F { cos_cw(d) } else { cos_ph(d) };
    cos_tail(s, q)
}

// tan ------------------------------------------------------------------------------------

#[inline(always)]
fn tan_cw(d: f32) -> (F2, i32) {
    let u = (d * (2.0 * 0.318309886183790671537767526745028724_f64) as f32).round_ties_even();
    let q = rint_i(u);
    let v = mla(u, -PI_A2F * 0.5, d);
    let s = dfadd2_ff(v, u * (-PI_B2F * 0.5));
    (dfadd_f2f(s, u * (-PI_C2F * 0.5)), q)
}

#[inline(always)]
fn tan_ph(d: f32) -> (F2, i32) {
    let (s, q) = rempi(d);
    let o = is_inf(d) || d.is_nan();
    (f2(or_nan(o, s.x), or_nan(o, s.y)), q)
}

#[inline(always)]
fn tan_tail(d: f32, s: F2, q: i32) -> f32 {
    let o = (q & 1) == 1;
    let s = f2(negate_if(o, s.x), negate_if(o, s.y));
    let t = s;
    let s = dfnormalize(dfsqu(s));
    let mut u = 0.00446636462584137916564941f32;
    u = mla(u, s.x, -8.3920182078145444393158e-05f32);
    u = mla(u, s.x, 0.0109639242291450500488281f32);
    u = mla(u, s.x, 0.0212360303848981857299805f32);
    u = mla(u, s.x, 0.0540687143802642822265625f32);
    let x = dfadd_ff(0.133325666189193725585938f32, u * s.x);
    let x = dfadd_ff2(
        1.0,
        dfmul_f2f2(dfadd_ff2(0.33333361148834228515625f32, dfmul_f2f2(s, x)), s),
    );
    let x = dfmul_f2f2(t, x);
    let x = sel2(o, dfrec(x), x);
    let u = x.x + x.y;
    sel(is_negzero(d), d, u)
}

#[inline(always)]
pub(crate) fn k_tan(d: f32) -> f32 {
    let (s, q) = if d.abs() < TRIGRANGEMAX2F { tan_cw(d) } else { tan_ph(d) };
    tan_tail(d, s, q)
}

// asin, acos, atan, atan2 ------------------------------------------------------------------

#[inline(always)]
fn asin_poly(x2: f32) -> f32 {
    let mut u = 0.4197454825e-1_f64 as f32;
    u = mla(u, x2, 0.2424046025e-1_f64 as f32);
    u = mla(u, x2, 0.4547423869e-1_f64 as f32);
    u = mla(u, x2, 0.7495029271e-1_f64 as f32);
    mla(u, x2, 0.1666677296e+0_f64 as f32)
}

#[inline(always)]
pub(crate) fn k_asin(d: f32) -> f32 {
    let o = d.abs() < 0.5;
    let x2 = sel(o, d * d, (1.0 - d.abs()) * 0.5);
    let x = sel2(o, f2(d.abs(), 0.0), dfsqrt_f(x2));
    let x = sel2(d.abs() == 1.0, f2(0.0, 0.0), x);
    let u = asin_poly(x2) * (x2 * x.x);
    let pi4 = f2(3.1415927410125732422 / 4.0, -8.7422776573475857731e-08 / 4.0);
    let y = dfsub_f2f(dfsub_f2f2(pi4, x), u);
    let r = sel(o, u + x.x, (y.x + y.y) * 2.0);
    mulsign(r, d)
}

#[inline(always)]
pub(crate) fn k_acos(d: f32) -> f32 {
    let o = d.abs() < 0.5;
    let x2 = sel(o, d * d, (1.0 - d.abs()) * 0.5);
    let x = sel2(o, f2(d.abs(), 0.0), dfsqrt_f(x2));
    let x = sel2(d.abs() == 1.0, f2(0.0, 0.0), x);
    let u = asin_poly(x2) * (x2 * x.x);
    let pi2 = f2(3.1415927410125732422 / 2.0, -8.7422776573475857731e-08 / 2.0);
    let y = dfsub_f2f2(pi2, dfadd_ff(mulsign(x.x, d), mulsign(u, d)));
    let x = dfadd_f2f(x, u);
    let y = sel2(o, y, dfscale(x, 2.0));
    let pi = f2(3.1415927410125732422, -8.7422776573475857731e-08);
    let y = sel2(!o && d < 0.0, dfsub_f2f2(pi, y), y);
    y.x + y.y
}

/// `atan2kf_u1`: atan(y / x) for double-floats, quadrant included.
#[inline(always)]
fn atan2k(y: F2, x: F2) -> F2 {
    let mut q: i32 = if x.x < 0.0 { -2 } else { 0 };
    let p = x.x < 0.0;
    let x = f2(negate_if(p, x.x), negate_if(p, x.y));
    if x.x < y.x {
        q += 1;
    }
    let p = x.x < y.x;
    let s = sel2(p, dfneg(x), y);
    let t = sel2(p, y, x);
    let s = dfdiv(s, t);
    let t = dfnormalize(dfsqu(s));
    let mut u = -0.00176397908944636583328247f32;
    u = mla(u, t.x, 0.0107900900766253471374512f32);
    u = mla(u, t.x, -0.0309564601629972457885742f32);
    u = mla(u, t.x, 0.0577365085482597351074219f32);
    u = mla(u, t.x, -0.0838950723409652709960938f32);
    u = mla(u, t.x, 0.109463557600975036621094f32);
    u = mla(u, t.x, -0.142626821994781494140625f32);
    u = mla(u, t.x, 0.199983194470405578613281f32);
    let t = dfmul_f2f2(t, dfadd_ff(-0.333332866430282592773438f32, u * t.x));
    let t = dfmul_f2f2(s, dfadd_ff2(1.0, t));
    let hp = f2(1.5707963705062866211f32, -4.3711388286737928865e-08f32);
    dfadd_f2f2(dfmul_f2f(hp, q as f32), t)
}

#[inline(always)]
pub(crate) fn k_atan(d: f32) -> f32 {
    let d2 = atan2k(f2(d.abs(), 0.0), f2(1.0, 0.0));
    let r = d2.x + d2.y;
    let r = sel(is_inf(d), 1.570796326794896557998982_f64 as f32, r);
    mulsign(r, d)
}

/// `visinf2`: `m` with `d`'s sign bit or-ed in where `d` is infinite, else +0.
#[inline(always)]
fn isinf2(d: f32, m: f32) -> f32 {
    let v = bits(m) | (bits(d) & 0x8000_0000);
    from_bits(if is_inf(d) { v } else { 0 })
}

#[inline(always)]
pub(crate) fn k_atan2(y: f32, x: f32) -> f32 {
    let o = x.abs() < 2.9387372783541830947e-39f32;
    let x = sel(o, x * 16777216.0, x);
    let y = sel(o, y * 16777216.0, y);
    let d = atan2k(f2(y.abs(), 0.0), f2(x, 0.0));
    let mut r = d.x + d.y;
    r = mulsign(r, x);
    let pi2 = std::f64::consts::FRAC_PI_2 as f32;
    let pi4 = std::f64::consts::FRAC_PI_4 as f32;
    r = sel(is_inf(x) || x == 0.0, pi2 - isinf2(x, mulsign(pi2, x)), r);
    r = sel(is_inf(y), pi2 - isinf2(x, mulsign(pi4, x)), r);
    let pi_or_0 = from_bits(if bits(x) & 0x8000_0000 != 0 {
        bits(std::f64::consts::PI as f32)
    } else {
        0
    });
    r = sel(y == 0.0, pi_or_0, r);
    or_nan(x.is_nan() || y.is_nan(), mulsign(r, y))
}

// Public per-element functions ------------------------------------------------------------

/// `Sleef_sinf8_u10` (1.0 ulp), reduction chosen by this argument alone (see module docs).
pub fn sin(x: f32) -> f32 {
    k_sin(x)
}
/// `Sleef_cosf8_u10` (1.0 ulp), reduction chosen by this argument alone.
pub fn cos(x: f32) -> f32 {
    k_cos(x)
}
/// `Sleef_tanf8_u10` (1.0 ulp), reduction chosen by this argument alone.
pub fn tan(x: f32) -> f32 {
    k_tan(x)
}
/// `Sleef_asinf8_u10` (1.0 ulp).
pub fn asin(x: f32) -> f32 {
    k_asin(x)
}
/// `Sleef_acosf8_u10` (1.0 ulp).
pub fn acos(x: f32) -> f32 {
    k_acos(x)
}
/// `Sleef_atanf8_u10` (1.0 ulp).
pub fn atan(x: f32) -> f32 {
    k_atan(x)
}
/// `Sleef_atan2f8_u10` (1.0 ulp): atan2(y, x).
pub fn atan2(y: f32, x: f32) -> f32 {
    k_atan2(y, x)
}

// Slice versions ------------------------------------------------------------------------

/// `out[i] = f(a[i])` by groups of 8: Cody-Waite for a group whose every |x| < 125,
/// Payne-Hanek for all of a group otherwise (NaN counts as large), as SLEEF's vectors do.
#[inline(always)]
fn grouped(
    a: &[f32],
    out: &mut [f32],
    cw: impl Fn(f32) -> (F2, i32),
    ph: impl Fn(f32) -> (F2, i32),
    tail: impl Fn(f32, F2, i32) -> f32,
) {
    for (xs, os) in a.chunks(8).zip(out.chunks_mut(8)) {
        let small = xs.iter().all(|x| x.abs() < TRIGRANGEMAX2F);
        if small {
            for (o, &x) in os.iter_mut().zip(xs) {
                let (s, q) = cw(x);
                *o = tail(x, s, q);
            }
        } else {
            for (o, &x) in os.iter_mut().zip(xs) {
                let (s, q) = ph(x);
                *o = tail(x, s, q);
            }
        }
    }
}

#[inline(always)]
fn sin_grouped(a: &[f32], out: &mut [f32]) {
    grouped(a, out, sin_cw, sin_ph, sin_tail)
}
#[inline(always)]
fn cos_grouped(a: &[f32], out: &mut [f32]) {
    grouped(a, out, cos_cw, cos_ph, |_, s, q| cos_tail(s, q))
}
#[inline(always)]
fn tan_grouped(a: &[f32], out: &mut [f32]) {
    grouped(a, out, tan_cw, tan_ph, tan_tail)
}

/// A whole-slice kernel `$body(a, out)`, in an AVX2+FMA build where the CPU has them.
macro_rules! slice_whole {
    ($(#[$doc:meta])* $name:ident, $body:path) => {
        $(#[$doc])*
        pub fn $name(a: &[f32], out: &mut [f32]) {
            assert_eq!(a.len(), out.len(), "input and output lengths differ");
            #[cfg(target_arch = "x86_64")]
            {
                if has_avx2_fma() {
                    #[target_feature(enable = "avx2,fma")]
                    fn wide(a: &[f32], out: &mut [f32]) {
                        $body(a, out)
                    }
                    // SAFETY: the CPU has AVX2 and FMA (checked above).
                    return unsafe { wide(a, out) };
                }
            }
            $body(a, out)
        }
    };
}

slice_whole!(/// `Sleef_sinf8_u10` applied to consecutive groups of 8 (see module docs).
    sin_slice, sin_grouped);
slice_whole!(/// `Sleef_cosf8_u10` applied to consecutive groups of 8 (see module docs).
    cos_slice, cos_grouped);
slice_whole!(/// `Sleef_tanf8_u10` applied to consecutive groups of 8 (see module docs).
    tan_slice, tan_grouped);
slice1!(/// [`asin`] over a slice.
    asin_slice, k_asin);
slice1!(/// [`acos`] over a slice.
    acos_slice, k_acos);
slice1!(/// [`atan`] over a slice.
    atan_slice, k_atan);
slice2!(/// [`atan2`] over slices: `out[i] = atan2(y[i], x[i])`.
    atan2_slice, k_atan2);
