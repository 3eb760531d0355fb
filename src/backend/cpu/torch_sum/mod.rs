//! PyTorch's CPU summation order for float32/float64 `sum` and `mean`, reproduced to the
//! bit (ATen `SumKernel.cpp` `cascade_sum` as dispatched by `TensorIteratorReduce.cpp`,
//! torch 2.x, checked against torch 2.15.0).
//!
//! Building blocks (see /tmp/sumorder/spec.md): `C` = `multi_row_sum` (a cascade of four
//! levels of 16-or-more-row running sums, one accumulator per column), `R` = `row_sum`
//! (four interleaved `C` partials, tail into partial 0, then `((p0+p1)+p2)+p3`), and the
//! inner (contiguous reduced axis: `W` lanes of `R`, scalar tail first, then the lanes in
//! order) and outer (contiguous kept axis: `C` on blocks of `4W` columns, `R` on the rest)
//! kernels. `W` is 8 for f32 and 4 for f64 (`Vectorized<T>` of 32 bytes; the AVX-512
//! build has no sum kernel and falls back to AVX2). Every add is one IEEE add in the
//! element type: no FMA, no reassociation, no wider accumulator. Every output is
//! `0 + value` (`out` is zero-filled and the kernels do `out += value`), so a sum of
//! negative zeros is `+0.0`.
//!
//! Entry points:
//! - [`sum_contiguous`]: full reduction of a contiguous run, including torch's two-pass
//!   split of runs above 32768 elements over `threads` threads.
//! - [`sum_rows`]: sum over the last axis of a contiguous `(rows, n)` array.
//! - [`sum_cols`]: sum over axis 0 of a contiguous `(m, n)` array.
//! - [`sum_middle`]: sum over axis 1 of a contiguous `(outer, m, inner)` array.
//! - [`sum_strided`]: any strided view and any set of reduced axes, with TensorIterator's
//!   dimension sorting and coalescing and `parallel_reduce`'s thread split emulated; the
//!   others are fast special cases of it.
//! - [`mean_of_sum`]: `mean = sum / (T)count`, a true division.
//!
//! `threads` is torch's `get_num_threads()` and only selects torch's (deterministic) split
//! of the work; everything here runs on the calling thread. To run a big full sum on
//! several cores, sum each range of [`two_pass_chunks`] with `sum_contiguous(chunk, 1)` on
//! its own thread and finish with [`combine_partials`]: the same bits.
//! The hot loops are also compiled for AVX2 and picked at run time; they do the same adds
//! in the same order on wider registers, so the bits do not depend on the CPU.
//!
//! Tests: 1255 cases whose expected bits come from torch 2.15.0 itself (CPU,
//! `ATEN_CPU_CAPABILITY=avx2`, `torch.set_num_threads(threads)`), inputs from an integer
//! formula reproduced here, so no data files; the generator is `gen_cases.py` (kept with
//! the spec in /tmp/sumorder/rs/, see INTEGRATION.md there).
//!
//! Layout: this file (the element trait and the fast contiguous entry points),
//! `kernels` (the `cascade_sum` building blocks, their AVX2 builds and the 2-D loop),
//! `iter` (TensorIterator emulation for [`sum_strided`]), `tests` (with the torch case
//! table in `tests/cases_*.rs`).

#![allow(
    clippy::too_many_arguments,
    clippy::needless_range_loop,
    clippy::if_same_then_else,
    clippy::single_range_in_vec_init
)]

use std::ops::Range;

mod iter;
mod kernels;

#[cfg(test)]
mod tests;

pub use iter::sum_strided;
use kernels::{inner_row, inner_rows, outer_block, scalar_outer};

/// torch's `at::internal::GRAIN_SIZE`.
pub const GRAIN_SIZE: usize = 32768;

/// The element types torch sums with `cascade_sum` in their own precision.
pub trait TorchFloat: Copy + PartialEq + Send + Sync + std::fmt::Debug + 'static {
    const ZERO: Self;
    /// Lanes of `Vectorized<Self>` in the sum kernel: 8 for f32, 4 for f64.
    const LANES: usize;
    fn add(self, o: Self) -> Self;
    /// `self / (Self)count` (the count rounded to nearest, as C++'s cast does).
    fn div_count(self, count: usize) -> Self;
}

impl TorchFloat for f32 {
    const ZERO: f32 = 0.0;
    const LANES: usize = 8;
    #[inline(always)]
    fn add(self, o: f32) -> f32 {
        self + o
    }
    #[inline(always)]
    fn div_count(self, count: usize) -> f32 {
        self / (count as f32)
    }
}

impl TorchFloat for f64 {
    const ZERO: f64 = 0.0;
    const LANES: usize = 4;
    #[inline(always)]
    fn add(self, o: f64) -> f64 {
        self + o
    }
    #[inline(always)]
    fn div_count(self, count: usize) -> f64 {
        self / (count as f64)
    }
}

/// `mean` on CPU is `sum_out(...).div_(count)`: a true division by the count converted to
/// the element type (not a multiplication by the reciprocal).
#[inline]
pub fn mean_of_sum<T: TorchFloat>(sum: T, count: usize) -> T {
    sum.div_count(count)
}

// ---------------------------------------------------------------------------------------
// Fast contiguous entry points
// ---------------------------------------------------------------------------------------

/// The chunks torch's `two_pass_reduction` gives each thread for a full reduction of `n`
/// elements with `threads` threads (`parallel_for(0, n, GRAIN_SIZE)` under OpenMP), in
/// thread order. One chunk (the whole run) when torch sums serially.
pub fn two_pass_chunks(n: usize, threads: usize) -> Vec<Range<usize>> {
    let threads = threads.max(1);
    if n <= GRAIN_SIZE || threads == 1 {
        return vec![0..n];
    }
    let ntasks = threads.min(n.div_ceil(GRAIN_SIZE));
    let chunk = n.div_ceil(ntasks);
    (0..ntasks)
        .filter(|t| t * chunk < n)
        .map(|t| t * chunk..n.min((t + 1) * chunk))
        .collect()
}

/// Combines the per-thread partials of [`two_pass_chunks`] the way torch does: a buffer
/// of `threads` slots (zero where a thread had no chunk), summed with the inner kernel.
pub fn combine_partials<T: TorchFloat>(partials: &[T], threads: usize) -> T {
    let threads = threads.max(1);
    assert!(partials.len() <= threads);
    let mut buf = vec![T::ZERO; threads];
    for (b, p) in buf.iter_mut().zip(partials) {
        *b = T::ZERO.add(*p);
    }
    T::ZERO.add(inner_row(&buf))
}

/// `x.sum()` for a contiguous tensor whose elements, in memory order, are `x`, with torch
/// running `threads` threads (`torch.get_num_threads()`; 1 gives the serial order).
pub fn sum_contiguous<T: TorchFloat>(x: &[T], threads: usize) -> T {
    let threads = threads.max(1);
    if x.len() < GRAIN_SIZE || threads == 1 {
        return T::ZERO.add(inner_row(x));
    }
    let chunks = two_pass_chunks(x.len(), threads);
    let partials: Vec<T> = chunks.iter().map(|r| inner_row(&x[r.clone()])).collect();
    combine_partials(&partials, threads)
}

/// `x.sum(-1)` of a contiguous `(rows, n)` array (also any contiguous N-D `sum(-1)`, and
/// `sum` over several trailing axes, with `n` = their product). Serial order; for
/// `rows == 1` with `n >= 32768` and several threads torch uses the full-reduction split:
/// call [`sum_contiguous`] (or [`sum_strided`]) instead.
pub fn sum_rows<T: TorchFloat>(x: &[T], rows: usize, n: usize, out: &mut [T]) {
    assert!(x.len() >= rows * n && out.len() >= rows);
    let out = &mut out[..rows];
    out.fill(T::ZERO);
    inner_rows(x, 0, n, n, rows, out, 0, 1);
}

/// `x.sum(0)` of a contiguous `(m, n)` array (also `sum` over several leading axes of a
/// contiguous array, with `m` = their product and `n` = the rest). Serial order, which is
/// also torch's order with 2 threads; see [`sum_strided`] for more threads, and for
/// `n == 1` with `m >= 32768` (a full reduction, split over threads).
pub fn sum_cols<T: TorchFloat>(x: &[T], m: usize, n: usize, out: &mut [T]) {
    assert!(x.len() >= m * n && out.len() >= n);
    let out = &mut out[..n];
    out.fill(T::ZERO);
    if n == 1 {
        out[0] = T::ZERO.add(inner_row(&x[..m]));
        return;
    }
    if m == 0 {
        return;
    }
    if m == 1 {
        for (o, &v) in out.iter_mut().zip(&x[..n]) {
            *o = T::ZERO.add(v);
        }
        return;
    }
    cols_block(x, 0, m, n, out);
}

/// One `(m, n)` block (row stride `n`) reduced over its rows into `out[..n]` (which holds 0).
fn cols_block<T: TorchFloat>(x: &[T], xo: usize, m: usize, n: usize, out: &mut [T]) {
    if n >= T::LANES {
        outer_block(x, xo, n, m, n, out, 0, 1);
    } else {
        scalar_outer(x, xo, n, 1, m, n, out, 0, 1);
    }
}

/// `x.sum(1)` of a contiguous `(outer, m, inner)` array: each slab `x[i]` is an independent
/// `sum_cols` of shape `(m, inner)`; `out` is `(outer, inner)`. Serial order (also torch's
/// with 2 threads when `outer >= 2`); degenerate sizes (`m == 1`, `inner == 1`,
/// `outer == 1`) reduce to the other entry points as torch's dimension coalescing does.
pub fn sum_middle<T: TorchFloat>(x: &[T], outer: usize, m: usize, inner: usize, out: &mut [T]) {
    assert!(x.len() >= outer * m * inner && out.len() >= outer * inner);
    if inner == 1 {
        return sum_rows(x, outer, m, out);
    }
    if outer == 1 {
        return sum_cols(x, m, inner, out);
    }
    let out = &mut out[..outer * inner];
    if m <= 1 {
        for (o, &v) in out.iter_mut().zip(&x[..outer * inner]) {
            *o = if m == 0 { T::ZERO } else { T::ZERO.add(v) };
        }
        return;
    }
    out.fill(T::ZERO);
    for i in 0..outer {
        cols_block(x, i * m * inner, m, inner, &mut out[i * inner..(i + 1) * inner]);
    }
}
