//! Issue 17: allocation beyond memory aborted the process (`memory allocation of N bytes
//! failed`, exit 134) everywhere except array creation. Under an address-space cap
//! (`prlimit --as`), every allocation in `tests/hostile/allocations.nt` — lists,
//! strings, formats, ranges, concatenations, comprehensions and doubling loops, arrays
//! and tensors — must be a `MemoryError` (or the library's own allocation error), and the session must go on to the end.

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
    // Python's MemoryError, NumPy's _ArrayMemoryError, PyTorch's allocator RuntimeError.
    let refused = |l: &str| {
        l.starts_with("MemoryError")
            || l.starts_with("numpy._core._exceptions._ArrayMemoryError: Unable to allocate")
            || l.starts_with("RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator")
    };
    let got = stdout.lines().filter(|l| refused(l)).count();
    assert_eq!(got, expect_errors, "{stdout}");
    assert!(
        stdout.contains("(1099511627776, 0)"),
        "np.eye(2**40, 0) is empty at once: {stdout}"
    );
    assert!(stdout.lines().any(|l| l == "alive"), "{stdout}");
}

/// Issue 17: `np.load` of an `.npz` inflated every member whole before parsing, so a
/// member declaring 3 floats that carries 1 GiB of zeros took 1 GiB (and aborted under a
/// cap); `np.load('/dev/zero')` read until memory ran out. Only what a header declares
/// is read now: both load under an address-space cap that leaves well under 1 GiB.
#[cfg(target_os = "linux")]
#[test]
fn np_load_reads_only_what_a_header_declares() {
    use std::io::Write;
    use std::process::Command;
    let dir = std::env::temp_dir().join(format!("nt-npz-bomb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let npz = dir.join("bomb.npz");
    {
        let mut h = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }".to_string();
        while (10 + h.len() + 1) % 64 != 0 {
            h.push(' ');
        }
        h.push('\n');
        let f = std::fs::File::create(&npz).expect("create npz");
        let mut zip = zip::ZipWriter::new(f);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("a.npy", opts).expect("member");
        zip.write_all(b"\x93NUMPY\x01\x00").expect("magic");
        zip.write_all(&(h.len() as u16).to_le_bytes()).expect("len");
        zip.write_all(h.as_bytes()).expect("header");
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..1024 {
            zip.write_all(&zeros).expect("data");
        }
        zip.finish().expect("finish");
    }
    let code = format!(
        "d = np.load('{}')\nprint(d['a'])\nnp.load('/dev/zero')",
        npz.to_string_lossy().replace('\\', "/")
    );
    let out = Command::new("prlimit")
        .args(["--as=4000000000", env!("CARGO_BIN_EXE_nt"), "-c", &code])
        .env("NO_COLOR", "1")
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    let Ok(out) = out else {
        eprintln!("skipped: no `prlimit` command (util-linux) to cap the process's memory");
        return;
    };
    assert_eq!(String::from_utf8_lossy(&out.stdout), "[0. 0. 0.]\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("ValueError: This file contains pickled (object) data."),
        "{err}"
    );
}

/// Issue 17: `np.loadtxt` read its file whole with no bound, so `/dev/zero` grew until
/// the process died. Text is read while it fits in memory: under a 64 MB limit it is a
/// `MemoryError` at once, and the session goes on.
#[cfg(target_os = "linux")]
#[test]
fn loadtxt_of_an_endless_stream_is_a_memory_error() {
    let file = std::env::temp_dir().join(format!("nt-dev-zero-{}.nt", std::process::id()));
    std::fs::write(&file, "np.loadtxt('/dev/zero')\nprint('alive')\n").expect("write script");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nt"))
        .arg("transcript")
        .arg(&file)
        .env("NT_MEMORY_LIMIT", "64000000")
        .env("NO_COLOR", "1")
        .output()
        .expect("run nt");
    let _ = std::fs::remove_file(&file);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.lines().any(|l| l == "MemoryError"), "{stdout}");
    assert!(stdout.lines().any(|l| l == "alive"), "{stdout}");
}
