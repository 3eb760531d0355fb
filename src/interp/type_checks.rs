//! `isinstance` and `issubclass`: Python's builtin types, user classes (the exception
//! hierarchy included), NumPy's scalar types (`np.float32` is a class whose instances are
//! the float32 scalars; `np.float64` subclasses `float`, `np.complex128` `complex`), and
//! objects whose class defines `__instancecheck__` / `__subclasscheck__` (NumPy's
//! abstract scalar classes `np.integer`, `np.floating`, ... in stdlib/numpy/_types.nt).

use super::Interp;
use crate::array::dtype::DType;
use crate::error::{Res, type_error};
use crate::syntax::symbol::Sym;
use crate::value::{Args, DKind, PyType, Value};

fn two(args: &Args, name: &str) -> Res<()> {
    crate::interp::builtins::no_kw(args, name)?;
    if args.pos.len() != 2 {
        return Err(type_error(format!(
            "{name} expected 2 arguments, got {}",
            args.pos.len()
        )));
    }
    Ok(())
}

/// The targets of `classinfo`: one class or a tuple of them.
fn targets(info: &Value) -> Vec<Value> {
    match info {
        Value::Tuple(t) => t.to_vec(),
        other => vec![other.clone()],
    }
}

/// `hook(target, x)` when the target's class defines `hook`.
fn hook(interp: &mut Interp, target: &Value, name: &str, x: &Value) -> Option<Res<bool>> {
    let Value::Object(o) = target else { return None };
    let f = o.class.method(Sym::new(name))?;
    let args = Args {
        pos: vec![target.clone(), x.clone()],
        kw: vec![],
    };
    Some(interp.call(&f, args, None).map(|v| v.truthy()))
}

/// The Python builtin type a NumPy scalar type subclasses, if any.
fn np_base(d: DType) -> Option<PyType> {
    match d {
        DType::F64 => Some(PyType::Float),
        DType::C128 => Some(PyType::Complex),
        _ => None,
    }
}

pub fn isinstance(interp: &mut Interp, args: Args) -> Res<Value> {
    two(&args, "isinstance")?;
    let (obj, cls) = (&args.pos[0], &args.pos[1]);
    for t in targets(cls) {
        let hit = match &t {
            Value::Type(t) => t.is_instance(obj),
            Value::Class(c) => match obj {
                Value::Exception(e) => e.class.derives(c),
                Value::Object(o) => o.class.derives(c),
                _ => false,
            },
            Value::DType(d, DKind::NpType) => matches!(obj, Value::NpScalar(a) if a.dtype == *d),
            other => match hook(interp, other, "__instancecheck__", obj) {
                Some(r) => r?,
                None => {
                    return Err(type_error(
                        "isinstance() arg 2 must be a type, a tuple of types, or a union",
                    ));
                }
            },
        };
        if hit {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// `issubclass(cls, classinfo)`.
pub fn issubclass(interp: &mut Interp, args: Args) -> Res<Value> {
    two(&args, "issubclass")?;
    let (cls, info) = (&args.pos[0], &args.pos[1]);
    if !matches!(cls, Value::Class(_) | Value::Type(_) | Value::DType(_, DKind::NpType)) {
        return Err(type_error("issubclass() arg 1 must be a class"));
    }
    for t in targets(info) {
        let hit = match (cls, &t) {
            (_, Value::Type(PyType::Object)) => true,
            (Value::Class(c), Value::Class(d)) => c.derives(d),
            (Value::Type(a), Value::Type(b)) => a == b || (*a == PyType::Bool && *b == PyType::Int),
            (Value::DType(a, _), Value::DType(b, DKind::NpType)) => a == b,
            (Value::DType(a, _), Value::Type(b)) => np_base(*a) == Some(*b),
            (_, Value::Class(_) | Value::Type(_) | Value::DType(_, DKind::NpType)) => false,
            (_, other) => match hook(interp, other, "__subclasscheck__", cls) {
                Some(r) => r?,
                None => {
                    return Err(type_error(
                        "issubclass() arg 2 must be a class, a tuple of classes, or a union",
                    ));
                }
            },
        };
        if hit {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}
