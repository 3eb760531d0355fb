"""Plain Python in nt against CPython, on this machine, in one run.

    python3 benches/python/compare.py [--runs N] [--markdown] [path/to/nt]

Each program in this folder is valid in both and times its own work with
time.perf_counter() (start-up and compilation are outside the timed part), printing
`seconds T` last. The programs alternate: nt runs one, CPython runs the same one, N times
over, so background load falls on both sides alike. The table gives each median and
the ratio nt ÷ CPython (lower is better for nt; the issue's target is 0.7). Every other
line the two print must be the same, or the script stops.
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = 0.7


def run(cmd, path):
    out = subprocess.run(cmd + [path], capture_output=True, text=True, cwd=HERE)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} {path} failed:\n{out.stdout}{out.stderr}")
    lines = out.stdout.strip().splitlines()
    if not lines or not lines[-1].startswith("seconds "):
        sys.exit(f"{path}: the last line is not 'seconds T':\n{out.stdout}")
    return lines[:-1], float(lines[-1].split()[1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("nt", nargs="?", default=os.path.join(HERE, "..", "..", "target", "release", "nt"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--only", action="append", default=[])
    args = ap.parse_args()
    programs = sorted(p for p in os.listdir(HERE) if p.endswith(".py") and p != "compare.py")
    if args.only:
        programs = [p for p in programs if any(p.startswith(o) for o in args.only)]
    rows = []
    for prog in programs:
        nt_times, py_times = [], []
        for _ in range(args.runs):
            nt_out, t = run([args.nt], prog)
            nt_times.append(t)
            py_out, t = run([sys.executable], prog)
            py_times.append(t)
            if nt_out != py_out:
                sys.exit(f"{prog}: nt printed {nt_out}, CPython printed {py_out}")
        nt_med, py_med = statistics.median(nt_times), statistics.median(py_times)
        rows.append((prog, nt_med, py_med, nt_med / py_med))
        print(f"{prog}: nt {nt_med * 1e3:.1f} ms, CPython {py_med * 1e3:.1f} ms", file=sys.stderr)
    print(f"# {platform.machine()} {platform.processor() or ''} CPython {platform.python_version()}, "
          f"{os.cpu_count()} cores, medians of {args.runs} alternating runs")
    if args.markdown:
        print("| program | nt | CPython | nt ÷ CPython | target |")
        print("|---|---|---|---|---|")
        for prog, nt, py, r in rows:
            print(f"| {prog} | {nt * 1e3:.1f} ms | {py * 1e3:.1f} ms | {r:.2f} | ≤ {TARGET} |")
    else:
        print(f"{'program':<20} {'nt ms':>9} {'CPython ms':>11} {'ratio':>7}")
        for prog, nt, py, r in rows:
            flag = "" if r <= TARGET else "  (above target)"
            print(f"{prog:<20} {nt * 1e3:9.1f} {py * 1e3:11.1f} {r:7.2f}{flag}")


if __name__ == "__main__":
    main()
