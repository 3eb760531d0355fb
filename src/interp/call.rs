//! Calling functions (Python's argument binding and its messages) and attributes.

use super::scope::Scope;
use super::stmt::Flow;
use super::{Interp, RECURSION_LIMIT};
use crate::error::{Res, exc, type_error};
use crate::syntax::source::Span;
use crate::syntax::symbol::Sym;
use crate::value::{Args, Function, PyType, Value};
use rustc_hash::FxHashMap;
use std::rc::Rc;

pub use super::items::{seq_index, slice_indices, slice_vec};

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'` — CPython's list of missing arguments.
fn name_list(names: &[Sym]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        n => format!("{}, and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

/// Binds defaults for parameters the call did not supply; any still missing is CPython's
/// "missing N required positional argument(s)" error.
fn fill_defaults(
    params: &[crate::syntax::ast::Param],
    defaults: &[Option<Value>],
    vars: &mut FxHashMap<Sym, Value>,
    fname: Sym,
    kind: &str,
) -> Res<()> {
    let mut missing = Vec::new();
    for (p, d) in params.iter().zip(defaults) {
        if !vars.contains_key(&p.name) {
            match d {
                Some(d) => {
                    vars.insert(p.name, d.clone());
                }
                None => missing.push(p.name),
            }
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    let what = if missing.len() == 1 { "argument" } else { "arguments" };
    Err(type_error(format!(
        "{fname}() missing {} required {kind} {what}: {}",
        missing.len(),
        name_list(&missing)
    )))
}

impl Interp {
    /// `f(v)`: key functions, `map`, `filter`.
    pub fn call1(&mut self, f: &Value, v: Value) -> Res<Value> {
        self.call(
            f,
            Args {
                pos: vec![v],
                kw: Vec::new(),
            },
            None,
        )
    }

    /// Calls any callable. `site` is the call expression, recorded in tracebacks.
    pub fn call(&mut self, f: &Value, args: Args, site: Option<Span>) -> Res<Value> {
        match f {
            Value::Function(func) => self.call_function(func, args, site),
            Value::Builtin(b) => (b.f)(self, args),
            Value::NdFunc(f) if f.lib == crate::value::Lib::Torch => {
                let args = crate::nd::registry::check_call(f.module, f.name, args)?;
                crate::nd::funcs::check_dtype_kwarg(f.lib, f.name, &args)?;
                let inputs = args.pos.clone();
                let refs: Vec<&Value> = inputs.iter().collect();
                let gpu = crate::nd::device::check_same(&refs)?;
                let r = (f.f)(self, f.lib, f.name, args)?;
                crate::nd::record::check_recorded(f.name, &refs, &r)?;
                crate::nd::device::follow(r, gpu)
            }
            Value::NdFunc(f) => {
                let mut args = crate::nd::registry::check_call(f.module, f.name, args)?;
                crate::nd::funcs::check_dtype_kwarg(f.lib, f.name, &args)?;
                match crate::nd::out::take(f.module, f.name, &mut args)? {
                    Some((out, kind)) => {
                        let inputs = args.pos.clone();
                        let r = (f.f)(self, f.lib, f.name, args)?;
                        crate::nd::out::write(f.name, kind, r, out, &inputs)
                    }
                    None => (f.f)(self, f.lib, f.name, args),
                }
            }
            Value::Method(m) => {
                let (recv, name) = (&m.0, m.1);
                self.call_method(recv, name, args)
            }
            Value::Type(t) => super::builtins::construct(self, *t, args),
            Value::Class(c) => self.construct_object(c, args),
            Value::Object(o) => self.object_method(f, o, crate::sym!("__call__"), args),
            Value::DType(d, crate::value::DKind::NpType) => crate::nd::funcs::np_scalar_type_call(*d, args),
            // `@torch.no_grad()`: the function, run in that grad mode (torch/_grad.nt).
            Value::GradMode(on) => {
                let [func] = args.pos.as_slice() else {
                    return Err(type_error(format!("'{}' object is not callable", f.type_name())));
                };
                let grad = self.import(&[crate::sym!("torch"), crate::sym!("_grad")])?;
                let wrap = self.get_attr(&grad, crate::sym!("_grad_mode_wrap"))?;
                self.call(
                    &wrap,
                    Args {
                        pos: vec![Value::Bool(*on), func.clone()],
                        kw: Vec::new(),
                    },
                    site,
                )
            }
            _ => Err(type_error(format!("'{}' object is not callable", f.type_name()))),
        }
    }

    fn call_function(&mut self, func: &Rc<Function>, args: Args, site: Option<Span>) -> Res<Value> {
        crate::nd::complex::check_call(func, args.pos.iter().chain(args.kw.iter().map(|(_, v)| v)))?;
        if let Some(code) = func.code() {
            return self.call_compiled(func, code, args, site);
        }
        let vars = self.bind(func, args)?;
        if self.depth >= RECURSION_LIMIT {
            return Err(exc("RecursionError", "maximum recursion depth exceeded"));
        }
        let scope = Scope::child(&func.closure, Some(func.def.clone()), vars);
        self.run_function(func, scope, site)
    }

    /// Binds a call's arguments to the function's parameter names, with CPython's errors.
    pub(super) fn bind(&mut self, func: &Rc<Function>, args: Args) -> Res<FxHashMap<Sym, Value>> {
        let def = &func.def;
        let fname = def.name;
        let mut vars: FxHashMap<Sym, Value> = FxHashMap::default();
        let npos = def.params.len();
        let Args { mut pos, kw } = args;
        if pos.len() > npos {
            match def.vararg {
                Some(v) => {
                    let rest = pos.split_off(npos);
                    vars.insert(v, Value::tuple(rest));
                }
                None => {
                    let required = func.defaults.iter().filter(|d| d.is_none()).count();
                    let takes = if required == npos {
                        plural(npos, "positional argument")
                    } else {
                        format!("from {required} to {npos} positional arguments")
                    };
                    let given = pos.len();
                    let were = if given == 1 { "was" } else { "were" };
                    return Err(type_error(format!("{fname}() takes {takes} but {given} {were} given")));
                }
            }
        } else if let Some(v) = def.vararg {
            vars.insert(v, Value::tuple(Vec::new()));
        }
        for (p, v) in def.params.iter().zip(pos) {
            vars.insert(p.name, v);
        }
        // Keywords no parameter names go to `**kwargs`, in the order given (and so do
        // positional-only names, when there is a `**kwargs`).
        let mut extra = crate::value::dict::Dict::new();
        let mut posonly_given: Vec<&str> = Vec::new();
        for (k, v) in kw {
            if def.params[..def.posonly].iter().any(|p| p.name == k) && def.kwarg.is_none() {
                posonly_given.push(k.as_str());
                continue;
            }
            let known = def.params[def.posonly..].iter().any(|p| p.name == k) || def.kwonly.iter().any(|p| p.name == k);
            if !known {
                if def.kwarg.is_none() {
                    return Err(type_error(format!(
                        "{fname}() got an unexpected keyword argument '{k}'"
                    )));
                }
                let key = Value::Str(k.as_str().into());
                let h = self.hkey(&key)?;
                extra.insert(h, key, v);
                continue;
            }
            if vars.contains_key(&k) {
                return Err(type_error(format!("{fname}() got multiple values for argument '{k}'")));
            }
            vars.insert(k, v);
        }
        if !posonly_given.is_empty() {
            return Err(type_error(format!(
                "{fname}() got some positional-only arguments passed as keyword arguments: '{}'",
                posonly_given.join(", ")
            )));
        }
        if let Some(name) = def.kwarg {
            vars.insert(name, Value::Dict(Rc::new(std::cell::RefCell::new(extra))));
        }
        fill_defaults(&def.params, &func.defaults, &mut vars, fname, "positional")?;
        fill_defaults(&def.kwonly, &func.kw_defaults, &mut vars, fname, "keyword-only")?;
        Ok(vars)
    }

    /// Runs a function's body on the tree walker, in its bound scope.
    fn run_function(&mut self, func: &Rc<Function>, scope: Rc<Scope>, site: Option<Span>) -> Res<Value> {
        let def = &func.def;
        let fname = def.name;
        self.depth += 1;
        let echo = std::mem::replace(&mut self.echo, false);
        let result = self.exec_block(&def.body, &scope);
        self.echo = echo;
        self.depth -= 1;
        match result {
            Ok(Flow::Return(v)) => Ok(v),
            Ok(_) => Ok(Value::None),
            Err(mut e) if super::stdlib::is_stdlib(self, def.span.start) => {
                // Errors inside stdlib are reported at the user's call.
                e.span = site;
                Err(e)
            }
            Err(mut e) => {
                if let Some(site) = site {
                    // Keep the innermost calls and, in the last slot, the outermost one.
                    if e.trace.len() < 64 {
                        e.trace.push((fname, site));
                    } else {
                        e.more_calls += 1;
                        e.trace[63] = (fname, site);
                    }
                }
                Err(e)
            }
        }
    }

    pub fn get_attr(&mut self, o: &Value, name: Sym) -> Res<Value> {
        // A named tuple's fields come before tuple methods (`device.index`); a device
        // without an index has `index` None, as torch.device's.
        if let Value::Named(n) = o {
            if let Some((_, v)) = n.fields.iter().find(|(k, _)| *k == name.as_str()) {
                return Ok(v.clone());
            }
            if &*n.type_name == "device" && name.as_str() == "index" {
                return Ok(Value::None);
            }
        }
        if let Some(v) = self.ufunc_attr(o, name) {
            return Ok(v);
        }
        if let Some(v) = self.extra_attr(o, name) {
            return Ok(v);
        }
        // `a.flags`: NumPy's flagsobj (stdlib/numpy/_flags.nt).
        if let Value::Array(a) = o
            && name.as_str() == "flags"
        {
            let pos = crate::nd::shape::flags(a).map(Value::Bool).to_vec();
            return self.numpy_stdlib("_flags", "flagsobj", pos, Vec::new());
        }
        // `a.flat`: a numpy.flatiter over the array (stdlib/numpy/_flat.nt).
        if name.as_str() == "flat" && matches!(o, Value::Array(_) | Value::ObjArray(_)) {
            return self.numpy_stdlib("_flat", "flatiter", vec![o.clone()], Vec::new());
        }
        match o {
            Value::Module(m) => {
                let v = m.attrs.borrow().get(&name).cloned();
                match v {
                    Some(v) => Ok(v),
                    None if let Some(v) = self.stdlib_attr(m, name) => v,
                    // PEP 562: a module's own `__getattr__` answers for names it lacks.
                    None if let Some(f) = m.attrs.borrow().get(&Sym::new("__getattr__")).cloned() => {
                        let args = Args {
                            pos: vec![Value::Str(name.as_str().into())],
                            kw: Vec::new(),
                        };
                        self.call(&f, args, None)
                    }
                    None => {
                        let mut msg = format!("module '{}' has no attribute '{name}'", m.name);
                        let attrs = m.attrs.borrow();
                        if let Some(s) = super::suggest::did_you_mean(name.as_str(), attrs.keys().map(|k| k.as_str())) {
                            msg.push_str(&format!(". Did you mean: '{s}'?"));
                        }
                        Err(exc("AttributeError", msg))
                    }
                }
            }
            Value::Object(obj) => self.object_attr(o, obj, name),
            Value::Exception(e) => match e.get(name.as_str()) {
                Some(v) => Ok(v),
                // A user exception class's methods and class attributes.
                None => match e.class.method(name) {
                    Some(Value::Function(_)) => Ok(Value::Method(Rc::new((o.clone(), name)))),
                    Some(attr) => match super::descriptors::descriptor(&attr) {
                        Some(d) => self.descriptor_get(d, o, &e.class.clone(), name),
                        None => Ok(attr),
                    },
                    None => Err(self.no_attribute(o, name)),
                },
            },
            Value::Class(c) if name.as_str() == "__name__" => Ok(Value::Str(c.name.as_str().into())),
            Value::Class(c) if let Some(v) = c.method(name) => match super::descriptors::descriptor(&v) {
                Some(super::descriptors::Descriptor::Static(f)) => Ok(f),
                Some(super::descriptors::Descriptor::Class(_)) => Ok(Value::Method(Rc::new((o.clone(), name)))),
                _ => Ok(v),
            },
            _ => {
                if super::methods::has_method(o, name) {
                    return Ok(Value::Method(Rc::new((o.clone(), name))));
                }
                if let Some(v) = super::methods::property(o, name) {
                    return Ok(v);
                }
                if matches!(o, Value::Tensor(_)) && name.as_str() == "layout" {
                    // torch.strided, an object of torch/_ext.nt
                    if let Ok(Value::Module(t)) = self.import(&[Sym::new("torch"), Sym::new("_ext")]) {
                        if let Some(l) = t.attrs.borrow().get(&Sym::new("strided")).cloned() {
                            return Ok(l);
                        }
                    }
                }
                if let Some(v) = crate::nd::methods::attr(o, name) {
                    return v;
                }
                if let Value::ObjArray(a) = o {
                    if let Some(v) = crate::nd::objects::attr(a, name.as_str()) {
                        return Ok(v);
                    }
                }
                if let Value::Named(n) = o {
                    if let Some((_, v)) = n.fields.iter().find(|(k, _)| *k == name.as_str()) {
                        return Ok(v.clone());
                    }
                }
                Err(self.no_attribute(o, name))
            }
        }
    }

    pub fn no_attribute(&self, o: &Value, name: Sym) -> Box<crate::error::Exc> {
        let mut msg = format!("'{}' object has no attribute '{name}'", o.type_name());
        let names = super::methods::method_names(o);
        if let Some(s) = super::suggest::did_you_mean(name.as_str(), names.iter().copied()) {
            msg.push_str(&format!(". Did you mean: '{s}'?"));
        }
        exc("AttributeError", msg)
    }

    pub fn set_attr(&mut self, o: &Value, name: Sym, v: Value) -> Res<()> {
        if matches!(o, Value::Function(_) | Value::Class(_)) {
            return self.set_extra_attr(o, name, v).unwrap_or(Ok(()));
        }
        if let Value::Object(obj) = o {
            if let Some(r) = self.user_setattr(o, obj, name, &v) {
                return r;
            }
            if name.as_str() == "__class__" {
                // Stored as a plain attribute it would leave the object's class as it was.
                return Err(exc(
                    "NotImplementedError",
                    "nt cannot change an object's class (obj.__class__ = C) yet",
                ));
            }
            return self.plain_setattr(o, obj, name, v);
        }
        if let Value::Exception(e) = o {
            if name.as_str() == "args" {
                return Err(type_error("nt cannot assign to an exception's args"));
            }
            e.set(name, v);
            return Ok(());
        }
        if let Value::Tensor(t) = o {
            match (name.as_str(), &v) {
                ("grad", Value::None) => {
                    *t.grad.borrow_mut() = None;
                    return Ok(());
                }
                ("grad", Value::Tensor(g)) => {
                    // PyTorch refuses a gradient it could not accumulate into, so an
                    // optimizer step never meets one halfway through its parameters.
                    if g.data().dtype != t.data().dtype {
                        return Err(exc(
                            "RuntimeError",
                            format!(
                                "attempting to assign a gradient with dtype '{}' to a tensor with grad_dtype '{}'. The gradient must match the tensor's grad_dtype (defaults to the tensor's dtype). You can set the tensor's grad_dtype attribute with a specific dtype, or None to allow any dtype. Set grad_dtype with caution. Diverging the dtypes of a tensor and its gradient may break downstream systems that assume they match.",
                                g.data().dtype.cpp_name(),
                                t.data().dtype.torch_scalar_name()
                            ),
                        ));
                    }
                    if crate::nd::device::on_gpu(&g.data()) != crate::nd::device::on_gpu(&t.data()) {
                        return Err(exc(
                            "RuntimeError",
                            "assigned grad has data located on a different device",
                        ));
                    }
                    if g.data().shape() != t.data().shape() {
                        let dims = |s: &[usize]| s.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ");
                        return Err(exc(
                            "RuntimeError",
                            format!(
                                "attempting to assign a gradient of size '[{}]' to a tensor of size '[{}]'. Please ensure that the gradient and the tensor are the same size",
                                dims(g.data().shape()),
                                dims(t.data().shape())
                            ),
                        ));
                    }
                    *t.grad.borrow_mut() = Some(g.data().clone());
                    return Ok(());
                }
                ("grad", other) => {
                    return Err(crate::error::type_error(format!(
                        "assigned grad expected to be a Tensor or None but got grad of type {}",
                        other.type_name()
                    )));
                }
                // `w.data -= x` writes in place and assigns the same tensor back.
                ("data", Value::Tensor(n))
                    if std::rc::Rc::ptr_eq(&n.data().storage, &t.data().storage)
                        && n.data().layout == t.data().layout =>
                {
                    return Ok(());
                }
                ("data", _) => {
                    return Err(exc(
                        "NotImplementedError",
                        "nt cannot rebind a tensor's .data to other storage yet; write into it instead: w.data.copy_(new), or w.copy_(new) under torch.no_grad()",
                    ));
                }
                ("requires_grad", flag) if flag.truthy() && !t.data().dtype.is_float() => {
                    return Err(exc(
                        "RuntimeError",
                        "only Tensors of floating point and complex dtype can require gradients",
                    ));
                }
                ("requires_grad", flag) if flag.truthy() && !t.is_leaf() => {
                    return Err(exc(
                        "RuntimeError",
                        "you can only change requires_grad flags of leaf variables.",
                    ));
                }
                ("requires_grad", flag) => {
                    let args = Args {
                        pos: vec![Value::Bool(flag.truthy())],
                        kw: Vec::new(),
                    };
                    return crate::nd::methods::call(self, o, Sym::new("requires_grad_"), args).map(|_| ());
                }
                _ => {}
            }
        }
        // `a.flat = v`: every element set from `v`, repeated as needed.
        if name.as_str() == "flat" && matches!(o, Value::Array(_) | Value::ObjArray(_)) {
            return self
                .numpy_stdlib("_flat", "assign", vec![o.clone(), v], Vec::new())
                .map(|_| ());
        }
        match o {
            Value::Module(m) => {
                m.attrs.borrow_mut().insert(name, v);
                Ok(())
            }
            _ if super::methods::has_method(o, name) => Err(exc(
                "AttributeError",
                format!("'{}' object attribute '{name}' is read-only", o.type_name()),
            )),
            _ => Err(exc(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", o.type_name()),
            )),
        }
    }

    /// `from m import name` / `m.name` for a module value.
    /// A module's names that live in stdlib: submodules (`torch.nn`, loaded when first
    /// used) and functions written in nt (`np.einsum`, from `numpy._ext`).
    fn stdlib_attr(&mut self, m: &crate::value::Module, name: Sym) -> Option<Res<Value>> {
        if crate::nd::stdlib::source(&format!("{}.{name}", m.name)).is_some() {
            let path: Vec<Sym> = m.name.split('.').map(Sym::new).chain([name]).collect();
            return Some(self.import(&path));
        }
        if name.as_str().starts_with('_') {
            return None;
        }
        // `numpy._ext`, then the other private parts (`numpy._stats`, …), in order.
        for ext in crate::nd::stdlib::private_parts(&m.name) {
            let path: Vec<Sym> = ext.split('.').map(Sym::new).collect();
            let module = match self.import(&path) {
                Ok(module) => module,
                Err(e) => return Some(Err(e)),
            };
            let Value::Module(x) = module else { continue };
            let Some(v) = x.attrs.borrow().get(&name).cloned() else {
                continue;
            };
            if matches!(v, Value::Module(_)) {
                continue;
            }
            m.attrs.borrow_mut().insert(name, v.clone());
            return Some(Ok(v));
        }
        None
    }

    pub fn module_attr(&mut self, m: &Value, name: Sym, path: &[Sym]) -> Res<Value> {
        match m {
            Value::Module(md) => {
                // The borrow ends before `stdlib_attr`, which may import a submodule
                // into this very module (`from torch import nn`).
                let found = md.attrs.borrow().get(&name).cloned();
                self.module_attr_found(md, found, name, path)
            }
            _ => self.get_attr(m, name),
        }
    }

    fn module_attr_found(
        &mut self,
        md: &Rc<crate::value::Module>,
        found: Option<Value>,
        name: Sym,
        path: &[Sym],
    ) -> Res<Value> {
        if let Some(v) = found {
            return Ok(v);
        }
        if let Some(v) = self.stdlib_attr(md, name) {
            return v;
        }
        // `from package import submodule` imports it.
        if md
            .origin
            .as_deref()
            .is_some_and(|o| o.ends_with("__init__.py") || o.ends_with("__init__.nt"))
        {
            let sub: Vec<Sym> = md.name.split('.').map(Sym::new).chain([name]).collect();
            if let Ok(m) = self.import(&sub) {
                return Ok(m);
            }
        }
        let full: Vec<&str> = path.iter().map(|s| s.as_str()).collect();
        let full = if full.is_empty() {
            md.name.clone()
        } else {
            full.join(".")
        };
        Err(exc(
            "ImportError",
            format!(
                "cannot import name '{name}' from '{}' ({})",
                full,
                md.origin.as_deref().unwrap_or("built-in")
            ),
        ))
    }
}

impl PyType {
    pub fn is_instance(self, v: &Value) -> bool {
        let t = v.py_type();
        // `np.float64` and `np.complex128` subclass Python's float and complex.
        let np_sub = match v {
            Value::NpScalar(a) => match a.dtype {
                crate::array::dtype::DType::F64 => self == PyType::Float,
                crate::array::dtype::DType::C128 => self == PyType::Complex,
                _ => false,
            },
            _ => false,
        };
        t == self || (self == PyType::Int && t == PyType::Bool) || np_sub
    }
}
