//! `help(C)` for a class defined in nt, laid out as pydoc's `TextDoc.docclass` writes it:
//! the signature of its constructor, its docstring, the method resolution order, then
//! per class of the MRO its methods, class and static methods, properties, descriptors
//! and data, each section after a rule.

use super::attrs::{cleandoc, docstring, signature};
use super::descriptors::{Descriptor, descriptor};
use crate::syntax::symbol::Sym;
use crate::value::{Class, Function, Value};
use std::rc::Rc;

/// The docstrings `object`'s slots give special methods a class defines without one.
fn slot_doc(name: &str) -> Option<&'static str> {
    Some(match name {
        "__init__" => "Initialize self.  See help(type(self)) for accurate signature.",
        "__repr__" => "Return repr(self).",
        "__str__" => "Return str(self).",
        "__eq__" => "Return self==value.",
        "__ne__" => "Return self!=value.",
        "__lt__" => "Return self<value.",
        "__le__" => "Return self<=value.",
        "__gt__" => "Return self>value.",
        "__ge__" => "Return self>=value.",
        "__hash__" => "Return hash(self).",
        "__getattribute__" => "Return getattr(self, name).",
        "__setattr__" => "Implement setattr(self, name, value).",
        "__format__" => "Default object formatter.",
        "__delattr__" => "Implement delattr(self, name).",
        "__sizeof__" => "Size of object in memory, in bytes.",
        _ => return None,
    })
}

fn class_name(c: &Class, module: &str) -> String {
    if c.module == module {
        c.name.clone()
    } else {
        format!("{}.{}", c.module, c.name)
    }
}

fn indent(doc: &str) -> String {
    doc.split('\n')
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_string()
}

fn func_doc(f: &Function, name: &str) -> String {
    match docstring(f) {
        Value::Str(d) if !cleandoc(&d).is_empty() => cleandoc(&d),
        _ => slot_doc(name).unwrap_or("").to_string(),
    }
}

/// A method as pydoc documents it: its signature (without `self` for class methods),
/// then its docstring indented.
fn routine(f: &Function, name: &str, note: &str, drop_first: bool) -> String {
    let mut sig = signature(f);
    if drop_first {
        // `make(cls, n)` → `make(n)`
        if let Some(open) = sig.find('(') {
            let inner = &sig[open + 1..sig.len() - 1];
            let rest = inner.split_once(", ").map_or("", |(_, r)| r);
            sig = format!("{}({rest})", &sig[..open]);
        }
    }
    if sig.starts_with(&format!("{}(", f.def.name.as_str())) && f.def.name.as_str() != name {
        sig = format!("{name} = {sig}");
    }
    let doc = func_doc(f, name);
    if doc.is_empty() {
        format!("{sig}{note}\n")
    } else {
        format!("{sig}{note}\n{}\n", indent(&doc))
    }
}

enum Kind {
    Method,
    ClassMethod,
    StaticMethod,
    Readonly,
    Descriptor,
    Data,
}

/// What `help(C)` prints.
pub fn class_help(c: &Rc<Class>) -> String {
    let module = c.module.clone();
    let mut contents: Vec<String> = Vec::new();
    // The constructor's signature, from the first __init__ of the MRO.
    let init = std::iter::once(c)
        .chain(c.mro.iter())
        .find_map(|k| k.methods.borrow().get(&Sym::new("__init__")).cloned());
    if let Some(Value::Function(f)) = init {
        let sig = signature(&f);
        let inner = &sig[sig.find('(').map_or(0, |i| i + 1)..sig.len().saturating_sub(1)];
        let rest = inner.split_once(", ").map_or("", |(_, r)| r);
        let rest = if inner == "self" { "" } else { rest };
        if !rest.is_empty() {
            contents.push(format!("{}({rest})\n", c.name));
        }
    }
    if let Some(Value::Str(d)) = c.methods.borrow().get(&Sym::new("__doc__")) {
        let d = cleandoc(d);
        if !d.is_empty() {
            contents.push(format!("{d}\n"));
        }
    }
    if !c.mro.is_empty() {
        let mut lines = vec!["Method resolution order:".to_string()];
        for k in std::iter::once(c).chain(c.mro.iter()) {
            lines.push(format!("    {}", class_name(k, &module)));
        }
        lines.push("    builtins.object".to_string());
        contents.push(lines.join("\n") + "\n");
    }
    let mut first_section = true;
    let chain: Vec<&Rc<Class>> = std::iter::once(c).chain(c.mro.iter()).collect();
    let mut seen: Vec<String> = Vec::new();
    for k in &chain {
        let tag = if Rc::ptr_eq(k, c) {
            "defined here".to_string()
        } else {
            format!("inherited from {}", class_name(k, &module))
        };
        let mut items: Vec<(String, Kind, Value)> = Vec::new();
        for (name, v) in k.methods.borrow().iter() {
            let n = name.as_str().to_string();
            if matches!(
                n.as_str(),
                "__doc__" | "__module__" | "__qualname__" | "__dict__" | "__weakref__"
            ) || seen.contains(&n)
            {
                continue;
            }
            let kind = match (v, descriptor(v)) {
                (_, Some(Descriptor::Class(_))) => Kind::ClassMethod,
                (_, Some(Descriptor::Static(_))) => Kind::StaticMethod,
                (_, Some(Descriptor::Property { fset, .. })) => {
                    if matches!(fset, Value::None) {
                        Kind::Readonly
                    } else {
                        Kind::Descriptor
                    }
                }
                (Value::Function(_), None) => Kind::Method,
                _ => Kind::Data,
            };
            items.push((n, kind, v.clone()));
        }
        seen.extend(items.iter().map(|i| i.0.clone()));
        // The first class below object holds the instance dict and weak references.
        let dict_holder = k.base.is_none();
        items.sort_by(|a, b| a.0.cmp(&b.0));
        let sections: [(&str, fn(&Kind) -> bool); 6] = [
            ("Methods", |k| matches!(k, Kind::Method)),
            ("Class methods", |k| matches!(k, Kind::ClassMethod)),
            ("Static methods", |k| matches!(k, Kind::StaticMethod)),
            ("Readonly properties", |k| matches!(k, Kind::Readonly)),
            ("Data descriptors", |k| matches!(k, Kind::Descriptor)),
            ("Data and other attributes", |k| matches!(k, Kind::Data)),
        ];
        for (title, pick) in sections {
            let mut docs: Vec<(String, String)> = Vec::new();
            for (name, kind, v) in items.iter().filter(|i| pick(&i.1)) {
                docs.push((
                    name.clone(),
                    match (kind, v, descriptor(v)) {
                        (Kind::Method, Value::Function(f), _) => routine(f, name, "", false),
                        (Kind::ClassMethod, _, Some(Descriptor::Class(Value::Function(f)))) => {
                            routine(&f, name, " from builtins.type", true)
                        }
                        (Kind::StaticMethod, _, Some(Descriptor::Static(Value::Function(f)))) => {
                            routine(&f, name, "", false)
                        }
                        (
                            Kind::Readonly | Kind::Descriptor,
                            _,
                            Some(Descriptor::Property {
                                fget: Value::Function(f),
                                ..
                            }),
                        ) => match docstring(&f) {
                            Value::Str(d) if !cleandoc(&d).is_empty() => format!("{name}\n{}\n", indent(&cleandoc(&d))),
                            _ => format!("{name}\n"),
                        },
                        (Kind::Data, v, _) => format!("{name} = {}\n", crate::value::repr::repr(v)),
                        _ => format!("{name}\n"),
                    },
                ));
            }
            if title == "Data descriptors" && dict_holder {
                docs.push((
                    "__dict__".into(),
                    "__dict__\n    dictionary for instance variables\n".to_string(),
                ));
                docs.push((
                    "__weakref__".into(),
                    "__weakref__\n    list of weak references to the object\n".to_string(),
                ));
                docs.sort_by(|a, b| a.0.cmp(&b.0));
            }
            if docs.is_empty() {
                continue;
            }
            if !first_section {
                contents.push("-".repeat(70));
            }
            first_section = false;
            contents.push(format!("{title} {tag}:\n"));
            contents.extend(docs.into_iter().map(|d| d.1));
        }
    }
    let bases = if c.bases.is_empty() {
        "builtins.object".to_string()
    } else {
        c.bases
            .iter()
            .map(|b| class_name(b, &module))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let body: Vec<String> = contents
        .join("\n")
        .trim_end()
        .split('\n')
        .map(|l| format!(" |  {l}"))
        .collect();
    format!(
        "Help on class {} in module {}:\n\nclass {}({bases})\n{}\n\n",
        c.name,
        module,
        c.name,
        body.join("\n")
    )
}
