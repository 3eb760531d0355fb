//! The common cases of operators on Python numbers, answered before the general
//! operator code (which first asks whether an operand is an array or a tensor). Each
//! gives exactly what `ops` gives, or `None` to leave the case to it.

use crate::error::Res;
use crate::interp::Interp;
use crate::syntax::ast::{BinOp, CmpOp};
use crate::syntax::symbol::Sym;
use crate::value::Value;

/// Integers within this magnitude convert to float exactly.
const EXACT: u64 = 1 << 53;

#[inline(always)]
pub fn binary(op: BinOp, a: &Value, b: &Value) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => int_binary(op, *x, *y),
        (Value::Float(x), Value::Float(y)) => float_binary(op, *x, *y),
        // Python converts the int to the nearest float, as `as` does.
        (Value::Int(x), Value::Float(y)) => float_binary(op, *x as f64, *y),
        (Value::Float(x), Value::Int(y)) => float_binary(op, *x, *y as f64),
        _ => None,
    }
}

#[inline(always)]
fn int_binary(op: BinOp, x: i64, y: i64) -> Option<Value> {
    match op {
        BinOp::Add => x.checked_add(y).map(Value::Int),
        BinOp::Sub => x.checked_sub(y).map(Value::Int),
        BinOp::Mul => x.checked_mul(y).map(Value::Int),
        // Python's floor division and modulo: the remainder takes the divisor's sign.
        BinOp::Mod if y != 0 => {
            let r = x.checked_rem(y)?;
            Some(Value::Int(if r != 0 && (r < 0) != (y < 0) { r + y } else { r }))
        }
        BinOp::FloorDiv if y != 0 => {
            let q = x.checked_div(y)?;
            let r = x - q * y;
            Some(Value::Int(if r != 0 && (r < 0) != (y < 0) { q - 1 } else { q }))
        }
        // Both exact as floats: one correctly rounded division, as Python's.
        BinOp::Div if y != 0 && x.unsigned_abs() <= EXACT && y.unsigned_abs() <= EXACT => {
            Some(Value::Float(x as f64 / y as f64))
        }
        _ => None,
    }
}

#[inline(always)]
fn float_binary(op: BinOp, x: f64, y: f64) -> Option<Value> {
    match op {
        BinOp::Add => Some(Value::Float(x + y)),
        BinOp::Sub => Some(Value::Float(x - y)),
        BinOp::Mul => Some(Value::Float(x * y)),
        BinOp::Div if y != 0.0 => Some(Value::Float(x / y)),
        _ => None,
    }
}

#[inline(always)]
pub fn compare(op: CmpOp, a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => ordered(op, x, y),
        (Value::Float(x), Value::Float(y)) => ordered(op, x, y),
        // Exact comparisons only: a large int against a float is left to `ops`.
        (Value::Int(x), Value::Float(y)) if x.unsigned_abs() <= EXACT => ordered(op, &(*x as f64), y),
        (Value::Float(x), Value::Int(y)) if y.unsigned_abs() <= EXACT => ordered(op, x, &(*y as f64)),
        _ => None,
    }
}

#[inline(always)]
fn ordered<T: PartialOrd>(op: CmpOp, x: &T, y: &T) -> Option<bool> {
    Some(match op {
        CmpOp::Lt => x < y,
        CmpOp::Le => x <= y,
        CmpOp::Gt => x > y,
        CmpOp::Ge => x >= y,
        CmpOp::Eq => x == y,
        CmpOp::Ne => x != y,
        _ => return None,
    })
}

#[inline(always)]
pub fn truth(interp: &mut Interp, v: &Value) -> Res<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::Int(i) => Ok(*i != 0),
        Value::None => Ok(false),
        Value::Object(_) => match interp.special_truth(v) {
            Some(r) => r,
            None => interp.truth(v),
        },
        _ => interp.truth(v),
    }
}

/// `xs.append(v)`, `d.get(k)` and `d.get(k, default)` with positional arguments, the
/// commonest calls of builtin methods: answered on the stack, without the argument
/// vector and the dispatch by name of the general method code. `Ok(false)` leaves the
/// call to it (nothing on the stack has changed then).
#[inline]
pub fn method(interp: &mut Interp, stack: &mut Vec<Value>, name: Sym, n: usize) -> Res<bool> {
    let Some(at) = stack.len().checked_sub(n + 1) else {
        return Ok(false);
    };
    match (&stack[at], n) {
        (Value::List(_), 1) if name == crate::sym!("append") => {
            let (v, list) = (stack.pop(), stack.pop());
            if let (Some(v), Some(Value::List(l))) = (v, list) {
                l.borrow_mut().push(v);
            }
            stack.push(Value::None);
            Ok(true)
        }
        (Value::Dict(_), 1 | 2) if name == crate::sym!("get") => {
            let default = if n == 2 { stack.pop() } else { None };
            let (key, dict) = (stack.pop(), stack.pop());
            let (Some(key), Some(Value::Dict(d))) = (key, dict) else {
                return Err(super::stack_error());
            };
            let h = interp.hkey(&key)?;
            let found = d.borrow().get(&h).cloned();
            stack.push(found.or(default).unwrap_or(Value::None));
            Ok(true)
        }
        _ => Ok(false),
    }
}
