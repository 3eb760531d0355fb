//! The NumPy/PyTorch reference sessions (`tests/reference/arrays/`), run in-process and
//! compared with their `.expected` transcripts.

use std::path::Path;

fn pending(dir: &Path, list: &str) -> Vec<String> {
    std::fs::read_to_string(dir.join(list))
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Whether a gpu adapter exists (logged with `what`); without one the caller skips,
/// unless `NT_REQUIRE_GPU` makes that a failure.
#[cfg(feature = "gpu")]
pub fn gpu_present(what: &str) -> bool {
    match nt::backend::wgpu::adapter() {
        Ok(name) => {
            eprintln!("{what}: {name}");
            true
        }
        Err(e) => {
            assert!(
                std::env::var_os("NT_REQUIRE_GPU").is_none(),
                "NT_REQUIRE_GPU is set but: {e}"
            );
            eprintln!("no gpu, skipped: {e}");
            false
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
pub enum Mode {
    Cpu,
    /// Every elementwise op deferred into fused kernels, however small.
    CpuFused,
    /// The gpu as the default device.
    Gpu,
    /// The gpu without 64-bit integer shaders: a session matches if it prints the same
    /// up to its first use of float64, which must be the adapter's clear error there.
    GpuWithoutInt64,
}

pub fn check_sessions(mode: Mode) {
    // gen.py runs PyTorch with two threads, which decides how sums of more than 32768
    // elements are split (and so their bits).
    nt::realise::set_torch_threads(2);
    let gpu = matches!(mode, Mode::Gpu | Mode::GpuWithoutInt64);
    let fuse_all = mode == Mode::CpuFused;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/arrays");
    let mut pending = pending(&dir, "PENDING");
    if gpu {
        pending.extend(self::pending(&dir, "GPU_PENDING"));
    }
    if mode == Mode::GpuWithoutInt64 {
        pending.extend(self::pending(&dir, "GPU_WITHOUT_INT64_PENDING"));
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
        // Sessions that write files (files.nt) do it in a directory of their own.
        let dir = std::env::temp_dir().join(format!("nt-ref-{}-{name}-{gpu}-{fuse_all}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("session directory");
        let cwd = dir.clone();
        let got = super::big_stack(move || {
            nt::nd::device::set_default(gpu).expect("gpu device");
            if fuse_all {
                nt::realise::set_fuse_min(1);
            }
            nt::repl::transcript::transcript_in(&src, nt::repl::transcript::Errors::Headline, Some(&cwd))
        });
        let _ = std::fs::remove_dir_all(&dir);
        if std::env::var_os("NT_TIME_SESSIONS").is_some() {
            eprintln!("{name}: {:?}", t0.elapsed());
        }
        let stops_at_float64 = || {
            got.lines()
                .zip(expected.lines())
                .find(|(g, w)| g != w)
                .is_some_and(|(g, _)| g.contains("does not support float64 tensors"))
        };
        let ok = got == expected || (mode == Mode::GpuWithoutInt64 && stops_at_float64());
        match (ok, pending.contains(&name)) {
            (true, false) => passed += 1,
            (false, true) => {}
            (true, true) if got != expected => {}
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
