//! Array ops for the tensor core, with realisation's failures turned into exceptions:
//! running an IR op, casting, broadcasting two operands, constants.

use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::layout::broadcast_shapes;
use crate::array::storage::Buffer;
use crate::error::{Exc, Res, exc};
use crate::ir::{BinaryOp, Op};

/// An internal inconsistency in the array machinery, reported rather than panicking.
pub fn internal(msg: impl std::fmt::Display) -> Box<Exc> {
    let msg = msg.to_string();
    if let Some(m) = msg.strip_prefix(crate::array::storage::READONLY) {
        return exc("ValueError", format!("assignment destination is read-only{m}"));
    }
    if msg.contains("is not implemented for complex") || msg.contains("not implemented for complex numbers") {
        return exc("NotImplementedError", format!("nt: {msg}"));
    }
    exc(
        "SystemError",
        format!("internal error in nt's array code: {msg} (please report this)"),
    )
}

/// Runs an IR op, turning an internal inconsistency into an error instead of a panic.
/// What the gpu device reports (a dtype its adapter lacks, lost memory) is a
/// `RuntimeError`, as PyTorch reports device failures.
pub fn run(op: Op, inputs: &[&NdArray]) -> Res<NdArray> {
    crate::realise::run(op, inputs).map_err(|e| {
        if e == crate::interrupt::KEYBOARD_INTERRUPT {
            crate::interrupt::clear();
            exc("KeyboardInterrupt", "")
        } else if let Some(msg) = e.strip_prefix(crate::array::TOO_BIG) {
            exc("MemoryError", msg)
        } else if e.contains("GPU") {
            exc("RuntimeError", e)
        } else {
            internal(e)
        }
    })
}

pub fn cast(a: &NdArray, d: DType) -> Res<NdArray> {
    if a.dtype == d {
        Ok(a.clone())
    } else {
        run(Op::Cast(d), &[a])
    }
}

/// Broadcasts two operands whose shapes are known to fit (the op that recorded them
/// already broadcast them): a misfit is an internal error.
pub fn broadcast2(a: &NdArray, b: &NdArray) -> Res<(NdArray, NdArray)> {
    let shape = broadcast_shapes(a.shape(), b.shape())
        .map_err(|_| internal(format!("shapes {:?} and {:?} do not broadcast", a.shape(), b.shape())))?;
    let la = a.layout.broadcast_to(&shape).ok_or_else(|| internal("broadcast a"))?;
    let lb = b.layout.broadcast_to(&shape).ok_or_else(|| internal("broadcast b"))?;
    Ok((a.view(la), b.view(lb)))
}

/// `a op b`, broadcast.
pub fn binary(op: BinaryOp, a: &NdArray, b: &NdArray) -> Res<NdArray> {
    let (a, b) = broadcast2(a, b)?;
    run(Op::Binary(op), &[&a, &b])
}

/// A 0-d array holding `x` in `dtype`.
pub fn scalar(x: f64, dtype: DType) -> Res<NdArray> {
    cast(&NdArray::from_buffer(Buffer::F64(vec![x]), &[]), dtype)
}

/// The single element of an array, as a float.
pub fn item_f64(a: &NdArray) -> Res<f64> {
    crate::realise::to_f64s(a)
        .map_err(internal)?
        .first()
        .copied()
        .ok_or_else(|| internal("item of an empty array"))
}

/// Row-major positions `0..n` shaped as `a`: put through the same selection as the data,
/// they say where each selected element came from.
pub fn positions(a: &NdArray) -> NdArray {
    let n = a.numel();
    NdArray::from_buffer(Buffer::I64((0..n as i64).collect()), a.shape())
}
