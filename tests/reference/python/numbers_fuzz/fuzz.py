#!/usr/bin/env python3
"""Differential fuzzer: nt against CPython 3.11 on numbers.

Generates random one-line Python statements over unbounded ints, floats (subnormals,
inf, nan, -0.0), complex numbers (signed zeros, inf/nan parts), format specs,
%-formatting, int()/float()/complex() parsing, math's integer functions, slice objects
and sorted(). Each statement is wrapped so an exception prints
`type(e).__name__, e` instead of stopping. Batches of statements run in CPython
(`python3`, PYTHONHASHSEED=0) and in nt; every statement whose output differs is
re-run alone (a one-line program), its operands are shrunk to simpler values while the
mismatch keeps its shape, and the mismatches are grouped into classes.

    python3 fuzz.py --seed 1 --count 20000
    python3 fuzz.py --seed 1 --count 20000 --report report.md --json report.json

Deterministic for a given --seed/--count/--batch. See README.md.
"""

import argparse
import json
import math
import os
import random
import re
import resource
import signal
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

INF = float("inf")
NAN = float("nan")

# ----------------------------------------------------------------------------- operands


class Op:
    """One operand: its source text, its Python value and a kind for shrinking."""

    __slots__ = ("src", "val", "kind")

    def __init__(self, src, val, kind):
        self.src, self.val, self.kind = src, val, kind

    def __repr__(self):
        return self.src


def int_src(v, r=None):
    """Source text of an int; sometimes hex or with underscores. Always parenthesised
    when negative. Decimal only while it stays far below the 4300-digit limit."""
    if v.bit_length() > 6000:
        body = hex(abs(v))
    elif r is not None and r.random() < 0.08:
        body = hex(abs(v))
    elif r is not None and r.random() < 0.04:
        body = f"{abs(v):_}"
    else:
        body = str(abs(v))
    return f"(-{body})" if v < 0 else body


def float_src(x):
    if math.isnan(x):
        return "float('nan')"
    if math.isinf(x):
        return "float('inf')" if x > 0 else "float('-inf')"
    s = repr(x)
    return f"({s})" if s.startswith("-") else s


def complex_src(z, r=None):
    """complex(re, im) as a call (exact parts, signed zeros kept) or, for some values, as
    a literal expression (which goes through complex arithmetic)."""
    re_, im = z.real, z.imag
    if r is not None and r.random() < 0.3 and math.isfinite(im) and math.isfinite(re_):
        if re_ == 0.0 and math.copysign(1, re_) > 0 and math.copysign(1, im) > 0:
            return f"{repr(im)}j"
        if math.copysign(1, im) > 0 and math.copysign(1, re_) > 0:
            return f"({repr(re_)}+{repr(im)}j)"
    return f"complex({float_src(re_)}, {float_src(im)})"


def I(v, r=None):
    return Op(int_src(v, r), v, "int")


def F(x):
    return Op(float_src(x), x, "float")


def C(z, r=None):
    return Op(complex_src(z, r), z, "complex")


def B(b):
    return Op(repr(b), b, "bool")


def S(s):
    return Op(repr(s), s, "str")


def NONE():
    return Op("None", None, "none")


SMALL_INTS = [0, 1, -1, 2, -2, 3, -3, 5, 7, 10, -10, 16, 100, 255, 256, 1000]
POW2_EDGES = [31, 32, 52, 53, 54, 62, 63, 64, 65, 96, 127, 128, 129, 256]
FLOAT_EDGE_INTS = [
    2**1024 - 2**970,  # rounds up to 2**1024: OverflowError in float()
    2**1024 - 2**971,  # the largest float exactly
    2**1024 - 2**970 - 1,  # just below the halfway point: rounds down
    2**1074,
    2**1075,
    3 * 2**1073,
    2**53 + 1,
    2**53 + 3,
    2**54 + 2,
    2**63 + 2**10,
    2**64 - 2**10,
    2**64 + 2**11,
    10**22,
    10**23,
]


def gen_int(r):
    k = r.random()
    if k < 0.18:
        v = r.choice(SMALL_INTS)
    elif k < 0.28:
        v = r.randint(-10**6, 10**6)
    elif k < 0.50:
        e = r.choice(POW2_EDGES)
        v = 2**e + r.randint(-3, 3)
        if r.random() < 0.5:
            v = -v
    elif k < 0.56:
        v = r.choice([-2**63, 2**63 - 1, -2**63 - 1, 2**63, 2**64 - 1, -2**64, 2**64, -2**64 + 1, 2**62, -2**62])
    elif k < 0.74:
        v = r.getrandbits(r.randint(65, 400))
        if r.random() < 0.5:
            v = -v
    elif k < 0.80:
        v = r.getrandbits(r.randint(400, 3000))
        if r.random() < 0.5:
            v = -v
    elif k < 0.88:
        base = r.choice([2, 10, 3, 7, 16])
        v = base ** r.randint(1, 300) + r.choice([0, 0, 0, 1, -1])
        if r.random() < 0.4:
            v = -v
    elif k < 0.94:
        v = r.choice(FLOAT_EDGE_INTS)
        if r.random() < 0.3:
            v = -v
    else:
        v = r.randint(-2**63, 2**63 - 1)
    return I(v, r)


SPECIAL_FLOATS = [
    0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.1, 0.3, 1 / 3, 2.0, 3.0, 10.0,
    1e16, 1e22, 1e23, 1e300, -1e300, 1.7976931348623157e308, -1.7976931348623157e308,
    5e-324, -5e-324, 1e-320, 2.2250738585072014e-308, 2.225073858507201e-308, INF, -INF,
    NAN, 2.0**52, 2.0**53, 2.0**53 + 2, 2.0**63, -2.0**63, 2.0**64, -2.0**64, 2.0**1023,
    123456.789, 0.125, 1e-5, 1e-4, 4503599627370496.5, 9007199254740993.0, 0.1 + 0.2,
    1e15 + 0.3, 2.0**-1074 * 3, 8.98846567431158e307,
]


def gen_float(r):
    k = r.random()
    if k < 0.45:
        x = r.choice(SPECIAL_FLOATS)
    elif k < 0.60:
        # any finite bit pattern
        while True:
            x = struct.unpack("<d", struct.pack("<Q", r.getrandbits(64)))[0]
            if math.isfinite(x):
                break
    elif k < 0.75:
        x = r.randint(-10**6, 10**6) / 10 ** r.randint(0, 6)
    elif k < 0.85:
        x = float(r.getrandbits(r.randint(1, 1000)) or 1)
        if r.random() < 0.5:
            x = -x
    elif k < 0.95:
        x = r.uniform(-1, 1) * 10.0 ** r.randint(-300, 300)
    else:
        x = math.ldexp(r.getrandbits(52) | 1, -1074 + r.randint(0, 60))  # subnormal-ish
    return F(x)


def gen_part(r):
    """A part of a complex number: a float with signed zeros, inf and nan favoured."""
    k = r.random()
    if k < 0.25:
        return r.choice([0.0, -0.0, 0.0, 1.0, -1.0, 2.0, 0.5])
    if k < 0.40:
        return r.choice([INF, -INF, NAN])
    if k < 0.50:
        return r.choice([1e308, -1e308, 5e-324, 1e-310, 1e200, 1e-200])
    return gen_float(r).val


def gen_complex(r):
    return C(complex(gen_part(r), gen_part(r)), r)


def gen_real(r):
    k = r.random()
    if k < 0.5:
        return gen_int(r)
    if k < 0.93:
        return gen_float(r)
    return B(r.random() < 0.5)


def gen_num(r):
    k = r.random()
    if k < 0.42:
        return gen_int(r)
    if k < 0.74:
        return gen_float(r)
    if k < 0.96:
        return gen_complex(r)
    return B(r.random() < 0.5)


def gen_small_nonneg(r, hi=300):
    return I(r.choice([0, 1, 2, 3, 5, 10, r.randint(0, hi)]))


# Shrink candidates per kind, simplest first.
SHRINK = {
    "int": [0, 1, -1, 2, -2, 3, 10, 2**63 - 1, -2**63, 2**63, -2**63 - 1, 2**64, -2**64, 2**100, -2**100,
            2**1024, -2**1024],
    "float": [0.0, 1.0, -1.0, 0.5, -0.0, 2.0, 1.5, INF, -INF, NAN, 1e300, 5e-324],
    "complex": [0j, 1j, 1 + 1j, complex(0.0, -0.0), complex(-0.0, 0.0), complex(-0.0, -0.0),
                complex(INF, 0.0), complex(0.0, INF), complex(NAN, 0.0), complex(0.0, NAN),
                complex(INF, INF), complex(1e308, 1e308)],
}


def shrink_ops(op):
    if op.kind == "int":
        return [I(v) for v in SHRINK["int"] if abs(v) < abs(op.val) or (abs(v) == abs(op.val) and v > op.val)]
    if op.kind == "float":
        return [F(x) for x in SHRINK["float"] if float_src(x) != op.src]
    if op.kind == "complex":
        return [C(z) for z in SHRINK["complex"] if complex_src(z) != op.src]
    return []


# ----------------------------------------------------------------------------- cases


class Case:
    """A statement: `fmt` with {0}, {1}... replaced by operand sources. `kind` names the
    generator (used for grouping); `safe` re-checks operands when shrinking."""

    __slots__ = ("kind", "fmt", "ops", "safe")

    def __init__(self, kind, fmt, ops, safe=None):
        self.kind, self.fmt, self.ops, self.safe = kind, fmt, ops, safe

    def src(self):
        return self.fmt.format(*[o.src for o in self.ops])

    def with_op(self, i, op):
        ops = list(self.ops)
        ops[i] = op
        return Case(self.kind, self.fmt, ops, self.safe)


def ival(op):
    v = op.val
    if isinstance(v, bool):
        return int(v)
    return v if isinstance(v, int) else None


def pow_safe(a, b):
    """CPython computes int ** int exactly: keep the result small."""
    x, y = ival(a), ival(b)
    if x is None or y is None:
        return True  # float/complex pow is cheap
    if y < 0 or abs(x) <= 1:
        return True
    return abs(x).bit_length() * y <= 300_000


def shift_safe(a, b):
    x, y = ival(a), ival(b)
    if x is None or y is None or y < 0 or x == 0:
        return True
    if y > 2**62:  # CPython refuses at once (MemoryError/OverflowError)
        return True
    return y <= 200_000


def safe_binop(ops, op):
    a, b = ops
    if op == "**":
        return pow_safe(a, b)
    if op == "<<":
        return shift_safe(a, b)
    if op == "*":
        # sequence repetition is never generated; int*int is cheap at these sizes
        return True
    return True


ARITH = ["+", "-", "*", "/", "//", "%", "**"]
BITS = ["<<", ">>", "&", "|", "^"]
CMPS = ["==", "!=", "<", "<=", ">", ">="]


def g_binop(r):
    op = r.choice(ARITH * 3 + BITS * 2 + CMPS)
    if op in BITS:
        gen = [gen_int, gen_int, gen_int, gen_real, gen_num]
    else:
        gen = [gen_int, gen_int, gen_real, gen_num]
    a, b = r.choice(gen)(r), r.choice(gen)(r)
    if op in ("<<", ">>") and ival(b) is not None and r.random() < 0.6:
        b = I(r.choice([0, 1, 3, 31, 32, 63, 64, 65, 100, 1000, -1, 2**64, 2**100, -2**70, r.randint(0, 5000)]))
    if op == "**" and ival(b) is not None and r.random() < 0.5:
        b = I(r.choice([0, 1, 2, 3, -1, -2, 63, 64, -64, 100, 1000, -1075, 2**70, -2**70]))
    if op == "**" and not pow_safe(a, b):
        b = I(r.randint(-5, 40))
    if op == "<<" and not shift_safe(a, b):
        b = I(r.randint(0, 200))
    return Case("binop " + op, "{0} " + op + " {1}", [a, b], lambda o, op=op: safe_binop(o, op))


def g_chain(r):
    ops = [gen_real(r) for _ in range(3)]
    c1, c2 = r.choice(CMPS), r.choice(CMPS)
    return Case("compare-chain", "{0} " + c1 + " {1} " + c2 + " {2}", ops)


def g_unary(r):
    t = r.choice(["-{0}", "+{0}", "~{0}", "abs({0})", "not {0}", "bool({0})"])
    return Case("unary " + t, t, [gen_num(r)])


def g_divmod(r):
    gen = [gen_int, gen_int, gen_real, gen_num]
    return Case("divmod", "divmod({0}, {1})", [r.choice(gen)(r), r.choice(gen)(r)])


def g_pow(r):
    a = r.choice([gen_int, gen_real, gen_num])(r)
    b = r.choice([gen_int, gen_real, gen_num])(r)
    if not pow_safe(a, b):
        b = I(r.randint(-5, 40))
    if r.random() < 0.5:
        return Case("pow2", "pow({0}, {1})", [a, b], lambda o: pow_safe(o[0], o[1]))
    k = r.random()
    if k < 0.8:
        a, b, m = gen_int(r), gen_int(r), gen_int(r)
        if r.random() < 0.3:
            b = I(r.choice([-1, -2, -3, 0, 1, 2**64 + 1]))
    else:
        a, b, m = gen_num(r), gen_num(r), gen_num(r)
        if not pow_safe(a, b):
            b = I(r.randint(-5, 40))
    return Case("pow3", "pow({0}, {1}, {2})", [a, b, m],
                lambda o: pow_safe(o[0], o[1]) or all(ival(x) is not None for x in o))


def g_hash(r):
    a = gen_num(r)
    v = a.val
    if isinstance(v, float) and math.isnan(v):
        a = F(1.5)
    if isinstance(v, complex) and (math.isnan(v.real) or math.isnan(v.imag)):
        a = C(complex(v.real if not math.isnan(v.real) else 0.0, v.imag if not math.isnan(v.imag) else -0.0))

    def nan_free(o):
        v = o[0].val
        if isinstance(v, float):
            return not math.isnan(v)
        if isinstance(v, complex):
            return not (math.isnan(v.real) or math.isnan(v.imag))
        return True

    return Case("hash", "hash({0})", [a], nan_free)


def g_equal_hash(r):
    """Numbers that compare equal must hash equal: set/dict membership across types."""
    x = gen_int(r).val if r.random() < 0.6 else r.choice([0, 1, -1, 2**53, 2**63, -2**64, 2**1023, 5])
    reps = [I(x)]
    try:
        fx = float(x)
        if float(fx) == x:
            reps.append(F(fx))
            reps.append(C(complex(fx, 0.0)))
            reps.append(C(complex(fx, -0.0)))
    except OverflowError:
        pass
    a, b = r.choice(reps), r.choice(reps)
    t = r.choice(["{0} in {{{1}}}", "{{{0}: 'k'}}.get({1}, 'missing')", "len({{{0}, {1}}})",
                  "hash({0}) == hash({1})", "{0} in [{1}]"])
    return Case("eq-hash", t, [a, b])


def g_convert(r):
    t = r.choice(["int({0})", "float({0})", "complex({0})", "complex({0}, {1})", "str({0})", "repr({0})",
                  "round({0})", "round({0}, {1})", "bin({0})", "hex({0})", "oct({0})",
                  "complex(real={0}, imag={1})", "complex(imag={1})"])
    a = gen_num(r) if r.random() < 0.8 else gen_int(r)
    if "{1}" in t:
        if t.startswith("round"):
            b = I(r.choice([0, 1, 2, -1, -2, -3, -10, -20, -22, -100, -300, -308, -309, 5, 15, 16, 17, 300,
                            323, 324, 400, -400, 2**63, -2**63 - 1, r.randint(-400, 400)]))
            if r.random() < 0.1:
                b = r.choice([NONE(), F(1.0), C(1j)])
        else:
            b = gen_num(r)
        return Case("convert " + t, t, [a, b], round_safe if t.startswith("round") else None)
    return Case("convert " + t, t, [a])


def round_safe(o):
    """round(int, -n) computes 10**n in CPython: keep n small."""
    n, d = ival(o[0]), ival(o[1]) if o[1].kind in ("int", "bool") else None
    return n is None or d is None or d > -5000


def g_method(r):
    k = r.random()
    if k < 0.4:
        a = gen_int(r) if r.random() < 0.9 else B(True)
        t = r.choice(["({0}).bit_length()", "({0}).bit_count()", "({0}).as_integer_ratio()", "({0}).conjugate()",
                      "({0}).real", "({0}).imag", "({0}).numerator", "({0}).denominator"])
    elif k < 0.75:
        a = gen_float(r)
        t = r.choice(["({0}).as_integer_ratio()", "({0}).hex()", "({0}).is_integer()", "({0}).conjugate()",
                      "({0}).real", "({0}).imag"])
    else:
        a = gen_complex(r)
        t = r.choice(["({0}).real", "({0}).imag", "({0}).conjugate()", "({0}).conjugate().imag"])
    return Case("method " + t, t, [a])


def g_math(r):
    k = r.random()
    if k < 0.12:
        n = r.choice([I(r.randint(0, 400)), I(r.randint(-5, -1)), I(2**63), I(2**64 + 5), F(5.0), F(5.5), B(True),
                      I(r.randint(0, 30))])
        return Case("math.factorial", "math.factorial({0})", [n],
                    lambda o: ival(o[0]) is None or ival(o[0]) <= 3000 or ival(o[0]) > 2**63 - 1)
    if k < 0.30:
        fn = r.choice(["comb", "perm"])
        n = r.choice([gen_small_nonneg(r, 400), gen_int(r)])
        kk = r.choice([gen_small_nonneg(r, 60), I(r.randint(-3, 3)), I(2**64), I(2**70)])
        args = [n, kk]
        if fn == "perm" and r.random() < 0.2:
            args = [n] if r.random() < 0.5 else [n, NONE()]

        def ok(o):
            nv = ival(o[0])
            kv = ival(o[1]) if len(o) > 1 and o[1].kind != "none" else nv
            if nv is None or kv is None or kv < 0 or nv < 0 or kv > nv:
                return True
            small = min(kv, nv - kv) if fn == "comb" else kv
            return small <= 400 or small > 2**63 - 1 or (fn == "perm" and kv > 2**63 - 1)

        if not ok(args):
            args = [args[0], I(r.randint(0, 40))]
        fmt = f"math.{fn}(" + ", ".join("{%d}" % i for i in range(len(args))) + ")"
        return Case("math." + fn, fmt, args, ok)
    if k < 0.42:
        fn = r.choice(["gcd", "lcm"])
        args = [gen_int(r) for _ in range(r.randint(0, 4))]
        if args and r.random() < 0.1:
            args[r.randrange(len(args))] = r.choice([F(2.0), B(True)])
        fmt = f"math.{fn}(" + ", ".join("{%d}" % i for i in range(len(args))) + ")"
        return Case("math." + fn, fmt, args)
    if k < 0.52:
        a = gen_int(r) if r.random() < 0.85 else r.choice([F(4.0), B(True), I(-1)])
        return Case("math.isqrt", "math.isqrt({0})", [a])
    if k < 0.70:
        fn = r.choice(["floor", "ceil", "trunc"])
        return Case("math." + fn, f"math.{fn}({{0}})", [gen_real(r) if r.random() < 0.9 else gen_complex(r)])
    fn = r.choice(["sqrt", "log", "log2", "log10", "exp", "fabs", "isfinite", "isinf", "isnan", "frexp",
                   "modf", "log1p", "copysign2", "fmod2", "ldexp2", "isclose2", "pow2", "atan2", "hypot2",
                   "log2arg", "fsum", "prod", "sum", "sumf"])
    if fn in ("fsum", "prod", "sum", "sumf"):
        items = [gen_real(r) for _ in range(r.randint(0, 6))]
        inner = "[" + ", ".join("{%d}" % i for i in range(len(items))) + "]"
        fmt = {"fsum": "math.fsum(%s)", "prod": "math.prod(%s)", "sum": "sum(%s)",
               "sumf": "sum(%s, 0.0)"}[fn] % inner
        return Case("math." + fn, fmt, items)
    if fn in ("copysign2", "fmod2", "ldexp2", "isclose2", "pow2", "atan2", "hypot2", "log2arg"):
        name = {"copysign2": "copysign", "fmod2": "fmod", "ldexp2": "ldexp", "isclose2": "isclose", "pow2": "pow",
                "atan2": "atan2", "hypot2": "hypot", "log2arg": "log"}[fn]
        a, b = gen_real(r), gen_real(r)
        if name == "ldexp":
            a = gen_float(r)
            b = r.choice([gen_int(r), I(r.randint(-1100, 1100))])
        return Case("math." + name + "/2", f"math.{name}({{0}}, {{1}})", [a, b])
    return Case("math." + fn, f"math.{fn}({{0}})", [gen_real(r)])


INT_SPEC_TYPES = list("bcdoxXn") + [""] * 3 + list("eEfFgG%")
FLOAT_SPEC_TYPES = list("eEfFgGn%") + [""] * 3


def gen_spec(r, types):
    s = ""
    if r.random() < 0.35:
        if r.random() < 0.4:
            s += r.choice(" *0_x,=<")
        s += r.choice("<>=^")
    if r.random() < 0.25:
        s += r.choice("+- ")
    if r.random() < 0.05:
        s += "z"
    if r.random() < 0.25:
        s += "#"
    if r.random() < 0.2:
        s += "0"
    if r.random() < 0.45:
        s += str(r.choice([0, 1, 5, 10, 20, 30, r.randint(0, 60)]))
    if r.random() < 0.25:
        s += r.choice([",", "_", ",", "_", ",_", "_,"])
    if r.random() < 0.3:
        s += "." + str(r.choice([0, 1, 2, 3, 6, 10, 17, 20, 30, r.randint(0, 120)]))
    if r.random() < 0.04:
        s += "."
    ty = r.choice(types)
    if r.random() < 0.03:
        ty = r.choice("sraq")
    return s + ty


def g_format(r):
    k = r.random()
    if k < 0.55:
        a = gen_int(r) if r.random() < 0.95 else B(r.random() < 0.5)
        spec = gen_spec(r, INT_SPEC_TYPES)
    else:
        a = gen_float(r)
        spec = gen_spec(r, FLOAT_SPEC_TYPES)
    t = r.random()
    if t < 0.6:
        fmt = "format({0}, %r)" % spec
    elif t < 0.8:
        fmt = "'{{:%s}}'.format({0})" % spec
    else:
        fmt = 'f"{{{0}:%s}}"' % spec
    return Case("format " + ("int" if a.kind in ("int", "bool") else "float"), fmt, [a])


def g_big_str(r):
    """The 4300-digit limit and long conversions."""
    k = r.random()
    e = r.choice([4298, 4299, 4300, 4301, 4310, 5000])
    if k < 0.25:
        return Case("bigstr str", "str(10**{0} - 1)", [I(e)])
    if k < 0.45:
        return Case("bigstr repr", "repr(-(10**{0}))", [I(e)])
    if k < 0.6:
        return Case("bigstr int", "int('7' * {0})", [I(e)])
    if k < 0.7:
        return Case("bigstr int", "int('-' + '1' * {0})", [I(e)])
    if k < 0.8:
        return Case("bigstr hex", "len(hex(10**{0}))", [I(e)])
    if k < 0.85:
        return Case("bigstr format", "format(10**{0}, %r)" % r.choice(["", "d", ",", "x", "_b", "e", ".3e", "n"]), [I(e)])
    if k < 0.93:
        t = r.choice(["'%s' % (10**{0},)", "'%r' % (10**{0},)", "'%d' % (10**{0},)", "ascii(10**{0})",
                      "f'{{10**{0}}}'", "'{{}}'.format(10**{0})", "len(str([10**{0}]))"])
        return Case("bigstr " + t, t, [I(e)])
    return Case("bigstr int-base", "int('z' * {0}, 36) % 1000", [I(r.choice([10, 100, 4301, 5000]))])


def int_text(r):
    """A string for int(s, base): a valid literal most of the time, sometimes a
    corrupted one."""
    base = r.choice([0, 0, 10, 10, 2, 8, 16, 36, 3, 7, 0])
    v = gen_int(r).val
    b = base or r.choice([10, 16, 8, 2])
    digs = "0123456789abcdefghijklmnopqrstuvwxyz"
    n = abs(v)
    out = ""
    while n:
        out = digs[n % b] + out
        n //= b
    out = out or "0"
    if len(out) > 2000:
        out = out[:2000]
    if r.random() < 0.3:
        out = out.upper()
    if r.random() < 0.15 and len(out) > 1:
        i = r.randrange(1, len(out))
        out = out[:i] + "_" + out[i:]
    prefix = {16: "0x", 8: "0o", 2: "0b"}.get(b, "")
    if (base == 0 and prefix) or (base == b and prefix and r.random() < 0.3):
        p = prefix if r.random() < 0.7 else prefix.upper()
        if r.random() < 0.15:
            p += "_"
        out = p + out
    if v < 0:
        out = "-" + out
    elif r.random() < 0.1:
        out = "+" + out
    if r.random() < 0.15:
        out = r.choice([" ", "\t", "\n ", "  "]) + out + r.choice(["", " ", "\n"])
    if r.random() < 0.15:
        # corruptions
        m = r.choice(["__", "_end", "start_", "sp", "junk", "empty", "zero", "0x", "unicode", "sign", "lead0"])
        if m == "__" and len(out) > 2:
            i = r.randrange(1, len(out))
            out = out[:i] + "__" + out[i:]
        elif m == "_end":
            out += "_"
        elif m == "start_":
            out = "_" + out
        elif m == "sp":
            i = r.randrange(0, len(out) + 1)
            out = out[:i] + " " + out[i:]
        elif m == "junk":
            out += r.choice("g.z!j")
        elif m == "empty":
            out = r.choice(["", " ", "-", "+", "_"])
        elif m == "zero":
            out = r.choice(["00", "0_0", "000123", "0_7", "-00", "0b", "0o", "0x_"])
        elif m == "0x":
            out = r.choice(["0x", "0X1f", "0b102", "0o8", "0xg"])
        elif m == "unicode":
            out = r.choice(["\u0661\u0662\u0663", "\uff11\uff12", "1\u00a0", "\u2003 12", "\u0663_\u0664"])
        elif m == "sign":
            out = r.choice(["--1", "+-1", "- 1", "+_1"])
        elif m == "lead0":
            out = "0" + out.lstrip("-+")
    return out, base


def g_int_parse(r):
    s, base = int_text(r)
    k = r.random()
    if k < 0.15:
        return Case("int(str)", "int({0})", [S(s)])
    if k < 0.9:
        return Case("int(str, base)", "int({0}, %d)" % base, [S(s)])
    bad = r.choice([1, -1, 37, 2**64, -2**70])
    return Case("int(str, badbase)", "int({0}, {1})", [S(s), I(bad)])


FLOAT_STRINGS = ["1.5", "-0", "-0.0", "+inf", "-Infinity", "nan", "-nan", "NaN", "1e309", "-1e309", "1e-400",
                 "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1_000.5", "1__0", "_1", "1_",
                 "0x1p3", ".5", "5.", ".", "e5", "1e", "1e+", " 7 ", "\t-3.25\n", "1.7976931348623157e308",
                 "1.7976931348623158e308", "1.797693134862315807e308", "9007199254740993", "0.1e-1_0",
                 "1e1_0", "infinity", "infinit", "in f", "\u0661.\u0665", "1,5", ""]


def g_float_parse(r):
    if r.random() < 0.6:
        s = r.choice(FLOAT_STRINGS)
    else:
        x = gen_float(r).val
        s = r.choice([repr(x), "%.17g" % x, "%.3e" % x, str(x).upper()])
    return Case("float(str)", "float({0})", [S(s)])


COMPLEX_STRINGS = ["1+2j", "(1+2j)", " ( 1-2j ) ", "j", "-j", "+j", "J", "1j", "-1J", "1e5j", "1e-5-1e5j",
                   "inf+nanj", "-inf-infj", "nan", "nanj", "-nanj", "infj", "1_0j", "1__0j", "1+", "+", "(1+2j",
                   "1+2j)", "1 + 2j", "1+2 j", "", "()", "( )", "1e+5+1e+5j", "1e5+j", "1e5-j", "0x1j", "1+2i",
                   "1.5", " 3 ", "-0", "-0j", "-0-0j", "0-0j", "+1.5e-3-2.5E+3J", "1.e3j", ".5j", "5.j", "j5",
                   "1+-2j", "1++2j", "1e", "\u0661+\u0662j", "1\u00a0+2j", "(1)", "((1))", "(j)", "+1j", "1j+1"]


def g_complex_parse(r):
    if r.random() < 0.7:
        s = r.choice(COMPLEX_STRINGS)
    else:
        z = complex(gen_part(r), gen_part(r))
        s = repr(z)
        if r.random() < 0.3:
            s = s.strip("()")
    return Case("complex(str)", "complex({0})", [S(s)])


PERCENT_CONV = list("dioxXeEfFgGcrsa") + ["u"]


def g_percent(r):
    flags = "".join(r.sample("-+ 0#", r.randint(0, 2)))
    width = str(r.randint(0, 30)) if r.random() < 0.4 else ""
    prec = ("." + str(r.randint(0, 25))) if r.random() < 0.35 else ""
    conv = r.choice(PERCENT_CONV)
    spec = "%" + flags + width + prec + conv
    a = gen_num(r) if r.random() < 0.85 else gen_int(r)
    if conv == "c" and r.random() < 0.7:
        a = I(r.choice([65, 0x10FFFF, 0x110000, -1, 2**64, 955, r.randint(32, 1000)]))
    return Case("percent %" + conv, "%r %% ({0},)" % spec, [a])


def g_slice(r):
    def part():
        k = r.random()
        if k < 0.25:
            return NONE()
        if k < 0.6:
            return I(r.randint(-12, 12))
        if k < 0.9:
            return I(r.choice([2**63, -2**63 - 1, 2**64, -2**70, 2**100, 2**63 - 1, -2**63]))
        return r.choice([F(1.0), B(True), gen_complex(r)])

    a, b, c = part(), part(), part()
    n = r.choice([0, 1, 5, 10])
    t = r.choice([
        "slice({0}, {1}, {2})", "slice({0})", "slice({0}, {1})",
        "list(range(%d))[{0}:{1}:{2}]" % n, "'abcdefghij'[{0}:{1}:{2}]", "tuple(range(%d))[{0}:{1}]" % n,
        "range(%d)[{0}:{1}:{2}]" % n, "list(range(%d))[slice({0}, {1}, {2})]" % n,
        "slice({0}, {1}, {2}).indices(%d)" % n, "slice({0}, {1}, {2}) == slice({0}, {1}, {2})",
        "slice({0}, {1}) < slice({1}, {0})", "hash(slice({0}))", "slice({0}, {1}, {2}).step",
        "[1, 2, 3][{0}]", "'abc'[{0}]", "range(10)[{0}]",
    ])
    return Case("slice " + t, t, [a, b, c])


def g_sorted(r):
    n = r.randint(0, 9)
    if r.random() < 0.1:
        items = [gen_num(r) for _ in range(n)]
    else:
        items = [gen_real(r) if r.random() < 0.8 else F(NAN) for _ in range(n)]
    inner = "[" + ", ".join("{%d}" % i for i in range(n)) + "]"
    t = r.choice(["sorted(%s)", "sorted(%s, reverse=True)", "sorted(%s, key=abs)", "min(%s)", "max(%s)",
                  "sorted(%s, key=lambda v: -v)", "sorted(%s, key=str)"])
    return Case("sorted " + t.split("(")[0] + ("/key" if "key" in t else ""), t % inner, items)


def g_sorted_long(r):
    """Longer lists, to reach timsort's runs, merges and galloping; NaNs and duplicates
    make the comparison inconsistent, so only the same algorithm gives the same order."""
    n = r.randint(20, 90)
    pool = [gen_real(r) for _ in range(r.randint(3, 12))] + [F(NAN)] * r.randint(0, 3)
    items = []
    run = r.random() < 0.5
    for i in range(n):
        if run and r.random() < 0.6:
            items.append(I(i) if r.random() < 0.7 else I(n - i))
        else:
            items.append(r.choice(pool))
    inner = "[" + ", ".join("{%d}" % i for i in range(n)) + "]"
    t = r.choice(["sorted(%s)", "sorted(%s, reverse=True)", "sorted(%s, key=abs)"])
    return Case("sorted-long " + t.split("(")[0] + ("/key" if "key" in t else ""), t % inner, items)


M64 = -2**63
RANGE_EDGES = [0, 1, -1, 2, 5, -5, 10, M64, M64 + 1, M64 + 2, 2**63 - 1, 2**63 - 2, 2**63, 2**63 + 1, 2**64, -2**64,
               2**62, -2**62, 2**62 + 1, 2**32, -2**32]
RANGE_STEPS = [1, 1, -1, 2, -2, 3, -3, 7, 2**62, -2**62, 2**63 - 1, M64, M64 + 1, 2**63, -2**63 - 1, 2**64, 0]


def range_len(a, b, c):
    if c == 0:
        return 0
    return max(0, (b - a + (c - (1 if c > 0 else -1))) // c)


def g_range(r):
    """Ranges whose bounds, steps and lengths sit at the edges of 64 bits."""
    def edge():
        if r.random() < 0.85:
            return r.choice(RANGE_EDGES) + r.choice([0, 0, 0, 1, -1, 3])
        return gen_int(r).val

    a, b, c = edge(), edge(), r.choice(RANGE_STEPS)
    n = range_len(a, b, c)
    x = r.choice([0, 1, -1, 2, -2, n - 1 if n else 0, -n, n, a, b, a + c, b - c, edge(), edge()])
    ops = [I(a), I(b), I(c), I(x)]
    rng = "range({0}, {1}, {2})"
    t = r.choice([
        "len(%s)" % rng, "%s[{3}]" % rng, "{3} in %s" % rng, "%s.index({3})" % rng, "%s.count({3})" % rng,
        "bool(%s)" % rng, "%s == range({0}, {3}, {2})" % rng, "%s[{3}:]" % rng, "%s[:{3}]" % rng,
        "%s[::{3}]" % rng, "%s[::-1]" % rng, "[v for v, _ in zip(%s, range(4))]" % rng,
        "[v for v, _ in zip(reversed(%s), range(4))]" % rng, "%s[{3}:{3}:{2}]" % rng,
        "range({0})[{3}]", "range({0}, {1})[{3}]", "len(range({0}, {1}))", "{3} in range({0}, {1})",
    ])
    if "in " in t and r.random() < 0.15 and n < 10**5:
        ops[3] = r.choice([F(float(x) if abs(x) < 2**60 else 1.0), F(0.5), B(True)])

    def safe(o):
        a, b, c = ival(o[0]), ival(o[1]), ival(o[2])
        if "range({0})" in t:
            a, b, c = 0, a, 1
        elif "range({0}, {1})" in t:
            c = 1
        n = range_len(a, b, c)
        # CPython scans the range for a float: keep such ranges short
        if o[3].kind == "float" and n >= 10**5:
            return False
        # nt builds the items for count() and reversed(): gigabytes between 2**20 and 2**33
        if (".count(" in t or "reversed(" in t) and 2**20 <= n <= 2**33:
            return False
        return True

    return Case("range " + re.sub(r"range\([^)]*\)", "range()", t), t, ops, safe)


def g_complex_ops(r):
    a, b = gen_complex(r), r.choice([gen_complex, gen_num, gen_int])(r)
    if r.random() < 0.5:
        a, b = b, a
    op = r.choice(["+", "-", "*", "/", "**", "**", "==", "!=", "//", "%", "<"])
    if op == "**" and r.random() < 0.6:
        b = r.choice([I(r.randint(-4, 12)), I(r.choice([100, 101, -100, -101, 2**64])), F(r.choice([0.5, 2.0, -1.0, 3.0, 1e300]))])
    return Case("complex " + op, "{0} " + op + " {1}", [a, b],
                (lambda o: pow_safe(o[0], o[1])) if op == "**" else None)


def g_intfloat_cmp(r):
    """Exact comparisons of big ints with floats near them."""
    x = gen_int(r).val
    try:
        f = float(x)
    except OverflowError:
        f = r.choice([INF, 1.7976931348623157e308])
    f = r.choice([f, math.nextafter(f, INF), math.nextafter(f, -INF), -f, f + 0.5 if abs(f) < 2**52 else f])
    op = r.choice(CMPS)
    a, b = I(x), F(f)
    if r.random() < 0.5:
        a, b = b, a
    return Case("int-float cmp " + op, "{0} " + op + " {1}", [a, b])


GENERATORS = [
    (20, g_binop), (4, g_chain), (5, g_unary), (4, g_divmod), (5, g_pow), (3, g_hash), (3, g_equal_hash),
    (8, g_convert), (5, g_method), (8, g_math), (9, g_format), (2, g_big_str), (5, g_int_parse),
    (2, g_float_parse), (3, g_complex_parse), (5, g_percent), (5, g_slice), (4, g_sorted), (2, g_sorted_long), (5, g_range), (7, g_complex_ops),
    (4, g_intfloat_cmp),
]


def generate(r):
    total = sum(w for w, _ in GENERATORS)
    while True:
        k = r.uniform(0, total)
        g = GENERATORS[-1][1]
        for w, gen in GENERATORS:
            k -= w
            if k <= 0:
                g = gen
                break
        case = g(r)
        if case.safe is None or case.safe(case.ops):
            return case


# ----------------------------------------------------------------------------- running

PRELUDE = '''import math
def _t(i, f):
    try:
        r = f()
        s = type(r).__name__ + ' ' + repr(r)
    except Exception as e:
        print('@@' + str(i), 'EXC', type(e).__name__, e)
    else:
        print('@@' + str(i), 'OK', s)
'''


def program(stmts):
    """stmts: list of (index, source)."""
    lines = [PRELUDE]
    for i, s in stmts:
        lines.append(f"_t({i}, lambda: {s})\n")
    lines.append("print('@@END')\n")
    return "".join(lines)


def limit_memory(gib):
    """Big allocations fail at once instead of swapping: CPython gets 3 GiB, nt (which
    reserves more address space for its threads) 8 GiB."""
    def f():
        try:
            resource.setrlimit(resource.RLIMIT_AS, (gib << 30, gib << 30))
        except (ValueError, OSError):
            pass
    return f


class Runner:
    def __init__(self, nt, python, timeout, workdir):
        self.nt, self.python, self.timeout, self.workdir = nt, python, timeout, workdir
        self.runs = 0

    def run(self, which, text):
        path = os.path.join(self.workdir, "prog.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
        cmd = [self.python, path] if which == "py" else [self.nt, path]
        self.runs += 1
        try:
            p = subprocess.run(cmd, capture_output=True, timeout=self.timeout, env=env, cwd=self.workdir,
                               preexec_fn=limit_memory(3 if which == "py" else 8))
            out = p.stdout.decode("utf-8", "replace")
            err = p.stderr.decode("utf-8", "replace")
            return out, err, p.returncode, False
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b"").decode("utf-8", "replace")
            err = (e.stderr or b"").decode("utf-8", "replace")
            return out, err, None, True


def parse_output(out):
    """{index: line} from a program's stdout; continuation lines join the previous."""
    res, cur, done = {}, None, False
    lines = out.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        if line == "@@END":
            done = True
            cur = None
            continue
        m = re.match(r"@@(\d+) (.*)$", line)
        if m:
            cur = int(m.group(1))
            res[cur] = m.group(2)
        elif cur is not None:
            res[cur] += "\n" + line
    return res, done


CRASH_WORDS = ("panicked", "internal error", "RUST_BACKTRACE", "stack overflow", "Segmentation")


def side_results(runner, which, stmts):
    """Results of one side for the statements {i: src}: {i: text}. Statements lost to a
    crash, a timeout or a program-level error are re-run (the first lost one alone, or
    the batch split in halves) until each is run alone; a lone failure becomes
    'CRASH ...' / 'TIMEOUT' / 'PROGRAM ...' with the tail of stderr."""
    items = sorted(stmts.items())
    if not items:
        return {}
    out, err, rc, timed_out = runner.run(which, program(items))
    got, done = parse_output(out)
    crashed = any(w in err or w in out for w in CRASH_WORDS)
    if done and len(got) == len(items) and not crashed and not timed_out:
        return got
    if len(items) == 1:
        i = items[0][0]
        tail = " / ".join(err.strip().splitlines()[-6:])
        if timed_out:
            return {i: "TIMEOUT " + tail}
        if i in got and not crashed:
            return got
        tag = "CRASH" if crashed or (rc is not None and rc < 0) or i in got else "PROGRAM"
        prefix = (got[i] + " | ") if i in got else ""
        return {i: f"{tag} rc={rc} {prefix}{tail}"}
    missing = [i for i, _ in items if i not in got]
    if not missing or not got:
        # every line came (but a crash message too), or none did: split in halves
        half = len(items) // 2
        res = side_results(runner, which, dict(items[:half]))
        res.update(side_results(runner, which, dict(items[half:])))
        return res
    first = missing[0]
    keep = {i: v for i, v in got.items() if i < first}
    keep.update(side_results(runner, which, {first: stmts[first]}))
    keep.update(side_results(runner, which, {i: s for i, s in items if i > first}))
    return keep


def kind_of(res):
    """Shape of a result line: 'OK type', 'EXC Type', 'CRASH', 'TIMEOUT', 'PROGRAM'."""
    if res is None:
        return "MISSING"
    w = res.split(" ")
    if w[0] in ("OK", "EXC") and len(w) > 1:
        return w[0] + " " + w[1]
    return w[0]


def norm_msg(res):
    if res is None:
        return ""
    w = res.split(" ", 2)
    if w[0] != "EXC" or len(w) < 3:
        return ""
    msg = re.sub(r"'[^']*'", "'_'", w[2])
    msg = re.sub(r"-?\d+", "N", msg)
    return msg[:120]


def severity(nt, py):
    kn, kp = kind_of(nt), kind_of(py)
    if kn in ("CRASH", "TIMEOUT", "MISSING") or "internal error" in (nt or "") or "panicked" in (nt or ""):
        return 0, "nt crash / panic / internal error / hang"
    if kn == "PROGRAM":
        return 3, "nt rejects the statement at program level (syntax/unsupported)"
    if kn.startswith("OK") and kp.startswith("OK"):
        return 1, "silent wrong result (both return, values differ)"
    if kn.startswith("OK") and kp.startswith("EXC"):
        return 1, "silent wrong result (nt returns a value where CPython raises)"
    if kn.startswith("EXC") and kp.startswith("OK"):
        return 2, "nt raises where CPython returns a value"
    return 2, "wrong exception type or message"


class Mismatch:
    def __init__(self, case, nt, py):
        self.case, self.nt, self.py = case, nt, py
        self.shrunk = None
        self.confirmed = None

    def key(self):
        """Mismatch class: the generator kind (sizes in it blurred), the result kinds on
        both sides and the shapes of the two messages; for operators also the sorted
        operand types."""
        sev, _ = severity(self.nt, self.py)
        kind = re.sub(r"\(\d+\)", "(N)", self.case.kind)
        types = ()
        if kind.startswith(("binop", "complex ", "pow", "divmod")):
            types = tuple(sorted({o.kind for o in self.case.ops}))
        return (sev, kind, types, kind_of(self.nt), kind_of(self.py), norm_msg(self.nt), norm_msg(self.py))


def single(runner, case):
    s = case.src()
    nt = side_results(runner, "nt", {0: s}).get(0)
    py = side_results(runner, "py", {0: s}).get(0)
    return nt, py


def shape_of(nt, py):
    return (kind_of(nt), kind_of(py), norm_msg(nt) if kind_of(nt).startswith("EXC") else "")


def shrink(runner, case, nt, py, passes=12):
    """Replace operands by simpler ones while the statement still mismatches with the same
    shape (result kinds on both sides, nt's message pattern). Each pass runs every
    one-operand substitution as one batch per side and keeps the first that works."""
    shape = shape_of(nt, py)
    for _ in range(passes):
        cands = []
        for i, op in enumerate(case.ops):
            for cand in shrink_ops(op):
                c2 = case.with_op(i, cand)
                if c2.safe is not None and not c2.safe(c2.ops):
                    continue
                if c2.src() != case.src():
                    cands.append(c2)
        if not cands:
            break
        stmts = {k: c.src() for k, c in enumerate(cands)}
        pr = side_results(runner, "py", stmts)
        nr = side_results(runner, "nt", stmts)
        for k, c in enumerate(cands):
            n2, p2 = nr.get(k), pr.get(k)
            if p2 is None or p2.startswith(("CRASH", "TIMEOUT", "PROGRAM")) or n2 == p2:
                continue
            if shape_of(n2, p2) == shape:
                n1, p1 = single(runner, c)  # confirm alone
                if n1 != p1 and shape_of(n1, p1) == shape:
                    case, nt, py = c, n1, p1
                    break
        else:
            break
    return case, nt, py


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--count", type=int, default=2000, help="statements to generate")
    ap.add_argument("--batch", type=int, default=250, help="statements per program")
    repo_nt = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "target", "release", "nt")
    ap.add_argument("--nt", default=os.environ.get("NT", os.path.normpath(repo_nt)))
    ap.add_argument("--python", default=os.environ.get("PYTHON", "python3"))
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per program run")
    ap.add_argument("--examples", type=int, default=3, help="examples kept per mismatch class")
    ap.add_argument("--shrink", type=int, default=1, help="shrink the first N examples of each class (0: none)")
    ap.add_argument("--report", help="write a markdown report here")
    ap.add_argument("--json", help="write all mismatches as JSON here")
    ap.add_argument("--print-program", action="store_true", help="print the first generated program and exit")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    # on SIGTERM, unwind so that subprocess.run kills the program it is waiting for
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    r = random.Random(args.seed)
    cases = [generate(r) for _ in range(args.count)]
    if args.print_program:
        sys.stdout.write(program([(i, c.src()) for i, c in enumerate(cases[: args.batch])]))
        return 0

    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="ntfuzz") as wd:
        runner = Runner(args.nt, args.python, args.timeout, wd)
        mismatches, gen_errors = [], []
        for start in range(0, len(cases), args.batch):
            chunk = {i: cases[i].src() for i in range(start, min(start + args.batch, len(cases)))}
            py = side_results(runner, "py", chunk)
            nt = side_results(runner, "nt", chunk)
            for i in sorted(chunk):
                p, n = py.get(i), nt.get(i)
                if p is None or p.startswith(("CRASH", "TIMEOUT", "PROGRAM")):
                    gen_errors.append((cases[i].src(), p))
                    continue
                if n != p:
                    mismatches.append(Mismatch(cases[i], n, p))
            if not args.quiet:
                print(f"[{min(start + args.batch, len(cases))}/{len(cases)}] mismatches so far: {len(mismatches)}"
                      f" ({time.time() - t0:.0f}s)", file=sys.stderr)

        classes = {}
        for m in mismatches:
            classes.setdefault(m.key(), []).append(m)
        ordered = sorted(classes.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][1]))
        # Each reported example is confirmed alone (a one-line program); the first
        # `--shrink` of each class also get their operands simplified.
        for key, ms in ordered:
            for j, m in enumerate(ms[: args.examples]):
                n1, p1 = single(runner, m.case)
                m.confirmed = n1 != p1
                if m.confirmed:
                    m.nt, m.py = n1, p1
                if m.confirmed and j < args.shrink:
                    m.shrunk = shrink(runner, m.case, m.nt, m.py)
        elapsed = time.time() - t0

    # ------------------------------------------------------------------ report
    lines = []
    lines.append(f"# numbers fuzz: seed {args.seed}, {args.count} statements")
    lines.append("")
    lines.append(f"{len(mismatches)} mismatching statements in {len(classes)} classes; "
                 f"{len(gen_errors)} statements CPython itself could not run (skipped); "
                 f"{runner.runs} program runs, {elapsed:.0f}s.")
    lines.append("")
    for n, (key, ms) in enumerate(ordered, 1):
        sev, desc = severity(ms[0].nt, ms[0].py)
        lines.append(f"## {n}. [{sev}] {key[1]} {list(key[2])}: nt {key[3]} / CPython {key[4]} ({len(ms)}x)")
        lines.append(f"_{desc}_")
        lines.append("")
        for m in ms[: args.examples]:
            if m.shrunk:
                c, nt, py = m.shrunk
                lines.append(f"    {c.src()}")
                lines.append(f"      nt:      {nt}")
                lines.append(f"      CPython: {py}")
                if c.src() != m.case.src():
                    lines.append(f"      (shrunk from: {m.case.src()[:300]})")
            else:
                if m.confirmed is False:
                    lines.append("    (mismatch seen in a batch only; alone it agrees)")
                lines.append(f"    {m.case.src()[:400]}")
                lines.append(f"      nt:      {m.nt[:400] if m.nt else m.nt}")
                lines.append(f"      CPython: {m.py[:400] if m.py else m.py}")
        lines.append("")
    if gen_errors:
        lines.append("## statements CPython could not run (generator problems)")
        for s, p in gen_errors[:20]:
            lines.append(f"    {s[:300]}\n      -> {p}")
    text = "\n".join(lines) + "\n"
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            f.write(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump([{"stmt": m.case.src(), "kind": m.case.kind, "nt": m.nt, "cpython": m.py,
                        "severity": severity(m.nt, m.py)[0],
                        "shrunk": m.shrunk[0].src() if m.shrunk else None} for m in mismatches], f, indent=1)
    sys.stdout.write(text if not args.quiet or not args.report else lines[2] + "\n")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
