//! The builtin types as constructors: `int(x)`, `float(s)`, `list(it)`, `dict(pairs)`…

use super::args::{arity, int_arg, kwarg, no_kw};
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::value::dict::Dict;
use crate::value::pyfmt;
use crate::value::repr::{repr, repr_str};
use crate::value::{Args, PyType, Range, Value};
use std::cell::RefCell;
use std::rc::Rc;

pub fn construct(interp: &mut Interp, t: PyType, mut args: Args) -> Res<Value> {
    let name = t.name();
    match t {
        PyType::Int => {
            let base = kwarg(&mut args, "base");
            no_kw(&args, name)?;
            arity(&args, "int", 0, 2)?;
            // A base past 64 bits is clamped (as CPython's PyNumber_AsSsize_t), then
            // checked before the value is looked at.
            let base_of = |b: &Value| match b {
                Value::Long(b) => Ok(if b.sign() == num_bigint::Sign::Minus {
                    i64::MIN
                } else {
                    i64::MAX
                }),
                b => int_arg(b),
            };
            let base = match (args.pos.get(1), base) {
                (Some(b), _) => Some(base_of(b)?),
                (None, Some(b)) => Some(base_of(&b)?),
                _ => None,
            };
            if args.pos.first().is_some()
                && let Some(b) = base
                && b != 0
                && !(2..=36).contains(&b)
            {
                return Err(exc("ValueError", "int() base must be >= 2 and <= 36, or 0"));
            }
            match (args.pos.first(), base) {
                (None, None) => Ok(Value::Int(0)),
                (None, Some(_)) => Err(type_error("int() missing string argument")),
                (Some(Value::Str(s)), b) => {
                    let b = b.unwrap_or(10);
                    if b != 0 && !(2..=36).contains(&b) {
                        return Err(exc("ValueError", "int() base must be >= 2 and <= 36, or 0"));
                    }
                    match pyfmt::parse_int_value(s, b as u32) {
                        Ok(n) => Ok(n),
                        Err(Some(n)) => Err(exc(
                            "ValueError",
                            format!(
                                "Exceeds the limit (4300 digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit"
                            ),
                        )),
                        Err(None) => Err(exc(
                            "ValueError",
                            format!("invalid literal for int() with base {b}: {}", repr_str(s)),
                        )),
                    }
                }
                (Some(_), Some(_)) => Err(type_error("int() can't convert non-string with explicit base")),
                (Some(v), None) => int_of(v),
            }
        }
        PyType::Float => {
            no_kw(&args, name)?;
            arity(&args, "float", 0, 1)?;
            let first = match args.pos.first() {
                Some(v) => nd_scalar(v)?.or_else(|| Some(v.clone())),
                None => None,
            };
            match first.as_ref() {
                None => Ok(Value::Float(0.0)),
                Some(Value::Float(x)) => Ok(Value::Float(*x)),
                Some(Value::Int(n)) => Ok(Value::Float(*n as f64)),
                Some(Value::Long(b)) => crate::value::long::to_f64(b).map(Value::Float),
                Some(Value::Bool(b)) => Ok(Value::Float(*b as i64 as f64)),
                Some(Value::Str(s)) => pyfmt::parse_float(s).map(Value::Float).ok_or_else(|| {
                    exc(
                        "ValueError",
                        format!("could not convert string to float: {}", repr_str(s)),
                    )
                }),
                Some(v) => Err(type_error(format!(
                    "float() argument must be a string or a real number, not '{}'",
                    v.type_name()
                ))),
            }
        }
        PyType::Bool => {
            no_kw(&args, name)?;
            arity(&args, "bool", 0, 1)?;
            match args.pos.first() {
                Some(v) => match interp.special_truth(v) {
                    Some(b) => Ok(Value::Bool(b?)),
                    None => Ok(Value::Bool(interp.truth(v)?)),
                },
                None => Ok(Value::Bool(false)),
            }
        }
        PyType::Str => {
            no_kw(&args, name)?;
            arity(&args, "str", 0, 1)?;
            let s = match args.pos.first() {
                Some(v) => interp.display(v, true)?,
                None => String::new(),
            };
            Ok(Value::Str(s.into()))
        }
        PyType::List | PyType::Tuple => {
            no_kw(&args, name)?;
            arity(&args, name, 0, 1)?;
            let items = match args.pos.first() {
                Some(v) => interp.to_vec(v)?,
                None => Vec::new(),
            };
            Ok(if t == PyType::List {
                Value::list(items)
            } else {
                Value::tuple(items)
            })
        }
        PyType::Set | PyType::FrozenSet => interp.construct_set(t == PyType::FrozenSet, &args),
        PyType::Dict => {
            arity(&args, "dict", 0, 1)?;
            let mut d = Dict::new();
            if let Some(src) = args.pos.first() {
                match src {
                    Value::Dict(m) => d = m.borrow().clone(),
                    other => {
                        for (k, v) in pairs_of(interp, other)? {
                            let h = interp.hkey(&k)?;
                            d.insert(h, k, v);
                        }
                    }
                }
            }
            for (k, v) in args.kw {
                let key = Value::Str(k.as_str().into());
                let h = interp.hkey(&key)?;
                d.insert(h, key, v);
            }
            Ok(Value::Dict(Rc::new(RefCell::new(d))))
        }
        PyType::Complex => super::complex_new::construct(interp, args),
        PyType::Bytes => crate::interp::methods::bytes::construct(interp, args),
        PyType::Slice => {
            no_kw(&args, "slice")?;
            arity(&args, "slice", 1, 3)?;
            let p = &args.pos;
            let (a, b, c) = match p.len() {
                1 => (Value::None, p[0].clone(), Value::None),
                2 => (p[0].clone(), p[1].clone(), Value::None),
                _ => (p[0].clone(), p[1].clone(), p[2].clone()),
            };
            Ok(Value::Slice(Rc::new([a, b, c])))
        }
        PyType::Range => {
            no_kw(&args, "range")?;
            arity(&args, "range", 1, 3)?;
            let n: Vec<i64> = args.pos.iter().map(int_arg).collect::<Res<_>>()?;
            let (start, stop, step) = match n.as_slice() {
                [stop] => (0, *stop, 1),
                [start, stop] => (*start, *stop, 1),
                [start, stop, step] => (*start, *stop, *step),
                _ => (0, 0, 1),
            };
            if step == 0 {
                return Err(exc("ValueError", "range() arg 3 must not be zero"));
            }
            Ok(Value::Range(Rc::new(Range { start, stop, step })))
        }
        PyType::Type => {
            no_kw(&args, "type")?;
            if args.pos.len() != 1 {
                return Err(type_error("nt's type() takes 1 argument (it does not make classes)"));
            }
            Ok(match &args.pos[0] {
                Value::NpScalar(a) => Value::DType(a.dtype, crate::value::DKind::NpType),
                Value::NpStr(_) => Value::Type(PyType::NpStr),
                Value::GradFn(n) => Value::GradFnClass(n.name),
                Value::ObjArray(_) => Value::Type(PyType::NdArray),
                Value::Exception(e) => Value::Class(e.class.clone()),
                Value::Object(o) => Value::Class(o.class.clone()),
                other => Value::Type(other.py_type()),
            })
        }
        PyType::Object if args.pos.is_empty() && args.kw.is_empty() => Ok(crate::interp::classes::plain_object()),
        PyType::Object => Err(type_error("object() takes no arguments")),
        other => Err(type_error(format!("cannot create '{}' instances", other.name()))),
    }
}

/// The (key, value) pairs of an iterable of pairs, for `dict(...)` and `dict.update(...)`.
pub fn pairs_of(interp: &mut Interp, v: &Value) -> Res<Vec<(Value, Value)>> {
    let mut out = Vec::new();
    // A mapping (an object with `keys()`, such as OrderedDict): its keys and `m[key]`,
    // as CPython's dict() reads one.
    if let Value::Object(o) = v
        && o.class.method(crate::syntax::symbol::Sym::new("keys")).is_some()
    {
        let keys = interp.call_method(
            v,
            crate::syntax::symbol::Sym::new("keys"),
            Args {
                pos: Vec::new(),
                kw: Vec::new(),
            },
        )?;
        for k in interp.to_vec(&keys)? {
            let item = interp.get_item(v, &k)?;
            out.push((k, item));
        }
        return Ok(out);
    }
    for (i, item) in interp.to_vec(v)?.into_iter().enumerate() {
        let pair = interp.to_vec(&item).map_err(|_| {
            type_error(format!(
                "cannot convert dictionary update sequence element #{i} to a sequence"
            ))
        })?;
        match <[Value; 2]>::try_from(pair) {
            Ok([k, v]) => out.push((k, v)),
            Err(pair) => {
                return Err(exc(
                    "ValueError",
                    format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        pair.len()
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// `int(a)`/`float(a)` of an array or tensor: its single element, or each library's error.
fn nd_scalar(v: &Value) -> Res<Option<Value>> {
    let Some((lib, a)) = crate::nd::as_nd(v) else {
        return Ok(None);
    };
    match lib {
        crate::value::Lib::Numpy if a.ndim() > 0 => Err(type_error(
            "only 0-dimensional arrays can be converted to Python scalars",
        )),
        crate::value::Lib::Torch if a.numel() != 1 => Err(exc(
            "ValueError",
            "only one element tensors can be converted to Python scalars",
        )),
        _ => Ok(Some(crate::nd::item(a))),
    }
}

/// `int(x)` for a non-string: truncates floats, with CPython's errors for inf and NaN.
pub fn int_of(v: &Value) -> Res<Value> {
    if let Some(x) = nd_scalar(v)? {
        return int_of(&x);
    }
    match v {
        Value::Int(n) => Ok(Value::Int(*n)),
        Value::Long(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(x) => crate::value::long::from_float_trunc(*x),
        other => Err(type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            other.type_name()
        ))),
    }
}

pub fn float_to_int(x: f64) -> Res<i64> {
    if x.is_nan() {
        return Err(exc("ValueError", "cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(exc("OverflowError", "cannot convert float infinity to integer"));
    }
    let t = x.trunc();
    if !(-9.223372036854775808e18..9.223372036854775808e18).contains(&t) {
        return Err(exc(
            "OverflowError",
            format!("int too large for nt's 64-bit int: {}", repr(&Value::Float(x))),
        ));
    }
    Ok(t as i64)
}

fn radix(args: Args, name: &str, prefix: &str, f: fn(u64) -> String) -> Res<Value> {
    no_kw(&args, name)?;
    arity(&args, name, 1, 1)?;
    if let Value::Long(b) = &args.pos[0] {
        let sign = if b.sign() == num_bigint::Sign::Minus { "-" } else { "" };
        let base = match prefix {
            "0x" => 16,
            "0o" => 8,
            _ => 2,
        };
        return Ok(Value::Str(
            format!("{sign}{prefix}{}", b.magnitude().to_str_radix(base)).into(),
        ));
    }
    let n = int_arg(&args.pos[0])?;
    let sign = if n < 0 { "-" } else { "" };
    Ok(Value::Str(format!("{sign}{prefix}{}", f(n.unsigned_abs())).into()))
}

pub fn hex(_: &mut Interp, args: Args) -> Res<Value> {
    radix(args, "hex", "0x", |n| format!("{n:x}"))
}

pub fn oct(_: &mut Interp, args: Args) -> Res<Value> {
    radix(args, "oct", "0o", |n| format!("{n:o}"))
}

pub fn bin(_: &mut Interp, args: Args) -> Res<Value> {
    radix(args, "bin", "0b", |n| format!("{n:b}"))
}
