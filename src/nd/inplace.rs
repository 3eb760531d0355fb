//! Writing into existing tensors and arrays: in-place operators (`a += b`), PyTorch's
//! `*_` methods, and the autograd checks that guard them; `backward` as a method.

use super::as_nd;
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::error::{Res, exc};
use crate::interp::builtins::kwarg;
use crate::syntax::ast::BinOp;
use crate::value::{Args, Lib, Value};
use std::rc::Rc;

/// In-place arithmetic: `a += b`, `t.add_(b)`. The result is cast back to `a`'s dtype
/// under each library's casting rule and written into `a`'s storage.
pub fn inplace(op: BinOp, target: &Value, rhs: &Value) -> Res<Value> {
    check_inplace(target, false)?;
    let Some((lib, a)) = as_nd(target) else {
        return Err(super::internal("inplace on a non-array"));
    };
    if matches!(target, Value::NpScalar(_)) {
        // NumPy scalars are immutable: `s += 1` rebinds.
        return crate::interp::ops::binary(op, target, rhs);
    }
    let narrowing = |d: DType| (d.is_float() && !a.dtype.is_float()) || (a.dtype == DType::Bool && d != DType::Bool);
    let cast_error = |d: DType| match lib {
        Lib::Numpy => exc(
            "numpy._core._exceptions._UFuncOutputCastingError",
            format!(
                "Cannot cast ufunc '{}' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
                super::ops::ufunc_name(op),
                d.numpy_name(),
                a.dtype.numpy_name()
            ),
        ),
        Lib::Torch => torch_cast_error(d, a.dtype),
    };
    // NumPy resolves the loop (and the casting rule) before it broadcasts, and names all
    // three operands when they do not broadcast.
    let arithmetic = !matches!(
        op,
        BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::LShift | BinOp::RShift
    );
    if lib == Lib::Numpy && arithmetic {
        if let Some(Ok(d)) = super::ops::result_dtype(op, target, rhs) {
            if d != a.dtype && narrowing(d) {
                return Err(cast_error(d));
            }
        }
        if let Some((_, b)) = as_nd(rhs) {
            if crate::array::layout::broadcast_shapes(a.shape(), b.shape()).is_err() {
                let sh = |x: &NdArray| super::ops::shape_str(Lib::Numpy, x.shape());
                return Err(exc(
                    "ValueError",
                    format!(
                        "operands could not be broadcast together with shapes {} {} {} ",
                        sh(a),
                        sh(b),
                        sh(a)
                    ),
                ));
            }
        }
    }
    if lib == Lib::Torch {
        // TensorIterator checks the output's shape, then the cast to its dtype, before any
        // kernel runs (subtraction of bools is refused earlier still).
        let bools = a.dtype == DType::Bool
            || matches!(rhs, Value::Bool(_))
            || as_nd(rhs).is_some_and(|(_, b)| b.dtype == DType::Bool);
        if let Some((_, b)) = as_nd(rhs) {
            let shape = super::ops::torch_broadcast_shape(a.shape(), b.shape())?;
            if shape != a.shape() {
                let sh = |s: &[usize]| super::ops::shape_str(Lib::Torch, s);
                return Err(exc(
                    "RuntimeError",
                    format!(
                        "output with shape {} doesn't match the broadcast shape {}",
                        sh(a.shape()),
                        sh(&shape)
                    ),
                ));
            }
            torch_overlap_check(a, b, false)?;
        }
        if !(op == BinOp::Sub && bools) {
            if let Some(Ok(d)) = super::ops::result_dtype(op, target, rhs) {
                if d != a.dtype && narrowing(d) {
                    return Err(cast_error(d));
                }
            }
        }
    }
    if let Value::Tensor(t) = target
        && crate::nd::record::needs(&[target, rhs])
    {
        // The history is kept: the tensor takes the op's node.
        crate::nd::record::rebased(t, |old| {
            let r = crate::interp::ops::binary(op, old, rhs)?;
            match as_nd(&r) {
                Some((_, out)) if out.dtype != a.dtype && narrowing(out.dtype) => Err(cast_error(out.dtype)),
                _ => Ok(r),
            }
        })?;
        return Ok(target.clone());
    }
    let r = match super::ops::binary(op, target, rhs) {
        Some(r) => r?,
        None => return Err(super::internal("inplace without arrays")),
    };
    let Some((_, out)) = as_nd(&r) else {
        return Err(super::internal("inplace result"));
    };
    if out.dtype != a.dtype && narrowing(out.dtype) {
        return Err(cast_error(out.dtype));
    }
    if !adopt(a, out)? {
        super::ops::write_into(lib, a, out)?;
    }
    Ok(target.clone())
}

/// Moves the freshly computed result `src` into `dst` instead of copying it (`p -= lr *
/// g` on a large `p`): when both are the whole of their host storages, of one dtype and
/// shape, and nothing else holds `src`, their buffers trade places. Every view of `dst`
/// shares its storage, so each sees the new elements; `dst`'s old buffer leaves with
/// `src`. Deferred work is realised first, as before any in-place write.
fn adopt(dst: &NdArray, src: &NdArray) -> Res<bool> {
    if src.dtype != dst.dtype
        || src.shape() != dst.shape()
        || dst.numel() == 0
        || Rc::strong_count(&src.storage) != 1
        || Rc::ptr_eq(&src.storage, &dst.storage)
    {
        return Ok(false);
    }
    crate::realise::flush().map_err(super::internal)?;
    let whole = |a: &NdArray| {
        let b = a.storage.borrow();
        let host = !matches!(&*b, crate::array::storage::Buffer::Lazy(_)) && !b.on_gpu();
        host && a.layout.is_contiguous() && a.layout.offset == 0 && b.len() == a.numel()
    };
    if !whole(dst) || !whole(src) {
        return Ok(false);
    }
    if crate::array::storage::is_readonly(&dst.storage) {
        return Ok(false);
    }
    crate::array::storage::bump_version(&dst.storage);
    std::mem::swap(&mut *dst.storage.borrow_mut(), &mut *src.storage.borrow_mut());
    Ok(true)
}

/// `y.backward(gradient=None, retain_graph=False)` and `torch.autograd.backward(y, …)`.
pub fn backward_call(interp: &mut crate::interp::Interp, t: &Rc<crate::value::Tensor>, mut args: Args) -> Res<Value> {
    let gradient = kwarg(&mut args, "gradient")
        .or_else(|| kwarg(&mut args, "grad_tensors"))
        .or_else(|| args.pos.first().cloned());
    let retain = kwarg(&mut args, "retain_graph").is_some_and(|x| x.truthy());
    if kwarg(&mut args, "create_graph").is_some_and(|x| x.truthy()) {
        return Err(exc(
            "NotImplementedError",
            "nt does not support backward(create_graph=True) yet: use torch.autograd.grad(..., create_graph=True)",
        ));
    }
    let g = match gradient {
        None | Some(Value::None) => None,
        Some(g) => Some(super::funcs::nd_arg(Lib::Torch, &g)?),
    };
    crate::tensor::autograd::backward(t, g, retain, &mut super::custom_fn::hook(interp))?;
    Ok(Value::None)
}

/// PyTorch refuses in-place changes to a leaf that requires grad (outside `no_grad`).
/// `through_view`: an item assignment, which nt records (`CopySlices`) on a tensor
/// with history unless it is a view.
pub fn check_inplace(v: &Value, through_view: bool) -> Res<()> {
    check_inplace_with(v, through_view, true)
}

/// `check_inplace`; `writes`: the op rewrites values (not only the view, as `t_()` does),
/// which nt cannot record on a view of a tensor with history.
fn check_inplace_with(v: &Value, through_view: bool, writes: bool) -> Res<()> {
    if let Value::Tensor(t) = v {
        if t.requires_grad.get() && t.is_leaf() && crate::tensor::autograd::grad_enabled() {
            return Err(exc(
                "RuntimeError",
                if through_view {
                    "a view of a leaf Variable that requires grad is being used in an in-place operation."
                } else {
                    "a leaf Variable that requires grad is being used in an in-place operation."
                },
            ));
        }
        if let (Some(n), true) = (&t.grad_fn(), crate::tensor::autograd::grad_enabled()) {
            // A view (index, reshape, transpose) of a leaf that requires grad.
            let view = matches!(
                n.rule,
                crate::tensor::autograd::Rule::Index(_)
                    | crate::tensor::autograd::Rule::View
                    | crate::tensor::autograd::Rule::Permute(_)
            );
            let of_leaf = n
                .inputs
                .first()
                .and_then(|i| i.as_ref())
                .is_some_and(|b| b.is_leaf() && b.requires_grad.get());
            if view && of_leaf {
                return Err(exc(
                    "RuntimeError",
                    "a view of a leaf Variable that requires grad is being used in an in-place operation.",
                ));
            }
            if view && writes {
                return Err(crate::nd::record::unsupported(if through_view {
                    "item assignment into a view of a tensor with a grad_fn"
                } else {
                    "in-place operation on a view of a tensor with a grad_fn"
                }));
            }
        }
    }
    Ok(())
}

/// `t.zero_()`, `t.fill_(v)` on a tensor whose history must be kept (it has one, or `v`
/// requires grad): PyTorch's `ZeroBackward0`/`FillBackward2/3` nodes. Random fills on
/// such a tensor are refused: they write without recording. None: not such a call.
pub fn fill_with_history(v: &Value, m: &str, args: &Args) -> Res<Option<Value>> {
    let fill = match (m, args.pos.first()) {
        ("zero_", None) => Some((Value::Int(0), "ZeroBackward0")),
        ("fill_", Some(x)) if args.pos.len() == 1 && args.kw.is_empty() => Some((
            x.clone(),
            if matches!(x, Value::Tensor(_)) {
                "FillBackward3"
            } else {
                "FillBackward2"
            },
        )),
        _ => None,
    };
    if let (Some((x, node)), Value::Tensor(t)) = (&fill, v)
        && crate::nd::record::needs(&[v, x])
    {
        if matches!(x, Value::Tensor(s) if s.data().ndim() != 0) {
            let d = match x {
                Value::Tensor(s) => s.data().ndim(),
                _ => 0,
            };
            return Err(exc(
                "RuntimeError",
                format!("fill_ only supports 0-dimension value tensor but got tensor with {d} dimensions."),
            ));
        }
        crate::nd::record::copy_into(t, x, node)?;
        return Ok(Some(v.clone()));
    }
    // Random fills write without recording: a history they would extend is refused.
    if matches!(
        m,
        "uniform_" | "normal_" | "bernoulli_" | "exponential_" | "random_" | "log_normal_" | "cauchy_" | "geometric_"
    ) && crate::nd::record::needs(&[v])
    {
        return Err(crate::nd::record::unsupported(&format!(
            "Tensor.{m} on a tensor with a grad_fn"
        )));
    }
    Ok(None)
}

/// `t.NAME_(...)` (a method's out-of-place result written back, `copy_`) on a tensor
/// whose history must be kept: the tensor takes the op's node (`copy_`: `CopyBackwards`).
/// `call(old, args)` runs the out-of-place method on the stand-in for the old values.
pub fn method_with_history(
    t: &Rc<crate::tensor::Tensor>,
    v: &Value,
    a: &NdArray,
    base: &str,
    args: Args,
    call: impl FnOnce(&Value, Args) -> Res<Value>,
) -> Res<Value> {
    if base == "copy" {
        let src = args
            .pos
            .first()
            .cloned()
            .ok_or_else(|| crate::error::type_error("copy_() missing required argument 'src'"))?;
        crate::nd::record::copy_into(t, &src, "CopyBackwards")?;
    } else {
        crate::nd::record::rebased(t, |old| {
            let r = call(old, args)?;
            match as_nd(&r) {
                Some((_, out)) if out.dtype.is_float() && !a.dtype.is_float() => {
                    Err(torch_cast_error(out.dtype, a.dtype))
                }
                _ => Ok(r),
            }
        })?;
    }
    Ok(v.clone())
}

/// A PyTorch method that writes into its tensor (`add_`; not `requires_grad_`, nor the
/// in-place shape changes).
pub fn writes_in_place(m: &str) -> bool {
    m.ends_with('_') && m != "requires_grad_" && !is_view_change(&m[..m.len() - 1])
}

/// The in-place methods that change a tensor's shape, not its values.
pub fn is_view_change(base: &str) -> bool {
    matches!(
        base,
        "transpose" | "swapdims" | "swapaxes" | "t" | "squeeze" | "unsqueeze"
    )
}

/// `t.t_()`, `transpose_`, `swapdims_`, `swapaxes_`, `squeeze_`, `unsqueeze_`: the
/// out-of-place view becomes the tensor's own view where it is (every holder sees the
/// new shape). With history, the view's node becomes the tensor's, under PyTorch's names
/// for the in-place forms.
pub fn view_in_place(
    interp: &mut crate::interp::Interp,
    t: &Rc<crate::tensor::Tensor>,
    v: &Value,
    base: &str,
    args: Args,
) -> Res<Value> {
    check_inplace_with(v, false, false)?;
    let grad = t.needs_grad() && crate::tensor::autograd::grad_enabled();
    let name = match base {
        "t" => "TBackward1",
        "unsqueeze" => "UnsqueezeBackward1",
        "squeeze" => match args
            .pos
            .first()
            .or_else(|| args.kw.iter().find(|(k, _)| k.as_str() == "dim").map(|(_, x)| x))
        {
            None => "SqueezeBackward3",
            Some(Value::Tuple(_) | Value::List(_)) => "SqueezeBackward5",
            Some(_) => "SqueezeBackward4",
        },
        _ => "TransposeBackward1",
    };
    // With history, the view is taken of the tensor as it was (its node kept).
    let source = if grad {
        let old = crate::tensor::Tensor::new(t.data().clone());
        *old.grad_fn.borrow_mut() = t.grad_fn();
        Value::Tensor(Rc::new(old))
    } else {
        v.clone()
    };
    // swapaxes_/swapdims_ are transpose_ (their out-of-place view is recorded as one).
    let view = if base.starts_with("swap") { "transpose" } else { base };
    let r = super::methods::call(interp, &source, crate::syntax::symbol::Sym::new(view), args).map_err(|mut e| {
        // `t() expects a tensor with <= 2 dimensions` names the in-place form.
        if let Some(rest) = e.msg.strip_prefix(&format!("{view}()")) {
            e.msg = format!("{base}_(){rest}");
        }
        e
    })?;
    crate::nd::record::check_recorded(base, &[&source], &r)?;
    let Value::Tensor(rt) = &r else {
        return Err(super::internal("in-place view"));
    };
    t.set_view(rt.data().clone());
    if grad && let Some(node) = rt.grad_fn.borrow_mut().take() {
        let node = match Rc::try_unwrap(node) {
            Ok(mut n) => {
                n.name = name;
                Rc::new(n)
            }
            Err(n) => n,
        };
        *t.grad_fn.borrow_mut() = Some(node);
    }
    Ok(v.clone())
}

/// Writes a method's out-of-place result back into the tensor: `t.sqrt_()`, `t.copy_(s)`.
pub fn write_back(lib: Lib, a: &NdArray, v: &Value, r: &Value) -> Res<Value> {
    let Some((_, out)) = as_nd(r) else {
        return Err(super::internal("in-place result"));
    };
    if out.dtype.is_float() && !a.dtype.is_float() {
        return Err(torch_cast_error(out.dtype, a.dtype));
    }
    super::ops::write_into(lib, a, out)?;
    Ok(v.clone())
}

/// PyTorch's refusal to write a result into a tensor of a narrower kind.
pub fn torch_cast_error(from: DType, to: DType) -> Box<crate::error::Exc> {
    exc(
        "RuntimeError",
        format!(
            "result type {} can't be cast to the desired output type {}",
            from.torch_scalar_name(),
            to.torch_scalar_name()
        ),
    )
}

/// How two arrays' memory relates, as aten's `get_overlap_status` judges it.
#[derive(PartialEq)]
pub enum Overlap {
    No,
    Full,
    Partial,
    TooHard,
}

pub fn overlap(a: &NdArray, b: &NdArray) -> Overlap {
    // The very same tensor overlaps itself fully, even when empty.
    if std::ptr::eq(a, b) {
        return Overlap::Full;
    }
    if !a.shares_storage(b) || a.numel() == 0 || b.numel() == 0 {
        return Overlap::No;
    }
    let (Some(x), Some(y)) = (dense_range(&a.layout), dense_range(&b.layout)) else {
        return Overlap::TooHard;
    };
    if x == y {
        let strides = |l: &crate::array::layout::Layout| -> Vec<isize> {
            l.strides
                .iter()
                .zip(&l.shape)
                .filter(|(_, n)| **n != 1)
                .map(|(s, _)| *s)
                .collect()
        };
        return if strides(&a.layout) == strides(&b.layout) {
            Overlap::Full
        } else {
            Overlap::Partial
        };
    }
    if x.0 < y.1 && y.0 < x.1 {
        Overlap::Partial
    } else {
        Overlap::No
    }
}

/// The elements a non-overlapping, dense layout covers; None for any other layout.
fn dense_range(l: &crate::array::layout::Layout) -> Option<(usize, usize)> {
    let mut dims: Vec<(isize, usize)> = l
        .strides
        .iter()
        .copied()
        .zip(l.shape.iter().copied())
        .filter(|&(_, n)| n != 1)
        .collect();
    dims.sort_by_key(|&(s, _)| s);
    let mut expect = 1isize;
    for (s, n) in dims {
        if s != expect {
            return None;
        }
        expect *= n as isize;
    }
    Some((l.offset, l.offset + l.numel()))
}

/// PyTorch refuses to write into a tensor from memory that partly overlaps it
/// (`full`: from memory that overlaps it at all, as `index_put_` does).
pub fn torch_overlap_check(dst: &NdArray, src: &NdArray, full: bool) -> Res<()> {
    let o = overlap(dst, src);
    if o == Overlap::Partial || (full && o == Overlap::Full) {
        return Err(exc(
            "RuntimeError",
            "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.",
        ));
    }
    Ok(())
}

/// In-place methods nt refuses: `float_power_` into a tensor narrower than its float64
/// result (PyTorch's error).
pub fn refuse(lib: crate::value::Lib, base: &str, a: &crate::array::NdArray) -> crate::error::Res<()> {
    use crate::error::exc;
    use crate::value::Lib;
    // float_power_ computes in float64 and cannot write that into a narrower tensor.
    if lib == Lib::Torch && base == "float_power" && a.dtype != crate::array::dtype::DType::F64 {
        let name = a.dtype.torch_scalar_name();
        let want = if a.dtype.is_complex() {
            "ComplexDouble"
        } else {
            "Double"
        };
        if name != want {
            return Err(exc(
                "RuntimeError",
                format!(
                    "the base given to float_power_ has dtype {name} but the operation's result requires dtype {want}"
                ),
            ));
        }
    }
    Ok(())
}

/// `t.div_(other, rounding_mode=...)`: the quotient `div` gives, written back (refused
/// when autograd would have to record it).
pub fn div_rounding(
    lib: crate::value::Lib,
    a: &crate::array::NdArray,
    v: &crate::value::Value,
    others: &[crate::value::Value],
    div: impl FnOnce() -> crate::error::Res<crate::value::Value>,
) -> crate::error::Res<crate::value::Value> {
    if crate::nd::record::needs(&[v]) || others.iter().any(|x| crate::nd::record::needs(&[x])) {
        return Err(crate::error::exc(
            "NotImplementedError",
            "nt does not implement Tensor.div_(rounding_mode=) on tensors that require grad yet",
        ));
    }
    let r = div()?;
    check_inplace(v, false)?;
    write_back(lib, a, v, &r)
}
