//! The syntax tree. Every node carries the span of the source it came from.

use super::source::Span;
use super::symbol::Sym;
use std::rc::Rc;

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Name(Sym),
    Int(i64),
    /// An int literal past 64 bits, as decimal digits.
    BigInt(Rc<str>),
    Float(f64),
    /// An imaginary literal: `2j`.
    Imag(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    FStr(Vec<FStrPart>),
    Bool(bool),
    None,
    Ellipsis,
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Dict(Vec<DictItem>),
    /// `{a, b, *c}`.
    Set(Vec<Expr>),
    /// `*x` inside a list/tuple display, a call, or an assignment target.
    Starred(Box<Expr>),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `a < b <= c`: the first operand and each (operator, operand) pair.
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    IfElse {
        cond: Box<Expr>,
        then: Box<Expr>,
        orelse: Box<Expr>,
    },
    Lambda(Rc<FuncDef>),
    Call {
        func: Box<Expr>,
        args: Vec<Arg>,
    },
    Attr(Box<Expr>, Sym),
    Subscript(Box<Expr>, Box<Expr>),
    /// Only inside a subscript.
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    ListComp(Rc<Comprehension>),
    DictComp(Rc<Comprehension>),
    SetComp(Rc<Comprehension>),
    GenExp(Rc<Comprehension>),
    /// `yield`, `yield x` (its value is what the generator is resumed with).
    Yield(Option<Box<Expr>>),
    /// `yield from iterable`.
    YieldFrom(Box<Expr>),
    /// `name := value` (an assignment expression).
    NamedExpr(Sym, Box<Expr>),
}

#[derive(Clone, Debug)]
pub enum DictItem {
    Pair(Expr, Expr),
    Spread(Expr),
}

#[derive(Clone, Debug)]
pub enum FStrPart {
    Lit(Rc<str>),
    Field {
        expr: Expr,
        debug: Option<Rc<str>>,
        conv: Option<char>,
        spec: Vec<FStrPart>,
    },
}

#[derive(Clone, Debug)]
pub enum Arg {
    Pos(Expr),
    Star(Expr),
    Kw(Sym, Expr, Span),
    DoubleStar(Expr),
}

/// `[elt for target in iter if cond ...]`; for a dict comprehension `elt` is the key and
/// `value` the value.
#[derive(Clone, Debug)]
pub struct Comprehension {
    pub elt: Expr,
    pub value: Option<Expr>,
    pub clauses: Vec<CompClause>,
}

#[derive(Clone, Debug)]
pub struct CompClause {
    pub target: Expr,
    pub iter: Expr,
    pub conds: Vec<Expr>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Pos,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    MatMul,
    LShift,
    RShift,
    BitAnd,
    BitOr,
    BitXor,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::MatMul => "@",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
        }
    }

    pub fn from_symbol(s: &str) -> Option<BinOp> {
        Some(match s {
            "+" => BinOp::Add,
            "-" => BinOp::Sub,
            "*" => BinOp::Mul,
            "/" => BinOp::Div,
            "//" => BinOp::FloorDiv,
            "%" => BinOp::Mod,
            "**" => BinOp::Pow,
            "@" => BinOp::MatMul,
            "<<" => BinOp::LShift,
            ">>" => BinOp::RShift,
            "&" => BinOp::BitAnd,
            "|" => BinOp::BitOr,
            "^" => BinOp::BitXor,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    In,
    NotIn,
    Is,
    IsNot,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
        }
    }
}

#[derive(Clone, Debug)]
pub struct FuncDef {
    pub name: Sym,
    pub params: Vec<Param>,
    /// `*args`
    pub vararg: Option<Sym>,
    /// Parameters after `*args` or a bare `*`.
    pub kwonly: Vec<Param>,
    /// `**kwargs`
    pub kwarg: Option<Sym>,
    pub body: Vec<Stmt>,
    /// Names assigned anywhere in the body (Python's rule for what is local).
    pub locals: Vec<Sym>,
    pub span: Span,
    pub is_lambda: bool,
    /// Whether the body yields: calling it makes a generator.
    pub is_generator: bool,
    /// Names the body declares `global`.
    pub globals: Vec<Sym>,
    /// `@decorator` lines above a `def`, top first.
    pub decorators: Vec<Expr>,
    /// How many of `params` come before `/` (positional-only).
    pub posonly: usize,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: Sym,
    pub default: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    Expr(Expr),
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `x: T` or `x: T = value`. A module's or class's simple names keep their
    /// annotation in `__annotations__`; a function evaluates none.
    Annotated {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
    },
    Def(Rc<FuncDef>),
    Return(Option<Expr>),
    If {
        cond: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    While {
        cond: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    Break,
    Continue,
    Pass,
    With {
        items: Vec<(Expr, Option<Expr>)>,
        body: Vec<Stmt>,
    },
    Import(Vec<ImportName>),
    ImportFrom {
        module: Vec<Sym>,
        module_span: Span,
        names: Vec<(Sym, Option<Sym>, Span)>,
        /// The leading dots of a relative import (`from ..m import x`: 2).
        level: u32,
    },
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    Del(Vec<Expr>),
    Try {
        body: Vec<Stmt>,
        handlers: Vec<Handler>,
        orelse: Vec<Stmt>,
        finally: Vec<Stmt>,
    },
    /// `global a, b`: the names are the module's in this function.
    Global(Vec<Sym>),
    /// `nonlocal a, b`: the names are an enclosing function's.
    Nonlocal(Vec<Sym>),
    /// `class Name(bases): body`.
    Class {
        name: Sym,
        bases: Vec<Expr>,
        body: Vec<Stmt>,
        decorators: Vec<Expr>,
    },
    /// `raise`, `raise exc`, `raise exc from cause`.
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
}

/// `except [kind [as name]]: body`.
#[derive(Clone, Debug)]
pub struct Handler {
    pub kind: Option<Expr>,
    pub name: Option<Sym>,
    pub body: Vec<Stmt>,
    /// The `except …:` line.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct ImportName {
    pub path: Vec<Sym>,
    pub alias: Option<Sym>,
    pub span: Span,
}

/// Whether a function body yields (outside the functions and lambdas nested in it).
pub fn yields(body: &[Stmt]) -> bool {
    body.iter().any(stmt_yields)
}

fn stmt_yields(s: &Stmt) -> bool {
    let e = expr_yields;
    match &s.kind {
        StmtKind::Expr(x) => e(x),
        StmtKind::Assign { targets, value } => targets.iter().any(e) || e(value),
        StmtKind::Annotated {
            target,
            annotation,
            value,
        } => e(target) || e(annotation) || value.as_ref().is_some_and(e),
        StmtKind::AugAssign { target, value, .. } => e(target) || e(value),
        StmtKind::Def(f) => f
            .params
            .iter()
            .chain(&f.kwonly)
            .filter_map(|p| p.default.as_ref())
            .any(e),
        StmtKind::Return(x) => x.as_ref().is_some_and(e),
        StmtKind::If { cond, body, orelse } | StmtKind::While { cond, body, orelse } => {
            e(cond) || yields(body) || yields(orelse)
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
        } => e(target) || e(iter) || yields(body) || yields(orelse),
        StmtKind::With { items, body } => items.iter().any(|(x, t)| e(x) || t.as_ref().is_some_and(e)) || yields(body),
        StmtKind::Assert { test, msg } => e(test) || msg.as_ref().is_some_and(e),
        StmtKind::Del(targets) => targets.iter().any(e),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finally,
        } => {
            yields(body)
                || handlers
                    .iter()
                    .any(|h| h.kind.as_ref().is_some_and(e) || yields(&h.body))
                || yields(orelse)
                || yields(finally)
        }
        StmtKind::Raise { exc, cause } => exc.as_ref().is_some_and(e) || cause.as_ref().is_some_and(e),
        StmtKind::Class { bases, .. } => bases.iter().any(e),
        StmtKind::Global(_) | StmtKind::Nonlocal(_) => false,
        StmtKind::Break | StmtKind::Continue | StmtKind::Pass | StmtKind::Import(_) | StmtKind::ImportFrom { .. } => {
            false
        }
    }
}

fn expr_yields(x: &Expr) -> bool {
    let e = expr_yields;
    match &x.kind {
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => true,
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => items.iter().any(e),
        ExprKind::Dict(items) => items.iter().any(|i| match i {
            DictItem::Pair(k, v) => e(k) || e(v),
            DictItem::Spread(m) => e(m),
        }),
        ExprKind::Starred(a) | ExprKind::Unary(_, a) | ExprKind::Not(a) | ExprKind::Attr(a, _) => e(a),
        ExprKind::NamedExpr(_, a) => e(a),
        ExprKind::Binary(_, a, b) | ExprKind::And(a, b) | ExprKind::Or(a, b) | ExprKind::Subscript(a, b) => {
            e(a) || e(b)
        }
        ExprKind::Compare(first, rest) => e(first) || rest.iter().any(|(_, r)| e(r)),
        ExprKind::IfElse { cond, then, orelse } => e(cond) || e(then) || e(orelse),
        ExprKind::Call { func, args } => {
            e(func)
                || args.iter().any(|a| match a {
                    Arg::Pos(x) | Arg::Star(x) | Arg::DoubleStar(x) | Arg::Kw(_, x, _) => e(x),
                })
        }
        ExprKind::Slice(lo, hi, step) => [lo, hi, step].into_iter().flatten().any(|p| e(p)),
        // A comprehension's first iterable is evaluated in the enclosing function.
        ExprKind::ListComp(c) | ExprKind::DictComp(c) | ExprKind::SetComp(c) | ExprKind::GenExp(c) => {
            e(&c.clauses[0].iter)
        }
        ExprKind::FStr(parts) => parts.iter().any(|p| match p {
            FStrPart::Field { expr, .. } => e(expr),
            FStrPart::Lit(_) => false,
        }),
        _ => false,
    }
}
