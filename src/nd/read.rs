//! Reading the files a user names without reading more than they declare: a regular
//! file is read whole only when it fits in memory; a `.npy` stream (a device, a FIFO, a
//! member of an `.npz` archive) is read up to the end of the data its header declares,
//! so `/dev/zero` or a small archive member that inflates to gigabytes is never read to
//! its end. Bytes that cannot be a `.npy` are not read past their first few. Text
//! (`np.loadtxt`) is read while it fits in memory, and stops at Ctrl-C.

use std::io::Read;

/// The longest `.npy` header nt reads (NumPy's `max_header_size` default is 10000).
const MAX_HEADER: usize = 1 << 16;

/// Reads what `r` holds, whole, when it is at most `limit` bytes; otherwise an error
/// saying so (checked before the bytes are kept).
fn read_at_most(r: &mut impl Read, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    r.take(limit.saturating_add(1)).read_to_end(&mut out)?;
    if out.len() as u64 > limit {
        return Err(std::io::Error::other("more data than memory allows"));
    }
    Ok(out)
}

/// A `.npy` from a stream: its header and exactly the data it declares (fewer bytes if
/// the stream ends first, which the caller reports). Anything not starting with the
/// `.npy` magic comes back as its first bytes only.
pub fn npy_stream(r: &mut impl Read) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    r.take(12).read_to_end(&mut out)?;
    if !crate::array::npy::is_npy(&out) || out.len() < 10 {
        return Ok(out);
    }
    let (len, start) = match out[6] {
        1 => (u16::from_le_bytes([out[8], out[9]]) as usize, 10),
        _ if out.len() == 12 => (u32::from_le_bytes([out[8], out[9], out[10], out[11]]) as usize, 12),
        _ => return Ok(out),
    };
    let want = start + len.min(MAX_HEADER);
    if out.len() < want {
        r.take((want - out.len()) as u64).read_to_end(&mut out)?;
    }
    // The header says how many bytes of data follow; read those and no more.
    let data = match crate::array::npy::decode(&out) {
        Ok((h, _)) => h
            .shape
            .iter()
            .try_fold(h.dtype.itemsize() as u64, |acc, &n| acc.checked_mul(n as u64)),
        Err(_) => return Ok(out),
    };
    match data {
        Some(n) if crate::memory::fits(n) => {
            r.take(n).read_to_end(&mut out)?;
            Ok(out)
        }
        // Too big to hold (or to count): the header alone lets the caller report it.
        _ => Ok(out),
    }
}

/// The bytes of the file at `path`, for `np.load`: a regular file whole (if it fits in
/// memory), anything else as a `.npy` stream.
pub fn file(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    let mut f = std::fs::File::open(path)?;
    let meta = f.metadata()?;
    if meta.is_file() {
        if !crate::memory::fits(meta.len()) {
            return Err(std::io::Error::other("the file is larger than the memory available"));
        }
        return read_at_most(&mut f, meta.len().max(1 << 20));
    }
    npy_stream(&mut f)
}

/// The bytes of the text file at `path`: a regular file whole (if it fits in memory),
/// a stream (a device, a FIFO) a block at a time until it ends, memory runs out
/// (`OutOfMemory`) or Ctrl-C (`Interrupted`).
pub fn text(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind};
    let mut f = std::fs::File::open(path)?;
    let meta = f.metadata()?;
    if meta.is_file() && !crate::memory::fits(meta.len()) {
        return Err(Error::from(ErrorKind::OutOfMemory));
    }
    let mut out = Vec::new();
    let mut block = vec![0u8; 1 << 20];
    loop {
        if crate::interrupt::pending() {
            return Err(Error::from(ErrorKind::Interrupted));
        }
        let n = match f.read(&mut block) {
            Ok(0) => return Ok(out),
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if !crate::memory::fits(out.len() as u64 + n as u64) || out.try_reserve(n).is_err() {
            return Err(Error::from(ErrorKind::OutOfMemory));
        }
        out.extend_from_slice(&block[..n]);
    }
}

/// Python's `UnicodeDecodeError` for bytes that are not UTF-8, as NumPy's `loadtxt` meets
/// it: its text file decodes blocks of `chunk` bytes, so a position counts from the
/// block (and any character the block boundary split); the end of the data is decoded
/// last, on its own.
pub fn utf8_error(bytes: &[u8], e: &std::str::Utf8Error, chunk: usize) -> String {
    let start = e.valid_up_to();
    let lead = bytes[start];
    let (len, reason) = match e.error_len() {
        None => (bytes.len() - start, "unexpected end of data"),
        Some(1) if !(0xC2..=0xF4).contains(&lead) => (1, "invalid start byte"),
        Some(n) => (n as usize, "invalid continuation byte"),
    };
    let pos = match e.error_len() {
        None => 0,
        Some(_) => {
            // The byte that made it invalid decides the block; a character the block
            // boundary splits is decoded with the block after it.
            let seen = if reason == "invalid start byte" {
                start
            } else {
                start + len
            };
            let boundary = seen / chunk * chunk;
            let base = (boundary.saturating_sub(3)..boundary)
                .find(|&j| j >= start || (bytes[j] & 0xC0 != 0x80 && j + char_len(bytes[j]) > boundary))
                .map_or(boundary, |j| j.min(start));
            start - base.min(start)
        }
    };
    match len {
        1 => format!("'utf-8' codec can't decode byte 0x{lead:02x} in position {pos}: {reason}"),
        _ => format!(
            "'utf-8' codec can't decode bytes in position {pos}-{}: {reason}",
            pos + len - 1
        ),
    }
}

/// How many bytes the UTF-8 character that `lead` starts has.
fn char_len(lead: u8) -> usize {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}
