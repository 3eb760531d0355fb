//! `nt transcript FILE`: what a person would see typing FILE into the REPL — prompts,
//! inputs, outputs and error reports — produced by the same `Session` the REPL uses.

use super::input::{is_compound, unfinished};
use super::session::{Session, SharedBuf};

fn continues_block(line: &str) -> bool {
    let t = line.trim_start();
    line.starts_with([' ', '\t']) || ["elif ", "elif(", "else:", "else :"].iter().any(|k| t.starts_with(k))
}

/// Splits a file into the entries a user would type at the prompt. As in the REPL, an
/// empty line ends a compound statement; so does a line back at the left margin (where
/// the user would have pressed Enter on an empty line first).
pub fn entries(src: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = src.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let mut chunk = vec![lines[i].to_owned()];
        i += 1;
        while i < lines.len() {
            let next = lines[i];
            let more = unfinished(&chunk.join("\n"))
                || (is_compound(&chunk[0]) && !next.trim().is_empty() && continues_block(next));
            if !more {
                break;
            }
            chunk.push(next.to_owned());
            i += 1;
        }
        out.push(chunk);
    }
    out
}

/// How errors appear in a transcript.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Errors {
    /// The full report, as the REPL prints it.
    Report,
    /// Only CPython's last traceback line (`ValueError: …`), to compare with CPython.
    Headline,
}

pub fn transcript(src: &str) -> String {
    transcript_with(src, Errors::Report)
}

pub fn transcript_with(src: &str, errors: Errors) -> String {
    transcript_in(src, errors, None)
}

/// As `transcript_with`, with relative file paths resolving against `dir`.
pub fn transcript_in(src: &str, errors: Errors, dir: Option<&std::path::Path>) -> String {
    let buf = SharedBuf::default();
    let mut session = Session::new(Box::new(buf.clone()));
    session.interp.cwd = dir.map(std::path::Path::to_path_buf);
    let mut out = String::new();
    for chunk in entries(src) {
        for (k, line) in chunk.iter().enumerate() {
            let prompt = if k == 0 { ">>> " } else { "... " };
            out.push_str(format!("{prompt}{line}").trim_end());
            out.push('\n');
        }
        if is_compound(&chunk[0]) {
            out.push_str("...\n");
        }
        let result = session.eval(&chunk.join("\n"));
        out.push_str(&buf.take());
        if let Err(d) = result {
            match errors {
                Errors::Report => out.push_str(&session.render(&d)),
                Errors::Headline => {
                    out.push_str(&d.headline());
                    out.push('\n');
                }
            }
        }
    }
    out
}
