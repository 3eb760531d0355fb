//! Checks CPython makes at compile time: `return` outside a function, `break` and
//! `continue` outside a loop, `nonlocal` without an enclosing function's binding.

use super::SyntaxError;
use super::ast::{Stmt, StmtKind};
use super::symbol::Sym;

pub fn check(body: &[Stmt]) -> Result<(), SyntaxError> {
    walk(body, &[], false)
}

/// `enclosing`: the locals of the functions around `body`, outermost first (empty at a
/// module's or class's top level).
fn walk(body: &[Stmt], enclosing: &[&[Sym]], in_loop: bool) -> Result<(), SyntaxError> {
    let in_func = !enclosing.is_empty();
    for s in body {
        match &s.kind {
            StmtKind::Return(_) if !in_func => {
                return Err(SyntaxError::new("SyntaxError", "'return' outside function", s.span));
            }
            StmtKind::Break if !in_loop => return Err(SyntaxError::new("SyntaxError", "'break' outside loop", s.span)),
            StmtKind::Continue if !in_loop => {
                return Err(SyntaxError::new(
                    "SyntaxError",
                    "'continue' not properly in loop",
                    s.span,
                ));
            }
            StmtKind::Nonlocal(_) if !in_func => {
                return Err(SyntaxError::new(
                    "SyntaxError",
                    "nonlocal declaration not allowed at module level",
                    s.span,
                ));
            }
            StmtKind::Nonlocal(names) => {
                // The function's own locals are the last of `enclosing`.
                let outer = &enclosing[..enclosing.len() - 1];
                if let Some(n) = names.iter().find(|n| !outer.iter().any(|l| l.contains(n))) {
                    return Err(SyntaxError::new(
                        "SyntaxError",
                        format!("no binding for nonlocal '{n}' found"),
                        s.span,
                    ));
                }
            }
            StmtKind::Def(f) => {
                let mut inner = enclosing.to_vec();
                inner.push(&f.locals);
                walk(&f.body, &inner, false)?;
            }
            StmtKind::Class { body, .. } => walk(body, &[], false)?,
            StmtKind::If { body, orelse, .. } => {
                walk(body, enclosing, in_loop)?;
                walk(orelse, enclosing, in_loop)?;
            }
            StmtKind::While { body, orelse, .. } | StmtKind::For { body, orelse, .. } => {
                walk(body, enclosing, true)?;
                walk(orelse, enclosing, in_loop)?;
            }
            StmtKind::With { body, .. } => walk(body, enclosing, in_loop)?,
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finally,
            } => {
                walk(body, enclosing, in_loop)?;
                for h in handlers {
                    walk(&h.body, enclosing, in_loop)?;
                }
                walk(orelse, enclosing, in_loop)?;
                walk(finally, enclosing, in_loop)?;
            }
            _ => {}
        }
    }
    Ok(())
}
