//! `_nt` entry points to PyTorch's own CPU kernels for float32/float64 tensors, reproduced
//! bit for bit (`backend/cpu/torch_act.rs`, `torch_softmax.rs`): activations and their
//! backward kernels, softmax/log_softmax and nll_loss. The stdlib (`torch/nn/functional.nt`)
//! calls them and records the gradient; each returns None where it does not apply (another
//! dtype, a gpu tensor), and the stdlib then composes the formula from primitives.
//!
//! The kernels themselves, on arrays, are `realise::kernels`.

use super::{as_nd, wrap};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::storage::Buffer;
use crate::backend::cpu::torch_act::Act;
use crate::backend::cpu::torch_softmax as smx;
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::interp::builtins::int_arg;
use crate::realise::kernels::{self, data};
use crate::value::{Args, Lib, Value};

/// A CPU float32/float64 tensor argument, or None (the stdlib composes the formula).
fn float_tensor(v: &Value) -> Option<NdArray> {
    let Value::Tensor(t) = v else { return None };
    let d = t.data();
    let on_host = !d.storage.borrow().on_gpu();
    (on_host && matches!(d.dtype, DType::F32 | DType::F64)).then(|| d.clone())
}

fn num(v: Option<&Value>, default: f64) -> Res<f64> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(x) => x
            .as_f64()
            .ok_or_else(|| type_error("_nt.torch_act: a number parameter")),
    }
}

/// The kernel named `kind`, with its parameters; `backward` picks the autograd variant
/// (celu's backward rounds alpha to float32 first).
fn kind(name: &str, p: &[Value], backward: bool) -> Res<Act> {
    Ok(match name {
        "sigmoid" => Act::Sigmoid,
        "tanh" => Act::Tanh,
        "relu" => Act::Relu,
        "silu" => Act::Silu,
        "softplus" => Act::softplus(num(p.first(), 1.0)?, num(p.get(1), 20.0)?),
        "elu" => Act::elu(num(p.first(), 1.0)?),
        "celu" if backward => Act::celu_backward(num(p.first(), 1.0)?),
        "celu" => Act::celu(num(p.first(), 1.0)?),
        "selu" => Act::selu(),
        "mish" => Act::Mish,
        "logsigmoid" => Act::LogSigmoid,
        "gelu_tanh" => Act::GeluTanh,
        "gelu" => Act::Gelu,
        "hardswish" => Act::Hardswish,
        "hardsigmoid" => Act::Hardsigmoid,
        "exp2" => Act::Exp2,
        "atanh" => Act::Atanh,
        _ => return Err(type_error(format!("_nt.torch_act: unknown kernel {name:?}"))),
    })
}

/// `_nt.torch_act(kind, x, *params)`: PyTorch's forward kernel, or None.
pub fn torch_act(_: &mut Interp, args: Args) -> Res<Value> {
    let [Value::Str(name), x, params @ ..] = &args.pos[..] else {
        return Err(type_error("_nt.torch_act(kind, x, *params)"));
    };
    let Some(a) = float_tensor(x) else {
        return Ok(Value::None);
    };
    let k = kind(name, params, false)?;
    if k == Act::Tanh {
        return Err(type_error("_nt.torch_act: tanh's forward is MKL's"));
    }
    Ok(wrap(Lib::Torch, kernels::forward(&a, k).map_err(super::internal)?))
}

/// `_nt.torch_act_backward(kind, grad, saved, *params)`: PyTorch's backward kernel (`saved`:
/// the output for sigmoid/tanh/relu, else the input), or None.
pub fn torch_act_backward(_: &mut Interp, args: Args) -> Res<Value> {
    let [Value::Str(name), g, saved, params @ ..] = &args.pos[..] else {
        return Err(type_error("_nt.torch_act_backward(kind, grad, saved, *params)"));
    };
    let (Some(g), Some(s)) = (float_tensor(g), float_tensor(saved)) else {
        return Ok(Value::None);
    };
    if g.dtype != s.dtype || g.shape() != s.shape() {
        return Ok(Value::None);
    }
    let k = kind(name, params, true)?;
    if matches!(k, Act::Exp2 | Act::Atanh) {
        return Err(type_error(format!(
            "_nt.torch_act_backward: {name} has no backward kernel"
        )));
    }
    Ok(wrap(Lib::Torch, kernels::backward(&g, &s, k).map_err(super::internal)?))
}

fn axis(v: &Value, ndim: usize) -> Res<usize> {
    super::reduce::axis(Lib::Torch, int_arg(v)?, ndim.max(1))
}

/// `_nt.torch_softmax(x, dim, log)`: `softmax`/`log_softmax`'s CPU kernel, or None.
pub fn torch_softmax(_: &mut Interp, args: Args) -> Res<Value> {
    let [x, dim, log] = &args.pos[..] else {
        return Err(type_error("_nt.torch_softmax(x, dim, log)"));
    };
    let Some(a) = float_tensor(x) else {
        return Ok(Value::None);
    };
    let d = axis(dim, a.ndim())?;
    Ok(wrap(
        Lib::Torch,
        kernels::softmax(&a, d, log.truthy()).map_err(super::internal)?,
    ))
}

/// `_nt.torch_softmax_backward(grad, y, dim, log)`: the backward kernel (`y` the output), or None.
pub fn torch_softmax_backward(_: &mut Interp, args: Args) -> Res<Value> {
    let [g, y, dim, log] = &args.pos[..] else {
        return Err(type_error("_nt.torch_softmax_backward(grad, y, dim, log)"));
    };
    let (Some(g), Some(y)) = (float_tensor(g), float_tensor(y)) else {
        return Ok(Value::None);
    };
    if g.dtype != y.dtype || g.shape() != y.shape() {
        return Ok(Value::None);
    }
    let d = axis(dim, y.ndim())?;
    Ok(wrap(
        Lib::Torch,
        kernels::softmax_backward(&g, &y, d, log.truthy()).map_err(super::internal)?,
    ))
}

fn reduction(v: &Value) -> Res<u8> {
    match v {
        Value::Str(s) if &**s == "none" => Ok(smx::REDUCTION_NONE),
        Value::Str(s) if &**s == "mean" => Ok(smx::REDUCTION_MEAN),
        Value::Str(s) if &**s == "sum" => Ok(smx::REDUCTION_SUM),
        _ => Err(type_error("_nt.torch_nll_loss: reduction 'none', 'mean' or 'sum'")),
    }
}

/// `_nt.torch_nll_loss(logp [N, C], target [N] int64, weight or None, reduction,
/// ignore_index)`: `(loss, total_weight)` as `nll_loss_out_frame` computes them, or None.
pub fn torch_nll_loss(_: &mut Interp, args: Args) -> Res<Value> {
    let [logp, target, weight, red, ignore] = &args.pos[..] else {
        return Err(type_error(
            "_nt.torch_nll_loss(logp, target, weight, reduction, ignore_index)",
        ));
    };
    let Some(lp) = float_tensor(logp) else {
        return Ok(Value::None);
    };
    let Some((_, tg)) = as_nd(target) else {
        return Ok(Value::None);
    };
    if lp.ndim() != 2 || tg.dtype != DType::I64 || tg.shape() != [lp.shape()[0]] {
        return Ok(Value::None);
    }
    let (n, c) = (lp.shape()[0], lp.shape()[1]);
    let targets = data::<i64>(tg).map_err(super::internal)?;
    let (red, ignore) = (reduction(red)?, int_arg(ignore)?);
    let out_shape: Vec<usize> = if red == smx::REDUCTION_NONE { vec![n] } else { vec![] };
    let bad = |t: i64| exc("IndexError", format!("Target {t} is out of bounds."));
    let (loss, total) = match lp.dtype {
        DType::F32 => {
            let w = match float_tensor(weight) {
                Some(w) if w.dtype == DType::F32 => Some(data::<f32>(&w).map_err(super::internal)?),
                Some(_) => return Ok(Value::None),
                None => None,
            };
            let (l, tw) = smx::nll_loss_f32(
                &data::<f32>(&lp).map_err(super::internal)?,
                n,
                c,
                &targets,
                w.as_deref(),
                red,
                ignore,
            )
            .map_err(bad)?;
            (Buffer::F32(l), Buffer::F32(vec![tw]))
        }
        _ => {
            let w = match float_tensor(weight) {
                Some(w) if w.dtype == DType::F64 => Some(data::<f64>(&w).map_err(super::internal)?),
                Some(_) => return Ok(Value::None),
                None => None,
            };
            let (l, tw) = smx::nll_loss_f64(
                &data::<f64>(&lp).map_err(super::internal)?,
                n,
                c,
                &targets,
                w.as_deref(),
                red,
                ignore,
            )
            .map_err(bad)?;
            (Buffer::F64(l), Buffer::F64(vec![tw]))
        }
    };
    Ok(Value::tuple(vec![
        wrap(Lib::Torch, NdArray::from_buffer(loss, &out_shape)),
        wrap(Lib::Torch, NdArray::from_buffer(total, &[])),
    ]))
}
