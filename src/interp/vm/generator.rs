//! Generators: calling a function that yields makes one of these, holding the call's
//! frame, suspended; each `next` runs the frame until it yields again or returns.

use super::{Frame, Outcome};
use crate::error::{Res, exc};
use crate::interp::Interp;
use crate::interp::iter::Iter;
#[allow(unused_imports)]
use crate::value::Args;
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

pub struct GenState {
    /// The suspended frame; `None` once the generator has finished.
    frame: Option<Frame>,
    /// Whether it has run before (a resumed `yield` then has a value to give).
    started: bool,
    /// Whether it is running now (`next` of itself from inside is an error).
    running: bool,
    /// What its `return` gave, once it has finished (for `StopIteration.value`).
    returned: Value,
}

/// A generator object for a call's frame, not yet started.
pub fn new(frame: Frame) -> Value {
    let state = GenState {
        frame: Some(frame),
        started: false,
        running: false,
        returned: Value::None,
    };
    Value::Iter(Rc::new(RefCell::new(Iter::Generator(Rc::new(RefCell::new(state))))))
}

impl Interp {
    /// Runs a generator to its next `yield`: the value yielded, or `None` when it ends.
    pub fn resume(&mut self, state: &Rc<RefCell<GenState>>) -> Res<Option<Value>> {
        self.resume_with(state, Value::None, None)
    }

    /// `gen.send(v)`, and `gen.throw(e)` (`thrown`): resumes with the `yield` evaluating
    /// to `sent`, or raising `thrown` where it stopped.
    pub fn resume_with(
        &mut self,
        state: &Rc<RefCell<GenState>>,
        sent: Value,
        thrown: Option<Box<crate::error::Exc>>,
    ) -> Res<Option<Value>> {
        {
            let st = state.borrow();
            if !st.started && st.frame.is_some() && !matches!(sent, Value::None) {
                return Err(crate::error::type_error(
                    "can't send non-None value to a just-started generator",
                ));
            }
            if st.frame.is_none()
                && let Some(e) = thrown
            {
                // A finished generator raises what is thrown into it.
                return Err(e);
            }
        }
        let mut frame = {
            let mut st = state.borrow_mut();
            if st.running {
                return Err(exc("ValueError", "generator already executing"));
            }
            let Some(frame) = st.frame.take() else {
                return Ok(None);
            };
            st.running = true;
            frame
        };
        if std::mem::replace(&mut state.borrow_mut().started, true) && thrown.is_none() {
            // The `yield` it stopped at evaluates to what was sent: `next` sends None.
            frame.stack.push(sent);
        }
        let echo = std::mem::replace(&mut self.echo, false);
        let r = self.run_frames_throwing(frame, thrown);
        self.echo = echo;
        let mut st = state.borrow_mut();
        st.running = false;
        match r? {
            Outcome::Yield(v, frame) => {
                st.frame = Some(frame);
                Ok(Some(v))
            }
            Outcome::Return(v) => {
                st.returned = v;
                Ok(None)
            }
        }
    }

    /// `gen.send`, `gen.throw`, `gen.close` of the generator `state`.
    pub fn generator_method(
        &mut self,
        state: &Rc<RefCell<GenState>>,
        name: &str,
        args: crate::value::Args,
    ) -> Res<Value> {
        let returned = |state: &Rc<RefCell<GenState>>| {
            crate::value::exception::stop_iteration(std::mem::replace(&mut state.borrow_mut().returned, Value::None))
        };
        match (name, args.pos.as_slice()) {
            ("send", [v]) => match self.resume_with(state, v.clone(), None)? {
                Some(v) => Ok(v),
                None => Err(returned(state)),
            },
            ("throw", [e, ..]) => {
                let e = self.exception_of(e.clone())?;
                let thrown = crate::value::exception::throw(&e);
                match self.resume_with(state, Value::None, Some(thrown))? {
                    Some(v) => Ok(v),
                    None => Err(returned(state)),
                }
            }
            ("close", []) => {
                if state.borrow().frame.is_none() || !state.borrow().started {
                    state.borrow_mut().frame = None;
                    return Ok(Value::None);
                }
                let exit = exc("GeneratorExit", "");
                match self.resume_with(state, Value::None, Some(exit)) {
                    Ok(Some(_)) => Err(exc("RuntimeError", "generator ignored GeneratorExit")),
                    Ok(None) => Ok(Value::None),
                    Err(e) if matches!(e.kind, "GeneratorExit" | "StopIteration") => Ok(Value::None),
                    Err(e) => Err(e),
                }
            }
            _ => Err(crate::error::type_error(format!(
                "generator.{name}() takes {} argument{}",
                if name == "close" { "no" } else { "one" },
                if name == "close" { "s" } else { "" }
            ))),
        }
    }
}
