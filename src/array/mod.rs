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
    let bytes = shape
        .iter()
        .try_fold(dtype.itemsize() as u64, |acc, &n| acc.checked_mul(n as u64));
    match bytes {
        Some(b) if crate::memory::fits(b) => Ok(()),
        _ => {
            let dims: Vec<String> = shape.iter().map(|n| n.to_string()).collect();
            let shape = match dims.len() {
                1 => format!("({},)", dims[0]),
                _ => format!("({})", dims.join(", ")),
            };
            let size = match bytes {
                Some(b) => human_bytes(b),
                None => "more than 16.0 EiB".to_string(),
            };
            Err(format!(
                "{TOO_BIG}Unable to allocate {size} for an array with shape {shape} and data type {}",
                dtype.numpy_name()
            ))
        }
    }
}

/// NumPy's `_size_to_string`: `7.28 TiB`.
fn human_bytes(b: u64) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let mut i = 0;
    let mut x = b as f64;
    while x >= 1024.0 && i + 1 < units.len() {
        x /= 1024.0;
        i += 1;
    }
    if i == 0 {
        format!("{b} bytes")
    } else {
        format!("{x:.2} {}", units[i])
    }
}
