//! `nt test PATH…`: transcripts as tests, as Python's doctest checks docstrings. A
//! transcript is `>>> ` input lines (continued by `... ` lines), each followed by the
//! output it must print, up to the next prompt or a blank line; `<BLANKLINE>` stands for
//! an empty output line. `.nt` files and the ```` ```nt ```` blocks of Markdown files are
//! checked, each file in one fresh session. An error's expected output is either the
//! whole report the REPL prints or only its headline (`ValueError: …`). `--bless`
//! rewrites the expected outputs in place.

use super::session::{Session, SharedBuf};
use std::path::{Path, PathBuf};

/// One `>>>` entry: where it starts (0-based line), its input, and the lines of its
/// expected output (`expected.0 .. expected.1` in the file).
struct Example {
    line: usize,
    input: Vec<String>,
    expected: (usize, usize),
}

/// The examples in `lines[from..to]` (a whole `.nt` file, or one Markdown block).
fn examples(lines: &[&str], from: usize, to: usize) -> Vec<Example> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let Some(first) = lines[i].strip_prefix(">>>") else {
            i += 1;
            continue;
        };
        let line = i;
        let mut input = vec![first.strip_prefix(' ').unwrap_or(first).to_owned()];
        i += 1;
        while i < to && (lines[i].starts_with("... ") || lines[i] == "...") {
            input.push(lines[i].get(4..).unwrap_or("").to_owned());
            i += 1;
        }
        let start = i;
        while i < to && !lines[i].starts_with(">>>") && !lines[i].trim().is_empty() {
            i += 1;
        }
        out.push(Example {
            line,
            input,
            expected: (start, i),
        });
    }
    out
}

/// The Markdown lines inside ```` ```nt ```` fences, as (first, end) ranges.
fn nt_blocks(lines: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_end();
        match open {
            None if t == "```nt" => open = Some(i + 1),
            Some(s) if t == "```" => {
                out.push((s, i));
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// What a file's examples printed, and how many failed.
pub struct Outcome {
    pub examples: usize,
    pub failures: Vec<String>,
    /// The file with every expected output replaced by what was printed.
    pub blessed: String,
}

/// Runs the examples of one file's text (`markdown`: only inside ```` ```nt ```` blocks).
pub fn check(name: &str, text: &str, markdown: bool) -> Outcome {
    let lines: Vec<&str> = text.lines().collect();
    let ranges = if markdown {
        nt_blocks(&lines)
    } else {
        vec![(0, lines.len())]
    };
    let buf = SharedBuf::default();
    let mut session = Session::new(Box::new(buf.clone()));
    let mut outcome = Outcome {
        examples: 0,
        failures: Vec::new(),
        blessed: String::new(),
    };
    let mut replaced: Vec<((usize, usize), Vec<String>)> = Vec::new();
    for (from, to) in ranges {
        for ex in examples(&lines, from, to) {
            outcome.examples += 1;
            let result = session.eval(&ex.input.join("\n"));
            let printed = buf.take();
            let (full, headline) = match &result {
                Ok(()) => (printed.clone(), None),
                Err(d) => (
                    format!("{printed}{}", session.render(d)),
                    Some(format!("{printed}{}\n", d.headline())),
                ),
            };
            let expected: Vec<String> = lines[ex.expected.0..ex.expected.1]
                .iter()
                .map(|l| {
                    if l.trim_end() == "<BLANKLINE>" {
                        String::new()
                    } else {
                        l.trim_end().to_owned()
                    }
                })
                .collect();
            let normal = |s: &str| s.lines().map(|l| l.trim_end().to_owned()).collect::<Vec<_>>();
            let matches = normal(&full) == expected || headline.as_deref().is_some_and(|h| normal(h) == expected);
            if !matches {
                let got = normal(&full);
                let mut diff = format!("{name}:{}: {}\n", ex.line + 1, ex.input[0]);
                diff += &expected.iter().map(|l| format!("  - {l}\n")).collect::<String>();
                diff += &got.iter().map(|l| format!("  + {l}\n")).collect::<String>();
                outcome.failures.push(diff);
                // Blessing keeps the short form when the expected output used it.
                let keep_headline = headline.as_deref().is_some_and(|h| expected.len() == normal(h).len());
                let new = if keep_headline {
                    normal(headline.as_deref().unwrap_or(""))
                } else {
                    got
                };
                replaced.push((ex.expected, new));
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    for ((start, end), new) in replaced {
        out.extend(lines[i..start].iter().map(|l| l.to_string()));
        out.extend(
            new.into_iter()
                .map(|l| if l.is_empty() { "<BLANKLINE>".to_owned() } else { l }),
        );
        i = end;
    }
    out.extend(lines[i..].iter().map(|l| l.to_string()));
    outcome.blessed = out.join("\n");
    if text.ends_with('\n') {
        outcome.blessed.push('\n');
    }
    outcome
}

/// The `.nt` and `.md` files under `path` (itself, if it is a file), sorted.
fn files(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            if e.is_dir() || e.extension().is_some_and(|x| x == "nt" || x == "md") {
                files(&e, out)?;
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

/// `nt test [--bless] PATH…`; returns the exit status.
pub fn main(args: &[String]) -> i32 {
    let bless = args.iter().any(|a| a == "--bless");
    let paths: Vec<&String> = args.iter().filter(|a| *a != "--bless").collect();
    if paths.is_empty() {
        eprintln!("nt: test needs a PATH (a .nt transcript, a Markdown file, or a directory)");
        return 2;
    }
    let mut all = Vec::new();
    for p in paths {
        if let Err(e) = files(Path::new(p), &mut all) {
            eprintln!("nt: can't read '{p}': {e}");
            return 2;
        }
    }
    let (mut total, mut failed, mut tested_files) = (0, 0, 0);
    for f in &all {
        let name = f.display().to_string();
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("nt: can't open file '{name}': {e}");
                return 2;
            }
        };
        let markdown = f.extension().is_some_and(|x| x == "md");
        let outcome = check(&name, &text, markdown);
        if outcome.examples > 0 {
            tested_files += 1;
        }
        total += outcome.examples;
        failed += outcome.failures.len();
        for d in &outcome.failures {
            print!("{d}");
        }
        if bless && !outcome.failures.is_empty() {
            if let Err(e) = std::fs::write(f, &outcome.blessed) {
                eprintln!("nt: can't write '{name}': {e}");
                return 2;
            }
            println!("{name}: blessed {} example(s)", outcome.failures.len());
        }
    }
    if failed == 0 || bless {
        println!(
            "{total} examples in {tested_files} files: {} failed",
            if bless { 0 } else { failed }
        );
        0
    } else {
        println!("{total} examples in {tested_files} files: {failed} failed");
        1
    }
}
