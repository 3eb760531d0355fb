"""Writes vectors.txt for tests/npymath.rs: inputs and what NumPy 2.4 returns for them on
x86-64 when it runs its AVX2+FMA3 loops (the AVX-512 targets, which call Intel SVML, are
switched off below before numpy is imported).

    python3 tests/reference/npymath/gen.py      # numpy 2.4.x, x86-64 Linux (glibc)

Lines: `name_dtype xhex yhex` (unary) or `name_dtype ahex bhex yhex` (binary), the bit
patterns of the inputs and of NumPy's output. The float32/float64 SIMD kernels that
src/backend/cpu/npymath reproduces get ~1500 inputs each (special values, the inputs
where NumPy's result differs from the correctly rounded one, ties of the range
reduction, random ones); the functions that NumPy hands to glibc, or computes by its own
formula on glibc, get a small sample each.
"""
import os

os.environ["NPY_DISABLE_CPU_FEATURES"] = "X86_V4 AVX512_ICL AVX512_SPR"

import numpy as np  # noqa: E402

np.seterr(all="ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
UT = {np.float16: np.uint16, np.float32: np.uint32, np.float64: np.uint64}
TAG = {np.float16: "f16", np.float32: "f32", np.float64: "f64"}
WIDTH = {np.float16: 4, np.float32: 8, np.float64: 16}


def bits(a):
    return np.asarray(a).view(UT[np.asarray(a).dtype.type])


def frombits(dt, values):
    return np.array(values, dtype=UT[dt]).view(dt)


def specials(dt):
    """Signed zeros, infinities, NaNs, subnormals, extremes and thresholds, with neighbours."""
    fi = np.finfo(dt)
    base = [1.0, 2.0, 0.5, 3.0, 10.0, 100.0, 1e4, 1e10, 1e20, 1e30, float(fi.max), float(fi.tiny),
            float(fi.tiny) / 2, float(fi.smallest_subnormal), float(fi.eps), np.pi / 4, np.pi / 2, np.pi,
            2 * np.pi, np.sqrt(0.5), np.sqrt(2), np.log(2), 88.72283935546875, -103.97208404541015625,
            88.7228391, -87.33654, -87.33655, 117435.992, 71476.0625, 2.0**23, 2.0**24, 9.0, 9.01, 0.0625,
            0.21875, 0.375, 1.25, 2.5, 5.0, 7.0, 709.78, -745.13, 19.0, 20.0, 22.0, 2.0**-27, 1e-8]
    out = []
    for a in base:
        x = dt(a) if abs(a) <= float(fi.max) else fi.max
        for s in (x, -x):
            s = dt(s)
            lo = hi = s
            out.append(s)
            for _ in range(2):
                lo, hi = np.nextafter(lo, dt(-np.inf)), np.nextafter(hi, dt(np.inf))
                out += [lo, hi]
    nans = {np.float32: [0x7fc00000, 0xffc00000, 0x7f800001, 0xff812345, 0x7fffffff],
            np.float64: [0x7ff8000000000000, 0xfff8000000000000, 0x7ff0000000000001, 0xfff4000000012345],
            np.float16: [0x7e00, 0xfe00, 0x7c01, 0xfd55]}[dt]
    return np.concatenate([np.array(out, dtype=dt), np.array([0.0, -0.0, np.inf, -np.inf], dtype=dt),
                           frombits(dt, nans)])


def random_mix(dt, rng, n):
    """Random bit patterns and uniform samples over the ranges that matter."""
    ut = UT[dt]
    parts = [rng.integers(0, np.iinfo(ut).max, n, dtype=ut, endpoint=True).view(dt)]
    for lo, hi in [(-10, 10), (-1, 1), (0, 4), (-200, 200), (-2e5, 2e5), (-110, 90)]:
        parts.append(rng.uniform(lo, hi, n).astype(dt))
    return np.concatenate(parts)


def discriminating(dt, x, y, reference):
    """Inputs where NumPy's result is not the correctly rounded (float64-computed) one."""
    with np.errstate(all="ignore"):
        r = reference(x.astype(np.float64)).astype(dt)
    return x[(bits(r) != bits(y)) & ~np.isnan(y)]


def pick(rng, arr, k):
    arr = np.unique(arr)
    return arr if len(arr) <= k else rng.choice(arr, k, replace=False)


def simd_cases(rng, f, dt, reference, extra=()):
    pool = random_mix(dt, rng, 200_000)
    y = f(pool)
    parts = [specials(dt), *extra, pick(rng, discriminating(dt, pool, y, reference), 500), pick(rng, pool, 700)]
    x = np.concatenate(parts)
    _, idx = np.unique(bits(x), return_index=True)
    return x[np.sort(idx)][:1500]


def sincos_ties(rng):
    """float32 x whose x * 2/pi rounds to a half-integer: NumPy's quadrant comes from one
    FMA there, and a separately rounded product would pick the neighbouring quadrant."""
    c = np.array(0x3F22F983, np.uint32).view(np.float32)
    k = rng.integers(-150_000, 150_000, 400_000).astype(np.float32) + np.float32(0.5)
    x = (k / c).astype(np.float32)
    x = np.concatenate([x, np.nextafter(x, np.float32(np.inf)), np.nextafter(x, np.float32(-np.inf))])
    x = x[np.abs(x) <= np.float32(117435.992)]
    p = x * c
    return pick(rng, x[(p % np.float32(1)) == np.float32(0.5)], 200)


def main():
    rng = np.random.default_rng(20240611)
    lines = []

    def emit(name, dt, xs, ys):
        w = WIDTH[dt]
        for row in zip(*[bits(a).tolist() for a in (*xs, ys)]):
            lines.append(f"{name}_{TAG[dt]} " + " ".join(f"{v:0{w}x}" for v in row))

    f32, f64 = np.float32, np.float64
    ties = sincos_ties(rng)
    expden = rng.uniform(-104, -87, 300).astype(f32)       # subnormal results of exp
    logsub = rng.integers(1, 0x800000, 200, dtype=np.uint32).view(f32)  # subnormal inputs of log
    for name, dt, ref, extra in [("sin", f32, np.sin, [ties]), ("cos", f32, np.cos, [ties]),
                                 ("exp", f32, np.exp, [expden]), ("log", f32, np.log, [logsub]),
                                 ("tanh", f32, np.tanh, []), ("tanh", f64, None, [])]:
        f = getattr(np, name)
        if dt == f64:
            # reference: glibc's tanh, which NumPy does not use for float64
            import ctypes
            libm = ctypes.CDLL("libm.so.6")
            libm.tanh.restype, libm.tanh.argtypes = ctypes.c_double, [ctypes.c_double]
            ref = np.vectorize(libm.tanh, otypes=[f64])
        x = simd_cases(rng, f, dt, ref, extra)
        emit(name, dt, [x], f(x))

    # glibc behind NumPy (where Rust's own functions differ), NumPy's formulas, float16.
    small = {}
    for dt in (f32, f64):
        small[dt] = np.concatenate([specials(dt)[::9], random_mix(dt, rng, 3)])
    for name in ["cbrt", "arcsinh", "arccosh", "arctanh", "sinh", "expm1", "log1p", "log2", "deg2rad",
                 "rad2deg"]:
        for dt in (f32, f64):
            x = small[dt]
            emit(name, dt, [x], getattr(np, name)(x))
    for name in ["sin", "cos", "exp", "log"]:
        x = small[f64][::2]
        emit(name, f64, [x], getattr(np, name)(x))
    h = np.arange(0, 65536, 1021, dtype=np.uint16).view(np.float16)
    for name in ["sin", "exp", "log", "tanh", "cbrt", "arcsinh"]:
        emit(name, np.float16, [h], getattr(np, name)(h))
    for dt in (f32, f64):
        a = np.concatenate([small[dt][:30], rng.uniform(-30, 30, 30).astype(dt)])
        b = np.concatenate([small[dt][::-1][:30], rng.uniform(-30, 30, 30).astype(dt)])
        for name in ["logaddexp", "logaddexp2", "power", "arctan2", "hypot"]:
            emit(name, dt, [a, b], getattr(np, name)(a, b))
        # power with a stride-0 exponent: NumPy's fast path (and powf/pow otherwise)
        p = np.concatenate([rng.uniform(0, 4, 24).astype(dt), specials(dt)[::16]])
        for e in (-1.0, 0.0, 0.5, 1.0, 2.0, 3.0):
            emit("powerscalar", dt, [p, np.full_like(p, e)], np.power(p, dt(e)))

    with open(os.path.join(HERE, "vectors.txt"), "w") as out:
        out.write("\n".join(lines) + "\n")
    print(len(lines), "lines")


if __name__ == "__main__":
    main()
