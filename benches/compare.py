"""nt against NumPy, numexpr and PyTorch on this machine, in one run.

    python3 benches/compare.py [--quick] [--markdown] [path/to/nt]

    --quick      small sizes and 2 repetitions: a smoke test that runs in seconds
    --markdown   print the table as Markdown (for benches/RESULTS.md)
    --only CASE  time only the cases whose key starts with CASE (repeatable)
    path/to/nt   the nt binary (default: target/release/nt next to this file)

Every workload is timed in nt (benches/elementwise.nt, matmul.nt, mlp.nt, the
snippets in SNIPPETS below, or by launching the binary) and in each peer library that
offers it. A snippet is source that is valid both in nt and in CPython: nt runs it under
`nt -c`, and this process exec()s the very same text (or, for the peer library that nt
is not imitating there, its counterpart in the peer's API). The cases alternate:
one nt process times one case, then the peers time the same case in this process, then
the next case, so background load on the machine falls on both sides alike. Times are
medians of several repetitions after one untimed warm-up call. The table gives each
median, the best (fastest) peer, the ratio nt ÷ best peer (lower is better for nt) and
the ratio nt aims for.

nt has no sys.argv, so sizes reach the .nt files by rewriting their "settings" block
(the lines between "# --- settings" and "# --- end settings ---") and running the
result with `nt -c`; line numbers in nt's error reports still match the files.

numpy and torch are installed with pip if missing; numexpr too, but it is optional.
Progress goes to stderr, so stdout holds only the header and the table.
"""
import argparse
import datetime
import importlib
import os
import platform
import re
import subprocess
import sys
import time


# ---------------------------------------------------------------------------------------
# Peer libraries: import them, installing with pip on first use when missing.


def need(module, required=True):
    """Imports `module`; if it is missing, pip-installs it into this interpreter first.
    Returns None for an optional module that cannot be installed."""
    try:
        return importlib.import_module(module)
    except ImportError:
        pass
    log(f"{module} is missing: pip install {module}")
    r = subprocess.run([sys.executable, "-m", "pip", "install", module])
    importlib.invalidate_caches()
    try:
        return importlib.import_module(module)
    except ImportError:
        if required:
            sys.exit(f"compare.py needs {module} (pip install failed with status {r.returncode})")
        log(f"going on without {module}")
        return None


def log(msg):
    print(msg, file=sys.stderr, flush=True)


np = need("numpy")
torch = need("torch")
ne = need("numexpr", required=False)


# ---------------------------------------------------------------------------------------
# Sizes and repetitions. The nt scripts' own settings are the FULL values, so each of
# them also runs on its own; compare.py always passes its values explicitly.

FULL = dict(
    n=10_000_000,  # elements of the 1-D float32 arrays
    rows=4000, cols=2500,  # the matrix for mean(axis=1)
    matmul=(256, 1024, 2048),  # square float32 matmul sizes
    loop_iters=100_000,  # iterations of `x = x + 1.0` on a 3-element array
    launches=7,  # process launches for the start-up case
    # The issue-19 cases (SNIPPETS): conv batch, LSTM steps, FFT length, SVD size,
    # DataLoader samples.
    nn=dict(conv_batch=64, cnn_batch=64, lstm_seq=100, fft_n=2 ** 20, svd_n=512,
            dl_samples=10_000),
    reps=dict(add=15, chain=9, transcendental=7, sum=15, mean_axis1=9, loop=5, mlp=21,
              matmul_256=15, matmul_1024=7, matmul_2048=3,
              conv_fwd=9, conv_bwd=7, cnn_step=15, lstm=7, fft=9, svd=5, dataloader=9),
)
QUICK = dict(
    n=100_000, rows=400, cols=250, matmul=(32, 64, 128), loop_iters=1_000, launches=2,
    nn=dict(conv_batch=2, cnn_batch=4, lstm_seq=5, fft_n=2 ** 10, svd_n=32, dl_samples=500),
    reps={},  # every case: QUICK_REPS
)
QUICK_REPS = 2


def median_ms(f, reps):
    """Median wall time of f() in ms, after one untimed warm-up call. Mirrors median_ms
    in the .nt files."""
    f()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        times.append((time.perf_counter() - t0) * 1000)
    return sorted(times)[len(times) // 2]


# ---------------------------------------------------------------------------------------
# The peers' side of each case. Each function builds the same data as the nt script
# and returns {peer name: median}. The results of the timed lambdas are discarded, as in
# NumPy and PyTorch nothing is lazy: the work is done when the call returns.


def vectors(n):
    # Same formulas as vectors() in elementwise.nt: values in [0, 1).
    a = np.arange(n, dtype=np.float32) / n
    return a, a * 0.5 + 0.25, 1.0 - a


def peers_add(cfg, reps):
    a, b, c = vectors(cfg["n"])
    ta, tb = torch.from_numpy(a), torch.from_numpy(b)
    out = {"NumPy": median_ms(lambda: a + b, reps)}
    if ne:
        out["numexpr"] = median_ms(lambda: ne.evaluate("a + b", local_dict={"a": a, "b": b}), reps)
    out["PyTorch"] = median_ms(lambda: ta + tb, reps)
    return out


def peers_chain(cfg, reps):
    a, b, c = vectors(cfg["n"])
    ta, tb, tc = (torch.from_numpy(v) for v in (a, b, c))
    env = {"a": a, "b": b, "c": c}
    out = {"NumPy": median_ms(lambda: (a * 2 + b) ** 2 - c, reps)}
    if ne:
        out["numexpr"] = median_ms(lambda: ne.evaluate("(a*2+b)**2 - c", local_dict=env), reps)
    out["PyTorch"] = median_ms(lambda: (ta * 2 + tb) ** 2 - tc, reps)
    return out


def peers_transcendental(cfg, reps):
    a, b, c = vectors(cfg["n"])
    ta, tb, tc = (torch.from_numpy(v) for v in (a, b, c))
    env = {"a": a, "b": b, "c": c}
    out = {"NumPy": median_ms(lambda: np.exp(a) * np.sin(b) + np.tanh(c), reps)}
    if ne:
        out["numexpr"] = median_ms(lambda: ne.evaluate("exp(a)*sin(b) + tanh(c)", local_dict=env), reps)
    out["PyTorch"] = median_ms(lambda: torch.exp(ta) * torch.sin(tb) + torch.tanh(tc), reps)
    return out


def peers_sum(cfg, reps):
    a, _, _ = vectors(cfg["n"])
    ta = torch.from_numpy(a)
    return {"NumPy": median_ms(lambda: a.sum(), reps),
            "PyTorch": median_ms(lambda: ta.sum(), reps)}


def peers_mean_axis1(cfg, reps):
    rows, cols = cfg["rows"], cfg["cols"]
    m = (np.arange(rows * cols, dtype=np.float32) / (rows * cols)).reshape(rows, cols)
    tm = torch.from_numpy(m)
    return {"NumPy": median_ms(lambda: m.mean(axis=1), reps),
            "PyTorch": median_ms(lambda: tm.mean(dim=1), reps)}


def peers_matmul(k):
    def peers(cfg, reps):
        # Same formulas as matmul.nt.
        x = np.sin(np.arange(k * k, dtype=np.float32).reshape(k, k) * 0.37)
        y = np.cos(np.arange(k * k, dtype=np.float32).reshape(k, k) * 0.11)
        tx, ty = torch.from_numpy(x), torch.from_numpy(y)
        return {"NumPy": median_ms(lambda: x @ y, reps),
                "PyTorch": median_ms(lambda: tx @ ty, reps)}
    return peers


def peers_loop(cfg, reps):
    iters = cfg["loop_iters"]

    def loop(small):
        def run():
            x = small
            for _ in range(iters):
                x = x + 1.0
            return x
        return run

    us_per_iter = 1000 / iters
    return {"NumPy": median_ms(loop(np.ones(3, dtype=np.float32)), reps) * us_per_iter,
            "PyTorch": median_ms(loop(torch.ones(3, dtype=torch.float32)), reps) * us_per_iter}


def peers_mlp(cfg, reps):
    # The same computation as benches/mlp.nt, line for line.
    X = (torch.arange(64 * 784, dtype=torch.float32).reshape(64, 784) * 0.37).sin()
    labels = torch.arange(64) % 10
    onehot = (labels.reshape(64, 1) == torch.arange(10).reshape(1, 10)).float()
    W1 = ((torch.arange(784 * 128, dtype=torch.float32).reshape(784, 128) * 0.11).cos() * 0.05).requires_grad_()
    b1 = torch.zeros(128, requires_grad=True)
    W2 = ((torch.arange(128 * 10, dtype=torch.float32).reshape(128, 10) * 0.23).sin() * 0.1).requires_grad_()
    b2 = torch.zeros(10, requires_grad=True)
    params = [W1, b1, W2, b2]

    def step():
        h = (X @ W1 + b1).relu()
        logits = h @ W2 + b2
        logp = logits - logits.exp().sum(dim=1, keepdim=True).log()
        loss = -(onehot * logp).sum(dim=1).mean()
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= 0.01 * p.grad
        for p in params:
            p.grad = None
        return loss

    return {"PyTorch": median_ms(step, reps)}


# ---------------------------------------------------------------------------------------
# Issue 19's workloads (convolution, a CNN step, an LSTM, FFT, SVD, DataLoader), as
# snippets. Each snippet builds its data and defines work(), the timed call; the settings
# (the `nn` sizes of FULL or QUICK) are prepended as assignments. SNIPPETS[key] is
# (nt's source, {peer: source}); where the peer's source is nt's, the two run the same
# text. Inputs are formulas (sin/cos of arange) or the legacy seeded NumPy generator,
# which nt reproduces bit for bit; module weights come from each side's own init after
# torch.manual_seed(0) (their values do not change the work done).

_CONV = """
import torch
import torch.nn.functional as F
x = torch.sin(torch.arange(conv_batch * 3 * 32 * 32, dtype=torch.float32) * 0.37).reshape(conv_batch, 3, 32, 32)
w = (torch.cos(torch.arange(32 * 3 * 3 * 3, dtype=torch.float32) * 0.11) * 0.2).reshape(32, 3, 3, 3)
b = torch.sin(torch.arange(32, dtype=torch.float32) * 0.23) * 0.1
"""

_CONV_FWD = _CONV + """
def work():
    return F.conv2d(x, w, b)
"""

_CONV_BWD = _CONV + """
w.requires_grad_()
b.requires_grad_()

def work():
    loss = F.conv2d(x, w, b).sum()
    loss.backward()
    w.grad = None
    b.grad = None
    return loss
"""

_CNN_STEP = """
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                      nn.Linear(8 * 13 * 13, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.01)
loss_fn = nn.CrossEntropyLoss()
x = torch.sin(torch.arange(cnn_batch * 28 * 28, dtype=torch.float32) * 0.37).reshape(cnn_batch, 1, 28, 28)
y = torch.arange(cnn_batch) % 10

def work():
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    return loss
"""

_LSTM = """
import torch
import torch.nn as nn
torch.manual_seed(0)
lstm = nn.LSTM(input_size=32, hidden_size=64)
xs = torch.sin(torch.arange(lstm_seq * 16 * 32, dtype=torch.float32) * 0.37).reshape(lstm_seq, 16, 32)

def work():
    with torch.no_grad():
        return lstm(xs)[0]
"""

_SIGNAL = """
import numpy as np
t = np.arange(fft_n, dtype=np.float64)
s = np.sin(t * 0.001) + 0.5 * np.cos(t * 0.37)
"""

_FFT_NP = _SIGNAL + """
def work():
    return np.fft.fft(s)
"""

_FFT_TORCH = _SIGNAL + """
import torch
ts = torch.from_numpy(s)

def work():
    return torch.fft.fft(ts)
"""

_MATRIX = """
import numpy as np
np.random.seed(0)
a = np.random.standard_normal((svd_n, svd_n))
"""

_SVD_NP = _MATRIX + """
def work():
    return np.linalg.svd(a)
"""

_SVD_TORCH = _MATRIX + """
import torch
ta = torch.from_numpy(a)

def work():
    return torch.linalg.svd(ta)
"""

_DATALOADER = """
import torch
from torch.utils.data import DataLoader, TensorDataset
torch.manual_seed(0)
X = torch.sin(torch.arange(dl_samples * 20, dtype=torch.float32) * 0.37).reshape(dl_samples, 20)
Y = torch.arange(dl_samples) % 10
loader = DataLoader(TensorDataset(X, Y), batch_size=64, shuffle=True)

def work():
    seen = 0
    for xb, yb in loader:
        seen += xb.shape[0]
    return seen
"""

SNIPPETS = {
    "conv_fwd": (_CONV_FWD, {"PyTorch": _CONV_FWD}),
    "conv_bwd": (_CONV_BWD, {"PyTorch": _CONV_BWD}),
    "cnn_step": (_CNN_STEP, {"PyTorch": _CNN_STEP}),
    "lstm": (_LSTM, {"PyTorch": _LSTM}),
    "fft": (_FFT_NP, {"NumPy": _FFT_NP, "PyTorch": _FFT_TORCH}),
    "svd": (_SVD_NP, {"NumPy": _SVD_NP, "PyTorch": _SVD_TORCH}),
    "dataloader": (_DATALOADER, {"PyTorch": _DATALOADER}),
}

_MEDIAN_NT = """import time


def median_ms(f, reps):
    f()  # warm-up, untimed
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        times.append((time.perf_counter() - t0) * 1000)
    times = sorted(times)
    return times[len(times) // 2]
"""


def _settings_src(cfg):
    return "".join(f"{name} = {value!r}\n" for name, value in cfg["nn"].items())


def nt_snippet(nt, key, cfg, reps):
    """Runs SNIPPETS[key]'s nt source under `nt -c`; returns its median in ms."""
    src = (_MEDIAN_NT + _settings_src(cfg) + SNIPPETS[key][0]
           + f"\nprint({key!r}, median_ms(work, {reps}))\n")
    r = subprocess.run([nt, "-c", src], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError((r.stdout + r.stderr).strip())
    return {k: float(v) for k, v in (line.split() for line in r.stdout.splitlines())}[key]


def peers_snippet(key):
    def peers(cfg, reps):
        out = {}
        for name, src in SNIPPETS[key][1].items():
            env = {"__name__": "__snippet__"}
            exec(compile(_settings_src(cfg) + src, f"<{key}: {name}>", "exec"), env)
            out[name] = median_ms(env["work"], reps)
        return out
    return peers

# ---------------------------------------------------------------------------------------
# The nt side: run one case of a script with the settings rewritten.


def run_nt(nt, script, settings):
    """Runs benches/<script> under `nt -c` with the given settings lines replaced;
    returns its {case: value} lines. Raises RuntimeError with nt's report on failure."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), script)
    with open(path) as f:
        src = f.read()
    head, marker, body = src.partition("# --- end settings ---")
    assert marker, f"{script} has no settings block"
    for name, value in settings.items():
        head, count = re.subn(rf"(?m)^{name} = .*$", f"{name} = {value!r}", head)
        assert count == 1, f"{script}: no setting {name!r} to rewrite"
    r = subprocess.run([nt, "-c", head + marker + body], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError((r.stdout + r.stderr).strip())
    return {k: float(v) for k, v in (line.split() for line in r.stdout.splitlines())}


def startup(nt, launches):
    """Start-up: wall time of whole process launches, nt and the peers' imports in turn;
    median ms of each."""
    commands = {
        "nt": [nt, "-c", "1"],
        "NumPy": [sys.executable, "-c", "import numpy"],
        "PyTorch": [sys.executable, "-c", "import torch"],  # for information
    }
    times = {name: [] for name in commands}
    for i in range(launches + 1):  # the first round warms the file cache, untimed
        for name, cmd in commands.items():
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            if i:
                times[name].append((time.perf_counter() - t0) * 1000)
    return {name: sorted(t)[len(t) // 2] for name, t in times.items()}


# ---------------------------------------------------------------------------------------
# The cases: (key, label, unit, target ratio nt ÷ best peer, nt script or None, peers).


def cases(cfg):
    n = f"{cfg['n']:,}".replace(",", "_")
    out = [
        ("startup", "start-up: `nt -c 1` vs `python -c 'import numpy'`", "ms", 0.08, None, None),
        ("add", f"`a + b`, n={n}", "ms", 0.7, "elementwise.nt", peers_add),
        ("chain", f"`(a*2+b)**2 - c`, n={n}", "ms", 0.5, "elementwise.nt", peers_chain),
        ("transcendental", f"`exp(a)*sin(b) + tanh(c)`, n={n}", "ms", 0.2, "elementwise.nt",
         peers_transcendental),
        ("sum", f"`a.sum()`, n={n}", "ms", 0.5, "elementwise.nt", peers_sum),
        ("mean_axis1", f"`m.mean(axis=1)`, {cfg['rows']}×{cfg['cols']}", "ms", 0.5,
         "elementwise.nt", peers_mean_axis1),
    ]
    for k in cfg["matmul"]:
        out.append((f"matmul_{k}", f"matmul {k}×{k}", "ms", 1.15, "matmul.nt", peers_matmul(k)))
    out += [
        ("loop", f"loop of {cfg['loop_iters']:,} `x = x + 1.0`, 3 elements", "µs/iter", 0.2,
         "elementwise.nt", peers_loop),
        ("mlp", "MLP 784→128→10, batch 64, fwd+bwd+SGD", "ms/step", 0.7, "mlp.nt", peers_mlp),
    ]
    nn = cfg["nn"]
    conv = f"batch {nn['conv_batch']}, 3→32 ch, 32×32, 3×3, float32"
    nn_cases = [
        ("conv_fwd", f"`F.conv2d` forward, {conv}", "ms"),
        ("conv_bwd", f"`F.conv2d` fwd + `.sum().backward()`, {conv}", "ms"),
        ("cnn_step", f"CNN step: Conv2d(1,8,3)-ReLU-MaxPool2d(2)-Linear(1352,10), 28×28, "
                     f"batch {nn['cnn_batch']}, CrossEntropyLoss + SGD", "ms/step"),
        ("lstm", f"`nn.LSTM(32, 64)` forward (no_grad), batch 16, {nn['lstm_seq']} steps", "ms"),
        ("fft", f"`np.fft.fft`, {nn['fft_n']:,} float64 points → complex128", "ms"),
        ("svd", f"`np.linalg.svd`, {nn['svd_n']}×{nn['svd_n']} float64", "ms"),
        ("dataloader", f"DataLoader(TensorDataset), {nn['dl_samples']:,}×20, batch 64, "
                       f"shuffle: one epoch", "ms/epoch"),
    ]
    out += [(key, label, unit, 1.0, SNIPPET, peers_snippet(key)) for key, label, unit in nn_cases]
    return out


SNIPPET = "snippet"  # the `script` of a case whose nt source is SNIPPETS[key]


def settings_for(key, script, cfg, reps):
    """The settings lines of `script` that make it time just `key`."""
    if script == "elementwise.nt":
        return dict(n=cfg["n"], rows=cfg["rows"], cols=cfg["cols"],
                    loop_iters=cfg["loop_iters"], reps=reps, only=key)
    if script == "matmul.nt":
        return dict(sizes=[int(key.split("_")[1])], reps=reps)
    return dict(reps=reps)  # mlp.nt


def measure(nt, cfg, quick, only=None):
    """Runs every case (or those whose key starts with one of `only`), nt first and then
    its peers. Returns rows of (label, unit, target, nt value or None, {peer: value})."""
    rows = []
    for key, label, unit, target, script, peers in cases(cfg):
        if only and not any(key.startswith(o) for o in only):
            continue
        log(f"  {key} ...")
        if script is None:  # start-up
            t = startup(nt, cfg["launches"])
            rows.append((label, unit, target, t.pop("nt"), t))
            continue
        reps = QUICK_REPS if quick else cfg["reps"][key]
        try:
            if script == SNIPPET:
                mine = nt_snippet(nt, key, cfg, reps)
            else:
                mine = run_nt(nt, script, settings_for(key, script, cfg, reps))[key]
        except (RuntimeError, KeyError) as e:
            log(f"nt failed on {key}:\n{e}")
            mine = None
        rows.append((label, unit, target, mine, peers(cfg, reps)))
    return rows


# ---------------------------------------------------------------------------------------
# Output.

PEERS = ("NumPy", "numexpr", "PyTorch")


def fmt(v):
    if v is None:
        return "—"
    return f"{v:.0f}" if v >= 100 else f"{v:.1f}" if v >= 10 else f"{v:.2f}" if v >= 1 else f"{v:.3f}"


def header(nt, quick):
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        nt_version = subprocess.run([nt, "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        nt_version = "nt ?"
    ne_part = f"numexpr {ne.__version__} ({ne.detect_number_of_cores()} threads)" if ne else "numexpr: not installed"
    arch = platform.machine()
    if platform.processor() not in ("", arch):
        arch += f" ({platform.processor()})"
    return (f"machine: {arch}, {os.cpu_count()} cores, {cpu}, "
            f"{platform.system()} {platform.release()}; "
            f"{nt_version}; Python {platform.python_version()}, numpy {np.__version__}, "
            f"torch {torch.__version__} ({torch.get_num_threads()} threads), {ne_part}; "
            f"{datetime.datetime.now():%Y-%m-%d %H:%M}" + ("; --quick sizes" if quick else ""))


def table(rows):
    """Rows of strings: case, nt, each peer, best peer, ratio, target, met."""
    out = []
    for label, unit, target, mine, theirs in rows:
        best = min(theirs, key=theirs.get)
        ratio = mine / theirs[best] if mine is not None else None
        out.append([label, "—" if mine is None else f"{fmt(mine)} {unit}"]
                   + [f"{fmt(theirs[p])} {unit}" if p in theirs else "—" for p in PEERS]
                   + [best, fmt(ratio), f"{target:g}",
                      "—" if ratio is None else "yes" if ratio <= target else "no"])
    return out


def print_table(rows, markdown):
    head = ["case", "nt", *PEERS, "best peer", "nt ÷ best", "target", "met"]
    body = table(rows)
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for r in body:
            print("| " + " | ".join(r) + " |")
        return
    widths = [max(len(r[i]) for r in [head] + body) for i in range(len(head))]
    for r in [head] + body:
        # Left-align the case label, right-align the numbers.
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("nt", nargs="?", default=os.path.join(here, "..", "target", "release", "nt"),
                    help="the nt binary (default: target/release/nt)")
    ap.add_argument("--quick", action="store_true", help="small sizes, 2 repetitions: a smoke test")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument("--only", action="append", metavar="CASE",
                    help="time only the cases whose key starts with CASE (startup, add, chain, "
                         "transcendental, sum, mean_axis1, matmul, loop, mlp, conv, cnn_step, lstm, "
                         "fft, svd, dataloader); repeatable")
    args = ap.parse_args()
    nt = os.path.abspath(args.nt)
    if not os.access(nt, os.X_OK):
        sys.exit(f"no nt binary at {nt} (cargo build --release, or pass its path)")

    cfg = QUICK if args.quick else FULL
    log(f"timing nt ({nt}) and its peers, case by case:")
    rows = measure(nt, cfg, args.quick, args.only)
    print(header(nt, args.quick))
    if args.markdown:
        print()
    print_table(rows, args.markdown)


if __name__ == "__main__":
    main()
