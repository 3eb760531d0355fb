//! Gradients of the elementwise functions PyTorch differentiates by a formula of its input
//! (`asin`, `sinh`, `erf`, …), each built from recorded ops in the order PyTorch's
//! `derivatives.yaml` writes it, so float32 gradients round as PyTorch's do and
//! `create_graph=True` can differentiate them again.

use super::Grad;
use super::rules::{bin, mul_const, scalar, tensor, un, unsqueeze_axes, zeros_on};
use crate::array::NdArray;
use crate::error::Res;
use crate::ir::{BinaryOp, Op, ReduceOp, UnaryOp};
use crate::tensor::ops::{broadcast2, cast, run};

/// The autograd node name of a unary primitive with a formula here.
pub fn node_name(op: UnaryOp) -> Option<&'static str> {
    Some(match op {
        UnaryOp::Asin => "AsinBackward0",
        UnaryOp::Acos => "AcosBackward0",
        UnaryOp::Atan => "AtanBackward0",
        UnaryOp::Sinh => "SinhBackward0",
        UnaryOp::Cosh => "CoshBackward0",
        UnaryOp::Asinh => "AsinhBackward0",
        UnaryOp::Acosh => "AcoshBackward0",
        UnaryOp::Atanh => "AtanhBackward0",
        UnaryOp::Expm1 => "Expm1Backward0",
        UnaryOp::Log1p => "Log1PBackward0",
        UnaryOp::Exp2 => "Exp2Backward0",
        UnaryOp::Erf => "ErfBackward0",
        UnaryOp::Erfc => "ErfcBackward0",
        UnaryOp::Trunc => "TruncBackward0",
        _ => return None,
    })
}

/// PyTorch's `rsqrt` on the CPU: `1 / sqrt(y)`, each rounded in the tensor's dtype.
fn rsqrt(y: &Grad) -> Res<Grad> {
    bin(BinaryOp::Div, &scalar(1.0, y)?, &un(UnaryOp::Sqrt, y)?)
}

fn square(x: &Grad) -> Res<Grad> {
    bin(BinaryOp::Mul, x, x)
}

/// The input's gradient given the output's (`g`), the input `x` and the output `out`.
pub fn backward(op: UnaryOp, g: &Grad, x: &Grad, out: &Grad) -> Res<Grad> {
    let mul = |a: &Grad, b: &Grad| bin(BinaryOp::Mul, a, b);
    let add1 = |a: &Grad| bin(BinaryOp::Add, a, &scalar(1.0, a)?);
    // (-x * x + 1): asin's and acos's radicand.
    let one_minus_sq = || add1(&mul(&un(UnaryOp::Neg, x)?, x)?);
    match op {
        UnaryOp::Asin => mul(g, &rsqrt(&one_minus_sq()?)?),
        UnaryOp::Acos => mul(g, &un(UnaryOp::Neg, &rsqrt(&one_minus_sq()?)?)?),
        UnaryOp::Atan => bin(BinaryOp::Div, g, &add1(&square(x)?)?),
        UnaryOp::Sinh => mul(g, &un(UnaryOp::Cosh, x)?),
        UnaryOp::Cosh => mul(g, &un(UnaryOp::Sinh, x)?),
        UnaryOp::Asinh => mul(g, &rsqrt(&add1(&square(x)?)?)?),
        UnaryOp::Acosh => mul(g, &rsqrt(&bin(BinaryOp::Sub, &square(x)?, &scalar(1.0, x)?)?)?),
        UnaryOp::Atanh => bin(BinaryOp::Div, g, &bin(BinaryOp::Sub, &scalar(1.0, x)?, &square(x)?)?),
        UnaryOp::Expm1 => mul(g, &add1(out)?),
        UnaryOp::Log1p => bin(BinaryOp::Div, g, &add1(x)?),
        UnaryOp::Exp2 => mul(&mul(g, out)?, &scalar(std::f64::consts::LN_2, x)?),
        UnaryOp::Erf | UnaryOp::Erfc => {
            let c = if op == UnaryOp::Erf { 2.0 } else { -2.0 } / std::f64::consts::PI.sqrt();
            let e = un(UnaryOp::Exp, &un(UnaryOp::Neg, &square(x)?)?)?;
            mul(&mul(&scalar(c, x)?, &e)?, g)
        }
        _ => Ok(tensor(zeros_on(g.data().dtype, x.data().shape(), &g.data())?)),
    }
}

/// The gradient of input `i` (0 or 1) of a float primitive of two operands, as PyTorch's
/// `derivatives.yaml` writes it.
pub fn binary(op: BinaryOp, i: usize, g: &Grad, a: &Grad, b: &Grad, out: &Grad) -> Res<Grad> {
    let mul = |x: &Grad, y: &Grad| bin(BinaryOp::Mul, x, y);
    match (op, i) {
        // atan2_backward: recip = 1 / (a² + b²); (g·b·recip, g·(−a)·recip).
        (BinaryOp::Atan2, _) => {
            let sum = bin(BinaryOp::Add, &square(a)?, &square(b)?)?;
            let recip = bin(BinaryOp::Div, &scalar(1.0, &sum)?, &sum)?;
            let num = if i == 0 { b.clone() } else { un(UnaryOp::Neg, a)? };
            mul(&mul(g, &num)?, &recip)
        }
        (BinaryOp::Hypot, _) => bin(BinaryOp::Div, &mul(g, if i == 0 { a } else { b })?, out),
        // copysign_tensor_self_backward: g · (out / a), zero where a is zero.
        (BinaryOp::Copysign, 0) => {
            // The ratio is ±1 (or 0): a constant, so it need not be recorded.
            use crate::tensor::ops::{binary as raw, broadcast2, run, scalar as raw_scalar};
            let ratio = raw(BinaryOp::Div, &out.data(), &a.data())?;
            let zero = raw_scalar(0.0, ratio.dtype)?;
            let at_zero = raw(BinaryOp::Eq, &a.data(), &raw_scalar(0.0, a.data().dtype)?)?;
            let (m, r) = broadcast2(&at_zero, &ratio)?;
            let (z, _) = broadcast2(&zero, &r)?;
            let masked = run(crate::ir::Op::Where, &[&m, &z, &r])?;
            mul(g, &super::rules::tensor(masked))
        }
        (BinaryOp::Fmod, 0) => Ok(g.clone()),
        // −g · trunc(a / b)
        (BinaryOp::Fmod, _) => mul(&un(UnaryOp::Neg, g)?, &un(UnaryOp::Trunc, &bin(BinaryOp::Div, a, b)?)?),
        _ => Ok(tensor(zeros_on(g.data().dtype, b.data().shape(), &g.data())?)),
    }
}

/// PyTorch's `norm_backward` for p other than 2: `sgn(x)·|x|^(p-1) · (g / norm^(p-1))`
/// (zero where x or the norm is zero, for p < 1 and p > 1), `sgn(x)·g` for p = 1, the
/// gradient shared among the largest magnitudes for p = ±inf, zero for p = 0.
pub(super) fn norm_p_backward(
    g: &Grad,
    input: &NdArray,
    norm: &NdArray,
    p: f64,
    axes: &[usize],
    keepdim: bool,
) -> Res<Grad> {
    let d = input.dtype;
    let c = |x: f64| crate::tensor::ops::scalar(x, d);
    let gk = unsqueeze_axes(g, axes, keepdim)?;
    let arr = |op: BinaryOp, x: &NdArray, y: &NdArray| -> Res<NdArray> {
        let (x, y) = broadcast2(x, y)?;
        run(Op::Binary(op), &[&x, &y])
    };
    let sgn = run(Op::exact(UnaryOp::Sign), &[input])?;
    let abs = run(Op::exact(UnaryOp::Abs), &[input])?;
    if p == 0.0 {
        return Ok(tensor(zeros_on(d, input.shape(), input)?));
    }
    if p == 1.0 {
        return bin(BinaryOp::Mul, &tensor(sgn), &gk);
    }
    if p.is_infinite() {
        let nan = run(Op::Binary(BinaryOp::Ne), &[&abs, &abs])?;
        let mask = arr(BinaryOp::Or, &arr(BinaryOp::Eq, &abs, norm)?, &nan)?;
        let mask = cast(&mask, d)?;
        let count = run(
            Op::Reduce {
                op: ReduceOp::Sum,
                axes: axes.to_vec(),
                keepdim: true,
            },
            &[&mask],
        )?;
        let share = bin(BinaryOp::Mul, &bin(BinaryOp::Div, &gk, &tensor(count))?, &tensor(mask))?;
        return bin(BinaryOp::Mul, &tensor(sgn), &share);
    }
    let zero = c(0.0)?;
    let mut scaled = arr(BinaryOp::Mul, &sgn, &arr(BinaryOp::Pow, &abs, &c(p - 1.0)?)?)?;
    if p < 1.0 {
        let keep = cast(&arr(BinaryOp::Ne, input, &zero)?, d)?;
        scaled = arr(BinaryOp::Mul, &scaled, &keep)?;
    }
    let mut scale = bin(BinaryOp::Div, &gk, &tensor(arr(BinaryOp::Pow, norm, &c(p - 1.0)?)?))?;
    let nonzero = cast(&arr(BinaryOp::Ne, norm, &zero)?, d)?;
    scale = bin(BinaryOp::Mul, &scale, &tensor(nonzero))?;
    bin(BinaryOp::Mul, &tensor(scaled), &scale)
}

/// ReluBackward0: threshold_backward(g, y, 0), `g` where the output `y` > 0, else exactly 0
/// (NaN gradients included): PyTorch's kernel, or with `create_graph` g times y's mask.
pub(super) fn relu_backward(g: &Grad, y: &NdArray, graph: bool) -> Res<Grad> {
    let kernel = !graph
        && crate::realise::kernels::applies(&g.data())
        && g.data().dtype == y.dtype
        && g.data().shape() == y.shape();
    if kernel {
        let gi = crate::realise::kernels::backward(&g.data(), y, crate::realise::kernels::Act::Relu)
            .map_err(crate::tensor::ops::internal)?;
        return Ok(tensor(gi));
    }
    let (p, q) = broadcast2(y, &crate::tensor::ops::scalar(0.0, y.dtype)?)?;
    let positive = run(Op::Binary(BinaryOp::Gt), &[&p, &q])?;
    let mask = run(Op::Cast(y.dtype), &[&positive])?;
    mul_const(g, &mask)
}
