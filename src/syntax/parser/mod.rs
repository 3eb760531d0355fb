//! chumsky over tokens. Entry points: [`parse_file`] for a program or REPL input,
//! [`parse_expr`] for the expressions inside f-strings.

mod expr;
mod stmt;

use super::SyntaxError;
use super::ast::*;
use super::lexer::lex;
use super::source::{Span, span};
use super::symbol::Sym;
use super::token::{FPart, Tok, UNSUPPORTED_KEYWORDS};
use chumsky::error::{RichPattern, RichReason};
use chumsky::input::ValueInput;
use chumsky::prelude::*;
use std::rc::Rc;

pub type Err<'t> = extra::Err<Rich<'t, Tok, Span>>;

pub fn op<'t, I: ValueInput<'t, Token = Tok, Span = Span>>(
    s: &'static str,
) -> impl Parser<'t, I, Tok, Err<'t>> + Clone {
    just(Tok::Op(s))
}

pub fn kw<'t, I: ValueInput<'t, Token = Tok, Span = Span>>(
    s: &'static str,
) -> impl Parser<'t, I, Tok, Err<'t>> + Clone {
    just(Tok::Kw(s))
}

pub fn name<'t, I: ValueInput<'t, Token = Tok, Span = Span>>() -> impl Parser<'t, I, Sym, Err<'t>> + Clone {
    select! { Tok::Name(s) => s }.labelled("name")
}

/// One entry of a parameter list before its order is checked.
#[derive(Clone)]
pub enum ParamItem {
    Plain(Param),
    /// `/`: the parameters before it are positional-only.
    Slash(Span),
    Star(Option<(Sym, Span)>, Span),
    DoubleStar(Sym, Span),
}

/// Checks a parameter list the way CPython does and works out the function's locals.
pub fn build_func(
    name: Sym,
    items: Vec<ParamItem>,
    body: Vec<Stmt>,
    span: Span,
    is_lambda: bool,
) -> Result<FuncDef, (Span, String)> {
    let mut params: Vec<Param> = Vec::new();
    let mut kwonly: Vec<Param> = Vec::new();
    let mut vararg = None;
    let mut kwarg = None;
    let mut seen_star = false;
    let mut bare_star: Option<Span> = None;
    let mut posonly: Option<usize> = None;
    for item in items {
        if kwarg.is_some() {
            let sp = match &item {
                ParamItem::Plain(p) => p.span,
                ParamItem::Star(_, sp) | ParamItem::DoubleStar(_, sp) | ParamItem::Slash(sp) => *sp,
            };
            return Err((sp, "SyntaxError: arguments cannot follow var-keyword argument".into()));
        }
        match item {
            ParamItem::Slash(sp) => {
                let msg = if posonly.is_some() {
                    "/ may appear only once"
                } else if seen_star {
                    "/ must be ahead of *"
                } else if params.is_empty() {
                    "at least one argument must precede /"
                } else {
                    posonly = Some(params.len());
                    continue;
                };
                return Err((sp, format!("SyntaxError: {msg}")));
            }
            ParamItem::Plain(p) => {
                let all = params.iter().chain(kwonly.iter());
                if all.clone().any(|q| q.name == p.name) || vararg == Some(p.name) {
                    return Err((
                        p.span,
                        format!("SyntaxError: duplicate argument '{}' in function definition", p.name),
                    ));
                }
                if seen_star {
                    kwonly.push(p);
                    bare_star = None;
                } else {
                    if p.default.is_none() && params.last().is_some_and(|q| q.default.is_some()) {
                        return Err((
                            p.span,
                            "SyntaxError: non-default argument follows default argument".into(),
                        ));
                    }
                    params.push(p);
                }
            }
            ParamItem::Star(n, sp) => {
                if seen_star {
                    return Err((sp, "SyntaxError: * argument may appear only once".into()));
                }
                seen_star = true;
                match n {
                    Some((n, _)) => vararg = Some(n),
                    None => bare_star = Some(sp),
                }
            }
            ParamItem::DoubleStar(n, sp) => {
                if kwarg.is_some() {
                    return Err((sp, "SyntaxError: invalid syntax".into()));
                }
                kwarg = Some(n);
            }
        }
    }
    if let Some(sp) = bare_star {
        return Err((sp, "SyntaxError: named arguments must follow bare *".into()));
    }
    let mut locals: Vec<Sym> = params.iter().chain(kwonly.iter()).map(|p| p.name).collect();
    locals.extend(vararg);
    locals.extend(kwarg);
    assigned_names(&body, &mut locals);
    // Names declared `global` or `nonlocal` are not the function's own.
    let mut declared = Vec::new();
    declared_names(&body, &mut declared, false);
    locals.retain(|n| !declared.contains(n));
    let mut globals = Vec::new();
    declared_names(&body, &mut globals, true);
    let is_generator = crate::syntax::ast::yields(&body);
    Ok(FuncDef {
        name,
        params,
        vararg,
        kwonly,
        body,
        locals,
        span,
        is_lambda,
        is_generator,
        globals,
        decorators: Vec::new(),
        kwarg,
        posonly: posonly.unwrap_or(0),
    })
}

/// Names a block binds (Python's rule for which names are local to a function).
/// Nested `def` bodies, lambdas and comprehensions have scopes of their own.
fn assigned_names(body: &[Stmt], out: &mut Vec<Sym>) {
    fn target(e: &Expr, out: &mut Vec<Sym>) {
        match &e.kind {
            ExprKind::Name(n) => {
                if !out.contains(n) {
                    out.push(*n)
                }
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| target(i, out)),
            ExprKind::Starred(inner) => target(inner, out),
            _ => {}
        }
    }
    let add = |n: Sym, out: &mut Vec<Sym>| {
        if !out.contains(&n) {
            out.push(n)
        }
    };
    for s in body {
        crate::syntax::visit::stmt_exprs(s, &mut |e| crate::syntax::visit::walrus_targets(e, out));
        match &s.kind {
            StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| target(t, out)),
            StmtKind::Annotated { target: t, .. } => target(t, out),
            StmtKind::AugAssign { target: t, .. } => target(t, out),
            StmtKind::For {
                target: t,
                body,
                orelse,
                ..
            } => {
                target(t, out);
                assigned_names(body, out);
                assigned_names(orelse, out);
            }
            StmtKind::Def(f) => add(f.name, out),
            StmtKind::Class { name, .. } => add(*name, out),
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Import(names) => {
                for n in names {
                    if let Some(first) = n.alias.or(n.path.first().copied()) {
                        add(first, out);
                    }
                }
            }
            StmtKind::ImportFrom { names, .. } => names.iter().for_each(|(n, a, _)| add(a.unwrap_or(*n), out)),
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                assigned_names(body, out);
                assigned_names(orelse, out);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finally,
            } => {
                assigned_names(body, out);
                for h in handlers {
                    if let Some(n) = h.name {
                        add(n, out);
                    }
                    assigned_names(&h.body, out);
                }
                assigned_names(orelse, out);
                assigned_names(finally, out);
            }
            StmtKind::With { items, body } => {
                items
                    .iter()
                    .filter_map(|(_, t)| t.as_ref())
                    .for_each(|t| target(t, out));
                assigned_names(body, out);
            }
            StmtKind::Del(targets) => targets.iter().for_each(|t| target(t, out)),
            StmtKind::Expr(_)
            | StmtKind::Return(_)
            | StmtKind::Break
            | StmtKind::Continue
            | StmtKind::Pass
            | StmtKind::Assert { .. }
            | StmtKind::Raise { .. } => {}
        }
    }
}

/// The names a body declares `global` or `nonlocal` (`only_global`: `global` only), not
/// inside nested functions.
fn declared_names(body: &[Stmt], out: &mut Vec<Sym>, only_global: bool) {
    let declared_names = |b: &[Stmt], o: &mut Vec<Sym>| declared_names(b, o, only_global);
    for s in body {
        match &s.kind {
            StmtKind::Global(names) => out.extend(names.iter().copied()),
            StmtKind::Nonlocal(names) if !only_global => out.extend(names.iter().copied()),
            StmtKind::If { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::For { body, orelse, .. } => {
                declared_names(body, out);
                declared_names(orelse, out);
            }
            StmtKind::With { body, .. } => declared_names(body, out),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finally,
            } => {
                declared_names(body, out);
                handlers.iter().for_each(|h| declared_names(&h.body, out));
                declared_names(orelse, out);
                declared_names(finally, out);
            }
            _ => {}
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
pub enum TargetCtx {
    /// The first target of `a = ...`: CPython hints at `==`.
    Assign,
    /// Later assignment targets, `for` and `with … as` targets.
    Bind,
    Aug,
    Del,
}

/// Rejects what cannot be assigned to, with CPython's messages.
pub fn check_target(e: &Expr, ctx: TargetCtx) -> Result<(), (Span, String)> {
    let what = match &e.kind {
        ExprKind::Name(_) | ExprKind::Attr(..) | ExprKind::Subscript(..) => return Ok(()),
        ExprKind::Tuple(items) | ExprKind::List(items) if ctx != TargetCtx::Aug => {
            let ctx = if ctx == TargetCtx::Assign { TargetCtx::Bind } else { ctx };
            let mut starred = 0;
            for i in items {
                if matches!(i.kind, ExprKind::Starred(_)) {
                    starred += 1;
                    if starred > 1 {
                        return Err((i.span, "SyntaxError: multiple starred expressions in assignment".into()));
                    }
                }
                match &i.kind {
                    // A starred target is fine inside a tuple or list: `a, *rest = xs`.
                    ExprKind::Starred(inner) => check_target(inner, ctx)?,
                    _ => check_target(i, ctx)?,
                }
            }
            return Ok(());
        }
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        ExprKind::Starred(_) => "starred",
        ExprKind::Int(_)
        | ExprKind::BigInt(_)
        | ExprKind::Imag(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_)
        | ExprKind::Bool(_)
        | ExprKind::None
        | ExprKind::Ellipsis => match &e.kind {
            ExprKind::Bool(true) => "True",
            ExprKind::Bool(false) => "False",
            ExprKind::None => "None",
            ExprKind::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::FStr(_) => "f-string expression",
        ExprKind::Call { .. } => "function call",
        ExprKind::Lambda(_) => "lambda",
        ExprKind::Compare(..) => "comparison",
        ExprKind::IfElse { .. } => "conditional expression",
        ExprKind::ListComp(_) => "list comprehension",
        ExprKind::DictComp(_) => "dict comprehension",
        ExprKind::SetComp(_) => "set comprehension",
        ExprKind::Set(_) => "set display",
        ExprKind::GenExp(_) => "generator expression",
        ExprKind::Dict(_) => "dict literal",
        _ => "expression",
    };
    let msg = match ctx {
        TargetCtx::Aug => format!("SyntaxError: '{what}' is an illegal expression for augmented assignment"),
        TargetCtx::Del => format!("SyntaxError: cannot delete {what}"),
        TargetCtx::Assign if matches!(what, "True" | "False" | "None") => {
            format!("SyntaxError: cannot assign to {what}")
        }
        TargetCtx::Assign | TargetCtx::Bind if what == "starred" => {
            "SyntaxError: starred assignment target must be in a list or tuple".into()
        }
        TargetCtx::Assign => format!("SyntaxError: cannot assign to {what} here. Maybe you meant '==' instead of '='?"),
        TargetCtx::Bind => format!("SyntaxError: cannot assign to {what}"),
    };
    Err((e.span, msg))
}

/// Turns an unparsed f-string piece into AST, parsing each field's expression.
pub fn fstring_field(part: &FPart) -> Result<FStrPart, SyntaxError> {
    Ok(match part {
        FPart::Lit(s) => FStrPart::Lit(s.as_str().into()),
        FPart::Field {
            expr,
            offset,
            debug,
            conv,
            spec,
        } => {
            // Python parses a field as if parenthesised; the '(' stands where the '{' was.
            let wrapped = format!("({expr})");
            let e = parse_expr(&wrapped, offset.saturating_sub(1))?;
            let spec = spec.iter().map(fstring_field).collect::<Result<Vec<_>, _>>()?;
            FStrPart::Field {
                expr: e,
                debug: debug.as_deref().map(Rc::from),
                conv: *conv,
                spec,
            }
        }
    })
}

fn eoi(src: &str, base: usize) -> Span {
    span(base + src.len(), base + src.len())
}

pub fn parse_file(src: &str, base: usize) -> Result<Vec<Stmt>, SyntaxError> {
    let toks = lex(src, base)?;
    let end = eoi(src, base);
    let ex = expr::exprs();
    let file = stmt::statements(&ex).then_ignore(chumsky::primitive::end());
    let result = file.parse(toks.as_slice().map(end, |(t, s)| (t, s))).into_result();
    let stmts = result.map_err(|errs| convert(errs, end, &Context { toks: &toks, src, base }))?;
    super::check::check(&stmts)?;
    Ok(stmts)
}

pub fn parse_expr(src: &str, base: usize) -> Result<Expr, SyntaxError> {
    let toks = lex(src, base)?;
    let end = eoi(src, base);
    let ex = expr::exprs();
    let p = ex
        .exprlist
        .clone()
        .then_ignore(just(Tok::Newline).or_not())
        .then_ignore(chumsky::primitive::end());
    let result = p.parse(toks.as_slice().map(end, |(t, s)| (t, s))).into_result();
    result.map_err(|errs| convert(errs, end, &Context { toks: &toks, src, base }))
}

fn describe(p: &RichPattern<'_, Tok>) -> String {
    match p {
        RichPattern::Token(t) => t.to_string(),
        RichPattern::Label(l) => l.to_string(),
        RichPattern::Identifier(i) => format!("'{i}'"),
        RichPattern::Any => "something".into(),
        RichPattern::SomethingElse => "something else".into(),
        RichPattern::EndOfInput => "end of input".into(),
        _ => "something else".into(),
    }
}

/// What `convert` needs to phrase errors as CPython does.
struct Context<'a> {
    toks: &'a [(Tok, Span)],
    src: &'a str,
    base: usize,
}

impl Context<'_> {
    fn line_of(&self, sp: Span) -> usize {
        let off = sp.start.saturating_sub(self.base).min(self.src.len());
        self.src[..off].matches('\n').count() + 1
    }

    /// The `match` of a `match` statement on the line of token `i`: a logical line that
    /// starts with the soft keyword `match` and ends with `:`.
    fn match_statement(&self, i: usize) -> Option<Span> {
        let i = i.min(self.toks.len().saturating_sub(1));
        let start = self.toks[..i]
            .iter()
            .rposition(|(t, _)| matches!(t, Tok::Newline | Tok::Indent | Tok::Dedent))
            .map_or(0, |p| p + 1);
        let (first, sp) = self.toks.get(start)?;
        if !matches!(first, Tok::Name(n) if n.as_str() == "match") {
            return None;
        }
        let end = self.toks[start..].iter().position(|(t, _)| matches!(t, Tok::Newline))? + start;
        let after = self.toks.get(start + 1).map(|(t, _)| t);
        let is_stmt = matches!(self.toks.get(end.checked_sub(1)?), Some((Tok::Op(":"), _)))
            && !matches!(after, Some(Tok::Op("=" | "." | ":" | ",")) | None);
        is_stmt.then_some(*sp)
    }

    /// Index of the token the error points at.
    fn index_at(&self, sp: Span) -> Option<usize> {
        self.toks.iter().position(|(_, s)| s.start >= sp.start)
    }

    /// The innermost bracket still open before token `i`.
    fn open_bracket(&self, i: usize) -> Option<&'static str> {
        let mut stack = Vec::new();
        for (t, _) in &self.toks[..i.min(self.toks.len())] {
            match t {
                Tok::Op(o @ ("(" | "[" | "{")) => stack.push(*o),
                Tok::Op(")" | "]" | "}") => {
                    stack.pop();
                }
                _ => {}
            }
        }
        stack.pop()
    }

    /// CPython names the block an indented body was expected for.
    fn block_header(&self, i: usize) -> Option<String> {
        // Back up over the NEWLINE before the error to the first token of the header line.
        let colon = self.toks[..i].iter().rposition(|(t, _)| *t == Tok::Op(":"))?;
        let start = self.toks[..colon]
            .iter()
            .rposition(|(t, _)| matches!(t, Tok::Newline | Tok::Indent | Tok::Dedent))
            .map_or(0, |k| k + 1);
        let (tok, sp) = &self.toks[start];
        let line = self.line_of(*sp);
        let what = match tok {
            Tok::Kw("def") => "function definition".to_owned(),
            Tok::Kw(k @ ("if" | "elif" | "else" | "for" | "while" | "with")) => format!("'{k}' statement"),
            _ => return None,
        };
        Some(format!("expected an indented block after {what} on line {line}"))
    }
}

fn starts_operand(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Name(_)
            | Tok::Int(_)
            | Tok::BigInt(_)
            | Tok::Imag(_)
            | Tok::Float(_)
            | Tok::Str(_)
            | Tok::Bytes(_)
            | Tok::FStr(_)
            | Tok::Kw("True" | "False" | "None")
    )
}

fn ends_operand(t: &Tok) -> bool {
    starts_operand(t) || matches!(t, Tok::Op(")" | "]" | "}"))
}

/// Unary operators and openers: listing them after "expected" is noise next to "expression".
const EXPRESSION_STARTS: &[&str] = &[
    "'+'", "'-'", "'~'", "'not'", "'lambda'", "'*'", "'**'", "'('", "'['", "'{'", "'...'",
];

fn convert(errs: Vec<Rich<'_, Tok, Span>>, end: Span, cx: &Context) -> SyntaxError {
    let Some(e) = errs.into_iter().min_by_key(|e| e.span().start) else {
        return SyntaxError::new("SyntaxError", "invalid syntax", end);
    };
    let sp = *e.span();
    let at_end = sp.start >= end.start;
    let idx = cx.index_at(sp);
    let prev = idx
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| cx.toks.get(i))
        .map(|(t, _)| t);
    if let Some(m) = idx.and_then(|i| cx.match_statement(i)) {
        return SyntaxError::new("SyntaxError", "'match' statements are not supported in nt", m);
    }
    match e.reason() {
        RichReason::Custom(msg) => SyntaxError::decode(msg, sp),
        RichReason::ExpectedFound { expected, found } => {
            let found = found.as_deref();
            let expects = |tok: Tok| {
                expected
                    .iter()
                    .any(|p| matches!(p, RichPattern::Token(t) if **t == tok))
            };
            let mut err = match found {
                Some(Tok::Indent) => SyntaxError::new("IndentationError", "unexpected indent", sp),
                Some(Tok::Kw(k)) if UNSUPPORTED_KEYWORDS.contains(k) => {
                    SyntaxError::new("SyntaxError", format!("'{k}' is not supported in nt"), sp)
                }
                // `:=` where Python does not allow it unparenthesised (a statement).
                Some(Tok::Op(":=")) => SyntaxError::new("SyntaxError", "invalid syntax", sp),
                _ if expected
                    .iter()
                    .any(|p| matches!(p, RichPattern::Label(l) if l == "an indented block")) =>
                {
                    let msg = idx
                        .and_then(|i| cx.block_header(i))
                        .unwrap_or_else(|| "expected an indented block".into());
                    SyntaxError::new("IndentationError", msg, sp)
                }
                Some(t) if starts_operand(t) && matches!(prev, Some(Tok::Name(n)) if n.as_str() == "print") => {
                    SyntaxError::new(
                        "SyntaxError",
                        "Missing parentheses in call to 'print'. Did you mean print(...)?",
                        sp,
                    )
                }
                Some(Tok::Op("," | "}"))
                    if expects(Tok::Op(":")) && idx.and_then(|i| cx.open_bracket(i)) == Some("{") =>
                {
                    SyntaxError::new("SyntaxError", "':' expected after dictionary key", sp)
                }
                _ if expects(Tok::Op(":")) && matches!(found, Some(Tok::Newline) | None) => {
                    SyntaxError::new("SyntaxError", "expected ':'", sp)
                }
                Some(t)
                    if starts_operand(t)
                        && prev.is_some_and(ends_operand)
                        && idx.and_then(|i| cx.open_bracket(i)).is_some() =>
                {
                    SyntaxError::new("SyntaxError", "invalid syntax. Perhaps you forgot a comma?", sp)
                }
                _ => {
                    let mut names: Vec<String> = expected.iter().map(describe).collect();
                    if names.iter().any(|n| n == "expression") {
                        names.retain(|n| !EXPRESSION_STARTS.contains(&n.as_str()));
                    }
                    names.sort();
                    names.dedup();
                    let found = found.map_or("end of input".to_string(), |t| t.to_string());
                    let label = match names.len() {
                        0 => format!("unexpected {found}"),
                        1..=6 => format!("expected {}, found {found}", join_or(&names)),
                        _ => format!("unexpected {found}"),
                    };
                    let mut err = SyntaxError::new("SyntaxError", "invalid syntax", sp);
                    err.label = Some(label);
                    err
                }
            };
            if at_end {
                err = err.incomplete();
            }
            err
        }
    }
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
