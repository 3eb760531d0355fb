//! The evaluator: walks the AST with Python's semantics. Expressions are in `expr.rs`,
//! statements in `stmt.rs`, calls in `call.rs`, operators in `ops.rs`.

mod attr_hooks;
pub mod attrs;
pub mod builtins;
pub mod call;
pub mod class_help;
pub mod classes;
pub mod descriptors;
pub mod expr;
pub mod format;
pub mod items;
pub mod iter;
pub mod math_float;
pub mod math_int;
pub mod methods;
pub mod modules;
pub mod mro;
pub mod ops;
mod ops_seq;
pub mod scope;
pub mod sets;
pub mod special;
pub mod stdlib;
mod stdlib_files;
mod stdlib_os;
mod stdlib_random;
pub mod stmt;
pub mod suggest;
pub mod timsort;
mod type_checks;
mod user_keys;
pub mod vm;

use crate::error::{At, Res, exc, type_error};
use crate::syntax::ast::{Expr, ExprKind};
use crate::syntax::source::SourceMap;
use crate::syntax::symbol::Sym;
use crate::value::{Value, ViewKind};
use iter::Iter;
use rustc_hash::FxHashMap;
use scope::Scope;
use std::io::Write;
use std::path::PathBuf;
use std::rc::Rc;

/// CPython's default `sys.getrecursionlimit()`.
pub const RECURSION_LIMIT: usize = 1000;

pub struct Interp {
    pub globals: Rc<Scope>,
    pub builtins: FxHashMap<Sym, Value>,
    pub out: Box<dyn Write>,
    /// Where `sys.stderr` writes when not the process's stderr (a notebook's stream).
    pub err_out: Option<Box<dyn Write>>,
    /// Echo the repr of expression statements (interactive mode), outside function bodies.
    pub echo: bool,
    /// Echoed values are kept here instead of written (a notebook cell's result).
    pub echoed: Option<Option<Value>>,
    /// Where rich output (`plt.show()`'s image: (mime type, data) pairs) goes in a
    /// notebook; `None` elsewhere.
    pub rich_out: Option<Box<dyn FnMut(Vec<(String, String)>)>>,
    pub depth: usize,
    pub modules: FxHashMap<String, Value>,
    pub sources: SourceMap,
    /// Where `import name` looks for `name.nt` besides the current directory.
    pub script_dir: Option<PathBuf>,
    /// `np.random`'s and `torch`'s random streams.
    pub rng: crate::random::Rngs,
    /// The directory relative paths of file functions resolve against (`None`: the
    /// process's working directory).
    pub cwd: Option<PathBuf>,
    /// The scopes imported modules ran in (their functions' closures), cleared on drop.
    pub module_scopes: Vec<Rc<Scope>>,
    /// The locals and value stacks of finished compiled calls, kept for the next ones.
    frames: Vec<(Vec<Option<Value>>, Vec<Value>)>,
    /// The frame stacks of finished runs, kept for the next (`vm::run_frames`).
    frame_stacks: Vec<Vec<vm::Frame>>,
    /// A call's frame on its way from an operation to the frame loop (`vm::Next::Call`).
    pending: Option<vm::Frame>,
    /// `a op b` whose operator method is being entered as a frame (`vm::Frame::binop`).
    pending_binop: Option<Box<(crate::syntax::ast::BinOp, Value, Value)>>,
    /// `Class(args)` whose `__init__` is being entered as a frame: the new instance.
    pending_init: Option<Value>,
    /// Files `open()` opened for writing, by handle (`None` once closed).
    pub open_files: Vec<Option<std::fs::File>>,
    /// Nesting of `values_equal` (containers compared through `__eq__`).
    pub eq_depth: usize,
    /// `sys.argv`: the script and its arguments.
    pub argv: Vec<String>,
    /// Groups of equal instances of classes with their own `__hash__` (dict keys).
    pub user_keys: user_keys::UserKeys,
    /// The call site of each running compiled frame, innermost last (`None`: a module's
    /// code), for `warnings.warn`'s `stacklevel` (`_nt.caller`).
    pub call_sites: Vec<Option<crate::syntax::source::Span>>,
}

/// Functions hold the scope they were defined in, and that scope holds them: a cycle of
/// `Rc`s. Ending a session breaks the cycles, so its values are freed.
impl Drop for Interp {
    fn drop(&mut self) {
        let vars = std::mem::take(&mut *self.globals.vars.borrow_mut());
        drop(vars);
        // Every module reachable from the imported ones (submodules too) lets go of its
        // attributes.
        let mut stack: Vec<Value> = self.modules.values().cloned().collect();
        stack.extend(self.builtins.values().cloned());
        while let Some(v) = stack.pop() {
            if let Value::Module(m) = v {
                let attrs = std::mem::take(&mut *m.attrs.borrow_mut());
                stack.extend(attrs.into_values());
            }
        }
        for scope in std::mem::take(&mut self.module_scopes) {
            let vars = std::mem::take(&mut *scope.vars.borrow_mut());
            drop(vars);
        }
    }
}

impl Interp {
    pub fn new(out: Box<dyn Write>) -> Interp {
        let mut interp = Interp {
            globals: Scope::module(),
            builtins: FxHashMap::default(),
            out,
            echo: false,
            echoed: None,
            rich_out: None,
            err_out: None,
            depth: 0,
            modules: FxHashMap::default(),
            sources: SourceMap::default(),
            script_dir: None,
            rng: Default::default(),
            cwd: None,
            module_scopes: Vec::new(),
            frames: Vec::new(),
            frame_stacks: Vec::new(),
            pending: None,
            open_files: Vec::new(),
            eq_depth: 0,
            argv: vec![String::new()],
            user_keys: Default::default(),
            pending_binop: None,
            pending_init: None,
            call_sites: Vec::new(),
        };
        builtins::install(&mut interp);
        interp.globals.set(Sym::new("__name__"), Value::Str("__main__".into()));
        interp
    }

    pub fn write(&mut self, s: &str) {
        // A closed pipe (`nt x.nt | head`) is not an error worth reporting.
        let _ = self.out.write_all(s.as_bytes());
    }

    pub fn flush(&mut self) {
        let _ = self.out.flush();
    }

    /// Writes to standard error, after what standard output holds.
    pub fn write_err(&mut self, s: &str) {
        self.flush();
        match &mut self.err_out {
            Some(e) => {
                let _ = e.write_all(s.as_bytes());
                let _ = e.flush();
            }
            None => eprint!("{s}"),
        }
    }

    pub fn lookup(&self, env: &Rc<Scope>, name: Sym) -> Res<Value> {
        let mut scope = env;
        loop {
            if let Some(v) = scope.vars.borrow().get(&name) {
                return Ok(v.clone());
            }
            if let Some(f) = &scope.func {
                if f.locals.contains(&name) {
                    return Err(exc(
                        "UnboundLocalError",
                        format!("cannot access local variable '{name}' where it is not associated with a value"),
                    ));
                }
            }
            match &scope.parent {
                Some(p) => scope = p,
                None => break,
            }
        }
        if let Some(v) = self.builtins.get(&name) {
            return Ok(v.clone());
        }
        let mut e = exc("NameError", format!("name '{name}' is not defined"));
        if let Some(s) = self.suggest_name(env, name) {
            e.msg.push_str(&format!(". Did you mean: '{s}'?"));
        }
        Err(e)
    }

    /// CPython 3.11's "Did you mean" over every name visible from `env`.
    fn suggest_name(&self, env: &Rc<Scope>, name: Sym) -> Option<String> {
        let mut names: Vec<&'static str> = Vec::new();
        let mut scope = Some(env);
        while let Some(s) = scope {
            names.extend(s.vars.borrow().keys().map(|k| k.as_str()));
            if let Some(f) = &s.func {
                names.extend(f.locals.iter().map(|k| k.as_str()));
            }
            scope = s.parent.as_ref();
        }
        names.extend(self.builtins.keys().map(|k| k.as_str()));
        suggest::did_you_mean(name.as_str(), names.iter().copied()).map(str::to_owned)
    }

    /// Binds `value` to an assignment target (name, attribute, subscript, or unpacking).
    pub fn assign(&mut self, target: &Expr, value: Value, env: &Rc<Scope>) -> Res<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                env.set(*n, value);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => self.unpack(items, value, env).at(target.span),
            ExprKind::Subscript(obj, idx) => {
                let o = self.eval(obj, env)?;
                let i = self.eval(idx, env)?;
                self.set_item(&o, i, value).at(target.span)
            }
            ExprKind::Attr(obj, name) => {
                let o = self.eval(obj, env)?;
                if name.as_str() == "shape" {
                    return match self.store_shape(o, value).at(target.span)? {
                        Some(new) => self.assign(obj, new, env),
                        None => Ok(()),
                    };
                }
                self.set_attr(&o, *name, value).at(target.span)
            }
            ExprKind::Starred(inner) => self.assign(inner, value, env),
            _ => Err(exc("SyntaxError", "cannot assign to expression")).at(target.span),
        }
    }

    /// `o.shape = s`. NumPy changes the array object in place; nt's arrays are shared
    /// values, so the one place that holds `o` is rebound to the reshaped view, which
    /// this returns (the caller stores it where `o` came from). An array held in more
    /// places (`b = a` too) would leave the others unchanged, so that is refused rather
    /// than done halfway. Other objects get an ordinary `setattr` (`None` returned).
    pub(crate) fn store_shape(&mut self, o: Value, shape: Value) -> Res<Option<Value>> {
        let Value::Array(a) = &o else {
            self.set_attr(&o, crate::sym!("shape"), shape)?;
            return Ok(None);
        };
        let new = crate::nd::shape::with_shape(a, &shape)?;
        // The REPL's `_` (the last echoed value) follows the array, as it would in NumPy.
        let underscore = crate::sym!("_");
        let echoed = matches!(self.builtins.get(&underscore), Some(Value::Array(b)) if Rc::ptr_eq(a, b));
        // Held by its one place and by `o` (and `_`).
        if Rc::strong_count(a) > 2 + echoed as usize {
            return Err(exc(
                "NotImplementedError",
                "nt cannot set the shape of an array that more than one name refers to (NumPy changes it for all of them); use a = a.reshape(...) instead",
            ));
        }
        let new = Value::Array(Rc::new(new));
        if echoed {
            self.builtins.insert(underscore, new.clone());
        }
        Ok(Some(new))
    }

    fn unpack(&mut self, targets: &[Expr], value: Value, env: &Rc<Scope>) -> Res<()> {
        let star = targets.iter().position(|t| matches!(t.kind, ExprKind::Starred(_)));
        let items = match star {
            None => self.unpack_exact(&value, targets.len())?,
            Some(s) => self.unpack_star(&value, s, targets.len() - s - 1)?,
        };
        for (t, v) in targets.iter().zip(items) {
            self.assign(t, v, env)?;
        }
        Ok(())
    }

    /// The `n` items of `value`, for `a, b = value`.
    pub fn unpack_exact(&mut self, value: &Value, n: usize) -> Res<Vec<Value>> {
        let items = self.to_vec(value)?;
        if items.len() > n {
            return Err(exc("ValueError", format!("too many values to unpack (expected {n})")));
        }
        if items.len() < n {
            return Err(exc(
                "ValueError",
                format!("not enough values to unpack (expected {n}, got {})", items.len()),
            ));
        }
        Ok(items)
    }

    /// The items of `value` for `a, *b, c = value` (`before` targets, the starred one, then
    /// `after`): the starred target's items as one list.
    pub fn unpack_star(&mut self, value: &Value, before: usize, after: usize) -> Res<Vec<Value>> {
        let mut items = self.to_vec(value)?;
        if items.len() < before + after {
            return Err(exc(
                "ValueError",
                format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    before + after,
                    items.len()
                ),
            ));
        }
        let tail = items.split_off(items.len() - after);
        let middle = items.split_off(before);
        items.push(Value::list(middle));
        items.extend(tail);
        Ok(items)
    }

    /// Python's `iter(v)`.
    pub fn iterate(&mut self, v: &Value) -> Res<Iter> {
        if let Some(it) = self.special_iter(v) {
            let it = it?;
            return match it {
                Value::Object(_) => Ok(Iter::Next(it)),
                other => self.iterate(&other),
            };
        }
        Ok(match v {
            Value::List(l) => Iter::List {
                list: l.clone(),
                idx: 0,
            },
            Value::Tuple(t) => Iter::Tuple {
                items: t.clone(),
                idx: 0,
            },
            Value::Str(s) => Iter::Str { s: s.clone(), pos: 0 },
            Value::Bytes(b) => Iter::items(b.iter().map(|&c| Value::Int(c as i64)).collect(), "bytes_iterator"),
            Value::Range(r) => Iter::range(r),
            Value::Dict(d) => Iter::items(d.borrow().keys(), "dict_keyiterator"),
            Value::Set(s) => Iter::items(s.borrow().values(), "set_iterator"),
            Value::FrozenSet(s) => Iter::items(s.values(), "set_iterator"),
            Value::Iter(it) => Iter::Shared(it.clone()),
            Value::Named(n) => Iter::items(n.fields.iter().map(|(_, v)| v.clone()).collect(), "tuple_iterator"),
            Value::Size(s) => Iter::items(s.iter().map(|&n| Value::Int(n as i64)).collect(), "tuple_iterator"),
            Value::Array(_) | Value::Tensor(_) => Iter::items(crate::nd::index::first_axis(v)?, "iterator"),
            Value::ObjArray(a) => Iter::items(crate::nd::objects::first_axis(a)?, "iterator"),
            Value::NpStr(s) => Iter::Str { s: s.clone(), pos: 0 },
            Value::DictView(d, kind) => {
                let d = d.borrow();
                let (items, name) = match kind {
                    ViewKind::Keys => (d.keys(), "dict_keyiterator"),
                    ViewKind::Values => (d.values(), "dict_valueiterator"),
                    ViewKind::Items => (d.items(), "dict_itemiterator"),
                };
                Iter::items(items, name)
            }
            _ => return Err(type_error(format!("'{}' object is not iterable", v.type_name()))),
        })
    }

    /// Collects any iterable into a vector.
    pub fn to_vec(&mut self, v: &Value) -> Res<Vec<Value>> {
        match v {
            Value::List(l) => Ok(l.borrow().clone()),
            Value::Tuple(t) => Ok(t.to_vec()),
            _ => {
                if let Value::Range(r) = v {
                    crate::error::check_items(r.len().max(0) as usize, std::mem::size_of::<Value>())?;
                }
                let mut it = self.iterate(v)?;
                let mut out = Vec::new();
                while let Some(x) = it.next(self)? {
                    if !crate::memory::room(&mut out) {
                        return Err(crate::error::memory_error());
                    }
                    out.push(x);
                }
                Ok(out)
            }
        }
    }

    /// Python's truth test, which arrays and tensors refuse when ambiguous.
    pub fn truth(&self, v: &Value) -> Res<bool> {
        if let Value::ObjArray(a) = v {
            let vals = crate::nd::objects::elements(a);
            return match vals.as_slice() {
                [one] => self.truth(one),
                _ => Err(exc(
                    "ValueError",
                    "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
                )),
            };
        }
        let Some((lib, a)) = crate::nd::as_nd(v) else {
            return Ok(v.truthy());
        };
        match (a.numel(), lib) {
            (1, _) => Ok(crate::nd::item(a).truthy()),
            (0, crate::value::Lib::Numpy) => Err(exc(
                "ValueError",
                "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.",
            )),
            (0, crate::value::Lib::Torch) => Err(exc(
                "RuntimeError",
                "Boolean value of Tensor with no values is ambiguous",
            )),
            (_, crate::value::Lib::Numpy) => Err(exc(
                "ValueError",
                "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
            )),
            (_, crate::value::Lib::Torch) => Err(exc(
                "RuntimeError",
                "Boolean value of Tensor with more than one value is ambiguous",
            )),
        }
    }
}
