//! The cycle collector. Values are reference counted (`Rc`), so a reference cycle (an
//! instance whose closure refers back to it, a node whose child points at its parent)
//! is never freed by counting alone. As in CPython, instances, functions and closure
//! cells are tracked (weakly, here) when made; every so often the collector finds the
//! tracked ones that nothing outside the tracked world refers to, and empties them,
//! which breaks their cycles and lets counting free them.
//!
//! A tracked value's references from other tracked values (directly, or through lists,
//! dicts, tuples, sets and bound methods that only one value holds) are subtracted from
//! its count; what remains is held from outside: a frame's slot or stack, a module's
//! namespace, a value the Rust code holds at this moment. Those are the roots, and
//! everything reachable from them is kept. Anything unsure (a container held twice, a
//! borrowed `RefCell`) counts as held from outside, so the collector may keep garbage
//! but never frees what the program can still reach, whenever it runs.

use super::{Cell, Function, Object, Value};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

enum Tracked {
    Obj(Weak<Object>),
    Func(Weak<Function>),
    Cell(Weak<RefCell<Option<Value>>>),
}

enum Node {
    Obj(Rc<Object>),
    Func(Rc<Function>),
    Cell(Cell),
}

impl Node {
    fn addr(&self) -> usize {
        match self {
            Node::Obj(o) => Rc::as_ptr(o) as usize,
            Node::Func(f) => Rc::as_ptr(f) as usize,
            Node::Cell(c) => Rc::as_ptr(c) as usize,
        }
    }

    fn count(&self) -> usize {
        match self {
            Node::Obj(o) => Rc::strong_count(o),
            Node::Func(f) => Rc::strong_count(f),
            Node::Cell(c) => Rc::strong_count(c),
        }
    }
}

#[derive(Default)]
struct State {
    tracked: Vec<Tracked>,
    /// Values tracked since the last collection, and how many to wait for.
    new: usize,
    threshold: usize,
    /// Collecting now (a value dropped during a collection may not start another).
    running: bool,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State { threshold: MIN_THRESHOLD, ..State::default() });
    static DUE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Values tracked between collections, at least.
const MIN_THRESHOLD: usize = 20_000;

fn track(t: Tracked) {
    let _ = STATE.try_with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            s.tracked.push(t);
            s.new += 1;
            if s.new >= s.threshold {
                let _ = DUE.try_with(|d| d.set(true));
            }
        }
    });
}

pub fn track_object(o: &Rc<Object>) {
    track(Tracked::Obj(Rc::downgrade(o)));
}

pub fn track_function(f: &Rc<Function>) {
    track(Tracked::Func(Rc::downgrade(f)));
}

pub fn track_cell(c: &Cell) {
    track(Tracked::Cell(Rc::downgrade(c)));
}

/// Whether enough values were made since the last collection to collect again.
#[inline]
pub fn due() -> bool {
    DUE.try_with(|d| d.get()).unwrap_or(false)
}

/// Calls `f` on each value `v` refers to directly.
fn children(v: &Value, f: &mut dyn FnMut(&Value)) {
    match v {
        Value::List(l) => {
            if let Ok(items) = l.try_borrow() {
                items.iter().for_each(f);
            }
        }
        Value::Tuple(t) => t.iter().for_each(f),
        Value::Dict(d) => {
            if let Ok(d) = d.try_borrow() {
                for (k, v) in d.iter() {
                    f(k);
                    f(v);
                }
            }
        }
        Value::Set(s) => {
            if let Ok(s) = s.try_borrow() {
                s.entries().for_each(|e| f(&e.value));
            }
        }
        Value::FrozenSet(s) => s.entries().for_each(|e| f(&e.value)),
        Value::Method(m) => f(&m.0),
        _ => {}
    }
}

/// Whether `v` is a container that only one reference holds (it belongs wholly to the
/// value that refers to it).
fn owned(v: &Value) -> bool {
    match v {
        Value::List(l) => Rc::strong_count(l) == 1,
        Value::Tuple(t) => Rc::strong_count(t) == 1,
        Value::Dict(d) => Rc::strong_count(d) == 1,
        Value::Set(s) => Rc::strong_count(s) == 1,
        Value::FrozenSet(s) => Rc::strong_count(s) == 1,
        Value::Method(m) => Rc::strong_count(m) == 1,
        _ => false,
    }
}

/// The tracked value `v` is, if it is one.
fn node_addr(v: &Value) -> Option<usize> {
    match v {
        Value::Object(o) => Some(Rc::as_ptr(o) as usize),
        Value::Function(f) => Some(Rc::as_ptr(f) as usize),
        _ => None,
    }
}

/// Calls `f` on the address of each tracked value `v` refers to, looking through
/// containers only it holds (`all`: through every container, for marking).
fn edges(v: &Value, all: bool, f: &mut dyn FnMut(usize)) {
    if let Some(a) = node_addr(v) {
        f(a);
        return;
    }
    if all || owned(v) {
        children(v, &mut |c| edges(c, all, f));
    }
}

/// Calls `f` on the addresses the tracked `node` refers to. `false` when its contents
/// are borrowed at the moment (it is then kept, as held from outside).
fn node_edges(node: &Node, all: bool, f: &mut dyn FnMut(usize)) -> bool {
    match node {
        Node::Obj(o) => match o.attrs.try_borrow() {
            Ok(attrs) => {
                attrs.iter().for_each(|(_, v)| edges(v, all, f));
                true
            }
            Err(_) => false,
        },
        Node::Cell(c) => match c.try_borrow() {
            Ok(v) => {
                if let Some(v) = &*v {
                    edges(v, all, f);
                }
                true
            }
            Err(_) => false,
        },
        Node::Func(func) => {
            for c in &func.freevars {
                f(Rc::as_ptr(c) as usize);
            }
            for v in func.defaults.iter().chain(&func.kw_defaults).flatten() {
                edges(v, all, f);
            }
            match func.attrs.try_borrow() {
                Ok(attrs) => {
                    attrs.iter().for_each(|(_, v)| edges(v, all, f));
                    true
                }
                Err(_) => false,
            }
        }
    }
}

/// Collects now if enough values were made since the last collection.
pub fn maybe_collect() {
    if due() {
        collect();
    }
}

/// Frees the tracked values that only unreachable values refer to; the number freed.
pub fn collect() -> usize {
    let _ = DUE.try_with(|d| d.set(false));
    let Ok(Some(tracked)) = STATE.try_with(|s| {
        let mut s = s.try_borrow_mut().ok()?;
        if s.running {
            return None;
        }
        s.running = true;
        s.new = 0;
        Some(std::mem::take(&mut s.tracked))
    }) else {
        return 0;
    };
    // The live tracked values, held strongly while the collector looks (one more count
    // each, subtracted below).
    let mut nodes = Vec::with_capacity(tracked.len());
    for t in &tracked {
        let n = match t {
            Tracked::Obj(w) => w.upgrade().map(Node::Obj),
            Tracked::Func(w) => w.upgrade().map(Node::Func),
            Tracked::Cell(w) => w.upgrade().map(Node::Cell),
        };
        nodes.extend(n);
    }
    drop(tracked);
    let index: FxHashMap<usize, usize> = nodes.iter().enumerate().map(|(i, n)| (n.addr(), i)).collect();
    // References from outside the tracked values: counts less references among them.
    let mut outside: Vec<isize> = nodes.iter().map(|n| n.count() as isize - 1).collect();
    for (i, n) in nodes.iter().enumerate() {
        let ok = node_edges(n, false, &mut |a| {
            if let Some(&j) = index.get(&a) {
                outside[j] -= 1;
            }
        });
        if !ok {
            outside[i] += 1;
        }
    }
    // Everything reachable from a value held from outside is kept.
    let mut reached = vec![false; nodes.len()];
    let mut stack: Vec<usize> = (0..nodes.len()).filter(|&i| outside[i] > 0).collect();
    for &i in &stack {
        reached[i] = true;
    }
    while let Some(i) = stack.pop() {
        node_edges(&nodes[i], true, &mut |a| {
            if let Some(&j) = index.get(&a)
                && !reached[j]
            {
                reached[j] = true;
                stack.push(j);
            }
        });
    }
    // The rest is garbage: emptying it breaks its cycles. What it held is dropped
    // after every borrow here has ended.
    let mut freed = Vec::new();
    let mut count = 0;
    for (i, n) in nodes.iter().enumerate() {
        if reached[i] {
            continue;
        }
        count += 1;
        match n {
            Node::Obj(o) => {
                if let Ok(mut attrs) = o.attrs.try_borrow_mut() {
                    freed.extend(std::mem::take(&mut *attrs).into_iter().map(|(_, v)| v));
                }
            }
            Node::Cell(c) => {
                if let Ok(mut v) = c.try_borrow_mut() {
                    freed.extend(v.take());
                }
            }
            Node::Func(f) => {
                if let Ok(mut attrs) = f.attrs.try_borrow_mut() {
                    freed.extend(std::mem::take(&mut *attrs).into_iter().map(|(_, v)| v));
                }
            }
        }
    }
    // The survivors stay tracked; the next collection waits for as many new values as
    // survived (at least the minimum), as CPython's oldest generation does.
    let survivors: Vec<Tracked> = nodes
        .iter()
        .zip(&reached)
        .filter(|&(_, &r)| r)
        .map(|(n, _)| match n {
            Node::Obj(o) => Tracked::Obj(Rc::downgrade(o)),
            Node::Func(f) => Tracked::Func(Rc::downgrade(f)),
            Node::Cell(c) => Tracked::Cell(Rc::downgrade(c)),
        })
        .collect();
    if std::env::var_os("NT_GC_DEBUG").is_some() {
        eprintln!(
            "gc: {} tracked, {} freed, {} survive",
            nodes.len(),
            count,
            survivors.len()
        );
    }
    drop(nodes);
    drop(freed);
    let _ = STATE.try_with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            s.threshold = survivors.len().max(MIN_THRESHOLD);
            let made = std::mem::take(&mut s.tracked);
            s.tracked = survivors;
            s.tracked.extend(made);
            s.running = false;
        }
    });
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::symbol::Sym;

    fn instance() -> Rc<Object> {
        let class = Rc::new(super::super::Class::new("T", "__main__", None, Default::default()));
        match Object::new(class, Vec::new()) {
            Value::Object(o) => o,
            _ => unreachable!("Object::new makes an instance"),
        }
    }

    #[test]
    fn a_cycle_nothing_else_holds_is_freed() {
        let a = instance();
        let b = instance();
        a.set(Sym::new("other"), Value::Object(b.clone()));
        b.set(Sym::new("other"), Value::list(vec![Value::Object(a.clone())]));
        let (wa, wb) = (Rc::downgrade(&a), Rc::downgrade(&b));
        drop((a, b));
        assert!(wa.upgrade().is_some(), "counting alone cannot free a cycle");
        collect();
        assert!(wa.upgrade().is_none() && wb.upgrade().is_none());
    }

    #[test]
    fn what_is_held_from_outside_is_kept_with_what_it_reaches() {
        let a = instance();
        let b = instance();
        a.set(Sym::new("me"), Value::Object(a.clone()));
        // A list held twice (here and by `b`) hides nothing: `a` stays.
        let shared = Value::list(vec![Value::Object(a.clone())]);
        b.set(Sym::new("items"), shared.clone());
        b.set(Sym::new("me"), Value::Object(b.clone()));
        let (wa, wb) = (Rc::downgrade(&a), Rc::downgrade(&b));
        drop((a, b));
        collect();
        assert!(wa.upgrade().is_some(), "reachable through a list the program holds");
        drop(shared);
        collect();
        assert!(wa.upgrade().is_none() && wb.upgrade().is_none());
    }

    #[test]
    fn a_borrowed_instance_is_kept() {
        let a = instance();
        a.set(Sym::new("me"), Value::Object(a.clone()));
        let w = Rc::downgrade(&a);
        let held = a.clone();
        drop(a);
        let attrs = held.attrs.borrow();
        collect();
        drop(attrs);
        assert!(w.upgrade().is_some());
    }

    #[test]
    fn a_cycle_through_a_bound_method_is_freed_with_the_cells_it_held() {
        // a -> bound method (its receiver is a); the cell holding a goes first.
        let a = instance();
        let cell: Cell = Rc::new(RefCell::new(Some(Value::Object(a.clone()))));
        track_cell(&cell);
        let method = Value::Method(Rc::new((Value::Object(a.clone()), Sym::new("f"))));
        a.set(Sym::new("m"), method);
        let (wa, wc) = (Rc::downgrade(&a), Rc::downgrade(&cell));
        let holder = instance();
        holder.set(Sym::new("cell"), Value::Object(a.clone()));
        drop((a, cell, holder));
        collect();
        assert!(wa.upgrade().is_none() && wc.upgrade().is_none());
    }
}
