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
    // When every window lies inside the image (no padding, none past the end), every
    // column element is an image element, written below: the buffer needs no zeros first.
    let inside = (0..w.sizes.len()).all(|d| {
        w.pad[d] == 0 && (w.out[d] == 0 || (w.out[d] - 1) * w.stride[d] + (w.kernel[d] - 1) * w.dil[d] < w.sizes[d])
    });
    let mut cols = if inside {
        crate::array::pool::scratch::<T>(per_ck * n_ck)
    } else {
        crate::array::pool::filled(per_ck * n_ck, T::zero())
    };
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
                copy_run(&mut dst[lo..hi], &img[from..from + (hi - lo)]);
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

/// `dst = src`, short runs (an image row of a small image) in eight-element blocks
/// inline rather than a library call per row.
#[inline(always)]
fn copy_run<T: Copy>(dst: &mut [T], src: &[T]) {
    if dst.len() > 64 {
        dst.copy_from_slice(src);
        return;
    }
    let mut d = dst.chunks_exact_mut(8);
    let mut s = src.chunks_exact(8);
    for (d8, s8) in (&mut d).zip(&mut s) {
        let block: [T; 8] = s8.try_into().expect("eight elements");
        d8.copy_from_slice(&block);
    }
    for (x, y) in d.into_remainder().iter_mut().zip(s.remainder()) {
        *x = *y;
    }
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
    argmax_with(img, w, true, false).0
}

/// `window_argmax` and the maxima themselves (max pooling), read while each plane is
/// in cache rather than gathered afterwards.
pub fn window_max<T: Arith + Send + Sync>(img: &[T], w: &Windows) -> (Vec<i64>, Vec<T>) {
    argmax_with(img, w, true, true)
}

/// `window_argmax`, with the several-windows-at-once loop allowed (`lanes`) or not, and
/// the maxima (`values`; else an empty vector).
fn argmax_with<T: Arith + Send + Sync>(img: &[T], w: &Windows, lanes: bool, values: bool) -> (Vec<i64>, Vec<T>) {
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
    let mut result = crate::array::pool::scratch(total);
    let mut maxima = crate::array::pool::scratch(if values { total } else { 0 });
    if per_plane == 0 || plane == 0 {
        // No windows, or windows over an empty image (what it held before: zeros).
        result.fill(0);
        maxima.fill(T::zero());
        return (result, maxima);
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
    // Undilated windows whole along the last dimension (no padding clips them) are
    // taken several output positions at a time, with selects rather than branches: the
    // comparisons on real data are a coin toss for the branch predictor.
    let whole_rows = lanes && unit && spans[2].iter().all(|&(a, e)| (e - a) as usize == kernel[2]);
    let starts: Vec<usize> = spans[2].iter().map(|&(a, _)| a as usize).collect();
    let pick = |(p, dst): (usize, &mut [i64])| {
        let src = &img[p * plane..(p + 1) * plane];
        if whole_rows {
            let mut slot = 0;
            for &(a0, e0) in &spans[0] {
                for &(a1, e1) in &spans[1] {
                    for lanes in starts.chunks(LANES) {
                        let at = lane_argmax(src, lanes, kernel[2], (a0, e0), (a1, e1), sizes);
                        for (d, &a) in dst[slot..slot + lanes.len()].iter_mut().zip(&at) {
                            *d = a as i64;
                        }
                        slot += lanes.len();
                    }
                }
            }
            return;
        }
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
    let pick_values = |(p, (dst, vals)): (usize, (&mut [i64], &mut [T]))| {
        pick((p, &mut *dst));
        let src = &img[p * plane..(p + 1) * plane];
        for (v, &at) in vals.iter_mut().zip(dst.iter()) {
            *v = src[at as usize];
        }
    };
    let parallel = total >= PARALLEL_MIN && rayon::current_num_threads() > 1;
    match (values, parallel) {
        (false, true) => result.par_chunks_mut(per_plane).enumerate().for_each(pick),
        (false, false) => result.chunks_mut(per_plane).enumerate().for_each(pick),
        (true, true) => result
            .par_chunks_mut(per_plane)
            .zip(maxima.par_chunks_mut(per_plane))
            .enumerate()
            .for_each(pick_values),
        (true, false) => result
            .chunks_mut(per_plane)
            .zip(maxima.chunks_mut(per_plane))
            .enumerate()
            .for_each(pick_values),
    }
    (result, maxima)
}

/// Output positions taken together by `lane_argmax`.
const LANES: usize = 8;

/// The positions of the maxima (PyTorch's rule: greater, or NaN) of the windows
/// starting at `starts` along the last dimension, each `k` long, over rows `r0` × `r1`
/// of the plane `src` (dimensions `sizes`), element by element in row-major order.
fn lane_argmax<T: Arith>(
    src: &[T],
    starts: &[usize],
    k: usize,
    (a0, e0): (isize, isize),
    (a1, e1): (isize, isize),
    sizes: [usize; 3],
) -> [usize; LANES] {
    #[cfg(target_arch = "x86_64")]
    if T::DTYPE == crate::array::dtype::DType::F32 && src.len() < i32::MAX as usize {
        // SAFETY: T is f32 (same type, same layout).
        let f = unsafe { std::slice::from_raw_parts(src.as_ptr() as *const f32, src.len()) };
        return lane_argmax_sse(f, starts, k, (a0, e0), (a1, e1), sizes);
    }
    let m = starts.len();
    // Every lane runs (a short last group repeats its last window), so the loop over
    // lanes has a fixed length and compiles to vector compares and blends.
    let lane = |l: usize| starts[l.min(m - 1)];
    let mut best = [f64::NEG_INFINITY; LANES];
    let mut at = [0usize; LANES];
    let first = (a0 as usize * sizes[1] + a1 as usize) * sizes[2];
    for (l, a) in at.iter_mut().enumerate() {
        *a = first + lane(l);
    }
    let mut vals = [0f64; LANES];
    let mut pos = [0usize; LANES];
    for i0 in a0 as usize..e0 as usize {
        for i1 in a1 as usize..e1 as usize {
            let base = (i0 * sizes[1] + i1) * sizes[2];
            let row = &src[base..base + sizes[2]];
            for j in 0..k {
                for l in 0..LANES {
                    let q = lane(l) + j;
                    vals[l] = row[q].to_f64();
                    pos[l] = base + q;
                }
                for l in 0..LANES {
                    let v = vals[l];
                    let take = (v > best[l]) | (v != v);
                    best[l] = if take { v } else { best[l] };
                    at[l] = if take { pos[l] } else { at[l] };
                }
            }
        }
    }
    at
}

/// `lane_argmax` for float32 with SSE2 (every x86-64 has it): compares and blends on
/// four lanes at once, positions as 32-bit integers.
#[cfg(target_arch = "x86_64")]
fn lane_argmax_sse(
    src: &[f32],
    starts: &[usize],
    k: usize,
    (a0, e0): (isize, isize),
    (a1, e1): (isize, isize),
    sizes: [usize; 3],
) -> [usize; LANES] {
    use std::arch::x86_64::*;
    let m = starts.len();
    let lane = |l: usize| starts[l.min(m - 1)];
    let first = (a0 as usize * sizes[1] + a1 as usize) * sizes[2];
    let mut at = [0i32; LANES];
    // SAFETY: SSE2 is part of x86-64; loads and stores go through arrays and slices.
    unsafe {
        let offs = [0, 1].map(|h| {
            _mm_setr_epi32(
                lane(4 * h) as i32,
                lane(4 * h + 1) as i32,
                lane(4 * h + 2) as i32,
                lane(4 * h + 3) as i32,
            )
        });
        let mut best = [_mm_set1_ps(f32::NEG_INFINITY); 2];
        let mut pos = offs.map(|o| _mm_add_epi32(o, _mm_set1_epi32(first as i32)));
        for i0 in a0 as usize..e0 as usize {
            for i1 in a1 as usize..e1 as usize {
                let base = (i0 * sizes[1] + i1) * sizes[2];
                let row = &src[base..base + sizes[2]];
                for j in 0..k {
                    let here = _mm_set1_epi32((base + j) as i32);
                    for h in 0..2 {
                        let q = 4 * h;
                        let v = _mm_setr_ps(
                            row[lane(q) + j],
                            row[lane(q + 1) + j],
                            row[lane(q + 2) + j],
                            row[lane(q + 3) + j],
                        );
                        let take = _mm_or_ps(_mm_cmpgt_ps(v, best[h]), _mm_cmpunord_ps(v, v));
                        best[h] = _mm_or_ps(_mm_and_ps(take, v), _mm_andnot_ps(take, best[h]));
                        let t = _mm_castps_si128(take);
                        let p = _mm_add_epi32(here, offs[h]);
                        pos[h] = _mm_or_si128(_mm_and_si128(t, p), _mm_andnot_si128(t, pos[h]));
                    }
                }
            }
        }
        _mm_storeu_si128(at.as_mut_ptr() as *mut __m128i, pos[0]);
        _mm_storeu_si128(at.as_mut_ptr().add(4) as *mut __m128i, pos[1]);
    }
    at.map(|a| a as usize)
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
    fn lanes_pick_as_the_window_by_window_loop() {
        // Ties, NaNs and -inf, float32 (SSE2 lanes on x86-64) and float64, 1-d and 2-d
        // windows with several output positions per row and a short last group of lanes.
        let cases = [
            geometry(&[6, 40], &[2, 2], &[2, 2], &[0, 0], &[1, 1]),
            geometry(&[7, 37], &[3, 3], &[2, 3], &[0, 0], &[1, 1]),
            geometry(&[5, 19], &[1, 4], &[1, 1], &[0, 0], &[1, 1]),
            geometry(&[50], &[3], &[2], &[0], &[1]),
        ];
        for w in &cases {
            let n: usize = w.image_shape().iter().product();
            for seed in 0..20usize {
                let img: Vec<f64> = (0..n)
                    .map(|i| match (i * 7919 + seed * 104729) % 31 {
                        0 => f64::NAN,
                        1 => f64::NEG_INFINITY,
                        r => (r % 5) as f64,
                    })
                    .collect();
                assert_eq!(
                    argmax_with(&img, w, true, false),
                    argmax_with(&img, w, false, false),
                    "{w:?}"
                );
                let f: Vec<f32> = img.iter().map(|&v| v as f32).collect();
                assert_eq!(
                    argmax_with(&f, w, true, false),
                    argmax_with(&f, w, false, false),
                    "{w:?}"
                );
                let (at, vals) = window_max(&f, w);
                let plane: usize = w.sizes.iter().product();
                let per: usize = w.out.iter().product();
                for (j, (&a, &v)) in at.iter().zip(&vals).enumerate() {
                    assert_eq!(f[(j / per) * plane + a as usize].to_bits(), v.to_bits());
                }
            }
        }
    }

    /// Without padding the columns go into a pooled buffer unfilled: every element must
    /// still be written (here over a buffer full of another image's columns).
    #[test]
    fn unpadded_im2col_writes_every_element() {
        let w = geometry(&[30, 40], &[3, 3], &[1, 2], &[0, 0], &[2, 1]);
        let n: usize = w.image_shape().iter().product();
        let first: Vec<f64> = (0..n).map(|i| -(i as f64) - 1.0).collect();
        let img: Vec<f64> = (0..n).map(|i| (i as f64 * 0.37).sin()).collect();
        let cols = im2col(&first, &w);
        assert!(cols.len() * 8 >= 1 << 17, "large enough to be pooled");
        crate::array::pool::give(cols);
        assert_eq!(im2col(&img, &w), naive(&img, &w));
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
