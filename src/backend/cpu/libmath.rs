//! Which algorithm computes a transcendental function for each library, float32 and
//! float64, bit for bit where the library's algorithm is known:
//!
//! * NumPy (its AVX2 "X86_V3" loops; the reference outputs are generated with AVX-512
//!   dispatch disabled): float32 `sin cos exp log tanh` and float64 `tanh` are NumPy's own
//!   SIMD kernels (`npymath`), everything else glibc (looked up in libm.so.6: Rust's
//!   `cbrt`, `asinh`, `acosh`, `atanh` are not glibc's).
//! * PyTorch (pip build): `log1p`, `expm1` are SLEEF's; float32 `sinh cosh asinh acosh` and
//!   float64 `asinh acosh` glibc's. `exp log sin cos tan tanh asin acos atan erf erfc sqrt`
//!   are Intel MKL's, whose algorithms are not public: nt rounds those correctly (the
//!   caller's default), which agrees with MKL on all but 1-5% of elements. `exp2`,
//!   `atanh` (and `sigmoid`) depend on the element's place in PyTorch's loops and are
//!   computed on whole tensors (`realise::kernels`).

use super::{npymath as np, sleef};
use crate::ir::{MathLib, UnaryOp};

fn each<T: Copy>(a: &[T], out: &mut [T], f: fn(T) -> T) -> bool {
    out.iter_mut().zip(a).for_each(|(o, &x)| *o = f(x));
    true
}

/// `op a` on float32 as `math`'s library computes it; false where nt's default applies.
pub fn f32_unary(op: UnaryOp, math: MathLib, a: &[f32], out: &mut [f32]) -> bool {
    use UnaryOp as U;
    match math {
        MathLib::Numpy => match op {
            U::Sin => np::sin_f32_slice(a, out),
            U::Cos => np::cos_f32_slice(a, out),
            U::Exp => np::exp_f32_slice(a, out),
            U::Log => np::log_f32_slice(a, out),
            U::Tanh => np::tanh_f32_slice(a, out),
            U::Tan => return each(a, out, np::tan_f32),
            U::Asin => return each(a, out, np::arcsin_f32),
            U::Acos => return each(a, out, np::arccos_f32),
            U::Atan => return each(a, out, np::arctan_f32),
            U::Sinh => return each(a, out, np::sinh_f32),
            U::Cosh => return each(a, out, np::cosh_f32),
            U::Asinh => return each(a, out, np::arcsinh_f32),
            U::Acosh => return each(a, out, np::arccosh_f32),
            U::Atanh => return each(a, out, np::arctanh_f32),
            U::Exp2 => return each(a, out, np::exp2_f32),
            U::Expm1 => return each(a, out, np::expm1_f32),
            U::Log2 => return each(a, out, np::log2_f32),
            U::Log10 => return each(a, out, np::log10_f32),
            U::Log1p => return each(a, out, np::log1p_f32),
            U::Cbrt => return each(a, out, np::cbrt_f32),
            _ => return false,
        },
        MathLib::Torch => match op {
            U::Log1p => sleef::f32::log1p_slice(a, out),
            U::Expm1 => sleef::f32::expm1_slice(a, out),
            U::Sinh => return each(a, out, np::sinh_f32),
            U::Cosh => return each(a, out, np::cosh_f32),
            U::Asinh => return each(a, out, np::arcsinh_f32),
            U::Acosh => return each(a, out, np::arccosh_f32),
            _ => return false,
        },
    }
    true
}

/// `op a` on float64 as `math`'s library computes it; false where nt's default applies.
pub fn f64_unary(op: UnaryOp, math: MathLib, a: &[f64], out: &mut [f64]) -> bool {
    use UnaryOp as U;
    match math {
        MathLib::Numpy => match op {
            U::Tanh => np::tanh_f64_slice(a, out),
            U::Sin => return each(a, out, np::sin_f64),
            U::Cos => return each(a, out, np::cos_f64),
            U::Exp => return each(a, out, np::exp_f64),
            U::Log => return each(a, out, np::log_f64),
            U::Tan => return each(a, out, np::tan_f64),
            U::Asin => return each(a, out, np::arcsin_f64),
            U::Acos => return each(a, out, np::arccos_f64),
            U::Atan => return each(a, out, np::arctan_f64),
            U::Sinh => return each(a, out, np::sinh_f64),
            U::Cosh => return each(a, out, np::cosh_f64),
            U::Asinh => return each(a, out, np::arcsinh_f64),
            U::Acosh => return each(a, out, np::arccosh_f64),
            U::Atanh => return each(a, out, np::arctanh_f64),
            U::Exp2 => return each(a, out, np::exp2_f64),
            U::Expm1 => return each(a, out, np::expm1_f64),
            U::Log2 => return each(a, out, np::log2_f64),
            U::Log10 => return each(a, out, np::log10_f64),
            U::Log1p => return each(a, out, np::log1p_f64),
            U::Cbrt => return each(a, out, np::cbrt_f64),
            _ => return false,
        },
        MathLib::Torch => match op {
            U::Log1p => sleef::f64::log1p_slice(a, out),
            U::Expm1 => sleef::f64::expm1_slice(a, out),
            U::Asinh => return each(a, out, np::arcsinh_f64),
            U::Acosh => return each(a, out, np::arccosh_f64),
            _ => return false,
        },
    }
    true
}
