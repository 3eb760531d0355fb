//! Fused elementwise programs (`ir::lazy::Program`) on the gpu device: one generated
//! kernel for the whole chain, each leaf read through its strided layout. A program
//! with a step that has no exact WGSL lowering runs step by step instead (that step
//! on the CPU, as every unsupported op does).

use super::context::get;
use super::kernels::{execute, groups, info_buffer, placement, raw};
use super::memory::{GpuBuffer, on_gpu, repr, upload_operand};
use super::wgsl::{self, GROUP, In, Line};
use crate::array::NdArray;
use crate::array::storage::Buffer;
use crate::ir::lazy::{Node, Program};

/// The elements of `p`, in a gpu buffer.
pub fn fused(p: &Program) -> Result<Buffer, String> {
    let cx = get()?;
    let leaves: Vec<NdArray> = p
        .leaves
        .iter()
        .map(|a| if on_gpu(a) { Ok(a.clone()) } else { upload_operand(a) })
        .collect::<Result<_, String>>()?;
    let n = p.len();
    if n == 0 {
        return Ok(GpuBuffer::new(cx, p.dtype, 0)?.into_buffer());
    }
    let ins: Vec<In> = leaves
        .iter()
        .map(|a| {
            Ok(In {
                repr: repr(cx, a.dtype)?,
                dtype: a.dtype,
                direct: a.layout.is_contiguous() && a.layout.offset == 0,
            })
        })
        .collect::<Result<_, String>>()?;
    let negative = leaves.iter().any(|a| a.layout.strides.iter().any(|&s| s < 0));
    let lines = if negative { None } else { lines(cx, p, &ins)? };
    let Some(lines) = lines else {
        return stepwise(p, &leaves);
    };
    let out = GpuBuffer::new(cx, p.dtype, n)?;
    let mut info = vec![n as i32];
    info.extend(p.shape.iter().map(|&d| d as i32));
    for a in &leaves {
        info.extend(placement(&a.layout));
    }
    let src = wgsl::fused(&ins, &lines, p.shape.len());
    let mut bufs = vec![info_buffer(cx, &info)?];
    for a in &leaves {
        bufs.push(raw(a)?);
    }
    bufs.push(out.raw()?.clone());
    let refs: Vec<&wgpu::Buffer> = bufs.iter().collect();
    cx.dispatch(&src, &refs, groups(n, GROUP))?;
    cx.give(bufs[0].clone());
    Ok(out.into_buffer())
}

/// The program as kernel lines, or `None` if some step has no exact lowering.
fn lines(cx: &super::context::Context, p: &Program, ins: &[In]) -> Result<Option<Vec<Line>>, String> {
    let mut lines: Vec<Line> = Vec::with_capacity(p.steps.len());
    let mut described: Vec<In> = Vec::with_capacity(p.steps.len());
    for s in &p.steps {
        let r = repr(cx, s.dtype)?;
        lines.push(match &s.node {
            Node::Leaf(k) => Line::Load(*k, r),
            Node::Apply(op, args) => {
                let operands: Vec<In> = args.iter().filter_map(|&a| described.get(a).copied()).collect();
                let Some(expr) = wgsl::lower(op, &operands, s.dtype, r) else {
                    return Ok(None);
                };
                Line::Apply(expr, args.clone(), r)
            }
        });
        let direct = matches!(s.node, Node::Leaf(k) if ins.get(k).is_some_and(|i| i.direct));
        described.push(In {
            repr: r,
            dtype: s.dtype,
            direct,
        });
    }
    Ok(Some(lines))
}

/// Runs the program one op at a time.
fn stepwise(p: &Program, leaves: &[NdArray]) -> Result<Buffer, String> {
    let mut values: Vec<NdArray> = Vec::with_capacity(p.steps.len());
    for s in &p.steps {
        let v = match &s.node {
            Node::Leaf(k) => leaves.get(*k).ok_or("fused kernel: bad leaf")?.clone(),
            Node::Apply(op, args) => {
                let ins: Vec<&NdArray> = args.iter().filter_map(|&a| values.get(a)).collect();
                execute(op, &ins, &p.shape, s.dtype)?
            }
        };
        values.push(v);
    }
    let last = values.pop().ok_or("fused kernel: empty program")?;
    // The result's storage is its own (a fresh kernel output), so it can be taken.
    let taken = std::mem::replace(&mut *last.storage.borrow_mut(), Buffer::Bool(Vec::new()));
    Ok(taken)
}
