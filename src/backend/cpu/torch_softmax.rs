//! PyTorch's CPU `softmax`, `log_softmax`, their backward kernels and `nll_loss` (the pieces
//! of `F.cross_entropy`) for float32/float64, reproduced to the bit (ATen
//! `native/cpu/SoftMaxKernel.cpp`, `native/SoftMax.cpp`, `cpu/vec/functional_base.h`,
//! `native/LossNLL.cpp`; checked against torch 2.15.0 under `ATEN_CPU_CAPABILITY=avx2`).
//!
//! Data is contiguous and laid out `[outer, dim, inner]`. Torch picks one of two kernels:
//! the *last-dim* kernel when the softmax axis is the tensor's last axis (`inner == 1`, a 0-d
//! tensor counts as `[1]`), the *strided* kernel for every other axis, even when the axes
//! after it all have size 1 (`inner == 1` again, but a different kernel). [`softmax_f32`]
//! and friends choose by `inner == 1`; [`softmax_kernel`] and [`softmax_backward_kernel`]
//! take the choice explicitly. Everything runs on the calling thread; `threads` (torch's
//! `set_num_threads`, 2 in nt) only decides how torch would have split the work, where that
//! changes the result.
//!
//! `W` below is the AVX2 vector width: 8 floats, 4 doubles. `exp`/`log` of a `Vectorized`
//! are SLEEF's `Sleef_expf8_u10`/`Sleef_logf8_u10` (`_expd4_u10`/`_logd4_u10`), the
//! scalar tails of the strided kernels call glibc's `expf`/`exp` (Rust's `f32::exp`).
//!
//! * `reduce_all(op, row)` (max and sum of a row): fewer than `W` elements: `op` left to
//!   right. Otherwise lane `l` accumulates elements `l, l+W, l+2W, ...` (a partial last
//!   block updates its first lanes only), then the lanes combine: float32 as a tree,
//!   `((a0 op a4) op (a2 op a6)) op ((a1 op a5) op (a3 op a7))`; float64 left to right,
//!   `((a0 op a1) op a2) op a3`. The vector max is `vec::maximum` (NaN if either is NaN).
//! * softmax, last dim: `m = max`, `e = exp(x - m)`, `s = sum(e)`, `r = 1 / s`, `y = e * r`.
//! * log_softmax, last dim: `m = max`, `s = sum(exp(x - m))` (same lane order),
//!   `y = (x - m) - log(s)` with SLEEF's log.
//! * softmax, strided: `parallel_for(0, outer * inner, grain 0)` over the columns: with
//!   `threads > 1` and more than one column, `threads` chunks of `ceil(n / threads)`
//!   columns. In each chunk, runs of `W` columns that stay inside one `inner` row and
//!   inside the chunk are vector columns (`m = maximum` down the axis, `s += exp(x - m)` in
//!   axis order, `y = e / s`); the rest are scalar columns (`m = std::max`, glibc `exp`,
//!   `y = e / s`). The only kernel whose result depends on `threads`.
//! * log_softmax, strided: the inner axis in chunks of `min(CHUNK, inner)`, `CHUNK =
//!   max(131072 / dim / sizeof, W)` rounded down to a multiple of `W`; in each chunk the
//!   first `size - size % W` columns are vector, the rest scalar (glibc exp); max is `x > m
//!   ? x : m` (NaN is skipped), `s += exp(x - m)`, SLEEF log of every `s`, `y = (x - m) -
//!   log(s)`.
//! * backward, last dim: softmax `s = sum(g * y)` (`reduce_all` of rounded products), `gi =
//!   (g - s) * y`; log_softmax `s = sum(g)`, `gi = g - exp(y) * s` fused by GCC into one
//!   `fma(-exp(y), s, g)`. GCC compiled `parallel_for`'s serial branch (one row, or one
//!   thread) separately: there float32's partial last block of `sum(g * y)` is fused,
//!   `acc = fma(g, y, acc)`.
//! * backward, strided (chunks as log_softmax): softmax `s = fma(g, y, s)` down the axis,
//!   `gi = y * (g - s)`; log_softmax `s += g`, `gi = fma(-exp(y), s, g)` (glibc exp in
//!   scalar columns).
//! * nll_loss: see [`nll_loss`].

use crate::backend::cpu::sleef;
use std::ops::{Add, Div, Mul, Neg, Sub};

/// The strided kernels' block size in bytes (`BLOCK_SIZE`).
const BLOCK_SIZE: usize = 128 * 1024;

/// The float types the kernels run on, with the AVX2 build's vector primitives.
pub trait SoftmaxFloat:
    Copy
    + PartialOrd
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// Lanes in one `Vectorized<T>` (AVX2).
    const W: usize;
    const ZERO: Self;
    const ONE: Self;
    const NEG_INF: Self;
    const NAN: Self;
    /// SLEEF's vector `exp` over a slice.
    fn vexp_slice(a: &[Self], out: &mut [Self]);
    /// SLEEF's vector `log` over a slice.
    fn vlog_slice(a: &[Self], out: &mut [Self]);
    /// glibc's scalar `exp`.
    fn std_exp(self) -> Self;
    /// `a * b + c` rounded once.
    fn fma(a: Self, b: Self, c: Self) -> Self;
    fn is_nan_(self) -> bool;
    /// `vec_reduce_all` over the `W` lane accumulators.
    fn horizontal(acc: &[Self], op: impl Fn(Self, Self) -> Self) -> Self;
    /// From the number of non-ignored samples (`static_cast<scalar_t>(int64)`).
    fn from_count(n: usize) -> Self;
    /// Whether the serial copy of the last-dim softmax backward fuses its tail block.
    const SERIAL_DOT_FUSES_TAIL: bool;
}

impl SoftmaxFloat for f32 {
    const W: usize = 8;
    const SERIAL_DOT_FUSES_TAIL: bool = true;
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    const NEG_INF: Self = f32::NEG_INFINITY;
    const NAN: Self = f32::NAN;
    fn vexp_slice(a: &[Self], out: &mut [Self]) {
        sleef::f32::exp_slice(a, out)
    }
    fn vlog_slice(a: &[Self], out: &mut [Self]) {
        sleef::f32::log_slice(a, out)
    }
    fn std_exp(self) -> Self {
        self.exp()
    }
    fn fma(a: Self, b: Self, c: Self) -> Self {
        a.mul_add(b, c)
    }
    fn is_nan_(self) -> bool {
        self.is_nan()
    }
    fn horizontal(a: &[Self], op: impl Fn(Self, Self) -> Self) -> Self {
        // permute2f128, shuffle 0x4E, shuffle 0xB1: lane 0 of each step.
        let (v0, v1, v2, v3) = (op(a[0], a[4]), op(a[1], a[5]), op(a[2], a[6]), op(a[3], a[7]));
        op(op(v0, v2), op(v1, v3))
    }
    fn from_count(n: usize) -> Self {
        n as i64 as f32
    }
}

impl SoftmaxFloat for f64 {
    const W: usize = 4;
    const SERIAL_DOT_FUSES_TAIL: bool = false;
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    const NEG_INF: Self = f64::NEG_INFINITY;
    const NAN: Self = f64::NAN;
    fn vexp_slice(a: &[Self], out: &mut [Self]) {
        sleef::f64::exp_slice(a, out)
    }
    fn vlog_slice(a: &[Self], out: &mut [Self]) {
        sleef::f64::log_slice(a, out)
    }
    fn std_exp(self) -> Self {
        self.exp()
    }
    fn fma(a: Self, b: Self, c: Self) -> Self {
        a.mul_add(b, c)
    }
    fn is_nan_(self) -> bool {
        self.is_nan()
    }
    fn horizontal(a: &[Self], op: impl Fn(Self, Self) -> Self) -> Self {
        // No SIMD specialisation for double: the generic lane-0 loop.
        op(op(op(a[0], a[1]), a[2]), a[3])
    }
    fn from_count(n: usize) -> Self {
        n as i64 as f64
    }
}

/// `vec::maximum`: `_mm256_max_ps(a, b)` (`a > b ? a : b`) or-ed with an unordered mask.
#[inline(always)]
fn vmax<T: SoftmaxFloat>(a: T, b: T) -> T {
    if a.is_nan_() || b.is_nan_() {
        T::NAN
    } else if a > b {
        a
    } else {
        b
    }
}

#[inline(always)]
fn vadd<T: SoftmaxFloat>(a: T, b: T) -> T {
    a + b
}

/// `vec::reduce_all` over one contiguous row (`n >= 1`).
fn reduce_all<T: SoftmaxFloat>(data: &[T], op: impl Fn(T, T) -> T + Copy) -> T {
    let (w, n) = (T::W, data.len());
    if n < w {
        return data[1..].iter().fold(data[0], |a, &v| op(a, v));
    }
    let mut acc = [T::ZERO; 8];
    acc[..w].copy_from_slice(&data[..w]);
    for block in data[w..].chunks(w) {
        for (a, &v) in acc.iter_mut().zip(block) {
            *a = op(*a, v);
        }
    }
    T::horizontal(&acc[..w], op)
}

/// `vec::map2_reduce_all(x * y, x + y)` as GCC compiled it: products rounded, then added
/// lane-wise, except that the copy inlined into `parallel_for`'s serial branch fuses the
/// partial last block into `fma(g, y, acc)` for float32 (`fuse_tail`).
fn dot_reduce_all<T: SoftmaxFloat>(g: &[T], y: &[T], fuse_tail: bool) -> T {
    let (w, n) = (T::W, g.len());
    if n < w {
        return (1..n).fold(g[0] * y[0], |a, i| a + g[i] * y[i]);
    }
    let mut acc = [T::ZERO; 8];
    for l in 0..w {
        acc[l] = g[l] * y[l];
    }
    for (gb, yb) in g[w..].chunks(w).zip(y[w..].chunks(w)) {
        let fuse = fuse_tail && gb.len() < w;
        for l in 0..gb.len() {
            acc[l] = if fuse {
                T::fma(gb[l], yb[l], acc[l])
            } else {
                acc[l] + gb[l] * yb[l]
            };
        }
    }
    T::horizontal(&acc[..w], vadd)
}

/// `at::parallel_for(0, n, grain, ...)` under OpenMP with `threads` threads: the
/// `[begin, end)` ranges the threads run.
fn parallel_ranges(n: usize, grain: usize, threads: usize) -> Vec<(usize, usize)> {
    if n == 0 {
        return Vec::new();
    }
    if !(n > grain && n > 1 && threads > 1) {
        return vec![(0, n)];
    }
    let mut nt = threads;
    if grain > 0 {
        nt = nt.min(n.div_ceil(grain));
    }
    let chunk = n.div_ceil(nt);
    (0..nt)
        .map(|t| t * chunk)
        .filter(|&b| b < n)
        .map(|b| (b, n.min(b + chunk)))
        .collect()
}

/// The strided kernels' inner-axis chunk (`CHUNK_SIZE`): `max(131072 / dim / sizeof, W)`
/// rounded down to a multiple of `W`, at most `inner`.
fn chunk_size<T: SoftmaxFloat>(dim: usize, inner: usize) -> usize {
    let c = (BLOCK_SIZE / dim / std::mem::size_of::<T>()).max(T::W);
    (c / T::W * T::W).min(inner)
}

// ---------------------------------------------------------------------------------------
// Forward.

/// `_vec_softmax_lastdim` / `_vec_log_softmax_lastdim` over `outer` rows of `dim`.
fn softmax_lastdim<T: SoftmaxFloat>(x: &[T], outer: usize, dim: usize, log: bool, out: &mut [T]) {
    let mut tmp = vec![T::ZERO; dim];
    let mut e = vec![T::ZERO; dim];
    for r in 0..outer {
        let xr = &x[r * dim..(r + 1) * dim];
        let yr = &mut out[r * dim..(r + 1) * dim];
        let m = reduce_all(xr, vmax);
        for (t, &v) in tmp.iter_mut().zip(xr) {
            *t = v - m;
        }
        if log {
            T::vexp_slice(&tmp, &mut e);
            let s = reduce_all(&e, vadd);
            let mut ls = [T::ZERO];
            T::vlog_slice(&[s], &mut ls);
            for (o, &v) in yr.iter_mut().zip(xr) {
                *o = v - m - ls[0];
            }
        } else {
            T::vexp_slice(&tmp, yr);
            let s = reduce_all(yr, vadd);
            let rcp = T::ONE / s;
            for o in yr.iter_mut() {
                *o = *o * rcp;
            }
        }
    }
}

/// `_vec_softmax`: the strided softmax (thread-dependent, see the module docs).
fn softmax_strided<T: SoftmaxFloat>(x: &[T], outer: usize, dim: usize, inner: usize, threads: usize, out: &mut [T]) {
    let w = T::W;
    let ostride = dim * inner;
    // 2.15 passes grain 0 ("Note: grain_size value of 0"): any `outer * inner > 1` is split.
    let grain = 0;
    let mut tmp = vec![T::ZERO; dim * w];
    let mut e = vec![T::ZERO; dim * w];
    for (begin, end) in parallel_ranges(outer * inner, grain, threads) {
        let mut idx = begin;
        while idx < end {
            let (o, i) = (idx / inner, idx % inner);
            if i + w <= inner && idx + w <= end {
                let base = o * ostride + i;
                let mut m = [T::ZERO; 8];
                m[..w].copy_from_slice(&x[base..base + w]);
                for d in 1..dim {
                    for l in 0..w {
                        m[l] = vmax(m[l], x[base + d * inner + l]);
                    }
                }
                for d in 0..dim {
                    for l in 0..w {
                        tmp[d * w + l] = x[base + d * inner + l] - m[l];
                    }
                }
                T::vexp_slice(&tmp, &mut e);
                let mut s = [T::ZERO; 8];
                for d in 0..dim {
                    for l in 0..w {
                        s[l] = s[l] + e[d * w + l];
                    }
                }
                for d in 0..dim {
                    for l in 0..w {
                        out[base + d * inner + l] = e[d * w + l] / s[l];
                    }
                }
                idx += w;
            } else {
                let tail = if idx + w > end { end - idx } else { inner - i };
                for j in idx..idx + tail {
                    let base = (j / inner) * ostride + j % inner;
                    let mut m = x[base];
                    for d in 1..dim {
                        let v = x[base + d * inner];
                        m = if m < v { v } else { m };
                    }
                    let mut s = T::ZERO;
                    for d in 0..dim {
                        let v = (x[base + d * inner] - m).std_exp();
                        out[base + d * inner] = v;
                        s = s + v;
                    }
                    for d in 0..dim {
                        out[base + d * inner] = out[base + d * inner] / s;
                    }
                }
                idx += tail;
            }
        }
    }
}

/// `_vec_logsoftmax`: the strided log_softmax.
fn log_softmax_strided<T: SoftmaxFloat>(x: &[T], outer: usize, dim: usize, inner: usize, out: &mut [T]) {
    let chunk = chunk_size::<T>(dim, inner);
    let mut mx = vec![T::ZERO; chunk];
    let mut sum = vec![T::ZERO; chunk];
    let mut tmp = vec![T::ZERO; chunk];
    let mut e = vec![T::ZERO; chunk];
    for o in 0..outer {
        for k in 0..inner.div_ceil(chunk) {
            let i0 = k * chunk;
            let size = chunk.min(inner - i0);
            let vsize = size - size % T::W;
            mx[..size].fill(T::NEG_INF);
            sum[..size].fill(T::ZERO);
            let row = |d: usize| o * dim * inner + d * inner + i0;
            for d in 0..dim {
                let xr = &x[row(d)..row(d) + size];
                for (m, &v) in mx.iter_mut().zip(xr) {
                    *m = if v > *m { v } else { *m };
                }
            }
            for d in 0..dim {
                let xr = &x[row(d)..row(d) + size];
                for c in 0..vsize {
                    tmp[c] = xr[c] - mx[c];
                }
                T::vexp_slice(&tmp[..vsize], &mut e[..vsize]);
                for c in 0..vsize {
                    sum[c] = sum[c] + e[c];
                }
                for c in vsize..size {
                    sum[c] = sum[c] + (xr[c] - mx[c]).std_exp();
                }
            }
            tmp[..size].copy_from_slice(&sum[..size]);
            T::vlog_slice(&tmp[..size], &mut sum[..size]);
            for d in 0..dim {
                let r = row(d);
                for c in 0..size {
                    out[r + c] = x[r + c] - mx[c] - sum[c];
                }
            }
        }
    }
}

fn check_fwd<T>(x: &[T], outer: usize, dim: usize, inner: usize, out: &[T]) {
    let n = outer * dim * inner;
    assert!(
        x.len() == n && out.len() == n,
        "softmax: data length != outer * dim * inner"
    );
}

/// Softmax (`log == false`) or log_softmax over axis `dim` of contiguous `[outer, dim,
/// inner]` data with an explicit kernel: `last_dim` is true exactly when the axis is the
/// tensor's last one (then `inner` must be 1). `threads`: torch's thread count (2 in nt).
#[allow(clippy::too_many_arguments)]
pub fn softmax_kernel<T: SoftmaxFloat>(
    x: &[T],
    outer: usize,
    dim: usize,
    inner: usize,
    last_dim: bool,
    log: bool,
    threads: usize,
    out: &mut [T],
) {
    check_fwd(x, outer, dim, inner, out);
    if x.is_empty() {
        return;
    }
    if last_dim {
        assert_eq!(inner, 1, "softmax: the last-dim kernel needs inner == 1");
        softmax_lastdim(x, outer, dim, log, out);
    } else if log {
        log_softmax_strided(x, outer, dim, inner, out);
    } else {
        softmax_strided(x, outer, dim, inner, threads, out);
    }
}

/// `torch.softmax` / `torch.log_softmax` on float32 `[outer, dim, inner]` data; `inner ==
/// 1` runs the last-dim kernel (use [`softmax_kernel`] when the axis is not the last one
/// but all later axes have size 1).
pub fn softmax_f32(x: &[f32], outer: usize, dim: usize, inner: usize, log: bool, threads: usize, out: &mut [f32]) {
    softmax_kernel(x, outer, dim, inner, inner == 1, log, threads, out)
}

/// [`softmax_f32`] for float64 (also `softmax(x, dim, dtype=torch.float64)` of float32 data
/// after converting it to float64).
pub fn softmax_f64(x: &[f64], outer: usize, dim: usize, inner: usize, log: bool, threads: usize, out: &mut [f64]) {
    softmax_kernel(x, outer, dim, inner, inner == 1, log, threads, out)
}

// ---------------------------------------------------------------------------------------
// Backward.

/// `_vec_host_softmax_backward_lastdim`.
fn backward_lastdim<T: SoftmaxFloat>(
    g: &[T],
    y: &[T],
    outer: usize,
    dim: usize,
    log: bool,
    threads: usize,
    gi: &mut [T],
) {
    // parallel_for(0, outer, 0, ...) runs serially (a separately compiled copy) here.
    let serial = parallel_ranges(outer, 0, threads).len() == 1;
    let mut e = vec![T::ZERO; if log { dim } else { 0 }];
    for r in 0..outer {
        let span = r * dim..(r + 1) * dim;
        let (gr, yr, or) = (&g[span.clone()], &y[span.clone()], &mut gi[span]);
        if log {
            let s = reduce_all(gr, vadd);
            T::vexp_slice(yr, &mut e);
            for ((o, &gv), &ev) in or.iter_mut().zip(gr).zip(&e) {
                *o = T::fma(-ev, s, gv);
            }
        } else {
            let s = dot_reduce_all(gr, yr, serial && T::SERIAL_DOT_FUSES_TAIL);
            for ((o, &gv), &yv) in or.iter_mut().zip(gr).zip(yr) {
                *o = (gv - s) * yv;
            }
        }
    }
}

/// `_vec_softmax_backward` / `_vec_log_softmax_backward`: the strided backward kernels.
fn backward_strided<T: SoftmaxFloat>(
    g: &[T],
    y: &[T],
    outer: usize,
    dim: usize,
    inner: usize,
    log: bool,
    gi: &mut [T],
) {
    let chunk = chunk_size::<T>(dim, inner);
    let mut sum = vec![T::ZERO; chunk];
    let mut e = vec![T::ZERO; if log { chunk } else { 0 }];
    for o in 0..outer {
        for k in 0..inner.div_ceil(chunk) {
            let i0 = k * chunk;
            let size = chunk.min(inner - i0);
            let vsize = size - size % T::W;
            sum[..size].fill(T::ZERO);
            let row = |d: usize| o * dim * inner + d * inner + i0;
            for d in 0..dim {
                let r = row(d);
                for c in 0..size {
                    sum[c] = if log {
                        sum[c] + g[r + c]
                    } else {
                        T::fma(g[r + c], y[r + c], sum[c])
                    };
                }
            }
            for d in 0..dim {
                let r = row(d);
                if log {
                    T::vexp_slice(&y[r..r + vsize], &mut e[..vsize]);
                    for c in vsize..size {
                        e[c] = y[r + c].std_exp();
                    }
                    for c in 0..size {
                        gi[r + c] = T::fma(-e[c], sum[c], g[r + c]);
                    }
                } else {
                    for c in 0..size {
                        gi[r + c] = y[r + c] * (g[r + c] - sum[c]);
                    }
                }
            }
        }
    }
}

/// The backward of softmax (`log == false`: `_softmax_backward_data(grad, output, ...)`) or
/// log_softmax with an explicit kernel choice (see [`softmax_kernel`]); `y` is the forward
/// output, `g` the incoming gradient, `gi` receives the gradient of the input. `threads`
/// matters only for float32 softmax on the last dim: with one row or one thread torch runs
/// a differently compiled copy.
#[allow(clippy::too_many_arguments)]
pub fn softmax_backward_kernel<T: SoftmaxFloat>(
    g: &[T],
    y: &[T],
    outer: usize,
    dim: usize,
    inner: usize,
    last_dim: bool,
    log: bool,
    threads: usize,
    gi: &mut [T],
) {
    let n = outer * dim * inner;
    assert!(
        g.len() == n && y.len() == n && gi.len() == n,
        "softmax backward: length != outer * dim * inner"
    );
    if n == 0 {
        return;
    }
    if last_dim {
        assert_eq!(inner, 1, "softmax backward: the last-dim kernel needs inner == 1");
        backward_lastdim(g, y, outer, dim, log, threads, gi);
    } else {
        backward_strided(g, y, outer, dim, inner, log, gi);
    }
}

/// Backward of [`softmax_f32`] (same layout and kernel choice).
#[allow(clippy::too_many_arguments)]
pub fn softmax_backward_f32(
    g: &[f32],
    y: &[f32],
    outer: usize,
    dim: usize,
    inner: usize,
    log: bool,
    threads: usize,
    gi: &mut [f32],
) {
    softmax_backward_kernel(g, y, outer, dim, inner, inner == 1, log, threads, gi)
}

/// Backward of [`softmax_f64`].
#[allow(clippy::too_many_arguments)]
pub fn softmax_backward_f64(
    g: &[f64],
    y: &[f64],
    outer: usize,
    dim: usize,
    inner: usize,
    log: bool,
    threads: usize,
    gi: &mut [f64],
) {
    softmax_backward_kernel(g, y, outer, dim, inner, inner == 1, log, threads, gi)
}

// ---------------------------------------------------------------------------------------
// nll_loss.

/// `Reduction::None`, `Mean`, `Sum` (torch's enum values).
pub const REDUCTION_NONE: u8 = 0;
pub const REDUCTION_MEAN: u8 = 1;
pub const REDUCTION_SUM: u8 = 2;

/// `nll_loss_out_frame` on `[n, c]` log-probabilities. A 1-D input `[c]` is `n == 1`, but
/// torch gives it the summing path even for `reduction='none'` (`0 - logp * w`, which
/// differs from `-logp * w` in the sign of a zero): pass [`REDUCTION_SUM`] there.
///
/// Returns the per-sample losses (`reduction == 0`: `-logp[i, t] * w[t]`, `0` where `t ==
/// ignore_index`; total weight 0) or one value: the loss sum in an 8-level cascade
/// (`loss[0] -= logp * w`, `weight[0] += w`; after each non-ignored sample `b`, level `j`
/// carries into `j + 1` while `b & (mask << j * p) == 0`, `p = max(4, ceil_log2(n) / 8)`,
/// `mask = 2^p - 1`), the levels summed from `0` upwards starting at `0.0`; the total
/// weight is that cascade of weights, or `n - ignored` converted without weights. `mean`
/// divides by the total weight (NaN for `n == 0`). `Err(t)`: target `t` is out of bounds
/// (torch: `IndexError: Target t is out of bounds.`), the first one in sample order.
pub fn nll_loss<T: SoftmaxFloat>(
    logp: &[T],
    n: usize,
    c: usize,
    target: &[i64],
    weight: Option<&[T]>,
    reduction: u8,
    ignore_index: i64,
) -> Result<(Vec<T>, T), i64> {
    assert!(logp.len() == n * c && target.len() == n, "nll_loss: shape mismatch");
    if let Some(w) = weight {
        assert_eq!(w.len(), c, "nll_loss: weight length != classes");
    }
    if let Some(&t) = target
        .iter()
        .find(|&&t| t != ignore_index && (t < 0 || t as u64 >= c as u64))
    {
        return Err(t);
    }
    let wt = |t: usize| weight.map_or(T::ONE, |w| w[t]);
    if reduction == REDUCTION_NONE {
        let out = (0..n)
            .map(|i| {
                let t = target[i];
                if t == ignore_index {
                    T::ZERO
                } else {
                    -logp[i * c + t as usize] * wt(t as usize)
                }
            })
            .collect();
        return Ok((out, T::ZERO));
    }
    if n == 0 {
        return Ok((
            vec![if reduction == REDUCTION_MEAN { T::NAN } else { T::ZERO }],
            T::ZERO,
        ));
    }
    const LEVELS: usize = 8;
    let ceil_log2 = if n <= 2 {
        1
    } else {
        usize::BITS - (n - 1).leading_zeros()
    };
    let power = (ceil_log2 / LEVELS as u32).max(4);
    let mask = (1usize << power) - 1;
    let mut wsum = [T::ZERO; LEVELS];
    let mut lsum = [T::ZERO; LEVELS];
    let mut ignored = 0usize;
    for (b, &t) in target.iter().enumerate() {
        if t == ignore_index {
            ignored += 1;
            continue;
        }
        let v = logp[b * c + t as usize];
        if let Some(w) = weight {
            let wv = w[t as usize];
            lsum[0] = lsum[0] - v * wv;
            wsum[0] = wsum[0] + wv;
        } else {
            lsum[0] = lsum[0] - v;
        }
        for j in 0..LEVELS - 1 {
            if b & (mask << (j as u32 * power)) != 0 {
                break;
            }
            wsum[j + 1] = wsum[j + 1] + wsum[j];
            lsum[j + 1] = lsum[j + 1] + lsum[j];
            wsum[j] = T::ZERO;
            lsum[j] = T::ZERO;
        }
    }
    let total = if weight.is_some() {
        wsum.iter().fold(T::ZERO, |a, &v| a + v)
    } else {
        T::from_count(n - ignored)
    };
    let mut out = lsum.iter().fold(T::ZERO, |a, &v| a + v);
    if reduction == REDUCTION_MEAN {
        out = out / total;
    }
    Ok((vec![out], total))
}

/// `F.nll_loss` / the loss half of `F.cross_entropy(x, target)` for float32 (`reduction`:
/// 0 none, 1 mean, 2 sum); see [`nll_loss`].
pub fn nll_loss_f32(
    logp: &[f32],
    n: usize,
    c: usize,
    target: &[i64],
    weight: Option<&[f32]>,
    reduction: u8,
    ignore_index: i64,
) -> Result<(Vec<f32>, f32), i64> {
    nll_loss(logp, n, c, target, weight, reduction, ignore_index)
}

/// [`nll_loss_f32`] for float64.
pub fn nll_loss_f64(
    logp: &[f64],
    n: usize,
    c: usize,
    target: &[i64],
    weight: Option<&[f64]>,
    reduction: u8,
    ignore_index: i64,
) -> Result<(Vec<f64>, f64), i64> {
    nll_loss(logp, n, c, target, weight, reduction, ignore_index)
}

/// `nll_loss_backward`: `grad_input` (`[n, c]`, overwritten) is zero except at `[i, t_i]`:
/// `-w[t] * grad_out[i]` for `reduction == 0`, else `w[t] * g` (just `g` without weights)
/// with `g = -(grad_out[0] / total_weight)` (mean) or `-grad_out[0]` (sum). Targets must
/// have passed [`nll_loss`]'s bounds check.
#[allow(clippy::too_many_arguments)]
pub fn nll_loss_backward<T: SoftmaxFloat>(
    grad_out: &[T],
    n: usize,
    c: usize,
    target: &[i64],
    weight: Option<&[T]>,
    reduction: u8,
    ignore_index: i64,
    total_weight: T,
    grad_input: &mut [T],
) {
    assert!(
        grad_input.len() == n * c && target.len() == n,
        "nll_loss_backward: shape mismatch"
    );
    grad_input.fill(T::ZERO);
    let live = target.iter().enumerate().filter(|&(_, &t)| t != ignore_index);
    if reduction == REDUCTION_NONE {
        for (i, &t) in live {
            let w = weight.map_or(T::ONE, |w| w[t as usize]);
            grad_input[i * c + t as usize] = -w * grad_out[i];
        }
        return;
    }
    let g = -(if reduction == REDUCTION_MEAN {
        grad_out[0] / total_weight
    } else {
        grad_out[0]
    });
    for (i, &t) in live {
        grad_input[i * c + t as usize] = weight.map_or(g, |w| w[t as usize] * g);
    }
}
