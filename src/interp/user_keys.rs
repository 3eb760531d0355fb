//! Instances of classes that define `__hash__` as dict keys and set items.
//!
//! A table keys such an instance by `HKey::User(hash, group)`: the result of its
//! `__hash__`, and the number of its group of equal instances. Instances join a group
//! by identity, or by comparing equal (`__eq__`) to a live member of a group with the
//! same hash, stored member first, as CPython compares a probed key with the key the
//! table holds. Two tables then agree on which keys are one key without calling back
//! into Python from inside the table. Groups hold their members weakly: a table keeps
//! its key object alive, so a group a table refers to always has a live member.

use super::Interp;
use crate::error::{Res, type_error};
use crate::syntax::symbol::Sym;
use crate::value::dict::HKey;
use crate::value::exception::ExcObj;
use crate::value::hash::{USER_HASH, unhashable};
use crate::value::{Object, Value};
use rustc_hash::FxHashMap;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

#[derive(Default)]
pub struct UserKeys {
    /// For each hash met, its groups: a number and the members (weak), oldest first.
    by_hash: FxHashMap<i64, Vec<(u64, VecDeque<Member>)>>,
    /// Every member by address, with its group: the identity check, in one lookup. (A
    /// weak reference keeps its allocation, so an address is never another object's.)
    by_addr: FxHashMap<usize, (Member, u64)>,
    next: u64,
    /// Members added since the last sweep of dead ones, and the live count then.
    added: usize,
    live: usize,
}

enum Member {
    Obj(Weak<Object>),
    Exc(Weak<ExcObj>),
}

impl Member {
    fn of(v: &Value) -> Option<Member> {
        match v {
            Value::Object(o) => Some(Member::Obj(Rc::downgrade(o))),
            Value::Exception(e) => Some(Member::Exc(Rc::downgrade(e))),
            _ => None,
        }
    }

    fn get(&self) -> Option<Value> {
        match self {
            Member::Obj(w) => w.upgrade().map(Value::Object),
            Member::Exc(w) => w.upgrade().map(Value::Exception),
        }
    }

    fn alive(&self) -> bool {
        match self {
            Member::Obj(w) => w.strong_count() > 0,
            Member::Exc(w) => w.strong_count() > 0,
        }
    }

    fn clone_weak(&self) -> Member {
        match self {
            Member::Obj(w) => Member::Obj(w.clone()),
            Member::Exc(w) => Member::Exc(w.clone()),
        }
    }
}

impl UserKeys {
    /// Drops dead members, and groups left without any.
    fn sweep(&mut self) {
        self.by_hash.retain(|_, groups| {
            for (_, members) in groups.iter_mut() {
                members.retain(Member::alive);
            }
            groups.retain(|(_, m)| !m.is_empty());
            !groups.is_empty()
        });
        self.by_addr.retain(|_, (m, _)| m.alive());
        self.live = self.by_addr.len();
        self.added = 0;
    }
}

/// The `__hash__` a class defines in Python, for an instance keyed through it.
fn user_hash_method(v: &Value) -> Option<Value> {
    let class = match v {
        Value::Object(o) if o.tuple_values().is_none() => &o.class,
        Value::Exception(e) => &e.class,
        _ => return None,
    };
    match class.method(Sym::new("__hash__")) {
        Some(f @ Value::Function(_)) => Some(f),
        _ => None,
    }
}

/// Python's reduction of what `__hash__` returned: an int (a big one hashed again), -1
/// read as -2.
fn reduce(h: Value) -> Res<i64> {
    Ok(match h {
        Value::Int(-1) => -2,
        Value::Int(n) => n,
        Value::Bool(b) => b as i64,
        Value::Long(b) => crate::value::long::hash(&b),
        _ => return Err(type_error("__hash__ method should return an integer")),
    })
}

impl Interp {
    /// A dict key's projection; instances with their own `__hash__` join their group.
    pub fn hkey(&mut self, v: &Value) -> Res<HKey> {
        match HKey::of(v) {
            Ok(k) => Ok(k),
            Err(USER_HASH) => Ok(self.user_entry(v)?.1),
            Err(t) => Err(unhashable(t)),
        }
    }

    /// `hash(v)` and its key, for a set entry.
    pub fn hash_and_key(&mut self, v: &Value) -> Res<(i64, HKey)> {
        match (crate::value::hash::hash(v), HKey::of(v)) {
            (Ok(h), Ok(k)) => Ok((h, k)),
            (Err(USER_HASH), _) | (_, Err(USER_HASH)) => self.user_entry(v),
            (Err(t), _) | (_, Err(t)) => Err(unhashable(t)),
        }
    }

    /// `hash(v)`, with the `__hash__` of user classes.
    pub fn py_hash(&mut self, v: &Value) -> Res<i64> {
        match crate::value::hash::hash(v) {
            Ok(h) => Ok(h),
            Err(USER_HASH) => Ok(self.user_entry(v)?.0),
            Err(t) => Err(unhashable(t)),
        }
    }

    /// The hash and key of a value that is, or holds, an instance with its own
    /// `__hash__`: tuples and records hash and key item by item.
    fn user_entry(&mut self, v: &Value) -> Res<(i64, HKey)> {
        let items: Vec<Value> = match v {
            Value::Tuple(items) => items.to_vec(),
            Value::Object(o) if let Some(vals) = o.tuple_values() => vals,
            Value::Named(n) => n.fields.iter().map(|(_, v)| v.clone()).collect(),
            _ => {
                let Some(f) = user_hash_method(v) else {
                    let h = crate::value::hash::hash(v).map_err(unhashable)?;
                    return Ok((h, HKey::of(v).map_err(unhashable)?));
                };
                let h = self.call1(&f, v.clone())?;
                let h = reduce(h)?;
                return Ok((h, HKey::User(h, self.user_group(v, h)?)));
            }
        };
        let (mut hashes, mut keys) = (Vec::with_capacity(items.len()), Vec::with_capacity(items.len()));
        for item in &items {
            let (h, k) = self.user_entry(item)?;
            hashes.push(h);
            keys.push(k);
        }
        let h = crate::value::hash::hash_tuple(hashes.into_iter().map(Ok)).map_err(unhashable)?;
        Ok((h, HKey::Tuple(keys)))
    }

    /// The group of instance `v`, whose `__hash__` gave `h`.
    fn user_group(&mut self, v: &Value, h: i64) -> Res<u64> {
        // The instance itself first, then each group's oldest live member by `==`.
        let addr = v.address();
        if let Some((m, id)) = self.user_keys.by_addr.get(&addr)
            && m.alive()
        {
            return Ok(*id);
        }
        let mut firsts = Vec::new();
        if let Some(groups) = self.user_keys.by_hash.get_mut(&h) {
            for (id, members) in groups.iter_mut() {
                while members.front().is_some_and(|m| !m.alive()) {
                    members.pop_front();
                }
                if let Some(first) = members.front().and_then(Member::get) {
                    firsts.push((*id, first));
                }
            }
            groups.retain(|(_, m)| !m.is_empty());
        }
        let mut found = None;
        for (id, stored) in firsts {
            if self.values_equal(&stored, v)? {
                found = Some(id);
                break;
            }
        }
        let keys = &mut self.user_keys;
        let Some(member) = Member::of(v) else {
            return Err(unhashable(v.type_name()));
        };
        let groups = keys.by_hash.entry(h).or_default();
        let id = match found {
            Some(id) => id,
            None => {
                keys.next += 1;
                groups.push((keys.next, VecDeque::new()));
                keys.next
            }
        };
        match groups.iter_mut().find(|(g, _)| *g == id) {
            Some((_, members)) => members.push_back(member.clone_weak()),
            // The group emptied while `__eq__` ran: it starts again with this member.
            None => groups.push((id, VecDeque::from([member.clone_weak()]))),
        }
        keys.by_addr.insert(addr, (member, id));
        keys.added += 1;
        if keys.added > keys.live.max(1024) {
            keys.sweep();
        }
        Ok(id)
    }
}
