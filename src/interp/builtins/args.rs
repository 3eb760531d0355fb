//! Argument checking for builtins, with CPython's messages.

use crate::error::{Res, type_error};
use crate::syntax::symbol::Sym;
use crate::value::{Args, Value};

/// Removes and returns keyword argument `name`.
pub fn kwarg(args: &mut Args, name: &str) -> Option<Value> {
    let sym = Sym::new(name);
    let i = args.kw.iter().position(|(k, _)| *k == sym)?;
    Some(args.kw.remove(i).1)
}

pub fn no_kw(args: &Args, fname: &str) -> Res<()> {
    if args.kw.is_empty() {
        Ok(())
    } else {
        Err(type_error(format!("{fname}() takes no keyword arguments")))
    }
}

pub fn arity(args: &Args, fname: &str, min: usize, max: usize) -> Res<()> {
    let n = args.pos.len();
    let s = |k: usize| if k == 1 { "argument" } else { "arguments" };
    if n < min {
        if min == max {
            return Err(type_error(format!("{fname} expected {min} {}, got {n}", s(min))));
        }
        return Err(type_error(format!(
            "{fname} expected at least {min} {}, got {n}",
            s(min)
        )));
    }
    if n > max {
        if min == max {
            return Err(type_error(format!("{fname} expected {max} {}, got {n}", s(max))));
        }
        return Err(type_error(format!(
            "{fname} expected at most {max} {}, got {n}",
            s(max)
        )));
    }
    Ok(())
}

/// An argument that must be an integer (bools count, as in Python).
pub fn int_arg(v: &Value) -> Res<i64> {
    match v {
        Value::Int(n) => Ok(*n),
        Value::Bool(b) => Ok(*b as i64),
        Value::Long(_) => Err(crate::error::exc(
            "OverflowError",
            "Python int too large to convert to C ssize_t",
        )),
        // `__index__`: integer NumPy scalars and one-element integer tensors.
        Value::NpScalar(a) if !a.dtype.is_float() => match crate::nd::item(a) {
            Value::Int(n) => Ok(n),
            Value::Bool(b) => Ok(b as i64),
            Value::Long(_) => Err(crate::error::exc(
                "OverflowError",
                "Python int too large to convert to C ssize_t",
            )),
            _ => Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ))),
        },
        Value::Array(a) if a.ndim() == 0 && !a.dtype.is_float() && a.dtype != crate::array::dtype::DType::Bool => {
            match crate::nd::item(a) {
                Value::Int(n) => Ok(n),
                _ => Err(type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    v.type_name()
                ))),
            }
        }
        Value::Tensor(t) if t.data().numel() == 1 && !t.data().dtype.is_float() => match crate::nd::item(&t.data()) {
            Value::Int(n) => Ok(n),
            Value::Bool(b) => Ok(b as i64),
            _ => Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ))),
        },
        // The libraries' own `__index__` refusals.
        Value::Array(_) => Err(type_error(
            "only integer scalar arrays can be converted to a scalar index",
        )),
        Value::Tensor(_) => Err(type_error(
            "only integer tensors of a single element can be converted to an index",
        )),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}
