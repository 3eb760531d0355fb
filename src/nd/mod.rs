//! The array and tensor front end: the rules NumPy and PyTorch apply (dtypes, promotion,
//! broadcasting, errors, printing) on top of `NdArray` and the IR. One module serves
//! both; `Lib` selects the library whose semantics apply.

pub mod binary_fns;
pub mod casts;
pub mod checkpoint;
pub mod complex;
pub mod compound;
pub mod create;
pub mod custom_fn;
pub mod decomp;
pub mod device;
pub mod files;
pub mod funcs;
pub mod generator;
pub mod grad_mode;
pub mod index;
pub mod inplace;
pub mod linalg;
pub mod matmul;
pub mod memory;
pub mod method_names;
pub mod methods;
pub mod module;
pub mod numpy_ties;
pub mod objects;
pub mod ops;
pub mod out;
pub mod overlap;
pub mod print;
pub mod quantile;
pub mod random;
pub mod ranges;
pub mod read;
pub mod record;
pub mod reduce;
pub mod registry;
pub mod rnn;
pub mod safetensors_file;
pub mod select;
pub mod shape;
pub mod sorting;
pub mod stdlib;
pub mod torch_gen;
pub mod torch_kernels;
pub mod torch_select;
pub mod torch_ties;
pub mod type_fns;
pub mod ufunc;
pub mod unary;
pub mod windows;
pub mod write;

use crate::array::NdArray;
use crate::array::dtype::DType;

use crate::realise;
use crate::value::{Lib, Tensor, Value};
use std::rc::Rc;

pub use crate::tensor::ops::internal;

/// Wraps a result as the library's array type.
pub fn wrap(lib: Lib, a: NdArray) -> Value {
    match lib {
        Lib::Numpy => Value::Array(Rc::new(a)),
        Lib::Torch => Value::Tensor(Rc::new(Tensor::new(a))),
    }
}

/// NumPy ufuncs and reductions return NumPy scalars for 0-d results.
pub fn numpy_result(a: NdArray) -> Value {
    if a.ndim() == 0 {
        Value::NpScalar(Rc::new(a))
    } else {
        Value::Array(Rc::new(a))
    }
}

pub fn result(lib: Lib, a: NdArray) -> Value {
    match lib {
        Lib::Numpy => numpy_result(a),
        Lib::Torch => wrap(Lib::Torch, a),
    }
}

/// The data and library of an array-like value.
pub fn as_nd(v: &Value) -> Option<(Lib, &NdArray)> {
    match v {
        Value::Array(a) | Value::NpScalar(a) => Some((Lib::Numpy, a)),
        Value::Tensor(t) => Some((Lib::Torch, &t.data())),
        _ => None,
    }
}

/// `numpy.float64` — the type name NumPy scalars have in messages.
pub fn scalar_type_name(d: DType) -> &'static str {
    match d {
        DType::Bool => "numpy.bool",
        DType::I8 => "numpy.int8",
        DType::I16 => "numpy.int16",
        DType::I32 => "numpy.int32",
        DType::I64 => "numpy.int64",
        DType::U8 => "numpy.uint8",
        DType::U16 => "numpy.uint16",
        DType::U32 => "numpy.uint32",
        DType::U64 => "numpy.uint64",
        DType::F16 => "numpy.float16",
        DType::BF16 => "numpy.bfloat16",
        DType::F32 => "numpy.float32",
        DType::F64 => "numpy.float64",
        DType::C64 => "numpy.complex64",
        DType::C128 => "numpy.complex128",
    }
}

/// The single element of an array as a Python value (`.item()`): bool, int or float.
pub fn item(a: &NdArray) -> Value {
    if a.dtype == DType::Bool {
        return Value::Bool(
            realise::to_bools(a)
                .ok()
                .and_then(|v| v.first().copied())
                .unwrap_or(false),
        );
    }
    if a.dtype.is_complex() {
        let (re, im) = realise::to_complex(a)
            .ok()
            .and_then(|v| v.first().copied())
            .unwrap_or((f64::NAN, f64::NAN));
        return Value::Complex(re, im);
    }
    if a.dtype.is_float() {
        return Value::Float(
            realise::to_f64s(a)
                .ok()
                .and_then(|v| v.first().copied())
                .unwrap_or(f64::NAN),
        );
    }
    let n = realise::to_i128s(a).ok().and_then(|v| v.first().copied()).unwrap_or(0);
    // uint64 values above i64::MAX are Python ints past 64 bits (nt's big ints).
    crate::value::long::norm(num_bigint::BigInt::from(n))
}

pub fn scalar_to_python(a: &NdArray) -> Value {
    item(a)
}
