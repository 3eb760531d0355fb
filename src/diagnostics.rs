//! Every error nt reports — syntax or runtime — is plain data (`Diagnostic`) until it is
//! rendered here, over the source it points into. This is the only module that knows ariadne.

use crate::error::Exc;
use crate::syntax::SyntaxError;
use crate::syntax::source::{SourceMap, Span};
use crate::syntax::symbol::Sym;
use ariadne::{Color, Config, IndexType, Label, Report, ReportKind};

#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The Python exception name: `NameError`, `SyntaxError`, …
    pub kind: String,
    pub message: String,
    pub span: Option<Span>,
    pub label: Option<String>,
    pub help: Option<String>,
    /// Calls the error passed through, innermost first.
    pub trace: Vec<(Sym, Span)>,
    pub more_calls: usize,
}

impl Diagnostic {
    /// The line CPython prints last: `NameError: name 'x' is not defined`.
    pub fn headline(&self) -> String {
        if self.message.is_empty() {
            self.kind.clone()
        } else {
            format!("{}: {}", self.kind, self.message)
        }
    }
}

impl From<SyntaxError> for Diagnostic {
    fn from(e: SyntaxError) -> Self {
        Diagnostic {
            kind: e.kind.to_owned(),
            message: e.msg,
            span: Some(e.span),
            label: e.label,
            help: None,
            trace: Vec::new(),
            more_calls: 0,
        }
    }
}

impl From<Box<Exc>> for Diagnostic {
    fn from(e: Box<Exc>) -> Self {
        let e = *e;
        // An exception class defined in an imported module is named with its module,
        // as CPython's traceback names it (`json.decoder.JSONDecodeError`).
        let qualified = e
            .value
            .as_ref()
            .and_then(|v| v.downcast_ref::<crate::value::exception::ExcObj>())
            .filter(|o| !matches!(o.class.module.as_str(), "builtins" | "__main__"))
            .map(|o| format!("{}.{}", o.class.module, o.class.name));
        Diagnostic {
            kind: qualified.unwrap_or_else(|| e.kind.to_owned()),
            message: e.msg,
            span: e.span,
            label: None,
            help: e.help,
            trace: e.trace,
            more_calls: e.more_calls,
        }
    }
}

/// How many call sites of a traceback to show: the innermost ones and the outermost.
const MAX_TRACE: usize = 4;

/// A source as ariadne sees it: many REPL entries share the name `<stdin>`, so identity
/// is the position in the source map and only the name is displayed.
#[derive(Clone, Debug)]
struct SrcId(usize, String);

impl PartialEq for SrcId {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for SrcId {}

impl std::hash::Hash for SrcId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state)
    }
}

impl std::fmt::Display for SrcId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

pub fn render(d: &Diagnostic, sources: &SourceMap, color: bool) -> String {
    // Where Ctrl-C happened to land is noise: Python shows the bare name too.
    if d.kind == "KeyboardInterrupt" && d.message.is_empty() {
        return format!("{}\n", d.headline());
    }
    let Some(span) = d.span else {
        return format!("{}\n", d.headline());
    };
    let Some((idx, src)) = sources.find_indexed(span.start) else {
        return format!("{}\n", d.headline());
    };
    let local = |sp: Span, base: usize, len: usize| -> std::ops::Range<usize> {
        let start = sp.start.saturating_sub(base).min(len);
        start..sp.end.saturating_sub(base).clamp(start, len)
    };
    let id = SrcId(idx, src.name.clone());
    let range = local(span, src.base, src.text.len());
    let mut label = Label::new((id.clone(), range.clone())).with_color(Color::Red);
    // The primary label restates the message (or a parser's "expected …") under the span.
    let text = d
        .label
        .as_deref()
        .unwrap_or(if d.message.is_empty() { &d.kind } else { &d.message });
    label = label.with_message(text);
    let headline = d.kind.clone();
    let mut report = Report::build(ReportKind::Custom(&headline, Color::Red), (id.clone(), range))
        .with_config(Config::default().with_color(color).with_index_type(IndexType::Byte))
        .with_message(&d.message)
        .with_label(label);
    let mut cited: Vec<(SrcId, String)> = vec![(id.clone(), src.text.to_string())];

    // Call sites, innermost first; recursion repeats them, so each is shown once, and
    // beyond MAX_TRACE only the outermost (where the user came in) is kept.
    // Each entry: (callee, call site, caller); the caller of one call is the next callee out.
    let mut sites: Vec<(Sym, Span, Option<Sym>)> = Vec::new();
    for (i, (fname, site)) in d.trace.iter().enumerate() {
        if *site != span && !sites.iter().any(|(_, s, _)| s == site) {
            sites.push((*fname, *site, d.trace.get(i + 1).map(|c| c.0)));
        }
    }
    let mut hidden = d.more_calls + d.trace.len() - sites.len();
    if sites.len() > MAX_TRACE {
        hidden += sites.len() - MAX_TRACE;
        let outermost = sites[sites.len() - 1];
        sites.truncate(MAX_TRACE - 1);
        sites.push(outermost);
    }
    let mut notes = Vec::new();
    for (fname, site, caller) in &sites {
        let Some((sidx, s)) = sources.find_indexed(site.start) else {
            continue;
        };
        let sid = SrcId(sidx, s.name.clone());
        if sid == id {
            report = report.with_label(
                Label::new((sid, local(*site, s.base, s.text.len())))
                    .with_message(format!("in this call to {fname}()"))
                    .with_color(Color::Blue),
            );
        } else {
            let (line, col) = line_col(&s.text, site.start - s.base);
            let code = s.text.lines().nth(line - 1).unwrap_or("").trim();
            let by = match caller {
                Some(c) => format!("by {c}()"),
                None => "from the top level".to_owned(),
            };
            notes.push(format!("{fname}() was called {by} at {}:{line}:{col}: {code}", s.name));
        }
    }
    if hidden > 0 {
        notes.push(format!("… and {hidden} more calls"));
    }
    for n in notes {
        report = report.with_note(n);
    }
    if let Some(h) = &d.help {
        report = report.with_help(h);
    }
    cited.dedup_by(|a, b| a.0 == b.0);
    let mut out = Vec::new();
    if report.finish().write(ariadne::sources(cited), &mut out).is_err() {
        return format!("{}\n", d.headline());
    }
    let mut text = String::from_utf8_lossy(&out).into_owned();
    if !color {
        // ariadne colours a custom report kind's header even with colour off.
        text = strip_ansi(&text);
    }
    if d.message.is_empty() {
        // `AssertionError`, as Python prints it, not `AssertionError: `.
        if let Some(nl) = text.find('\n') {
            let first = text[..nl].trim_end().trim_end_matches(':').to_owned();
            text.replace_range(..nl, &first);
        }
    }
    // ariadne pads label lines with spaces; trailing whitespace only makes diffs noisy.
    let mut trimmed: String = text.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    trimmed.push('\n');
    trimmed
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before.chars().count(), |i| before[i + 1..].chars().count())
        + 1;
    (line, col)
}
