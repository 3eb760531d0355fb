//! nt's n-dimensional data: a strided view over shared, typed storage. NumPy arrays and
//! PyTorch tensors are both `NdArray`s; they differ in the rules their front ends apply.

pub mod dtype;
pub mod elem;
pub mod format;
pub mod layout;
pub mod npy;
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
