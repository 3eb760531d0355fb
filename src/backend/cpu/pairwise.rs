//! NumPy's pairwise summation of float32/float64 (`pairwise_sum` in NumPy's
//! `loops_utils.h`), reproduced to the bit: runs of at most 128 elements are added with
//! eight accumulators in the element type and combined as ((r0+r1)+(r2+r3)) +
//! ((r4+r5)+(r6+r7)), the rest added in order; longer runs are split in two at a multiple
//! of eight. The eight accumulators are one vector register (AVX2/AVX-512 loops where
//! the CPU has them), and long runs add their two halves on two threads: the tree is
//! fixed by the length, so neither changes a bit.

use crate::array::dtype::DType;
use crate::array::elem::Elem;

/// NumPy's block of eight-accumulator sums.
const BLOCK: usize = 128;
/// Runs at least this long add their halves in parallel.
const PARALLEL_MIN: usize = 1 << 16;

/// NumPy's sum of the run `r`: `0 + pairwise(r)` (so the sum of negative zeros is 0.0),
/// for float32 and float64; other element types are added in f64.
pub fn sum<T: Elem>(r: &[T]) -> T {
    match T::DTYPE {
        DType::F32 => {
            // SAFETY: T is f32 (its dtype says so).
            let r = unsafe { std::slice::from_raw_parts(r.as_ptr().cast::<f32>(), r.len()) };
            T::from_f64((0.0 + wide_f32(r)) as f64)
        }
        DType::F64 => {
            // SAFETY: T is f64 (its dtype says so).
            let r = unsafe { std::slice::from_raw_parts(r.as_ptr().cast::<f64>(), r.len()) };
            T::from_f64(0.0 + tree(r, &serial))
        }
        _ => T::from_f64(r.iter().map(|x| x.to_f64()).sum()),
    }
}

/// The float32 recursion compiled with `$features`, sibling blocks interleaved
/// (`leaf2_avx`), as a function of a run; only for a CPU that has those features.
#[cfg(target_arch = "x86_64")]
macro_rules! wide_serial {
    ($features:literal) => {{
        #[target_feature(enable = $features)]
        fn wide(r: &[f32]) -> f32 {
            if r.len() <= BLOCK {
                return leaf(r);
            }
            let (a, b) = halves(r);
            if a.len() <= BLOCK && b.len() <= BLOCK {
                let [x, y] = leaf2_avx(a, b);
                return x + y;
            }
            wide(a) + wide(b)
        }
        wide
    }};
}

fn wide_f32(r: &[f32]) -> f32 {
    #[cfg(target_arch = "x86_64")]
    {
        if super::x86_v4() {
            let wide = wide_serial!("avx512f,avx512vl,avx512dq,avx512bw,avx2");
            // SAFETY: the CPU has AVX-512 F/VL/DQ/BW (checked above), and with them AVX2.
            return tree(r, &|b: &[f32]| unsafe { wide(b) });
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            let wide = wide_serial!("avx2");
            // SAFETY: the CPU has AVX2 (checked above).
            return tree(r, &|b: &[f32]| unsafe { wide(b) });
        }
    }
    tree(r, &serial)
}

/// The pairwise sum of a run, on this thread.
fn serial<T: Copy + Default + std::ops::Add<Output = T>>(r: &[T]) -> T {
    if r.len() <= BLOCK {
        return leaf(r);
    }
    let (a, b) = halves(r);
    serial(a) + serial(b)
}

/// `leaf` of two blocks (each at least eight elements long) for float32, with one AVX
/// register per block's eight accumulators (lane k adds the block's elements k, k+8, …
/// in order, as `leaf` does): two independent chains of adds instead of one.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
#[inline]
fn leaf2_avx(a: &[f32], b: &[f32]) -> [f32; 2] {
    use std::arch::x86_64::{_mm256_add_ps, _mm256_loadu_ps, _mm256_storeu_ps};
    let common = 8 * (a.len().min(b.len()) / 8);
    if common < 8 {
        return [leaf(a), leaf(b)];
    }
    // SAFETY: both blocks hold at least `common` elements, a multiple of eight, so every
    // load reads eight elements inside its block; each store fills an eight-float array.
    unsafe {
        let (pa, pb) = (a.as_ptr(), b.as_ptr());
        let (mut x, mut y) = (_mm256_loadu_ps(pa), _mm256_loadu_ps(pb));
        let mut i = 8;
        while i < common {
            x = _mm256_add_ps(x, _mm256_loadu_ps(pa.add(i)));
            y = _mm256_add_ps(y, _mm256_loadu_ps(pb.add(i)));
            i += 8;
        }
        let (mut lx, mut ly) = ([0.0f32; 8], [0.0f32; 8]);
        _mm256_storeu_ps(lx.as_mut_ptr(), x);
        _mm256_storeu_ps(ly.as_mut_ptr(), y);
        [finish(lx, a, common), finish(ly, b, common)]
    }
}

/// NumPy's split of a run longer than BLOCK: the first half rounded down to a multiple
/// of eight.
#[inline(always)]
fn halves<T>(r: &[T]) -> (&[T], &[T]) {
    let half = r.len() / 2;
    r.split_at(half - half % 8)
}

/// The levels of the tree above PARALLEL_MIN, their halves on two threads; `below` sums
/// a shorter run on this thread (the same tree, so the same bits).
fn tree<T: Copy + Send + Sync + std::ops::Add<Output = T>>(r: &[T], below: &(dyn Fn(&[T]) -> T + Sync)) -> T {
    if r.len() < PARALLEL_MIN {
        return below(r);
    }
    let (a, b) = halves(r);
    let (x, y) = rayon::join(|| tree(a, below), || tree(b, below));
    x + y
}

/// A run of at most BLOCK elements, as NumPy adds it.
#[inline(always)]
fn leaf<T: Copy + Default + std::ops::Add<Output = T>>(r: &[T]) -> T {
    let n = r.len();
    if n < 8 {
        return r.iter().fold(T::default(), |acc, &x| acc + x);
    }
    let mut acc = [T::default(); 8];
    acc.copy_from_slice(&r[..8]);
    finish(acc, r, 8)
}

/// The rest of `leaf` once the accumulators hold the elements before `from` (a multiple
/// of eight): the remaining eight-element steps, the accumulators' tree, then the tail.
#[inline(always)]
fn finish<T: Copy + std::ops::Add<Output = T>>(mut acc: [T; 8], r: &[T], from: usize) -> T {
    let n = r.len();
    let whole = n - n % 8;
    for c in r[from.min(whole)..whole].chunks_exact(8) {
        for k in 0..8 {
            acc[k] = acc[k] + c[k];
        }
    }
    let mut res = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for &x in &r[whole..] {
        res = res + x;
    }
    res
}

/// NumPy's pairwise sum of complex numbers (`C@TYPE@_pairwise_sum`), each part added in
/// its own float type: runs of at most 64 elements with four complex accumulators
/// combined as (c0+c1)+(c2+c3), the rest in order; longer runs split in two at a multiple
/// of four elements. The reduction starts from 0 (`0 + pairwise(r)`), as for floats.
macro_rules! complex_pairwise {
    ($name:ident, $t:ty, $f:ty) => {
        pub fn $name(r: &[$t]) -> $t {
            fn add(a: $t, b: $t) -> $t {
                <$t>::new(a.re + b.re, a.im + b.im)
            }
            fn go(r: &[$t]) -> $t {
                let n = r.len();
                if n < 4 {
                    return r.iter().fold(<$t>::new(-0.0, -0.0), |acc, &x| add(acc, x));
                }
                if n <= 64 {
                    let mut acc = [r[0], r[1], r[2], r[3]];
                    let whole = n - n % 4;
                    for c in r[4..whole].chunks_exact(4) {
                        for k in 0..4 {
                            acc[k] = add(acc[k], c[k]);
                        }
                    }
                    let mut res = add(add(acc[0], acc[1]), add(acc[2], acc[3]));
                    for &x in &r[whole..] {
                        res = add(res, x);
                    }
                    return res;
                }
                // n2 = n_floats / 2 rounded down to a multiple of 8 floats.
                let half = n - n % 8;
                let (a, b) = r.split_at(half / 2);
                add(go(a), go(b))
            }
            add(<$t>::new(0.0, 0.0), go(r))
        }
    };
}

complex_pairwise!(sum_c64, crate::array::elem::Complex64, f32);
complex_pairwise!(sum_c128, crate::array::elem::Complex128, f64);

#[cfg(test)]
mod tests {
    use super::*;

    /// The vectorised, interleaved and parallel paths add in exactly the plain
    /// recursion's order, for every length up to a few blocks and some long runs.
    #[test]
    fn every_path_adds_in_numpys_order() {
        let x: Vec<f32> = (0..300_000).map(|i| ((i as f32) * 0.37).sin() * 1000.0 + 0.1).collect();
        let lengths = (0..1100).chain([4097, 65535, 65536, 65537, 131_079, 300_000]);
        for n in lengths {
            let r = &x[..n];
            let plain = 0.0 + tree(r, &serial);
            assert_eq!(sum(r).to_bits(), plain.to_bits(), "length {n}");
            let d: Vec<f64> = r.iter().map(|&v| v as f64 * 1.1).collect();
            assert_eq!(
                sum(&d[..]).to_bits(),
                (0.0 + serial(&d[..])).to_bits(),
                "f64 length {n}"
            );
        }
    }
}
