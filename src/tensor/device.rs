//! Where a tensor's elements live: the cpu, or the gpu device (the wgpu adapter).

use crate::array::NdArray;
use crate::error::{Res, exc};

/// Whether an array lives on the gpu device.
pub fn on_gpu(a: &NdArray) -> bool {
    #[cfg(feature = "gpu")]
    {
        crate::realise::device::on_gpu(a)
    }
    #[cfg(not(feature = "gpu"))]
    {
        let _ = a;
        false
    }
}

/// A working gpu adapter, or `RuntimeError` saying why there is none.
pub fn available_or_error() -> Res<()> {
    #[cfg(feature = "gpu")]
    {
        crate::realise::device::adapter()
            .map(|_| ())
            .map_err(|e| exc("RuntimeError", e))
    }
    #[cfg(not(feature = "gpu"))]
    {
        Err(exc(
            "RuntimeError",
            "this nt was built without the gpu device (cargo feature `gpu`)",
        ))
    }
}

/// The array on the requested device (itself when already there).
pub fn move_array(a: &NdArray, gpu: bool) -> Res<NdArray> {
    if on_gpu(a) == gpu {
        return Ok(a.clone());
    }
    #[cfg(feature = "gpu")]
    {
        let r = if gpu {
            crate::realise::device::check(a.dtype).and_then(|_| crate::realise::device::upload(a))
        } else {
            crate::realise::host(a).and_then(|h| crate::realise::run(crate::ir::Op::Copy, &[&h]))
        };
        r.map_err(|e| exc("RuntimeError", e))
    }
    #[cfg(not(feature = "gpu"))]
    {
        let _ = gpu;
        available_or_error().map(|_| a.clone())
    }
}
