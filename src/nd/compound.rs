//! Tensor methods that are a few ops together, as PyTorch writes them:
//! `add(other, alpha=)`, `lerp(end, weight)`, `addcmul(t1, t2, value=)`,
//! `addcdiv(t1, t2, value=)` (their `_` variants write the result in place).

use super::{as_nd, create, internal};
use crate::error::{Res, type_error};
use crate::interp::builtins::kwarg;
use crate::interp::ops::binary;
use crate::ir::Op;
use crate::syntax::ast::BinOp;
use crate::tensor::Tensor;
use crate::value::{Args, Value};
use std::rc::Rc;

fn arg(args: &mut Args, i: usize, name: &str, m: &str) -> Res<Value> {
    kwarg(args, name)
        .or_else(|| args.pos.get(i).cloned())
        .ok_or_else(|| type_error(format!("{m}() missing required argument '{name}'")))
}

/// `other` and `alpha` of `add`/`sub`.
pub fn other_alpha(args: &mut Args, m: &str) -> Res<(Value, Option<Value>)> {
    let other = arg(args, 0, "other", m)?;
    Ok((other, kwarg(args, "alpha")))
}

/// `x * y + z` rounded once where the composite result is a float tensor, as PyTorch's
/// CPU kernels compute `add(alpha=)`, `addcmul` and `lerp` (a fused multiply-add): the
/// value is replaced, the composite's history (and so its gradients) kept.
pub fn fused(composite: Value, x: &Value, y: &Value, z: &Value) -> Res<Value> {
    let Value::Tensor(t) = &composite else {
        return Ok(composite);
    };
    let d = t.data().dtype;
    if !d.is_float() {
        return Ok(composite);
    }
    let shape = t.data().shape().to_vec();
    let prep = |v: &Value| -> Res<crate::array::NdArray> {
        let a = match as_nd(v) {
            Some((_, a)) => super::ops::cast(a, d)?,
            None => create::scalar(v, d)?,
        };
        let l = a.layout.broadcast_to(&shape).ok_or_else(|| internal("fma broadcast"))?;
        Ok(a.view(l))
    };
    let data = super::ops::run(Op::Fma, &[&prep(x)?, &prep(y)?, &prep(z)?])?;
    let out = Tensor::new(data);
    out.requires_grad.set(t.requires_grad.get());
    *out.grad_fn.borrow_mut() = t.grad_fn();
    Ok(Value::Tensor(Rc::new(out)))
}

/// `v + alpha * other` (`sub`: `- alpha`), fused as PyTorch computes it.
pub fn add_scaled(v: &Value, other: &Value, alpha: &Value, sub: bool) -> Res<Value> {
    let scaled = binary(BinOp::Mul, other, alpha)?;
    let composite = binary(if sub { BinOp::Sub } else { BinOp::Add }, v, &scaled)?;
    let a = if sub {
        crate::interp::ops::unary(crate::syntax::ast::UnOp::Neg, alpha)?
    } else {
        alpha.clone()
    };
    fused(composite, other, &a, v)
}

/// The out-of-place result of `lerp`, `addcmul` and `addcdiv`.
pub fn call(v: &Value, m: &str, mut args: Args) -> Res<Value> {
    match m {
        "lerp" => {
            let end = arg(&mut args, 0, "end", m)?;
            let w = arg(&mut args, 1, "weight", m)?;
            // PyTorch's lerp: self + w (end - self) for |w| < 0.5, else end - (end - self)(1 - w).
            let diff = binary(BinOp::Sub, &end, v)?;
            match w.as_f64() {
                Some(x) if x.abs() >= 0.5 => {
                    let rest = binary(BinOp::Mul, &diff, &Value::Float(1.0 - x))?;
                    let composite = binary(BinOp::Sub, &end, &rest)?;
                    let neg = crate::interp::ops::unary(crate::syntax::ast::UnOp::Neg, &diff)?;
                    fused(composite, &neg, &Value::Float(1.0 - x), &end)
                }
                Some(_) => {
                    let composite = binary(BinOp::Add, v, &binary(BinOp::Mul, &w, &diff)?)?;
                    fused(composite, &w, &diff, v)
                }
                None => binary(BinOp::Add, v, &binary(BinOp::Mul, &w, &diff)?),
            }
        }
        _ => {
            let t1 = arg(&mut args, 0, "tensor1", m)?;
            let t2 = arg(&mut args, 1, "tensor2", m)?;
            let value = kwarg(&mut args, "value").or_else(|| args.pos.get(2).cloned());
            let op = if m == "addcmul" { BinOp::Mul } else { BinOp::Div };
            let first = match &value {
                Some(s) => binary(BinOp::Mul, s, &t1)?,
                None => t1.clone(),
            };
            let composite = binary(BinOp::Add, v, &binary(op, &first, &t2)?)?;
            // addcmul is fma(value·t1, t2, self); addcdiv rounds the quotient first.
            if m == "addcmul" {
                return fused(composite, &first, &t2, v);
            }
            Ok(composite)
        }
    }
}
