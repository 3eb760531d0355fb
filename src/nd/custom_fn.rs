//! `torch.autograd.Function` subclasses: `_nt.custom_grad` records the output of a
//! `forward` with a node whose rule is the subclass's `backward` (a Python callable),
//! and `hook` runs such rules during a backward pass, checking what `backward` returns
//! as PyTorch does (`stdlib/torch/autograd/_ext.nt` has `Function.apply`).

use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::tensor::Tensor;
use crate::tensor::autograd::{Operand, Rule, record};
use crate::value::{Args, Value};
use std::any::Any;
use std::rc::Rc;

/// `_nt.custom_grad(out, inputs, backward, name)`: `out` with a history whose gradient
/// rule calls `backward(grad)` for the gradients of `inputs`.
pub fn custom_grad(_: &mut Interp, args: Args) -> Res<Value> {
    let [Value::Tensor(out), Value::List(inputs), backward, Value::Str(name)] = &args.pos[..] else {
        return Err(type_error("_nt.custom_grad(out, inputs, backward, name)"));
    };
    let inputs = inputs.borrow().clone();
    let operands: Vec<Operand> = inputs
        .iter()
        .map(|v| match v {
            Value::Tensor(t) => Operand::Tensor(t),
            _ => Operand::Constant(Vec::new()),
        })
        .collect();
    // Interned: one copy per distinct name, however often the op runs.
    let name: &'static str = crate::syntax::symbol::Sym::new(name).as_str();
    let payload: Rc<dyn Any> = Rc::new((backward.clone(), name));
    Ok(Value::Tensor(record(
        out.data().clone(),
        name,
        Rule::Custom(payload),
        &operands,
    )))
}

/// Runs custom rules for `autograd::backward`/`grad`: calls the Python `backward` with
/// the output's gradient and takes one gradient (or None) per input.
pub fn hook(interp: &mut Interp) -> impl FnMut(&Rc<dyn Any>, &Rc<Tensor>, usize) -> Res<Vec<Option<Rc<Tensor>>>> + '_ {
    move |payload, g, n| {
        let Some((f, name)) = payload.downcast_ref::<(Value, &'static str)>() else {
            return Err(super::internal("custom autograd payload"));
        };
        let r = interp.call(
            f,
            Args {
                pos: vec![Value::Tensor(g.clone())],
                kw: Vec::new(),
            },
            None,
        )?;
        let items = match r {
            Value::Tuple(t) => t.to_vec(),
            other => vec![other],
        };
        if items.len() != n {
            return Err(exc(
                "RuntimeError",
                format!(
                    "function {name} returned an incorrect number of gradients (expected {n}, got {})",
                    items.len()
                ),
            ));
        }
        items
            .into_iter()
            .map(|v| match v {
                Value::None => Ok(None),
                Value::Tensor(t) => Ok(Some(t)),
                other => Err(type_error(format!(
                    "expected Tensor or None as the gradients of {name}, got {}",
                    other.type_name()
                ))),
            })
            .collect()
    }
}
