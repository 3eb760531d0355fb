//! Issue 17: saving never loses or exposes data. `np.save`, `np.savetxt`, `np.savez`
//! and `torch.save` write through one safe writer (`src/nd/write.rs`): a symlink's
//! target is written and the link kept, special files are written in place (never
//! replaced by a regular file), permissions and hard links survive, a planted temporary
//! name is never followed, and a read-only file is `PermissionError` as NumPy's `open`
//! makes it.

#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("nt-file-safety-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Runs `code` in nt with `cwd` as the working directory: (status, stderr).
fn nt_in(cwd: &Path, code: &str) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nt"))
        .args(["-c", code])
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run nt");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn saved_ok(cwd: &Path, code: &str) {
    let (status, err) = nt_in(cwd, code);
    assert_eq!(status, Some(0), "{code}: {err}");
}

/// Nothing but the named files is left in `d` (no temporaries).
fn only(d: &Path, names: &[&str]) {
    let mut found: Vec<String> = std::fs::read_dir(d)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut want: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(found, want);
}

#[test]
fn saving_through_a_symlink_writes_its_target_and_keeps_the_link() {
    let d = dir("symlink");
    std::fs::write(d.join("target.npy"), b"old").expect("write");
    std::os::unix::fs::symlink("target.npy", d.join("link.npy")).expect("symlink");
    saved_ok(&d, "np.save('link.npy', np.arange(3))");
    assert!(
        std::fs::symlink_metadata(d.join("link.npy"))
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    let bytes = std::fs::read(d.join("target.npy")).expect("read");
    assert!(bytes.starts_with(b"\x93NUMPY"), "the target holds the array");
    only(&d, &["link.npy", "target.npy"]);
}

#[test]
fn saving_to_a_fifo_writes_into_it_and_keeps_it_a_fifo() {
    let d = dir("fifo");
    let fifo = d.join("pipe.txt");
    if Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| !s.success())
        .unwrap_or(true)
    {
        eprintln!("skipped: no `mkfifo` command");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).expect("read fifo"))
    };
    let (status, err) = nt_in(&d, "np.savetxt('pipe.txt', np.array([1.0, 2.0]))");
    // Should nt not have written into the FIFO, open and close it once so the reader
    // sees its end instead of waiting forever (non-blocking: no one may read it now).
    {
        use std::os::unix::fs::OpenOptionsExt;
        let _ = std::fs::OpenOptions::new().write(true).custom_flags(0o4000).open(&fifo);
    }
    assert_eq!(status, Some(0), "{err}");
    let got = reader.join().expect("reader");
    assert_eq!(
        String::from_utf8_lossy(&got),
        "1.000000000000000000e+00\n2.000000000000000000e+00\n"
    );
    let ft = std::fs::symlink_metadata(&fifo).expect("meta").file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&ft), "still a FIFO");
    only(&d, &["pipe.txt"]);
}

#[test]
fn saving_keeps_permissions_and_hard_links() {
    let d = dir("perms");
    std::fs::write(d.join("secret.npy"), b"old").expect("write");
    std::fs::set_permissions(d.join("secret.npy"), std::fs::Permissions::from_mode(0o600)).expect("chmod");
    std::fs::write(d.join("a.npy"), b"old").expect("write");
    std::fs::hard_link(d.join("a.npy"), d.join("b.npy")).expect("hard link");
    saved_ok(
        &d,
        "np.save('secret.npy', np.arange(3))\nnp.save('a.npy', np.arange(4))",
    );
    let m = std::fs::metadata(d.join("secret.npy")).expect("meta");
    assert_eq!(m.mode() & 0o777, 0o600, "a 0600 file stays 0600");
    assert!(
        std::fs::read(d.join("secret.npy"))
            .expect("read")
            .starts_with(b"\x93NUMPY")
    );
    let (a, b) = (
        std::fs::metadata(d.join("a.npy")).expect("a"),
        std::fs::metadata(d.join("b.npy")).expect("b"),
    );
    assert_eq!(a.ino(), b.ino(), "the hard link still names the same file");
    assert_eq!(
        std::fs::read(d.join("b.npy")).expect("read b"),
        std::fs::read(d.join("a.npy")).expect("read a")
    );
    only(&d, &["a.npy", "b.npy", "secret.npy"]);
}

#[test]
fn a_planted_temporary_name_is_never_followed() {
    let d = dir("planted");
    std::fs::write(d.join("victim"), b"keep me").expect("write");
    // The name the old writer used, planted as a link to another file.
    std::os::unix::fs::symlink(d.join("victim"), d.join(".out.npy.nt-partial")).expect("symlink");
    saved_ok(&d, "np.save('out.npy', np.arange(3))");
    assert_eq!(std::fs::read(d.join("victim")).expect("read"), b"keep me");
    assert!(
        std::fs::read(d.join("out.npy"))
            .expect("read")
            .starts_with(b"\x93NUMPY")
    );
    only(&d, &[".out.npy.nt-partial", "out.npy", "victim"]);
}

/// A read-only file is `PermissionError`, as NumPy's `open(path, 'wb')` fails. Root may
/// write anything, so as root the check runs as `nobody` (`setpriv`), or is skipped.
#[test]
fn a_read_only_file_is_a_permission_error() {
    let d = dir("readonly");
    std::fs::write(d.join("ro.npy"), b"old").expect("write");
    std::fs::set_permissions(d.join("ro.npy"), std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let code = "np.save('ro.npy', np.arange(3))";
    let root = std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false);
    let out = if root {
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o777)).expect("chmod dir");
        let r = Command::new("setpriv")
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                env!("CARGO_BIN_EXE_nt"),
                "-c",
                code,
            ])
            .current_dir(&d)
            .env("NO_COLOR", "1")
            .output();
        match r {
            Ok(o) if !String::from_utf8_lossy(&o.stderr).contains("setpriv:") => o,
            _ => {
                eprintln!("skipped: running as root and cannot drop privileges with setpriv");
                return;
            }
        }
    } else {
        Command::new(env!("CARGO_BIN_EXE_nt"))
            .args(["-c", code])
            .current_dir(&d)
            .env("NO_COLOR", "1")
            .output()
            .expect("run nt")
    };
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("PermissionError: [Errno 13] Permission denied: 'ro.npy'"),
        "{err}"
    );
    assert_eq!(std::fs::read(d.join("ro.npy")).expect("read"), b"old");
    only(&d, &["ro.npy"]);
}
