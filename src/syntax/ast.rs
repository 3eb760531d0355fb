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
    Float(f64),
    Str(Rc<str>),
    FStr(Vec<FStrPart>),
    Bool(bool),
    None,
    Ellipsis,
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Dict(Vec<DictItem>),
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
    GenExp(Rc<Comprehension>),
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

#[derive(Debug)]
pub struct FuncDef {
    pub name: Sym,
    pub params: Vec<Param>,
    /// `*args`
    pub vararg: Option<Sym>,
    /// Parameters after `*args` or a bare `*`.
    pub kwonly: Vec<Param>,
    pub body: Vec<Stmt>,
    /// Names assigned anywhere in the body (Python's rule for what is local).
    pub locals: Vec<Sym>,
    pub span: Span,
    pub is_lambda: bool,
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
