//! Builtin classes and their instances (`Value::Object`): how they print, their
//! attributes and methods.

use crate::value::{Class, Object};

pub static GENERATOR: Class = Class {
    name: "Generator",
    module: "torch._C",
};

/// `repr(obj)`.
pub fn repr(o: &Object, address: usize) -> String {
    format!("<{}.{} object at {:#x}>", o.class.module, o.class.name, address)
}
