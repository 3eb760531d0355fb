//! The error corpus (`tests/errors/*.nt`): hundreds of bad snippets, each run in a fresh
//! session. Every one must fail with a diagnostic that points at the source (a span), be
//! neither a panic nor an "internal error", and leave the session usable. The reports
//! are snapshot-tested, so a change in what users see shows up as a diff.

mod common;

use nt::repl::session::{Session, SharedBuf};

const SEPARATOR: &str = "\n# ---\n";

/// The snippets of one corpus file (its first line is a comment saying what it covers).
fn snippets(text: &str) -> Vec<String> {
    let body = text.split_once('\n').map_or("", |(_, rest)| rest);
    body.split(SEPARATOR)
        .map(|s| s.trim_end().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Runs one snippet; returns its report, or a description of what went wrong.
fn report(snippet: &str, dir: &std::path::Path) -> Result<String, String> {
    let buf = SharedBuf::default();
    let mut s = Session::new(Box::new(buf.clone()));
    s.interp.cwd = Some(dir.to_path_buf());
    let d = match s.eval(&format!("{snippet}\n")) {
        Ok(()) => return Err(format!("no error:\n{snippet}\nprinted: {}", buf.take())),
        Err(d) => d,
    };
    let text = s.render(&d);
    if text.contains("internal error") || d.kind == "SystemError" {
        return Err(format!("internal error:\n{snippet}\n{text}"));
    }
    if d.span.is_none() || !text.contains("╭─[") {
        return Err(format!("no source span:\n{snippet}\n{text}"));
    }
    // The session survives: it still evaluates code afterwards.
    s.eval("_after = 1 + 1\n")
        .map_err(|e| format!("session broken after:\n{snippet}\n{}", e.headline()))?;
    Ok(format!("{}{}", buf.take(), text))
}

fn run_corpus(name: &str, text: &str) -> (usize, String, Vec<String>) {
    let dir = std::env::temp_dir().join(format!("nt-errors-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut out = String::new();
    let mut failures = Vec::new();
    let list = snippets(text);
    for (i, snippet) in list.iter().enumerate() {
        if std::env::var_os("NT_ERRORS_VERBOSE").is_some() {
            eprintln!("{name} #{}: {snippet}", i + 1);
        }
        match report(snippet, &dir) {
            Ok(r) => out += &format!("── {} ──\n{snippet}\n{r}\n", i + 1),
            Err(e) => failures.push(e),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    (list.len(), out, failures)
}

#[test]
fn every_bad_snippet_is_a_clear_error_with_a_span() {
    let mut total = 0;
    let mut all_failures = Vec::new();
    insta::glob!("errors/*.nt", |path| {
        let text = std::fs::read_to_string(path).expect("read corpus");
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("corpus").to_owned();
        let (n, out, failures) = common::big_stack(move || run_corpus(&name, &text));
        all_failures.extend(failures);
        total += n;
        insta::assert_snapshot!(out);
    });
    assert!(
        all_failures.is_empty(),
        "{} snippets failed:\n\n{}",
        all_failures.len(),
        all_failures.join("\n\n")
    );
    assert!(total >= 300, "the corpus has {total} snippets");
}

/// Pathological input built here: deep nesting of every kind is an error, not a crash.
#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let cases = [
        format!("x = {}1{}", "(".repeat(10_000), ")".repeat(10_000)),
        format!("x = {}1{}", "[".repeat(10_000), "]".repeat(10_000)),
        format!("x = {}1", "-".repeat(10_000)),
        format!("x = {}True", "not ".repeat(10_000)),
        format!("x = {}", vec!["1"; 10_000].join(" ** ")),
        format!("x = {}0{}", "{0: ".repeat(5_000), "}".repeat(5_000)),
        format!("x = {}", "(".repeat(10_000)),
        (0..200)
            .map(|i| format!("{}if True:\n", "    ".repeat(i)))
            .collect::<String>()
            + &"    ".repeat(200)
            + "x = 1\n",
    ];
    for code in cases {
        let head: String = code.chars().take(40).collect();
        let r = common::big_stack(move || {
            let buf = SharedBuf::default();
            let mut s = Session::new(Box::new(buf.clone()));
            let r = s.eval(&code).map_err(|d| (d.kind.clone(), d.span.is_some()));
            let after = s.eval("_after = 1\n").is_ok();
            (r, after)
        });
        match r {
            (Err((kind, spanned)), true) => {
                assert!(kind != "SystemError" && spanned, "{head}…: {kind}");
            }
            (Ok(()), true) => {}
            (r, after) => panic!("{head}…: {r:?}, session usable afterwards: {after}"),
        }
    }
}

#[test]
fn invalid_utf8_in_a_script_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("nt-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bad.nt");
    std::fs::write(&path, b"x = 1\nprint('\xff\xfe')\n").expect("write");
    let out = common::nt(&[&path.to_string_lossy()], None);
    let err = common::text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("UTF-8") && err.contains("bad.nt"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
