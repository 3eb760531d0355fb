#!/usr/bin/env python3
"""Regenerates tests/reference/sleef/f64.txt, the expected float64 results of the SLEEF
functions that PyTorch 2.15's CPU kernels call (src/backend/cpu/sleef/f64.rs).

Run with the torch whose results nt reproduces, and a C compiler:

    ATEN_CPU_CAPABILITY=avx2 python3 tests/reference/sleef/gen_f64.py

Each line is `name x [y] result`, the bit patterns in hex. The results come from the
`Sleef_*d4_*avx2` functions inside torch's own libtorch_cpu.so (a small C shim, compiled
here, calls them with the argument in all four lanes, so trig functions take the
argument's own reduction path). For the ops that torch computes with these functions
(expm1, log1p, lgamma, exp2, sinh, cosh, atanh, pow, atan2, hypot, fmod, sigmoid) the
script also runs the torch op (contiguous, one thread, a multiple of 16 elements, so
every element takes the vectorized path) and checks that it agrees.
"""

import ctypes
import os
import subprocess
import sys
import tempfile

os.environ.setdefault("ATEN_CPU_CAPABILITY", "avx2")

import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)
F = np.float64
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "f64.txt")

UNARY = {  # name -> SLEEF symbol (AVX2 build)
    "exp": "Sleef_expd4_u10avx2", "exp2": "Sleef_exp2d4_u10avx2", "expm1": "Sleef_expm1d4_u10avx2",
    "log": "Sleef_logd4_u10avx2", "log2": "Sleef_log2d4_u10avx2", "log10": "Sleef_log10d4_u10avx2",
    "log1p": "Sleef_log1pd4_u10avx2", "sinh": "Sleef_sinhd4_u10avx2", "cosh": "Sleef_coshd4_u10avx2",
    "tanh": "Sleef_tanhd4_u10avx2", "atanh": "Sleef_atanhd4_u10avx2", "asin": "Sleef_asind4_u10avx2",
    "acos": "Sleef_acosd4_u10avx2", "atan": "Sleef_atand4_u10avx2", "erf": "Sleef_erfd4_u10avx2",
    "erfc": "Sleef_erfcd4_u15avx2", "lgamma": "Sleef_lgammad4_u10avx2", "sin": "Sleef_sind4_u10avx2",
    "cos": "Sleef_cosd4_u10avx2", "tan": "Sleef_tand4_u10avx2",
}
BINARY = {"pow": "Sleef_powd4_u10avx2", "atan2": "Sleef_atan2d4_u10avx2", "hypot": "Sleef_hypotd4_u05avx2",
          "fmod": "Sleef_fmodd4"}
TORCH = {"exp2": torch.exp2, "expm1": torch.expm1, "log1p": torch.log1p, "sinh": torch.sinh, "cosh": torch.cosh,
         "atanh": torch.atanh, "lgamma": torch.lgamma, "sigmoid": torch.sigmoid, "pow": torch.pow,
         "atan2": torch.atan2, "hypot": torch.hypot, "fmod": torch.fmod}

N_UNARY, N_BINARY = 340, 230  # lines per function: keeps f64.txt under 400 KB


def build_shim():
    lib_dir = os.path.join(os.path.dirname(torch.__file__), "lib")
    src = ["#include <immintrin.h>", "#include <stddef.h>"]
    for name, sym in UNARY.items():
        src.append(f"extern __m256d {sym}(__m256d);")
        src.append(f"void u_{name}(const double *x, double *o, size_t n) {{ for (size_t i = 0; i < n; i++) "
                   f"_mm256_storeu_pd(o + 4 * i, {sym}(_mm256_set1_pd(x[i]))); }}")
    for name, sym in BINARY.items():
        src.append(f"extern __m256d {sym}(__m256d, __m256d);")
        src.append(f"void b_{name}(const double *x, const double *y, double *o, size_t n) {{ for (size_t i = 0; "
                   f"i < n; i++) _mm256_storeu_pd(o + 4 * i, {sym}(_mm256_set1_pd(x[i]), _mm256_set1_pd(y[i]))); }}")
    tmp = tempfile.mkdtemp()
    c, so = os.path.join(tmp, "shim.c"), os.path.join(tmp, "shim.so")
    with open(c, "w") as f:
        f.write("\n".join(src) + "\n")
    subprocess.run(["cc", "-O1", "-mavx2", "-mfma", "-fPIC", "-shared", "-o", so, c, f"-L{lib_dir}", "-ltorch_cpu",
                    "-lc10", f"-Wl,-rpath,{lib_dir}"], check=True)
    return ctypes.CDLL(so)


SHIM = build_shim()
P = ctypes.POINTER(ctypes.c_double)


def sleef(name, x, y=None):
    x = np.ascontiguousarray(x, dtype=F)
    o = np.zeros(4 * len(x))
    if y is None:
        getattr(SHIM, "u_" + name)(x.ctypes.data_as(P), o.ctypes.data_as(P), ctypes.c_size_t(len(x)))
    else:
        y = np.ascontiguousarray(y, dtype=F)
        getattr(SHIM, "b_" + name)(x.ctypes.data_as(P), y.ctypes.data_as(P), o.ctypes.data_as(P),
                                   ctypes.c_size_t(len(x)))
    return o[::4].copy()


def run_torch(name, x, y=None):
    n = len(x)
    pad = (-n) % 16
    xp = torch.from_numpy(np.concatenate([x, np.ones(pad)]))
    if y is None:
        return TORCH[name](xp).numpy()[:n]
    yp = torch.from_numpy(np.concatenate([y, np.ones(pad)]))
    return TORCH[name](xp, yp).numpy()[:n]


rng = np.random.default_rng(1234)


def rbits(n):
    return rng.integers(0, 2**64, n, dtype=np.uint64).view(F)


def logu(n, lo=-320.0, hi=308.0):
    return (10.0 ** rng.uniform(lo, hi, n)) * rng.choice([-1.0, 1.0], n)


def around(vals, k):
    out = []
    for v in vals:
        v = F(v)
        out.append(v)
        a = b = v
        for _ in range(k):
            a, b = np.nextafter(a, -np.inf), np.nextafter(b, np.inf)
            out += [a, b]
    return out


SPECIAL = [0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324, -5e-324, 2.2250738585072014e-308, -2.2250738585072014e-308,
           1e-310, 1.7976931348623157e308, -1.7976931348623157e308, 1.0, -1.0, 0.5, -0.5, 2.0, 1e-300, -1e-20, 3.0,
           10.0, 100.0, -100.0]
EDGES = {
    "exp": [709.782712893384, 709.78271114955742909217217426, -745.1332191019412, -1000.0, -708.4],
    "exp2": [1024.0, -1022.0, -1074.0, -1075.0, -2000.0],
    "expm1": [709.782712893384, -36.7368005696771, 1e-10],
    "log": [0.75, 1.5, 4.9090934652977266e-91], "log2": [0.75, 1.5, 1024.0], "log10": [0.1, 1e22, 0.75],
    "log1p": [1e307, 1.0000000000000002e307, -0.5, -1 + 2.2250738585072014e-308, -0.9999999999999999],
    "sinh": [710.0, 709.78], "cosh": [710.0, 709.78], "tanh": [18.714973875, -18.714973875, 0.55],
    "atanh": [0.5, 0.9999999999999999], "asin": [0.999999, 0.49999999], "acos": [0.999999, -0.49999999],
    "atan": [1e16, 1e-16], "erf": [2.5, 6.0, 1e-8, -2.5], "erfc": [2.2, 4.2, 27.3, -2.2, 26.5],
    "lgamma": [1.1, 2.3, 7.0, 1e-306, -1e-306, -1.5, -2.0, 268435456.5, 2.0**60, 2.5e305, -1e-10],
    "sin": [15.0, 1e14, 1e9, np.pi, 1e22, 6381956970095103 * 2.0**797],
    "cos": [15.0, 1e14, 1e9, np.pi / 2, 1e22, 6381956970095103 * 2.0**797],
    "tan": [15.0, 1e14, 1e6, np.pi / 2, 1e22, 6381956970095103 * 2.0**797],
    "sigmoid": [36.8, 709.8, -709.8, -745.2],
}
RANGE = {"exp": (-40, 40), "exp2": (-60, 60), "expm1": (-40, 40), "log": (0, 10), "log2": (0, 10), "log10": (0, 10),
         "log1p": (-1, 10), "sinh": (-30, 30), "cosh": (-30, 30), "tanh": (-20, 20), "atanh": (-1, 1),
         "asin": (-1, 1), "acos": (-1, 1), "atan": (-20, 20), "erf": (-7, 7), "erfc": (-7, 30), "lgamma": (-30, 40),
         "sin": (-15, 15), "cos": (-15, 15), "tan": (-15, 15), "sigmoid": (-40, 40)}


def unary_inputs(name):
    v = SPECIAL + around(EDGES.get(name, []), 2)
    lo, hi = RANGE[name]
    rest = N_UNARY - len(v)
    parts = [rbits(rest // 4), logu(rest // 5)]
    if name in ("sin", "cos", "tan"):
        parts += [rng.uniform(-1e14, 1e14, rest // 8), logu(rest // 8, 13, 308)]
    parts.append(rng.uniform(lo, hi, rest - sum(len(p) for p in parts)))
    return np.concatenate([np.array(v, dtype=F)] + parts)


def binary_inputs(name):
    sp = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 0.5, -2.0, 3.0, 1e-310, 1e300], dtype=F)
    gx, gy = np.meshgrid(sp, sp)
    xs, ys = [gx.ravel()], [gy.ravel()]
    rest = N_BINARY - len(xs[0])
    xs.append(rbits(rest // 4))
    ys.append(rbits(rest // 4))
    m = rest - rest // 4
    lo, hi = {"pow": ((0, 10), (-30, 30)), "atan2": ((-5, 5), (-5, 5)), "hypot": ((-5, 5), (-5, 5)),
              "fmod": ((-50, 50), (-5, 5))}[name]
    xs.append(rng.uniform(*lo, m))
    ys.append(rng.uniform(*hi, m))
    if name == "pow":  # negative bases with integral exponents
        xs[-1][: m // 4] *= -1
        ys[-1][: m // 4] = np.round(ys[-1][: m // 4])
    return np.concatenate(xs), np.concatenate(ys)


def same(a, b):
    return (a.view(np.uint64) == b.view(np.uint64)) | (np.isnan(a) & np.isnan(b))


def main():
    lines = ["# float64 SLEEF results as PyTorch 2.15 computes them (tests/reference/sleef/gen_f64.py).",
             "# name x [y] result, IEEE bit patterns in hex; any NaN matches any NaN."]
    for name in list(UNARY) + ["sigmoid"]:
        x = unary_inputs(name)
        if name == "sigmoid":
            r = run_torch(name, x)  # the vector path: 1 / (1 + Sleef_expd4_u10(-x))
            e = sleef("exp", -x)
            assert same(r, 1.0 / (1.0 + e)).all(), name
        else:
            r = sleef(name, x)
            if name in TORCH:
                assert same(run_torch(name, x), r).all(), name
        lines += [f"{name} {a:016x} {b:016x}" for a, b in zip(x.view(np.uint64), r.view(np.uint64))]
    for name in BINARY:
        x, y = binary_inputs(name)
        r = sleef(name, x, y)
        assert same(run_torch(name, x, y), r).all(), name
        lines += [f"{name} {a:016x} {b:016x} {c:016x}" for a, b, c in
                  zip(x.view(np.uint64), y.view(np.uint64), r.view(np.uint64))]
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {OUT}: {len(lines)} lines, {os.path.getsize(OUT)} bytes", file=sys.stderr)


main()
