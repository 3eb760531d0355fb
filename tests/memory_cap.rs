//! Issue 17: allocation beyond memory aborted the process (`memory allocation of N bytes
//! failed`, exit 134) everywhere except array creation. Under an address-space cap
//! (`prlimit --as`), every allocation in `tests/hostile/allocations.nt` — lists,
//! strings, formats, ranges, concatenations, comprehensions and doubling loops, arrays
//! and tensors — must be a `MemoryError`, and the session must go on to the end.

#[cfg(target_os = "linux")]
#[test]
fn every_allocation_beyond_a_memory_cap_is_a_memory_error() {
    use std::process::Command;
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile/allocations.nt");
    // nt reserves about 3 GiB of address space for its threads' stacks; 4 GB leaves it
    // well under a gigabyte to allocate.
    let out = Command::new("prlimit")
        .args(["--as=4000000000", env!("CARGO_BIN_EXE_nt"), "transcript", file])
        .env("NO_COLOR", "1")
        .output();
    let Ok(out) = out else {
        eprintln!("skipped: no `prlimit` command (util-linux) to cap the process's memory");
        return;
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "nt died: {stderr}\n{stdout}");
    // Each entry that allocates is followed by its MemoryError (the transcript echoes
    // the entry, then its output or its error's report).
    let src = std::fs::read_to_string(file).expect("read allocations.nt");
    let mut expect_errors = 0;
    for line in src.lines() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') || l.starts_with("len(") || l.starts_with("print") {
            continue;
        }
        if line.starts_with(' ') || l.starts_with("x = [0] * 2**20") || l.starts_with("s = \"x\" * 2**20") {
            continue;
        }
        if l.starts_with("np.eye") {
            continue;
        }
        expect_errors += 1;
    }
    let got = stdout.lines().filter(|l| l.starts_with("MemoryError")).count();
    assert_eq!(got, expect_errors, "{stdout}");
    assert!(
        stdout.contains("(1099511627776, 0)"),
        "np.eye(2**40, 0) is empty at once: {stdout}"
    );
    assert!(stdout.lines().any(|l| l == "alive"), "{stdout}");
}
