//! The attributes of functions and classes beyond their methods: `f.__name__`,
//! `f.__doc__`, `C.__module__`, and attributes a program sets on them (`f.cache = {}`,
//! `C.count += 1`, what `functools.wraps` copies).

use super::Interp;
use crate::error::Res;
use crate::syntax::ast::{ExprKind, StmtKind};
use crate::syntax::symbol::Sym;
use crate::value::{Function, Value};
use std::rc::Rc;

/// A function's docstring: its body's first statement, when that is a string.
pub fn docstring(f: &Function) -> Value {
    match f.def.body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr(e)) if !f.def.is_lambda => match &e.kind {
            ExprKind::Str(s) => Value::Str(s.clone()),
            _ => Value::None,
        },
        _ => Value::None,
    }
}

impl Interp {
    /// `__annotations__[name] = ann` in the namespace `ns` (a module's or a class
    /// body's), making the dict on first use as CPython's `SETUP_ANNOTATIONS` does.
    pub fn annotate(&mut self, ns: &std::rc::Rc<super::scope::Scope>, name: Sym, ann: Value) -> Res<()> {
        let key = Sym::new("__annotations__");
        let existing = ns.vars.borrow().get(&key).cloned();
        let dict = match existing {
            Some(d) => d,
            None => {
                let d = Value::Dict(Rc::new(std::cell::RefCell::new(crate::value::dict::Dict::new())));
                ns.set(key, d.clone());
                d
            }
        };
        let k = Value::Str(name.as_str().into());
        self.set_item(&dict, k, ann)
    }

    /// `o.name` for a function or class attribute that is not a method; `None` to let
    /// the ordinary lookup answer.
    pub fn extra_attr(&self, o: &Value, name: Sym) -> Option<Value> {
        match o {
            Value::Function(f) => {
                if let Some(v) = f.attrs.borrow().iter().find(|(k, _)| *k == name) {
                    return Some(v.1.clone());
                }
                Some(match name.as_str() {
                    "__name__" | "__qualname__" => Value::Str(f.def.name.as_str().into()),
                    "__doc__" => docstring(f),
                    "__module__" => Value::Str(function_module(f).into()),
                    "__defaults__" => {
                        let d: Vec<Value> = f.defaults.iter().flatten().cloned().collect();
                        if d.is_empty() { Value::None } else { Value::tuple(d) }
                    }
                    _ => return None,
                })
            }
            Value::Class(c) => Some(match name.as_str() {
                "__qualname__" => Value::Str(c.name.as_str().into()),
                "__module__" => Value::Str(c.module.as_str().into()),
                "__bases__" => Value::tuple(if c.bases.is_empty() {
                    vec![Value::Type(crate::value::PyType::Object)]
                } else {
                    c.bases.iter().map(|b| Value::Class(b.clone())).collect()
                }),
                "__mro__" => Value::tuple(super::mro::of(c)),
                "__base__" => c
                    .base
                    .clone()
                    .map_or(Value::Type(crate::value::PyType::Object), Value::Class),
                "__doc__" => c.methods.borrow().get(&name).cloned().unwrap_or(Value::None),
                _ => return None,
            }),
            // Builtins and library functions: `f.__name__`, as CPython's builtins have.
            Value::Builtin(b) => match name.as_str() {
                "__name__" | "__qualname__" => Some(Value::Str(b.name.into())),
                "__module__" => Some(Value::Str("builtins".into())),
                _ => None,
            },
            Value::NdFunc(f) => match name.as_str() {
                "__name__" | "__qualname__" => Some(Value::Str(f.name.into())),
                _ => None,
            },
            Value::Method(m) => match name.as_str() {
                "__name__" => Some(Value::Str(m.1.as_str().into())),
                "__self__" => Some(m.0.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    /// `o.name = v` on a function or a class; `None` for other values.
    pub fn set_extra_attr(&mut self, o: &Value, name: Sym, v: Value) -> Option<Res<()>> {
        match o {
            Value::Function(f) => {
                let mut attrs = f.attrs.borrow_mut();
                match attrs.iter_mut().find(|(k, _)| *k == name) {
                    Some(slot) => slot.1 = v,
                    None => attrs.push((name, v)),
                }
                Some(Ok(()))
            }
            Value::Class(c) => {
                // A function set on a class later is a method of it (`super()` inside it
                // starts from this class's base).
                if let Value::Function(f) = &v {
                    let _ = f.owner.set(Rc::downgrade(c));
                }
                c.methods.borrow_mut().insert(name, v);
                Some(Ok(()))
            }
            _ => None,
        }
    }
}

impl Interp {
    /// `np.add.reduce`, `np.add.nin`, `np.abs.__name__`: a ufunc's methods and
    /// attributes (`nd/ufunc.rs`); `None` when `o` is not a ufunc or `name` not one of them.
    pub(super) fn ufunc_attr(&mut self, o: &Value, name: Sym) -> Option<Value> {
        use crate::nd::ufunc;
        if !matches!(o, Value::NdFunc(_) | Value::Function(_)) {
            return None;
        }
        let n = name.as_str();
        if !(ufunc::METHODS.contains(&n) || ufunc::ATTRS.contains(&n)) {
            return None;
        }
        let u = ufunc::of(o)?;
        Some(match ufunc::METHODS.contains(&n) {
            true => Value::Method(Rc::new((o.clone(), name))),
            false => u.attr(n),
        })
    }

    /// Calls `stdlib/numpy/_ufunc.nt`'s `f`.
    pub(super) fn ufunc_stdlib(&mut self, f: &str, pos: Vec<Value>, kw: Vec<(Sym, Value)>) -> Res<Value> {
        self.numpy_stdlib("_ufunc", f, pos, kw)
    }

    /// Calls `f` of the stdlib module `numpy.PART`.
    pub(super) fn numpy_stdlib(&mut self, part: &str, f: &str, pos: Vec<Value>, kw: Vec<(Sym, Value)>) -> Res<Value> {
        let module = self.import(&[crate::sym!("numpy"), Sym::new(part)])?;
        let func = self.get_attr(&module, Sym::new(f))?;
        self.call(&func, crate::value::Args { pos, kw }, None)
    }
}

/// A function's signature as `inspect.signature` writes it: `f(a, b=2, /, *args, c, **kw)`.
pub fn signature(f: &Function) -> String {
    let d = &f.def;
    let mut parts: Vec<String> = Vec::new();
    for (i, p) in d.params.iter().enumerate() {
        let mut s = p.name.as_str().to_string();
        if let Some(Some(v)) = f.defaults.get(i) {
            s = format!("{s}={}", crate::value::repr::repr(v));
        }
        parts.push(s);
        if d.posonly > 0 && i + 1 == d.posonly {
            parts.push("/".to_string());
        }
    }
    if let Some(v) = d.vararg {
        parts.push(format!("*{}", v.as_str()));
    } else if !d.kwonly.is_empty() {
        parts.push("*".to_string());
    }
    for (i, p) in d.kwonly.iter().enumerate() {
        let mut s = p.name.as_str().to_string();
        if let Some(Some(v)) = f.kw_defaults.get(i) {
            s = format!("{s}={}", crate::value::repr::repr(v));
        }
        parts.push(s);
    }
    if let Some(k) = d.kwarg {
        parts.push(format!("**{}", k.as_str()));
    }
    if d.is_lambda {
        // pydoc's way: `<lambda> lambda x, y=1`.
        return format!("{} lambda {}", d.name.as_str(), parts.join(", "));
    }
    format!("{}({})", d.name.as_str(), parts.join(", "))
}

/// `inspect.cleandoc`: the first line's indentation gone, the common indentation of
/// the others removed, empty lines at the start and end dropped.
pub fn cleandoc(doc: &str) -> String {
    let lines: Vec<&str> = doc.split('\n').collect();
    let margin = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    out.push(lines[0].trim_start().to_string());
    for l in &lines[1..] {
        out.push(l.get(margin..).unwrap_or("").to_string());
    }
    while out.first().is_some_and(|l| l.is_empty()) {
        out.remove(0);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// What `help(f)` prints for a function defined in nt, as pydoc writes it.
/// The module a function was defined in: its module scope's `__name__`.
pub fn function_module(f: &Function) -> String {
    let mut scope = f.closure.clone();
    while let Some(p) = scope.parent.clone() {
        scope = p;
    }
    match scope.get(crate::syntax::symbol::Sym::new("__name__")) {
        Some(Value::Str(s)) => s.to_string(),
        _ => "__main__".to_string(),
    }
}

pub fn function_help(f: &Function) -> String {
    let mut out = format!(
        "Help on function {} in module {}:\n\n{}\n",
        f.def.name.as_str(),
        function_module(f),
        signature(f)
    );
    if let Value::Str(doc) = docstring(f) {
        let doc = cleandoc(&doc);
        if !doc.is_empty() {
            // pydoc indents every line, then strips the end of the whole.
            let indented: Vec<String> = doc.split('\n').map(|l| format!("    {l}")).collect();
            out.push_str(indented.join("\n").trim_end());
            out.push('\n');
        }
    }
    out.push('\n');
    out
}
