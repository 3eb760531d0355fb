//! Methods of the builtin types, dispatched by receiver type and name.

pub mod bytes;
mod containers;
pub mod numbers;
mod string;

use super::Interp;
use super::builtins::no_kw;
use crate::error::{Res, type_error};
use crate::syntax::symbol::Sym;
use crate::value::{Args, PyType, Value};

const STR_METHODS: &[&str] = &[
    "capitalize",
    "casefold",
    "center",
    "count",
    "encode",
    "endswith",
    "expandtabs",
    "find",
    "format",
    "index",
    "isalnum",
    "isalpha",
    "isprintable",
    "isdecimal",
    "isdigit",
    "isidentifier",
    "islower",
    "isnumeric",
    "isspace",
    "istitle",
    "isupper",
    "join",
    "ljust",
    "lower",
    "lstrip",
    "partition",
    "removeprefix",
    "removesuffix",
    "replace",
    "rfind",
    "rindex",
    "rjust",
    "rpartition",
    "rsplit",
    "rstrip",
    "split",
    "splitlines",
    "startswith",
    "strip",
    "swapcase",
    "title",
    "upper",
    "zfill",
];
const LIST_METHODS: &[&str] = &[
    "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort",
];
const DICT_METHODS: &[&str] = &[
    "clear",
    "copy",
    "get",
    "items",
    "keys",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "values",
];
const TUPLE_METHODS: &[&str] = &["count", "index"];
const RANGE_METHODS: &[&str] = &["count", "index"];
use numbers::{FLOAT_METHODS, INT_METHODS};

fn type_methods(t: PyType) -> &'static [&'static str] {
    match t {
        PyType::Str => STR_METHODS,
        PyType::List => LIST_METHODS,
        PyType::Dict => DICT_METHODS,
        PyType::Set => super::sets::SET_METHODS,
        PyType::FrozenSet => super::sets::FROZENSET_METHODS,
        PyType::Tuple => TUPLE_METHODS,
        PyType::Range => RANGE_METHODS,
        PyType::Int | PyType::Bool => INT_METHODS,
        PyType::Float => FLOAT_METHODS,
        PyType::Complex => &["conjugate"],
        PyType::Slice => &["indices"],
        PyType::Bytes => bytes::BYTES_METHODS,
        _ => &[],
    }
}

/// Every method name of `o`'s type (for attribute lookup, suggestions and completion).
pub fn method_names(o: &Value) -> &'static [&'static str] {
    match o {
        Value::GradFn(_) => &["name"],
        Value::Type(t) => type_methods(*t),
        Value::Array(_) | Value::NpScalar(_) | Value::Tensor(_) => crate::nd::methods::method_names(o),
        Value::ObjArray(_) => crate::nd::objects::METHODS,
        Value::NpStr(_) => STR_METHODS,
        Value::Size(_) => &["count", "index", "numel"],
        Value::Iter(_) if generator_of(o).is_some() => &["close", "send", "throw"],
        _ => type_methods(o.py_type()),
    }
}

/// The state of a generator object (`None` for other values).
fn generator_of(o: &Value) -> Option<std::rc::Rc<std::cell::RefCell<crate::interp::vm::generator::GenState>>> {
    let Value::Iter(it) = o else { return None };
    let it = it.try_borrow().ok()?;
    match &*it {
        crate::interp::iter::Iter::Generator(g) => Some(g.clone()),
        crate::interp::iter::Iter::Shared(rc) => match &*rc.try_borrow().ok()? {
            crate::interp::iter::Iter::Generator(g) => Some(g.clone()),
            _ => None,
        },
        _ => None,
    }
}

pub fn has_method(o: &Value, name: Sym) -> bool {
    let m = name.as_str();
    let names = method_names(o);
    // PyTorch's in-place variant of any tensor method: `t.sqrt_()`.
    names.contains(&m)
        || (matches!(o, Value::NpScalar(a) if a.dtype.is_float()) && matches!(m, "is_integer" | "as_integer_ratio"))
        || (matches!(o, Value::Tensor(_)) && m.strip_suffix('_').is_some_and(|b| names.contains(&b) || b == "copy"))
}

/// Data attributes of builtin values (`range.start`, `x.real`).
pub fn property(o: &Value, name: Sym) -> Option<Value> {
    match (o, name.as_str()) {
        (Value::Range(r), "start") => Some(Value::Int(r.start)),
        (Value::Range(r), "stop") => Some(Value::Int(r.stop)),
        (Value::Range(r), "step") => Some(Value::Int(r.step)),
        (Value::Int(_) | Value::Long(_) | Value::Bool(_), n) => numbers::int_property(o, n),
        (Value::Slice(s), "start") => Some(s[0].clone()),
        (Value::Slice(s), "stop") => Some(s[1].clone()),
        (Value::Slice(s), "step") => Some(s[2].clone()),
        (Value::Complex(re, _), "real") => Some(Value::Float(*re)),
        (Value::Complex(_, im), "imag") => Some(Value::Float(*im)),
        (Value::Float(x), "real") => Some(Value::Float(*x)),
        (Value::Float(_), "imag") => Some(Value::Float(0.0)),
        (Value::GradFnClass(n), "__name__") => Some(Value::str(n)),
        (Value::Type(t), "__name__") => Some(Value::str(t.name().rsplit('.').next().unwrap_or(""))),
        (Value::DType(d, crate::value::DKind::NpType), "__name__") => Some(Value::str(d.numpy_name())),
        (Value::DType(d, crate::value::DKind::NpDType), "name") => Some(Value::str(d.numpy_name())),
        (Value::DType(d, _), "itemsize") => Some(Value::Int(d.itemsize() as i64)),
        (Value::DType(d, crate::value::DKind::NpDType), n) if NP_DTYPE_CODES.contains(&n) => Some(np_dtype_code(*d, n)),
        (Value::DType(d, crate::value::DKind::Torch), "is_floating_point") => Some(Value::Bool(d.is_float())),
        (Value::DType(d, crate::value::DKind::Torch), "is_complex") => Some(Value::Bool(d.is_complex())),
        (Value::DType(d, crate::value::DKind::Torch), "is_signed") => {
            Some(Value::Bool(d.is_signed() || d.is_float() || d.is_complex()))
        }
        _ => None,
    }
}

/// `np.dtype` attributes describing the type's codes and layout.
const NP_DTYPE_CODES: &[&str] = &[
    "kind",
    "char",
    "num",
    "str",
    "byteorder",
    "type",
    "alignment",
    "isnative",
    "isbuiltin",
    "ndim",
    "shape",
    "base",
    "names",
    "fields",
    "subdtype",
    "hasobject",
    "descr",
];

fn np_dtype_code(d: crate::array::dtype::DType, name: &str) -> Value {
    let (kind, char, num) = d.numpy_codes();
    match name {
        "kind" => Value::str(&kind.to_string()),
        "char" => Value::str(&char.to_string()),
        "num" => Value::Int(num),
        "str" => Value::str(&d.numpy_str()),
        "byteorder" => Value::str(if d.itemsize() == 1 { "|" } else { "=" }),
        "type" => Value::DType(d, crate::value::DKind::NpType),
        // complex numbers align as their parts
        "alignment" => Value::Int(if d.is_complex() { d.itemsize() / 2 } else { d.itemsize() } as i64),
        "isnative" => Value::Bool(true),
        "isbuiltin" => Value::Int(1),
        "ndim" => Value::Int(0),
        "shape" => Value::tuple(vec![]),
        "base" => Value::DType(d, crate::value::DKind::NpDType),
        "hasobject" => Value::Bool(false),
        "descr" => Value::list(vec![Value::tuple(vec![Value::str(""), Value::str(&d.numpy_str())])]),
        _ => Value::None,
    }
}

/// `'list.append() takes exactly one argument (0 given)'`.
pub fn exactly_one(args: &Args, qual: &str) -> Res<()> {
    no_kw(args, qual)?;
    if args.pos.len() != 1 {
        return Err(type_error(format!(
            "{qual}() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    }
    Ok(())
}

pub fn no_args(args: &Args, qual: &str) -> Res<()> {
    no_kw(args, qual)?;
    if !args.pos.is_empty() {
        return Err(type_error(format!(
            "{qual}() takes no arguments ({} given)",
            args.pos.len()
        )));
    }
    Ok(())
}

impl Interp {
    pub fn call_method(&mut self, o: &Value, name: Sym, mut args: Args) -> Res<Value> {
        let m = name.as_str();
        if let Value::Super(s) = o {
            return self.super_method(&s.0, &s.1, name, args);
        }
        if let Value::Exception(e) = o
            && let Some(f @ Value::Function(_)) = e.class.method(name)
        {
            args.pos.insert(0, o.clone());
            return self.call(&f, args, None);
        }
        if let Value::Class(c) = o
            && let Some(m) = c.method(name)
        {
            return match crate::interp::descriptors::descriptor(&m) {
                Some(d) => self.descriptor_call(d, None, c, args),
                None => self.call(&m, args, None),
            };
        }
        match o {
            Value::Tensor(_) if has_method(o, name) => {
                let args = crate::nd::registry::check_call("Tensor", m, args)?;
                let inputs: Vec<Value> = std::iter::once(o.clone()).chain(args.pos.iter().cloned()).collect();
                let refs: Vec<&Value> = inputs.iter().collect();
                let moves = matches!(m, "to" | "cpu" | "gpu" | "cuda" | "numpy" | "tolist" | "item");
                let gpu = !moves && crate::nd::device::check_same(&refs)?;
                let r = crate::nd::methods::call(self, o, name, args)?;
                crate::nd::record::check_recorded(m, &refs, &r)?;
                crate::nd::device::follow(r, gpu)
            }
            Value::Array(_) | Value::NpScalar(_) if has_method(o, name) => {
                let args = crate::nd::registry::check_call("ndarray", m, args)?;
                crate::nd::methods::call(self, o, name, args)
            }
            Value::ObjArray(a) if has_method(o, name) => crate::nd::objects::method(self, a, m, args),
            Value::Iter(_)
                if let Some(g) = generator_of(o)
                    && has_method(o, name) =>
            {
                self.generator_method(&g, m, args)
            }
            Value::Object(obj) => self.object_method(o, obj, name, args),
            // `np.add.reduce(a)`: stdlib/numpy/_ufunc.nt's `reduce(np.add, a)`.
            Value::NdFunc(_) | Value::Function(_)
                if crate::nd::ufunc::METHODS.contains(&m) && crate::nd::ufunc::of(o).is_some() =>
            {
                args.pos.insert(0, o.clone());
                self.ufunc_stdlib(m, args.pos, args.kw)
            }
            Value::GradFn(n) if m == "name" => {
                no_args(&args, "name")?;
                Ok(Value::str(n.name))
            }
            Value::NpStr(s) if STR_METHODS.contains(&m) => string::call(self, s, m, args),
            Value::Str(s) if m == "encode" => bytes::encode(s, args),
            Value::Str(s) if STR_METHODS.contains(&m) => string::call(self, s, m, args),
            Value::Bytes(b) if bytes::BYTES_METHODS.contains(&m) => bytes::call(self, b, m, args),
            Value::Int(_) | Value::Long(_) | Value::Bool(_) if m == "to_bytes" => bytes::to_bytes(o, args),
            Value::Type(PyType::Int) if m == "from_bytes" => bytes::from_bytes(self, args),
            Value::Type(PyType::Bytes) if m == "fromhex" => bytes::fromhex(&args),
            Value::Slice(s) if m == "indices" => crate::interp::items::slice_indices_method(s, args),
            Value::Type(PyType::Dict) if m == "fromkeys" => containers::fromkeys(self, args),
            Value::List(l) if LIST_METHODS.contains(&m) => containers::list(self, o, l, m, args),
            Value::Dict(d) if DICT_METHODS.contains(&m) => containers::dict(self, d, m, args),
            Value::Set(_) | Value::FrozenSet(_) if has_method(o, name) => self.set_method(o, m, args),
            // torch.Size.numel(): the product of the sizes.
            Value::Size(s) if m == "numel" => {
                super::builtins::no_kw(&args, "numel")?;
                if !args.pos.is_empty() {
                    return Err(crate::error::type_error(format!(
                        "numel() takes no arguments ({} given)",
                        args.pos.len()
                    )));
                }
                Ok(Value::Int(s.iter().product::<usize>() as i64))
            }
            Value::Size(s) if TUPLE_METHODS.contains(&m) => {
                let items: Vec<Value> = s.iter().map(|&n| Value::Int(n as i64)).collect();
                containers::seq_count_index(self, &items, "tuple", m, args)
            }
            Value::Tuple(t) if TUPLE_METHODS.contains(&m) => {
                containers::seq_count_index(self, &t[..], "tuple", m, args)
            }
            Value::Range(_) if RANGE_METHODS.contains(&m) => {
                let items = self.to_vec(o)?;
                containers::seq_count_index(self, &items, "range", m, args)
            }
            Value::Int(_) | Value::Bool(_) | Value::Long(_) if INT_METHODS.contains(&m) => {
                numbers::int_method(o, m, &args)
            }
            Value::Type(PyType::Float) | Value::Float(_) if m == "fromhex" => numbers::float_fromhex(&args),
            Value::Float(x) if FLOAT_METHODS.contains(&m) => numbers::float_method(*x, m, &args),
            Value::Complex(re, im) if m == "conjugate" => {
                no_args(&args, "complex.conjugate")?;
                Ok(Value::Complex(*re, -*im))
            }
            // `object.__setattr__(obj, name, value)` and its kin: object's own protocol.
            Value::Type(PyType::Object) if matches!(m, "__setattr__" | "__delattr__" | "__getattribute__") => {
                if args.pos.is_empty() {
                    return Err(type_error(format!("unbound method object.{m}() needs an argument")));
                }
                let this = args.pos.remove(0);
                self.super_method(&None, &this, name, args)
            }
            Value::Type(t) if type_methods(*t).contains(&m) => {
                // `str.upper(s)`: an unbound method takes its receiver first.
                if args.pos.is_empty() {
                    return Err(type_error(format!(
                        "unbound method {}.{m}() needs an argument",
                        t.name()
                    )));
                }
                let recv = args.pos.remove(0);
                if !t.is_instance(&recv) {
                    return Err(type_error(format!(
                        "descriptor '{m}' for '{}' objects doesn't apply to a '{}' object",
                        t.name(),
                        recv.type_name()
                    )));
                }
                self.call_method(&recv, name, args)
            }
            _ => {
                let f = self.get_attr(o, name)?;
                self.call(&f, args, None)
            }
        }
    }
}
