//! How PyTorch's CPU kernels cut a tensor's elements into inner loops and share them out
//! over threads (`TensorIterator::for_each`, `at::parallel_for`): the chunks, the loops
//! within them, and running each chunk on a thread of its own.

use std::ops::Range;

/// Runs `f(range, &mut out[range])` over each inner loop of [`row_loops`], the threads'
/// chunks on threads of their own as PyTorch runs them (each element's value is the same
/// however the loops are shared out: only where loops start and end matters).
pub(super) fn each_loop<T: Send>(
    out: &mut [T],
    row_len: usize,
    threads: usize,
    grain: usize,
    f: impl Fn(Range<usize>, &mut [T]) + Sync,
) {
    let cols = row_len.max(1);
    let rows = out.len() / cols;
    let chunks = thread_chunks_grain(rows * cols, threads, grain);
    let run_chunk = |ch: Range<usize>, piece: &mut [T]| {
        let mut i = ch.start;
        let mut rest = piece;
        while i < ch.end {
            let e = ((i / cols + 1) * cols).min(ch.end);
            let (now, later) = rest.split_at_mut(e - i);
            f(i..e, now);
            rest = later;
            i = e;
        }
    };
    if chunks.len() <= 1 {
        for ch in chunks {
            let piece = &mut out[ch.clone()];
            run_chunk(ch, piece);
        }
        return;
    }
    let mut pieces = Vec::with_capacity(chunks.len());
    let mut rest = &mut out[..];
    let mut at = 0;
    for ch in &chunks {
        let (skip, tail) = rest.split_at_mut(ch.start - at);
        let _ = skip;
        let (piece, tail) = tail.split_at_mut(ch.len());
        pieces.push((ch.clone(), piece));
        rest = tail;
        at = ch.end;
    }
    use rayon::prelude::*;
    pieces.into_par_iter().for_each(|(ch, piece)| run_chunk(ch, piece));
}

/// `at::internal::GRAIN_SIZE`, the grain of `cpu_kernel_vec`.
pub const GRAIN: usize = 32768;

/// How `TensorIterator::for_each` / `at::parallel_for` (OpenMP) split `0..n` over `threads`.
pub fn thread_chunks_grain(n: usize, threads: usize, grain: usize) -> Vec<Range<usize>> {
    if n == 0 {
        return vec![];
    }
    if n < grain || threads <= 1 {
        return std::iter::once(0..n).collect();
    }
    let tasks = threads.min(n.div_ceil(grain.max(1)));
    let chunk = n.div_ceil(tasks);
    (0..tasks)
        .map(|t| t * chunk..((t + 1) * chunk).min(n))
        .filter(|r| !r.is_empty())
        .collect()
}

/// [`thread_chunks_grain`] with [`GRAIN`]: a contiguous tensor's inner loops.
pub fn thread_chunks(n: usize, threads: usize) -> Vec<Range<usize>> {
    thread_chunks_grain(n, threads, GRAIN)
}

/// The inner loops (ranges of the packed index) of `rows` rows of `cols` elements: each
/// thread chunk of `0..rows * cols` cut at row boundaries.
pub fn row_loops(rows: usize, cols: usize, threads: usize, grain: usize) -> Vec<Range<usize>> {
    let mut v = vec![];
    for ch in thread_chunks_grain(rows * cols, threads, grain) {
        let mut i = ch.start;
        while i < ch.end {
            let e = ((i / cols + 1) * cols).min(ch.end);
            v.push(i..e);
            i = e;
        }
    }
    v
}
