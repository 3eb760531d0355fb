"""Fills in the outputs of the examples in stdlib/help.md by running their inputs in
CPython with real NumPy and PyTorch (through tests/reference/arrays/gen.py, which sets
up nt's global names), so `nt test stdlib/help.md` checks nt against the libraries.

    python3 stdlib/gen_help.py              # needs numpy and torch
    python3 stdlib/gen_help.py docs/tour.md # any Markdown file's ```nt blocks
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "..", "tests", "reference", "arrays", "gen.py")


def inputs(block):
    """The lines a user types: prompts stripped, outputs dropped."""
    out = []
    for line in block:
        if line.startswith(">>> "):
            out.append(line[4:])
        elif line.startswith("... "):
            out.append(line[4:])
    return out


def run(lines):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "help.nt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        out = subprocess.run([sys.executable, GEN, "--one", path], capture_output=True, text=True, check=True)
        return out.stdout.rstrip("\n").split("\n")


MARK = "@@nt-block@@"


def main():
    """Fills in every ```nt block of a Markdown file (stdlib/help.md by default, or the
    file named on the command line). The blocks run as one session, in order, as
    `nt test` runs them."""
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "help.md")
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    blocks, block = [], None
    for line in lines:
        if block is None:
            if line.strip() == "```nt":
                block = []
        elif line.strip() == "```":
            blocks.append(inputs(block))
            block = None
        else:
            block.append(line)
    session = []
    for b in blocks:
        session.extend(b)
        session.append("print(%r)" % MARK)
    out = run(session)
    parts, cur = [], []
    for line in out:
        if line == ">>> print(%r)" % MARK:
            continue
        if line == MARK:
            parts.append(cur)
            cur = []
        else:
            cur.append(line)
    result, block, k = [], None, 0
    for line in lines:
        if block is None:
            result.append(line)
            if line.strip() == "```nt":
                block = []
        elif line.strip() == "```":
            # A blank output line would end the example for `nt test`: it reads
            # <BLANKLINE>, as doctest's does (3-d tensors print one between blocks).
            result.extend("<BLANKLINE>" if p == "" else p for p in parts[k])
            k += 1
            result.append(line)
            block = None
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(result))


if __name__ == "__main__":
    main()
