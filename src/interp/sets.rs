//! `set` and `frozenset`: construction, methods, operators and comparisons, each
//! building its result the way CPython 3.11's setobject.c does (which operand it
//! iterates, when it copies first), so that results iterate and print in CPython's order.

use super::Interp;
use crate::error::{Res, exc, type_error};
use crate::syntax::ast::{BinOp, CmpOp};
use crate::value::set::{Entry, PySet};
use crate::value::{Args, Value};
use std::cell::RefCell;
use std::rc::Rc;

pub const SET_METHODS: &[&str] = &[
    "add",
    "clear",
    "copy",
    "difference",
    "difference_update",
    "discard",
    "intersection",
    "intersection_update",
    "isdisjoint",
    "issubset",
    "issuperset",
    "pop",
    "remove",
    "symmetric_difference",
    "symmetric_difference_update",
    "union",
    "update",
];

pub const FROZENSET_METHODS: &[&str] = &[
    "copy",
    "difference",
    "intersection",
    "isdisjoint",
    "issubset",
    "issuperset",
    "symmetric_difference",
    "union",
];

pub fn new_set(s: PySet) -> Value {
    Value::Set(Rc::new(RefCell::new(s)))
}

/// The table of a set or frozenset value (a copy of the `RefCell`'s for a set).
fn table_of(v: &Value) -> Option<PySet> {
    match v {
        Value::Set(s) => Some(s.borrow().clone()),
        Value::FrozenSet(s) => Some((**s).clone()),
        _ => None,
    }
}

fn is_set(v: &Value) -> bool {
    matches!(v, Value::Set(_) | Value::FrozenSet(_))
}

impl Interp {
    /// A set entry for `v`: its hash and key (`TypeError` when unhashable).
    pub fn set_entry(&mut self, v: Value) -> Res<Entry> {
        let (hash, key) = self.hash_and_key(&v)?;
        Ok(Entry { hash, key, value: v })
    }

    /// `set_update_internal`: a set merges, a dict adds its keys after one resize, any
    /// other iterable adds its items one at a time.
    pub fn set_update(&mut self, s: &mut PySet, other: &Value) -> Res<()> {
        if let Some(t) = table_of(other) {
            s.merge(&t);
            return Ok(());
        }
        if let Value::Dict(d) = other {
            let keys = d.borrow().keys();
            let entries = keys.into_iter().map(|k| self.set_entry(k)).collect::<Res<Vec<_>>>()?;
            s.update_sized(entries);
            return Ok(());
        }
        let mut it = self.iterate(other)?;
        while let Some(v) = it.next(self)? {
            let e = self.set_entry(v)?;
            s.add(e);
        }
        Ok(())
    }

    /// `make_new_set`: a new table filled from `iterable`.
    pub fn set_from(&mut self, iterable: Option<&Value>) -> Res<PySet> {
        let mut s = PySet::new();
        if let Some(v) = iterable {
            self.set_update(&mut s, v)?;
        }
        Ok(s)
    }

    /// The keys of `other` as a table: itself when it is a set, else a new set of it.
    fn as_table(&mut self, other: &Value) -> Res<PySet> {
        match table_of(other) {
            Some(t) => Ok(t),
            None => self.set_from(Some(other)),
        }
    }

    /// `set_intersection`: the smaller set is iterated (its keys are the ones kept); any
    /// other iterable is iterated in order.
    fn intersection(&mut self, so: &PySet, other: &Value) -> Res<PySet> {
        let mut result = PySet::new();
        if let Some(o) = table_of(other) {
            let (small, large) = if o.len() > so.len() { (so, &o) } else { (&o, so) };
            for e in small.entries() {
                if large.contains(e.hash, &e.key) {
                    result.add(e.clone());
                }
            }
            return Ok(result);
        }
        let mut it = self.iterate(other)?;
        while let Some(v) = it.next(self)? {
            let e = self.set_entry(v)?;
            if so.contains(e.hash, &e.key) {
                result.add(e);
            }
        }
        Ok(result)
    }

    /// `set_intersection_multi`: a copy without arguments, else each argument in turn
    /// intersected with the result so far (the set itself first).
    fn intersection_multi(&mut self, v: &Value, so: &PySet, args: &[Value]) -> Res<PySet> {
        let copy = |s: &PySet| {
            let mut c = PySet::new();
            c.merge(s);
            c
        };
        let Some((first, rest)) = args.split_first() else {
            return Ok(copy(so));
        };
        let mut result = if first.is(v) {
            copy(so)
        } else {
            self.intersection(so, first)?
        };
        for o in rest {
            result = self.intersection(&result, o)?;
        }
        Ok(result)
    }

    /// `set_difference_update_internal`.
    fn difference_update(&mut self, so: &mut PySet, other: &Value) -> Res<()> {
        if let Some(o) = table_of(other) {
            // A much larger other set is first cut down to what the two share.
            let o = if (o.len() >> 3) > so.len() {
                self.intersection(so, other)?
            } else {
                o
            };
            for e in o.entries() {
                so.discard(e.hash, &e.key);
            }
        } else {
            let mut it = self.iterate(other)?;
            while let Some(v) = it.next(self)? {
                let e = self.set_entry(v)?;
                so.discard(e.hash, &e.key);
            }
        }
        so.settle_dummies();
        Ok(())
    }

    /// `set_difference`.
    fn difference(&mut self, so: &PySet, other: &Value) -> Res<PySet> {
        let other_size = match other {
            Value::Set(s) => Some(s.borrow().len()),
            Value::FrozenSet(s) => Some(s.len()),
            Value::Dict(d) => Some(d.borrow().len()),
            _ => None,
        };
        match other_size {
            Some(n) if (so.len() >> 2) <= n => {
                let mut result = PySet::new();
                let other_table = table_of(other);
                for e in so.entries() {
                    let found = match other {
                        Value::Dict(d) => d.borrow().contains(&e.key),
                        _ => other_table.as_ref().is_some_and(|o| o.contains(e.hash, &e.key)),
                    };
                    if !found {
                        result.add(e.clone());
                    }
                }
                Ok(result)
            }
            _ => {
                let mut result = PySet::new();
                result.merge(so);
                self.difference_update(&mut result, other)?;
                Ok(result)
            }
        }
    }

    /// `set_symmetric_difference_update`.
    fn symmetric_difference_update(&mut self, so: &mut PySet, other: &Value) -> Res<()> {
        let entries: Vec<Entry> = match other {
            Value::Dict(d) => {
                let keys = d.borrow().keys();
                keys.into_iter().map(|k| self.set_entry(k)).collect::<Res<_>>()?
            }
            _ => self.as_table(other)?.entries().cloned().collect(),
        };
        for e in entries {
            if !so.discard(e.hash, &e.key) {
                so.add(e);
            }
        }
        Ok(())
    }

    /// `set(...)` and `frozenset(...)`.
    pub fn construct_set(&mut self, frozen: bool, args: &Args) -> Res<Value> {
        let name = if frozen { "frozenset" } else { "set" };
        if !args.kw.is_empty() {
            return Err(type_error(format!("{name}() takes no keyword arguments")));
        }
        if args.pos.len() > 1 {
            return Err(type_error(format!(
                "{name} expected at most 1 argument, got {}",
                args.pos.len()
            )));
        }
        if frozen && let Some(v @ Value::FrozenSet(_)) = args.pos.first() {
            return Ok(v.clone());
        }
        let s = self.set_from(args.pos.first())?;
        Ok(if frozen {
            Value::FrozenSet(Rc::new(s))
        } else {
            new_set(s)
        })
    }

    /// A result of the same kind as `like`.
    fn same_kind(like: &Value, s: PySet) -> Value {
        match like {
            Value::FrozenSet(_) => Value::FrozenSet(Rc::new(s)),
            _ => new_set(s),
        }
    }

    /// `s.name(args)` for a set or frozenset `v`.
    pub fn set_method(&mut self, v: &Value, name: &str, args: Args) -> Res<Value> {
        let tname = v.type_name();
        if !args.kw.is_empty() {
            return Err(type_error(format!("{tname}.{name}() takes no keyword arguments")));
        }
        let one = |args: &Args| -> Res<Value> {
            match args.pos.as_slice() {
                [x] => Ok(x.clone()),
                _ => Err(type_error(format!(
                    "{tname}.{name}() takes exactly one argument ({} given)",
                    args.pos.len()
                ))),
            }
        };
        let none = |args: &Args| -> Res<()> {
            match args.pos.len() {
                0 => Ok(()),
                n => Err(type_error(format!("{tname}.{name}() takes no arguments ({n} given)"))),
            }
        };
        if let Value::Set(cell) = v
            && !FROZENSET_METHODS.contains(&name)
        {
            return self.set_mutate(cell, v, name, args);
        }
        let so = table_of(v).unwrap_or_default();
        let r = match name {
            "copy" => {
                none(&args)?;
                if let Value::FrozenSet(_) = v {
                    return Ok(v.clone());
                }
                let mut r = PySet::new();
                r.merge(&so);
                Self::same_kind(v, r)
            }
            "union" => {
                let mut r = PySet::new();
                r.merge(&so);
                for o in &args.pos {
                    if !o.is(v) {
                        self.set_update(&mut r, o)?;
                    }
                }
                Self::same_kind(v, r)
            }
            "intersection" => {
                let r = self.intersection_multi(v, &so, &args.pos)?;
                Self::same_kind(v, r)
            }
            "difference" => {
                let mut r = match args.pos.first() {
                    None => {
                        let mut r = PySet::new();
                        r.merge(&so);
                        r
                    }
                    Some(o) => self.difference(&so, o)?,
                };
                for o in args.pos.iter().skip(1) {
                    self.difference_update(&mut r, o)?;
                }
                Self::same_kind(v, r)
            }
            "symmetric_difference" => {
                let o = one(&args)?;
                let mut r = self.set_from(Some(&o))?;
                self.symmetric_difference_update(&mut r, v)?;
                Self::same_kind(v, r)
            }
            "issubset" => {
                let o = self.as_table(&one(&args)?)?;
                Value::Bool(so.is_subset(&o))
            }
            "issuperset" => {
                let o = self.as_table(&one(&args)?)?;
                Value::Bool(o.is_subset(&so))
            }
            "isdisjoint" => {
                let o = self.as_table(&one(&args)?)?;
                Value::Bool(o.entries().all(|e| !so.contains(e.hash, &e.key)))
            }
            _ => {
                return Err(exc(
                    "AttributeError",
                    format!("'{tname}' object has no attribute '{name}'"),
                ));
            }
        };
        Ok(r)
    }

    /// The methods that change a set in place.
    fn set_mutate(&mut self, cell: &Rc<RefCell<PySet>>, v: &Value, name: &str, args: Args) -> Res<Value> {
        let one = |args: &Args| -> Res<Value> {
            match args.pos.as_slice() {
                [x] => Ok(x.clone()),
                _ => Err(type_error(format!(
                    "set.{name}() takes exactly one argument ({} given)",
                    args.pos.len()
                ))),
            }
        };
        // The common cases change the table in place (no Python code runs meanwhile).
        match name {
            "add" => {
                let e = self.set_entry(one(&args)?)?;
                cell.borrow_mut().add(e);
                return Ok(Value::None);
            }
            "discard" | "remove" => {
                let x = one(&args)?;
                // A set is looked up as the frozenset of its items.
                let probe = match &x {
                    Value::Set(t) => Value::FrozenSet(Rc::new(t.borrow().clone())),
                    other => other.clone(),
                };
                let e = self.set_entry(probe)?;
                if !cell.borrow_mut().discard(e.hash, &e.key) && name == "remove" {
                    return Err(crate::value::exception::key_error(&x));
                }
                return Ok(Value::None);
            }
            "pop" => {
                if !args.pos.is_empty() {
                    return Err(type_error(format!(
                        "set.pop() takes no arguments ({} given)",
                        args.pos.len()
                    )));
                }
                let popped = cell.borrow_mut().pop();
                return popped.ok_or_else(|| crate::value::exception::key_error_msg("pop from an empty set"));
            }
            "clear" => {
                if !args.pos.is_empty() {
                    return Err(type_error(format!(
                        "set.clear() takes no arguments ({} given)",
                        args.pos.len()
                    )));
                }
                cell.borrow_mut().clear();
                return Ok(Value::None);
            }
            "update" => {
                for o in &args.pos {
                    // A set merged with itself is left as it is (set_merge's first check).
                    if o.is(v) {
                        continue;
                    }
                    // Other iterables are read whole first: they may run Python code.
                    match table_of(o) {
                        Some(t) => cell.borrow_mut().merge(&t),
                        None => {
                            let mut t = cell.borrow().clone();
                            self.set_update(&mut t, o)?;
                            *cell.borrow_mut() = t;
                        }
                    }
                }
                return Ok(Value::None);
            }
            _ => {}
        }
        let mut so = cell.borrow().clone();
        match name {
            "intersection_update" => {
                let r = self.intersection_multi(v, &so, &args.pos)?;
                so.take_table(r);
            }
            "difference_update" => {
                for o in &args.pos {
                    if o.is(v) {
                        so.clear();
                    } else {
                        self.difference_update(&mut so, o)?;
                    }
                }
            }
            "symmetric_difference_update" => {
                let o = one(&args)?;
                if o.is(v) {
                    so.clear();
                } else {
                    self.symmetric_difference_update(&mut so, &o)?;
                }
            }
            _ => {
                return Err(exc("AttributeError", format!("'set' object has no attribute '{name}'")));
            }
        }
        *cell.borrow_mut() = so;
        Ok(Value::None)
    }

    /// `a | b`, `a & b`, `a - b`, `a ^ b` on sets (and their in-place forms, which change
    /// a set on the left in place); `None` when an operand is not a set.
    pub fn set_binary(&mut self, op: BinOp, a: &Value, b: &Value, inplace: bool) -> Option<Res<Value>> {
        if !is_set(a) || !is_set(b) || !matches!(op, BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor) {
            return None;
        }
        let name = match op {
            BinOp::BitOr => "update",
            BinOp::BitAnd => "intersection_update",
            BinOp::Sub => "difference_update",
            _ => "symmetric_difference_update",
        };
        if inplace && let Value::Set(cell) = a {
            let args = Args {
                pos: vec![b.clone()],
                kw: Vec::new(),
            };
            return Some(self.set_mutate(cell, a, name, args).map(|_| a.clone()));
        }
        let so = table_of(a).unwrap_or_default();
        Some((|| {
            let r = match op {
                BinOp::BitOr => {
                    let mut r = PySet::new();
                    r.merge(&so);
                    if !a.is(b) {
                        self.set_update(&mut r, b)?;
                    }
                    r
                }
                BinOp::BitAnd if a.is(b) => {
                    let mut r = PySet::new();
                    r.merge(&so);
                    r
                }
                BinOp::BitAnd => self.intersection(&so, b)?,
                BinOp::Sub => self.difference(&so, b)?,
                _ => {
                    let mut r = self.set_from(Some(b))?;
                    self.symmetric_difference_update(&mut r, a)?;
                    r
                }
            };
            Ok(Self::same_kind(a, r))
        })())
    }
}

/// `a op b` for two sets (subset order); `None` when either is not a set.
pub fn set_compare(op: CmpOp, a: &Value, b: &Value) -> Option<bool> {
    let (x, y) = (table_of(a)?, table_of(b)?);
    Some(match op {
        CmpOp::Eq => x.same_keys(&y),
        CmpOp::Ne => !x.same_keys(&y),
        CmpOp::Le => x.is_subset(&y),
        CmpOp::Lt => x.len() < y.len() && x.is_subset(&y),
        CmpOp::Ge => y.is_subset(&x),
        CmpOp::Gt => y.len() < x.len() && y.is_subset(&x),
        _ => return None,
    })
}

/// Whether `item` is in the set `s`; `None` when `s` is not a set.
pub fn set_contains(interp: &mut Interp, s: &Value, item: &Value) -> Option<Res<bool>> {
    if !is_set(s) {
        return None;
    }
    // A set is looked up as the frozenset of its items, as CPython does.
    let probe = match item {
        Value::Set(t) => Value::FrozenSet(Rc::new(t.borrow().clone())),
        other => other.clone(),
    };
    let e = match interp.set_entry(probe) {
        Ok(e) => e,
        Err(err) => return Some(Err(err)),
    };
    Some(Ok(match s {
        Value::Set(t) => t.borrow().contains(e.hash, &e.key),
        Value::FrozenSet(t) => t.contains(e.hash, &e.key),
        _ => false,
    }))
}
