//! Building blocks for complex numbers and FFTs written in nt (`stdlib/numpy/fft/`,
//! `stdlib/torch/fft/`, `torch.complex`, `torch.view_as_real`):
//!
//! - `_nt.make_complex(re, im)`: the complex array with these parts (same shape, same
//!   float dtype), each part copied bit for bit (signed zeros, NaNs and infinities kept,
//!   which `re + 1j * im` would not).
//! - `_nt.complex_parts(z)`: a float array of `z`'s shape plus a last axis of 2 (real,
//!   imaginary), a read-only copy (PyTorch's `view_as_real` is a view).
//! - `_nt.fft_last`, `_nt.rfft_last`, `_nt.irfft_last`: discrete Fourier transforms of
//!   each row along the last axis, with pocketfft's algorithms (`backend/cpu/pocketfft/`,
//!   bit for bit NumPy's), multiplied by the norm factor `fct` as pocketfft applies it.
//!   PyTorch's CPU wheels use MKL, whose last bits differ.

use super::select::nd;
use super::{as_nd, wrap};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::elem::{Complex64, Complex128};
use crate::array::storage::{Buffer, set_readonly};
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::realise::fft;
use crate::value::{Args, Value};

fn on_host(a: &NdArray) -> Res<()> {
    if super::device::on_gpu(a) {
        return Err(exc(
            "NotImplementedError",
            "nt: complex numbers are not supported on the gpu device yet; move the tensor to the cpu",
        ));
    }
    Ok(())
}

pub fn make_complex(_: &mut Interp, args: Args) -> Res<Value> {
    let (lib, re) = nd(args.pos.first(), "the real part")?;
    let (_, im) = nd(args.pos.get(1), "the imaginary part")?;
    on_host(&re)?;
    on_host(&im)?;
    if re.shape() != im.shape() || re.dtype != im.dtype || !matches!(re.dtype, DType::F32 | DType::F64) {
        return Err(type_error("_nt.make_complex: parts of one shape and one float dtype"));
    }
    let buf = match re.dtype {
        DType::F32 => {
            let (r, i) = (values::<f32>(&re)?, values::<f32>(&im)?);
            Buffer::C64(r.iter().zip(&i).map(|(&a, &b)| Complex64::new(a, b)).collect())
        }
        _ => {
            let (r, i) = (values::<f64>(&re)?, values::<f64>(&im)?);
            Buffer::C128(r.iter().zip(&i).map(|(&a, &b)| Complex128::new(a, b)).collect())
        }
    };
    Ok(wrap(lib, NdArray::from_buffer(buf, re.shape())))
}

pub fn complex_parts(_: &mut Interp, args: Args) -> Res<Value> {
    let (lib, z) = nd(args.pos.first(), "the complex array")?;
    on_host(&z)?;
    let mut shape = z.shape().to_vec();
    shape.push(2);
    let buf = match z.dtype {
        DType::C64 => Buffer::F32(values::<Complex64>(&z)?.iter().flat_map(|c| [c.re, c.im]).collect()),
        DType::C128 => Buffer::F64(values::<Complex128>(&z)?.iter().flat_map(|c| [c.re, c.im]).collect()),
        _ => return Err(type_error("_nt.complex_parts: a complex array")),
    };
    let out = NdArray::from_buffer(buf, &shape);
    set_readonly(&out.storage, crate::array::storage::COMPLEX_PART_COPY);
    Ok(wrap(lib, out))
}

/// Complex numbers as `[re, im]` pairs, in place: the layout pocketfft's routines take.
fn pairs32(v: &[Complex64]) -> &[[f32; 2]] {
    // SAFETY: Complex64 is `#[repr(C)] { re: f32, im: f32 }`, laid out as `[f32; 2]`.
    unsafe { std::slice::from_raw_parts(v.as_ptr() as *const [f32; 2], v.len()) }
}
fn pairs32_mut(v: &mut [Complex64]) -> &mut [[f32; 2]] {
    // SAFETY: as in `pairs32`.
    unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut [f32; 2], v.len()) }
}
fn pairs64(v: &[Complex128]) -> &[[f64; 2]] {
    // SAFETY: Complex128 is `#[repr(C)] { re: f64, im: f64 }`, laid out as `[f64; 2]`.
    unsafe { std::slice::from_raw_parts(v.as_ptr() as *const [f64; 2], v.len()) }
}
fn pairs64_mut(v: &mut [Complex128]) -> &mut [[f64; 2]] {
    // SAFETY: as in `pairs64`.
    unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut [f64; 2], v.len()) }
}

fn values<T: crate::array::storage::Typed>(a: &NdArray) -> Res<Vec<T>> {
    crate::realise::values::<T>(a).map_err(super::internal)
}

/// `_nt.fft_last(z, inverse, fct, in_f32=False)`: each row along the last axis of a
/// complex (or float64) array transformed (pocketfft's c2c, NumPy's port), scaled by `fct`.
/// complex64 rows are computed as NumPy computes them (in float64 when `fct` is 1), or
/// wholly in float32 with `in_f32` (PyTorch).
pub fn fft_last(_: &mut Interp, args: Args) -> Res<Value> {
    let (lib, z) = nd(args.pos.first(), "the complex array")?;
    on_host(&z)?;
    let inverse = args.pos.get(1).is_some_and(Value::truthy);
    let fct = args.pos.get(2).and_then(Value::as_f64).unwrap_or(1.0);
    let in_f32 = args.pos.get(3).is_some_and(Value::truthy);
    let n = row_len(&z)?;
    let buf = match z.dtype {
        DType::C64 => {
            let mut v = values::<Complex64>(&z)?;
            for row in pairs32_mut(&mut v).chunks_mut(n) {
                if in_f32 {
                    fft::c2c_f32_in_f32(row, !inverse, fct as f32);
                } else {
                    fft::c2c_f32(row, !inverse, fct as f32);
                }
            }
            Buffer::C64(v)
        }
        DType::C128 | DType::F64 => {
            // A float64 array is taken as complex128 with zero imaginary parts (NumPy's
            // double loop on real input), converted in the one copy the transform needs.
            let mut v = if z.dtype == DType::F64 {
                let x = crate::realise::read::<f64>(&z).map_err(super::internal)?;
                let mut v = crate::array::pool::alloc(x.len());
                v.extend(x.iter().map(|&r| Complex128::new(r, 0.0)));
                v
            } else {
                values::<Complex128>(&z)?
            };
            for row in pairs64_mut(&mut v).chunks_mut(n) {
                fft::c2c_f64(row, !inverse, fct);
            }
            Buffer::C128(v)
        }
        _ => return Err(type_error("_nt.fft_last: a complex array")),
    };
    Ok(wrap(lib, NdArray::from_buffer(buf, z.shape())))
}

fn row_len(a: &NdArray) -> Res<usize> {
    let n = a.shape().last().copied().unwrap_or(1);
    if n == 0 {
        return Err(exc(
            "ValueError",
            format!("Invalid number of FFT data points ({n}) specified."),
        ));
    }
    Ok(n)
}

/// `_nt.rfft_last(x, fct, in_f32=False)`: the real-input transform of each row of a
/// float array (pocketfft's r2c): `n // 2 + 1` complex values per row.
pub fn rfft_last(_: &mut Interp, args: Args) -> Res<Value> {
    let (lib, x) = nd(args.pos.first(), "the real array")?;
    on_host(&x)?;
    let fct = args.pos.get(1).and_then(Value::as_f64).unwrap_or(1.0);
    let in_f32 = args.pos.get(2).is_some_and(Value::truthy);
    let n = row_len(&x)?;
    let m = n / 2 + 1;
    let mut shape = x.shape().to_vec();
    *shape.last_mut().unwrap_or(&mut 0) = m;
    let rows = x.numel() / n;
    let buf = match x.dtype {
        DType::F32 => {
            let v = crate::realise::read::<f32>(&x).map_err(super::internal)?;
            let mut out = vec![Complex64::default(); rows * m];
            for (r, o) in v.chunks(n).zip(pairs32_mut(&mut out).chunks_mut(m)) {
                if in_f32 {
                    fft::r2c_f32_in_f32(r, o, fct as f32);
                } else {
                    fft::r2c_f32(r, o, fct as f32);
                }
            }
            Buffer::C64(out)
        }
        DType::F64 => {
            let v = crate::realise::read::<f64>(&x).map_err(super::internal)?;
            let mut out = vec![Complex128::default(); rows * m];
            for (r, o) in v.chunks(n).zip(pairs64_mut(&mut out).chunks_mut(m)) {
                fft::r2c_f64(r, o, fct);
            }
            Buffer::C128(out)
        }
        _ => return Err(type_error("_nt.rfft_last: a float32 or float64 array")),
    };
    Ok(wrap(lib, NdArray::from_buffer(buf, &shape)))
}

/// `_nt.irfft_last(z, n, fct, in_f32=False)`: `n` real values per row from the first
/// `n // 2 + 1` complex values of each row (zero-padded; the imaginary parts of the
/// zero and Nyquist frequencies ignored), pocketfft's c2r as NumPy calls it.
pub fn irfft_last(_: &mut Interp, args: Args) -> Res<Value> {
    let (lib, z) = nd(args.pos.first(), "the complex array")?;
    on_host(&z)?;
    let n = args.pos.get(1).and_then(Value::as_f64).unwrap_or(0.0) as usize;
    let fct = args.pos.get(2).and_then(Value::as_f64).unwrap_or(1.0);
    let in_f32 = args.pos.get(3).is_some_and(Value::truthy);
    if n == 0 {
        return Err(exc("ValueError", "Invalid number of FFT data points (0) specified."));
    }
    let m = row_len(&z)?;
    let rows = z.numel() / m;
    let mut shape = z.shape().to_vec();
    *shape.last_mut().unwrap_or(&mut 0) = n;
    let buf = match z.dtype {
        DType::C64 => {
            let v = crate::realise::read::<Complex64>(&z).map_err(super::internal)?;
            let mut out = vec![0f32; rows * n];
            for (r, o) in pairs32(&v).chunks(m).zip(out.chunks_mut(n)) {
                if in_f32 {
                    fft::c2r_f32_in_f32(r, n, o, fct as f32);
                } else {
                    fft::c2r_f32(r, n, o, fct as f32);
                }
            }
            Buffer::F32(out)
        }
        DType::C128 => {
            let v = crate::realise::read::<Complex128>(&z).map_err(super::internal)?;
            let mut out = vec![0f64; rows * n];
            for (r, o) in pairs64(&v).chunks(m).zip(out.chunks_mut(n)) {
                fft::c2r_f64(r, n, o, fct);
            }
            Buffer::F64(out)
        }
        _ => return Err(type_error("_nt.irfft_last: a complex array")),
    };
    Ok(wrap(lib, NdArray::from_buffer(buf, &shape)))
}

/// `_nt.torch_threads(n=None)`: sets (given `n`) and returns `torch.get_num_threads()`.
pub fn torch_threads(_: &mut Interp, args: Args) -> Res<Value> {
    if let Some(v) = args.pos.first().filter(|v| !matches!(v, Value::None)) {
        let n = v.as_f64().unwrap_or(0.0);
        if n < 1.0 {
            return Err(exc("RuntimeError", "Number of threads must be positive"));
        }
        crate::realise::set_torch_threads(n as usize);
    }
    Ok(Value::Int(crate::realise::torch_threads() as i64))
}

thread_local! {
    /// Functions of NumPy's and PyTorch's surface written in nt before complex numbers
    /// existed (keyed by their definition): they compute with real formulas (no
    /// conjugates), so they refuse complex arguments instead of giving a wrong answer.
    /// The definitions are kept alive here: keyed by address alone, a module dropped
    /// with its session would let a later definition reuse a marked address.
    static UNAWARE: std::cell::RefCell<rustc_hash::FxHashMap<usize, std::rc::Rc<crate::syntax::ast::FuncDef>>> = Default::default();
}

/// Notes that a complex number or array exists.
pub fn seen() {
    crate::array::storage::note_complex();
}

/// The stdlib modules whose functions handle complex numbers.
const AWARE_MODULES: &[&str] = &[
    "numpy._complex",
    "numpy.fft._ext",
    "torch._complex",
    "torch.fft._ext",
    "torch.serialization",
    "numpy._pickle",
];

/// Functions elsewhere that handle complex numbers correctly (no conjugation or
/// ordering involved).
const AWARE_FUNCTIONS: &[&str] = &[
    "moveaxis",
    // z / |z| by parts (torch._more); the first argument conjugated (torch._funcs, numpy._poly)
    "sgn",
    "vdot",
    // dtype questions (torch._funcs, torch._ext)
    "is_complex",
    "_is_complex_dtype",
    "isreal",
    // torch.save/torch.load (torch.serialization, also seen through torch._ext)
    "save",
    "load",
    "ascontiguousarray",
    "asarray",
    "asanyarray",
    "concatenate",
    "roll",
    "empty",
    "zeros",
    "ones",
    "full",
    "zeros_like",
    "ones_like",
    "empty_like",
    "full_like",
    "reshape",
    "transpose",
    "stack",
    "hstack",
    "vstack",
    "dstack",
    "column_stack",
    "expand_dims",
    "squeeze",
    "flip",
    "fliplr",
    "flipud",
    "atleast_1d",
    "atleast_2d",
    "atleast_3d",
    "broadcast_to",
    "broadcast_arrays",
    "tile",
    "repeat",
    "split",
    "array_split",
    "hsplit",
    "vsplit",
    "diag",
    "diagonal",
    "trace",
    "ravel",
    "copy",
    "isclose",
    "allclose",
    "array_equal",
    "isscalar",
    "ndim",
    "shape",
    "size",
    "nonzero",
    "where",
    "take",
    "put",
    "movedim",
    "cat",
    "chunk",
    "narrow",
    "unbind",
    "permute",
    "swapaxes",
    "swapdims",
    "rot90",
    "kron",
    "outer",
    "einsum",
    "tensordot",
    "inner",
    "count_nonzero",
    "append",
    "insert",
    "delete",
    "pad",
    "real",
    "imag",
    "conj",
    "conjugate",
    "iscomplexobj",
    "isrealobj",
    "iscomplex",
    "isreal",
    "is_complex",
    "clone",
    "contiguous",
    "cumsum",
    "diff",
    "prod",
    "sum",
    "mean",
    "trapezoid",
    "polyval",
    "vander",
    // isinstance(z, np.floating) asks this of a complex scalar's type
    "_is_np_scalar",
];

/// Marks the functions of a freshly loaded stdlib module of NumPy's or PyTorch's
/// surface that must refuse complex arguments.
pub fn note_module(name: &str, attrs: &rustc_hash::FxHashMap<crate::syntax::symbol::Sym, Value>) {
    if !(name.starts_with("numpy") || name.starts_with("torch")) || AWARE_MODULES.contains(&name) {
        return;
    }
    UNAWARE.with(|u| {
        let mut u = u.borrow_mut();
        // Definitions only this table still holds belonged to dropped sessions.
        u.retain(|_, d| std::rc::Rc::strong_count(d) > 1);
        for (k, v) in attrs {
            if let Value::Function(f) = v
                && !AWARE_FUNCTIONS.contains(&k.as_str())
            {
                u.insert(std::rc::Rc::as_ptr(&f.def) as usize, f.def.clone());
            }
        }
    });
}

fn is_complex_value(v: &Value) -> bool {
    match v {
        Value::Complex(..) => true,
        Value::List(l) => l.borrow().iter().any(is_complex_value),
        Value::Tuple(t) => t.iter().any(is_complex_value),
        _ => as_nd(v).is_some_and(|(_, a)| a.dtype.is_complex()),
    }
}

/// Refuses a call of a complex-unaware stdlib function with a complex argument.
pub fn check_call<'a>(f: &crate::value::Function, mut args: impl Iterator<Item = &'a Value>) -> Res<()> {
    if !crate::array::storage::complex_seen() {
        return Ok(());
    }
    let key = std::rc::Rc::as_ptr(&f.def) as usize;
    if !UNAWARE.with(|u| u.borrow().contains_key(&key)) {
        return Ok(());
    }
    if args.any(is_complex_value) {
        return Err(exc(
            "NotImplementedError",
            format!("nt: {}() does not support complex numbers yet", f.def.name),
        ));
    }
    Ok(())
}

/// Whether `a` is nt's stand-in for a conjugate view (`t.is_conj()`).
fn is_conj(a: &NdArray) -> bool {
    std::ptr::eq(
        crate::array::storage::readonly_reason(&a.storage),
        crate::array::storage::CONJ_VIEW_COPY,
    )
}

/// `torch.conj`, `conj_physical`, `resolve_conj`, `is_conj` (functions and methods).
/// PyTorch's `conj` of a complex tensor is a view with its conjugate bit set; nt's is a
/// read-only copy that answers `is_conj()`, so a write through it is an error rather
/// than a change the original would not see. Real tensors come back themselves.
pub fn conj_of(v: &Value, name: &str) -> Res<Value> {
    let Some((lib, a)) = as_nd(v) else {
        return Err(type_error(format!(
            "{name}(): argument 'input' (position 1) must be Tensor, not {}",
            v.type_name()
        )));
    };
    let conj = is_conj(a);
    let copy = || -> Res<NdArray> { super::ops::run(crate::ir::Op::Copy, &[a]) };
    match name {
        "is_conj" => Ok(Value::Bool(conj)),
        "resolve_conj" if conj => Ok(wrap(lib, copy()?)),
        "resolve_conj" => Ok(v.clone()),
        _ if !a.dtype.is_complex() => Ok(v.clone()),
        "conj_physical" => super::funcs::unary_math(lib, crate::ir::UnaryOp::Conj, v),
        _ => {
            let r = super::funcs::unary_math(lib, crate::ir::UnaryOp::Conj, v)?;
            if let Some((_, out)) = as_nd(&r) {
                let why = if conj {
                    crate::array::storage::CONJ_OF_CONJ_COPY
                } else {
                    crate::array::storage::CONJ_VIEW_COPY
                };
                set_readonly(&out.storage, why);
            }
            Ok(r)
        }
    }
}
