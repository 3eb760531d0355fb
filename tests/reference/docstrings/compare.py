#!/usr/bin/env python3
"""Run nt on the docstring differential corpus and report the share it prints identically.

For every case in INDEX.tsv this runs

    NT_STDLIB_DIR=stdlib target/release/nt transcript --headlines cases/NAME.nt

(in an empty temporary working directory) and compares it, block by block, with
cases/NAME.expected. Lines of an error report's source box (`^\\s*[0-9]*\\s*[│╭╰─·┬]`)
and empty lines are ignored on both sides, as tests/reference/arrays compares. A block
is identical when every remaining line of it is.

Writes FAILURES.txt (every differing block: its first differing entry, what CPython
printed and what nt printed) and RESULTS.md (the figures, the most common causes, the
date and the machine), and prints the summary.

Usage (from anywhere; needs only the nt binary, not numpy or torch):
    python3 tests/reference/docstrings/compare.py
    python3 tests/reference/docstrings/compare.py --only numpy.cumsum torch.add   # a few cases
    python3 tests/reference/docstrings/compare.py --show numpy.cumsum   # the diff of one case
Options: --nt PATH (default target/release/nt), --jobs N (default: the CPU count),
--no-write (print only).
"""
import collections
import concurrent.futures
import datetime
import difflib
import os
import platform
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
CASES = os.path.join(HERE, "cases")
TIMEOUT = 60

BOX = re.compile(r"^\s*[0-9]*\s*[│╭╰─·┬]")
MARK = re.compile(r"^>>> #~ block (\d+)$")
HEADLINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit|Iteration|Warning))(?::|$)")
NUM = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def read_index():
    out = []
    with open(os.path.join(HERE, "INDEX.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, lib, blocks, _ = line.rstrip("\n").split("\t")
            out.append((name, lib, [int(b) for b in blocks.split(",")]))
    return out


def module_of(name):
    """numpy.linalg.norm -> numpy.linalg; numpy.ndarray.view -> numpy.ndarray; torch.add -> torch."""
    parts = name.split(".")
    for k in (3, 2):
        cand = ".".join(parts[:k])
        if cand in ("torch.nn.functional",) and k == 3:
            return cand
        if k == 2 and cand in ("numpy.linalg", "numpy.fft", "numpy.random", "numpy.ndarray",
                               "torch.linalg", "torch.fft", "torch.Tensor"):
            return cand
    return parts[0]


def clean(text):
    return [l for l in text.split("\n") if l.strip() and not BOX.match(l)]


def split_blocks(lines):
    """{block number: [lines]}, with the lines before the first mark under 0."""
    out = collections.OrderedDict()
    cur = 0
    out[0] = []
    for l in lines:
        m = MARK.match(l)
        if m:
            cur = int(m.group(1))
            out[cur] = []
        out[cur].append(l)
    return out


def entries(lines):
    """[(input lines, output lines)] of a transcript block."""
    out = []
    for l in lines:
        if l.startswith(">>> "):
            out.append(([l], []))
        elif out and not out[-1][1] and (l.startswith("... ") or l == "..."):
            out[-1][0].append(l)
        elif out:
            out[-1][1].append(l)
        else:
            out.append(([], [l]))
    return out


def callee(inp):
    src = " ".join(l[4:] for l in inp)
    names = re.findall(r"([A-Za-z_][\w.]*)\s*\(", src)
    names = [n for n in names if n not in ("print", "repr", "str", "list", "tuple", "type", "len")] or names
    if names:
        n = names[0]
        n = re.sub(r"^(numpy|np)\.", "np.", n)
        if "." in n and not n.startswith(("np.", "torch.", "F.")):
            n = "." + n.split(".")[-1]          # a method: x.cumsum -> .cumsum
        return n
    return "(display)"


def template(headline):
    t = re.sub(r"'[^']*'", "'…'", headline)
    t = re.sub(r"\"[^\"]*\"", '"…"', t)
    return NUM.sub("N", t)


SHORT = {"numpy": "np", "numpy.random": "np.random", "numpy.linalg": "np.linalg", "numpy.fft": "np.fft",
         "numpy.ndarray": "ndarray", "torch.Tensor": "Tensor", "torch.nn.functional": "F"}


def root(key):
    """The feature nt lacks, as far as a differing block's first difference tells."""
    if not key.startswith(("nt raises: ", "different error: ")):
        return key
    head = key.split(": ", 1)[1]
    if re.search(r"complex", head, re.I):
        return "complex numbers (dtype, kernels, functions)"
    m = re.match(r"AttributeError: module '([\w.]+)' has no attribute '(\w+)'", head)
    if m:
        return "missing: %s.%s" % (SHORT.get(m.group(1), m.group(1)), m.group(2))
    m = re.match(r"AttributeError: '([\w.]+)' object has no attribute '(\w+)'", head)
    if m:
        return "missing: %s.%s" % (SHORT.get(m.group(1), m.group(1)), m.group(2))
    m = re.match(r"ImportError: cannot import name '(\w+)' from '([\w.]+)'", head)
    if m:
        return "missing: %s.%s" % (SHORT.get(m.group(2), m.group(2)), m.group(1))
    m = re.match(r"ModuleNotFoundError: No module named '([\w.]+)'", head)
    if m:
        return "missing module: %s" % m.group(1)
    m = re.match(r"NameError: name '(\w+)' is not defined", head)
    if m:
        return "missing name: %s" % m.group(1)
    return key.split(": ", 1)[0] + ": " + template(head)


def diagnose(exp, got):
    """(cause key, entry input, expected output, nt output) of a differing block."""
    ee, ge = entries(exp), entries(got)
    for k, (ei, eo) in enumerate(ee):
        if k >= len(ge):
            return "nt transcript ended early", ei, eo, []
        gi, go = ge[k]
        if gi != ei:
            return "entries split differently", ei, eo, gi + go
        if go == eo:
            continue
        eh = HEADLINE.match(eo[0]) if eo else None
        gh = HEADLINE.match(go[0]) if go else None
        if gh and not eh:
            return "nt raises: " + go[0], ei, eo, go
        if eh and gh:
            return "different error: " + go[0], ei, eo, go
        if eh:
            return "nt does not raise", ei, eo, go
        if not go:
            return "nt prints nothing: " + callee(ei), ei, eo, go
        if not eo:
            return "nt prints something: " + callee(ei), ei, eo, go
        if NUM.findall("\n".join(eo)) == NUM.findall("\n".join(go)):
            kind = "format"
        else:
            kind = "values"
        return "wrong output (%s): %s" % (kind, callee(ei)), ei, eo, go
    return "nt prints more", [], [], ge[len(ee)][0] + ge[len(ee)][1] if len(ge) > len(ee) else []


def run_case(nt, name):
    with tempfile.TemporaryDirectory(prefix="ntdoc") as cwd:
        env = dict(os.environ)
        env["NT_STDLIB_DIR"] = os.path.join(ROOT, "stdlib")
        try:
            p = subprocess.run([nt, "transcript", "--headlines", os.path.join(CASES, name + ".nt")],
                               cwd=cwd, env=env, capture_output=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired as e:
            return (e.stdout or b"").decode("utf-8", "replace"), "nt timed out (%ds)" % TIMEOUT
    out = p.stdout.decode("utf-8", "replace")
    if p.returncode != 0:
        err = p.stderr.decode("utf-8", "replace").strip().split("\n")
        msg = next((l for l in err if "panicked" in l or l.strip()), "")
        return out, "nt exited with %d: %s" % (p.returncode, msg[:200])
    return out, None


def compare_case(nt, name, blocks):
    out, fatal = run_case(nt, name)
    with open(os.path.join(CASES, name + ".expected"), encoding="utf-8") as f:
        exp = split_blocks(clean(f.read()))
    got = split_blocks(clean(out))
    res = []
    for n in blocks:
        e, g = exp.get(n, []), got.get(n)
        if g == e:
            res.append((n, None))
            continue
        if g is None:
            res.append((n, (fatal or "nt transcript ended early", [], e[:6], [])))
            continue
        key, ei, eo, go = diagnose(e, g)
        if fatal and key in ("nt transcript ended early", "entries split differently"):
            key = fatal
        res.append((n, (key, ei, eo, go)))
    seed_ok = exp.get(0) == got.get(0)
    return name, res, seed_ok, out


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for l in f:
                if l.startswith("model name"):
                    cpu = l.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %s, %d CPUs" % (platform.platform(), cpu, os.cpu_count() or 1)


def git_head():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip() + (" (with uncommitted changes)" if subprocess.run(
                                  ["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                                  capture_output=True, text=True).stdout.strip() else "")
    except OSError:
        return "?"


def pct(a, b):
    return "%.1f%%" % (100.0 * a / b) if b else "-"


def main(argv):
    nt = os.path.join(ROOT, "target", "release", "nt")
    jobs = os.cpu_count() or 2
    only = None
    show = None
    write = True
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--nt":
            nt = os.path.abspath(argv[i + 1]); i += 2
        elif a == "--jobs":
            jobs = int(argv[i + 1]); i += 2
        elif a == "--no-write":
            write = False; i += 1
        elif a == "--only":
            only = set(argv[i + 1:]); i = len(argv); write = False
        elif a == "--show":
            show = argv[i + 1]; i += 2
        else:
            print(__doc__)
            return 2
    index = read_index()
    if show:
        out, fatal = run_case(nt, show)
        with open(os.path.join(CASES, show + ".expected"), encoding="utf-8") as f:
            exp = clean(f.read())
        sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(
            exp, clean(out), "CPython", "nt", lineterm="", n=2))
        if fatal:
            print(fatal)
        return 0
    if only:
        index = [c for c in index if c[0] in only]
    lib_of = {n: lib for n, lib, _ in index}
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        futs = [ex.submit(compare_case, nt, n, b) for n, _, b in index]
        for f in futs:
            results.append(f.result())

    per = collections.defaultdict(lambda: [0, 0])      # key -> [identical, total] blocks
    cases_ok = collections.defaultdict(lambda: [0, 0])
    causes = collections.Counter()
    roots = collections.Counter()       # feature -> differing blocks (follow-on blocks included)
    follow = collections.Counter()
    first_root = None
    templates = collections.Counter()
    examples = {}
    fail_lines = []
    seed_bad = []
    for name, res, seed_ok, _ in results:
        lib, mod = lib_of[name], module_of(name)
        if not seed_ok:
            seed_bad.append(name)
        good = 0
        scopes = sorted({"all", lib, mod})
        failed_before = False
        for n, fail in res:
            for key in scopes:
                per[key][1] += 1
                per[key][0] += fail is None
            good += fail is None
            if fail:
                key, ei, eo, go = fail
                if failed_before and key.startswith("nt raises: NameError"):
                    roots[first_root] += 1
                    follow[first_root] += 1
                    key = "follows from an earlier differing block of the case (NameError)"
                else:
                    r = root(key)
                    roots[r] += 1
                    examples.setdefault(r, "%s block %d" % (name, n))
                    if not failed_before:
                        first_root = r
                failed_before = True
                causes[key] += 1
                tkey = template(key) if key.startswith(("nt raises", "different error")) else \
                    re.sub(r": .*", "", key)
                templates[tkey] += 1
                examples.setdefault(key, "%s block %d" % (name, n))
                fail_lines.append("=== %s block %d: %s\n%s\n--- CPython\n%s\n--- nt\n%s\n" % (
                    name, n, key, "\n".join(ei), "\n".join(eo[:8]), "\n".join(go[:8])))
        for key in scopes:
            cases_ok[key][1] += 1
            cases_ok[key][0] += good == len(res)

    rows = []
    order = ["all", "numpy", "torch"] + sorted(k for k in per if k not in ("all", "numpy", "torch"))
    for k in order:
        a, b = per[k]
        ca, cb = cases_ok[k]
        rows.append("| %s | %d / %d | %s | %d / %d | %s |" % (k, a, b, pct(a, b), ca, cb, pct(ca, cb)))
    table = ["| scope | identical blocks | share | cases all identical | share |",
             "|---|---|---|---|---|"] + rows
    top = ["| # | blocks | first difference | e.g. |", "|---|---|---|---|"]
    for k, (key, c) in enumerate(causes.most_common(40), 1):
        top.append("| %d | %d | `%s` | %s |" % (k, c, key.replace("|", "\\|")[:160], examples[key]))
    tops = ["| blocks | kind of first difference |", "|---|---|"]
    for key, c in templates.most_common(25):
        tops.append("| %d | `%s` |" % (c, key.replace("|", "\\|")[:160]))

    ranked = ["| # | blocks | of which follow-on | what nt lacks or gets wrong (first difference) | e.g. |",
              "|---|---|---|---|---|"]
    for k, (key, c) in enumerate(roots.most_common(40), 1):
        ranked.append("| %d | %d | %d | `%s` | %s |" % (k, c, follow[key], key.replace("|", "\\|")[:160],
                                                     examples.get(key, "")))
    spaces = collections.defaultdict(collections.Counter)
    for key, c in roots.items():
        m = re.match(r"missing: (.*)\.(\w+)$", key)
        if m:
            spaces[m.group(1)][m.group(2)] += c
        elif key.startswith(("missing module: ", "missing name: ")):
            spaces["(modules and builtins)"][key.split(": ", 1)[1]] += c
    missing = ["| blocks | namespace | missing names (blocks) |", "|---|---|---|"]
    for sp, cnt in sorted(spaces.items(), key=lambda kv: -sum(kv[1].values())):
        missing.append("| %d | %s | %s |" % (sum(cnt.values()), sp, ", ".join(
            "%s (%d)" % (n, c) if c > 1 else n for n, c in cnt.most_common())))
    summary = "\n".join(table)
    print(summary)
    print()
    print("\n".join(ranked[:32]))
    print()
    print("\n".join(missing))
    print()
    print("\n".join(tops))
    print()
    print("\n".join(top[:27]))
    if seed_bad:
        print("\nseed line differs in %d cases, e.g. %s" % (len(seed_bad), ", ".join(seed_bad[:5])))
    if not write:
        return 0
    with open(os.path.join(HERE, "FAILURES.txt"), "w", encoding="utf-8") as f:
        f.write("".join(fail_lines))
    try:
        ntver = subprocess.run([nt, "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        ntver = "?"
    with open(os.path.join(HERE, "RESULTS.md"), "w", encoding="utf-8") as f:
        f.write("# Docstring differential corpus: results\n\n")
        f.write("Written by `compare.py` on %s.\n\n" % datetime.datetime.now().strftime("%Y-%m-%d %H:%M"))
        f.write("- machine: %s\n- nt: %s, `%s`, built %s, tree at %s\n- corpus: %d cases, %d blocks "
                "(INDEX.tsv; expected outputs from the real libraries, see README.md)\n\n" % (
                    machine(), ntver, os.path.relpath(nt, ROOT),
                    datetime.datetime.fromtimestamp(os.path.getmtime(nt)).strftime("%Y-%m-%d %H:%M"),
                    git_head(), len(results), per["all"][1]))
        f.write("A block is a run of `>>>` examples with no prose between them; it counts as identical "
                "when nt prints every line of it as CPython does. The rows `numpy` and `torch` are "
                "the whole library; the other rows are parts of it (`numpy.ndarray`, `torch.Tensor`: the "
                "methods' docstrings).\n\n")
        f.write(summary + "\n\n## What to fix, ranked by differing blocks\n\n"
                "A block whose first difference is a NameError for a name an earlier differing block of "
                "the same case failed to define is counted under that block's cause (follow-on).\n\n"
                + "\n".join(ranked) + "\n\n## Missing names, by namespace (blocks, follow-on included)\n\n"
                + "\n".join(missing) + "\n\n## First differences, by kind\n\n" + "\n".join(tops) + "\n\n")
        f.write("## First differences, most common (of %d differing blocks)\n\n" % sum(causes.values()))
        f.write("\n".join(top) + "\n\nEvery differing block, with what each side printed: FAILURES.txt.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
