//! `nt test`: the README's, docs/' and help()'s ```` ```nt ```` examples pass, a wrong expected output is
//! reported with its file and line and exit status 1, and `--bless` rewrites it.

mod common;

use common::{nt, text};

#[test]
fn readme_and_examples_pass() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = format!("{root}/README.md");
    let examples = format!("{root}/examples");
    // help()'s examples: outputs from real NumPy/PyTorch (stdlib/gen_help.py).
    let help = format!("{root}/stdlib/help.md");
    let help_dir = format!("{root}/stdlib/help");
    let docs = format!("{root}/docs");
    let out = nt(&["test", &readme, &examples, &help, &help_dir, &docs], None);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains(" 0 failed"), "{stdout}");
}

#[test]
fn mismatches_fail_with_a_diff_and_bless_rewrites_them() {
    let dir = std::env::temp_dir().join(format!("nt-doctest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("doc.md");
    let doc = "Prose.\n\n```nt\n>>> 1 + 1\n3\n>>> print('a\\n\\nb')\na\n<BLANKLINE>\nb\n>>> 1 / 0\nZeroDivisionError: division by zero\n```\n";
    std::fs::write(&path, doc).expect("write doc");
    let p = path.to_string_lossy().into_owned();
    let out = nt(&["test", &p], None);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("doc.md:4: 1 + 1\n  - 3\n  + 2\n"), "{stdout}");
    assert!(stdout.contains("3 examples in 1 files: 1 failed"), "{stdout}");
    let out = nt(&["test", "--bless", &p], None);
    assert!(out.status.success(), "{}", text(&out.stdout));
    let blessed = std::fs::read_to_string(&path).expect("read doc");
    assert_eq!(blessed, doc.replace(">>> 1 + 1\n3\n", ">>> 1 + 1\n2\n"));
    let out = nt(&["test", &p], None);
    assert!(out.status.success(), "{}", text(&out.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn time_and_timeit_print_ipython_formats() {
    let out = nt(&["-c", "x = 1"], None);
    assert!(out.status.success());
    let src = "x = np.arange(4.0)\n:time y = x * 2\n:timeit x + 1\ny\n";
    let out = nt(&["transcript", "/dev/stdin"], Some(src));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    let wall = lines
        .iter()
        .find(|l| l.starts_with("Wall time: "))
        .expect("a wall time");
    assert!(
        wall.ends_with(" s") || wall.ends_with("ms") || wall.ends_with("\u{3bc}s") || wall.ends_with("ns"),
        "{wall}"
    );
    let timeit = lines.iter().find(|l| l.contains(" per loop ")).expect("a timeit line");
    assert!(timeit.contains(" ± "), "{timeit}");
    assert!(
        timeit.ends_with(" loops each)") && timeit.contains("(mean ± std. dev. of 7 runs, "),
        "{timeit}"
    );
    assert!(stdout.contains("array([0., 2., 4., 6.])"), "{stdout}");
}
