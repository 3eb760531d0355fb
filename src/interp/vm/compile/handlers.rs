//! `try`/`except`/`else`/`finally` and `raise`. A `try` pushes a runtime block that
//! catches into its handlers (and one for its `finally`); an exception caught there is
//! pushed for the handlers, which test it in order and re-raise it when none matches.
//! `return`, `break` and `continue` leave the blocks they cross, running `finally`
//! bodies on the way.

use super::{Compiler, Context, Out, Unsupported};
use crate::interp::vm::code::Op;
use crate::syntax::ast::*;
use crate::syntax::source::Span;
use crate::value::Value;
use std::rc::Rc;

impl Compiler {
    pub(super) fn try_stmt(
        &mut self,
        body: &[Stmt],
        handlers: &[Handler],
        orelse: &[Stmt],
        finally: &[Stmt],
        span: Span,
    ) -> Out {
        let fin = (!finally.is_empty()).then(|| Rc::new(finally.to_vec()));
        let to_finally = match &fin {
            Some(f) => {
                let at = self.emit(Op::SetupExcept(0), span);
                self.contexts.push(Context::Finally(f.clone()));
                Some(at)
            }
            None => None,
        };
        if handlers.is_empty() {
            self.block(body)?;
            self.block(orelse)?;
        } else {
            let to_handlers = self.emit(Op::SetupExcept(0), span);
            self.contexts.push(Context::Except);
            self.block(body)?;
            self.contexts.pop();
            self.emit(Op::PopBlock, span);
            self.block(orelse)?;
            let done = self.emit(Op::Jump(0), span);
            self.patch(to_handlers);
            // The exception is on the stack; it is the one being handled.
            self.emit(Op::PushHandling, span);
            let mut ends = vec![done];
            for h in handlers {
                let next = match &h.kind {
                    Some(kind) => {
                        self.expr(kind)?;
                        self.emit(Op::ExcMatch, kind.span);
                        Some(self.emit(Op::JumpIfFalse(0), h.span))
                    }
                    None => None,
                };
                match h.name {
                    Some(n) => self.store_name(n, h.span)?,
                    None => {
                        self.emit(Op::Pop, h.span);
                    }
                }
                self.contexts.push(Context::Handler);
                self.block(&h.body)?;
                self.contexts.pop();
                self.emit(Op::PopHandling, h.span);
                if let Some(n) = h.name {
                    // Python unbinds the name when the handler ends.
                    self.push_const(Value::None, h.span);
                    self.store_name(n, h.span)?;
                    self.delete(&Expr {
                        kind: ExprKind::Name(n),
                        span: h.span,
                    })?;
                }
                ends.push(self.emit(Op::Jump(0), h.span));
                if let Some(next) = next {
                    self.patch(next);
                }
            }
            // No handler matched: the exception goes on.
            if handlers.last().is_some_and(|h| h.kind.is_some()) {
                self.emit(Op::PopHandling, span);
                self.emit(Op::Reraise, span);
            }
            for e in ends {
                self.patch(e);
            }
        }
        if let (Some(fin), Some(at)) = (fin, to_finally) {
            self.contexts.pop();
            self.emit(Op::PopBlock, span);
            self.block(&fin)?;
            let done = self.emit(Op::Jump(0), span);
            self.patch(at);
            // An exception passes through the finally body, then goes on.
            self.block(&fin)?;
            self.emit(Op::Reraise, span);
            self.patch(done);
        }
        Ok(())
    }

    /// Leaves the `try` contexts opened after the first `keep` (for `return`, all of
    /// them), innermost first: blocks popped, handled exceptions dropped, `finally`
    /// bodies run.
    pub(super) fn leave_contexts(&mut self, keep: usize, value_on_top: bool, span: Span) -> Out {
        let saved = self.contexts.clone();
        while self.contexts.len() > keep {
            let Some(ctx) = self.contexts.pop() else {
                return Err(Unsupported);
            };
            match ctx {
                Context::Except => {
                    self.emit(Op::PopBlock, span);
                }
                Context::Handler => {
                    self.emit(Op::PopHandling, span);
                }
                Context::Finally(body) => {
                    self.emit(Op::PopBlock, span);
                    // A `return` value waits under the finally body's own work.
                    self.block(&body)?;
                }
                Context::With => {
                    self.emit(Op::PopBlock, span);
                    if value_on_top {
                        self.emit(Op::Swap, span);
                    }
                    self.emit(Op::WithExit, span);
                }
            }
        }
        self.contexts = saved;
        Ok(())
    }

    /// `with a as x, b:` is `with a as x:` around `with b:`. Entering leaves what exiting
    /// needs on the stack, under a block that exits and re-raises on an exception.
    pub(super) fn with_stmt(&mut self, items: &[(Expr, Option<Expr>)], body: &[Stmt], span: Span) -> Out {
        let Some(((ctx, target), rest)) = items.split_first() else {
            return self.block(body);
        };
        self.expr(ctx)?;
        self.emit(Op::WithEnter, ctx.span);
        match target {
            Some(t) => self.store(t)?,
            None => {
                self.emit(Op::Pop, ctx.span);
            }
        }
        let to_exit = self.emit(Op::SetupExcept(0), span);
        self.contexts.push(Context::With);
        self.with_stmt(rest, body, span)?;
        self.contexts.pop();
        self.emit(Op::PopBlock, span);
        self.emit(Op::WithExit, span);
        let done = self.emit(Op::Jump(0), span);
        self.patch(to_exit);
        // [exit, exc]: exit with the exception, which goes on unless `__exit__` suppresses it.
        self.emit(Op::WithExitExc, span);
        self.patch(done);
        Ok(())
    }

    pub(super) fn raise(&mut self, exc: Option<&Expr>, cause: Option<&Expr>, span: Span) -> Out {
        let n = match (exc, cause) {
            (None, _) => 0,
            (Some(e), None) => {
                self.expr(e)?;
                1
            }
            (Some(e), Some(c)) => {
                self.expr(e)?;
                self.expr(c)?;
                2
            }
        };
        self.emit(Op::Raise(n), span);
        Ok(())
    }
}
