//! PyTorch's own CPU kernels on arrays, bit for bit (`backend/cpu/torch_act.rs`,
//! `torch_softmax.rs`): activations and their backward kernels, softmax and log_softmax,
//! for host float32/float64 arrays. The front end (`nd::torch_kernels`, `nd::funcs`) and
//! the autograd rules call them; errors are the realiser's strings.
//!
//! A kernel's rounding can depend on where an element sits: PyTorch runs the vector formula
//! (SLEEF) on whole blocks from the start of each inner loop and the scalar one (glibc) on
//! the tail. `Plan` finds the inner loops TensorIterator would make for a layout.

use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::layout::Layout;
use crate::array::storage::Buffer;
use crate::backend::cpu::torch_act as act;
pub use crate::backend::cpu::torch_act::Act;
use crate::backend::cpu::{torch_softmax as smx, torch_threads};

type Res<T> = Result<T, String>;

fn threads() -> usize {
    torch_threads()
}

/// How TensorIterator walks a tensor of this layout.
enum Plan {
    /// Rows of this many elements in row-major order (one row: contiguous).
    Rows(usize),
    /// A dense tensor in another order (`x.t()`): one loop over the storage order; the
    /// logical index of each element in memory order.
    Memory(Vec<usize>),
    /// Every element through the scalar formula (0-d tensors, inner strides other than 1).
    Scalar,
}

fn plan(l: &Layout) -> Plan {
    let n = l.numel();
    if n <= 1 {
        return Plan::Scalar;
    }
    if l.is_contiguous() {
        return Plan::Rows(n);
    }
    let dims: Vec<(usize, isize)> = l
        .shape
        .iter()
        .zip(&l.strides)
        .filter(|(s, _)| **s != 1)
        .map(|(&s, &st)| (s, st))
        .collect();
    // Dense in some order: the strides, sorted, are 1, n0, n0*n1, ...
    let mut sorted = dims.clone();
    sorted.sort_by_key(|&(_, st)| st);
    let mut expect = 1isize;
    let dense = sorted.iter().all(|&(s, st)| {
        let ok = st == expect;
        expect *= s as isize;
        ok
    });
    if dense {
        let mut order: Vec<usize> = (0..n).collect();
        let offsets = logical_offsets(l);
        order.sort_by_key(|&i| offsets[i]);
        return Plan::Memory(order);
    }
    let Some(&(last, st)) = dims.last() else {
        return Plan::Scalar;
    };
    if st != 1 && st != 0 {
        return Plan::Scalar;
    }
    // Trailing dimensions that continue one another in memory make one row.
    let mut row = last;
    let mut inner = (last, st);
    for &(s, stride) in dims.iter().rev().skip(1) {
        if inner.1 != 0 && stride == inner.1 * inner.0 as isize {
            row *= s;
            inner = (s * inner.0, inner.1);
        } else {
            break;
        }
    }
    Plan::Rows(row)
}

/// Each logical element's offset from the view's start.
fn logical_offsets(l: &Layout) -> Vec<isize> {
    let mut out = vec![0isize];
    for (&s, &st) in l.shape.iter().zip(&l.strides) {
        out = out
            .iter()
            .flat_map(|&o| (0..s as isize).map(move |i| o + i * st))
            .collect();
    }
    out
}

/// The elements of `a` in row-major order as f64s or f32s.
pub fn data<T: crate::array::storage::Typed>(a: &NdArray) -> Res<Vec<T>> {
    super::values::<T>(a)
}

/// Runs an elementwise kernel (`f(plan, inputs, out)`) over the logical elements of
/// `like`, with `like`'s plan, and returns the result with `like`'s shape.
fn elementwise<T: crate::array::storage::Typed + Copy + Default>(
    like: &NdArray,
    inputs: &[&[T]],
    run: impl Fn(Option<usize>, &[&[T]], &mut [T]),
    wrap_buf: fn(Vec<T>) -> Buffer,
) -> NdArray {
    let n = like.numel();
    let mut out = crate::array::pool::scratch(n);
    match plan(&like.layout) {
        Plan::Rows(row) => run(Some(row), inputs, &mut out),
        Plan::Scalar => run(None, inputs, &mut out),
        Plan::Memory(order) => {
            let gathered: Vec<Vec<T>> = inputs.iter().map(|v| order.iter().map(|&i| v[i]).collect()).collect();
            let ins: Vec<&[T]> = gathered.iter().map(|v| v.as_slice()).collect();
            run(Some(n), &ins, &mut out);
            // The result keeps the input's strides, as `empty_like` gives them (later
            // reductions walk it in that order).
            let base = NdArray::from_buffer(wrap_buf(out), &[n]);
            let lo: isize = like
                .layout
                .strides
                .iter()
                .zip(like.shape())
                .map(|(&s, &d)| if s < 0 { s * (d as isize - 1) } else { 0 })
                .sum();
            return base.view(Layout {
                shape: like.shape().to_vec(),
                strides: like.layout.strides.clone(),
                offset: (-lo) as usize,
            });
        }
    }
    NdArray::from_buffer(wrap_buf(out), like.shape())
}

/// PyTorch's forward kernel `k` on a host float32/float64 array .
pub fn forward(a: &NdArray, k: Act) -> Res<NdArray> {
    let a = a.clone();
    let t = threads();
    let out = match a.dtype {
        DType::F32 => {
            let x = super::read::<f32>(&a)?;
            // F.gelu on a contiguous float32 tensor runs oneDNN (its AVX-512 code, as the
            // reference outputs were made: see torch_act.rs).
            if k == Act::Gelu && a.layout.is_contiguous() && a.numel() >= 2 {
                let mut o = vec![0f32; x.len()];
                act::gelu_onednn_f32(&x, &mut o, true);
                NdArray::from_buffer(Buffer::F32(o), a.shape())
            } else {
                elementwise(
                    &a,
                    &[&x[..]],
                    |row, ins, out| match row {
                        Some(r) => act::forward_f32(k, ins[0], out, r, t),
                        None => act::run_strided_f32(k, ins[0], out),
                    },
                    Buffer::F32,
                )
            }
        }
        _ => {
            let x = super::read::<f64>(&a)?;
            elementwise(
                &a,
                &[&x[..]],
                |row, ins, out| match row {
                    Some(r) => act::forward_f64(k, ins[0], out, r, t),
                    None => act::run_strided_f64(k, ins[0], out),
                },
                Buffer::F64,
            )
        }
    };
    Ok(out)
}

/// Whether the kernels here apply: a float32/float64 array on the host.
pub fn applies(a: &NdArray) -> bool {
    matches!(a.dtype, DType::F32 | DType::F64) && !a.storage.borrow().on_gpu()
}

/// PyTorch's backward kernel `k` from the output's gradient `g` and the saved tensor `s`
/// (the output for sigmoid/tanh/relu, else the input), host arrays of one dtype and shape.
pub fn backward(g: &NdArray, s: &NdArray, k: Act) -> Res<NdArray> {
    let t = threads();
    // The saved tensor's layout makes the loops, unless it is contiguous and the gradient is not.
    let like = if s.layout.is_contiguous() && !g.layout.is_contiguous() {
        g
    } else {
        s
    };
    let out = match s.dtype {
        DType::F32 => {
            if k == Act::Gelu && s.layout.is_contiguous() && s.numel() >= 2 {
                let mut o = vec![0f32; s.numel()];
                act::gelu_backward_onednn_f32(&data::<f32>(g)?, &data::<f32>(s)?, &mut o);
                NdArray::from_buffer(Buffer::F32(o), s.shape())
            } else {
                elementwise(
                    like,
                    &[&*super::read::<f32>(g)?, &*super::read::<f32>(s)?],
                    |row, ins, out| match row {
                        Some(r) => act::backward_f32(k, ins[0], ins[1], out, r, t),
                        None => act::run_backward_strided_f32(k, ins[0], ins[1], out),
                    },
                    Buffer::F32,
                )
            }
        }
        _ => elementwise(
            like,
            &[&*super::read::<f64>(g)?, &*super::read::<f64>(s)?],
            |row, ins, out| match row {
                Some(r) => act::backward_f64(k, ins[0], ins[1], out, r, t),
                None => act::run_backward_strided_f64(k, ins[0], ins[1], out),
            },
            Buffer::F64,
        ),
    };
    Ok(out)
}

/// `[outer, dim, inner]` around axis `d` of `shape`, and whether it is the last axis.
fn around(shape: &[usize], d: usize) -> (usize, usize, usize, bool) {
    let outer = shape[..d].iter().product();
    let inner = shape[d + 1..].iter().product();
    (outer, shape[d], inner, d + 1 == shape.len())
}

/// PyTorch's softmax (`log`: log_softmax) over axis `d` of a host float32/float64 array.
pub fn softmax(a: &NdArray, d: usize, log: bool) -> Res<NdArray> {
    let shape: Vec<usize> = if a.ndim() == 0 { vec![1] } else { a.shape().to_vec() };
    let (outer, d, inner, last) = around(&shape, d);
    let t = threads();
    let buf = match a.dtype {
        DType::F32 => {
            let mut o = vec![0f32; a.numel()];
            smx::softmax_kernel(&super::read::<f32>(&a)?, outer, d, inner, last, log, t, &mut o);
            Buffer::F32(o)
        }
        _ => {
            let mut o = vec![0f64; a.numel()];
            smx::softmax_kernel(&super::read::<f64>(&a)?, outer, d, inner, last, log, t, &mut o);
            Buffer::F64(o)
        }
    };
    Ok(NdArray::from_buffer(buf, a.shape()))
}

/// The softmax (log_softmax) backward kernel: the input's gradient from the output's `g`
/// and the output `y`, both host float32/float64 arrays of one dtype and shape.
pub fn softmax_backward(g: &NdArray, y: &NdArray, d: usize, log: bool) -> Res<NdArray> {
    let shape: Vec<usize> = if y.ndim() == 0 { vec![1] } else { y.shape().to_vec() };
    let (outer, d, inner, last) = around(&shape, d);
    let t = threads();
    let buf = match y.dtype {
        DType::F32 => {
            let mut o = vec![0f32; y.numel()];
            smx::softmax_backward_kernel(
                &data::<f32>(g)?,
                &data::<f32>(&y)?,
                outer,
                d,
                inner,
                last,
                log,
                t,
                &mut o,
            );
            Buffer::F32(o)
        }
        _ => {
            let mut o = vec![0f64; y.numel()];
            smx::softmax_backward_kernel(
                &data::<f64>(g)?,
                &data::<f64>(&y)?,
                outer,
                d,
                inner,
                last,
                log,
                t,
                &mut o,
            );
            Buffer::F64(o)
        }
    };
    Ok(NdArray::from_buffer(buf, y.shape()))
}

/// Max pooling's window maxima and their positions within each plane, `[N, C, *out]`,
/// in one pass over a host array (PyTorch's choice among ties and NaNs).
pub fn window_max(a: &NdArray, w: &crate::ir::Windows) -> Res<(NdArray, NdArray)> {
    super::realize(a)?;
    crate::backend::cpu::window_max(a, w)
}
