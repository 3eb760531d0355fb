//! Python's operators on builtin values: numeric tower (bool < int < float), sequence
//! concatenation and repetition, comparisons (int/float compared exactly), membership.

use super::Interp;
use crate::error::{Res, exc, overflow, type_error};
use crate::syntax::ast::{BinOp, CmpOp, UnOp};
use crate::value::long;
use crate::value::{DKind, Value};
use num_bigint::BigInt;
use std::cmp::Ordering;

/// Sequences longer than this are a `MemoryError` before any allocation is attempted.
const MAX_SEQ_LEN: i64 = 1 << 32;

enum Num {
    I(i64),
    B(std::rc::Rc<BigInt>),
    F(f64),
}

fn num(v: &Value) -> Option<Num> {
    match v {
        Value::Int(n) => Some(Num::I(*n)),
        Value::Long(b) => Some(Num::B(b.clone())),
        Value::Bool(b) => Some(Num::I(*b as i64)),
        Value::Float(x) => Some(Num::F(*x)),
        _ => None,
    }
}

pub fn unary(op: UnOp, v: &Value) -> Res<Value> {
    let prim = match op {
        UnOp::Neg => crate::ir::UnaryOp::Neg,
        UnOp::Invert => crate::ir::UnaryOp::Not,
        // `+a` is a copy, as NumPy's `positive` ufunc.
        UnOp::Pos => crate::ir::UnaryOp::Floor,
    };
    if op == UnOp::Pos {
        if let Value::Tensor(t) = v {
            // `Tensor.__pos__` is `torch.positive`, which returns the tensor itself.
            if t.data().dtype == crate::array::dtype::DType::Bool {
                return Err(exc(
                    "NotImplementedError",
                    "The `+` operator, on a bool tensor is not supported.",
                ));
            }
            return Ok(v.clone());
        }
        if let Some((lib, a)) = crate::nd::as_nd(v) {
            return crate::nd::ops::run(crate::ir::Op::Copy, &[a]).map(|c| crate::nd::result(lib, c));
        }
    } else if let Some(r) = crate::nd::ops::unary(prim, v) {
        let r = r?;
        if op == UnOp::Neg && matches!(v, Value::Tensor(_)) {
            return crate::nd::record::primitive(crate::ir::UnaryOp::Neg, r, v);
        }
        crate::nd::record::check_recorded("unary operator", &[v], &r)?;
        return Ok(r);
    }
    if let Value::Complex(re, im) = v {
        match op {
            UnOp::Neg => return Ok(Value::Complex(-re, -im)),
            UnOp::Pos => return Ok(v.clone()),
            UnOp::Invert => {}
        }
    }
    let sym = match op {
        UnOp::Neg => "-",
        UnOp::Pos => "+",
        UnOp::Invert => "~",
    };
    match (op, num(v)) {
        (UnOp::Neg, Some(Num::I(n))) => Ok(n.checked_neg().map_or_else(|| long::norm(-BigInt::from(n)), Value::Int)),
        (UnOp::Neg, Some(Num::B(b))) => Ok(long::norm(-&*b)),
        (UnOp::Pos, Some(Num::B(_))) => Ok(v.clone()),
        (UnOp::Invert, Some(Num::B(b))) => Ok(long::norm(!&*b)),
        (UnOp::Neg, Some(Num::F(x))) => Ok(Value::Float(-x)),
        (UnOp::Pos, Some(Num::I(n))) => Ok(Value::Int(n)),
        (UnOp::Pos, Some(Num::F(x))) => Ok(Value::Float(x)),
        (UnOp::Invert, Some(Num::I(n))) => Ok(Value::Int(!n)),
        _ => Err(type_error(format!(
            "bad operand type for unary {sym}: '{}'",
            v.type_name()
        ))),
    }
}

fn unsupported(op: BinOp, a: &Value, b: &Value) -> Box<crate::error::Exc> {
    let sym = match op {
        BinOp::Pow => "** or pow()",
        _ => op.symbol(),
    };
    type_error(format!(
        "unsupported operand type(s) for {sym}: '{}' and '{}'",
        a.type_name(),
        b.type_name()
    ))
}

pub use super::math_int::int_divmod;
use super::math_int::{int_floordiv, int_mod, int_truediv};
pub use crate::realise::float_divmod;

/// CPython's `float ** float`, with its errors instead of complex results.
pub fn float_pow(x: f64, y: f64) -> Res<f64> {
    if y == 0.0 || x == 1.0 {
        return Ok(1.0);
    }
    if x.is_nan() || y.is_nan() {
        return Ok(f64::NAN);
    }
    if x == 0.0 && y < 0.0 {
        return Err(exc("ZeroDivisionError", "0.0 cannot be raised to a negative power"));
    }
    if x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0 {
        return Err(exc(
            "ValueError",
            "negative number cannot be raised to a fractional power (nt has no complex numbers)",
        ));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(exc("OverflowError", "(34, 'Numerical result out of range')"));
    }
    Ok(r)
}

pub fn int_pow(a: i64, b: i64) -> Res<Value> {
    if b < 0 {
        if a == 0 {
            return Err(exc("ZeroDivisionError", "0.0 cannot be raised to a negative power"));
        }
        return Ok(Value::Float(float_pow(a as f64, b as f64)?));
    }
    let e = u32::try_from(b).map_err(|_| overflow());
    match e {
        Ok(e) => match a.checked_pow(e) {
            Some(r) => Ok(Value::Int(r)),
            None => long::pow(&BigInt::from(a), &BigInt::from(b)),
        },
        Err(_) if a == 0 || a == 1 => Ok(Value::Int(a)),
        Err(_) if a == -1 => Ok(Value::Int(if b % 2 == 0 { 1 } else { -1 })),
        Err(_) => long::pow(&BigInt::from(a), &BigInt::from(b)),
    }
}

fn int_op(op: BinOp, a: i64, b: i64) -> Res<Value> {
    let r = match op {
        BinOp::Add => a.checked_add(b),
        BinOp::Sub => a.checked_sub(b),
        BinOp::Mul => a.checked_mul(b),
        BinOp::Div => return Ok(Value::Float(int_truediv(a, b)?)),
        BinOp::FloorDiv if a == i64::MIN && b == -1 => None,
        BinOp::FloorDiv => return Ok(Value::Int(int_floordiv(a, b)?)),
        BinOp::Mod => return Ok(Value::Int(int_mod(a, b)?)),
        BinOp::Pow => return int_pow(a, b),
        BinOp::LShift => {
            if b < 0 {
                return Err(exc("ValueError", "negative shift count"));
            }
            if a == 0 {
                Some(0)
            } else if b >= 63 {
                None
            } else {
                let r = a << b;
                if r >> b == a { Some(r) } else { None }
            }
        }
        BinOp::RShift => {
            if b < 0 {
                return Err(exc("ValueError", "negative shift count"));
            }
            Some(if b >= 64 { if a < 0 { -1 } else { 0 } } else { a >> b })
        }
        BinOp::BitAnd => Some(a & b),
        BinOp::BitOr => Some(a | b),
        BinOp::BitXor => Some(a ^ b),
        BinOp::MatMul => return Err(unsupported(op, &Value::Int(a), &Value::Int(b))),
    };
    match r {
        Some(v) => Ok(Value::Int(v)),
        None => long::binop(op, &BigInt::from(a), &BigInt::from(b)),
    }
}

fn big_of(n: Num) -> Option<std::rc::Rc<BigInt>> {
    match n {
        Num::I(i) => Some(std::rc::Rc::new(BigInt::from(i))),
        Num::B(b) => Some(b),
        Num::F(_) => None,
    }
}

fn float_of(n: Num) -> Res<f64> {
    Ok(match n {
        Num::I(i) => i as f64,
        Num::B(b) => long::to_f64(&b)?,
        Num::F(f) => f,
    })
}

fn float_op(op: BinOp, x: f64, y: f64) -> Option<Res<f64>> {
    Some(match op {
        BinOp::Add => Ok(x + y),
        BinOp::Sub => Ok(x - y),
        BinOp::Mul => Ok(x * y),
        BinOp::Div => {
            if y == 0.0 {
                Err(exc("ZeroDivisionError", "float division by zero"))
            } else {
                Ok(x / y)
            }
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                Err(exc("ZeroDivisionError", "float floor division by zero"))
            } else {
                Ok(float_divmod(x, y).0)
            }
        }
        BinOp::Mod => {
            if y == 0.0 {
                Err(exc("ZeroDivisionError", "float modulo"))
            } else {
                Ok(float_divmod(x, y).1)
            }
        }
        BinOp::Pow => float_pow(x, y),
        _ => return None,
    })
}

/// The count of a sequence repeated `n` times whose items are `len` of `size` bytes,
/// refused with `MemoryError` when the result cannot fit.
fn repeat(n: i64, len: usize, size: usize) -> Res<usize> {
    let n = n.max(0);
    if len > 0 && n.saturating_mul(len as i64) > MAX_SEQ_LEN {
        return Err(exc("MemoryError", ""));
    }
    crate::error::check_items(n as usize * len, size)?;
    Ok(n as usize)
}

pub fn binary(op: BinOp, a: &Value, b: &Value) -> Res<Value> {
    // `np.str_` is a str.
    if let Value::NpStr(s) = a {
        return binary(op, &Value::Str(s.clone()), b);
    }
    if let Value::NpStr(s) = b {
        return binary(op, a, &Value::Str(s.clone()));
    }
    // `str % x` is str's own formatting whatever `x` is (a NumPy scalar, an array, a
    // tensor): str.__mod__ comes first and never defers to `x`.
    if let (BinOp::Mod, Value::Str(fmt)) = (op, a) {
        return super::format::percent_format(fmt, b);
    }
    if let Some(r) = crate::nd::objects::binary(op, a, b) {
        return r;
    }
    if let Some(r) = super::ops_seq::binary(op, a, b) {
        return r;
    }
    if let Some(pair) = crate::nd::ops::long_operand(a, b) {
        let (a, b) = pair?;
        return binary(op, &a, &b);
    }
    if matches!(a, Value::Complex(..)) || matches!(b, Value::Complex(..)) {
        if let Some(r) = crate::nd::ops::binary(op, a, b) {
            return r;
        }
        if let Some(r) = crate::value::complex::binary(op, a, b) {
            return r;
        }
    }
    let tensors = matches!(a, Value::Tensor(_)) || matches!(b, Value::Tensor(_));
    let gpu = tensors && crate::nd::device::check_same(&[a, b])?;
    if let Some(r) = crate::nd::ops::binary(op, a, b) {
        let r = r?;
        if tensors {
            let r = if op == BinOp::MatMul {
                crate::nd::record::matmul(r, a, b)?
            } else {
                crate::nd::record::binary(op, r, a, b)?
            };
            return crate::nd::device::follow(r, gpu);
        }
        return Ok(r);
    }
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return match (x, y) {
            (Num::I(x), Num::I(y)) => {
                if matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor) {
                    if let (Value::Bool(p), Value::Bool(q)) = (a, b) {
                        return Ok(Value::Bool(match op {
                            BinOp::BitAnd => p & q,
                            BinOp::BitOr => p | q,
                            _ => p ^ q,
                        }));
                    }
                }
                int_op(op, x, y)
            }
            (x @ (Num::I(_) | Num::B(_)), y @ (Num::I(_) | Num::B(_))) => {
                let (x, y) = (big_of(x).unwrap_or_default(), big_of(y).unwrap_or_default());
                long::binop(op, &x, &y)
            }
            (x, y) => {
                if matches!(
                    op,
                    BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::LShift | BinOp::RShift | BinOp::MatMul
                ) {
                    return Err(unsupported(op, a, b));
                }
                let (fx, fy) = (float_of(x)?, float_of(y)?);
                // A negative number to a fractional power is complex, as CPython's float_pow.
                if op == BinOp::Pow && fx < 0.0 && fx.is_finite() && fy.is_finite() && fy.fract() != 0.0 {
                    if let Some(r) =
                        crate::value::complex::binary(op, &Value::Complex(fx, 0.0), &Value::Complex(fy, 0.0))
                    {
                        return r;
                    }
                }
                match float_op(op, fx, fy) {
                    Some(r) => r.map(Value::Float),
                    None => Err(unsupported(op, a, b)),
                }
            }
        };
    }
    match (op, a, b) {
        (BinOp::Add, Value::Str(x), Value::Str(y)) => {
            crate::error::check_items(x.len().saturating_add(y.len()), 1)?;
            let mut s = String::with_capacity(x.len() + y.len());
            s.push_str(x);
            s.push_str(y);
            Ok(Value::Str(s.into()))
        }
        (BinOp::Add, Value::Bytes(x), Value::Bytes(y)) => {
            crate::error::check_items(x.len().saturating_add(y.len()), 1)?;
            Ok(Value::Bytes([&x[..], &y[..]].concat().into()))
        }
        (BinOp::Add, Value::Bytes(_), _) => Err(type_error(format!("can't concat {} to bytes", b.type_name()))),
        (BinOp::Mul, Value::Bytes(s), n) | (BinOp::Mul, n, Value::Bytes(s))
            if matches!(n, Value::Int(_) | Value::Bool(_)) =>
        {
            let k = int_of(n);
            Ok(Value::Bytes(s.repeat(repeat(k, s.len(), 1)?).into()))
        }
        (BinOp::Add, Value::Str(_), _) => Err(type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            b.type_name()
        ))),
        (BinOp::Add, Value::List(x), Value::List(y)) => {
            let n = x.borrow().len().saturating_add(y.borrow().len());
            crate::error::check_items(n, std::mem::size_of::<Value>())?;
            let mut v = x.borrow().clone();
            v.extend(y.borrow().iter().cloned());
            Ok(Value::list(v))
        }
        (BinOp::Add, Value::List(_), _) => Err(type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            b.type_name()
        ))),
        (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
            crate::error::check_items(x.len().saturating_add(y.len()), std::mem::size_of::<Value>())?;
            let mut v = x.to_vec();
            v.extend(y.iter().cloned());
            Ok(Value::tuple(v))
        }
        (BinOp::Add, Value::Tuple(_), _) => Err(type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            b.type_name()
        ))),
        (BinOp::Mul, Value::Str(s), n) | (BinOp::Mul, n, Value::Str(s))
            if matches!(n, Value::Int(_) | Value::Bool(_)) =>
        {
            let k = int_of(n);
            Ok(Value::Str(s.repeat(repeat(k, s.len(), 1)?).into()))
        }
        (BinOp::Mul, Value::List(l), n) | (BinOp::Mul, n, Value::List(l))
            if matches!(n, Value::Int(_) | Value::Bool(_)) =>
        {
            let items = l.borrow();
            let k = repeat(int_of(n), items.len(), std::mem::size_of::<Value>())?;
            Ok(Value::list(
                items.iter().cloned().cycle().take(items.len() * k).collect(),
            ))
        }
        (BinOp::Mul, Value::Tuple(t), n) | (BinOp::Mul, n, Value::Tuple(t))
            if matches!(n, Value::Int(_) | Value::Bool(_)) =>
        {
            let k = repeat(int_of(n), t.len(), std::mem::size_of::<Value>())?;
            Ok(Value::tuple(t.iter().cloned().cycle().take(t.len() * k).collect()))
        }
        (BinOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_), Value::Long(_))
        | (BinOp::Mul, Value::Long(_), Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
            Err(exc("OverflowError", "cannot fit 'int' into an index-sized integer"))
        }
        (BinOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_), other)
        | (BinOp::Mul, other, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => Err(type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            other.type_name()
        ))),
        (BinOp::Mod, Value::Str(fmt), args) => super::format::percent_format(fmt, args),
        (BinOp::BitOr, Value::Dict(x), Value::Dict(y)) => {
            let mut d = x.borrow().clone();
            for (h, k, v) in y.borrow().entries() {
                d.insert(h.clone(), k.clone(), v.clone());
            }
            Ok(Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(d))))
        }
        _ => Err(unsupported(op, a, b)),
    }
}

fn int_of(v: &Value) -> i64 {
    match v {
        Value::Int(n) => *n,
        Value::Bool(b) => *b as i64,
        _ => 0,
    }
}

/// Augmented assignment: lists extend in place (`xs += ys` is seen through aliases);
/// everything else rebinds to the binary result.
pub fn inplace(op: BinOp, a: &Value, b: &Value) -> Res<Value> {
    if matches!(a, Value::Array(_) | Value::Tensor(_)) {
        return crate::nd::methods::inplace(op, a, b);
    }
    if let (BinOp::Add, Value::List(l)) = (op, a) {
        let extra: Vec<Value> = match b {
            Value::List(o) => o.borrow().clone(),
            Value::Tuple(t) => t.to_vec(),
            Value::Str(s) => s.chars().map(|c| Value::Str(c.to_string().into())).collect(),
            Value::Range(r) => (0..r.len()).map(|i| Value::Int(r.get(i))).collect(),
            Value::Dict(d) => d.borrow().keys(),
            _ => return Err(type_error(format!("'{}' object is not iterable", b.type_name()))),
        };
        l.borrow_mut().extend(extra);
        return Ok(a.clone());
    }
    binary(op, a, b)
}

thread_local! {
    /// Nesting of the comparison running now, and whether one went past CPython's limit.
    static EQ_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    static EQ_TOO_DEEP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `a == b`, or CPython's `RecursionError` when the values nest deeper than its limit
/// (two lists that contain themselves, 10⁵ levels of nesting).
pub fn checked_eq(a: &Value, b: &Value) -> Res<bool> {
    EQ_TOO_DEEP.with(|t| t.set(false));
    let r = eq(a, b);
    if EQ_TOO_DEEP.with(|t| t.replace(false)) {
        return Err(exc("RecursionError", "maximum recursion depth exceeded in comparison"));
    }
    Ok(r)
}

/// `a == b` with Python's semantics for builtin values. Past 1000 levels of nesting it
/// stops (false) and marks the comparison too deep for `checked_eq` to report.
pub fn eq(a: &Value, b: &Value) -> bool {
    let depth = EQ_DEPTH.with(std::cell::Cell::get);
    if depth >= 1000 {
        EQ_TOO_DEEP.with(|t| t.set(true));
        return false;
    }
    EQ_DEPTH.with(|d| d.set(depth + 1));
    let r = eq_inner(a, b);
    EQ_DEPTH.with(|d| d.set(depth));
    r
}

fn eq_inner(a: &Value, b: &Value) -> bool {
    match (a, b) {
        // `torch.device`s (and other named records) compare by their fields.
        (Value::Named(x), Value::Named(y)) => {
            x.type_name == y.type_name
                && x.fields.len() == y.fields.len()
                && x.fields
                    .iter()
                    .zip(&y.fields)
                    .all(|(p, q)| p.0 == q.0 && eq(&p.1, &q.1))
        }
        (Value::NpStr(x), Value::Str(y) | Value::NpStr(y)) | (Value::Str(x), Value::NpStr(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Bytes(x), Value::Bytes(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            if std::rc::Rc::ptr_eq(x, y) {
                return true;
            }
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| eq(p, q))
        }
        (Value::Tuple(x), Value::Tuple(y)) => x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| eq(p, q)),
        (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
            super::sets::set_compare(CmpOp::Eq, a, b).unwrap_or(false)
        }
        (Value::Dict(x), Value::Dict(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len() && x.entries().all(|(h, _, v)| y.get(h).is_some_and(|w| eq(v, w)))
        }
        (Value::Range(x), Value::Range(y)) => {
            let (n, m) = (x.len(), y.len());
            n == m && (n == 0 || (x.start == y.start && (n == 1 || x.step == y.step)))
        }
        (Value::Slice(x), Value::Slice(y)) => x.iter().zip(y.iter()).all(|(p, q)| eq(p, q)),
        // `a.dtype == np.int64`, `a.dtype == 'int64'`; NumPy and PyTorch dtypes never meet.
        (Value::DType(x, k), Value::DType(y, l)) => x == y && ((*k == DKind::Torch) == (*l == DKind::Torch)),
        // Only a dtype object reads strings and Python's types as dtypes
        // (`np.dtype('int64') == int`); the scalar types (`np.float64 == float`) and
        // torch's dtypes compare by identity.
        (Value::DType(d, k), Value::Str(s)) | (Value::Str(s), Value::DType(d, k)) => {
            *k == DKind::NpDType && crate::array::dtype::DType::from_numpy_name(s) == Some(*d)
        }
        (Value::DType(d, k), t @ Value::Type(_)) | (t @ Value::Type(_), Value::DType(d, k)) => {
            *k == DKind::NpDType && crate::nd::funcs::dtype_arg(t).ok().flatten() == Some(*d)
        }
        // torch.Size is a tuple.
        (Value::Size(x), Value::Size(y)) => x == y,
        (Value::Size(x), Value::Tuple(t)) | (Value::Tuple(t), Value::Size(x)) => {
            x.len() == t.len() && x.iter().zip(t.iter()).all(|(n, v)| eq(&Value::Int(*n as i64), v))
        }
        (Value::Complex(..), _) | (_, Value::Complex(..)) => {
            match (crate::value::complex::of(a), crate::value::complex::of(b)) {
                (Some((xr, xi)), Some((yr, yi))) if xi == yi => {
                    // The real parts compare exactly (an int against a float).
                    let re = |v: &Value, r: f64| match v {
                        Value::Complex(..) => Value::Float(r),
                        other => other.clone(),
                    };
                    let _ = (xr, yr);
                    eq_inner(&re(a, xr), &re(b, yr))
                }
                _ => false,
            }
        }
        // NumPy scalars compare by value (`[np.float64(1.0)] == [1.0]`).
        (Value::NpScalar(_), _) | (_, Value::NpScalar(_)) if !a.is(b) => {
            match crate::nd::ops::compare(CmpOp::Eq, a, b) {
                Some(Ok(v)) => v.truthy(),
                _ => false,
            }
        }
        _ => match (num(a), num(b)) {
            (Some(x), Some(y)) => num_cmp(&x, &y) == Some(Ordering::Equal),
            _ => a.is(b),
        },
    }
}

/// Exact comparison of an int with a float, as CPython does (no rounding of the int).
fn int_float_cmp(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f >= 9.223372036854775808e18 {
        return Some(Ordering::Less);
    }
    if f < -9.223372036854775808e18 {
        return Some(Ordering::Greater);
    }
    let fl = f.floor();
    match i.cmp(&(fl as i64)) {
        Ordering::Equal if f > fl => Some(Ordering::Less),
        o => Some(o),
    }
}

fn num_cmp(x: &Num, y: &Num) -> Option<Ordering> {
    match (x, y) {
        (Num::I(a), Num::I(b)) => Some(a.cmp(b)),
        (Num::F(a), Num::F(b)) => a.partial_cmp(b),
        (Num::I(a), Num::F(b)) => int_float_cmp(*a, *b),
        (Num::F(a), Num::I(b)) => int_float_cmp(*b, *a).map(Ordering::reverse),
        (Num::B(a), Num::B(b)) => Some(a.cmp(b)),
        (Num::B(a), Num::I(b)) => Some((**a).cmp(&BigInt::from(*b))),
        (Num::I(a), Num::B(b)) => Some(BigInt::from(*a).cmp(b)),
        (Num::B(a), Num::F(b)) => long::cmp_float(a, *b),
        (Num::F(a), Num::B(b)) => long::cmp_float(b, *a).map(Ordering::reverse),
    }
}

/// Ordering for `<`, `<=`, `>`, `>=`: `Ok(None)` when unordered (NaN), `Err` when the
/// types cannot be ordered.
pub fn order(a: &Value, b: &Value, sym: &str) -> Res<Option<Ordering>> {
    if let Value::NpStr(s) = a {
        return order(&Value::Str(s.clone()), b, sym);
    }
    if let Value::NpStr(s) = b {
        return order(a, &Value::Str(s.clone()), sym);
    }
    if crate::nd::as_nd(a).is_some() || crate::nd::as_nd(b).is_some() {
        // NumPy scalars and one-element arrays order by their values.
        let test = |op: CmpOp| -> Res<bool> {
            match crate::nd::ops::compare(op, a, b) {
                Some(r) => {
                    let v = r?;
                    match crate::nd::as_nd(&v) {
                        Some((_, x)) if x.numel() == 1 => Ok(crate::nd::item(x).truthy()),
                        Some(_) => Err(exc(
                            "ValueError",
                            "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
                        )),
                        None => Ok(v.truthy()),
                    }
                }
                None => Ok(false),
            }
        };
        return Ok(if test(CmpOp::Lt)? {
            Some(Ordering::Less)
        } else if test(CmpOp::Gt)? {
            Some(Ordering::Greater)
        } else if test(CmpOp::Eq)? {
            Some(Ordering::Equal)
        } else {
            None
        });
    }
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return Ok(num_cmp(&x, &y));
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Ok(Some(x.cmp(y))),
        (Value::Bytes(x), Value::Bytes(y)) => Ok(Some(x.cmp(y))),
        (Value::List(x), Value::List(y)) => {
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            seq_order(&x, &y, sym)
        }
        (Value::Tuple(x), Value::Tuple(y)) => seq_order(x, y, sym),
        // Slices order as the tuples (start, stop, step).
        (Value::Slice(x), Value::Slice(y)) => seq_order(&x[..], &y[..], sym),
        _ => Err(type_error(format!(
            "'{sym}' not supported between instances of '{}' and '{}'",
            a.type_name(),
            b.type_name()
        ))),
    }
}

fn seq_order(x: &[Value], y: &[Value], sym: &str) -> Res<Option<Ordering>> {
    for (p, q) in x.iter().zip(y.iter()) {
        if !eq(p, q) {
            return order(p, q, sym);
        }
    }
    Ok(Some(x.len().cmp(&y.len())))
}

/// A comparison's value: a bool, or for arrays and tensors an elementwise result.
pub fn compare_value(interp: &mut Interp, op: CmpOp, a: &Value, b: &Value) -> Res<Value> {
    if let Some(r) = crate::nd::objects::compare(interp, op, a, b) {
        return r;
    }
    if let Some(pair) = crate::nd::ops::long_operand(a, b) {
        let (a, b) = pair?;
        return compare_value(interp, op, &a, &b);
    }
    if let Some(r) = crate::nd::ops::compare(op, a, b) {
        return r;
    }
    compare(interp, op, a, b).map(Value::Bool)
}

pub fn compare(interp: &mut Interp, op: CmpOp, a: &Value, b: &Value) -> Res<bool> {
    Ok(match op {
        CmpOp::Eq => interp.values_equal(a, b)?,
        CmpOp::Ne => !interp.values_equal(a, b)?,
        CmpOp::Is => a.is(b),
        CmpOp::IsNot => !a.is(b),
        CmpOp::In => contains(interp, b, a)?,
        CmpOp::NotIn => !contains(interp, b, a)?,
        CmpOp::Lt => order(a, b, "<")? == Some(Ordering::Less),
        CmpOp::Le => matches!(order(a, b, "<=")?, Some(Ordering::Less | Ordering::Equal)),
        CmpOp::Gt => order(a, b, ">")? == Some(Ordering::Greater),
        CmpOp::Ge => matches!(order(a, b, ">=")?, Some(Ordering::Greater | Ordering::Equal)),
    })
}

/// `item in container`.
pub fn contains(interp: &mut Interp, container: &Value, item: &Value) -> Res<bool> {
    if let Some(r) = super::sets::set_contains(interp, container, item) {
        return r;
    }
    match container {
        Value::Str(s) => match item {
            Value::Str(sub) => Ok(s.contains(&**sub)),
            _ => Err(type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                item.type_name()
            ))),
        },
        Value::Bytes(b) => match item {
            Value::Int(n) if (0..256).contains(n) => Ok(b.contains(&(*n as u8))),
            Value::Int(_) => Err(exc("ValueError", "byte must be in range(0, 256)")),
            Value::Bytes(sub) => Ok(sub.is_empty() || b.windows(sub.len()).any(|w| w == &sub[..])),
            other => Err(type_error(format!(
                "a bytes-like object is required, not '{}'",
                other.type_name()
            ))),
        },
        Value::List(l) => {
            for x in l.borrow().clone().iter() {
                if x.is(item) || interp.values_equal(x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        // `torch.Size` is a tuple of ints.
        Value::Size(dims) => {
            for &d in dims.iter() {
                if interp.values_equal(&Value::Int(d as i64), item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Tuple(t) => {
            for x in t.iter() {
                if x.is(item) || interp.values_equal(x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Object(o) => {
            let args = crate::value::Args {
                pos: vec![item.clone()],
                kw: Vec::new(),
            };
            let r = interp.object_method(container, o, crate::syntax::symbol::Sym::new("__contains__"), args)?;
            Ok(r.truthy())
        }
        Value::Dict(d) => {
            let h = interp.hkey(item)?;
            Ok(d.borrow().contains(&h))
        }
        Value::Range(r) => Ok(match item {
            Value::Int(_) | Value::Bool(_) | Value::Float(_) => {
                let n = match item {
                    Value::Float(x) if x.fract() != 0.0 => return Ok(false),
                    Value::Float(x) => *x as i64,
                    other => int_of(other),
                };
                let len = r.len128();
                len > 0 && {
                    let off = n as i128 - r.start as i128;
                    off % r.step as i128 == 0 && (0..len).contains(&(off / r.step as i128))
                }
            }
            _ => false,
        }),
        Value::DictView(d, crate::value::ViewKind::Keys) => {
            let h = interp.hkey(item)?;
            Ok(d.borrow().contains(&h))
        }
        Value::Iter(_) | Value::DictView(..) => {
            let mut it = interp.iterate(container)?;
            while let Some(x) = it.next(interp)? {
                if eq(&x, item) {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(type_error(format!(
            "argument of type '{}' is not iterable",
            container.type_name()
        ))),
    }
}
