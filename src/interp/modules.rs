//! Importing: builtin modules (`math`, `time`) and `.nt` files beside the script or in
//! the current directory — nothing else is reachable.

use super::Interp;
use super::builtins::{arity, kwarg, no_kw};
use super::math_int;
use super::scope::Scope;
use crate::error::{Res, exc, type_error};
use crate::syntax::symbol::Sym;
use crate::value::{Args, Builtin, Module, Value};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;

impl Interp {
    pub fn import(&mut self, path: &[Sym]) -> Res<Value> {
        let name: Vec<&str> = path.iter().map(|s| s.as_str()).collect();
        let name = name.join(".");
        if let Some(m) = self.modules.get(&name) {
            return Ok(m.clone());
        }
        let module = match name.as_str() {
            "math" => builtin_module("math", math_attrs()),
            "time" => builtin_module("time", time_attrs()),
            "_nt" => builtin_module("_nt", super::stdlib::nt_attrs()),
            _ if crate::nd::stdlib::source(&name).is_some() => {
                let (shown, text) = crate::nd::stdlib::source(&name).unwrap_or_default();
                let m = self.import_source(&name, shown, text)?;
                if let Value::Module(md) = &m {
                    crate::nd::complex::note_module(&name, &md.attrs.borrow());
                }
                // `import torch.nn.functional` also makes it `torch.nn.functional`.
                if let Some((parent, leaf)) = name.rsplit_once('.')
                    && !leaf.starts_with('_')
                {
                    if let Some(Value::Module(p)) = self.modules.get(parent) {
                        p.attrs.borrow_mut().insert(Sym::new(leaf), m.clone());
                    }
                }
                m
            }
            _ if path.len() == 1 => self.import_file(&name, None)?,
            _ => {
                // `a.b`: the package `a` first, then `b` in its directory (or, for a
                // builtin module, its submodule: `torch.autograd`).
                let parent = self.import(&path[..path.len() - 1])?;
                if let Value::Module(p) = &parent
                    && let Some(m @ Value::Module(_)) = p.attrs.borrow().get(&path[path.len() - 1]).cloned()
                {
                    self.modules.insert(name, m.clone());
                    return Ok(m);
                }
                let dir = package_dir(&parent).ok_or_else(|| {
                    let p: Vec<&str> = path[..path.len() - 1].iter().map(|s| s.as_str()).collect();
                    exc(
                        "ModuleNotFoundError",
                        format!("No module named '{name}'; '{}' is not a package", p.join(".")),
                    )
                })?;
                let leaf = path[path.len() - 1];
                let m = self.import_file(&name, Some(&dir))?;
                if let Value::Module(p) = &parent {
                    p.attrs.borrow_mut().insert(leaf, m.clone());
                }
                m
            }
        };
        self.modules.insert(name, module.clone());
        Ok(module)
    }

    /// The absolute path of `from <level dots><module> import …` in the module whose
    /// scope is `env` (its `__package__`), with CPython's errors.
    pub fn absolute_module(&self, env: &Rc<Scope>, level: u32, module: &[Sym]) -> Res<Vec<Sym>> {
        if level == 0 {
            return Ok(module.to_vec());
        }
        // A class body's scope sits inside its module's.
        let mut scope = env.clone();
        while let Some(p) = scope.parent.clone() {
            scope = p;
        }
        let package = match scope.vars.borrow().get(&Sym::new("__package__")) {
            Some(Value::Str(p)) if !p.is_empty() => p.to_string(),
            _ => {
                return Err(exc(
                    "ImportError",
                    "attempted relative import with no known parent package",
                ));
            }
        };
        let bits: Vec<&str> = package.split('.').collect();
        if bits.len() < level as usize {
            return Err(exc("ImportError", "attempted relative import beyond top-level package"));
        }
        let base = &bits[..bits.len() + 1 - level as usize];
        Ok(base.iter().map(|b| Sym::new(b)).chain(module.iter().copied()).collect())
    }

    /// Loads the module `name` (dotted for a submodule) from `NAME.py`, `NAME.nt` or the
    /// package `NAME/__init__.py` (`.nt`): inside the package directory `within`, else
    /// beside the script, else in the working directory.
    fn import_file(&mut self, name: &str, within: Option<&std::path::Path>) -> Res<Value> {
        let leaf = name.rsplit('.').next().unwrap_or(name);
        let roots: Vec<std::path::PathBuf> = match within {
            Some(dir) => vec![dir.to_path_buf()],
            None => self
                .script_dir
                .iter()
                .cloned()
                .chain(std::iter::once(std::path::PathBuf::new()))
                .collect(),
        };
        let found = roots.iter().find_map(|root| {
            [
                root.join(format!("{leaf}.py")),
                root.join(format!("{leaf}.nt")),
                root.join(leaf).join("__init__.py"),
                root.join(leaf).join("__init__.nt"),
            ]
            .into_iter()
            .find(|p| p.is_file())
        });
        let Some(path) = found else {
            return Err(not_found(name));
        };
        // Shown (in reports and `__file__`-like messages) by its full path, as CPython does.
        let path = std::fs::canonicalize(&path).unwrap_or(path);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| exc("ImportError", format!("cannot read {}: {e}", path.display())))?;
        let shown = path.display().to_string();
        self.import_source(name, &shown, &text)
    }

    /// Runs a module's source in a fresh scope; its names become the module's attributes.
    fn import_source(&mut self, name: &str, shown: &str, text: &str) -> Res<Value> {
        let shown = shown.to_owned();
        let base = self.sources.add(&shown, text);
        let stmts = crate::syntax::parse_file(text, base).map_err(|e| {
            let mut x = exc(e.kind, e.msg);
            x.span = Some(e.span);
            x
        })?;
        let scope = Scope::module();
        scope.set(Sym::new("__name__"), Value::Str(name.into()));
        // A package is its own `__package__`; a module's is the package holding it.
        let package = if shown.ends_with("__init__.py") || shown.ends_with("__init__.nt") {
            name
        } else {
            name.rsplit_once('.').map_or("", |(p, _)| p)
        };
        scope.set(Sym::new("__package__"), Value::Str(package.into()));
        // Mark it loaded first so a circular import sees the (partial) module, as in Python.
        let module = Rc::new(Module {
            name: name.to_owned(),
            attrs: RefCell::default(),
            origin: Some(shown),
        });
        self.modules.insert(name.to_owned(), Value::Module(module.clone()));
        let echo = std::mem::replace(&mut self.echo, false);
        let result = self.exec_module(&stmts, &scope);
        self.echo = echo;
        if let Err(e) = result {
            self.modules.remove(name);
            return Err(e);
        }
        *module.attrs.borrow_mut() = scope.vars.borrow().clone();
        self.module_scopes.push(scope);
        Ok(Value::Module(module))
    }
}

/// The directory of a package (a module loaded from `__init__.py` or `__init__.nt`).
fn package_dir(m: &Value) -> Option<std::path::PathBuf> {
    let Value::Module(m) = m else { return None };
    let origin = std::path::Path::new(m.origin.as_deref()?);
    let file = origin.file_name()?.to_str()?;
    (file == "__init__.py" || file == "__init__.nt").then(|| origin.parent().map(|p| p.to_path_buf()))?
}

fn not_found(name: &str) -> Box<crate::error::Exc> {
    exc("ModuleNotFoundError", format!("No module named '{name}'"))
}

fn builtin_module(name: &str, attrs: FxHashMap<Sym, Value>) -> Value {
    Value::Module(Rc::new(Module {
        name: name.to_owned(),
        attrs: RefCell::new(attrs),
        origin: None,
    }))
}

pub fn real(v: &Value) -> Res<f64> {
    match v {
        Value::Float(x) => Ok(*x),
        Value::Long(b) => crate::value::long::to_f64(b),
        Value::Int(n) => Ok(*n as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        // `__float__` of NumPy scalars and one-element tensors.
        Value::NpScalar(a) => Ok(crate::nd::item(a).as_f64().unwrap_or(f64::NAN)),
        Value::Tensor(t) if t.data().numel() == 1 => Ok(crate::nd::item(&t.data()).as_f64().unwrap_or(f64::NAN)),
        other => Err(type_error(format!("must be real number, not {}", other.type_name()))),
    }
}

fn domain() -> Box<crate::error::Exc> {
    exc("ValueError", "math domain error")
}

/// CPython's `math_1`: NaN from a non-NaN input is a domain error; an infinite result
/// from a finite input is a range error for functions that can overflow.
fn checked(x: f64, r: f64, can_overflow: bool) -> Res<Value> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            exc("OverflowError", "math range error")
        } else {
            domain()
        });
    }
    Ok(Value::Float(r))
}

fn one_real(args: &Args, name: &str) -> Res<f64> {
    no_kw(args, &format!("math.{name}"))?;
    if args.pos.len() != 1 {
        return Err(type_error(format!(
            "math.{name}() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    }
    real(&args.pos[0])
}

macro_rules! unary_math {
    ($fname:ident, $name:literal, $f:expr, $overflow:expr) => {
        fn $fname(_: &mut Interp, args: Args) -> Res<Value> {
            let x = one_real(&args, $name)?;
            let f: fn(f64) -> f64 = $f;
            checked(x, f(x), $overflow)
        }
    };
}

unary_math!(m_sqrt, "sqrt", f64::sqrt, false);
unary_math!(m_exp, "exp", f64::exp, true);
unary_math!(m_expm1, "expm1", f64::exp_m1, true);
unary_math!(m_log2, "log2", |x| if x <= 0.0 { f64::NAN } else { x.log2() }, false);
unary_math!(m_log10, "log10", |x| if x <= 0.0 { f64::NAN } else { x.log10() }, false);
unary_math!(
    m_log1p,
    "log1p",
    |x| if x <= -1.0 { f64::NAN } else { x.ln_1p() },
    false
);
unary_math!(m_sin, "sin", f64::sin, false);
unary_math!(m_cos, "cos", f64::cos, false);
unary_math!(m_tan, "tan", f64::tan, false);
unary_math!(m_asin, "asin", f64::asin, false);
unary_math!(m_acos, "acos", f64::acos, false);
unary_math!(m_atan, "atan", f64::atan, false);
unary_math!(m_sinh, "sinh", f64::sinh, true);
unary_math!(m_cosh, "cosh", f64::cosh, true);
unary_math!(m_tanh, "tanh", f64::tanh, false);
unary_math!(m_asinh, "asinh", f64::asinh, false);
unary_math!(m_acosh, "acosh", f64::acosh, false);
unary_math!(
    m_atanh,
    "atanh",
    |x| if x.abs() >= 1.0 { f64::NAN } else { x.atanh() },
    false
);
unary_math!(m_fabs, "fabs", f64::abs, false);
unary_math!(m_degrees, "degrees", f64::to_degrees, true);
unary_math!(m_radians, "radians", f64::to_radians, false);

fn m_log(_: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "log")?;
    arity(&args, "log", 1, 2)?;
    let x = real(&args.pos[0])?;
    if x <= 0.0 {
        return Err(domain());
    }
    match args.pos.get(1) {
        None => checked(x, x.ln(), false),
        Some(b) => {
            let b = real(b)?;
            if b <= 0.0 {
                return Err(domain());
            }
            let d = b.ln();
            if d == 0.0 {
                return Err(exc("ZeroDivisionError", "float division by zero"));
            }
            Ok(Value::Float(x.ln() / d))
        }
    }
}

fn m_floor(_: &mut Interp, args: Args) -> Res<Value> {
    super::math_int::rounding(&args, "floor", f64::floor)
}

fn m_ceil(_: &mut Interp, args: Args) -> Res<Value> {
    super::math_int::rounding(&args, "ceil", f64::ceil)
}

fn m_trunc(_: &mut Interp, args: Args) -> Res<Value> {
    super::math_int::rounding(&args, "trunc", f64::trunc)
}

fn two_real(args: &Args, name: &str) -> Res<(f64, f64)> {
    no_kw(args, &format!("math.{name}"))?;
    if args.pos.len() != 2 {
        return Err(type_error(format!(
            "{name} expected 2 arguments, got {}",
            args.pos.len()
        )));
    }
    Ok((real(&args.pos[0])?, real(&args.pos[1])?))
}

fn m_atan2(_: &mut Interp, args: Args) -> Res<Value> {
    let (y, x) = two_real(&args, "atan2")?;
    Ok(Value::Float(y.atan2(x)))
}

fn m_fmod(_: &mut Interp, args: Args) -> Res<Value> {
    let (x, y) = two_real(&args, "fmod")?;
    if y == 0.0 && !x.is_nan() || x.is_infinite() {
        return Err(domain());
    }
    Ok(Value::Float(x % y))
}

fn m_copysign(_: &mut Interp, args: Args) -> Res<Value> {
    let (x, y) = two_real(&args, "copysign")?;
    Ok(Value::Float(x.copysign(y)))
}

fn m_pow(_: &mut Interp, args: Args) -> Res<Value> {
    let (x, y) = two_real(&args, "pow")?;
    if x == 0.0 && y < 0.0 || (x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0) {
        return Err(domain());
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(exc("OverflowError", "math range error"));
    }
    Ok(Value::Float(r))
}

fn m_pred(args: &Args, name: &str, f: fn(f64) -> bool) -> Res<Value> {
    Ok(Value::Bool(f(one_real(args, name)?)))
}

fn m_isnan(_: &mut Interp, args: Args) -> Res<Value> {
    m_pred(&args, "isnan", f64::is_nan)
}

fn m_isinf(_: &mut Interp, args: Args) -> Res<Value> {
    m_pred(&args, "isinf", f64::is_infinite)
}

fn m_isfinite(_: &mut Interp, args: Args) -> Res<Value> {
    m_pred(&args, "isfinite", f64::is_finite)
}

fn m_isclose(_: &mut Interp, mut args: Args) -> Res<Value> {
    let rel = kwarg(&mut args, "rel_tol")
        .map(|v| real(&v))
        .transpose()?
        .unwrap_or(1e-9);
    let abs = kwarg(&mut args, "abs_tol")
        .map(|v| real(&v))
        .transpose()?
        .unwrap_or(0.0);
    let (a, b) = two_real(&args, "isclose")?;
    if rel < 0.0 || abs < 0.0 {
        return Err(exc("ValueError", "tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::Bool(
        diff <= (rel * b).abs() || diff <= (rel * a).abs() || diff <= abs,
    ))
}

fn m_prod(interp: &mut Interp, mut args: Args) -> Res<Value> {
    let start = kwarg(&mut args, "start").unwrap_or(Value::Int(1));
    no_kw(&args, "prod")?;
    arity(&args, "prod", 1, 1)?;
    let mut acc = start;
    let items = interp.to_vec(&args.pos[0])?;
    for v in items {
        acc = super::ops::binary(crate::syntax::ast::BinOp::Mul, &acc, &v)?;
    }
    Ok(acc)
}

fn m_fsum(interp: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "fsum")?;
    arity(&args, "fsum", 1, 1)?;
    let items = interp.to_vec(&args.pos[0])?;
    // Shewchuk's exact partial sums, as CPython's `math_fsum`: special values summed
    // apart, an overflow of finite inputs an `OverflowError`, half-even rounding across
    // the last partials.
    let mut partials: Vec<f64> = Vec::new();
    let (mut special, mut inf_sum) = (0.0f64, 0.0f64);
    for v in items {
        let saved = real(&v)?;
        let mut x = saved;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if saved.is_finite() {
                    return Err(exc("OverflowError", "intermediate overflow in fsum"));
                }
                if saved.is_infinite() {
                    inf_sum += saved;
                }
                special += saved;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return Err(exc("ValueError", "-inf + inf in fsum"));
        }
        return Ok(Value::Float(special));
    }
    let mut hi = 0.0;
    let mut n = partials.len();
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            lo = y - (hi - x);
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}

macro_rules! table {
    ($($name:literal => $f:path),* $(,)?) => {
        &[$(Builtin { name: $name, f: $f }),*]
    };
}

static MATH: &[Builtin] = table! {
    "sqrt" => m_sqrt, "exp" => m_exp, "expm1" => m_expm1, "log" => m_log, "log2" => m_log2,
    "log10" => m_log10, "log1p" => m_log1p, "sin" => m_sin, "cos" => m_cos, "tan" => m_tan,
    "asin" => m_asin, "acos" => m_acos, "atan" => m_atan, "atan2" => m_atan2, "sinh" => m_sinh,
    "cosh" => m_cosh, "tanh" => m_tanh, "asinh" => m_asinh, "acosh" => m_acosh, "atanh" => m_atanh,
    "floor" => m_floor, "ceil" => m_ceil, "trunc" => m_trunc, "fabs" => m_fabs, "fmod" => m_fmod,
    "copysign" => m_copysign, "pow" => m_pow, "isnan" => m_isnan,
    "isinf" => m_isinf, "isfinite" => m_isfinite, "isclose" => m_isclose, "factorial" => math_int::m_factorial,
    "gcd" => math_int::m_gcd, "lcm" => math_int::m_lcm, "comb" => math_int::m_comb,
    "perm" => math_int::m_perm, "isqrt" => math_int::m_isqrt, "degrees" => m_degrees,
    "radians" => m_radians, "prod" => m_prod, "fsum" => m_fsum,
};

fn math_attrs() -> FxHashMap<Sym, Value> {
    let mut m: FxHashMap<Sym, Value> = MATH
        .iter()
        .chain(super::math_float::MORE)
        .map(|b| (Sym::new(b.name), Value::Builtin(b)))
        .collect();
    for (k, v) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        m.insert(Sym::new(k), Value::Float(v));
    }
    m
}

fn t_time(_: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "time")?;
    arity(&args, "time", 0, 0)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    Ok(Value::Float(now))
}

fn t_perf_counter(_: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "perf_counter")?;
    arity(&args, "perf_counter", 0, 0)?;
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let start = START.get_or_init(std::time::Instant::now);
    Ok(Value::Float(start.elapsed().as_secs_f64()))
}

fn t_sleep(_: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "sleep")?;
    arity(&args, "sleep", 1, 1)?;
    let secs = real(&args.pos[0])?;
    if secs < 0.0 || secs.is_nan() {
        return Err(exc("ValueError", "sleep length must be non-negative"));
    }
    // CPython converts the length to a time_t first.
    if secs >= 9.223372036854775807e18 {
        return Err(exc("OverflowError", "timestamp out of range for platform time_t"));
    }
    // In short naps, so Ctrl-C stops it (CPython's sleep is interrupted by the signal).
    let end = std::time::Instant::now() + std::time::Duration::from_secs_f64(secs.min(1e15));
    loop {
        if crate::interrupt::take() {
            return Err(exc("KeyboardInterrupt", ""));
        }
        let now = std::time::Instant::now();
        if now >= end {
            return Ok(Value::None);
        }
        std::thread::sleep((end - now).min(std::time::Duration::from_millis(20)));
    }
}

static TIME: &[Builtin] = table! {
    "time" => t_time, "perf_counter" => t_perf_counter, "monotonic" => t_perf_counter, "sleep" => t_sleep,
};

fn time_attrs() -> FxHashMap<Sym, Value> {
    TIME.iter().map(|b| (Sym::new(b.name), Value::Builtin(b))).collect()
}
