//! NumPy/PyTorch reference sessions (`tests/reference/arrays/`): each `.nt` file's
//! `.expected` transcript was produced by running it under CPython with real NumPy and
//! PyTorch (`gen.py`). nt must print exactly the same, errors as their headline line.
//!
//! Files named in `PENDING` exercise features later issues bring; they are checked
//! strictly the other way: one that starts passing must be taken off the list.
//!
//! The whole suite runs again with every elementwise op deferred into fused kernels, and
//! again with the gpu as the default device (as `nt --device gpu`),
//! where an adapter exists (`NT_REQUIRE_GPU=1` makes its absence a failure). The output
//! must be the same; `GPU_PENDING` names the sessions that may differ there, and why.

mod common;

use common::reference::Mode;

#[test]
fn numpy_and_pytorch_sessions_print_exactly() {
    common::reference::check_sessions(Mode::Cpu);
}

/// Every elementwise op deferred and fused, however small: the fused CPU kernels must
/// print what op-by-op execution prints.
#[test]
fn the_same_sessions_print_exactly_when_every_op_is_fused() {
    common::reference::check_sessions(Mode::CpuFused);
}

#[cfg(feature = "gpu")]
#[test]
fn the_same_sessions_print_exactly_on_the_gpu() {
    if !common::reference::gpu_present("reference sessions on the gpu") {
        return;
    }
    common::reference::check_sessions(Mode::Gpu);
}
