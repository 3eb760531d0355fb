//! `with`: entering and exiting context managers (grad modes, instances with
//! `__enter__`/`__exit__`) for the compiled code's `WithEnter`/`WithExit` operations.

use super::{fast, stack_error};
use crate::error::{Res, type_error};
use crate::interp::Interp;
use crate::syntax::symbol::Sym;
use crate::value::exception::ExcObj;
use crate::value::{Args, Value};
use std::rc::Rc;

impl Interp {
    /// Enters a context manager: what exiting needs, and the value `as` binds. Grad modes
    /// (`torch.no_grad()`) and instances of classes with `__enter__`/`__exit__`.
    pub(super) fn with_enter(&mut self, v: Value) -> Res<(Value, Value)> {
        match v {
            Value::GradMode(on) => {
                let before = crate::tensor::autograd::set_grad_enabled(on);
                Ok((Value::GradMode(before), Value::None))
            }
            Value::Object(ref o) if o.class.method(Sym::new("__enter__")).is_some() => {
                if o.class.method(Sym::new("__exit__")).is_none() {
                    return Err(type_error(format!(
                        "'{}' object does not support the context manager protocol (missed __exit__ method)",
                        v.type_name()
                    )));
                }
                let value = self.call_method(
                    &v,
                    Sym::new("__enter__"),
                    Args {
                        pos: Vec::new(),
                        kw: Vec::new(),
                    },
                )?;
                Ok((v, value))
            }
            _ => Err(type_error(format!(
                "'{}' object does not support the context manager protocol",
                v.type_name()
            ))),
        }
    }

    /// Exits a context (with the exception its body raised): whether `__exit__`
    /// suppressed the exception.
    pub(super) fn with_exit(&mut self, exit: Value, exc: Option<&Rc<ExcObj>>) -> Res<bool> {
        match exit {
            Value::GradMode(before) => {
                crate::tensor::autograd::set_grad_enabled(before);
                Ok(false)
            }
            Value::Object(_) => {
                let pos = match exc {
                    None => vec![Value::None, Value::None, Value::None],
                    Some(e) => vec![Value::Class(e.class.clone()), Value::Exception(e.clone()), Value::None],
                };
                let r = self.call_method(&exit, Sym::new("__exit__"), Args { pos, kw: Vec::new() })?;
                Ok(exc.is_some() && fast::truth(self, &r)?)
            }
            _ => Err(stack_error()),
        }
    }
}
