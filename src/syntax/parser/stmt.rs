//! Statements: simple statements on a logical line, and compound statements whose
//! suites are either inline or an INDENT … DEDENT block.

use super::expr::{Exprs, P};
use super::{Err, TargetCtx, build_func, check_target, kw, name, op};
use crate::syntax::ast::*;
use crate::syntax::source::Span;
use crate::syntax::token::Tok;
use chumsky::input::ValueInput;
use chumsky::prelude::*;
use std::rc::Rc;

fn st(kind: StmtKind, span: Span) -> Stmt {
    Stmt { kind, span }
}

pub fn statements<'t, I: ValueInput<'t, Token = Tok, Span = Span>>(ex: &Exprs<'t, I>) -> P<'t, I, Vec<Stmt>> {
    // `recursive`, not `Recursive::declare`: see `expr::exprs`.
    let stmt = recursive(
        |stmt: Recursive<chumsky::recursive::Direct<'t, 't, I, Vec<Stmt>, Err<'t>>>| {
            let test = ex.test.clone();
            let exprlist = ex.exprlist.clone();

            let dotted = name()
                .separated_by(op("."))
                .at_least(1)
                .collect::<Vec<_>>()
                .map_with(|path, x| (path, x.span()))
                .boxed();

            let import = kw("import")
                .ignore_then(
                    dotted
                        .clone()
                        .then(kw("as").ignore_then(name()).or_not())
                        .map(|((path, span), alias)| ImportName { path, alias, span })
                        .separated_by(op(","))
                        .at_least(1)
                        .collect::<Vec<_>>(),
                )
                .map(StmtKind::Import);
            let import_names = name()
                .then(kw("as").ignore_then(name()).or_not())
                .map_with(|(n, a), x| (n, a, x.span()))
                .separated_by(op(","))
                .at_least(1)
                .allow_trailing()
                .collect::<Vec<_>>()
                .boxed();
            // `from .m`, `from ..`, `from ...m`: the dots (`...` is one token) count levels.
            let dots = choice((op(".").to(1u32), op("...").to(3u32)))
                .repeated()
                .collect::<Vec<u32>>()
                .map(|d| d.iter().sum::<u32>());
            let from_module = dots
                .then(dotted.clone().or_not())
                .map_with(|(level, m), x| -> (u32, (Vec<_>, Span)) {
                    (level, m.unwrap_or_else(|| (Vec::new(), x.span())))
                })
                .validate(|(level, m), x, emitter| {
                    if level == 0 && m.0.is_empty() {
                        emitter.emit(Rich::custom(x.span(), "invalid syntax"));
                    }
                    (level, m)
                });
            let from_import = kw("from")
                .ignore_then(from_module)
                .then_ignore(kw("import"))
                .then(choice((
                    import_names.clone().delimited_by(op("("), op(")")),
                    import_names,
                    op("*").try_map(|_, span: Span| {
                        Result::<Vec<_>, Rich<'t, Tok, Span>>::Err(Rich::custom(
                            span,
                            "'from … import *' is not supported in nt; import the names you need",
                        ))
                    }),
                )))
                .map(|((level, (module, module_span)), names)| StmtKind::ImportFrom {
                    module,
                    module_span,
                    names,
                    level,
                });

            let aug_op = select! {
                Tok::Op("+=") => BinOp::Add, Tok::Op("-=") => BinOp::Sub, Tok::Op("*=") => BinOp::Mul,
                Tok::Op("/=") => BinOp::Div, Tok::Op("//=") => BinOp::FloorDiv, Tok::Op("%=") => BinOp::Mod,
                Tok::Op("**=") => BinOp::Pow, Tok::Op("@=") => BinOp::MatMul, Tok::Op("&=") => BinOp::BitAnd,
                Tok::Op("|=") => BinOp::BitOr, Tok::Op("^=") => BinOp::BitXor, Tok::Op("<<=") => BinOp::LShift,
                Tok::Op(">>=") => BinOp::RShift,
            };

            #[derive(Clone)]
            enum Tail {
                Aug(BinOp, Expr),
                Assign(Vec<Expr>),
                /// `x: T` or `x: T = value`.
                Annotated(Expr, Option<Expr>),
                None,
            }
            let expr_stmt = exprlist
                .clone()
                .then(choice((
                    aug_op.then(exprlist.clone()).map(|(o, v)| Tail::Aug(o, v)),
                    op(":")
                        .ignore_then(test.clone())
                        .then(op("=").ignore_then(exprlist.clone()).or_not())
                        .map(|(ann, v)| Tail::Annotated(ann, v)),
                    op("=")
                        .ignore_then(exprlist.clone())
                        .repeated()
                        .at_least(1)
                        .collect::<Vec<_>>()
                        .map(Tail::Assign),
                    empty().to(Tail::None),
                )))
                .validate(|(first, tail), _x, emitter| match tail {
                    Tail::None => StmtKind::Expr(first),
                    Tail::Annotated(annotation, value) => {
                        if let Err((sp, msg)) = check_target(&first, TargetCtx::Assign) {
                            emitter.emit(Rich::custom(sp, msg));
                        }
                        StmtKind::Annotated {
                            target: first,
                            annotation,
                            value,
                        }
                    }
                    Tail::Aug(o, value) => {
                        if let Err((sp, msg)) = check_target(&first, TargetCtx::Aug) {
                            emitter.emit(Rich::custom(sp, msg));
                        }
                        StmtKind::AugAssign {
                            target: first,
                            op: o,
                            value,
                        }
                    }
                    Tail::Assign(mut rest) => {
                        let value = rest.pop().unwrap_or_else(|| first.clone());
                        let mut targets = vec![first];
                        targets.extend(rest);
                        for (i, t) in targets.iter().enumerate() {
                            let ctx = if i == 0 { TargetCtx::Assign } else { TargetCtx::Bind };
                            if let Err((sp, msg)) = check_target(t, ctx) {
                                emitter.emit(Rich::custom(sp, msg));
                                break;
                            }
                        }
                        StmtKind::Assign { targets, value }
                    }
                });

            let del = kw("del").ignore_then(ex.targets.clone()).validate(|t, _x, emitter| {
                let items = match t.kind {
                    ExprKind::Tuple(items) => items,
                    _ => vec![t],
                };
                for t in &items {
                    if let Err((sp, msg)) = check_target(t, TargetCtx::Del) {
                        emitter.emit(Rich::custom(sp, msg));
                    }
                }
                StmtKind::Del(items)
            });

            let small = choice((
                kw("pass").to(StmtKind::Pass),
                kw("break").to(StmtKind::Break),
                kw("continue").to(StmtKind::Continue),
                kw("return")
                    .ignore_then(exprlist.clone().or_not())
                    .map(StmtKind::Return),
                del,
                kw("assert")
                    .ignore_then(test.clone())
                    .then(op(",").ignore_then(test.clone()).or_not())
                    .map(|(test, msg)| StmtKind::Assert { test, msg }),
                import,
                from_import,
                kw("global")
                    .ignore_then(name().separated_by(op(",")).at_least(1).collect::<Vec<_>>())
                    .map(StmtKind::Global),
                kw("nonlocal")
                    .ignore_then(name().separated_by(op(",")).at_least(1).collect::<Vec<_>>())
                    .map(StmtKind::Nonlocal),
                kw("raise")
                    .ignore_then(
                        test.clone()
                            .then(kw("from").ignore_then(test.clone()).or_not())
                            .or_not(),
                    )
                    .map(|r| match r {
                        None => StmtKind::Raise { exc: None, cause: None },
                        Some((e, cause)) => StmtKind::Raise { exc: Some(e), cause },
                    }),
                expr_stmt,
            ))
            .map_with(|k, x| st(k, x.span()))
            .boxed();

            let simple_stmts = small
                .separated_by(op(";"))
                .at_least(1)
                .allow_trailing()
                .collect::<Vec<_>>()
                .then_ignore(just(Tok::Newline))
                .boxed();

            let block = just(Tok::Newline)
                .ignore_then(just(Tok::Indent).labelled("an indented block"))
                .ignore_then(stmt.clone().repeated().at_least(1).collect::<Vec<Vec<Stmt>>>())
                .then_ignore(just(Tok::Dedent))
                .map(|v| v.into_iter().flatten().collect::<Vec<_>>());
            let suite = op(":").ignore_then(simple_stmts.clone().or(block)).boxed();

            let else_suite = kw("else")
                .ignore_then(suite.clone())
                .or_not()
                .map(Option::unwrap_or_default)
                .boxed();

            let if_stmt = kw("if")
                .ignore_then(ex.named.clone())
                .then(suite.clone())
                .then(
                    kw("elif")
                        .map_with(|_, x| -> Span { x.span() })
                        .then(ex.named.clone())
                        .then(suite.clone())
                        .repeated()
                        .collect::<Vec<_>>(),
                )
                .then(else_suite.clone())
                .map(|(((cond, body), elifs), orelse)| {
                    let orelse = elifs.into_iter().rev().fold(orelse, |orelse, ((sp, cond), body)| {
                        let span = Span::from(sp.start..cond.span.end);
                        vec![st(StmtKind::If { cond, body, orelse }, span)]
                    });
                    StmtKind::If { cond, body, orelse }
                });

            let while_stmt = kw("while")
                .ignore_then(ex.named.clone())
                .then(suite.clone())
                .then(else_suite.clone())
                .map(|((cond, body), orelse)| StmtKind::While { cond, body, orelse });

            let for_stmt = kw("for")
                .ignore_then(ex.targets.clone())
                .then_ignore(kw("in"))
                .then(exprlist.clone())
                .then(suite.clone())
                .then(else_suite)
                .validate(|(((target, iter), body), orelse), _x, emitter| {
                    if let Err((sp, msg)) = check_target(&target, TargetCtx::Bind) {
                        emitter.emit(Rich::custom(sp, msg));
                    }
                    StmtKind::For {
                        target,
                        iter,
                        body,
                        orelse,
                    }
                });

            let def = kw("def")
                .ignore_then(name())
                .then(ex.params.clone().delimited_by(op("("), op(")")))
                // A return annotation is read and not kept.
                .then_ignore(op("->").ignore_then(test.clone()).or_not())
                .then(suite.clone())
                .validate(|((fname, items), body), x, emitter| {
                    let span: Span = x.span();
                    match build_func(fname, items, body, span, false) {
                        Ok(f) => StmtKind::Def(Rc::new(f)),
                        Err((sp, msg)) => {
                            emitter.emit(Rich::custom(sp, msg));
                            StmtKind::Pass
                        }
                    }
                });

            let with_stmt = kw("with")
                .ignore_then(
                    test.clone()
                        .then(kw("as").ignore_then(ex.targets.clone()).or_not())
                        .separated_by(op(","))
                        .at_least(1)
                        .collect::<Vec<_>>(),
                )
                .then(suite.clone())
                .map(|(items, body)| StmtKind::With { items, body });

            let handler = kw("except")
                .ignore_then(test.clone().then(kw("as").ignore_then(name()).or_not()).or_not())
                .map_with(|h, x| (h, x.span()))
                .then(suite.clone())
                .map(
                    |((h, span), body): ((Option<(Expr, Option<crate::syntax::symbol::Sym>)>, Span), _)| {
                        let (kind, name) = match h {
                            Some((k, n)) => (Some(k), n),
                            None => (None, None),
                        };
                        Handler { kind, name, body, span }
                    },
                );
            let finally = kw("finally").ignore_then(suite.clone()).boxed();
            let try_stmt = kw("try")
                .ignore_then(suite.clone())
                .then(handler.repeated().collect::<Vec<_>>())
                .then(kw("else").ignore_then(suite.clone()).or_not())
                .then(finally.or_not())
                .validate(|(((body, handlers), orelse), finally), x, emitter| {
                    let span: Span = x.span();
                    if handlers.is_empty() && finally.is_none() {
                        emitter.emit(Rich::custom(span, "expected 'except' or 'finally' block"));
                    }
                    if handlers.is_empty() && orelse.is_some() {
                        emitter.emit(Rich::custom(span, "expected 'except' or 'finally' block"));
                    }
                    if let Some(bare) = handlers.iter().position(|h| h.kind.is_none())
                        && bare + 1 < handlers.len()
                    {
                        emitter.emit(Rich::custom(handlers[bare].span, "default 'except:' must be last"));
                    }
                    StmtKind::Try {
                        body,
                        handlers,
                        orelse: orelse.unwrap_or_default(),
                        finally: finally.unwrap_or_default(),
                    }
                });

            let class_stmt = kw("class")
                .ignore_then(name())
                .then(
                    test.clone()
                        .separated_by(op(","))
                        .allow_trailing()
                        .collect::<Vec<_>>()
                        .delimited_by(op("("), op(")"))
                        .or_not(),
                )
                .then(suite.clone())
                .map(|((name, bases), body)| StmtKind::Class {
                    name,
                    bases: bases.unwrap_or_default(),
                    body,
                    decorators: Vec::new(),
                });

            // `@decorator` lines, then the `def` or `class` they apply to.
            let decorated = op("@")
                .ignore_then(test.clone())
                .then_ignore(just(Tok::Newline))
                .repeated()
                .at_least(1)
                .collect::<Vec<_>>()
                .then(choice((def.clone(), class_stmt.clone())))
                .map(|(decorators, kind)| match kind {
                    StmtKind::Def(f) => {
                        let mut f = Rc::unwrap_or_clone(f);
                        f.decorators = decorators;
                        StmtKind::Def(Rc::new(f))
                    }
                    StmtKind::Class { name, bases, body, .. } => StmtKind::Class {
                        name,
                        bases,
                        body,
                        decorators,
                    },
                    other => other,
                });

            let compound = choice((
                if_stmt, while_stmt, for_stmt, def, with_stmt, try_stmt, class_stmt, decorated,
            ))
            .map_with(|k, x| vec![st(k, x.span())])
            .boxed();

            compound.or(simple_stmts).boxed()
        },
    );
    stmt.repeated()
        .collect::<Vec<Vec<Stmt>>>()
        .map(|v| v.into_iter().flatten().collect())
        .boxed()
}
