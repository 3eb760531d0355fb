//! Python's builtin functions and types. `install` fills the builtin scope.

mod args;
mod complex_new;
mod convert;
pub mod progress;
mod seq;

pub use args::{arity, int_arg, kwarg, no_kw};
pub use convert::construct;
pub use convert::{float_to_int, pairs_of};
pub use seq::{sort_list, sort_partial};

use super::Interp;
use crate::error::{Res, exc, type_error};
use crate::syntax::symbol::Sym;
use crate::value::repr::repr;
use crate::value::{Args, Builtin, PyType, Value};

macro_rules! builtin {
    ($name:literal, $f:path) => {
        Builtin { name: $name, f: $f }
    };
}

pub static FUNCTIONS: &[Builtin] = &[
    builtin!("print", print),
    builtin!("staticmethod", crate::interp::descriptors::staticmethod),
    builtin!("classmethod", crate::interp::descriptors::classmethod),
    builtin!("property", crate::interp::descriptors::property),
    builtin!("len", len),
    builtin!("repr", repr_fn),
    builtin!("ascii", ascii_fn),
    builtin!("abs", abs),
    builtin!("isinstance", super::type_checks::isinstance),
    builtin!("issubclass", super::type_checks::issubclass),
    builtin!("delattr", super::attr_hooks::delattr),
    builtin!("vars", super::attr_hooks::vars),
    builtin!("dir", super::attr_hooks::dir),
    builtin!("getattr", getattr),
    builtin!("setattr", setattr),
    builtin!("hasattr", hasattr),
    builtin!("help", help),
    builtin!("chr", chr),
    builtin!("ord", ord),
    builtin!("callable", callable),
    builtin!("hash", hash),
    builtin!("id", id),
    builtin!("open", open),
    builtin!("format", format),
    builtin!("divmod", seq::divmod),
    builtin!("pow", seq::pow),
    builtin!("round", seq::round),
    builtin!("min", seq::min),
    builtin!("max", seq::max),
    builtin!("sum", seq::sum),
    builtin!("sorted", seq::sorted),
    builtin!("reversed", seq::reversed),
    builtin!("enumerate", seq::enumerate),
    builtin!("trange", progress::trange),
    builtin!("tqdm", progress::tqdm),
    builtin!("zip", seq::zip),
    builtin!("map", seq::map),
    builtin!("filter", seq::filter),
    builtin!("any", seq::any),
    builtin!("all", seq::all),
    builtin!("iter", seq::iter),
    builtin!("next", seq::next),
    builtin!("hex", convert::hex),
    builtin!("oct", convert::oct),
    builtin!("bin", convert::bin),
];

const TYPES: &[PyType] = &[
    PyType::Int,
    PyType::Float,
    PyType::Complex,
    PyType::Bool,
    PyType::Str,
    PyType::Bytes,
    PyType::List,
    PyType::Tuple,
    PyType::Dict,
    PyType::Set,
    PyType::FrozenSet,
    PyType::Range,
    PyType::Slice,
    PyType::Type,
    PyType::Object,
];

pub fn install(interp: &mut Interp) {
    for b in FUNCTIONS {
        interp.builtins.insert(Sym::new(b.name), Value::Builtin(b));
    }
    for t in TYPES {
        interp.builtins.insert(Sym::new(t.name()), Value::Type(*t));
    }
    interp.builtins.insert(Sym::new("Ellipsis"), Value::Ellipsis);
    interp
        .builtins
        .insert(Sym::new("NotImplemented"), super::classes::not_implemented());
    for (name, class) in crate::value::exception::builtin_classes() {
        interp.builtins.insert(Sym::new(name), class);
    }
    crate::nd::module::install(interp);
}

pub fn lookup(name: &str) -> Option<&'static Builtin> {
    FUNCTIONS.iter().find(|b| b.name == name)
}

/// Python's `ascii()`: the repr with non-ASCII characters escaped.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let u = c as u32;
        if u < 0x80 {
            out.push(c);
        } else if u <= 0xff {
            out.push_str(&format!("\\x{u:02x}"));
        } else if u <= 0xffff {
            out.push_str(&format!("\\u{u:04x}"));
        } else {
            out.push_str(&format!("\\U{u:08x}"));
        }
    }
    out
}

fn print(interp: &mut Interp, mut args: Args) -> Res<Value> {
    let text_kw = |v: Option<Value>, name: &str, default: &str| -> Res<String> {
        match v {
            None | Some(Value::None) => Ok(default.to_owned()),
            Some(Value::Str(s)) => Ok(s.to_string()),
            Some(other) => Err(type_error(format!(
                "{name} must be None or a string, not {}",
                other.type_name()
            ))),
        }
    };
    let sep = text_kw(kwarg(&mut args, "sep"), "sep", " ")?;
    let end = text_kw(kwarg(&mut args, "end"), "end", "\n")?;
    let flush = kwarg(&mut args, "flush").is_some_and(|v| v.truthy());
    let file = kwarg(&mut args, "file").filter(|f| !matches!(f, Value::None));
    if let Some((k, _)) = args.kw.first() {
        return Err(type_error(format!("'{k}' is an invalid keyword argument for print()")));
    }
    // `file=`: anything with a `write` method (sys.stderr, an open file, a StringIO),
    // given each piece in turn as CPython's print gives them.
    if let Some(f) = file {
        let write = interp.get_attr(&f, Sym::new("write")).map_err(|_| {
            exc(
                "AttributeError",
                format!("'{}' object has no attribute 'write'", f.type_name()),
            )
        })?;
        let put = |interp: &mut Interp, s: String| -> Res<()> {
            interp.call(
                &write,
                Args {
                    pos: vec![Value::str(&s)],
                    kw: Vec::new(),
                },
                None,
            )?;
            Ok(())
        };
        for (i, v) in args.pos.iter().enumerate() {
            if i > 0 {
                put(interp, sep.clone())?;
            }
            let text = interp.display(v, true)?;
            put(interp, text)?;
        }
        put(interp, end)?;
        if flush && let Ok(fl) = interp.get_attr(&f, Sym::new("flush")) {
            interp.call(
                &fl,
                Args {
                    pos: Vec::new(),
                    kw: Vec::new(),
                },
                None,
            )?;
        }
        return Ok(Value::None);
    }
    let mut line = String::new();
    for (i, v) in args.pos.iter().enumerate() {
        if i > 0 {
            line.push_str(&sep);
        }
        line.push_str(&interp.display(v, true)?);
    }
    line.push_str(&end);
    interp.write(&line);
    if flush {
        interp.flush();
    }
    Ok(Value::None)
}

pub fn len_of(v: &Value) -> Res<i64> {
    if let Some((lib, a)) = crate::nd::as_nd(v) {
        return match (a.shape().first(), lib) {
            (Some(&n), _) if !matches!(v, Value::NpScalar(_)) => Ok(n as i64),
            (_, crate::value::Lib::Numpy) => Err(type_error("len() of unsized object")),
            (_, crate::value::Lib::Torch) => Err(type_error("len() of a 0-d tensor")),
        };
    }
    Ok(match v {
        Value::Size(s) => s.len() as i64,
        Value::Object(o) if crate::interp::classes::len(o).is_some() => {
            crate::interp::classes::len(o).unwrap_or(0) as i64
        }
        Value::NpStr(s) => s.chars().count() as i64,
        Value::ObjArray(a) => match a.layout.shape.first() {
            Some(&n) => n as i64,
            None => return Err(type_error("len() of unsized object")),
        },
        Value::Named(n) => n.fields.len() as i64,
        Value::Str(s) => s.chars().count() as i64,
        Value::Bytes(b) => b.len() as i64,
        Value::List(l) => l.borrow().len() as i64,
        Value::Tuple(t) => t.len() as i64,
        Value::Dict(d) => d.borrow().len() as i64,
        Value::Set(s) => s.borrow().len() as i64,
        Value::FrozenSet(s) => s.len() as i64,
        Value::Range(r) if r.len128() > i64::MAX as i128 => {
            return Err(crate::error::exc(
                "OverflowError",
                "Python int too large to convert to C ssize_t",
            ));
        }
        Value::Range(r) => r.len(),
        Value::DictView(d, _) => d.borrow().len() as i64,
        _ => return Err(type_error(format!("object of type '{}' has no len()", v.type_name()))),
    })
}

fn one(args: Args, name: &str) -> Res<Value> {
    no_kw(&args, name)?;
    if args.pos.len() != 1 {
        return Err(type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    }
    Ok(args.pos.into_iter().next().unwrap_or(Value::None))
}

fn len(interp: &mut Interp, args: Args) -> Res<Value> {
    let v = one(args, "len")?;
    if let Some(n) = interp.special_len(&v) {
        return Ok(Value::Int(n?));
    }
    Ok(Value::Int(len_of(&v)?))
}

fn repr_fn(interp: &mut Interp, args: Args) -> Res<Value> {
    let v = one(args, "repr")?;
    Ok(Value::Str(interp.display(&v, false)?.into()))
}

fn ascii_fn(interp: &mut Interp, args: Args) -> Res<Value> {
    let v = one(args, "ascii")?;
    Ok(Value::Str(ascii_escape(&interp.display(&v, false)?).into()))
}

fn abs(_: &mut Interp, args: Args) -> Res<Value> {
    let v = one(args, "abs")?;
    // `abs(x)` is `x.__abs__()`: the array's own `absolute`, the tensor's `abs` (with
    // its gradient).
    if let Some((lib, _)) = crate::nd::as_nd(&v) {
        return crate::nd::unary::unary_math(lib, crate::ir::UnaryOp::Abs, &v);
    }
    match v {
        Value::Int(n) => Ok(n
            .checked_abs()
            .map_or_else(|| crate::value::long::norm(-num_bigint::BigInt::from(n)), Value::Int)),
        Value::Long(b) => Ok(crate::value::long::norm(num_traits::Signed::abs(&*b))),
        Value::Bool(b) => Ok(Value::Int(b as i64)),
        Value::Float(x) => Ok(Value::Float(x.abs())),
        Value::Complex(re, im) => crate::value::complex::abs(re, im).map(Value::Float),
        v => Err(type_error(format!("bad operand type for abs(): '{}'", v.type_name()))),
    }
}

fn attr_name(v: &Value) -> Res<Sym> {
    match v {
        Value::Str(s) => Ok(Sym::new(s)),
        other => Err(type_error(format!(
            "attribute name must be string, not '{}'",
            other.type_name()
        ))),
    }
}

/// `getattr(obj, name[, default])`.
fn getattr(interp: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "getattr")?;
    arity(&args, "getattr", 2, 3)?;
    let name = attr_name(&args.pos[1])?;
    match (interp.get_attr(&args.pos[0], name), args.pos.get(2)) {
        (Err(e), Some(d)) if e.kind == "AttributeError" => Ok(d.clone()),
        (r, _) => r,
    }
}

/// `setattr(obj, name, value)`.
fn setattr(interp: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "setattr")?;
    arity(&args, "setattr", 3, 3)?;
    let name = attr_name(&args.pos[1])?;
    interp.set_attr(&args.pos[0], name, args.pos[2].clone())?;
    Ok(Value::None)
}

/// `hasattr(obj, name)`.
fn hasattr(interp: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "hasattr")?;
    arity(&args, "hasattr", 2, 2)?;
    let name = attr_name(&args.pos[1])?;
    match interp.get_attr(&args.pos[0], name) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if e.kind == "AttributeError" => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn chr(_: &mut Interp, args: Args) -> Res<Value> {
    let v = one(args, "chr")?;
    let n = match v {
        Value::Int(n) => n,
        Value::Bool(b) => b as i64,
        other => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )));
        }
    };
    match u32::try_from(n).ok().and_then(char::from_u32) {
        Some(c) => Ok(Value::Str(c.to_string().into())),
        None => Err(exc("ValueError", "chr() arg not in range(0x110000)")),
    }
}

fn ord(_: &mut Interp, args: Args) -> Res<Value> {
    match one(args, "ord")? {
        Value::Str(s) => {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.chars().count()
                ))),
            }
        }
        v => Err(type_error(format!(
            "ord() expected string of length 1, but {} found",
            v.type_name()
        ))),
    }
}

fn format(interp: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "format")?;
    arity(&args, "format", 1, 2)?;
    let spec = match args.pos.get(1) {
        None => "",
        Some(Value::Str(s)) => s,
        Some(other) => {
            return Err(type_error(format!(
                "format() argument 2 must be str, not {}",
                other.type_name()
            )));
        }
    };
    Ok(Value::Str(interp.format_user(&args.pos[0], spec)?.into()))
}

fn callable(_: &mut Interp, args: Args) -> Res<Value> {
    let v = one(args, "callable")?;
    Ok(Value::Bool(match &v {
        Value::Function(_)
        | Value::Builtin(_)
        | Value::NdFunc(_)
        | Value::Method(_)
        | Value::Type(_)
        | Value::DType(..)
        | Value::Class(_)
        | Value::GradFnClass(_) => true,
        // An instance is callable when its class defines `__call__`.
        Value::Object(o) => o.class.method(Sym::new("__call__")).is_some(),
        _ => false,
    }))
}

/// `open(...)`: `_io.open` of nt's stdlib (`stdlib/python/_io.nt`).
fn open(interp: &mut Interp, args: Args) -> Res<Value> {
    let io = interp.import(&[Sym::new("_io")])?;
    let f = interp.get_attr(&io, Sym::new("open"))?;
    interp.call(&f, args, None)
}

/// `id(x)`: the object's address (small ints and other values without one: a number
/// derived from the value, constant while it lives, as CPython's cached objects are).
fn id(_: &mut Interp, args: Args) -> Res<Value> {
    let v = one(args, "id")?;
    let addr = match v.address() {
        0 => crate::value::hash::hash(&v).unwrap_or(0) as usize,
        a => a,
    };
    Ok(Value::Int(addr as i64 & i64::MAX))
}

fn hash(interp: &mut Interp, args: Args) -> Res<Value> {
    let v = one(args, "hash")?;
    // CPython's values, str ones as with PYTHONHASHSEED=0 (its default varies per run),
    // and the user's `__hash__`.
    interp.py_hash(&v).map(Value::Int)
}

fn help(interp: &mut Interp, args: Args) -> Res<Value> {
    let v = one(args, "help")?;
    let text = match &v {
        Value::Builtin(b) => format!("Help on built-in function {}:\n\n{}\n", b.name, doc(b.name)),
        Value::Type(t) => format!("Help on class {}:\n\n{}\n", t.name(), doc(t.name())),
        Value::Function(f) => crate::interp::attrs::function_help(f),
        Value::Class(c) if c.module != "builtins" => crate::interp::class_help::class_help(c),
        Value::Module(m) => {
            let mut names: Vec<&str> = m.attrs.borrow().keys().map(|k| k.as_str()).collect();
            names.sort_unstable();
            format!("Help on module {}:\n\n    {}\n", m.name, names.join(", "))
        }
        // NumPy/PyTorch functions: their own entry (`np.sum`), else the entry of their
        // bare name when the bare name is this very function (nt's global `linspace` is
        // torch.linspace: its entry is not np.linspace's).
        Value::NdFunc(f) => {
            let qualified = format!("{}.{}", f.module, f.name);
            let bare_is_this = matches!(
                interp.globals.get(Sym::new(f.name)),
                Some(Value::NdFunc(g)) if std::ptr::eq(g, *f)
            );
            let text = if help_entry(&qualified).is_some() || lookup(f.name).is_some() || !bare_is_this {
                doc(&qualified)
            } else {
                doc(f.name)
            };
            format!(
                "Help on built-in function {}:\n\n{}\n",
                f.name,
                with_signature(text, f.module, f.name)
            )
        }
        // A tensor's or array's method: `Tensor.abs`, `ndarray.sum`.
        Value::Method(m) if matches!(m.0, Value::Tensor(_) | Value::Array(_)) => {
            let form = if matches!(m.0, Value::Tensor(_)) {
                "Tensor"
            } else {
                "ndarray"
            };
            let text = doc(&format!("{form}.{}", m.1));
            format!(
                "Help on method {}:\n\n{}\n",
                m.1,
                with_signature(text, form, m.1.as_str())
            )
        }
        other if repr(other).starts_with("<built-in function ") => {
            let r = repr(other);
            let name = r.trim_start_matches("<built-in function ").trim_end_matches('>');
            format!("Help on built-in function {name}:\n\n{}\n", doc(name))
        }
        other => format!("{} object: {}\n", other.type_name(), repr(other)),
    };
    interp.write(&text);
    Ok(Value::None)
}

/// The library's own signature, from the registry, in place of the entry's first line
/// (a shorter one, for readers of the help files).
fn with_signature(text: String, module: &str, name: &str) -> String {
    match crate::nd::registry::registry().get(module, name) {
        Some(e) if text.starts_with("(no help entry") => format!("{}\n    {text}", e.signatures().join("\n")),
        Some(e) => {
            let rest = text.split_once('\n').map_or("", |(_, r)| r);
            format!("{}\n{rest}", e.signatures().join("\n"))
        }
        None => text,
    }
}

/// help()'s entries: `stdlib/help.md` (builtins and common names) and `stdlib/help/`
/// (every NumPy/PyTorch name in the registry).
pub const HELP_FILES: &[(&str, &str)] = &[
    ("help.md", include_str!("../../../stdlib/help.md")),
    ("help/numpy.md", include_str!("../../../stdlib/help/numpy.md")),
    ("help/torch.md", include_str!("../../../stdlib/help/torch.md")),
    ("help/tensor1.md", include_str!("../../../stdlib/help/tensor1.md")),
    ("help/tensor2.md", include_str!("../../../stdlib/help/tensor2.md")),
    ("help/tensor3.md", include_str!("../../../stdlib/help/tensor3.md")),
];

/// The entry for `name` in the help files.
pub fn help_entry(name: &str) -> Option<&'static str> {
    let head = format!("\n## {name}\n");
    HELP_FILES.iter().find_map(|(_, text)| {
        let at = text.find(&head)?;
        let body = &text[at + head.len()..];
        Some(&body[..body.find("\n## ").unwrap_or(body.len())])
    })
}

/// The keyword arguments in a builtin's documented signature (`zeros` → `dtype`, `device`,
/// …): what the REPL completes inside an open call.
pub fn keyword_params(name: &str) -> Vec<&'static str> {
    let Some(body) = help_entry(name) else {
        return Vec::new();
    };
    let sig = body.split("`: ").next().unwrap_or("");
    let mut out = Vec::new();
    for (i, _) in sig.match_indices('=') {
        let head = &sig[..i];
        let start = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
            .last()
            .map_or(i, |(j, _)| j);
        if start < i && !out.contains(&&sig[start..i]) {
            out.push(&sig[start..i]);
        }
    }
    out
}

/// `help()`'s text for a name: its entry in `stdlib/help.md` (a signature, a summary
/// and examples whose outputs came from real NumPy/PyTorch), reformatted for a terminal.
fn doc(name: &str) -> String {
    let Some(body) = help_entry(name) else {
        return format!("(no help entry for {name} yet)");
    };
    let mut out = String::new();
    let mut in_examples = false;
    for line in body.lines() {
        match line.trim_end() {
            "```nt" => {
                in_examples = true;
                out += "\nExamples:\n";
            }
            "```" => in_examples = false,
            "" => {}
            l if in_examples => out += &format!("{l}\n"),
            l => match l.split_once("`: ") {
                Some((sig, summary)) => out += &format!("{}\n    {}\n", sig.replace('`', ""), summary.replace('`', "")),
                None => out += &format!("{}\n", l.replace('`', "")),
            },
        }
    }
    out.trim_end().to_string()
}
