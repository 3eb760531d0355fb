//! The common cases of operators on Python numbers, answered before the general
//! operator code (which first asks whether an operand is an array or a tensor). Each
//! gives exactly what `ops` gives, or `None` to leave the case to it.

use crate::error::Res;
use crate::interp::Interp;
use crate::syntax::ast::{BinOp, CmpOp};
use crate::value::Value;

#[inline(always)]
pub fn binary(op: BinOp, a: &Value, b: &Value) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => match op {
            BinOp::Add => x.checked_add(*y).map(Value::Int),
            BinOp::Sub => x.checked_sub(*y).map(Value::Int),
            BinOp::Mul => x.checked_mul(*y).map(Value::Int),
            _ => None,
        },
        (Value::Float(x), Value::Float(y)) => match op {
            BinOp::Add => Some(Value::Float(x + y)),
            BinOp::Sub => Some(Value::Float(x - y)),
            BinOp::Mul => Some(Value::Float(x * y)),
            BinOp::Div if *y != 0.0 => Some(Value::Float(x / y)),
            _ => None,
        },
        _ => None,
    }
}

#[inline(always)]
pub fn compare(op: CmpOp, a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => ordered(op, x, y),
        (Value::Float(x), Value::Float(y)) => ordered(op, x, y),
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
