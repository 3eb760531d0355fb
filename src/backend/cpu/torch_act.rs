//! PyTorch's CPU activation kernels, float32 and float64, bit for bit: the forward and
//! backward kernels of sigmoid, silu, softplus, elu/celu/selu, mish, logsigmoid, gelu
//! (tanh and erf), hardswish, hardsigmoid, relu, the backward of tanh, and the unary
//! exp2, atanh, log1p, expm1, as torch 2.15 (pip, `ATEN_CPU_CAPABILITY=avx2`) computes them.
//! Checked against torch on 60 million elements (all dtypes, layouts and sizes below): 0
//! differences but NaN payloads (the sign and payload of a NaN may differ; it prints as nan).
//!
//! # How torch runs an elementwise kernel (`cpu_kernel_vec`, `native/cpu/Loops.h`)
//!
//! TensorIterator orders the dimensions by the operands' strides, coalesces the ones it can,
//! and walks the result as *rows* of `row_len` elements. `TensorIterator::for_each` splits
//! the linear index range `0..numel` over threads ([`thread_chunks_grain`]: serial when
//! `numel < grain`, else `min(threads, ceil(numel / grain))` chunks of `ceil(numel / tasks)`),
//! and each chunk is cut at row boundaries into *inner loops* ([`row_loops`]). An inner loop
//! whose operands all have unit inner stride runs `vectorized_loop`: whole blocks of `2 * W`
//! elements from the loop's start (`W` = 8 floats or 4 doubles) through the vector lambda,
//! the leftover tail through the scalar lambda. An inner loop with another inner stride runs
//! `basic_loop`: every element through the scalar lambda. One operand of stride 0 (a
//! broadcast scalar) still takes `vectorized_loop`, with that value broadcast.
//!
//! The two lambdas differ: the vector one calls SLEEF (`Vectorized<T>::exp()` ...; float
//! `erf` is torch's own Abramowitz-Stegun 7.1.26 polynomial with SLEEF's exp), the scalar one
//! glibc on `T` (`std::exp(float)` is `expf`), and GCC contracts some products into the
//! following add differently in each. [`run_f32`] is one vectorized inner loop,
//! [`run_strided_f32`] one `basic_loop`; [`forward_f32`] runs a whole tensor.
//!
//! Grain: `GRAIN` (32768) everywhere but GELU's forward, which passes `numel / threads` when
//! `numel > 16384` ([`Act::grain`]). log_sigmoid's forward runs its own loop over
//! `input.contiguous()` (all SLEEF: W-blocks and a zero-padded last vector), log1p and expm1
//! go through `vec::map` (all SLEEF, strided inputs copied to buffers): for these three
//! every element is the vector formula, whatever the layout.
//!
//! # Layouts (each verified against torch, forward and autograd backward)
//! * contiguous, any shape: one row of `numel`.
//! * a permuted dense tensor (`x.t()`): the output gets the input's strides and the walk is
//!   in memory order: like a contiguous tensor over the storage order.
//! * rows that cannot be coalesced: `x[:, :k]` of an `(R, C)` tensor (`R` rows of `k`),
//!   `x[::2]` of a 2-D tensor, LSTM's in-place `gates.chunk(4, 1)[i].sigmoid_()` (`B` rows
//!   of `H`, row stride `4H`, one op per chunk): `row_loops(rows, row_len, ..)` over the
//!   packed elements, the output contiguous; a single row (`B == 1`) is contiguous.
//! * inner stride other than 1 (`x[::2]` of a 1-D tensor, `x[:, ::2]`): all scalar.
//! * `(R, 1).expand(R, C)`: rows of `C` whose vector blocks see the broadcast value.
//! * 0-d and 1-element tensors: the scalar lambda (1 < 2W).
//! * backward: the same rules over (grad, saved): for a row-sliced input the saved input
//!   makes rows; a contiguous saved output with a contiguous grad is one row.
//!
//! # Exceptions
//! * `F.gelu(x)` (erf) on a float32 tensor that is contiguous (row-major) with 2+ elements,
//!   mkldnn enabled (the default), runs oneDNN, forward and backward: [`gelu_onednn_f32`],
//!   [`gelu_backward_onednn_f32`]. Its forward depends on the CPU (a minimax table on
//!   AVX-512 machines, Abramowitz-Stegun with oneDNN's exp on AVX2 ones: [`onednn_avx512`]);
//!   `ATEN_CPU_CAPABILITY` does not pin it (`ONEDNN_MAX_CPU_ISA` does). float64, strided
//!   and permuted tensors take the native kernel ([`Act::Gelu`]).
//! * tanh's forward (and so tanhshrink) is MKL's: not here; only its backward is.
//!
//! # Formulas (`fma(a, b, c)`: rounded once; V: vector lambda, S: scalar lambda)
//! Parameters are converted to `T` first (`Scalar::to<T>()`); elu's `negcoef = alpha * scale`
//! is a `T` product, `poscoef = scale`, `negiptcoef = input_scale`.
//! * sigmoid: V `1 / (1 + exp(0 - x))`, S `1 / (1 + exp(-x))`; silu `x / (1 + exp(-x))`;
//!   mish `x * tanh(log1p(exp(x)))`; softplus `x*beta > threshold ? x : log1p(exp(x*beta)) / beta`.
//! * elu: V `x >= 0 ? x*poscoef : expm1(x*negiptcoef) * negcoef`, S `x < 0 ? (same) : x*poscoef`.
//! * logsigmoid: `minimum(x, 0) - log1p(exp(-|x|))`, all SLEEF; relu `x < 0 ? 0 : x`.
//! * gelu tanh: `0.5 * x * (1 + tanh(b * fma(k, x*x*x, x)))`, `b = T(sqrt2 * (2/sqrtpi) * 0.5)`,
//!   `k = T(0.044715)`; gelu erf: `x * 0.5 * (1 + erf(x * T(1/sqrt2)))`.
//! * hardswish `x * min(max(x + 3, 0), 6) / 6`; hardsigmoid `min(max(x + 3, 0), 6) / 6`.
//! * exp2, atanh: V SLEEF, S glibc; log1p, expm1: SLEEF.
//!
//! Backward, `g` the incoming gradient (saved tensor: see [`Act`]):
//! * sigmoid `g * (1 - y) * y`; tanh `g * fma(-y, y, 1)`; relu `y <= 0 ? 0 : g`.
//! * silu: `s = 1 / (1 + exp(-x))`, `g * s * fma(x, 1 - s, 1)`.
//! * softplus: `z = exp(x*beta)`, `x*beta > threshold ? g : g * z / (z + 1)`.
//! * elu: V `x > 0 ? g*poscoef : g*negiptcoef*negcoef*exp(x*negiptcoef)`, S `x <= 0 ? (that) :
//!   g*poscoef` (a NaN `x` gives NaN in V, `g*poscoef` in S); from the output:
//!   `g*negiptcoef*(y + negcoef)` on the negative side.
//! * mish: `s` as silu, `t = tanh(log1p(exp(x)))`, `g * fma(x*s, fma(-t, t, 1), t)`.
//! * logsigmoid: `b = exp(-|x|)` (SLEEF, the forward's buffer),
//!   `(x < 0 ? 1 - b/(1+b) : 0 + b/(1+b)) * g`.
//! * gelu tanh: `t = tanh(b * fma(k, x2*x, x))` with `x2 = x*x`,
//!   `g * (0.5*(1 + t) + (0.5*x) * fma(-t, t, 1) * (b * fma(T(3)*k, x2, 1)))`.
//! * gelu erf: `cdf = 0.5 * (1 + erf(x*a))`, `pdf = T(2/sqrtpi * 1/sqrt2 * 0.5) * exp(x*x*(-0.5))`;
//!   V `g * fma(x, pdf, cdf)`, S `g * (cdf + x*pdf)`.
//! * hardswish: V `x <= -3 ? 0 : x >= 3 ? g : g*(x/3 + 0.5)`, S `x <= -3 ? 0 : x < 3 ? g*(x/3
//!   + 0.5) : g` (NaN: V NaN, S `g`); hardsigmoid `-3 < x < 3 ? g * T(1f32/6f32) : 0` (float64
//!   too multiplies by the float `1/6`).
//!
//! glibc: std's `f32::exp`, `exp2`, `exp_m1`, `ln_1p`, `tanh` (and f64's) call libm's
//! `expf` ...; `atanh` and `erf` are declared here (std's `atanh` is a Rust formula).

// Constants are kept digit for digit as torch and oneDNN write them.
#![allow(clippy::excessive_precision, clippy::unreadable_literal)]

use super::sleef::{f32 as s32, f64 as s64};
use std::ops::{Add, Div, Mul, Neg, Sub};

/// An activation with its parameters as Python passes them. Backward kernels take the
/// saved *input* `x`, except `Sigmoid`, `Tanh`, `Relu` and `EluResult` (the *output* `y`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Act {
    Sigmoid,
    /// Backward only: torch's tanh forward is MKL's.
    Tanh,
    Relu,
    Silu,
    Softplus {
        beta: f64,
        threshold: f64,
    },
    /// `F.elu`, `F.celu`, `F.selu` ([`Act::elu`], [`Act::celu`], [`Act::selu`]).
    Elu {
        alpha: f64,
        scale: f64,
        input_scale: f64,
    },
    /// Elu whose backward uses the output (`elu_backward(.., is_result=True, y)`: in-place `elu_`).
    EluResult {
        alpha: f64,
        scale: f64,
        input_scale: f64,
    },
    Mish,
    LogSigmoid,
    /// `F.gelu(x, approximate='tanh')`.
    GeluTanh,
    /// `F.gelu(x)`, torch's native kernel (see the module docs for oneDNN's float32 path).
    Gelu,
    Hardswish,
    Hardsigmoid,
    /// Forward only, as are `Atanh`, `Log1p`, `Expm1`.
    Exp2,
    Atanh,
    Log1p,
    Expm1,
}

impl Act {
    pub fn elu(alpha: f64) -> Act {
        Act::Elu {
            alpha,
            scale: 1.0,
            input_scale: 1.0,
        }
    }
    /// `F.celu(x, alpha)`: `elu(x, alpha, 1, 1 / alpha)`.
    pub fn celu(alpha: f64) -> Act {
        Act::Elu {
            alpha,
            scale: 1.0,
            input_scale: 1.0 / alpha,
        }
    }
    /// celu's autograd: `elu_backward(.., input_scale = 1.0 / alpha.toFloat())`, alpha
    /// rounded to float32 first (it differs from [`Act::celu`] for float64 tensors).
    pub fn celu_backward(alpha: f64) -> Act {
        Act::Elu {
            alpha,
            scale: 1.0,
            input_scale: 1.0 / (alpha as f32 as f64),
        }
    }
    pub fn selu() -> Act {
        Act::Elu {
            alpha: 1.6732632423543772848170429916717,
            scale: 1.0507009873554804934193349852946,
            input_scale: 1.0,
        }
    }
    pub fn softplus(beta: f64, threshold: f64) -> Act {
        Act::Softplus { beta, threshold }
    }
    /// The grain the forward kernel passes to `for_each` for `n` elements.
    pub fn grain(&self, n: usize, threads: usize) -> usize {
        match self {
            Act::Gelu | Act::GeluTanh if n > 16384 => n / threads.max(1),
            _ => GRAIN,
        }
    }
    /// Kernels whose every element takes the vector formula (see the module docs).
    fn sleef_only(&self) -> bool {
        matches!(self, Act::LogSigmoid | Act::Log1p | Act::Expm1)
    }
}

// ---------------------------------------------------------------------------------------
// Element types: SLEEF for the vector lambda, glibc for the scalar one.

#[link(name = "m")]
unsafe extern "C" {
    safe fn atanhf(x: f32) -> f32;
    safe fn atanh(x: f64) -> f64;
    safe fn erff(x: f32) -> f32;
    safe fn erf(x: f64) -> f64;
}

#[derive(Clone, Copy)]
enum F {
    Exp,
    Log1p,
    Expm1,
    Tanh,
    Exp2,
    Atanh,
    Erf,
}

trait Elem:
    Copy
    + PartialOrd
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// Lanes of `Vectorized<T>` under AVX2.
    const W: usize;
    fn c(v: f64) -> Self;
    fn fma(self, b: Self, c: Self) -> Self;
    fn nan(self) -> bool;
    fn abs(self) -> Self;
    /// The vector lambda's function.
    fn sleef(self, f: F) -> Self;
    /// The scalar lambda's function.
    fn glibc(self, f: F) -> Self;
}

/// `Vectorized<float>::erf()`: Abramowitz & Stegun 7.1.26 with SLEEF's exp, in torch's order.
#[inline(always)]
fn erf_as(x: f32) -> f32 {
    let sign = x.to_bits() & 0x8000_0000;
    let t = 1.0 / 0.3275911f32.mul_add(x.abs(), 1.0);
    let mut r = 1.061405429f32;
    for c in [-1.453152027f32, 1.421413741, -0.284496736, 0.254829592] {
        r = r.mul_add(t, c);
    }
    let y = (-s32::k_exp(-(x * x)) * t).mul_add(r, 1.0);
    f32::from_bits(y.to_bits() ^ sign)
}

macro_rules! elem {
    ($t:ty, $w:expr, [$ve:path, $vl:path, $vm:path, $vt:path, $v2:path, $va:path, $vr:path],
     [$ge:path, $gl:path, $gm:path, $gt:path, $g2:path, $ga:path, $gr:path]) => {
        impl Elem for $t {
            const W: usize = $w;
            #[inline(always)]
            fn c(v: f64) -> Self {
                v as $t
            }
            #[inline(always)]
            fn fma(self, b: Self, c: Self) -> Self {
                self.mul_add(b, c)
            }
            #[inline(always)]
            fn nan(self) -> bool {
                self.is_nan()
            }
            #[inline(always)]
            fn abs(self) -> Self {
                <$t>::abs(self)
            }
            #[inline(always)]
            fn sleef(self, f: F) -> Self {
                match f {
                    F::Exp => $ve(self),
                    F::Log1p => $vl(self),
                    F::Expm1 => $vm(self),
                    F::Tanh => $vt(self),
                    F::Exp2 => $v2(self),
                    F::Atanh => $va(self),
                    F::Erf => $vr(self),
                }
            }
            #[inline(always)]
            fn glibc(self, f: F) -> Self {
                match f {
                    F::Exp => $ge(self),
                    F::Log1p => $gl(self),
                    F::Expm1 => $gm(self),
                    F::Tanh => $gt(self),
                    F::Exp2 => $g2(self),
                    F::Atanh => $ga(self),
                    F::Erf => $gr(self),
                }
            }
        }
    };
}

elem!(
    f32,
    8,
    [
        s32::k_exp,
        s32::k_log1p,
        s32::k_expm1,
        s32::k_tanh,
        s32::k_exp2,
        s32::k_atanh,
        erf_as
    ],
    [f32::exp, f32::ln_1p, f32::exp_m1, f32::tanh, f32::exp2, atanhf, erff]
);
elem!(
    f64,
    4,
    [
        s64::exp,
        s64::log1p,
        s64::expm1,
        s64::tanh,
        s64::exp2,
        s64::atanh,
        s64::erf
    ],
    [f64::exp, f64::ln_1p, f64::exp_m1, f64::tanh, f64::exp2, atanh, erf]
);

/// Runs `$body` compiled for AVX2+FMA where the CPU has them (the same results either way:
/// `mul_add` is exact everywhere, only slow without FMA).
macro_rules! dispatch {
    ([$($gen:tt)*] fn($($a:ident: $t:ty),*) $body:block) => {{
        #[inline(always)]
        fn body<$($gen)*>($($a: $t),*) $body
        #[cfg(target_arch = "x86_64")]
        {
            #[target_feature(enable = "avx2,fma")]
            fn wide<$($gen)*>($($a: $t),*) {
                body($($a),*)
            }
            if s32::has_avx2_fma() {
                // SAFETY: the CPU has AVX2 and FMA (checked just above).
                return unsafe { wide($($a),*) };
            }
        }
        body($($a),*)
    }};
}

/// `f(x)` in the vector lambda (`V`) or the scalar one.
#[inline(always)]
fn m<T: Elem, const V: bool>(f: F, x: T) -> T {
    if V { x.sleef(f) } else { x.glibc(f) }
}

/// `min(max(a, 0), 6)`: `std::min/max` and `vec::minimum/maximum` agree (NaN propagates;
/// `a` is never -0 here).
#[inline(always)]
fn relu6<T: Elem>(a: T) -> T {
    let (zero, six) = (T::c(0.0), T::c(6.0));
    if a < zero {
        zero
    } else if a > six {
        six
    } else {
        a
    }
}

/// A kernel's constants in `T`: softplus (beta, threshold), elu (negcoef, poscoef, negiptcoef).
struct P<T> {
    act: Act,
    a: T,
    b: T,
    c: T,
}

impl<T: Elem> P<T> {
    fn new(act: Act) -> Self {
        let z = T::c(0.0);
        let (a, b, c) = match act {
            Act::Softplus { beta, threshold } => (T::c(beta), T::c(threshold), z),
            Act::Elu {
                alpha,
                scale,
                input_scale,
            }
            | Act::EluResult {
                alpha,
                scale,
                input_scale,
            } => (T::c(alpha) * T::c(scale), T::c(scale), T::c(input_scale)),
            _ => (z, z, z),
        };
        P { act, a, b, c }
    }
}

const GELU_BETA: f64 = std::f64::consts::SQRT_2 * std::f64::consts::FRAC_2_SQRT_PI * 0.5;
const GELU_KAPPA: f64 = 0.044715;
const GELU_PDF: f64 = std::f64::consts::FRAC_2_SQRT_PI * std::f64::consts::FRAC_1_SQRT_2 * 0.5;

/// One element of the forward kernel.
#[inline(always)]
fn fwd<T: Elem, const V: bool>(p: &P<T>, x: T) -> T {
    let (zero, one, half) = (T::c(0.0), T::c(1.0), T::c(0.5));
    match p.act {
        Act::Sigmoid if V => one / (one + (zero - x).sleef(F::Exp)),
        Act::Sigmoid => one / (one + (-x).glibc(F::Exp)),
        Act::Tanh => panic!("torch's tanh forward is MKL's: not reproduced"),
        Act::Relu => {
            if x < zero {
                zero
            } else {
                x
            }
        }
        Act::Silu => x / (one + m::<T, V>(F::Exp, -x)),
        Act::Softplus { .. } => {
            let xb = x * p.a;
            if xb > p.b {
                x
            } else {
                m::<T, V>(F::Log1p, m::<T, V>(F::Exp, xb)) / p.a
            }
        }
        Act::Elu { .. } | Act::EluResult { .. } => {
            // V: blendv(neg, pos, x >= 0) (NaN: neg); S: x < 0 ? neg : pos (NaN: pos)
            if x < zero || (V && x.nan()) {
                m::<T, V>(F::Expm1, x * p.c) * p.a
            } else {
                x * p.b
            }
        }
        Act::Mish => x * m::<T, V>(F::Tanh, m::<T, V>(F::Log1p, m::<T, V>(F::Exp, x))),
        Act::LogSigmoid => {
            let min = if x < zero || x.nan() { x } else { zero };
            min - (-x.abs()).sleef(F::Exp).sleef(F::Log1p)
        }
        Act::GeluTanh => {
            let inner = T::c(GELU_BETA) * T::c(GELU_KAPPA).fma(x * x * x, x);
            half * x * (one + m::<T, V>(F::Tanh, inner))
        }
        Act::Gelu => x * half * (one + m::<T, V>(F::Erf, x * T::c(std::f64::consts::FRAC_1_SQRT_2))),
        Act::Hardswish => x * relu6(x + T::c(3.0)) / T::c(6.0),
        Act::Hardsigmoid => relu6(x + T::c(3.0)) / T::c(6.0),
        Act::Exp2 => m::<T, V>(F::Exp2, x),
        Act::Atanh => m::<T, V>(F::Atanh, x),
        Act::Log1p => x.sleef(F::Log1p),
        Act::Expm1 => x.sleef(F::Expm1),
    }
}

/// One element of the backward kernel: `g` the incoming gradient, `s` the saved tensor.
#[inline(always)]
fn bwd<T: Elem, const V: bool>(p: &P<T>, g: T, s: T) -> T {
    let (zero, one, half, three) = (T::c(0.0), T::c(1.0), T::c(0.5), T::c(3.0));
    match p.act {
        Act::Sigmoid => g * (one - s) * s,
        Act::Tanh => g * (-s).fma(s, one),
        Act::Relu => {
            if s <= zero {
                zero
            } else {
                g
            }
        }
        Act::Silu => {
            let sg = one / (one + m::<T, V>(F::Exp, -s));
            g * sg * s.fma(one - sg, one)
        }
        Act::Softplus { .. } => {
            let z = m::<T, V>(F::Exp, s * p.a);
            if s * p.a > p.b { g } else { g * z / (z + one) }
        }
        // V: blendv(neg, pos, s > 0) (NaN: neg); S: s <= 0 ? neg : pos (NaN: pos)
        Act::Elu { .. } if s <= zero || (V && s.nan()) => g * p.c * p.a * m::<T, V>(F::Exp, s * p.c),
        Act::EluResult { .. } if s <= zero || (V && s.nan()) => g * p.c * (s + p.a),
        Act::Elu { .. } | Act::EluResult { .. } => g * p.b,
        Act::Mish => {
            let sg = one / (one + m::<T, V>(F::Exp, -s));
            let t = m::<T, V>(F::Tanh, m::<T, V>(F::Log1p, m::<T, V>(F::Exp, s)));
            g * (s * sg).fma((-t).fma(t, one), t)
        }
        Act::LogSigmoid => {
            let b = (-s.abs()).sleef(F::Exp);
            let (max_deriv, sign) = if s < zero { (one, one) } else { (zero, -one) };
            (max_deriv - sign * (b / (one + b))) * g
        }
        Act::GeluTanh => {
            let (beta, kappa) = (T::c(GELU_BETA), T::c(GELU_KAPPA));
            let x_sq = s * s;
            let t = m::<T, V>(F::Tanh, beta * kappa.fma(x_sq * s, s));
            let inner_d = beta * (three * kappa).fma(x_sq, one);
            g * (half * (one + t) + half * s * (-t).fma(t, one) * inner_d)
        }
        Act::Gelu => {
            let cdf = half * (one + m::<T, V>(F::Erf, s * T::c(std::f64::consts::FRAC_1_SQRT_2)));
            let pdf = T::c(GELU_PDF) * m::<T, V>(F::Exp, s * s * T::c(-0.5));
            // GCC contracts `x * pdf` into the add in the vector lambda only
            if V { g * s.fma(pdf, cdf) } else { g * (cdf + s * pdf) }
        }
        Act::Hardswish => {
            if s <= -three {
                zero
            } else if s < three || (V && s.nan()) {
                g * (s / three + half)
            } else {
                g
            }
        }
        Act::Hardsigmoid => {
            if s > -three && s < three {
                g * T::c((1.0f32 / 6.0f32) as f64)
            } else {
                zero
            }
        }
        Act::Exp2 | Act::Atanh | Act::Log1p | Act::Expm1 => panic!("no backward kernel for {:?}", p.act),
    }
}

// oneDNN's eltwise_gelu_erf (float32 GELU on contiguous tensors): jit_uni_eltwise_injector.

/// `gelu_erf_minimax_pol`: the coefficients of degree 0..5 (25 each) of 25 polynomials in |x|.
const DNNL_GELU_POL: [u32; 150] = [
    0xa6f2cb94, 0x32827792, 0x3381cc0c, 0x34523d4a, 0x351ac44d, 0x35f36d88, 0x36ee8229, 0x37b8a3bb, 0x3867a213,
    0x3940033b, 0x3a2a5a1d, 0x3ae35863, 0x3b7828f2, 0x3c08b14b, 0x3c515ed3, 0xbb503236, 0xbd8d8e5e, 0xbe8abcd9,
    0xbf0c19a2, 0xbeccb328, 0x3e176ced, 0x3f470d99, 0x3f7abb28, 0x3f800000, 0x00000000, 0x3f4c422a, 0x3f4c421f,
    0x3f4c4207, 0x3f4c41cb, 0x3f4c413b, 0x3f4c3fad, 0x3f4c3a2f, 0x3f4c2d40, 0x3f4c146a, 0x3f4bc341, 0x3f4ad08c,
    0x3f48f8cf, 0x3f45fac7, 0x3f404e07, 0x3f3b980f, 0x3f48dff3, 0x3f78b21b, 0x3fbb0704, 0x40019c32, 0x3fe536d6,
    0x3f81331e, 0x3e6c8684, 0x3c98f936, 0x00000000, 0x3f800000, 0xb62173f4, 0x3735e4cf, 0x37f2ff89, 0x388c23be,
    0x3917535c, 0x39ab2ab0, 0x3a60fadb, 0x3af9b960, 0x3b6e5491, 0x3c0a4ec5, 0x3ca5aa8c, 0x3d2138d9, 0x3d8737d4,
    0x3ddfb660, 0x3e0f27ab, 0x3d94004b, 0xbe0efdeb, 0xbf1d96c3, 0xbf89db58, 0xbf6d9897, 0xbef69fb8, 0xbdc4f8a8,
    0xbbde6422, 0x00000000, 0x00000000, 0xbe081a19, 0xbe084570, 0xbe08639b, 0xbe089837, 0xbe08f409, 0xbe09ab95,
    0xbe0b66d0, 0xbe0e400a, 0xbe124df8, 0xbe1bde02, 0xbe2f19c9, 0xbe4931bf, 0xbe685fbc, 0xbe89c95f, 0xbe96cbca,
    0xbe8044aa, 0xbe0550f2, 0x3dcfd6a1, 0x3e94c826, 0x3e79345f, 0x3decec91, 0x3ca46568, 0x3aa1e00a, 0x00000000,
    0x00000000, 0xba3d61db, 0x39f097a3, 0x3a5845dc, 0x3ab1fa35, 0x3b0cefb8, 0x3b653ab6, 0x3bcae527, 0x3c221712,
    0x3c6c5840, 0x3cc0a703, 0x3d1dcc19, 0x3d63656d, 0x3d955907, 0x3dbf9910, 0x3dd53f69, 0x3db7dcef, 0x3d639ebe,
    0xba6ede48, 0xbd22be69, 0xbd041cf1, 0xbc64f5ab, 0xbb097a32, 0xb8ebf380, 0x00000000, 0x00000000, 0x3cb7d80c,
    0x3c9b6050, 0x3c978d11, 0x3c92e850, 0x3c8d058b, 0x3c848454, 0x3c6cd623, 0x3c4c824b, 0x3c2a7935, 0x3be0b390,
    0x3b0651ac, 0xbb232f53, 0xbbd42fa0, 0xbc2c5366, 0xbc492c9e, 0xbc2a7aa6, 0xbbd55d04, 0xba823a76, 0x3b102aa8,
    0x3ae25a7e, 0x3a31f792, 0x38b84375, 0x3689bb5a, 0x00000000, 0x00000000,
];

#[inline(always)]
fn fb(bits: u32) -> f32 {
    f32::from_bits(bits)
}

/// x86 `minps`/`maxps` (the second operand when unordered).
#[inline(always)]
fn minps(a: f32, b: f32) -> f32 {
    if a < b { a } else { b }
}
#[inline(always)]
fn maxps(a: f32, b: f32) -> f32 {
    if a > b { a } else { b }
}

/// oneDNN's `exp_compute_vector_fwd`.
#[inline(always)]
fn dnnl_exp(x: f32) -> f32 {
    let lo = fb(0xc2aeac50);
    let zero = x < lo;
    let x = maxps(minps(x, fb(0x42b17218)), lo);
    let fx = (x * fb(0x3fb8aa3b) + 0.5).floor();
    let r = (-fx).mul_add(fb(0x3f317218), x);
    let e = (fx - 1.0).round_ties_even() as i32; // cvtps2dq; |fx| <= 129 here
    let p2 = if zero {
        0.0
    } else {
        f32::from_bits(((e + 127) as u32) << 23)
    };
    let mut p = fb(0x3c07cfce);
    for c in [0x3d2b9d0d, 0x3e2aad40, 0x3efffee3, 0x3f7ffffb, 0x3f800000] {
        p = p.mul_add(r, fb(c));
    }
    p * p2 * 2.0
}

/// oneDNN's GELU(erf) forward: the AVX-512 minimax polynomial (`avx512` true) or
/// Abramowitz & Stegun with oneDNN's exp (AVX2).
#[inline(always)]
fn dnnl_gelu(s: f32, avx512: bool) -> f32 {
    let sign = s.to_bits() & 0x8000_0000;
    if avx512 {
        let xp = s.abs();
        let mut i = (xp.to_bits() as i32).wrapping_add(0xc21fffffu32 as i32) >> 21;
        i = i.clamp(1, 24);
        if fb(0x40b15cee) < xp {
            i = 23;
        }
        let i = i as usize;
        let mut p = fb(DNNL_GELU_POL[125 + i]);
        for d in (0..5).rev() {
            p = p.mul_add(xp, fb(DNNL_GELU_POL[25 * d + i]));
        }
        let p = f32::from_bits(p.to_bits() ^ sign) + 1.0;
        s * p * 0.5
    } else {
        let x = s * fb(0x3f3504f3);
        let t = 1.0 / fb(0x3ea7ba05).mul_add(x.abs(), 1.0);
        let q = -dnnl_exp(-(x * x)) * t;
        let e = q.mul_add(as_poly(t), 1.0);
        let e = f32::from_bits(e.to_bits() ^ sign);
        let h = s * 0.5;
        e.mul_add(h, h)
    }
}

/// The Abramowitz & Stegun polynomial in `t` (oneDNN's `gelu_erf_Abramowitz_Stegun_pol`).
#[inline(always)]
fn as_poly(t: f32) -> f32 {
    let mut r = fb(0x3f87dc22);
    for c in [0xbfba00e3, 0x3fb5f0e3, 0xbe91a98e, 0x3e827906] {
        r = r.mul_add(t, fb(c));
    }
    r
}

/// oneDNN's GELU(erf) backward (every ISA): `grad * d/dx gelu(x)`.
#[inline(always)]
fn dnnl_gelu_bwd(g: f32, s: f32) -> f32 {
    let r = s * fb(0x3f3504f3);
    let q = dnnl_exp(-(r * r));
    let t = r * fb(0x3f106eba) * q;
    let sign = r.to_bits() & 0x8000_0000;
    let w = 1.0 / fb(0x3ea7ba05).mul_add(r.abs(), 1.0);
    let e = (-q * w).mul_add(as_poly(w), 1.0);
    let e = f32::from_bits(e.to_bits() ^ sign);
    let d = e.mul_add(0.5, t + 0.5);
    d * g
}

/// Whether oneDNN takes its AVX-512 code on this CPU (`avx512_core`: F, BW, VL, DQ).
pub fn onednn_avx512() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512bw")
            && std::arch::is_x86_feature_detected!("avx512vl")
            && std::arch::is_x86_feature_detected!("avx512dq")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// `F.gelu(x)` (approximate='none') on a contiguous float32 tensor of 2+ elements: oneDNN.
pub fn gelu_onednn_f32(x: &[f32], out: &mut [f32], avx512: bool) {
    assert_eq!(x.len(), out.len(), "input and output lengths differ");
    dispatch!([] fn(x: &[f32], out: &mut [f32], avx512: bool) {
        for (o, &v) in out.iter_mut().zip(x) {
            *o = dnnl_gelu(v, avx512);
        }
    })
}

/// `gelu_backward(grad, x)` (approximate='none') for a contiguous float32 `x` of 2+ elements.
pub fn gelu_backward_onednn_f32(grad: &[f32], x: &[f32], out: &mut [f32]) {
    assert!(
        grad.len() == out.len() && x.len() == out.len(),
        "input and output lengths differ"
    );
    for ((o, &g), &v) in out.iter_mut().zip(grad).zip(x) {
        *o = dnnl_gelu_bwd(g, v);
    }
}

// ---------------------------------------------------------------------------------------
// Loops (how they are cut and shared out over threads: thread_loops.rs).

use super::thread_loops::each_loop;
pub use super::thread_loops::{GRAIN, row_loops, thread_chunks, thread_chunks_grain};

fn run<T: Elem>(act: Act, x: &[T], out: &mut [T], strided: bool) {
    assert_eq!(x.len(), out.len(), "input and output lengths differ");
    dispatch!([T: Elem] fn(act: Act, x: &[T], out: &mut [T], strided: bool) {
        let p = P::<T>::new(act);
        let n = x.len();
        let nv = match () {
            _ if act.sleef_only() => n,
            _ if strided => 0,
            _ => n / (2 * T::W) * (2 * T::W),
        };
        if act == Act::Relu {
            // The same expression in vector and scalar lambdas: one tight loop.
            let zero = T::c(0.0);
            for (o, &v) in out.iter_mut().zip(x) {
                *o = if v < zero { zero } else { v };
            }
            return;
        }
        if act == Act::Sigmoid {
            // `fwd`'s vector sigmoid in a loop of its own (no per-element dispatch: it
            // vectorises), the same expression.
            let (zero, one) = (T::c(0.0), T::c(1.0));
            for (o, &v) in out[..nv].iter_mut().zip(&x[..nv]) {
                *o = one / (one + (zero - v).sleef(F::Exp));
            }
        } else {
            for (o, &v) in out[..nv].iter_mut().zip(&x[..nv]) {
                *o = fwd::<T, true>(&p, v);
            }
        }
        for (o, &v) in out[nv..].iter_mut().zip(&x[nv..]) {
            *o = fwd::<T, false>(&p, v);
        }
    })
}

fn run_bwd<T: Elem>(act: Act, g: &[T], s: &[T], out: &mut [T], strided: bool) {
    assert!(
        g.len() == out.len() && s.len() == out.len(),
        "input and output lengths differ"
    );
    dispatch!([T: Elem] fn(act: Act, g: &[T], s: &[T], out: &mut [T], strided: bool) {
        if act == Act::Relu {
            let zero = T::c(0.0);
            for ((o, &g), &s) in out.iter_mut().zip(g).zip(s) {
                *o = if s <= zero { zero } else { g };
            }
            return;
        }
        let p = P::<T>::new(act);
        let n = out.len();
        let nv = if strided { 0 } else { n / (2 * T::W) * (2 * T::W) };
        for i in 0..nv {
            out[i] = bwd::<T, true>(&p, g[i], s[i]);
        }
        for i in nv..n {
            out[i] = bwd::<T, false>(&p, g[i], s[i]);
        }
    })
}

/// One contiguous inner loop of the forward kernel (`vectorized_loop`): `out[i] = f(x[i])`.
pub fn run_f32(kind: Act, x: &[f32], out: &mut [f32]) {
    run(kind, x, out, false)
}
/// [`run_f32`] for float64.
pub fn run_f64(kind: Act, x: &[f64], out: &mut [f64]) {
    run(kind, x, out, false)
}
/// One non-contiguous inner loop of the forward kernel (`basic_loop`), the elements packed.
pub fn run_strided_f32(kind: Act, x: &[f32], out: &mut [f32]) {
    run(kind, x, out, true)
}
/// [`run_strided_f32`] for float64.
pub fn run_strided_f64(kind: Act, x: &[f64], out: &mut [f64]) {
    run(kind, x, out, true)
}
/// One contiguous inner loop of the backward kernel; `saved` as documented on [`Act`].
pub fn run_backward_f32(kind: Act, grad: &[f32], saved: &[f32], out: &mut [f32]) {
    run_bwd(kind, grad, saved, out, false)
}
/// [`run_backward_f32`] for float64.
pub fn run_backward_f64(kind: Act, grad: &[f64], saved: &[f64], out: &mut [f64]) {
    run_bwd(kind, grad, saved, out, false)
}
/// One non-contiguous inner loop of the backward kernel (`basic_loop`), the elements packed.
pub fn run_backward_strided_f32(kind: Act, grad: &[f32], saved: &[f32], out: &mut [f32]) {
    run_bwd(kind, grad, saved, out, true)
}
/// [`run_backward_strided_f32`] for float64.
pub fn run_backward_strided_f64(kind: Act, grad: &[f64], saved: &[f64], out: &mut [f64]) {
    run_bwd(kind, grad, saved, out, true)
}

/// A whole tensor packed as rows of `row_len` contiguous elements (`row_len == x.len()` for a
/// contiguous or permuted-dense tensor): [`row_loops`] with the kernel's grain, then [`run_f32`].
pub fn forward_f32(kind: Act, x: &[f32], out: &mut [f32], row_len: usize, threads: usize) {
    let grain = kind.grain(x.len(), threads);
    each_loop(out, row_len, threads, grain, |r, o| run_f32(kind, &x[r], o));
}
/// [`forward_f32`] for float64.
pub fn forward_f64(kind: Act, x: &[f64], out: &mut [f64], row_len: usize, threads: usize) {
    let grain = kind.grain(x.len(), threads);
    each_loop(out, row_len, threads, grain, |r, o| run_f64(kind, &x[r], o));
}
/// The backward kernel over a whole tensor packed as rows of `row_len` (see [`forward_f32`]).
pub fn backward_f32(kind: Act, grad: &[f32], saved: &[f32], out: &mut [f32], row_len: usize, threads: usize) {
    each_loop(out, row_len, threads, GRAIN, |r, o| {
        run_backward_f32(kind, &grad[r.clone()], &saved[r], o)
    });
}
/// [`backward_f32`] for float64.
pub fn backward_f64(kind: Act, grad: &[f64], saved: &[f64], out: &mut [f64], row_len: usize, threads: usize) {
    each_loop(out, row_len, threads, GRAIN, |r, o| {
        run_backward_f64(kind, &grad[r.clone()], &saved[r], o)
    });
}
