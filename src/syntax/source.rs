//! Every piece of source nt reads (a script, a REPL input, an imported module) gets a
//! range of one global offset space, so a span is two numbers and still says which
//! source it came from — functions defined in an earlier REPL input report errors there.

use std::rc::Rc;

pub type Span = chumsky::span::SimpleSpan<usize>;

pub fn span(start: usize, end: usize) -> Span {
    Span::from(start..end)
}

/// The smallest span covering both.
pub fn join(a: Span, b: Span) -> Span {
    span(a.start.min(b.start), a.end.max(b.end))
}

pub struct Source {
    pub name: String,
    pub text: Rc<str>,
    pub base: usize,
}

#[derive(Default)]
pub struct SourceMap {
    sources: Vec<Source>,
    next: usize,
}

impl SourceMap {
    /// Registers `text` and returns the global offset of its first byte.
    pub fn add(&mut self, name: &str, text: &str) -> usize {
        let base = self.next;
        // One byte of slack past the end so an end-of-input span still maps here.
        self.next = base + text.len() + 1;
        self.sources.push(Source {
            name: name.to_owned(),
            text: text.into(),
            base,
        });
        base
    }

    pub fn find(&self, offset: usize) -> Option<&Source> {
        self.find_indexed(offset).map(|(_, s)| s)
    }

    /// The source holding `offset`, with its index (its identity: names repeat).
    pub fn find_indexed(&self, offset: usize) -> Option<(usize, &Source)> {
        let idx = self.sources.partition_point(|s| s.base <= offset).checked_sub(1)?;
        Some((idx, self.sources.get(idx)?))
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }
}
