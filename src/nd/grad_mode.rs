//! `torch.no_grad()`, `torch.enable_grad()` and `torch.autograd`'s functions.

use super::funcs;
use super::module::arg;
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::interp::builtins::kwarg;
use crate::value::{Args, Lib, Value};

/// `torch.autograd.grad(outputs, inputs, grad_outputs=None, retain_graph=None, allow_unused=False)`.
fn autograd_grad(interp: &mut Interp, mut args: Args) -> Res<Value> {
    let create_graph = kwarg(&mut args, "create_graph").is_some_and(|v| v.truthy());
    let retain = kwarg(&mut args, "retain_graph").is_some_and(|v| v.truthy());
    let allow_unused = kwarg(&mut args, "allow_unused").is_some_and(|v| v.truthy());
    let g_out = kwarg(&mut args, "grad_outputs").or_else(|| args.pos.get(2).cloned());
    // A one-element list or tuple stands for its element.
    let one = |v: Value| -> Value {
        match &v {
            Value::List(l) if l.borrow().len() == 1 => l.borrow()[0].clone(),
            Value::Tuple(t) if t.len() == 1 => t[0].clone(),
            _ => v,
        }
    };
    let y = one(arg(&args, 0, "grad")?);
    let Value::Tensor(y) = &y else {
        return Err(type_error("grad(): outputs must be a Tensor"));
    };
    let inputs: Vec<Value> = match arg(&args, 1, "grad")? {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        other => vec![other],
    };
    let tensors = inputs
        .iter()
        .map(|v| match v {
            Value::Tensor(t) => Ok(t.clone()),
            other => Err(type_error(format!(
                "grad(): inputs must be Tensors, not {}",
                other.type_name()
            ))),
        })
        .collect::<Res<Vec<_>>>()?;
    let g = match g_out.map(one) {
        None | Some(Value::None) => None,
        Some(v) => Some(funcs::nd_arg(Lib::Torch, &v)?),
    };
    let found = crate::tensor::autograd::grad(
        y,
        &tensors,
        g,
        retain,
        create_graph,
        &mut super::custom_fn::hook(interp),
    )?;
    let mut out = Vec::with_capacity(found.len());
    for (i, f) in found.into_iter().enumerate() {
        match f {
            Some(a) => out.push(Value::Tensor(a)),
            None if allow_unused => out.push(Value::None),
            None => {
                return Err(exc(
                    "RuntimeError",
                    format!(
                        "The differentiated Tensor at index {i} appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior."
                    ),
                ));
            }
        }
    }
    Ok(Value::tuple(out))
}

/// `torch.no_grad()`, `torch.enable_grad()`, `torch.autograd.backward`, `torch.autograd.grad`.
pub fn autograd_fn(interp: &mut Interp, _: Lib, name: &'static str, mut args: Args) -> Res<Value> {
    if let (true, Some((k, _))) = (matches!(name, "no_grad" | "enable_grad"), args.kw.first()) {
        return Err(crate::error::type_error(format!(
            "_NoParamDecoratorContextManager.__new__() got an unexpected keyword argument '{k}'"
        )));
    }
    if matches!(name, "no_grad" | "enable_grad") && args.pos.len() > 1 {
        return Err(crate::error::type_error(format!(
            "_NoParamDecoratorContextManager.__new__() takes from 1 to 2 positional arguments but {} were given",
            args.pos.len() + 1
        )));
    }
    match name {
        "no_grad" => Ok(Value::GradMode(false)),
        "enable_grad" => Ok(Value::GradMode(true)),
        "is_grad_enabled" => Ok(Value::Bool(crate::tensor::autograd::grad_enabled())),
        "grad" => autograd_grad(interp, args),
        "backward" => {
            let y = arg(&args, 0, name)?;
            args.pos.remove(0);
            let Value::Tensor(t) = &y else {
                return Err(type_error(format!(
                    "backward(): argument 'tensors' must be a Tensor, not {}",
                    y.type_name()
                )));
            };
            super::methods::backward_call(interp, t, args)
        }
        _ => Err(super::internal(format!("unknown autograd function {name}"))),
    }
}

/// `_nt.set_grad_enabled(flag)`: sets grad mode, returns the previous one (for
/// `torch.set_grad_enabled`, `inference_mode` and the grad-mode decorators, stdlib/torch/_grad.nt).
pub fn set_grad_mode(_: &mut Interp, args: Args) -> Res<Value> {
    let on = args.pos.first().is_some_and(Value::truthy);
    Ok(Value::Bool(crate::tensor::autograd::set_grad_enabled(on)))
}
