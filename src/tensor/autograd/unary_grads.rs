//! Gradients of the elementwise functions PyTorch differentiates by a formula of its input
//! (`asin`, `sinh`, `erf`, …), each built from recorded ops in the order PyTorch's
//! `derivatives.yaml` writes it, so float32 gradients round as PyTorch's do and
//! `create_graph=True` can differentiate them again.

use super::Grad;
use super::rules::{bin, scalar, un};
use crate::array::NdArray;
use crate::error::Res;
use crate::ir::{BinaryOp, UnaryOp};

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
        _ => Ok(super::rules::tensor(NdArray::zeros(g.data.dtype, x.data.shape()))),
    }
}
