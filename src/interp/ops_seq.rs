//! Binary operators between sequences and the values that act on them like Python's
//! sequences: `torch.Size` concatenated and repeated (staying a Size), and NumPy
//! integer scalars repeating a list, tuple or str (`np.int64(2) * [1, 2]`).

use super::ops::binary as any_binary;
use crate::error::{Res, type_error};
use crate::syntax::ast::BinOp;
use crate::value::Value;

/// `a op b` when one side is a `torch.Size`, or a NumPy scalar times a sequence;
/// `None` for every other pair.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> Option<Res<Value>> {
    // `torch.Size` concatenates and repeats as the tuple it is, staying a Size.
    if matches!(a, Value::Size(_)) || matches!(b, Value::Size(_)) {
        if let Some(r) = size_binary(op, a, b) {
            return Some(r);
        }
    }
    // `np.int64(2) * [1, 2]`: the sequence repeats (an integer scalar has `__index__`);
    // NumPy does not turn the list into an array here.
    if op == BinOp::Mul {
        let seq = |v: &Value| matches!(v, Value::List(_) | Value::Tuple(_) | Value::Str(_));
        let scalar = match (a, b) {
            (Value::NpScalar(s), o) if seq(o) => Some((s, a)),
            (o, Value::NpScalar(s)) if seq(o) => Some((s, b)),
            _ => None,
        };
        if let Some((s, sv)) = scalar {
            if !s.dtype.is_int() {
                return Some(Err(type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    sv.type_name()
                ))));
            }
            let n = crate::nd::item(s);
            return Some(match a {
                Value::NpScalar(_) => any_binary(op, &n, b),
                _ => any_binary(op, a, &n),
            });
        }
    }
    None
}

/// `torch.Size` `+` a tuple or Size (either side) and `*` an int: a Size, whose items
/// must be ints (PyTorch's message names the first that is not).
fn size_binary(op: BinOp, a: &Value, b: &Value) -> Option<Res<Value>> {
    let items = |v: &Value| -> Option<Vec<Value>> {
        match v {
            Value::Size(s) => Some(s.iter().map(|&n| Value::Int(n as i64)).collect()),
            Value::Tuple(t) => Some(t.to_vec()),
            _ => None,
        }
    };
    let joined: Vec<Value> = match (op, a, b) {
        (BinOp::Add, _, _) => {
            let mut x = items(a)?;
            x.extend(items(b)?);
            x
        }
        (BinOp::Mul, Value::Size(_), Value::Int(n)) | (BinOp::Mul, Value::Int(n), Value::Size(_)) => {
            let s = items(if matches!(a, Value::Size(_)) { a } else { b })?;
            let times = usize::try_from(*n).unwrap_or(0);
            s.iter().cycle().take(s.len() * times).cloned().collect()
        }
        _ => return None,
    };
    let mut dims = Vec::with_capacity(joined.len());
    for (i, v) in joined.iter().enumerate() {
        match v {
            Value::Int(n) if *n >= 0 => dims.push(*n as usize),
            Value::Int(_) | Value::Bool(_) => return Some(Ok(Value::tuple(joined))),
            other => {
                return Some(Err(type_error(format!(
                    "torch.Size() takes an iterable of 'int' (item {i} is '{}')",
                    other.type_name()
                ))));
            }
        }
    }
    Some(Ok(Value::Size(dims.into())))
}
