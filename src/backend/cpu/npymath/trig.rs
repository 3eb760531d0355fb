//! float32 `np.sin` / `np.cos`: NumPy's Highway kernel `simd_sincos_f32`
//! (numpy/_core/src/umath/loops_trigonometric.dispatch.cpp), as its AVX2+FMA3 build runs
//! it, one lane at a time. Every `MulAdd` there is a fused multiply-add (`mul_add`).
//!
//! Per lane: NaN gives NumPy's quiet NaN (0x7fc00000, whatever the input's sign or
//! payload); |x| beyond the Cody-Waite range (117435.992 for sine, 71476.0625 for
//! cosine; infinities included) is handed to glibc's `sinf`/`cosf`; everything else is a
//! three-step Cody-Waite reduction by pi/2 and a polynomial on [-pi/4, pi/4]. NumPy uses
//! the same kernel for contiguous, strided, overlapping (one element at a time) and
//! 0-d input, so this is the value for every layout. The kernel is C++ (Highway); its
//! `Add(Mul(x, 2/pi), magic)` is compiled as one FMA, and is one here.

use super::glibc;

const TWO_OVER_PI: f32 = f32::from_bits(0x3f22f983); // 0x1.45f306p-1
const PIO2_HIGH: f32 = f32::from_bits(0xbfc90fd8); // -0x1.921fb0p+00
const PIO2_MED: f32 = f32::from_bits(0xb4a8885a); // -0x1.5110b4p-22
const PIO2_LOW: f32 = f32::from_bits(0xa7c234c4); // -0x1.846988p-48
const RINT_MAGIC: f32 = f32::from_bits(0x4b400000); // 0x1.8p+23
/// Largest |x| reduced in SIMD: 117435.992f and 71476.0625f.
const MAX_SIN: f32 = f32::from_bits(0x47e55dff);
const MAX_COS: f32 = f32::from_bits(0x478b9a08);

// cos(r) = 1 + r2*(-1/2 + r2*(C4 + r2*(C6 + r2*C8)))
const COS_C8: f32 = f32::from_bits(0x37cc730b); // 0x1.98e616p-16
const COS_C6: f32 = f32::from_bits(0xbab6036e); // -0x1.6c06dcp-10
const COS_C4: f32 = f32::from_bits(0x3d2aaa9e); // 0x1.55553cp-05
const COS_C2: f32 = -0.5;
// sin(r) = r + r*r2*(S3 + r2*(S5 + r2*(S7 + r2*S9)))
const SIN_S9: f32 = f32::from_bits(0x363e9dde); // 0x1.7d3bbcp-19
const SIN_S7: f32 = f32::from_bits(0xb95035dd); // -0x1.a06bbap-13
const SIN_S5: f32 = f32::from_bits(0x3c0888cd); // 0x1.11119ap-07
const SIN_S3: f32 = f32::from_bits(0xbe2aaaab); // -0x1.555556p-03

const NPY_NANF: f32 = f32::from_bits(0x7fc0_0000);

/// The SIMD path of one lane, for |x| <= the kernel's range (x not NaN).
#[inline(always)]
fn reduced(x: f32, cosine: bool) -> f32 {
    // round(x * 2/pi) by the 1.5*2^23 trick. The source has Mul then Add; NumPy's compiler
    // contracts them into one FMA (GCC, -ffp-contract=fast), which matters when x * 2/pi
    // rounds to a half-integer.
    let quadrant = x.mul_add(TWO_OVER_PI, RINT_MAGIC) - RINT_MAGIC;
    let mut r = quadrant.mul_add(PIO2_HIGH, x);
    r = quadrant.mul_add(PIO2_MED, r);
    r = quadrant.mul_add(PIO2_LOW, r);
    let r2 = r * r;

    let mut c = COS_C8.mul_add(r2, COS_C6);
    c = c.mul_add(r2, COS_C4);
    c = c.mul_add(r2, COS_C2);
    c = c.mul_add(r2, 1.0);

    let mut s = SIN_S9.mul_add(r2, SIN_S7);
    s = s.mul_add(r2, SIN_S5);
    s = s.mul_add(r2, SIN_S3);
    s = s.mul_add(r2, 0.0);
    s = s.mul_add(r, r);

    // quadrant is an integer of magnitude < 2^17 here: the conversion is exact
    let mut iq = quadrant as i32;
    if cosine {
        iq = iq.wrapping_add(1);
    }
    let v = if iq & 1 == 0 { s } else { c };
    // NumPy negates as 0 - v (so a zero result comes out +0)
    if iq & 2 == 2 { 0.0 - v } else { v }
}

/// One lane: NaN in, NumPy's NaN out; beyond the range, glibc.
#[inline(always)]
fn sincos(x: f32, cosine: bool) -> f32 {
    if x.is_nan() {
        return NPY_NANF;
    }
    let max = if cosine { MAX_COS } else { MAX_SIN };
    if x.abs() <= max {
        reduced(x, cosine)
    } else if cosine {
        glibc::cosf(x)
    } else {
        glibc::sinf(x)
    }
}

/// The float32 `np.sin` kernel of one element.
#[inline(always)]
pub(super) fn sin(x: f32) -> f32 {
    sincos(x, false)
}

/// The float32 `np.cos` kernel of one element.
#[inline(always)]
pub(super) fn cos(x: f32) -> f32 {
    sincos(x, true)
}

/// A slice in two passes, as NumPy's kernel does a vector: the polynomial for every
/// element (branch-free, so the loop vectorises), then glibc for the few beyond the range.
#[inline(always)]
pub(super) fn sincos_slice(a: &[f32], out: &mut [f32], cosine: bool) {
    let max = if cosine { MAX_COS } else { MAX_SIN };
    for (o, &x) in out.iter_mut().zip(a) {
        let inside = x.abs() <= max;
        let v = reduced(if inside { x } else { 0.0 }, cosine);
        *o = if x.is_nan() { NPY_NANF } else { v };
    }
    for (o, &x) in out.iter_mut().zip(a) {
        if x.abs() > max {
            *o = if cosine { glibc::cosf(x) } else { glibc::sinf(x) };
        }
    }
}
