//! Reading the files a user names without reading more than they declare: a regular
//! file is read whole only when it fits in memory; a `.npy` stream (a device, a FIFO, a
//! member of an `.npz` archive) is read up to the end of the data its header declares,
//! so `/dev/zero` or a small archive member that inflates to gigabytes is never read to
//! its end. Bytes that cannot be a `.npy` are not read past their first few.

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
