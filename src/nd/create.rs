//! Arrays and tensors from Python data (`array(...)`, `tensor(...)`), with each
//! library's shape discovery, dtype inference and jagged-input errors.

use super::as_nd;
use crate::array::NdArray;
use crate::array::dtype::{DType, numpy_promote, torch_promote};
use crate::array::storage::Buffer;
use crate::error::{Res, exc, type_error};
use crate::realise;
use crate::value::{Lib, Value};

/// A leaf value found while walking nested data.
#[derive(Clone, Copy)]
enum Leaf {
    Bool(bool),
    Int(i128),
    Float(f64),
    Complex(f64, f64),
}

struct Walk {
    lib: Lib,
    /// The type of the sequence being visited (`list`), for PyTorch's nesting error.
    seq_type: &'static str,
    shape: Vec<usize>,
    leaves: Vec<Leaf>,
    /// Per leaf: whether it is a Python scalar (or `np.float64`, a float subclass),
    /// which the libraries convert with range checks; array elements are cast.
    python: Vec<bool>,
    /// The dtype the data implies (strong types from arrays and NumPy scalars count).
    dtype: Option<DType>,
    /// The depth at which scalars were found; every scalar must sit at the same depth.
    leaf_depth: Option<usize>,
}

fn shape_str(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")
        ),
    }
}

impl Walk {
    fn note(&mut self, d: DType) {
        self.dtype = Some(match (self.dtype, self.lib) {
            (None, _) => d,
            (Some(cur), Lib::Numpy) => numpy_promote(cur, d),
            (Some(cur), Lib::Torch) => torch_promote(cur, d),
        });
    }

    /// Visits `v` found at nesting depth `depth`.
    fn visit(&mut self, v: &Value, depth: usize) -> Res<()> {
        let items: Option<Vec<Value>> = match v {
            Value::List(l) => Some(l.borrow().clone()),
            Value::Tuple(t) => Some(t.to_vec()),
            // A range is a sequence of ints to both libraries.
            Value::Range(r) => Some((0..r.len()).map(|i| Value::Int(r.start + i * r.step)).collect()),
            _ => None,
        };
        if let Some(items) = items {
            self.seq_type = v.type_name();
            self.sequence(&items, depth)?;
            return Ok(());
        }
        if let Some((_, a)) = as_nd(v) {
            if a.ndim() > 0 {
                // An array inside a list contributes its dimensions.
                let inner: Vec<Value> = (0..a.shape()[0])
                    .map(|i| super::wrap(Lib::Numpy, a.view(a.layout.select(0, i))))
                    .map(|x| match x {
                        Value::Array(r) if r.ndim() == 0 => Value::NpScalar(r),
                        other => other,
                    })
                    .collect();
                return self.sequence(&inner, depth);
            }
            return self.leaf_nd(a, depth);
        }
        self.leaf(v, depth)
    }

    fn sequence(&mut self, items: &[Value], depth: usize) -> Res<()> {
        if depth < self.shape.len() {
            if self.shape[depth] != items.len() {
                return Err(self.jagged(depth, self.shape[depth], items.len()));
            }
        } else if self.leaf_depth == Some(depth) {
            return Err(self.mixed(depth, true));
        } else {
            // NumPy's and PyTorch's limits on nesting.
            match self.lib {
                Lib::Numpy if depth >= MAX_NDIM => {
                    return Err(exc(
                        "ValueError",
                        format!(
                            "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of {MAX_NDIM}."
                        ),
                    ));
                }
                Lib::Torch if depth >= TORCH_MAX_NESTING => {
                    return Err(exc("ValueError", format!("too many dimensions '{}'", self.seq_type)));
                }
                _ => {}
            }
            self.shape.push(items.len());
        }
        for it in items {
            self.visit(it, depth + 1)?;
        }
        Ok(())
    }

    fn jagged(&self, depth: usize, expected: usize, got: usize) -> Box<crate::error::Exc> {
        match self.lib {
            Lib::Torch => exc(
                "ValueError",
                format!("expected sequence of length {expected} at dim {depth} (got {got})"),
            ),
            Lib::Numpy => exc(
                "ValueError",
                format!(
                    "setting an array element with a sequence. The requested array has an inhomogeneous shape after {depth} dimensions. The detected shape was {} + inhomogeneous part.",
                    shape_str(&self.shape[..depth])
                ),
            ),
        }
    }

    /// A scalar where a sequence was (`[[1, 2], 3]`) or the other way round.
    fn mixed(&self, depth: usize, seq_where_scalar: bool) -> Box<crate::error::Exc> {
        match self.lib {
            Lib::Torch if seq_where_scalar => type_error("'list' object cannot be interpreted as an integer"),
            Lib::Torch => type_error("not a sequence"),
            Lib::Numpy => exc(
                "ValueError",
                format!(
                    "setting an array element with a sequence. The requested array has an inhomogeneous shape after {depth} dimensions. The detected shape was {} + inhomogeneous part.",
                    shape_str(&self.shape[..depth.min(self.shape.len())])
                ),
            ),
        }
    }

    fn place_leaf(&mut self, depth: usize) -> Res<()> {
        match self.leaf_depth {
            Some(d) if d != depth => Err(self.mixed(depth, false)),
            Some(_) => Ok(()),
            None if depth < self.shape.len() => Err(self.mixed(depth, false)),
            None => {
                self.leaf_depth = Some(depth);
                Ok(())
            }
        }
    }

    fn leaf(&mut self, v: &Value, depth: usize) -> Res<()> {
        let (leaf, d) = match v {
            Value::Bool(b) => (Leaf::Bool(*b), DType::Bool),
            Value::Int(n) => (Leaf::Int(*n as i128), DType::I64),
            // NumPy reads an int between 2**63 and 2**64 as uint64; larger ones make an
            // object array; PyTorch unpacks every int as a 64-bit one.
            Value::Long(b) => match (self.lib, num_traits::ToPrimitive::to_u64(&**b)) {
                (Lib::Numpy, Some(n)) => (Leaf::Int(n as i128), DType::U64),
                (Lib::Numpy, None) => {
                    return Err(exc("NotImplementedError", "object arrays are not supported in nt yet"));
                }
                (Lib::Torch, _) => return Err(exc("ValueError", "Overflow when unpacking long long")),
            },
            Value::Float(x) => (
                Leaf::Float(*x),
                match self.lib {
                    Lib::Numpy => DType::F64,
                    Lib::Torch => DType::F32,
                },
            ),
            Value::Complex(re, im) => (
                Leaf::Complex(*re, *im),
                match self.lib {
                    Lib::Numpy => DType::C128,
                    Lib::Torch => DType::C64,
                },
            ),
            Value::Str(_) => {
                return Err(match self.lib {
                    Lib::Torch if depth == 0 || self.leaves.is_empty() && self.dtype.is_none() => {
                        exc("ValueError", "too many dimensions 'str'")
                    }
                    Lib::Torch => type_error("new(): invalid data type 'str'"),
                    Lib::Numpy => exc("NotImplementedError", "string arrays are not supported in nt yet"),
                });
            }
            Value::None => {
                return Err(match self.lib {
                    Lib::Torch => exc("RuntimeError", "Could not infer dtype of NoneType"),
                    Lib::Numpy => exc("NotImplementedError", "object arrays are not supported in nt yet"),
                });
            }
            other => {
                return Err(match self.lib {
                    Lib::Torch => exc(
                        "RuntimeError",
                        format!("Could not infer dtype of {}", other.type_name()),
                    ),
                    Lib::Numpy => exc("NotImplementedError", "object arrays are not supported in nt yet"),
                });
            }
        };
        self.place_leaf(depth)?;
        self.note(d);
        self.leaves.push(leaf);
        self.python.push(true);
        Ok(())
    }

    fn leaf_nd(&mut self, a: &NdArray, depth: usize) -> Res<()> {
        self.place_leaf(depth)?;
        self.note(a.dtype);
        let leaf = match super::item(a) {
            Value::Bool(b) => Leaf::Bool(b),
            Value::Int(n) => Leaf::Int(n as i128),
            Value::Float(x) => Leaf::Float(x),
            Value::Complex(re, im) => Leaf::Complex(re, im),
            _ => Leaf::Int(realise::to_i128s(a).ok().and_then(|v| v.first().copied()).unwrap_or(0)),
        };
        self.leaves.push(leaf);
        self.python.push(self.lib == Lib::Numpy && a.dtype == DType::F64);
        Ok(())
    }
}

/// NumPy's `NPY_MAXDIMS`: no array has more dimensions.
pub const MAX_NDIM: usize = 64;

/// The deepest nesting `torch.tensor` reads (`MAX_DIMS` of its sequence walk).
const TORCH_MAX_NESTING: usize = 128;

/// NumPy's error for a shape with more than `MAX_NDIM` dimensions (creation, reshape,
/// `.npy` headers); `None` when the shape is allowed.
pub fn too_many_dims(lib: Lib, ndim: usize) -> Option<Box<crate::error::Exc>> {
    (lib == Lib::Numpy && ndim > MAX_NDIM).then(|| {
        exc(
            "ValueError",
            format!("maximum supported dimension for an ndarray is currently {MAX_NDIM}, found {ndim}"),
        )
    })
}

/// Builds an array of `lib` from nested lists, tuples, scalars and arrays.
pub fn from_data(lib: Lib, v: &Value, dtype: Option<DType>) -> Res<NdArray> {
    let mut w = Walk {
        lib,
        seq_type: "list",
        shape: Vec::new(),
        leaves: Vec::new(),
        python: Vec::new(),
        dtype: None,
        leaf_depth: None,
    };
    w.visit(v, 0)?;
    if let Some(d) = dtype {
        for (leaf, _) in w.leaves.iter().zip(&w.python).filter(|(_, py)| **py) {
            check_leaf(lib, leaf, d, d.numpy_name())?;
        }
    }
    let default = match lib {
        // `array([])` is float64; `tensor([])` is float32.
        Lib::Numpy => DType::F64,
        Lib::Torch => DType::F32,
    };
    let dtype = dtype.or(w.dtype).unwrap_or(default);
    Ok(NdArray::from_buffer(leaves_to_buffer(&w.leaves, dtype), &w.shape))
}

/// A Python scalar converted to an explicit `dtype`: the libraries refuse what does not
/// fit (NumPy's `int(x)` then its bounds, PyTorch's `checked_convert`) instead of
/// wrapping it around.
fn check_leaf(lib: Lib, leaf: &Leaf, dtype: DType, torch_type: &str) -> Res<()> {
    if dtype == DType::Bool {
        return Ok(());
    }
    let (min, max) = match crate::array::dtype::int_range(dtype) {
        Some(r) => r,
        None => {
            // A float or complex target: only a complex value into a real one is refused.
            return match (leaf, dtype.is_complex()) {
                (Leaf::Complex(..), false) => Err(type_error(match lib {
                    Lib::Numpy => "float() argument must be a string or a real number, not 'complex'",
                    Lib::Torch => "must be real number, not complex",
                })),
                _ => Ok(()),
            };
        }
    };
    let torch_overflow = || {
        exc(
            "RuntimeError",
            format!("value cannot be converted to type {torch_type} without overflow"),
        )
    };
    match (lib, *leaf) {
        (Lib::Numpy, Leaf::Complex(..)) => Err(type_error(
            "int() argument must be a string, a bytes-like object or a real number, not 'complex'",
        )),
        (Lib::Torch, Leaf::Complex(..)) => Err(type_error("'complex' object cannot be interpreted as an integer")),
        (_, Leaf::Bool(_)) => Ok(()),
        (Lib::Numpy, Leaf::Float(x)) if x.is_nan() => Err(exc("ValueError", "cannot convert float NaN to integer")),
        (Lib::Numpy, Leaf::Float(x)) if x.is_infinite() => {
            Err(exc("OverflowError", "cannot convert float infinity to integer"))
        }
        (Lib::Torch, Leaf::Float(x)) => {
            // PyTorch's `overflows` for a float: outside [min, max] (NaN included).
            if x.is_nan() || x < min as f64 || x > max as f64 {
                return Err(torch_overflow());
            }
            Ok(())
        }
        (Lib::Torch, Leaf::Int(n)) => {
            // An unsigned type also takes the negatives of its range (`-1` is 255).
            let fits = if min == 0 {
                n <= max && n >= -max
            } else {
                (min..=max).contains(&n)
            };
            if !fits {
                return Err(torch_overflow());
            }
            Ok(())
        }
        (Lib::Numpy, Leaf::Int(_) | Leaf::Float(_)) => {
            let (n, shown) = match *leaf {
                Leaf::Int(n) => (n, n.to_string()),
                Leaf::Float(x) => {
                    let t = x.trunc();
                    (if t.abs() < 1e38 { t as i128 } else { i128::MAX }, format!("{t:.0}"))
                }
                _ => (0, String::new()),
            };
            let c_max = if dtype == DType::U64 {
                u64::MAX as i128
            } else {
                i64::MAX as i128
            };
            if n < i64::MIN as i128 || n > c_max {
                return Err(exc("OverflowError", "Python int too large to convert to C long"));
            }
            if !(min..=max).contains(&n) {
                return Err(exc(
                    "OverflowError",
                    format!("Python integer {shown} out of bounds for {}", dtype.numpy_name()),
                ));
            }
            Ok(())
        }
    }
}

/// `np.full(n, 300, dtype=np.uint8)`, `torch.full(…)`: a Python fill value converted
/// to an explicit dtype, with the same checks (PyTorch names the C type here).
pub fn check_fill(lib: Lib, v: &Value, dtype: DType) -> Res<()> {
    let leaf = match v {
        Value::Bool(b) => Leaf::Bool(*b),
        Value::Int(n) => Leaf::Int(*n as i128),
        Value::Float(x) => Leaf::Float(*x),
        Value::Complex(re, im) => Leaf::Complex(*re, *im),
        _ => return Ok(()),
    };
    check_leaf(lib, &leaf, dtype, super::index::c_type(dtype))
}

fn leaves_to_buffer(leaves: &[Leaf], dtype: DType) -> Buffer {
    use crate::array::elem::Elem;
    crate::with_dtype!(dtype, T => <T as crate::array::storage::Typed>::wrap(
        leaves
            .iter()
            .map(|l| match *l {
                Leaf::Bool(b) => T::from_i128(b as i128),
                Leaf::Int(n) => if T::DTYPE == DType::Bool { T::from_i128((n != 0) as i128) } else { T::from_i128(n) },
                Leaf::Float(x) => if T::DTYPE == DType::Bool { T::from_i128((x != 0.0) as i128) } else { T::from_f64(x) },
                Leaf::Complex(re, im) => if T::DTYPE == DType::Bool { T::from_i128((re != 0.0 || im != 0.0) as i128) } else { T::from_c(re, im) },
            })
            .collect()
    ))
}

/// A 0-d array holding a Python scalar, in `dtype` (NumPy weak scalars, PyTorch wrapped numbers).
pub fn scalar(v: &Value, dtype: DType) -> Res<NdArray> {
    let leaf = match v {
        Value::Bool(b) => Leaf::Bool(*b),
        Value::Int(n) => Leaf::Int(*n as i128),
        Value::Float(x) => Leaf::Float(*x),
        Value::Complex(re, im) => Leaf::Complex(*re, *im),
        other => return Err(type_error(format!("expected a number, got {}", other.type_name()))),
    };
    Ok(NdArray::from_buffer(leaves_to_buffer(&[leaf], dtype), &[]))
}

use super::module::arg;
use super::{funcs, wrap};
use crate::interp::Interp;
use crate::interp::builtins::kwarg;
use crate::value::Args;

/// `array`, `tensor`, `zeros`, `arange`, … : the creation functions of both libraries.
pub fn call(interp: &mut Interp, lib: Lib, name: &'static str, mut args: Args) -> Res<Value> {
    let _ = interp;
    match name {
        "array" | "asarray" | "tensor" | "as_tensor" => {
            if lib == Lib::Numpy {
                // Object and string data make NumPy's object and str arrays.
                let obj = args
                    .kw
                    .iter()
                    .find(|(k, _)| k.as_str() == "dtype")
                    .and_then(|(_, d)| super::objects::obj_kind(d));
                let data = arg(&args, 0, name)?;
                if let Value::ObjArray(_) = &data {
                    return Ok(data);
                }
                let kind = match obj {
                    Some(k) => Some(k),
                    None if !args.kw.iter().any(|(k, _)| k.as_str() == "dtype") => super::objects::classify(&data),
                    None => None,
                };
                if let Some(kind) = kind {
                    let kind = match (kind, super::objects::classify(&data)) {
                        (crate::value::ObjKind::Str(0), Some(crate::value::ObjKind::Str(w))) => {
                            crate::value::ObjKind::Str(w)
                        }
                        (k, _) => k,
                    };
                    return super::objects::from_data(&data, kind);
                }
            }
            let dtype = funcs::take_dtype(&mut args)?;
            let gpu = match (kwarg(&mut args, "device"), lib) {
                (Some(d), Lib::Torch) => super::device::parse(&d)?.unwrap_or_else(super::device::default_gpu),
                (None, Lib::Torch) => super::device::default_gpu(),
                _ => false,
            };
            let place = |a: crate::array::NdArray| super::device::move_array(&a, gpu);
            let requires_grad = kwarg(&mut args, "requires_grad").is_some_and(|v| v.truthy());
            let ndmin = match kwarg(&mut args, "ndmin") {
                Some(v) => crate::interp::builtins::int_arg(&v)?.max(0) as usize,
                None => 0,
            };
            let data = arg(&args, 0, name)?;
            // `np.asarray(x)` and `torch.as_tensor(x)` share memory when no conversion is needed.
            if matches!(name, "asarray" | "as_tensor") {
                if let Some((from, a)) = super::as_nd(&data) {
                    if dtype.is_none_or(|d| d == a.dtype) && super::device::on_gpu(a) == gpu {
                        // The very object when it is already one of the library's
                        // (`np.asarray(a) is a`, `torch.as_tensor(t) is t`).
                        if from == lib && matches!(data, Value::Array(_) | Value::Tensor(_)) {
                            return Ok(data.clone());
                        }
                        return Ok(wrap(lib, a.clone()));
                    }
                }
            }
            let t = match super::as_nd(&data) {
                Some((_, a)) => {
                    let c = super::ops::run(crate::ir::Op::Copy, &[a])?;
                    place(super::ops::cast(&c, dtype.unwrap_or(a.dtype))?)?
                }
                None => place(from_data(lib, &data, dtype)?)?,
            };
            // np.array(x, ndmin=k): ones prepended to the shape up to k dimensions.
            let t = if t.ndim() < ndmin {
                let mut shape = vec![1; ndmin - t.ndim()];
                shape.extend_from_slice(t.shape());
                let l = t.layout.reshape(&shape).ok_or_else(|| super::internal("ndmin"))?;
                t.view(l)
            } else {
                t
            };
            if requires_grad && !t.dtype.is_float() {
                return Err(exc(
                    "RuntimeError",
                    "Only Tensors of floating point and complex dtype can require gradients",
                ));
            }
            let v = wrap(lib, t);
            if let (true, Value::Tensor(t)) = (requires_grad, &v) {
                t.requires_grad.set(true);
            }
            Ok(v)
        }
        "from_numpy" => match arg(&args, 0, name)? {
            Value::Array(a) => Ok(wrap(Lib::Torch, (*a).clone())),
            other => Err(type_error(format!("expected np.ndarray (got {})", other.type_name()))),
        },
        "zeros" | "empty" => funcs::constant(lib, args, 0.0, name),
        "ones" => funcs::constant(lib, args, 1.0, name),
        "full" => funcs::full(lib, args),
        "eye" => funcs::eye(lib, args),
        "arange" => super::ranges::arange(lib, args),
        "linspace" => super::ranges::linspace(lib, args),
        "zeros_like" => funcs::like(lib, args, "zeros"),
        "empty_like" => funcs::like(lib, args, "empty"),
        "ones_like" => funcs::like(lib, args, "ones"),
        "full_like" => funcs::like(lib, args, "full"),
        _ => Err(super::internal(format!("unknown creation function {name}"))),
    }
}
