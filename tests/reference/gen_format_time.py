"""Writes format_time_cases.txt: seconds and IPython's %timeit formatting of them
(IPython.core.magics.execution._format_time), for src/repl/commands.rs's test.

    pip install ipython && python3 tests/reference/gen_format_time.py
"""
import os

from IPython.core.magics.execution import _format_time

CASES = [1.42e-5, 2.45e-7, 0.0015, 3.0, 0.1234, 5e-10, 0.000999, 1e-3, 59.0, 61.5, 12.0,
         1.0, 0.5, 2.5e-8, 7.77e-6, 1234e-9, 0.0999, 125.0, 3.3e-11]

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "format_time_cases.txt"), "w", encoding="utf-8") as f:
    for t in CASES:
        f.write(f"{t!r}\t{_format_time(t)}\n")
