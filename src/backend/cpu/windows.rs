//! im2col and col2im (`Op::Im2Col`/`Op::Col2Im`): an image's sliding windows copied out
//! as columns, and columns added back into an image, for convolution, its transpose,
//! `unfold` and `fold`; and where each window's maximum is (`Op::WindowArgMax`), for max
//! pooling. One pass with the window arithmetic done per row, instead of int64 position
//! tensors and a gather (12 MB of positions for a batch of 64 32×32 RGB images under a
//! 3×3 kernel).

use super::arith::Arith;
use crate::ir::{BinaryOp, Windows};
use rayon::prelude::*;

/// Columns at least this long are filled on several threads, one kernel offset each.
const PARALLEL_MIN: usize = 1 << 16;

/// Row-major digits of `i` in `dims`.
fn digits(mut i: usize, dims: &[usize], out: &mut [usize]) {
    for (d, &n) in dims.iter().enumerate().rev() {
        out[d] = i % n;
        i /= n;
    }
}

/// Calls `row(col_start, image_start, lo, hi, first)` for each row of the columns (one
/// row: one channel, kernel offset, batch element and output position of every spatial
/// dimension but the last): the row's elements `lo..hi` read the image at
/// `image_start + first + o * stride` (the rest fall outside it), and `image_start` is
/// `None` when the whole row does. `rows_of(c_k)` visits the rows of one (channel,
/// kernel offset) pair, whose columns are `batch * prod(out)` long.
fn rows_of(w: &Windows, ck: usize, mut row: impl FnMut(usize, Option<usize>, usize, usize, isize)) {
    let nd = w.sizes.len();
    let kk: usize = w.kernel.iter().product();
    let (c, k) = (ck / kk, ck % kk);
    let mut kd = [0usize; 3];
    digits(k, &w.kernel, &mut kd[..nd]);
    let last = nd - 1;
    let l_out = w.out[last];
    // The image elements `first + o * stride` of the last dimension, for o in lo..hi.
    let first = (kd[last] * w.dil[last]) as isize - w.pad[last] as isize;
    let step = w.stride[last] as isize;
    let size = w.sizes[last] as isize;
    let lo = (0..l_out).find(|&o| first + o as isize * step >= 0).unwrap_or(l_out);
    let hi = (lo..l_out)
        .find(|&o| first + o as isize * step >= size)
        .unwrap_or(l_out);
    let plane: usize = w.sizes.iter().product();
    let lead: usize = w.out[..last].iter().product();
    let mut od = [0usize; 3];
    let mut col = 0;
    for n in 0..w.batch {
        let base = (n * w.channels + c) * plane;
        for r in 0..lead {
            digits(r, &w.out[..last], &mut od[..last]);
            let mut off = Some(base);
            let mut stride = plane;
            for d in 0..last {
                stride /= w.sizes[d];
                let i = (od[d] * w.stride[d] + kd[d] * w.dil[d]) as isize - w.pad[d] as isize;
                if i < 0 || i >= w.sizes[d] as isize {
                    off = None;
                    break;
                }
                off = off.map(|o| o + i as usize * stride);
            }
            row(col, off, lo, hi, first);
            col += l_out;
        }
    }
}

/// The image `[N, C, *sizes]` (row-major) as columns `[C, *kernel, N, *out]`.
pub fn im2col<T: Arith + Send + Sync>(img: &[T], w: &Windows) -> Vec<T> {
    let last = w.sizes.len() - 1;
    let l_out = w.out[last];
    let step = w.stride[last];
    let per_ck = w.batch * w.out.iter().product::<usize>();
    let n_ck = w.channels * w.kernel.iter().product::<usize>();
    let mut cols = crate::array::pool::alloc::<T>(per_ck * n_ck);
    cols.resize(per_ck * n_ck, T::zero());
    if per_ck == 0 {
        return cols;
    }
    let fill = |(ck, part): (usize, &mut [T])| {
        rows_of(w, ck, |col, off, lo, hi, first| {
            let Some(base) = off else { return };
            let dst = &mut part[col..col + l_out];
            let start = base as isize + first;
            if step == 1 && lo < hi {
                // A run of the image row: one copy.
                let from = (start + lo as isize) as usize;
                dst[lo..hi].copy_from_slice(&img[from..from + (hi - lo)]);
                return;
            }
            for (o, v) in dst.iter_mut().enumerate().take(hi).skip(lo) {
                *v = img[(start + (o * step) as isize) as usize];
            }
        })
    };
    if per_ck * n_ck >= PARALLEL_MIN && rayon::current_num_threads() > 1 {
        cols.par_chunks_mut(per_ck).enumerate().for_each(fill);
    } else {
        cols.chunks_mut(per_ck).enumerate().for_each(fill);
    }
    cols
}

/// Columns `[C, *kernel, N, *out]` added into a zero image `[N, C, *sizes]`.
pub fn col2im<T: Arith>(cols: &[T], w: &Windows) -> Vec<T> {
    let last = w.sizes.len() - 1;
    let l_out = w.out[last];
    let step = w.stride[last];
    let numel = w.batch * w.channels * w.sizes.iter().product::<usize>();
    let mut img = crate::array::pool::alloc::<T>(numel);
    img.resize(numel, T::zero());
    let per_ck = w.batch * w.out.iter().product::<usize>();
    if per_ck == 0 {
        return img;
    }
    let add = T::binary(BinaryOp::Add);
    // Serial: channels' planes interleave in the image, and each element's terms must be
    // added in kernel-offset order.
    for (ck, part) in cols.chunks(per_ck).enumerate() {
        rows_of(w, ck, |col, off, lo, hi, first| {
            let Some(base) = off else { return };
            let src = &part[col..col + l_out];
            let start = base as isize + first;
            for (o, &v) in src.iter().enumerate().take(hi).skip(lo) {
                let slot = &mut img[(start + (o * step) as isize) as usize];
                *slot = add(*slot, v);
            }
        });
    }
    img
}

/// The position within its plane of each window's maximum, `[N, C, *out]`, chosen as
/// PyTorch's `cpu_max_pool` chooses it: each dimension's window starts at its first
/// element inside the image, the elements are visited in row-major order, and one
/// replaces the best so far when it is greater or NaN.
pub fn window_argmax<T: Arith + Send + Sync>(img: &[T], w: &Windows) -> Vec<i64> {
    // As three spatial dimensions (leading ones of size 1), so the loops are plain.
    let lift = |v: &[usize], fill: usize| -> [usize; 3] {
        let mut a = [fill; 3];
        a[3 - v.len()..].copy_from_slice(v);
        a
    };
    let (sizes, kernel, out) = (lift(&w.sizes, 1), lift(&w.kernel, 1), lift(&w.out, 1));
    let (stride, pad, dil) = (lift(&w.stride, 1), lift(&w.pad, 0), lift(&w.dil, 1));
    let plane: usize = sizes.iter().product();
    let per_plane: usize = out.iter().product();
    let total = w.batch * w.channels * per_plane;
    let mut result = crate::array::pool::filled(total, 0i64);
    if per_plane == 0 || plane == 0 {
        return result;
    }
    // Per dimension and output position: the first element inside the image (PyTorch's
    // start index, stepped past the padding by the dilation) and the end of the window.
    let bounds = |d: usize, o: usize| -> (isize, isize) {
        let start = (o * stride[d]) as isize - pad[d] as isize;
        let end = (start + ((kernel[d] - 1) * dil[d] + 1) as isize).min(sizes[d] as isize);
        let mut first = start;
        while first < 0 {
            first += dil[d] as isize;
        }
        (first, end)
    };
    let unit = dil == [1, 1, 1];
    // Each dimension's windows, computed once.
    let spans: Vec<Vec<(isize, isize)>> = (0..3).map(|d| (0..out[d]).map(|o| bounds(d, o)).collect()).collect();
    let pick = |(p, dst): (usize, &mut [i64])| {
        let src = &img[p * plane..(p + 1) * plane];
        let mut slot = 0;
        for &(a0, e0) in &spans[0] {
            for &(a1, e1) in &spans[1] {
                for &(a2, e2) in &spans[2] {
                    let at0 = ((a0 as usize * sizes[1]) + a1 as usize) * sizes[2] + a2 as usize;
                    let (mut best, mut at) = (f64::NEG_INFINITY, at0);
                    if unit {
                        // Undilated windows: each row of the window is a slice.
                        for i0 in a0 as usize..e0 as usize {
                            for i1 in a1 as usize..e1 as usize {
                                let row = (i0 * sizes[1] + i1) * sizes[2];
                                let (lo, hi) = (row + a2 as usize, row + e2 as usize);
                                for (j, v) in src[lo..hi].iter().enumerate() {
                                    let v = v.to_f64();
                                    if v > best || v.is_nan() {
                                        best = v;
                                        at = lo + j;
                                    }
                                }
                            }
                        }
                        dst[slot] = at as i64;
                        slot += 1;
                        continue;
                    }
                    let mut i0 = a0;
                    while i0 < e0 {
                        let mut i1 = a1;
                        while i1 < e1 {
                            let row = (i0 as usize * sizes[1] + i1 as usize) * sizes[2];
                            let mut i2 = a2;
                            while i2 < e2 {
                                let v = src[row + i2 as usize].to_f64();
                                if v > best || v.is_nan() {
                                    best = v;
                                    at = row + i2 as usize;
                                }
                                i2 += dil[2] as isize;
                            }
                            i1 += dil[1] as isize;
                        }
                        i0 += dil[0] as isize;
                    }
                    dst[slot] = at as i64;
                    slot += 1;
                }
            }
        }
    };
    if total >= PARALLEL_MIN && rayon::current_num_threads() > 1 {
        result.par_chunks_mut(per_plane).enumerate().for_each(pick);
    } else {
        result.chunks_mut(per_plane).enumerate().for_each(pick);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geometry(sizes: &[usize], kernel: &[usize], stride: &[usize], pad: &[usize], dil: &[usize]) -> Windows {
        let out = (0..sizes.len())
            .map(|d| (sizes[d] + 2 * pad[d] - dil[d] * (kernel[d] - 1) - 1) / stride[d] + 1)
            .collect();
        Windows {
            batch: 2,
            channels: 3,
            sizes: sizes.to_vec(),
            kernel: kernel.to_vec(),
            stride: stride.to_vec(),
            pad: pad.to_vec(),
            dil: dil.to_vec(),
            out,
        }
    }

    /// The columns by the definition, one element at a time.
    fn naive(img: &[f64], w: &Windows) -> Vec<f64> {
        let nd = w.sizes.len();
        let shape = w.cols_shape();
        let total: usize = shape.iter().product();
        let mut idx = vec![0; shape.len()];
        (0..total)
            .map(|i| {
                digits(i, &shape, &mut idx);
                let (c, n) = (idx[0], idx[1 + nd]);
                let mut off = n * w.channels + c;
                for d in 0..nd {
                    let p = (idx[2 + nd + d] * w.stride[d] + idx[1 + d] * w.dil[d]) as isize - w.pad[d] as isize;
                    if p < 0 || p >= w.sizes[d] as isize {
                        return 0.0;
                    }
                    off = off * w.sizes[d] + p as usize;
                }
                img[off]
            })
            .collect()
    }

    #[test]
    fn window_argmax_picks_as_pytorch() {
        let nan = f64::NAN;
        // One 2×2 window: the later NaN wins; ties keep the first.
        let w = geometry(&[2, 2], &[2, 2], &[2, 2], &[0, 0], &[1, 1]);
        let (batch, channels) = (w.batch, w.channels);
        let w = Windows {
            batch: 1,
            channels: 1,
            ..w
        };
        assert_eq!(window_argmax(&[nan, 1.0, nan, 2.0], &w), vec![2]);
        assert_eq!(window_argmax(&[3.0, 3.0, 1.0, 3.0], &w), vec![0]);
        // Against the maximum taken over im2col's columns (padding as -inf there).
        let w = geometry(&[5, 6], &[3, 2], &[2, 1], &[1, 1], &[1, 2]);
        assert_eq!((w.batch, w.channels), (batch, channels));
        let n: usize = w.image_shape().iter().product();
        let img: Vec<f64> = (0..n).map(|i| ((i * 7919) % 23) as f64).collect();
        let got = window_argmax(&img, &w);
        let per: usize = w.out.iter().product();
        for (j, &at) in got.iter().enumerate() {
            let plane = &img[(j / per) * 30..(j / per + 1) * 30];
            assert!(at >= 0 && (at as usize) < 30);
            let (oy, ox) = ((j % per) / w.out[1], (j % per) % w.out[1]);
            let mut best = f64::NEG_INFINITY;
            for ky in 0..3 {
                for kx in 0..2 {
                    let (y, x) = ((oy * 2 + ky) as isize - 1, (ox + kx * 2) as isize - 1);
                    if (0..5).contains(&y) && (0..6).contains(&x) {
                        best = best.max(plane[(y * 6 + x) as usize]);
                    }
                }
            }
            assert_eq!(plane[at as usize], best);
        }
    }

    #[test]
    fn im2col_matches_the_definition_and_col2im_is_its_adjoint() {
        let cases = [
            geometry(&[7], &[3], &[2], &[1], &[1]),
            geometry(&[5, 6], &[3, 2], &[1, 2], &[1, 0], &[1, 2]),
            geometry(&[4, 5, 3], &[2, 3, 1], &[1, 1, 2], &[0, 1, 1], &[2, 1, 1]),
            geometry(&[3, 3], &[3, 3], &[1, 1], &[2, 2], &[1, 1]),
        ];
        for w in &cases {
            let n: usize = w.image_shape().iter().product();
            let img: Vec<f64> = (0..n).map(|i| (i as f64 * 0.37).sin()).collect();
            let cols = im2col(&img, w);
            assert_eq!(cols, naive(&img, w), "{w:?}");
            // <im2col(x), y> == <x, col2im(y)> for integer-valued data (exact sums).
            let y: Vec<f64> = (0..cols.len()).map(|i| (i % 7) as f64 - 3.0).collect();
            let xi: Vec<f64> = (0..n).map(|i| (i % 5) as f64 - 2.0).collect();
            let lhs: f64 = im2col(&xi, w).iter().zip(&y).map(|(a, b)| a * b).sum();
            let rhs: f64 = xi.iter().zip(col2im(&y, w)).map(|(a, b)| a * b).sum();
            assert_eq!(lhs, rhs, "{w:?}");
        }
    }
}
