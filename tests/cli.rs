//! The command line: modes, exit codes, stdin scripts.

mod common;

use common::{nt, text};

#[test]
fn dash_c_runs_code() {
    let out = nt(&["-c", "print(sum(x**2 for x in range(10)))"], None);
    assert_eq!(text(&out.stdout), "285\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn uncaught_error_exits_1_with_report_on_stderr() {
    let out = nt(&["-c", "print('before')\n1/0\nprint('after')"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "before\n");
    let err = text(&out.stderr);
    assert!(err.starts_with("ZeroDivisionError: division by zero\n"), "{err}");
    assert!(err.contains("<string>:2:1"), "{err}");
}

#[test]
fn syntax_error_exits_1_and_runs_nothing() {
    let out = nt(&["-c", "print('x')\nif x\n  pass"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    assert!(text(&out.stderr).starts_with("SyntaxError: expected ':'"));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(nt(&["--frobnicate"], None).status.code(), Some(2));
    assert_eq!(nt(&["-c"], None).status.code(), Some(2));
    let missing = nt(&["no_such_file.nt"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("can't open file 'no_such_file.nt'"));
}

#[test]
fn help_and_version() {
    let help = nt(&["--help"], None);
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("nt transcript FILE.nt"));
    let version = nt(&["--version"], None);
    assert_eq!(text(&version.stdout), format!("nt {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn stdin_that_is_not_a_terminal_runs_as_a_script() {
    let out = nt(&[], Some("x = 6\nprint(x * 7)\nx\n"));
    // A script does not echo expression statements; only print() writes.
    assert_eq!(text(&out.stdout), "42\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn script_file_runs_and_imports_a_module_beside_it() {
    let dir = std::env::temp_dir().join(format!("nt-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("helper.nt"),
        "def double(x):\n    return 2 * x\nNAME = 'helper'\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("main.nt"),
        "import helper\nfrom helper import double as d\nprint(helper.NAME, d(21))\n",
    )
    .expect("write");
    let main = dir.join("main.nt");
    let out = nt(&[main.to_str().unwrap_or_default()], None);
    assert_eq!(text(&out.stdout), "helper 42\n", "{}", text(&out.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn transcript_subcommand_shows_prompts_and_output() {
    let dir = std::env::temp_dir().join(format!("nt-tr-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("t.nt");
    std::fs::write(&file, "x = 2\nx + 1\ndef f(n):\n    return n * 10\nf(x)\n").expect("write");
    let out = nt(&["transcript", file.to_str().unwrap_or_default()], None);
    assert_eq!(
        text(&out.stdout),
        ">>> x = 2\n>>> x + 1\n3\n>>> def f(n):\n...     return n * 10\n...\n>>> f(x)\n20\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn deep_recursion_is_a_recursion_error_not_a_crash() {
    let out = nt(&["-c", "def f(n):\n    return f(n + 1)\nf(0)"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("RecursionError: maximum recursion depth exceeded\n"));
}

/// Without an adapter (here: asking for DX12 on Linux) the gpu is an ordinary error with
/// what to install, `torch.cuda.is_available()` is False, and the CPU keeps working.
#[cfg(all(feature = "gpu", target_os = "linux"))]
#[test]
fn no_gpu_adapter_is_a_clear_error() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nt"))
        .args([
            "-c",
            "print(torch.cuda.is_available())\nprint(tensor([1.0]) + 1)\ny = tensor([1.0], device='cuda')",
        ])
        .env("WGPU_BACKEND", "dx12")
        .env("NO_COLOR", "1")
        .output()
        .expect("run nt");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stdout, "False\ntensor([2.])\n");
    assert!(
        stderr.starts_with("RuntimeError: no GPU adapter found") && stderr.contains("mesa-vulkan-drivers"),
        "{stderr}"
    );
}

#[test]
fn every_example_runs_and_checks_its_own_result() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "nt"))
        .collect();
    names.sort();
    assert!(names.len() >= 8, "{names:?}");
    for path in names {
        let p = path.to_string_lossy().into_owned();
        let out = nt(&[&p], None);
        assert!(out.status.success(), "{p}:\n{}{}", text(&out.stdout), text(&out.stderr));
    }
}

/// Runs the interactive nt in a real terminal (`script` makes the pty), writing each
/// chunk after `pause_ms` (as typed: one chunk per prompt; or all before the first
/// prompt: typed ahead), then Ctrl-D. `None` without `script`.
#[cfg(unix)]
fn in_terminal(name: &str, chunks: &[&[u8]], pause_ms: u64) -> Option<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let pause = || std::thread::sleep(std::time::Duration::from_millis(pause_ms));
    let mut child = Command::new("script")
        .args(["-qec", env!("CARGO_BIN_EXE_nt"), "/dev/null"])
        .env("NO_COLOR", "1")
        .env(
            "NT_HISTORY",
            std::env::temp_dir().join(format!("nt-{name}-test-history")),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take().expect("stdin");
    for chunk in chunks.iter().chain([&&b"\x04"[..]]) {
        pause();
        let _ = stdin.write_all(chunk);
        let _ = stdin.flush();
    }
    pause();
    drop(stdin);
    let out = child.wait_with_output().expect("run nt in script");
    Some(format!("{}{}", text(&out.stdout), text(&out.stderr)).replace('\r', "\n"))
}

/// Issue 17: a line with bytes that are not UTF-8 ended the interactive session (status
/// 0, every variable lost). In a real terminal, the line is reported and the session
/// goes on.
#[cfg(unix)]
#[test]
fn repl_reports_a_line_that_is_not_utf8_and_goes_on() {
    let Some(all) = in_terminal("utf8", &[b"x = 41\n", b"\xff\xfe\n", b"print(x + 1)\n"], 700) else {
        eprintln!("skipped: no `script` command to give nt a terminal");
        return;
    };
    assert!(all.contains("not valid UTF-8"), "{all}");
    assert!(all.lines().any(|l| l.trim() == "42"), "{all}");
}

/// Issue 17: lines typed ahead while code runs, or pasted without bracketed paste, were
/// dropped (52 pasted lines ran 1): rustyline kept them in a buffer it threw away after
/// each line. Everything typed runs, in order (rustyline's `buffer-redux` feature).
#[cfg(unix)]
#[test]
fn repl_runs_every_line_typed_ahead() {
    // All at once, before the first prompt: every line is typed ahead.
    let mut input: Vec<u8> = (0..20).flat_map(|i| format!("v{i} = {i}\n").into_bytes()).collect();
    input.extend_from_slice(b"print('sum', v0 + v19)\nprint('last', v19 * 2)\n");
    let Some(all) = in_terminal("typeahead", &[&input], 1500) else {
        eprintln!("skipped: no `script` command to give nt a terminal");
        return;
    };
    assert!(all.lines().any(|l| l.trim() == "sum 19"), "{all}");
    assert!(all.lines().any(|l| l.trim() == "last 38"), "{all}");
}
