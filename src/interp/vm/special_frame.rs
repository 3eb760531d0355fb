//! Special methods written in Python that the frame loop enters as frames rather than
//! calling from Rust: an instance's binary operator method (`__add__`) and a property's
//! getter. Entering them keeps the Rust stack flat and skips building an argument
//! vector and a nested run; the answers match `special.rs`, which handles every case
//! these decline.

use super::code::Code;
use super::exec::simple_call;
use crate::syntax::ast::BinOp;
use crate::syntax::symbol::Sym;
use crate::value::{Function, Value};
use std::rc::Rc;

/// A compiled Python function taking exactly `n` positional parameters.
fn enterable(v: Option<Value>, n: usize) -> Option<(Rc<Function>, Rc<Code>)> {
    let Some(Value::Function(func)) = v else {
        return None;
    };
    if !simple_call(&func, n) {
        return None;
    }
    let code = func.code()?;
    Some((func, code))
}

/// `a.__op__` for `a op b`, when `a` is an instance whose class defines it in Python.
pub fn binary_method(op: BinOp, a: &Value) -> Option<(Rc<Function>, Rc<Code>)> {
    let Value::Object(o) = a else {
        return None;
    };
    enterable(o.class.method(crate::interp::special::forward_name(op)), 2)
}

/// The `__init__` of `Class(a1..an)`, when it is written in Python and takes them all.
pub fn initializer(callee: &Value, n: usize) -> Option<(Rc<Function>, Rc<Code>)> {
    let Value::Class(c) = callee else {
        return None;
    };
    if crate::value::exception::is_exception_class(c) {
        return None;
    }
    let (func, code) = enterable(c.method(crate::sym!("__init__")), n + 1)?;
    (!code.generator).then_some((func, code))
}

/// The getter of property `name` of instance `o`, when it is written in Python.
pub fn property_getter(o: &Value, name: Sym) -> Option<(Rc<Function>, Rc<Code>)> {
    let Value::Object(obj) = o else {
        return None;
    };
    if obj.has(name) {
        return None;
    }
    let attr = obj.class.method(name)?;
    match crate::interp::descriptors::descriptor(&attr)? {
        crate::interp::descriptors::Descriptor::Property { fget, .. } => enterable(Some(fget), 1),
        _ => None,
    }
}
