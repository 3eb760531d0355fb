//! Builtins over iterables and numbers: sorted, min/max, sum, zip, map, round, …

use super::args::{arity, int_arg, kwarg, no_kw};
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::interp::iter::Iter;
use crate::interp::ops;
use crate::value::pyfmt;
use crate::value::{Args, Value};
use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

fn iter_value(it: Iter) -> Value {
    Value::Iter(Rc::new(RefCell::new(it)))
}

pub fn divmod(interp: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "divmod")?;
    arity(&args, "divmod", 2, 2)?;
    let (a, b) = (&args.pos[0], &args.pos[1]);
    if let Some(r) = interp.special_divmod(a, b) {
        return r;
    }
    if matches!(a, Value::Tensor(_) | Value::Complex(..)) || matches!(b, Value::Tensor(_) | Value::Complex(..)) {
        // Tensor and complex have no `__divmod__`.
        return Err(type_error(format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            a.type_name(),
            b.type_name()
        )));
    }
    match (a, b) {
        (Value::Int(_) | Value::Bool(_) | Value::Long(_), Value::Int(_) | Value::Bool(_) | Value::Long(_)) => {
            let (x, y) = (
                crate::value::long::of(a).unwrap_or_default(),
                crate::value::long::of(b).unwrap_or_default(),
            );
            let (q, r) = crate::value::long::divmod(&x, &y)?;
            Ok(Value::tuple(vec![q, r]))
        }
        _ => {
            let q = ops::binary(crate::syntax::ast::BinOp::FloorDiv, a, b).map_err(|e| {
                if e.kind == "ZeroDivisionError" {
                    exc("ZeroDivisionError", "float divmod()")
                } else {
                    e
                }
            })?;
            let r = ops::binary(crate::syntax::ast::BinOp::Mod, a, b)?;
            Ok(Value::tuple(vec![q, r]))
        }
    }
}

pub fn pow(_: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "pow")?;
    arity(&args, "pow", 2, 3)?;
    if let Some(m) = args.pos.get(2).filter(|m| !matches!(m, Value::None)) {
        let ints = |v: &Value| matches!(v, Value::Int(_) | Value::Bool(_) | Value::Long(_));
        let number = |v: &Value| ints(v) || matches!(v, Value::Float(_) | Value::Complex(..));
        let all = [&args.pos[0], &args.pos[1], m];
        if !all.iter().all(|v| number(v)) {
            return Err(type_error(format!(
                "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
                args.pos[0].type_name(),
                args.pos[1].type_name(),
                m.type_name()
            )));
        }
        // CPython asks each operand's type in turn; int's declines, float's and
        // complex's refuse a modulus.
        match all.iter().find(|v| !ints(v)) {
            Some(Value::Float(_)) => {
                return Err(type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            }
            Some(_) => return Err(exc("ValueError", "complex modulo")),
            None => {}
        }
        let big = |v: &Value| crate::value::long::of(v).unwrap_or_default();
        return crate::value::long::pow_mod(&big(&args.pos[0]), &big(&args.pos[1]), &big(m));
    }
    ops::binary(crate::syntax::ast::BinOp::Pow, &args.pos[0], &args.pos[1])
}

pub fn round(interp: &mut Interp, mut args: Args) -> Res<Value> {
    let nd_kw = kwarg(&mut args, "ndigits");
    no_kw(&args, "round")?;
    if args.pos.is_empty() {
        return Err(type_error("round() missing required argument 'number' (pos 1)"));
    }
    if args.pos.len() > 2 {
        return Err(type_error(format!(
            "round() takes at most 2 arguments ({} given)",
            args.pos.len()
        )));
    }
    let nd = args.pos.get(1).cloned().or(nd_kw);
    let nd = match nd {
        None | Some(Value::None) => None,
        // Past 64 bits: as far as any number's digits go, clamped as CPython clamps it.
        Some(Value::Long(b)) => Some(if b.sign() == num_bigint::Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        }),
        Some(v) => Some(int_arg(&v)?),
    };
    if let Value::NpScalar(a) = &args.pos[0] {
        return match nd {
            None => round(
                interp,
                Args {
                    pos: vec![crate::nd::item(a)],
                    kw: Vec::new(),
                },
            ),
            Some(d) => crate::nd::funcs::round_decimals(crate::value::Lib::Numpy, &args.pos[0], d),
        };
    }
    match (&args.pos[0], nd) {
        (Value::Int(n), None) => Ok(Value::Int(*n)),
        (Value::Long(_), None) => Ok(args.pos[0].clone()),
        (Value::Long(b), Some(d)) => {
            if d >= 0 {
                return Ok(args.pos[0].clone());
            }
            // Fewer digits than -d: rounds to zero.
            if d.unsigned_abs() > b.bits() / 3 + 2 {
                return Ok(Value::Int(0));
            }
            // Round half to even at 10**-d, as CPython's long_round.
            use num_integer::Integer;
            let p = num_traits::Pow::pow(num_bigint::BigInt::from(10), (-d) as u64);
            let (q, r) = b.div_mod_floor(&p);
            let twice: num_bigint::BigInt = &r * 2;
            let q = match twice.cmp(&p) {
                std::cmp::Ordering::Greater => q + 1,
                std::cmp::Ordering::Equal if q.is_odd() => q + 1,
                _ => q,
            };
            Ok(crate::value::long::norm(q * p))
        }
        (Value::Bool(b), None) => Ok(Value::Int(*b as i64)),
        (Value::Int(_) | Value::Bool(_), Some(d)) => {
            let n = int_arg(&args.pos[0])?;
            if d >= 0 {
                Ok(Value::Int(n))
            } else {
                pyfmt::round_int(n, d)
                    .map(Value::Int)
                    .ok_or_else(crate::error::overflow)
            }
        }
        (Value::Float(x), None) => crate::value::long::from_float_trunc(pyfmt::round_half_even(*x)),
        (Value::Float(x), Some(d)) => {
            let r = pyfmt::round_float(*x, d);
            if r.is_infinite() && x.is_finite() {
                return Err(exc("OverflowError", "rounded value too large to represent"));
            }
            Ok(Value::Float(r))
        }
        (v, _) => Err(type_error(format!(
            "type {} doesn't define __round__ method",
            v.type_name()
        ))),
    }
}

/// Stable merge sort whose comparison may fail (mixed types) — never panics, unlike
/// a `sort_by` with an inconsistent comparator.
/// `a < b` (`want` Less) or `a > b` (Greater), through the operands' special methods
/// when they are instances of classes.
fn ordered(interp: &mut Interp, a: &Value, b: &Value, want: Ordering) -> Res<bool> {
    if matches!(a, Value::Object(_)) || matches!(b, Value::Object(_)) {
        let op = if want == Ordering::Less {
            crate::syntax::ast::CmpOp::Lt
        } else {
            crate::syntax::ast::CmpOp::Gt
        };
        if let Some(r) = interp.special_compare(op, a, b) {
            let r = r?;
            return interp.truth(&r);
        }
    }
    Ok(ops::order(a, b, if want == Ordering::Less { "<" } else { ">" })? == Some(want))
}

/// CPython's timsort (`interp::timsort`): the same `<` calls in the same order, so
/// inconsistent orders (NaN, a user `__lt__` that is no total order) end as CPython's.
pub fn sort_values(interp: &mut Interp, keys: &mut Vec<(Value, Value)>) -> Res<()> {
    crate::interp::timsort::timsort(keys, &mut |a, b| ordered(interp, &a.0, &b.0, Ordering::Less))
}

/// `sorted(items, key=, reverse=)` semantics shared with `list.sort`.
pub fn sort_list(interp: &mut Interp, items: Vec<Value>, key: Option<Value>, reverse: bool) -> Res<Vec<Value>> {
    let (out, err) = sort_partial(interp, items, key, reverse)?;
    match err {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// `list.sort` semantics: a failing key function leaves the items as they were (`Err`);
/// a failing comparison leaves them in timsort's partial order, reversed back for
/// `reverse=True`, as CPython's list does (`Ok` with the error beside them).
pub fn sort_partial(
    interp: &mut Interp,
    mut items: Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> Res<(Vec<Value>, Option<Box<crate::error::Exc>>)> {
    // Keys are computed in the list's order; CPython then reverses, sorts stably, and
    // reverses again, so equal items keep their order.
    let mut pairs = Vec::with_capacity(items.len());
    for v in items.drain(..) {
        let k = match &key {
            Some(f) if !matches!(f, Value::None) => interp.call1(f, v.clone())?,
            _ => v.clone(),
        };
        pairs.push((k, v));
    }
    if reverse {
        pairs.reverse();
    }
    let err = sort_values(interp, &mut pairs).err();
    let mut out: Vec<Value> = pairs.into_iter().map(|(_, v)| v).collect();
    if reverse {
        out.reverse();
    }
    Ok((out, err))
}

pub fn sorted(interp: &mut Interp, mut args: Args) -> Res<Value> {
    let key = kwarg(&mut args, "key");
    let reverse = kwarg(&mut args, "reverse").is_some_and(|v| v.truthy());
    if let Some((k, _)) = args.kw.first() {
        return Err(type_error(format!("sorted() got an unexpected keyword argument '{k}'")));
    }
    arity(&args, "sorted", 1, 1)?;
    let items = interp.to_vec(&args.pos[0])?;
    Ok(Value::list(sort_list(interp, items, key, reverse)?))
}

fn min_max(interp: &mut Interp, mut args: Args, name: &str, want: Ordering) -> Res<Value> {
    let key = kwarg(&mut args, "key");
    let default = kwarg(&mut args, "default");
    if let Some((k, _)) = args.kw.first() {
        return Err(type_error(format!("'{k}' is an invalid keyword argument for {name}()")));
    }
    let items = match args.pos.len() {
        0 => return Err(type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => interp.to_vec(&args.pos[0])?,
        _ => {
            if default.is_some() {
                return Err(type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            args.pos
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for v in items {
        let k = match &key {
            Some(f) if !matches!(f, Value::None) => interp.call1(f, v.clone())?,
            _ => v.clone(),
        };
        let replace = match &best {
            None => true,
            Some((bk, _)) => ordered(interp, &k, bk, want)?,
        };
        if replace {
            best = Some((k, v));
        }
    }
    match (best, default) {
        (Some((_, v)), _) => Ok(v),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(exc("ValueError", format!("{name}() arg is an empty sequence"))),
    }
}

pub fn min(interp: &mut Interp, args: Args) -> Res<Value> {
    min_max(interp, args, "min", Ordering::Less)
}

pub fn max(interp: &mut Interp, args: Args) -> Res<Value> {
    min_max(interp, args, "max", Ordering::Greater)
}

pub fn sum(interp: &mut Interp, mut args: Args) -> Res<Value> {
    let start_kw = kwarg(&mut args, "start");
    no_kw(&args, "sum")?;
    arity(&args, "sum", 1, 2)?;
    let mut acc = args.pos.get(1).cloned().or(start_kw).unwrap_or(Value::Int(0));
    if let Value::Str(_) = acc {
        return Err(type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let mut it = interp.iterate(&args.pos[0])?;
    while let Some(v) = it.next(interp)? {
        acc = match crate::interp::vm::fast::binary(crate::syntax::ast::BinOp::Add, &acc, &v) {
            Some(r) => r,
            None => interp.binary_op(crate::syntax::ast::BinOp::Add, &acc, &v)?,
        };
    }
    Ok(acc)
}

pub fn reversed(interp: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "reversed")?;
    arity(&args, "reversed", 1, 1)?;
    let v = &args.pos[0];
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_) => {
            let mut items = interp.to_vec(v)?;
            items.reverse();
            let kind = match v {
                Value::List(_) => "list_reverseiterator",
                Value::Range(_) => "range_iterator",
                _ => "reversed",
            };
            Ok(iter_value(Iter::items(items, kind)))
        }
        _ => Err(type_error(format!("'{}' object is not reversible", v.type_name()))),
    }
}

pub fn enumerate(interp: &mut Interp, mut args: Args) -> Res<Value> {
    let start_kw = kwarg(&mut args, "start");
    no_kw(&args, "enumerate")?;
    arity(&args, "enumerate", 1, 2)?;
    let start = match args.pos.get(1).cloned().or(start_kw) {
        Some(v) => int_arg(&v)?,
        None => 0,
    };
    let inner = interp.iterate(&args.pos[0])?;
    Ok(iter_value(Iter::Enumerate {
        inner: Box::new(inner),
        count: start,
    }))
}

pub fn zip(interp: &mut Interp, mut args: Args) -> Res<Value> {
    let _ = kwarg(&mut args, "strict");
    no_kw(&args, "zip")?;
    let mut inners = Vec::with_capacity(args.pos.len());
    for (i, v) in args.pos.iter().enumerate() {
        inners.push(
            interp
                .iterate(v)
                .map_err(|_| type_error(format!("zip argument #{} must support iteration", i + 1)))?,
        );
    }
    Ok(iter_value(Iter::Zip(inners)))
}

pub fn map(interp: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "map")?;
    if args.pos.len() < 2 {
        return Err(type_error("map() must have at least two arguments."));
    }
    let mut pos = args.pos.into_iter();
    let func = pos.next().unwrap_or(Value::None);
    let inners = pos.map(|v| interp.iterate(&v)).collect::<Res<Vec<_>>>()?;
    Ok(iter_value(Iter::Map { func, inners }))
}

pub fn filter(interp: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "filter")?;
    arity(&args, "filter", 2, 2)?;
    let inner = interp.iterate(&args.pos[1])?;
    Ok(iter_value(Iter::Filter {
        func: args.pos[0].clone(),
        inner: Box::new(inner),
    }))
}

fn any_all(interp: &mut Interp, args: Args, name: &str, want: bool) -> Res<Value> {
    no_kw(&args, name)?;
    if args.pos.len() != 1 {
        return Err(type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    }
    let mut it = interp.iterate(&args.pos[0])?;
    while let Some(v) = it.next(interp)? {
        if interp.truth(&v)? == want {
            return Ok(Value::Bool(want));
        }
    }
    Ok(Value::Bool(!want))
}

pub fn any(interp: &mut Interp, args: Args) -> Res<Value> {
    any_all(interp, args, "any", true)
}

pub fn all(interp: &mut Interp, args: Args) -> Res<Value> {
    any_all(interp, args, "all", false)
}

pub fn iter(interp: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "iter")?;
    arity(&args, "iter", 1, 1)?;
    match &args.pos[0] {
        Value::Iter(it) => Ok(Value::Iter(it.clone())),
        // `__iter__`'s answer itself (often the object: `iter(it) is it`), which must
        // be an iterator.
        v @ Value::Object(_) if let Some(r) = interp.special_iter(v) => {
            let r = r?;
            let iterator = match &r {
                Value::Iter(_) => true,
                Value::Object(_) => interp.get_attr(&r, crate::sym!("__next__")).is_ok(),
                _ => false,
            };
            if !iterator {
                return Err(type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    r.type_name()
                )));
            }
            Ok(r)
        }
        v => Ok(iter_value(interp.iterate(v)?)),
    }
}

pub fn next(interp: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "next")?;
    arity(&args, "next", 1, 2)?;
    let item = match &args.pos[0] {
        Value::Iter(it) => Iter::Shared(it.clone()).next(interp)?,
        // An object with `__next__` (its StopIteration ends it, as in CPython).
        v => interp.special_next(v)?,
    };
    match item {
        Some(v) => Ok(v),
        None => match args.pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(exc("StopIteration", "")),
        },
    }
}
