//! Programs whose expected output was produced by CPython 3.11
//! (`tests/reference/python/gen.py`): nt must print exactly the same, and for programs
//! ending in an uncaught error, its report's first line must be CPython's last line.

mod common;

use common::{nt_in, text};
use std::path::{Path, PathBuf};

fn programs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("reference dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py") && p.file_name().is_some_and(|n| n != "gen.py"))
        .collect();
    v.sort();
    v
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/python")
}

#[test]
fn clean_programs_print_what_cpython_prints() {
    let mut failures = Vec::new();
    let dir = root();
    let files = programs(&dir);
    assert!(files.len() >= 20, "reference corpus missing");
    for py in &files {
        let expected = std::fs::read_to_string(py.with_extension("out")).expect("expected output");
        let out = nt_in(py.parent(), &[py.to_str().unwrap_or_default()], None);
        let got = text(&out.stdout);
        if got != expected || !out.status.success() {
            failures.push(format!(
                "{}: status {:?}\n{}\n--- diff (nt vs CPython) ---\n{}",
                py.display(),
                out.status.code(),
                text(&out.stderr),
                diff(&got, &expected)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn error_programs_report_cpython_headline() {
    let mut failures = Vec::new();
    let files = programs(&root().join("errors"));
    assert!(files.len() >= 40, "error corpus missing");
    for py in &files {
        let expected_out = std::fs::read_to_string(py.with_extension("out")).expect("expected stdout");
        let expected_err = std::fs::read_to_string(py.with_extension("err")).expect("expected headline");
        let out = nt_in(py.parent(), &[py.to_str().unwrap_or_default()], None);
        let stderr = text(&out.stderr);
        let headline = stderr.lines().next().unwrap_or_default();
        if out.status.code() != Some(1) || text(&out.stdout) != expected_out || headline != expected_err.trim_end() {
            failures.push(format!(
                "{}: status {:?}\n  nt:      {headline}\n  CPython: {}",
                py.display(),
                out.status.code(),
                expected_err.trim_end()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

fn diff(got: &str, want: &str) -> String {
    let mut out = String::new();
    for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        if g != w {
            out.push_str(&format!("line {}:\n  nt:      {g}\n  CPython: {w}\n", i + 1));
        }
    }
    let (gl, wl) = (got.lines().count(), want.lines().count());
    if gl != wl {
        out.push_str(&format!("nt printed {gl} lines, CPython {wl}\n"));
    }
    out
}
