//! The building blocks of PyTorch's selection and scattering ops written in nt
//! (`stdlib/torch/_ext.nt`: `gather`, `index_select`, `masked_fill`, `tril`,
//! `scatter_add`, …). The nt code computes, on an int64 tensor, the row-major
//! position in the input of each element it takes or writes; these builtins move the
//! data and record the gradient with PyTorch's node name:
//!
//! - `_nt.take_flat(t, positions, name)`: `t`'s elements at `positions`, in their shape;
//!   the gradient is scatter-added back.
//! - `_nt.keep_where(t, mask, fill, name)`: `t` where `mask`, else `fill` (a number);
//!   the gradient passes where `mask` holds.
//! - `_nt.scatter_flat(t, positions, src, accumulate, name)`: a copy of `t` with `src`
//!   written (or added one by one, in order, as PyTorch's CPU kernels add) at `positions`;
//!   `t`'s gradient is the output's outside the written positions (everywhere when
//!   adding), `src`'s is the output's at them.
//! - `_nt.torch_pick(kind, rows, k)`: per row, the index PyTorch's CPU `kthvalue` (k-th
//!   smallest, 1-based) or `mode` picks, ties included (torch_select.rs).
//! - `_nt.named(t, name)`: `t` under a node of PyTorch's name for an op nt composes from
//!   others (`logsumexp`); the gradient passes through unchanged.

use super::ops::{broadcast2, cast, run};
use super::record::{needs, record};
use super::{as_nd, wrap};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::error::{Res, type_error};
use crate::interp::Interp;
use crate::ir::{BinaryOp, Op};
use crate::syntax::symbol::Sym;
use crate::tensor::Tensor;
use crate::tensor::autograd::{Operand, Rule};
use crate::value::{Args, Lib, Value};
use std::rc::Rc;

pub(super) fn name_arg(v: Option<&Value>) -> Res<&'static str> {
    match v {
        // Interned: one copy per distinct name, however often the op runs.
        Some(Value::Str(s)) => Ok(Sym::new(s).as_str()),
        _ => Err(type_error("expected the node name")),
    }
}

pub(super) fn nd(v: Option<&Value>, what: &str) -> Res<(Lib, NdArray)> {
    v.and_then(|v| as_nd(v).map(|(l, a)| (l, a.clone())))
        .ok_or_else(|| type_error(format!("_nt: {what} must be an array or tensor")))
}

fn contiguous(a: &NdArray) -> Res<NdArray> {
    run(Op::Copy, &[a])
}

fn flat(a: &NdArray) -> Res<NdArray> {
    let c = contiguous(a)?;
    let l = c
        .layout
        .reshape(&[c.numel()])
        .ok_or_else(|| super::internal("flat view"))?;
    Ok(c.view(l))
}

pub fn take_flat(_: &mut Interp, args: Args) -> Res<Value> {
    let (lib, a) = nd(args.pos.first(), "the source")?;
    let (_, p) = nd(args.pos.get(1), "positions")?;
    let name = name_arg(args.pos.get(2))?;
    let p = cast(&contiguous(&p)?, DType::I64)?;
    let out = run(Op::Gather, &[&flat(&a)?, &p])?;
    let r = wrap(lib, out);
    Ok(super::record::rearranged(name, r, &args.pos[0], &p))
}

pub fn keep_where(_: &mut Interp, args: Args) -> Res<Value> {
    let (lib, a) = nd(args.pos.first(), "the source")?;
    let (_, m) = nd(args.pos.get(1), "the mask")?;
    let fill = args.pos.get(2).cloned().unwrap_or(Value::Int(0));
    let name = name_arg(args.pos.get(3))?;
    let m = cast(&m, DType::Bool)?;
    let (m, x) = broadcast2(lib, &m, &a)?;
    let f = match as_nd(&fill) {
        Some((_, f)) => cast(f, a.dtype)?,
        None => super::create::scalar(&fill, a.dtype)?,
    };
    let (f, _) = broadcast2(lib, &f, &x)?;
    let out = run(Op::Where, &[&m, &x, &f])?;
    let r = wrap(lib, out);
    let weight = contiguous(&cast(&m, a.dtype)?)?;
    Ok(record(r, name, Rule::Mask(weight), &[&args.pos[0]]))
}

pub fn scatter_flat(_: &mut Interp, args: Args) -> Res<Value> {
    let (lib, a) = nd(args.pos.first(), "the destination")?;
    let (_, p) = nd(args.pos.get(1), "positions")?;
    let src_v = args.pos.get(2).cloned().unwrap_or(Value::None);
    let accumulate = matches!(args.pos.get(3), Some(Value::Bool(true)));
    let name = name_arg(args.pos.get(4))?;
    let n = a.numel();
    let p = flat(&cast(&p, DType::I64)?)?;
    let src = match as_nd(&src_v) {
        Some((_, s)) => flat(&cast(s, a.dtype)?)?,
        None => {
            let s = super::create::scalar(&src_v, a.dtype)?;
            let l = s
                .layout
                .broadcast_to(p.shape())
                .ok_or_else(|| super::internal("scatter value"))?;
            contiguous(&s.view(l))?
        }
    };
    let dest = flat(&a)?;
    let ones = NdArray::from_buffer(crate::array::storage::Buffer::I64(vec![1; p.numel()]), p.shape());
    let hits = run(Op::ScatterAdd { len: n }, &[&p, &ones])?;
    let zero = super::create::scalar(&Value::Int(0), DType::I64)?;
    let (h, z) = broadcast2(lib, &hits, &zero)?;
    let untouched = run(Op::Binary(BinaryOp::Eq), &[&h, &z])?;
    let out = if accumulate {
        // ((dest + v1) + v2) … in index order: the destination's own values go first
        // through the same sequential scatter-add; untouched elements keep their bits.
        let iota = NdArray::from_buffer(crate::array::storage::Buffer::I64((0..n as i64).collect()), &[n]);
        let all_p = super::shape::concat(Lib::Torch, &[iota, p.clone()], 0)?;
        let all_v = super::shape::concat(Lib::Torch, &[dest.clone(), src.clone()], 0)?;
        let summed = run(Op::ScatterAdd { len: n }, &[&all_p, &all_v])?;
        run(Op::Where, &[&untouched, &dest, &summed])?
    } else {
        let out = contiguous(&dest)?;
        super::index::set(lib, &out, &wrap(Lib::Numpy, p.clone()), &wrap(lib, src.clone()))?;
        out
    };
    let out = out.view(
        out.layout
            .reshape(a.shape())
            .ok_or_else(|| super::internal("scatter shape"))?,
    );
    let r = wrap(lib, out);
    let inputs = [&args.pos[0], &src_v];
    if !needs(&inputs) {
        return Ok(r);
    }
    let keep = if accumulate {
        NdArray::from_buffer(crate::array::storage::Buffer::Bool(vec![true; n]), &[n])
    } else {
        untouched
    };
    let keep = cast(&keep, a.dtype)?;
    let keep = keep.view(keep.layout.reshape(a.shape()).ok_or_else(|| super::internal("keep"))?);
    let Value::Tensor(out) = &r else { return Ok(r) };
    let operand = |v: &Value| match v {
        Value::Tensor(t) => Ok(t.clone()),
        _ => Ok::<_, Box<crate::error::Exc>>(Rc::new(Tensor::new(src.clone()))),
    };
    let (dst_t, src_t) = (operand(&args.pos[0])?, operand(&src_v)?);
    // The source's gradient is gathered in the source's own shape.
    let p = match p.layout.reshape(src_t.data().shape()) {
        Some(l) if src_t.data().numel() == p.numel() => p.view(l),
        _ => p,
    };
    Ok(Value::Tensor(crate::tensor::autograd::record(
        out.data().clone(),
        name,
        Rule::CopySlices { positions: p, keep },
        &[Operand::Tensor(&dst_t), Operand::Tensor(&src_t)],
    )))
}

pub fn named(_: &mut Interp, args: Args) -> Res<Value> {
    let t = args.pos.first().cloned().unwrap_or(Value::None);
    let name = name_arg(args.pos.get(1))?;
    let Value::Tensor(x) = &t else { return Ok(t) };
    let r = wrap(Lib::Torch, x.data().clone());
    Ok(record(r, name, Rule::View, &[&t]))
}

/// `_nt.torch_pick(kind, rows, k)`: for each row of the 2-D `rows` (the input moved so the
/// reduced dim is last, reshaped to (-1, n)), the index PyTorch's CPU kernel returns:
/// kind 'kthvalue' (k is 1-based) or 'mode' (k is ignored). An int64 tensor, one per row.
pub fn torch_pick(_: &mut Interp, args: Args) -> Res<Value> {
    let kind = match args.pos.first() {
        Some(Value::Str(s)) => s.clone(),
        _ => return Err(type_error("_nt.torch_pick(kind, rows, k)")),
    };
    let (lib, a) = nd(args.pos.get(1), "rows")?;
    let k = match args.pos.get(2) {
        Some(v) => crate::interp::builtins::int_arg(v)?.max(1) as usize,
        None => 1,
    };
    let n = a.shape().last().copied().unwrap_or(1).max(1);
    let floats = crate::realise::to_f64s(&a).map_err(super::internal)?;
    let exact = if a.dtype.is_float() {
        None
    } else {
        crate::realise::to_i128s(&a).ok()
    };
    let mut chosen = Vec::with_capacity(floats.len() / n);
    for r in 0..floats.len() / n {
        let span = r * n..(r + 1) * n;
        let i = match (&*kind, &exact) {
            ("kthvalue", Some(e)) => super::torch_select::kthvalue_index_i128(&e[span], k.min(n)),
            ("kthvalue", None) => super::torch_select::kthvalue_index_f64(&floats[span], k.min(n)),
            ("mode", Some(e)) => super::torch_select::mode_index_i128(&e[span]),
            ("mode", None) => super::torch_select::mode_index_f64(&floats[span]),
            _ => return Err(type_error(format!("_nt.torch_pick: unknown kind {kind}"))),
        };
        chosen.push(i as i64);
    }
    let len = chosen.len();
    Ok(wrap(
        lib,
        NdArray::from_buffer(crate::array::storage::Buffer::I64(chosen), &[len]),
    ))
}
