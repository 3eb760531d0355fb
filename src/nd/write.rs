//! The one way nt writes a file a user names (`np.save`, `np.savetxt`, `np.savez`,
//! `torch.save`): all of the bytes or none, without disturbing what the name stands for.
//!
//! - A symlink is followed: its target is written, as `open(path, 'wb')` writes it.
//! - A target that is not a regular file (a device, a FIFO) is written directly, as
//!   NumPy writes it; so is a file with other hard links, which a rename would split off.
//! - A regular file must be writable by the user (a read-only one is `PermissionError`,
//!   as NumPy's `open` fails); its new contents keep its permissions.
//! - Otherwise the bytes go to a temporary file created beside the target under a random
//!   name, exclusively (`O_EXCL`: never through a planted file or link), then renamed
//!   over the target, so a failure leaves the old contents whole.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` as described above.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = follow(path)?;
    let meta = std::fs::metadata(&target).ok();
    if let Some(m) = &meta {
        if !m.is_file() || hard_linked(m) {
            return direct(&target, bytes);
        }
        // The user's right to write the file, asked of the file itself (root may).
        std::fs::OpenOptions::new().write(true).open(&target)?;
    }
    let (tmp, mut f) = temporary(&target)?;
    let result = (|| {
        if let Some(m) = &meta {
            f.set_permissions(m.permissions())?;
        }
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, &target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `path` with every symlink on its last component followed (a chain of links, each
/// relative to its own directory), as `open` follows them.
fn follow(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other("Too many levels of symbolic links"))
}

#[cfg(unix)]
fn hard_linked(m: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    m.nlink() > 1
}

#[cfg(not(unix))]
fn hard_linked(_: &std::fs::Metadata) -> bool {
    false
}

/// Writes in place: truncates and writes, as `open(path, 'wb')` does.
fn direct(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new().write(true).truncate(true).open(target)?;
    f.write_all(bytes)?;
    f.flush()
}

/// A new, empty file beside `target` under a name no one could have planted.
fn temporary(target: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    for _ in 0..100 {
        let tmp = dir.join(format!(".{name}.{:016x}.nt-partial", random()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("cannot create a temporary file"))
}

/// 64 unpredictable bits: the kernel's, else the process's hash seed and the clock.
fn random() -> u64 {
    let mut b = [0u8; 8];
    if let Ok(mut f) = std::fs::File::open("/dev/urandom")
        && std::io::Read::read_exact(&mut f, &mut b).is_ok()
    {
        return u64::from_le_bytes(b);
    }
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.write_u32(std::process::id());
    h.finish()
}
