//! Deciding when what the user typed is a complete REPL entry, as CPython's REPL does:
//! open brackets or strings continue, and a compound statement continues until a blank line.

use crate::syntax::lexer::lex;

/// The first line opens a block (`def f():`, `for x in y:`…).
pub fn opens_block(first_line: &str) -> bool {
    let code = strip_comment(first_line).trim_end();
    code.ends_with(':') && !first_line.trim_start().starts_with('#')
}

fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '#' => return &line[..i],
            None => {}
        }
    }
    line
}

/// True while the text is unfinished: an open bracket, string or trailing backslash.
pub fn unfinished(src: &str) -> bool {
    matches!(lex(src, 0), Err(e) if e.incomplete)
}

/// Whether the entry made of `lines` (newest last) needs another line.
pub fn needs_more(lines: &[String]) -> bool {
    let Some(first) = lines.first() else { return false };
    if unfinished(&lines.join("\n")) {
        return true;
    }
    // A compound statement ends with an empty line.
    opens_block(first) && lines.last().is_some_and(|l| !l.trim().is_empty())
}
