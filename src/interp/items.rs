//! Indexing of the builtin containers and of instances with `__getitem__` and its
//! kin: `o[i]`, `o[i] = v`, `del o[i]`, with Python's indices, slices and messages.

use super::Interp;
use crate::error::{Res, exc, type_error};
use crate::value::{Args, Range, Value};
use std::rc::Rc;

impl Interp {
    pub fn get_item(&mut self, o: &Value, i: &Value) -> Res<Value> {
        if matches!(o, Value::Object(_) | Value::Exception(_))
            && let Some(r) = self.special_item(o, crate::sym!("__getitem__"), vec![i.clone()])
        {
            return r;
        }
        match o {
            Value::Object(obj) => {
                let args = Args {
                    pos: vec![i.clone()],
                    kw: Vec::new(),
                };
                self.object_method(o, obj, crate::sym!("__getitem__"), args)
                    .map_err(|e| {
                        if e.kind == "AttributeError" && e.msg.ends_with("has no attribute '__getitem__'") {
                            type_error(format!("'{}' object is not subscriptable", o.type_name()))
                        } else {
                            e
                        }
                    })
            }
            Value::List(l) => {
                if let Value::Slice(s) = i {
                    let items = l.borrow();
                    return Ok(Value::list(slice_vec(&items, s)?));
                }
                let items = l.borrow();
                let k = seq_index(i, items.len(), "list")?;
                Ok(items[k].clone())
            }
            Value::Tuple(t) => {
                if let Value::Slice(s) = i {
                    return Ok(Value::tuple(slice_vec(t, s)?));
                }
                let k = seq_index(i, t.len(), "tuple")?;
                Ok(t[k].clone())
            }
            // An ASCII string's characters are its bytes.
            Value::Str(s) if s.is_ascii() && !matches!(i, Value::Slice(_)) => {
                let k = seq_index(i, s.len(), "string")?;
                Ok(Value::Str(s[k..k + 1].into()))
            }
            Value::Str(s) => {
                let chars: Vec<char> = s.chars().collect();
                if let Value::Slice(sl) = i {
                    let (start, _stop, step, n) = slice_indices(sl, chars.len())?;
                    let mut out = String::new();
                    for j in 0..n {
                        out.push(chars[(start + j as i64 * step) as usize]);
                    }
                    return Ok(Value::Str(out.into()));
                }
                let k = seq_index(i, chars.len(), "string")?;
                Ok(Value::Str(chars[k].to_string().into()))
            }
            Value::Bytes(b) => {
                if let Value::Slice(sl) = i {
                    let (start, _stop, step, n) = slice_indices(sl, b.len())?;
                    let out: Vec<u8> = (0..n).map(|j| b[(start + j as i64 * step) as usize]).collect();
                    return Ok(Value::Bytes(out.into()));
                }
                let k = seq_index(i, b.len(), "index")?;
                Ok(Value::Int(b[k] as i64))
            }
            Value::Range(r) => {
                let len = r.len() as usize;
                if let Value::Slice(sl) = i {
                    // In wide integers: a range may hold more than i64 counts.
                    let (start, stop, step, _) = slice_indices_wide(sl, r.len128())?;
                    // Computed wide: a bound or step past 64 bits is refused, not wrapped.
                    let fit = |v: i128| {
                        i64::try_from(v)
                            .map_err(|_| exc("OverflowError", "Python int too large to convert to C ssize_t"))
                    };
                    let at = |i: i128| fit(r.start as i128 + i * r.step as i128);
                    let step = r.step as i128 * step.clamp(-(1 << 64), 1 << 64);
                    return Ok(Value::Range(Rc::new(Range {
                        start: at(start)?,
                        stop: at(stop)?,
                        step: fit(step)?,
                    })));
                }
                if r.len128() > i64::MAX as i128
                    && let Value::Int(n) = i
                {
                    // More items than i64 counts: index in i128.
                    let total = r.len128();
                    let k = if *n < 0 { *n as i128 + total } else { *n as i128 };
                    if !(0..total).contains(&k) {
                        return Err(exc("IndexError", "range object index out of range"));
                    }
                    return Ok(Value::Int((r.start as i128 + k * r.step as i128) as i64));
                }
                let k = seq_index(i, len, "range object")?;
                Ok(Value::Int(r.get(k as i64)))
            }
            Value::Dict(d) => {
                let h = self.hkey(i)?;
                match d.borrow().get(&h) {
                    Some(v) => Ok(v.clone()),
                    None => Err(crate::value::exception::key_error(i)),
                }
            }
            Value::Type(t) => Ok(Value::Type(*t)),
            Value::Size(s) => {
                let items: Vec<Value> = s.iter().map(|&n| Value::Int(n as i64)).collect();
                if let Value::Slice(sl) = i {
                    return Ok(Value::Size(
                        slice_vec(&items, sl)?
                            .iter()
                            .map(|v| if let Value::Int(n) = v { *n as usize } else { 0 })
                            .collect(),
                    ));
                }
                let k = seq_index(i, items.len(), "tuple")?;
                Ok(items[k].clone())
            }
            Value::ObjArray(a) => crate::nd::objects::get(a, i),
            Value::NpStr(s) => self.get_item(&Value::Str(s.clone()), i),
            Value::Named(n) => {
                let items: Vec<Value> = n.fields.iter().map(|(_, v)| v.clone()).collect();
                let k = seq_index(i, items.len(), "tuple")?;
                Ok(items[k].clone())
            }
            _ => match crate::nd::as_nd(o) {
                Some((lib, a)) if !matches!(o, Value::NpScalar(_)) => {
                    let r = crate::nd::index::get(lib, a, i)?;
                    if matches!(o, Value::Tensor(_)) {
                        let r = crate::nd::record::index(r, o, i)?;
                        crate::nd::device::follow(r, crate::nd::device::on_gpu(a))
                    } else {
                        Ok(r)
                    }
                }
                _ => Err(type_error(format!("'{}' object is not subscriptable", o.type_name()))),
            },
        }
    }

    pub fn set_item(&mut self, o: &Value, i: Value, v: Value) -> Res<()> {
        if matches!(o, Value::Object(_) | Value::Exception(_))
            && let Some(r) = self.special_item(o, crate::sym!("__setitem__"), vec![i.clone(), v.clone()])
        {
            return r.map(|_| ());
        }
        match o {
            Value::List(l) => {
                if let Value::Slice(s) = &i {
                    let new = self.to_vec(&v).map_err(|_| type_error("can only assign an iterable"))?;
                    let mut items = l.borrow_mut();
                    let len = items.len();
                    let (start, stop, step, n) = slice_indices(s, len)?;
                    if step == 1 {
                        let stop = stop.max(start) as usize;
                        items.splice(start as usize..stop, new);
                    } else {
                        if new.len() != n {
                            return Err(exc(
                                "ValueError",
                                format!(
                                    "attempt to assign sequence of size {} to extended slice of size {n}",
                                    new.len()
                                ),
                            ));
                        }
                        for (j, x) in new.into_iter().enumerate() {
                            items[(start + j as i64 * step) as usize] = x;
                        }
                    }
                    return Ok(());
                }
                let mut items = l.borrow_mut();
                let len = items.len();
                let k = seq_index(&i, len, "list assignment").map_err(|e| {
                    if e.kind == "IndexError" {
                        exc("IndexError", "list assignment index out of range")
                    } else {
                        e
                    }
                })?;
                items[k] = v;
                Ok(())
            }
            Value::Dict(d) => {
                let h = self.hkey(&i)?;
                d.borrow_mut().insert(h, i, v);
                Ok(())
            }
            Value::Array(a) => crate::nd::index::set(crate::value::Lib::Numpy, a, &i, &v),
            Value::ObjArray(a) => crate::nd::objects::set(a, &i, &v),
            Value::Tensor(t) => {
                crate::nd::methods::check_inplace(o, true)?;
                if crate::nd::record::needs(&[o, &v]) {
                    return crate::nd::record::set_item(t, &i, &v);
                }
                crate::nd::index::set(crate::value::Lib::Torch, &t.data(), &i, &v)
            }
            _ => Err(type_error(format!(
                "'{}' object does not support item assignment",
                o.type_name()
            ))),
        }
    }

    pub fn del_item(&mut self, o: &Value, i: &Value) -> Res<()> {
        if matches!(o, Value::Object(_) | Value::Exception(_))
            && let Some(r) = self.special_item(o, crate::sym!("__delitem__"), vec![i.clone()])
        {
            return r.map(|_| ());
        }
        match o {
            Value::List(l) => {
                let mut items = l.borrow_mut();
                if let Value::Slice(s) = i {
                    let (start, _stop, step, n) = slice_indices(s, items.len())?;
                    let mut idx: Vec<usize> = (0..n).map(|j| (start + j as i64 * step) as usize).collect();
                    idx.sort_unstable();
                    for k in idx.into_iter().rev() {
                        items.remove(k);
                    }
                    return Ok(());
                }
                let k = seq_index(i, items.len(), "list assignment").map_err(|e| {
                    if e.kind == "IndexError" {
                        exc("IndexError", "list assignment index out of range")
                    } else {
                        e
                    }
                })?;
                items.remove(k);
                Ok(())
            }
            Value::Dict(d) => {
                let h = self.hkey(i)?;
                match d.borrow_mut().remove(&h) {
                    Some(_) => Ok(()),
                    None => Err(crate::value::exception::key_error(i)),
                }
            }
            _ => Err(type_error(format!(
                "'{}' object doesn't support item deletion",
                o.type_name()
            ))),
        }
    }
}

/// An index into a sequence of `len`, with Python's negative indices and messages.
pub fn seq_index(i: &Value, len: usize, what: &str) -> Res<usize> {
    let n = match i {
        Value::Int(n) => *n,
        Value::Bool(b) => *b as i64,
        Value::Long(_) => return Err(exc("IndexError", "cannot fit 'int' into an index-sized integer")),
        Value::NpScalar(_) | Value::Tensor(_) | Value::Array(_) if super::builtins::int_arg(i).is_ok() => {
            super::builtins::int_arg(i)?
        }
        _ => {
            let t = i.type_name();
            return Err(type_error(match what {
                "string" => format!("string indices must be integers, not '{t}'"),
                "range object" => format!("range indices must be integers or slices, not {t}"),
                "list assignment" => format!("list indices must be integers or slices, not {t}"),
                _ => format!("{what} indices must be integers or slices, not {t}"),
            }));
        }
    };
    let k = if n < 0 { n + len as i64 } else { n };
    if k < 0 || k >= len as i64 {
        return Err(exc("IndexError", format!("{what} index out of range")));
    }
    Ok(k as usize)
}

fn slice_part(v: &Value) -> Res<Option<i128>> {
    match v {
        Value::None => Ok(None),
        Value::Int(n) => Ok(Some(*n as i128)),
        Value::Bool(b) => Ok(Some(*b as i128)),
        // Past 64 bits: any such bound lies beyond every length, so saturating keeps it
        // where it clamps to.
        Value::Long(b) => Ok(Some(num_traits::ToPrimitive::to_i128(&**b).unwrap_or(
            if b.sign() == num_bigint::Sign::Minus {
                -(1 << 120)
            } else {
                1 << 120
            },
        ))),
        _ => Err(type_error(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// Python's `slice.indices(len)` in wide integers: (start, stop, step, number of
/// items), for lengths past 64 bits (a range's) and bounds of any size.
pub fn slice_indices_wide(s: &[Value; 3], len: i128) -> Res<(i128, i128, i128, i128)> {
    let step = slice_part(&s[2])?.unwrap_or(1);
    if step == 0 {
        return Err(exc("ValueError", "slice step cannot be zero"));
    }
    let clamp = |v: Option<i128>, default: i128| -> i128 {
        match v {
            None => default,
            Some(v) => {
                let v = if v < 0 { v + len } else { v };
                if step > 0 {
                    v.clamp(0, len)
                } else {
                    v.clamp(-1, len - 1)
                }
            }
        }
    };
    let (start, stop) = if step > 0 {
        (clamp(slice_part(&s[0])?, 0), clamp(slice_part(&s[1])?, len))
    } else {
        (clamp(slice_part(&s[0])?, len - 1), clamp(slice_part(&s[1])?, -1))
    };
    let n = if step > 0 {
        if stop > start {
            (stop - start + step - 1) / step
        } else {
            0
        }
    } else if start > stop {
        (start - stop - step - 1) / (-step)
    } else {
        0
    };
    Ok((start, stop, step, n))
}

/// Python's `slice.indices(len)`: (start, stop, step, number of items).
pub fn slice_indices(s: &[Value; 3], len: usize) -> Res<(i64, i64, i64, usize)> {
    let (start, stop, step, n) = slice_indices_wide(s, len as i128)?;
    // |step| beyond the length only ever takes one item; keep it representable.
    let step = step.clamp(-(i64::MAX as i128), i64::MAX as i128) as i64;
    Ok((start as i64, stop as i64, step, n as usize))
}

pub fn slice_vec(items: &[Value], s: &[Value; 3]) -> Res<Vec<Value>> {
    let (start, _stop, step, n) = slice_indices(s, items.len())?;
    Ok((0..n)
        .map(|j| items[(start + j as i64 * step) as usize].clone())
        .collect())
}

/// `slice.indices(length)`: the bounds the slice takes of a sequence of that length.
pub fn slice_indices_method(s: &[Value; 3], args: Args) -> Res<Value> {
    if !args.kw.is_empty() {
        return Err(type_error("slice.indices() takes no keyword arguments"));
    }
    let [len] = args.pos.as_slice() else {
        return Err(type_error(format!(
            "slice.indices() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    };
    let len: i128 = match len {
        Value::Int(n) => *n as i128,
        Value::Bool(b) => *b as i128,
        Value::Long(b) => num_traits::ToPrimitive::to_i128(&**b).ok_or_else(|| {
            exc(
                "OverflowError",
                "nt cannot take slice.indices() of a length past 128 bits",
            )
        })?,
        other => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )));
        }
    };
    if len < 0 {
        return Err(exc("ValueError", "length should not be negative"));
    }
    let (start, stop, _, _) = slice_indices_wide(s, len)?;
    let step = match &s[2] {
        Value::None => Value::Int(1),
        Value::Bool(b) => Value::Int(*b as i64),
        v => v.clone(),
    };
    let int = |v: i128| crate::value::long::norm(num_bigint::BigInt::from(v));
    Ok(Value::tuple(vec![int(start), int(stop), step]))
}
