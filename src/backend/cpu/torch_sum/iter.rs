//! General strided reductions: TensorIterator's dimension sorting and coalescing,
//! `cascade_sum`'s 2-D loop over each slice, and `parallel_reduce`'s thread split
//! (two-pass for a single output, a split over an output dim otherwise), emulated.

use super::kernels::{inner_row, loop2d};
use super::{GRAIN_SIZE, TorchFloat};

/// An iterator in TensorIterator's order: dim 0 fastest, reduced dims first, coalesced.
#[derive(Clone, Debug)]
struct Iter {
    shape: Vec<usize>,
    sin: Vec<usize>,
    sout: Vec<usize>,
    xo: usize,
    oo: usize,
}

impl Iter {
    fn numel(&self) -> usize {
        self.shape.iter().product()
    }
    fn is_dim_reduced(&self, d: usize) -> bool {
        self.sout[d] == 0 && self.shape[d] > 1
    }
}

fn build_iter(shape: &[usize], strides: &[usize], reduce: &[bool], offset: usize) -> Iter {
    let nd = shape.len();
    // Output: contiguous over the kept dims (at::empty), stride 0 on reduced dims.
    let mut sout_logical = vec![0usize; nd];
    let mut acc = 1usize;
    for d in (0..nd).rev() {
        if !reduce[d] {
            sout_logical[d] = acc;
            acc *= shape[d].max(1);
        }
    }
    if nd == 0 {
        return Iter {
            shape: vec![1],
            sin: vec![0],
            sout: vec![0],
            xo: offset,
            oo: 0,
        };
    }
    // perm = n-1, ..., 0, then insertion sort with torch's ambiguous comparator.
    let mut perm: Vec<usize> = (0..nd).rev().collect();
    let should_swap = |d0: usize, d1: usize| -> i32 {
        // operand 0: output (reduction), operand 1: input
        for arg in 0..2 {
            let (s0, s1) = if arg == 0 {
                (sout_logical[d0], sout_logical[d1])
            } else {
                (strides[d0], strides[d1])
            };
            if arg == 0 && ((s0 == 0) != (s1 == 0)) {
                return if s1 == 0 { 1 } else { -1 };
            }
            if s0 == 0 || s1 == 0 {
                continue;
            } else if s0 < s1 {
                return -1;
            } else if s0 > s1 {
                return 1;
            } else if shape[d0] > shape[d1] {
                return 1;
            }
        }
        0
    };
    for i in 1..nd {
        let mut d1 = i;
        let mut d0 = i as isize - 1;
        while d0 >= 0 {
            let c = should_swap(perm[d0 as usize], perm[d1]);
            if c > 0 {
                perm.swap(d0 as usize, d1);
                d1 = d0 as usize;
            } else if c < 0 {
                break;
            }
            d0 -= 1;
        }
    }
    let mut it = Iter {
        shape: perm.iter().map(|&d| shape[d]).collect(),
        sin: perm.iter().map(|&d| strides[d]).collect(),
        sout: perm.iter().map(|&d| sout_logical[d]).collect(),
        xo: offset,
        oo: 0,
    };
    // coalesce_dimensions
    let mut prev = 0usize;
    for d in 1..nd {
        let can = it.shape[prev] == 1
            || it.shape[d] == 1
            || (it.shape[prev] * it.sin[prev] == it.sin[d] && it.shape[prev] * it.sout[prev] == it.sout[d]);
        if can {
            if it.shape[prev] == 1 {
                it.sin[prev] = it.sin[d];
                it.sout[prev] = it.sout[d];
            }
            it.shape[prev] *= it.shape[d];
        } else {
            prev += 1;
            if prev != d {
                it.sin[prev] = it.sin[d];
                it.sout[prev] = it.sout[d];
                it.shape[prev] = it.shape[d];
            }
        }
    }
    it.shape.truncate(prev + 1);
    it.sin.truncate(prev + 1);
    it.sout.truncate(prev + 1);
    it
}

/// `at::internal::serial_for_each` with `DimCounter` over `[begin, end)`; the output base
/// is `oo` (which may point at a two-pass buffer slot).
fn serial_for_each<T: TorchFloat>(it: &Iter, x: &[T], out: &mut [T], oo: usize, begin: usize, end: usize) {
    if begin >= end {
        return;
    }
    let nd = it.shape.len();
    if nd <= 1 {
        let (si, so) = (it.sin[0], it.sout[0]);
        loop2d(
            x,
            it.xo + begin * si,
            [si, 0],
            out,
            oo + begin * so,
            [so, 0],
            end - begin,
            1,
        );
        return;
    }
    let mut values = vec![0usize; nd];
    let mut lin = begin;
    for d in 0..nd {
        if it.shape[d] > 0 {
            values[d] = lin % it.shape[d];
            lin /= it.shape[d];
        }
    }
    let mut offset = begin;
    while offset < end {
        let xo = it.xo + (0..nd).map(|d| values[d] * it.sin[d]).sum::<usize>();
        let o = oo + (0..nd).map(|d| values[d] * it.sout[d]).sum::<usize>();
        let step0 = (it.shape[0] - values[0]).min(end - offset);
        let mut step1 = 1;
        if step0 == it.shape[0] {
            step1 = (it.shape[1] - values[1]).min((end - offset) / it.shape[0]);
        }
        loop2d(
            x,
            xo,
            [it.sin[0], it.sin[1]],
            out,
            o,
            [it.sout[0], it.sout[1]],
            step0,
            step1,
        );
        // DimCounter::increment
        offset += step0 * step1;
        let (mut i, mut overflow) = (0usize, step0);
        if step1 != 1 {
            i = 1;
            overflow = step1;
        }
        while i < nd && overflow > 0 {
            let size = it.shape[i];
            let mut value = values[i] + overflow;
            if value >= size {
                overflow = 1;
                value -= size;
            } else {
                overflow = 0;
            }
            values[i] = value;
            i += 1;
        }
    }
}

/// Sum of the strided view `x[offset + sum_d idx[d]*strides[d]]` (shape `shape`, strides in
/// elements, non-negative) over the axes with `reduce[d]`, into `out`, which is contiguous
/// over the kept axes in their logical order (`keepdim` makes no difference to the
/// values). `threads` is torch's `get_num_threads()`. For a full reduction set every
/// `reduce[d]` (torch's `dim=None`/`dim=()`).
///
/// This follows TensorIterator: dims sorted by stride (reduced first), adjacent dims
/// coalesced, the 2-D loop of `cascade_sum` run over each 2-D slice, and
/// `parallel_reduce`'s split (two-pass for a single output, a split over an output dim
/// otherwise) when the input has at least 32768 elements and `threads > 1`.
/// Pass the strides torch would have (a dim of size 1 in a contiguous tensor has stride
/// `product of the later sizes`): size-1 dims take part in the sort.
pub fn sum_strided<T: TorchFloat>(
    x: &[T],
    offset: usize,
    shape: &[usize],
    strides: &[usize],
    reduce: &[bool],
    threads: usize,
    out: &mut [T],
) {
    assert!(shape.len() == strides.len() && shape.len() == reduce.len());
    let out_len: usize = shape
        .iter()
        .zip(reduce)
        .filter(|(_, r)| !**r)
        .map(|(s, _)| *s)
        .product();
    assert!(out.len() >= out_len);
    let out = &mut out[..out_len];
    out.fill(T::ZERO);
    let numel: usize = shape.iter().product();
    if numel == 0 {
        return;
    }
    let it = build_iter(shape, strides, reduce, offset);
    let threads = threads.max(1);
    if numel < GRAIN_SIZE || threads == 1 {
        serial_for_each(&it, x, out, 0, 0, numel);
    } else if out_len == 1 {
        // two_pass_reduction: a buffer of `threads` slots, each thread's range summed
        // into its slot, then the buffer reduced into the output.
        let mut buf = vec![T::ZERO; threads];
        let (ntasks, chunk) = if numel > GRAIN_SIZE {
            let nt = threads.min(numel.div_ceil(GRAIN_SIZE));
            (nt, numel.div_ceil(nt))
        } else {
            (1, numel)
        };
        for t in 0..ntasks {
            let b = t * chunk;
            if b < numel {
                serial_for_each(&it, x, &mut buf, t, b, numel.min(b + chunk));
            }
        }
        out[0] = out[0].add(inner_row(&buf));
    } else {
        parallel_dim_reduction(&it, x, out, threads);
    }
}

fn parallel_dim_reduction<T: TorchFloat>(it: &Iter, x: &[T], out: &mut [T], threads: usize) {
    let nd = it.shape.len();
    // find_split_dim
    let mut best = nd - 1;
    let mut split = None;
    let mut d = nd as isize - 1;
    while d >= 0 && !it.is_dim_reduced(d as usize) {
        let du = d as usize;
        if it.shape[du] >= threads {
            split = Some(du);
            break;
        } else if it.shape[du] > it.shape[best] {
            best = du;
        }
        d -= 1;
    }
    let dim = split.unwrap_or(best);
    let cols = it.shape[dim];
    let round = it.sin[dim] == 1;
    let per128 = 128 / std::mem::size_of::<T>();
    // parallel_for(0, cols, 1)
    let ranges: Vec<(usize, usize)> = if cols > 1 {
        let nt = threads.min(cols);
        let chunk = cols.div_ceil(nt);
        (0..nt)
            .filter(|t| t * chunk < cols)
            .map(|t| (t * chunk, cols.min((t + 1) * chunk)))
            .collect()
    } else {
        vec![(0, cols)]
    };
    for (mut b, mut e) in ranges {
        if round {
            b -= b % per128;
            if e != cols {
                e -= e % per128;
            }
        }
        if b == e {
            continue;
        }
        let mut sub = it.clone();
        sub.shape[dim] = e - b;
        sub.xo += b * it.sin[dim];
        sub.oo += b * it.sout[dim];
        let n = sub.numel();
        if n == 0 {
            continue;
        }
        let oo = sub.oo;
        serial_for_each(&sub, x, out, oo, 0, n);
    }
}
