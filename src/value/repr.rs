//! `repr()` and `str()` exactly as CPython prints them.

use super::pyfmt::float_repr;
use super::{DKind, PyType, Value};
use crate::interp::iter::Iter;
use crate::nd;

/// Python's `str(x)`.
pub fn str_of(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        Value::Array(a) => nd::print::numpy_str(a),
        Value::NpScalar(a) => nd::print::scalar_str(a),
        Value::NpStr(s) => s.to_string(),
        Value::ObjArray(a) => nd::objects::str_of(a),
        Value::ObjDType(k) => nd::objects::dtype_str(*k),
        Value::DType(d, DKind::NpDType) => d.numpy_name().to_owned(),
        Value::Exception(e) => e.message(),
        // `str(torch.device('cuda', 0))` is `cuda:0`.
        Value::Named(n) if n.type_name == "device" => {
            let field = |k: &str| n.fields.iter().find(|f| f.0 == k).map(|f| str_of(&f.1));
            match (field("type"), field("index")) {
                (Some(t), Some(i)) => format!("{t}:{i}"),
                (Some(t), None) => t,
                _ => repr(v),
            }
        }
        _ => repr(v),
    }
}

/// Python's `repr(x)`.
pub fn repr(v: &Value) -> String {
    let mut out = String::new();
    write_repr(
        v,
        &mut out,
        &mut Ctx {
            seen: Vec::new(),
            hook: None,
            err: None,
        },
    );
    out
}

/// How a caller that can run Python code writes an instance's repr (its class's
/// `__repr__`): `None` leaves the instance to the default.
pub type ReprHook<'a> = &'a mut dyn FnMut(&Value) -> Option<crate::error::Res<String>>;

/// The state of one repr: containers being written (a list inside itself prints
/// `[...]`), the hook for instances, and the first error the hook raised.
pub struct Ctx<'a> {
    seen: Vec<usize>,
    hook: Option<ReprHook<'a>>,
    err: Option<Box<crate::error::Exc>>,
}

/// `repr(v)` where instances inside containers print through `hook`.
pub fn repr_with(v: &Value, hook: ReprHook<'_>) -> crate::error::Res<String> {
    let mut cx = Ctx {
        seen: Vec::new(),
        hook: Some(hook),
        err: None,
    };
    let s = checked(|| {
        let mut out = String::new();
        write_repr(v, &mut out, &mut cx);
        out
    })?;
    match cx.err {
        Some(e) => Err(e),
        None => Ok(s),
    }
}

/// Python's repr of a str: single quotes unless the text has a `'` and no `"`.
pub fn repr_str(s: &str) -> String {
    crate::array::format::py_str_repr(s)
}

fn write_seq(items: &[Value], open: &str, close: &str, out: &mut String, seen: &mut Ctx<'_>) {
    out.push_str(open);
    for (i, it) in items.iter().enumerate() {
        // Ctrl-C while a huge value is printed stops it (`checked_repr` raises).
        if i % 4096 == 4095 && crate::interrupt::pending() {
            TOO_DEEP.with(|t| t.set(true));
            break;
        }
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(it, out, seen);
    }
    out.push_str(close);
}

/// How deep a repr may nest before it is CPython's `RecursionError` (its recursion
/// limit is 1000 frames, one per level of nesting).
const MAX_DEPTH: usize = 1000;

thread_local! {
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    static TOO_DEEP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static TOO_LONG: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `repr(x)`, or CPython's `RecursionError` when `x` nests deeper than it can print.
pub fn checked_repr(v: &Value) -> crate::error::Res<String> {
    checked(|| repr(v))
}

/// `str(x)`, or CPython's `RecursionError` when `x` nests deeper than it can print.
pub fn checked_str(v: &Value) -> crate::error::Res<String> {
    checked(|| str_of(v))
}

fn checked(f: impl FnOnce() -> String) -> crate::error::Res<String> {
    TOO_DEEP.with(|t| t.set(false));
    TOO_LONG.with(|t| t.set(false));
    let s = f();
    if TOO_LONG.with(|t| t.replace(false)) {
        return Err(crate::error::exc("ValueError", super::long::TOO_MANY_DIGITS));
    }
    if TOO_DEEP.with(|t| t.replace(false)) {
        if crate::interrupt::take() {
            return Err(crate::error::exc("KeyboardInterrupt", ""));
        }
        return Err(crate::error::exc(
            "RecursionError",
            "maximum recursion depth exceeded while getting the repr of an object",
        ));
    }
    Ok(s)
}

fn write_repr(v: &Value, out: &mut String, seen: &mut Ctx<'_>) {
    let depth = DEPTH.with(|d| d.get());
    if depth >= MAX_DEPTH {
        TOO_DEEP.with(|t| t.set(true));
        out.push_str("...");
        return;
    }
    DEPTH.with(|d| d.set(depth + 1));
    write_repr_inner(v, out, seen);
    DEPTH.with(|d| d.set(depth));
}

fn write_repr_inner(v: &Value, out: &mut String, seen: &mut Ctx<'_>) {
    if let (Value::Object(_) | Value::Exception(_), Some(hook)) = (v, seen.hook.as_mut()) {
        match hook(v) {
            Some(Ok(s)) => return out.push_str(&s),
            Some(Err(e)) => {
                seen.err.get_or_insert(e);
                return out.push_str("...");
            }
            None => {}
        }
    }
    match v {
        Value::None => out.push_str("None"),
        Value::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
        Value::Int(n) => out.push_str(&n.to_string()),
        Value::Long(b) => match super::long::decimal(b) {
            Some(s) => out.push_str(&s),
            None => {
                TOO_LONG.with(|t| t.set(true));
                out.push_str("...");
            }
        },
        Value::Float(x) => out.push_str(&float_repr(*x)),
        Value::Complex(re, im) => out.push_str(&super::complex::repr(*re, *im)),
        Value::Str(s) => out.push_str(&repr_str(s)),
        Value::Bytes(b) => out.push_str(&super::bytes::repr(b)),
        Value::List(l) => {
            let addr = v.address();
            if seen.seen.contains(&addr) {
                out.push_str("[...]");
                return;
            }
            seen.seen.push(addr);
            let items = l.borrow().clone();
            write_seq(&items, "[", "]", out, seen);
            seen.seen.pop();
        }
        Value::Tuple(t) => {
            if t.len() == 1 {
                out.push('(');
                write_repr(&t[0], out, seen);
                out.push_str(",)");
            } else {
                write_seq(t, "(", ")", out, seen);
            }
        }
        Value::Dict(d) => {
            let addr = v.address();
            if seen.seen.contains(&addr) {
                out.push_str("{...}");
                return;
            }
            seen.seen.push(addr);
            let pairs: Vec<(Value, Value)> = d.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            out.push('{');
            for (i, (k, val)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(k, out, seen);
                out.push_str(": ");
                write_repr(val, out, seen);
            }
            out.push('}');
            seen.seen.pop();
        }
        Value::Set(s) => {
            let items = s.borrow().values();
            if items.is_empty() {
                out.push_str("set()");
            } else {
                write_seq(&items, "{", "}", out, seen);
            }
        }
        Value::FrozenSet(s) => {
            let items = s.values();
            if items.is_empty() {
                out.push_str("frozenset()");
            } else {
                write_seq(&items, "frozenset({", "})", out, seen);
            }
        }
        Value::Range(r) => {
            if r.step == 1 {
                out.push_str(&format!("range({}, {})", r.start, r.stop))
            } else {
                out.push_str(&format!("range({}, {}, {})", r.start, r.stop, r.step))
            }
        }
        Value::Slice(s) => {
            out.push_str("slice(");
            write_seq(&s[..], "", "", out, seen);
            out.push(')');
        }
        Value::Ellipsis => out.push_str("Ellipsis"),
        Value::NdFunc(_) | Value::Function(_) if let Some(u) = nd::ufunc::of(v) => {
            out.push_str(&format!("<ufunc '{}'>", u.name))
        }
        Value::Function(f) => out.push_str(&format!("<function {} at {:#x}>", f.def.name, v.address())),
        Value::Builtin(b) => out.push_str(&format!("<built-in function {}>", b.name)),
        Value::NdFunc(f) => out.push_str(&format!("<built-in function {}>", f.name)),
        Value::Method(m) => out.push_str(&format!(
            "<built-in method {} of {} object at {:#x}>",
            m.1,
            m.0.type_name(),
            m.0.address()
        )),
        Value::Module(m) => match &m.origin {
            None => out.push_str(&format!("<module '{}' (built-in)>", m.name)),
            Some(path) => out.push_str(&format!("<module '{}' from '{}'>", m.name, path)),
        },
        Value::Type(t) => out.push_str(&format!("<class '{}'>", t.name())),
        Value::DictView(d, kind) => {
            let items = match kind {
                super::ViewKind::Keys => d.borrow().keys(),
                super::ViewKind::Values => d.borrow().values(),
                super::ViewKind::Items => d.borrow().items(),
            };
            out.push_str(kind.name());
            out.push('(');
            write_seq(&items, "[", "]", out, seen);
            out.push(')');
        }
        Value::Array(a) => out.push_str(&nd::print::numpy_repr(a)),
        Value::NpScalar(a) => out.push_str(&nd::print::scalar_repr(a)),
        Value::Tensor(t) => out.push_str(&nd::print::torch_repr(t)),
        Value::DType(d, kind) => out.push_str(&nd::print::dtype_repr(*d, *kind)),
        Value::Size(s) => out.push_str(&nd::print::size_repr(s)),
        Value::ObjArray(a) => out.push_str(&nd::objects::repr(a)),
        Value::GradFn(n) => out.push_str(&format!("<{} object at {:#x}>", n.name, v.address())),
        Value::GradFnClass(n) => out.push_str(&format!("<class '{n}'>")),
        Value::Object(o) => out.push_str(&crate::interp::classes::repr(o, v.address())),
        Value::Class(c) if c.module == "builtins" => out.push_str(&format!("<class '{}'>", c.name)),
        Value::Class(c) => out.push_str(&format!("<class '{}.{}'>", c.module, c.name)),
        Value::Exception(e) => out.push_str(&e.repr()),
        Value::Super(s) => out.push_str(&format!(
            "<super: <class '{}'>, <{} object>>",
            s.0.as_ref().map_or("object", |c| c.name.as_str()),
            s.1.type_name()
        )),
        Value::GradMode(enabled) => out.push_str(if *enabled {
            "<torch.autograd.grad_mode.enable_grad object>"
        } else {
            "<torch.autograd.grad_mode.no_grad object>"
        }),
        Value::ObjDType(k) => out.push_str(&nd::objects::dtype_repr(*k)),
        Value::NpStr(s) => {
            out.push_str("np.str_(");
            out.push_str(&repr_str(s));
            out.push(')');
        }
        Value::Named(n) => {
            // PyTorch's structseq repr puts each field on its own line; `device(...)`
            // keeps them on one.
            let (open, sep) = if n.type_name == "device" {
                ("(", ", ")
            } else {
                ("(\n", ",\n")
            };
            out.push_str(&n.type_name);
            out.push_str(open);
            for (i, (k, v)) in n.fields.iter().enumerate() {
                out.push_str(k);
                out.push('=');
                write_repr(v, out, seen);
                out.push_str(if i + 1 < n.fields.len() { sep } else { ")" });
            }
        }
        Value::Iter(it) => {
            let name = it.try_borrow().map(|i| i.type_name()).unwrap_or("iterator");
            if let Ok(Iter::Gen(_)) = it.try_borrow().as_deref() {
                out.push_str(&format!("<generator object <genexpr> at {:#x}>", v.address()));
            } else {
                out.push_str(&format!("<{} object at {:#x}>", name, v.address()));
            }
        }
    }
}

impl PyType {
    pub fn repr(self) -> String {
        format!("<class '{}'>", self.name())
    }
}
