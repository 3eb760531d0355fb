//! Printing arrays, tensors, NumPy scalars, dtypes and `torch.Size`: this side extracts
//! the elements and decides the suffixes; `array::format` lays them out exactly as NumPy
//! and PyTorch do.

use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::format::{self, Elems, FloatKind, NumpyOptions, TorchOptions};
use crate::error::{Res, type_error};
use crate::realise;
use crate::value::{Args, DKind, Tensor, Value};
use std::cell::RefCell;

thread_local! {
    /// `np.set_printoptions` / `torch.set_printoptions`: the session's print options.
    static NUMPY_OPTIONS: RefCell<NumpyOptions> = RefCell::default();
    static TORCH_OPTIONS: RefCell<TorchOptions> = RefCell::default();
}

pub fn numpy_options() -> NumpyOptions {
    NUMPY_OPTIONS.with(|o| o.borrow().clone())
}

pub fn torch_options() -> TorchOptions {
    TORCH_OPTIONS.with(|o| o.borrow().clone())
}

/// A threshold as a count: NumPy and PyTorch compare the element count with it, so
/// `inf` (PyTorch's "full" profile, or NumPy's `np.inf`) never summarises.
fn threshold(v: &Value) -> Res<usize> {
    Ok(match v {
        Value::Float(x) if x.is_infinite() && *x > 0.0 => usize::MAX,
        Value::Float(x) => x.floor().max(0.0) as usize,
        v => usize::try_from(crate::interp::builtins::int_arg(v)?.max(0)).unwrap_or(usize::MAX),
    })
}

fn count(v: &Value) -> Res<usize> {
    let n = crate::interp::builtins::int_arg(v)?;
    usize::try_from(n).map_err(|_| type_error(format!("a print option must not be negative, got {n}")))
}

fn threshold_value(n: usize, lib: &str) -> Value {
    match (n, lib) {
        (usize::MAX, "torch") => Value::Float(f64::INFINITY),
        (n, _) => Value::Int(n as i64),
    }
}

/// `_nt.print_options(lib, updates)`: sets the options named in the dict `updates`
/// (`precision`, `threshold`, `edgeitems`, `linewidth`, and NumPy's `suppress` or
/// PyTorch's `sci_mode`) and returns them all, as they were before, as a list of pairs.
/// The stdlib checks the arguments with the libraries' messages first.
pub fn print_options(_: &mut crate::interp::Interp, args: Args) -> Res<Value> {
    let [Value::Str(lib), updates] = &args.pos[..] else {
        return Err(type_error("print_options(lib, updates)"));
    };
    let pairs: Vec<(Value, Value)> = match updates {
        Value::Dict(d) => d.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => Vec::new(),
    };
    let pair = |k: &str, v: Value| Value::tuple(vec![Value::str(k), v]);
    if &**lib == "numpy" {
        let before = numpy_options();
        let mut o = before.clone();
        for (k, v) in &pairs {
            let Value::Str(k) = k else { continue };
            match &**k {
                "precision" => o.precision = count(v)?,
                "threshold" => o.threshold = threshold(v)?,
                "edgeitems" => o.edgeitems = count(v)?,
                "linewidth" => o.linewidth = count(v)?,
                "suppress" => o.suppress = v.truthy(),
                _ => {}
            }
        }
        NUMPY_OPTIONS.with(|c| *c.borrow_mut() = o);
        return Ok(Value::list(vec![
            pair("edgeitems", Value::Int(before.edgeitems as i64)),
            pair("threshold", threshold_value(before.threshold, "numpy")),
            pair("precision", Value::Int(before.precision as i64)),
            pair("suppress", Value::Bool(before.suppress)),
            pair("linewidth", Value::Int(before.linewidth as i64)),
        ]));
    }
    let before = torch_options();
    let mut o = before.clone();
    for (k, v) in &pairs {
        let Value::Str(k) = k else { continue };
        match &**k {
            "precision" => o.precision = count(v)?,
            "threshold" => o.threshold = threshold(v)?,
            "edgeitems" => o.edgeitems = count(v)?,
            "linewidth" => o.linewidth = count(v)?,
            "sci_mode" => {
                o.sci_mode = if matches!(v, Value::None) {
                    None
                } else {
                    Some(v.truthy())
                }
            }
            _ => {}
        }
    }
    TORCH_OPTIONS.with(|c| *c.borrow_mut() = o);
    Ok(Value::list(vec![
        pair("precision", Value::Int(before.precision as i64)),
        pair("threshold", threshold_value(before.threshold, "torch")),
        pair("edgeitems", Value::Int(before.edgeitems as i64)),
        pair("linewidth", Value::Int(before.linewidth as i64)),
        pair("sci_mode", before.sci_mode.map_or(Value::None, Value::Bool)),
    ]))
}

pub fn elems(a: &NdArray) -> Elems {
    match a.dtype {
        DType::C64 => return Elems::Complex(realise::to_complex(a).unwrap_or_default(), FloatKind::F32),
        DType::C128 => return Elems::Complex(realise::to_complex(a).unwrap_or_default(), FloatKind::F64),
        _ => {}
    }
    let kind = match a.dtype {
        DType::F16 => Some(FloatKind::F16),
        DType::BF16 => Some(FloatKind::BF16),
        DType::F32 => Some(FloatKind::F32),
        DType::F64 => Some(FloatKind::F64),
        _ => None,
    };
    if let Some(k) = kind {
        return Elems::Float(realise::to_f64s(a).unwrap_or_default(), k);
    }
    if a.dtype == DType::Bool {
        return Elems::Bool(realise::to_bools(a).unwrap_or_default());
    }
    let ints = realise::to_i128s(a).unwrap_or_default();
    if a.dtype.is_signed() {
        Elems::Int(ints.iter().map(|&n| n as i64).collect())
    } else {
        Elems::UInt(ints.iter().map(|&n| n as u64).collect())
    }
}

pub fn numpy_repr(a: &NdArray) -> String {
    format::numpy_repr(&elems(a), a.shape(), a.dtype.numpy_name(), &numpy_options())
}

pub fn numpy_str(a: &NdArray) -> String {
    format::numpy_str(&elems(a), a.shape(), &numpy_options())
}

pub fn scalar_repr(a: &NdArray) -> String {
    format::numpy_scalar_repr(&elems(a), a.dtype.numpy_name())
}

pub fn scalar_str(a: &NdArray) -> String {
    format::numpy_scalar_str(&elems(a))
}

/// PyTorch's suffixes (semantics.md §2.4): dtype unless it is the default float, int64 or
/// bool; for empty tensors `size=` unless 1-D and dtype unless float32.
pub fn torch_repr(t: &Tensor) -> String {
    match t.param.get() {
        true => format!("Parameter containing:\n{}", tensor_repr(t)),
        false => tensor_repr(t),
    }
}

fn tensor_repr(t: &Tensor) -> String {
    let a = t.data();
    let mut suffixes = Vec::new();
    if super::device::on_gpu(a) != super::device::default_gpu() {
        suffixes.push(if super::device::on_gpu(a) {
            format!("device='{}:0'", super::device::gpu_name())
        } else {
            "device='cpu'".to_string()
        });
    }
    if a.numel() == 0 {
        if a.ndim() != 1 {
            let dims: Vec<String> = a.shape().iter().map(|n| n.to_string()).collect();
            let size = if dims.len() == 1 {
                format!("({},)", dims[0])
            } else {
                format!("({})", dims.join(", "))
            };
            suffixes.push(format!("size={size}"));
        }
        if a.dtype != DType::F32 {
            suffixes.push(format!("dtype={}", a.dtype.torch_name()));
        }
    } else if !matches!(a.dtype, DType::F32 | DType::I64 | DType::Bool | DType::C64) {
        suffixes.push(format!("dtype={}", a.dtype.torch_name()));
    }
    // grad_fn wins over requires_grad=True (semantics.md §2.4).
    match &t.grad_fn() {
        Some(n) => suffixes.push(format!("grad_fn=<{}>", n.name)),
        None if t.requires_grad.get() => suffixes.push("requires_grad=True".into()),
        None => {}
    }
    format::torch_repr(&elems(a), a.shape(), &suffixes, &torch_options())
}

pub fn dtype_repr(d: DType, kind: DKind) -> String {
    match kind {
        DKind::NpType => format!("<class 'numpy.{}'>", d.numpy_name()),
        DKind::NpDType => format!("dtype('{}')", d.numpy_name()),
        DKind::Torch => d.torch_name().to_owned(),
    }
}

pub fn size_repr(s: &[usize]) -> String {
    let dims: Vec<String> = s.iter().map(|n| n.to_string()).collect();
    format!("torch.Size([{}])", dims.join(", "))
}
