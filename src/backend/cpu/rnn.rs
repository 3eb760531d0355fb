//! A unidirectional LSTM layer's recurrence in one call (`lstm_sequence`), for
//! `nn.LSTM` when nothing needs a gradient. Per step it computes exactly what the layer's
//! ops compute one by one (stdlib/torch/nn/_rnn.nt, after PyTorch's RNN.cpp): the same
//! matrix product kernel for `h @ w_hhᵀ`, `(hh + b_hh) + ih_t`, `sigmoid(x) =
//! 1 / (1 + exp(-x))` and `tanh` with the same element functions, `c' = f*c + i*g` and
//! `h' = o * tanh(c')`, each rounded to the element type; so the results are the same
//! bits, without ~12 interpreted ops and their allocations per step.

use super::arith::Arith;
use super::values;
use crate::array::NdArray;
use crate::array::storage::Typed;
use crate::ir::{Op, UnaryOp};
use std::ops::{Add, Div, Mul, Neg};

/// float32 and float64, whose `+ - * /` round exactly as nt's kernels round them.
pub trait Float: Arith + Add<Output = Self> + Mul<Output = Self> + Div<Output = Self> + Neg<Output = Self> {}
impl Float for f32 {}
impl Float for f64 {}

/// `op` applied in place with the element function nt's kernels use (`scratch` holds
/// the input).
fn unary<T: Float>(op: UnaryOp, x: &mut [T], scratch: &mut Vec<T>) {
    scratch.clear();
    scratch.extend_from_slice(x);
    // The recurrent layers are PyTorch's.
    T::unary_slice(op, crate::ir::MathLib::Torch, scratch, x);
}

/// `1 / (1 + exp(-x))` in place, as nt's `sigmoid` composes it.
fn sigmoid<T: Float>(x: &mut [T], scratch: &mut Vec<T>) {
    x.iter_mut().for_each(|v| *v = -*v);
    unary(UnaryOp::Exp, x, scratch);
    x.iter_mut().for_each(|v| *v = T::one() / (T::one() + *v));
}

/// `ih` `[L, N, 4H]` (the input's gates, `linear_ih` over the sequence), `h0`, `c0`
/// `[N, H]`, `w_hh` `[4H, H]`, `b_hh` `[4H]`: the outputs `[L, N, H]`, the last `h` and `c`.
fn lstm_sequence<T: Float>(
    ih: &NdArray,
    h0: &NdArray,
    c0: &NdArray,
    w_hh: &NdArray,
    b_hh: Option<&NdArray>,
) -> Result<(Vec<T>, Vec<T>, Vec<T>), String> {
    let (steps, n, four_h) = match ih.shape() {
        &[l, n, g] => (l, n, g),
        _ => return Err("lstm_sequence: gates must be [L, N, 4H]".into()),
    };
    let hid = four_h / 4;
    if four_h % 4 != 0 || h0.shape() != [n, hid] || c0.shape() != [n, hid] || w_hh.shape() != [four_h, hid] {
        return Err("lstm_sequence: inconsistent shapes".into());
    }
    let ih = values::<T>(ih)?;
    let bias = b_hh.map(values::<T>).transpose()?;
    let mut c = values::<T>(c0)?.into_owned();
    let mut h = values::<T>(h0)?.into_owned();
    let w_t = w_hh.view(w_hh.layout.transpose(0, 1));
    let mut out = Vec::with_capacity(steps * n * hid);
    let mut tanh_c = vec![T::zero(); hid];
    let mut scratch = Vec::with_capacity(4 * hid);
    for t in 0..steps {
        if crate::interrupt::pending() {
            return Err(crate::interrupt::KEYBOARD_INTERRUPT.into());
        }
        let h_nd = NdArray::from_buffer(T::wrap(std::mem::take(&mut h)), &[n, hid]);
        let (shape, dtype) = Op::MatMul.infer(&[&h_nd, &w_t])?;
        let hh = super::execute(&Op::MatMul, &[&h_nd, &w_t], &shape, dtype)?;
        let mut gates = values::<T>(&hh)?.into_owned();
        let ih_t = &ih[t * n * four_h..(t + 1) * n * four_h];
        for (row, ih_row) in gates.chunks_mut(four_h).zip(ih_t.chunks(four_h)) {
            match &bias {
                Some(b) => row
                    .iter_mut()
                    .zip(b.iter())
                    .zip(ih_row)
                    .for_each(|((g, &b), &x)| *g = (*g + b) + x),
                None => row.iter_mut().zip(ih_row).for_each(|(g, &x)| *g = *g + x),
            }
        }
        h = vec![T::zero(); n * hid];
        for r in 0..n {
            let row = &mut gates[r * four_h..(r + 1) * four_h];
            let (ifg, o) = row.split_at_mut(3 * hid);
            let (i_f, g) = ifg.split_at_mut(2 * hid);
            sigmoid(i_f, &mut scratch);
            unary(UnaryOp::Tanh, g, &mut scratch);
            sigmoid(o, &mut scratch);
            let (i, f) = i_f.split_at(hid);
            let c_row = &mut c[r * hid..(r + 1) * hid];
            for k in 0..hid {
                c_row[k] = f[k] * c_row[k] + i[k] * g[k];
            }
            tanh_c.copy_from_slice(c_row);
            unary(UnaryOp::Tanh, &mut tanh_c, &mut scratch);
            for k in 0..hid {
                h[r * hid + k] = o[k] * tanh_c[k];
            }
        }
        out.extend_from_slice(&h);
    }
    Ok((out, h, c))
}

/// `lstm_sequence` for float32 or float64 arrays: `(outputs, h, c)`.
pub fn lstm(
    ih: &NdArray,
    h0: &NdArray,
    c0: &NdArray,
    w_hh: &NdArray,
    b_hh: Option<&NdArray>,
) -> Result<(NdArray, NdArray, NdArray), String> {
    let (steps, n, hid) = (ih.shape()[0], h0.shape()[0], h0.shape()[1]);
    fn arrays<T: Typed>(
        r: (Vec<T>, Vec<T>, Vec<T>),
        steps: usize,
        n: usize,
        hid: usize,
    ) -> (NdArray, NdArray, NdArray) {
        (
            NdArray::from_buffer(T::wrap(r.0), &[steps, n, hid]),
            NdArray::from_buffer(T::wrap(r.1), &[n, hid]),
            NdArray::from_buffer(T::wrap(r.2), &[n, hid]),
        )
    }
    match ih.dtype {
        crate::array::dtype::DType::F32 => Ok(arrays(lstm_sequence::<f32>(ih, h0, c0, w_hh, b_hh)?, steps, n, hid)),
        crate::array::dtype::DType::F64 => Ok(arrays(lstm_sequence::<f64>(ih, h0, c0, w_hh, b_hh)?, steps, n, hid)),
        d => Err(format!("lstm_sequence: {d:?} is not float32 or float64")),
    }
}
