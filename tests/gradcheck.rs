//! Every differentiable op's gradient rule against central finite differences in
//! float64, checked by nt programs run on each backend (the CPU, and the gpu device where
//! an adapter exists): `tests/gradcheck/gradcheck.nt` (the primitives' rules) and
//! `tests/gradcheck/nn.nt` (torch.nn.functional, the nn layers and torch's composite
//! functions) and `tests/gradcheck/special.nt` (the special functions, statistics and
//! scatter variants written in the stdlib).

mod common;

#[test]
fn every_gradient_rule_matches_finite_differences() {
    gradcheck(&[]);
}

/// The same program with the gpu as the default device: every op and gradient runs there.
#[cfg(feature = "gpu")]
#[test]
fn every_gradient_rule_matches_finite_differences_on_the_gpu() {
    if let Err(e) = nt::backend::wgpu::adapter() {
        assert!(
            std::env::var_os("NT_REQUIRE_GPU").is_none(),
            "NT_REQUIRE_GPU is set but: {e}"
        );
        eprintln!("no gpu, skipped: {e}");
        return;
    }
    gradcheck(&["--device", "gpu"]);
}

fn gradcheck(flags: &[&str]) {
    for (file, min_cases) in [("gradcheck.nt", 35), ("nn.nt", 400), ("special.nt", 37)] {
        gradcheck_file(flags, file, min_cases);
    }
}

fn gradcheck_file(flags: &[&str], file: &str, min_cases: usize) {
    let path = format!("{}/tests/gradcheck/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut args = flags.to_vec();
    args.push(&path);
    let out = common::nt(&args, None);
    let text = common::text(&out.stdout);
    assert!(
        out.status.success(),
        "{file} failed:\n{}{}",
        text,
        common::text(&out.stderr)
    );
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= min_cases, "{file}: too few cases ran:\n{text}");
    let failed: Vec<&&str> = lines.iter().filter(|l| !l.starts_with("ok ")).collect();
    assert!(
        failed.is_empty(),
        "{file}: gradients that disagree with finite differences:\n{failed:?}"
    );
}
