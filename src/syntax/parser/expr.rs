//! Expressions, with Python's precedence: a Pratt parser for the arithmetic and bitwise
//! operators (where `**` binds tighter than a unary operator on its left but not on its
//! right), then comparisons, `not`, `and`, `or`, conditional expressions and `lambda`.

use super::{Err, ParamItem, build_func, fstring_field, kw, name, op};
use crate::syntax::ast::*;
use crate::syntax::source::Span;
use crate::syntax::token::{FPart, Tok};
use chumsky::input::ValueInput;
use chumsky::pratt::{infix, left, prefix, right};
use chumsky::prelude::*;
use std::rc::Rc;

pub type P<'t, I, O> = chumsky::Boxed<'t, 't, I, O, Err<'t>>;
/// A recursive parser's handle (weak inside its own definition).
type R<'t, I, O> = Recursive<chumsky::recursive::Direct<'t, 't, I, O, Err<'t>>>;

/// The expression-level parsers the statement grammar needs.
pub struct Exprs<'t, I: ValueInput<'t, Token = Tok, Span = Span>> {
    /// A single expression (`test` in Python's grammar).
    pub test: P<'t, I, Expr>,
    /// `a, b` → a tuple; `*x` allowed: the right-hand side of assignments, `return`, `for … in`.
    pub exprlist: P<'t, I, Expr>,
    /// Targets of `for` and comprehensions: bitwise-or level, so `in` is not consumed.
    pub targets: P<'t, I, Expr>,
    /// Parameter lists of `def` and `lambda`.
    pub params: P<'t, I, Vec<ParamItem>>,
    /// A single expression or `name := value` (`if`/`while` conditions).
    pub named: P<'t, I, Expr>,
}

fn mk(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

fn boxed(e: Expr) -> Box<Expr> {
    Box::new(e)
}

/// Joins items into a tuple when there was a comma, as Python's `a, b` and `(a,)` do.
fn tuple_or_single(first: Expr, rest: Vec<Expr>, trailing: bool, span: Span) -> Expr {
    if rest.is_empty() && !trailing {
        first
    } else {
        let mut items = vec![first];
        items.extend(rest);
        mk(ExprKind::Tuple(items), span)
    }
}

enum StrPiece {
    Plain(Rc<str>),
    Bytes(Rc<[u8]>),
    F(Rc<Vec<FPart>>),
}

enum Trailer {
    Call(Vec<Arg>),
    Index(Expr),
    Attr(crate::syntax::symbol::Sym),
}

pub fn exprs<'t, I: ValueInput<'t, Token = Tok, Span = Span>>() -> Exprs<'t, I> {
    // chumsky's `Recursive::declare` ties a parser to itself with strong `Rc`s, a cycle
    // leaked by every parse; `recursive` hands its body a weak handle instead. The three
    // mutually recursive levels nest: `test` holds `or_test`, which holds `arith`.
    let mut exported = None;
    let test = recursive(|test: R<'t, I, Expr>| {
        let mut inner = None;
        let or_test = recursive(|or_test: R<'t, I, Expr>| {
            let arith = recursive(|arith: R<'t, I, Expr>| {
                let star_test = op("*")
                    .ignore_then(arith.clone())
                    .map_with(|e, x| mk(ExprKind::Starred(boxed(e)), x.span()))
                    .or(test.clone())
                    .boxed();

                // `name := value`, where Python allows it without parentheses: conditions,
                // call arguments, display items, comprehension elements.
                let walrus = name()
                    .then_ignore(op(":="))
                    .then(test.clone())
                    .map_with(|(n, v), x| mk(ExprKind::NamedExpr(n, boxed(v)), x.span()))
                    .boxed();
                let named_test = walrus.clone().or(test.clone()).boxed();
                let star_named = op("*")
                    .ignore_then(arith.clone())
                    .map_with(|e, x| mk(ExprKind::Starred(boxed(e)), x.span()))
                    .or(named_test.clone())
                    .boxed();

                // `a, b, *c` with optional trailing comma → tuple, or the single expression.
                let plain_list = star_test
                    .clone()
                    .then(op(",").ignore_then(star_test.clone()).repeated().collect::<Vec<_>>())
                    .then(op(",").or_not())
                    .map_with(|((first, rest), trailing), x| tuple_or_single(first, rest, trailing.is_some(), x.span()))
                    .boxed();
                // `yield`, `yield a, b`, `yield from it`: where an expression list may stand.
                let yield_expr = kw("yield")
                    .ignore_then(choice((
                        kw("from")
                            .ignore_then(test.clone())
                            .map(|e| ExprKind::YieldFrom(boxed(e))),
                        plain_list.clone().or_not().map(|e| ExprKind::Yield(e.map(boxed))),
                    )))
                    .map_with(|k, x| mk(k, x.span()));
                let exprlist = yield_expr.or(plain_list).labelled("expression").boxed();

                let target_item = op("*")
                    .ignore_then(arith.clone())
                    .map_with(|e, x| mk(ExprKind::Starred(boxed(e)), x.span()))
                    .or(arith.clone())
                    .boxed();
                let targets = target_item
                    .clone()
                    .then(op(",").ignore_then(target_item.clone()).repeated().collect::<Vec<_>>())
                    .then(op(",").or_not())
                    .map_with(|((first, rest), trailing), x| tuple_or_single(first, rest, trailing.is_some(), x.span()))
                    .boxed();

                let comp_clauses = kw("for")
                    .ignore_then(targets.clone())
                    .then_ignore(kw("in"))
                    .then(or_test.clone())
                    .then(kw("if").ignore_then(or_test.clone()).repeated().collect::<Vec<_>>())
                    .map(|((target, iter), conds)| CompClause { target, iter, conds })
                    .repeated()
                    .at_least(1)
                    .collect::<Vec<_>>()
                    .boxed();

                // --- atoms -------------------------------------------------------------------------
                let simple = select! {
                    Tok::Int(n) => ExprKind::Int(n),
                    Tok::BigInt(n) => ExprKind::BigInt(n),
                    Tok::Imag(x) => ExprKind::Imag(x),
                    Tok::Float(x) => ExprKind::Float(x),
                    Tok::Kw("True") => ExprKind::Bool(true),
                    Tok::Kw("False") => ExprKind::Bool(false),
                    Tok::Kw("None") => ExprKind::None,
                    Tok::Op("...") => ExprKind::Ellipsis,
                    Tok::Name(s) => ExprKind::Name(s),
                }
                .map_with(|k, x| mk(k, x.span()));

                let strings = select! {
                    Tok::Str(s) => StrPiece::Plain(s),
                    Tok::FStr(p) => StrPiece::F(p),
                    Tok::Bytes(b) => StrPiece::Bytes(b),
                }
                .repeated()
                .at_least(1)
                .collect::<Vec<_>>()
                .try_map_with(|pieces, x| {
                    let span: Span = x.span();
                    let nbytes = pieces.iter().filter(|p| matches!(p, StrPiece::Bytes(_))).count();
                    if nbytes == pieces.len() {
                        let mut b: Vec<u8> = Vec::new();
                        for p in &pieces {
                            if let StrPiece::Bytes(t) = p {
                                b.extend_from_slice(t);
                            }
                        }
                        return Ok(mk(ExprKind::Bytes(b.into()), span));
                    }
                    if nbytes > 0 {
                        return Err(Rich::custom(
                            span,
                            crate::syntax::SyntaxError::new(
                                "SyntaxError",
                                "cannot mix bytes and nonbytes literals",
                                span,
                            )
                            .encoded(),
                        ));
                    }
                    if pieces.iter().all(|p| matches!(p, StrPiece::Plain(_))) {
                        let mut s = String::new();
                        for p in &pieces {
                            if let StrPiece::Plain(t) = p {
                                s.push_str(t);
                            }
                        }
                        return Ok(mk(ExprKind::Str(s.into()), span));
                    }
                    let mut parts = Vec::new();
                    for p in pieces {
                        match p {
                            StrPiece::Plain(t) => parts.push(FStrPart::Lit(t)),
                            StrPiece::Bytes(_) => {}
                            StrPiece::F(fp) => {
                                for part in fp.iter() {
                                    parts.push(fstring_field(part).map_err(|e| Rich::custom(e.span, e.encoded()))?);
                                }
                            }
                        }
                    }
                    Ok(mk(ExprKind::FStr(parts), span))
                });

                let paren = op("(")
                    .ignore_then(choice((
                        op(")").map(|_| None),
                        walrus.clone().then_ignore(op(")")).map(|e| Some(e.kind)),
                        named_test
                            .clone()
                            .then(comp_clauses.clone())
                            .then_ignore(op(")"))
                            .map(|(elt, clauses)| {
                                Some(ExprKind::GenExp(Rc::new(Comprehension {
                                    elt,
                                    value: None,
                                    clauses,
                                })))
                            }),
                        exprlist.clone().then_ignore(op(")")).map(|e| Some(e.kind)),
                    )))
                    .map_with(|k, x| mk(k.unwrap_or(ExprKind::Tuple(Vec::new())), x.span()));

                // The items of a list or set display, up to its closing bracket.
                let display_items = |close: &'static str| {
                    star_named
                        .clone()
                        .separated_by(op(","))
                        .allow_trailing()
                        .at_least(1)
                        .collect::<Vec<_>>()
                        .then_ignore(op(close))
                };
                let list = op("[")
                    .ignore_then(choice((
                        op("]").map(|_| ExprKind::List(Vec::new())),
                        named_test
                            .clone()
                            .then(comp_clauses.clone())
                            .then_ignore(op("]"))
                            .map(|(elt, clauses)| {
                                ExprKind::ListComp(Rc::new(Comprehension {
                                    elt,
                                    value: None,
                                    clauses,
                                }))
                            }),
                        display_items("]").map(ExprKind::List),
                    )))
                    .map_with(|k, x| mk(k, x.span()));

                let dict_item = choice((
                    op("**").ignore_then(arith.clone()).map(DictItem::Spread),
                    test.clone()
                        .then_ignore(op(":"))
                        .then(test.clone())
                        .map(|(k, v)| DictItem::Pair(k, v)),
                ));
                let dict = op("{")
                    .ignore_then(choice((
                        op("}").map(|_| ExprKind::Dict(Vec::new())),
                        test.clone()
                            .then_ignore(op(":"))
                            .then(test.clone())
                            .then(comp_clauses.clone())
                            .then_ignore(op("}"))
                            .map(|((k, v), clauses)| {
                                ExprKind::DictComp(Rc::new(Comprehension {
                                    elt: k,
                                    value: Some(v),
                                    clauses,
                                }))
                            }),
                        named_test
                            .clone()
                            .then(comp_clauses.clone())
                            .then_ignore(op("}"))
                            .map(|(elt, clauses)| {
                                ExprKind::SetComp(Rc::new(Comprehension {
                                    elt,
                                    value: None,
                                    clauses,
                                }))
                            }),
                        dict_item
                            .separated_by(op(","))
                            .allow_trailing()
                            .at_least(1)
                            .collect::<Vec<_>>()
                            .then_ignore(op("}"))
                            .map(ExprKind::Dict),
                        display_items("}").map(ExprKind::Set),
                    )))
                    .map_with(|k, x| mk(k, x.span()))
                    .labelled("dict");

                let atom = choice((simple, strings, paren, list, dict))
                    .labelled("expression")
                    .boxed();

                // --- trailers: calls, subscripts, attributes --------------------------------------
                let arg = choice((
                    name()
                        .map_with(|n, x| (n, x.span()))
                        .then_ignore(op("="))
                        .then(test.clone())
                        .map(|((n, sp), v)| Arg::Kw(n, v, sp)),
                    op("*").ignore_then(test.clone()).map(Arg::Star),
                    op("**").ignore_then(test.clone()).map(Arg::DoubleStar),
                    named_test.clone().map(Arg::Pos),
                ));
                let genexp_arg = named_test
                    .clone()
                    .then(comp_clauses.clone())
                    .map_with(|(elt, clauses), x| {
                        vec![Arg::Pos(mk(
                            ExprKind::GenExp(Rc::new(Comprehension {
                                elt,
                                value: None,
                                clauses,
                            })),
                            x.span(),
                        ))]
                    });
                let call = op("(")
                    .ignore_then(choice((
                        genexp_arg.then_ignore(op(")")),
                        arg.separated_by(op(","))
                            .allow_trailing()
                            .collect::<Vec<_>>()
                            .then_ignore(op(")")),
                    )))
                    .validate(|args, _x, emitter| {
                        // CPython's order rules for call arguments.
                        let (mut kw, mut dstar) = (false, false);
                        for a in &args {
                            let msg = match a {
                                Arg::Pos(e) if dstar => {
                                    Some((e.span, "positional argument follows keyword argument unpacking"))
                                }
                                Arg::Pos(e) if kw => Some((e.span, "positional argument follows keyword argument")),
                                Arg::Star(e) if dstar => {
                                    Some((e.span, "iterable argument unpacking follows keyword argument unpacking"))
                                }
                                Arg::Kw(..) => {
                                    kw = true;
                                    None
                                }
                                Arg::DoubleStar(_) => {
                                    dstar = true;
                                    None
                                }
                                _ => None,
                            };
                            if let Some((sp, m)) = msg {
                                emitter.emit(Rich::custom(sp, format!("SyntaxError: {m}")));
                                break;
                            }
                        }
                        args
                    })
                    .map(Trailer::Call)
                    .labelled("call");

                let opt = |p: P<'t, I, Expr>| p.or_not().map(|e| e.map(Box::new));
                let slice = opt(test.clone().boxed())
                    .then_ignore(op(":"))
                    .then(opt(test.clone().boxed()))
                    .then(op(":").ignore_then(opt(test.clone().boxed())).or_not())
                    .map_with(|((lo, hi), step), x| mk(ExprKind::Slice(lo, hi, step.flatten()), x.span()));
                let sub_item = slice.or(star_test.clone()).boxed();
                let subscript = op("[")
                    .ignore_then(
                        sub_item
                            .clone()
                            .then(op(",").ignore_then(sub_item.clone()).repeated().collect::<Vec<_>>())
                            .then(op(",").or_not())
                            .map_with(|((first, rest), trailing), x| {
                                tuple_or_single(first, rest, trailing.is_some(), x.span())
                            }),
                    )
                    .then_ignore(op("]"))
                    .map(Trailer::Index);
                let attr = op(".").ignore_then(name()).map(Trailer::Attr);

                let primary = atom
                    .foldl_with(choice((call, subscript, attr)).repeated(), |lhs, t, x| {
                        let kind = match t {
                            Trailer::Call(args) => ExprKind::Call { func: boxed(lhs), args },
                            Trailer::Index(i) => ExprKind::Subscript(boxed(lhs), boxed(i)),
                            Trailer::Attr(a) => ExprKind::Attr(boxed(lhs), a),
                        };
                        mk(kind, x.span())
                    })
                    .boxed();

                // --- operators ---------------------------------------------------------------------
                let bin = |sym: &'static str| {
                    let o = BinOp::from_symbol(sym).unwrap_or(BinOp::Add);
                    move |l: Expr, _: Tok, r: Expr, x: &mut chumsky::input::MapExtra<'t, '_, I, Err<'t>>| {
                        mk(ExprKind::Binary(o, boxed(l), boxed(r)), x.span())
                    }
                };
                let un = |o: UnOp| {
                    move |_: Tok, e: Expr, x: &mut chumsky::input::MapExtra<'t, '_, I, Err<'t>>| {
                        mk(ExprKind::Unary(o, boxed(e)), x.span())
                    }
                };
                inner = Some((exprlist, targets, named_test.clone()));
                primary
                    .pratt((
                        infix(right(10), op("**"), bin("**")),
                        prefix(9, op("-"), un(UnOp::Neg)),
                        prefix(9, op("+"), un(UnOp::Pos)),
                        prefix(9, op("~"), un(UnOp::Invert)),
                        infix(left(8), op("*"), bin("*")),
                        infix(left(8), op("/"), bin("/")),
                        infix(left(8), op("//"), bin("//")),
                        infix(left(8), op("%"), bin("%")),
                        infix(left(8), op("@"), bin("@")),
                        infix(left(7), op("+"), bin("+")),
                        infix(left(7), op("-"), bin("-")),
                        infix(left(6), op("<<"), bin("<<")),
                        infix(left(6), op(">>"), bin(">>")),
                        infix(left(5), op("&"), bin("&")),
                        infix(left(4), op("^"), bin("^")),
                        infix(left(3), op("|"), bin("|")),
                    ))
                    .boxed()
            });

            let cmp_op = choice((
                op("<").to(CmpOp::Lt),
                op("<=").to(CmpOp::Le),
                op(">").to(CmpOp::Gt),
                op(">=").to(CmpOp::Ge),
                op("==").to(CmpOp::Eq),
                op("!=").to(CmpOp::Ne),
                kw("in").to(CmpOp::In),
                kw("not").then(kw("in")).to(CmpOp::NotIn),
                kw("is").then(kw("not")).to(CmpOp::IsNot),
                kw("is").to(CmpOp::Is),
            ));
            let comparison = arith
                .clone()
                .then(cmp_op.then(arith.clone()).repeated().collect::<Vec<_>>())
                .map_with(|(first, rest), x| {
                    if rest.is_empty() {
                        first
                    } else {
                        mk(ExprKind::Compare(boxed(first), rest), x.span())
                    }
                });
            let not_test = kw("not")
                .map_with(|_, x| -> Span { x.span() })
                .repeated()
                .foldr_with(comparison, |_, e, x| mk(ExprKind::Not(boxed(e)), x.span()));
            let and_test = not_test
                .clone()
                .foldl_with(kw("and").ignore_then(not_test).repeated(), |a, b, x| {
                    mk(ExprKind::And(boxed(a), boxed(b)), x.span())
                });
            and_test
                .clone()
                .foldl_with(kw("or").ignore_then(and_test).repeated(), |a, b, x| {
                    mk(ExprKind::Or(boxed(a), boxed(b)), x.span())
                })
                .boxed()
        });

        // --- parameters, lambda, conditional ----------------------------------------------
        let param = choice((
            op("/").map_with(|_, x| ParamItem::Slash(x.span())),
            // Annotations (`x: int`) are read and not kept.
            op("*")
                .ignore_then(
                    name()
                        .map_with(|n, x| (n, x.span()))
                        .then_ignore(op(":").ignore_then(test.clone()).or_not())
                        .or_not(),
                )
                .map_with(|n, x| ParamItem::Star(n, x.span())),
            op("**")
                .ignore_then(name())
                .then_ignore(op(":").ignore_then(test.clone()).or_not())
                .map_with(|n, x| ParamItem::DoubleStar(n, x.span())),
            name()
                .map_with(|n, x| (n, x.span()))
                .then_ignore(op(":").ignore_then(test.clone()).or_not())
                .then(op("=").ignore_then(test.clone()).or_not())
                .map(|((n, sp), d)| {
                    ParamItem::Plain(Param {
                        name: n,
                        default: d,
                        span: sp,
                    })
                }),
        ));
        let params = param.separated_by(op(",")).allow_trailing().collect::<Vec<_>>().boxed();
        // A lambda's parameters take no annotations (its `:` starts the body).
        let lambda_param = choice((
            op("/").map_with(|_, x| ParamItem::Slash(x.span())),
            op("*")
                .ignore_then(name().map_with(|n, x| (n, x.span())).or_not())
                .map_with(|n, x| ParamItem::Star(n, x.span())),
            op("**")
                .ignore_then(name())
                .map_with(|n, x| ParamItem::DoubleStar(n, x.span())),
            name()
                .map_with(|n, x| (n, x.span()))
                .then(op("=").ignore_then(test.clone()).or_not())
                .map(|((n, sp), d)| {
                    ParamItem::Plain(Param {
                        name: n,
                        default: d,
                        span: sp,
                    })
                }),
        ));
        let lambda_params = lambda_param
            .separated_by(op(","))
            .allow_trailing()
            .collect::<Vec<_>>()
            .boxed();

        let lambda = kw("lambda")
            .ignore_then(lambda_params)
            .then_ignore(op(":"))
            .then(test.clone())
            .validate(|(items, body), x, emitter| {
                let span: Span = x.span();
                let body_span = body.span;
                let ret = Stmt {
                    kind: StmtKind::Return(Some(body)),
                    span: body_span,
                };
                match build_func(
                    crate::syntax::symbol::Sym::new("<lambda>"),
                    items,
                    vec![ret],
                    span,
                    true,
                ) {
                    Ok(f) => mk(ExprKind::Lambda(Rc::new(f)), span),
                    Err((sp, msg)) => {
                        emitter.emit(Rich::custom(sp, msg));
                        mk(ExprKind::None, span)
                    }
                }
            });

        let conditional = or_test
            .clone()
            .then(
                kw("if")
                    .ignore_then(or_test.clone())
                    .then_ignore(kw("else"))
                    .then(test.clone())
                    .or_not(),
            )
            .map_with(|(then, rest), x| match rest {
                None => then,
                Some((cond, orelse)) => mk(
                    ExprKind::IfElse {
                        cond: boxed(cond),
                        then: boxed(then),
                        orelse: boxed(orelse),
                    },
                    x.span(),
                ),
            });
        let (exprlist, targets, named) = inner.expect("arith defines the expression lists");
        exported = Some((exprlist, targets, params, named));
        lambda.or(conditional).boxed()
    });
    let (exprlist, targets, params, named) = exported.expect("test defines the parameter lists");

    Exprs {
        test: test.boxed(),
        exprlist,
        targets,
        params,
        named,
    }
}
