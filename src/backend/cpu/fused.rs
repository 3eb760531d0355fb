//! Fused elementwise programs (`ir::lazy::Program`) on the CPU, the numexpr way: the
//! output is cut into blocks that stay in cache, each step of the program runs over a
//! block in a tight loop the compiler vectorises, and blocks run in parallel (rayon)
//! above a size threshold, serially below it. Contiguous leaves are read in place;
//! strided and broadcast ones are gathered a row at a time, so movement ops never copy.
//! Every elementwise op runs through here, deferred or not, so fused and eager results
//! are the same bits.

use super::arith::Arith;
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::elem::{Elem, cast};
use crate::array::layout::Layout;
use crate::array::storage::{Buffer, Typed};
use crate::ir::lazy::{Node, Program, Step};
use crate::ir::{BinaryOp, Op};
use crate::with_dtype;
use rayon::prelude::*;
use std::mem::MaybeUninit;

/// Elements per block: a few registers of this size fit in L2.
const BLOCK: usize = 4096;
/// Elements per parallel task (a run of blocks).
const TASK: usize = 16 * BLOCK;
/// Outputs of at least this many bytes are written with streaming stores.
const STREAM_MIN_BYTES: usize = 8 << 20;
/// Below this many elements the program runs on the calling thread.
const PARALLEL_MIN: usize = 1 << 17;

macro_rules! sources {
    ($($v:ident: $t:ty),*) => {
        /// A typed, borrowed run of elements.
        #[derive(Clone, Copy)]
        enum Src<'a> {
            $($v(&'a [$t])),*
        }

        impl<'a> Src<'a> {
            fn of(b: &'a Buffer) -> Option<Src<'a>> {
                match b {
                    $(Buffer::$v(x) => Some(Src::$v(x)),)*
                    _ => None,
                }
            }

            fn range(self, start: usize, len: usize) -> Option<Src<'a>> {
                match self {
                    $(Src::$v(x) => x.get(start..start + len).map(Src::$v),)*
                }
            }

            fn len(self) -> usize {
                match self {
                    $(Src::$v(x) => x.len(),)*
                }
            }
        }

        /// The typed slice inside a `Src`.
        trait Pick: Typed + Arith + Send + Sync {
            fn pick(s: Src<'_>) -> Result<&[Self], String>;
        }

        $(impl Pick for $t {
            fn pick(s: Src<'_>) -> Result<&[Self], String> {
                match s {
                    Src::$v(x) => Ok(x),
                    #[allow(unreachable_patterns)]
                    _ => Err(format!("fused kernel: operand is not {:?}", <$t as Elem>::DTYPE)),
                }
            }
        })*
    };
}

sources!(Bool: bool, I8: i8, I16: i16, I32: i32, I64: i64, U8: u8, U16: u16, U32: u32, U64: u64,
    F16: half::f16, BF16: half::bf16, F32: f32, F64: f64,
    C64: crate::array::elem::Complex64, C128: crate::array::elem::Complex128);

/// One leaf, borrowed for the run.
struct Leaf<'a> {
    data: Src<'a>,
    layout: &'a Layout,
    contiguous: bool,
    /// One element broadcast everywhere (all strides 0): its register is filled once
    /// per task, not per block.
    constant: bool,
}

/// One elementwise op, run at once. A small one (a block or less, the common case in an
/// interpreter loop) goes straight to the op's kernel with no program or registers.
pub fn single(op: &Op, inputs: &[&NdArray], shape: &[usize], dtype: DType) -> Result<Buffer, String> {
    let n = crate::array::layout::numel(shape);
    let on_host = |a: &&NdArray| !matches!(&*a.storage.borrow(), Buffer::Lazy(_)) && !a.storage.borrow().on_gpu();
    if n > BLOCK || inputs.len() > 3 || !inputs.iter().all(on_host) {
        return run(&Program::single(op, inputs, shape, dtype));
    }
    let guards: Vec<_> = inputs.iter().map(|a| a.storage.borrow()).collect();
    let mut gathered: [Option<Buffer>; 3] = [None, None, None];
    let mut ins = [(DType::Bool, Src::Bool(&[])); 3];
    for (k, (a, g)) in inputs.iter().zip(&guards).enumerate() {
        let data = Src::of(g).ok_or("kernel: an operand is not on the host")?;
        if !fits(&a.layout, data.len()) {
            return Err("kernel: view out of storage bounds".into());
        }
        if !a.layout.is_contiguous() {
            let mut reg = Buffer::zeros(a.dtype, n);
            with_dtype!(a.dtype, T => gather::<T>(T::pick(data)?, &a.layout, 0, out::<T>(&mut reg, n)?));
            gathered[k] = Some(reg);
        }
    }
    for (k, a) in inputs.iter().enumerate() {
        let data = match &gathered[k] {
            Some(reg) => Src::of(reg),
            None => Src::of(&guards[k]).and_then(|d| d.range(a.layout.offset, n)),
        };
        ins[k] = (a.dtype, data.ok_or("kernel: bad operand")?);
    }
    let mut result = Buffer::zeros(dtype, n);
    apply(op, &ins[..inputs.len()], dtype, &mut result, n)?;
    Ok(result)
}

/// Runs `p`, returning its elements (row-major, `p.len()` of them).
pub fn run(p: &Program) -> Result<Buffer, String> {
    let hosts: Vec<_> = p.leaves.iter().map(super::host).collect::<Result<_, _>>()?;
    let guards: Vec<_> = hosts.iter().map(|h| h.storage.borrow()).collect();
    let mut leaves = Vec::with_capacity(hosts.len());
    for (h, g) in hosts.iter().zip(&guards) {
        let data = Src::of(g).ok_or("fused kernel: a leaf is not on the host")?;
        if !fits(&h.layout, data.len()) {
            return Err("fused kernel: view out of storage bounds".into());
        }
        leaves.push(Leaf {
            data,
            layout: &h.layout,
            contiguous: h.layout.is_contiguous(),
            constant: !h.layout.is_contiguous() && h.layout.strides.iter().all(|&st| st == 0),
        });
    }
    let n = p.len();
    with_dtype!(p.dtype, T => Ok(T::wrap(drive::<T>(&p.steps, &leaves, n)?)))
}

/// Copies a block's result into the output. For outputs larger than the caches, with
/// streaming stores: the output's lines are written without first being read from
/// memory (a quarter of `a + b`'s memory traffic otherwise) and without evicting the
/// operands from the cache.
fn copy_out<T: Copy>(src: &[T], dst: &mut [MaybeUninit<T>], stream: bool) {
    let len = src.len().min(dst.len());
    #[cfg(target_arch = "x86_64")]
    if stream {
        use std::arch::x86_64::{__m128i, _mm_loadu_si128, _mm_stream_si128};
        let bytes = len * std::mem::size_of::<T>();
        let (s, d) = (src.as_ptr().cast::<u8>(), dst.as_mut_ptr().cast::<u8>());
        let head = d.align_offset(16).min(bytes);
        // SAFETY: `src` and `dst` each hold at least `bytes` bytes and do not overlap
        // (one is a register, the other the output); the streamed addresses are
        // 16-byte aligned; SSE2 is part of x86_64.
        unsafe {
            std::ptr::copy_nonoverlapping(s, d, head);
            let mut i = head;
            while i + 16 <= bytes {
                _mm_stream_si128(d.add(i).cast::<__m128i>(), _mm_loadu_si128(s.add(i).cast::<__m128i>()));
                i += 16;
            }
            std::ptr::copy_nonoverlapping(s.add(i), d.add(i), bytes - i);
        }
        return;
    }
    // SAFETY: both hold at least `len` elements and do not overlap; MaybeUninit<T> has
    // T's layout.
    unsafe { std::ptr::copy_nonoverlapping(src.as_ptr(), dst.as_mut_ptr().cast::<T>(), len) };
}

/// Whether every element of `l` lies in a storage of `len` elements.
pub(super) fn fits(l: &Layout, len: usize) -> bool {
    if l.numel() == 0 {
        return true;
    }
    let (mut lo, mut hi) = (l.offset as isize, l.offset as isize);
    for (&n, &s) in l.shape.iter().zip(&l.strides) {
        let reach = (n as isize - 1) * s;
        if reach < 0 { lo += reach } else { hi += reach }
    }
    lo >= 0 && (hi as usize) < len
}

fn drive<T: Pick>(steps: &[Step], leaves: &[Leaf], n: usize) -> Result<Vec<T>, String> {
    let mut out = crate::array::pool::alloc::<T>(n);
    let spare = &mut out.spare_capacity_mut()[..n];
    // An output larger than the caches is written around them.
    let stream = n * std::mem::size_of::<T>() >= STREAM_MIN_BYTES;
    let registers = || -> Result<Vec<Buffer>, String> {
        let size = n.min(BLOCK);
        let mut regs = Vec::with_capacity(steps.len());
        for s in steps {
            let leaf = match s.node {
                Node::Leaf(k) => leaves.get(k),
                Node::Apply(..) => None,
            };
            let mut reg = Buffer::zeros(s.dtype, if leaf.is_some_and(|l| l.contiguous) { 0 } else { size });
            if let Some(l) = leaf.filter(|l| l.constant) {
                with_dtype!(s.dtype, T => gather::<T>(T::pick(l.data)?, l.layout, 0, self::out::<T>(&mut reg, size)?));
            }
            regs.push(reg);
        }
        Ok(regs)
    };
    let task = |regs: &mut Vec<Buffer>, start: usize, chunk: &mut [MaybeUninit<T>]| -> Result<(), String> {
        for (b, part) in chunk.chunks_mut(BLOCK).enumerate() {
            if crate::interrupt::pending() {
                return Err(crate::interrupt::KEYBOARD_INTERRUPT.into());
            }
            let at = start + b * BLOCK;
            let result = block(steps, leaves, regs, at, part.len())?;
            copy_out(T::pick(result)?, part, stream);
        }
        #[cfg(target_arch = "x86_64")]
        if stream {
            // SAFETY: SSE2 is part of x86_64. Orders the streaming stores before the
            // task's completion is signalled.
            unsafe { std::arch::x86_64::_mm_sfence() };
        }
        Ok(())
    };
    if n >= PARALLEL_MIN && rayon::current_num_threads() > 1 {
        spare
            .par_chunks_mut(TASK)
            .enumerate()
            .try_for_each_init(registers, |regs, (i, chunk)| match regs {
                Ok(regs) => task(regs, i * TASK, chunk),
                Err(e) => Err(e.clone()),
            })?;
    } else {
        task(&mut registers()?, 0, spare)?;
    }
    // SAFETY: every one of the first `n` elements was written above (the chunks cover
    // the spare capacity exactly, and a failed block returned early).
    unsafe { out.set_len(n) };
    Ok(out)
}

/// Computes elements `start .. start + len` of every step; returns the last step's.
fn block<'a>(
    steps: &[Step],
    leaves: &[Leaf<'a>],
    regs: &'a mut [Buffer],
    start: usize,
    len: usize,
) -> Result<Src<'a>, String> {
    // Each step's elements: a leaf read in place, or a register.
    let mut place: Vec<Option<Src<'a>>> = Vec::with_capacity(steps.len());
    let mut rest: &'a mut [Buffer] = regs;
    let mut done: Vec<&'a Buffer> = Vec::with_capacity(steps.len());
    for step in steps {
        let (reg, tail) = rest.split_first_mut().ok_or("fused kernel: too few registers")?;
        rest = tail;
        let arg = |a: usize| -> Result<Src<'_>, String> {
            match place.get(a).copied().flatten() {
                Some(s) => Ok(s),
                None => done
                    .get(a)
                    .and_then(|r| Src::of(r))
                    .and_then(|s| s.range(0, len))
                    .ok_or_else(|| "fused kernel: bad operand".to_string()),
            }
        };
        let in_place = match &step.node {
            Node::Leaf(k) => {
                let l = leaves.get(*k).ok_or("fused kernel: bad leaf")?;
                if l.contiguous {
                    Some(
                        l.data
                            .range(l.layout.offset + start, len)
                            .ok_or("fused kernel: bad leaf")?,
                    )
                } else if l.constant {
                    None // filled when the register was made
                } else {
                    with_dtype!(step.dtype, T => gather::<T>(T::pick(l.data)?, l.layout, start, out::<T>(reg, len)?));
                    None
                }
            }
            Node::Apply(op, args) => {
                let ins: Vec<(DType, Src)> = args
                    .iter()
                    .map(|&a| Ok((steps.get(a).ok_or("fused kernel: bad step")?.dtype, arg(a)?)))
                    .collect::<Result<_, String>>()?;
                apply(op, &ins, step.dtype, reg, len)?;
                None
            }
        };
        place.push(in_place);
        done.push(reg);
    }
    match place.last().copied().flatten() {
        Some(s) => Ok(s),
        None => done
            .last()
            .and_then(|r| Src::of(r))
            .and_then(|s| s.range(0, len))
            .ok_or_else(|| "fused kernel: empty program".to_string()),
    }
}

/// The first `len` elements of a register, typed.
fn out<T: Typed>(reg: &mut Buffer, len: usize) -> Result<&mut [T], String> {
    T::slice_mut(reg)
        .and_then(|s| s.get_mut(..len))
        .ok_or_else(|| "fused kernel: register of the wrong type".to_string())
}

/// Elements `start .. start + out.len()` (row-major) of the view `l` of `data`.
fn gather<T: Copy>(data: &[T], l: &Layout, start: usize, out: &mut [T]) {
    if out.is_empty() {
        return;
    }
    if l.ndim() == 0 {
        out.fill(data[l.offset]);
        return;
    }
    // Dimensions that follow each other in memory walk as one (a transposed conv output's
    // [26, 26] planes are runs of 676, not 26): the same elements in the same order.
    let (mut shape, mut strides): (Vec<usize>, Vec<isize>) = (Vec::new(), Vec::new());
    for (&n, &st) in l.shape.iter().zip(&l.strides) {
        if n == 1 {
            continue;
        }
        if let (Some(ln), Some(ls)) = (shape.last_mut(), strides.last_mut())
            && *ls == st * n as isize
        {
            *ln *= n;
            *ls = st;
            continue;
        }
        shape.push(n);
        strides.push(st);
    }
    if shape.is_empty() {
        shape.push(1);
        strides.push(0);
    }
    let nd = shape.len();
    let mut idx = vec![0usize; nd];
    let mut rem = start;
    for d in (0..nd).rev() {
        idx[d] = rem % shape[d];
        rem /= shape[d];
    }
    let (inner, step) = (shape[nd - 1], strides[nd - 1]);
    let mut k = 0;
    while k < out.len() {
        let off = idx
            .iter()
            .zip(&strides)
            .fold(l.offset as isize, |o, (&i, &s)| o + i as isize * s);
        let take = (inner - idx[nd - 1]).min(out.len() - k);
        let dst = &mut out[k..k + take];
        match step {
            1 => dst.copy_from_slice(&data[off as usize..off as usize + take]),
            0 => dst.fill(data[off as usize]),
            _ => {
                for (i, o) in dst.iter_mut().enumerate() {
                    *o = data[(off + i as isize * step) as usize];
                }
            }
        }
        k += take;
        idx[nd - 1] = 0;
        for d in (0..nd - 1).rev() {
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
}

/// One elementwise op over a block: `ins` (dtype, elements) into `reg`.
fn apply(op: &Op, ins: &[(DType, Src)], dtype: DType, reg: &mut Buffer, len: usize) -> Result<(), String> {
    let (a_dtype, a) = *ins.first().ok_or("fused kernel: op without operands")?;
    let operand = |i: usize| ins.get(i).map(|x| x.1).ok_or("fused kernel: missing operand");
    match op {
        Op::Copy => with_dtype!(dtype, T => out::<T>(reg, len)?.copy_from_slice(T::pick(a)?)),
        Op::Cast(_) => with_dtype!(a_dtype, S => with_dtype!(dtype, D => {
            for (o, &x) in out::<D>(reg, len)?.iter_mut().zip(S::pick(a)?) {
                *o = cast::<S, D>(x);
            }
        })),
        Op::Unary(u, math) => with_dtype!(dtype, T => {
            if !T::has_unary(*u) {
                return Err(format!("{u:?} is not implemented for {}", dtype.numpy_name()));
            }
            T::unary_slice(*u, *math, T::pick(a)?, out::<T>(reg, len)?);
        }),
        Op::Binary(b) if b.is_comparison() => with_dtype!(a_dtype, T => {
            let (x, y) = (T::pick(a)?, T::pick(operand(1)?)?);
            compare(*b, x, y, out::<bool>(reg, len)?);
        }),
        Op::Binary(b) => with_dtype!(dtype, T => {
            if !T::has_binary(*b) {
                return Err(format!("{b:?} is not implemented for {}", dtype.numpy_name()));
            }
            let (x, y, o) = (T::pick(a)?, T::pick(operand(1)?)?, out::<T>(reg, len)?);
            if !T::fast_binary(*b, x, y, o) {
                let f = T::binary(*b);
                o.iter_mut().zip(x.iter().zip(y)).for_each(|(o, (&x, &y))| *o = f(x, y));
            }
        }),
        Op::Fma => with_dtype!(dtype, T => {
            let (x, y, z) = (T::pick(a)?, T::pick(operand(1)?)?, T::pick(operand(2)?)?);
            T::fma_slice(x, y, z, out::<T>(reg, len)?);
        }),
        Op::Where => with_dtype!(dtype, T => {
            let c = bool::pick(a)?;
            let (x, y) = (T::pick(operand(1)?)?, T::pick(operand(2)?)?);
            for (o, (&c, (&x, &y))) in out::<T>(reg, len)?.iter_mut().zip(c.iter().zip(x.iter().zip(y))) {
                *o = if c { x } else { y };
            }
        }),
        _ => return Err(format!("fused kernel: {op:?} is not elementwise")),
    }
    Ok(())
}

fn compare<T: PartialOrd>(op: BinaryOp, x: &[T], y: &[T], o: &mut [bool]) {
    let it = o.iter_mut().zip(x.iter().zip(y));
    match op {
        BinaryOp::Eq => it.for_each(|(o, (p, q))| *o = p == q),
        BinaryOp::Ne => it.for_each(|(o, (p, q))| *o = p != q),
        BinaryOp::Lt => it.for_each(|(o, (p, q))| *o = p < q),
        BinaryOp::Le => it.for_each(|(o, (p, q))| *o = p <= q),
        BinaryOp::Gt => it.for_each(|(o, (p, q))| *o = p > q),
        _ => it.for_each(|(o, (p, q))| *o = p >= q),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Elements of a view, walked by `Layout::offsets` (the reference order).
    fn walk(a: &NdArray) -> Vec<f32> {
        let g = a.storage.borrow();
        let data = f32::slice(&g).unwrap_or(&[]);
        a.layout.offsets().map(|o| data[o]).collect()
    }

    #[test]
    fn outputs_written_with_streaming_stores_are_complete() {
        // Past STREAM_MIN_BYTES, from a view at an odd offset, with a length that is not
        // a multiple of the block: every element arrives, in order.
        let n = (STREAM_MIN_BYTES / 4) + 4097;
        let base = NdArray::from_buffer(Buffer::F32((0..n + 3).map(|i| i as f32).collect()), &[n + 3]);
        let x = base.view(Layout::contiguous(&[n + 3]).slice(0, 3, 1, n));
        let got = single(&Op::Binary(BinaryOp::Add), &[&x, &x], &[n], DType::F32).unwrap_or(Buffer::F32(vec![]));
        let want: Vec<f32> = (0..n).map(|i| 2.0 * (i + 3) as f32).collect();
        assert!(f32::slice(&got) == Some(&want[..]), "streamed float32 output differs");
        let m = (STREAM_MIN_BYTES / 2) + 1;
        let ints = NdArray::from_buffer(Buffer::I16((0..m).map(|i| i as i16).collect()), &[m]);
        let got = single(&Op::Binary(BinaryOp::Sub), &[&ints, &ints], &[m], DType::I16).unwrap_or(Buffer::I16(vec![]));
        assert!(i16::slice(&got).is_some_and(|v| v.len() == m && v.iter().all(|&e| e == 0)));
    }

    #[test]
    fn blocks_and_strided_views_agree_with_a_plain_walk() {
        // 300 × 700 elements: many blocks, several parallel tasks, rows that straddle
        // block boundaries.
        let (r, c) = (300usize, 700usize);
        let base = NdArray::from_buffer(Buffer::F32((0..r * c).map(|i| i as f32).collect()), &[c, r]);
        let transposed = base.view(base.layout.transpose(0, 1));
        let reversed = base.view(
            Layout::contiguous(&[r * c])
                .slice(0, r * c - 1, -1, r * c)
                .reshape(&[r, c])
                .unwrap_or_else(|| Layout::contiguous(&[r, c])),
        );
        let row = NdArray::from_buffer(Buffer::F32((0..c).map(|i| i as f32 * 0.5).collect()), &[c]);
        let broadcast = row.view(
            row.layout
                .broadcast_to(&[r, c])
                .unwrap_or_else(|| Layout::contiguous(&[r, c])),
        );
        for (x, y) in [
            (&transposed, &reversed),
            (&reversed, &broadcast),
            (&broadcast, &transposed),
        ] {
            let got = single(&Op::Binary(BinaryOp::Sub), &[x, y], &[r, c], DType::F32).unwrap_or(Buffer::F32(vec![]));
            let want: Vec<f32> = walk(x).iter().zip(walk(y)).map(|(p, q)| p - q).collect();
            assert_eq!(f32::slice(&got), Some(&want[..]));
        }
    }
}
