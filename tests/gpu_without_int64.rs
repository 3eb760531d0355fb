//! The reference sessions on a gpu adapter without 64-bit integers (`SHADER_INT64`
//! withheld through `NT_GPU_WITHOUT`): int64, PyTorch's default integer type, is then
//! emulated (`vec2<u32>` words) or computed on the CPU, and every session must still print
//! exactly what NumPy and PyTorch print.

#![cfg(feature = "gpu")]

mod common;

use common::reference::Mode;

#[test]
fn sessions_print_exactly_without_int64_shaders() {
    // SAFETY: this test binary has one test and sets the variable before any thread
    // that reads the environment (the gpu context is created below, after it).
    unsafe { std::env::set_var("NT_GPU_WITHOUT", "SHADER_INT64") };
    if !common::reference::gpu_present("reference sessions on the gpu without SHADER_INT64") {
        return;
    }
    common::reference::check_sessions(Mode::GpuWithoutInt64);
    // Emulated int64 arithmetic at the edges of the range prints what the CPU prints.
    let script = "\
import torch
big = 2**62 + 12345
a = torch.tensor([0, 1, -1, 2**31, -2**31 - 7, 2**40 + 3, big, -big, 9223372036854775807, -9223372036854775807 - 1])
b = torch.tensor([7, -3, 2**33, 5, -2**32, 2**24 + 1, 3, -2, 1, -1])
for r in [a + b, a - b, a * b, -a, a & b, a | b, a ^ b, ~a, torch.maximum(a, b), torch.minimum(a, b)]:
    print(r)
for r in [a < b, a <= b, a == b, a != b, a > b, a >= b, torch.where(a > b, a, b)]:
    print(r)
print(a.to(torch.int32), a.to(torch.uint8), a.to(torch.bool), a.sum(), a // 3, a.float())
print(torch.tensor([1, 2, 3], dtype=torch.int32).to(torch.int64) * 2**40)
";
    let run = |gpu: bool| {
        common::big_stack(move || {
            nt::nd::device::set_default(gpu).expect("device");
            nt::repl::transcript::transcript_with(script, nt::repl::transcript::Errors::Headline)
        })
    };
    let (cpu, gpu) = (run(false), run(true));
    assert!(!cpu.contains("Error"), "{cpu}");
    assert_eq!(gpu.replace(", device='gpu:0'", ""), cpu);
}
