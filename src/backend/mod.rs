//! Backends realise IR ops. The CPU backend is the reference semantics.

pub mod cpu;
#[cfg(feature = "gpu")]
pub mod wgpu;

use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::ir::Op;

pub trait Backend {
    /// Realises `op` on `inputs`, producing a new contiguous array of `shape` and `dtype`
    /// (as `Op::infer` computed them).
    fn execute(&self, op: &Op, inputs: &[&NdArray], shape: &[usize], dtype: DType) -> Result<NdArray, String>;
}
