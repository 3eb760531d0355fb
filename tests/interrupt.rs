//! Ctrl-C: a running `nt` that gets SIGINT stops with `KeyboardInterrupt` within a
//! fraction of a second, and a session keeps its variables and goes on working.

mod common;

use std::time::{Duration, Instant};

/// Ctrl-C is one flag per process: the tests that raise it take turns.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

#[test]
fn an_endless_loop_stops_and_the_session_survives() {
    let _turn = one_at_a_time();
    let out = common::big_stack(|| {
        let buf = nt::repl::session::SharedBuf::default();
        let mut s = nt::repl::session::Session::new(Box::new(buf.clone()));
        s.eval("x = 41\nbig = np.ones(3)")
            .map_err(|d| d.headline())
            .expect("setup");
        let stopper = std::thread::spawn(|| {
            std::thread::sleep(Duration::from_millis(200));
            nt::interrupt::request();
        });
        let t0 = Instant::now();
        let err = s.eval("while True:\n    x = x + 0").err().map(|d| d.headline());
        let took = t0.elapsed();
        stopper.join().expect("stopper");
        s.eval("x + 1\nbig * 2")
            .map_err(|d| d.headline())
            .expect("session still works");
        let printed = buf.take();
        // An interrupted assignment keeps the old value (atomicity, issue 9).
        let stopper = std::thread::spawn(|| {
            std::thread::sleep(Duration::from_millis(200));
            nt::interrupt::request();
        });
        let slow =
            "def slow():\n    n = 0\n    while True:\n        n = n + 1\n    return n\nx = slow()\nbig += slow()";
        let err2 = s.eval(slow).err().map(|d| d.headline());
        stopper.join().expect("stopper");
        s.eval("print(x, big)")
            .map_err(|d| d.headline())
            .expect("session still works");
        assert_eq!(err2.as_deref(), Some("KeyboardInterrupt"));
        assert_eq!(buf.take(), "41 [1. 1. 1.]\n");
        (err, took, printed)
    });
    let (err, took, printed) = out;
    assert_eq!(err.as_deref(), Some("KeyboardInterrupt"));
    assert!(took < Duration::from_secs(5), "stopped after {took:?}");
    assert_eq!(printed, "42\narray([2., 2., 2.])\n");
}

#[cfg(unix)]
#[test]
fn sigint_stops_a_running_script() {
    let _turn = one_at_a_time();
    let dir = std::env::temp_dir().join(format!("nt-sigint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let script = dir.join("spin.nt");
    std::fs::write(
        &script,
        "print('started', flush=True)\nx = 0\nwhile True:\n    x = x + 1\n",
    )
    .expect("script");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_nt"))
        .arg(&script)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start nt");
    std::thread::sleep(Duration::from_millis(700));
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
    let t0 = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        assert!(t0.elapsed() < Duration::from_secs(5), "nt did not stop");
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = child.wait_with_output().expect("output");
    let stderr = common::text(&out.stderr);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("KeyboardInterrupt"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 17: `time.sleep(20)` ignored Ctrl-C until it ended, and `time.sleep(1e300)`
/// never returned; CPython's sleep stops at the signal and refuses a length beyond time_t.
#[test]
fn time_sleep_stops_at_ctrl_c_and_refuses_an_endless_length() {
    let _turn = one_at_a_time();
    let (err, took, too_long) = common::big_stack(|| {
        let buf = nt::repl::session::SharedBuf::default();
        let mut s = nt::repl::session::Session::new(Box::new(buf.clone()));
        s.eval("import time\nx = 1").map_err(|d| d.headline()).expect("setup");
        let stopper = std::thread::spawn(|| {
            std::thread::sleep(Duration::from_millis(200));
            nt::interrupt::request();
        });
        let t0 = Instant::now();
        let err = s.eval("x = time.sleep(20)").err().map(|d| d.headline());
        let took = t0.elapsed();
        stopper.join().expect("stopper");
        let too_long = s.eval("time.sleep(1e300)").err().map(|d| d.headline());
        s.eval("print(x)")
            .map_err(|d| d.headline())
            .expect("session still works");
        assert_eq!(buf.take(), "1\n");
        (err, took, too_long)
    });
    assert_eq!(err.as_deref(), Some("KeyboardInterrupt"));
    assert!(took < Duration::from_secs(5), "stopped after {took:?}");
    assert_eq!(
        too_long.as_deref(),
        Some("OverflowError: timestamp out of range for platform time_t")
    );
}

/// Issue 17: Ctrl-C during a long matmul, or while a huge value was printed, was
/// dropped: the statement completed and assigned. It now stops when the kernel returns
/// (and the printing between items) with `KeyboardInterrupt`, the target unassigned.
#[test]
fn ctrl_c_during_a_long_kernel_or_print_leaves_the_target_unassigned() {
    let _turn = one_at_a_time();
    let (matmul, printed, after) = common::big_stack(|| {
        let buf = nt::repl::session::SharedBuf::default();
        let mut s = nt::repl::session::Session::new(Box::new(buf.clone()));
        s.eval("a = np.ones((4000, 4000))\nbig = list(range(3000000))")
            .map_err(|d| d.headline())
            .expect("setup");
        let stop_soon = || {
            std::thread::spawn(|| {
                std::thread::sleep(Duration::from_millis(300));
                nt::interrupt::request();
            })
        };
        let stopper = stop_soon();
        let matmul = s.eval("c = a @ a").err().map(|d| d.headline());
        stopper.join().expect("stopper");
        let stopper = stop_soon();
        let printed = s.eval("big").err().map(|d| d.headline());
        stopper.join().expect("stopper");
        buf.take();
        let after = s.eval("c").err().map(|d| d.headline());
        (matmul, printed, after)
    });
    assert_eq!(matmul.as_deref(), Some("KeyboardInterrupt"));
    assert_eq!(printed.as_deref(), Some("KeyboardInterrupt"));
    assert_eq!(after.as_deref(), Some("NameError: name 'c' is not defined"));
}

/// Issue 17: one long matrix product ran whole after Ctrl-C (12000³ float32 takes
/// about 16 s on a 2-core machine). It now stops between blocks of rows, within a
/// fraction of a second, the target unassigned.
#[test]
fn ctrl_c_inside_one_long_matmul_stops_between_row_blocks() {
    let _turn = one_at_a_time();
    let (stopped, took, after) = common::big_stack(|| {
        let buf = nt::repl::session::SharedBuf::default();
        let mut s = nt::repl::session::Session::new(Box::new(buf.clone()));
        s.eval("a = torch.ones(12000, 12000)")
            .map_err(|d| d.headline())
            .expect("setup");
        let stopper = std::thread::spawn(|| {
            std::thread::sleep(Duration::from_millis(300));
            nt::interrupt::request();
            Instant::now()
        });
        let stopped = s.eval("c = a @ a").err().map(|d| d.headline());
        let took = stopper.join().expect("stopper").elapsed();
        buf.take();
        let after = s.eval("c").err().map(|d| d.headline());
        (stopped, took, after)
    });
    assert_eq!(stopped.as_deref(), Some("KeyboardInterrupt"));
    assert!(took < Duration::from_secs(5), "stopped {took:?} after Ctrl-C");
    assert_eq!(after.as_deref(), Some("NameError: name 'c' is not defined"));
}
