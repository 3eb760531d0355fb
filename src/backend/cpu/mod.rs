//! The CPU backend: one kernel per primitive op, generic over element types. Strided
//! inputs are walked by their layouts; contiguous ones are read in place.

mod arith;
pub mod fused;
mod libmath;
mod matmul;
mod pairwise;
// The entry points beside `sum_strided` are kept for their tests and for callers that
// split a sum over threads themselves.
pub mod npymath;
pub mod pocketfft;
pub mod rnn;
pub mod sleef;
mod thread_loops;
pub mod torch_act;
pub mod torch_softmax;
#[allow(dead_code)]
pub(crate) mod torch_sum;
mod vmath;
mod windows;

pub use arith::float_divmod;

use super::Backend;
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::elem::Elem;
use crate::array::storage::{Buffer, Typed};
use crate::ir::{BinaryOp, Op, ReduceOp};
use crate::with_dtype;
use arith::Arith;
use std::borrow::Cow;

pub struct Cpu;

impl Backend for Cpu {
    fn execute(&self, op: &Op, inputs: &[&NdArray], shape: &[usize], dtype: DType) -> Result<NdArray, String> {
        execute(op, inputs, shape, dtype)
    }
}

/// The array with its elements on the host: itself, or a copy of a gpu buffer.
pub fn host(a: &NdArray) -> Result<NdArray, String> {
    #[cfg(feature = "gpu")]
    {
        let guard = a.storage.borrow();
        if let Some(g) = crate::backend::wgpu::of(&guard) {
            let buf = crate::backend::wgpu::download(g)?;
            return Ok(NdArray {
                storage: std::rc::Rc::new(std::cell::RefCell::new(buf)),
                layout: a.layout.clone(),
                dtype: a.dtype,
            });
        }
    }
    Ok(a.clone())
}

pub fn execute(op: &Op, inputs: &[&NdArray], shape: &[usize], dtype: DType) -> Result<NdArray, String> {
    if crate::ir::lazy::fusable(op) {
        return Ok(NdArray::from_buffer(fused::single(op, inputs, shape, dtype)?, shape));
    }
    let hosts: Vec<NdArray> = inputs.iter().map(|a| host(a)).collect::<Result<_, _>>()?;
    let inputs: Vec<&NdArray> = hosts.iter().collect();
    let inputs = inputs.as_slice();
    let a = inputs[0];
    let buf = match op {
        Op::Copy | Op::Cast(_) | Op::Unary(..) | Op::Binary(_) | Op::Where | Op::Fma => {
            return Err(format!("{op:?} is elementwise: it runs fused"));
        }
        Op::Reduce { op, axes, .. } => with_dtype!(a.dtype, T => reduce::<T>(*op, a, axes)?),
        Op::CumSum(axis) => with_dtype!(a.dtype, T => cumsum::<T>(a, *axis)?),
        Op::MatMul => with_dtype!(a.dtype, T => matmul::matmul::<T>(a, inputs[1])?),
        Op::Gather => with_dtype!(a.dtype, T => {
            let (src, pos) = (read::<T>(a)?, read::<i64>(inputs[1])?);
            let pick = |&p: &i64| src.get(p as usize).copied().ok_or("gather: position out of range");
            let mut out = crate::array::pool::alloc(pos.len());
            for p in pos.iter() {
                out.push(pick(p)?);
            }
            T::wrap(out)
        }),
        Op::Im2Col(w) => with_dtype!(a.dtype, T => T::wrap(windows::im2col::<T>(&read::<T>(a)?, w))),
        Op::Col2Im(w) => with_dtype!(a.dtype, T => T::wrap(windows::col2im::<T>(&read::<T>(a)?, w))),
        Op::WindowArgMax(w) => with_dtype!(a.dtype, T => Buffer::I64(windows::window_argmax::<T>(&read::<T>(a)?, w))),
        Op::ScatterAdd { len } => with_dtype!(inputs[1].dtype, T => {
            let (pos, vals) = (read::<i64>(a)?, read::<T>(inputs[1])?);
            let add = T::binary(BinaryOp::Add);
            let mut out = crate::array::pool::filled(*len, T::zero());
            for (&p, &v) in pos.iter().zip(vals.iter()) {
                let slot = out.get_mut(p as usize).ok_or("scatter_add: position out of range")?;
                *slot = add(*slot, v);
            }
            T::wrap(out)
        }),
    };
    if buf.dtype() != dtype {
        return Err(format!("{op:?}: kernel produced {:?}, expected {dtype:?}", buf.dtype()));
    }
    Ok(NdArray::from_buffer(buf, shape))
}

/// Max pooling on a host array of the windows' image shape: each window's maximum and
/// its position within its plane (`windows::window_max`), both `[N, C, *out]`.
pub fn window_max(a: &NdArray, w: &crate::ir::Windows) -> Result<(NdArray, NdArray), String> {
    if a.shape() != w.image_shape().as_slice() {
        return Err(format!(
            "window_max: image {:?}, windows of {:?}",
            a.shape(),
            w.image_shape()
        ));
    }
    let a = &host(a)?;
    let mut shape = vec![w.batch, w.channels];
    shape.extend(&w.out);
    with_dtype!(a.dtype, T => {
        let (at, vals) = windows::window_max::<T>(&read::<T>(a)?, w);
        Ok((NdArray::from_buffer(T::wrap(vals), &shape), NdArray::from_buffer(Buffer::I64(at), &shape)))
    })
}

/// A view's elements in row-major order without a copy where it can: borrowed from a
/// contiguous host storage, else gathered (`values`).
pub enum Vals<'a, T: Clone + 'static> {
    Borrowed(std::cell::Ref<'a, [T]>),
    Owned(Cow<'static, [T]>),
}

impl<T: Clone> std::ops::Deref for Vals<'_, T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match self {
            Vals::Borrowed(r) => r,
            Vals::Owned(c) => c,
        }
    }
}

/// The elements of a view, borrowed from its storage when it is contiguous on the host.
/// The borrow lasts as long as the `Vals`: only for kernels that write nothing but a
/// fresh output (writing any array meanwhile could hit this storage's borrow).
pub(crate) fn read<T: Typed>(a: &NdArray) -> Result<Vals<'_, T>, String> {
    let n = a.layout.numel();
    if n > 0 && a.layout.is_contiguous() {
        let off = a.layout.offset;
        let guard = a.storage.borrow();
        if let Ok(r) = std::cell::Ref::filter_map(guard, |b| T::slice(b).and_then(|d| d.get(off..off + n))) {
            return Ok(Vals::Borrowed(r));
        }
    }
    Ok(Vals::Owned(values::<T>(a)?))
}

/// The elements of a view in row-major order: borrowed when contiguous, gathered otherwise.
pub(crate) fn values<T: Typed>(a: &NdArray) -> Result<Cow<'static, [T]>, String> {
    let a = &host(a)?;
    let guard = a.storage.borrow();
    let data = T::slice(&guard).ok_or_else(|| format!("storage is not {:?}", T::DTYPE))?;
    let n = a.layout.numel();
    // An empty view may point anywhere (past the end of its storage): it reads nothing.
    if n == 0 {
        return Ok(Cow::Owned(Vec::new()));
    }
    if a.layout.is_contiguous() {
        let off = a.layout.offset;
        let slice = data.get(off..off + n).ok_or("view out of storage bounds")?;
        // Copying here keeps borrows short: kernels never hold a storage borrow while
        // another array (possibly the same storage) is written.
        let mut v = crate::array::pool::alloc(n);
        v.extend_from_slice(slice);
        return Ok(Cow::Owned(v));
    }
    // A view may be far larger than its storage (`zeros(1).expand(2**31, 2**31)`):
    // gathering it is an allocation like any other.
    crate::array::check_alloc(a.shape(), a.dtype)?;
    let mut out = crate::array::pool::alloc(n);
    // A broadcast scalar (all strides 0) is one value repeated.
    if a.layout.strides.iter().all(|&s| s == 0) {
        let x = *data.get(a.layout.offset).ok_or("view out of storage bounds")?;
        out.resize(n, x);
        return Ok(Cow::Owned(out));
    }
    for o in a.layout.offsets() {
        out.push(*data.get(o).ok_or("view out of storage bounds")?);
    }
    Ok(Cow::Owned(out))
}

/// Moves the reduced axes last, so each output element reduces one contiguous run.
fn reduced_last(a: &NdArray, axes: &[usize]) -> (Vec<usize>, usize) {
    let mut perm: Vec<usize> = (0..a.layout.ndim()).filter(|d| !axes.contains(d)).collect();
    perm.extend(axes.iter().copied());
    let inner = axes.iter().map(|&d| a.shape()[d]).product::<usize>();
    (perm, inner)
}

fn reduce<T: Arith + Send + Sync>(op: ReduceOp, a: &NdArray, axes: &[usize]) -> Result<Buffer, String> {
    // (A view broadcast to more elements than any memory holds goes the general way,
    // which refuses it, rather than adding 2**62 zeros.)
    if op == ReduceOp::Sum && (T::DTYPE == DType::F32 || T::DTYPE == DType::F64) && a.layout.numel() < 1 << 36 {
        return torch_order_sum::<T>(a, axes);
    }
    let (perm, inner) = reduced_last(a, axes);
    let moved = NdArray {
        storage: a.storage.clone(),
        layout: a.layout.permute(&perm),
        dtype: a.dtype,
    };
    let n = moved.layout.numel();
    let outer = if inner == 0 {
        crate::array::layout::numel(&moved.layout.shape[..perm.len() - axes.len()])
    } else {
        n / inner
    };
    // NumPy's pairwise order is followed where its inner loop is the run this reduces:
    // each output reducing one contiguous run, or only the last axis reduced when it has
    // the smallest stride and a positive one (NumPy walks a reversed axis in memory
    // order, and adds the runs of several strided axes one after another).
    let numpy = op == ReduceOp::NumpySum && (T::DTYPE == DType::F32 || T::DTYPE == DType::F64 || T::DTYPE.is_complex());
    let op = match op {
        ReduceOp::NumpySum if !moved.layout.is_contiguous() && !innermost_run(&a.layout, axes) => ReduceOp::Sum,
        op => op,
    };
    // Contiguous input is reduced where it lies; anything else is gathered first.
    if moved.layout.is_contiguous() {
        let guard = moved.storage.borrow();
        // An empty view may point anywhere (past the end of its storage): it reads nothing.
        let off = if n == 0 { 0 } else { moved.layout.offset };
        let v = T::slice(&guard)
            .and_then(|d| d.get(off..off + n))
            .ok_or("view out of storage bounds")?;
        return reduce_rows(op, v, inner, outer);
    }
    // Summing the leading axes of contiguous data: whole rows are added into one row
    // of f64 accumulators, streaming through memory instead of gathering columns. NumPy
    // adds the rows one after another in the element type, from zero.
    let leading = axes.iter().enumerate().all(|(i, &d)| i == d);
    if op == ReduceOp::Sum && T::DTYPE.is_float() && leading && a.layout.is_contiguous() && inner > 0 {
        let guard = a.storage.borrow();
        let off = if n == 0 { 0 } else { a.layout.offset };
        let v = T::slice(&guard)
            .and_then(|d| d.get(off..off + n))
            .ok_or("view out of storage bounds")?;
        if numpy {
            let add = T::binary(BinaryOp::Add);
            let mut acc = vec![T::zero(); outer];
            for row in v.chunks_exact(outer) {
                for (s, &x) in acc.iter_mut().zip(row) {
                    *s = add(*s, x);
                }
            }
            return Ok(T::wrap(acc));
        }
        let mut acc = vec![0.0f64; outer];
        for row in v.chunks_exact(outer) {
            for (s, x) in acc.iter_mut().zip(row) {
                *s += x.to_f64();
            }
        }
        return Ok(T::wrap(acc.into_iter().map(T::from_f64).collect()));
    }
    // One reduced axis whose run is not the inner loop NumPy adds pairwise: each output
    // adds its elements from 0, one after another in the element type, in memory order
    // along the axis (nditer walks a reversed axis backwards). A run that is innermost
    // in memory once length-1 axes are set aside (NumPy's iterator drops them) is added
    // pairwise, in memory order.
    if numpy && axes.len() == 1 && op == ReduceOp::Sum && inner > 0 && matches!(T::DTYPE, DType::F32 | DType::F64) {
        let ax = axes[0];
        let s = a.layout.strides[ax];
        let innermost = s != 0
            && (a.layout.shape.iter().zip(&a.layout.strides).enumerate())
                .all(|(d, (&n, &st))| d == ax || n <= 1 || s.abs() <= st.abs());
        let v = values::<T>(&moved)?;
        let add = T::binary(BinaryOp::Add);
        let mut out = Vec::with_capacity(outer);
        for row in v.chunks(inner).take(outer) {
            let run: Cow<[T]> = if s < 0 {
                Cow::Owned(row.iter().rev().copied().collect())
            } else {
                Cow::Borrowed(row)
            };
            out.push(if innermost {
                pairwise::sum(&run)
            } else {
                run.iter().fold(T::zero(), |acc, &x| add(acc, x))
            });
        }
        return Ok(T::wrap(out));
    }
    let v = values::<T>(&moved)?;
    reduce_rows(op, &v, inner, outer)
}

/// PyTorch's float32/float64 sum (`torch_sum/`: `cascade_sum` in TensorIterator's
/// order, over the view in memory order, split as `torch.get_num_threads()` threads
/// split it). A view with a reversed axis is summed as the contiguous copy PyTorch's
/// `flip` would have made.
fn torch_order_sum<T: Arith>(a: &NdArray, axes: &[usize]) -> Result<Buffer, String> {
    let flat;
    let a = if a.layout.strides.iter().any(|&s| s < 0) {
        flat = NdArray::from_buffer(T::wrap(values::<T>(a)?.into_owned()), a.shape());
        &flat
    } else {
        a
    };
    let shape = &a.layout.shape;
    let strides: Vec<usize> = a.layout.strides.iter().map(|&s| s as usize).collect();
    let reduce: Vec<bool> = (0..shape.len()).map(|d| axes.contains(&d)).collect();
    let out_len: usize = shape
        .iter()
        .zip(&reduce)
        .filter(|(_, r)| !**r)
        .map(|(s, _)| *s)
        .product();
    let threads = torch_threads();
    let guard = a.storage.borrow();
    let data = T::slice(&guard).ok_or("sum: storage of another dtype")?;
    macro_rules! go {
        ($f:ty) => {{
            // SAFETY: T is $f (checked by its dtype below).
            let x = unsafe { std::slice::from_raw_parts(data.as_ptr().cast::<$f>(), data.len()) };
            let mut out = vec![0 as $f; out_len];
            torch_sum::sum_strided(x, a.layout.offset, shape, &strides, &reduce, threads, &mut out);
            // Back to T through f64, which holds every f32 and f64 exactly.
            let out: Vec<T> = out.into_iter().map(|v| T::from_f64(v as f64)).collect();
            out
        }};
    }
    let out = match T::DTYPE {
        DType::F32 => go!(f32),
        _ => go!(f64),
    };
    Ok(T::wrap(out))
}

static TORCH_THREADS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// `torch.get_num_threads()`: `NT_TORCH_NUM_THREADS`, else the CPUs nt may use (PyTorch's
/// default, its count of cores, on the machines nt runs on), or what
/// `torch.set_num_threads` set. It decides how PyTorch splits large sums, so their bits.
pub fn torch_threads() -> usize {
    use std::sync::atomic::Ordering;
    let n = TORCH_THREADS.load(Ordering::Relaxed);
    if n > 0 {
        return n;
    }
    let n = std::env::var("NT_TORCH_NUM_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    TORCH_THREADS.store(n, Ordering::Relaxed);
    n
}

pub fn set_torch_threads(n: usize) {
    TORCH_THREADS.store(n.max(1), std::sync::atomic::Ordering::Relaxed);
}

/// Whether the CPU has x86-64-v4's AVX-512 (F, VL, DQ, BW): then loops are compiled with
/// them, which gives AVX2-width loops 32 registers and native 64-bit compares.
/// `NT_NO_AVX512=1` takes the AVX2 loops instead (the tests run both on such a CPU).
#[cfg(target_arch = "x86_64")]
pub(crate) fn x86_v4() -> bool {
    static V4: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *V4.get_or_init(|| {
        use std::arch::is_x86_feature_detected as has;
        std::env::var_os("NT_NO_AVX512").is_none()
            && has!("avx512f")
            && has!("avx512vl")
            && has!("avx512dq")
            && has!("avx512bw")
    })
}

/// Whether `axes` is just the last axis of `l`, walked forward with the smallest stride:
/// then NumPy's reduction loop runs along it, one row per output.
fn innermost_run(l: &crate::array::layout::Layout, axes: &[usize]) -> bool {
    let nd = l.ndim();
    let Some(&last) = l.strides.last() else {
        return false;
    };
    axes == [nd - 1]
        && last > 0
        && l.shape
            .iter()
            .zip(&l.strides)
            .take(nd - 1)
            .all(|(&n, &st)| n <= 1 || last <= st.abs())
}

/// f64 sum with eight independent accumulators, so the loop vectorises. float32 rows run
/// in a loop compiled for AVX-512 or AVX2 where the CPU has them: the same eight
/// accumulators in one or two vector registers, so the same bits as the baseline loop.
fn sum_f64<T: Elem>(r: &[T]) -> f64 {
    #[cfg(target_arch = "x86_64")]
    if T::DTYPE == DType::F32 {
        // SAFETY: T is f32 (its dtype says so), so the slice is one of f32s.
        let r = unsafe { std::slice::from_raw_parts(r.as_ptr().cast::<f32>(), r.len()) };
        if x86_v4() {
            #[target_feature(enable = "avx512f,avx512vl,avx512dq,avx512bw,avx2")]
            fn wide(r: &[f32]) -> f64 {
                sum8(r)
            }
            // SAFETY: the CPU has AVX-512 F/VL/DQ/BW (checked above), and with them AVX2.
            return unsafe { wide(r) };
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            #[target_feature(enable = "avx2")]
            fn wide(r: &[f32]) -> f64 {
                sum8(r)
            }
            // SAFETY: the CPU has AVX2 (checked above).
            return unsafe { wide(r) };
        }
    }
    sum8(r)
}

#[inline(always)]
fn sum8<T: Elem>(r: &[T]) -> f64 {
    let mut acc = [0.0f64; 8];
    let chunks = r.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for k in 0..8 {
            acc[k] += c[k].to_f64();
        }
    }
    let tail: f64 = rest.iter().map(|x| x.to_f64()).sum();
    acc.iter().sum::<f64>() + tail
}

fn reduce_rows<T: Arith + Send + Sync>(op: ReduceOp, v: &[T], inner: usize, outer: usize) -> Result<Buffer, String> {
    let rows = (0..outer).map(|i| &v[i * inner..(i + 1) * inner]);
    Ok(match op {
        ReduceOp::NumpySum if T::DTYPE == DType::F32 || T::DTYPE == DType::F64 => {
            use rayon::prelude::*;
            let row = |r: &[T]| pairwise::sum(r);
            if outer * inner < 1 << 17 || outer == 1 {
                T::wrap(rows.map(row).collect())
            } else {
                T::wrap(v[..outer * inner].par_chunks(inner).map(row).collect())
            }
        }
        ReduceOp::NumpySum if T::DTYPE.is_complex() => {
            let row = |r: &[T]| -> T {
                let (re, im) = match T::DTYPE {
                    DType::C64 => {
                        // SAFETY: T is Complex64 (its dtype says so).
                        let r = unsafe { std::slice::from_raw_parts(r.as_ptr().cast(), r.len()) };
                        let s = pairwise::sum_c64(r);
                        (s.re as f64, s.im as f64)
                    }
                    _ => {
                        // SAFETY: T is Complex128 (its dtype says so).
                        let r = unsafe { std::slice::from_raw_parts(r.as_ptr().cast(), r.len()) };
                        let s = pairwise::sum_c128(r);
                        (s.re, s.im)
                    }
                };
                T::from_c(re, im)
            };
            T::wrap(rows.map(row).collect())
        }
        ReduceOp::Sum if T::DTYPE == DType::F32 && inner <= 16 => {
            // Short float32 rows accumulate in float32 from the left, as NumPy and PyTorch
            // do below their blocking sizes, so results agree to the last bit.
            let add = T::binary(BinaryOp::Add);
            T::wrap(rows.map(|r| r.iter().fold(T::zero(), |acc, &x| add(acc, x))).collect())
        }
        ReduceOp::Sum | ReduceOp::NumpySum if T::DTYPE.is_float() => {
            // Floats accumulate in f64 and round once. Large sums run on every core: one
            // long row in fixed chunks whose partial sums are added in order (the same
            // bits on any number of threads), many rows a row per task.
            use rayon::prelude::*;
            const CHUNK: usize = 1 << 16;
            if outer * inner < 1 << 17 {
                T::wrap(rows.map(|r| T::from_f64(sum_f64(r))).collect())
            } else if outer == 1 {
                let parts: Vec<f64> = v[..inner].par_chunks(CHUNK).map(sum_f64).collect();
                T::wrap(vec![T::from_f64(parts.iter().sum())])
            } else {
                let rows: Vec<T> = v[..outer * inner]
                    .par_chunks(inner)
                    .map(|r| T::from_f64(sum_f64(r)))
                    .collect();
                T::wrap(rows)
            }
        }
        ReduceOp::Sum | ReduceOp::NumpySum => {
            let add = T::binary(BinaryOp::Add);
            T::wrap(rows.map(|r| r.iter().fold(T::zero(), |acc, &x| add(acc, x))).collect())
        }
        ReduceOp::Prod => {
            let mul = T::binary(BinaryOp::Mul);
            T::wrap(rows.map(|r| r.iter().fold(T::one(), |acc, &x| mul(acc, x))).collect())
        }
        ReduceOp::Max | ReduceOp::Min => {
            let pick = T::binary(if op == ReduceOp::Max {
                BinaryOp::Max
            } else {
                BinaryOp::Min
            });
            let mut out = Vec::with_capacity(outer);
            for r in rows {
                let first = *r.first().ok_or("reduction of an empty axis")?;
                out.push(r.iter().fold(first, |acc, &x| pick(acc, x)));
            }
            T::wrap(out)
        }
        ReduceOp::ArgMax | ReduceOp::ArgMin => {
            let better = |x: T, best: T| if op == ReduceOp::ArgMax { x > best } else { x < best };
            let mut out = Vec::with_capacity(outer);
            for r in rows {
                if r.is_empty() {
                    return Err("arg-reduction of an empty axis".into());
                }
                // The first NaN wins, as in NumPy and PyTorch.
                let idx = match r.iter().position(|x| x.is_nan()) {
                    Some(i) => i,
                    None => (1..r.len()).fold(0, |best, i| if better(r[i], r[best]) { i } else { best }),
                };
                out.push(idx as i64);
            }
            Buffer::I64(out)
        }
        ReduceOp::Any => Buffer::Bool(rows.map(|r| r.iter().any(|x| x.is_nonzero())).collect()),
        ReduceOp::All => Buffer::Bool(rows.map(|r| r.iter().all(|x| x.is_nonzero())).collect()),
    })
}

fn cumsum<T: Arith>(a: &NdArray, axis: usize) -> Result<Buffer, String> {
    let (perm, inner) = reduced_last(a, &[axis]);
    let moved = NdArray {
        storage: a.storage.clone(),
        layout: a.layout.permute(&perm),
        dtype: a.dtype,
    };
    let v = values::<T>(&moved)?;
    let add = T::binary(BinaryOp::Add);
    let mut sums = Vec::with_capacity(v.len());
    for row in v.chunks(inner.max(1)) {
        let mut acc = T::zero();
        for &x in row {
            acc = add(acc, x);
            sums.push(acc);
        }
    }
    // Back to the original axis order.
    let mut inverse = vec![0; perm.len()];
    for (i, &p) in perm.iter().enumerate() {
        inverse[p] = i;
    }
    let tmp = NdArray::from_buffer(T::wrap(sums), &moved.layout.shape);
    let back = NdArray {
        storage: tmp.storage.clone(),
        layout: tmp.layout.permute(&inverse),
        dtype: a.dtype,
    };
    Ok(T::wrap(values::<T>(&back)?.into_owned()))
}

/// Writes `src` (already of `dst`'s dtype and shape) into the view `dst`, element by element.
pub fn assign(dst: &NdArray, src: &NdArray) -> Result<(), String> {
    if dst.numel() == 0 {
        return Ok(());
    }
    // `realise::assign` has realised both, and every deferred result that reads `dst`.
    #[cfg(feature = "gpu")]
    if crate::backend::wgpu::on_gpu(dst) {
        if crate::backend::wgpu::assign(dst, src).is_ok() {
            crate::array::storage::bump_version(&dst.storage);
            return Ok(());
        }
        // Written on the host and sent back into the same device buffer, so every view
        // of the storage sees it.
        let whole = {
            let guard = dst.storage.borrow();
            let Some(g) = crate::backend::wgpu::of(&guard) else {
                return Err("expected a GPU buffer".into());
            };
            crate::backend::wgpu::download(g)?
        };
        let len = whole.len();
        let tmp = NdArray::from_buffer(whole, &[len]);
        assign(&tmp.view(dst.layout.clone()), src)?;
        let back = crate::backend::wgpu::upload(&tmp)?;
        let new = std::mem::replace(&mut *back.storage.borrow_mut(), Buffer::Bool(Vec::new()));
        let version = crate::array::storage::version(&dst.storage);
        *dst.storage.borrow_mut() = new;
        for _ in 0..=version {
            crate::array::storage::bump_version(&dst.storage);
        }
        return Ok(());
    }
    with_dtype!(dst.dtype, T => {
        // A contiguous source in another host storage is copied straight across.
        let n = dst.layout.numel();
        let direct = dst.layout.is_contiguous() && src.layout.is_contiguous() && !std::rc::Rc::ptr_eq(&dst.storage, &src.storage);
        let held = src.storage.borrow();
        let from = T::slice(&held).and_then(|d| d.get(src.layout.offset..src.layout.offset + n));
        if let (true, Some(from)) = (direct, from) {
            crate::array::storage::bump_version(&dst.storage);
            let mut guard = dst.storage.borrow_mut();
            let data = T::slice_mut(&mut guard).ok_or("storage dtype mismatch")?;
            let off = dst.layout.offset;
            let slot = data.get_mut(off..off + n).ok_or("view out of storage bounds")?;
            slot.copy_from_slice(from);
            return Ok(());
        }
        // Released before `dst` (perhaps the same storage) is borrowed for writing.
        drop(held);
        let v = values::<T>(src)?;
        crate::array::storage::bump_version(&dst.storage);
        let mut guard = dst.storage.borrow_mut();
        let data = T::slice_mut(&mut guard).ok_or("storage dtype mismatch")?;
        if dst.layout.is_contiguous() {
            let off = dst.layout.offset;
            let n = dst.layout.numel();
            let slot = data.get_mut(off..off + n).ok_or("view out of storage bounds")?;
            slot.copy_from_slice(v.get(..n).ok_or("assign: source too short")?);
            return Ok(());
        }
        for (o, x) in dst.layout.offsets().zip(v.iter()) {
            if let Some(slot) = data.get_mut(o) {
                *slot = *x;
            }
        }
        Ok(())
    })
}

/// Reads the elements of a view as f64 (for conversions to Python numbers and printing).
pub fn to_f64s(a: &NdArray) -> Result<Vec<f64>, String> {
    if a.dtype.is_complex() {
        return Err("this operation is not implemented for complex numbers yet".into());
    }
    with_dtype!(a.dtype, T => Ok(values::<T>(a)?.iter().map(|x| x.to_f64()).collect()))
}

pub fn to_complex(a: &NdArray) -> Result<Vec<(f64, f64)>, String> {
    with_dtype!(a.dtype, T => Ok(values::<T>(a)?.iter().map(|x| x.to_c()).collect()))
}

pub fn to_i128s(a: &NdArray) -> Result<Vec<i128>, String> {
    if a.dtype.is_complex() {
        return Err("this operation is not implemented for complex numbers yet".into());
    }
    with_dtype!(a.dtype, T => Ok(values::<T>(a)?.iter().map(|x| x.to_i128()).collect()))
}

pub fn to_bools(a: &NdArray) -> Result<Vec<bool>, String> {
    with_dtype!(a.dtype, T => Ok(values::<T>(a)?.iter().map(|x| x.is_nonzero()).collect()))
}
