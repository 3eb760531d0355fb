"""Runs nt's benches/elementwise.nt and the same work in NumPy and PyTorch, on this
machine in one run, and prints medians and ratios (nt / library; lower is better).

    python3 benches/compare.py [path/to/nt]     # needs numpy and torch installed
"""
import os, platform, subprocess, sys, time

import numpy as np
import torch


def median_ms(f, reps):
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        times.append((time.perf_counter() - t0) * 1000)
    return sorted(times)[len(times) // 2]


def peers():
    n = 10_000_000
    a = np.arange(n, dtype=np.float32)
    b = np.ones(n, dtype=np.float32)
    c = np.full(n, 0.5, dtype=np.float32)
    ta, tb = torch.from_numpy(a), torch.from_numpy(b)
    small = np.ones(3, dtype=np.float32)

    def loop():
        x = small
        for _ in range(10000):
            x = x + 1.0

    return {
        "np_add": ("NumPy", median_ms(lambda: a + b, 15)),
        "torch_add": ("PyTorch", median_ms(lambda: ta + tb, 15)),
        "np_chain": ("NumPy", median_ms(lambda: (a * 2 + b) ** 2 - c, 7)),
        "np_exp": ("NumPy", median_ms(lambda: np.exp(c), 7)),
        "np_sum": ("NumPy", median_ms(lambda: a.sum(), 7)),
        "small_add_us": ("NumPy", median_ms(loop, 5) * 1000 / 10000),
    }


def mlp_step_ms():
    X = (torch.arange(64 * 784, dtype=torch.float32).reshape(64, 784) * 0.37).sin()
    labels = torch.arange(64) % 10
    onehot = (labels.reshape(64, 1) == torch.arange(10).reshape(1, 10)).float()
    W1 = ((torch.arange(784 * 128, dtype=torch.float32).reshape(784, 128) * 0.11).cos() * 0.05).requires_grad_()
    b1 = torch.zeros(128, requires_grad=True)
    W2 = ((torch.arange(128 * 10, dtype=torch.float32).reshape(128, 10) * 0.23).sin() * 0.1).requires_grad_()
    b2 = torch.zeros(10, requires_grad=True)
    params = [W1, b1, W2, b2]

    def step():
        h = (X @ W1 + b1).relu()
        logits = h @ W2 + b2
        logp = logits - logits.exp().sum(dim=1, keepdim=True).log()
        loss = -(onehot * logp).sum(dim=1).mean()
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= 0.01 * p.grad
        for p in params:
            p.grad = None

    return median_ms(step, 21)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    nt = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "target", "release", "nt")
    mine = {}
    for script in ("elementwise.nt", "mlp.nt"):
        out = subprocess.run([nt, os.path.join(here, script)], capture_output=True, text=True, check=True).stdout
        mine.update({k: float(v) for k, v in (line.split() for line in out.splitlines())})
    theirs = peers()
    theirs["mlp_step"] = ("PyTorch", mlp_step_ms())
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
          f"numpy {np.__version__}, torch {torch.__version__}")
    print(f"{'case':<14}{'nt':>10}{'peer':>10}  peer     ratio")
    for case, (lib, t) in theirs.items():
        unit = "us" if case.endswith("_us") else "ms"
        print(f"{case:<14}{mine[case]:>8.2f}{unit}{t:>8.2f}{unit}  {lib:<8} {mine[case] / t:.2f}x")


if __name__ == "__main__":
    main()
