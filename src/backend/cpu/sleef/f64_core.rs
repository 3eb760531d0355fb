//! Scalar building blocks that mirror SLEEF's AVX2 helpers (`helperavx2.h`, `dd.h`,
//! `commonfuncs.h`, `estrin.h`) one lane at a time, with the AVX2 build's choices:
//! `vmla`/`vfma` fuse (`f64::mul_add`), everything else is a plain IEEE operation, and
//! the 32-bit integer lane tricks (ldexp through the exponent bits, `cvtpd2dq`
//! saturation to `i32::MIN`) are reproduced bit for bit.

/// `x * y + z`, fused (`vmla_vd_vd_vd_vd` / `vfma_vd_vd_vd_vd`: `vfmadd`).
#[inline(always)]
pub(super) fn mla(x: f64, y: f64, z: f64) -> f64 {
    x.mul_add(y, z)
}

/// `x * y - z`, fused (`vmlapn` / `vfmapn`: `vfmsub`).
#[inline(always)]
pub(super) fn mlapn(x: f64, y: f64, z: f64) -> f64 {
    x.mul_add(y, -z)
}

/// `z - x * y`, fused (`vmlanp` / `vfmanp`: `vfnmadd`).
#[inline(always)]
pub(super) fn mlanp(x: f64, y: f64, z: f64) -> f64 {
    (-x).mul_add(y, z)
}

/// Round to nearest, ties to even (`vroundpd $8`).
#[inline(always)]
pub(super) fn rint(x: f64) -> f64 {
    x.round_ties_even()
}

/// Round toward zero (`vroundpd $11`).
#[inline(always)]
pub(super) fn trunc(x: f64) -> f64 {
    x.trunc()
}

/// `vcvtpd2dq`: nearest-even conversion to i32; NaN and out-of-range give `i32::MIN`.
#[inline(always)]
pub(super) fn rint_i(x: f64) -> i32 {
    let r = x.round_ties_even();
    let inside = (-2147483648.0..2147483648.0).contains(&r);
    // Selects rather than `as` (which saturates lane by lane in scalar code): this
    // compiles to one vector conversion. SAFETY: the value converted is in range.
    let i = unsafe { (if inside { r } else { 0.0 }).to_int_unchecked::<i32>() };
    if inside { i } else { i32::MIN }
}

/// `vcvttpd2dq`: truncating conversion to i32; NaN and out-of-range give `i32::MIN`.
#[inline(always)]
pub(super) fn trunc_i(x: f64) -> i32 {
    let r = x.trunc();
    let inside = (-2147483648.0..2147483648.0).contains(&r);
    // Selects rather than `as` (which saturates lane by lane in scalar code): this
    // compiles to one vector conversion. SAFETY: the value converted is in range.
    let i = unsafe { (if inside { r } else { 0.0 }).to_int_unchecked::<i32>() };
    if inside { i } else { i32::MIN }
}

#[inline(always)]
pub(super) fn bits(x: f64) -> u64 {
    x.to_bits()
}

#[inline(always)]
pub(super) fn from_bits(b: u64) -> f64 {
    f64::from_bits(b)
}

/// The all-ones bit pattern SLEEF ORs into a lane to make it NaN.
pub(super) const NAN_ALL: u64 = u64::MAX;
/// `SLEEF_NAN` (`__builtin_nan("")`).
pub(super) const QNAN: f64 = f64::from_bits(0x7ff8_0000_0000_0000);
pub(super) const INF: f64 = f64::INFINITY;
pub(super) const DBL_MIN: f64 = f64::MIN_POSITIVE;

/// `vor_vm_vo64_vm(o, x)`: all ones (a NaN) where `o`, else `x`.
#[inline(always)]
pub(super) fn or_nan(o: bool, x: f64) -> f64 {
    if o { from_bits(NAN_ALL) } else { x }
}

/// `vandnot_vm_vo64_vm(o, x)`: +0.0 where `o`, else `x`.
#[inline(always)]
pub(super) fn andnot_zero(o: bool, x: f64) -> f64 {
    if o { 0.0 } else { x }
}

#[inline(always)]
pub(super) fn sel(o: bool, x: f64, y: f64) -> f64 {
    if o { x } else { y }
}

#[inline(always)]
pub(super) fn signbit(x: f64) -> bool {
    bits(x) >> 63 != 0
}

/// `vmulsign_vd_vd_vd`: `x` with its sign flipped where `y` is negative (xor of sign bits).
#[inline(always)]
pub(super) fn mulsign(x: f64, y: f64) -> f64 {
    from_bits(bits(x) ^ (bits(y) & (1 << 63)))
}

/// xor of `x` with -0.0 where `o` (a sign flip that also flips NaN signs).
#[inline(always)]
pub(super) fn negate_if(o: bool, x: f64) -> f64 {
    from_bits(bits(x) ^ ((o as u64) << 63))
}

#[inline(always)]
pub(super) fn isinf(x: f64) -> bool {
    x.abs() == INF
}

#[inline(always)]
pub(super) fn isnan(x: f64) -> bool {
    x.is_nan()
}

#[inline(always)]
pub(super) fn isnegzero(x: f64) -> bool {
    bits(x) == 0x8000_0000_0000_0000
}

/// `vpow2i_vd_vi`: 2^q built in the exponent field, with the AVX2 32-bit lane wrap.
#[inline(always)]
pub(super) fn pow2i(q: i32) -> f64 {
    from_bits((((q.wrapping_add(0x3ff) as u32) << 20) as u64) << 32)
}

/// `vldexp2_vd_vd_vi`: d * 2^(e>>1) * 2^(e - (e>>1)).
#[inline(always)]
pub(super) fn ldexp2(d: f64, e: i32) -> f64 {
    d * pow2i(e >> 1) * pow2i(e.wrapping_sub(e >> 1))
}

/// `vldexp3_vd_vd_vi`: adds q to the exponent field (no range checks).
#[inline(always)]
pub(super) fn ldexp3(d: f64, q: i32) -> f64 {
    from_bits(bits(d).wrapping_add((((q as u32) << 20) as u64) << 32))
}

/// `vilogb2k_vi_vd`: biased exponent field minus 0x3ff.
#[inline(always)]
pub(super) fn ilogb2k(d: f64) -> i32 {
    (((bits(d) >> 52) & 0x7ff) as i32) - 0x3ff
}

/// `vilogbk_vi_vd` (non-AVX-512 version), which scales tiny inputs first.
#[inline(always)]
pub(super) fn ilogbk(d: f64) -> i32 {
    let o = d < 4.9090934652977266E-91;
    let d = if o { 2.037035976334486E90 * d } else { d };
    let q = (((bits(d) >> 32) as u32 & (((1u32 << 12) - 1) << 20)) >> 20) as i32;
    q.wrapping_sub(if o { 300 + 0x3ff } else { 0x3ff })
}

/// `vtoward0_vd_vd`: nextafter(x, 0) for finite nonzero x, 0 for 0.
#[inline(always)]
pub(super) fn toward0(x: f64) -> f64 {
    let t = from_bits(bits(x).wrapping_sub(1));
    if x == 0.0 { 0.0 } else { t }
}

/// `visint_vo_vd` (FULL_FP_ROUNDING): rint(d) == d.
#[inline(always)]
pub(super) fn isint(d: f64) -> bool {
    rint(d) == d
}

/// `visodd_vo_vd`: rint(d/2) != d/2 (true for NaN).
#[inline(always)]
pub(super) fn isodd(d: f64) -> bool {
    let x = d * 0.5;
    rint(x) != x
}

/// `_mm256_max_pd(x, y)`: x if x > y else y.
#[inline(always)]
pub(super) fn vmax(x: f64, y: f64) -> f64 {
    if x > y { x } else { y }
}

/// `_mm256_min_pd(x, y)`: x if x < y else y.
#[inline(always)]
pub(super) fn vmin(x: f64, y: f64) -> f64 {
    if x < y { x } else { y }
}

// ---------------------------------------------------------------------------------------
// Estrin polynomials (estrin.h with MLA = fused multiply-add), coefficients highest first.

#[inline(always)]
pub(super) fn p2(x: f64, c: &[f64]) -> f64 {
    mla(x, c[0], c[1])
}
#[inline(always)]
pub(super) fn p3(x: f64, x2: f64, c: &[f64]) -> f64 {
    mla(x2, c[0], p2(x, &c[1..]))
}
#[inline(always)]
pub(super) fn p4(x: f64, x2: f64, c: &[f64]) -> f64 {
    mla(x2, p2(x, &c[0..2]), p2(x, &c[2..4]))
}
#[inline(always)]
pub(super) fn p5(x: f64, x2: f64, x4: f64, c: &[f64]) -> f64 {
    mla(x4, c[0], p4(x, x2, &c[1..5]))
}
#[inline(always)]
pub(super) fn p6(x: f64, x2: f64, x4: f64, c: &[f64]) -> f64 {
    mla(x4, p2(x, &c[0..2]), p4(x, x2, &c[2..6]))
}
#[inline(always)]
pub(super) fn p7(x: f64, x2: f64, x4: f64, c: &[f64]) -> f64 {
    mla(x4, p3(x, x2, &c[0..3]), p4(x, x2, &c[3..7]))
}
#[inline(always)]
pub(super) fn p8(x: f64, x2: f64, x4: f64, c: &[f64]) -> f64 {
    mla(x4, p4(x, x2, &c[0..4]), p4(x, x2, &c[4..8]))
}
#[inline(always)]
pub(super) fn p9(x: f64, x2: f64, x4: f64, x8: f64, c: &[f64]) -> f64 {
    mla(x8, c[0], p8(x, x2, x4, &c[1..9]))
}
#[inline(always)]
pub(super) fn p10(x: f64, x2: f64, x4: f64, x8: f64, c: &[f64]) -> f64 {
    mla(x8, p2(x, &c[0..2]), p8(x, x2, x4, &c[2..10]))
}
#[inline(always)]
pub(super) fn p12(x: f64, x2: f64, x4: f64, x8: f64, c: &[f64]) -> f64 {
    mla(x8, p4(x, x2, &c[0..4]), p8(x, x2, x4, &c[4..12]))
}
#[inline(always)]
pub(super) fn p16(x: f64, x2: f64, x4: f64, x8: f64, c: &[f64]) -> f64 {
    mla(x8, p8(x, x2, x4, &c[0..8]), p8(x, x2, x4, &c[8..16]))
}
#[inline(always)]
pub(super) fn p21(x: f64, x2: f64, x4: f64, x8: f64, x16: f64, c: &[f64]) -> f64 {
    mla(x16, p5(x, x2, x4, &c[0..5]), p16(x, x2, x4, x8, &c[5..21]))
}

// ---------------------------------------------------------------------------------------
// Double-double arithmetic (dd.h, ENABLE_FMA_DP variants).

/// A double-double `x + y` (SLEEF's `vdouble2`).
#[derive(Clone, Copy, Debug)]
pub(super) struct D2 {
    pub x: f64,
    pub y: f64,
}

#[inline(always)]
pub(super) const fn d2(x: f64, y: f64) -> D2 {
    D2 { x, y }
}

#[inline(always)]
pub(super) fn sel2(o: bool, a: D2, b: D2) -> D2 {
    if o { a } else { b }
}

#[inline(always)]
pub(super) fn dd_neg(x: D2) -> D2 {
    d2(-x.x, -x.y)
}

#[inline(always)]
pub(super) fn dd_abs(x: D2) -> D2 {
    d2(x.x.abs(), from_bits(bits(x.y) ^ (bits(x.x) & (1 << 63))))
}

#[inline(always)]
pub(super) fn dd_normalize(t: D2) -> D2 {
    let s = t.x + t.y;
    d2(s, (t.x - s) + t.y)
}

#[inline(always)]
pub(super) fn dd_scale(d: D2, s: f64) -> D2 {
    d2(d.x * s, d.y * s)
}

/// `ddadd_vd2_vd_vd` (|x| >= |y|).
#[inline(always)]
pub(super) fn dd_add_d_d(x: f64, y: f64) -> D2 {
    let s = x + y;
    d2(s, (x - s) + y)
}

/// `ddadd2_vd2_vd_vd` (any order).
#[inline(always)]
pub(super) fn dd_add2_d_d(x: f64, y: f64) -> D2 {
    let s = x + y;
    let v = s - x;
    d2(s, (x - (s - v)) + (y - v))
}

/// `ddadd_vd2_vd2_vd`.
#[inline(always)]
pub(super) fn dd_add_dd_d(x: D2, y: f64) -> D2 {
    let s = x.x + y;
    d2(s, ((x.x - s) + y) + x.y)
}

/// `ddsub_vd2_vd2_vd`.
#[inline(always)]
pub(super) fn dd_sub_dd_d(x: D2, y: f64) -> D2 {
    let s = x.x - y;
    d2(s, ((x.x - s) - y) + x.y)
}

/// `ddadd2_vd2_vd2_vd`.
#[inline(always)]
pub(super) fn dd_add2_dd_d(x: D2, y: f64) -> D2 {
    let s = x.x + y;
    let v = s - x.x;
    let w = (x.x - (s - v)) + (y - v);
    d2(s, w + x.y)
}

/// `ddadd_vd2_vd_vd2`.
#[inline(always)]
pub(super) fn dd_add_d_dd(x: f64, y: D2) -> D2 {
    let s = x + y.x;
    d2(s, ((x - s) + y.x) + y.y)
}

/// `ddadd2_vd2_vd_vd2`.
#[inline(always)]
pub(super) fn dd_add2_d_dd(x: f64, y: D2) -> D2 {
    let s = x + y.x;
    let v = s - x;
    d2(s, ((x - (s - v)) + (y.x - v)) + y.y)
}

/// `ddadd_vd2_vd2_vd2` (|x| >= |y|).
#[inline(always)]
pub(super) fn dd_add_dd_dd(x: D2, y: D2) -> D2 {
    let s = x.x + y.x;
    d2(s, (((x.x - s) + y.x) + x.y) + y.y)
}

/// `ddadd2_vd2_vd2_vd2`.
#[inline(always)]
pub(super) fn dd_add2_dd_dd(x: D2, y: D2) -> D2 {
    let s = x.x + y.x;
    let v = s - x.x;
    let t = (x.x - (s - v)) + (y.x - v);
    d2(s, t + (x.y + y.y))
}

/// `ddsub_vd2_vd2_vd2` (|x| >= |y|).
#[inline(always)]
pub(super) fn dd_sub_dd_dd(x: D2, y: D2) -> D2 {
    let s = x.x - y.x;
    let t = ((x.x - s) - y.x) + x.y;
    d2(s, t - y.y)
}

/// `dddiv_vd2_vd2_vd2` (FMA).
#[inline(always)]
pub(super) fn dd_div(n: D2, d: D2) -> D2 {
    let t = 1.0 / d.x;
    let s = n.x * t;
    let u = mlapn(t, n.x, s);
    let v = mlanp(d.y, t, mlanp(d.x, t, 1.0));
    d2(s, mla(s, v, mla(n.y, t, u)))
}

/// `ddmul_vd2_vd_vd` (FMA): the exact product.
#[inline(always)]
pub(super) fn dd_mul_d_d(x: f64, y: f64) -> D2 {
    let s = x * y;
    d2(s, mlapn(x, y, s))
}

/// `ddsqu_vd2_vd2` (FMA).
#[inline(always)]
pub(super) fn dd_squ(x: D2) -> D2 {
    let s = x.x * x.x;
    d2(s, mla(x.x + x.x, x.y, mlapn(x.x, x.x, s)))
}

/// `ddmul_vd2_vd2_vd2` (FMA).
#[inline(always)]
pub(super) fn dd_mul_dd_dd(x: D2, y: D2) -> D2 {
    let s = x.x * y.x;
    d2(s, mla(x.x, y.y, mla(x.y, y.x, mlapn(x.x, y.x, s))))
}

/// `ddmul_vd_vd2_vd2` (FMA): the product rounded to one double.
#[inline(always)]
pub(super) fn dd_mul_to_d(x: D2, y: D2) -> f64 {
    mla(x.x, y.x, mla(x.y, y.x, x.x * y.y))
}

/// `ddmul_vd2_vd2_vd` (FMA).
#[inline(always)]
pub(super) fn dd_mul_dd_d(x: D2, y: f64) -> D2 {
    let s = x.x * y;
    d2(s, mla(x.y, y, mlapn(x.x, y, s)))
}

/// `ddrec_vd2_vd` (FMA).
#[inline(always)]
pub(super) fn dd_rec_d(d: f64) -> D2 {
    let s = 1.0 / d;
    d2(s, s * mlanp(d, s, 1.0))
}

/// `ddrec_vd2_vd2` (FMA).
#[inline(always)]
pub(super) fn dd_rec_dd(d: D2) -> D2 {
    let s = 1.0 / d.x;
    d2(s, s * mlanp(d.y, s, mlanp(d.x, s, 1.0)))
}

/// `ddsqrt_vd2_vd2`.
#[inline(always)]
pub(super) fn dd_sqrt_dd(d: D2) -> D2 {
    let t = (d.x + d.y).sqrt();
    dd_scale(dd_mul_dd_dd(dd_add2_dd_dd(d, dd_mul_d_d(t, t)), dd_rec_d(t)), 0.5)
}

/// `ddsqrt_vd2_vd`.
#[inline(always)]
pub(super) fn dd_sqrt_d(d: f64) -> D2 {
    let t = d.sqrt();
    dd_scale(dd_mul_dd_dd(dd_add2_d_dd(d, dd_mul_d_d(t, t)), dd_rec_d(t)), 0.5)
}
