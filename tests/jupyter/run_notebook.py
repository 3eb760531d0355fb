"""Executes demo.ipynb headless (nbclient, as `jupyter execute` does) and compares what
each cell shows with demo.expected.

    python run_notebook.py --kernel nt          # CI: nt's outputs must match
    python run_notebook.py --kernel python3 --bless   # rewrite demo.expected (ipykernel)

A cell's outputs are recorded as text: stream text, an execute_result's text/plain, an
error's `ename: evalue` (the traceback's rendering differs between the kernels), and a
display_data's mime types and text/plain (a figure's PNG must be a PNG; its pixels are
checked by tests/plots.rs, not here: matplotlib-inline also crops it).
"""
import argparse
import base64
import os
import sys

import nbclient
import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))


def outputs(nb):
    lines = []
    for i, cell in enumerate(nb.cells):
        lines.append(f"## cell {i}")
        for o in cell.get("outputs", []):
            if o.output_type == "stream":
                lines.append(f"[{o.name}]\n{o.text.rstrip()}")
            elif o.output_type == "execute_result":
                lines.append(f"[result {o.execution_count}]\n{o.data['text/plain']}")
            elif o.output_type == "error":
                lines.append(f"[error] {o.ename}: {o.evalue}")
            elif o.output_type == "display_data":
                png = o.data.get("image/png")
                if png is not None and not base64.b64decode(png).startswith(b"\x89PNG\r\n\x1a\n"):
                    lines.append("[display] image/png that is not a PNG")
                lines.append(f"[display] {' '.join(sorted(o.data))}: {o.data.get('text/plain')}")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default="nt")
    ap.add_argument("--bless", action="store_true")
    args = ap.parse_args()
    nb = nbformat.read(os.path.join(HERE, "demo.ipynb"), as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name=args.kernel, timeout=120, allow_errors=True,
                                     resources={"metadata": {"path": HERE}})
    client.execute()
    got = outputs(nb)
    path = os.path.join(HERE, "demo.expected")
    if args.bless:
        with open(path, "w") as f:
            f.write(got)
        return 0
    want = open(path).read()
    if got != want:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True), "expected", args.kernel))
        return 1
    print(f"demo.ipynb: {len(nb.cells)} cells, outputs as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
