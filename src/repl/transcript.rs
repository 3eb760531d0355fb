//! `nt transcript FILE`: what a person would see typing FILE into the REPL — prompts,
//! inputs, outputs and error reports — produced by the same `Session` the REPL uses.

use super::input::{opens_block, unfinished};
use super::session::{Session, SharedBuf};

fn indented(line: &str) -> bool {
    line.starts_with([' ', '\t'])
}

fn continues_block(line: &str) -> bool {
    let t = line.trim_start();
    indented(line) || ["elif ", "elif:", "else:", "else :"].iter().any(|k| t.starts_with(k))
}

/// Splits a file into the entries a user would type at the prompt.
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
            if unfinished(&chunk.join("\n")) {
                chunk.push(lines[i].to_owned());
                i += 1;
                continue;
            }
            if !opens_block(&chunk[0]) {
                break;
            }
            let next = lines[i];
            if next.trim().is_empty() {
                // A blank line inside a block continues it only if the block goes on after it.
                let j = (i..lines.len()).find(|&j| !lines[j].trim().is_empty());
                match j {
                    Some(j) if continues_block(lines[j]) => {
                        chunk.push(String::new());
                        i += 1;
                        continue;
                    }
                    _ => break,
                }
            }
            if continues_block(next) {
                chunk.push(next.to_owned());
                i += 1;
                continue;
            }
            break;
        }
        out.push(chunk);
    }
    out
}

pub fn transcript(src: &str) -> String {
    let buf = SharedBuf::default();
    let mut session = Session::new(Box::new(buf.clone()));
    let mut out = String::new();
    for chunk in entries(src) {
        for (k, line) in chunk.iter().enumerate() {
            let prompt = if k == 0 { ">>> " } else { "... " };
            out.push_str(format!("{prompt}{line}").trim_end());
            out.push('\n');
        }
        if opens_block(&chunk[0]) {
            out.push_str("...\n");
        }
        let result = session.eval(&chunk.join("\n"));
        out.push_str(&buf.take());
        if let Err(d) = result {
            out.push_str(&session.render(&d));
        }
    }
    out
}
