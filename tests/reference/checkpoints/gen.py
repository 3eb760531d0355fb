#!/usr/bin/env python3
"""Regenerate PyTorch's checkpoint fixtures and the expected outputs in this folder.

- torch/*.pt: checkpoints written by real PyTorch (torch.save): a model's state dict, an
  Adam optimizer's, a tensor, a Parameter, containers of Python values, every dtype,
  views sharing one storage, and a file naming a class the weights_only unpickler
  refuses.
- numpy/*: pickles np.load(allow_pickle=True) reads (object arrays' .npy files, pickle
  files of arrays, NumPy scalars and Python values) and one naming a class it refuses.
- session.expected: what session.py prints under CPython + PyTorch, run in a copy of
  this folder (it loads torch/*.pt, and writes and reads back a checkpoint of its own).
- nt/*.pt: the checkpoints write.py writes when nt runs it (the nt binary: $NT, else
  target/release/nt), committed so that the test can require nt to write the same bytes.
- read.expected: what read.py prints when PyTorch loads nt/*.pt.

tests/checkpoints.rs runs session.py and read.py in nt and compares with the expected
outputs, and runs write.py in nt and compares the bytes with nt/*.pt: PyTorch reads
nt's files (read.expected) and nt reads PyTorch's (session.expected).

Usage (with a Python that has torch, e.g. the venv of tests/reference/arrays/README.md):
    python tests/reference/checkpoints/gen.py
"""
import os

os.environ.setdefault("ATEN_CPU_CAPABILITY", "avx2")

import shutil
import subprocess
import sys
import tempfile

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, HERE)
from model import make_model, make_input  # noqa: E402


class Point:
    """A class of the generating script: torch.load(weights_only=True) refuses it."""

    def __init__(self, x, y):
        self.x, self.y = x, y


def write_fixtures():
    d = os.path.join(HERE, "torch")
    os.makedirs(d, exist_ok=True)
    torch.manual_seed(0)
    torch.set_num_threads(2)
    model = make_model()
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(3):
        opt.zero_grad()
        model(make_input()).square().mean().backward()
        opt.step()
    torch.save(model.state_dict(), os.path.join(d, "model_sd.pt"))
    torch.save(opt.state_dict(), os.path.join(d, "adam.pt"))
    torch.save(torch.arange(6.0).reshape(2, 3), os.path.join(d, "tensor.pt"))
    torch.save(nn.Parameter(torch.tensor([0.5, -0.5])), os.path.join(d, "param.pt"))
    import collections
    torch.save({"ints": [0, 255, 256, 65535, 65536, -1, -2**31, 2**31, 2**70],
                "floats": (0.5, -0.0, 1e300), "text": "ünï", "none": None,
                "flags": (True, False), "bytes": b"\x00\xff", "set": {7},
                "complex": 1.5 - 2j, "size": torch.Size([2, 3]), "dtype": torch.bfloat16,
                "device": torch.device("cpu"), "counter": collections.Counter("abca"),
                "ordered": collections.OrderedDict(b=2, a=1),
                "grad": torch.tensor([2.0, 3.0], requires_grad=True)},
               os.path.join(d, "mixed.pt"))
    torch.save([torch.arange(6, dtype=torch.int16).reshape(2, 3).t(),
                torch.tensor([1 + 2j, -3j]), torch.tensor([1 + 2j], dtype=torch.complex128),
                torch.zeros(2, dtype=torch.uint16), torch.zeros(2, dtype=torch.uint32),
                torch.tensor(True), torch.ones(0, 3, dtype=torch.float64),
                torch.tensor([0.1, 65504.0], dtype=torch.float16),
                torch.tensor([0.1, 3.0], dtype=torch.bfloat16),
                torch.tensor([-7], dtype=torch.int8), torch.tensor([1, 200], dtype=torch.uint8),
                torch.tensor([-3], dtype=torch.int32), torch.tensor([2**40])],
               os.path.join(d, "dtypes.pt"))
    x = torch.arange(10.0)
    torch.save([x[2:5], x[::2], x.reshape(2, 5).t()], os.path.join(d, "views.pt"))
    torch.save({"p": Point(1, 2)}, os.path.join(d, "custom_class.pt"))


def write_numpy_fixtures():
    """Pickles np.load(allow_pickle=True) reads: object arrays' .npy files, pickle files
    of arrays, NumPy scalars and Python values, and one naming a global nt refuses."""
    import pickle

    import numpy as np

    d = os.path.join(HERE, "numpy")
    os.makedirs(d, exist_ok=True)
    np.save(os.path.join(d, "objects.npy"),
            np.array([1, "a", None, [1, 2], {"k": 2.5}, (3, 4.5), 2**70], dtype=object))
    nested = np.empty((2, 2), dtype=object)
    nested[0, 0] = np.arange(3.0)
    nested[0, 1] = np.array([[1, 2], [3, 4]], dtype=np.int32)
    nested[1, 0] = "text"
    nested[1, 1] = np.float32(0.5)
    np.save(os.path.join(d, "nested.npy"), nested)
    np.save(os.path.join(d, "fortran_objects.npy"), np.asfortranarray(np.array([[1, "x", 2], [3, 4, None]], dtype=object)))
    with open(os.path.join(d, "values.pkl"), "wb") as f:
        pickle.dump({"a": np.arange(4.0).reshape(2, 2), "f": np.asfortranarray(np.arange(6).reshape(2, 3)),
                     "b": [1, 2.5, "x"], "scalars": (np.float64(1.5), np.int8(-3), np.bool_(True), np.complex64(1 - 1j)),
                     "u8": np.array([1, 255], dtype=np.uint8), "set": {1, 2}, "bytes": b"ab"}, f)
    with open(os.path.join(d, "protocol2.pkl"), "wb") as f:
        pickle.dump([np.arange(3), {"k": np.float32(2.0)}], f, protocol=2)
    with open(os.path.join(d, "point.pkl"), "wb") as f:
        pickle.dump(Point(1, 2), f)


def run(cmd, cwd):
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{r.stdout}{r.stderr}")
    if r.stderr:
        sys.exit(f"{' '.join(cmd)} wrote to stderr:\n{r.stderr}")
    return r.stdout


def main():
    write_fixtures()
    write_numpy_fixtures()
    with tempfile.TemporaryDirectory() as tmp:
        for name in ["model.py", "session.py", "torch", "numpy"]:
            src = os.path.join(HERE, name)
            if os.path.isdir(src):
                shutil.copytree(src, os.path.join(tmp, name))
            else:
                shutil.copy(src, tmp)
        out = run([sys.executable, "session.py"], tmp)
    with open(os.path.join(HERE, "session.expected"), "w") as f:
        f.write(out)
    nt = os.environ.get("NT", os.path.join(ROOT, "target", "release", "nt"))
    os.makedirs(os.path.join(HERE, "nt"), exist_ok=True)
    run([nt, "write.py"], HERE)
    with open(os.path.join(HERE, "read.expected"), "w") as f:
        f.write(run([sys.executable, "read.py"], HERE))


if __name__ == "__main__":
    main()
