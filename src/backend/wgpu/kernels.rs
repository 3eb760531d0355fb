//! Realising IR ops on the gpu device: layouts become `info` buffers, ops become
//! generated kernels, results stay on the device. An op or dtype without an exact WGSL
//! lowering runs on the CPU backend and its result is uploaded, so every op works.

use super::context::{Context, get};
use super::memory::{GpuBuffer, Repr, on_gpu, upload, upload_operand};
use super::wgsl::{self, GROUP, In};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::layout::Layout;
use crate::ir::{Op, ReduceOp};

/// Elements one workgroup reduces in the first pass of a split reduction.
const SPLIT_CHUNK: usize = 4096;

/// Workgroups per dispatch dimension, and the iterations lavapipe lets a shader loop run.
const LOOP_LIMIT: usize = 65_535;

/// Runs `op` with its output on the gpu device.
pub fn execute(op: &Op, inputs: &[&NdArray], shape: &[usize], dtype: DType) -> Result<NdArray, String> {
    let cx = get()?;
    let on: Vec<NdArray> = inputs
        .iter()
        .map(|a| if on_gpu(a) { Ok((*a).clone()) } else { upload_operand(a) })
        .collect::<Result<_, String>>()?;
    let refs: Vec<&NdArray> = on.iter().collect();
    match run(cx, op, &refs, shape, dtype)? {
        Some(out) => Ok(out),
        None => fallback(op, &refs, shape, dtype),
    }
}

/// The CPU computes what the GPU cannot; the result goes back to the device.
fn fallback(op: &Op, inputs: &[&NdArray], shape: &[usize], dtype: DType) -> Result<NdArray, String> {
    let out = crate::backend::cpu::execute(op, inputs, shape, dtype)?;
    upload(&out)
}

fn input(cx: &Context, a: &NdArray) -> Result<In, String> {
    Ok(In {
        repr: super::memory::repr(cx, a.dtype)?,
        dtype: a.dtype,
        direct: a.layout.is_contiguous() && a.layout.offset == 0,
    })
}

pub(super) fn raw(a: &NdArray) -> Result<wgpu::Buffer, String> {
    match super::memory::of(&a.storage.borrow()) {
        Some(g) => g.raw().cloned(),
        None => Err("expected a GPU buffer".into()),
    }
}

/// `[offset, strides...]` of a layout, as `info` holds them.
pub(super) fn placement(l: &Layout) -> Vec<i32> {
    std::iter::once(l.offset as i32)
        .chain(l.strides.iter().map(|&s| s as i32))
        .collect()
}

pub(super) fn info_buffer(cx: &Context, info: &[i32]) -> Result<wgpu::Buffer, String> {
    let b = cx.buffer((info.len() * 4) as u64)?;
    let bytes: Vec<u8> = info.iter().flat_map(|x| x.to_le_bytes()).collect();
    cx.write(&b, &bytes);
    Ok(b)
}

/// Workgroups covering `n` invocations of `GROUP` (2-D past the 65,535 limit).
pub(super) fn groups(n: usize, per: u32) -> (u32, u32, u32) {
    let g = (n as u64).div_ceil(per as u64).max(1);
    let x = g.min(65535);
    (x as u32, g.div_ceil(x) as u32, 1)
}

fn run(cx: &Context, op: &Op, ins: &[&NdArray], shape: &[usize], dtype: DType) -> Result<Option<NdArray>, String> {
    let n: usize = shape.iter().product();
    let out_repr = super::memory::repr(cx, dtype)?;
    if n == 0 {
        return Ok(Some(NdArray::from_buffer(
            GpuBuffer::new(cx, dtype, 0)?.into_buffer(),
            shape,
        )));
    }
    if ins.iter().any(|a| a.layout.strides.iter().any(|&s| s < 0)) {
        return Ok(None);
    }
    let out = GpuBuffer::new(cx, dtype, n)?;
    let out_raw = out.raw()?.clone();
    let described: Vec<In> = ins.iter().map(|a| input(cx, a)).collect::<Result<_, _>>()?;
    // Emulated int64 has elementwise lowerings only; other ops on it run on the CPU.
    let elementwise = crate::ir::lazy::fusable(op);
    if !elementwise && (out_repr == Repr::I64x2 || described.iter().any(|i| i.repr == Repr::I64x2)) {
        return Ok(None);
    }
    let ran = match op {
        Op::Copy | Op::Unary(..) | Op::Binary(_) | Op::Where | Op::Fma | Op::Cast(_) => {
            let Some(expr) = wgsl::lower(op, &described, dtype, out_repr) else {
                return Ok(None);
            };
            let mut info = vec![n as i32];
            info.extend(shape.iter().map(|&d| d as i32));
            for a in ins {
                info.extend(placement(&a.layout));
            }
            let src = wgsl::elementwise(&described, out_repr, shape.len(), &expr);
            let mut bufs = vec![info_buffer(cx, &info)?];
            for a in ins {
                bufs.push(raw(a)?);
            }
            bufs.push(out_raw);
            let refs: Vec<&wgpu::Buffer> = bufs.iter().collect();
            cx.dispatch(&src, &refs, groups(n, GROUP))?;
            cx.give(bufs[0].clone());
            true
        }
        Op::Reduce { op: r, axes, .. } => {
            // NumPy arrays never live on the gpu; a NumPy-order sum here is a sum.
            let r = &match r {
                ReduceOp::NumpySum => ReduceOp::Sum,
                r => *r,
            };
            let a = ins[0];
            let inner: usize = axes.iter().map(|&d| a.shape()[d]).product();
            if inner == 0 {
                return Ok(None);
            }
            if matches!(r, ReduceOp::ArgMax | ReduceOp::ArgMin) && !cx.i64 {
                return Ok(None);
            }
            let mut perm: Vec<usize> = (0..a.ndim()).filter(|d| !axes.contains(d)).collect();
            perm.extend(axes.iter().copied());
            let moved = a.layout.permute(&perm);
            let serial = *r == ReduceOp::Sum && a.dtype == DType::F32 && inner <= 16;
            let Some(src) = wgsl::reduction(*r, described[0], out_repr, moved.ndim(), serial) else {
                return Ok(None);
            };
            // A long reduction runs in two passes: chunks of it into partial results,
            // then the partials (argmax/argmin and float16 sums stay in one pass).
            let split = inner > 4 * SPLIT_CHUNK
                && !matches!(r, ReduceOp::ArgMax | ReduceOp::ArgMin)
                && !(a.dtype == DType::F16 && matches!(r, ReduceOp::Sum | ReduceOp::Prod));
            // One pass loops over the row in steps of a workgroup: within lavapipe's
            // 65,535 iterations or on the CPU.
            if !split && !serial && inner.div_ceil(GROUP as usize) > LOOP_LIMIT {
                return Ok(None);
            }
            let (parts, chunk) = if split {
                (inner.div_ceil(SPLIT_CHUNK), SPLIT_CHUNK)
            } else {
                (1, inner)
            };
            let mut info = vec![moved.numel() as i32];
            info.extend(moved.shape.iter().map(|&d| d as i32));
            info.extend(placement(&moved));
            info.extend([n as i32, inner as i32, parts as i32, chunk as i32]);
            let target = if split {
                GpuBuffer::new(cx, dtype, n * parts)?
            } else {
                out
            };
            let bufs = [info_buffer(cx, &info)?, raw(a)?, target.raw()?.clone()];
            let refs: Vec<&wgpu::Buffer> = bufs.iter().collect();
            cx.dispatch(&src, &refs, groups(n * parts, 1))?;
            cx.give(bufs[0].clone());
            if !split {
                return Ok(Some(NdArray::from_buffer(target.into_buffer(), shape)));
            }
            let partial = NdArray::from_buffer(target.into_buffer(), &[n, parts]);
            let second = Op::Reduce {
                op: *r,
                axes: vec![1],
                keepdim: false,
            };
            let done = execute(&second, &[&partial], &[n], dtype)?;
            return Ok(Some(NdArray {
                storage: done.storage,
                layout: Layout::contiguous(shape),
                dtype,
            }));
        }
        Op::CumSum(axis) => {
            let a = ins[0];
            let mut perm: Vec<usize> = (0..a.ndim()).filter(|d| d != axis).collect();
            perm.push(*axis);
            let moved = a.layout.permute(&perm);
            let out_moved = Layout::contiguous(shape).permute(&perm);
            let len = a.shape()[*axis];
            // One invocation scans a whole row; Mesa's llvmpipe (lavapipe) stops a shader
            // loop after 65,535 iterations, and long rows are slow on any adapter: those
            // are scanned on the CPU, in the same order.
            if len > LOOP_LIMIT {
                return Ok(None);
            }
            let Some(src) = wgsl::cumsum(described[0], out_repr, moved.ndim()) else {
                return Ok(None);
            };
            let rows = n / len.max(1);
            let mut info = vec![n as i32];
            info.extend(moved.shape.iter().map(|&d| d as i32));
            info.extend(placement(&moved));
            info.extend(placement(&out_moved));
            info.extend([rows as i32, len as i32]);
            let bufs = [info_buffer(cx, &info)?, raw(a)?, out_raw];
            let refs: Vec<&wgpu::Buffer> = bufs.iter().collect();
            cx.dispatch(&src, &refs, groups(rows, GROUP))?;
            cx.give(bufs[0].clone());
            true
        }
        Op::MatMul => {
            let (a, b) = (ins[0], ins[1]);
            let nd = a.ndim();
            let batch: usize = a.shape()[..nd - 2].iter().product();
            // Batched operands are made contiguous so one stride steps the batch.
            let (a, b) = if nd > 2 {
                let c = |x: &NdArray| execute(&Op::Copy, &[x], x.shape(), x.dtype);
                (c(a)?, c(b)?)
            } else {
                (a.clone(), b.clone())
            };
            let (sa, sb) = (a.shape(), b.shape());
            let (rows, k, m) = (sa[nd - 2], sa[nd - 1], sb[nd - 1]);
            // Small products (the common case in an interpreter loop) use one output per
            // invocation; larger ones the register-blocked kernel.
            let small = rows * m <= 64 * 64;
            let Some(src) = wgsl::matmul(described[0], out_repr, small) else {
                return Ok(None);
            };
            // Dispatch sizes stop at 65,535 workgroups per dimension, and lavapipe stops a
            // shader loop after 65,535 iterations (one per 16 of k): beyond either the
            // product runs on the CPU.
            let tile = if small { 16 } else { 64 };
            if batch > LOOP_LIMIT
                || rows.div_ceil(tile) > LOOP_LIMIT
                || m.div_ceil(tile) > LOOP_LIMIT
                || k.div_ceil(16) > LOOP_LIMIT
            {
                return Ok(None);
            }
            let (la, lb) = (&a.layout, &b.layout);
            let info = vec![
                rows as i32,
                k as i32,
                m as i32,
                la.offset as i32,
                (rows * k) as i32,
                la.strides[nd - 2] as i32,
                la.strides[nd - 1] as i32,
                lb.offset as i32,
                (k * m) as i32,
                lb.strides[nd - 2] as i32,
                lb.strides[nd - 1] as i32,
            ];
            let bufs = [info_buffer(cx, &info)?, raw(&a)?, raw(&b)?, out_raw];
            let refs: Vec<&wgpu::Buffer> = bufs.iter().collect();
            cx.dispatch(
                &src,
                &refs,
                (m.div_ceil(tile) as u32, rows.div_ceil(tile) as u32, batch.max(1) as u32),
            )?;
            cx.give(bufs[0].clone());
            true
        }
        Op::Gather => {
            let (a, pos) = (ins[0], ins[1]);
            if !cx.i64 {
                return Ok(None);
            }
            let pos = if pos.layout.is_contiguous() && pos.layout.offset == 0 {
                pos.clone()
            } else {
                execute(&Op::Copy, &[pos], pos.shape(), pos.dtype)?
            };
            let src = wgsl::gather(described[0], Repr::I64, out_repr, a.ndim());
            let mut info = vec![a.numel() as i32];
            info.extend(a.shape().iter().map(|&d| d as i32));
            info.extend(placement(&a.layout));
            info.push(n as i32);
            let bufs = [info_buffer(cx, &info)?, raw(a)?, raw(&pos)?, out_raw];
            let refs: Vec<&wgpu::Buffer> = bufs.iter().collect();
            cx.dispatch(&src, &refs, groups(n, GROUP))?;
            cx.give(bufs[0].clone());
            true
        }
        // Floating-point scatter-add needs atomics WGSL lacks: the CPU does it.
        Op::ScatterAdd { .. } => false,
        // Window copies run on the CPU (the gpu device's tensors take the round trip).
        Op::Im2Col(_) | Op::Col2Im(_) | Op::WindowArgMax(_) => false,
    };
    if !ran {
        return Ok(None);
    }
    Ok(Some(NdArray::from_buffer(out.into_buffer(), shape)))
}

/// Writes `src` (of `dst`'s dtype and shape, on either device) into the gpu view `dst`.
pub fn assign(dst: &NdArray, src: &NdArray) -> Result<(), String> {
    let cx = get()?;
    let n = dst.numel();
    if n == 0 {
        return Ok(());
    }
    if dst.layout.strides.iter().any(|&s| s < 0) {
        return Err("negative strides".into());
    }
    // A source sharing the destination's storage is copied first, as NumPy does.
    let src = if !on_gpu(src) {
        upload_operand(src)?
    } else if src.shares_storage(dst) {
        execute(&Op::Copy, &[src], src.shape(), src.dtype)?
    } else {
        src.clone()
    };
    if src.layout.strides.iter().any(|&s| s < 0) {
        return Err("negative strides".into());
    }
    let repr = super::memory::repr(cx, dst.dtype)?;
    let mut info = vec![n as i32];
    info.extend(dst.shape().iter().map(|&d| d as i32));
    info.extend(placement(&src.layout));
    info.extend(placement(&dst.layout));
    let bufs = [info_buffer(cx, &info)?, raw(&src)?, raw(dst)?];
    let refs: Vec<&wgpu::Buffer> = bufs.iter().collect();
    cx.dispatch(&wgsl::assign(repr, dst.ndim()), &refs, groups(n, GROUP))?;
    cx.give(bufs[0].clone());
    Ok(())
}
