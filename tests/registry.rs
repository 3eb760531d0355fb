//! The registry walk: every function and method nt exposes, called with a made-up
//! keyword (alone, and after arguments the real function accepts), must raise what the
//! real NumPy/PyTorch raise (`tests/reference/registry/calls.txt`, from gen_calls.py,
//! which adds a few calls whose binding the implementation does itself).
//! `TEXT_PENDING` lists the calls whose exception type matches but whose text does not
//! yet; every call must raise the library's exception type.

use nt::repl::session::{Session, SharedBuf};
use std::path::Path;

#[test]
fn every_registry_entry_refuses_a_made_up_keyword() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/registry");
    let calls = std::fs::read_to_string(dir.join("calls.txt")).expect("calls.txt");
    let pending: Vec<String> = std::fs::read_to_string(dir.join("TEXT_PENDING"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    let prelude = calls
        .lines()
        .find_map(|l| l.strip_prefix("# prelude: "))
        .expect("prelude line");
    let (mut exact, mut total) = (0, 0);
    let mut failures = Vec::new();
    let mut now_exact = Vec::new();
    let mut keys = std::collections::BTreeSet::new();
    for line in calls.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.splitn(4, '\t').collect();
        let [key, src, kind, msg] = f[..] else {
            panic!("bad line {line:?}");
        };
        let msg = msg.replace("\\n", "\n").replace("\\\\", "\\");
        keys.insert(key);
        total += 1;
        let mut s = Session::new(Box::new(SharedBuf::default()));
        s.eval(prelude).expect("prelude runs");
        let got = match s.eval(src) {
            Ok(()) => ("no error".to_string(), String::new()),
            Err(d) => (d.kind.clone(), d.message.clone()),
        };
        let is_pending = pending.iter().any(|p| p == src);
        if got.0 != kind {
            failures.push(format!(
                "{src}\n  expected {kind}: {msg}\n  got      {}: {}",
                got.0, got.1
            ));
        } else if got.1 == msg {
            exact += 1;
            if is_pending {
                now_exact.push(src.to_string());
            }
        } else if !is_pending {
            eprintln!("text differs\t{src}");
            failures.push(format!(
                "{src}\n  expected {kind}: {msg}\n  got      {}: {}",
                got.0, got.1
            ));
        }
    }
    eprintln!(
        "registry: {} entries, {total} calls, {exact} with the library's exact text",
        keys.len()
    );
    assert!(
        failures.is_empty(),
        "{} calls differ from the library:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        now_exact.is_empty(),
        "now exact, remove from TEXT_PENDING: {now_exact:?}"
    );
}

#[test]
fn every_exposed_function_and_method_is_registered() {
    let reg = nt::nd::registry::registry();
    let names = nt::nd::module::exposed();
    let missing: Vec<String> = names
        .iter()
        .filter(|(form, name)| reg.get(form, name).is_none())
        .map(|(f, n)| format!("{f}.{n}"))
        .collect();
    assert!(missing.is_empty(), "not in the registry: {missing:?}");
}

/// Every public name in the registry has a help() entry (stdlib/help.md or
/// stdlib/help/*.md) with at least one example, whose output `nt test` checks against
/// the real library (tests/doctest.rs); or it is listed in stdlib/help/MISSING-*.txt with
/// the nt behaviour that keeps its example from passing (a list that must only shrink).
#[test]
fn every_registry_name_has_a_help_entry_with_an_example() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut help = std::fs::read_to_string(root.join("stdlib/help.md")).expect("help.md");
    let mut missing = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(root.join("stdlib/help")).expect("stdlib/help") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("help file");
        if path.extension().is_some_and(|e| e == "md") {
            help.push_str(&text);
        } else if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("MISSING-"))
        {
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let (name, why) = line.split_once('\t').expect("MISSING lines are name<TAB>reason");
                assert!(!why.trim().is_empty(), "{name}: a MISSING name says why");
                missing.insert(name.to_string(), why.to_string());
            }
        }
    }
    let registry = std::fs::read_to_string(root.join("src/nd/registry/signatures.txt")).expect("signatures");
    let mut without = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    for line in registry.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let name = line.split('\t').next().expect("name");
        if !names.insert(name) {
            continue;
        }
        let head = format!("\n## {name}\n");
        let body = help.find(&head).map(|at| {
            let rest = &help[at + head.len()..];
            &rest[..rest.find("\n## ").unwrap_or(rest.len())]
        });
        let has_example = body.is_some_and(|b| b.contains("```nt\n>>> "));
        match (has_example, missing.contains_key(name)) {
            (true, true) => panic!("{name} has a help entry and is still listed in MISSING"),
            (true, false) | (false, true) => {}
            (false, false) => without.push(name),
        }
    }
    assert!(
        without.is_empty(),
        "registry names without a help entry and example: {without:?}"
    );
    for name in missing.keys() {
        assert!(
            names.contains(name.as_str()),
            "MISSING lists {name}, which is not in the registry"
        );
    }
    assert!(names.len() > 700, "{}", names.len());
}
