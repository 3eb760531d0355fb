//! Instances' attribute protocol beyond plain storage: a class's own `__setattr__`,
//! `__getattr__` (asked when normal lookup fails) and `__delattr__`; `del obj.name`;
//! and the builtins over it: `delattr`, `vars` (and `obj.__dict__`),
//! `dir`.

use super::Interp;
use super::builtins::{arity, no_kw};
use crate::error::{Res, exc, type_error};
use crate::syntax::symbol::Sym;
use crate::value::{Args, Object, Value};
use std::rc::Rc;

/// A class's own (Python-defined) special method.
fn user_method(o: &Object, name: Sym) -> Option<Value> {
    o.class.method(name).filter(|m| matches!(m, Value::Function(_)))
}

impl Interp {
    /// `obj.name = v` through the class's `__setattr__`; `None` when it has none.
    pub fn user_setattr(&mut self, v: &Value, o: &Object, name: Sym, value: &Value) -> Option<Res<()>> {
        let f = user_method(o, crate::sym!("__setattr__"))?;
        let args = vec![v.clone(), Value::str(name.as_str()), value.clone()];
        Some(
            self.call(
                &f,
                Args {
                    pos: args,
                    kw: Vec::new(),
                },
                None,
            )
            .map(|_| ()),
        )
    }

    /// `obj.name` after normal lookup failed with `err`: the class's `__getattr__`.
    pub fn user_getattr(&mut self, v: &Value, o: &Object, name: Sym, err: Box<crate::error::Exc>) -> Res<Value> {
        match user_method(o, crate::sym!("__getattr__")) {
            Some(f) => {
                let args = vec![v.clone(), Value::str(name.as_str())];
                self.call(
                    &f,
                    Args {
                        pos: args,
                        kw: Vec::new(),
                    },
                    None,
                )
            }
            None => Err(err),
        }
    }

    /// `object.__setattr__(obj, name, v)`: plain storage (a property's setter runs).
    pub fn plain_setattr(&mut self, v: &Value, o: &Rc<Object>, name: Sym, value: Value) -> Res<()> {
        if let Some(d @ super::descriptors::Descriptor::Property { .. }) =
            o.class.method(name).as_ref().and_then(super::descriptors::descriptor)
        {
            return self.property_set(d, v, &o.class, name, value);
        }
        self.register_in_module(o, name, &value);
        o.set(name, value);
        Ok(())
    }

    /// `del obj.name`.
    pub fn del_attr(&mut self, v: &Value, name: Sym) -> Res<()> {
        match v {
            Value::Object(o) => {
                if let Some(f) = user_method(o, crate::sym!("__delattr__")) {
                    let args = vec![v.clone(), Value::str(name.as_str())];
                    return self
                        .call(
                            &f,
                            Args {
                                pos: args,
                                kw: Vec::new(),
                            },
                            None,
                        )
                        .map(|_| ());
                }
                self.plain_delattr(v, o, name)
            }
            Value::Module(m) if m.attrs.borrow_mut().remove(&name).is_some() => Ok(()),
            Value::Class(c) if c.methods.borrow_mut().remove(&name).is_some() => Ok(()),
            Value::Class(c) => Err(exc(
                "AttributeError",
                format!("type object '{}' has no attribute '{name}'", c.name),
            )),
            _ => Err(exc(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", v.type_name()),
            )),
        }
    }

    /// `object.__delattr__(obj, name)`.
    pub fn plain_delattr(&mut self, v: &Value, o: &Object, name: Sym) -> Res<()> {
        let mut attrs = o.attrs.borrow_mut();
        match attrs.iter().position(|(k, _)| *k == name) {
            Some(i) => {
                attrs.remove(i);
                Ok(())
            }
            None => Err(exc(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", v.type_name()),
            )),
        }
    }

    /// `vars(obj)` and `obj.__dict__`: a new dict of the instance's attributes (nt
    /// keeps them in the instance, so changes to the dict do not reach it).
    pub fn instance_dict(&mut self, v: &Value) -> Res<Value> {
        let mut d = crate::value::dict::Dict::new();
        match v {
            Value::Object(o) => {
                for (k, val) in o.attrs.borrow().iter() {
                    let key = Value::str(k.as_str());
                    d.insert(self.hkey(&key)?, key, val.clone());
                }
            }
            Value::Module(m) => {
                let attrs = m.attrs.borrow();
                let mut names: Vec<&Sym> = attrs.keys().collect();
                names.sort_by_key(|s| s.as_str());
                for k in names {
                    let key = Value::str(k.as_str());
                    d.insert(self.hkey(&key)?, key, attrs[k].clone());
                }
            }
            _ => return Err(type_error("vars() argument must have __dict__ attribute")),
        }
        Ok(Value::Dict(Rc::new(std::cell::RefCell::new(d))))
    }
}

pub fn delattr(interp: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "delattr")?;
    arity(&args, "delattr", 2, 2)?;
    let Value::Str(name) = &args.pos[1] else {
        return Err(type_error(format!(
            "attribute name must be string, not '{}'",
            args.pos[1].type_name()
        )));
    };
    interp.del_attr(&args.pos[0], Sym::new(name))?;
    Ok(Value::None)
}

pub fn vars(interp: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "vars")?;
    arity(&args, "vars", 1, 1)?;
    interp.instance_dict(&args.pos[0])
}

/// `object`'s attributes, as `dir()` lists them for every instance.
const OBJECT_DIR: &[&str] = &[
    "__class__",
    "__delattr__",
    "__dir__",
    "__doc__",
    "__eq__",
    "__format__",
    "__ge__",
    "__getattribute__",
    "__getstate__",
    "__gt__",
    "__hash__",
    "__init__",
    "__init_subclass__",
    "__le__",
    "__lt__",
    "__ne__",
    "__new__",
    "__reduce__",
    "__reduce_ex__",
    "__repr__",
    "__setattr__",
    "__sizeof__",
    "__str__",
    "__subclasshook__",
];

/// `dir(x)` for instances and classes of user classes, and modules; other values are
/// refused rather than listed differently from CPython.
pub fn dir(interp: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "dir")?;
    arity(&args, "dir", 1, 1)?;
    let v = &args.pos[0];
    let mut names: Vec<String> = Vec::new();
    let class_names = |c: &crate::value::Class, names: &mut Vec<String>| {
        for k in std::iter::once(c).chain(c.mro.iter().map(|r| &**r)) {
            names.extend(k.methods.borrow().keys().map(|s| s.as_str().to_owned()));
        }
        names.extend(OBJECT_DIR.iter().map(|s| s.to_string()));
        names.extend(["__dict__", "__module__", "__weakref__"].iter().map(|s| s.to_string()));
    };
    match v {
        Value::Object(o) if o.class.module != "builtins" => {
            names.extend(o.attrs.borrow().iter().map(|(k, _)| k.as_str().to_owned()));
            class_names(&o.class, &mut names);
        }
        Value::Class(c) if c.module != "builtins" && !crate::value::exception::is_exception_class(c) => {
            class_names(c, &mut names);
        }
        Value::Module(m) => {
            names.extend(m.attrs.borrow().keys().map(|s| s.as_str().to_owned()));
            let mut dunders = vec!["__doc__", "__loader__", "__name__", "__package__", "__spec__"];
            if m.origin.is_some() {
                dunders.extend(["__builtins__", "__cached__", "__file__"]);
            }
            names.extend(dunders.iter().map(|s| s.to_string()));
        }
        _ => {
            let _ = interp;
            return Err(exc(
                "NotImplementedError",
                format!("nt cannot list the attributes of a '{}' object yet", v.type_name()),
            ));
        }
    }
    names.sort();
    names.dedup();
    Ok(Value::list(names.into_iter().map(|s| Value::str(&s)).collect()))
}
