"""Writes f32.txt: float32 inputs and the results of SLEEF's AVX2+FMA vector functions as
PyTorch's CPU build ships them (`Sleef_*f8_*avx2` inside libtorch_cpu.so), for
tests/sleef_f32.rs, which checks nt::backend::cpu::sleef::f32 against every line.

    ATEN_CPU_CAPABILITY=avx2 python3 tests/reference/sleef/gen_f32.py

Needs torch (its libtorch_cpu.so exports the SLEEF entry points) and a C compiler (`cc`):
the vector functions take and return __m256, which ctypes cannot pass, so a ten-line C
shim calls them. For the functions PyTorch itself routes through SLEEF on float32 the
script also checks, before writing anything, that torch's own output equals the shim's.

Line format (hex float32 bit patterns):
    name x y            one-argument functions: y = name(x)
    name x1 x2 y        two-argument functions: y = name(x1, x2)
    name_g8 x y         sin/cos/tan applied to consecutive groups of 8 such lines in file
                        order (SLEEF's vectors pick the reduction for the whole group)

Which PyTorch (2.15, CPU, MKL build) float32 operations reach which function -- measured
with this machine's torch, see the report that came with these files:
  * through MKL VML (vms*, VML_HA), NOT SLEEF, for every size and layout:
    exp, log, log2, log10, sin, cos, tan, tanh, asin, acos, atan, erf, erfc, erfinv, sqrt;
    also logit (vsLn) and pow(x, 0.5) (sqrt).
  * SLEEF always (contiguous, strided, 0-d): log1p, expm1, lgamma.
  * SLEEF for whole 16-element blocks of each contiguous chunk, glibc (float) for the
    remaining <16 elements, for strided tensors and 0-d tensors: exp2 (exp2f),
    atanh (atanhf), atan2 (atan2f), fmod (fmodf), pow (powf; pow(t, python_float)'s scalar
    path is (float)pow((double)x, (double)e)), hypot (hypotf; agrees with SLEEF u05 on all
    inputs tried), sigmoid (1/(1+expf(-x))).
  * glibc everywhere: sinh, cosh, asinh, acosh.
  * composites on the SLEEF functions (vector part): sigmoid = 1/(1+exp(0-x)),
    silu = x/(1+exp(-x)), mish = x*tanh(log1p(exp(x))), softplus = log1p(exp(x)) below the
    threshold, elu = expm1(x) for x <= 0; softmax/log_softmax use PyTorch's own exp_u20.
"""
import ctypes
import os
import subprocess
import sys
import tempfile

os.environ.setdefault("ATEN_CPU_CAPABILITY", "avx2")
import numpy as np  # noqa: E402
import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "f32.txt")
F32 = np.float32

SHIM = r"""
#include <immintrin.h>
#include <dlfcn.h>
#include <string.h>
#include <stddef.h>
typedef __m256 (*f1)(__m256);
typedef __m256 (*f2)(__m256, __m256);
static void *h;
int init(const char *lib) { h = dlopen(lib, RTLD_NOW | RTLD_GLOBAL); return h ? 0 : -1; }
/* groups of 8 from the start; a short last group is padded with zeros */
int call1(const char *name, const float *a, float *o, size_t n) {
  f1 f = (f1)dlsym(h, name); if (!f) return -1;
  for (size_t i = 0; i < n; i += 8) {
    float t[8] = {0}; size_t m = n - i < 8 ? n - i : 8;
    memcpy(t, a + i, m * 4); _mm256_storeu_ps(t, f(_mm256_loadu_ps(t))); memcpy(o + i, t, m * 4);
  }
  return 0;
}
/* each element alone in its vector (the rest zeros) */
int call1_iso(const char *name, const float *a, float *o, size_t n) {
  f1 f = (f1)dlsym(h, name); if (!f) return -1;
  for (size_t i = 0; i < n; i++) {
    float t[8] = {0}; t[0] = a[i]; _mm256_storeu_ps(t, f(_mm256_loadu_ps(t))); o[i] = t[0];
  }
  return 0;
}
int call2(const char *name, const float *a, const float *b, float *o, size_t n) {
  f2 f = (f2)dlsym(h, name); if (!f) return -1;
  for (size_t i = 0; i < n; i += 8) {
    float t[8] = {0}, u[8] = {0}; size_t m = n - i < 8 ? n - i : 8;
    memcpy(t, a + i, m * 4); memcpy(u, b + i, m * 4);
    _mm256_storeu_ps(t, f(_mm256_loadu_ps(t), _mm256_loadu_ps(u))); memcpy(o + i, t, m * 4);
  }
  return 0;
}
"""


def build_shim():
    d = tempfile.mkdtemp(prefix="sleef_shim_")
    src, lib = os.path.join(d, "shim.c"), os.path.join(d, "shim.so")
    with open(src, "w") as f:
        f.write(SHIM)
    subprocess.run(["cc", "-O2", "-mavx2", "-mfma", "-shared", "-fPIC", "-o", lib, src, "-ldl"], check=True)
    shim = ctypes.CDLL(lib)
    torch_lib = os.path.join(os.path.dirname(torch.__file__), "lib", "libtorch_cpu.so")
    assert shim.init(torch_lib.encode()) == 0, "cannot dlopen " + torch_lib
    return shim


SH = build_shim()


def _ptr(a):
    return a.ctypes.data_as(ctypes.c_void_p)


def sleef1(sym, x, iso=False):
    x = np.ascontiguousarray(x, dtype=F32)
    o = np.empty_like(x)
    fn = SH.call1_iso if iso else SH.call1
    assert fn(sym.encode(), _ptr(x), _ptr(o), ctypes.c_size_t(x.size)) == 0, sym
    return o


def sleef2(sym, a, b):
    a = np.ascontiguousarray(a, dtype=F32)
    b = np.ascontiguousarray(b, dtype=F32)
    o = np.empty_like(a)
    assert SH.call2(sym.encode(), _ptr(a), _ptr(b), _ptr(o), ctypes.c_size_t(a.size)) == 0, sym
    return o


rng = np.random.default_rng(20240601)


def nb(vals, k=2):
    """Each value and its k neighbours on either side."""
    out = []
    for v in vals:
        v = F32(v)
        out.append(v)
        up = down = v
        for _ in range(k):
            with np.errstate(over="ignore"):
                up = np.nextafter(up, F32(np.inf))
                down = np.nextafter(down, F32(-np.inf))
            out += [up, down]
    return out


SPECIAL = [0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 1e-45, -1e-45,
           1.1754942e-38, 1.17549435e-38, -1.17549435e-38, 3.4028235e38, -3.4028235e38, 1e-30,
           1e-10, 1e-4, 0.1, 10.0, 100.0, 1e10, -1e10, 1e30, np.pi, -np.pi, np.pi / 2, 0.75, 1.5]
NANS = np.array([0x7FC00000, 0xFFC00000, 0x7F800001, 0x7FFFFFFF], np.uint32).view(F32)


def inputs(n, ranges, thresholds):
    """About n inputs: special values, thresholds +- 2 ulps, random bit patterns, uniform."""
    parts = [np.array(nb(SPECIAL, 1), F32), NANS, np.array(nb(thresholds) + nb([-t for t in thresholds]), F32)]
    fixed = sum(len(p) for p in parts)
    rest = max(n - fixed, 40)
    nbits = rest // 4
    parts.append(rng.integers(0, 2**32, nbits, dtype=np.uint64).astype(np.uint32).view(F32))
    sub = rng.integers(1, 0x800000, 8, dtype=np.uint32) | (rng.integers(0, 2, 8, dtype=np.uint32) << 31)
    parts.append(sub.view(F32))
    per = (rest - nbits - 8) // len(ranges)
    for lo, hi in ranges:
        parts.append(rng.uniform(lo, hi, per).astype(F32))
    return np.concatenate(parts)


# name: (SLEEF symbol, lines, uniform ranges, thresholds, torch function that routes here)
UNARY = {
    "exp": ("Sleef_expf8_u10avx2", 900, [(-110, 110), (-1, 1)], [88.72283, -103.9, -104, 100, -87.33655], None),
    "log1p": ("Sleef_log1pf8_u10avx2", 900, [(-1, 10), (-1e-3, 1e-3), (1e37, 3e38)], [-1.0, 1e38], torch.log1p),
    "expm1": ("Sleef_expm1f8_u10avx2", 900, [(-20, 90), (-1e-3, 1e-3)], [88.72283, -16.635532], torch.expm1),
    "lgamma": ("Sleef_lgammaf8_u10avx2", 1200, [(-10, 10), (0, 40), (-40, 0), (0, 1e-3)],
               [0.5, 1.0, 2.0, 1.2, 2.3, 7.0, -1.0, -2.5, 1e-30, 4e36, -3.0, -0.5, -7.5], torch.lgamma),
    "exp2": ("Sleef_exp2f8_u10avx2", 900, [(-160, 130), (-1, 1)], [128, -150, -149, -126], torch.exp2),
    "atanh": ("Sleef_atanhf8_u10avx2", 900, [(-1, 1), (-1e-3, 1e-3), (0.99, 1)], [1.0, 0.5], torch.atanh),
    "tanh": ("Sleef_tanhf8_u10avx2", 900, [(-10, 10), (-1e-3, 1e-3)], [8.664339742], None),
    "log": ("Sleef_logf8_u10avx2", 300, [(0, 10), (0, 1e-35)], [1.0, 0.75], None),
    "log2": ("Sleef_log2f8_u10avx2", 220, [(0, 10)], [1.0, 2.0], None),
    "log10": ("Sleef_log10f8_u10avx2", 220, [(0, 10)], [1.0, 10.0], None),
    "sinh": ("Sleef_sinhf8_u10avx2", 220, [(-95, 95), (-1, 1)], [89.0], None),
    "cosh": ("Sleef_coshf8_u10avx2", 220, [(-95, 95), (-1, 1)], [89.0], None),
    "asinh": ("Sleef_asinhf8_u10avx2", 220, [(-100, 100), (-2, 2)], [1.0, 18446743523953729536.0], None),
    "acosh": ("Sleef_acoshf8_u10avx2", 220, [(1, 100), (1, 1.01)], [1.0, 18446743523953729536.0], None),
    "cbrt": ("Sleef_cbrtf8_u10avx2", 220, [(-100, 100)], [8.0, 27.0], None),
    "sin": ("Sleef_sinf8_u10avx2", 300, [(-10, 10), (-125, 125), (-1e5, 1e5)], [125.0, 0.7], None),
    "cos": ("Sleef_cosf8_u10avx2", 300, [(-10, 10), (-125, 125), (-1e5, 1e5)], [125.0, 0.7], None),
    "tan": ("Sleef_tanf8_u10avx2", 300, [(-10, 10), (-125, 125), (-1e5, 1e5)], [125.0, 0.7], None),
    "asin": ("Sleef_asinf8_u10avx2", 220, [(-1, 1)], [0.5, 1.0], None),
    "acos": ("Sleef_acosf8_u10avx2", 220, [(-1, 1)], [0.5, 1.0], None),
    "atan": ("Sleef_atanf8_u10avx2", 220, [(-10, 10)], [1.0], None),
    "erf": ("Sleef_erff8_u10avx2", 220, [(-3, 3), (-7, 7)], [2.5, 6.0, 1e-4], None),
    "erfc": ("Sleef_erfcf8_u15avx2", 220, [(-3, 11), (2, 5)], [1.0, 2.2, 4.3, 10.1], None),
}
BINARY = {
    "pow": ("Sleef_powf8_u10avx2", 500, [((0, 10), (-30, 30)), ((-10, 10), (-10, 10))], torch.pow),
    "atan2": ("Sleef_atan2f8_u10avx2", 500, [((-10, 10), (-10, 10)), ((-1e-38, 1e-38), (-1e-38, 1e-38))], torch.atan2),
    "hypot": ("Sleef_hypotf8_u05avx2", 500, [((-10, 10), (-10, 10)), ((-1e-38, 1e-38), (-1e30, 1e30))], torch.hypot),
    "fmod": ("Sleef_fmodf8_avx2", 500, [((-1000, 1000), (-10, 10)), ((-1e30, 1e30), (-1e-20, 1e-20))], torch.fmod),
}
EDGE2 = [0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 0.5, -2.0, 2.5, 1e-45, 3.4028235e38]


def same(a, b):
    a = np.asarray(a, F32)
    b = np.asarray(b, F32)
    return bool(np.all((a.view(np.uint32) == b.view(np.uint32)) | (np.isnan(a) & np.isnan(b))))


def torch_contiguous(f, *xs):
    """torch's output on a contiguous tensor whose length is a multiple of 16, one thread:
    every element goes through the vectorised (SLEEF) path."""
    n = len(xs[0])
    pad = (-n) % 16
    ts = [torch.from_numpy(np.concatenate([x, np.ones(pad, F32)])) for x in xs]
    torch.set_num_threads(1)
    return f(*ts).numpy()[:n]


def hx(v):
    return "%08x" % int(np.asarray(v, F32).view(np.uint32))


def main():
    lines = []
    for name, (sym, n, ranges, thr, tf) in UNARY.items():
        x = inputs(n, ranges, thr)
        iso = name in ("sin", "cos", "tan")
        y = sleef1(sym, x, iso=iso)
        if tf is not None:
            assert same(torch_contiguous(tf, x), y), f"torch.{name} is not {sym} here"
        lines += [f"{name} {hx(a)} {hx(b)}" for a, b in zip(x, y)]
        if iso:
            # 8 groups of 8: all small, one large among small, NaN among small, all large
            g = rng.uniform(-100, 100, 64).astype(F32)
            g[8 + 3] = F32(1000.5)
            g[16 + 7] = F32(np.nan)
            g[24:32] = rng.uniform(1e3, 1e6, 8).astype(F32)
            g[40 + 0] = F32(125.0)
            g[48 + 5] = F32(-np.inf)
            yg = sleef1(sym, g)
            lines += [f"{name}_g8 {hx(a)} {hx(b)}" for a, b in zip(g, yg)]
    # sigmoid: PyTorch's vectorised formula on SLEEF's exp
    x = inputs(900, [(-20, 20), (-100, 100)], [0.0, 88.72283, -88.72283, 103.9, 104.0])
    with np.errstate(over="ignore", invalid="ignore"):
        e = sleef1("Sleef_expf8_u10avx2", F32(0) - x)
        y = F32(1) / (F32(1) + e)
    assert same(torch_contiguous(torch.sigmoid, x), y), "torch.sigmoid is not 1/(1+Sleef_expf8_u10(0-x))"
    lines += [f"sigmoid {hx(a)} {hx(b)}" for a, b in zip(x, y)]
    for name, (sym, n, ranges, tf) in BINARY.items():
        ea, eb = np.meshgrid(np.array(EDGE2, F32), np.array(EDGE2, F32))
        a = [ea.ravel()]
        b = [eb.ravel()]
        rest = n - a[0].size
        nbits = rest // 3
        a.append(rng.integers(0, 2**32, nbits, dtype=np.uint64).astype(np.uint32).view(F32))
        b.append(rng.integers(0, 2**32, nbits, dtype=np.uint64).astype(np.uint32).view(F32))
        per = (rest - nbits) // len(ranges)
        for (lo, hi), (lo2, hi2) in ranges:
            a.append(rng.uniform(lo, hi, per).astype(F32))
            b.append(rng.uniform(lo2, hi2, per).astype(F32))
        if name == "pow":  # negative bases with integer and half-integer exponents
            a.append(rng.uniform(-10, 10, 40).astype(F32))
            b.append((rng.integers(-20, 20, 40) / 2).astype(F32))
        a = np.concatenate(a)
        b = np.concatenate(b)
        y = sleef2(sym, a, b)
        assert same(torch_contiguous(tf, a, b), y), f"torch.{name} is not {sym} here"
        lines += [f"{name} {hx(p)} {hx(q)} {hx(r)}" for p, q, r in zip(a, b, y)]
    with open(OUT, "w", encoding="ascii") as f:
        f.write("# generated by gen_f32.py: SLEEF AVX2+FMA results as shipped in torch %s\n" % torch.__version__)
        f.write("\n".join(lines) + "\n")
    print(f"{len(lines)} lines, {os.path.getsize(OUT)} bytes -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
