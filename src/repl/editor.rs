//! The terminal REPL: rustyline for line editing and history, `Session` for everything else.

use super::helper::NtHelper;
use super::input::{needs_more, unfinished};
use super::session::Session;
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{Config, Editor};
use std::io::IsTerminal;
use std::path::PathBuf;

/// `$NT_HISTORY`, else `~/.nt_history`.
pub fn history_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NT_HISTORY") {
        return Some(PathBuf::from(p));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".nt_history"))
}

/// The indentation the next line of a compound statement starts with (IPython's
/// auto-indent): the last line's, four more after a `:`, four fewer after `return`,
/// `pass`, `break`, `continue` or `raise`.
pub fn auto_indent(lines: &[String]) -> String {
    let Some(first) = lines.first() else {
        return String::new();
    };
    if !super::input::is_compound(first) {
        return String::new();
    }
    let Some(last) = lines.iter().rev().find(|l| !l.trim().is_empty()) else {
        return String::new();
    };
    let width = last.len() - last.trim_start().len();
    let code = last.split('#').next().unwrap_or("").trim_end();
    let word = code
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let width = if code.ends_with(':') {
        width + 4
    } else if ["return", "pass", "break", "continue", "raise"].contains(&word) {
        width.saturating_sub(4)
    } else {
        width
    };
    " ".repeat(width)
}

/// Runs the interactive loop until Ctrl-D. Returns the process exit status.
pub fn run(session: &mut Session) -> i32 {
    let config = Config::builder()
        .auto_add_history(false)
        .completion_type(rustyline::CompletionType::List)
        .max_history_size(10_000)
        .map(|b| b.build());
    let config = config.unwrap_or_default();
    let mut editor: Editor<NtHelper, FileHistory> = match Editor::with_config(config) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("nt: cannot start the line editor: {e}");
            return 1;
        }
    };
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    editor.set_helper(Some(NtHelper::new(session, color)));
    let history = history_path();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    println!(
        "nt {} — Python syntax, NumPy arrays, PyTorch tensors. Ctrl-D exits.",
        env!("CARGO_PKG_VERSION")
    );
    let mut lines: Vec<String> = Vec::new();
    // The entry being typed began with a pasted `>>> ` prompt.
    let mut pasted = false;
    // Consecutive failed reads.
    let (mut failures, mut last_failures) = (0u32, 0u32);
    loop {
        let prompt = if lines.is_empty() { ">>> " } else { "... " };
        let indent = if pasted { String::new() } else { auto_indent(&lines) };
        match editor.readline_with_initial(prompt, (&indent, "")) {
            Ok(line) => {
                if lines.is_empty() && line.trim().is_empty() {
                    continue;
                }
                // A bracketed paste (or a recalled block) arrives as one multi-line string;
                // pasted `>>> `/`... ` prompts go (IPython's habit).
                let multi = line.contains('\n');
                if lines.is_empty() {
                    let stripped = super::magics::strip_prompts(&line);
                    pasted = stripped != line;
                    lines.extend(stripped.split('\n').map(str::to_owned));
                } else if pasted {
                    lines.extend(line.split('\n').map(|l| super::magics::strip_prompt_line(l).to_owned()));
                } else {
                    lines.extend(line.split('\n').map(str::to_owned));
                }
                // A whole block at once runs when it is complete; typed line by line, a
                // compound statement still ends with an empty line.
                let complete = if multi {
                    !unfinished(&lines.join("\n"))
                } else {
                    !needs_more(&lines)
                };
                if !complete {
                    continue;
                }
                pasted = false;
                let src = std::mem::take(&mut lines).join("\n");
                // The whole entry is one history item, recalled and edited as a block.
                let entry = src.trim_end();
                if !entry.trim().is_empty() {
                    let _ = editor.add_history_entry(entry);
                }
                if let Err(d) = session.eval(&src) {
                    eprint!("{}", session.render(&d));
                }
            }
            Err(ReadlineError::Interrupted) => {
                // Ctrl-C abandons the entry being typed, as Python's REPL does.
                println!("KeyboardInterrupt");
                lines.clear();
                pasted = false;
            }
            Err(ReadlineError::Eof) => {
                if lines.is_empty() {
                    break;
                }
                // Ctrl-D inside a block runs what was typed.
                let src = std::mem::take(&mut lines).join("\n");
                if let Err(d) = session.eval(&src) {
                    eprint!("{}", session.render(&d));
                }
            }
            // Bytes that are not UTF-8 (a stray paste, a binary file): the entry is
            // dropped with a report, and the session goes on.
            Err(ReadlineError::Io(e)) if e.kind() == std::io::ErrorKind::InvalidData => {
                eprintln!("nt: the line typed is not valid UTF-8; it was not run ({e})");
                lines.clear();
                failures += 1;
            }
            Err(e) => {
                eprintln!("nt: cannot read the line typed: {e}");
                lines.clear();
                failures += 1;
            }
        }
        if failures > 0 && failures == last_failures {
            failures = 0;
        }
        // A terminal that keeps failing (gone, closed) ends the session.
        if failures >= 10 {
            break;
        }
        last_failures = failures;
        if let Some(h) = &history {
            let _ = editor.append_history(h);
        }
        if session.quit {
            break;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::auto_indent;

    fn indent(lines: &[&str]) -> usize {
        auto_indent(&lines.iter().map(|s| s.to_string()).collect::<Vec<_>>()).len()
    }

    #[test]
    fn blocks_indent_after_a_colon_and_dedent_after_return() {
        assert_eq!(indent(&["def f(x):"]), 4);
        assert_eq!(indent(&["def f(x):", "    if x:"]), 8);
        assert_eq!(indent(&["def f(x):", "    if x:", "        return 1"]), 4);
        assert_eq!(indent(&["for i in range(3):", "    print(i)  # a comment:"]), 4);
        assert_eq!(indent(&["x = [1,"]), 0);
    }
}
