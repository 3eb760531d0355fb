//! The REPL's rustyline helper: Tab completion, highlighting as you type, and hints from
//! history.
//!
//! Completion knows names in scope, keywords, module members after `np.`/`torch.`/
//! `math.`, attributes after a dotted name (`x.` lists a tensor's methods and
//! properties, `model.` a user object's attributes and methods), keyword arguments
//! inside a call (a user function's parameters, a library function's from the
//! registry), a dict's string keys after `d['`, and file paths inside strings. Private
//! names show once a `_` is typed. It never evaluates code: dotted names are looked up,
//! not run.

use crate::interp::scope::Scope;
use crate::syntax::symbol::Sym;
use crate::syntax::token::KEYWORDS;
use crate::value::Value;
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::validate::Validator;
use rustyline::{Context, Helper};
use std::borrow::Cow;
use std::rc::Rc;

/// Data attributes of arrays and tensors, offered after `x.` besides methods.
const ARRAY_PROPERTIES: &[&str] = &["T", "dtype", "ndim", "shape", "size", "itemsize", "nbytes"];
const TENSOR_PROPERTIES: &[&str] = &[
    "T",
    "mT",
    "mH",
    "H",
    "dtype",
    "ndim",
    "shape",
    "device",
    "grad",
    "grad_fn",
    "requires_grad",
    "is_leaf",
    "is_cuda",
];

pub struct NtHelper {
    globals: Rc<Scope>,
    builtins: Vec<String>,
    files: FilenameCompleter,
    hinter: HistoryHinter,
    /// Colours on: off under `NO_COLOR` or when output is not a terminal.
    pub color: bool,
}

impl NtHelper {
    pub fn new(session: &super::session::Session, color: bool) -> NtHelper {
        let mut builtins: Vec<String> = session.interp.builtins.keys().map(|k| k.as_str().to_string()).collect();
        builtins.sort();
        NtHelper {
            globals: session.interp.globals.clone(),
            builtins,
            files: FilenameCompleter::new(),
            hinter: HistoryHinter::new(),
            color,
        }
    }

    fn lookup(&self, name: &str) -> Option<Value> {
        self.globals.get(Sym::new(name))
    }

    /// A dotted name (`np.linalg.inv`) through module attributes; nothing is called.
    fn lookup_path(&self, path: &str) -> Option<Value> {
        let mut parts = path.split('.');
        let mut v = self.lookup(parts.next()?)?;
        for p in parts {
            let next = match &v {
                Value::Module(m) => m.attrs.borrow().get(&Sym::new(p)).cloned(),
                _ => None,
            };
            v = next?;
        }
        Some(v)
    }

    /// The names an attribute of `v` may have.
    fn attributes(v: &Value) -> Vec<String> {
        let mut names: Vec<String> = match v {
            Value::Module(m) => m.attrs.borrow().keys().map(|k| k.as_str().to_string()).collect(),
            // A user object (`model.`, `opt.`): its own attributes, then its class's and
            // its bases' (methods, class attributes).
            Value::Object(o) => {
                let mut n: Vec<String> = o.attrs.borrow().iter().map(|(k, _)| k.as_str().to_string()).collect();
                for c in std::iter::once(&o.class).chain(o.class.mro.iter()) {
                    n.extend(c.methods.borrow().keys().map(|k| k.as_str().to_string()));
                }
                n
            }
            Value::Class(c) => std::iter::once(c)
                .chain(c.mro.iter())
                .flat_map(|c| {
                    c.methods
                        .borrow()
                        .keys()
                        .map(|k| k.as_str().to_string())
                        .collect::<Vec<_>>()
                })
                .collect(),
            _ => crate::interp::methods::method_names(v)
                .iter()
                .map(|s| s.to_string())
                .collect(),
        };
        match v {
            Value::Array(_) => names.extend(ARRAY_PROPERTIES.iter().map(|s| s.to_string())),
            Value::Tensor(_) => names.extend(TENSOR_PROPERTIES.iter().map(|s| s.to_string())),
            _ => {}
        }
        names.sort();
        names.dedup();
        names
    }

    /// Completions of the text before `pos`: where the replaced word starts, and the
    /// candidates (each replaces `line[start..pos]`).
    pub fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        let before = &line[..pos];
        // The word being typed: identifier characters and dots.
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '.')
            .last()
            .map_or(pos, |(i, _)| i);
        let word = &before[start..];
        // `d['` or `d["`: the dict's string keys.
        if let Some(keys) = self.dict_keys(before) {
            return keys;
        }
        if let Some((base, prefix)) = word.rsplit_once('.') {
            let mut parts = base.split('.');
            let Some(mut v) = parts.next().and_then(|n| self.lookup(n)) else {
                return (pos, Vec::new());
            };
            for p in parts {
                // Module members and data attributes (`x.T.`, `x.grad.`); nothing is called.
                let next = match &v {
                    Value::Module(m) => m.attrs.borrow().get(&Sym::new(p)).cloned(),
                    // A user object's own attribute (`model.fc.`); nothing is called.
                    Value::Object(o) => o
                        .attrs
                        .borrow()
                        .iter()
                        .find(|(k, _)| k.as_str() == p)
                        .map(|(_, v)| v.clone()),
                    _ => crate::interp::methods::property(&v, Sym::new(p))
                        .or_else(|| crate::nd::methods::attr(&v, Sym::new(p)).and_then(Result::ok)),
                };
                let Some(next) = next else {
                    return (pos, Vec::new());
                };
                v = next;
            }
            let names = Self::attributes(&v);
            let at = pos - prefix.len();
            // Private names (`_x`, `__len__`) only once a `_` is typed, as IPython hides them.
            let private = prefix.starts_with('_');
            return (
                at,
                names
                    .into_iter()
                    .filter(|n| n.starts_with(prefix) && (private || !n.starts_with('_')))
                    .collect(),
            );
        }
        let mut names: Vec<String> = Vec::new();
        // Keyword arguments of the function whose call is open: a user function's
        // parameters, or a builtin's documented ones.
        if let Some(f) = open_call(before) {
            let bare = f.rsplit('.').next().unwrap_or(f);
            match self.lookup_path(f) {
                Some(Value::Function(func)) => {
                    for p in func.def.params.iter().chain(&func.def.kwonly) {
                        names.push(format!("{}=", p.name.as_str()));
                    }
                }
                // NumPy/PyTorch functions: the parameters of their real signature.
                Some(Value::NdFunc(nf)) => match crate::nd::registry::registry().get(nf.module, nf.name) {
                    Some(e) => names.extend(e.keywords().into_iter().map(|k| format!("{k}="))),
                    None => names.extend(
                        crate::interp::builtins::keyword_params(bare)
                            .into_iter()
                            .map(|k| format!("{k}=")),
                    ),
                },
                _ => names.extend(
                    crate::interp::builtins::keyword_params(bare)
                        .into_iter()
                        .map(|k| format!("{k}=")),
                ),
            }
        }
        names.extend(KEYWORDS.iter().map(|k| k.to_string()));
        names.extend(self.globals.vars.borrow().keys().map(|k| k.as_str().to_string()));
        names.extend(self.builtins.iter().cloned());
        let private = word.starts_with('_');
        names.retain(|n| n.starts_with(word) && (private || !n.starts_with('_')));
        names.sort();
        names.dedup();
        (start, names)
    }
}

impl NtHelper {
    /// After `name['` / `name["` (and a partial key): where the key starts, and the
    /// string keys of the dict `name` holds that begin so, each closed with its quote
    /// and `]`.
    fn dict_keys(&self, before: &str) -> Option<(usize, Vec<String>)> {
        let (head, partial) = before.rsplit_once('[')?;
        let quote = partial.chars().next().filter(|c| *c == '\'' || *c == '"')?;
        let typed = &partial[1..];
        if typed.contains(quote) {
            return None;
        }
        let start = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '.')
            .last()
            .map(|(i, _)| i)?;
        let Value::Dict(d) = self.lookup_path(&head[start..])? else {
            return None;
        };
        let mut keys: Vec<String> = d
            .borrow()
            .iter()
            .filter_map(|(k, _)| match k {
                Value::Str(s) if s.starts_with(typed) => Some(format!("{s}{quote}]")),
                _ => None,
            })
            .collect();
        keys.sort();
        Some((before.len() - typed.len(), keys))
    }
}

/// Whether `pos` is inside a string literal.
fn in_string(before: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in before.chars() {
        match quote {
            Some(q) if !escaped && c == q => quote = None,
            Some(_) => escaped = !escaped && c == '\\',
            None if c == '#' => return false,
            None if c == '\'' || c == '"' => quote = Some(c),
            None => {}
        }
    }
    quote.is_some()
}

/// The name of the function whose call is open at the end of `before` (`f(a, ` → `f`).
fn open_call(before: &str) -> Option<&str> {
    let mut depth = 0i32;
    for (i, c) in before.char_indices().rev() {
        match c {
            ')' | ']' | '}' => depth += 1,
            '[' | '{' if depth > 0 => depth -= 1,
            '(' if depth > 0 => depth -= 1,
            '(' => {
                let head = &before[..i];
                let start = head
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '.')
                    .last()
                    .map(|(j, _)| j)?;
                return Some(&head[start..]);
            }
            '[' | '{' => return None,
            _ => {}
        }
    }
    None
}

impl Completer for NtHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        if let Some((start, keys)) = self.dict_keys(&line[..pos]) {
            let pairs = keys
                .into_iter()
                .map(|k| Pair {
                    display: k.clone(),
                    replacement: k,
                })
                .collect();
            return Ok((start, pairs));
        }
        if in_string(&line[..pos]) {
            return self.files.complete(line, pos, ctx);
        }
        let (start, names) = self.candidates(line, pos);
        Ok((
            start,
            names
                .into_iter()
                .map(|n| Pair {
                    display: n.clone(),
                    replacement: n,
                })
                .collect(),
        ))
    }
}

impl Hinter for NtHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        self.hinter.hint(line, pos, ctx)
    }
}

const RESET: &str = "\x1b[0m";

/// `line` with ANSI colours: keywords, numbers, strings, comments, builtins, and the
/// bracket matching the one at the cursor.
pub fn colorize(line: &str, pos: usize, builtins: &[String]) -> String {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let partner = matching_bracket(line, pos);
    let mut out = String::with_capacity(line.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let span_end = |j: usize| chars.get(j).map_or(line.len(), |x| x.0);
        if c == '#' {
            out += &format!("\x1b[2m{}{RESET}", &line[at..]);
            break;
        }
        if c == '\'' || c == '"' {
            let mut j = i + 1;
            let mut escaped = false;
            while j < chars.len() && !(chars[j].1 == c && !escaped) {
                escaped = !escaped && chars[j].1 == '\\';
                j += 1;
            }
            j = (j + 1).min(chars.len());
            out += &format!("\x1b[32m{}{RESET}", &line[at..span_end(j)]);
            i = j;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i;
            while j < chars.len() && (chars[j].1.is_ascii_alphanumeric() || chars[j].1 == '.' || chars[j].1 == '_') {
                j += 1;
            }
            out += &format!("\x1b[36m{}{RESET}", &line[at..span_end(j)]);
            i = j;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let mut j = i;
            while j < chars.len() && (chars[j].1.is_alphanumeric() || chars[j].1 == '_') {
                j += 1;
            }
            let w = &line[at..span_end(j)];
            let after_dot = at > 0 && line[..at].ends_with('.');
            if KEYWORDS.contains(&w) {
                out += &format!("\x1b[1;35m{w}{RESET}");
            } else if !after_dot && builtins.iter().any(|b| b == w) {
                out += &format!("\x1b[34m{w}{RESET}");
            } else {
                out += w;
            }
            i = j;
            continue;
        }
        if Some(at) == partner || (partner.is_some() && at + c.len_utf8() == pos && "()[]{}".contains(c)) {
            out += &format!("\x1b[1;33m{c}{RESET}");
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// The byte offset of the bracket matching the one just before the cursor.
fn matching_bracket(line: &str, pos: usize) -> Option<usize> {
    let b = line.as_bytes();
    let at = pos.checked_sub(1)?;
    let c = *b.get(at)?;
    let (open, close, forward) = match c {
        b'(' => (b'(', b')', true),
        b'[' => (b'[', b']', true),
        b'{' => (b'{', b'}', true),
        b')' => (b'(', b')', false),
        b']' => (b'[', b']', false),
        b'}' => (b'{', b'}', false),
        _ => return None,
    };
    let mut depth = 0i32;
    if forward {
        for (i, &x) in b.iter().enumerate().skip(at) {
            depth += (x == open) as i32 - (x == close) as i32;
            if depth == 0 {
                return Some(i);
            }
        }
    } else {
        for i in (0..=at).rev() {
            depth += (b[i] == close) as i32 - (b[i] == open) as i32;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

impl Highlighter for NtHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.color {
            return Cow::Borrowed(line);
        }
        Cow::Owned(colorize(line, pos, &self.builtins))
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if !self.color {
            return Cow::Borrowed(hint);
        }
        Cow::Owned(format!("\x1b[2m{hint}{RESET}"))
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.color
    }
}

impl Validator for NtHelper {}

impl Helper for NtHelper {}
