//! list, dict, tuple and range methods.

use super::{exactly_one, no_args};
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::interp::builtins::{arity, int_arg, kwarg, no_kw};
use crate::value::dict::Dict;
use crate::value::repr::repr;
use crate::value::{Args, Value, ViewKind};
use std::cell::RefCell;
use std::rc::Rc;

/// Resolves optional `start`/`stop` arguments of `index` to a clamped range.
fn bounds(args: &[Value], len: usize) -> Res<(usize, usize)> {
    let clamp = |v: i64| -> usize {
        let v = if v < 0 { v + len as i64 } else { v };
        v.clamp(0, len as i64) as usize
    };
    let start = match args.first() {
        Some(v) => clamp(int_arg(v)?),
        None => 0,
    };
    let stop = match args.get(1) {
        Some(v) => clamp(int_arg(v)?),
        None => len,
    };
    Ok((start, stop))
}

pub fn seq_count_index(interp: &mut Interp, items: &[Value], tname: &str, m: &str, args: Args) -> Res<Value> {
    match m {
        "count" => {
            exactly_one(&args, &format!("{tname}.count"))?;
            let mut n = 0;
            for x in items {
                if x.is(&args.pos[0]) || interp.values_equal(x, &args.pos[0])? {
                    n += 1;
                }
            }
            Ok(Value::Int(n))
        }
        _ => {
            no_kw(&args, "index")?;
            arity(&args, "index", 1, 3)?;
            let (start, stop) = bounds(&args.pos[1..], items.len())?;
            for (i, x) in items.iter().enumerate().take(stop).skip(start) {
                if x.is(&args.pos[0]) || interp.values_equal(x, &args.pos[0])? {
                    return Ok(Value::Int(i as i64));
                }
            }
            Err(exc(
                "ValueError",
                match tname {
                    "list" => format!("{} is not in list", interp.display(&args.pos[0], false)?),
                    "range" => format!("{} is not in range", repr(&args.pos[0])),
                    _ => format!("{tname}.index(x): x not in {tname}"),
                },
            ))
        }
    }
}

pub fn list(interp: &mut Interp, this: &Value, l: &Rc<RefCell<Vec<Value>>>, m: &str, mut args: Args) -> Res<Value> {
    match m {
        "append" => {
            exactly_one(&args, "list.append")?;
            let v = args.pos.pop().unwrap_or(Value::None);
            l.borrow_mut().push(v);
        }
        "extend" => {
            exactly_one(&args, "list.extend")?;
            let items = interp.to_vec(&args.pos[0])?;
            l.borrow_mut().extend(items);
        }
        "pop" => {
            no_kw(&args, "pop")?;
            arity(&args, "pop", 0, 1)?;
            let mut items = l.borrow_mut();
            if items.is_empty() {
                return Err(exc("IndexError", "pop from empty list"));
            }
            let len = items.len() as i64;
            let i = match args.pos.first() {
                Some(v) => int_arg(v)?,
                None => -1,
            };
            let k = if i < 0 { i + len } else { i };
            if k < 0 || k >= len {
                return Err(exc("IndexError", "pop index out of range"));
            }
            return Ok(items.remove(k as usize));
        }
        "insert" => {
            no_kw(&args, "insert")?;
            arity(&args, "insert", 2, 2)?;
            let i = int_arg(&args.pos[0])?;
            let mut items = l.borrow_mut();
            let len = items.len() as i64;
            let k = if i < 0 { (i + len).max(0) } else { i.min(len) };
            items.insert(k as usize, args.pos[1].clone());
        }
        "remove" => {
            exactly_one(&args, "list.remove")?;
            let snapshot = l.borrow().clone();
            let mut found = None;
            for (k, x) in snapshot.iter().enumerate() {
                if x.is(&args.pos[0]) || interp.values_equal(x, &args.pos[0])? {
                    found = Some(k);
                    break;
                }
            }
            match found {
                Some(k) => {
                    l.borrow_mut().remove(k);
                }
                None => return Err(exc("ValueError", "list.remove(x): x not in list")),
            }
        }
        "index" | "count" => {
            let snapshot = l.borrow().clone();
            return seq_count_index(interp, &snapshot, "list", m, args);
        }
        "sort" => {
            let key = kwarg(&mut args, "key");
            let reverse = kwarg(&mut args, "reverse").is_some_and(|v| v.truthy());
            if let Some((k, _)) = args.kw.first() {
                return Err(type_error(format!("sort() got an unexpected keyword argument '{k}'")));
            }
            if !args.pos.is_empty() {
                return Err(type_error("sort() takes no positional arguments"));
            }
            // A failing key function leaves the list as it was; a failing comparison
            // leaves it partly sorted, as CPython's does.
            let items = l.borrow().clone();
            let (sorted, err) = crate::interp::builtins::sort_partial(interp, items, key, reverse)?;
            *l.borrow_mut() = sorted;
            if let Some(e) = err {
                return Err(e);
            }
        }
        "reverse" => {
            no_args(&args, "list.reverse")?;
            l.borrow_mut().reverse();
        }
        "copy" => {
            no_args(&args, "list.copy")?;
            return Ok(Value::list(l.borrow().clone()));
        }
        "clear" => {
            no_args(&args, "list.clear")?;
            l.borrow_mut().clear();
        }
        _ => return Err(interp.no_attribute(this, crate::syntax::symbol::Sym::new(m))),
    }
    Ok(Value::None)
}

pub fn dict(interp: &mut Interp, d: &Rc<RefCell<Dict>>, m: &str, mut args: Args) -> Res<Value> {
    match m {
        "keys" | "values" | "items" => {
            no_args(&args, &format!("dict.{m}"))?;
            let kind = match m {
                "keys" => ViewKind::Keys,
                "values" => ViewKind::Values,
                _ => ViewKind::Items,
            };
            Ok(Value::DictView(d.clone(), kind))
        }
        "get" => {
            no_kw(&args, "get")?;
            arity(&args, "get", 1, 2)?;
            let h = interp.hkey(&args.pos[0])?;
            Ok(d.borrow()
                .get(&h)
                .cloned()
                .unwrap_or_else(|| args.pos.get(1).cloned().unwrap_or(Value::None)))
        }
        "pop" => {
            no_kw(&args, "pop")?;
            arity(&args, "pop", 1, 2)?;
            let h = interp.hkey(&args.pos[0])?;
            let removed = d.borrow_mut().remove(&h);
            match (removed, args.pos.get(1)) {
                (Some((_, v)), _) => Ok(v),
                (None, Some(default)) => Ok(default.clone()),
                (None, None) => Err(crate::value::exception::key_error(&args.pos[0])),
            }
        }
        "popitem" => {
            no_args(&args, "dict.popitem")?;
            let last = d.borrow_mut().pop_last();
            match last {
                Some((k, v)) => Ok(Value::tuple(vec![k, v])),
                None => Err(exc("KeyError", "'popitem(): dictionary is empty'")),
            }
        }
        "setdefault" => {
            no_kw(&args, "setdefault")?;
            arity(&args, "setdefault", 1, 2)?;
            let h = interp.hkey(&args.pos[0])?;
            let existing = d.borrow().get(&h).cloned();
            match existing {
                Some(v) => Ok(v),
                None => {
                    let v = args.pos.get(1).cloned().unwrap_or(Value::None);
                    d.borrow_mut().insert(h, args.pos[0].clone(), v.clone());
                    Ok(v)
                }
            }
        }
        "update" => {
            arity(&args, "update", 0, 1)?;
            let mut pairs: Vec<(Value, Value)> = Vec::new();
            if let Some(src) = args.pos.first() {
                match src {
                    Value::Dict(o) => pairs.extend(o.borrow().iter().map(|(k, v)| (k.clone(), v.clone()))),
                    other => pairs.extend(crate::interp::builtins::pairs_of(interp, other)?),
                }
            }
            for (k, v) in args.kw.drain(..) {
                pairs.push((Value::Str(k.as_str().into()), v));
            }
            let mut keyed = Vec::with_capacity(pairs.len());
            for (k, v) in pairs {
                keyed.push((interp.hkey(&k)?, k, v));
            }
            let mut dm = d.borrow_mut();
            for (h, k, v) in keyed {
                dm.insert(h, k, v);
            }
            Ok(Value::None)
        }
        "copy" => {
            no_args(&args, "dict.copy")?;
            Ok(Value::Dict(Rc::new(RefCell::new(d.borrow().clone()))))
        }
        _ => {
            no_args(&args, "dict.clear")?;
            d.borrow_mut().clear();
            Ok(Value::None)
        }
    }
}

/// `dict.fromkeys(iterable, value=None)`.
pub fn fromkeys(interp: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "fromkeys")?;
    arity(&args, "fromkeys", 1, 2)?;
    let value = args.pos.get(1).cloned().unwrap_or(Value::None);
    let mut d = Dict::new();
    for k in interp.to_vec(&args.pos[0])? {
        let h = interp.hkey(&k)?;
        d.insert(h, k, value.clone());
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}
