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
    let nd = w.sizes.len();
    let plane: usize = w.sizes.iter().product();
    let per_plane: usize = w.out.iter().product();
    let total = w.batch * w.channels * per_plane;
    let mut out = crate::array::pool::filled(total, 0i64);
    if per_plane == 0 || plane == 0 {
        return out;
    }
    let kk: usize = w.kernel.iter().product();
    let pick = |(p, dst): (usize, &mut [i64])| {
        let src = &img[p * plane..(p + 1) * plane];
        let (mut od, mut kd) = ([0usize; 3], [0usize; 3]);
        for (o, slot) in dst.iter_mut().enumerate() {
            digits(o, &w.out, &mut od[..nd]);
            // PyTorch's start index: the window's first element inside the image.
            let mut first = 0usize;
            for d in 0..nd {
                let mut i = (od[d] * w.stride[d]) as isize - w.pad[d] as isize;
                while i < 0 {
                    i += w.dil[d] as isize;
                }
                first = first * w.sizes[d] + i as usize;
            }
            let (mut best, mut at) = (f64::NEG_INFINITY, first as i64);
            'window: for k in 0..kk {
                digits(k, &w.kernel, &mut kd[..nd]);
                let mut idx = 0usize;
                for d in 0..nd {
                    let i = (od[d] * w.stride[d] + kd[d] * w.dil[d]) as isize - w.pad[d] as isize;
                    if i < 0 || i >= w.sizes[d] as isize {
                        continue 'window;
                    }
                    idx = idx * w.sizes[d] + i as usize;
                }
                let v = src[idx].to_f64();
                if v > best || v.is_nan() {
                    best = v;
                    at = idx as i64;
                }
            }
            *slot = at;
        }
    };
    if total >= PARALLEL_MIN && rayon::current_num_threads() > 1 {
        out.par_chunks_mut(per_plane).enumerate().for_each(pick);
    } else {
        out.chunks_mut(per_plane).enumerate().for_each(pick);
    }
    out
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
