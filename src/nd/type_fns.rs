//! `np.dtype`, `np.promote_types`/`torch.promote_types`, `result_type` and `torch.Size`:
//! the type functions of the `np` and `torch` module tables (`module.rs`).

use super::funcs;
use super::module::arg;
use super::shape;
use crate::array::dtype::DType;
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::value::{Args, DKind, Lib, Value};

/// The dtype an argument names or has: a dtype, a type, an array, or a Python scalar.
fn dtype_of(lib: Lib, v: &Value) -> Res<(DType, crate::array::dtype::Priority)> {
    use crate::array::dtype::Priority;
    if let Some((_, a)) = super::as_nd(v) {
        return Ok((
            a.dtype,
            if a.ndim() == 0 {
                Priority::ZeroDim
            } else {
                Priority::Dim
            },
        ));
    }
    Ok(match v {
        Value::Bool(_) => (DType::Bool, Priority::Scalar),
        Value::Int(_) => (DType::I64, Priority::Scalar),
        Value::Float(_) => (funcs::default_float(lib), Priority::Scalar),
        Value::Complex(..) => (funcs::default_float(lib).to_complex(), Priority::Scalar),
        other => match funcs::dtype_arg(other)? {
            Some(d) => (d, Priority::Dim),
            None => return Err(type_error("Cannot interpret 'None' as a data type")),
        },
    })
}

/// `np.dtype`, `promote_types`, `result_type`, `torch.Size`.
pub(super) fn types(_: &mut Interp, lib: Lib, name: &'static str, args: Args) -> Res<Value> {
    use crate::array::dtype::{Weak, numpy_promote, numpy_with_weak, torch_promote, torch_result_type};
    let value = |d: DType| funcs::dtype_value(lib, d);
    match name {
        "dtype" => {
            let d = funcs::dtype_arg(&arg(&args, 0, name)?)?.unwrap_or(DType::F64);
            Ok(Value::DType(d, DKind::NpDType))
        }
        "promote_types" => {
            let (a, b) = (
                dtype_of(lib, &arg(&args, 0, name)?)?.0,
                dtype_of(lib, &arg(&args, 1, name)?)?.0,
            );
            Ok(value(if lib == Lib::Numpy {
                numpy_promote(a, b)
            } else {
                torch_promote(a, b)
            }))
        }
        "result_type" => match lib {
            Lib::Torch => {
                let ops = args.pos.iter().map(|v| dtype_of(lib, v)).collect::<Res<Vec<_>>>()?;
                Ok(value(torch_result_type(&ops)))
            }
            Lib::Numpy => {
                let mut strong: Option<DType> = None;
                let mut weak = Vec::new();
                for v in &args.pos {
                    match v {
                        Value::Bool(_) => weak.push(Weak::Bool),
                        Value::Int(n) => weak.push(Weak::Int(*n)),
                        Value::Float(_) => weak.push(Weak::Float),
                        Value::Complex(..) => weak.push(Weak::Complex),
                        other => {
                            let d = dtype_of(lib, other)?.0;
                            strong = Some(strong.map_or(d, |s| numpy_promote(s, d)));
                        }
                    }
                }
                let mut d = strong.unwrap_or(match weak.first() {
                    Some(Weak::Float) => DType::F64,
                    Some(Weak::Bool) => DType::Bool,
                    Some(Weak::Complex) => DType::C128,
                    _ => DType::I64,
                });
                for w in weak {
                    d = numpy_with_weak(d, w).map_err(|m| exc("OverflowError", m))?;
                }
                Ok(value(d))
            }
        },
        "Size" => {
            let dims = shape::dims(&args.pos)?;
            Ok(Value::Size(dims.iter().map(|&n| n.max(0) as usize).collect()))
        }
        _ => Err(super::internal(format!("unknown type function {name}"))),
    }
}
