//! Shared helpers for integration tests.

#![allow(dead_code)]

pub mod reference;

use std::process::{Command, Output};

/// Runs `f` on a thread with a large stack, as the `nt` binary does: deep recursion in
/// nt code recurses in the evaluator, and test threads have small default stacks.
pub fn big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(f)
        .expect("spawn test thread")
        .join()
        .expect("test thread panicked")
}

pub fn nt(args: &[&str], stdin: Option<&str>) -> Output {
    nt_in(None, args, stdin)
}

/// `nt` run in the directory `dir` (as gen.py runs CPython beside each program).
#[allow(dead_code)]
pub fn nt_in(dir: Option<&std::path::Path>, args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nt"));
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    cmd.args(args).env("NO_COLOR", "1").env_remove("NT_HISTORY");
    cmd.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("start nt");
    if let Some(mut pipe) = child.stdin.take() {
        if let Some(text) = stdin {
            pipe.write_all(text.as_bytes()).expect("write stdin");
        }
    }
    child.wait_with_output().expect("wait for nt")
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}
