#!/usr/bin/env python3
"""Random differential programs for nt against real NumPy and PyTorch.

Each generated program is a REPL session in the common subset of nt and
Python+NumPy/PyTorch, in the format of tests/reference/arrays/ (one entry per line):
a few variables defined from literal data (`array([...], dtype=...)`,
`tensor([...], dtype=...)`), then random expressions and statements over them --
elementwise arithmetic and comparisons with broadcasting, reductions, shape
operations, casts, `where`/`clip`/`clamp`, matmul, indexing of every kind, item
assignment and in-place operations -- whose results are echoed.

Every candidate entry is run under CPython with nt's header while the program is
generated, and kept only if it is exact and unambiguous:

  - it emits no warning and, if it raises, the exception's headline is one line
    (the rules of tests/reference/arrays/gen.py);
  - every float it shows or stores is finite, not -0.0, and a multiple of 1/1024
    below 2**20, so rounding never enters (values are small ints and dyadic
    floats such as 0.5, -1.25, 3.0);
  - only operations exact on every device are used (no transcendental functions,
    no float `**`, division only by powers of two, `mean` only over a power-of-two
    count), so the same program must also print the same with the GPU as nt's
    default device;
  - no `.numpy()`/`from_numpy`/mixing of ndarrays and tensors (device- and
    warning-dependent).

The generator is deterministic for a seed (and a given NumPy/PyTorch version, since
it keeps or drops candidates by running them).

Usage (with the reference venv, see tests/reference/arrays/README.md):

    python gen_programs.py --seed 1 --count 6 --out DIR            # DIR/differential_1_<i>.nt
    python gen_programs.py --seed 1 --count 6 --out DIR --expected # ... and their .expected
    python gen_programs.py --check --out DIR                       # compare nt with Python
    python gen_programs.py --seed 5 --count 30 --out /tmp/d --check  # generate, then check

`--check` runs every session in DIR under real Python (gen.py --one) and under nt
(`nt transcript --headlines`, add `--gpu` to also run `nt --device gpu`) and
reports, for every entry whose output differs, the entry and its first differing
line. It exits 1 if any entry differs.
"""
import argparse
import contextlib
import importlib.util
import io
import os
import random
import subprocess
import sys
import tempfile
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
GEN_PY = os.path.join(ROOT, "tests", "reference", "arrays", "gen.py")
NT_BIN = os.path.join(ROOT, "target", "debug", "nt")

INTS = list(range(-4, 10))
FLOATS = [k / 4 for k in range(-12, 29)] + [0.125, -0.375, 2.5, -1.25, 0.5, 1.5]
SCALAR_INTS = [-3, -2, -1, 0, 1, 2, 3, 4, 5]
SCALAR_FLOATS = [0.5, -1.25, 2.0, 1.5, -0.75, 3.0, 0.25, -2.5, 1.0]
POW2 = ["2", "4", "0.5", "-2", "8", "0.25"]
INT_DIVISORS = ["2", "3", "-2", "-3", "4"]

NP_DTYPES = {
    "int64": ["np.int64", "np.int64", "'int64'"],
    "int32": ["np.int32", "np.int32", "'int32'"],
    "float32": ["np.float32", "np.float32", "'float32'"],
    "float64": ["np.float64", "np.float64", "float"],
    "bool": ["bool", "np.bool_"],
}
TORCH_DTYPES = {
    "int64": ["torch.int64", "int64", "torch.long"],
    "int32": ["torch.int32", "int32", "torch.int"],
    "float32": ["torch.float32", "float32", "torch.float"],
    "float64": ["torch.float64", "float64", "torch.double"],
    "bool": ["torch.bool"],
}
DTYPES = ["int64", "int32", "float32", "float64", "bool"]
DTYPE_WEIGHTS = [3, 2, 3, 2, 1]


# Constructs on which nt currently differs from NumPy/PyTorch. `--avoid-nt-bugs` leaves
# them out (the committed sessions in tests/reference/arrays/ were generated that way);
# take an entry out of this list, and its `self.bug(...)` tests, once nt is fixed.
KNOWN_NT_BUGS = {
    "missing_api": "np.square/logical_and/array_equal/count_nonzero, one-argument np.where and "
                   "torch.where, torch.add/sub/mul/square/equal/logical_and/count_nonzero, "
                   "Tensor.mT",
    "logical_not": "np.logical_not/torch.logical_not of a non-bool array give wrong values",
    "np_dot": "np.dot of N-d arrays uses matmul's semantics and error messages",
    "np_0d": "0-d ndarrays: a[...], astype, np.where give NumPy scalars, np.flip a 0-d array",
    "setitem_value_ndim": "x[i] = v with v having extra leading size-1 dims is an error in nt",
    "empty": "size-0 arrays: slices with an offset crash, reductions over a non-empty axis "
             "raise, ravel keeps the shape",
    "bool_arith": "bool arrays: torch abs/neg, True - int tensor, np.sign/np.negative are no "
                  "errors in nt",
    "torch_bitwise_errors": "torch: & | ^ of a float tensor with a mismatched shape: other error",
    "stack_empty": "np.stack/torch.stack of arrays with a leading 0 dim: internal error",
    "empty_list_index": "a[[]] / t[[]] is an IndexError in nt",
    "neg_pow": "int ** -1 of an empty array raises in nt",
    "torch_arg_bool": "torch argmax/argmin of a bool tensor is no error in nt",
    "reduce_0d": "np.argmax(axis=0) of a 0-d array is an AxisError in nt (and, before the "
                 "07:14 build, torch reductions with dim=0/-1 of a 0-d tensor panicked)",
    "setitem_errors": "error messages of failing item assignments and in-place ops differ",
    "np_split_advanced": "NumPy: an int and an index array separated by a slice put the "
                         "advanced dims in place instead of first",
    "np_scalar_methods": "NumPy scalars lack array methods: np.int64(6).sum()",
    "stack_errors": "torch.stack checks sizes before the dim (other error message)",
    "torch_mean_errors": "torch mean of an int tensor with a bad dim: nt reports the dim first",
    "swapaxes_error": "swapaxes' AxisError lacks NumPy's 'axis1: '/'axis2: ' prefix",
    "torch_index_errors": "index errors of 0-d tensors and of size-0 dims differ",
    "torch_empty_reduce_errors": "errors of argmax/argmin over an empty dim differ",
    "torch_matmul_errors": "torch matmul errors with mixed dtypes/shapes differ",
    "torch_where_errors": "torch.where's broadcast error names the operands in another order",
}


# Bugs of the table above that nt has since fixed: generated programs use them again.
FIXED = {
    "missing_api", "logical_not", "stack_empty", "empty_list_index", "np_scalar_methods", "np_dot",
    "setitem_value_ndim", "empty", "np_0d", "bool_arith", "torch_arg_bool", "neg_pow", "np_split_advanced", "reduce_0d",
    "torch_bitwise_errors", "setitem_errors", "stack_errors", "torch_mean_errors", "swapaxes_error",
    "torch_index_errors", "torch_empty_reduce_errors", "torch_matmul_errors", "torch_where_errors",
}


def load_gen():
    spec = importlib.util.spec_from_file_location("nt_reference_gen", GEN_PY)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ---------------------------------------------------------------------------
# Running candidate entries under CPython
# ---------------------------------------------------------------------------

class Evaluator:
    """A live CPython session with nt's header, run the way gen.py runs one."""

    def __init__(self, gen):
        self.gen = gen

        class Recording(gen.Console):
            exc = None

            def showtraceback(self):
                self.exc = sys.exc_info()[1]
                super().showtraceback()

            def showsyntaxerror(self, filename=None, **kwargs):
                self.exc = sys.exc_info()[1]
                super().showsyntaxerror(filename, **kwargs)

        self.console_class = Recording
        self.reset()

    def reset(self):
        self.ns = {"__name__": "__console__", "__doc__": None}
        exec(self.gen.HEADER, self.ns)
        self.base = set(self.ns)
        self.console = self.console_class(self.ns)

    def run(self, line):
        """Run one entry: (output text, echoed values, exception or None, problem or None)."""
        console = self.console
        console.exc = None
        console.errors = []
        values = []
        buf = io.StringIO()

        def hook(value):
            if value is not None:
                values.append(value)
            sys.__displayhook__(value)

        old = sys.displayhook
        sys.displayhook = hook
        problem = None
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                with contextlib.redirect_stdout(buf):
                    more = console.push(line)
                    if more:
                        more = console.push("")
                    if more:
                        console.resetbuffer()
                        problem = "incomplete"
            if caught:
                problem = "warning: %s" % caught[0].message
        finally:
            sys.displayhook = old
        if console.errors:
            problem = "multi-line error"
        return buf.getvalue(), values, console.exc, problem

    def user_values(self):
        return [(k, v) for k, v in self.ns.items() if k not in self.base and k != "_"]


def exact(value, np, torch, limit=150):
    """Whether a value shows only exact, device-independent numbers."""
    if isinstance(value, torch.Tensor):
        if value.numel() > limit:
            return False
        if not value.is_floating_point():
            return True
        arr = value.detach().to("cpu", torch.float64).numpy()
    elif isinstance(value, (np.ndarray, np.generic)):
        if value.size > limit:
            return False
        if value.dtype.kind == "O":
            return False
        if value.dtype.kind != "f":
            return True
        arr = np.asarray(value, dtype=np.float64)
    elif isinstance(value, float):
        arr = np.array([value])
    elif isinstance(value, (tuple, list)):
        return len(value) <= limit and all(exact(v, np, torch, limit) for v in value)
    else:
        return True
    if arr.size == 0:
        return True
    if not np.isfinite(arr).all():
        return False
    if (np.abs(arr) > 2 ** 20).any():
        return False
    if ((arr == 0) & np.signbit(arr)).any():
        return False
    scaled = arr * 1024
    return bool((scaled == np.round(scaled)).all())


# ---------------------------------------------------------------------------
# The program generator
# ---------------------------------------------------------------------------

def fmt_list(data):
    if isinstance(data, list):
        return "[" + ", ".join(fmt_list(x) for x in data) + "]"
    return repr(data)


class Program:
    def __init__(self, rng, gen, n_entries, np, torch, avoid=False):
        self.rng = rng
        self.avoid = avoid
        self.no_error = False
        self.np = np
        self.torch = torch
        self.ev = Evaluator(gen)
        self.n_entries = n_entries
        self.entries = []
        self.errors = 0
        self.error_budget = max(2, n_entries // 8)
        self.next_name = {"np": 0, "torch": 0}
        self.base_shape = None

    # -- bookkeeping -------------------------------------------------------

    def bug(self, key):
        """Whether to steer clear of the known nt bug `key`."""
        assert key in KNOWN_NT_BUGS, key
        return self.avoid and key not in FIXED

    def fingerprint(self):
        out = []
        for k, v in sorted(self.ev.user_values(), key=lambda kv: kv[0]):
            if isinstance(v, self.torch.Tensor):
                out.append((k, "t", str(v.dtype), tuple(v.shape), v.detach().cpu().contiguous().numpy().tobytes()))
            elif isinstance(v, (self.np.ndarray, self.np.generic)):
                out.append((k, "n", str(v.dtype), v.shape, self.np.ascontiguousarray(v).tobytes()))
            else:
                out.append((k, type(v).__name__, repr(v)))
        return out

    def shunned(self, v):
        """Values that show a known nt bug (with --avoid-nt-bugs)."""
        if isinstance(v, tuple):
            return any(self.shunned(x) for x in v)
        if isinstance(v, self.np.ndarray):
            return (v.ndim == 0 and self.bug("np_0d")) or (v.size == 0 and self.bug("empty"))
        if isinstance(v, self.torch.Tensor):
            return v.numel() == 0 and self.bug("empty")
        return False

    def rebuild(self):
        self.ev.reset()
        for e in self.entries:
            self.ev.run(e)

    def try_entries(self, cand, allow_error=True):
        """Run the candidate entries; keep them if they pass every rule."""
        np, torch = self.np, self.torch
        before = self.fingerprint()
        ok = True
        errs = 0
        for line in cand:
            out, values, exc, problem = self.ev.run(line)
            if problem:
                ok = False
                break
            if exc is not None:
                errs += 1
                if not allow_error or self.no_error or not isinstance(
                        exc, (IndexError, ValueError, RuntimeError, TypeError, ZeroDivisionError,
                              OverflowError)):
                    ok = False
                    break
                msg = str(exc)
                if len(msg) > 300 or "0x" in msg or "\\" in msg:
                    ok = False
                    break
            if len(out) > 3000 or out.count("\n") > 40:
                ok = False
                break
            if not all(exact(v, np, torch) for v in values):
                ok = False
                break
            if self.avoid and any(self.shunned(v) for v in values + [v for _, v in self.ev.user_values()]):
                ok = False
                break
            if not all(exact(v, np, torch, limit=80) for _, v in self.ev.user_values()):
                ok = False
                break
        if ok and errs and self.errors + errs > self.error_budget:
            ok = False
        if ok:
            self.entries.extend(cand)
            self.errors += errs
            return True
        if self.fingerprint() != before:
            self.rebuild()
        return False

    def arrays(self, lib, kinds=None, min_ndim=0):
        out = []
        for k, v in self.ev.user_values():
            if lib == "np" and isinstance(v, self.np.ndarray) or \
                    lib == "torch" and isinstance(v, self.torch.Tensor):
                if v.ndim >= min_ndim and (kinds is None or self.kind(v) in kinds):
                    out.append(k)
        return sorted(out)

    def scalar_vars(self, lib):
        if lib != "np":
            return []
        return sorted(k for k, v in self.ev.user_values() if isinstance(v, self.np.generic))

    def val(self, name):
        return self.ev.ns[name]

    def kind(self, v):
        if isinstance(v, self.torch.Tensor):
            if v.is_floating_point():
                return "f"
            return "b" if v.dtype == self.torch.bool else "i"
        k = v.dtype.kind
        return "i" if k in "iu" else k

    def shape(self, name):
        return tuple(self.val(name).shape)

    def pick(self, lib, kinds=None, min_ndim=0):
        names = self.arrays(lib, kinds, min_ndim)
        return self.rng.choice(names) if names else None

    def new_name(self, lib):
        prefix = "a" if lib == "np" else "t"
        n = self.next_name[lib]
        if n < 8:
            self.next_name[lib] += 1
            return "%s%d" % (prefix, n)
        return "%s%d" % (prefix, self.rng.randint(4, 7))

    # -- literals ----------------------------------------------------------

    def scalar(self, kinds="ifb"):
        r = self.rng.random()
        if "b" in kinds and (r < 0.08 or kinds == "b"):
            return self.rng.choice(["True", "False"])
        if "f" in kinds and (r < 0.4 or "i" not in kinds):
            return repr(self.rng.choice(SCALAR_FLOATS))
        return str(self.rng.choice(SCALAR_INTS))

    def element(self, dtype):
        if dtype == "bool":
            return self.rng.random() < 0.5
        if dtype.startswith("int"):
            return self.rng.choice(INTS)
        if self.rng.random() < 0.25:
            return float(self.rng.choice(INTS))
        return self.rng.choice(FLOATS)

    def data(self, shape, dtype):
        if not shape:
            return self.element(dtype)
        return [self.data(shape[1:], dtype) for _ in range(shape[0])]

    def dtype_spelling(self, lib, dtype):
        return self.rng.choice((NP_DTYPES if lib == "np" else TORCH_DTYPES)[dtype])

    def random_shape(self):
        r = self.rng.random()
        base = self.base_shape
        if r < 0.1:
            nd = 0
        elif r < 0.35:
            nd = 1
        elif r < 0.75:
            nd = 2
        else:
            nd = 3
        shape = list(base[len(base) - nd:])
        for i in range(nd):
            if self.rng.random() < 0.15:
                shape[i] = 1
        if nd and self.rng.random() < 0.08:
            shape[self.rng.randrange(nd)] = self.rng.choice([2, 3, 5])
        return tuple(shape)

    def definition(self, lib, name, shape=None, dtype=None):
        rng = self.rng
        dtype = dtype or rng.choices(DTYPES, DTYPE_WEIGHTS)[0]
        shape = self.random_shape() if shape is None else shape
        ctor = "array" if lib == "np" else "tensor"
        spelled = self.dtype_spelling(lib, dtype)
        if 0 in shape:
            dims = ", ".join(map(str, shape))
            if rng.random() < 0.5:
                return "%s = %s([], dtype=%s).reshape(%s)" % (name, ctor, spelled, dims)
            if lib == "np":
                return "%s = np.zeros((%s,), dtype=%s)" % (name, dims, spelled) if len(shape) == 1 else \
                    "%s = np.zeros((%s), dtype=%s)" % (name, dims, spelled)
            return "%s = zeros(%s, dtype=%s)" % (name, dims, spelled)
        data = self.data(list(shape), dtype)
        text = fmt_list(data)
        default = {"np": {"int64", "float64", "bool"}, "torch": {"int64", "float32", "bool"}}[lib]
        flat = data
        while isinstance(flat, list) and flat and isinstance(flat[0], list):
            flat = [x for row in flat for x in row]
        if not isinstance(flat, list):
            flat = [flat]
        inferred = ("bool" if all(isinstance(x, bool) for x in flat) else
                    "int" if all(isinstance(x, int) for x in flat) else "float")
        omit = dtype in default and (
            inferred == dtype or (inferred == "int" and dtype == "int64") or
            (inferred == "float" and dtype.startswith("float"))) and rng.random() < 0.5
        if omit:
            return "%s = %s(%s)" % (name, ctor, text)
        return "%s = %s(%s, dtype=%s)" % (name, ctor, text, spelled)

    # -- pieces of expressions ---------------------------------------------

    def operand(self, lib, kinds=None):
        rng = self.rng
        r = rng.random()
        if r < 0.6:
            n = self.pick(lib, kinds)
            if n:
                return n
        if r < 0.68 and self.scalar_vars(lib):
            return rng.choice(self.scalar_vars(lib))
        if r < 0.9:
            return self.scalar(kinds or "ifb")
        n = self.pick(lib, kinds, min_ndim=1)
        if n:
            return "%s[%s]" % (n, rng.choice(["0", "-1", "1:", "::2", "..., :1", "None"]))
        return self.scalar(kinds or "ifb")

    def axis(self, nd, valid=0.93):
        if nd == 0 or self.rng.random() > valid:
            return self.rng.choice([nd, -nd - 1, 3])
        return self.rng.randint(-nd, nd - 1)

    def idx_int(self, n):
        if n == 0 or self.rng.random() < 0.07:
            return str(self.rng.choice([n, n + 1, -n - 1]))
        return str(self.rng.randint(-n, n - 1))

    def idx_slice(self, n, lib):
        rng = self.rng

        def bound():
            return "" if rng.random() < 0.5 else str(rng.randint(-n - 1, n + 1))
        steps = ["", "", "", "2", "3", "1"]
        if lib == "np" or rng.random() < 0.05:
            steps += ["-1", "-2"]
        step = rng.choice(steps)
        s = "%s:%s" % (bound(), bound())
        if step:
            s += ":" + step
        return s

    def idx_array(self, n, lib):
        rng = self.rng
        m = rng.randint(1, 3)
        vals = [rng.randint(-n, n - 1) if n else 0 for _ in range(m)]
        if rng.random() < 0.05:
            vals[0] = n
        text = fmt_list(vals)
        if rng.random() < 0.3:
            return "%s(%s)" % ("array" if lib == "np" else "tensor", text)
        return text

    def index(self, lib, shape):
        """A random basic/advanced index for an array of this shape (text inside [])."""
        rng = self.rng
        nd = len(shape)
        kinds = []
        n_parts = rng.randint(1, max(1, min(nd, 3)))
        arrays = 0
        for _ in range(n_parts):
            k = rng.choices(["int", "slice", "none", "ellipsis", "array"], [3, 4, 1, 1, 1.2])[0]
            if k == "ellipsis" and "ellipsis" in kinds:
                k = "slice"
            if k == "array":
                arrays += 1
                if arrays > 1 and rng.random() < 0.6:
                    k = "int"
            kinds.append(k)
        if nd == 0:
            kinds = [rng.choice(["none", "ellipsis", "int"])]
        adv = [i for i, k in enumerate(kinds) if k in ("int", "array")]
        if lib == "np" and "array" in kinds and adv[-1] - adv[0] + 1 != len(adv) and \
                self.bug("np_split_advanced"):
            kinds = ["slice" if k == "int" else k for k in kinds]
        consuming = [k for k in kinds if k in ("int", "slice", "array")]
        if "ellipsis" in kinds:
            e = kinds.index("ellipsis")
            after = sum(1 for k in kinds[e + 1:] if k in ("int", "slice", "array"))
        else:
            e, after = len(kinds), 0
        before = len(consuming) - after
        dims = list(range(before)) + list(range(nd - after, nd))
        parts = []
        ci = 0
        for k in kinds:
            if k == "none":
                parts.append("None")
            elif k == "ellipsis":
                parts.append("...")
            else:
                d = dims[ci]
                ci += 1
                n = shape[d] if 0 <= d < nd else 2
                if k == "int":
                    parts.append(self.idx_int(n))
                elif k == "slice":
                    parts.append(self.idx_slice(n, lib))
                else:
                    parts.append(self.idx_array(n, lib))
        return ", ".join(parts)

    def mask(self, name):
        rng = self.rng
        v = self.val(name)
        k = self.kind(v)
        if k == "b":
            return rng.choice([name, "~" + name])
        s = self.scalar("i")
        if k == "i" and rng.random() < 0.3:
            return "%s %% 2 == 0" % name
        if rng.random() < 0.2:
            return "(%s > %s) & (%s < %s)" % (name, s, name, rng.randint(2, 6))
        return "%s %s %s" % (name, rng.choice([">", "<", ">=", "<=", "==", "!="]), s)

    def reshape_dims(self, shape):
        rng = self.rng
        numel = 1
        for d in shape:
            numel *= d
        if rng.random() < 0.1:
            numel += rng.choice([1, 2])
        dims = []
        rest = numel
        for _ in range(rng.randint(1, 3)):
            divs = [d for d in range(1, max(rest, 1) + 1) if rest % d == 0] if rest else [0, 1]
            d = rng.choice(divs)
            dims.append(d)
            rest = rest // d if d else rest
        if rest != 1 or rng.random() < 0.4:
            if rng.random() < 0.6 and rest != 0:
                dims.append(-1)
            else:
                dims.append(rest)
        if -1 in dims and dims.count(-1) == 1 and rng.random() < 0.1:
            dims.append(-1)
        rng.shuffle(dims)
        return dims

    # -- templates ---------------------------------------------------------
    # Each returns a list of entries (or None when it does not apply).

    def t_binop(self, lib):
        rng = self.rng
        x = self.pick(lib)
        if not x:
            return None
        op = rng.choices(["+", "-", "*", "<", "<=", ">", ">=", "==", "!=", "&", "|", "^"],
                         [4, 3, 4, 1, 1, 1, 1, 1, 1, 0.7, 0.7, 0.5])[0]
        kinds = "ib" if op in "&|^" else None
        y = self.operand(lib, kinds)
        if rng.random() < 0.3:
            x, y = y, x
        if lib == "torch" and op in "&|^" and self.bug("torch_bitwise_errors"):
            self.no_error = True
        if lib == "torch" and self.bug("bool_arith") and (
                "True" in (x, y) or "False" in (x, y) or
                any(n in self.ev.ns and self.is_bool_tensor(self.ev.ns[n]) for n in (x, y))):
            self.no_error = True
        return ["%s %s %s" % (x, op, y)]

    def is_bool_tensor(self, v):
        return isinstance(v, self.torch.Tensor) and v.dtype == self.torch.bool

    def t_div(self, lib):
        rng = self.rng
        x = self.pick(lib)
        if not x:
            return None
        k = self.kind(self.val(x))
        op = rng.choice(["/", "//", "%"])
        if op == "/" or k == "f":
            d = rng.choice(POW2 if k == "f" or op == "/" else INT_DIVISORS)
            if k != "f" and op != "/" and "." in d:
                d = "2"
        else:
            d = rng.choice(INT_DIVISORS)
            y = self.pick(lib, "i")
            if y and op != "/" and rng.random() < 0.25:
                d = y
        if op == "/" and not d.lstrip("-").replace(".", "").isdigit():
            d = "2"
        return ["%s %s %s" % (x, op, d)]

    def t_unary(self, lib):
        rng = self.rng
        x = self.pick(lib)
        if not x:
            return None
        k = self.kind(self.val(x))
        m = "np" if lib == "np" else "torch"
        if k == "b" and self.bug("bool_arith"):
            self.no_error = True
        choices = ["-%s" % x, "abs(%s)" % x, "%s.abs(%s)" % (m, x), "%s.sign(%s)" % (m, x)]
        if not self.bug("missing_api"):
            choices += ["%s.square(%s)" % (m, x)]
        if k == "b" or not self.bug("logical_not"):
            choices += ["%s.logical_not(%s)" % (m, x)]
        if k in "ib":
            choices += ["~%s" % x]
        if k == "i":
            choices += ["%s ** %d" % (x, rng.randint(0, 3))]
            if rng.random() < 0.1 and not self.bug("neg_pow"):
                choices += ["%s ** -1" % x]
        if k == "f" or rng.random() < 0.2:
            choices += ["%s.floor(%s)" % (m, x), "%s.ceil(%s)" % (m, x), "%s.round(%s)" % (m, x)]
        if lib == "torch":
            choices += ["%s.neg()" % x, "%s.abs()" % x, "torch.neg(%s)" % x]
            if k == "f":
                choices += ["%s.floor()" % x, "%s.round()" % x, "%s.ceil()" % x]
        else:
            choices += ["np.negative(%s)" % x, "np.absolute(%s)" % x]
            if k == "f":
                choices += ["%s.round()" % x]
        return [rng.choice(choices)]

    def t_binfunc(self, lib):
        rng = self.rng
        x = self.pick(lib)
        if not x:
            return None
        k = self.kind(self.val(x))
        lo, hi = sorted([rng.randint(-3, 2), rng.randint(0, 5)])
        if k == "f" and rng.random() < 0.4:
            lo, hi = lo - 0.5, hi + 0.5
        if lib == "np":
            y = self.operand(lib)
            c = self.mask(x)
            choices = ["np.maximum(%s, %s)" % (x, y), "np.minimum(%s, %s)" % (x, y),
                       "np.where(%s, %s, %s)" % (c, x, y), "np.where(%s, %s, %s)" % (c, y, x),
                       "np.clip(%s, %s, %s)" % (x, lo, hi), "%s.clip(%s, %s)" % (x, lo, hi),
                       "np.add(%s, %s)" % (x, y), "np.multiply(%s, %s)" % (x, y),
                       "np.subtract(%s, %s)" % (x, y)]
            if not self.bug("missing_api"):
                choices += ["np.where(%s)" % c, "np.logical_and(%s, %s)" % (c, self.mask(x)),
                            "np.array_equal(%s, %s)" % (x, y)]
        else:
            y = self.pick(lib) or x
            s = self.operand(lib)
            c = self.mask(x)
            choices = ["torch.maximum(%s, %s)" % (x, y), "torch.minimum(%s, %s)" % (x, y),
                       "where(%s, %s, %s)" % (c, x, s), "torch.where(%s, %s, %s)" % (c, s, x),
                       "where(%s, %s, %s)" % (c, x, y),
                       "clamp(%s, %s, %s)" % (x, lo, hi), "%s.clamp(min=%s)" % (x, lo),
                       "torch.clamp(%s, max=%s)" % (x, hi), "%s.clip(%s, %s)" % (x, lo, hi)]
            if not self.bug("missing_api"):
                choices += ["torch.add(%s, %s)" % (x, s), "torch.mul(%s, %s)" % (x, s),
                            "torch.sub(%s, %s)" % (x, s), "torch.where(%s)" % c,
                            "torch.logical_and(%s, %s)" % (c, self.mask(x)),
                            "torch.equal(%s, %s)" % (x, y)]
        return [rng.choice(choices)]

    def t_reduce(self, lib):
        rng = self.rng
        x = self.pick(lib)
        if not x:
            return None
        v = self.val(x)
        shape = self.shape(x)
        nd = len(shape)
        k = self.kind(v)
        kw = "axis" if lib == "np" else "dim"
        keep = "keepdims" if lib == "np" else "keepdim"
        name = rng.choices(["sum", "max", "min", "argmax", "argmin", "mean", "prod", "cumsum",
                            "any", "all", "count_nonzero", "amax"],
                           [5, 3, 2, 2, 1, 2, 1, 1.5, 1, 1, 0.7, 0.7])[0]
        if name == "count_nonzero" and self.bug("missing_api"):
            return None
        if name in ("argmax", "argmin") and lib == "torch" and k == "b" and self.bug("torch_arg_bool"):
            return None
        if lib == "torch" and v.numel() == 0 and self.bug("torch_empty_reduce_errors"):
            self.no_error = True
        if lib == "torch" and name == "mean" and k != "f" and self.bug("torch_mean_errors"):
            self.no_error = True
        r = rng.random()
        if name == "cumsum":
            r = max(r, 0.31) if lib == "torch" else r
        if name == "count_nonzero":
            if r < 0.5 or nd == 0:
                return ["%s.count_nonzero(%s)" % (lib, x)]
            return ["%s.count_nonzero(%s, %s=%s)" % (lib, x, kw, self.axis(nd))]
        if nd == 0 and r >= 0.3 and self.bug("reduce_0d"):
            return None
        if name == "amax":
            if nd == 0 and self.bug("reduce_0d"):
                return None
            if lib == "torch":
                return ["%s.amax(%s)" % (x, self.axis(nd) if nd else "")]
            return ["np.amax(%s, axis=%s)" % (x, self.axis(nd))]
        if r < 0.3:
            # everything
            count = 1
            for d in shape:
                count *= d
            if name == "mean" and not self.pow2(count):
                return None
            return [rng.choice(["%s.%s()" % (x, name), "%s.%s(%s)" % (lib, name, x)])]
        if nd == 0 and rng.random() < 0.7:
            return None
        if r < 0.85 or nd < 2:
            ax = self.axis(nd)
            count = shape[ax] if -nd <= ax < nd else 2
            if name == "mean" and not self.pow2(count):
                return None
            forms = ["%s.%s(%s=%s)" % (x, name, kw, ax), "%s.%s(%s)" % (x, name, ax),
                     "%s.%s(%s, %s=%s)" % (lib, name, x, kw, ax)]
            if name not in ("cumsum",) and rng.random() < 0.3:
                forms = ["%s.%s(%s=%s, %s=True)" % (x, name, kw, ax, keep)]
            return [rng.choice(forms)]
        if name in ("argmax", "argmin", "cumsum", "max", "min"):
            return None
        axes = sorted(rng.sample(range(nd), 2))
        if rng.random() < 0.3:
            axes[-1] -= nd
        count = shape[axes[0]] * shape[axes[1]]
        if name == "mean" and not self.pow2(count):
            return None
        return ["%s.%s(%s=(%s, %s))" % (x, name, kw, axes[0], axes[1])]

    @staticmethod
    def pow2(n):
        return n > 0 and n & (n - 1) == 0

    def t_info(self, lib):
        rng = self.rng
        x = self.pick(lib)
        if not x:
            return None
        nd = len(self.shape(x))
        if lib == "np":
            choices = ["%s.shape" % x, "%s.ndim" % x, "%s.dtype" % x, "%s.size" % x, "len(%s)" % x,
                       "%s.shape[%s]" % (x, self.axis(nd)), "%s.nbytes" % x, "%s.itemsize" % x]
        else:
            choices = ["%s.shape" % x, "%s.size()" % x, "%s.dim()" % x, "%s.ndim" % x, "%s.dtype" % x,
                       "%s.numel()" % x, "len(%s)" % x, "%s.size(%s)" % (x, self.axis(nd)),
                       "%s.shape[%s]" % (x, self.axis(nd)), "%s.is_floating_point()" % x,
                       "%s.element_size()" % x]
        return [rng.choice(choices)]

    def t_shape(self, lib):
        rng = self.rng
        x = self.pick(lib)
        if not x:
            return None
        shape = self.shape(x)
        nd = len(shape)
        dims = self.reshape_dims(shape)
        dims_t = ", ".join(map(str, dims))
        perm = list(range(nd))
        rng.shuffle(perm)
        perm_t = ", ".join(map(str, perm))
        i, j = (self.axis(nd), self.axis(nd)) if nd else (0, 0)
        ax = self.axis(nd + 1) if nd else rng.choice([0, -1])
        if lib == "np":
            choices = ["%s.reshape(%s)" % (x, dims_t), "%s.reshape((%s,))" % (x, dims_t),
                       "np.reshape(%s, (%s,))" % (x, dims_t), "%s.reshape(-1)" % x, "%s.T" % x,
                       "%s.transpose()" % x, "np.transpose(%s)" % x, "%s.flatten()" % x,
                       "%s.ravel()" % x, "%s.squeeze()" % x, "np.expand_dims(%s, %s)" % (x, ax),
                       "%s[None]" % x, "np.flip(%s)" % x, "%s.copy()" % x]
            if nd >= 2:
                choices += ["%s.transpose(%s)" % (x, perm_t), "np.transpose(%s, (%s,))" % (x, perm_t),
                            "%s.swapaxes(%s, %s)" % (x, i, j), "%s[:, None]" % x]
                if self.bug("swapaxes_error") and not (-nd <= i < nd and -nd <= j < nd):
                    choices.pop(-2)
            if nd:
                choices += ["%s.squeeze(axis=%s)" % (x, self.axis(nd)),
                            "np.flip(%s, axis=%s)" % (x, self.axis(nd)),
                            "np.broadcast_to(%s, (%s,))" % (x, ", ".join(map(str, self.base_shape)))]
        else:
            choices = ["%s.reshape(%s)" % (x, dims_t), "%s.reshape((%s,))" % (x, dims_t),
                       "%s.view(%s)" % (x, dims_t), "torch.reshape(%s, (%s,))" % (x, dims_t),
                       "%s.reshape(-1)" % x, "%s.flatten()" % x, "torch.flatten(%s)" % x,
                       "%s.ravel()" % x, "%s.squeeze()" % x, "%s.unsqueeze(%s)" % (x, ax),
                       "torch.unsqueeze(%s, %s)" % (x, ax), "%s[None]" % x, "%s.clone()" % x,
                       "%s.contiguous()" % x]
            if nd == 2:
                choices += ["%s.T" % x, "%s.t()" % x]
            if nd >= 2:
                choices += ["%s.permute(%s)" % (x, perm_t), "%s.permute((%s,))" % (x, perm_t),
                            "%s.transpose(%s, %s)" % (x, i, j), "torch.transpose(%s, %s, %s)" % (x, i, j),
                            "%s.swapaxes(%s, %s)" % (x, i, j), "%s[:, None]" % x,
                            "%s.flatten(1)" % x]
                if not self.bug("missing_api"):
                    choices += ["%s.mT" % x]
            if nd:
                choices += ["%s.squeeze(%s)" % (x, self.axis(nd)),
                            "%s.flip(%s)" % (x, self.axis(nd)),
                            "torch.flip(%s, dims=(%s,))" % (x, self.axis(nd)),
                            "%s.expand(%s)" % (x, ", ".join(map(str, self.base_shape)))]
        return [rng.choice(choices)]

    def t_cast(self, lib):
        rng = self.rng
        x = self.pick(lib)
        if not x:
            return None
        if lib == "np" and not self.shape(x) and self.bug("np_0d"):
            return None
        dt = rng.choices(DTYPES, DTYPE_WEIGHTS)[0]
        sp = self.dtype_spelling(lib, dt)
        if lib == "np":
            return [rng.choice(["%s.astype(%s)" % (x, sp), "%s.astype(%s)" % (x, sp),
                                "%s.astype(bool)" % x, "%s.astype(int)" % x,
                                "array(%s, dtype=%s)" % (x, sp)])]
        return [rng.choice(["%s.to(%s)" % (x, sp), "%s.to(%s)" % (x, sp), "%s.float()" % x,
                            "%s.double()" % x, "%s.int()" % x, "%s.long()" % x, "%s.bool()" % x,
                            "%s.type(%s)" % (x, sp), "%s.to(dtype=%s)" % (x, sp)])]

    def t_concat(self, lib):
        rng = self.rng
        x = self.pick(lib)
        if not x:
            return None
        nd = len(self.shape(x))
        if 0 in self.shape(x) and self.bug("stack_empty"):
            return None
        if self.bug("stack_errors"):
            self.no_error = True
        y = rng.choice([self.pick(lib) or x, x, "%s * 2" % x, "%s[:1]" % x if nd else x])
        if y != x and y in self.ev.ns and 0 in self.shape(y) and self.bug("stack_empty"):
            return None
        ax = self.axis(nd) if nd else 0
        if lib == "np":
            choices = ["np.concatenate([%s, %s])" % (x, y), "np.concatenate((%s, %s), axis=%s)" % (x, y, ax),
                       "np.stack([%s, %s])" % (x, y), "np.stack([%s, %s], axis=%s)" % (x, y, self.axis(nd + 1))]
        else:
            choices = ["cat([%s, %s])" % (x, y), "torch.cat((%s, %s), dim=%s)" % (x, y, ax),
                       "stack([%s, %s])" % (x, y), "torch.stack([%s, %s], dim=%s)" % (x, y, self.axis(nd + 1)),
                       "cat([%s, %s], %s)" % (x, y, ax)]
        return [rng.choice(choices)]

    def t_index(self, lib):
        rng = self.rng
        x = self.pick(lib)
        if not x:
            return None
        shape = self.shape(x)
        if lib == "np" and not shape and self.bug("np_0d"):
            return None
        self.index_guard(lib, x)
        r = rng.random()
        if r < 0.65 or not shape:
            e = "%s[%s]" % (x, self.index(lib, shape))
        elif r < 0.85:
            e = "%s[%s]" % (x, self.mask(x))
        else:
            n = shape[0]
            if rng.random() < 0.1:
                n += 1
            if n == 0 and self.bug("empty_list_index"):
                return None
            e = "%s[%s]" % (x, fmt_list([rng.random() < 0.5 for _ in range(n)]))
        if rng.random() < 0.1 and not (lib == "np" and self.bug("np_scalar_methods")):
            e += rng.choice([".shape", ".sum()"])
        return [e]

    def t_setitem(self, lib):
        rng = self.rng
        x = self.pick(lib)
        if not x:
            return None
        shape = self.shape(x)
        k = self.kind(self.val(x))
        r = rng.random()
        if r < 0.65 or not shape:
            target = "%s[%s]" % (x, self.index(lib, shape))
        elif r < 0.85:
            target = "%s[%s]" % (x, self.mask(x))
        else:
            if shape[0] == 0 and self.bug("empty_list_index"):
                return None
            target = "%s[%s]" % (x, fmt_list([rng.random() < 0.5 for _ in range(shape[0])]))
        if self.bug("setitem_errors"):
            self.no_error = True
        r = rng.random()
        if r < 0.6:
            value = self.scalar("ifb" if k == "b" else ("if" if rng.random() < 0.5 else k))
        elif r < 0.8:
            y = self.pick(lib) or x
            value = y
        else:
            value = "%s(%s)" % ("array" if lib == "np" else "tensor",
                                fmt_list([self.element("float64" if k == "f" else "int64")
                                          for _ in range(rng.randint(1, 3))]))
        if not self.value_fits(target, value) or self.torch_alias(target, value):
            return None
        return ["%s = %s" % (target, value), x]

    def value_fits(self, target, value):
        """False if `target = value` would assign extra leading dims (a known nt bug)."""
        if not self.avoid:
            return True
        try:
            t = self.peek(target)
        except Exception:
            return True
        if t.size == 0 if hasattr(t, "size") and not callable(t.size) else t.numel() == 0:
            if self.bug("empty"):
                return False
        try:
            return self.peek(value).ndim <= t.ndim or not self.bug("setitem_value_ndim")
        except Exception:
            return True

    def torch_alias(self, target, value):
        """True if writing `value` into `target` reads memory the write changes, other than
        the very same elements: PyTorch's result then depends on its kernel's order."""
        try:
            t, v = self.peek(target), self.peek(value)
        except Exception:
            return False
        torch = self.torch
        if not (isinstance(t, torch.Tensor) and isinstance(v, torch.Tensor)):
            return False
        if t.untyped_storage().data_ptr() != v.untyped_storage().data_ptr():
            return False
        same = (t.storage_offset(), tuple(t.shape), t.stride()) == (v.storage_offset(), tuple(v.shape), v.stride())
        return not same

    def peek(self, expr):
        """The value of a side-effect-free expression in the live session."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            v = eval(expr, self.ev.ns)
        return v if hasattr(v, "ndim") else self.np.asarray(v)

    def index_guard(self, lib, x):
        v = self.val(x)
        if lib == "torch" and (v.ndim == 0 or v.numel() == 0) and self.bug("torch_index_errors"):
            self.no_error = True

    def t_inplace(self, lib):
        rng = self.rng
        x = self.pick(lib)
        if not x:
            return None
        k = self.kind(self.val(x))
        if self.bug("setitem_errors"):
            self.no_error = True
        r = rng.random()
        y = self.operand(lib, None if k == "f" else rng.choice(["i", "ib", "if"]))
        if r < 0.55:
            op = rng.choices(["+=", "-=", "*=", "/=", "//=", "%=", "&=", "|=", "^="],
                             [4, 3, 3, 1, 1, 1, 0.6, 0.6, 0.6])[0]
            if op in ("/=", "//=", "%="):
                y = rng.choice(POW2 if k == "f" or op == "/=" else INT_DIVISORS)
            elif op in ("&=", "|=", "^="):
                y = self.operand(lib, "ib")
            if self.torch_alias(x, str(y)):
                return None
            return ["%s %s %s" % (x, op, y), x]
        if lib == "torch":
            if self.torch_alias(x, str(y)):
                return None
            lo, hi = sorted([rng.randint(-3, 2), rng.randint(0, 5)])
            src = self.pick(lib) or x
            if self.torch_alias(x, src):
                src = x
            m = rng.choice(["%s.add_(%s)" % (x, y), "%s.sub_(%s)" % (x, y), "%s.mul_(%s)" % (x, y),
                            "%s.zero_()" % x, "%s.fill_(%s)" % (x, self.scalar()),
                            "%s.clamp_(%s, %s)" % (x, lo, hi), "%s.abs_()" % x, "%s.neg_()" % x,
                            "%s.copy_(%s)" % (x, src), "%s.floor_()" % x])
            return [m, x] if rng.random() < 0.5 else [m]
        m = rng.choice(["%s.fill(%s)" % (x, self.scalar()), "%s[...] = %s" % (x, y),
                        "%s[:] = %s" % (x, y)])
        if "=" in m and not self.value_fits(m.split(" = ")[0], y):
            return None
        return [m, x]

    def t_assign(self, lib):
        """A new variable: a result, an alias or a view of another."""
        rng = self.rng
        x = self.pick(lib)
        if not x:
            return None
        name = self.new_name(lib)
        r = rng.random()
        if r < 0.2:
            expr = x
        elif r < 0.5 and self.shape(x):
            self.index_guard(lib, x)
            expr = "%s[%s]" % (x, self.index(lib, self.shape(x)))
        else:
            t = rng.choice([self.t_binop, self.t_unary, self.t_reduce, self.t_shape, self.t_cast,
                            self.t_binfunc, self.t_div])
            got = t(lib)
            if not got:
                return None
            expr = got[0]
        out = ["%s = %s" % (name, expr)]
        if rng.random() < 0.6:
            out.append(name)
        return out

    def t_convert(self, lib):
        rng = self.rng
        x = self.pick(lib)
        if not x:
            return None
        sub = x
        self.index_guard(lib, x)
        if self.shape(x) and rng.random() < 0.5:
            sub = "%s[%s]" % (x, ", ".join(self.idx_int(n) for n in self.shape(x)))
        return [rng.choice(["%s.item()" % sub, "%s.tolist()" % x, "%s.tolist()" % sub,
                            "float(%s)" % sub, "int(%s)" % sub, "bool(%s)" % sub])]

    def t_matmul(self, lib):
        rng = self.rng
        x = self.pick(lib, "if" if rng.random() < 0.9 else None, min_ndim=1)
        if not x:
            return None
        nd = len(self.shape(x))
        y = self.pick(lib, None, min_ndim=1) or x
        if lib == "np":
            xt = "%s.T" % x if nd == 2 else "%s.swapaxes(-1, -2)" % x
            choices = ["%s @ %s" % (x, y), "np.matmul(%s, %s)" % (x, y)]
            if nd >= 2 or not self.bug("swapaxes_error"):
                choices += ["%s @ %s" % (x, xt), "%s @ %s" % (xt, x)]
            if not self.bug("np_dot"):
                choices += ["np.dot(%s, %s)" % (x, y)]
        else:
            xt = "%s.T" % x if nd == 2 else "%s.transpose(-1, -2)" % x
            choices = ["%s @ %s" % (x, y), "torch.matmul(%s, %s)" % (x, y), "matmul(%s, %s)" % (x, y)]
            if self.bug("torch_matmul_errors"):
                self.no_error = True
            if nd >= 2:
                choices += ["%s @ %s" % (x, xt), "%s @ %s" % (xt, x)]
                if not self.bug("missing_api"):
                    choices += ["%s.mT @ %s" % (x, x)]
            if nd == 2:
                choices += ["mm(%s, %s)" % (x, xt)]
            if nd == 1:
                choices += ["dot(%s, %s)" % (x, x), "torch.dot(%s, %s)" % (x, y)]
        return [rng.choice(choices)]

    def t_print(self, lib):
        x = self.pick(lib)
        if not x:
            return None
        return [self.rng.choice(["print(%s)" % x, "print(%s.shape)" % x, "print(%s[0])" % x,
                                 "print(%s.sum())" % x])]

    TEMPLATES = [
        ("t_binop", 10), ("t_div", 3), ("t_unary", 5), ("t_binfunc", 5), ("t_reduce", 8),
        ("t_info", 2), ("t_shape", 6), ("t_cast", 3), ("t_concat", 3), ("t_index", 9),
        ("t_setitem", 6), ("t_inplace", 6), ("t_assign", 5), ("t_convert", 2), ("t_matmul", 3),
        ("t_print", 1),
    ]

    def generate(self):
        rng = self.rng
        self.base_shape = tuple(rng.choice([1, 2, 2, 3, 3, 4, 4]) for _ in range(3))
        # definitions: 3 NumPy arrays and 3 tensors, one of each maybe empty or 0-d
        for lib in ("np", "torch"):
            n_defs = rng.randint(3, 4)
            for i in range(n_defs):
                shape = None
                if i == n_defs - 1 and rng.random() < 0.25 and not self.bug("empty"):
                    shape = rng.choice([(0,), (0, 3), (2, 0), (1, 0, 2)])
                if lib == "np" and self.bug("np_0d"):
                    while shape is None or not shape:
                        shape = self.random_shape()
                for _ in range(20):
                    if self.try_entries([self.definition(lib, self.new_name(lib), shape)], False):
                        break
                    self.next_name[lib] -= 1
        names = [t for t, _ in self.TEMPLATES]
        weights = [w for _, w in self.TEMPLATES]
        body = 0
        attempts = 0
        while body < self.n_entries and attempts < self.n_entries * 60:
            attempts += 1
            lib = "np" if rng.random() < 0.5 else "torch"
            t = rng.choices(names, weights)[0]
            self.no_error = False
            cand = getattr(self, t)(lib)
            if not cand:
                continue
            if self.try_entries(cand):
                body += len(cand)
        return self.entries


def generate(seed, count, out, n_entries, write_expected=False, avoid=False):
    import numpy as np
    import torch
    gen = load_gen()
    master = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    paths = []
    for i in range(count):
        rng = random.Random(master.getrandbits(64))
        prog = Program(rng, gen, n_entries, np, torch, avoid)
        entries = prog.generate()
        path = os.path.join(out, "differential_%d_%d.nt" % (seed, i))
        header = "# generated by tests/reference/differential/gen_programs.py --seed %d%s (session %d)\n" % (
            seed, " --avoid-nt-bugs" if avoid else "", i)
        with open(path, "w", encoding="utf-8") as f:
            f.write(header + "\n".join(entries) + "\n")
        paths.append(path)
        if write_expected:
            with open(path[:-3] + ".expected", "wb") as f:
                f.write(python_transcript(path))
        print("%s: %d entries, %d errors" % (os.path.basename(path), len(entries), prog.errors),
              file=sys.stderr)
    return paths


# ---------------------------------------------------------------------------
# --check: real Python against nt
# ---------------------------------------------------------------------------

def python_transcript(path):
    env = dict(os.environ)
    for var in ("PYTHONSTARTUP", "PYTHONWARNINGS", "PYTHONOPTIMIZE"):
        env.pop(var, None)
    env.update(PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1",
               OMP_NUM_THREADS="1")
    with tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.run([sys.executable, GEN_PY, "--one", os.path.abspath(path)],
                              cwd=cwd, env=env, capture_output=True, timeout=300)
    if proc.returncode != 0 or proc.stderr:
        raise RuntimeError("gen.py failed on %s:\n%s" % (path, proc.stderr.decode("utf-8", "replace")))
    return proc.stdout


def nt_transcript(path, nt, gpu=False):
    cmd = [nt] + (["--device", "gpu"] if gpu else []) + ["transcript", "--headlines", os.path.abspath(path)]
    with tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=600)
    text = proc.stdout
    if proc.returncode != 0:
        text += ("\n<nt exited with status %d: %s>\n" % (
            proc.returncode, proc.stderr.decode("utf-8", "replace").strip()[-500:])).encode()
    return text


def blocks(text):
    """Split a transcript into (entry line, output lines) blocks."""
    out = []
    for line in text.split("\n"):
        if line.startswith(">>> "):
            out.append([line[4:], []])
        elif out:
            out[-1][1].append(line)
        else:
            out.append(["", [line]])
    for b in out:
        while b[1] and b[1][-1] == "":
            b[1].pop()
    return out


def compare(name, want, got, limit):
    want_b = blocks(want.decode("utf-8", "replace"))
    got_b = blocks(got.decode("utf-8", "replace"))
    diffs = []
    for i, wb in enumerate(want_b):
        gb = got_b[i] if i < len(got_b) else ["<missing>", ["<missing>"]]
        if wb == gb:
            continue
        if wb[0] != gb[0]:
            diffs.append((i, wb[0], "<entry>", wb[0], gb[0]))
            break
        k = 0
        while k < len(wb[1]) and k < len(gb[1]) and wb[1][k] == gb[1][k]:
            k += 1
        w = wb[1][k] if k < len(wb[1]) else "<no more output>"
        g = gb[1][k] if k < len(gb[1]) else "<no more output>"
        diffs.append((i, wb[0], k + 1, w, g))
    if len(got_b) > len(want_b):
        diffs.append((len(want_b), got_b[len(want_b)][0], "<extra>", "", got_b[len(want_b)][0]))
    for i, entry, line, w, g in diffs[:limit]:
        print("%s: entry %d: %s" % (name, i, entry))
        print("    output line %s" % line)
        print("    python: %s" % w)
        print("    nt:     %s" % g)
    if len(diffs) > limit:
        print("%s: ... and %d more differing entries" % (name, len(diffs) - limit))
    return len(diffs)


def check(out, nt, gpu, limit):
    names = sorted(f for f in os.listdir(out) if f.endswith(".nt"))
    bad_sessions = 0
    bad_entries = 0
    for name in names:
        path = os.path.join(out, name)
        try:
            want = python_transcript(path)
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            print("%s: python failed: %s" % (name, e))
            bad_sessions += 1
            continue
        n = 0
        for dev in ([False, True] if gpu else [False]):
            try:
                got = nt_transcript(path, nt, dev)
            except subprocess.TimeoutExpired:
                print("%s: nt timed out" % name)
                n += 1
                continue
            n += compare(name + (" [gpu]" if dev else ""), want, got, limit)
        bad_entries += n
        bad_sessions += n > 0
    print("checked %d sessions: %d differ, %d differing entries" % (len(names), bad_sessions, bad_entries))
    return 1 if bad_sessions else 0


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int)
    ap.add_argument("--count", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--entries", type=int, default=44, help="body entries per session (default 44)")
    ap.add_argument("--expected", action="store_true", help="also write NAME.expected (gen.py --one)")
    ap.add_argument("--avoid-nt-bugs", action="store_true",
                    help="leave out the constructs of KNOWN_NT_BUGS (for committed sessions)")
    ap.add_argument("--check", action="store_true", help="compare nt with Python on the sessions in --out")
    ap.add_argument("--gpu", action="store_true", help="--check also runs nt --device gpu")
    ap.add_argument("--nt", default=NT_BIN, help="the nt binary (default target/debug/nt)")
    ap.add_argument("--limit", type=int, default=6, help="differing entries shown per session")
    args = ap.parse_args(argv)
    if args.seed is not None:
        generate(args.seed, args.count, args.out, args.entries, args.expected, args.avoid_nt_bugs)
    elif not args.check:
        ap.error("give --seed to generate or --check to compare")
    if args.check:
        return check(args.out, args.nt, args.gpu, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
