//! `nt kernel install [--user | --prefix PREFIX]`: writes the kernelspec
//! (`kernels/nt/kernel.json`) where Jupyter looks for kernels: `--prefix P` into
//! `P/share/jupyter` (a virtual environment's prefix, say), otherwise (`--user`, the
//! default) into the user's Jupyter data directory (`$JUPYTER_DATA_DIR`, else
//! `~/.local/share/jupyter` on Linux, `~/Library/Jupyter` on macOS).

use std::path::PathBuf;

fn user_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("JUPYTER_DATA_DIR") {
        return Some(PathBuf::from(d));
    }
    let home = PathBuf::from(std::env::var_os("HOME")?);
    if cfg!(target_os = "macos") {
        return Some(home.join("Library/Jupyter"));
    }
    match std::env::var_os("XDG_DATA_HOME") {
        Some(x) if !x.is_empty() => Some(PathBuf::from(x).join("jupyter")),
        _ => Some(home.join(".local/share/jupyter")),
    }
}

pub fn main(args: &[String]) -> i32 {
    let base = match args {
        [] => user_dir(),
        [flag] if flag == "--user" => user_dir(),
        [flag, prefix] if flag == "--prefix" => Some(PathBuf::from(prefix).join("share/jupyter")),
        _ => {
            eprintln!("usage: nt kernel install [--user | --prefix PREFIX]");
            return 2;
        }
    };
    let Some(base) = base else {
        eprintln!("nt kernel install: no home directory (set HOME or use --prefix)");
        return 1;
    };
    let exe = match std::env::current_exe().and_then(|p| p.canonicalize()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("nt kernel install: cannot find nt's own path: {e}");
            return 1;
        }
    };
    let dir = base.join("kernels/nt");
    let spec = serde_json::json!({
        "argv": [exe.to_string_lossy(), "kernel", "-f", "{connection_file}"],
        "display_name": "nt",
        "language": "nt",
        "interrupt_mode": "message",
        "env": {},
        "metadata": {},
    });
    let text = serde_json::to_string_pretty(&spec).unwrap_or_default();
    let written = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(dir.join("kernel.json"), text + "\n"));
    match written {
        Ok(()) => {
            println!("Installed kernelspec nt in {}", dir.display());
            0
        }
        Err(e) => {
            eprintln!("nt kernel install: cannot write {}: {e}", dir.display());
            1
        }
    }
}
