//! NumPy's ufuncs as values. Which of NumPy's names are ufuncs, and what they answer to
//! `nin`, `nout`, `identity`, `ntypes`, `signature` and `__name__` (`np.abs` is
//! `absolute`), is `ufuncs.txt`, generated from NumPy by `gen_ufuncs.py`; nt implements
//! them in Rust (`NdFunc`) or in the stdlib (`numpy._math`, …) alike. Their methods
//! (`np.add.reduce`, `accumulate`, `reduceat`, `outer`, `at`) are written in
//! `stdlib/numpy/_ufunc.nt`, which the evaluator calls as `NAME(ufunc, …)`.

use crate::value::Value;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The ufunc methods `stdlib/numpy/_ufunc.nt` defines.
pub const METHODS: &[&str] = &["reduce", "accumulate", "reduceat", "outer", "at"];

/// The attributes answered from `ufuncs.txt`.
pub const ATTRS: &[&str] = &[
    "nin",
    "nout",
    "nargs",
    "identity",
    "ntypes",
    "signature",
    "__name__",
    "__qualname__",
];

pub struct Ufunc {
    /// Its own name: `absolute` for `np.abs`.
    pub name: &'static str,
    pub nin: usize,
    pub nout: usize,
    /// `repr(identity)`: `0`, `-inf`, `True`, `None`, ….
    identity: &'static str,
    ntypes: usize,
    signature: &'static str,
}

impl Ufunc {
    /// The attribute `attr` (one of `ATTRS`).
    pub fn attr(&self, attr: &str) -> Value {
        match attr {
            "nin" => Value::Int(self.nin as i64),
            "nout" => Value::Int(self.nout as i64),
            "nargs" => Value::Int((self.nin + self.nout) as i64),
            "ntypes" => Value::Int(self.ntypes as i64),
            "signature" if self.signature == "None" => Value::None,
            "signature" => Value::str(self.signature),
            "identity" => match self.identity {
                "None" => Value::None,
                "True" => Value::Bool(true),
                "False" => Value::Bool(false),
                "-inf" => Value::Float(f64::NEG_INFINITY),
                "inf" => Value::Float(f64::INFINITY),
                n => n.parse().map_or(Value::None, Value::Int),
            },
            _ => Value::str(self.name),
        }
    }
}

fn table() -> &'static FxHashMap<&'static str, Ufunc> {
    static TABLE: OnceLock<FxHashMap<&'static str, Ufunc>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("ufuncs.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let f: Vec<&'static str> = l.split('\t').collect();
                let [key, name, nin, nout, identity, ntypes, signature] = f[..] else {
                    return None;
                };
                let u = Ufunc {
                    name,
                    nin: nin.parse().ok()?,
                    nout: nout.parse().ok()?,
                    identity,
                    ntypes: ntypes.parse().ok()?,
                    signature,
                };
                Some((key, u))
            })
            .collect()
    })
}

/// The NumPy ufunc `v` is, if it is one: a library function under one of the names
/// NumPy's namespace has for a ufunc.
pub fn of(v: &Value) -> Option<&'static Ufunc> {
    let name = match v {
        Value::NdFunc(f) if f.module == "np" => f.name,
        Value::Function(f) => {
            let mut scope = f.closure.clone();
            while let Some(p) = scope.parent.clone() {
                scope = p;
            }
            // A function of numpy's own namespace (`numpy._math`), not of a submodule.
            let module = scope.get(crate::sym!("__name__"))?;
            let Value::Str(m) = &module else { return None };
            if !m.strip_prefix("numpy._").is_some_and(|r| !r.contains('.')) {
                return None;
            }
            f.def.name.as_str()
        }
        _ => return None,
    };
    table().get(name)
}
