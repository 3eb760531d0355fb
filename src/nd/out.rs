//! NumPy's `out=`: a function computes its result as usual, which is then written into
//! the given array with the library's checks, and the call returns that array itself.
//! Ufuncs (and `clip`) broadcast into `out` and cast under the `same_kind` rule;
//! reductions and other functions need `out`'s exact shape and cast unsafely.

use super::as_nd;
use super::registry::{Binder, registry};
use crate::array::dtype::DType;
use crate::error::{Res, exc, type_error};
use crate::interp::builtins::kwarg;
use crate::value::{Args, Lib, Value};

#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    Elementwise,
    Whole,
}

/// Takes a given `out=` (positional ones were moved to the keyword by the binder) from a
/// NumPy call whose registry row honours it.
pub fn take(form: &str, name: &str, args: &mut Args) -> Res<Option<(Value, Kind)>> {
    let Some(e) = registry().get(form, name) else {
        return Ok(None);
    };
    if e.reads("out").is_none() {
        return Ok(None);
    }
    let out = match kwarg(args, "out") {
        None | Some(Value::None) => return Ok(None),
        Some(Value::Tuple(t)) if t.len() == 1 => t[0].clone(),
        Some(v) => v,
    };
    if !matches!(out, Value::Array(_)) {
        return Err(type_error("return arrays must be of ArrayType"));
    }
    let kind = if e.binder == Binder::Ufunc || name == "clip" {
        Kind::Elementwise
    } else {
        Kind::Whole
    };
    Ok(Some((out, kind)))
}

fn kind_rank(d: DType) -> u8 {
    match d {
        DType::Bool => 0,
        DType::U8 | DType::U16 | DType::U32 | DType::U64 => 1,
        _ if d.is_float() => 3,
        _ => 2,
    }
}

/// NumPy's `same_kind` casting: within a kind, or up the kinds bool < int < float
/// (unsigned to signed only when the signed type is wider).
fn same_kind(from: DType, to: DType) -> bool {
    let (f, t) = (kind_rank(from), kind_rank(to));
    f == t || f == 0 || (f == 1 && t == 2 && to.itemsize() > from.itemsize()) || (f <= 2 && t == 3)
}

/// The name NumPy's messages give the function's ufunc.
fn ufunc_name(name: &str) -> &str {
    match name {
        "abs" => "absolute",
        "sum" => "add",
        "prod" => "multiply",
        "max" | "amax" => "maximum",
        "min" | "amin" => "minimum",
        "all" => "logical_and",
        "any" => "logical_or",
        "pow" => "power",
        other => other,
    }
}

/// Writes `result` into `out` and returns `out`. `inputs` are the call's positional
/// arguments, for NumPy's broadcasting message.
pub fn write(name: &str, kind: Kind, result: Value, out: Value, inputs: &[Value]) -> Res<Value> {
    let Value::Array(dst) = &out else {
        return Err(type_error("return arrays must be of ArrayType"));
    };
    let src = match as_nd(&result) {
        Some((_, a)) => a.clone(),
        None => super::create::from_data(Lib::Numpy, &result, None)?,
    };
    let shape_str = |s: &[usize]| super::ops::shape_str(Lib::Numpy, s);
    match kind {
        Kind::Elementwise => {
            if !same_kind(src.dtype, dst.dtype) {
                return Err(exc(
                    "numpy._core._exceptions._UFuncOutputCastingError",
                    format!(
                        "Cannot cast ufunc '{}' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
                        ufunc_name(name),
                        src.dtype.numpy_name(),
                        dst.dtype.numpy_name()
                    ),
                ));
            }
            if crate::array::layout::broadcast_shapes(src.shape(), dst.shape()).is_err() {
                let mut shapes: Vec<String> = inputs
                    .iter()
                    .map(|v| as_nd(v).map_or("()".to_string(), |(_, a)| shape_str(a.shape())))
                    .collect();
                shapes.push(shape_str(dst.shape()));
                return Err(exc(
                    "ValueError",
                    format!(
                        "operands could not be broadcast together with shapes {} ",
                        shapes.join(" ")
                    ),
                ));
            }
        }
        Kind::Whole => {
            if src.ndim() != dst.ndim()
                && matches!(name, "sum" | "prod" | "max" | "min" | "amax" | "amin" | "all" | "any")
            {
                return Err(exc(
                    "ValueError",
                    format!(
                        "output parameter for reduction operation {} has the wrong number of dimensions: Found {} but expected {}",
                        ufunc_name(name),
                        dst.ndim(),
                        src.ndim()
                    ),
                ));
            }
            if src.shape() != dst.shape() {
                return Err(exc(
                    "ValueError",
                    format!(
                        "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                        shape_str(dst.shape()),
                        shape_str(src.shape())
                    ),
                ));
            }
        }
    }
    super::ops::write_into(Lib::Numpy, dst, &src)?;
    Ok(out)
}
