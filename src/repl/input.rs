//! Deciding when what the user typed is a complete REPL entry, as CPython's REPL does:
//! open brackets and strings continue, and a compound statement continues until an
//! empty line.

use crate::syntax::lexer::{closers, lex};
use crate::syntax::parse_file;

const COMPOUND: &[&str] = &["if", "for", "while", "def", "with", "class", "try", "async"];

/// The entry is a compound statement (`def f():`, `if x: y`, a header spanning lines…).
pub fn is_compound(first_line: &str) -> bool {
    let word: String = first_line
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    COMPOUND.contains(&word.as_str())
}

/// True while the text is unfinished (an open bracket or string, a trailing backslash)
/// and could still become valid: once it cannot, the entry ends so the error shows.
pub fn unfinished(src: &str) -> bool {
    if let Some(close) = closers(src) {
        let closed = format!("{src}{close}");
        return !matches!(parse_file(&closed, 0), Err(e) if !e.incomplete && e.span.start < src.len());
    }
    matches!(lex(src, 0), Err(e) if e.incomplete)
}

/// Whether the entry made of `lines` (newest last) needs another line.
pub fn needs_more(lines: &[String]) -> bool {
    let Some(first) = lines.first() else { return false };
    if unfinished(&lines.join("\n")) {
        return true;
    }
    // A compound statement ends with an empty line.
    is_compound(first) && lines.last().is_some_and(|l| !l.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::needs_more;

    fn more(lines: &[&str]) -> bool {
        needs_more(&lines.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn simple_statements_are_complete() {
        assert!(!more(&["x = 1"]));
        assert!(!more(&["print(x)"]));
    }

    #[test]
    fn open_brackets_and_strings_continue() {
        assert!(more(&["x = [1, 2,"]));
        assert!(!more(&["x = [1, 2,", "3]"]));
        assert!(more(&["s = \"\"\"abc"]));
        assert!(more(&["x = 1 + \\"]));
    }

    #[test]
    fn an_open_bracket_that_cannot_be_valid_ends_the_entry() {
        // CPython reports "Perhaps you forgot a comma?" here instead of waiting.
        assert!(!more(&["print((1, 2)", "y = 3"]));
    }

    #[test]
    fn compound_statements_end_with_an_empty_line() {
        assert!(more(&["def f():"]));
        assert!(more(&["def f():", "    return 1"]));
        assert!(!more(&["def f():", "    return 1", ""]));
        assert!(more(&["if x: y"]));
        assert!(more(&["def f(", "    a,", "):", "    return a"]));
        assert!(more(&["for x in [", "1, 2]:"]));
    }
}
