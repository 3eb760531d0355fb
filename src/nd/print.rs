//! Printing arrays, tensors, NumPy scalars, dtypes and `torch.Size`: this side extracts
//! the elements and decides the suffixes; `array::format` lays them out exactly as NumPy
//! and PyTorch do.

use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::format::{self, Elems, FloatKind, NumpyOptions, TorchOptions};
use crate::realise;
use crate::value::{DKind, Tensor};

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
    format::numpy_repr(&elems(a), a.shape(), a.dtype.numpy_name(), &NumpyOptions::default())
}

pub fn numpy_str(a: &NdArray) -> String {
    format::numpy_str(&elems(a), a.shape(), &NumpyOptions::default())
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
    let a = &t.data;
    let mut suffixes = Vec::new();
    if super::device::on_gpu(a) != super::device::default_gpu() {
        suffixes.push(if super::device::on_gpu(a) {
            "device='gpu:0'".to_string()
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
    format::torch_repr(&elems(a), a.shape(), &suffixes, &TorchOptions::default())
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
