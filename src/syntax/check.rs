//! Checks CPython makes at compile time: `return` outside a function, `break` and
//! `continue` outside a loop.

use super::SyntaxError;
use super::ast::{Stmt, StmtKind};

pub fn check(body: &[Stmt]) -> Result<(), SyntaxError> {
    walk(body, false, false)
}

fn walk(body: &[Stmt], in_func: bool, in_loop: bool) -> Result<(), SyntaxError> {
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
            StmtKind::Def(f) => walk(&f.body, true, false)?,
            StmtKind::If { body, orelse, .. } => {
                walk(body, in_func, in_loop)?;
                walk(orelse, in_func, in_loop)?;
            }
            StmtKind::While { body, orelse, .. } | StmtKind::For { body, orelse, .. } => {
                walk(body, in_func, true)?;
                walk(orelse, in_func, in_loop)?;
            }
            StmtKind::With { body, .. } => walk(body, in_func, in_loop)?,
            _ => {}
        }
    }
    Ok(())
}
