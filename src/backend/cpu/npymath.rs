//! NumPy's float ufuncs bit for bit: what NumPy 2.4 computes on x86-64 when it dispatches
//! to its AVX2+FMA3 ("X86_V3") loops, i.e. with the AVX-512 targets disabled
//! (`NPY_DISABLE_CPU_FEATURES="X86_V4 AVX512_ICL AVX512_SPR"`; on an AVX-512 machine
//! NumPy would otherwise call Intel SVML, which is not reproduced here).
//!
//! | ufunc | float32 | float64 | float16 |
//! | --- | --- | --- | --- |
//! | sin, cos | NumPy SIMD (`trig`); glibc sinf/cosf past abs 117435.992 / 71476.0625 | glibc | glibc sinf/cosf |
//! | exp, log | NumPy SIMD (`explog`) | glibc | glibc expf/logf |
//! | tanh | NumPy SIMD (`tanh`) | NumPy SIMD (`tanh`) | glibc tanhf |
//! | tan, arcsin, arccos, arctan, sinh, cosh, arcsinh, arccosh, arctanh, exp2, expm1, log2, log10, log1p, cbrt | glibc (float function) | glibc | glibc float function |
//! | power | glibc powf; x*x, sqrtf, 1/x, 1, x when the exponent has stride 0 | glibc pow; same fast path | glibc powf |
//! | arctan2, hypot | glibc atan2f, hypotf | glibc | glibc float function |
//! | logaddexp, logaddexp2 | NumPy's formula on glibc expf/exp2f/log1pf | same on glibc double | the float32 formula |
//! | deg2rad/radians, rad2deg/degrees | x * (pi/180 in float32) | x * (pi/180) | the float32 one |
//! | float_power | (computed in float64) | glibc pow | (computed in float64) |
//!
//! float16 is always computed in float32 (NumPy converts with its own round-half-even
//! `npy_float_to_half`), through glibc's *float* function, never through the float32 SIMD
//! kernels: `sin_f16(x) = f16(sinf(f32(x)))`, whereas `np.sin` on float32 is `sin_f32`.
//!
//! Layout: NumPy's kernels for sin, cos, exp, log and tanh treat each lane alone and are
//! also used for strided, overlapping (one element at a time), short (tails) and 0-d
//! input, so an element's value never depends on the array around it. The exception is
//! `power` on float32/float64: when the exponent operand has stride 0 in the inner loop
//! (a numpy or Python scalar, a 0-d array, an exponent broadcast along the last axis) and
//! equals -1, 0, 0.5, 1 or 2, NumPy computes 1/x, 1, sqrt(x), x or x*x instead of calling
//! pow (`power_scalar_exp_*`); glibc's pow differs from those in the last bit about once
//! in 2000 (and for signaling NaNs). Not so for `np.float32(a) ** np.float32(b)` (scalar
//! math: always powf) nor for two length-1 arrays (stride 4 or 8); never for float16.
//! And `array ** 2`, `** -1`, `** 0.5` with a Python int (2, -1) or float (0.5) exponent
//! call square, reciprocal and sqrt before any of this.
//!
//! The glibc functions are the ones in libm.so.6 (see `glibc`); the `*_slice` versions
//! run the SIMD reproductions in a loop compiled for AVX2+FMA where the CPU has them, with
//! the same results as the plain loop.

#[path = "npymath/explog.rs"]
mod explog;
#[path = "npymath/glibc.rs"]
mod glibc;
#[path = "npymath/tanh.rs"]
mod tanh;
#[path = "npymath/trig.rs"]
mod trig;

/// Whether the CPU has AVX2 and FMA (std caches the answer).
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[inline]
fn avx2_fma() -> bool {
    std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
}

/// Each SIMD reproduction element by element. The kernels are `mul_add` chains: compiled
/// without FMA, `mul_add` is a (correct but slow) software routine, so where the CPU has
/// FMA the kernel runs in a copy compiled for it. Same results either way.
macro_rules! kernels {
    ($($(#[$doc:meta])* $name:ident => $k:path, $t:ty;)*) => {
        $(
            $(#[$doc])*
            #[inline]
            pub fn $name(x: $t) -> $t {
                #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
                if avx2_fma() {
                    #[target_feature(enable = "avx2,fma")]
                    fn with_fma(x: $t) -> $t {
                        $k(x)
                    }
                    // SAFETY: the CPU has AVX2 and FMA, checked just above.
                    return unsafe { with_fma(x) };
                }
                $k(x)
            }
        )*
    };
}

kernels! {
    /// `np.sin` on float32: NumPy's SIMD kernel (Cody-Waite reduction, polynomials),
    /// glibc's `sinf` beyond |x| = 117435.992.
    sin_f32 => trig::sin, f32;
    /// `np.cos` on float32: NumPy's SIMD kernel, glibc's `cosf` beyond |x| = 71476.0625.
    cos_f32 => trig::cos, f32;
    /// `np.exp` on float32: NumPy's AVX2+FMA3 kernel (rational approximation).
    exp_f32 => explog::exp, f32;
    /// `np.log` on float32: NumPy's AVX2+FMA3 kernel (rational approximation).
    log_f32 => explog::log, f32;
    /// `np.tanh` on float32: NumPy's SIMD kernel (piecewise polynomials).
    tanh_f32 => tanh::tanh32, f32;
    /// `np.tanh` on float64: NumPy's SIMD kernel, not glibc's `tanh`.
    tanh_f64 => tanh::tanh64, f64;
}

// ---------------------------------------------------------------------------------------
// Functions NumPy hands to glibc (numpy/_core/src/umath/loops_umath_fp.dispatch.c.src and
// the generic loops: npy_sinhf is sinhf, ...).

macro_rules! glibc_unary {
    ($($name:ident => $f32:ident, $f64:ident;)*) => {
        /// glibc's float function behind each ufunc (what NumPy's float32 loop calls where
        /// it calls libm, and what its float16 loops call for all of these).
        pub mod f32_glibc {
            $(
                #[inline]
                pub fn $name(x: f32) -> f32 {
                    super::glibc::$f32(x)
                }
            )*
        }
        /// glibc's double function behind each ufunc.
        pub mod f64_glibc {
            $(
                #[inline]
                pub fn $name(x: f64) -> f64 {
                    super::glibc::$f64(x)
                }
            )*
        }
    };
}

glibc_unary! {
    sin => sinf, sin;
    cos => cosf, cos;
    tan => tanf, tan;
    arcsin => asinf, asin;
    arccos => acosf, acos;
    arctan => atanf, atan;
    sinh => sinhf, sinh;
    cosh => coshf, cosh;
    tanh => tanhf, tanh;
    arcsinh => asinhf, asinh;
    arccosh => acoshf, acosh;
    arctanh => atanhf, atanh;
    exp => expf, exp;
    exp2 => exp2f, exp2;
    expm1 => expm1f, expm1;
    log => logf, log;
    log2 => log2f, log2;
    log10 => log10f, log10;
    log1p => log1pf, log1p;
    cbrt => cbrtf, cbrt;
}

macro_rules! named {
    ($($name:ident: $m:ident :: $f:ident, $t:ty;)*) => {
        $(
            #[doc = concat!("`np.", stringify!($f), "` on ", stringify!($t), ": glibc.")]
            #[inline]
            pub fn $name(x: $t) -> $t {
                $m::$f(x)
            }
        )*
    };
}

named! {
    sin_f64: f64_glibc::sin, f64;
    cos_f64: f64_glibc::cos, f64;
    exp_f64: f64_glibc::exp, f64;
    log_f64: f64_glibc::log, f64;
    tan_f32: f32_glibc::tan, f32;
    tan_f64: f64_glibc::tan, f64;
    arcsin_f32: f32_glibc::arcsin, f32;
    arcsin_f64: f64_glibc::arcsin, f64;
    arccos_f32: f32_glibc::arccos, f32;
    arccos_f64: f64_glibc::arccos, f64;
    arctan_f32: f32_glibc::arctan, f32;
    arctan_f64: f64_glibc::arctan, f64;
    sinh_f32: f32_glibc::sinh, f32;
    sinh_f64: f64_glibc::sinh, f64;
    cosh_f32: f32_glibc::cosh, f32;
    cosh_f64: f64_glibc::cosh, f64;
    arcsinh_f32: f32_glibc::arcsinh, f32;
    arcsinh_f64: f64_glibc::arcsinh, f64;
    arccosh_f32: f32_glibc::arccosh, f32;
    arccosh_f64: f64_glibc::arccosh, f64;
    arctanh_f32: f32_glibc::arctanh, f32;
    arctanh_f64: f64_glibc::arctanh, f64;
    exp2_f32: f32_glibc::exp2, f32;
    exp2_f64: f64_glibc::exp2, f64;
    expm1_f32: f32_glibc::expm1, f32;
    expm1_f64: f64_glibc::expm1, f64;
    log2_f32: f32_glibc::log2, f32;
    log2_f64: f64_glibc::log2, f64;
    log10_f32: f32_glibc::log10, f32;
    log10_f64: f64_glibc::log10, f64;
    log1p_f32: f32_glibc::log1p, f32;
    log1p_f64: f64_glibc::log1p, f64;
    cbrt_f32: f32_glibc::cbrt, f32;
    cbrt_f64: f64_glibc::cbrt, f64;
}

/// `np.power` on float32, element by element (both operands with nonzero stride): powf.
#[inline]
pub fn power_f32(x: f32, y: f32) -> f32 {
    glibc::powf(x, y)
}

/// `np.power` on float64, element by element: pow.
#[inline]
pub fn power_f64(x: f64, y: f64) -> f64 {
    glibc::pow(x, y)
}

/// `np.float_power` (always float64): pow, without `power`'s fast path.
#[inline]
pub fn float_power_f64(x: f64, y: f64) -> f64 {
    glibc::pow(x, y)
}

/// `np.power` on float32 when the exponent operand has stride 0 in NumPy's inner loop
/// (`FLOAT_power` in loops_umath_fp.dispatch.c.src): the exponents -1, 0, 0.5, 1, 2 are
/// computed as `1.0/x` (in double, then rounded), 1, `sqrtf(x)`, `x`, `x*x`.
#[inline]
pub fn power_scalar_exp_f32(x: f32, y: f32) -> f32 {
    if y == -1.0 {
        (1.0 / x as f64) as f32
    } else if y == 0.0 {
        1.0
    } else if y == 0.5 {
        x.sqrt()
    } else if y == 1.0 {
        x
    } else if y == 2.0 {
        x * x
    } else {
        glibc::powf(x, y)
    }
}

/// `np.power` on float64 when the exponent operand has stride 0: see
/// `power_scalar_exp_f32`.
#[inline]
pub fn power_scalar_exp_f64(x: f64, y: f64) -> f64 {
    if y == -1.0 {
        1.0 / x
    } else if y == 0.0 {
        1.0
    } else if y == 0.5 {
        x.sqrt()
    } else if y == 1.0 {
        x
    } else if y == 2.0 {
        x * x
    } else {
        glibc::pow(x, y)
    }
}

/// `np.arctan2` on float32: atan2f.
#[inline]
pub fn arctan2_f32(y: f32, x: f32) -> f32 {
    glibc::atan2f(y, x)
}

/// `np.arctan2` on float64: atan2.
#[inline]
pub fn arctan2_f64(y: f64, x: f64) -> f64 {
    glibc::atan2(y, x)
}

/// `np.hypot` on float32: hypotf.
#[inline]
pub fn hypot_f32(x: f32, y: f32) -> f32 {
    glibc::hypotf(x, y)
}

/// `np.hypot` on float64: hypot.
#[inline]
pub fn hypot_f64(x: f64, y: f64) -> f64 {
    glibc::hypot(x, y)
}

// ---------------------------------------------------------------------------------------
// NumPy's own formulas (numpy/_core/src/npymath/npy_math_internal.h.src), compiled for the
// baseline (no FMA contraction), on glibc's functions.

macro_rules! npy_formulas {
    ($t:ident, $exp:path, $exp2:path, $log1p:path, $logaddexp:ident, $logaddexp2:ident,
     $deg2rad:ident, $rad2deg:ident) => {
        #[doc = concat!("`np.logaddexp` on ", stringify!($t), " (`npy_logaddexp`).")]
        #[inline]
        pub fn $logaddexp(x: $t, y: $t) -> $t {
            if x == y {
                // infinities of the same sign
                return x + std::$t::consts::LN_2;
            }
            let tmp = x - y;
            if tmp > 0.0 {
                x + $log1p($exp(-tmp))
            } else if tmp <= 0.0 {
                y + $log1p($exp(tmp))
            } else {
                tmp
            }
        }

        #[doc = concat!("`np.logaddexp2` on ", stringify!($t), " (`npy_logaddexp2`).")]
        #[inline]
        pub fn $logaddexp2(x: $t, y: $t) -> $t {
            if x == y {
                return x + 1.0;
            }
            let tmp = x - y;
            if tmp > 0.0 {
                x + std::$t::consts::LOG2_E * $log1p($exp2(-tmp))
            } else if tmp <= 0.0 {
                y + std::$t::consts::LOG2_E * $log1p($exp2(tmp))
            } else {
                tmp
            }
        }

        #[doc = concat!("`np.deg2rad`/`np.radians` on ", stringify!($t), ": x * (pi/180), the constant rounded in ", stringify!($t), ".")]
        #[inline]
        pub fn $deg2rad(x: $t) -> $t {
            const DEG2RAD: $t = std::$t::consts::PI / 180.0;
            x * DEG2RAD
        }

        #[doc = concat!("`np.rad2deg`/`np.degrees` on ", stringify!($t), ": x * (180/pi), the constant rounded in ", stringify!($t), ".")]
        #[inline]
        pub fn $rad2deg(x: $t) -> $t {
            const RAD2DEG: $t = 180.0 / std::$t::consts::PI;
            x * RAD2DEG
        }
    };
}

npy_formulas!(
    f32,
    glibc::expf,
    glibc::exp2f,
    glibc::log1pf,
    logaddexp_f32,
    logaddexp2_f32,
    deg2rad_f32,
    rad2deg_f32
);
npy_formulas!(
    f64,
    glibc::exp,
    glibc::exp2,
    glibc::log1p,
    logaddexp_f64,
    logaddexp2_f64,
    deg2rad_f64,
    rad2deg_f64
);

// ---------------------------------------------------------------------------------------
// float16, as bits: NumPy's conversions (numpy/_core/src/common/half_private.hpp, the
// software path of its baseline build) around the float32 computation.

/// float16 bits to float32, exactly (NaN payloads kept, not quieted).
pub fn half_to_float(h: u16) -> f32 {
    let sign = ((h & 0x8000) as u32) << 16;
    let exp = (h & 0x7c00) as u32;
    let sig = (h & 0x03ff) as u32;
    let bits = match exp {
        0 if sig == 0 => sign,
        0 => {
            // subnormal: normalise
            let shift = sig.leading_zeros() - 21; // bring the top bit to bit 10
            let sig = (sig << shift) & 0x03ff;
            let e = 113 - shift; // biased float32 exponent
            sign | (e << 23) | (sig << 13)
        }
        0x7c00 => sign | 0x7f80_0000 | (sig << 13),
        _ => sign | ((exp + ((127 - 15) << 10)) << 13) | (sig << 13),
    };
    f32::from_bits(bits)
}

/// float32 to float16 bits, rounding half to even, as NumPy's `npy_float_to_half` (a NaN
/// keeps the top 10 bits of its payload, forced nonzero; it is not quieted).
pub fn float_to_half(f: f32) -> u16 {
    let f = f.to_bits();
    let h_sgn = ((f & 0x8000_0000) >> 16) as u16;
    let f_exp = f & 0x7f80_0000;
    if f_exp >= 0x4780_0000 {
        if f_exp == 0x7f80_0000 {
            let f_sig = f & 0x007f_ffff;
            if f_sig != 0 {
                let mut ret = (0x7c00 + (f_sig >> 13)) as u16;
                if ret == 0x7c00 {
                    ret += 1;
                }
                return h_sgn + ret;
            }
        }
        return h_sgn + 0x7c00;
    }
    if f_exp <= 0x3800_0000 {
        if f_exp < 0x3300_0000 {
            return h_sgn;
        }
        let e = f_exp >> 23;
        let mut f_sig = 0x0080_0000 + (f & 0x007f_ffff);
        f_sig >>= 113 - e;
        if (f_sig & 0x3fff) != 0x1000 || (f & 0x7ff) != 0 {
            f_sig += 0x1000;
        }
        return h_sgn + (f_sig >> 13) as u16;
    }
    let h_exp = ((f_exp - 0x3800_0000) >> 13) as u16;
    let mut f_sig = f & 0x007f_ffff;
    if (f_sig & 0x3fff) != 0x1000 {
        f_sig += 0x1000;
    }
    // a carry out of the significand bumps the exponent (to infinity at most)
    h_sgn + (h_exp + (f_sig >> 13) as u16)
}

macro_rules! f16_unary {
    ($($name:ident => $f:path;)*) => {
        $(
            #[doc = concat!("`np.", stringify!($f), "` on float16 (bits): the float32 function `", stringify!($f), "`, via NumPy's conversions.")]
            #[inline]
            pub fn $name(x: u16) -> u16 {
                float_to_half($f(half_to_float(x)))
            }
        )*
    };
}

macro_rules! f16_binary {
    ($($name:ident => $f:path;)*) => {
        $(
            #[doc = concat!("float16 (bits) through the float32 function `", stringify!($f), "`.")]
            #[inline]
            pub fn $name(x: u16, y: u16) -> u16 {
                float_to_half($f(half_to_float(x), half_to_float(y)))
            }
        )*
    };
}

f16_unary! {
    sin_f16 => f32_glibc::sin;
    cos_f16 => f32_glibc::cos;
    tan_f16 => f32_glibc::tan;
    arcsin_f16 => f32_glibc::arcsin;
    arccos_f16 => f32_glibc::arccos;
    arctan_f16 => f32_glibc::arctan;
    sinh_f16 => f32_glibc::sinh;
    cosh_f16 => f32_glibc::cosh;
    tanh_f16 => f32_glibc::tanh;
    arcsinh_f16 => f32_glibc::arcsinh;
    arccosh_f16 => f32_glibc::arccosh;
    arctanh_f16 => f32_glibc::arctanh;
    exp_f16 => f32_glibc::exp;
    exp2_f16 => f32_glibc::exp2;
    expm1_f16 => f32_glibc::expm1;
    log_f16 => f32_glibc::log;
    log2_f16 => f32_glibc::log2;
    log10_f16 => f32_glibc::log10;
    log1p_f16 => f32_glibc::log1p;
    cbrt_f16 => f32_glibc::cbrt;
    deg2rad_f16 => deg2rad_f32;
    rad2deg_f16 => rad2deg_f32;
}

f16_binary! {
    power_f16 => power_f32;
    arctan2_f16 => arctan2_f32;
    hypot_f16 => hypot_f32;
    logaddexp_f16 => logaddexp_f32;
    logaddexp2_f16 => logaddexp2_f32;
}

// ---------------------------------------------------------------------------------------
// Slices.

macro_rules! slice_fns {
    ($($name:ident => $body:path, $t:ty;)*) => {
        $(
            #[doc = concat!("`out[i] = ", stringify!($name), "(a[i])` without the `_slice` (NumPy's values); panics if the lengths differ.")]
            pub fn $name(a: &[$t], out: &mut [$t]) {
                assert_eq!(a.len(), out.len(), "npymath slice lengths");
                #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
                if avx2_fma() {
                    #[target_feature(enable = "avx2,fma")]
                    fn with_fma(a: &[$t], out: &mut [$t]) {
                        $body(a, out)
                    }
                    // SAFETY: the CPU has AVX2 and FMA, checked just above.
                    unsafe { with_fma(a, out) };
                    return;
                }
                $body(a, out)
            }
        )*
    };
}

/// The loop bodies of the slice functions.
mod loops {
    macro_rules! each {
        ($($name:ident => $k:path, $t:ty;)*) => {
            $(
                #[inline(always)]
                pub(super) fn $name(a: &[$t], out: &mut [$t]) {
                    for (o, &x) in out.iter_mut().zip(a) {
                        *o = $k(x);
                    }
                }
            )*
        };
    }
    each! {
        exp => super::explog::exp, f32;
        log => super::explog::log, f32;
        tanh32 => super::tanh::tanh32, f32;
        tanh64 => super::tanh::tanh64, f64;
    }
    #[inline(always)]
    pub(super) fn sin(a: &[f32], out: &mut [f32]) {
        super::trig::sincos_slice(a, out, false)
    }
    #[inline(always)]
    pub(super) fn cos(a: &[f32], out: &mut [f32]) {
        super::trig::sincos_slice(a, out, true)
    }
}

slice_fns! {
    sin_f32_slice => loops::sin, f32;
    cos_f32_slice => loops::cos, f32;
    exp_f32_slice => loops::exp, f32;
    log_f32_slice => loops::log, f32;
    tanh_f32_slice => loops::tanh32, f32;
    tanh_f64_slice => loops::tanh64, f64;
}
