#!/usr/bin/env python3
"""Write the NumPy file fixtures in this folder and expected.txt describing them.

Every fixture is written by real NumPy (np.save / np.savez / np.savez_compressed /
np.savetxt), so nt's readers are checked against files it did not write itself.
expected.txt holds, for each fixture, a line `== NAME` followed by what NumPy gives
after loading it:

    .npy  repr(np.load(path))
    .npz  for each key in sorted order, `KEY: repr(arr)` (a 2-D repr takes several lines)
    .csv  repr(np.loadtxt(path, delimiter=','))

Output is byte-for-byte deterministic: NumPy stamps every .npz member 1980-01-01 00:00.
Its zip members are written with force_zip64, so each local header says 0xFFFFFFFF for
both sizes and carries a zip64 extra field (id 1) with the real ones; the central
directory has the real sizes. mixed.npz is stored (method 0), compressed.npz deflated
(method 8).

Usage (with the venv of tests/reference/arrays/README.md):
    python tests/reference/files/gen_files.py
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def write_fixtures():
    np.save(os.path.join(HERE, "int32_c.npy"),
            np.array([[1, -2, 3], [40, 50, -60]], dtype=np.int32))
    np.save(os.path.join(HERE, "float64_f.npy"),
            np.asfortranarray(np.array([[1.5, 2.0, -3.25], [4.0, 0.125, 6.0]])))
    np.save(os.path.join(HERE, "float16.npy"),
            np.array([0.5, -1.0, 2.25, 1024.0], dtype=np.float16))
    np.save(os.path.join(HERE, "uint8_3d.npy"),
            np.arange(12, dtype=np.uint8).reshape(2, 2, 3) * 20)
    np.save(os.path.join(HERE, "bool.npy"), np.array([True, False, False, True]))
    np.savez(os.path.join(HERE, "mixed.npz"),
             ints=np.array([1, 2, 3]), grid=np.array([[0.5, 1.0], [1.5, 2.0]]))
    np.savez_compressed(os.path.join(HERE, "compressed.npz"),
                        zeros=np.zeros((2, 3), dtype=np.float32),
                        steps=np.arange(0, 50, 5))
    np.savetxt(os.path.join(HERE, "table.csv"),
               np.array([[1.0, 2.5, -3.125], [4.0, 0.001, 6.5]]), delimiter=",", fmt="%.3f")


FIXTURES = ["int32_c.npy", "float64_f.npy", "float16.npy", "uint8_3d.npy", "bool.npy",
            "mixed.npz", "compressed.npz", "table.csv"]


def describe(name):
    path = os.path.join(HERE, name)
    lines = ["== " + name]
    if name.endswith(".npy"):
        lines.append(repr(np.load(path)))
    elif name.endswith(".npz"):
        with np.load(path) as archive:
            for key in sorted(archive.files):
                lines.append("%s: %s" % (key, repr(archive[key])))
    else:
        lines.append(repr(np.loadtxt(path, delimiter=",")))
    return "\n".join(lines) + "\n"


def main():
    write_fixtures()
    text = "".join(describe(name) for name in FIXTURES)
    with open(os.path.join(HERE, "expected.txt"), "w", encoding="utf-8") as f:
        f.write(text)
    print("NumPy %s: wrote %d fixtures and expected.txt" % (np.__version__, len(FIXTURES)))


if __name__ == "__main__":
    main()
