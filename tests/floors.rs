//! The floors of the architecture (README, "Architecture"): each top-level module of
//! `src/` may name only the modules below it. Read from the source, so a new `use` that
//! reaches up fails here, naming the file.

use std::collections::BTreeSet;
use std::path::Path;

/// Each floor and what it may name. `memory` and `interrupt` are the ground floor (how
/// much may be allocated, whether Ctrl-C was pressed); `with_dtype`/`with_buffer` are the
/// array floor's macros (exported at the crate root). `error` names `syntax` only for its
/// plain data (`Span`, `Sym`).
const FLOORS: &[(&str, &[&str])] = &[
    ("memory", &[]),
    ("interrupt", &[]),
    ("array", &["memory", "with_dtype", "with_buffer"]),
    ("ir", &["array", "memory", "with_dtype", "with_buffer"]),
    (
        "backend",
        &["array", "ir", "interrupt", "memory", "with_dtype", "with_buffer"],
    ),
    (
        "realise",
        &[
            "array",
            "ir",
            "backend",
            "interrupt",
            "memory",
            "with_dtype",
            "with_buffer",
        ],
    ),
    ("random", &["array", "ir", "error", "realise", "memory", "with_dtype"]),
    (
        "tensor",
        &["array", "ir", "realise", "error", "interrupt", "memory", "with_dtype"],
    ),
    ("error", &["syntax", "memory"]),
];

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level modules a source file names as `crate::m` or `crate::{m, …}`.
fn named(src: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in src.match_indices("crate::") {
        let rest = &src[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let m = ident(item.trim());
                if !m.is_empty() {
                    out.insert(m);
                }
            }
        } else {
            let m = ident(rest);
            if !m.is_empty() {
                out.insert(m);
            }
        }
    }
    out
}

#[test]
fn no_floor_names_a_floor_above_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (floor, allowed) in FLOORS {
        let mut files = Vec::new();
        let dir = root.join(floor);
        if dir.is_dir() {
            sources(&dir, &mut files);
        } else {
            files.push(root.join(format!("{floor}.rs")));
        }
        assert!(!files.is_empty(), "no sources for floor {floor}");
        for f in files {
            let src = std::fs::read_to_string(&f).expect("read source");
            for m in named(&src) {
                if m != *floor && !allowed.contains(&m.as_str()) {
                    wrong.push(format!("{} names crate::{m}", f.display()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "floors crossed:\n{}", wrong.join("\n"));
}

#[test]
fn no_source_file_is_over_800_lines() {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).expect("read source").lines().count();
            (n > 800).then(|| format!("{} has {n} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}
