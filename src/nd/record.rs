//! Where the tensor front end records ops: each differentiable PyTorch op calls one of
//! these with its operands (values) and result; they choose PyTorch's node and rule and
//! hand them to the tensor core's autograd.

use crate::array::NdArray;
use crate::array::layout::Layout;
use crate::error::{Res, exc};
use crate::ir::{BinaryOp, Op, UnaryOp};
use crate::nd::{as_nd, create, internal};
use crate::syntax::ast::BinOp;
use crate::tensor::Tensor;
use crate::tensor::autograd::{self as core, Operand, Rule};
use crate::value::{Lib, Value};
use std::rc::Rc;

pub use crate::tensor::ops::positions;

/// A value as an operand of a recorded op: tensors take gradients, anything else is a
/// constant of its shape (numbers: `[]`).
fn operand(v: &Value) -> Operand<'_> {
    match v {
        Value::Tensor(t) => Operand::Tensor(t),
        other => Operand::Constant(as_nd(other).map(|(_, a)| a.shape().to_vec()).unwrap_or_default()),
    }
}

fn operands<'a>(inputs: &[&'a Value]) -> Vec<Operand<'a>> {
    inputs.iter().map(|v| operand(v)).collect()
}

/// Whether an op on these operands must be recorded.
pub fn needs(inputs: &[&Value]) -> bool {
    // Every array op asks this: no allocation.
    core::grad_enabled() && inputs.iter().any(|v| matches!(v, Value::Tensor(t) if t.needs_grad()))
}

/// Attaches a node for `rule` to an op's tensor result when any input requires grad.
pub fn record(result: Value, name: &'static str, rule: Rule, inputs: &[&Value]) -> Value {
    if !needs(inputs) {
        return result;
    }
    let Value::Tensor(out) = &result else { return result };
    Value::Tensor(core::record(out.data().clone(), name, rule, &operands(inputs)))
}

/// The view a basic-index `key` takes, as a layout over a contiguous array of `shape`.
fn view_of(shape: &[usize], key: &Value) -> Res<Layout> {
    crate::nd::index::basic_layout(Lib::Torch, &Layout::contiguous(shape), key)?
        .ok_or_else(|| internal("basic index view"))
}

fn data(v: &Value, like: &NdArray) -> Res<NdArray> {
    match as_nd(v) {
        Some((_, a)) => Ok(a.clone()),
        None => create::scalar(v, like.dtype),
    }
}

/// An operand as a tensor to save: tensors themselves (so `create_graph` can
/// differentiate through them), numbers as constant tensors.
fn saved(v: &Value, like: &NdArray) -> Res<Rc<Tensor>> {
    match v {
        Value::Tensor(t) => Ok(t.clone()),
        _ => Ok(Rc::new(Tensor::new(data(v, like)?))),
    }
}

fn out_data(r: &Value) -> Option<NdArray> {
    as_nd(r).map(|(_, a)| a.clone())
}

/// `a op b` on tensors.
pub fn binary(op: BinOp, r: Value, a: &Value, b: &Value) -> Res<Value> {
    if !needs(&[a, b]) {
        return Ok(r);
    }
    let Some(out) = out_data(&r) else { return Ok(r) };
    let (x, y) = (saved(a, &out)?, saved(b, &out)?);
    // PyTorch names ops with a number on the left after the op it runs: `5 - t` is a
    // reversed subtraction, `2 / t` a multiplication by the reciprocal.
    let scalar_left = as_nd(a).is_none();
    let (name, rule) = match op {
        BinOp::Add => ("AddBackward0", Rule::Add),
        BinOp::Sub if scalar_left => ("RsubBackward1", Rule::Sub),
        BinOp::Sub => ("SubBackward0", Rule::Sub),
        BinOp::Mul => ("MulBackward0", Rule::Mul(x, y)),
        BinOp::Div if scalar_left => ("MulBackward0", Rule::Div(x, y)),
        BinOp::Div => ("DivBackward0", Rule::Div(x, y)),
        BinOp::Pow if as_nd(b).is_none() => ("PowBackward0", Rule::PowScalar(x, b.as_f64().unwrap_or(1.0))),
        BinOp::Pow => (
            if scalar_left { "PowBackward2" } else { "PowBackward1" },
            Rule::Pow(x, y, out),
        ),
        _ => return Err(unsupported(op.symbol())),
    };
    Ok(record(r, name, rule, &[a, b]))
}

/// A unary primitive (`-t`, `t.exp()`, `torch.floor(t)`): its rule comes from the tensor
/// core, keyed by the IR op; one without a rule is refused, never detached.
/// A float primitive of two operands (`atan2`, `hypot`, `copysign`, `fmod`), with
/// PyTorch's node names (a number as `other` is a different overload).
pub fn formula2(op: crate::ir::BinaryOp, r: Value, a: &Value, b: &Value) -> Res<Value> {
    use crate::ir::BinaryOp;
    if !needs(&[a, b]) {
        return Ok(r);
    }
    let Some(out) = out_data(&r) else { return Ok(r) };
    let (x, y) = (saved(a, &out)?, saved(b, &out)?);
    let number_other = !matches!(b, Value::Tensor(_));
    let name = match op {
        BinaryOp::Atan2 => "Atan2Backward0",
        BinaryOp::Hypot => "HypotBackward0",
        BinaryOp::Copysign if number_other => "CopysignBackward1",
        BinaryOp::Copysign => "CopysignBackward0",
        BinaryOp::Fmod if number_other => "FmodBackward0",
        _ => "FmodBackward1",
    };
    Ok(record(r, name, Rule::Formula2(op, x, y, out), &[a, b]))
}

pub fn primitive(op: UnaryOp, r: Value, a: &Value) -> Res<Value> {
    if !needs(&[a]) {
        return Ok(r);
    }
    let (Some(out), Value::Tensor(x)) = (out_data(&r), a) else {
        return Ok(r);
    };
    match core::unary(op, x, &out)? {
        Some((name, rule)) => Ok(record(r, name, rule, &[a])),
        None => Err(unsupported(crate::nd::unary::names(op).torch[0])),
    }
}

/// Composite unary functions with a rule of their own: `torch.sigmoid(t)`, `relu`.
pub fn composite(name: &str, r: Value, a: &Value) -> Res<Value> {
    if !needs(&[a]) {
        return Ok(r);
    }
    let (Some(out), Some(_)) = (out_data(&r), as_nd(a)) else {
        return Ok(r);
    };
    let (grad_name, rule) = match name {
        "sigmoid" => ("SigmoidBackward0", Rule::Sigmoid(out)),
        // threshold_backward(grad, result, 0) from the saved output.
        "relu" => ("ReluBackward0", Rule::Relu(out)),
        other => return Err(unsupported(other)),
    };
    Ok(record(r, grad_name, rule, &[a]))
}

/// `t.sum()`, `t.sum(dim)`, `t.mean(...)`.
pub fn reduction(name: &str, r: Value, a: &Value, axes: &[usize], keepdim: bool, all: bool, ddof: f64) -> Res<Value> {
    if !needs(&[a]) {
        return Ok(r);
    }
    let Some((_, x)) = as_nd(a) else { return Ok(r) };
    let n: usize = axes.iter().map(|&d| x.shape()[d]).product();
    let axes = axes.to_vec();
    let (grad_name, rule) = match (name, all) {
        ("sum", true) => ("SumBackward0", Rule::Sum { axes, keepdim }),
        ("sum", false) => ("SumBackward1", Rule::Sum { axes, keepdim }),
        ("mean", true) => ("MeanBackward0", Rule::Mean { axes, keepdim, n }),
        ("mean", false) => ("MeanBackward1", Rule::Mean { axes, keepdim, n }),
        ("max" | "min" | "amax" | "amin", _) => return extreme(name, r, a, x, &axes, keepdim, all),
        // Only the 2-norm reaches here (the others are refused with autograd).
        ("norm", _) => {
            let out = out_data(&r).ok_or_else(|| internal("norm result"))?;
            let norm = kept(&out, &axes, keepdim);
            (
                "LinalgVectorNormBackward0",
                Rule::Norm2 {
                    input: x.clone(),
                    norm,
                    axes,
                    keepdim,
                },
            )
        }
        ("var" | "std", _) => {
            let weights = slope(name, &r, x, &axes, keepdim, n, ddof)?;
            let grad_name = if name == "var" { "VarBackward0" } else { "StdBackward0" };
            (
                grad_name,
                Rule::Spread {
                    weights,
                    axes,
                    keepdim,
                    smooth: true,
                },
            )
        }
        (other, _) => {
            // Integer results (argmax, …) carry no gradient; float ones need a rule.
            return match &r {
                Value::Tensor(t) if t.data().dtype.is_float() => Err(unsupported(other)),
                Value::Named(_) => Err(unsupported(other)),
                _ => Ok(r),
            };
        }
    };
    Ok(record(r, grad_name, rule, &[a]))
}

/// `torch.norm(t, p)` for p other than 2 (the 2-norm is `reduction`'s): `x` is the
/// input as the norm was computed (cast to its float dtype).
pub fn norm_p(r: Value, a: &Value, x: &NdArray, p: f64, axes: &[usize], keepdim: bool) -> Value {
    let Some(out) = out_data(&r) else { return r };
    let rule = Rule::NormP {
        input: x.clone(),
        norm: kept(&out, axes, keepdim),
        p,
        axes: axes.to_vec(),
        keepdim,
    };
    record(r, "LinalgVectorNormBackward0", rule, &[a])
}

/// `a @ b`, `torch.mm`, `torch.dot` on 1-D or 2-D tensors.
pub fn matmul(r: Value, a: &Value, b: &Value) -> Res<Value> {
    if !needs(&[a, b]) {
        return Ok(r);
    }
    let (Some((_, x)), Some((_, y))) = (as_nd(a), as_nd(b)) else {
        return Ok(r);
    };
    let (nx, ny) = (x.ndim(), y.ndim());
    let (name, rule) = match (nx, ny) {
        (2, 2) => ("MmBackward0", Rule::Mm(saved(a, x)?, saved(b, y)?)),
        (1, 1) => ("DotBackward0", Rule::Dot(saved(a, x)?, saved(b, y)?)),
        (2, 1) => ("MvBackward0", Rule::Mv(saved(a, x)?, saved(b, y)?)),
        _ => {
            // The node PyTorch's matmul leaves on top: a vector times a matrix squeezes;
            // a matrix (or a batch of one) times a batch goes through transposes and a
            // copy when the left operand requires grad; the rest reshape a bmm's result.
            let batch = |s: &[usize]| s[..s.len().saturating_sub(2)].iter().product::<usize>();
            let a_grad = matches!(a, Value::Tensor(t) if t.needs_grad());
            let name = if (nx, ny) == (1, 2) {
                "SqueezeBackward4"
            } else if a_grad
                && ((nx == 2 && ny >= 3) || (nx == 3 && ny == 3 && batch(x.shape()) == 1 && batch(y.shape()) > 1))
            {
                "CloneBackward0"
            } else {
                "UnsafeViewBackward0"
            };
            (name, Rule::MatMulNd(saved(a, x)?, saved(b, y)?))
        }
    };
    Ok(record(r, name, rule, &[a, b]))
}

/// `torch.bmm(a, b)`: a batched product's gradient node.
pub fn bmm(r: Value, a: &Value, b: &Value) -> Res<Value> {
    if !needs(&[a, b]) {
        return Ok(r);
    }
    let (Some((_, x)), Some((_, y))) = (as_nd(a), as_nd(b)) else {
        return Ok(r);
    };
    Ok(record(
        r,
        "BmmBackward0",
        Rule::MatMulNd(saved(a, x)?, saved(b, y)?),
        &[a, b],
    ))
}

/// Views: `reshape`/`view`, `.T`/`permute`/`transpose`.
pub fn view(kind: &str, r: Value, a: &Value, perm: Option<Vec<usize>>) -> Res<Value> {
    if !needs(&[a]) {
        return Ok(r);
    }
    Ok(match perm {
        Some(p) => record(
            r,
            match kind {
                "transpose" => "TransposeBackward0",
                "t" => "TBackward0",
                _ => "PermuteBackward0",
            },
            Rule::Permute(p),
            &[a],
        ),
        None => {
            let name = match kind {
                "squeeze" => "SqueezeBackward0",
                "squeeze_dim" => "SqueezeBackward1",
                "unsqueeze" => "UnsqueezeBackward0",
                _ => "ViewBackward0",
            };
            record(r, name, Rule::View, &[a])
        }
    })
}

/// `softmax(t, dim)`.
pub fn softmax(r: Value, a: &Value, dim: usize) -> Res<Value> {
    if !needs(&[a]) {
        return Ok(r);
    }
    let Some(out) = out_data(&r) else { return Ok(r) };
    Ok(record(r, "SoftmaxBackward0", Rule::Softmax(out, dim), &[a]))
}

/// `clamp(t, lo, hi)`. Number bounds (`ClampBackward1`): the gradient passes where `t`
/// is within them, ends included. Tensor bounds (`ClampBackward0`): clamp is
/// `min(max(t, lo), hi)`, and each of `t`, `lo`, `hi` takes the gradient where it is the
/// result, ties split evenly as maximum's and minimum's gradients split them.
pub fn clamp(r: Value, a: &Value, lo: &Value, hi: &Value) -> Res<Value> {
    use crate::nd::ops::{broadcast2, cast, run};
    if !needs(&[a, lo, hi]) {
        return Ok(r);
    }
    let Some((_, x)) = as_nd(a) else { return Ok(r) };
    let Some(out) = out_data(&r) else { return Ok(r) };
    let d = out.dtype;
    let bin = |op: BinaryOp, p: &NdArray, q: &NdArray| -> Res<NdArray> {
        let (p, q) = broadcast2(Lib::Torch, p, q)?;
        run(Op::Binary(op), &[&p, &q])
    };
    let full = |w: NdArray| -> Res<NdArray> {
        let l = w
            .layout
            .broadcast_to(out.shape())
            .ok_or_else(|| internal("clamp mask"))?;
        run(Op::Copy, &[&w.view(l)])
    };
    let x = cast(x, d)?;
    let tensor_bound = matches!(lo, Value::Tensor(_)) || matches!(hi, Value::Tensor(_));
    if !tensor_bound {
        let mut weight = create::scalar(&Value::Float(1.0), d)?;
        for (bound, inside) in [(lo, BinaryOp::Gt), (hi, BinaryOp::Lt)] {
            if matches!(bound, Value::None) {
                continue;
            }
            let b = cast(&data(bound, &x)?, d)?;
            weight = bin(BinaryOp::Mul, &weight, &cast(&bin(inside, &x, &b)?, d)?)?;
        }
        return Ok(record(r, "ClampBackward1", Rule::Mask(full(weight)?), &[a]));
    }
    // [p > q] + ½[p == q]: the share of max(p, q) (with p, q swapped: of min) that is p's.
    let half = create::scalar(&Value::Float(0.5), d)?;
    let share = |p: &NdArray, q: &NdArray, win: BinaryOp| -> Res<NdArray> {
        let w = cast(&bin(win, p, q)?, d)?;
        let tie = cast(&bin(BinaryOp::Eq, p, q)?, d)?;
        bin(BinaryOp::Add, &w, &bin(BinaryOp::Mul, &tie, &half)?)
    };
    let one = create::scalar(&Value::Float(1.0), d)?;
    let zero = create::scalar(&Value::Float(0.0), d)?;
    let (mut wx, mut wlo, mut m) = (one.clone(), zero.clone(), x.clone());
    if !matches!(lo, Value::None) {
        let b = cast(&data(lo, &x)?, d)?;
        wx = share(&x, &b, BinaryOp::Gt)?;
        wlo = share(&b, &x, BinaryOp::Gt)?;
        m = bin(BinaryOp::Max, &x, &b)?;
    }
    let mut whi = zero.clone();
    if !matches!(hi, Value::None) {
        let b = cast(&data(hi, &x)?, d)?;
        let dm = share(&m, &b, BinaryOp::Lt)?;
        wx = bin(BinaryOp::Mul, &wx, &dm)?;
        wlo = bin(BinaryOp::Mul, &wlo, &dm)?;
        whi = share(&b, &m, BinaryOp::Lt)?;
    }
    let rule = Rule::Weighted(vec![full(wx)?, full(wlo)?, full(whi)?]);
    let none = Value::None;
    let inputs = [
        a,
        if matches!(lo, Value::Tensor(_)) { lo } else { &none },
        if matches!(hi, Value::Tensor(_)) { hi } else { &none },
    ];
    Ok(record(r, "ClampBackward0", rule, &inputs))
}

/// `maximum(a, b)` / `minimum(a, b)`: each input gets the gradient where it won; ties split.
pub fn select2(r: Value, a: &Value, b: &Value, is_max: bool) -> Res<Value> {
    use crate::ir::{BinaryOp, Op};
    use crate::nd::ops::{broadcast2, cast, run};
    if !needs(&[a, b]) {
        return Ok(r);
    }
    let Some(out) = out_data(&r) else { return Ok(r) };
    let (x, y) = (cast(&data(a, &out)?, out.dtype)?, cast(&data(b, &out)?, out.dtype)?);
    let (x, y) = broadcast2(Lib::Torch, &x, &y)?;
    let win = run(Op::Binary(if is_max { BinaryOp::Gt } else { BinaryOp::Lt }), &[&x, &y])?;
    let tie = run(Op::Binary(BinaryOp::Eq), &[&x, &y])?;
    let half = create::scalar(&Value::Float(0.5), out.dtype)?;
    let (t, h) = broadcast2(Lib::Torch, &cast(&tie, out.dtype)?, &half)?;
    let tie_half = run(Op::Binary(BinaryOp::Mul), &[&t, &h])?;
    let wa = run(Op::Binary(BinaryOp::Add), &[&cast(&win, out.dtype)?, &tie_half])?;
    let lose = run(Op::Binary(if is_max { BinaryOp::Lt } else { BinaryOp::Gt }), &[&x, &y])?;
    let wb = run(Op::Binary(BinaryOp::Add), &[&cast(&lose, out.dtype)?, &tie_half])?;
    let name = if is_max { "MaximumBackward0" } else { "MinimumBackward0" };
    Ok(record(r, name, Rule::Select2(wa, wb), &[a, b]))
}

/// `where(cond, a, b)`: `a` gets the gradient where `cond` holds, `b` elsewhere.
pub fn where_(r: Value, cond: &Value, a: &Value, b: &Value) -> Res<Value> {
    use crate::ir::{Op, UnaryOp};
    use crate::nd::ops::{broadcast2, cast, run};
    if !needs(&[a, b]) {
        return Ok(r);
    }
    let Some(out) = out_data(&r) else { return Ok(r) };
    let c = data(cond, &out)?;
    let (c, _) = broadcast2(Lib::Torch, &c, &out)?;
    let not = run(Op::exact(UnaryOp::Not), &[&c])?;
    let (ma, mb) = (cast(&c, out.dtype)?, cast(&not, out.dtype)?);
    Ok(record(r, "WhereBackward0", Rule::Select2(ma, mb), &[a, b]))
}

/// `t.expand(...)`.
pub fn expand(r: Value, a: &Value) -> Res<Value> {
    if !needs(&[a]) {
        return Ok(r);
    }
    Ok(record(r, "ExpandBackward0", Rule::Expand, &[a]))
}

/// `torch.cat` / `torch.stack`.
pub fn cat(r: Value, parts: &[Value], dim: usize, stacked: bool) -> Res<Value> {
    let refs: Vec<&Value> = parts.iter().collect();
    if !needs(&refs) {
        return Ok(r);
    }
    let name = if stacked { "StackBackward0" } else { "CatBackward0" };
    Ok(record(r, name, Rule::Cat { dim, stacked }, &refs))
}

/// `t[key]` with basic indices.
pub fn index(r: Value, a: &Value, key: &Value) -> Res<Value> {
    if !needs(&[a]) {
        return Ok(r);
    }
    let last = match key {
        Value::Tuple(items) => items
            .iter()
            .rev()
            .find(|i| !matches!(i, Value::Ellipsis))
            .cloned()
            .unwrap_or(Value::Ellipsis),
        other => other.clone(),
    };
    let name = match last {
        Value::Int(_) => "SelectBackward0",
        Value::None => "UnsqueezeBackward0",
        Value::Slice(_) | Value::Ellipsis => "SliceBackward0",
        _ => {
            // Index arrays and masks: where each result element came from, found by
            // indexing the input's flat positions with the same key.
            let Some((_, x)) = as_nd(a) else { return Ok(r) };
            let positions = crate::nd::index::get(Lib::Torch, &positions(x), key)?;
            let Some((_, p)) = as_nd(&positions) else { return Ok(r) };
            return Ok(record(r, "IndexBackward0", Rule::Gather(p.clone()), &[a]));
        }
    };
    let Some((_, x)) = as_nd(a) else { return Ok(r) };
    let view = view_of(x.shape(), key)?;
    Ok(record(r, name, Rule::Index(view), &[a]))
}

/// One piece of a tensor taken whole by a multi-output op (`unbind`, iteration,
/// unpacking): `key` is the basic index that selects it, `name` PyTorch's node name.
pub fn part(name: &'static str, r: Value, a: &Value, key: Value) -> Res<Value> {
    let Some((_, x)) = as_nd(a) else { return Ok(r) };
    let view = view_of(x.shape(), &key)?;
    Ok(record(r, name, Rule::Index(view), &[a]))
}

/// A result whose elements are elements of `a` rearranged (`sort`, `topk`, `split`):
/// `positions` holds, for each result element, its row-major position in `a`.
/// An op that only moves and copies `a`'s elements (`repeat`, `repeat_interleave`):
/// `f` applied to `a`'s flat positions gives where each result element comes from, and
/// the gradient is scatter-added back through them.
pub fn rearrangement(name: &'static str, r: Value, a: &Value, f: impl Fn(&NdArray) -> Res<NdArray>) -> Res<Value> {
    if !needs(&[a]) {
        return Ok(r);
    }
    let Some((_, x)) = as_nd(a) else { return Ok(r) };
    let iota = NdArray::from_buffer(
        crate::array::storage::Buffer::I64((0..x.numel() as i64).collect()),
        x.shape(),
    );
    let positions = crate::nd::ops::run(Op::Copy, &[&f(&iota)?])?;
    Ok(rearranged(name, r, a, &positions))
}

pub fn rearranged(name: &'static str, r: Value, a: &Value, positions: &NdArray) -> Value {
    record(r, name, Rule::Gather(positions.clone()), &[a])
}

/// `t[key] = v` where `t` has a history or `v` requires grad: writes, then gives `t`
/// a `CopySlices` node (`IndexPutBackward0` for index arrays and masks).
pub fn set_item(target: &Rc<Tensor>, key: &Value, v: &Value) -> Res<()> {
    use crate::ir::{BinaryOp, Op};
    use crate::nd::ops::{cast, run};
    let x = target.data();
    let n = x.numel();
    let positions = crate::nd::index::get(Lib::Torch, &positions(x), key)?;
    let Some((_, positions)) = as_nd(&positions) else {
        return Err(internal("set_item positions"));
    };
    let positions = run(Op::Copy, &[positions])?;
    let ones = NdArray::from_buffer(
        crate::array::storage::Buffer::I64(vec![1; positions.numel()]),
        positions.shape(),
    );
    let hits = run(Op::ScatterAdd { len: n }, &[&positions, &ones])?;
    let zero = create::scalar(&Value::Int(0), hits.dtype)?;
    let (h, z) = crate::nd::ops::broadcast2(Lib::Torch, &hits, &zero)?;
    let keep = cast(&run(Op::Binary(BinaryOp::Eq), &[&h, &z])?, x.dtype)?;
    let keep = keep.view(keep.layout.reshape(x.shape()).ok_or_else(|| internal("keep mask"))?);
    let basic = crate::nd::index::basic_layout(Lib::Torch, &x.layout, key)?.is_some();
    // The old history, before the write.
    let old = Tensor::new(x.clone());
    old.requires_grad.set(target.requires_grad.get());
    *old.grad_fn.borrow_mut() = target.grad_fn();
    let old = Rc::new(old);
    crate::nd::index::set(Lib::Torch, x, key, v)?;
    // The value as the indexed region sees it (numbers become constants).
    let v = saved(v, x)?;
    let name = if basic { "CopySlices" } else { "IndexPutBackward0" };
    core::rebase(
        target,
        name,
        Rule::CopySlices { positions, keep },
        &[Operand::Tensor(&old), Operand::Tensor(&v)],
    );
    Ok(())
}

/// A stand-in for `target` before an in-place write: a copy of its values with its
/// history, so a node recorded from it keeps the values as they were (PyTorch's
/// `original_self`) and its gradient flows into the old history.
fn before_write(target: &Rc<Tensor>) -> Res<Rc<Tensor>> {
    let old = Tensor::new(crate::nd::ops::run(crate::ir::Op::Copy, &[&target.data()])?);
    old.requires_grad.set(target.requires_grad.get());
    *old.grad_fn.borrow_mut() = target.grad_fn();
    Ok(Rc::new(old))
}

/// An in-place op on a tensor whose history must be kept (it has one, or an operand
/// requires grad), as PyTorch rebases it: `compute` runs the out-of-place op, recorded,
/// on a stand-in holding the tensor's values and history; its result is written into
/// the tensor, which takes the result's node (`AddBackward0` for `y += 1`). A view is
/// refused: its base would need the node too (`CopySlices`), which nt does not track.
pub fn rebased(target: &Rc<Tensor>, compute: impl FnOnce(&Value) -> Res<Value>) -> Res<()> {
    whole_tensor(target)?;
    let old = before_write(target)?;
    let r = compute(&Value::Tensor(old))?;
    let Value::Tensor(rt) = &r else {
        return Err(internal("in-place result"));
    };
    crate::nd::ops::write_into(Lib::Torch, &target.data(), &rt.data())?;
    if let Some(node) = rt.grad_fn() {
        *target.grad_fn.borrow_mut() = Some(node);
    }
    Ok(())
}

/// `target.copy_(src)` (`zero_()`, `fill_(v)`) where the history must be kept: PyTorch's
/// `CopyBackwards` (`ZeroBackward0`, `FillBackward0/1`), whose gradient goes to `src`
/// (summed back to its shape) and none to the old values.
pub fn copy_into(target: &Rc<Tensor>, src: &Value, name: &'static str) -> Res<()> {
    whole_tensor(target)?;
    if let Some((_, s)) = as_nd(src)
        && s.dtype != target.data().dtype
        && matches!(src, Value::Tensor(t) if t.needs_grad())
    {
        return Err(unsupported("copy_ between dtypes"));
    }
    let old = before_write(target)?;
    crate::nd::ops::write_into(Lib::Torch, &target.data(), &data(src, &target.data())?)?;
    let keep = NdArray::zeros(target.data().dtype, target.data().shape());
    let v = saved(src, &target.data())?;
    core::rebase(
        target,
        name,
        Rule::CopySlices {
            positions: positions(&target.data()),
            keep,
        },
        &[Operand::Tensor(&old), Operand::Tensor(&v)],
    );
    Ok(())
}

/// nt keeps an in-place op's history on the tensor written to, not on a tensor it is a
/// view of: an in-place op with history on a part of a storage is refused.
fn whole_tensor(target: &Tensor) -> Res<()> {
    let d = target.data();
    let whole = d.layout.offset == 0 && d.layout.is_contiguous() && d.storage.borrow().len() == d.numel();
    if whole {
        Ok(())
    } else {
        Err(unsupported(
            "in-place operation with a gradient on a view of another tensor",
        ))
    }
}

pub fn unsupported(what: &str) -> Box<crate::error::Exc> {
    exc(
        "NotImplementedError",
        format!("nt cannot differentiate '{what}' yet: use it on tensors that do not require grad"),
    )
}

/// After a tensor method or torch function: a float result computed from inputs that
/// require grad but not recorded would silently lose gradients — refuse it instead.
pub fn check_recorded(what: &str, inputs: &[&Value], r: &Value) -> Res<()> {
    if !needs(inputs)
        || matches!(
            what,
            "detach"
                | "numpy"
                | "tolist"
                | "item"
                | "size"
                | "dim"
                | "numel"
                | "new_ones"
                | "new_zeros"
                | "new_full"
                | "new_empty"
                | "new_tensor"
                // Fresh tensors shaped like the input: no history in PyTorch either.
                | "empty_like"
                | "zeros_like"
                | "ones_like"
                | "full_like"
                | "rand_like"
                | "randn_like"
                | "randint_like"
        )
    {
        return Ok(());
    }
    match r {
        Value::Tensor(t) if t.data().dtype.is_float() && !t.needs_grad() => Err(unsupported(what)),
        _ => Ok(()),
    }
}

/// Puts reduced axes back (size 1) so a reduction's result broadcasts against its input.
fn kept(out: &NdArray, axes: &[usize], keepdim: bool) -> NdArray {
    let mut k = out.clone();
    if !keepdim {
        for &d in axes {
            k = k.view(k.layout.unsqueeze(d));
        }
    }
    k
}

/// d var/dx = 2(x − mean)/(n − ddof); d std/dx = (x − mean)/((n − ddof)·std).
fn slope(name: &str, r: &Value, x: &NdArray, axes: &[usize], keepdim: bool, n: usize, ddof: f64) -> Res<NdArray> {
    use crate::ir::{BinaryOp, Op, ReduceOp};
    use crate::nd::ops::{broadcast2, run};
    let lib = Lib::Torch;
    let bin = |op: BinaryOp, p: &NdArray, q: &NdArray| -> Res<NdArray> {
        let (p, q) = broadcast2(lib, p, q)?;
        run(Op::Binary(op), &[&p, &q])
    };
    let sum = run(
        Op::Reduce {
            op: ReduceOp::Sum,
            axes: axes.to_vec(),
            keepdim: true,
        },
        &[x],
    )?;
    let mean = bin(BinaryOp::Div, &sum, &create::scalar(&Value::Float(n as f64), x.dtype)?)?;
    let dev = bin(BinaryOp::Sub, x, &mean)?;
    let denom = create::scalar(&Value::Float((n as f64 - ddof).max(0.0)), x.dtype)?;
    if name == "var" {
        let two = create::scalar(&Value::Float(2.0), x.dtype)?;
        return bin(BinaryOp::Div, &bin(BinaryOp::Mul, &dev, &two)?, &denom);
    }
    let std = out_data(r).ok_or_else(|| internal("std result"))?;
    let std = kept(&std, axes, keepdim);
    bin(BinaryOp::Div, &dev, &bin(BinaryOp::Mul, &std, &denom)?)
}

/// `max`/`min`/`amax`/`amin`: the gradient goes to the winning elements — split evenly
/// among ties for whole reductions and `amax`, to the returned index for `max(dim)`.
fn extreme(name: &str, r: Value, a: &Value, x: &NdArray, axes: &[usize], keepdim: bool, all: bool) -> Res<Value> {
    use crate::ir::{BinaryOp, Op, ReduceOp};
    use crate::nd::ops::{broadcast2, cast, run};
    let lib = Lib::Torch;
    let is_max = name.ends_with("max");
    if let Value::Named(nt) = &r {
        // `max(dim)`: (values, indices); values carry MaxBackward0, the gradient goes to the index.
        let (Some(values), Some(indices)) = (nt.fields.first().map(|(_, v)| v), nt.fields.get(1).map(|(_, v)| v))
        else {
            return Ok(r.clone());
        };
        let (Some(vals), Some(idx)) = (as_nd(values), as_nd(indices)) else {
            return Ok(r.clone());
        };
        let d = axes.first().copied().unwrap_or(0);
        let idx = kept(idx.1, axes, keepdim);
        let n = x.shape()[d];
        let positions = NdArray::from_buffer(crate::array::storage::Buffer::I64((0..n as i64).collect()), &{
            let mut s = vec![1; x.ndim()];
            s[d] = n;
            s
        });
        let (p, i) = broadcast2(lib, &positions, &idx)?;
        let onehot = cast(&run(Op::Binary(BinaryOp::Eq), &[&p, &i])?, x.dtype)?;
        let values = record(
            crate::nd::wrap(lib, vals.1.clone()),
            if is_max { "MaxBackward0" } else { "MinBackward0" },
            Rule::Spread {
                weights: onehot,
                axes: axes.to_vec(),
                keepdim,
                smooth: false,
            },
            &[a],
        );
        return Ok(Value::Named(Rc::new(crate::value::Named {
            type_name: nt.type_name.clone(),
            fields: vec![("values", values), ("indices", indices.clone())],
        })));
    }
    let Some(out) = out_data(&r) else { return Ok(r) };
    let best = kept(&out, axes, keepdim);
    let (xb, bb) = broadcast2(lib, x, &best)?;
    let wins = cast(&run(Op::Binary(BinaryOp::Eq), &[&xb, &bb])?, x.dtype)?;
    let count = run(
        Op::Reduce {
            op: ReduceOp::Sum,
            axes: axes.to_vec(),
            keepdim: true,
        },
        &[&wins],
    )?;
    let (w, c) = broadcast2(lib, &wins, &count)?;
    let weights = run(Op::Binary(BinaryOp::Div), &[&w, &c])?;
    let grad_name = match (name, all) {
        ("amax", _) => "AmaxBackward0",
        ("amin", _) => "AminBackward0",
        ("max", true) => "MaxBackward1",
        ("min", true) => "MinBackward1",
        ("max", false) => "AmaxBackward0",
        _ => "AminBackward0",
    };
    Ok(record(
        r,
        grad_name,
        Rule::Spread {
            weights,
            axes: axes.to_vec(),
            keepdim,
            smooth: false,
        },
        &[a],
    ))
}
