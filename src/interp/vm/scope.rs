//! Which names a function takes from the functions around it: Python's closures. A name
//! a function uses but does not assign is free in it; if an enclosing function assigns
//! it, that function keeps it in a cell the inner one shares.

use crate::syntax::ast::*;
use crate::syntax::symbol::Sym;
use rustc_hash::FxHashSet;

/// The names `def` (or a function nested in it) uses without assigning them itself:
/// each is an enclosing function's, the module's, or a builtin.
pub fn outer_names(def: &FuncDef) -> FxHashSet<Sym> {
    let mut used = FxHashSet::default();
    block(&def.body, &mut used);
    for n in &def.locals {
        used.remove(n);
    }
    used
}

/// The names used by functions and lambdas nested directly in `body` (and in those nested
/// in them) from outside themselves: the candidates for cells of the function `body`
/// belongs to.
pub fn inner_needs(body: &[Stmt]) -> FxHashSet<Sym> {
    let mut needs = FxHashSet::default();
    let mut nested = Vec::new();
    for s in body {
        defs_in_stmt(s, &mut nested);
    }
    for d in nested {
        needs.extend(outer_names(&d));
    }
    needs
}

fn block(body: &[Stmt], out: &mut FxHashSet<Sym>) {
    for s in body {
        stmt(s, out);
    }
}

fn stmt(s: &Stmt, out: &mut FxHashSet<Sym>) {
    match &s.kind {
        StmtKind::Expr(e) => expr(e, out),
        StmtKind::Assign { targets, value } => {
            targets.iter().for_each(|t| expr(t, out));
            expr(value, out);
        }
        StmtKind::Annotated {
            target,
            annotation,
            value,
        } => {
            expr(target, out);
            expr(annotation, out);
            value.iter().for_each(|v| expr(v, out));
        }
        StmtKind::AugAssign { target, value, .. } => {
            expr(target, out);
            expr(value, out);
        }
        StmtKind::Def(f) => {
            out.insert(f.name);
            function(f, out);
        }
        StmtKind::Return(e) => e.iter().for_each(|e| expr(e, out)),
        StmtKind::If { cond, body, orelse } | StmtKind::While { cond, body, orelse } => {
            expr(cond, out);
            block(body, out);
            block(orelse, out);
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
        } => {
            expr(target, out);
            expr(iter, out);
            block(body, out);
            block(orelse, out);
        }
        StmtKind::With { items, body } => {
            for (e, t) in items {
                expr(e, out);
                t.iter().for_each(|t| expr(t, out));
            }
            block(body, out);
        }
        StmtKind::Import(names) => {
            for n in names {
                out.extend(n.alias.or(n.path.first().copied()));
            }
        }
        StmtKind::ImportFrom { names, .. } => names.iter().for_each(|(n, a, _)| {
            out.insert(a.unwrap_or(*n));
        }),
        StmtKind::Assert { test, msg } => {
            expr(test, out);
            msg.iter().for_each(|m| expr(m, out));
        }
        StmtKind::Del(targets) => targets.iter().for_each(|t| expr(t, out)),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finally,
        } => {
            block(body, out);
            for h in handlers {
                h.kind.iter().for_each(|k| expr(k, out));
                out.extend(h.name);
                block(&h.body, out);
            }
            block(orelse, out);
            block(finally, out);
        }
        StmtKind::Raise { exc, cause } => {
            exc.iter().chain(cause.iter()).for_each(|e| expr(e, out));
        }
        StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
        StmtKind::Class {
            name,
            bases,
            decorators,
            ..
        } => {
            out.insert(*name);
            bases.iter().chain(decorators).for_each(|b| expr(b, out));
        }
        StmtKind::Break | StmtKind::Continue | StmtKind::Pass => {}
    }
}

/// A nested function: its defaults are evaluated where it is defined; its body's names
/// count where they are not its own.
fn function(f: &FuncDef, out: &mut FxHashSet<Sym>) {
    f.decorators.iter().for_each(|d| expr(d, out));
    for p in f.params.iter().chain(&f.kwonly) {
        p.default.iter().for_each(|d| expr(d, out));
    }
    out.extend(outer_names(f));
}

fn expr(e: &Expr, out: &mut FxHashSet<Sym>) {
    match &e.kind {
        ExprKind::Name(n) => {
            out.insert(*n);
        }
        ExprKind::Int(_)
        | ExprKind::BigInt(_)
        | ExprKind::Imag(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_)
        | ExprKind::Bool(_)
        | ExprKind::None
        | ExprKind::Ellipsis => {}
        ExprKind::FStr(parts) => fstr(parts, out),
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
            items.iter().for_each(|i| expr(i, out))
        }
        ExprKind::Dict(items) => {
            for item in items {
                match item {
                    DictItem::Pair(k, v) => {
                        expr(k, out);
                        expr(v, out);
                    }
                    DictItem::Spread(m) => expr(m, out),
                }
            }
        }
        ExprKind::Starred(x) | ExprKind::Unary(_, x) | ExprKind::Not(x) | ExprKind::Attr(x, _) => expr(x, out),
        ExprKind::NamedExpr(n, x) => {
            out.insert(*n);
            expr(x, out);
        }
        ExprKind::Yield(x) => x.iter().for_each(|x| expr(x, out)),
        ExprKind::YieldFrom(x) => expr(x, out),
        ExprKind::Binary(_, a, b) | ExprKind::And(a, b) | ExprKind::Or(a, b) | ExprKind::Subscript(a, b) => {
            expr(a, out);
            expr(b, out);
        }
        ExprKind::Compare(first, rest) => {
            expr(first, out);
            rest.iter().for_each(|(_, r)| expr(r, out));
        }
        ExprKind::IfElse { cond, then, orelse } => {
            expr(cond, out);
            expr(then, out);
            expr(orelse, out);
        }
        ExprKind::Lambda(f) => function(f, out),
        ExprKind::Call { func, args } => {
            expr(func, out);
            for a in args {
                match a {
                    Arg::Pos(e) | Arg::Star(e) | Arg::DoubleStar(e) | Arg::Kw(_, e, _) => expr(e, out),
                }
            }
        }
        ExprKind::Slice(lo, hi, step) => {
            for p in [lo, hi, step].into_iter().flatten() {
                expr(p, out);
            }
        }
        ExprKind::ListComp(c) | ExprKind::DictComp(c) | ExprKind::SetComp(c) | ExprKind::GenExp(c) => {
            expr(&c.elt, out);
            c.value.iter().for_each(|v| expr(v, out));
            for clause in &c.clauses {
                expr(&clause.target, out);
                expr(&clause.iter, out);
                clause.conds.iter().for_each(|c| expr(c, out));
            }
        }
    }
}

fn fstr(parts: &[FStrPart], out: &mut FxHashSet<Sym>) {
    for p in parts {
        if let FStrPart::Field { expr: e, spec, .. } = p {
            expr(e, out);
            fstr(spec, out);
        }
    }
}

/// The functions and lambdas nested directly in a statement (not inside them).
fn defs_in_stmt(s: &Stmt, out: &mut Vec<std::rc::Rc<FuncDef>>) {
    let mut exprs: Vec<&Expr> = Vec::new();
    match &s.kind {
        StmtKind::Def(f) => {
            out.push(f.clone());
            for p in f.params.iter().chain(&f.kwonly) {
                exprs.extend(p.default.iter());
            }
            exprs.extend(&f.decorators);
        }
        StmtKind::Expr(e) => exprs.push(e),
        StmtKind::Assign { targets, value } => {
            exprs.extend(targets);
            exprs.push(value);
        }
        StmtKind::Annotated {
            target,
            annotation,
            value,
        } => {
            exprs.extend([target, annotation]);
            exprs.extend(value.iter());
        }
        StmtKind::AugAssign { target, value, .. } => exprs.extend([target, value]),
        StmtKind::Return(e) => exprs.extend(e.iter()),
        StmtKind::If { cond, body, orelse } | StmtKind::While { cond, body, orelse } => {
            exprs.push(cond);
            body.iter().chain(orelse).for_each(|s| defs_in_stmt(s, out));
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
        } => {
            exprs.extend([target, iter]);
            body.iter().chain(orelse).for_each(|s| defs_in_stmt(s, out));
        }
        StmtKind::With { items, body } => {
            for (e, t) in items {
                exprs.push(e);
                exprs.extend(t.iter());
            }
            body.iter().for_each(|s| defs_in_stmt(s, out));
        }
        StmtKind::Assert { test, msg } => {
            exprs.push(test);
            exprs.extend(msg.iter());
        }
        StmtKind::Del(targets) => exprs.extend(targets),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finally,
        } => {
            for h in handlers {
                exprs.extend(h.kind.iter());
                h.body.iter().for_each(|s| defs_in_stmt(s, out));
            }
            body.iter()
                .chain(orelse)
                .chain(finally)
                .for_each(|s| defs_in_stmt(s, out));
        }
        StmtKind::Raise { exc, cause } => exprs.extend(exc.iter().chain(cause.iter())),
        _ => {}
    }
    for e in exprs {
        lambdas_in(e, out);
    }
}

/// The lambdas in an expression (not inside them).
fn lambdas_in(e: &Expr, out: &mut Vec<std::rc::Rc<FuncDef>>) {
    let mut each = |x: &Expr| lambdas_in(x, out);
    match &e.kind {
        ExprKind::Lambda(f) => {
            out.push(f.clone());
            for p in f.params.iter().chain(&f.kwonly) {
                if let Some(d) = &p.default {
                    lambdas_in(d, out);
                }
            }
        }
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => items.iter().for_each(each),
        ExprKind::Dict(items) => {
            for item in items {
                match item {
                    DictItem::Pair(k, v) => {
                        each(k);
                        each(v);
                    }
                    DictItem::Spread(m) => each(m),
                }
            }
        }
        ExprKind::Starred(x) | ExprKind::Unary(_, x) | ExprKind::Not(x) | ExprKind::Attr(x, _) => each(x),
        ExprKind::NamedExpr(_, x) => each(x),
        ExprKind::Binary(_, a, b) | ExprKind::And(a, b) | ExprKind::Or(a, b) | ExprKind::Subscript(a, b) => {
            each(a);
            each(b);
        }
        ExprKind::Compare(first, rest) => {
            each(first);
            rest.iter().for_each(|(_, r)| each(r));
        }
        ExprKind::IfElse { cond, then, orelse } => {
            each(cond);
            each(then);
            each(orelse);
        }
        ExprKind::Call { func, args } => {
            each(func);
            for a in args {
                match a {
                    Arg::Pos(e) | Arg::Star(e) | Arg::DoubleStar(e) | Arg::Kw(_, e, _) => each(e),
                }
            }
        }
        ExprKind::Slice(lo, hi, step) => [lo, hi, step].into_iter().flatten().for_each(|p| each(p)),
        ExprKind::GenExp(c) => {
            // A function of its own, its first iterable evaluated here.
            lambdas_in(&c.clauses[0].iter, out);
            out.push(std::rc::Rc::new(genexp_def(c, e.span)));
        }
        ExprKind::ListComp(c) | ExprKind::DictComp(c) | ExprKind::SetComp(c) => {
            each(&c.elt);
            c.value.iter().for_each(&mut each);
            for clause in &c.clauses {
                each(&clause.target);
                each(&clause.iter);
                clause.conds.iter().for_each(&mut each);
            }
        }
        ExprKind::FStr(parts) => fstr_lambdas(parts, out),
        _ => {}
    }
}

fn fstr_lambdas(parts: &[FStrPart], out: &mut Vec<std::rc::Rc<FuncDef>>) {
    for p in parts {
        if let FStrPart::Field { expr, spec, .. } = p {
            lambdas_in(expr, out);
            fstr_lambdas(spec, out);
        }
    }
}

/// A generator expression as the generator function Python makes of it: its first
/// iterable (already an iterator) is the argument `.0`, its clauses nested `for`s and
/// `if`s, its element yielded.
pub fn genexp_def(c: &Comprehension, span: crate::syntax::source::Span) -> FuncDef {
    let arg = Sym::new(".0");
    let mut body = vec![Stmt {
        kind: StmtKind::Expr(Expr {
            kind: ExprKind::Yield(Some(Box::new(c.elt.clone()))),
            span: c.elt.span,
        }),
        span: c.elt.span,
    }];
    for (i, clause) in c.clauses.iter().enumerate().rev() {
        for cond in clause.conds.iter().rev() {
            body = vec![Stmt {
                kind: StmtKind::If {
                    cond: cond.clone(),
                    body,
                    orelse: Vec::new(),
                },
                span: cond.span,
            }];
        }
        let iter = match i {
            0 => Expr {
                kind: ExprKind::Name(arg),
                span: clause.iter.span,
            },
            _ => clause.iter.clone(),
        };
        body = vec![Stmt {
            kind: StmtKind::For {
                target: clause.target.clone(),
                iter,
                body,
                orelse: Vec::new(),
            },
            span,
        }];
    }
    let mut locals = vec![arg];
    let mut names = FxHashSet::default();
    for clause in &c.clauses {
        expr(&clause.target, &mut names);
    }
    let mut names: Vec<Sym> = names.into_iter().collect();
    names.sort_by_key(|n| n.as_str());
    locals.extend(names);
    FuncDef {
        name: Sym::new("<genexpr>"),
        params: vec![Param {
            name: arg,
            default: None,
            span,
        }],
        vararg: None,
        kwonly: Vec::new(),
        body,
        locals,
        span,
        is_lambda: false,
        is_generator: true,
        posonly: 0,
        globals: Vec::new(),
        decorators: Vec::new(),
        kwarg: None,
    }
}
