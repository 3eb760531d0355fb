//! float64 transcendental functions bit-identical to the SLEEF vector functions that
//! PyTorch 2.15's CPU kernels call (`Sleef_*d4_u10` and friends, the AVX2+FMA build),
//! one element at a time in plain Rust.
//!
//! Every function reproduces SLEEF's algorithm exactly: `f64::mul_add` wherever the AVX2
//! build fuses (`vmla`, `vfma`, the FMA double-double products), plain IEEE operations
//! elsewhere, SLEEF's 32-bit integer tricks for ldexp/ilogb, and the Payne-Hanek table
//! for huge trig arguments. The results do not depend on the CPU: without FMA hardware
//! `mul_add` is still exact (just slower).
//!
//! Which torch float64 ops run these (measured against torch 2.15, MKL build):
//! * whole tensor: `expm1`, `log1p`, `lgamma` (vec::map: even the tail goes to SLEEF);
//! * vectorized part only (tail and 0-dim tensors use glibc `std::`): `exp2`, `sinh`,
//!   `cosh`, `atanh`, `pow`, `atan2`, `hypot`, `fmod`, `sigmoid` (tail: `1/(1+exp(-x))`
//!   with glibc exp);
//! * `sin cos tan exp log log2 log10 tanh asin acos atan erf erfc` go to MKL VML
//!   (`vmdSin` ... with `VML_HA`), not SLEEF; the SLEEF versions here serve the
//!   composite kernels that call `Vectorized<double>::exp()` etc. directly.
//!
//! `NAME_slice(a, out)` runs the same per-element code in a loop compiled for AVX2+FMA
//! when the CPU has them (identical results either way). Prefer the slices in hot loops:
//! a per-element call from code built without FMA turns each `mul_add` into a libm call
//! (about 20x slower). `sin`/`cos`/`tan` depend on the
//! vector their lane sits in (see `f64_trig.rs`): their slices group 4 elements from the
//! start of the slice like SLEEF's `d4` vectors.

// SLEEF's coefficients are kept digit for digit; some equal std's constants by design.
#![allow(clippy::excessive_precision, clippy::approx_constant)]

#[path = "f64_core.rs"]
mod base;
#[path = "f64_exp.rs"]
mod explog;
#[path = "f64_rempitab.rs"]
mod rempitab;
#[path = "f64_special.rs"]
mod special;
#[path = "f64_trig.rs"]
mod trig;

pub use explog::{atanh, cosh, exp, exp2, expm1, log, log1p, log2, log10, pow, sigmoid, sinh, tanh};
pub use special::{erf, erfc, fmod, hypot, lgamma};
pub use trig::{
    acos, asin, atan, atan2, cos, cos_path, cos4, group_path, sin, sin_path, sin4, tan, tan_path, tan4, trig_path,
};

/// Runs `$body` (a loop over the slices) compiled for AVX2+FMA when available.
macro_rules! dispatch {
    ($args:tt, ($($call:ident),*), $body:expr) => {{
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        {
            if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
                #[target_feature(enable = "avx2,fma")]
                fn wide $args {
                    $body
                }
                // SAFETY: the CPU has AVX2 and FMA (checked above).
                return unsafe { wide($($call),*) };
            }
        }
        fn plain $args {
            $body
        }
        plain($($call),*)
    }};
}

macro_rules! slice1 {
    ($($name:ident = $f:ident;)*) => {$(
        #[doc = concat!("[`", stringify!($f), "`] over a slice (`out[i] = ", stringify!($f), "(a[i])`).")]
        pub fn $name(a: &[f64], out: &mut [f64]) {
            assert_eq!(a.len(), out.len());
            dispatch!((a: &[f64], out: &mut [f64]), (a, out), {
                for (o, &x) in out.iter_mut().zip(a) {
                    *o = $f(x);
                }
            })
        }
    )*};
}

macro_rules! slice2 {
    ($($name:ident = $f:ident;)*) => {$(
        #[doc = concat!("[`", stringify!($f), "`] over two slices (`out[i] = ", stringify!($f), "(a[i], b[i])`).")]
        pub fn $name(a: &[f64], b: &[f64], out: &mut [f64]) {
            assert!(a.len() == out.len() && b.len() == out.len());
            dispatch!((a: &[f64], b: &[f64], out: &mut [f64]), (a, b, out), {
                for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
                    *o = $f(x, y);
                }
            })
        }
    )*};
}

macro_rules! slice_trig {
    ($($name:ident = $f:ident;)*) => {$(
        #[doc = concat!("[`", stringify!($f), "`] over a slice in SLEEF's 4-lane groups counted from `a[0]` \
            (a partial last group acts as if padded with zeros, like `Vectorized::loadu`).")]
        pub fn $name(a: &[f64], out: &mut [f64]) {
            assert_eq!(a.len(), out.len());
            dispatch!((a: &[f64], out: &mut [f64]), (a, out), {
                for (os, xs) in out.chunks_mut(4).zip(a.chunks(4)) {
                    // one loop per reduction path, so that each is branch-free over its lanes
                    match group_path(xs) {
                        0 => os.iter_mut().zip(xs).for_each(|(o, &x)| *o = $f(x, 0)),
                        1 => os.iter_mut().zip(xs).for_each(|(o, &x)| *o = $f(x, 1)),
                        _ => os.iter_mut().zip(xs).for_each(|(o, &x)| *o = $f(x, 2)),
                    }
                }
            })
        }
    )*};
}

slice1! {
    exp_slice = exp;
    exp2_slice = exp2;
    expm1_slice = expm1;
    log_slice = log;
    log2_slice = log2;
    log10_slice = log10;
    log1p_slice = log1p;
    sinh_slice = sinh;
    cosh_slice = cosh;
    tanh_slice = tanh;
    atanh_slice = atanh;
    asin_slice = asin;
    acos_slice = acos;
    atan_slice = atan;
    erf_slice = erf;
    erfc_slice = erfc;
    lgamma_slice = lgamma;
    sigmoid_slice = sigmoid;
}

slice2! {
    pow_slice = pow;
    atan2_slice = atan2;
    hypot_slice = hypot;
    fmod_slice = fmod;
}

slice_trig! {
    sin_slice = sin_path;
    cos_slice = cos_path;
    tan_slice = tan_path;
}
