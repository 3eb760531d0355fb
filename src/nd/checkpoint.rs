//! The primitives under PyTorch's checkpoint format (`stdlib/torch/serialization.nt`
//! reads and writes the pickle; these move the bytes): a zip archive's members, a
//! tensor's bytes, a tensor made from a storage's bytes, and a strided view of a storage.
//!
//! - `_nt.zip_members(path | bytes)`: `[(name, bytes), ...]` in archive order.
//! - `_nt.zip_write(path, [(name, bytes), ...])`: stored (uncompressed) members whose data
//!   starts on a 64-byte boundary, padded with an `FB` extra field as PyTorch's writer
//!   pads; written whole or not at all (`nd::write`). `_nt.zip_bytes(members)`: the
//!   same archive as bytes, for a file object.
//! - `_nt.tensor_bytes(t)`: `t`'s elements in row-major order, little-endian.
//! - `_nt.storage_tensor(bytes, dtype)`: a 1-d tensor holding the bytes as `dtype`.
//! - `_nt.storage_view(storage, offset, size, stride)`: PyTorch's `set_(storage, offset,
//!   size, stride)`: a view sharing the storage, checked to lie inside it.

use super::{as_nd, wrap};
use crate::array::layout::Layout;
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::value::{Args, Lib, Value};
use std::io::{Read, Write};

/// PyTorch's `getPadding` pads local headers with this extra field ("FB").
const PAD_HEADER: u16 = 0x4246;
const ALIGN: u16 = 64;

fn str_arg<'a>(args: &'a Args, i: usize, what: &str) -> Res<&'a str> {
    match args.pos.get(i) {
        Some(Value::Str(s)) => Ok(s),
        _ => Err(type_error(format!("_nt.{what}: argument {} must be str", i + 1))),
    }
}

fn int_list(v: &Value, what: &str) -> Res<Vec<i64>> {
    let items = match v {
        Value::Tuple(t) => t.to_vec(),
        Value::List(l) => l.borrow().clone(),
        _ => return Err(type_error(format!("{what} must be a tuple of ints"))),
    };
    items
        .iter()
        .map(|x| match x {
            Value::Int(n) => Ok(*n),
            Value::Bool(b) => Ok(*b as i64),
            _ => Err(type_error(format!("{what} must be a tuple of ints"))),
        })
        .collect()
}

fn zip_error(path: &str, e: impl std::fmt::Display) -> Box<crate::error::Exc> {
    exc(
        "RuntimeError",
        format!("PytorchStreamReader failed reading zip archive: {e} ('{path}')"),
    )
}

/// `_nt.zip_members(path | bytes)`.
pub fn zip_members(interp: &mut Interp, args: Args) -> Res<Value> {
    match args.pos.first() {
        Some(Value::Bytes(b)) => members(std::io::Cursor::new(b.to_vec()), "<bytes>"),
        _ => {
            let path = str_arg(&args, 0, "zip_members")?;
            let full = interp.resolve(path);
            let file = std::fs::File::open(&full).map_err(|e| super::files::io_error(&e, path))?;
            members(std::io::BufReader::new(file), path)
        }
    }
}

fn members(reader: impl Read + std::io::Seek, path: &str) -> Res<Value> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| zip_error(path, e))?;
    let mut out = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let f = zip.by_index(i).map_err(|e| zip_error(path, e))?;
        let name = f.name().map_err(|e| zip_error(path, e))?.to_string();
        // Never more than the member declares (a member inflating to gigabytes stops).
        let size = f.size();
        let mut data = Vec::with_capacity(size.min(1 << 30) as usize);
        f.take(size).read_to_end(&mut data).map_err(|e| zip_error(path, e))?;
        out.push(Value::tuple(vec![Value::str(&name), Value::Bytes(data.into())]));
    }
    Ok(Value::list(out))
}

/// The archive's bytes: stored members, each one's data 64-byte aligned.
fn archive(members: &[Value], what: &str) -> Res<Vec<u8>> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    let io = |e: &dyn std::fmt::Display| exc("OSError", format!("{what}: {e}"));
    for m in members {
        let (name, data) = match m {
            Value::Tuple(t) if t.len() == 2 => match (&t[0], &t[1]) {
                (Value::Str(n), Value::Bytes(b)) => (n.to_string(), b.clone()),
                _ => return Err(type_error("_nt.zip_write: members are (str, bytes)")),
            },
            _ => return Err(type_error("_nt.zip_write: members are (str, bytes)")),
        };
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .last_modified_time(zip::DateTime::default())
            .large_file(data.len() as u64 >= u32::MAX as u64)
            .with_alignment_and_header_id(ALIGN, PAD_HEADER);
        zip.start_file(name, opts).map_err(|e| io(&e))?;
        zip.write_all(&data).map_err(|e| io(&e))?;
    }
    zip.finish().map_err(|e| io(&e))?;
    Ok(buf.into_inner())
}

fn member_list(args: &Args, i: usize) -> Res<Vec<Value>> {
    match args.pos.get(i) {
        Some(Value::List(l)) => Ok(l.borrow().clone()),
        _ => Err(type_error("_nt.zip_write(path, [(name, bytes), ...])")),
    }
}

/// `_nt.zip_write(path, members)`.
pub fn zip_write(interp: &mut Interp, args: Args) -> Res<Value> {
    let path = str_arg(&args, 0, "zip_write")?;
    let bytes = archive(&member_list(&args, 1)?, path)?;
    super::write::write(&interp.resolve(path), &bytes).map_err(|e| super::files::io_error(&e, path))?;
    Ok(Value::None)
}

/// `_nt.zip_bytes(members)`: the archive as bytes (for a file object).
pub fn zip_bytes(_: &mut Interp, args: Args) -> Res<Value> {
    Ok(Value::Bytes(archive(&member_list(&args, 0)?, "<bytes>")?.into()))
}

/// `_nt.tensor_bytes(t)`.
pub fn tensor_bytes(_: &mut Interp, args: Args) -> Res<Value> {
    let Some((_, a)) = args.pos.first().and_then(as_nd) else {
        return Err(type_error("_nt.tensor_bytes(tensor)"));
    };
    let data = super::files::npy_data(a).map_err(super::internal)?;
    Ok(Value::Bytes(data.into()))
}

/// `_nt.storage_tensor(bytes, dtype)`: the bytes must be whole elements.
pub fn storage_tensor(_: &mut Interp, args: Args) -> Res<Value> {
    let (Some(Value::Bytes(b)), Some(d)) = (args.pos.first(), args.pos.get(1)) else {
        return Err(type_error("_nt.storage_tensor(bytes, dtype)"));
    };
    let dtype = super::funcs::dtype_arg(d)?.ok_or_else(|| type_error("_nt.storage_tensor: a dtype"))?;
    let size = dtype.itemsize();
    if b.len() % size != 0 {
        return Err(exc(
            "RuntimeError",
            format!(
                "a storage of {} bytes does not hold whole {} elements ({size} bytes each)",
                b.len(),
                dtype.torch_name()
            ),
        ));
    }
    let a = crate::array::npy::from_bytes(dtype, b, &[b.len() / size], false).map_err(|e| exc("RuntimeError", e))?;
    Ok(wrap(Lib::Torch, a))
}

/// `_nt.storage_view(storage, offset, size, stride)`, with PyTorch's bounds error.
pub fn storage_view(_: &mut Interp, args: Args) -> Res<Value> {
    let (Some(s), Some(Value::Int(offset)), Some(size), Some(stride)) =
        (args.pos.first(), args.pos.get(1), args.pos.get(2), args.pos.get(3))
    else {
        return Err(type_error("_nt.storage_view(storage, offset, size, stride)"));
    };
    let Some((lib, a)) = as_nd(s) else {
        return Err(type_error("_nt.storage_view: the storage must be a tensor"));
    };
    let size = int_list(size, "size")?;
    let stride = int_list(stride, "stride")?;
    if size.len() != stride.len() {
        return Err(exc(
            "RuntimeError",
            format!(
                "mismatch in length of strides and shape: {} strides, {} sizes",
                stride.len(),
                size.len()
            ),
        ));
    }
    if *offset < 0 || size.iter().any(|&n| n < 0) || stride.iter().any(|&n| n < 0) {
        return Err(exc(
            "RuntimeError",
            "a tensor's offset, sizes and strides must not be negative",
        ));
    }
    // The last element's index + 1 (0 for an empty tensor), in i128: no overflow.
    let needed: i128 = if size.contains(&0) {
        0
    } else {
        *offset as i128
            + size
                .iter()
                .zip(&stride)
                .map(|(&n, &s)| (n as i128 - 1) * s as i128)
                .sum::<i128>()
            + 1
    };
    let have = a.numel() as i128;
    if needed > have {
        let item = a.dtype.itemsize() as i128;
        return Err(exc(
            "RuntimeError",
            format!(
                "setStorage: sizes {size:?}, strides {stride:?}, storage offset {offset}, and itemsize {item} requiring a storage size of {} are out of bounds for storage of size {}",
                needed * item,
                have * item
            ),
        ));
    }
    let layout = Layout {
        shape: size.iter().map(|&n| n as usize).collect(),
        strides: stride.iter().map(|&n| n as isize).collect(),
        offset: a.layout.offset + *offset as usize,
    };
    Ok(wrap(lib, a.view(layout)))
}

/// `_nt.is_parameter(t)`: whether a tensor is an `nn.Parameter`.
pub fn is_parameter(_: &mut Interp, args: Args) -> Res<Value> {
    Ok(Value::Bool(
        matches!(args.pos.first(), Some(Value::Tensor(t)) if t.param.get()),
    ))
}

/// `_nt.float_pack(x)`: a float's 8 bytes, big-endian (pickle's `BINFLOAT`).
pub fn float_pack(_: &mut Interp, args: Args) -> Res<Value> {
    match args.pos.first() {
        Some(Value::Float(x)) => Ok(Value::Bytes(x.to_be_bytes().to_vec().into())),
        _ => Err(type_error("_nt.float_pack(float)")),
    }
}

/// `_nt.float_unpack(b)`: the float in 8 big-endian bytes.
pub fn float_unpack(_: &mut Interp, args: Args) -> Res<Value> {
    match args.pos.first() {
        Some(Value::Bytes(b)) if b.len() == 8 => {
            let mut a = [0u8; 8];
            a.copy_from_slice(b);
            Ok(Value::Float(f64::from_be_bytes(a)))
        }
        _ => Err(type_error("_nt.float_unpack(8 bytes)")),
    }
}

/// `_nt.write_bytes(path, data)`: the whole file, written whole or not at all.
pub fn write_bytes(interp: &mut Interp, args: Args) -> Res<Value> {
    let path = str_arg(&args, 0, "write_bytes")?;
    let Some(Value::Bytes(b)) = args.pos.get(1) else {
        return Err(type_error("_nt.write_bytes(path, bytes)"));
    };
    super::write::write(&interp.resolve(path), b).map_err(|e| super::files::io_error(&e, path))?;
    Ok(Value::None)
}
