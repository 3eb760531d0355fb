//! Statement execution.

use super::Interp;
use super::ops;
use super::scope::Scope;
use crate::error::{At, Res, exc, type_error};
use crate::syntax::ast::*;
use crate::syntax::source::join;
use crate::value::Value;
use crate::value::repr::str_of;
use std::rc::Rc;

/// A deferred computation that failed at the end of a statement.
pub(crate) fn flush_error(e: String) -> Box<crate::error::Exc> {
    if e == crate::interrupt::KEYBOARD_INTERRUPT {
        crate::interrupt::clear();
        return exc("KeyboardInterrupt", "");
    }
    exc("RuntimeError", e)
}

pub enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

impl Interp {
    pub fn exec_block(&mut self, body: &[Stmt], env: &Rc<Scope>) -> Res<Flow> {
        for s in body {
            match self.exec(s, env)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    /// Runs one statement; deferred array work it left behind is realised before the
    /// next one starts (a statement's elementwise chain is one fused kernel).
    pub fn exec(&mut self, s: &Stmt, env: &Rc<Scope>) -> Res<Flow> {
        if crate::interrupt::take() {
            return Err(exc("KeyboardInterrupt", "")).at(s.span);
        }
        let flow = self.exec_inner(s, env);
        let flushed = crate::realise::flush().map_err(flush_error).at(s.span);
        let flow = flow?;
        flushed?;
        Ok(flow)
    }

    fn exec_inner(&mut self, s: &Stmt, env: &Rc<Scope>) -> Res<Flow> {
        match &s.kind {
            StmtKind::Expr(e) => {
                let v = self.eval(e, env)?;
                // A value computed for its own sake (`f()` in a timing loop) is realised
                // like any other result, though nothing keeps it.
                crate::realise::flush().map_err(flush_error).at(s.span)?;
                if self.echo && !matches!(v, Value::None) {
                    if let Some(slot) = &mut self.echoed {
                        *slot = Some(v.clone());
                    } else {
                        let text = crate::value::repr::checked_repr(&v).at(s.span)?;
                        self.write(&text);
                        self.write("\n");
                    }
                    self.builtins.insert(crate::syntax::symbol::Sym::new("_"), v);
                }
            }
            StmtKind::Assign { targets, value } => {
                let v = self.eval(value, env)?;
                for t in targets {
                    self.assign(t, v.clone(), env)?;
                }
            }
            StmtKind::Annotated {
                target,
                annotation,
                value,
            } => {
                if let Some(value) = value {
                    let v = self.eval(value, env)?;
                    self.assign(target, v, env)?;
                }
                // A module's or class's names keep their annotations; a function's do not.
                if env.func.is_none()
                    && let ExprKind::Name(n) = &target.kind
                {
                    let ann = self.eval(annotation, env)?;
                    self.annotate(env, *n, ann)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value, env)?,
            StmtKind::Def(def) => {
                let f = self.make_function(def, env)?;
                env.set(def.name, f);
            }
            StmtKind::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e, env)?,
                    None => Value::None,
                };
                return Ok(Flow::Return(v));
            }
            StmtKind::If { cond, body, orelse } => {
                let c = self.eval(cond, env)?;
                return if self.truth(&c).at(cond.span)? {
                    self.exec_block(body, env)
                } else {
                    self.exec_block(orelse, env)
                };
            }
            StmtKind::While { cond, body, orelse } => {
                while {
                    let c = self.eval(cond, env)?;
                    self.truth(&c).at(cond.span)?
                } {
                    match self.exec_block(body, env)? {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
                return self.exec_block(orelse, env);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                let seq = self.eval(iter, env)?;
                let mut it = self.iterate(&seq).at(iter.span)?;
                while let Some(item) = it.next(self).at(iter.span)? {
                    self.assign(target, item, env)?;
                    match self.exec_block(body, env)? {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
                return self.exec_block(orelse, env);
            }
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Pass => {}
            StmtKind::With { items, body } => {
                // nt's context managers are grad modes: `with no_grad():`, `with torch.enable_grad():`.
                let mut saved = Vec::new();
                let mut entered = || -> Res<()> {
                    for (e, target) in items {
                        let v = self.eval(e, env)?;
                        let Value::GradMode(on) = v else {
                            return Err(type_error(format!(
                                "'{}' object does not support the context manager protocol",
                                v.type_name()
                            )))
                            .at(e.span);
                        };
                        saved.push(crate::tensor::autograd::set_grad_enabled(on));
                        if let Some(t) = target {
                            self.assign(t, Value::None, env)?;
                        }
                    }
                    Ok(())
                };
                let result = entered().and_then(|_| self.exec_block(body, env));
                for prev in saved.into_iter().rev() {
                    crate::tensor::autograd::set_grad_enabled(prev);
                }
                return result;
            }
            StmtKind::Import(names) => {
                for n in names {
                    self.check_importable(&n.path, n.span.start).at(n.span)?;
                    let module = self.import(&n.path).at(n.span)?;
                    match n.alias {
                        Some(alias) => env.set(alias, module),
                        None => {
                            // `import a.b` binds `a`.
                            let top = self.import(&n.path[..1]).at(n.span)?;
                            env.set(n.path[0], top);
                        }
                    }
                }
            }
            StmtKind::ImportFrom {
                module,
                module_span,
                names,
                level,
            } => {
                let module = &self.absolute_module(env, *level, module).at(*module_span)?;
                self.check_importable(module, module_span.start).at(*module_span)?;
                let m = self.import(module).at(*module_span)?;
                for (name, alias, span) in names {
                    let v = self.module_attr(&m, *name, module).at(*span)?;
                    env.set(alias.unwrap_or(*name), v);
                }
            }
            StmtKind::Assert { test, msg } => {
                let t = self.eval(test, env)?;
                if !self.truth(&t).at(test.span)? {
                    let text = match msg {
                        Some(m) => str_of(&self.eval(m, env)?),
                        None => String::new(),
                    };
                    return Err(exc("AssertionError", text)).at(test.span);
                }
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    self.delete(t, env)?;
                }
            }
            // Exceptions are handled by compiled code only; this evaluator runs what the
            // compiler does not handle yet.
            // At a module's top level `global` says nothing; functions run compiled.
            StmtKind::Global(_) if env.func.is_none() => {}
            StmtKind::Nonlocal(_) if env.func.is_none() => {
                return Err(exc("SyntaxError", "nonlocal declaration not allowed at module level")).at(s.span);
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {
                return Err(exc(
                    "NotImplementedError",
                    "nt cannot run 'global' or 'nonlocal' here yet: the function also uses a lambda that captures a comprehension's variable",
                ))
                .at(s.span);
            }
            StmtKind::Class { .. } => {
                return Err(exc(
                    "NotImplementedError",
                    "nt runs a class statement only at a module's top level for now",
                ))
                .at(s.span);
            }
            StmtKind::Try { .. } | StmtKind::Raise { .. } => {
                return Err(exc(
                    "NotImplementedError",
                    "nt cannot run 'try' or 'raise' here yet: the code around it also uses a generator expression, 'with', or an import inside a function",
                ))
                .at(s.span);
            }
        }
        Ok(Flow::Normal)
    }

    fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr, env: &Rc<Scope>) -> Res<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                let cur = self.lookup(env, *n).at(target.span)?;
                let rhs = self.eval(value, env)?;
                let new = ops::inplace(op, &cur, &rhs).at(join(target.span, value.span))?;
                env.set(*n, new);
            }
            ExprKind::Subscript(obj, idx) => {
                let o = self.eval(obj, env)?;
                let i = self.eval(idx, env)?;
                let cur = self.get_item(&o, &i).at(target.span)?;
                let rhs = self.eval(value, env)?;
                let new = ops::inplace(op, &cur, &rhs).at(join(target.span, value.span))?;
                self.set_item(&o, i, new).at(target.span)?;
            }
            ExprKind::Attr(obj, name) => {
                let o = self.eval(obj, env)?;
                let cur = self.get_attr(&o, *name).at(target.span)?;
                let rhs = self.eval(value, env)?;
                let new = ops::inplace(op, &cur, &rhs).at(join(target.span, value.span))?;
                self.set_attr(&o, *name, new).at(target.span)?;
            }
            _ => return Err(exc("SyntaxError", "illegal expression for augmented assignment")).at(target.span),
        }
        Ok(())
    }

    fn delete(&mut self, t: &Expr, env: &Rc<Scope>) -> Res<()> {
        match &t.kind {
            ExprKind::Name(n) => {
                if env.remove(*n).is_none() {
                    return Err(exc("NameError", format!("name '{n}' is not defined"))).at(t.span);
                }
                Ok(())
            }
            ExprKind::Subscript(obj, idx) => {
                let o = self.eval(obj, env)?;
                let i = self.eval(idx, env)?;
                self.del_item(&o, &i).at(t.span)
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete(i, env)?;
                }
                Ok(())
            }
            ExprKind::Attr(obj, name) => {
                let o = self.eval(obj, env)?;
                self.del_attr(&o, *name).at(t.span)
            }
            _ => Err(exc("SyntaxError", "cannot delete expression")).at(t.span),
        }
    }
}
