//! Generators: calling a function that yields makes one of these, holding the call's
//! frame, suspended; each `next` runs the frame until it yields again or returns.

use super::{Frame, Outcome};
use crate::error::{Res, exc};
use crate::interp::Interp;
use crate::interp::iter::Iter;
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
}

/// A generator object for a call's frame, not yet started.
pub fn new(frame: Frame) -> Value {
    let state = GenState {
        frame: Some(frame),
        started: false,
        running: false,
    };
    Value::Iter(Rc::new(RefCell::new(Iter::Generator(Rc::new(RefCell::new(state))))))
}

impl Interp {
    /// Runs a generator to its next `yield`: the value yielded, or `None` when it ends.
    pub fn resume(&mut self, state: &Rc<RefCell<GenState>>) -> Res<Option<Value>> {
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
        if std::mem::replace(&mut state.borrow_mut().started, true) {
            // The `yield` it stopped at evaluates to what was sent: `next` sends None.
            frame.stack.push(Value::None);
        }
        let echo = std::mem::replace(&mut self.echo, false);
        let r = self.run_frames(frame);
        self.echo = echo;
        let mut st = state.borrow_mut();
        st.running = false;
        match r? {
            Outcome::Yield(v, frame) => {
                st.frame = Some(frame);
                Ok(Some(v))
            }
            Outcome::Return(_) => Ok(None),
        }
    }
}
