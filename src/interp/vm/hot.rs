//! The frame loop's hot path: the common cases of the most frequent operations, run
//! inline with few live values so that they stay in registers. Anything else (and any
//! case a fast path declines, before it has changed anything) goes to `Interp::op`,
//! which is kept out of line: inlined here, its hundred operations made the loop spill
//! most of its state to the stack on every operation.

use super::code::Op;
use super::{Frame, Next, fast};
use crate::error::Res;
use crate::interp::Interp;
use crate::interp::iter::Iter;
use crate::value::Value;

impl Interp {
    /// Runs the frame's operations until one asks for more than `Next::Go` (a call, a
    /// return, a yield) or fails: that result, and the operation's index.
    #[inline(always)]
    pub(super) fn run_hot(&mut self, f: &mut Frame) -> (Res<Next>, usize) {
        loop {
            let ip = f.ip;
            f.ip += 1;
            let code = &*f.code;
            match code.ops[ip] {
                Op::Load(s) => {
                    if let Some(v) = &f.locals[s as usize] {
                        f.stack.push(v.fast_clone());
                        continue;
                    }
                }
                Op::Store(s) => {
                    if let Some(v) = f.stack.pop() {
                        f.locals[s as usize] = Some(v);
                        continue;
                    }
                }
                Op::Const(i) => {
                    f.stack.push(code.consts[i as usize].fast_clone());
                    continue;
                }
                Op::BinaryConst(op, c) => {
                    if let Some(a) = f.stack.last_mut()
                        && let Some(r) = fast::binary(op, a, &code.consts[c as usize])
                    {
                        *a = r;
                        continue;
                    }
                }
                Op::Binary(op) => {
                    let n = f.stack.len();
                    if n >= 2
                        && let Some(r) = fast::binary(op, &f.stack[n - 2], &f.stack[n - 1])
                    {
                        f.stack.truncate(n - 1);
                        f.stack[n - 2] = r;
                        continue;
                    }
                }
                Op::CompareJump(op, t) => {
                    let n = f.stack.len();
                    if n >= 2
                        && let Some(hit) = fast::compare(op, &f.stack[n - 2], &f.stack[n - 1])
                    {
                        f.stack.truncate(n - 2);
                        if !hit {
                            f.ip = t as usize;
                        }
                        continue;
                    }
                }
                Op::Jump(t) => {
                    f.ip = t as usize;
                    continue;
                }
                Op::JumpIfFalse(t) => {
                    if let Some(Value::Bool(b)) = f.stack.last() {
                        if !*b {
                            f.ip = t as usize;
                        }
                        f.stack.pop();
                        continue;
                    }
                }
                Op::Pop => {
                    if f.stack.pop().is_some() {
                        continue;
                    }
                }
                Op::EndStmt => {
                    if crate::realise::nothing_pending() && !crate::value::gc::due() {
                        crate::memory::settle();
                        continue;
                    }
                }
                Op::ForIter(exit) => {
                    // Lists and ranges step inline; other iterators go the general way.
                    if let Some(Value::Iter(it)) = f.stack.last() {
                        let step = match &mut *it.borrow_mut() {
                            Iter::List { list, idx } => {
                                let v = list.borrow().get(*idx).map(Value::fast_clone);
                                *idx += 1;
                                Some(v)
                            }
                            Iter::Range { next, left, step } => Some(if *left <= 0 {
                                None
                            } else {
                                let v = *next;
                                *left -= 1;
                                *next = next.wrapping_add(*step);
                                Some(Value::Int(v))
                            }),
                            _ => None,
                        };
                        match step {
                            Some(Some(v)) => {
                                f.stack.push(v);
                                continue;
                            }
                            Some(None) => {
                                f.stack.pop();
                                f.ip = exit as usize;
                                continue;
                            }
                            None => {}
                        }
                    }
                }
                Op::LoadGlobal(i) => {
                    // A module-level name (a class body's own names come first too).
                    let v = f.globals.vars.borrow().get(&code.names[i as usize]).cloned();
                    if let Some(v) = v {
                        f.stack.push(v);
                        continue;
                    }
                }
                Op::Call(n) => {
                    let n = n as usize;
                    if let Some(at) = f.stack.len().checked_sub(n + 1)
                        && let Value::Function(func) = &f.stack[at]
                        && super::exec::simple_call(func, n)
                        && let Some(callee) = func.code()
                    {
                        return (Ok(Next::Enter(callee, at)), ip);
                    }
                }
                Op::Return => {
                    if let Some(v) = f.stack.pop() {
                        return (Ok(Next::Return(v)), ip);
                    }
                }
                _ => {}
            }
            match self.op(f, ip) {
                Ok(Next::Go) => {}
                r => return (r, ip),
            }
        }
    }
}
