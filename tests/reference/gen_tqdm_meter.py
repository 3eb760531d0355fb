"""Writes tqdm_meter_cases.txt: tqdm's own progress-bar text (tqdm.format_meter with
its defaults) for some (n, total, elapsed), for src/interp/builtins/progress.rs's test.

    pip install tqdm && python3 tests/reference/gen_tqdm_meter.py
"""
import os

from tqdm import tqdm

CASES = [(0, 1000, 0.0), (450, 1000, 1.09), (1000, 1000, 2.5), (1, 3, 0.5), (7, 8, 3.0),
         (33, 100, 61.0), (5, 10, 4000.0), (12, None, 3.2), (0, None, 0.0), (99, 100, 0.01),
         (3, 7, 10.0)]

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "tqdm_meter_cases.txt"), "w", encoding="utf-8") as f:
    for n, total, elapsed in CASES:
        t = "None" if total is None else total
        f.write(f"{n}\t{t}\t{elapsed!r}\t{tqdm.format_meter(n, total, elapsed)}\n")
