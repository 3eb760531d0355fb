//! Classes and their instances (`Value::Class`, `Value::Object`): how instances are
//! made, print, and find their attributes and methods. The classes of `torch.nn` and
//! `torch.optim` are written in `stdlib/` with `_nt.cls`; `torch.Generator` is made here.

use super::Interp;
use crate::error::{Res, exc, type_error};
use crate::syntax::symbol::Sym;
use crate::value::{Args, Class, Object, Value};
use rustc_hash::FxHashMap;
use std::rc::Rc;

thread_local! {
    static GENERATOR: Rc<Class> = Rc::new(Class::new("Generator", "torch._C", None, Default::default()));
}

thread_local! {
    static OBJECT: Rc<Class> = Rc::new(Class::new("object", "builtins", None, Default::default()));
}

thread_local! {
    static NOT_IMPLEMENTED: Value = Object::new(
        Rc::new(Class::new("NotImplementedType", "builtins", None, Default::default())),
        Vec::new(),
    );
}

/// `NotImplemented`: what a binary special method returns to pass the operation on.
pub fn not_implemented() -> Value {
    NOT_IMPLEMENTED.with(Value::clone)
}

pub fn is_not_implemented(v: &Value) -> bool {
    NOT_IMPLEMENTED.with(|n| n.is(v))
}

/// `object()`: a plain instance (a sentinel, compared by identity).
pub fn plain_object() -> Value {
    Object::new(OBJECT.with(Rc::clone), Vec::new())
}

/// What `torch.manual_seed` returns.
pub fn generator() -> Value {
    Object::new(GENERATOR.with(Rc::clone), Vec::new())
}

/// `repr(obj)`: an `nn.Module` prints as PyTorch's `Module.__repr__` does (its name,
/// its `extra_repr`, and its children indented); anything else by address.
pub fn repr(o: &Object, address: usize) -> String {
    if let Some(r) = crate::nd::files::npz_repr(o) {
        return r;
    }
    if o.class.name == "NotImplementedType" && o.class.module == "builtins" {
        return "NotImplemented".into();
    }
    if !o.class.is_a("Module") {
        return format!("<{}.{} object at {:#x}>", o.class.module, o.class.name, address);
    }
    let extra = match o.get("_extra_repr") {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    let mut lines: Vec<String> = if extra.is_empty() {
        Vec::new()
    } else {
        extra.split('\n').map(str::to_string).collect()
    };
    let extra_lines = lines.len();
    for (name, child) in children(o) {
        let text = crate::value::repr::repr(&child).replace('\n', "\n  ");
        lines.push(format!("({name}): {text}"));
    }
    let mut out = format!("{}(", o.class.name);
    if !lines.is_empty() {
        if extra_lines == 1 && lines.len() == 1 {
            out += &lines[0];
        } else {
            out += "\n  ";
            out += &lines.join("\n  ");
            out += "\n";
        }
    }
    out + ")"
}

/// A module's children, in order: the `(name, module)` pairs of its `_children` list.
pub fn children(o: &Object) -> Vec<(String, Value)> {
    let Some(Value::List(l)) = o.get("_children") else {
        return Vec::new();
    };
    l.borrow()
        .iter()
        .filter_map(|pair| match pair {
            Value::Tuple(t) if t.len() == 2 => Some((crate::value::repr::str_of(&t[0]), t[1].clone())),
            _ => None,
        })
        .collect()
}

/// The number of children: `len(nn.Sequential(...))`.
pub fn len(o: &Object) -> Option<usize> {
    match o.get("_children") {
        Some(Value::List(l)) => Some(l.borrow().len()),
        _ => None,
    }
}

fn no_attribute(o: &Object, name: Sym) -> Box<crate::error::Exc> {
    exc(
        "AttributeError",
        format!("'{}' object has no attribute '{name}'", o.class.name),
    )
}

/// Whether a class attribute is a function that binds to the instance (a method).
fn binds(v: &Value) -> bool {
    matches!(v, Value::Function(_) | Value::Builtin(_))
}

impl Interp {
    /// `obj.name`: an attribute, else a method bound to `obj`, else a class attribute.
    pub fn object_attr(&mut self, v: &Value, o: &Object, name: Sym) -> Res<Value> {
        if let Some(a) = o.attr(name) {
            return Ok(a);
        }
        let found = match o.class.method(name) {
            Some(m) if binds(&m) => Ok(Value::Method(Rc::new((v.clone(), name)))),
            Some(attr) => match super::descriptors::descriptor(&attr) {
                Some(d) => self.descriptor_get(d, v, &o.class, name),
                None => Ok(attr),
            },
            None if name.as_str() == "__dict__" => self.instance_dict(v),
            None if name.as_str() == "__class__" => Ok(Value::Class(o.class.clone())),
            None => Err(no_attribute(o, name)),
        };
        match found {
            // `__getattr__` is asked when normal lookup raises AttributeError.
            Err(e) if e.kind == "AttributeError" => self.user_getattr(v, o, name, e),
            r => r,
        }
    }

    /// The class a `class` statement makes: its body's names are its attributes; its
    /// functions know it (for `super()`).
    pub fn make_user_class(
        &mut self,
        name: Sym,
        bases: &Value,
        attrs: FxHashMap<Sym, Value>,
        module: &str,
    ) -> Res<Value> {
        let bases: Vec<Value> = match bases {
            Value::Tuple(t) => t.to_vec(),
            _ => Vec::new(),
        };
        let mut classes: Vec<Rc<Class>> = Vec::new();
        for b in &bases {
            match b {
                Value::Class(c) => {
                    if classes.iter().any(|k| Rc::ptr_eq(k, c)) {
                        return Err(type_error(format!("duplicate base class {}", c.name)));
                    }
                    classes.push(c.clone());
                }
                Value::Type(crate::value::PyType::Object) => {}
                other => {
                    return Err(type_error(format!(
                        "nt cannot derive a class from '{}' yet",
                        crate::value::repr::repr(other)
                    )));
                }
            }
        }
        let mro = super::mro::c3(&classes)?;
        let class = Rc::new(Class {
            name: name.as_str().to_owned(),
            // A `__module__` set in the class body names the module, as in CPython.
            module: match attrs.get(&Sym::new("__module__")) {
                Some(Value::Str(m)) => m.to_string(),
                _ => module.into(),
            },
            base: classes.first().cloned(),
            bases: classes,
            mro,
            methods: std::cell::RefCell::new(attrs),
            attrs_hint: Default::default(),
        });
        for v in class.methods.borrow().values() {
            if let Value::Function(f) = v {
                let _ = f.owner.set(Rc::downgrade(&class));
            }
        }
        Ok(Value::Class(class))
    }

    /// `super().name(args)`: the method as the base class defines it, called on the
    /// instance; `object`'s `__init__` does nothing.
    pub fn super_method(&mut self, owner: &Option<Rc<Class>>, this: &Value, name: Sym, mut args: Args) -> Res<Value> {
        let found = owner
            .as_ref()
            .and_then(|o| super::mro::find(&super::mro::after(o, this), name));
        match found {
            Some(m) if binds(&m) => {
                args.pos.insert(0, this.clone());
                self.call(&m, args, None)
            }
            Some(other) => self.call(&other, args, None),
            // `BaseException.__init__(*args)`: the exception's args become these.
            None if name.as_str() == "__init__" && matches!(this, Value::Exception(_)) => {
                if let Some((k, _)) = args.kw.first() {
                    let _ = k;
                    return Err(crate::error::type_error(format!(
                        "{}() takes no keyword arguments",
                        this.type_name()
                    )));
                }
                if let Value::Exception(e) = this {
                    *e.args.borrow_mut() = args.pos;
                }
                Ok(Value::None)
            }
            None if name.as_str() == "__init__" && args.pos.is_empty() && args.kw.is_empty() => Ok(Value::None),
            // `object`'s own attribute protocol, reached through `super()`.
            None if let (Value::Object(o), "__setattr__", [k, val]) = (this, name.as_str(), &args.pos[..]) => {
                let Value::Str(k) = k else {
                    return Err(type_error("attribute name must be string"));
                };
                self.plain_setattr(this, o, Sym::new(k), val.clone())?;
                Ok(Value::None)
            }
            None if let (Value::Object(o), "__delattr__", [Value::Str(k)]) = (this, name.as_str(), &args.pos[..]) => {
                self.plain_delattr(this, o, Sym::new(k))?;
                Ok(Value::None)
            }
            None if let (Value::Object(o), "__getattribute__", [Value::Str(k)]) =
                (this, name.as_str(), &args.pos[..]) =>
            {
                let k = Sym::new(k);
                match o.attr(k) {
                    Some(v) => Ok(v),
                    None => self.object_attr(this, o, k),
                }
            }
            None if matches!(name.as_str(), "__repr__" | "__str__") && args.pos.is_empty() => {
                Ok(Value::str(&crate::value::repr::repr(this)))
            }
            None => Err(exc(
                "AttributeError",
                format!("'super' object has no attribute '{name}'"),
            )),
        }
    }

    /// An attribute set on an instance of a `Module` subclass registers a submodule or a
    /// parameter, as PyTorch's `Module.__setattr__` does.
    pub fn register_in_module(&mut self, o: &Object, name: Sym, v: &Value) {
        if !o.class.is_a("Module") || name.as_str().starts_with('_') {
            return;
        }
        match v {
            Value::Object(child) if child.class.is_a("Module") => {
                if let Some(Value::List(l)) = o.get("_children") {
                    let mut l = l.borrow_mut();
                    let pair = Value::tuple(vec![Value::Str(name.as_str().into()), v.clone()]);
                    let existing = l.iter().position(
                        |p| matches!(p, Value::Tuple(t) if matches!(&t[0], Value::Str(s) if &**s == name.as_str())),
                    );
                    match existing {
                        Some(i) => l[i] = pair,
                        None => l.push(pair),
                    }
                }
            }
            Value::Tensor(t) if t.param.get() => {
                if let Some(Value::List(l)) = o.get("_params") {
                    let mut l = l.borrow_mut();
                    if !l.iter().any(|p| matches!(p, Value::Str(s) if &**s == name.as_str())) {
                        l.push(Value::Str(name.as_str().into()));
                    }
                }
            }
            _ => {}
        }
    }

    /// `obj.name(args)`: the class's function called with `obj` first.
    pub fn object_method(&mut self, v: &Value, o: &Object, name: Sym, mut args: Args) -> Res<Value> {
        if let Some(a) = o.attr(name) {
            return self.call(&a, args, None);
        }
        let Some(f) = o.class.method(name) else {
            return Err(no_attribute(o, name));
        };
        if let Some(d) = super::descriptors::descriptor(&f) {
            return self.descriptor_call(d, Some(v), &o.class, args);
        }
        if !binds(&f) {
            return self.call(&f, args, None);
        }
        args.pos.insert(0, v.clone());
        self.call(&f, args, None)
    }

    /// `Class(args)`: a new instance, set up by the class's `__init__`.
    pub fn construct_object(&mut self, c: &Rc<Class>, args: Args) -> Res<Value> {
        if crate::value::exception::is_exception_class(c) {
            let init = c.method(crate::sym!("__init__"));
            if init.is_none() {
                if !args.kw.is_empty() {
                    return Err(type_error(format!("{}() takes no keyword arguments", c.name)));
                }
                return Ok(Value::Exception(crate::value::exception::ExcObj::new(
                    c.clone(),
                    args.pos,
                )));
            }
            // A subclass's own `__init__` runs on the new exception, whose args are the
            // call's until it calls `super().__init__(…)` (BaseException.__new__).
            let e = Value::Exception(crate::value::exception::ExcObj::new(c.clone(), args.pos.clone()));
            let mut args = args;
            args.pos.insert(0, e.clone());
            if let Some(init) = init {
                let r = self.call(&init, args, None)?;
                if !matches!(r, Value::None) {
                    return Err(type_error(format!(
                        "__init__() should return None, not '{}'",
                        r.type_name()
                    )));
                }
            }
            return Ok(e);
        }
        let obj = Object::new(c.clone(), Vec::with_capacity(c.attrs_hint.get()));
        let Value::Object(o) = &obj else { unreachable!() };
        match c.method(Sym::new("__init__")) {
            Some(_) => {
                self.object_method(&obj, o, Sym::new("__init__"), args)?;
            }
            None if !args.pos.is_empty() || !args.kw.is_empty() => {
                return Err(type_error(format!("{}() takes no arguments", c.name)));
            }
            None => {}
        }
        Ok(obj)
    }
}

/// `_nt.cls(name, module, base, methods)`: a class for `stdlib/`.
pub fn make_class(args: &Args) -> Res<Value> {
    let [name, module, base, methods] = &args.pos[..] else {
        return Err(type_error("_nt.cls(name, module, base, methods)"));
    };
    let text = |v: &Value| match v {
        Value::Str(s) => Ok(s.to_string()),
        _ => Err(type_error("_nt.cls: name and module must be str")),
    };
    let base = match base {
        Value::Class(c) => Some(c.clone()),
        _ => None,
    };
    let mut table = FxHashMap::default();
    if let Value::Dict(d) = methods {
        for (k, v) in d.borrow().iter() {
            if let Value::Str(s) = k {
                table.insert(Sym::new(s), v.clone());
            }
        }
    }
    Ok(Value::Class(Rc::new(Class::new(
        &text(name)?,
        &text(module)?,
        base,
        table,
    ))))
}
