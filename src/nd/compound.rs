//! Tensor methods that are a few ops together, as PyTorch writes them:
//! `add(other, alpha=)`, `lerp(end, weight)`, `addcmul(t1, t2, value=)`,
//! `addcdiv(t1, t2, value=)` (their `_` variants write the result in place).

use crate::error::{Res, type_error};
use crate::interp::builtins::kwarg;
use crate::interp::ops::binary;
use crate::syntax::ast::BinOp;
use crate::value::{Args, Value};

fn arg(args: &mut Args, i: usize, name: &str, m: &str) -> Res<Value> {
    kwarg(args, name)
        .or_else(|| args.pos.get(i).cloned())
        .ok_or_else(|| type_error(format!("{m}() missing required argument '{name}'")))
}

/// `other * alpha` for `add`/`sub` with `alpha=`.
pub fn scaled_other(args: &mut Args, m: &str) -> Res<Value> {
    let other = arg(args, 0, "other", m)?;
    match kwarg(args, "alpha") {
        Some(alpha) => binary(BinOp::Mul, &other, &alpha),
        None => Ok(other),
    }
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
                    binary(BinOp::Sub, &end, &rest)
                }
                _ => binary(BinOp::Add, v, &binary(BinOp::Mul, &w, &diff)?),
            }
        }
        _ => {
            let t1 = arg(&mut args, 0, "tensor1", m)?;
            let t2 = arg(&mut args, 1, "tensor2", m)?;
            let value = kwarg(&mut args, "value").or_else(|| args.pos.get(2).cloned());
            let op = if m == "addcmul" { BinOp::Mul } else { BinOp::Div };
            let prod = match value {
                Some(s) => binary(op, &binary(BinOp::Mul, &s, &t1)?, &t2)?,
                None => binary(op, &t1, &t2)?,
            };
            binary(BinOp::Add, v, &prod)
        }
    }
}
