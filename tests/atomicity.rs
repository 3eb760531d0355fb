//! An operation that fails leaves every value as it was: failed in-place operators and
//! item assignments, a failed backward, a failing gpu op (an interrupted assignment is in
//! tests/interrupt.rs, whose tests own the process's interrupt flag); and
//! a script that fails exits 1 with no partial file behind.

mod common;

use nt::repl::session::{Session, SharedBuf};

/// Runs `setup`, then each failing statement, then prints `show`: it must print what it
/// printed before the failures.
fn unchanged(setup: &str, failing: &[&str], show: &str) {
    let (setup, failing, show) = (
        setup.to_owned(),
        failing.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        show.to_owned(),
    );
    common::big_stack(move || {
        let buf = SharedBuf::default();
        let mut s = Session::new(Box::new(buf.clone()));
        s.eval(&setup).map_err(|d| d.headline()).expect("setup");
        s.eval(&format!("print({show})"))
            .map_err(|d| d.headline())
            .expect("show");
        let before = buf.take();
        for f in &failing {
            let e = s.eval(f).err().map(|d| d.headline());
            assert!(e.is_some(), "{f} did not fail");
            s.eval(&format!("print({show})"))
                .map_err(|d| d.headline())
                .expect("show");
            assert_eq!(buf.take(), before, "after `{f}` ({e:?})");
        }
    });
}

#[test]
fn failed_in_place_operations_change_nothing() {
    unchanged(
        "x = tensor([1.0, 2.0, 3.0])\ny = x * 2\nbig = torch.arange(100000.0)\nlazy = big * 3",
        &[
            "x += tensor([1.0, 2.0])",
            "x.add_(tensor([1.0, 2.0]))",
            "x[0:2] = tensor([1.0, 2.0, 3.0])",
            "x[5] = 1.0",
            "x.copy_(zeros(4))",
            "x.mul_('a')",
            "big += torch.ones(3)",
            "x.sub_(1, alpha=undefined)",
        ],
        "x, y, lazy[-1], big[-1]",
    );
    unchanged(
        "a = np.arange(6).reshape(2, 3)\nb = a.T\nc = np.zeros(3, dtype=np.int8)",
        &[
            "a[0] = [1, 2]",
            "a += np.ones(4, dtype=np.int64)",
            "a += 1.5",
            "c += 300",
            "a[:, 5] = 0",
            "np.random.shuffle(5)",
        ],
        "a, b, c",
    );
    unchanged(
        "l = [1, 2, 3]\nd = {'a': 1}",
        &["l.extend(5)", "l[10] = 1", "d[[1]] = 2", "l.sort(key=5)"],
        "l, d",
    );
}

#[test]
fn a_failed_backward_changes_no_gradient() {
    unchanged(
        "w = tensor([1.0, 2.0], requires_grad=True)\nloss = (w * w).sum()\nloss.backward(retain_graph=False)",
        &[
            "loss.backward()",
            "(w * 3).sum().backward(gradient=tensor([1.0, 2.0]))",
            "(w * 3).backward()",
            "w.grad = zeros(3)",
        ],
        "w.grad, w",
    );
}

#[test]
fn a_failing_gpu_operation_changes_nothing() {
    if !common::reference::gpu_present("atomicity") {
        return;
    }
    unchanged(
        "g = torch.ones(3, device='gpu')\nh = g * 2",
        &[
            "g += torch.ones(4, device='gpu')",
            "g[7] = 1.0",
            "g.add_(torch.ones(2, device='gpu'))",
        ],
        "g.cpu(), h.cpu()",
    );
}

#[test]
fn a_failing_script_exits_1_and_leaves_no_partial_file() {
    let dir = std::env::temp_dir().join(format!("nt-atomic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let script = dir.join("save.nt");
    std::fs::write(
        &script,
        "np.save('good.npy', np.arange(1000.0))\nnp.save('bad.npy', torch.ones(2, dtype=torch.bfloat16).float().numpy().astype(undefined))\n",
    )
    .expect("script");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nt"))
        .arg(&script)
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run nt");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    assert_eq!(names, ["good.npy", "save.nt"]);
    assert_eq!(std::fs::metadata(dir.join("good.npy")).expect("good.npy").len(), 8128);
    let _ = std::fs::remove_dir_all(&dir);
}
