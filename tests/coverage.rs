//! How much of NumPy's and PyTorch's public surface nt has: every name in
//! `tests/reference/coverage/names/` (generated from the real libraries by
//! `gen_names.py`) is looked up in nt as a user would (`hasattr(module, name)`, or on an
//! instance for `Tensor`/`ndarray`), and the counts are printed.
//!
//! `FLOOR` holds the counts reached so far; a count below its floor fails (a name that
//! went away), so coverage only goes up. Raise the floor when it grows.

use nt::repl::session::{Session, SharedBuf};
use std::path::Path;

/// How each list is reached in an nt session.
fn subject(list: &str) -> String {
    match list {
        "Tensor" => "torch.zeros(2, 2)".to_string(),
        "ndarray" => "numpy.zeros((2, 2))".to_string(),
        m => m.to_string(),
    }
}

fn count(list: &str, names: &[(String, bool)]) -> (usize, usize, Vec<String>) {
    let buf = SharedBuf::default();
    let mut s = Session::new(Box::new(buf.clone()));
    let module = if matches!(list, "Tensor" | "ndarray") {
        "numpy"
    } else {
        list
    };
    if s.eval(&format!("import numpy\nimport torch\nimport {module}\n"))
        .is_err()
    {
        let total = names.iter().filter(|n| n.1).count();
        return (0, total, names.iter().map(|n| n.0.clone()).collect());
    }
    s.eval(&format!("_subject = {}\n", subject(list))).expect("subject");
    let (mut have, mut total, mut missing) = (0, 0, Vec::new());
    for (name, counted) in names {
        if !counted {
            continue;
        }
        total += 1;
        buf.take();
        let found = s.eval(&format!("print(hasattr(_subject, '{name}'))\n")).is_ok() && buf.take().trim() == "True";
        if found {
            have += 1;
        } else {
            missing.push(name.clone());
        }
    }
    (have, total, missing)
}

#[test]
fn public_names_of_numpy_and_pytorch_that_nt_has() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/coverage");
    let floor = std::fs::read_to_string(dir.join("FLOOR")).expect("FLOOR");
    let floor: Vec<(String, usize)> = floor
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (k, v) = l.rsplit_once(' ').expect("NAME COUNT");
            (k.trim().to_string(), v.parse().expect("count"))
        })
        .collect();
    let mut lists: Vec<String> = std::fs::read_dir(dir.join("names"))
        .expect("names/")
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".txt").map(str::to_string))
        .collect();
    lists.sort();
    let mut report = Vec::new();
    let mut below = Vec::new();
    for list in &lists {
        let text = std::fs::read_to_string(dir.join("names").join(format!("{list}.txt"))).expect("list");
        let rows: Vec<(String, Option<&str>)> = text
            .lines()
            .map(|l| match l.split_once('\t') {
                Some((n, t)) => (n.to_string(), Some(t)),
                None => (l.to_string(), None),
            })
            .collect();
        // torch.nn is measured twice: every name, and its layer and loss classes alone.
        let mut views: Vec<(String, Vec<(String, bool)>)> =
            vec![(list.clone(), rows.iter().map(|(n, _)| (n.clone(), true)).collect())];
        if rows.iter().any(|r| r.1.is_some()) {
            views.push((
                format!("{list} (Module classes)"),
                rows.iter().map(|(n, t)| (n.clone(), t.is_some())).collect(),
            ));
        }
        for (label, names) in views {
            let (have, total, missing) = count(list, &names);
            let pct = 100.0 * have as f64 / total.max(1) as f64;
            report.push(format!("{label:<40} {have:>4} / {total:<4} {pct:5.1}%"));
            if std::env::var_os("NT_COVERAGE_MISSING").is_some() {
                report.push(format!("    missing: {}", missing.join(" ")));
            }
            match floor.iter().find(|f| f.0 == label) {
                Some((_, f)) if have < *f => below.push(format!("{label}: {have} < floor {f}")),
                Some(_) => {}
                None => below.push(format!("{label}: no FLOOR line (it has {have})")),
            }
        }
    }
    eprintln!(
        "public names nt has (NT_COVERAGE_MISSING=1 lists the rest):\n{}",
        report.join("\n")
    );
    assert!(below.is_empty(), "coverage went down:\n{}", below.join("\n"));
}
