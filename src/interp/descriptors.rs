//! `staticmethod`, `classmethod` and `property`: what a class attribute made with them
//! does when read through an instance or the class, called, or (a property) assigned.

use super::Interp;
use crate::error::{Res, exc, type_error};
use crate::syntax::symbol::Sym;
use crate::value::{Args, Builtin, Class, Object, Value};
use rustc_hash::FxHashMap;
use std::rc::Rc;

thread_local! {
    static STATIC: Rc<Class> = builtin_class("staticmethod", FxHashMap::default());
    static CLASS: Rc<Class> = builtin_class("classmethod", FxHashMap::default());
    static PROPERTY: Rc<Class> = {
        let mut methods = FxHashMap::default();
        methods.insert(Sym::new("setter"), Value::Builtin(&SETTER));
        methods.insert(Sym::new("getter"), Value::Builtin(&GETTER));
        builtin_class("property", methods)
    };
}

static SETTER: Builtin = Builtin {
    name: "setter",
    f: setter,
};
static GETTER: Builtin = Builtin {
    name: "getter",
    f: getter,
};

fn builtin_class(name: &str, methods: FxHashMap<Sym, Value>) -> Rc<Class> {
    Rc::new(Class::new(name, "builtins", None, methods))
}

/// What a class attribute is, as a descriptor.
pub enum Descriptor {
    Static(Value),
    Class(Value),
    Property { fget: Value, fset: Value },
}

pub fn descriptor(v: &Value) -> Option<Descriptor> {
    let Value::Object(o) = v else { return None };
    if o.class.module != "builtins" {
        return None;
    }
    let get = |n: Sym| o.attr(n).unwrap_or(Value::None);
    match o.class.name.as_str() {
        "staticmethod" => Some(Descriptor::Static(get(crate::sym!("__func__")))),
        "classmethod" => Some(Descriptor::Class(get(crate::sym!("__func__")))),
        "property" => Some(Descriptor::Property {
            fget: get(crate::sym!("fget")),
            fset: get(crate::sym!("fset")),
        }),
        _ => None,
    }
}

fn one_function(args: &Args, name: &str) -> Res<Value> {
    match args.pos.as_slice() {
        [f] if args.kw.is_empty() => Ok(f.clone()),
        _ => Err(type_error(format!(
            "{name} expected 1 argument, got {}",
            args.pos.len()
        ))),
    }
}

pub fn staticmethod(_: &mut Interp, args: Args) -> Res<Value> {
    let f = one_function(&args, "staticmethod")?;
    Ok(Object::new(STATIC.with(Rc::clone), vec![(Sym::new("__func__"), f)]))
}

pub fn classmethod(_: &mut Interp, args: Args) -> Res<Value> {
    let f = one_function(&args, "classmethod")?;
    Ok(Object::new(CLASS.with(Rc::clone), vec![(Sym::new("__func__"), f)]))
}

fn make_property(fget: Value, fset: Value) -> Value {
    Object::new(
        PROPERTY.with(Rc::clone),
        vec![(Sym::new("fget"), fget), (Sym::new("fset"), fset)],
    )
}

pub fn property(_: &mut Interp, mut args: Args) -> Res<Value> {
    let fget = super::builtins::kwarg(&mut args, "fget").or_else(|| args.pos.first().cloned());
    let fset = super::builtins::kwarg(&mut args, "fset").or_else(|| args.pos.get(1).cloned());
    if args.pos.len() > 2 || !args.kw.is_empty() {
        return Err(type_error("nt's property() takes fget and fset"));
    }
    Ok(make_property(fget.unwrap_or(Value::None), fset.unwrap_or(Value::None)))
}

/// `@x.setter`: the property with a setter.
fn setter(_: &mut Interp, args: Args) -> Res<Value> {
    match (args.pos.first().and_then(descriptor), args.pos.get(1)) {
        (Some(Descriptor::Property { fget, .. }), Some(f)) => Ok(make_property(fget, f.clone())),
        _ => Err(type_error("setter(function)")),
    }
}

/// `@x.getter`: the property with another getter.
fn getter(_: &mut Interp, args: Args) -> Res<Value> {
    match (args.pos.first().and_then(descriptor), args.pos.get(1)) {
        (Some(Descriptor::Property { fset, .. }), Some(f)) => Ok(make_property(f.clone(), fset)),
        _ => Err(type_error("getter(function)")),
    }
}

impl Interp {
    fn call_with(&mut self, f: &Value, first: Option<Value>, mut args: Args) -> Res<Value> {
        if let Some(first) = first {
            args.pos.insert(0, first);
        }
        self.call(f, args, None)
    }

    /// Reading a descriptor through an instance (`this`) of `class`.
    pub fn descriptor_get(&mut self, d: Descriptor, this: &Value, class: &Rc<Class>, name: Sym) -> Res<Value> {
        match d {
            Descriptor::Static(f) => Ok(f),
            Descriptor::Class(_) => Ok(Value::Method(Rc::new((Value::Class(class.clone()), name)))),
            Descriptor::Property { fget: Value::None, .. } => Err(exc(
                "AttributeError",
                format!("property '{name}' of '{}' object has no getter", class.name),
            )),
            Descriptor::Property { fget, .. } => self.call_with(
                &fget,
                Some(this.clone()),
                Args {
                    pos: Vec::new(),
                    kw: Vec::new(),
                },
            ),
        }
    }

    /// Calling a descriptor as a method of an instance or of the class.
    pub fn descriptor_call(
        &mut self,
        d: Descriptor,
        this: Option<&Value>,
        class: &Rc<Class>,
        args: Args,
    ) -> Res<Value> {
        match d {
            Descriptor::Static(f) => self.call_with(&f, None, args),
            Descriptor::Class(f) => self.call_with(&f, Some(Value::Class(class.clone())), args),
            Descriptor::Property { fget, .. } => {
                let Some(this) = this else {
                    return Err(type_error("'property' object is not callable"));
                };
                let v = self.call_with(
                    &fget,
                    Some(this.clone()),
                    Args {
                        pos: Vec::new(),
                        kw: Vec::new(),
                    },
                )?;
                self.call(&v, args, None)
            }
        }
    }

    /// Assigning a property through an instance: its setter, or CPython's error.
    pub fn property_set(&mut self, d: Descriptor, this: &Value, class: &Class, name: Sym, v: Value) -> Res<()> {
        match d {
            Descriptor::Property { fset: Value::None, .. } => Err(exc(
                "AttributeError",
                format!("property '{name}' of '{}' object has no setter", class.name),
            )),
            Descriptor::Property { fset, .. } => {
                self.call_with(
                    &fset,
                    Some(this.clone()),
                    Args {
                        pos: vec![v],
                        kw: Vec::new(),
                    },
                )?;
                Ok(())
            }
            _ => Err(exc(
                "AttributeError",
                format!("'{}' object attribute '{name}' is read-only", class.name),
            )),
        }
    }
}
