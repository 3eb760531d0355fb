#!/usr/bin/env python3
"""Build the docstring differential corpus: the `>>>` examples of NumPy's and PyTorch's
own docstrings, run under the real libraries, recorded as nt transcripts.

For every public name listed in tests/reference/coverage/names/ for the modules in
MODULES (numpy, numpy.linalg, numpy.fft, numpy.random, ndarray methods, torch,
torch.nn.functional, torch.linalg, torch.fft, Tensor methods) whose docstring has `>>>`
examples, the docstring's examples become one REPL session, cases/NAME.nt:

    np.random.seed(0); _ = torch.manual_seed(0)
    #~ block 1
    a = np.array([[1, 2], [3, 4]])
    np.cumsum(a)
    #~ block 3
    ...

A *block* is a run of consecutive `>>>` examples with no prose between them. All the
blocks of one docstring share one session (later blocks use names defined by earlier
ones); a `#~ block N` comment line (echoed, not run) separates them, and N is the
block's position in the docstring. cases/NAME.expected is the transcript CPython prints
for the session, in the format of tests/reference/arrays/gen.py (whose Console and
HEADER are reused), which is what `nt transcript --headlines` prints.

Before running, an entry is left out when the docstring shows it raising (its expected
output is a traceback), when it is marked `# doctest: +SKIP`, or when it uses things
outside nt's scope or tied to the machine (plotting, other third-party packages,
CUDA/MPS, jit/compile/distributed, versions, configuration, threads, `os`/`sys`/`time`);
a block is left out when one of its entries cannot be typed at nt's prompt as one entry
(a decorator, `try:`/`except` at the left margin, `>>>` used as a continuation).
A block is then dropped (and the session re-run without it) when under CPython it
  - raises (e.g. because an entry it needed was left out), or warns, or its exception
    headline spans several lines,
  - prints an address (`0x...`) or a path, or prints differently in two independent
    runs (unseeded randomness, uninitialised memory, timing).
A block that prints nothing only sets up the next one: the two are merged into one
block (under the first one's mark); a silent last block is dropped. Every drop is
listed, with its reason, in DROPPED.tsv.
Each docstring runs in a fork of a process that has imported numpy and torch, in an
empty temporary working directory, with PYTHONHASHSEED=0 and one thread; two such
processes run every session and must agree.

Usage:
    python3 tests/reference/docstrings/gen.py            # rewrite cases/ and INDEX.tsv
    python3 tests/reference/docstrings/gen.py --check    # exit 1 if anything would change
    python3 tests/reference/docstrings/gen.py --only numpy.cumsum torch.cumsum   # print
"""
import contextlib
import doctest
import importlib.util
import inspect
import io
import json
import os
import pickle
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
CASES = os.path.join(HERE, "cases")
NAMES = os.path.join(ROOT, "tests", "reference", "coverage", "names")

# (names file, case-name prefix, library, how to reach the object)
MODULES = [
    ("numpy", "numpy", "numpy", "np"),
    ("numpy.linalg", "numpy.linalg", "numpy", "np.linalg"),
    ("numpy.fft", "numpy.fft", "numpy", "np.fft"),
    ("numpy.random", "numpy.random", "numpy", "np.random"),
    ("ndarray", "numpy.ndarray", "numpy", "np.ndarray"),
    ("torch", "torch", "torch", "torch"),
    ("torch.nn.functional", "torch.nn.functional", "torch", "torch.nn.functional"),
    ("torch.linalg", "torch.linalg", "torch", "torch.linalg"),
    ("torch.fft", "torch.fft", "torch", "torch.fft"),
    ("Tensor", "torch.Tensor", "torch", "torch.Tensor"),
]

SEED = "np.random.seed(0); _ = torch.manual_seed(0)"
MARK = "#~ block %d"
MAX_BLOCKS = 1500          # cap on the corpus size (blocks kept, all cases together)
SESSION_TIMEOUT = 60       # seconds per docstring session under CPython
MAX_OUTPUT = 20000         # characters a block may print

# Blocks whose source matches are out of scope or machine-dependent.
SOURCE_SKIP = re.compile(
    r"matplotlib|\bplt\.|\bscipy\b|\bpandas\b|\bPIL\b|\bdask\b|\bnumba\b|\bcupy\b|\bsympy\b"
    r"|\bcuda\b|\bmps\b|\bxpu\b|torch\.jit|torch\.compile|torch\.distributed|torch\.export"
    r"|torch\.fx|torch\.onnx|torch\.backends|torch\.utils\.cpp|__version__|show_config"
    r"|show_runtime|__config__|__file__|get_num_threads|get_num_interop|set_num_threads"
    r"|\bsys\.|\bos\.|\bplatform\b|\btime\.|(?<![.\w])datetime\.|timeit|getsizeof|\bid\("
    r"|\bthreading\b|\bmultiprocessing\b|\bsubprocess\b|\bpickle\b|urllib|\bhttp"
)
# Block outputs that print addresses, paths or versions.
OUTPUT_SKIP = re.compile(r"0x[0-9a-fA-F]{4,}|\bat 0x|/tmp/|/usr/|site-packages|/home/")


def load_arrays_gen():
    spec = importlib.util.spec_from_file_location(
        "arrays_gen", os.path.join(ROOT, "tests", "reference", "arrays", "gen.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


AG = load_arrays_gen()


# ---------------------------------------------------------------- collecting examples

def names_of(fname):
    out = []
    with open(os.path.join(NAMES, fname + ".txt"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(line.split()[0])
    return out


def entry_lines(ex):
    """The lines of one doctest Example as nt's prompt would split them, or a reason."""
    lines = [l for l in ex.source.rstrip("\n").split("\n") if l.strip()]
    if len(lines) > 1:
        # `>>> # comment` followed by `... code`: the comment lines are left out.
        lines = [l for l in lines if not l.lstrip().startswith("#")] or lines[:1]
    if not lines:
        return None, "empty"
    if "\t" in ex.source:
        return None, "tab"
    first = lines[0]
    if first.lstrip().startswith("@"):
        return None, "decorator"
    if first[:1] in (" ", "\t"):
        return None, "indented entry"
    if AG.is_compound(first):
        for l in lines[1:]:
            if not AG.continues_block(l):
                return None, "compound continues at the margin"
    elif len(lines) > 1:
        # Every proper prefix must be unfinished (open bracket, string, backslash).
        import codeop
        for k in range(1, len(lines)):
            try:
                code = codeop.compile_command("\n".join(lines[:k]), "<entry>", "single")
            except (SyntaxError, ValueError, OverflowError):
                return None, "multi-line entry"
            if code is not None:
                return None, "multi-line entry"
    return lines, None


def blocks_of(doc):
    """[(block number, [entry lines...] or None, reason)] for a docstring."""
    doc = inspect.cleandoc(doc)
    parts = doctest.DocTestParser().parse(doc)
    blocks = []
    cur = None
    prev_example = False
    for p in parts:
        if isinstance(p, doctest.Example):
            if not prev_example:
                cur = {"n": len(blocks) + 1, "entries": [], "reason": None}
                blocks.append(cur)
            prev_example = True
            if p.exc_msg is not None:
                continue            # the docstring shows this entry raising: leave it out
            # An entry that is out of scope is left out; if a later entry needed it,
            # the block raises under CPython and is dropped then.
            if p.options.get(doctest.SKIP):
                continue
            if SOURCE_SKIP.search(p.source):
                continue
            lines, why = entry_lines(p)
            if why:
                cur["reason"] = cur["reason"] or why
                continue
            cur["entries"].append(lines)
        elif p.strip():
            prev_example = False
    return blocks


def collect():
    """[(case name, library, blocks)] in a stable order, each docstring once."""
    import numpy as np      # noqa: F401  (used by eval below)
    import torch            # noqa: F401
    import torch.nn.functional  # noqa: F401
    seen = set()
    out = []
    dropped = []
    for fname, prefix, lib, expr in MODULES:
        owner = eval(expr)
        for name in names_of(fname):
            try:
                doc = getattr(owner, name).__doc__
            except Exception:
                continue
            if not isinstance(doc, str) or ">>>" not in doc or doc in seen:
                continue
            seen.add(doc)
            case = "%s.%s" % (prefix, name)
            try:
                blocks = blocks_of(doc)
            except ValueError as e:
                dropped.append((case, 0, "docstring does not parse: %s" % str(e).split("\n")[0]))
                continue
            keep = []
            for b in blocks:
                if b["reason"]:
                    dropped.append((case, b["n"], b["reason"]))
                elif not any(not e[0].lstrip().startswith("#") for e in b["entries"]):
                    dropped.append((case, b["n"], "no entries left"))
                else:
                    keep.append({"n": b["n"], "entries": b["entries"]})
            if keep:
                out.append((case, lib, keep))
    return out, dropped


# ---------------------------------------------------------------- sessions

def session_source(blocks):
    """The .nt text of a session."""
    lines = [SEED]
    for b in blocks:
        lines.append(MARK % b["n"])
        for e in b["entries"]:
            lines.extend(e)
            if AG.is_compound(e[0]):
                lines.append("")
    return "\n".join(lines) + "\n"


class Console(AG.Console):
    def __init__(self, locals_):
        super().__init__(locals_)
        self.raised = None

    def showtraceback(self):
        self.raised = self.raised or "error: %s" % sys.exc_info()[0].__name__
        super().showtraceback()

    def showsyntaxerror(self, filename=None, **kwargs):
        self.raised = self.raised or "error: SyntaxError"
        super().showsyntaxerror(filename, **kwargs)


def run_session(blocks):
    """Runs the session in this process: (prefix text, [(block text, reason or None)])."""
    namespace = {"__name__": "__console__", "__doc__": None}
    exec(AG.HEADER, namespace)
    console = Console(namespace)
    results = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")

        def entry(lines, buf):
            for k, line in enumerate(lines):
                buf.write(((">>> " if k == 0 else "... ") + line).rstrip() + "\n")
            if AG.is_compound(lines[0]):
                buf.write("...\n")
            if lines[0].lstrip().startswith("#"):
                return None
            before = len(caught)
            console.raised = None
            nerr = len(console.errors)
            with contextlib.redirect_stdout(buf):
                more = False
                for line in lines:
                    more = console.push(line)
                if more:
                    more = console.push("")
                if more:
                    console.resetbuffer()
                    return "entry never completed"
            if len(console.errors) > nerr:
                return "multi-line exception message"
            if console.raised:
                return console.raised
            if len(caught) > before:
                return "warning: %s" % caught[before].category.__name__
            return None

        buf = io.StringIO()
        why = entry([SEED], buf)
        prefix = buf.getvalue()
        if why:
            return prefix, [(None, "seed line: " + why)] * len(blocks)
        for b in blocks:
            buf = io.StringIO()
            buf.write(">>> " + MARK % b["n"] + "\n")
            why = None
            for e in b["entries"]:
                r = entry(e, buf)
                why = why or r
            text = buf.getvalue()
            if not why and OUTPUT_SKIP.search(text):
                why = "prints an address or path"
            if not why and len(text) > MAX_OUTPUT:
                why = "prints too much"
            results.append((text, why))
    return prefix, results


def prints(text):
    """Whether a block's transcript shows any output (not only its own input)."""
    return any(l.strip() and not l.startswith((">>> ", "... ")) and l != "..."
               for l in text.split("\n"))


def merge_silent(name, blocks, texts, dropped):
    """A block that prints nothing only sets up the next one: the two become one block
    (under the first one's mark). A silent block at the end is dropped. Marks are
    comments, so the merged transcript is what running the merged session prints."""
    out_blocks, out_texts = [], []
    carry_b, carry_t = None, None
    for b, t in zip(blocks, texts):
        if carry_b is not None:
            t = t.split("\n", 1)[1]                      # drop this block's mark line
            b = {"n": carry_b["n"], "entries": carry_b["entries"] + b["entries"]}
            t = carry_t + t
            carry_b = carry_t = None
        if prints(t):
            out_blocks.append(b)
            out_texts.append(t)
        else:
            carry_b, carry_t = b, t
    if carry_b is not None:
        dropped.append((name, carry_b["n"], "prints nothing"))
    return (out_blocks, out_texts) if out_blocks else None


def fork_run(blocks):
    """Runs one session in a forked child; None if it crashed or timed out."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            cwd = tempfile.mkdtemp(prefix="ntdoc")
            os.chdir(cwd)
            signal.alarm(SESSION_TIMEOUT)
            res = run_session(blocks)
            data = pickle.dumps(res)
            shutil.rmtree(cwd, ignore_errors=True)
        except BaseException as e:  # noqa: BLE001
            data = pickle.dumps(("crash", repr(e)))
        with os.fdopen(w, "wb") as f:
            f.write(data)
        os._exit(0)
    os.close(w)
    chunks = []
    deadline = time.time() + SESSION_TIMEOUT + 10
    with os.fdopen(r, "rb") as f:
        while True:
            left = deadline - time.time()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                break
            ready, _, _ = select.select([f], [], [], left)
            if not ready:
                continue
            c = os.read(f.fileno(), 1 << 20)
            if not c:
                break
            chunks.append(c)
    os.waitpid(pid, 0)
    try:
        res = pickle.loads(b"".join(chunks))
    except Exception:
        return None
    if isinstance(res, tuple) and len(res) == 2 and res[0] == "crash":
        return None
    return res


def worker(inp, outp):
    import numpy  # noqa: F401  (imported once, before forking)
    import torch  # noqa: F401
    import torch.nn.functional  # noqa: F401
    with open(inp, encoding="utf-8") as f:
        sessions = json.load(f)
    out = {}
    for name, blocks in sessions:
        out[name] = fork_run(blocks)
    with open(outp, "wb") as f:
        pickle.dump(out, f)


def child_env():
    env = dict(os.environ)
    for var in ("PYTHONSTARTUP", "PYTHONWARNINGS", "PYTHONOPTIMIZE"):
        env.pop(var, None)
    env.update(PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1",
               OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    return env


def run_twice(sessions):
    """Runs every session in two independent processes: {name: (resA, resB)}."""
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "in.json")
        with open(inp, "w", encoding="utf-8") as f:
            json.dump(sessions, f)
        procs = []
        for k in range(2):
            outp = os.path.join(tmp, "out%d.pkl" % k)
            p = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--worker", inp, outp],
                                 env=child_env(), cwd=tmp, stderr=subprocess.PIPE)
            procs.append((p, outp))
        res = []
        for p, outp in procs:
            _, err = p.communicate()
            if p.returncode != 0:
                raise SystemExit("worker failed:\n" + err.decode("utf-8", "replace"))
            with open(outp, "rb") as f:
                res.append(pickle.load(f))
    return {name: (res[0].get(name), res[1].get(name)) for name, _ in sessions}


def build(only=None):
    cases, dropped = collect()
    if only:
        cases = [c for c in cases if c[0] in only]
    lib_of = {name: lib for name, lib, _ in cases}
    pending = {name: blocks for name, _, blocks in cases}
    final = {}
    for _round in range(8):
        if not pending:
            break
        print("round %d: %d sessions" % (_round + 1, len(pending)), file=sys.stderr)
        results = run_twice(sorted(pending.items()))
        nxt = {}
        for name, blocks in sorted(pending.items()):
            a, b = results[name]
            if a is None or b is None:
                dropped.append((name, 0, "session crashed or timed out"))
                continue
            if a[0] != b[0]:
                dropped.append((name, 0, "seed line differs between runs"))
                continue
            bad = {}
            for blk, (ta, wa), (tb, wb) in zip(blocks, a[1], b[1]):
                why = wa or wb or (None if ta == tb else "differs between runs")
                if why:
                    bad[blk["n"]] = why
            if not bad:
                merged = merge_silent(name, blocks, [t for t, _ in a[1]], dropped)
                if merged:
                    final[name] = (merged[0], a[0] + "".join(merged[1]))
                else:
                    dropped.append((name, 0, "prints nothing"))
                continue
            for n, why in sorted(bad.items()):
                dropped.append((name, n, why))
            keep = [blk for blk in blocks if blk["n"] not in bad]
            if keep:
                nxt[name] = keep
        pending = nxt
    for name in pending:
        dropped.append((name, 0, "did not settle"))
    # Cap the corpus: whole cases in name order, numpy and torch interleaved fairly.
    order = sorted(final, key=lambda n: (lib_of[n], n))
    total = sum(len(final[n][0]) for n in order)
    if total > MAX_BLOCKS:
        per_lib = {}
        for n in order:
            per_lib.setdefault(lib_of[n], []).append(n)
        keep, used = set(), 0
        iters = {lib: iter(v) for lib, v in per_lib.items()}
        while iters and used < MAX_BLOCKS:
            for lib in list(iters):
                n = next(iters[lib], None)
                if n is None:
                    del iters[lib]
                    continue
                keep.add(n)
                used += len(final[n][0])
        for n in order:
            if n not in keep:
                dropped.append((n, 0, "over the corpus cap"))
        final = {n: final[n] for n in keep}
    return final, lib_of, dropped


def main(argv):
    if len(argv) == 3 and argv[0] == "--worker":
        worker(argv[1], argv[2])
        return 0
    if argv and argv[0] == "--only":
        final, _, dropped = build(set(argv[1:]))
        for name in sorted(final):
            print("=== %s.nt\n%s=== %s.expected\n%s" % (name, session_source(final[name][0]),
                                                     name, final[name][1]))
        for d in dropped:
            if d[0] in argv:
                print("dropped %s block %d: %s" % d, file=sys.stderr)
        return 0
    check = argv == ["--check"]
    if argv and not check:
        print(__doc__)
        return 2
    print(AG.versions(), file=sys.stderr)
    final, lib_of, dropped = build()
    files = {}
    index = ["# case\tlibrary\tblocks\tentries"]
    for name in sorted(final):
        blocks, expected = final[name]
        files[name + ".nt"] = session_source(blocks)
        files[name + ".expected"] = expected
        index.append("%s\t%s\t%s\t%d" % (name, lib_of[name], ",".join(str(b["n"]) for b in blocks),
                                         sum(len(b["entries"]) for b in blocks)))
    files["../INDEX.tsv"] = "\n".join(index) + "\n"
    files["../DROPPED.tsv"] = "# case\tblock\treason (block 0: the whole case)\n" + "".join(
        "%s\t%d\t%s\n" % d for d in sorted(dropped))
    stale = []
    os.makedirs(CASES, exist_ok=True)
    for rel, text in files.items():
        path = os.path.normpath(os.path.join(CASES, rel))
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            stale.append(rel)
            if not check:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
    for f in os.listdir(CASES):
        if f not in files:
            stale.append(f)
            if not check:
                os.remove(os.path.join(CASES, f))
    nblocks = sum(len(b) for b, _ in final.values())
    print("%d cases, %d blocks kept; %d blocks/cases dropped" % (len(final), nblocks, len(dropped)),
          file=sys.stderr)
    if check:
        if stale:
            print("out of date: %d files, e.g. %s" % (len(stale), ", ".join(stale[:5])), file=sys.stderr)
            return 1
        print("up to date", file=sys.stderr)
    else:
        print("rewrote %d files" % len(stale), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
