"""Which summation order PyTorch's CPU float32 matmul (MKL sgemm) uses, by shape.

For each (m, n, k), `a @ b` of standard-normal float32 matrices is compared with two
sequential chains over k: F, one fused multiply-add per step (the f64 sum of the exact
product and the f32 partial, rounded to f32: FMA except in rare double-rounding cases),
and N, a rounded multiply then a rounded add. `=`: both match (k = 1), `?`: neither.
Run: python3 docs/dev/sgemm_order_map.py  (a minute; the map depends on the CPU MKL picks
kernels for). Findings on a Zen 4 (AVX-512) machine, PyTorch 2.15 + MKL 2024.2: see the
closing note of issue 20, stop 3.
"""
import torch, numpy as np, itertools
torch.manual_seed(1)
def chains(a, b):
    A = a.double().numpy(); B = b.double().numpy()
    m, k = A.shape; n = B.shape[1]
    c1 = np.zeros((m, n), np.float32); c2 = np.zeros((m, n), np.float32)
    for kk in range(k):
        p = np.outer(A[:, kk], B[kk, :])          # exact products in f64
        c1 = (p + c1.astype(np.float64)).astype(np.float32)   # fma (ignoring rare double rounding)
        c2 = (p.astype(np.float32) + c2).astype(np.float32)   # mul then add
    return c1, c2
sizes = [1,2,3,4,5,7,8,9,12,15,16,17,24,31,32,33,48,64]
res = {}
for m, n, k in itertools.product(sizes, sizes, sizes):
    a = torch.randn(m, k); b = torch.randn(k, n)
    c = (a @ b).numpy()
    f, nf = chains(a, b)
    tag = 'F' if (c == f).all() else ('N' if (c == nf).all() else '?')
    if (c == f).all() and (c == nf).all(): tag = '='
    res[(m, n, k)] = tag
import collections
print(collections.Counter(res.values()))
for k in sizes:
    print("k=%2d" % k, ' '.join(''.join(res[(m, n, k)] for n in sizes) for m in sizes[:10]))
