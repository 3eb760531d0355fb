//! The registry: every NumPy/PyTorch function and method nt exposes, with the library's
//! own signature, and the parameters nt implements.
//!
//! - `signatures.txt` is generated from the installed NumPy/PyTorch by
//!   `gen_signatures.py` (never typed by hand): for each `form.name`, how the library
//!   binds its arguments (CPython's rules, or PyTorch's argument parser with its
//!   overloads and their listing).
//! - `support.rs` declares, for each entry, the parameters nt's implementation honours.
//!   A parameter the library has and nt does not implement accepts only its default;
//!   any other value is a `NotImplementedError` naming it, never silently ignored.
//!
//! Every call of a registered function or method binds its arguments here first
//! (`check`), so an unknown keyword or a surplus positional is the library's `TypeError`.

mod bind;
mod support;

pub use bind::check_call;

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// How the library binds a call's arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binder {
    /// CPython's rules and texts (NumPy, and PyTorch functions written in Python).
    Py,
    /// A NumPy ufunc: positional counts are checked before keywords, with "takes from".
    Ufunc,
    /// PyTorch's C++ argument parser (`python_arg_parser.cpp`): overloads, its texts.
    Torch,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    PosOnly,
    PosOrKw,
    KwOnly,
    VarPos,
    VarKw,
}

#[derive(Debug)]
pub struct Param {
    pub name: String,
    pub kind: ParamKind,
    /// The default as the library writes it (`None`, `-1`, `'C'`, `<no value>`).
    pub default: Option<String>,
}

#[derive(Debug)]
pub struct Overload {
    pub params: Vec<Param>,
}

impl Overload {
    /// The parameters that can be given by position, in order.
    pub fn positional(&self) -> impl Iterator<Item = &Param> {
        self.params
            .iter()
            .filter(|p| matches!(p.kind, ParamKind::PosOnly | ParamKind::PosOrKw))
    }

    pub fn text(&self) -> String {
        let mut parts = Vec::new();
        let mut star = false;
        for (i, p) in self.params.iter().enumerate() {
            if p.kind == ParamKind::KwOnly && !star {
                parts.push("*".to_string());
                star = true;
            }
            let name = match p.kind {
                ParamKind::VarPos => {
                    star = true;
                    format!("*{}", p.name)
                }
                ParamKind::VarKw => format!("**{}", p.name),
                _ => p.name.clone(),
            };
            parts.push(match &p.default {
                Some(d) => format!("{name}={d}"),
                None => name,
            });
            if p.kind == ParamKind::PosOnly && self.params.get(i + 1).is_none_or(|n| n.kind != ParamKind::PosOnly) {
                parts.push("/".to_string());
            }
        }
        format!("({})", parts.join(", "))
    }
}

/// One function or method as the library declares it.
#[derive(Debug)]
pub struct Entry {
    /// `np.sort`, `torch.linalg.inv`, `ndarray.sum`, `Tensor.sum`.
    pub key: String,
    pub binder: Binder,
    pub overloads: Vec<Overload>,
    /// PyTorch's listing of the overloads, as its "invalid combination" error prints it.
    pub listing: Option<String>,
    /// The parameters nt implements (`support.rs`).
    pub handled: Vec<Handled>,
    /// The implementation binds its own arguments (`*` in `support.rs`).
    pub own_binding: bool,
}

/// How nt's implementation reads a parameter it honours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reads {
    Both,
    KeywordOnly,
    PositionOnly,
}

#[derive(Debug)]
pub struct Handled {
    pub name: &'static str,
    pub reads: Reads,
}

impl Entry {
    pub fn reads(&self, param: &str) -> Option<Reads> {
        self.handled.iter().find(|h| h.name == param).map(|h| h.reads)
    }
}

fn handled(key: &str) -> Vec<Handled> {
    support::row(key)
        .unwrap_or("")
        .split_whitespace()
        .filter(|w| *w != "*")
        .map(|w| match w.split_once('@') {
            Some((name, "kw")) => Handled {
                name,
                reads: Reads::KeywordOnly,
            },
            Some((name, _)) => Handled {
                name,
                reads: Reads::PositionOnly,
            },
            None => Handled {
                name: w,
                reads: Reads::Both,
            },
        })
        .collect()
}

impl Entry {
    /// The library's signature(s), one line per overload: `np.sum(a, axis=None, …)`.
    /// What `help()` shows.
    pub fn signatures(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for o in &self.overloads {
            // Overloads that differ only in their types read the same: once each.
            let s = format!("{}{}", self.key, o.text());
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// The parameters a call can name, over every overload, in order: what the REPL
    /// completes inside an open call.
    pub fn keywords(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for p in self.overloads.iter().flat_map(|o| &o.params) {
            if matches!(p.kind, ParamKind::PosOrKw | ParamKind::KwOnly) && !out.contains(&p.name.as_str()) {
                out.push(&p.name);
            }
        }
        out
    }

    pub fn name(&self) -> &str {
        self.key.rsplit('.').next().unwrap_or(&self.key)
    }
}

pub struct Registry {
    pub entries: Vec<Entry>,
    /// form → name → entry, so a call looks its entry up without building a key.
    index: FxHashMap<String, FxHashMap<String, usize>>,
}

impl Registry {
    pub fn get(&self, form: &str, name: &str) -> Option<&Entry> {
        self.index.get(form)?.get(name).map(|&i| &self.entries[i])
    }
}

const SIGNATURES: &str = include_str!("signatures.txt");

/// The registry, parsed once from `signatures.txt` and `support.rs`.
pub fn registry() -> &'static Registry {
    static REG: OnceLock<Registry> = OnceLock::new();
    REG.get_or_init(|| parse(SIGNATURES))
}

fn parse(text: &str) -> Registry {
    let mut entries: Vec<Entry> = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let mut fields = line.split('\t');
        let (Some(key), Some(kind)) = (fields.next(), fields.next()) else {
            continue;
        };
        if kind == "listing" {
            if let Some(&i) = index.get(key) {
                let e: &mut Entry = &mut entries[i];
                e.listing = fields.next().map(|l| l.replace("\\n", "\n"));
            }
            continue;
        }
        let overloads: Vec<Overload> = fields.map(parse_overload).collect();
        let binder = match kind {
            "torch" => Binder::Torch,
            _ if overloads
                .first()
                .is_some_and(|o| o.params.iter().any(|p| p.name == "signature"))
                && key.starts_with("np.") =>
            {
                Binder::Ufunc
            }
            _ => Binder::Py,
        };
        // `missing`: an nt extension the library lacks (`Tensor.gpu`): it takes what
        // its model (`Tensor.cuda`) takes.
        let (overloads, binder) = match (kind, support::alias(key)) {
            ("missing", Some(model)) => match text.lines().find(|l| l.starts_with(&format!("{model}\t"))) {
                Some(l) => {
                    let mut f = l.split('\t').skip(1);
                    let b = if f.next() == Some("torch") {
                        Binder::Torch
                    } else {
                        Binder::Py
                    };
                    (f.map(parse_overload).collect(), b)
                }
                None => (overloads, binder),
            },
            _ => (overloads, binder),
        };
        index.insert(key.to_string(), entries.len());
        entries.push(Entry {
            key: key.to_string(),
            binder,
            overloads,
            listing: None,
            handled: handled(key),
            own_binding: support::row(key) == Some("*"),
        });
    }
    let mut by_form: FxHashMap<String, FxHashMap<String, usize>> = FxHashMap::default();
    for (key, i) in index {
        if let Some((form, name)) = key.rsplit_once('.') {
            by_form.entry(form.to_string()).or_default().insert(name.to_string(), i);
        }
    }
    Registry {
        entries,
        index: by_form,
    }
}

/// Splits at the commas that are not inside brackets or quotes.
fn split_top(s: &str) -> Vec<&str> {
    let (mut depth, mut quote, mut start) = (0i32, None::<char>, 0);
    let mut out = Vec::new();
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[' | '{' | '<') => depth += 1,
            (None, ')' | ']' | '}' | '>') => depth -= 1,
            (None, ',') if depth == 0 => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    if !s[start..].trim().is_empty() {
        out.push(s[start..].trim());
    }
    out
}

fn parse_overload(sig: &str) -> Overload {
    let inner = sig.trim().trim_start_matches('(').trim_end_matches(')');
    let mut params: Vec<Param> = Vec::new();
    let mut kw_only = false;
    for part in split_top(inner) {
        match part {
            "/" => {
                for p in params.iter_mut() {
                    p.kind = ParamKind::PosOnly;
                }
            }
            "*" => kw_only = true,
            p if p.starts_with("**") => params.push(Param {
                name: p[2..].to_string(),
                kind: ParamKind::VarKw,
                default: None,
            }),
            p if p.starts_with('*') => {
                kw_only = true;
                params.push(Param {
                    name: p[1..].to_string(),
                    kind: ParamKind::VarPos,
                    default: None,
                })
            }
            p => {
                let (name, default) = match p.split_once('=') {
                    Some((n, d)) => (n.trim(), Some(d.trim().to_string())),
                    None => (p, None),
                };
                params.push(Param {
                    name: name.to_string(),
                    kind: if kw_only { ParamKind::KwOnly } else { ParamKind::PosOrKw },
                    default,
                });
            }
        }
    }
    Overload { params }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_parse_and_print_back() {
        let o = parse_overload("(x1, x2, /, out=None, *, where=True, casting='same_kind', dtype=None)");
        assert_eq!(
            o.text(),
            "(x1, x2, /, out=None, *, where=True, casting='same_kind', dtype=None)"
        );
        let o = parse_overload("(*size, out=None, dtype=None)");
        assert_eq!(o.params[0].kind, ParamKind::VarPos);
        assert_eq!(o.params[1].kind, ParamKind::KwOnly);
        let o = parse_overload("(N, M=None, k=0, dtype=<class 'float'>, order='C', *, like=None)");
        assert_eq!(o.params[3].default.as_deref(), Some("<class 'float'>"));
    }

    #[test]
    fn every_entry_declares_what_nt_implements() {
        let reg = registry();
        let mut missing = Vec::new();
        for e in &reg.entries {
            if support::row(&e.key).is_none() {
                missing.push(e.key.clone());
            }
            for h in &e.handled {
                let known = e.overloads.iter().any(|o| o.params.iter().any(|p| p.name == h.name));
                assert!(
                    known,
                    "{}: support.rs names '{}', which the library's signature lacks",
                    e.key, h.name
                );
            }
        }
        assert!(missing.is_empty(), "entries without a support.rs row: {missing:?}");
    }
}
