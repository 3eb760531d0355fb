//! The gpu device: wgpu compute shaders generated as WGSL from the IR. Without a GPU it
//! runs on a software Vulkan driver (Mesa's lavapipe), which is how tests exercise it.

pub mod context;
mod fused;
mod kernels;
mod memory;
pub mod wgsl;

pub use context::available;
pub use fused::fused;
pub use kernels::{assign, execute};
pub use memory::{GpuBuffer, Repr, download, downloads, of, on_gpu, upload};

/// Waits until the gpu has finished everything submitted.
pub fn synchronize() -> Result<(), String> {
    let cx = context::get()?;
    cx.flush();
    cx.device
        .poll(wgpu::PollType::Wait {
            submission_index: None,
            timeout: None,
        })
        .map_err(|e| format!("waiting for the GPU failed: {e}"))?;
    context::check_errors()
}

/// The adapter in use (`"llvmpipe (LLVM 15.0.6, 256 bits) (Vulkan)"`), or why there is none.
pub fn adapter() -> Result<String, String> {
    context::get().map(|c| c.name.clone())
}

/// Checks that the gpu device exists and can hold `dtype`, with the error to show if not.
pub fn check(dtype: crate::array::dtype::DType) -> Result<(), String> {
    let cx = context::get()?;
    memory::repr(cx, dtype).map(|_| ())
}

/// The gpu device as a `Backend`: inputs are uploaded, the output stays on the device.
pub struct Gpu;

impl super::Backend for Gpu {
    fn execute(
        &self,
        op: &crate::ir::Op,
        inputs: &[&crate::array::NdArray],
        shape: &[usize],
        dtype: crate::array::dtype::DType,
    ) -> Result<crate::array::NdArray, String> {
        execute(op, inputs, shape, dtype)
    }
}
