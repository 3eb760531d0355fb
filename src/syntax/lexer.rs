//! Source text → tokens, with Python's logical lines: NEWLINE ends a statement, INDENT and
//! DEDENT bracket blocks, and newlines inside brackets or after `\` are ignored.

use super::SyntaxError;
use super::source::{Span, span};
use super::symbol::Sym;
use super::token::{FPart, KEYWORDS, OPERATORS, Tok};
use std::rc::Rc;

/// Python's tokenizer refuses deeper nesting; so do we, long before the parser's stack is at risk.
const MAX_BRACKET_DEPTH: usize = 200;

pub type Spanned = (Tok, Span);

pub fn lex(src: &str, base: usize) -> Result<Vec<Spanned>, SyntaxError> {
    let mut lx = Lexer {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        base,
        toks: Vec::new(),
        brackets: Vec::new(),
        indents: vec![(0, 0)],
    };
    lx.run()?;
    Ok(lx.toks)
}

/// For text that ends inside brackets: the closing brackets it still needs, innermost first.
pub fn closers(src: &str) -> Option<String> {
    let mut lx = Lexer {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        base: 0,
        toks: Vec::new(),
        brackets: Vec::new(),
        indents: vec![(0, 0)],
    };
    match lx.run() {
        Err(e) if e.incomplete && e.msg.ends_with("was never closed") => Some(
            lx.brackets
                .iter()
                .rev()
                .map(|(c, _)| match c {
                    b'(' => ')',
                    b'[' => ']',
                    _ => '}',
                })
                .collect(),
        ),
        _ => None,
    }
}

struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    base: usize,
    toks: Vec<Spanned>,
    brackets: Vec<(u8, usize)>,
    /// Open indentation levels: the width with tabs to 8 columns, and with tabs as 1
    /// (CPython compares both; where they disagree the indentation is a TabError).
    indents: Vec<(usize, usize)>,
}

impl<'a> Lexer<'a> {
    fn sp(&self, start: usize, end: usize) -> Span {
        span(self.base + start, self.base + end)
    }

    fn err(&self, start: usize, end: usize, msg: impl Into<String>) -> SyntaxError {
        SyntaxError::new("SyntaxError", msg, self.sp(start, end))
    }

    fn line_of(&self, pos: usize) -> usize {
        self.src[..pos.min(self.src.len())].matches('\n').count() + 1
    }

    fn peek(&self, ahead: usize) -> u8 {
        self.bytes.get(self.pos + ahead).copied().unwrap_or(0)
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        let mut at_line_start = true;
        loop {
            if at_line_start && self.brackets.is_empty() {
                if !self.indentation()? {
                    break;
                }
                at_line_start = false;
            }
            // Skip spaces, comments and continuation lines within a logical line.
            loop {
                match self.peek(0) {
                    b' ' | b'\t' | b'\x0c' => self.pos += 1,
                    b'#' => {
                        while !matches!(self.peek(0), b'\n' | 0) {
                            self.pos += 1;
                        }
                    }
                    b'\\' if self.peek(1) == b'\n' || (self.peek(1) == b'\r' && self.peek(2) == b'\n') => {
                        self.pos += if self.peek(1) == b'\r' { 3 } else { 2 };
                        if self.pos >= self.bytes.len() {
                            return Err(self
                                .err(self.pos - 1, self.pos, "unexpected EOF while parsing")
                                .incomplete());
                        }
                    }
                    b'\\' if self.pos + 1 >= self.bytes.len() => {
                        return Err(self
                            .err(self.pos, self.pos + 1, "unexpected EOF while parsing")
                            .incomplete());
                    }
                    b'\r' if self.peek(1) == b'\n' => self.pos += 1,
                    _ => break,
                }
            }
            let c = self.peek(0);
            if self.pos >= self.bytes.len() {
                break;
            }
            if c == b'\n' {
                self.pos += 1;
                if self.brackets.is_empty() {
                    if matches!(self.toks.last(), Some((t, _)) if *t != Tok::Newline && *t != Tok::Indent && *t != Tok::Dedent)
                    {
                        self.toks.push((Tok::Newline, self.sp(self.pos - 1, self.pos)));
                    }
                    at_line_start = true;
                }
                continue;
            }
            self.token()?;
        }
        if let Some(&(ch, at)) = self.brackets.last() {
            return Err(self
                .err(at, at + 1, format!("'{}' was never closed", ch as char))
                .incomplete());
        }
        let end = self.bytes.len();
        if matches!(self.toks.last(), Some((t, _)) if *t != Tok::Newline && *t != Tok::Dedent) {
            self.toks.push((Tok::Newline, self.sp(end, end)));
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.toks.push((Tok::Dedent, self.sp(end, end)));
        }
        Ok(())
    }

    /// Measures the indentation of the next non-blank line and emits INDENT/DEDENT.
    /// Returns false at end of input.
    fn indentation(&mut self) -> Result<bool, SyntaxError> {
        loop {
            let start = self.pos;
            let mut width = 0usize;
            let mut alt = 0usize;
            loop {
                match self.peek(0) {
                    b' ' => {
                        width += 1;
                        alt += 1;
                    }
                    b'\t' => {
                        width = (width / 8 + 1) * 8;
                        alt += 1;
                    }
                    b'\x0c' => {
                        width = 0;
                        alt = 0;
                    }
                    _ => break,
                }
                self.pos += 1;
            }
            match self.peek(0) {
                0 if self.pos >= self.bytes.len() => return Ok(false),
                b'\n' => {
                    self.pos += 1;
                    continue;
                }
                b'\r' if self.peek(1) == b'\n' => {
                    self.pos += 2;
                    continue;
                }
                b'#' => {
                    while !matches!(self.peek(0), b'\n' | 0) {
                        self.pos += 1;
                    }
                    continue;
                }
                _ => {}
            }
            let here = self.sp(start, self.pos);
            let tab_error = || SyntaxError::new("TabError", "inconsistent use of tabs and spaces in indentation", here);
            let (top, top_alt) = self.indents.last().copied().unwrap_or((0, 0));
            if width == top {
                if alt != top_alt {
                    return Err(tab_error());
                }
            } else if width > top {
                if alt <= top_alt {
                    return Err(tab_error());
                }
                self.indents.push((width, alt));
                self.toks.push((Tok::Indent, self.sp(start, self.pos)));
            } else {
                while self.indents.last().map_or(0, |l| l.0) > width {
                    self.indents.pop();
                    self.toks.push((Tok::Dedent, self.sp(self.pos, self.pos)));
                }
                let (level, level_alt) = self.indents.last().copied().unwrap_or((0, 0));
                if level != width {
                    return Err(SyntaxError::new(
                        "IndentationError",
                        "unindent does not match any outer indentation level",
                        self.sp(start, self.pos),
                    ));
                }
                if level_alt != alt {
                    return Err(tab_error());
                }
            }
            return Ok(true);
        }
    }

    fn token(&mut self) -> Result<(), SyntaxError> {
        let start = self.pos;
        let c = self.peek(0);
        let rest = &self.src[self.pos..];
        let first = rest.chars().next().unwrap_or('\0');
        if first.is_alphabetic() || first == '_' {
            let len = rest
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
                .unwrap_or(rest.len());
            let word = &rest[..len];
            let quote = self.bytes.get(start + len).copied();
            if matches!(quote, Some(b'\'' | b'"')) && len <= 2 {
                let lower = word.to_ascii_lowercase();
                if matches!(lower.as_str(), "r" | "f" | "rf" | "fr" | "u" | "b" | "br" | "rb") {
                    self.pos += len;
                    if lower.contains('b') {
                        return self.bytes_literal(start, lower.contains('r'));
                    }
                    return self.string(start, lower.contains('r'), lower.contains('f'));
                }
            }
            self.pos += len;
            let tok = match KEYWORDS.iter().find(|k| **k == word) {
                Some(k) => Tok::Kw(k),
                None => Tok::Name(Sym::new(word)),
            };
            self.toks.push((tok, self.sp(start, self.pos)));
            return Ok(());
        }
        if c.is_ascii_digit() || (c == b'.' && self.peek(1).is_ascii_digit()) {
            return self.number();
        }
        if c == b'\'' || c == b'"' {
            return self.string(start, false, false);
        }
        if let Some(op) = OPERATORS.iter().find(|op| rest.starts_with(**op)) {
            self.pos += op.len();
            match c {
                b'(' | b'[' | b'{' => {
                    if self.brackets.len() >= MAX_BRACKET_DEPTH {
                        return Err(self.err(start, self.pos, "too many nested parentheses"));
                    }
                    self.brackets.push((c, start));
                }
                b')' | b']' | b'}' => match self.brackets.pop() {
                    None => return Err(self.err(start, self.pos, format!("unmatched '{}'", c as char))),
                    Some((open, at)) => {
                        let want = match open {
                            b'(' => b')',
                            b'[' => b']',
                            _ => b'}',
                        };
                        if want != c {
                            let msg = if self.line_of(at) == self.line_of(start) {
                                format!(
                                    "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                    c as char, open as char
                                )
                            } else {
                                format!(
                                    "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                                    c as char,
                                    open as char,
                                    self.line_of(at)
                                )
                            };
                            return Err(self.err(start, self.pos, msg));
                        }
                    }
                },
                _ => {}
            }
            self.toks.push((Tok::Op(op), self.sp(start, self.pos)));
            return Ok(());
        }
        let len = first.len_utf8().max(1);
        Err(self.err(
            start,
            start + len,
            format!("invalid character '{first}' (U+{:04X})", first as u32),
        ))
    }

    fn number(&mut self) -> Result<(), SyntaxError> {
        let start = self.pos;
        let b = self.bytes;
        let digits = |pos: &mut usize, ok: &dyn Fn(u8) -> bool| {
            while *pos < b.len() && (ok(b[*pos]) || (b[*pos] == b'_' && *pos + 1 < b.len() && ok(b[*pos + 1]))) {
                *pos += 1;
            }
        };
        let mut pos = self.pos;
        if b[pos] == b'0' && matches!(b.get(pos + 1), Some(b'x' | b'X' | b'o' | b'O' | b'b' | b'B')) {
            let radix = match b[pos + 1] | 0x20 {
                b'x' => 16,
                b'o' => 8,
                _ => 2,
            };
            pos += 2;
            if b.get(pos) == Some(&b'_') {
                pos += 1;
            }
            let body_start = pos;
            digits(&mut pos, &|c: u8| (c as char).is_digit(radix));
            self.pos = pos;
            self.check_number_end(start)?;
            let text: String = self.src[body_start..pos].chars().filter(|&c| c != '_').collect();
            if text.is_empty() {
                return Err(self.err(start, pos, "invalid number literal"));
            }
            let tok = match i64::from_str_radix(&text, radix) {
                Ok(n) => Tok::Int(n),
                Err(_) => match num_bigint::BigInt::parse_bytes(text.as_bytes(), radix) {
                    Some(b) => Tok::BigInt(b.to_string().into()),
                    None => return Err(self.err(start, pos, "invalid number literal")),
                },
            };
            self.toks.push((tok, self.sp(start, pos)));
            return Ok(());
        }
        digits(&mut pos, &|c: u8| c.is_ascii_digit());
        let mut is_float = false;
        if b.get(pos) == Some(&b'.') {
            is_float = true;
            pos += 1;
            digits(&mut pos, &|c: u8| c.is_ascii_digit());
        }
        if matches!(b.get(pos), Some(b'e' | b'E')) {
            let mut p = pos + 1;
            if matches!(b.get(p), Some(b'+' | b'-')) {
                p += 1;
            }
            if b.get(p).is_some_and(|c| c.is_ascii_digit()) {
                is_float = true;
                pos = p;
                digits(&mut pos, &|c: u8| c.is_ascii_digit());
            }
        }
        self.pos = pos;
        if matches!(b.get(pos), Some(b'j' | b'J')) {
            self.pos = pos + 1;
            if let Some(c) = self.src[self.pos..].chars().next()
                && (c.is_alphanumeric() || c == '_')
            {
                return Err(self.err(start, self.pos + c.len_utf8(), "invalid imaginary literal"));
            }
            let text: String = self.src[start..pos].chars().filter(|&c| c != '_').collect();
            let x: f64 = text
                .parse()
                .map_err(|_| self.err(start, pos, "invalid imaginary literal"))?;
            self.toks.push((Tok::Imag(x), self.sp(start, pos + 1)));
            return Ok(());
        }
        self.check_number_end(start)?;
        let text: String = self.src[start..pos].chars().filter(|&c| c != '_').collect();
        if is_float {
            let x: f64 = text
                .parse()
                .map_err(|_| self.err(start, pos, "invalid float literal"))?;
            self.toks.push((Tok::Float(x), self.sp(start, pos)));
        } else {
            if text.len() > 1 && text.starts_with('0') && text.bytes().any(|c| c != b'0') {
                return Err(self.err(
                    start,
                    pos,
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                ));
            }
            let tok = match text.parse::<i64>() {
                Ok(n) => Tok::Int(n),
                Err(_) => Tok::BigInt(text.trim_start_matches('0').into()),
            };
            self.toks.push((tok, self.sp(start, pos)));
        }
        Ok(())
    }

    fn check_number_end(&self, start: usize) -> Result<(), SyntaxError> {
        let next = self.src[self.pos..].chars().next();
        match next {
            Some(c) if c.is_alphanumeric() || c == '_' => {
                Err(self.err(start, self.pos + c.len_utf8(), "invalid decimal literal"))
            }
            _ => Ok(()),
        }
    }

    /// A string literal starting at `self.pos` (the opening quote); `start` includes any prefix.
    fn string(&mut self, start: usize, raw: bool, fstring: bool) -> Result<(), SyntaxError> {
        let q = self.peek(0);
        let triple = self.peek(1) == q && self.peek(2) == q;
        let qlen = if triple { 3 } else { 1 };
        self.pos += qlen;
        let body_start = self.pos;
        let body_end;
        loop {
            if self.pos >= self.bytes.len() {
                let what = if triple {
                    "unterminated triple-quoted string literal"
                } else {
                    "unterminated string literal"
                };
                let line = self.line_of(self.bytes.len());
                let e = self.err(start, start + qlen, format!("{what} (detected at line {line})"));
                return Err(if triple { e.incomplete() } else { e });
            }
            let c = self.bytes[self.pos];
            if c == b'\\' {
                self.pos += 2;
                continue;
            }
            if c == b'\n' && !triple {
                let line = self.line_of(start);
                return Err(self.err(
                    start,
                    self.pos,
                    format!("unterminated string literal (detected at line {line})"),
                ));
            }
            if c == q && (!triple || (self.peek(1) == q && self.peek(2) == q)) {
                body_end = self.pos;
                self.pos += qlen;
                break;
            }
            self.pos += 1;
        }
        let whole = self.sp(start, self.pos);
        let from_bytes = self
            .bytes
            .get(start..body_start)
            .is_some_and(|p| p.iter().any(|c| matches!(c, b'b' | b'B')));
        if !from_bytes && matches!(self.toks.last(), Some((Tok::Bytes(_), _))) {
            return Err(self.err(start, self.pos, "cannot mix bytes and nonbytes literals"));
        }
        if fstring {
            let parts = self.fstring_parts(body_start, body_end, raw)?;
            self.toks.push((Tok::FStr(Rc::new(parts)), whole));
        } else {
            let text = unescape(&self.src[body_start..body_end], raw)
                .map_err(|(off, msg)| self.err(body_start + off, body_start + off + 2, msg))?;
            self.toks.push((Tok::Str(text.into()), whole));
        }
        Ok(())
    }

    /// A bytes literal: lexed as a str literal, then its body decoded to bytes.
    fn bytes_literal(&mut self, start: usize, raw: bool) -> Result<(), SyntaxError> {
        let body_at = self.pos;
        self.string(start, true, false)?;
        let Some((Tok::Str(_), whole)) = self.toks.pop() else {
            return Err(self.err(start, self.pos, "invalid bytes literal"));
        };
        let q = self.bytes[body_at];
        let triple = self.bytes.get(body_at + 1) == Some(&q) && self.bytes.get(body_at + 2) == Some(&q);
        let qlen = if triple { 3 } else { 1 };
        let body = &self.src[body_at + qlen..self.pos - qlen];
        let value = crate::value::bytes::unescape(body, raw)
            .map_err(|(off, msg)| self.err(body_at + qlen + off, body_at + qlen + off + 1, msg))?;
        if matches!(self.toks.last(), Some((Tok::Str(_) | Tok::FStr(_), _))) {
            return Err(self.err(start, self.pos, "cannot mix bytes and nonbytes literals"));
        }
        self.toks.push((Tok::Bytes(value.into()), whole));
        Ok(())
    }

    /// Splits an f-string body into literal text and `{expr!conv:spec}` fields.
    fn fstring_parts(&self, from: usize, to: usize, raw: bool) -> Result<Vec<FPart>, SyntaxError> {
        let mut parts = Vec::new();
        let mut lit_start = from;
        let mut lit = String::new();
        let mut i = from;
        let b = self.bytes;
        let flush_lit = |lit: &mut String, a: usize, z: usize| -> Result<(), SyntaxError> {
            let text = unescape(&self.src[a..z], raw).map_err(|(off, msg)| self.err(a + off, a + off + 2, msg))?;
            lit.push_str(&text);
            Ok(())
        };
        while i < to {
            match b[i] {
                b'{' if b.get(i + 1) == Some(&b'{') && i + 1 < to => {
                    flush_lit(&mut lit, lit_start, i + 1)?;
                    i += 2;
                    lit_start = i;
                }
                b'}' if b.get(i + 1) == Some(&b'}') && i + 1 < to => {
                    flush_lit(&mut lit, lit_start, i + 1)?;
                    i += 2;
                    lit_start = i;
                }
                b'}' => return Err(self.err(i, i + 1, "f-string: single '}' is not allowed")),
                b'{' => {
                    flush_lit(&mut lit, lit_start, i)?;
                    if !lit.is_empty() {
                        parts.push(FPart::Lit(std::mem::take(&mut lit)));
                    }
                    let (field, next) = self.fstring_field(i, to, raw)?;
                    parts.push(field);
                    i = next;
                    lit_start = i;
                }
                b'\\' if !raw => i += 2,
                _ => i += 1,
            }
        }
        flush_lit(&mut lit, lit_start, to.max(lit_start))?;
        if !lit.is_empty() {
            parts.push(FPart::Lit(lit));
        }
        Ok(parts)
    }

    /// Parses the field opening at `open` (a `{`); returns it and the index after its `}`.
    fn fstring_field(&self, open: usize, to: usize, raw: bool) -> Result<(FPart, usize), SyntaxError> {
        let b = self.bytes;
        let expr_start = open + 1;
        let mut i = expr_start;
        let mut depth = 0usize;
        let mut quote: Option<u8> = None;
        while i < to {
            let c = b[i];
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                i += 1;
                continue;
            }
            match c {
                b'\'' | b'"' => quote = Some(c),
                b'\\' => return Err(self.err(i, i + 1, "f-string expression part cannot include a backslash")),
                b'#' => return Err(self.err(i, i + 1, "f-string expression part cannot include '#'")),
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' => depth = depth.saturating_sub(1),
                b'}' if depth > 0 => depth -= 1,
                b'}' | b':' if depth == 0 => break,
                b'!' if depth == 0 && b.get(i + 1) != Some(&b'=') => break,
                _ => {}
            }
            i += 1;
        }
        if i >= to {
            return Err(self.err(open, to, "f-string: expecting '}'"));
        }
        let mut expr = &self.src[expr_start..i];
        let mut debug = None;
        let trimmed = expr.trim_end();
        if trimmed.ends_with('=') && !["==", "!=", "<=", ">="].iter().any(|op| trimmed.ends_with(op)) {
            debug = Some(expr.to_owned());
            expr = &trimmed[..trimmed.len() - 1];
        }
        if expr.trim().is_empty() {
            return Err(self.err(open, i + 1, "f-string: empty expression not allowed"));
        }
        let mut conv = None;
        if b[i] == b'!' {
            let c = b.get(i + 1).copied().unwrap_or(0);
            if !matches!(c, b'r' | b's' | b'a') {
                return Err(self.err(
                    i,
                    i + 2,
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                ));
            }
            conv = Some(c as char);
            i += 2;
        }
        let mut spec = Vec::new();
        if i < to && b[i] == b':' {
            // The spec runs to the matching '}' and may hold nested fields.
            let spec_start = i + 1;
            let mut j = spec_start;
            let mut nest = 0usize;
            while j < to {
                match b[j] {
                    b'{' => nest += 1,
                    b'}' if nest == 0 => break,
                    b'}' => nest -= 1,
                    _ => {}
                }
                j += 1;
            }
            if j >= to {
                return Err(self.err(open, to, "f-string: expecting '}'"));
            }
            spec = self.fstring_parts(spec_start, j, raw)?;
            i = j;
        }
        if i >= to || b[i] != b'}' {
            return Err(self.err(open, i.min(to), "f-string: expecting '}'"));
        }
        let field = FPart::Field {
            expr: expr.to_owned(),
            offset: self.base + expr_start,
            debug,
            conv,
            spec,
        };
        Ok((field, i + 1))
    }
}

/// Processes backslash escapes; on error returns the byte offset of the backslash and a message.
fn unescape(s: &str, raw: bool) -> Result<String, (usize, String)> {
    if raw || !s.contains('\\') {
        return Ok(s.replace("\r\n", "\n"));
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c != '\\' {
            if c != '\r' {
                out.push(c);
            }
            continue;
        }
        let Some((_, e)) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&(_, d)) if d.is_digit(8) => {
                            v = v * 8 + d.to_digit(8).unwrap_or(0);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'N' => {
                return Err((
                    at,
                    "named Unicode escapes (\\N{...}) are not supported in nt; use \\u or \\U".into(),
                ));
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v = 0u32;
                for _ in 0..n {
                    match chars.next() {
                        Some((_, d)) if d.is_ascii_hexdigit() => v = v * 16 + d.to_digit(16).unwrap_or(0),
                        _ => {
                            let what = match e {
                                'x' => "truncated \\xXX escape",
                                'u' => "truncated \\uXXXX escape",
                                _ => "truncated \\UXXXXXXXX escape",
                            };
                            return Err((
                                at,
                                format!("(unicode error) 'unicodeescape' codec can't decode bytes: {what}"),
                            ));
                        }
                    }
                }
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err((
                            at,
                            "(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character"
                                .into(),
                        ));
                    }
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}
