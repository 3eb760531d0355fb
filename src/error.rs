//! Runtime errors: a Python exception type, Python's message, and where it happened.
//! Boxed so `Result<Value, _>` stays two words.

use crate::syntax::source::Span;
use crate::syntax::symbol::Sym;

#[derive(Debug, Clone)]
pub struct Exc {
    pub kind: &'static str,
    pub msg: String,
    /// Where the error was raised; filled in by the innermost expression that knows its span.
    pub span: Option<Span>,
    /// Calls the error passed through, innermost first: (function name, call-site span).
    pub trace: Vec<(Sym, Span)>,
    /// Calls beyond those kept in `trace` (deep recursion).
    pub more_calls: usize,
    /// A suggestion shown under the report.
    pub help: Option<String>,
    /// The exception object Python code raised (`raise e`), so `except … as e` gets it
    /// back; `None` for errors nt raises itself.
    pub value: Option<std::rc::Rc<dyn std::any::Any>>,
}

pub type Res<T> = Result<T, Box<Exc>>;

impl Exc {
    /// The error, at `span` unless it already has a place.
    pub fn with_span(mut self: Box<Self>, span: Span) -> Box<Exc> {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }
}

pub fn exc(kind: &'static str, msg: impl Into<String>) -> Box<Exc> {
    Box::new(Exc {
        kind,
        msg: msg.into(),
        span: None,
        trace: Vec::new(),
        more_calls: 0,
        help: None,
        value: None,
    })
}

pub fn type_error(msg: impl Into<String>) -> Box<Exc> {
    exc("TypeError", msg)
}

pub fn value_error(msg: impl Into<String>) -> Box<Exc> {
    exc("ValueError", msg)
}

/// Python's `MemoryError` (no message), for a request `memory::fits` refused.
pub fn memory_error() -> Box<Exc> {
    exc("MemoryError", "")
}

/// `Ok` when `n` items of `size` bytes fit in memory, else `MemoryError`.
pub fn check_items(n: usize, size: usize) -> Res<()> {
    if crate::memory::fits_items(n, size) {
        Ok(())
    } else {
        Err(memory_error())
    }
}

pub fn overflow() -> Box<Exc> {
    exc(
        "OverflowError",
        "integer overflow: the result does not fit in a 64-bit int",
    )
}

pub trait At<T> {
    /// Attaches `span` to an error that does not have one yet.
    fn at(self, span: Span) -> Res<T>;
}

impl<T> At<T> for Res<T> {
    #[inline]
    fn at(self, span: Span) -> Res<T> {
        match self {
            Ok(v) => Ok(v),
            Err(mut e) => {
                if e.span.is_none() {
                    e.span = Some(span);
                }
                Err(e)
            }
        }
    }
}
