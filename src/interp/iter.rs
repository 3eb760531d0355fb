//! Python's iteration protocol: one `Iter` per kind of iterable, and lazy generator
//! expressions driven as a small state machine over their `for` clauses.

use super::Interp;
use super::scope::Scope;
use crate::error::{Res, exc};
use crate::syntax::ast::Comprehension;
use crate::value::{Args, Range, Value};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;

pub enum Iter {
    /// A list is iterated by index, so appends during the loop are seen (as in Python).
    List {
        list: Rc<RefCell<Vec<Value>>>,
        idx: usize,
    },
    Tuple {
        items: Rc<[Value]>,
        idx: usize,
    },
    Str {
        s: Rc<str>,
        pos: usize,
    },
    Range {
        next: i64,
        left: i64,
        step: i64,
    },
    /// A snapshot (dict keys, reversed sequences, sorted results…).
    Items {
        items: std::vec::IntoIter<Value>,
        kind: &'static str,
    },
    Enumerate {
        inner: Box<Iter>,
        count: i64,
    },
    Zip(Vec<Iter>),
    Map {
        func: Value,
        inners: Vec<Iter>,
    },
    Filter {
        func: Value,
        inner: Box<Iter>,
    },
    Gen(Box<Gen>),
    /// Iterating an iterator object advances that object.
    Shared(Rc<RefCell<Iter>>),
    /// `trange`/`tqdm`: the inner iterator, with a progress bar.
    Progress(Box<crate::interp::builtins::progress::Progress>),
    /// A generator: a suspended call of a function that yields.
    Generator(Rc<RefCell<crate::interp::vm::generator::GenState>>),
    /// An instance whose `__next__` gives the items, until `StopIteration`.
    Next(Value),
}

pub struct Gen {
    pub comp: Rc<Comprehension>,
    pub scope: Rc<Scope>,
    pub stack: Vec<Iter>,
    pub started: bool,
}

impl Iter {
    pub fn type_name(&self) -> &'static str {
        match self {
            Iter::List { .. } => "list_iterator",
            Iter::Tuple { .. } => "tuple_iterator",
            Iter::Str { .. } => "str_ascii_iterator",
            Iter::Range { .. } => "range_iterator",
            Iter::Items { kind, .. } => kind,
            Iter::Enumerate { .. } => "enumerate",
            Iter::Zip(_) => "zip",
            Iter::Map { .. } => "map",
            Iter::Filter { .. } => "filter",
            Iter::Gen(_) => "generator",
            Iter::Shared(_) => "iterator",
            Iter::Progress(_) => "tqdm",
            Iter::Generator(_) => "generator",
            Iter::Next(_) => "iterator",
        }
    }

    pub fn range(r: &Range) -> Iter {
        Iter::Range {
            next: r.start,
            left: r.len(),
            step: r.step,
        }
    }

    pub fn items(items: Vec<Value>, kind: &'static str) -> Iter {
        Iter::Items {
            items: items.into_iter(),
            kind,
        }
    }

    pub fn next(&mut self, interp: &mut Interp) -> Res<Option<Value>> {
        Ok(match self {
            Iter::List { list, idx } => {
                let v = list.borrow().get(*idx).cloned();
                *idx += 1;
                v
            }
            Iter::Tuple { items, idx } => {
                let v = items.get(*idx).cloned();
                *idx += 1;
                v
            }
            Iter::Str { s, pos } => match s[*pos..].chars().next() {
                Some(c) => {
                    *pos += c.len_utf8();
                    Some(Value::Str(c.to_string().into()))
                }
                None => None,
            },
            Iter::Range { next, left, step } => {
                if *left <= 0 {
                    None
                } else {
                    let v = *next;
                    *left -= 1;
                    *next = next.wrapping_add(*step);
                    Some(Value::Int(v))
                }
            }
            Iter::Items { items, .. } => items.next(),
            Iter::Progress(p) => {
                let v = p.inner.next(interp)?;
                p.step(v.is_none());
                v
            }
            Iter::Enumerate { inner, count } => match inner.next(interp)? {
                Some(v) => {
                    let i = *count;
                    *count += 1;
                    Some(Value::tuple(vec![Value::Int(i), v]))
                }
                None => None,
            },
            Iter::Zip(inners) => {
                if inners.is_empty() {
                    return Ok(None);
                }
                let mut row = Vec::with_capacity(inners.len());
                for it in inners.iter_mut() {
                    match it.next(interp)? {
                        Some(v) => row.push(v),
                        None => return Ok(None),
                    }
                }
                Some(Value::tuple(row))
            }
            Iter::Map { func, inners } => {
                let mut row = Vec::with_capacity(inners.len());
                for it in inners.iter_mut() {
                    match it.next(interp)? {
                        Some(v) => row.push(v),
                        None => return Ok(None),
                    }
                }
                let f = func.clone();
                Some(interp.call(
                    &f,
                    Args {
                        pos: row,
                        kw: Vec::new(),
                    },
                    None,
                )?)
            }
            Iter::Filter { func, inner } => loop {
                match inner.next(interp)? {
                    None => break None,
                    Some(v) => {
                        let keep = if matches!(func, Value::None) {
                            interp.truth(&v)?
                        } else {
                            let f = func.clone();
                            {
                                let r = interp.call1(&f, v.clone())?;
                                interp.truth(&r)?
                            }
                        };
                        if keep {
                            break Some(v);
                        }
                    }
                }
            },
            Iter::Gen(g) => g.next(interp)?,
            Iter::Generator(g) => interp.resume(g)?,
            Iter::Next(it) => interp.special_next(it)?,
            Iter::Shared(rc) => {
                // A generator runs user code: the shared iterator is not held meanwhile.
                let g = match &*rc.borrow() {
                    Iter::Generator(g) => Some(g.clone()),
                    _ => None,
                };
                if let Some(g) = g {
                    return interp.resume(&g);
                }
                let Ok(mut it) = rc.try_borrow_mut() else {
                    return Err(exc("ValueError", "generator already executing"));
                };
                it.next(interp)?
            }
        })
    }
}

impl Gen {
    /// `first` is the first clause's iterator, evaluated eagerly where the generator
    /// expression appears (as Python does).
    pub fn new(comp: Rc<Comprehension>, parent: &Rc<Scope>, first: Iter) -> Gen {
        let scope = Scope::child(parent, None, FxHashMap::default());
        Gen {
            comp,
            scope,
            stack: vec![first],
            started: false,
        }
    }

    fn next(&mut self, interp: &mut Interp) -> Res<Option<Value>> {
        let comp = self.comp.clone();
        loop {
            let depth = self.stack.len();
            if depth == 0 {
                return Ok(None);
            }
            let clause = &comp.clauses[depth - 1];
            let Some(item) = self.stack[depth - 1].next(interp)? else {
                self.stack.pop();
                continue;
            };
            interp.assign(&clause.target, item, &self.scope)?;
            let mut keep = true;
            for cond in &clause.conds {
                let c = interp.eval(cond, &self.scope)?;
                if !interp.truth(&c)? {
                    keep = false;
                    break;
                }
            }
            if !keep {
                continue;
            }
            if depth < comp.clauses.len() {
                let inner = interp.eval(&comp.clauses[depth].iter, &self.scope)?;
                let it = interp.iterate(&inner).map_err(|e| e)?;
                self.stack.push(it);
                continue;
            }
            self.started = true;
            return Ok(Some(interp.eval(&comp.elt, &self.scope)?));
        }
    }
}
