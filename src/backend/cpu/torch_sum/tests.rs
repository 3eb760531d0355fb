//! Bit-for-bit checks against torch 2.15.0: the 1255 generated cases (table in
//! `tests/cases_1.rs` and `tests/cases_2.rs`), the spec's examples, and (ignored) timings.

use super::*;

mod cases_1;
mod cases_2;

// ---- inputs: a deterministic integer formula, exact in f32/f64 (gen_cases.py) ----

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E3779B97F4A7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
    z ^ (z >> 31)
}

fn pow2(e: i32) -> f64 {
    f64::from_bits(((1023 + e) as u64) << 52)
}

fn gen32(n: usize, seed: u64) -> Vec<f32> {
    (0..n as u64)
        .map(|i| {
            let h = splitmix((seed << 32).wrapping_add(i));
            let k = ((h & 0xff) % 21) as i32 - 10;
            let m = (h >> 40) as i64 - (1 << 23);
            (m as f64 * pow2(k - 23)) as f32
        })
        .collect()
}

fn gen64(n: usize, seed: u64) -> Vec<f64> {
    (0..n as u64)
        .map(|i| {
            let h = splitmix((seed << 32).wrapping_add(i));
            let k = ((h & 0xff) % 21) as i32 - 10;
            let m = (h >> 11) as i64 - (1 << 52);
            m as f64 * pow2(k - 52)
        })
        .collect()
}

trait Bits: TorchFloat {
    fn bits(self) -> u64;
    fn make(n: usize, seed: u64) -> Vec<Self>;
}
impl Bits for f32 {
    fn bits(self) -> u64 {
        self.to_bits() as u64
    }
    fn make(n: usize, seed: u64) -> Vec<f32> {
        gen32(n, seed)
    }
}
impl Bits for f64 {
    fn bits(self) -> u64 {
        self.to_bits()
    }
    fn make(n: usize, seed: u64) -> Vec<f64> {
        gen64(n, seed)
    }
}

fn fnv<T: Bits>(v: &[T]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &x in v {
        h = (h ^ x.bits()).wrapping_mul(0x100000001b3);
    }
    h
}

const K_FULL: u8 = 0;
const K_ROWS: u8 = 1;
const K_COLS: u8 = 2;
const K_MIDDLE: u8 = 3;
const K_GEN: u8 = 4;
const FULL: u8 = K_FULL;
const ROWS: u8 = K_ROWS;
const COLS: u8 = K_COLS;
const MIDDLE: u8 = K_MIDDLE;
const GEN: u8 = K_GEN;
const ALL: Option<&[usize]> = None;

/// A torch case: `x` = the formula's `prod(base)` values, viewed as `base`, sliced,
/// permuted, expanded; `torch.sum`/`torch.mean` over `dims` (all when `None`) with
/// `torch.set_num_threads(threads)`; `hash` is FNV-1a over the result's bits.
#[allow(clippy::too_many_arguments)]
const fn c(
    f64: u8,
    threads: usize,
    kind: u8,
    base: &'static [usize],
    slices: &'static [(usize, usize, usize, usize)],
    perm: &'static [usize],
    expand: &'static [usize],
    dims: Option<&'static [usize]>,
    mean: u8,
    seed: u64,
    n_out: usize,
    hash: u64,
) -> Case {
    Case {
        f64: f64 == 1,
        threads,
        kind,
        base,
        slices,
        perm,
        expand,
        dims,
        mean: mean == 1,
        seed,
        n_out,
        hash,
    }
}

struct Case {
    f64: bool,
    threads: usize,
    kind: u8,
    base: &'static [usize],
    /// (dim, start, stop, step) applied to the contiguous base before `perm`.
    slices: &'static [(usize, usize, usize, usize)],
    perm: &'static [usize],
    /// torch `expand` to this shape after `perm` (stride 0 on broadcast dims).
    expand: &'static [usize],
    dims: Option<&'static [usize]>,
    mean: bool,
    seed: u64,
    n_out: usize,
    hash: u64,
}

#[derive(Default)]
struct Tally {
    strided: usize,
    special: usize,
    by_kind: [usize; 5],
    f64s: usize,
    threaded: usize,
}

fn run_case<T: Bits>(c: &Case, t: &mut Tally) -> Result<(), String> {
    let numel: usize = c.base.iter().product();
    let x = T::make(numel, c.seed);
    // view
    let nd = c.base.len();
    let mut shape = c.base.to_vec();
    let mut strides = vec![0usize; nd];
    let mut acc = 1;
    for d in (0..nd).rev() {
        strides[d] = acc;
        acc *= shape[d];
    }
    let mut offset = 0;
    for &(d, a, b, s) in c.slices {
        offset += a * strides[d];
        shape[d] = (b - a).div_ceil(s);
        strides[d] *= s;
    }
    if !c.perm.is_empty() {
        shape = c.perm.iter().map(|&p| shape[p]).collect();
        strides = c.perm.iter().map(|&p| strides[p]).collect();
    }
    if !c.expand.is_empty() {
        for d in 0..nd {
            if shape[d] == 1 && c.expand[d] != 1 {
                strides[d] = 0;
                shape[d] = c.expand[d];
            }
        }
    }
    let reduce: Vec<bool> = match c.dims {
        None => vec![true; nd],
        Some(ds) => (0..nd).map(|d| ds.contains(&d)).collect(),
    };
    let count: usize = shape
        .iter()
        .zip(&reduce)
        .filter(|(_, r)| **r)
        .map(|(s, _)| *s)
        .product();
    let n_out: usize = shape
        .iter()
        .zip(&reduce)
        .filter(|(_, r)| !**r)
        .map(|(s, _)| *s)
        .product();
    if n_out != c.n_out {
        return Err(format!("output size {} != torch {}", n_out, c.n_out));
    }
    let fin = |mut v: Vec<T>| {
        if c.mean {
            for e in v.iter_mut() {
                *e = mean_of_sum(*e, count);
            }
        }
        v
    };
    let check = |name: &str, v: &[T]| -> Result<(), String> {
        if fnv(v) != c.hash {
            return Err(format!(
                "{name}: hash {:#x} != torch {:#x} (first value {:?})",
                fnv(v),
                c.hash,
                v.first()
            ));
        }
        Ok(())
    };
    let mut out = vec![T::ZERO; n_out];
    sum_strided(&x, offset, &shape, &strides, &reduce, c.threads, &mut out);
    check("sum_strided", &fin(out))?;
    t.strided += 1;
    // The fast entry points, where their documented preconditions hold.
    let plain = c.slices.is_empty() && c.perm.is_empty() && c.expand.is_empty();
    let ser = c.threads == 1 || numel < GRAIN_SIZE;
    let lead = |k: usize| -> usize { shape[..k].iter().product() };
    let trail = |k: usize| -> usize { shape[k..].iter().product() };
    let mut out = vec![T::ZERO; n_out];
    let done = match c.kind {
        _ if !plain => false,
        K_FULL => {
            out[0] = sum_contiguous(&x, c.threads);
            true
        }
        K_ROWS => {
            let k = nd - c.dims.unwrap().len();
            let (rows, n) = (lead(k), trail(k));
            if rows == 1 {
                out[0] = sum_contiguous(&x, c.threads);
                true
            } else {
                sum_rows(&x, rows, n, &mut out);
                true
            }
        }
        K_COLS => {
            let k = c.dims.unwrap().len();
            let (m, n) = (lead(k), trail(k));
            if n == 1 {
                out[0] = sum_contiguous(&x, c.threads);
                true
            } else if ser || c.threads == 2 {
                sum_cols(&x, m, n, &mut out);
                true
            } else {
                false
            }
        }
        K_MIDDLE => {
            let (a, m, b) = (shape[0], shape[1], shape[2]);
            if ser || (c.threads == 2 && b > 1 && a > 1) || (c.threads <= a && b > 1) {
                sum_middle(&x, a, m, b, &mut out);
                true
            } else {
                false
            }
        }
        _ => false,
    };
    if done {
        check("fast entry point", &fin(out))?;
        t.special += 1;
        t.by_kind[c.kind as usize] += 1;
    }
    Ok(())
}

#[test]
fn matches_torch_bit_for_bit() {
    let mut t = Tally::default();
    let mut fails = vec![];
    for (i, c) in cases().enumerate() {
        let r = if c.f64 {
            run_case::<f64>(c, &mut t)
        } else {
            run_case::<f32>(c, &mut t)
        };
        if c.f64 {
            t.f64s += 1;
        }
        if c.threads > 1 {
            t.threaded += 1;
        }
        if let Err(e) = r {
            fails.push(format!(
                "case {i} (f64 {}, T {}, base {:?}, slices {:?}, perm {:?}, dims {:?}, mean {}): {e}",
                c.f64, c.threads, c.base, c.slices, c.perm, c.dims, c.mean
            ));
        }
    }
    println!(
        "{} torch cases ({} f64, {} with threads > 1): sum_strided matched {}; fast entry points matched {} \
         (full {}, rows {}, cols {}, middle {})",
        cases().count(),
        t.f64s,
        t.threaded,
        t.strided,
        t.special,
        t.by_kind[0],
        t.by_kind[1],
        t.by_kind[2],
        t.by_kind[3]
    );
    assert!(fails.is_empty(), "{} mismatches:\n{}", fails.len(), fails.join("\n"));
}

#[test]
fn spec_examples() {
    // N = 5: (((x0 + x4) + x1) + x2) + x3, not the sequential order.
    assert_eq!(sum_contiguous(&[1.0f32, 1e8, 1.0, 1.0, -1e8], 1), 2.0);
    // -0.0 sums to +0.0.
    assert_eq!(sum_contiguous(&[-0.0f32], 1).to_bits(), 0);
    assert_eq!(sum_contiguous::<f64>(&[], 4), 0.0);
    let mut o = [1.0f32; 3];
    sum_cols::<f32>(&[], 0, 3, &mut o);
    assert_eq!(o, [0.0; 3]);
    assert_eq!(two_pass_chunks(65537, 2), vec![0..32769, 32769..65537]);
    assert_eq!(two_pass_chunks(32768, 2), vec![0..32768]);
    assert_eq!(mean_of_sum(1.0f32, 3), 1.0f32 / 3.0);
}

fn time<R>(mut f: impl FnMut() -> R) -> (f64, R) {
    let mut best = f64::INFINITY;
    let mut r = f();
    for _ in 0..5 {
        let t0 = std::time::Instant::now();
        r = std::hint::black_box(f());
        best = best.min(t0.elapsed().as_secs_f64());
    }
    (best * 1e3, r)
}

fn timing_for<T: Bits + std::ops::Add<Output = T>>(name: &str) {
    let n = 10_000_000;
    let x = T::make(n, 7);
    let x = std::hint::black_box(x);
    let (tn, _) = time(|| x.iter().fold(T::ZERO, |a, &b| a + b));
    let (t1, _) = time(|| sum_contiguous(&x, 1));
    let (t2, _) = time(|| sum_contiguous(&x, 2));
    let mut out = vec![T::ZERO; 10_000];
    let (tr, _) = time(|| sum_rows(&x, 1000, 10_000, &mut out));
    let mut outr = vec![T::ZERO; 1_000_000];
    let (trs, _) = time(|| sum_rows(&x, 1_000_000, 10, &mut outr));
    let mut out2 = vec![T::ZERO; 10_000];
    let (tc, _) = time(|| sum_cols(&x, 1000, 10_000, &mut out2));
    let (tnc, _) = time(|| {
        // naive column sums: row-by-row accumulation (vectorisable)
        let mut o = vec![T::ZERO; 10_000];
        for r in x.chunks_exact(10_000) {
            for (a, &b) in o.iter_mut().zip(r) {
                *a = *a + b;
            }
        }
        o
    });
    let mut out3 = vec![T::ZERO; 100 * 100];
    let (tm, _) = time(|| sum_middle(&x, 100, 1000, 100, &mut out3));
    let mut out4 = vec![T::ZERO; 1];
    let (ts, _) = time(|| sum_strided(&x, 0, &[n], &[1], &[true], 1, &mut out4));
    println!(
        "{name}, 1e7 elements, ms (best of 5): naive sequential fold {tn:.2}; sum_contiguous T=1 {t1:.2}, \
         T=2 {t2:.2}; sum_strided full {ts:.2}; sum_rows 1000x10000 {tr:.2}; sum_rows 1e6x10 {trs:.2}; \
         sum_cols 1000x10000 {tc:.2} (naive row-accumulate {tnc:.2}); sum_middle 100x1000x100 {tm:.2}"
    );
}

/// Timings only (no assertion); meaningful in a release build:
/// `cargo test --release torch_sum -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing_1e7() {
    timing_for::<f32>("f32");
    timing_for::<f64>("f64");
}

/// The torch cases in generation order (the table is split over two files).
const CASES: [&[Case]; 2] = [cases_1::CASES, cases_2::CASES];

fn cases() -> impl Iterator<Item = &'static Case> {
    CASES.iter().flat_map(|part| part.iter())
}
