//! Tokens produced by the lexer and consumed by the chumsky parser.

use super::symbol::Sym;
use std::fmt;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Name(Sym),
    Int(i64),
    /// An int literal past 64 bits, as decimal digits.
    BigInt(Rc<str>),
    Float(f64),
    /// An imaginary literal: `2j`.
    Imag(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    FStr(Rc<Vec<FPart>>),
    Kw(&'static str),
    Op(&'static str),
    Newline,
    Indent,
    Dedent,
}

/// One piece of an f-string, still unparsed: the parser parses each field's expression.
#[derive(Clone, Debug, PartialEq)]
pub enum FPart {
    Lit(String),
    Field {
        /// The expression's text and the global offset of its first byte.
        expr: String,
        offset: usize,
        /// `{x=}`: the literal text to print before the value.
        debug: Option<String>,
        conv: Option<char>,
        spec: Vec<FPart>,
    },
}

pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "break", "continue", "def", "del", "elif", "else", "for", "from",
    "if", "import", "in", "is", "lambda", "not", "or", "pass", "return", "while", "with", "try", "except", "finally",
    "raise", "class", "global", "nonlocal", "yield",
    // Python keywords nt does not support: lexed as keywords so the parser names them.
    "async", "await",
];

pub const UNSUPPORTED_KEYWORDS: &[&str] = &["async", "await"];

/// Operators and punctuation, longest first so the lexer can match greedily.
pub const OPERATORS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "...", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", "+=", "-=", "*=", "/=",
    "%=", "@=", "&=", "|=", "^=", ":=", "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]",
    "{", "}", ",", ":", ".", ";", "=", "!",
];

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Name(s) => write!(f, "name '{s}'"),
            Tok::Int(n) => write!(f, "number {n}"),
            Tok::Imag(x) => write!(f, "number {x}j"),
            Tok::BigInt(n) => write!(f, "number {n}"),
            Tok::Float(x) => write!(f, "number {x}"),
            Tok::Str(_) => f.write_str("string"),
            Tok::Bytes(_) => f.write_str("bytes"),
            Tok::FStr(_) => f.write_str("f-string"),
            Tok::Kw(k) => write!(f, "'{k}'"),
            Tok::Op(o) => write!(f, "'{o}'"),
            Tok::Newline => f.write_str("end of line"),
            Tok::Indent => f.write_str("indent"),
            Tok::Dedent => f.write_str("dedent"),
        }
    }
}
