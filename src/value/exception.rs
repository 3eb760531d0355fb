//! Exceptions as values: Python's built-in exception classes (with their hierarchy, so
//! `except LookupError` catches an `IndexError`), the exception objects `except … as e`
//! binds and `raise` throws, and the conversions between them and the errors nt's own
//! code returns (`error::Exc`, a kind and a message).

use super::{Class, Value};
use crate::error::Exc;
use crate::syntax::symbol::Sym;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;

/// Python 3.11's built-in exceptions, each with its base (`None`: the root).
const HIERARCHY: &[(&str, Option<&str>)] = &[
    ("BaseException", None),
    ("SystemExit", Some("BaseException")),
    ("KeyboardInterrupt", Some("BaseException")),
    ("GeneratorExit", Some("BaseException")),
    ("Exception", Some("BaseException")),
    ("StopIteration", Some("Exception")),
    ("ArithmeticError", Some("Exception")),
    ("FloatingPointError", Some("ArithmeticError")),
    ("OverflowError", Some("ArithmeticError")),
    ("ZeroDivisionError", Some("ArithmeticError")),
    ("AssertionError", Some("Exception")),
    ("AttributeError", Some("Exception")),
    ("BufferError", Some("Exception")),
    ("EOFError", Some("Exception")),
    ("ImportError", Some("Exception")),
    ("ModuleNotFoundError", Some("ImportError")),
    ("LookupError", Some("Exception")),
    ("IndexError", Some("LookupError")),
    ("KeyError", Some("LookupError")),
    ("MemoryError", Some("Exception")),
    ("NameError", Some("Exception")),
    ("UnboundLocalError", Some("NameError")),
    ("OSError", Some("Exception")),
    ("FileExistsError", Some("OSError")),
    ("FileNotFoundError", Some("OSError")),
    ("IsADirectoryError", Some("OSError")),
    ("NotADirectoryError", Some("OSError")),
    ("PermissionError", Some("OSError")),
    ("TimeoutError", Some("OSError")),
    ("ReferenceError", Some("Exception")),
    ("RuntimeError", Some("Exception")),
    ("NotImplementedError", Some("RuntimeError")),
    ("RecursionError", Some("RuntimeError")),
    ("SyntaxError", Some("Exception")),
    ("IndentationError", Some("SyntaxError")),
    ("SystemError", Some("Exception")),
    ("TypeError", Some("Exception")),
    ("ValueError", Some("Exception")),
    ("UnicodeError", Some("ValueError")),
    ("UnicodeDecodeError", Some("UnicodeError")),
    ("UnicodeEncodeError", Some("UnicodeError")),
    ("Warning", Some("Exception")),
    ("UserWarning", Some("Warning")),
    ("DeprecationWarning", Some("Warning")),
    ("RuntimeWarning", Some("Warning")),
    ("PendingDeprecationWarning", Some("Warning")),
    ("SyntaxWarning", Some("Warning")),
    ("FutureWarning", Some("Warning")),
    ("ImportWarning", Some("Warning")),
    ("UnicodeWarning", Some("Warning")),
    ("BytesWarning", Some("Warning")),
    ("ResourceWarning", Some("Warning")),
    ("EncodingWarning", Some("Warning")),
];

/// The libraries' own exception classes nt raises: (qualified name, base).
const LIBRARY: &[(&str, &str)] = &[
    ("numpy.linalg.LinAlgError", "ValueError"),
    ("torch._C._LinAlgError", "RuntimeError"),
    ("io.UnsupportedOperation", "OSError"),
    ("numpy._core._exceptions._ArrayMemoryError", "MemoryError"),
    ("numpy._core._exceptions._UFuncNoLoopError", "TypeError"),
    ("numpy._core._exceptions._UFuncOutputCastingError", "TypeError"),
];

thread_local! {
    static CLASSES: FxHashMap<&'static str, Rc<Class>> = {
        let mut m: FxHashMap<&'static str, Rc<Class>> = FxHashMap::default();
        for (name, base) in HIERARCHY {
            let base = base.and_then(|b| m.get(b).cloned());
            m.insert(name, Rc::new(Class::new(name, "builtins", base, Default::default())));
        }
        for (qualified, base) in LIBRARY {
            let (module, name) = qualified.rsplit_once('.').unwrap_or(("builtins", qualified));
            let base = m.get(base).cloned();
            m.insert(qualified, Rc::new(Class::new(name, module, base, Default::default())));
        }
        m
    };
}

/// The built-in exception classes, for the builtins namespace.
pub fn builtin_classes() -> Vec<(&'static str, Value)> {
    HIERARCHY
        .iter()
        .map(|(name, _)| (*name, Value::Class(class_named(name))))
        .collect()
}

/// The class of an error nt raises as `kind` (an unknown kind is an `Exception`).
pub fn class_named(kind: &str) -> Rc<Class> {
    CLASSES.with(|m| {
        m.get(kind).cloned().unwrap_or_else(|| {
            let (module, name) = kind.rsplit_once('.').unwrap_or(("builtins", kind));
            Rc::new(Class::new(
                name,
                module,
                m.get("Exception").cloned(),
                Default::default(),
            ))
        })
    })
}

/// Whether `c` is an exception class (derives from `BaseException`).
pub fn is_exception_class(c: &Class) -> bool {
    c.is_a("BaseException")
}

/// An exception object.
pub struct ExcObj {
    pub class: Rc<Class>,
    /// Its `args` (reset by `BaseException.__init__`, which a subclass's `__init__` calls).
    pub args: RefCell<Vec<Value>>,
    /// Attributes set on it (`e.note = …`), `__cause__` among them.
    pub attrs: RefCell<Vec<(Sym, Value)>>,
    /// Where it was last raised (its span and the calls it passed through), for a bare
    /// `raise` to report it there again.
    pub raised: RefCell<Option<Box<Exc>>>,
}

impl ExcObj {
    pub fn new(class: Rc<Class>, args: Vec<Value>) -> Rc<ExcObj> {
        Rc::new(ExcObj {
            class,
            args: RefCell::new(args),
            attrs: RefCell::default(),
            raised: RefCell::default(),
        })
    }

    /// The name tracebacks show: `ValueError`, `numpy.linalg.LinAlgError`.
    pub fn kind(&self) -> &'static str {
        match self.class.module.as_str() {
            "builtins" | "__main__" => Sym::new(&self.class.name).as_str(),
            m => Sym::new(&format!("{m}.{}", self.class.name)).as_str(),
        }
    }

    /// `str(e)`: nothing, the one argument, or the arguments' tuple; a `KeyError`'s one
    /// argument by its repr.
    pub fn message(&self) -> String {
        match self.args.borrow().as_slice() {
            [] => String::new(),
            [one] if self.class.is_a("KeyError") => super::repr::repr(one),
            [one] => super::repr::str_of(one),
            many => super::repr::repr(&Value::tuple(many.to_vec())),
        }
    }

    /// `repr(e)`: `ValueError('bad')`.
    pub fn repr(&self) -> String {
        let args: Vec<String> = self.args.borrow().iter().map(super::repr::repr).collect();
        format!("{}({})", self.class.name, args.join(", "))
    }

    pub fn get(&self, name: &str) -> Option<Value> {
        if name == "args" {
            return Some(Value::tuple(self.args.borrow().clone()));
        }
        let found = self
            .attrs
            .borrow()
            .iter()
            .find(|(k, _)| k.as_str() == name)
            .map(|(_, v)| v.clone());
        found.or_else(|| match name {
            "__cause__" | "__context__" => Some(Value::None),
            // `SystemExit.code`: its one argument, its args, or None.
            "code" if self.class.is_a("SystemExit") => Some(match &self.args.borrow()[..] {
                [] => Value::None,
                [one] => one.clone(),
                many => Value::tuple(many.to_vec()),
            }),
            _ => None,
        })
    }

    pub fn set(&self, name: Sym, v: Value) {
        let mut attrs = self.attrs.borrow_mut();
        match attrs.iter_mut().find(|(k, _)| *k == name) {
            Some(slot) => slot.1 = v,
            None => attrs.push((name, v)),
        }
    }
}

/// The exception object for an error: the one Python code raised, or a new one of the
/// error's class with its message as the argument.
pub fn catch(e: Box<Exc>) -> Rc<ExcObj> {
    let obj = match e.value.clone().map(|v| v.downcast::<ExcObj>()) {
        Some(Ok(obj)) => obj,
        _ => {
            let args = match e.msg.is_empty() {
                true => Vec::new(),
                false => vec![Value::Str(e.msg.as_str().into())],
            };
            ExcObj::new(class_named(e.kind), args)
        }
    };
    let mut raised = e;
    raised.value = None;
    *obj.raised.borrow_mut() = Some(raised);
    obj
}

/// The error that raising `obj` is: its kind and message, the object kept with it.
pub fn throw(obj: &Rc<ExcObj>) -> Box<Exc> {
    let mut e = crate::error::exc(obj.kind(), obj.message());
    e.value = Some(obj.clone() as Rc<dyn std::any::Any>);
    e
}

/// A bare `raise` of `obj`: where it was raised before, with the calls it passed.
pub fn rethrow(obj: &Rc<ExcObj>) -> Box<Exc> {
    match obj.raised.borrow().as_ref() {
        Some(e) => {
            let mut e = e.clone();
            e.value = Some(obj.clone() as Rc<dyn std::any::Any>);
            e
        }
        None => throw(obj),
    }
}

/// `KeyError(key)`: its message is the key's repr, its argument the key itself.
pub fn key_error(key: &Value) -> Box<Exc> {
    throw(&ExcObj::new(class_named("KeyError"), vec![key.clone()]))
}

/// `KeyError(msg)` whose argument is the message itself (`set().pop()`).
pub fn key_error_msg(msg: &str) -> Box<Exc> {
    key_error(&Value::Str(msg.into()))
}

/// `StopIteration(value)`: a generator returned `value` to `send` or `next`.
pub fn stop_iteration(value: Value) -> Box<Exc> {
    let args = if matches!(value, Value::None) {
        Vec::new()
    } else {
        vec![value]
    };
    throw(&ExcObj::new(class_named("StopIteration"), args))
}
