#!/usr/bin/env python3
"""Writes names/*.txt: the public names of NumPy and PyTorch that nt's coverage is
measured against (tests/coverage.rs). Generated from the installed libraries, never
typed by hand.

Run: cd tests/reference/coverage && python3 gen_names.py

Each file is one module (or `Tensor`/`ndarray` for the attributes of an instance), one
name per line. A name counts if it is public (no leading underscore), not a submodule,
and callable: the functions, classes and ufuncs a user calls (for `Tensor` and
`ndarray`, every public attribute: methods and properties alike). NumPy's `test` (a
`PytestTester`, which runs NumPy's own test suite with pytest) is not part of the API a
program uses and is left out. In `torch.nn.txt` a second
column `module` marks the `nn.Module` subclasses (the layer and loss classes).
"""
import os, types
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
import torch.optim.lr_scheduler as lr_scheduler
import torch.utils.data as data

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "names")

MODULES = [
    ("numpy", np),
    ("numpy.linalg", np.linalg),
    ("numpy.fft", np.fft),
    ("numpy.random", np.random),
    ("torch", torch),
    ("torch.linalg", torch.linalg),
    ("torch.fft", torch.fft),
    ("torch.nn", nn),
    ("torch.nn.functional", F),
    ("torch.nn.init", nn.init),
    ("torch.optim", optim),
    ("torch.optim.lr_scheduler", lr_scheduler),
    ("torch.utils.data", data),
]


def public(obj, everything=False):
    out = []
    for n in sorted(dir(obj)):
        if n.startswith("_"):
            continue
        try:
            v = getattr(obj, n)
        except Exception:
            continue
        if isinstance(v, types.ModuleType) or not (callable(v) or everything):
            continue
        if type(v).__name__ == "PytestTester":
            continue
        out.append((n, v))
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, mod in MODULES:
        with open(os.path.join(OUT, name + ".txt"), "w") as f:
            for n, v in public(mod):
                tag = ""
                if mod is nn and isinstance(v, type) and issubclass(v, nn.Module):
                    tag = "\tmodule"
                f.write(n + tag + "\n")
    for name, inst in [("Tensor", torch.zeros(2, 2)), ("ndarray", np.zeros((2, 2)))]:
        with open(os.path.join(OUT, name + ".txt"), "w") as f:
            for n, _ in public(inst, everything=True):
                f.write(n + "\n")
    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"numpy {np.__version__}\ntorch {torch.__version__}\n")


main()
