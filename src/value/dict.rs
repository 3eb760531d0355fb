//! Python dicts: insertion-ordered, with Python's key equality (`1`, `1.0` and `True` are
//! the same key) and the first-inserted key object kept.

use super::Value;
use indexmap::IndexMap;

/// The hashable projection of a key. Numbers that compare equal map to the same key.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum HKey {
    None,
    Int(i64),
    Long(std::rc::Rc<num_bigint::BigInt>),
    /// A float that is not an integer, by its bits (NaN keys are each their own).
    Float(u64),
    /// A complex with a nonzero imaginary part, by its parts' bits.
    Complex(u64, u64),
    Str(std::rc::Rc<str>),
    Bytes(std::rc::Rc<[u8]>),
    Tuple(Vec<HKey>),
    Ellipsis,
    /// Functions, modules and other objects hash by identity.
    Ptr(usize),
    Type(&'static str),
    /// A frozenset: equal when the keys are.
    Frozen(std::rc::Rc<super::set::PySet>),
    /// An instance of a class with its own `__hash__`: the hash, and its group of equal
    /// instances (`interp/user_keys.rs`).
    User(i64, u64),
}

impl HKey {
    /// `Err(type name)` for unhashable values: `TypeError: unhashable type: 'list'`.
    pub fn of(v: &Value) -> Result<HKey, &'static str> {
        Ok(match v {
            Value::None => HKey::None,
            Value::Bool(b) => HKey::Int(*b as i64),
            Value::Int(n) => HKey::Int(*n),
            Value::Long(b) => HKey::Long(b.clone()),
            Value::Float(x) => {
                if x.fract() == 0.0 && x.abs() < 9.2e18 {
                    HKey::Int(*x as i64)
                } else if x.is_finite() && x.fract() == 0.0 {
                    match super::long::norm(super::long::from_f64(*x)) {
                        Value::Long(b) => HKey::Long(b),
                        Value::Int(n) => HKey::Int(n),
                        _ => unreachable!("norm makes ints"),
                    }
                } else {
                    HKey::Float(if *x == 0.0 { 0 } else { x.to_bits() })
                }
            }
            Value::Complex(re, 0.0) => HKey::of(&Value::Float(*re))?,
            Value::Complex(re, im) => HKey::Complex(if *re == 0.0 { 0 } else { re.to_bits() }, im.to_bits()),
            Value::Str(s) => HKey::Str(s.clone()),
            Value::Bytes(b) => HKey::Bytes(b.clone()),
            Value::Tuple(items) => HKey::Tuple(items.iter().map(HKey::of).collect::<Result<_, _>>()?),
            Value::Ellipsis => HKey::Ellipsis,
            Value::Type(t) => HKey::Type(t.name()),
            Value::FrozenSet(s) => HKey::Frozen(s.clone()),
            Value::List(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Slice(_)
            | Value::DictView(..)
            | Value::Array(_) => {
                return Err(v.type_name());
            }
            Value::Named(n) => HKey::Tuple(n.fields.iter().map(|(_, v)| HKey::of(v)).collect::<Result<_, _>>()?),
            Value::NpStr(s) => HKey::Str(s.clone()),
            Value::GradMode(b) => HKey::Type(if *b { "enable_grad" } else { "no_grad" }),
            Value::Object(o) => match o.tuple_values() {
                Some(vals) => HKey::Tuple(vals.iter().map(HKey::of).collect::<Result<_, _>>()?),
                None => {
                    super::hash::user_hashable(&o.class, v.type_name())?;
                    HKey::Ptr(v.address())
                }
            },
            Value::Exception(e) => {
                super::hash::user_hashable(&e.class, v.type_name())?;
                HKey::Ptr(v.address())
            }
            Value::GradFn(_) | Value::Class(_) | Value::Super(_) => HKey::Ptr(v.address()),
            Value::GradFnClass(n) => HKey::Type(n),
            Value::ObjDType(_) => HKey::Ptr(0),
            Value::ObjArray(_) => return Err(v.type_name()),
            Value::Size(s) => HKey::Tuple(s.iter().map(|&n| HKey::Int(n as i64)).collect()),
            Value::DType(d, _) => HKey::Type(d.numpy_name()),
            // Tensors hash by identity, as in PyTorch.
            Value::Tensor(_) => HKey::Ptr(v.address()),
            Value::NpScalar(a) => match crate::nd::scalar_to_python(a) {
                Value::NpScalar(_) => HKey::Ptr(v.address()),
                py => HKey::of(&py)?,
            },
            Value::Range(r) => HKey::Tuple(vec![
                HKey::Int(r.start),
                HKey::Int(r.stop),
                HKey::Int(r.step),
                HKey::Str("range".into()),
            ]),
            Value::Function(_)
            | Value::Builtin(_)
            | Value::NdFunc(_)
            | Value::Method(_)
            | Value::Module(_)
            | Value::Iter(_) => HKey::Ptr(v.address()),
        })
    }
}

#[derive(Clone, Default)]
pub struct Dict {
    /// Iteration follows insertion, so the hasher is free to be a fast one.
    map: IndexMap<HKey, (Value, Value), rustc_hash::FxBuildHasher>,
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn get(&self, key: &HKey) -> Option<&Value> {
        self.map.get(key).map(|(_, v)| v)
    }

    pub fn contains(&self, key: &HKey) -> bool {
        self.map.contains_key(key)
    }

    /// Inserts or replaces the value; an existing key keeps its original key object.
    pub fn insert(&mut self, hkey: HKey, key: Value, value: Value) {
        match self.map.get_mut(&hkey) {
            Some(slot) => slot.1 = value,
            None => {
                self.map.insert(hkey, (key, value));
            }
        }
    }

    pub fn remove(&mut self, key: &HKey) -> Option<(Value, Value)> {
        self.map.shift_remove(key)
    }

    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        self.map.pop().map(|(_, kv)| kv)
    }

    pub fn clear(&mut self) {
        self.map.clear();
    }

    /// Each entry with the key's projection, as stored.
    pub fn entries(&self) -> impl Iterator<Item = (&HKey, &Value, &Value)> {
        self.map.iter().map(|(h, (k, v))| (h, k, v))
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.map.values().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> Vec<Value> {
        self.map.values().map(|(k, _)| k.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.map.values().map(|(_, v)| v.clone()).collect()
    }

    pub fn items(&self) -> Vec<Value> {
        self.map
            .values()
            .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
            .collect()
    }
}
