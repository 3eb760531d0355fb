//! `_nt.argv/sys_path/stream_write/environ/fs/fs2`: what `sys` and `os`
//! (`stdlib/python/sys.nt`, `os.nt`, `os_path.nt`) ask of the system. Paths resolve as
//! every other file access does (`Interp::resolve`).

use super::Interp;
use crate::error::{Res, exc, type_error};
use crate::value::dict::Dict;
use crate::value::{Args, Value};
use std::cell::RefCell;
use std::rc::Rc;

fn str_arg(args: &Args, i: usize) -> Res<String> {
    match args.pos.get(i) {
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(v) => Err(type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            v.type_name()
        ))),
        None => Err(type_error("_nt: missing argument")),
    }
}

pub fn argv(interp: &mut Interp, _: Args) -> Res<Value> {
    Ok(Value::list(
        interp.argv.iter().map(|a| Value::Str(a.as_str().into())).collect(),
    ))
}

pub fn sys_path(interp: &mut Interp, _: Args) -> Res<Value> {
    let dir = interp
        .script_dir
        .as_ref()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    Ok(Value::list(vec![Value::Str(dir.into())]))
}

/// Writes to standard output (through the session's writer) or standard error.
pub fn stream_write(interp: &mut Interp, args: Args) -> Res<Value> {
    let text = str_arg(&args, 1)?;
    match args.pos.first() {
        Some(Value::Int(2)) => interp.write_err(&text),
        _ => {
            interp.write(&text);
            if text.is_empty() {
                interp.flush();
            }
        }
    }
    Ok(Value::None)
}

pub fn environ(interp: &mut Interp, _: Args) -> Res<Value> {
    let mut d = Dict::new();
    for (k, v) in std::env::vars() {
        let key = Value::Str(k.into());
        let h = interp.hkey(&key)?;
        d.insert(h, key, Value::Str(v.into()));
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

fn os_error(e: std::io::Error, path: &str) -> Box<crate::error::Exc> {
    crate::nd::files::io_error(&e, path)
}

/// `_nt.fs(op, path)`: one query or change of the file system.
pub fn fs(interp: &mut Interp, args: Args) -> Res<Value> {
    let op = str_arg(&args, 0)?;
    let path = str_arg(&args, 1)?;
    let full = interp.resolve(&path);
    Ok(match op.as_str() {
        "getcwd" => {
            let d = match &interp.cwd {
                Some(d) => d.clone(),
                None => std::env::current_dir().map_err(|e| exc("OSError", e.to_string()))?,
            };
            Value::Str(d.display().to_string().into())
        }
        "exists" => Value::Bool(full.exists()),
        "isfile" => Value::Bool(full.is_file()),
        "isdir" => Value::Bool(full.is_dir()),
        "getsize" => Value::Int(std::fs::metadata(&full).map_err(|e| os_error(e, &path))?.len() as i64),
        "listdir" => {
            let mut names = Vec::new();
            for entry in std::fs::read_dir(&full).map_err(|e| os_error(e, &path))? {
                let entry = entry.map_err(|e| os_error(e, &path))?;
                names.push(Value::Str(entry.file_name().to_string_lossy().into_owned().into()));
            }
            Value::list(names)
        }
        "mkdir" => {
            std::fs::create_dir(&full).map_err(|e| os_error(e, &path))?;
            Value::None
        }
        "makedirs" => {
            if full.is_dir() {
                return Err(os_error(std::io::ErrorKind::AlreadyExists.into(), &path));
            }
            std::fs::create_dir_all(&full).map_err(|e| os_error(e, &path))?;
            Value::None
        }
        "remove" => {
            if full.is_dir() {
                return Err(os_error(std::io::ErrorKind::IsADirectory.into(), &path));
            }
            std::fs::remove_file(&full).map_err(|e| os_error(e, &path))?;
            Value::None
        }
        "rmdir" => {
            std::fs::remove_dir(&full).map_err(|e| os_error(e, &path))?;
            Value::None
        }
        _ => return Err(type_error(format!("_nt.fs: unknown operation {op}"))),
    })
}

/// `_nt.fs2(op, a, b)`: `rename`.
pub fn fs2(interp: &mut Interp, args: Args) -> Res<Value> {
    let op = str_arg(&args, 0)?;
    let (a, b) = (str_arg(&args, 1)?, str_arg(&args, 2)?);
    match op.as_str() {
        "rename" => std::fs::rename(interp.resolve(&a), interp.resolve(&b)).map_err(|e| os_error(e, &a))?,
        _ => return Err(type_error(format!("_nt.fs2: unknown operation {op}"))),
    }
    Ok(Value::None)
}
