//! Writing into existing tensors and arrays: in-place operators (`a += b`), PyTorch's
//! `*_` methods, and the autograd checks that guard them; `backward` as a method.

use super::as_nd;
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::interp::builtins::kwarg;
use crate::interp::error::{Res, exc};
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
    let r = match super::ops::binary(op, target, rhs) {
        Some(r) => r?,
        None => return Err(super::internal("inplace without arrays")),
    };
    let Some((_, out)) = as_nd(&r) else {
        return Err(super::internal("inplace result"));
    };
    if out.dtype != a.dtype {
        let narrowing =
            (out.dtype.is_float() && !a.dtype.is_float()) || (a.dtype == DType::Bool && out.dtype != DType::Bool);
        if narrowing {
            return Err(match lib {
                Lib::Numpy => exc(
                    "numpy._core._exceptions._UFuncOutputCastingError",
                    format!(
                        "Cannot cast ufunc '{}' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
                        super::ops::ufunc_name(op),
                        out.dtype.numpy_name(),
                        a.dtype.numpy_name()
                    ),
                ),
                Lib::Torch => torch_cast_error(out.dtype, a.dtype),
            });
        }
    }
    super::ops::write_into(lib, a, out)?;
    Ok(target.clone())
}

/// `y.backward(gradient=None, retain_graph=False)` and `torch.autograd.backward(y, …)`.
pub fn backward_call(t: &Rc<crate::value::Tensor>, mut args: Args) -> Res<Value> {
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
    crate::autograd::backward(t, g, retain)?;
    Ok(Value::None)
}

/// PyTorch refuses in-place changes to a leaf that requires grad (outside `no_grad`).
/// `through_view`: an item assignment, which nt records (`CopySlices`) on a tensor
/// with history unless it is a view.
pub fn check_inplace(v: &Value, through_view: bool) -> Res<()> {
    if let Value::Tensor(t) = v {
        if t.requires_grad.get() && t.is_leaf() && crate::autograd::grad_enabled() {
            return Err(exc(
                "RuntimeError",
                if through_view {
                    "a view of a leaf Variable that requires grad is being used in an in-place operation."
                } else {
                    "a leaf Variable that requires grad is being used in an in-place operation."
                },
            ));
        }
        if let (Some(n), true) = (&t.grad_fn(), crate::autograd::grad_enabled()) {
            // A view (index, reshape, transpose) of a leaf that requires grad.
            let view = matches!(
                n.rule,
                crate::autograd::Rule::Index(_) | crate::autograd::Rule::View | crate::autograd::Rule::Permute(_)
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
            if view {
                return Err(crate::autograd::hooks::unsupported(
                    "item assignment into a view of a tensor with a grad_fn",
                ));
            }
            if !through_view {
                return Err(crate::autograd::hooks::unsupported(
                    "in-place operation on a tensor with a grad_fn",
                ));
            }
        }
    }
    Ok(())
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
fn torch_cast_error(from: DType, to: DType) -> Box<crate::interp::error::Exc> {
    exc(
        "RuntimeError",
        format!(
            "result type {} can't be cast to the desired output type {}",
            from.torch_scalar_name(),
            to.torch_scalar_name()
        ),
    )
}
