//! Source → tokens → AST.

pub mod ast;
pub mod check;
pub mod lexer;
pub mod parser;
pub mod source;
pub mod symbol;
pub mod token;
pub mod unparse;
pub mod visit;

use source::Span;

/// A lexing or parsing error: the Python exception name, its message, where.
#[derive(Clone, Debug)]
pub struct SyntaxError {
    pub kind: &'static str,
    pub msg: String,
    pub span: Span,
    pub label: Option<String>,
    /// The input ended early (open bracket, open block): the REPL asks for more lines.
    pub incomplete: bool,
}

const KINDS: &[&str] = &["SyntaxError", "IndentationError", "TabError", "OverflowError"];

impl SyntaxError {
    pub fn new(kind: &'static str, msg: impl Into<String>, span: Span) -> Self {
        SyntaxError {
            kind,
            msg: msg.into(),
            span,
            label: None,
            incomplete: false,
        }
    }

    pub fn incomplete(mut self) -> Self {
        self.incomplete = true;
        self
    }

    /// chumsky custom errors carry only a string: `"Kind: message"`.
    pub fn encoded(&self) -> String {
        format!("{}: {}", self.kind, self.msg)
    }

    pub fn decode(msg: &str, span: Span) -> Self {
        for kind in KINDS {
            if let Some(rest) = msg.strip_prefix(kind).and_then(|r| r.strip_prefix(": ")) {
                return SyntaxError::new(kind, rest, span);
            }
        }
        SyntaxError::new("SyntaxError", msg, span)
    }
}

pub use parser::{parse_expr, parse_file};
