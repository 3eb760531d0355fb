//! Elementwise functions of two arrays that are not Python operators: `arctan2`, `hypot`,
//! `copysign`, `fmod` (both libraries, with PyTorch's gradients), and the comparisons as
//! functions and methods (`np.greater`, `torch.eq`, `t.lt(x)`).

use super::funcs::{float_result, pair};
use super::ops::{cast, run};
use super::{as_nd, result};
use crate::error::{Res, type_error};
use crate::interp::Interp;
use crate::interp::builtins::kwarg;
use crate::ir::{BinaryOp, Op};
use crate::syntax::ast::CmpOp;
use crate::value::{Args, Lib, Value};

/// The primitive a float function names, in either library.
pub fn op_named(name: &str) -> Option<BinaryOp> {
    Some(match name {
        "arctan2" | "atan2" => BinaryOp::Atan2,
        "hypot" => BinaryOp::Hypot,
        "copysign" => BinaryOp::Copysign,
        "fmod" => BinaryOp::Fmod,
        _ => return None,
    })
}

/// The comparison a function or method names: NumPy's `greater`, PyTorch's `gt`/`greater`.
pub fn comparison_named(name: &str) -> Option<CmpOp> {
    Some(match name {
        "equal" | "eq" => CmpOp::Eq,
        "not_equal" | "ne" => CmpOp::Ne,
        "less" | "lt" => CmpOp::Lt,
        "less_equal" | "le" => CmpOp::Le,
        "greater" | "gt" => CmpOp::Gt,
        "greater_equal" | "ge" => CmpOp::Ge,
        _ => return None,
    })
}

fn two(args: &Args, name: &str) -> Res<(Value, Value)> {
    match (args.pos.first(), args.pos.get(1)) {
        (Some(a), Some(b)) => Ok((a.clone(), b.clone())),
        _ => Err(type_error(format!("{name}() missing required argument"))),
    }
}

/// `np.arctan2(y, x)`, `torch.hypot(a, b)`, `t.fmod(d)`… and the comparisons.
pub fn call(interp: &mut Interp, lib: Lib, name: &str, args: Args) -> Res<Value> {
    call_as(interp, lib, name, args, false)
}

/// `call` for a method (`t.atan2(o)`): PyTorch counts `other`'s position from the method's.
pub fn call_as(interp: &mut Interp, lib: Lib, name: &str, mut args: Args, method: bool) -> Res<Value> {
    let out = kwarg(&mut args, "out");
    if lib == Lib::Torch {
        for (k, alias) in [("other", 1), ("input", 0)] {
            if let Some(v) = kwarg(&mut args, k) {
                args.pos.insert(alias.min(args.pos.len()), v);
            }
        }
    }
    let (a, b) = two(&args, name)?;
    if lib == Lib::Torch {
        let must = |v: &Value, what: &str, pos: usize| match v {
            Value::Tensor(_) => Ok(()),
            _ => Err(type_error(format!(
                "{name}(): argument '{what}' (position {pos}) must be Tensor, not {}",
                v.type_name()
            ))),
        };
        must(&a, "input", 1)?;
        if matches!(op_named(name), Some(BinaryOp::Atan2 | BinaryOp::Hypot)) {
            must(&b, "other", if method { 1 } else { 2 })?;
        }
    }
    let r = match (op_named(name), comparison_named(name)) {
        (Some(op), _) => float2(lib, op, &a, &b)?,
        (None, Some(cmp)) => {
            let a = match as_nd(&a) {
                Some(_) => a,
                None => super::wrap(lib, super::create::from_data(lib, &a, None)?),
            };
            crate::interp::ops::compare_value(interp, cmp, &a, &b)?
        }
        _ => return Err(super::internal(format!("unknown elementwise function {name}"))),
    };
    match out {
        None | Some(Value::None) => Ok(r),
        Some(target) => super::module::write_out(lib, target, r),
    }
}

/// One of the float primitives on a promoted, broadcast pair; integers become the
/// library's float (`fmod` keeps them), and tensors record PyTorch's gradient.
pub fn float2(lib: Lib, op: BinaryOp, a: &Value, b: &Value) -> Res<Value> {
    let (x, y) = match (as_nd(a), as_nd(b)) {
        (None, None) => pair(lib, &super::wrap(lib, super::create::from_data(lib, a, None)?), b)?,
        _ => pair(lib, a, b)?,
    };
    let d = if op == BinaryOp::Fmod && x.dtype != crate::array::dtype::DType::Bool {
        x.dtype
    } else {
        float_result(lib, x.dtype)
    };
    let (x, y) = (cast(&x, d)?, cast(&y, d)?);
    let r = result(lib, run(Op::Binary(op), &[&x, &y])?);
    if lib == Lib::Torch {
        return super::record::formula2(op, r, a, b);
    }
    Ok(r)
}
