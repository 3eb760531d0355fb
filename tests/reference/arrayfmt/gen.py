#!/usr/bin/env python3
"""Generate cases.txt: NumPy 2.4 / PyTorch 2.x reference output for src/array/format/.

Run from anywhere with the real libraries installed (`pip install numpy torch`):
    python3 tests/reference/arrayfmt/gen.py

Every expected string comes from calling repr()/str() on real arrays, tensors and
scalars; nothing is typed by hand. The file is pure printable ASCII: each field is
escaped with '\\' -> '\\\\' and any char outside 0x20..0x7e -> '\\u{HEX}' (so tabs
and newlines inside strings never clash with the layout below).

Layout: one record per case, one tab-separated line per field:
  case    NAME
  lib     np | torch | npscalar
  kind    f64 | f32 | f16 | bf16 | int | uint | bool | obj | str
  dtype   numpy short dtype repr (np), torch dtype (torch), scalar type name (npscalar)
  shape   DIM...                       (no fields for 0-d)
  opts    KEY=VALUE...                 (np: precision threshold edgeitems linewidth
                                        suppress; torch: precision threshold edgeitems
                                        linewidth sci_mode=none|true|false)
  data    COUNT  V...                  (floats: 16-hex-digit bits of the f64 value, which
                                        is exact in the element dtype; bool: 0/1;
                                        obj: element repr as NumPy prints it; str: raw)
  suffix  TEXT                         (torch only, zero or more, in order)
  repr    TEXT
  str     TEXT                         (np and npscalar only)
  end
"""
import math
import random
import struct
import sys

import numpy as np
import torch
from numpy._core import arrayprint

assert np.__version__.startswith("2."), np.__version__

out = []
names = set()


def esc(s):
    parts = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            parts.append("\\\\")
        elif 0x20 <= o <= 0x7E:
            parts.append(ch)
        else:
            parts.append("\\u{%x}" % o)
    return "".join(parts)


def bits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", float(x)))[0]


def unique_name(name):
    base, n = name, 2
    while name in names:
        name = "%s#%d" % (base, n)
        n += 1
    names.add(name)
    return name


def emit(name, lib, kind, dtype, shape, opts, data, repr_s, str_s=None, suffixes=()):
    out.append("case\t" + esc(unique_name(name)))
    out.append("lib\t" + lib)
    out.append("kind\t" + kind)
    out.append("dtype\t" + esc(dtype))
    out.append("\t".join(["shape"] + [str(d) for d in shape]))
    out.append("\t".join(["opts"] + ["%s=%s" % kv for kv in opts]))
    out.append("\t".join(["data", str(len(data))] + data))
    for s in suffixes:
        out.append("suffix\t" + esc(s))
    out.append("repr\t" + esc(repr_s))
    if str_s is not None:
        out.append("str\t" + esc(str_s))
    out.append("end")


# ----------------------------------------------------------------------------- numpy

NP_FLOAT_KIND = {np.float16: "f16", np.float32: "f32", np.float64: "f64"}


def np_elems(a):
    flat = a.reshape(-1)
    k = a.dtype.kind
    if k == "b":
        return "bool", ["1" if x else "0" for x in flat.tolist()]
    if k == "i":
        return "int", [str(int(x)) for x in flat.tolist()]
    if k == "u":
        return "uint", [str(int(x)) for x in flat.tolist()]
    if k == "f":
        return NP_FLOAT_KIND[a.dtype.type], [bits(float(x)) for x in flat]
    if k == "O":
        return "obj", [esc(arrayprint._object_format(x)) for x in flat]
    if k == "U":
        return "str", [esc(str(x)) for x in flat.tolist()]
    raise ValueError(a.dtype)


def np_case(name, a, precision=8, threshold=1000, edgeitems=3, linewidth=75, suppress=False):
    a = np.asarray(a)
    kind, data = np_elems(a)
    with np.printoptions(precision=precision, threshold=threshold, edgeitems=edgeitems,
                         linewidth=linewidth, suppress=suppress):
        r, s = repr(a), str(a)
    opts = [("precision", precision), ("threshold", threshold), ("edgeitems", edgeitems),
            ("linewidth", linewidth), ("suppress", int(suppress))]
    emit(name, "np", kind, arrayprint.dtype_short_repr(a.dtype), a.shape, opts, data, r, s)


def np_scalar_case(name, x):
    a = np.asarray(x)
    kind, data = np_elems(a)
    emit(name, "npscalar", kind, type(x).__name__, (), [], data, repr(x), str(x))


# ----------------------------------------------------------------------------- torch

TORCH_KIND = {torch.float64: "f64", torch.float32: "f32", torch.float16: "f16",
              torch.bfloat16: "bf16", torch.bool: "bool"}


def torch_elems(t):
    flat = t.detach().reshape(-1)
    kind = TORCH_KIND.get(t.dtype)
    if kind is None:
        kind = "uint" if t.dtype in (torch.uint8, torch.uint16, torch.uint32, torch.uint64) else "int"
    if kind == "bool":
        return kind, ["1" if x else "0" for x in flat.tolist()]
    if kind in ("int", "uint"):
        return kind, [str(int(x)) for x in flat.tolist()]
    return kind, [bits(x) for x in flat.double().tolist()]


def torch_suffixes(t, edgeitems):
    """The suffix decisions of _str_intern for a CPU tensor (the caller's job in nt)."""
    suffixes = []
    default = torch.get_default_dtype()
    if t.numel() == 0:
        if t.dim() != 1:
            suffixes.append("size=" + str(tuple(t.shape)))
        if t.dtype != default:
            suffixes.append("dtype=" + str(t.dtype))
    else:
        if not edgeitems:
            suffixes.append("size=" + str(tuple(t.shape)))
        if t.dtype not in (default, torch.complex64, torch.int64, torch.bool):
            suffixes.append("dtype=" + str(t.dtype))
    if t.grad_fn is not None:
        suffixes.append("grad_fn=<%s>" % type(t.grad_fn).__name__)
    elif t.requires_grad:
        suffixes.append("requires_grad=True")
    return suffixes


def torch_case(name, t, precision=4, threshold=1000, edgeitems=3, linewidth=80, sci_mode=None):
    kind, data = torch_elems(t)
    torch.set_printoptions(precision=precision, threshold=threshold, edgeitems=edgeitems,
                           linewidth=linewidth, sci_mode=sci_mode)
    try:
        r = repr(t)
        assert r == str(t)
    finally:
        torch.set_printoptions(profile="default")
        torch.set_printoptions(sci_mode=None)
    opts = [("precision", precision), ("threshold", threshold), ("edgeitems", edgeitems),
            ("linewidth", linewidth), ("sci_mode", {None: "none", True: "true", False: "false"}[sci_mode])]
    emit(name, "torch", kind, str(t.dtype), tuple(t.shape), opts, data, r,
         suffixes=torch_suffixes(t, edgeitems))


# ----------------------------------------------------------------------------- values

inf, nan = math.inf, math.nan
rng = np.random.default_rng(20240601)

FLOAT_SETS = {
    "ints": [1.0, 2.0, 3.0],
    "half": [1.5, 2.0],
    "thirds": [0.1, 0.25, 1 / 3],
    "neg": [-1.0, 2.5],
    "k": [1.0, 1000.0],
    "e7": [1e7],
    "mix8": [1.12345678912, 1000.5],
    "big6": [123456.123456789],
    "near1": [1.000000005, 2.0],
    "small": [1e-5, 1.0],
    "ratio": [1.0, 1001.0],
    "e8": [1e8, 1.0],
    "e8big": [1.23456789e8],
    "sci3": [1.5e-7, 2.25, 3.0],
    "e100": [1e100, 1.0],
    "e9": [2.5e-9, 1.0],
    "nanmix": [1.0, nan, inf],
    "neginf": [-inf, 1.5],
    "nansci": [nan, 1e10],
    "nanend": [1.5, nan],
    "allnan": [nan, nan],
    "infs": [inf, -inf],
    "onlyinf": [inf],
    "negzero": [-0.0, 0.0],
    "zeros": [0.0, 0.0, 0.0],
    "negzero1": [-0.0],
    "tiny": [5e-324, 1.0],
    "huge": [1.7976931348623157e308, -1.0],
    "subn": [2.2250738585072014e-308],
    "e300": [1e-300, 1e300],
    "digits8": [0.12345678, 0.123456789, 1 / 7],
    "round9": [0.999999999, 9.9999999999],
    "ties": [0.125, 0.375, 2.5, 0.5],
    "e4": [1e-4, 2e-4],
    "e4b": [0.0001],
    "e16": [1e16, 1e15],
    "intbig": [123456789.0, 1.0],
    "negs": [-1e-3, -2.5, -1000.0],
    "pi": [math.pi, math.e, -math.sqrt(2)],
    "mixedsign": [-0.5, 0.25, -0.125, 3.0],
    "frac": [0.5, 0.05, 0.005, 0.0005],
    "tenths": [0.1 * i for i in range(11)],
    "lin12": list(np.linspace(0, 1, 12)),
    "randn": list(rng.standard_normal(7)),
    "randu": list(rng.uniform(-100, 100, 6)),
    "randexp": list(rng.standard_normal(5) * 10.0 ** rng.integers(-8, 9, 5)),
    "intfloat": [float(x) for x in rng.integers(-5000, 5000, 8)],
    "f32max": [3.4028234663852886e38, 1.0],
    "f16max": [65504.0, -65504.0],
    "f16sub": [6e-8, 1e-7],
    "999": [999.0, 1.0],
    "1e3": [1000.0],
    "999999": [999999.0, 0.5],
    "1e6": [1e6],
    "16m": [16777216.0, 16777217.0],
    "nanonly1": [nan],
    "neginfs": [-inf, -inf, 1.0],
}

FLOAT_DTYPES = [np.float64, np.float32, np.float16]
INT_DTYPES = [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64]


def np_cases():
    # 1-d float sets in every float dtype, repr and str.
    for key, vals in FLOAT_SETS.items():
        for dt in FLOAT_DTYPES:
            with np.errstate(over="ignore"):
                a = np.array(vals, dtype=dt)
            np_case("np.%s.%s" % (key, np.dtype(dt).name), a)
    # 0-d floats.
    for x in [3.0, 3.5, 0.1, 1e-5, 1e16, 1e8, -0.0, nan, -inf, 1 / 3, 123456789.0, 0.0001, 1e6, 1e3]:
        for dt in FLOAT_DTYPES:
            with np.errstate(over="ignore"):
                np_case("np.0d.%r.%s" % (x, np.dtype(dt).name), np.array(x, dtype=dt))
    # Shapes.
    for dt in [np.float64, np.float32, np.int64, np.int32, np.bool_]:
        name = np.dtype(dt).name
        np_case("np.2x3." + name, (np.arange(6).reshape(2, 3) ** 2).astype(dt))
        np_case("np.2x3x4." + name, np.arange(24).reshape(2, 3, 4).astype(dt))
        np_case("np.2x2x2x2." + name, (np.arange(16) - 5).reshape(2, 2, 2, 2).astype(dt))
        np_case("np.1x1x1." + name, np.ones((1, 1, 1), dtype=dt))
        np_case("np.3x1." + name, np.array([[1], [0], [2]]).astype(dt))
        for shp in [(0,), (0, 3), (2, 0), (3, 0, 2), (0, 0)]:
            np_case("np.empty%s.%s" % (shp, name), np.zeros(shp, dtype=dt))
    np_case("np.arange30", np.arange(30))
    np_case("np.arange30f", np.arange(30.0))
    np_case("np.arange16.i32", np.arange(16, dtype=np.int32))
    np_case("np.arange100", np.arange(100))
    np_case("np.arange100f32", np.arange(100, dtype=np.float32) / 7)
    np_case("np.long2d", np.arange(120.0).reshape(3, 40) / 3)
    np_case("np.long3d", np.arange(2 * 3 * 30).reshape(2, 3, 30) * 1001)
    np_case("np.randn5x4", rng.standard_normal((5, 4)))
    np_case("np.randn3x3x3.f32", rng.standard_normal((3, 3, 3)).astype(np.float32))
    np_case("np.rand4x5.f16", rng.uniform(0, 10, (4, 5)).astype(np.float16))
    np_case("np.sci2d", np.array([[1e-10, 1.0], [3.0, 4e10]]))
    np_case("np.nan2d", np.array([[nan, 1.0], [-inf, 2.5]]))
    # Summarisation.
    np_case("np.sum1001", np.arange(1001))
    np_case("np.sum1001.i32", np.arange(1001, dtype=np.int32))
    np_case("np.sum1000x3", np.arange(3000).reshape(1000, 3))
    np_case("np.sum2x1000", np.arange(2000).reshape(2, 1000))
    np_case("np.sum10x10x11", np.arange(1100.0).reshape(10, 10, 11) / 9)
    np_case("np.sum50x50.f32", (np.arange(2500, dtype=np.float32) * 0.37).reshape(50, 50))
    np_case("np.sum2000f", np.linspace(-1, 1, 2000))
    np_case("np.sum1001bool", np.arange(1001) % 3 == 0)
    np_case("np.sum1200.f16", (np.arange(1200) % 97).astype(np.float16) / 8)
    np_case("np.sumsci", np.concatenate([[1e-9], np.ones(1500), [1e9]]))
    np_case("np.sumhidden", np.concatenate([[1.0], np.full(1500, 1e-9), [2.0]]))
    np_case("np.sum2x2x300", np.arange(1200).reshape(2, 2, 300) - 600)
    np_case("np.thr5", np.arange(10), threshold=5)
    np_case("np.thr5.2d", np.arange(20).reshape(4, 5), threshold=5)
    np_case("np.thr5.edge1", np.arange(20).reshape(4, 5), threshold=5, edgeitems=1)
    np_case("np.thr5.edge2", np.arange(10.0) / 3, threshold=5, edgeitems=2)
    np_case("np.thr5.edge0", np.arange(10), threshold=5, edgeitems=0)
    np_case("np.thr5.edge0.2d", np.arange(20).reshape(4, 5), threshold=5, edgeitems=0)
    np_case("np.thr0.0d", np.array(5), threshold=0)
    np_case("np.thr0.1", np.array([5]), threshold=0)
    np_case("np.edge5", np.arange(2000), edgeitems=5)
    # Options.
    for p in [0, 1, 2, 3, 4, 12, 16, 17]:
        np_case("np.prec%d" % p, np.array([1 / 3, 2.5, 100.125, -0.0625]), precision=p)
        np_case("np.prec%d.sci" % p, np.array([1 / 3, 2.5e-9, 12345.678]), precision=p)
        np_case("np.prec%d.f32" % p, np.array([1 / 3, 0.1, 7.0], dtype=np.float32), precision=p)
    np_case("np.suppress", np.array([1e-6, 4e-7, 2.0, 3.0]), precision=6, suppress=True)
    np_case("np.suppress2", np.array([1e-10, 1.0, 1000.5]), suppress=True)
    np_case("np.suppress3", np.array([1e9, 1.0]), suppress=True)
    np_case("np.suppress4", np.array([1e-3, 1e3, 1e5]), suppress=True)
    np_case("np.suppress.f32", np.array([1e-7, 5e5], dtype=np.float32), suppress=True)
    for lw in [10, 20, 40, 60, 100, 200]:
        np_case("np.lw%d" % lw, np.arange(40), linewidth=lw)
        np_case("np.lw%d.2d" % lw, np.arange(24.0).reshape(3, 8) * 1.5, linewidth=lw)
        np_case("np.lw%d.dtype" % lw, np.arange(12, dtype=np.int16), linewidth=lw)
    # dtype= on a new line when it would overflow.
    for n in range(10, 22):
        np_case("np.wrapdtype%d" % n, np.arange(n, dtype=np.int32))
        np_case("np.wrapdtypef%d" % n, np.arange(n, dtype=np.float32) + 0.5)
    # Integers.
    for dt in INT_DTYPES:
        info = np.iinfo(dt)
        name = np.dtype(dt).name
        np_case("np.int.minmax." + name, np.array([info.min, 0, info.max], dtype=dt))
        np_case("np.int.small." + name, np.array([1, 2, 3], dtype=dt))
        np_case("np.int.2d." + name, np.array([[5, 10], [100, 7]], dtype=dt))
        np_case("np.int.0d." + name, np.array(7, dtype=dt))
        np_case("np.int.empty." + name, np.zeros((0,), dtype=dt))
        np_case("np.int.long." + name, (np.arange(50) * 3 % 120).astype(dt))
    np_case("np.int.neg", np.array([-5, 123]))
    np_case("np.int.negwide", np.array([-1000, 5]))
    # Bools.
    np_case("np.bool.1", np.array([True]))
    np_case("np.bool.tf", np.array([True, False]))
    np_case("np.bool.ff", np.array([False, False]))
    np_case("np.bool.0d", np.array(True))
    np_case("np.bool.0dF", np.array(False))
    np_case("np.bool.2d", np.array([[True, False, True], [False, False, True]]))
    np_case("np.bool.long", np.arange(40) % 3 == 1)
    # Objects.
    def obj(items, shape=None):
        a = np.empty(len(items), dtype=object)
        for i, x in enumerate(items):
            a[i] = x
        return a.reshape(shape) if shape else a

    np_case("np.obj.mixed", obj([1, "a", None]))
    np_case("np.obj.floats", obj([1 / 3, 2]))
    np_case("np.obj.lists", obj([[1, 2], [3]]))
    np_case("np.obj.arrays", obj([np.array([1, 2]), np.array([3])]))
    np_case("np.obj.npscalars", obj([np.float64(1.5), 2]))
    np_case("np.obj.2d", obj([1, "bb", None, 3.5, [1], (2, 3)], (2, 3)))
    np_case("np.obj.0d", obj([None]).reshape(()))
    np_case("np.obj.0dint", obj([42]).reshape(()))
    np_case("np.obj.multiline", obj([np.eye(2), 5]))
    np_case("np.obj.multiline2", obj([1, np.arange(6).reshape(3, 2), "x"]))
    np_case("np.obj.multiline.wrap", obj([np.arange(60).reshape(2, 30), 1]))
    np_case("np.obj.long", obj(["word%d" % i for i in range(30)]))
    np_case("np.obj.dicts", obj([{"a": 1}, {1, 2}, 1j]))
    np_case("np.obj.empty", np.empty((0,), dtype=object))
    np_case("np.obj.sum", obj(list(range(1500))))
    # Strings.
    np_case("np.str.ab", np.array(["a", "bc"]))
    np_case("np.str.mixed", np.array([1, "a"]))
    np_case("np.str.quotes", np.array(["it's", 'say "hi"', "both '\"", "plain"]))
    np_case("np.str.escapes", np.array(["tab\t", "nl\n", "back\\", "cr\r", "\x01\x7f"]))
    np_case("np.str.unicode", np.array(["é", "中文", "😀", "\x85\xa0\xad", "\u2028x"]))
    np_case("np.str.empty1", np.array([""]))
    np_case("np.str.0d", np.array("a"))
    np_case("np.str.0dq", np.array("it's"))
    np_case("np.str.2d", np.array([["a", "bb"], ["ccc", ""]]))
    np_case("np.str.3d", np.array([[["x", "y"]], [["zz", "w"]]]))
    np_case("np.str.long", np.array(["item%03d" % i for i in range(40)]))
    np_case("np.str.wide", np.array(["a" * 30, "b" * 50, "c"]))
    np_case("np.str.wide2d", np.array([["a" * 30, "b" * 40], ["c", "d"]]))
    np_case("np.str.empty", np.zeros((0, 2), dtype="<U3"))
    np_case("np.str.sum", np.array([str(i) for i in range(1200)]))
    np_case("np.str.unicodelong", np.array(["é" * 10] * 12))


def np_scalar_cases():
    vals = [0.0, -0.0, 1.0, 3.0, 3.5, 0.1, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e15, 9999999999999998.0,
            1e17, 2.000000000000001e16, 1e-4, 0.0001, 1e-5, 1.234e-5, 1.5e-7, 1e300, -1e300, 5e-324,
            1.7976931348623157e308, 123456.789, 1e6, 999999.0, 1e3, 999.0, 65504.0, 6e-8, 1e-7,
            100.0, 1e-3, nan, inf, -inf, math.pi, -2.5, 16777217.0, 0.00011, 9.999e-5, 1e22, 1e21,
            5e-5, 1024.0, 2048.5, 0.5, 1e7, 12345678.9]
    for x in vals:
        for dt in FLOAT_DTYPES:
            with np.errstate(over="ignore", under="ignore"):
                v = dt(x)
            np_scalar_case("sc.%r.%s" % (x, np.dtype(dt).name), v)
    for x in rng.standard_normal(10) * 10.0 ** rng.integers(-6, 7, 10):
        for dt in FLOAT_DTYPES:
            with np.errstate(over="ignore", under="ignore"):
                np_scalar_case("sc.rand.%s" % np.dtype(dt).name, dt(x))
    for dt in INT_DTYPES:
        info = np.iinfo(dt)
        for x in [info.min, 0, 3, info.max]:
            np_scalar_case("sc.int.%d.%s" % (x, np.dtype(dt).name), dt(x))
    np_scalar_case("sc.true", np.True_)
    np_scalar_case("sc.false", np.False_)
    for s in ["a", "", "it's", 'a"b', "x\ny", "é", "back\\slash", "both'\""]:
        np_scalar_case("sc.str.%r" % s, np.str_(s))


def torch_cases():
    for key, vals in FLOAT_SETS.items():
        for dt in [torch.float32, torch.float64, torch.float16, torch.bfloat16]:
            t = torch.tensor(vals, dtype=torch.float64).to(dt)
            torch_case("t.%s.%s" % (key, str(dt)[6:]), t)
    for x in [3.0, 3.5, 0.1, 1e-5, 1e16, 1e8, -0.0, nan, -inf, 1 / 3, 123456789.0, 0.0001, 2.5]:
        for dt in [torch.float32, torch.float64, torch.float16]:
            torch_case("t.0d.%r.%s" % (x, str(dt)[6:]), torch.tensor(x, dtype=dt))
    torch_case("t.0d.int", torch.tensor(3))
    torch_case("t.0d.bool", torch.tensor(True))
    torch_case("t.0d.i8", torch.tensor(-7, dtype=torch.int8))
    torch_case("t.100000000", torch.tensor([100000000.0]))
    torch_case("t.1e9", torch.tensor([1e9]))
    torch_case("t.12345678", torch.tensor([12345678.0]))
    # Shapes and dtypes.
    for dt in [torch.float32, torch.float64, torch.int64, torch.int32, torch.bool, torch.float16]:
        name = str(dt)[6:]
        torch_case("t.2x3." + name, (torch.arange(6).reshape(2, 3) ** 2).to(dt))
        torch_case("t.2x3x4." + name, torch.arange(24).reshape(2, 3, 4).to(dt))
        torch_case("t.2x2x2x2." + name, (torch.arange(16) - 5).reshape(2, 2, 2, 2).to(dt))
        torch_case("t.1x1x1." + name, torch.ones((1, 1, 1), dtype=dt))
        for shp in [(0,), (0, 3), (2, 0), (3, 0, 2)]:
            torch_case("t.empty%s.%s" % (shp, name), torch.zeros(shp, dtype=dt))
    for dt in [torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8, torch.uint16,
               torch.uint32, torch.uint64]:
        name = str(dt)[6:]
        if dt == torch.uint64:
            lo, hi = 0, 2**64 - 1
        else:
            info = torch.iinfo(dt)
            lo, hi = info.min, info.max
        torch_case("t.int.minmax." + name, torch.tensor([lo, 0, hi], dtype=dt))
        torch_case("t.int.small." + name, torch.tensor([1, 2, 3], dtype=dt))
        torch_case("t.int.long." + name, (torch.arange(50) * 3 % 120).to(dt))
    torch_case("t.bool.1", torch.tensor([True]))
    torch_case("t.bool.tf", torch.tensor([True, False]))
    torch_case("t.bool.ff", torch.tensor([False, False]))
    torch_case("t.bool.2d", torch.tensor([[True, False, True], [False, False, True]]))
    torch_case("t.arange30", torch.arange(30))
    torch_case("t.arange30f", torch.arange(30.0))
    torch_case("t.linspace11", torch.linspace(0, 1, 11))
    torch_case("t.arange30.f64.2d", torch.arange(30, dtype=torch.float64).reshape(3, 10))
    torch_case("t.long2d", torch.arange(120.0).reshape(3, 40) / 3)
    torch_case("t.long3d", torch.arange(2 * 3 * 30).reshape(2, 3, 30) * 1001)
    g = torch.Generator().manual_seed(0)
    torch_case("t.randn5x4", torch.randn(5, 4, generator=g))
    torch_case("t.randn3x3x3.f64", torch.randn(3, 3, 3, generator=g, dtype=torch.float64))
    torch_case("t.rand4x5.f16", (torch.rand(4, 5, generator=g) * 10).half())
    torch_case("t.rand4x5.bf16", (torch.rand(4, 5, generator=g) * 10).bfloat16())
    torch_case("t.sci2d", torch.tensor([[1e-10, 1.0], [3.0, 4e10]]))
    torch_case("t.nan2d", torch.tensor([[nan, 1.0], [-inf, 2.5]]))
    # Summarisation.
    torch_case("t.sum1001", torch.arange(1001))
    torch_case("t.sum1001.i32", torch.arange(1001, dtype=torch.int32))
    torch_case("t.sum1000x3", torch.arange(3000).reshape(1000, 3))
    torch_case("t.sum2x1000f", torch.arange(2000.0).reshape(2, 1000))
    torch_case("t.sum10x10x11", torch.arange(1100.0).reshape(10, 10, 11) / 9)
    torch_case("t.sum50x50.f64", (torch.arange(2500, dtype=torch.float64) * 0.37).reshape(50, 50))
    torch_case("t.sum2000f", torch.linspace(-1, 1, 2000))
    torch_case("t.sum1001bool", torch.arange(1001) % 3 == 0)
    torch_case("t.sumsci", torch.cat([torch.tensor([1e-9]), torch.ones(1500), torch.tensor([1e9])]))
    torch_case("t.sumhidden", torch.cat([torch.tensor([1.0]), torch.full((1500,), 1e-9), torch.tensor([2.0])]))
    torch_case("t.sum2x2x300", torch.arange(1200).reshape(2, 2, 300) - 600)
    torch_case("t.thr5", torch.arange(10), threshold=5)
    torch_case("t.thr5.2d", torch.arange(20).reshape(4, 5), threshold=5)
    torch_case("t.thr5.edge1", torch.arange(20).reshape(4, 5), threshold=5, edgeitems=1)
    torch_case("t.thr5.edge2", torch.arange(10.0) / 3, threshold=5, edgeitems=2)
    torch_case("t.thr5.edge0", torch.arange(10), threshold=5, edgeitems=0)
    torch_case("t.thr5.edge0.2d", torch.arange(20.0).reshape(4, 5), threshold=5, edgeitems=0)
    torch_case("t.edge5", torch.arange(2000), edgeitems=5)
    # Options.
    for p in [0, 1, 2, 6, 8, 12]:
        torch_case("t.prec%d" % p, torch.tensor([1 / 3, 2.5, 100.125, -0.0625], dtype=torch.float64), precision=p)
        torch_case("t.prec%d.sci" % p, torch.tensor([1 / 3, 2.5e-9, 12345.678]), precision=p)
        torch_case("t.prec%d.int" % p, torch.tensor([1.0, -3.0, 1e9]), precision=p)
    for sm in [True, False]:
        for key in ["ints", "thirds", "small", "e100", "nanmix", "zeros", "intbig", "e9"]:
            torch_case("t.sci_%s.%s" % (sm, key), torch.tensor(FLOAT_SETS[key], dtype=torch.float64), sci_mode=sm)
        torch_case("t.sci_%s.2d" % sm, torch.arange(12.0).reshape(3, 4) / 7, sci_mode=sm)
        torch_case("t.sci_%s.int" % sm, torch.arange(4), sci_mode=sm)
    for lw in [10, 20, 40, 60, 100, 200]:
        torch_case("t.lw%d" % lw, torch.arange(40), linewidth=lw)
        torch_case("t.lw%d.2d" % lw, torch.arange(24.0).reshape(3, 8) * 1.5, linewidth=lw)
        torch_case("t.lw%d.dtype" % lw, torch.arange(12, dtype=torch.int16), linewidth=lw)
        torch_case("t.lw%d.grad" % lw, torch.arange(6.0).requires_grad_(), linewidth=lw)
    # Suffix wrapping: dtype / requires_grad / grad_fn at every row length.
    for n in range(6, 20):
        torch_case("t.wrapdtype%d" % n, torch.arange(n, dtype=torch.int32))
        torch_case("t.wrapdtypef%d" % n, torch.arange(n, dtype=torch.float64) + 0.5)
        x = torch.arange(float(n), dtype=torch.float64).requires_grad_()
        torch_case("t.wrapgrad%d" % n, x * 2)
        torch_case("t.wrapreq%d" % n, torch.arange(float(n)).requires_grad_())
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    torch_case("t.grad.req", x)
    torch_case("t.grad.pow", x ** 2)
    torch_case("t.grad.sum", (x * x).sum())
    torch_case("t.grad.mean", x.mean())
    torch_case("t.grad.f64", torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True) * 2)
    torch_case("t.grad.2d", (torch.arange(30.0, dtype=torch.float64).reshape(3, 10).requires_grad_()) + 1)
    torch_case("t.grad.mm", torch.ones(3, 3, requires_grad=True) @ torch.ones(3, 3))
    torch_case("t.grad.empty", torch.zeros(0, 3, dtype=torch.float64, requires_grad=True))
    torch_case("t.grad.sum2d", torch.arange(1100.0).reshape(2, 550).requires_grad_() * 1)


def random_sweep(seed=12345):
    """Deterministic random layouts, dtypes, options and float bit patterns."""
    R = random.Random(seed)

    def shape():
        while True:
            nd = R.choice([0, 1, 1, 2, 2, 3, 3, 4])
            shp = tuple(R.choice([0, 1, 1, 2, 3, 4, 5, 7, 9, 12]) if R.random() < 0.9 else R.randint(0, 40)
                        for _ in range(nd))
            if int(np.prod(shp)) <= 400:  # keeps cases.txt small; summarisation still happens
                return shp

    def floats(n, bits_of=None):
        scale = 10.0 ** R.randint(-10, 10)
        vals = []
        for _ in range(n):
            r = R.random()
            if r < 0.05:
                vals.append(R.choice([nan, inf, -inf, -0.0, 0.0]))
            elif r < 0.15 and bits_of is not None:
                vals.append(float(np.array(R.getrandbits(bits_of[0]), dtype=bits_of[1]).view(bits_of[2])))
            elif r < 0.35:
                vals.append(float(R.randint(-50, 50)))
            elif r < 0.5:
                vals.append(round(R.uniform(-1000, 1000), R.randint(0, 9)))
            else:
                vals.append(R.gauss(0, 1) * scale)
        return vals

    bit_views = {np.float16: (16, np.uint16, np.float16), np.float32: (32, np.uint32, np.float32),
                 np.float64: (64, np.uint64, np.float64)}
    for i in range(400):
        shp = shape()
        n = int(np.prod(shp)) if shp else 1
        k = R.choice("ffffiiubU")
        kw = dict(threshold=R.choice([1000, 1000, 0, 3, 10, 30, 100]), edgeitems=R.choice([3, 3, 0, 1, 2, 4]),
                  linewidth=R.choice([75, 75, 1, 10, 30, 50, 120]), precision=R.choice([8, 8, 0, 2, 5]),
                  suppress=R.random() < 0.2)
        with np.errstate(all="ignore"):
            if k == "f":
                dt = R.choice(FLOAT_DTYPES)
                a = np.array(floats(n, bit_views[dt]), dtype=dt)
            elif k in "iu":
                dt = R.choice(INT_DTYPES[:4] if k == "i" else INT_DTYPES[4:])
                info = np.iinfo(dt)
                m = min(info.max, 10 ** R.randint(0, 19))
                a = np.array([R.randint(max(info.min, -m), m) for _ in range(n)], dtype=dt)
            elif k == "b":
                a = np.array([R.random() < 0.5 for _ in range(n)], dtype=bool)
            else:
                a = np.array(["".join(R.choice("ab'\"\\\n \u00e9\u4e2d") for _ in range(R.randint(0, 6)))
                              for _ in range(n)])
        np_case("rnd.np.%d" % i, a.reshape(shp), **kw)
    for i in range(400):
        dt = R.choice(FLOAT_DTYPES)
        with np.errstate(all="ignore"):
            x = dt(floats(1, bit_views[dt])[0])
        np_scalar_case("rnd.sc.%d" % i, x)
    torch_floats = [torch.float16, torch.float32, torch.float64, torch.bfloat16]
    for i in range(400):
        shp = shape()
        n = int(np.prod(shp)) if shp else 1
        k = R.choice("ffffiub")
        if k == "f":
            dt = R.choice(torch_floats)
            t = torch.tensor(floats(n), dtype=torch.float64).to(dt).reshape(shp)
            if R.random() < 0.2 and n > 0:
                t = t.float().requires_grad_()
                if R.random() < 0.5:
                    t = t * 2
        elif k == "b":
            t = torch.tensor([R.random() < 0.5 for _ in range(n)], dtype=torch.bool).reshape(shp)
        else:
            dt = R.choice([torch.int8, torch.int16, torch.int32, torch.int64] if k == "i" else [torch.uint8])
            info = torch.iinfo(dt)
            m = min(info.max, 10 ** R.randint(0, 18))
            t = torch.tensor([R.randint(max(info.min, -m), m) for _ in range(n)], dtype=dt).reshape(shp)
        kw = dict(threshold=R.choice([1000, 1000, 0, 3, 10, 30, 100]), edgeitems=R.choice([3, 3, 0, 1, 2, 4]),
                  linewidth=R.choice([80, 80, 1, 10, 30, 50, 120]), precision=R.choice([4, 4, 0, 2, 6]),
                  sci_mode=R.choice([None, None, True, False]))
        torch_case("rnd.t.%d" % i, t, **kw)


np_cases()
np_scalar_cases()
torch_cases()
random_sweep()

here = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."
with open(here + "/cases.txt", "w", encoding="ascii") as f:
    f.write("# Generated by gen.py with numpy %s, torch %s, python %s. Do not edit.\n"
            % (np.__version__, torch.__version__.split("+")[0], sys.version.split()[0]))
    f.write("\n".join(out) + "\n")
print("wrote %d cases" % len(names))
