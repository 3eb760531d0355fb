//! How arrays and tensors lie in memory, as the libraries describe it: NumPy's `strides`
//! (bytes), `a.item(i, ...)`, `a.view(dtype)` and `np.frombuffer`; PyTorch's `stride()`
//! (elements), `storage_offset()`, `nbytes`, `itemsize` and `t.view(dtype)`.
//!
//! A view with another dtype reinterprets the bytes, as both libraries do; nt's storages are
//! typed, so it is a read-only copy of them (a write into it raises rather than being
//! lost) — the values are the libraries' bit for bit.

use super::{as_nd, wrap};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::layout::Layout;
use crate::array::npy;
use crate::error::{Res, exc, type_error};
use crate::interp::builtins::{int_arg, kwarg};
use crate::value::{Args, Lib, Value};

/// Data attributes: NumPy's `strides`; PyTorch's `nbytes` and `itemsize`.
pub fn attr(lib: Lib, a: &NdArray, name: &str) -> Option<Value> {
    let size = a.dtype.itemsize() as i64;
    match (lib, name) {
        (Lib::Numpy, "strides") => Some(Value::tuple(
            a.layout.strides.iter().map(|&s| Value::Int(s as i64 * size)).collect(),
        )),
        (Lib::Torch, "nbytes") => Some(Value::Int(a.numel() as i64 * size)),
        (Lib::Torch, "itemsize") => Some(Value::Int(size)),
        _ => None,
    }
}

/// The methods this file answers, or `None` for the others.
pub fn method(lib: Lib, v: &Value, a: &NdArray, name: &str, args: &mut Args) -> Option<Res<Value>> {
    match (lib, name) {
        (Lib::Torch, "conj" | "conj_physical" | "resolve_conj" | "is_conj")
            if args.pos.is_empty() && args.kw.is_empty() =>
        {
            Some(super::complex::conj_of(v, name))
        }
        (Lib::Numpy, "item") if !args.pos.is_empty() => Some(item_at(a, args)),
        (_, "item") => Some(item(lib, a, args)),
        (Lib::Numpy, "view") => match args.pos.as_slice() {
            // `a.view()`: a new array object over the same data.
            [] if args.kw.is_empty() => Some(Ok(wrap(lib, a.clone()))),
            [d] if dtype_like(d) => {
                Some(super::funcs::dtype_arg(d).and_then(|d| view_as(lib, a, d.unwrap_or(a.dtype))))
            }
            _ => None,
        },
        (Lib::Torch, "view") => match args.pos.as_slice() {
            [d @ Value::DType(t, _)] if matches!(d, Value::DType(_, crate::value::DKind::Torch)) => {
                Some(view_as(lib, a, *t))
            }
            _ => None,
        },
        (Lib::Torch, "stride") => Some(stride(a, args)),
        (Lib::Torch, "storage_offset") => Some(Ok(Value::Int(a.layout.offset as i64))),
        (Lib::Numpy, "is_integer" | "as_integer_ratio") if matches!(v, Value::NpScalar(_)) && a.dtype.is_float() => {
            let x = super::item(a);
            let Value::Float(x) = x else { return None };
            Some(crate::interp::methods::numbers::float_method(x, name, args))
        }
        _ => None,
    }
}

fn dtype_like(v: &Value) -> bool {
    matches!(v, Value::DType(..) | Value::Str(_) | Value::Type(_))
}

/// `t.stride()` / `t.stride(dim)`.
fn stride(a: &NdArray, args: &mut Args) -> Res<Value> {
    let dim = kwarg(args, "dim").or_else(|| args.pos.first().cloned());
    let strides = &a.layout.strides;
    match dim {
        None | Some(Value::None) => Ok(Value::tuple(strides.iter().map(|&s| Value::Int(s as i64)).collect())),
        Some(d) => {
            let d = int_arg(&d)?;
            let n = strides.len().max(1) as i64;
            if d < -n || d >= n {
                return Err(exc(
                    "IndexError",
                    format!(
                        "Dimension out of range (expected to be in range of [{}, {}], but got {d})",
                        -n,
                        n - 1
                    ),
                ));
            }
            let d = if d < 0 { d + n } else { d } as usize;
            Ok(Value::Int(strides.get(d).copied().unwrap_or(1) as i64))
        }
    }
}

/// `a.item()` of a one-element array or tensor.
fn item(lib: Lib, a: &NdArray, args: &Args) -> Res<Value> {
    let owner = if lib == Lib::Numpy { "ndarray" } else { "TensorBase" };
    if !args.kw.is_empty() {
        return Err(type_error(format!("{owner}.item() takes no keyword arguments")));
    }
    if !args.pos.is_empty() {
        return Err(type_error(format!(
            "{owner}.item() takes no arguments ({} given)",
            args.pos.len()
        )));
    }
    if a.numel() != 1 {
        return Err(match lib {
            Lib::Numpy => exc("ValueError", "can only convert an array of size 1 to a Python scalar"),
            Lib::Torch => exc(
                "RuntimeError",
                format!("a Tensor with {} elements cannot be converted to Scalar", a.numel()),
            ),
        });
    }
    Ok(super::item(a))
}

/// NumPy's `a.item(i)` (a flat index), `a.item(i, j, ...)` and `a.item((i, j))`.
fn item_at(a: &NdArray, args: &Args) -> Res<Value> {
    if !args.kw.is_empty() {
        return Err(type_error("ndarray.item() takes no keyword arguments"));
    }
    let idx: Vec<Value> = match args.pos.as_slice() {
        [Value::Tuple(t)] => t.to_vec(),
        p => p.to_vec(),
    };
    let shape = a.shape();
    let mut at = Vec::with_capacity(shape.len());
    if idx.len() == 1 {
        let n = a.numel() as i64;
        let i = int_arg(&idx[0])?;
        if i < -n || i >= n {
            return Err(exc("IndexError", format!("index {i} is out of bounds for size {n}")));
        }
        let mut flat = if i < 0 { i + n } else { i } as usize;
        for &d in shape.iter().rev() {
            at.push(flat % d.max(1));
            flat /= d.max(1);
        }
        at.reverse();
    } else {
        if idx.len() != shape.len() {
            return Err(exc("ValueError", "incorrect number of indices for array"));
        }
        for (axis, (v, &d)) in idx.iter().zip(shape).enumerate() {
            let i = int_arg(v)?;
            let n = d as i64;
            if i < -n || i >= n {
                return Err(exc(
                    "IndexError",
                    format!("index {i} is out of bounds for axis {axis} with size {n}"),
                ));
            }
            at.push(if i < 0 { i + n } else { i } as usize);
        }
    }
    let offset = at
        .iter()
        .zip(&a.layout.strides)
        .map(|(&i, &s)| i as isize * s)
        .sum::<isize>()
        + a.layout.offset as isize;
    let one = a.view(Layout {
        shape: vec![],
        strides: vec![],
        offset: offset as usize,
    });
    Ok(super::item(&one))
}

/// The elements of `a` in row-major order, little-endian.
pub fn le_bytes(a: &NdArray) -> Res<Vec<u8>> {
    crate::with_dtype!(a.dtype, T => {
        let v = crate::realise::values::<T>(a).map_err(super::internal)?;
        let mut out = Vec::with_capacity(v.len() * <T as npy::Le>::SIZE);
        for &x in v.iter() {
            npy::Le::put(x, &mut out);
        }
        Ok(out)
    })
}

/// `a.view(dtype)`: the same bytes read as `to` (the last axis rescaled when the sizes
/// differ), as a read-only copy.
fn view_as(lib: Lib, a: &NdArray, to: DType) -> Res<Value> {
    if to == a.dtype {
        return Ok(wrap(lib, a.clone()));
    }
    let (from, into) = (a.dtype.itemsize(), to.itemsize());
    let mut shape = a.shape().to_vec();
    // PyTorch's messages name the scalar types as `Float`, `Short`.
    let (x, y) = (a.dtype.torch_scalar_name(), to.torch_scalar_name());
    if from != into {
        let Some(last) = shape.last_mut() else {
            return Err(match lib {
                Lib::Numpy => exc(
                    "ValueError",
                    "Changing the dtype of a 0d array is only supported if the itemsize is unchanged",
                ),
                Lib::Torch => exc(
                    "RuntimeError",
                    format!("self.dim() cannot be 0 to view {x} as {y} (different element sizes)"),
                ),
            });
        };
        let step = a.layout.strides.last().copied().unwrap_or(1);
        if *last > 1 && step != 1 {
            return Err(match lib {
                Lib::Numpy => exc(
                    "ValueError",
                    "To change to a dtype of a different size, the last axis must be contiguous",
                ),
                Lib::Torch => exc(
                    "RuntimeError",
                    format!("self.stride(-1) must be 1 to view {x} as {y} (different element sizes), but got {step}"),
                ),
            });
        }
        let bytes = *last * from;
        if bytes % into != 0 {
            return Err(match lib {
                Lib::Numpy => exc(
                    "ValueError",
                    "When changing to a larger dtype, its size must be a divisor of the total size in bytes of the last axis of the array.",
                ),
                Lib::Torch => exc(
                    "RuntimeError",
                    format!(
                        "self.size(-1) must be divisible by {} to view {x} as {y} (different element sizes), but got {}",
                        into / from,
                        *last
                    ),
                ),
            });
        }
        *last = bytes / into;
    }
    let data = le_bytes(a)?;
    let out = npy::from_bytes(to, &data, &shape, false).map_err(super::internal)?;
    crate::array::storage::set_readonly(&out.storage, crate::array::storage::DTYPE_VIEW_COPY);
    Ok(wrap(lib, out))
}

/// `np.frombuffer(buffer, dtype=float, count=-1, offset=0)`.
pub fn numpy_fn(_: &mut crate::interp::Interp, _: Lib, name: &'static str, mut args: Args) -> Res<Value> {
    if name != "frombuffer" {
        return Err(super::internal(format!("unknown memory function {name}")));
    }
    let mut take = |key: &str, i: usize| kwarg(&mut args, key).or_else(|| args.pos.get(i).cloned());
    let buf = take("buffer", 0).ok_or_else(|| type_error("frombuffer() missing required argument 'buffer' (pos 1)"))?;
    let dtype = take("dtype", 1).unwrap_or(Value::Type(crate::value::PyType::Float));
    let count = take("count", 2).map(|v| int_arg(&v)).transpose()?.unwrap_or(-1);
    let offset = take("offset", 3).map(|v| int_arg(&v)).transpose()?.unwrap_or(0);
    let bytes: Vec<u8> = match &buf {
        Value::Bytes(b) => b.to_vec(),
        other => match as_nd(other) {
            Some((_, a)) => le_bytes(a)?,
            None => {
                return Err(type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    other.type_name()
                )));
            }
        },
    };
    let d = super::funcs::dtype_arg(&dtype)?.unwrap_or(DType::F64);
    let size = d.itemsize();
    if offset < 0 || offset as usize > bytes.len() {
        return Err(exc(
            "ValueError",
            format!(
                "offset must be non-negative and no greater than buffer length ({})",
                bytes.len()
            ),
        ));
    }
    let rest = &bytes[offset as usize..];
    let n = if count < 0 {
        if rest.len() % size != 0 {
            return Err(exc("ValueError", "buffer size must be a multiple of element size"));
        }
        rest.len() / size
    } else {
        if (count as usize).saturating_mul(size) > rest.len() {
            return Err(exc("ValueError", "buffer is smaller than requested size"));
        }
        count as usize
    };
    let out = npy::from_bytes(d, rest, &[n], false).map_err(super::internal)?;
    // A bytes object is immutable: NumPy's array over it is read-only. Over an array, nt
    // reads a copy of its bytes (NumPy shares them): read-only too, so no write is lost.
    if matches!(buf, Value::Bytes(_)) {
        crate::array::storage::set_readonly(&out.storage, "");
    } else {
        crate::array::storage::set_readonly(&out.storage, crate::array::storage::DTYPE_VIEW_COPY);
    }
    Ok(wrap(Lib::Numpy, out))
}
