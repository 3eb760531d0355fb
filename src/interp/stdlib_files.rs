//! `_nt.read_text/file_open/file_write/file_close/raise_unsupported`: the file access
//! under `open()` (`stdlib/python/_io.nt`). Paths resolve as every other file access
//! does (`Interp::resolve`); errors are Python's `OSError` subclasses.

use super::Interp;
use crate::error::{Res, exc, type_error};
use crate::value::{Args, Value};
use std::io::Write;

fn path_arg(args: &Args) -> Res<String> {
    match args.pos.first() {
        Some(Value::Str(s)) => Ok(s.to_string()),
        _ => Err(type_error("_nt: expected a path")),
    }
}

/// The whole file's bytes (a directory is CPython's IsADirectoryError).
fn read_all(interp: &mut Interp, args: &Args) -> Res<Vec<u8>> {
    let path = path_arg(args)?;
    let full = interp.resolve(&path);
    if full.is_dir() {
        let e = std::io::Error::from(std::io::ErrorKind::IsADirectory);
        return Err(crate::nd::files::io_error(&e, &path));
    }
    crate::nd::read::file(&full).map_err(|e| crate::nd::files::io_error(&e, &path))
}

/// The whole file as text (UTF-8; other bytes are `UnicodeDecodeError`, worded as
/// `bytes.decode` words it).
pub fn read_text(interp: &mut Interp, args: Args) -> Res<Value> {
    let bytes = read_all(interp, &args)?;
    match std::str::from_utf8(&bytes) {
        Ok(s) => Ok(Value::str(s)),
        Err(e) => Err(crate::interp::methods::bytes::utf8_error(&bytes, e)),
    }
}

/// The whole file as bytes.
pub fn read_bytes(interp: &mut Interp, args: Args) -> Res<Value> {
    Ok(Value::Bytes(read_all(interp, &args)?.into()))
}

/// Opens for writing (`w` truncates, `a` appends, `x` must create): a handle.
pub fn file_open(interp: &mut Interp, args: Args) -> Res<Value> {
    let path = path_arg(&args)?;
    let full = interp.resolve(&path);
    let mut o = std::fs::OpenOptions::new();
    match args.pos.get(1) {
        Some(Value::Str(m)) if &**m == "w" => o.write(true).create(true).truncate(true),
        Some(Value::Str(m)) if &**m == "a" => o.append(true).create(true),
        Some(Value::Str(m)) if &**m == "x" => o.write(true).create_new(true),
        _ => return Err(type_error("_nt.file_open(path, 'w' | 'a' | 'x')")),
    };
    let file = o.open(&full).map_err(|e| {
        // Opening a directory for writing reports EISDIR as CPython does.
        let e = if full.is_dir() {
            std::io::Error::from(std::io::ErrorKind::IsADirectory)
        } else {
            e
        };
        crate::nd::files::io_error(&e, &path)
    })?;
    interp.open_files.push(Some(file));
    Ok(Value::Int(interp.open_files.len() as i64 - 1))
}

fn handle(interp: &mut Interp, args: &Args) -> Res<usize> {
    match args.pos.first() {
        Some(Value::Int(h)) if interp.open_files.get(*h as usize).is_some_and(Option::is_some) => Ok(*h as usize),
        _ => Err(exc("ValueError", "I/O operation on closed file.")),
    }
}

pub fn file_write(interp: &mut Interp, args: Args) -> Res<Value> {
    let h = handle(interp, &args)?;
    let data: &[u8] = match args.pos.get(1) {
        Some(Value::Str(s)) => s.as_bytes(),
        Some(Value::Bytes(b)) => b,
        _ => return Err(type_error("_nt.file_write(handle, str | bytes)")),
    };
    if let Some(Some(f)) = interp.open_files.get_mut(h) {
        f.write_all(data).map_err(|e| exc("OSError", e.to_string()))?;
    }
    Ok(Value::None)
}

pub fn file_close(interp: &mut Interp, args: Args) -> Res<Value> {
    let h = handle(interp, &args)?;
    interp.open_files[h] = None;
    Ok(Value::None)
}

/// `io.UnsupportedOperation(msg)`, which nt raises as the `OSError` it derives from.
pub fn raise_unsupported(_: &mut Interp, args: Args) -> Res<Value> {
    let msg = args.pos.first().map(crate::value::repr::str_of).unwrap_or_default();
    Err(exc("io.UnsupportedOperation", msg))
}
