//! NumPy/PyTorch reference sessions (`tests/reference/arrays/`): each `.nt` file's
//! `.expected` transcript was produced by running it under CPython with real NumPy and
//! PyTorch (`gen.py`). nt must print exactly the same, errors as their headline line.
//!
//! Files named in `PENDING` exercise features later issues bring; they are checked
//! strictly the other way: one that starts passing must be taken off the list.
//!
//! The whole suite runs again with every elementwise op deferred into fused kernels, and
//! again with the gpu as the default device (as `nt --device gpu`),
//! where an adapter exists (`NT_REQUIRE_GPU=1` makes its absence a failure). The output
//! must be the same; `GPU_PENDING` names the sessions that may differ there, and why.

mod common;

use std::path::Path;

fn pending(dir: &Path, list: &str) -> Vec<String> {
    std::fs::read_to_string(dir.join(list))
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn numpy_and_pytorch_sessions_print_exactly() {
    check_sessions(false, false);
}

/// Every elementwise op deferred and fused, however small: the fused CPU kernels must
/// print what op-by-op execution prints.
#[test]
fn the_same_sessions_print_exactly_when_every_op_is_fused() {
    check_sessions(false, true);
}

#[cfg(feature = "gpu")]
#[test]
fn the_same_sessions_print_exactly_on_the_gpu() {
    match nt::backend::wgpu::adapter() {
        Ok(name) => eprintln!("reference sessions on the gpu: {name}"),
        Err(e) => {
            assert!(
                std::env::var_os("NT_REQUIRE_GPU").is_none(),
                "NT_REQUIRE_GPU is set but: {e}"
            );
            eprintln!("no gpu, skipped: {e}");
            return;
        }
    }
    check_sessions(true, false);
}

fn check_sessions(gpu: bool, fuse_all: bool) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/arrays");
    let mut pending = pending(&dir, "PENDING");
    if gpu {
        pending.extend(self::pending(&dir, "GPU_PENDING"));
    }
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("reference dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "nt"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut passed = 0;
    for path in &files {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let src = std::fs::read_to_string(path).expect("read session");
        let expected = std::fs::read_to_string(path.with_extension("expected")).expect("expected output");
        let t0 = std::time::Instant::now();
        let got = common::big_stack(move || {
            nt::interp::nd::device::set_default(gpu).expect("gpu device");
            if fuse_all {
                nt::ir::lazy::set_fuse_min(1);
            }
            nt::repl::transcript::transcript_with(&src, nt::repl::transcript::Errors::Headline)
        });
        if std::env::var_os("NT_TIME_SESSIONS").is_some() {
            eprintln!("{name}: {:?}", t0.elapsed());
        }
        let ok = got == expected;
        match (ok, pending.contains(&name)) {
            (true, false) => passed += 1,
            (false, true) => {}
            (true, true) => failures.push(format!("{name}: passes now; remove it from PENDING")),
            (false, false) => {
                let diff: Vec<String> = got
                    .lines()
                    .zip(expected.lines())
                    .enumerate()
                    .filter(|(_, (g, w))| g != w)
                    .take(5)
                    .map(|(i, (g, w))| format!("  line {}:\n    nt:    {g}\n    numpy/torch: {w}", i + 1))
                    .collect();
                failures.push(format!("{name}:\n{}", diff.join("\n")));
            }
        }
    }
    assert!(passed >= 6, "only {passed} sessions pass");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
