//! NumPy's `.npy` format (`numpy/lib/format.py`): a magic string, a version, a Python
//! dict literal giving `descr`, `fortran_order` and `shape`, then the raw elements.
//! nt writes version 1.0 headers padded to 64 bytes, as NumPy does.

use super::NdArray;
use super::dtype::DType;
pub use super::npy_header::HeaderError;
use super::storage::Typed;
use half::{bf16, f16};

const MAGIC: &[u8] = b"\x93NUMPY";

/// Little-endian bytes of an element.
pub trait Le: Typed {
    const SIZE: usize;
    fn put(self, out: &mut Vec<u8>);
    fn get(b: &[u8]) -> Self;
}

macro_rules! le {
    ($($t:ty),*) => {$(
        impl Le for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            fn put(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn get(b: &[u8]) -> Self {
                let mut a = [0u8; std::mem::size_of::<$t>()];
                a.copy_from_slice(b);
                <$t>::from_le_bytes(a)
            }
        }
    )*};
}
le!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

impl Le for bool {
    const SIZE: usize = 1;
    fn put(self, out: &mut Vec<u8>) {
        out.push(self as u8);
    }
    fn get(b: &[u8]) -> Self {
        b[0] != 0
    }
}

impl Le for f16 {
    const SIZE: usize = 2;
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_bits().to_le_bytes());
    }
    fn get(b: &[u8]) -> Self {
        f16::from_bits(u16::from_le_bytes([b[0], b[1]]))
    }
}

impl Le for bf16 {
    const SIZE: usize = 2;
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_bits().to_le_bytes());
    }
    fn get(b: &[u8]) -> Self {
        bf16::from_bits(u16::from_le_bytes([b[0], b[1]]))
    }
}

macro_rules! le_complex {
    ($t:ty, $f:ty) => {
        impl Le for $t {
            const SIZE: usize = 2 * std::mem::size_of::<$f>();
            fn put(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.re.to_le_bytes());
                out.extend_from_slice(&self.im.to_le_bytes());
            }
            fn get(b: &[u8]) -> Self {
                let h = std::mem::size_of::<$f>();
                let mut re = [0u8; std::mem::size_of::<$f>()];
                let mut im = [0u8; std::mem::size_of::<$f>()];
                re.copy_from_slice(&b[..h]);
                im.copy_from_slice(&b[h..2 * h]);
                <$t>::new(<$f>::from_le_bytes(re), <$f>::from_le_bytes(im))
            }
        }
    };
}
le_complex!(super::elem::Complex64, f32);
le_complex!(super::elem::Complex128, f64);

/// An array of `shape` from row-major bytes (`big`: big-endian).
pub fn from_bytes(dtype: DType, bytes: &[u8], shape: &[usize], big: bool) -> Result<NdArray, String> {
    let n = crate::array::layout::checked_numel(shape).ok_or("the shape's size overflows")?;
    crate::with_dtype!(dtype, T => {
        let size = <T as Le>::SIZE;
        if n.checked_mul(size).is_none_or(|b| bytes.len() < b) {
            return Err(format!(
                "the file holds {} bytes of data, but shape {:?} of {} needs {}",
                bytes.len(),
                shape,
                dtype.numpy_name(),
                n.saturating_mul(size)
            ));
        }
        let v: Vec<T> = bytes[..n * size]
            .chunks_exact(size)
            .map(|c| {
                if big && dtype.is_complex() {
                    // Each part is big-endian; the real part comes first.
                    let h = size / 2;
                    let r: Vec<u8> = c[..h].iter().rev().chain(c[h..].iter().rev()).copied().collect();
                    T::get(&r)
                } else if big {
                    let r: Vec<u8> = c.iter().rev().copied().collect();
                    T::get(&r)
                } else {
                    T::get(c)
                }
            })
            .collect();
        Ok(NdArray::from_buffer(T::wrap(v), shape))
    })
}

/// NumPy's `descr` of a dtype (`'<f8'`); bfloat16 has none.
pub fn descr(d: DType) -> Option<&'static str> {
    Some(match d {
        DType::Bool => "|b1",
        DType::I8 => "|i1",
        DType::U8 => "|u1",
        DType::I16 => "<i2",
        DType::U16 => "<u2",
        DType::I32 => "<i4",
        DType::U32 => "<u4",
        DType::I64 => "<i8",
        DType::U64 => "<u8",
        DType::F16 => "<f2",
        DType::F32 => "<f4",
        DType::F64 => "<f8",
        DType::C64 => "<c8",
        DType::C128 => "<c16",
        DType::BF16 => return None,
    })
}

/// The dtype and byte order of a `descr`.
fn parse_descr(s: &str) -> Option<(DType, bool)> {
    let (order, code) = match s.as_bytes().first()? {
        b'<' | b'|' | b'=' => (false, &s[1..]),
        b'>' => (true, &s[1..]),
        _ => (false, s),
    };
    let d = match code {
        "b1" | "?" => DType::Bool,
        "i1" => DType::I8,
        "u1" => DType::U8,
        "i2" => DType::I16,
        "u2" => DType::U16,
        "i4" => DType::I32,
        "u4" => DType::U32,
        "i8" => DType::I64,
        "u8" => DType::U8,
        "f2" => DType::F16,
        "f4" => DType::F32,
        "f8" => DType::F64,
        _ => return None,
    };
    let d = if code == "u8" { DType::U64 } else { d };
    Some((d, order))
}

/// A `.npy` file of row-major `data` (`fortran`: the elements are in column-major order,
/// i.e. `data` holds the transpose).
pub fn encode(dtype: DType, shape: &[usize], fortran: bool, data: &[u8]) -> Result<Vec<u8>, String> {
    let descr = descr(dtype).ok_or("NumPy has no bfloat16: convert to float32 first")?;
    let dims: Vec<String> = shape.iter().map(|n| n.to_string()).collect();
    let shape = match dims.len() {
        1 => format!("({},)", dims[0]),
        _ => format!("({})", dims.join(", ")),
    };
    let order = if fortran { "True" } else { "False" };
    let mut header = format!("{{'descr': '{descr}', 'fortran_order': {order}, 'shape': {shape}, }}");
    // Pad with spaces so the data starts at a multiple of 64 bytes, newline-terminated.
    let total = MAGIC.len() + 2 + 2 + header.len() + 1;
    header.push_str(&" ".repeat((64 - total % 64) % 64));
    header.push('\n');
    let mut out = Vec::with_capacity(10 + header.len() + data.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[1, 0]);
    out.extend_from_slice(&(header.len() as u16).to_le_bytes());
    out.extend_from_slice(header.as_bytes());
    out.extend_from_slice(data);
    Ok(out)
}

/// What a `.npy` header says.
pub struct Header {
    pub dtype: DType,
    pub big_endian: bool,
    pub fortran: bool,
    pub shape: Vec<usize>,
}

pub fn is_npy(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Parses a `.npy` file: its header and the bytes of its data.
/// The header's text and where the data starts.
fn header_text(bytes: &[u8]) -> Result<(&str, usize), HeaderError> {
    let bad = |m: &str| HeaderError::Malformed(m.to_string());
    if !is_npy(bytes) {
        return Err(bad("not a .npy file (no \\x93NUMPY magic)"));
    }
    let major = *bytes.get(6).ok_or(bad("truncated header"))?;
    let (len, start) = match major {
        1 => (
            u16::from_le_bytes([bytes.get(8).copied().unwrap_or(0), bytes.get(9).copied().unwrap_or(0)]) as usize,
            10,
        ),
        2 | 3 => {
            let b = bytes.get(8..12).ok_or(bad("truncated header"))?;
            (u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize, 12)
        }
        v => return Err(HeaderError::Malformed(format!("unsupported .npy format version {v}"))),
    };
    let text = bytes.get(start..start + len).ok_or(bad("truncated header"))?;
    let text = std::str::from_utf8(text).map_err(|_| bad("header is not text"))?;
    Ok((text, start + len))
}

/// Where the pickle of an object array's `.npy` starts (its `descr` is `'|O'`).
pub fn object_data(bytes: &[u8]) -> Option<usize> {
    let (text, start) = header_text(bytes).ok()?;
    let f = super::npy_header::parse(text).ok()?;
    (f.descr == "|O").then_some(start)
}

pub fn decode(bytes: &[u8]) -> Result<(Header, &[u8]), HeaderError> {
    let (text, data_start) = header_text(bytes)?;
    let f = super::npy_header::parse(text)?;
    let (dtype, big_endian) =
        parse_descr(&f.descr).ok_or_else(|| HeaderError::Malformed(format!("unsupported dtype '{}'", f.descr)))?;
    let shape = f
        .shape
        .iter()
        .map(|&n| usize::try_from(n).map_err(|_| HeaderError::Rejected("negative dimensions are not allowed".into())))
        .collect::<Result<Vec<usize>, _>>()?;
    Ok((
        Header {
            dtype,
            big_endian,
            fortran: f.fortran,
            shape,
        },
        &bytes[data_start..],
    ))
}
