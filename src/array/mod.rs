//! nt's n-dimensional data: a strided view over shared, typed storage. NumPy arrays and
//! PyTorch tensors are both `NdArray`s; they differ in the rules their front ends apply.

pub mod dtype;
pub mod elem;
pub mod format;
pub mod layout;
pub mod npy;
pub mod npy_header;
pub mod pool;
pub mod storage;

use dtype::DType;
use layout::Layout;
use std::cell::RefCell;
use std::rc::Rc;
use storage::{Buffer, Storage};

#[derive(Clone, Debug)]
pub struct NdArray {
    pub storage: Storage,
    pub layout: Layout,
    pub dtype: DType,
}

impl NdArray {
    pub fn from_buffer(buf: Buffer, shape: &[usize]) -> NdArray {
        let dtype = buf.dtype();
        if dtype.is_complex() {
            storage::note_complex();
        }
        NdArray {
            storage: Rc::new(RefCell::new(buf)),
            layout: Layout::contiguous(shape),
            dtype,
        }
    }

    pub fn zeros(dtype: DType, shape: &[usize]) -> NdArray {
        NdArray::from_buffer(Buffer::zeros(dtype, layout::numel(shape)), shape)
    }

    /// Another view of the same storage.
    pub fn view(&self, layout: Layout) -> NdArray {
        NdArray {
            storage: self.storage.clone(),
            layout,
            dtype: self.dtype,
        }
    }

    pub fn shape(&self) -> &[usize] {
        &self.layout.shape
    }

    pub fn ndim(&self) -> usize {
        self.layout.ndim()
    }

    pub fn numel(&self) -> usize {
        self.layout.numel()
    }

    /// Whether two arrays share storage (NumPy's `np.shares_memory` in its simplest form).
    pub fn shares_storage(&self, other: &NdArray) -> bool {
        Rc::ptr_eq(&self.storage, &other.storage)
    }
}

/// Marks an error string as "this array cannot fit" (mapped to `MemoryError`).
pub const TOO_BIG: &str = "nt-alloc:";

/// Fails, before anything is allocated, when an array of `shape` and `dtype` cannot fit
/// in memory: NumPy's message, `Unable to allocate 7.28 TiB for an array with shape
/// (1000000000000,) and data type float64`.
pub fn check_alloc(shape: &[usize], dtype: dtype::DType) -> Result<(), String> {
    check_bytes(shape, dtype.itemsize(), dtype.numpy_name())
}

/// `check_alloc` for elements of `itemsize` bytes whose type NumPy calls `type_name`.
pub fn check_bytes(shape: &[usize], itemsize: usize, type_name: &str) -> Result<(), String> {
    let bytes = shape
        .iter()
        .try_fold(itemsize as u64, |acc, &n| acc.checked_mul(n as u64));
    match bytes {
        Some(b) if crate::memory::fits(b) => Ok(()),
        _ => Err(format!("{TOO_BIG}{}", unable(shape, bytes, type_name))),
    }
}

/// NumPy's text for an allocation of `bytes` (None: beyond 64 bits) that failed.
pub fn unable(shape: &[usize], bytes: Option<u64>, type_name: &str) -> String {
    let dims: Vec<String> = shape.iter().map(|n| n.to_string()).collect();
    let shape = match dims.len() {
        1 => format!("({},)", dims[0]),
        _ => format!("({})", dims.join(", ")),
    };
    let size = match bytes {
        Some(b) => human_bytes(b),
        None => "more than 16.0 EiB".to_string(),
    };
    format!("Unable to allocate {size} for an array with shape {shape} and data type {type_name}")
}

/// NumPy's `_size_to_string`: `7.28 TiB`, `32.0 GiB`, `128. MiB`.
fn human_bytes(b: u64) -> String {
    const UNITS: [&str; 7] = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let bits = 64 - b.leading_zeros() as usize;
    let mut unit = bits.saturating_sub(1).max(1) / 10;
    let mut x = b as f64 / (1u64 << (10 * unit)) as f64;
    if x.round_ties_even() == 1024.0 {
        unit += 1;
        x /= 1024.0;
    }
    if unit >= UNITS.len() {
        x *= (1u64 << (10 * (unit - (UNITS.len() - 1)))) as f64;
        unit = UNITS.len() - 1;
    }
    let name = UNITS[unit];
    if unit == 0 {
        return format!("{x:.0} {name}");
    }
    if x.round_ties_even() >= 1000.0 {
        return format!("{x:.0}. {name}");
    }
    // Python's `#.3g`: three significant digits, trailing zeros and the point kept.
    let exp: i32 = format!("{x:.2e}")
        .split('e')
        .nth(1)
        .and_then(|e| e.parse().ok())
        .unwrap_or(0);
    match 2 - exp {
        d if d > 0 => format!("{x:.prec$} {name}", prec = d as usize),
        _ => format!("{x:.0}. {name}"),
    }
}

#[cfg(test)]
mod tests {
    /// What NumPy 2.4.6's `_ArrayMemoryError._size_to_string` gives for these sizes
    /// (run there).
    #[test]
    fn sizes_as_numpy_prints_them() {
        let cases = [
            (1, "1 bytes"),
            (1023, "1023 bytes"),
            (1024, "1.00 KiB"),
            (1 << 35, "32.0 GiB"),
            (128 << 20, "128. MiB"),
            (1023 << 20, "1023. MiB"),
            ((1 << 30) - 1, "1.00 GiB"),
            (8 << 40, "8.00 TiB"),
            (u64::MAX, "16.0 EiB"),
            (10_000_000, "9.54 MiB"),
        ];
        for (b, want) in cases {
            assert_eq!(super::human_bytes(b), want, "{b} bytes");
        }
    }
}
