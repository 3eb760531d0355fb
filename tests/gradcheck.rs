//! Every differentiable op's gradient rule against central finite differences in
//! float64, checked by an nt program (`tests/gradcheck/gradcheck.nt`) run on each backend
//! (the CPU for now).

mod common;

#[test]
fn every_gradient_rule_matches_finite_differences() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gradcheck/gradcheck.nt");
    let out = common::nt(&[path], None);
    let text = common::text(&out.stdout);
    assert!(
        out.status.success(),
        "gradcheck.nt failed:\n{}{}",
        text,
        common::text(&out.stderr)
    );
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 35, "too few cases ran:\n{text}");
    let failed: Vec<&&str> = lines.iter().filter(|l| !l.starts_with("ok ")).collect();
    assert!(
        failed.is_empty(),
        "gradients that disagree with finite differences:\n{failed:?}"
    );
}
