//! Files: `np.save`/`np.load` (`.npy`, and `.npz` archives), `np.savez`,
//! `np.savez_compressed` and `np.savetxt`/`np.loadtxt`. Only the paths given are touched; relative paths resolve
//! against the session's working directory. A file is written whole or not at all:
//! the bytes go to a temporary file beside it, renamed into place.

use super::{as_nd, shape, wrap};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::npy;
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::interp::builtins::kwarg;
use crate::syntax::symbol::Sym;
use crate::value::{Args, Builtin, Class, Lib, Object, Value};
use rustc_hash::FxHashMap;
use std::io::Write;
use std::path::PathBuf;
use std::rc::Rc;

fn path_arg(v: Option<&Value>, fname: &str) -> Res<String> {
    match v {
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => Err(type_error(format!(
            "{fname}: expected a file name (str), not {}",
            other.type_name()
        ))),
        None => Err(type_error(format!("{fname}() missing required argument 'file'"))),
    }
}

impl Interp {
    /// Where a user's path points: relative paths resolve against `cwd` when set.
    pub fn resolve(&self, path: &str) -> PathBuf {
        match &self.cwd {
            Some(d) if !std::path::Path::new(path).is_absolute() => d.join(path),
            _ => PathBuf::from(path),
        }
    }

    /// The bytes of a file `np.load` reads, never more than it declares (`nd::read`).
    fn read_file(&self, path: &str) -> Res<Vec<u8>> {
        super::read::file(&self.resolve(path)).map_err(|e| io_error(&e, path))
    }

    /// Writes all of `bytes` or nothing, through the one safe writer (`nd::write`).
    fn write_file(&self, path: &str, bytes: &[u8]) -> Res<()> {
        super::write::write(&self.resolve(path), bytes).map_err(|e| io_error(&e, path))
    }
}

/// Python's `OSError` subclasses and texts: `[Errno 2] No such file or directory: 'x'`.
pub(crate) fn io_error(e: &std::io::Error, path: &str) -> Box<crate::error::Exc> {
    let (kind, text) = match e.kind() {
        std::io::ErrorKind::NotFound => ("FileNotFoundError", "[Errno 2] No such file or directory"),
        std::io::ErrorKind::PermissionDenied => ("PermissionError", "[Errno 13] Permission denied"),
        std::io::ErrorKind::AlreadyExists => ("FileExistsError", "[Errno 17] File exists"),
        std::io::ErrorKind::NotADirectory => ("NotADirectoryError", "[Errno 20] Not a directory"),
        std::io::ErrorKind::IsADirectory => ("IsADirectoryError", "[Errno 21] Is a directory"),
        std::io::ErrorKind::DirectoryNotEmpty => ("OSError", "[Errno 39] Directory not empty"),
        _ => ("OSError", ""),
    };
    match text {
        "" => exc(kind, format!("{e}: '{path}'")),
        t => exc(kind, format!("{t}: '{path}'")),
    }
}

fn bad_file(path: &str, why: impl std::fmt::Display) -> Box<crate::error::Exc> {
    exc("ValueError", format!("cannot load '{path}': {why}"))
}

/// An array as `.npy` bytes; F-contiguous arrays are written in Fortran order.
fn npy_bytes(a: &NdArray) -> Res<Vec<u8>> {
    let t = shape::reversed(a);
    let fortran = a.ndim() > 1 && !a.layout.is_contiguous() && t.layout.is_contiguous();
    let data = npy_data(if fortran { &t } else { a }).map_err(super::internal)?;
    npy::encode(a.dtype, a.shape(), fortran, &data).map_err(|e| exc("TypeError", e))
}

fn npy_array(path: &str, bytes: &[u8]) -> Res<NdArray> {
    let (h, data) = npy::decode(bytes).map_err(|e| match e {
        npy::HeaderError::Rejected(m) => exc("ValueError", m),
        npy::HeaderError::Malformed(m) => bad_file(path, m),
    })?;
    if let Some(e) = super::create::too_many_dims(Lib::Numpy, h.shape.len()) {
        return Err(e);
    }
    let fits = h
        .shape
        .iter()
        .try_fold(h.dtype.itemsize(), |acc, &n| acc.checked_mul(n))
        .is_some_and(|b| b <= isize::MAX as usize);
    if !fits {
        // NumPy counts the elements in int64, which wraps; it reads that many (all there
        // are for a negative count) and then fails to give them the header's shape.
        let count = h.shape.iter().fold(1i64, |acc, &n| acc.wrapping_mul(n as i64));
        let there = data.len() / h.dtype.itemsize().max(1);
        let read = if count < 0 { there } else { (count as usize).min(there) };
        let dims: Vec<String> = h.shape.iter().map(|n| n.to_string()).collect();
        let shown = match dims.len() {
            1 => format!("({},)", dims[0]),
            _ => format!("({})", dims.join(",")),
        };
        return Err(exc(
            "ValueError",
            format!("cannot reshape array of size {read} into shape {shown}"),
        ));
    }
    if h.fortran {
        let rev: Vec<usize> = h.shape.iter().rev().copied().collect();
        let t = npy::from_bytes(h.dtype, data, &rev, h.big_endian).map_err(|e| bad_file(path, e))?;
        return Ok(shape::reversed(&t));
    }
    npy::from_bytes(h.dtype, data, &h.shape, h.big_endian).map_err(|e| bad_file(path, e))
}

fn array_of(v: &Value) -> Res<NdArray> {
    match as_nd(v) {
        Some((_, a)) => Ok(a.clone()),
        None => super::create::from_data(Lib::Numpy, v, None),
    }
}

thread_local! {
    static NPZ: Rc<Class> = Rc::new(Class::new("NpzFile", "numpy.lib.npyio", None, [("__getitem__", npz_getitem as fn(&mut Interp, Args) -> Res<Value>), ("__contains__", npz_contains), ("keys", npz_keys)]
            .into_iter()
            .map(|(n, f)| (Sym::new(n), Value::Builtin(Box::leak(Box::new(Builtin { name: n, f })))))
            .collect::<FxHashMap<Sym, Value>>()));
}

fn npz_arrays(args: &Args) -> Res<(Rc<Object>, Vec<(String, Value)>)> {
    let Some(Value::Object(o)) = args.pos.first() else {
        return Err(type_error("NpzFile method needs its file"));
    };
    let names = match o.get("files") {
        Some(Value::List(l)) => l.borrow().clone(),
        _ => Vec::new(),
    };
    let arrays = match o.get("_arrays") {
        Some(Value::List(l)) => l.borrow().clone(),
        _ => Vec::new(),
    };
    let pairs = names
        .iter()
        .zip(arrays)
        .map(|(n, a)| (crate::value::repr::str_of(n), a))
        .collect();
    Ok((o.clone(), pairs))
}

fn npz_getitem(_: &mut Interp, args: Args) -> Res<Value> {
    let (_, pairs) = npz_arrays(&args)?;
    let key = args.pos.get(1).map(crate::value::repr::str_of).unwrap_or_default();
    pairs
        .into_iter()
        .find(|(n, _)| *n == key)
        .map(|(_, a)| a)
        .ok_or_else(|| exc("KeyError", format!("'{key} is not a file in the archive'")))
}

fn npz_contains(_: &mut Interp, args: Args) -> Res<Value> {
    let (_, pairs) = npz_arrays(&args)?;
    let key = args.pos.get(1).map(crate::value::repr::str_of).unwrap_or_default();
    Ok(Value::Bool(pairs.iter().any(|(n, _)| *n == key)))
}

fn npz_keys(_: &mut Interp, args: Args) -> Res<Value> {
    let (_, pairs) = npz_arrays(&args)?;
    Ok(Value::list(pairs.into_iter().map(|(n, _)| Value::str(&n)).collect()))
}

/// `repr` of an `NpzFile`: `NpzFile 'b.npz' with keys: x, y`.
pub fn npz_repr(o: &Object) -> Option<String> {
    if o.class.name != "NpzFile" {
        return None;
    }
    let path = o
        .get("_path")
        .map(|p| crate::value::repr::str_of(&p))
        .unwrap_or_default();
    let names: Vec<String> = match o.get("files") {
        Some(Value::List(l)) => l.borrow().iter().map(crate::value::repr::str_of).collect(),
        _ => Vec::new(),
    };
    Some(format!("NpzFile '{path}' with keys: {}", names.join(", ")))
}

fn load_npz(path: &str, bytes: Vec<u8>) -> Res<Value> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad_file(path, e))?;
    let mut names = Vec::new();
    let mut arrays = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).map_err(|e| bad_file(path, e))?;
        let name = f.name().map_err(|e| bad_file(path, e))?.to_string();
        // Only what the member's header declares is inflated (a small member that would
        // inflate to gigabytes stops there).
        let data = super::read::npy_stream(&mut f).map_err(|e| bad_file(path, e))?;
        let a = npy_array(&format!("{path}/{name}"), &data)?;
        names.push(Value::str(name.strip_suffix(".npy").unwrap_or(&name)));
        arrays.push(wrap(Lib::Numpy, a));
    }
    let attrs = vec![
        (Sym::new("files"), Value::list(names)),
        (Sym::new("_arrays"), Value::list(arrays)),
        (Sym::new("_path"), Value::str(path)),
    ];
    Ok(Object::new(NPZ.with(Rc::clone), attrs))
}

fn savez(interp: &mut Interp, mut args: Args, compressed: bool) -> Res<Value> {
    let mut path = path_arg(args.pos.first(), "savez")?;
    if !path.ends_with(".npz") {
        path.push_str(".npz");
    }
    // allow_pickle is savez's own keyword, never a member: nt's members are numeric
    // arrays, which NumPy saves without pickling either way.
    let _ = kwarg(&mut args, "allow_pickle");
    let mut members: Vec<(String, NdArray)> = Vec::new();
    for (i, v) in args.pos.iter().skip(1).enumerate() {
        members.push((format!("arr_{i}"), array_of(v)?));
    }
    for (k, v) in std::mem::take(&mut args.kw) {
        let name = k.as_str().to_owned();
        if members.iter().any(|(n, _)| *n == name) {
            return Err(exc(
                "ValueError",
                format!("Cannot use un-named variables and keyword {name}"),
            ));
        }
        members.push((name, array_of(&v)?));
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let method = if compressed {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default())
            .large_file(true);
        for (name, a) in &members {
            let data = npy_bytes(a)?;
            zip.start_file(format!("{name}.npy"), opts)
                .map_err(|e| exc("OSError", e.to_string()))?;
            zip.write_all(&data).map_err(|e| exc("OSError", e.to_string()))?;
        }
        zip.finish().map_err(|e| exc("OSError", e.to_string()))?;
    }
    interp.write_file(&path, &buf.into_inner())?;
    Ok(Value::None)
}

/// `np.savetxt(fname, X, fmt='%.18e', delimiter=' ', newline='\n', header='', footer='', comments='# ')`.
fn savetxt(interp: &mut Interp, mut args: Args) -> Res<Value> {
    let path = path_arg(args.pos.first(), "savetxt")?;
    let x = array_of(
        args.pos
            .get(1)
            .ok_or_else(|| type_error("savetxt() missing required argument 'X'"))?,
    )?;
    let text = |args: &mut Args, k: &str, i: usize, d: &str| -> String {
        kwarg(args, k)
            .or_else(|| args.pos.get(i).cloned())
            .map(|v| crate::value::repr::str_of(&v))
            .unwrap_or_else(|| d.to_owned())
    };
    let fmt = text(&mut args, "fmt", 2, "%.18e");
    let delim = text(&mut args, "delimiter", 3, " ");
    let newline = text(&mut args, "newline", 4, "\n");
    let header = text(&mut args, "header", 5, "");
    let footer = text(&mut args, "footer", 6, "");
    let comments = text(&mut args, "comments", 7, "# ");
    let cols = match x.ndim() {
        0 => return Err(exc("ValueError", "Expected 1D or 2D array, got 0D array instead")),
        1 => 1,
        2 => x.shape()[1].max(1),
        n => {
            return Err(exc(
                "ValueError",
                format!("Expected 1D or 2D array, got {n}D array instead"),
            ));
        }
    };
    // Integers are formatted as integers, never through float64 (2**53 + 1 stays exact).
    let items: Vec<Value> = if x.dtype.is_float() {
        let xs = crate::realise::to_f64s(&x).map_err(super::internal)?;
        xs.into_iter().map(Value::Float).collect()
    } else {
        let ns = crate::realise::to_i128s(&x).map_err(super::internal)?;
        ns.into_iter()
            .map(|n| {
                i64::try_from(n).map(Value::Int).map_err(|_| {
                    exc(
                        "NotImplementedError",
                        "np.savetxt: nt cannot format integers above 2**63 - 1 yet",
                    )
                })
            })
            .collect::<Res<Vec<Value>>>()?
    };
    let rows: Vec<&[Value]> = items.chunks(cols).collect();
    let mut out = String::new();
    if !header.is_empty() {
        out += &format!("{comments}{}{newline}", header.replace('\n', &format!("\n{comments}")));
    }
    for row in rows {
        let cells = row
            .iter()
            .map(|item| match crate::interp::format::percent_format(&fmt, item)? {
                Value::Str(s) => Ok(s.to_string()),
                other => Ok(crate::value::repr::str_of(&other)),
            })
            .collect::<Res<Vec<String>>>()?;
        out += &cells.join(&delim);
        out += &newline;
    }
    if !footer.is_empty() {
        out += &format!("{comments}{}{newline}", footer.replace('\n', &format!("\n{comments}")));
    }
    interp.write_file(&path, out.as_bytes())?;
    Ok(Value::None)
}

/// An integer cell as NumPy's text reader takes it: an optional sign and decimal digits,
/// within `dtype`'s range.
fn parse_int(c: &str, dtype: DType) -> Option<i128> {
    let digits = c.strip_prefix(['+', '-']).unwrap_or(c);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i128 = c.parse().ok()?;
    let (lo, hi) = crate::array::dtype::int_range(dtype)?;
    (lo..=hi).contains(&n).then_some(n)
}

/// `np.loadtxt(fname, dtype=float, comments='#', delimiter=None, skiprows=0, usecols=None, ndmin=0)`.
fn loadtxt(interp: &mut Interp, mut args: Args) -> Res<Value> {
    let path = path_arg(args.pos.first(), "loadtxt")?;
    let dtype = match kwarg(&mut args, "dtype").or_else(|| args.pos.get(1).cloned()) {
        Some(d) => super::funcs::dtype_arg(&d)?.unwrap_or(DType::F64),
        None => DType::F64,
    };
    let comments = kwarg(&mut args, "comments")
        .map(|v| crate::value::repr::str_of(&v))
        .unwrap_or("#".into());
    let delim = match kwarg(&mut args, "delimiter") {
        None | Some(Value::None) => None,
        Some(v) => Some(crate::value::repr::str_of(&v)),
    };
    let skip = match kwarg(&mut args, "skiprows") {
        Some(v) => crate::interp::builtins::int_arg(&v)?.max(0) as usize,
        None => 0,
    };
    let usecols: Option<Vec<i64>> = match kwarg(&mut args, "usecols") {
        None | Some(Value::None) => None,
        Some(v @ (Value::List(_) | Value::Tuple(_) | Value::Array(_))) => Some(super::shape::dims(&[v])?),
        Some(v) => Some(vec![crate::interp::builtins::int_arg(&v)?]),
    };
    let max_rows = match kwarg(&mut args, "max_rows") {
        None | Some(Value::None) => None,
        Some(v) => Some(crate::interp::builtins::int_arg(&v)?),
    };
    let unpack = kwarg(&mut args, "unpack").is_some_and(|v| v.truthy());
    let ndmin = match kwarg(&mut args, "ndmin") {
        None => 0,
        Some(v) => crate::interp::builtins::int_arg(&v)?,
    };
    if !(0..=2).contains(&ndmin) {
        return Err(exc("ValueError", format!("Illegal value of ndmin keyword: {ndmin}")));
    }
    let full = interp.resolve(&path);
    let bytes = super::read::text(&full).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => exc("FileNotFoundError", format!("{path} not found.")),
        std::io::ErrorKind::OutOfMemory => exc("MemoryError", ""),
        std::io::ErrorKind::Interrupted => {
            crate::interrupt::clear();
            exc("KeyboardInterrupt", "")
        }
        _ => io_error(&e, &path),
    })?;
    // NumPy reads through a text file that decodes 16 KiB blocks.
    let text = String::from_utf8(bytes).map_err(|e| {
        exc(
            "UnicodeDecodeError",
            super::read::utf8_error(e.as_bytes(), &e.utf8_error(), 1 << 14),
        )
    })?;
    // Integer dtypes are read as integers (exact past 2**53, and `1.5`, `nan` or an
    // out-of-range value is NumPy's conversion error), everything else as floats.
    let int_dtype = !dtype.is_float() && dtype != DType::Bool;
    let mut int_rows: Vec<Vec<i128>> = Vec::new();
    let mut rows: Vec<Vec<f64>> = Vec::new();
    let bad = |c: &str, row: usize, col: usize| {
        exc(
            "ValueError",
            format!(
                // NumPy's `%.100R`: the field's repr, cut at 100 characters.
                "could not convert string {} to {} at row {row}, column {}.",
                crate::value::repr::repr_str(c).chars().take(100).collect::<String>(),
                dtype.numpy_name(),
                col + 1
            ),
        )
    };
    for (lineno, line) in text.lines().enumerate().skip(skip) {
        let line = match comments.is_empty() {
            true => line,
            false => line.split(comments.as_str()).next().unwrap_or(""),
        };
        if line.trim().is_empty() {
            continue;
        }
        let row_index = rows.len().max(int_rows.len());
        if max_rows.is_some_and(|m| m >= 0 && row_index as i64 >= m) {
            break;
        }
        let cells: Vec<&str> = match &delim {
            Some(d) => line.split(d.as_str()).collect(),
            None => line.split_whitespace().collect(),
        };
        // usecols picks (and orders) the columns; negative ones count from the end.
        let cells: Vec<&str> = match &usecols {
            None => cells,
            Some(cols) => cols
                .iter()
                .map(|&c| {
                    let n = cells.len() as i64;
                    let i = if c < 0 { c + n } else { c };
                    if i < 0 || i >= n {
                        return Err(exc(
                            "ValueError",
                            format!("invalid column index {c} at row {} with {n} columns", lineno + 1),
                        ));
                    }
                    Ok(cells[i as usize])
                })
                .collect::<Res<Vec<&str>>>()?,
        };
        let first_len = rows.first().map(Vec::len).or(int_rows.first().map(Vec::len));
        if let Some(n) = first_len
            && n != cells.len()
        {
            return Err(exc(
                "ValueError",
                format!(
                    "the number of columns changed from {n} to {} at row {}; use `usecols` to select a subset and avoid this error",
                    cells.len(),
                    lineno + 1
                ),
            ));
        }
        if int_dtype {
            let row = cells
                .iter()
                .enumerate()
                .map(|(j, c)| parse_int(c.trim(), dtype).ok_or_else(|| bad(c.trim(), row_index, j)))
                .collect::<Res<Vec<i128>>>()?;
            int_rows.push(row);
            continue;
        }
        let row = cells
            .iter()
            .enumerate()
            .map(|(j, c)| c.trim().parse::<f64>().map_err(|_| bad(c.trim(), row_index, j)))
            .collect::<Res<Vec<f64>>>()?;
        rows.push(row);
    }
    let nrows = rows.len().max(int_rows.len());
    // No rows: NumPy's table has the columns usecols names, else one.
    let empty = usecols.as_ref().map_or(1, Vec::len);
    let ncols = match int_dtype {
        true => int_rows.first().map_or(empty, Vec::len),
        false => rows.first().map_or(empty, Vec::len),
    };
    // NumPy reads a (rows, columns) table, squeezes it past ndmin dimensions, then brings
    // it back up to ndmin (a single column becomes a column at ndmin=2).
    let mut shape: Vec<usize> = vec![nrows, ncols];
    if ndmin < 2 {
        shape.retain(|&n| n != 1);
    }
    let shape = match (ndmin, shape.len()) {
        (1, 0) => vec![1],
        (2, _) if ncols == 1 && nrows != 1 => vec![nrows, 1],
        _ => shape,
    };
    let a = if int_dtype {
        let ints: Vec<i128> = int_rows.into_iter().flatten().collect();
        NdArray::from_buffer(
            crate::with_dtype!(dtype, T => <T as crate::array::storage::Typed>::wrap(
                ints.iter().map(|&n| <T as crate::array::elem::Elem>::from_i128(n)).collect()
            )),
            &shape,
        )
    } else {
        let flat: Vec<f64> = rows.iter().flatten().copied().collect();
        let a = NdArray::from_buffer(crate::array::storage::Buffer::from_f64s(DType::F64, &flat), &shape);
        super::ops::cast(&a, dtype)?
    };
    // unpack=True returns the transpose, so `x, y = np.loadtxt(f, unpack=True)`.
    let a = if unpack { super::shape::reversed(&a) } else { a };
    Ok(wrap(Lib::Numpy, a))
}

/// `np.save`, `np.load`, `np.savez`, `np.savez_compressed`, `np.savetxt`, `np.loadtxt`.
pub fn numpy_fn(interp: &mut Interp, _: Lib, name: &'static str, args: Args) -> Res<Value> {
    match name {
        "save" => {
            let mut path = path_arg(args.pos.first(), name)?;
            if !path.ends_with(".npy") {
                path.push_str(".npy");
            }
            let a = array_of(
                args.pos
                    .get(1)
                    .ok_or_else(|| type_error("save() missing required argument 'arr'"))?,
            )?;
            let bytes = npy_bytes(&a)?;
            interp.write_file(&path, &bytes)?;
            Ok(Value::None)
        }
        "load" => {
            let mut args = args;
            let allow_pickle = match kwarg(&mut args, "allow_pickle").or_else(|| args.pos.get(2).cloned()) {
                None => false,
                Some(v) => v.truthy(),
            };
            let path = path_arg(args.pos.first(), name)?;
            let bytes = interp.read_file(&path)?;
            if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
                return load_npz(&path, bytes);
            }
            // Object arrays and other pickles: only with allow_pickle=True, and then
            // through the restricted unpickler (`numpy._pickle`), which runs no code.
            let pickled = if npy::is_npy(&bytes) {
                match npy::object_data(&bytes) {
                    Some(_) if !allow_pickle => {
                        return Err(exc(
                            "ValueError",
                            "Object arrays cannot be loaded when allow_pickle=False",
                        ));
                    }
                    Some(start) => Some(start),
                    None => None,
                }
            } else if allow_pickle {
                Some(0)
            } else {
                return Err(exc(
                    "ValueError",
                    "This file contains pickled (object) data. If you trust the file you can load it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`.",
                ));
            };
            if let Some(start) = pickled {
                let module = interp.import(&[Sym::new("numpy"), Sym::new("_pickle")])?;
                let f = interp.get_attr(&module, Sym::new("loads"))?;
                let data = Value::Bytes(bytes[start..].to_vec().into());
                return interp.call(
                    &f,
                    Args {
                        pos: vec![data],
                        kw: Vec::new(),
                    },
                    None,
                );
            }
            Ok(wrap(Lib::Numpy, npy_array(&path, &bytes)?))
        }
        // Memory order, which `save` keeps: Fortran-ordered arrays are written as such.
        "asfortranarray" => {
            let a = array_of(
                args.pos
                    .first()
                    .ok_or_else(|| type_error("asfortranarray() missing required argument 'a'"))?,
            )?;
            let t = super::ops::run(crate::ir::Op::Copy, &[&shape::reversed(&a)])?;
            Ok(wrap(Lib::Numpy, shape::reversed(&t)))
        }
        "isfortran" => {
            let a = array_of(
                args.pos
                    .first()
                    .ok_or_else(|| type_error("isfortran() missing required argument 'a'"))?,
            )?;
            let f = a.ndim() > 1 && !a.layout.is_contiguous() && shape::reversed(&a).layout.is_contiguous();
            Ok(Value::Bool(f))
        }
        "savez" => savez(interp, args, false),
        "savez_compressed" => savez(interp, args, true),
        "savetxt" => savetxt(interp, args),
        "loadtxt" => loadtxt(interp, args),
        _ => Err(super::internal(format!("unknown file function {name}"))),
    }
}

/// The elements of `a` in row-major order, little-endian.
pub(crate) fn npy_data(a: &NdArray) -> Result<Vec<u8>, String> {
    crate::with_dtype!(a.dtype, T => {
        let v = crate::realise::values::<T>(a)?;
        let mut out = Vec::with_capacity(v.len() * <T as npy::Le>::SIZE);
        for &x in v.iter() {
            npy::Le::put(x, &mut out);
        }
        Ok(out)
    })
}
