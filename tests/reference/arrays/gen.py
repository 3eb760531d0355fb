#!/usr/bin/env python3
"""Regenerate the expected outputs of the NumPy/PyTorch reference corpus.

Every NAME.nt in this folder is a REPL session: what a user types at nt's prompt,
one entry per line (a compound statement -- for/if/while/def/with -- takes the
following indented lines and ends at the next blank line or line back at the left
margin; a line that is only a comment is echoed and not run). Each session runs in a
fresh CPython process through `code.InteractiveConsole`, with nt's header
(DESIGN.md section 1) executed first, and NAME.expected records what the user sees:

    >>> a = array([1, 2, 3])
    >>> a * 2
    array([2, 4, 6])
    >>> for x in a:
    ...     print(x)
    ...
    1
    ...
    >>> a[5]
    IndexError: index 5 is out of bounds for axis 0 with size 3

i.e. every line of the entry after a `>>> ` / `... ` prompt (trailing whitespace
stripped), a lone `...` after a compound statement, then whatever the entry printed
(stdout, including echoed values) and, if it raised, only the exception's headline
as `traceback.format_exception_only` writes it (`numpy.exceptions.AxisError: ...`
keeps its module, as in a real traceback).

A session must not emit warnings (an uncaught warning makes generation fail) and
every exception headline must be one line; both keep the corpus unambiguous.

Usage (with a Python that has numpy and torch, e.g. the venv described in README.md):
    python tests/reference/arrays/gen.py            # rewrite every NAME.expected
    python tests/reference/arrays/gen.py --check    # verify they are up to date
    python tests/reference/arrays/gen.py --one F.nt # print one transcript to stdout
    python tests/reference/arrays/gen.py --stats    # count entries per file
"""
import os
# PyTorch's CPU kernels are pinned to one instruction set and two threads, so the
# expected outputs do not depend on the machine that generates them (the float sums'
# order depends on both; nt's tests set two threads too).
os.environ.setdefault("ATEN_CPU_CAPABILITY", "avx2")
# NumPy likewise dispatches to its AVX2 loops ("X86_V3"): on an AVX-512 machine its float
# functions would call Intel SVML, which nt does not reproduce (src/backend/cpu/npymath.rs).
os.environ.setdefault("NPY_DISABLE_CPU_FEATURES", "X86_V4 AVX512_ICL AVX512_SPR")

import code
import contextlib
import io
import os
import re
import subprocess
import sys
import tempfile
import traceback
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 120

# nt's global environment, verbatim from DESIGN.md section 1.
HEADER = """\
import math, time
import numpy as np, numpy
import torch
from numpy import array
from torch import (tensor, as_tensor, from_numpy, zeros, ones, full, empty, eye,
    arange, linspace, rand, randn, randint, manual_seed, zeros_like, ones_like,
    full_like, rand_like, randn_like, cat, stack, where, exp, log, sqrt, sin, cos,
    tanh, sigmoid, relu, matmul, mm, dot, clamp, no_grad, float16, bfloat16,
    float32, float64, int8, int16, int32, int64, uint8)
from torch.autograd import backward
"""

COMPOUND = ("if", "for", "while", "def", "with", "class", "try", "async")


def is_compound(first_line):
    m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)", first_line)
    return bool(m) and m.group(1) in COMPOUND


def continues_block(line):
    t = line.lstrip()
    return line[:1] in (" ", "\t") or t.startswith(("elif ", "elif(", "else:", "else :"))


def entries(src):
    """Split a session into entries, as nt's `repl::transcript::entries` does."""
    lines = src.split("\n")
    out = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        chunk = [lines[i]]
        i += 1
        if is_compound(chunk[0]):
            while i < len(lines) and lines[i].strip() and continues_block(lines[i]):
                chunk.append(lines[i])
                i += 1
        out.append(chunk)
    return out


class Console(code.InteractiveConsole):
    """An InteractiveConsole whose errors are reported as one headline on stdout."""

    def __init__(self, locals_):
        super().__init__(locals_)
        self.errors = []

    def _headline(self, exc):
        text = "".join(traceback.format_exception_only(type(exc), exc))
        # format_exception_only appends __notes__ after the headline; keep the headline.
        head = text.split("\n")[0] if getattr(exc, "__notes__", None) else text.rstrip("\n")
        if "\n" in head:
            self.errors.append("multi-line exception message: %r" % head)
        sys.stdout.write(head + "\n")

    def showtraceback(self):
        self._headline(sys.exc_info()[1])

    def showsyntaxerror(self, filename=None, **kwargs):
        self._headline(sys.exc_info()[1])


def transcript(path):
    with open(path, encoding="utf-8") as f:
        src = f.read()
    namespace = {"__name__": "__console__", "__doc__": None}
    exec("import torch as _t\n_t.set_num_threads(2)\ndel _t\n", namespace)
    exec(HEADER, namespace)
    console = Console(namespace)
    buf = io.StringIO()
    caught = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for chunk in entries(src):
            for k, line in enumerate(chunk):
                buf.write(((">>> " if k == 0 else "... ") + line).rstrip() + "\n")
            if is_compound(chunk[0]):
                buf.write("...\n")
            if chunk[0].lstrip().startswith("#"):
                continue
            before = len(caught)
            with contextlib.redirect_stdout(buf):
                more = False
                for line in chunk:
                    more = console.push(line)
                if more:
                    more = console.push("")
                if more:
                    console.resetbuffer()
                    raise SystemExit("%s: entry never completed: %r" % (path, chunk))
            if len(caught) > before:
                w = caught[before]
                raise SystemExit("%s: entry %r warned: %s: %s"
                                 % (os.path.basename(path), chunk, w.category.__name__, w.message))
    if console.errors:
        raise SystemExit("%s: %s" % (path, "; ".join(console.errors)))
    return buf.getvalue()


def sessions():
    return sorted(f for f in os.listdir(HERE) if f.endswith(".nt"))


def run_child(name):
    env = dict(os.environ)
    for var in ("PYTHONSTARTUP", "PYTHONWARNINGS", "PYTHONOPTIMIZE"):
        env.pop(var, None)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["OMP_NUM_THREADS"] = "1"
    # A fresh working directory, so sessions that write files (files.nt) leave nothing.
    with tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--one",
                               os.path.join(HERE, name)],
                              cwd=cwd, env=env, capture_output=True, timeout=TIMEOUT)
    if proc.returncode != 0 or proc.stderr:
        raise SystemExit("%s: generation failed (status %d):\n%s"
                         % (name, proc.returncode, proc.stderr.decode("utf-8", "replace")))
    return proc.stdout


def versions():
    import numpy
    import torch
    return "Python %s, NumPy %s, PyTorch %s" % (sys.version.split()[0], numpy.__version__,
                                                 torch.__version__)


def count(text):
    """(entries that are not comments, entries that printed something) of one .expected text."""
    n = with_output = 0
    printed = False
    for line in text.split("\n"):
        if line.startswith(">>> "):
            n += not line.startswith(">>> #")
            with_output += printed
            printed = False
        elif line.startswith("... ") or line == "...":
            continue
        elif line or printed:
            printed = True
    return n, with_output + printed


def main(argv):
    if len(argv) == 2 and argv[0] == "--one":
        sys.stdout.write(transcript(os.path.join(HERE, argv[1])))
        return 0
    check = argv == ["--check"]
    stats = argv == ["--stats"]
    if argv and not (check or stats):
        print(__doc__)
        return 2
    print(versions(), file=sys.stderr)
    stale = []
    total = [0, 0]
    for name in sessions():
        exp = os.path.join(HERE, name[:-3] + ".expected")
        if stats:
            with open(exp, encoding="utf-8") as f:
                n, w = count(f.read())
            total[0] += n
            total[1] += w
            print("%-28s %4d entries, %4d with output" % (name, n, w))
            continue
        out = run_child(name)
        old = open(exp, "rb").read() if os.path.exists(exp) else None
        if old != out:
            stale.append(name)
            if not check:
                with open(exp, "wb") as f:
                    f.write(out)
    for f in os.listdir(HERE):
        if f.endswith(".expected") and f[:-9] + ".nt" not in sessions():
            stale.append(f)
            if not check:
                os.remove(os.path.join(HERE, f))
    if stats:
        print("%-28s %4d entries, %4d with output" % ("total", total[0], total[1]))
        return 0
    if check:
        if stale:
            print("out of date: " + ", ".join(stale), file=sys.stderr)
            return 1
        print("all %d sessions up to date" % len(sessions()), file=sys.stderr)
    else:
        print("rewrote %d of %d" % (len(stale), len(sessions())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
