//! The method resolution order of a class with several bases: CPython's C3
//! linearization (`mro_implementation` in Objects/typeobject.c).

use crate::error::{Res, type_error};
use crate::value::Class;
use std::rc::Rc;

/// The classes after `owner` in the MRO of `this`'s class: where `super()` in a
/// method of `owner` looks.
pub fn after(owner: &Rc<Class>, this: &crate::value::Value) -> Vec<Rc<Class>> {
    use crate::value::Value;
    let cls = match this {
        Value::Object(o) => Some(o.class.clone()),
        Value::Exception(e) => Some(e.class.clone()),
        Value::Class(c) => Some(c.clone()),
        _ => None,
    };
    if let Some(cls) = cls {
        let full: Vec<Rc<Class>> = std::iter::once(cls.clone()).chain(cls.mro.iter().cloned()).collect();
        if let Some(i) = full.iter().position(|c| Rc::ptr_eq(c, owner)) {
            return full[i + 1..].to_vec();
        }
    }
    owner.mro.clone()
}

/// `C.__mro__`: the class, its MRO, and `object` (exceptions end in `BaseException`,
/// which nt's hierarchy already holds).
pub fn of(c: &Rc<Class>) -> Vec<crate::value::Value> {
    use crate::value::{PyType, Value};
    let mut out: Vec<Value> = std::iter::once(c.clone())
        .chain(c.mro.iter().cloned())
        .map(Value::Class)
        .collect();
    out.push(Value::Type(PyType::Object));
    out
}

/// The first of `classes` that defines `name` itself, and the attribute.
pub fn find(classes: &[Rc<Class>], name: crate::syntax::symbol::Sym) -> Option<crate::value::Value> {
    classes.iter().find_map(|c| c.methods.borrow().get(&name).cloned())
}

/// The MRO after the new class itself: the merge of each base's linearization and the
/// list of bases, or CPython's `TypeError` when no consistent order exists.
pub fn c3(bases: &[Rc<Class>]) -> Res<Vec<Rc<Class>>> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases
        .iter()
        .map(|b| std::iter::once(b.clone()).chain(b.mro.iter().cloned()).collect())
        .collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<Class>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        // The first head that is in no other sequence's tail.
        let head = seqs
            .iter()
            .map(|s| s[0].clone())
            .find(|h| !seqs.iter().any(|s| s[1..].iter().any(|c| Rc::ptr_eq(c, h))));
        let Some(head) = head else {
            let mut names: Vec<&str> = Vec::new();
            for s in &seqs {
                if !names.contains(&s[0].name.as_str()) {
                    names.push(s[0].name.as_str());
                }
            }
            return Err(type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &head) {
                s.remove(0);
            }
        }
        out.push(head);
    }
}
