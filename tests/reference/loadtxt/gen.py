"""np.loadtxt on files a reference session cannot write or read without a warning.

Bytes that are not UTF-8: each case is `LINES HEX`: the file is b'1\n' * LINES, then
the bytes HEX, then b'\n' (`LINES HEX -`: no newline). A file with no rows, which NumPy
reads with a UserWarning (nt has no warnings): each case is `EMPTY KWARGS`, the
keyword arguments as Python source. Writes the case, a tab, then NumPy's
`type: message` or the result's repr (run from the repo root:
python3 tests/reference/loadtxt/gen.py > tests/reference/loadtxt/cases.txt).
"""
import os
import tempfile
import warnings

import numpy as np

CASES = [
    "12 d041",        # a lead byte whose next byte is not a continuation
    "5 80",           # a continuation byte where a character starts
    "5 ff",           # a byte that never starts a character
    "15 e28241",      # a three-byte character cut after two bytes
    "15 f0908041",    # a four-byte character cut after three bytes
    "15 e0",          # the data ends inside a character (the newline follows it)
    "10000 d041",     # in the second 16 KiB block: counted from the block
    "8191 e282ac41d041",  # a character the block boundary splits, then a bad byte
    "8191 41e241",    # a bad sequence that starts just before a block boundary
    "35000 c0af",     # an overlong form, in the fifth block
]


def main():
    d = tempfile.mkdtemp()
    path = os.path.join(d, "bad.txt")
    for case in CASES:
        lines, hexbytes = case.split()
        with open(path, "wb") as f:
            f.write(b"1\n" * int(lines) + bytes.fromhex(hexbytes) + b"\n")
        try:
            np.loadtxt(path)
            out = "no error"
        except Exception as e:
            out = f"{type(e).__name__}: {e}"
        print(f"{case}\t{out}")
    # The data ends inside a character: nothing follows it.
    with open(path, "wb") as f:
        f.write(b"1\n" * 3 + bytes.fromhex("e282"))
    try:
        np.loadtxt(path)
    except Exception as e:
        print(f"3 e282 -\t{type(e).__name__}: {e}")
    open(path, "w").close()
    for kwargs in ["", "ndmin=2", "ndmin=1", "usecols=(0, 1)", "dtype=np.int32"]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = eval(f"np.loadtxt(path, {kwargs})")
        print(f"EMPTY {kwargs}\t{got!r}")


main()
