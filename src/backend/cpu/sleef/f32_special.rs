//! lgamma, erf and erfc: one lane of SLEEF's AVX2+FMA `Sleef_*f8_*` each (see `f32.rs` for
//! the conventions).

use super::*;

/// `sinpifk`: sin(pi d) as a double-float (lgamma's reflection).
#[inline(always)]
fn sinpik(d: f32) -> F2 {
    let u = d * 4.0;
    let q = trunc_i(u);
    let q = (q.wrapping_add(((q as u32 >> 31) ^ 1) as i32)) & !1;
    let o = (q & 2) == 2;
    let s = u - q as f32;
    let t = s;
    let s = s * s;
    let s2 = dfmul_ff(t, t);
    let mut u = sel(o, -0.2430611801e-7f32, 0.3093842054e-6f32);
    u = mla(u, s, sel(o, 0.3590577080e-5f32, -0.3657307388e-4f32));
    u = mla(u, s, sel(o, -0.3259917721e-3f32, 0.2490393585e-2f32));
    let c1 = sel2(
        o,
        f2(0.015854343771934509277_f64 as f32, 4.4940051354032242811e-10_f64 as f32),
        f2(
            -0.080745510756969451904_f64 as f32,
            -1.3373665339076936258e-09_f64 as f32,
        ),
    );
    let x = dfadd2_ff2(u * s, c1);
    let c0 = sel2(
        o,
        f2(
            -0.30842512845993041992_f64 as f32,
            -9.0728339030733922277e-09_f64 as f32,
        ),
        f2(0.78539818525314331055_f64 as f32, -2.1857338617566484855e-08_f64 as f32),
    );
    let x = dfadd2_f2f2(dfmul_f2f2(s2, x), c0);
    let x = dfmul_f2f2(x, sel2(o, s2, f2(t, 0.0)));
    let x = sel2(o, dfadd2_f2f(x, 1.0), x);
    let o = (q & 4) == 4;
    f2(negate_if(o, x.x), negate_if(o, x.y))
}

/// `vsel_vf_vo_vo_f_f_f`: `o0 ? d0 : o1 ? d1 : d2`.
#[inline(always)]
fn sel3(o0: bool, o1: bool, d0: f64, d1: f32, d2: f32) -> f32 {
    sel(o0, d0 as f32, sel(o1, d1, d2))
}

/// `gammafk`: (log part, ratio part) of Γ(a), as SLEEF's lgamma and tgamma share them.
#[inline(always)]
fn gammak(a: f32) -> (F2, F2) {
    let otiny = a.abs() < 1e-30f32;
    let oref = a < 0.5;
    let x = sel2(otiny, f2(0.0, 0.0), sel2(oref, dfadd2_ff(1.0, -a), f2(a, 0.0)));
    let o0 = 0.5 <= x.x && x.x <= 1.2;
    let o2 = 2.3 <= x.x;
    let y = dfnormalize(dfmul_f2f2(dfadd2_f2f(x, 1.0), x));
    let y = dfnormalize(dfmul_f2f2(dfadd2_f2f(x, 2.0), y));
    let o = o2 && x.x <= 7.0;
    let clln = sel2(o, y, f2(1.0, 0.0));
    let x = sel2(o, dfadd2_f2f(x, 3.0), x);
    let t = sel(o2, rec(x.x), dfnormalize(dfadd2_f2f(x, sel(o0, -1.0, -2.0))).x);

    let mut u = sel3(
        o2,
        o0,
        0.000839498720672087279971000786,
        0.9435157776e+0,
        0.1102489550e-3,
    );
    u = mla(
        u,
        t,
        sel3(
            o2,
            o0,
            -5.17179090826059219329394422e-05,
            0.8670063615e+0,
            0.8160019934e-4,
        ),
    );
    u = mla(
        u,
        t,
        sel3(
            o2,
            o0,
            -0.000592166437353693882857342347,
            0.4826702476e+0,
            0.1528468856e-3,
        ),
    );
    u = mla(
        u,
        t,
        sel3(
            o2,
            o0,
            6.97281375836585777403743539e-05,
            -0.8855129778e-1,
            -0.2355068718e-3,
        ),
    );
    u = mla(
        u,
        t,
        sel3(
            o2,
            o0,
            0.000784039221720066627493314301,
            0.1013825238e+0,
            0.4962242092e-3,
        ),
    );
    u = mla(
        u,
        t,
        sel3(
            o2,
            o0,
            -0.000229472093621399176949318732,
            -0.1493408978e+0,
            -0.1193488017e-2,
        ),
    );
    u = mla(
        u,
        t,
        sel3(
            o2,
            o0,
            -0.002681327160493827160473958490,
            0.1697509140e+0,
            0.2891599433e-2,
        ),
    );
    u = mla(
        u,
        t,
        sel3(
            o2,
            o0,
            0.003472222222222222222175164840,
            -0.2072454542e+0,
            -0.7385451812e-2,
        ),
    );
    u = mla(
        u,
        t,
        sel3(
            o2,
            o0,
            0.083333333333333333335592087900,
            0.2705872357e+0,
            0.2058077045e-1,
        ),
    );

    let y = dfmul_f2f2(dfadd2_f2f(x, -0.5), logk2(x));
    let y = dfadd2_f2f2(y, dfneg(x));
    let y = dfadd2_f2f2(y, f2d(0.91893853320467278056)); // 0.5*log(2*M_PI)

    let z = dfadd2_f2f(
        dfmul_ff(u, t),
        sel(
            o0,
            -0.400686534596170958447352690395e+0f32,
            -0.673523028297382446749257758235e-1f32,
        ),
    );
    let z = dfadd2_f2f(
        dfmul_f2f(z, t),
        sel(
            o0,
            0.822466960142643054450325495997e+0f32,
            0.322467033928981157743538726901e+0f32,
        ),
    );
    let z = dfadd2_f2f(
        dfmul_f2f(z, t),
        sel(
            o0,
            -0.577215665946766039837398973297e+0f32,
            0.422784335087484338986941629852e+0f32,
        ),
    );
    let z = dfmul_f2f(z, t);

    let clc = sel2(o2, y, z);
    let clld = sel2(o2, dfadd2_f2f(dfmul_ff(u, t), 1.0), f2(1.0, 0.0));
    let y = clln;

    let clc = sel2(
        otiny,
        f2d(41.58883083359671856503),                                         // log(2^60)
        sel2(oref, dfadd2_f2f2(f2d(1.1447298858494001639), dfneg(clc)), clc), // log(M_PI)
    );
    let clln = sel2(otiny, f2(1.0, 0.0), sel2(oref, clln, clld));

    // SLEEF evaluates this only when some lane has a < 0.5; only those lanes use it.
    let x = if oref {
        let t = a - 4096.0 * trunc_i(a * (1.0 / 4096.0)) as f32;
        dfmul_f2f2(clld, sinpik(t))
    } else {
        x
    };

    let clld = sel2(otiny, f2(a * (1073741824.0 * 1073741824.0), 0.0), sel2(oref, x, y));
    (clc, dfdiv(clln, clld))
}

#[inline(always)]
pub(crate) fn k_lgamma(a: f32) -> f32 {
    let (c, d) = gammak(a);
    let y = dfadd2_f2f2(c, logk2(dfabs(d)));
    let r = y.x + y.y;
    let isint = a.trunc() == a;
    let isnumber = !(is_inf(a) || a.is_nan());
    let o = is_inf(a) || (a <= 0.0 && isint) || (isnumber && r.is_nan());
    sel(o, f32::INFINITY, r)
}

/// `dfmla_vf2_vf_vf2_vf2`: z + y * x.
#[inline(always)]
fn dfmla(x: f32, y: F2, z: F2) -> F2 {
    dfadd_f2f2(z, dfmul_f2f(y, x))
}

#[inline(always)]
fn f2c(h: f64, l: f64) -> F2 {
    f2(h as f32, l as f32)
}

#[inline(always)]
pub(crate) fn k_erf(a: f32) -> f32 {
    let x = a.abs();
    let x2 = x * x;
    let x4 = x2 * x2;
    let o25 = x <= 2.5;
    let c = |p: f64, q: f64| sel(o25, p as f32, q as f32);
    // POLY6 by Estrin's scheme.
    let p2 = mla(
        x,
        c(-0.4360447008e-6, -0.1130012848e-6),
        c(0.6867515367e-5, 0.4115272986e-5),
    );
    let p4 = mla(
        x2,
        mla(
            x,
            c(-0.3045156700e-4, -0.6928304356e-4),
            c(0.9808536561e-4, 0.7172692567e-3),
        ),
        mla(
            x,
            c(0.2395523916e-3, -0.5131045356e-2),
            c(0.1459901541e-3, 0.2708637156e-1),
        ),
    );
    let t = mla(x4, p2, p4);
    let c2 = sel2(
        o25,
        f2c(0.0092883445322513580322, -2.7863745897025330755e-11),
        f2c(-0.11064319312572479248, 3.7050452777225283007e-09),
    );
    let c1 = sel2(
        o25,
        f2c(0.042275499552488327026, 1.3461399289988106057e-09),
        f2c(-0.63192230463027954102, -2.0200432585073177859e-08),
    );
    let c0 = sel2(
        o25,
        f2c(0.070523701608180999756, -3.6616309318707365163e-09),
        f2c(-1.1296638250350952148, 2.5515120196453259252e-08),
    );
    // poly4df(x, t, c2, c1, c0)
    let t2 = dfmla(x * x, dfmla(x, f2(t, 0.0), c2), dfmla(x, c1, c0));
    let t2 = dfmul_f2f(t2, x);
    let s2 = dfadd_ff2(1.0, t2);
    let s2 = dfrec(dfsqu(dfsqu(dfsqu(dfsqu(s2)))));
    let t2 = sel2(o25, s2, f2(expk(t2), 0.0));
    let t2 = dfadd2_f2f(t2, -1.0);
    let small = dfmul_f2f(f2c(-1.1283792257308959961, 5.8635383422197591097e-08), x);
    let t2 = sel2(x < 1e-4_f64 as f32, small, t2);
    let mut z = -(t2.x + t2.y);
    z = sel(x >= 6.0, 1.0, z);
    z = sel(is_inf(a), 1.0, z);
    z = sel(a == 0.0, 0.0, z);
    mulsign(z, a)
}

#[inline(always)]
pub(crate) fn k_erfc(a: f32) -> f32 {
    let s = a;
    let a = a.abs();
    let o0 = a < 1.0;
    let o1 = a < 2.2;
    let o2 = a < 4.3;
    let o3 = a < 10.1;
    let s4 = |d0: f32, d1: f32, d2: f32, d3: f32| sel(o0, d0, sel(o1, d1, sel(o2, d2, d3)));
    let s4d = |d0: f64, d1: f64, d2: f64, d3: f64| sel2(o0, f2d(d0), sel2(o1, f2d(d1), sel2(o2, f2d(d2), f2d(d3))));
    let u = sel2(o1, f2(a, 0.0), dfdiv(f2(1.0, 0.0), f2(a, 0.0)));
    let mut t = s4(-0.8638041618e-4, -0.6236977242e-5, -0.3869504035e+0, 0.1115344167e+1);
    t = mla(
        t,
        u.x,
        s4(0.6000166177e-3, 0.5749821503e-4, 0.1288077235e+1, -0.9454904199e+0),
    );
    t = mla(
        t,
        u.x,
        s4(-0.1665703603e-2, 0.6002851478e-5, -0.1816803217e+1, -0.3667259514e+0),
    );
    t = mla(
        t,
        u.x,
        s4(0.1795156277e-3, -0.2851036377e-2, 0.1249150872e+1, 0.7155663371e+0),
    );
    t = mla(
        t,
        u.x,
        s4(0.1914106123e-1, 0.2260518074e-1, -0.1328857988e+0, -0.1262947265e-1),
    );
    let d = dfmul_f2f(u, t);
    let d = dfadd2_f2f2(
        d,
        s4d(
            -0.102775359343930288081655368891e+0,
            -0.105247583459338632253369014063e+0,
            -0.482365310333045318680618892669e+0,
            -0.498961546254537647970305302739e+0,
        ),
    );
    let d = dfmul_f2f2(d, u);
    let d = dfadd2_f2f2(
        d,
        s4d(
            -0.636619483208481931303752546439e+0,
            -0.635609463574589034216723775292e+0,
            -0.134450203224533979217859332703e-2,
            -0.471199543422848492080722832666e-4,
        ),
    );
    let d = dfmul_f2f2(d, u);
    let d = dfadd2_f2f2(
        d,
        s4d(
            -0.112837917790537404939545770596e+1,
            -0.112855987376668622084547028949e+1,
            -0.572319781150472949561786101080e+0,
            -0.572364030327966044425932623525e+0,
        ),
    );
    let x = dfmul_f2f(sel2(o1, d, f2(-a, 0.0)), a);
    let x = sel2(o1, x, dfadd2_f2f2(x, d));
    let x = expk2(x);
    let x = sel2(o1, x, dfmul_f2f2(x, u));
    let mut r = sel(o3, x.x + x.y, 0.0);
    r = sel(bits(s) & 0x8000_0000 != 0, 2.0 - r, r);
    sel(s.is_nan(), f32::NAN, r)
}

/// `Sleef_lgammaf8_u10` (1.0 ulp): log|Γ(x)|.
pub fn lgamma(x: f32) -> f32 {
    k_lgamma(x)
}
/// `Sleef_erff8_u10` (1.0 ulp).
pub fn erf(x: f32) -> f32 {
    k_erf(x)
}
/// `Sleef_erfcf8_u15` (1.5 ulp).
pub fn erfc(x: f32) -> f32 {
    k_erfc(x)
}

slice1!(/// [`lgamma`] over a slice.
    lgamma_slice, k_lgamma);
slice1!(/// [`erf`] over a slice.
    erf_slice, k_erf);
slice1!(/// [`erfc`] over a slice.
    erfc_slice, k_erfc);
