//! safetensors files (`stdlib/python/safetensors.nt` reads and writes them through these):
//! a JSON header naming each tensor's dtype, shape and byte range, then the raw
//! little-endian data.
//!
//! - `_nt.safetensors_bytes([(name, tensor), ...], metadata)`: the file's bytes, tensors
//!   ordered as the `safetensors` package orders them (by alignment, then name).
//! - `_nt.safetensors_tensors(data, lib)`: `([(name, tensor), ...] in data order, metadata)`,
//!   tensors (`lib` 'pt') or arrays ('np').

use super::{as_nd, wrap};
use crate::array::dtype::DType;
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::value::{Args, Lib, Value};

fn st_dtype(d: DType) -> Res<safetensors::Dtype> {
    use safetensors::Dtype as S;
    Ok(match d {
        DType::Bool => S::BOOL,
        DType::I8 => S::I8,
        DType::U8 => S::U8,
        DType::I16 => S::I16,
        DType::U16 => S::U16,
        DType::I32 => S::I32,
        DType::U32 => S::U32,
        DType::I64 => S::I64,
        DType::U64 => S::U64,
        DType::F16 => S::F16,
        DType::BF16 => S::BF16,
        DType::F32 => S::F32,
        DType::F64 => S::F64,
        DType::C64 | DType::C128 => {
            return Err(exc(
                "NotImplementedError",
                "safetensors has no complex dtypes: nt cannot save complex tensors in it",
            ));
        }
    })
}

fn nt_dtype(d: safetensors::Dtype) -> Option<DType> {
    use safetensors::Dtype as S;
    Some(match d {
        S::BOOL => DType::Bool,
        S::I8 => DType::I8,
        S::U8 => DType::U8,
        S::I16 => DType::I16,
        S::U16 => DType::U16,
        S::I32 => DType::I32,
        S::U32 => DType::U32,
        S::I64 => DType::I64,
        S::U64 => DType::U64,
        S::F16 => DType::F16,
        S::BF16 => DType::BF16,
        S::F32 => DType::F32,
        S::F64 => DType::F64,
        _ => return None,
    })
}

struct Raw {
    dtype: safetensors::Dtype,
    shape: Vec<usize>,
    data: Vec<u8>,
}

impl safetensors::View for &Raw {
    fn dtype(&self) -> safetensors::Dtype {
        self.dtype
    }
    fn shape(&self) -> &[usize] {
        &self.shape
    }
    fn data(&self) -> std::borrow::Cow<'_, [u8]> {
        std::borrow::Cow::Borrowed(&self.data)
    }
    fn data_len(&self) -> usize {
        self.data.len()
    }
}

fn bad(e: impl std::fmt::Display) -> Box<crate::error::Exc> {
    exc(
        "safetensors_rust.SafetensorError",
        format!("Error while deserializing header: {e}"),
    )
}

fn str_dict(v: &Value) -> Res<Option<std::collections::HashMap<String, String>>> {
    match v {
        Value::None => Ok(None),
        Value::Dict(d) => d
            .borrow()
            .iter()
            .map(|(k, v)| match (k, v) {
                (Value::Str(k), Value::Str(v)) => Ok((k.to_string(), v.to_string())),
                _ => Err(type_error("argument 'metadata': 'dict' keys and values must be str")),
            })
            .collect::<Res<_>>()
            .map(Some),
        _ => Err(type_error("argument 'metadata': a dict of str to str")),
    }
}

/// `_nt.safetensors_bytes(items, metadata)`.
pub fn safetensors_bytes(_: &mut Interp, args: Args) -> Res<Value> {
    let items = match args.pos.first() {
        Some(Value::List(l)) => l.borrow().clone(),
        _ => return Err(type_error("_nt.safetensors_bytes([(name, tensor), ...], metadata)")),
    };
    let meta = str_dict(args.pos.get(1).unwrap_or(&Value::None))?;
    let mut raws = Vec::with_capacity(items.len());
    for item in &items {
        let (name, t) = match item {
            Value::Tuple(p) if p.len() == 2 => match (&p[0], as_nd(&p[1])) {
                (Value::Str(n), Some((_, a))) => (n.to_string(), a),
                _ => return Err(type_error("_nt.safetensors_bytes: items are (str, tensor)")),
            },
            _ => return Err(type_error("_nt.safetensors_bytes: items are (str, tensor)")),
        };
        let data = super::files::npy_data(t).map_err(super::internal)?;
        raws.push((
            name,
            Raw {
                dtype: st_dtype(t.dtype)?,
                shape: t.shape().to_vec(),
                data,
            },
        ));
    }
    let bytes = safetensors::serialize(raws.iter().map(|(k, r)| (k.clone(), r)), meta)
        .map_err(|e| exc("safetensors_rust.SafetensorError", e.to_string()))?;
    Ok(Value::Bytes(bytes.into()))
}

/// `_nt.safetensors_tensors(data, lib)`.
pub fn safetensors_tensors(_: &mut Interp, args: Args) -> Res<Value> {
    let (Some(Value::Bytes(bytes)), Some(Value::Str(lib))) = (args.pos.first(), args.pos.get(1)) else {
        return Err(type_error("_nt.safetensors_tensors(bytes, 'pt' | 'np')"));
    };
    let lib = if &**lib == "np" { Lib::Numpy } else { Lib::Torch };
    let (_, meta) = safetensors::SafeTensors::read_metadata(bytes).map_err(bad)?;
    let st = safetensors::SafeTensors::deserialize(bytes).map_err(bad)?;
    // In the order of their data, as `load_file` returns them.
    let names = meta.offset_keys();
    let mut out = Vec::with_capacity(names.len());
    for n in &names {
        let t = st.tensor(n).map_err(bad)?;
        let d = nt_dtype(t.dtype()).ok_or_else(|| bad(format!("unsupported dtype {:?}", t.dtype())))?;
        let a = crate::array::npy::from_bytes(d, t.data(), t.shape(), false).map_err(bad)?;
        out.push(Value::tuple(vec![Value::str(n), wrap(lib, a)]));
    }
    let metadata = match meta.metadata() {
        None => Value::None,
        Some(m) => {
            let mut keys: Vec<_> = m.keys().collect();
            keys.sort();
            let mut d = crate::value::dict::Dict::default();
            for k in keys {
                let key = Value::str(k);
                let h = crate::value::dict::HKey::of(&key).map_err(crate::value::hash::unhashable)?;
                d.insert(h, key, Value::str(&m[k]));
            }
            Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(d)))
        }
    };
    Ok(Value::tuple(vec![Value::list(out), metadata]))
}
