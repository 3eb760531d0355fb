//! The `Value` enum: Python's objects as nt represents them. Arrays and tensors join as
//! further variants (issue 3); everything else is here.

pub mod bytes;
pub mod complex;
pub mod dict;
pub mod exception;
pub mod gc;
pub mod hash;
pub mod intparse;
pub mod long;
pub mod pyfmt;
pub mod repr;
pub mod set;

use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::error::Res;
use crate::interp::Interp;
use crate::interp::iter::Iter;
use crate::interp::scope::Scope;
use crate::syntax::ast::FuncDef;
use crate::syntax::symbol::Sym;
use dict::Dict;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;

pub use crate::tensor::Tensor;

#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    /// An int outside `i64`'s range (`2**64`); smaller ints are always `Int`.
    Long(Rc<num_bigint::BigInt>),
    Float(f64),
    /// A Python `complex` (real, imag).
    Complex(f64, f64),
    Str(Rc<str>),
    /// Python's immutable `bytes`.
    Bytes(Rc<[u8]>),
    List(Rc<RefCell<Vec<Value>>>),
    Tuple(Rc<[Value]>),
    Dict(Rc<RefCell<Dict>>),
    Set(Rc<RefCell<set::PySet>>),
    FrozenSet(Rc<set::PySet>),
    Range(Rc<Range>),
    Slice(Rc<[Value; 3]>),
    Ellipsis,
    Function(Rc<Function>),
    Builtin(&'static Builtin),
    /// A method of a builtin type bound to its receiver, e.g. `xs.append`.
    Method(Rc<(Value, Sym)>),
    Module(Rc<Module>),
    Type(PyType),
    Iter(Rc<RefCell<Iter>>),
    /// `d.keys()`, `d.values()`, `d.items()`: live views of a dict.
    DictView(Rc<RefCell<dict::Dict>>, ViewKind),
    /// A NumPy `ndarray`.
    Array(Rc<NdArray>),
    /// A NumPy scalar (`np.int64(6)`): a 0-d array that prints and behaves as a scalar.
    NpScalar(Rc<NdArray>),
    /// A PyTorch `Tensor`.
    Tensor(Rc<Tensor>),
    /// `np.float32` (a scalar type), `a.dtype` (a NumPy dtype) or `torch.float32`.
    DType(DType, DKind),
    /// A tensor's `grad_fn`: the recorded op (`<MulBackward0 object at 0x…>`).
    GradFn(Rc<crate::tensor::autograd::Node>),
    /// `type(t.grad_fn)`: its class, known by name.
    GradFnClass(&'static str),
    /// `torch.no_grad()` (false) and `torch.enable_grad()` (true), used with `with`.
    GradMode(bool),
    /// `torch.Size([2, 3])`: a tuple of ints that prints as PyTorch does.
    Size(Rc<[usize]>),
    /// A NumPy array of Python objects or of strings (`dtype=object`, `'<U2'`).
    ObjArray(Rc<ObjArray>),
    /// The dtype of such an array: `dtype('O')`, `dtype('<U2')`.
    ObjDType(ObjKind),
    /// A NumPy string scalar, `np.str_('a')`: a str that prints as NumPy's.
    NpStr(Rc<str>),
    /// A NumPy or PyTorch function (`np.sum`, `torch.zeros`), which knows its library.
    NdFunc(&'static NdFn),
    /// A named tuple such as `torch.return_types.max(values=…, indices=…)`.
    Named(Rc<Named>),
    /// An instance of a builtin class: a layer, an optimiser, a random generator.
    Object(Rc<Object>),
    /// Such a class: calling it makes an instance.
    Class(Rc<Class>),
    /// An exception object (`ValueError('bad')`), as `except … as e` binds it.
    Exception(Rc<exception::ExcObj>),
    /// `super()`: an instance whose methods are looked up from a class (`None`: from
    /// `object`).
    Super(Rc<(Option<Rc<Class>>, Value)>),
}

/// A class without `class` syntax: `stdlib/` makes them with `_nt.cls(name, module,
/// base, methods)`, and Rust makes a few (`torch.Generator`). Methods are functions
/// taking the instance first; lookups walk the base chain.
pub struct Class {
    /// `Linear`
    pub name: String,
    /// Where Python defines it: `torch.nn.modules.linear`.
    pub module: String,
    /// The first base (`None` for a class derived from `object` alone).
    pub base: Option<Rc<Class>>,
    /// Every base, in the order the `class` statement lists them.
    pub bases: Vec<Rc<Class>>,
    /// The method resolution order after this class itself (C3 linearization; `object`
    /// is left out).
    pub mro: Vec<Rc<Class>>,
    /// Its attributes: methods, class attributes (assignable, `Class.count += 1`).
    pub methods: RefCell<FxHashMap<Sym, Value>>,
    /// The most attributes an instance has had: new instances reserve room for them.
    pub attrs_hint: std::cell::Cell<usize>,
}

impl Class {
    /// A class with one base or none.
    pub fn new(name: &str, module: &str, base: Option<Rc<Class>>, methods: FxHashMap<Sym, Value>) -> Class {
        let bases: Vec<Rc<Class>> = base.iter().cloned().collect();
        let mro = match &base {
            Some(b) => std::iter::once(b.clone()).chain(b.mro.iter().cloned()).collect(),
            None => Vec::new(),
        };
        Class {
            name: name.into(),
            module: module.into(),
            base,
            bases,
            mro,
            methods: RefCell::new(methods),
            attrs_hint: Default::default(),
        }
    }

    pub fn method(&self, name: Sym) -> Option<Value> {
        if let Some(m) = self.methods.borrow().get(&name) {
            return Some(m.clone());
        }
        self.mro.iter().find_map(|c| c.methods.borrow().get(&name).cloned())
    }

    /// Whether this class is `name` or derives from it.
    pub fn is_a(&self, name: &str) -> bool {
        self.name == name || self.mro.iter().any(|c| c.name == name)
    }

    /// Whether this class is `other` or derives from it.
    pub fn derives(&self, other: &Class) -> bool {
        let same = |c: &Class| std::ptr::eq(c, other) || (c.name == other.name && c.module == other.module);
        same(self) || self.mro.iter().any(|c| same(c))
    }
}

/// An instance: its class and its attributes, in the order they were set (which is
/// the order of `parameters()` and of the modules in a repr).
pub struct Object {
    pub class: Rc<Class>,
    pub attrs: RefCell<Vec<(Sym, Value)>>,
}

impl Object {
    pub fn new(class: Rc<Class>, attrs: Vec<(Sym, Value)>) -> Value {
        let o = Rc::new(Object {
            class,
            attrs: RefCell::new(attrs),
        });
        gc::track_object(&o);
        Value::Object(o)
    }

    pub fn get(&self, name: &str) -> Option<Value> {
        self.attr(Sym::new(name))
    }

    /// The instance attribute `name`, if set.
    pub fn attr(&self, name: Sym) -> Option<Value> {
        self.attrs
            .borrow()
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    }

    pub fn has(&self, name: Sym) -> bool {
        self.attrs.borrow().iter().any(|(k, _)| *k == name)
    }

    /// The field values of a tuple-like instance (`collections.namedtuple`'s records,
    /// whose class says `_nt_tuple_like = True`): such a record hashes, keys dicts and
    /// compares as the tuple of its fields, as CPython's tuple subclass does.
    pub fn tuple_values(&self) -> Option<Vec<Value>> {
        if !matches!(
            self.class.method(crate::sym!("_nt_tuple_like")),
            Some(Value::Bool(true))
        ) {
            return None;
        }
        let Some(Value::Tuple(fields)) = self.class.method(crate::sym!("_fields")) else {
            return None;
        };
        fields
            .iter()
            .map(|f| match f {
                Value::Str(s) => self.attr(Sym::new(s)),
                _ => None,
            })
            .collect()
    }

    pub fn set(&self, name: Sym, v: Value) {
        let mut attrs = self.attrs.borrow_mut();
        match attrs.iter_mut().find(|(k, _)| *k == name) {
            Some(slot) => slot.1 = v,
            None => {
                attrs.push((name, v));
                if attrs.len() > self.class.attrs_hint.get() {
                    self.class.attrs_hint.set(attrs.len());
                }
            }
        }
    }
}

/// The element kind of an `ObjArray`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjKind {
    Object,
    /// Unicode strings of at most this many characters.
    Str(usize),
}

/// Python values in a strided layout; views share `data` as numeric arrays share storage.
pub struct ObjArray {
    pub data: Rc<RefCell<Vec<Value>>>,
    pub layout: crate::array::layout::Layout,
    pub kind: ObjKind,
}

pub struct NdFn {
    pub name: &'static str,
    /// Where the library has it: `np`, `np.linalg`, `torch`, `torch.cuda`, …
    pub module: &'static str,
    pub lib: Lib,
    pub f: fn(&mut Interp, Lib, &'static str, Args) -> Res<Value>,
}

pub struct Named {
    /// The type's printed name, e.g. `torch.return_types.max`.
    pub type_name: String,
    pub fields: Vec<(&'static str, Value)>,
}

/// Which library's semantics a value follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lib {
    Numpy,
    Torch,
}

impl Lib {
    /// Whose transcendental functions this library's values use.
    pub fn math(self) -> crate::ir::MathLib {
        match self {
            Lib::Numpy => crate::ir::MathLib::Numpy,
            Lib::Torch => crate::ir::MathLib::Torch,
        }
    }
}

/// How a dtype value presents itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DKind {
    /// `np.float32`: `<class 'numpy.float32'>`, callable to make a scalar.
    NpType,
    /// `a.dtype`: `dtype('float32')`.
    NpDType,
    /// `torch.float32`.
    Torch,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

impl ViewKind {
    pub fn name(self) -> &'static str {
        match self {
            ViewKind::Keys => "dict_keys",
            ViewKind::Values => "dict_values",
            ViewKind::Items => "dict_items",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    /// The item count, which passes i64 for ranges like `range(-2**63, 2**63 - 1)`.
    pub fn len128(&self) -> i128 {
        let (lo, hi, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 {
            (hi - lo + step - 1) / step
        } else {
            (lo - hi - step - 1) / -step
        };
        n.max(0)
    }

    /// The item count, saturated at i64::MAX (`len()` refuses larger ones).
    pub fn len(&self) -> i64 {
        self.len128().min(i64::MAX as i128) as i64
    }

    pub fn get(&self, i: i64) -> i64 {
        self.start + i * self.step
    }
}

pub struct Function {
    pub def: Rc<FuncDef>,
    pub defaults: Vec<Option<Value>>,
    pub kw_defaults: Vec<Option<Value>>,
    pub closure: Rc<Scope>,
    /// The compiled body, made on the first call (`None`: it runs on the tree walker).
    pub code: std::cell::OnceCell<Option<Rc<crate::interp::vm::code::Code>>>,
    /// The cells of enclosing functions a compiled body reads (its `frees`).
    pub freevars: Vec<Cell>,
    /// The class whose body defined it (for `super()`).
    pub owner: std::cell::OnceCell<std::rc::Weak<Class>>,
    /// Attributes the program set on it (`f.calls = 0`, `functools.wraps`).
    pub attrs: RefCell<Vec<(Sym, Value)>>,
}

/// A variable shared between a function and the functions nested in it.
pub type Cell = Rc<RefCell<Option<Value>>>;

pub type BuiltinFn = fn(&mut Interp, Args) -> Res<Value>;

pub struct Builtin {
    pub name: &'static str,
    pub f: BuiltinFn,
}

/// Arguments of a call to a builtin, already evaluated.
pub struct Args {
    pub pos: Vec<Value>,
    pub kw: Vec<(Sym, Value)>,
}

pub struct Module {
    pub name: String,
    pub attrs: RefCell<FxHashMap<Sym, Value>>,
    /// `(built-in)` or the file it was loaded from.
    pub origin: Option<String>,
}

/// Builtin types that are also callables and `isinstance` targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PyType {
    Int,
    Float,
    Complex,
    Bool,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Range,
    NoneType,
    Function,
    BuiltinFunction,
    Module,
    Type,
    Slice,
    Ellipsis,
    Iterator,
    Generator,
    NdArray,
    NpScalar,
    Tensor,
    DType,
    Size,
    NpStr,
    Object,
}

impl PyType {
    pub fn name(self) -> &'static str {
        match self {
            PyType::Int => "int",
            PyType::Float => "float",
            PyType::Complex => "complex",
            PyType::Bool => "bool",
            PyType::Str => "str",
            PyType::Bytes => "bytes",
            PyType::List => "list",
            PyType::Tuple => "tuple",
            PyType::Dict => "dict",
            PyType::Set => "set",
            PyType::FrozenSet => "frozenset",
            PyType::Range => "range",
            PyType::NoneType => "NoneType",
            PyType::Function => "function",
            PyType::BuiltinFunction => "builtin_function_or_method",
            PyType::Module => "module",
            PyType::Type => "type",
            PyType::Slice => "slice",
            PyType::Ellipsis => "ellipsis",
            PyType::Iterator => "iterator",
            PyType::Generator => "generator",
            PyType::NdArray => "numpy.ndarray",
            PyType::NpScalar => "numpy.generic",
            PyType::Tensor => "Tensor",
            PyType::DType => "torch.dtype",
            PyType::Size => "torch.Size",
            PyType::NpStr => "numpy.str_",
            PyType::Object => "object",
        }
    }
}

impl Value {
    /// `clone`, with the immediate values copied inline (the derived `clone` is a call):
    /// the evaluator's loads.
    #[inline(always)]
    pub fn fast_clone(&self) -> Value {
        match self {
            Value::Int(i) => Value::Int(*i),
            Value::Float(x) => Value::Float(*x),
            Value::Bool(b) => Value::Bool(*b),
            Value::None => Value::None,
            _ => self.clone(),
        }
    }

    pub fn str(s: &str) -> Value {
        Value::Str(s.into())
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(items.into())
    }

    /// A Python number as f64.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Bool(b) => Some(*b as i64 as f64),
            Value::Int(n) => Some(*n as f64),
            Value::Long(b) => long::to_f64(b).ok(),
            Value::Float(x) => Some(*x),
            _ => None,
        }
    }

    pub fn py_type(&self) -> PyType {
        match self {
            Value::None => PyType::NoneType,
            Value::Bool(_) => PyType::Bool,
            Value::Int(_) | Value::Long(_) => PyType::Int,
            Value::Float(_) => PyType::Float,
            Value::Complex(..) => PyType::Complex,
            Value::Str(_) => PyType::Str,
            Value::Bytes(_) => PyType::Bytes,
            Value::List(_) => PyType::List,
            Value::Tuple(_) => PyType::Tuple,
            Value::Dict(_) => PyType::Dict,
            Value::Set(_) => PyType::Set,
            Value::FrozenSet(_) => PyType::FrozenSet,
            Value::Range(_) => PyType::Range,
            Value::Slice(_) => PyType::Slice,
            Value::Ellipsis => PyType::Ellipsis,
            Value::Function(_) => PyType::Function,
            Value::Builtin(_) | Value::Method(_) => PyType::BuiltinFunction,
            Value::Module(_) => PyType::Module,
            Value::Type(_) => PyType::Type,
            Value::Iter(it) if it.try_borrow().is_ok_and(|i| i.type_name() == "generator") => PyType::Generator,
            Value::Iter(_) | Value::DictView(..) => PyType::Iterator,
            Value::Array(_) => PyType::NdArray,
            Value::NpScalar(_) => PyType::NpScalar,
            Value::Tensor(_) => PyType::Tensor,
            Value::DType(..) => PyType::DType,
            Value::Size(_) => PyType::Size,
            Value::Named(_) => PyType::Tuple,
            Value::NdFunc(_) => PyType::BuiltinFunction,
            Value::GradMode(_) | Value::GradFn(_) | Value::GradFnClass(_) => PyType::Object,
            Value::ObjArray(_) => PyType::NdArray,
            Value::ObjDType(_) => PyType::DType,
            Value::NpStr(_) => PyType::Str,
            Value::Object(_) | Value::Exception(_) | Value::Super(_) => PyType::Object,
            Value::Class(_) => PyType::Type,
        }
    }

    /// The name Python uses in messages: `'int' object is not callable`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Iter(it) => it.try_borrow().map(|i| i.type_name()).unwrap_or("iterator"),
            Value::DictView(_, kind) => kind.name(),
            Value::Array(_) | Value::ObjArray(_) => "numpy.ndarray",
            Value::ObjDType(_) => "numpy.dtype",
            Value::NpStr(_) => "numpy.str_",
            Value::GradFn(n) => n.name,
            Value::Object(o) => Sym::new(&o.class.name).as_str(),
            Value::Exception(e) => Sym::new(&e.class.name).as_str(),
            Value::Super(_) => "super",
            Value::NpScalar(a) => crate::nd::scalar_type_name(a.dtype),
            Value::DType(_, DKind::NpType) => "type",
            Value::DType(_, DKind::NpDType) => "numpy.dtype",
            _ => self.py_type().name(),
        }
    }

    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(n) => *n != 0,
            Value::Float(x) => *x != 0.0,
            Value::Complex(re, im) => *re != 0.0 || *im != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::Set(s) => !s.borrow().is_empty(),
            Value::FrozenSet(s) => !s.is_empty(),
            Value::Range(r) => r.len() > 0,
            Value::DictView(d, _) => !d.borrow().is_empty(),
            Value::Size(s) => !s.is_empty(),
            Value::NpStr(s) => !s.is_empty(),
            _ => true,
        }
    }

    /// Identity for `is`: the same object, or equal immutable singletons and small values.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) | (Value::Ellipsis, Value::Ellipsis) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Long(a), Value::Long(b)) => Rc::ptr_eq(a, b),
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Complex(a, b), Value::Complex(c, d)) => a.to_bits() == c.to_bits() && b.to_bits() == d.to_bits(),
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (Value::List(a), Value::List(b)) => Rc::ptr_eq(a, b),
            (Value::Bytes(a), Value::Bytes(b)) => Rc::ptr_eq(a, b) || (a.is_empty() && b.is_empty()),
            (Value::Tuple(a), Value::Tuple(b)) => Rc::ptr_eq(a, b) || (a.is_empty() && b.is_empty()),
            (Value::Dict(a), Value::Dict(b)) => Rc::ptr_eq(a, b),
            (Value::Set(a), Value::Set(b)) => Rc::ptr_eq(a, b),
            (Value::FrozenSet(a), Value::FrozenSet(b)) => Rc::ptr_eq(a, b),
            (Value::Range(a), Value::Range(b)) => Rc::ptr_eq(a, b),
            (Value::Function(a), Value::Function(b)) => Rc::ptr_eq(a, b),
            (Value::Builtin(a), Value::Builtin(b)) => std::ptr::eq(*a, *b),
            (Value::NdFunc(a), Value::NdFunc(b)) => std::ptr::eq(*a, *b),
            (Value::Module(a), Value::Module(b)) => Rc::ptr_eq(a, b),
            (Value::Type(a), Value::Type(b)) => a == b,
            (Value::Iter(a), Value::Iter(b)) => Rc::ptr_eq(a, b),
            (Value::Array(a), Value::Array(b)) => Rc::ptr_eq(a, b),
            (Value::Tensor(a), Value::Tensor(b)) => Rc::ptr_eq(a, b),
            (Value::Object(a), Value::Object(b)) => Rc::ptr_eq(a, b),
            (Value::Class(a), Value::Class(b)) => Rc::ptr_eq(a, b),
            (Value::Exception(a), Value::Exception(b)) => Rc::ptr_eq(a, b),
            (Value::DType(a, l), Value::DType(b, m)) => a == b && l == m,
            _ => false,
        }
    }

    /// A stable address for reprs like `<function f at 0x7f…>`.
    pub fn address(&self) -> usize {
        match self {
            Value::List(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Dict(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Set(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::FrozenSet(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Function(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Method(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Module(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Iter(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Builtin(b) => *b as *const Builtin as usize,
            Value::NdFunc(f) => *f as *const NdFn as usize,
            Value::DictView(r, _) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Array(r) | Value::NpScalar(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Tensor(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::GradFn(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::ObjArray(r) => Rc::as_ptr(r) as *const u8 as usize,
            // As `is` compares them: by pointer, but for the empty and one-character
            // values, which are one object each (as CPython caches them).
            Value::Tuple(r) if !r.is_empty() => Rc::as_ptr(r) as *const u8 as usize,
            Value::Bytes(r) if !r.is_empty() => Rc::as_ptr(r) as *const u8 as usize,
            Value::Str(r) if r.len() > 1 => Rc::as_ptr(r) as *const u8 as usize,
            Value::Long(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Object(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Class(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Exception(r) => Rc::as_ptr(r) as *const u8 as usize,
            _ => 0,
        }
    }
}
