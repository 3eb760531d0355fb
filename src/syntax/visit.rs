//! One walk over the syntax tree for the analyses that need every expression (which
//! names a walrus binds, and more to come): `children` lists an expression's direct
//! sub-expressions and `stmt_exprs` a statement's own expressions. Both match every
//! variant, so a new kind of node cannot be skipped silently.

use super::ast::*;

/// Calls `f` on each direct sub-expression of `e`. A lambda's body and parameters'
/// defaults are included (`FuncDef` bodies of `def` are statements, not reached here);
/// a comprehension's element, value, targets, iterables and conditions are.
pub fn children(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    match &e.kind {
        ExprKind::Name(_)
        | ExprKind::Int(_)
        | ExprKind::BigInt(_)
        | ExprKind::Imag(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_)
        | ExprKind::Bool(_)
        | ExprKind::None
        | ExprKind::Ellipsis => {}
        ExprKind::FStr(parts) => fstr(parts, f),
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => items.iter().for_each(f),
        ExprKind::Dict(items) => {
            for item in items {
                match item {
                    DictItem::Pair(k, v) => {
                        f(k);
                        f(v);
                    }
                    DictItem::Spread(m) => f(m),
                }
            }
        }
        ExprKind::Starred(x) | ExprKind::Unary(_, x) | ExprKind::Not(x) | ExprKind::Attr(x, _) => f(x),
        ExprKind::NamedExpr(_, x) | ExprKind::YieldFrom(x) => f(x),
        ExprKind::Yield(x) => x.iter().for_each(|x| f(x)),
        ExprKind::Binary(_, a, b) | ExprKind::And(a, b) | ExprKind::Or(a, b) | ExprKind::Subscript(a, b) => {
            f(a);
            f(b);
        }
        ExprKind::Compare(first, rest) => {
            f(first);
            rest.iter().for_each(|(_, r)| f(r));
        }
        ExprKind::IfElse { cond, then, orelse } => {
            f(cond);
            f(then);
            f(orelse);
        }
        ExprKind::Lambda(def) => {
            for p in def.params.iter().chain(&def.kwonly) {
                if let Some(d) = &p.default {
                    f(d);
                }
            }
            for s in &def.body {
                stmt_exprs(s, f);
            }
        }
        ExprKind::Call { func, args } => {
            f(func);
            for a in args {
                match a {
                    Arg::Pos(x) | Arg::Star(x) | Arg::DoubleStar(x) | Arg::Kw(_, x, _) => f(x),
                }
            }
        }
        ExprKind::Slice(lo, hi, step) => [lo, hi, step].into_iter().flatten().for_each(|p| f(p)),
        ExprKind::ListComp(c) | ExprKind::DictComp(c) | ExprKind::SetComp(c) | ExprKind::GenExp(c) => {
            f(&c.elt);
            c.value.iter().for_each(&mut *f);
            for clause in &c.clauses {
                f(&clause.target);
                f(&clause.iter);
                clause.conds.iter().for_each(&mut *f);
            }
        }
    }
}

fn fstr(parts: &[FStrPart], f: &mut dyn FnMut(&Expr)) {
    for p in parts {
        if let FStrPart::Field { expr, spec, .. } = p {
            f(expr);
            fstr(spec, f);
        }
    }
}

/// Calls `f` on the expressions of `s` itself: not those of the statements in its
/// bodies, nor of a nested `def` or `class` body (a function's decorators, defaults and
/// a class's bases are the statement's own).
pub fn stmt_exprs(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    match &s.kind {
        StmtKind::Expr(e) => f(e),
        StmtKind::Assign { targets, value } => {
            targets.iter().for_each(&mut *f);
            f(value);
        }
        StmtKind::Annotated {
            target,
            annotation,
            value,
        } => {
            f(target);
            f(annotation);
            value.iter().for_each(f);
        }
        StmtKind::AugAssign { target, value, .. } => {
            f(target);
            f(value);
        }
        StmtKind::Def(def) => {
            def.decorators.iter().for_each(&mut *f);
            for p in def.params.iter().chain(&def.kwonly) {
                if let Some(d) = &p.default {
                    f(d);
                }
            }
        }
        StmtKind::Return(e) => e.iter().for_each(f),
        StmtKind::If { cond, .. } | StmtKind::While { cond, .. } => f(cond),
        StmtKind::For { target, iter, .. } => {
            f(target);
            f(iter);
        }
        StmtKind::With { items, .. } => {
            for (e, t) in items {
                f(e);
                t.iter().for_each(&mut *f);
            }
        }
        StmtKind::Assert { test, msg } => {
            f(test);
            msg.iter().for_each(f);
        }
        StmtKind::Del(targets) => targets.iter().for_each(f),
        StmtKind::Try { handlers, .. } => handlers.iter().filter_map(|h| h.kind.as_ref()).for_each(f),
        StmtKind::Class { bases, decorators, .. } => {
            decorators.iter().for_each(&mut *f);
            bases.iter().for_each(f);
        }
        StmtKind::Raise { exc, cause } => {
            exc.iter().for_each(&mut *f);
            cause.iter().for_each(f);
        }
        StmtKind::Break
        | StmtKind::Continue
        | StmtKind::Pass
        | StmtKind::Import(_)
        | StmtKind::ImportFrom { .. }
        | StmtKind::Global(_)
        | StmtKind::Nonlocal(_) => {}
    }
}

/// The names `:=` binds in `e`, in the scope `e` is evaluated in: those inside
/// comprehensions count (they bind in the enclosing function), those inside lambdas do
/// not.
pub fn walrus_targets(e: &Expr, out: &mut Vec<super::symbol::Sym>) {
    if let ExprKind::NamedExpr(n, _) = &e.kind
        && !out.contains(n)
    {
        out.push(*n);
    }
    if matches!(e.kind, ExprKind::Lambda(_)) {
        return;
    }
    children(e, &mut |c| walrus_targets(c, out));
}
