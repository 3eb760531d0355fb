//! A unidirectional LSTM layer's recurrence in one call (`lstm_sequence`), for
//! `nn.LSTM` when nothing needs a gradient. Per step it computes exactly what the layer's
//! ops compute one by one (stdlib/torch/nn/_rnn.nt, after PyTorch's RNN.cpp): the same
//! matrix product kernel for `h @ w_hhᵀ` (matmul.rs `gemm_into`), `(hh + b_hh) + ih_t`,
//! PyTorch's sigmoid kernel on each gate chunk's rows (`sigmoid_` on a `[N, H]` chunk of
//! the `[N, 4H]` gates: one inner loop per row, torch_act.rs) and `tanh` with the same
//! element function, `c' = f*c + i*g` and `h' = o * tanh(c')`, each rounded to the element
//! type; so the results are the same bits, without ~12 interpreted ops and their
//! allocations per step.

use super::arith::Arith;
use super::torch_act::Act;
use super::{read, values};
use crate::array::NdArray;
use crate::array::storage::Typed;
use crate::ir::UnaryOp;
use std::ops::{Add, Div, Mul, Neg};

/// float32 and float64, whose `+ - * /` round exactly as nt's kernels round them.
pub trait Float:
    Arith + Send + Sync + Add<Output = Self> + Mul<Output = Self> + Div<Output = Self> + Neg<Output = Self>
{
    /// PyTorch's sigmoid kernel over one contiguous inner loop.
    fn sigmoid_loop(x: &[Self], out: &mut [Self]);
}
impl Float for f32 {
    fn sigmoid_loop(x: &[f32], out: &mut [f32]) {
        super::torch_act::run_f32(Act::Sigmoid, x, out)
    }
}
impl Float for f64 {
    fn sigmoid_loop(x: &[f64], out: &mut [f64]) {
        super::torch_act::run_f64(Act::Sigmoid, x, out)
    }
}

/// `f` in place on `x` (`scratch` holds the input).
fn in_place<T: Copy>(x: &mut [T], scratch: &mut Vec<T>, f: impl Fn(&[T], &mut [T])) {
    scratch.clear();
    scratch.extend_from_slice(x);
    f(scratch, x);
}

/// Gate elements per step from which the batch's halves run on two threads.
const PARALLEL_GATES: usize = 2048;

/// The recurrence over batch rows `rows` alone (each batch element's sequence depends on
/// no other's): their outputs `[L, rows, H]`, last `h` and `c`. `w` is w_hhᵀ row-major
/// `[H, 4H]`, `ih` the whole `[L, N, 4H]`, `h`/`c` the rows' initial states.
struct Layer<'a, T> {
    ih: &'a [T],
    w: &'a [T],
    bias: Option<&'a [T]>,
    /// Added to `ih` first, when `ih` is the input's product alone.
    bias_ih: Option<&'a [T]>,
    steps: usize,
    n: usize,
    hid: usize,
}

impl<T: Float> Layer<'_, T> {
    /// Writes step t's `h` into `out[t]`; gives the last `h` and `c`.
    fn run(
        &self,
        rows: std::ops::Range<usize>,
        mut h: Vec<T>,
        mut c: Vec<T>,
        mut out: Vec<&mut [T]>,
    ) -> Result<(Vec<T>, Vec<T>), String> {
        let (hid, four_h, nb) = (self.hid, 4 * self.hid, rows.len());
        let mut gates = vec![T::zero(); nb * four_h];
        let mut scratch = Vec::with_capacity(hid);
        let mut tanh_c = vec![T::zero(); hid];
        for t in 0..self.steps {
            if crate::interrupt::pending() {
                return Err(crate::interrupt::KEYBOARD_INTERRUPT.into());
            }
            super::matmul::gemm_into(
                (nb, hid, four_h),
                &h,
                (hid as isize, 1),
                self.w,
                (four_h as isize, 1),
                &mut gates,
            )?;
            let ih_t = &self.ih[(t * self.n + rows.start) * four_h..(t * self.n + rows.end) * four_h];
            for (row, ih_row) in gates.chunks_mut(four_h).zip(ih_t.chunks(four_h)) {
                match (self.bias, self.bias_ih) {
                    (Some(b), Some(bi)) => row
                        .iter_mut()
                        .zip(b.iter().zip(bi))
                        .zip(ih_row)
                        .for_each(|((g, (&b, &bi)), &x)| *g = (*g + b) + (x + bi)),
                    (Some(b), None) => row
                        .iter_mut()
                        .zip(b.iter())
                        .zip(ih_row)
                        .for_each(|((g, &b), &x)| *g = (*g + b) + x),
                    (None, Some(bi)) => row
                        .iter_mut()
                        .zip(bi.iter())
                        .zip(ih_row)
                        .for_each(|((g, &bi), &x)| *g = *g + (x + bi)),
                    (None, None) => row.iter_mut().zip(ih_row).for_each(|(g, &x)| *g = *g + x),
                }
            }
            for ((row, c_row), h_row) in gates.chunks_mut(four_h).zip(c.chunks_mut(hid)).zip(h.chunks_mut(hid)) {
                let (i, rest) = row.split_at_mut(hid);
                let (f, rest) = rest.split_at_mut(hid);
                let (g, o) = rest.split_at_mut(hid);
                in_place(i, &mut scratch, T::sigmoid_loop);
                in_place(f, &mut scratch, T::sigmoid_loop);
                in_place(g, &mut scratch, |x, y| {
                    T::unary_slice(UnaryOp::Tanh, crate::ir::MathLib::Torch, x, y)
                });
                in_place(o, &mut scratch, T::sigmoid_loop);
                for k in 0..hid {
                    c_row[k] = f[k] * c_row[k] + i[k] * g[k];
                }
                T::unary_slice(UnaryOp::Tanh, crate::ir::MathLib::Torch, c_row, &mut tanh_c);
                for k in 0..hid {
                    h_row[k] = o[k] * tanh_c[k];
                }
            }
            out[t].copy_from_slice(&h);
        }
        Ok((h, c))
    }
}

/// `ih` `[L, N, 4H]` (the input's gates, `linear_ih` over the sequence, or its product
/// alone with `b_ih` `[4H]`), `h0`, `c0` `[N, H]`, `w_hh` `[4H, H]`, `b_hh` `[4H]`: the outputs `[L, N, H]`, the last `h` and `c`.
fn lstm_sequence<T: Float>(
    ih: &NdArray,
    h0: &NdArray,
    c0: &NdArray,
    w_hh: &NdArray,
    b_hh: Option<&NdArray>,
    b_ih: Option<&NdArray>,
) -> Result<(Vec<T>, Vec<T>, Vec<T>), String> {
    let (steps, n, four_h) = match ih.shape() {
        &[l, n, g] => (l, n, g),
        _ => return Err("lstm_sequence: gates must be [L, N, 4H]".into()),
    };
    let hid = four_h / 4;
    let bias_ok = |b: Option<&NdArray>| b.is_none_or(|b| b.shape() == [four_h]);
    if four_h % 4 != 0
        || h0.shape() != [n, hid]
        || c0.shape() != [n, hid]
        || w_hh.shape() != [four_h, hid]
        || !bias_ok(b_hh)
        || !bias_ok(b_ih)
    {
        return Err("lstm_sequence: inconsistent shapes".into());
    }
    if n * hid == 0 {
        // Nothing to compute (and no rows to split the output into).
        return Ok((Vec::new(), values::<T>(h0)?.into_owned(), values::<T>(c0)?.into_owned()));
    }
    let ih = read::<T>(ih)?;
    let bias = b_hh.map(read::<T>).transpose()?;
    let bias_ih = b_ih.map(read::<T>).transpose()?;
    let c = values::<T>(c0)?.into_owned();
    let h = values::<T>(h0)?.into_owned();
    // w_hhᵀ as a row-major [H, 4H] matrix, made once (gemm reads it without packing).
    let w_rows = values::<T>(w_hh)?;
    let mut w = vec![T::zero(); four_h * hid];
    for j in 0..four_h {
        for k in 0..hid {
            w[k * four_h + j] = w_rows[j * hid + k];
        }
    }
    let layer = Layer {
        ih: &ih,
        w: &w,
        bias: bias.as_deref(),
        bias_ih: bias_ih.as_deref(),
        steps,
        n,
        hid,
    };
    // Two halves of the batch on two threads, when each half's product `h @ w` is summed as
    // the whole batch's would be (matmul.rs `same_kernel`): then every element is the same
    // bits.
    let half = n / 2;
    let same_kernel = super::matmul::same_kernel((n, hid, four_h), half, (1, four_h as isize));
    let mut out = crate::array::pool::scratch(steps * n * hid);
    if half >= 2 && same_kernel && n * four_h >= PARALLEL_GATES && rayon::current_num_threads() > 1 {
        let (h_a, h_b) = h.split_at(half * hid);
        let (c_a, c_b) = c.split_at(half * hid);
        // Each step's rows of the output, split between the halves.
        let (out_a, out_b): (Vec<&mut [T]>, Vec<&mut [T]>) =
            out.chunks_mut(n * hid).map(|s| s.split_at_mut(half * hid)).unzip();
        let (a, b) = rayon::join(
            || layer.run(0..half, h_a.to_vec(), c_a.to_vec(), out_a),
            || layer.run(half..n, h_b.to_vec(), c_b.to_vec(), out_b),
        );
        let ((h_a, c_a), (h_b, c_b)) = (a?, b?);
        return Ok((out, [h_a, h_b].concat(), [c_a, c_b].concat()));
    }
    let steps_out = out.chunks_mut(n * hid).collect();
    let (h, c) = layer.run(0..n, h, c, steps_out)?;
    Ok((out, h, c))
}

/// `lstm_sequence` for float32 or float64 arrays: `(outputs, h, c)`.
pub fn lstm(
    ih: &NdArray,
    h0: &NdArray,
    c0: &NdArray,
    w_hh: &NdArray,
    b_hh: Option<&NdArray>,
    b_ih: Option<&NdArray>,
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
        crate::array::dtype::DType::F32 => Ok(arrays(
            lstm_sequence::<f32>(ih, h0, c0, w_hh, b_hh, b_ih)?,
            steps,
            n,
            hid,
        )),
        crate::array::dtype::DType::F64 => Ok(arrays(
            lstm_sequence::<f64>(ih, h0, c0, w_hh, b_hh, b_ih)?,
            steps,
            n,
            hid,
        )),
        d => Err(format!("lstm_sequence: {d:?} is not float32 or float64")),
    }
}
