//! The terminal REPL: rustyline for line editing and history, `Session` for everything else.

use super::helper::NtHelper;
use super::input::needs_more;
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
    // Consecutive failed reads.
    let (mut failures, mut last_failures) = (0u32, 0u32);
    loop {
        let prompt = if lines.is_empty() { ">>> " } else { "... " };
        match editor.readline(prompt) {
            Ok(line) => {
                if lines.is_empty() && line.trim().is_empty() {
                    continue;
                }
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                }
                // A bracketed paste arrives as one multi-line string.
                lines.extend(line.split('\n').map(str::to_owned));
                if needs_more(&lines) {
                    continue;
                }
                let src = std::mem::take(&mut lines).join("\n");
                if let Err(d) = session.eval(&src) {
                    eprint!("{}", session.render(&d));
                }
            }
            Err(ReadlineError::Interrupted) => {
                // Ctrl-C abandons the entry being typed, as Python's REPL does.
                println!("KeyboardInterrupt");
                lines.clear();
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
