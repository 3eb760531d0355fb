//! Printing of arrays, tensors and NumPy scalars, byte-for-byte like NumPy 2.4
//! (`numpy/_core/arrayprint.py`, `scalartypes.c.src`, `dragon4.c`) and PyTorch 2.x
//! (`torch/_tensor_str.py`).
//!
//! Everything here is a pure function of already-extracted element data (C order),
//! a shape and the caller's print options, so the array core owns storage and
//! dtypes while this module owns the text. Expected outputs in
//! `tests/reference/arrayfmt/cases.txt` come from running the real libraries.
//!
//! Caller responsibilities and known limits:
//! * `Elems::Object` holds each element's repr; `numpy_str` of a 0-d object array
//!   prints that string verbatim, while NumPy prints `str(obj)` there (e.g. `a`, not
//!   `'a'`), so pass `str(obj)` in that one case.
//! * NumPy has no bfloat16: `FloatKind::BF16` in the NumPy functions is treated as
//!   float32. Complex dtypes are not supported.
//! * Torch suffixes (`dtype=`, `size=`, `device=`, `requires_grad=`, `grad_fn=`) are
//!   chosen by the caller; note PyTorch adds `size=(...)` to non-empty tensors when
//!   `edgeitems == 0`.
//! * Python's `repr(str)` escapes non-printable code points; printability is decided
//!   from a built-in list of common non-printable ranges, not the full Unicode
//!   database (unassigned code points are printed raw).

mod bigint;
mod floatfmt;
mod numpy;
mod torch;
pub mod unicode;
mod unicode_tables;

#[cfg(test)]
mod tests;

pub use numpy::{numpy_repr, numpy_scalar_repr, numpy_scalar_str, numpy_str, py_str_repr};
pub use torch::torch_repr;

/// Elements in C (row-major) order, widened for formatting. Float values are exactly
/// representable in their `FloatKind` (e.g. an f32 value stored as f64).
#[derive(Clone, Debug, PartialEq)]
pub enum Elems {
    Bool(Vec<bool>),
    Int(Vec<i64>),
    UInt(Vec<u64>),
    Float(Vec<f64>, FloatKind),
    /// Complex numbers as (real, imaginary); `FloatKind` is the type of each part.
    Complex(Vec<(f64, f64)>, FloatKind),
    /// NumPy object arrays: each element's Python repr, already computed by the caller
    /// (the caller renders Python lists as `list([1, 2])`).
    Object(Vec<String>),
    /// NumPy str arrays (`<U…`): the raw strings (the formatter quotes them like Python repr).
    Str(Vec<String>),
}

impl Elems {
    pub fn len(&self) -> usize {
        match self {
            Elems::Bool(v) => v.len(),
            Elems::Int(v) => v.len(),
            Elems::UInt(v) => v.len(),
            Elems::Float(v, _) => v.len(),
            Elems::Complex(v, _) => v.len(),
            Elems::Object(v) | Elems::Str(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatKind {
    F16,
    BF16,
    F32,
    F64,
}

/// NumPy print options (`np.set_printoptions`), owned by the caller's session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumpyOptions {
    pub precision: usize,
    pub threshold: usize,
    pub edgeitems: usize,
    pub linewidth: usize,
    pub suppress: bool,
}

impl Default for NumpyOptions {
    fn default() -> Self {
        NumpyOptions {
            precision: 8,
            threshold: 1000,
            edgeitems: 3,
            linewidth: 75,
            suppress: false,
        }
    }
}

/// PyTorch print options (`torch.set_printoptions`); `threshold = usize::MAX` is the
/// "full" profile (`inf`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TorchOptions {
    pub precision: usize,
    pub threshold: usize,
    pub edgeitems: usize,
    pub linewidth: usize,
    pub sci_mode: Option<bool>,
}

impl Default for TorchOptions {
    fn default() -> Self {
        TorchOptions {
            precision: 4,
            threshold: 1000,
            edgeitems: 3,
            linewidth: 80,
            sci_mode: None,
        }
    }
}

/// Python's `len()` of a str: code points, not bytes (str/object elements may be
/// non-ASCII and all width rules count characters).
fn plen(s: &str) -> usize {
    s.chars().count()
}

/// Python's `str(tuple(shape))`: `()`, `(3,)`, `(2, 3)`.
fn py_tuple(shape: &[usize]) -> String {
    match shape {
        [] => "()".to_string(),
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(|n| n.to_string()).collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// Indices kept along one axis when summarising, in order. Mirrors Python's
/// `a[:k]` + `a[-k:]`, including the `a[-0:]` quirk (the whole axis) for k == 0.
fn kept_indices(len: usize, edge: usize, summarize: bool) -> Vec<usize> {
    if summarize && len > 2 * edge {
        let tail_start = if edge == 0 { 0 } else { len - edge };
        (0..edge).chain(tail_start..len).collect()
    } else {
        (0..len).collect()
    }
}

/// Flat C-order offsets of the "corner" sub-array (`_leading_trailing` in NumPy,
/// `get_summarized_data` in PyTorch), used to build the element formatter.
fn corner_offsets(shape: &[usize], edge: usize, summarize: bool) -> Vec<usize> {
    let mut offsets = vec![0usize];
    let mut stride = 1usize;
    // Build from the last axis outwards: offset = sum(idx_k * stride_k).
    let mut per_axis: Vec<(Vec<usize>, usize)> = Vec::with_capacity(shape.len());
    for &n in shape.iter().rev() {
        per_axis.push((kept_indices(n, edge, summarize), stride));
        stride = stride.saturating_mul(n);
    }
    per_axis.reverse();
    for (idx, st) in per_axis {
        let mut next = Vec::with_capacity(offsets.len() * idx.len());
        for &o in &offsets {
            for &i in &idx {
                next.push(o + i * st);
            }
        }
        offsets = next;
    }
    offsets
}

/// C-order strides (in elements) of `shape`.
fn c_strides(shape: &[usize]) -> Vec<usize> {
    let mut strides = vec![1usize; shape.len()];
    for k in (0..shape.len().saturating_sub(1)).rev() {
        strides[k] = strides[k + 1].saturating_mul(shape[k + 1]);
    }
    strides
}
