"""The cases of benches/gpu.nt in PyTorch on CUDA (and its CPU), for a peer's figures on
the same machine: `python3 benches/gpu_torch.py`. Prints the same line format."""
import time

import torch


def median_ms(f, reps, sync):
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        sync()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return times[len(times) // 2]


devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
if torch.cuda.is_available():
    print("adapter:", torch.cuda.get_device_name())
n = 10_000_000
for dev in devices:
    sync = torch.cuda.synchronize if dev == "cuda" else (lambda: None)
    a = torch.arange(n, dtype=torch.float32, device=dev)
    b = torch.ones(n, device=dev)
    c = torch.full((n,), 0.5, device=dev)
    reps = 11
    ms = median_ms(lambda: a + b, reps, sync)
    print(f"add_10M torch-{dev} {ms:.2f} ms {3 * 4 * n / ms / 1e6:.1f} GB/s")
    ms = median_ms(lambda: (a * 2 + b) ** 2 - c, reps, sync)
    print(f"chain_10M torch-{dev} {ms:.2f} ms {n / ms / 1e6:.2f} Gelem/s")
    ms = median_ms(lambda: c.exp(), reps, sync)
    print(f"exp_10M torch-{dev} {ms:.2f} ms {n / ms / 1e6:.2f} Gelem/s")
    ms = median_ms(lambda: a.sum(), reps, sync)
    print(f"sum_10M torch-{dev} {ms:.2f} ms {4 * n / ms / 1e6:.1f} GB/s")
    for m in [256, 1024]:
        x = torch.ones(m, m, device=dev)
        y = torch.full((m, m), 0.5, device=dev)
        ms = median_ms(lambda: x @ y, 11 if m < 1024 else 7, sync)
        print(f"matmul_{m} torch-{dev} {ms:.2f} ms {2 * m ** 3 / ms / 1e6:.1f} GFLOP/s")
    x = torch.ones(4, 4, device=dev)

    def loop():
        for _ in range(1000):
            x + 1.0

    ms = median_ms(loop, 5, sync)
    print(f"tiny_add torch-{dev} {ms:.2f} ms per 1000 ops")
