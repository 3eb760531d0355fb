"""The Jupyter project's kernel test suite (jupyter_kernel_test) against `nt kernel`.

Run by .ci/run after `nt kernel install --prefix <venv>`:
    <venv>/bin/python -m pytest -q tests/jupyter/test_nt_kernel.py
"""
import unittest

import jupyter_kernel_test as jkt


class NtKernelTests(jkt.KernelTests):
    kernel_name = "nt"
    language_name = "nt"
    file_extension = ".nt"
    code_hello_world = "print('hello, world')"
    code_stderr = "import sys\nprint('oops', file=sys.stderr)"
    completion_samples = [
        {"text": "zi", "matches": {"zip"}},
        {"text": "np.linsp", "matches": {"linspace"}},
    ]
    complete_code_samples = ["1", "print('hello, world')", "def f(x):\n    return x*2\n\n"]
    incomplete_code_samples = ["print('''hello", "for i in range(3):", "x = (1 +"]
    invalid_code_samples = ["import = 7q"]
    code_inspect_sample = "zip"
    code_execute_result = [
        {"code": "1+2+3", "result": "6"},
        {"code": "[n*n for n in range(1, 4)]", "result": "[1, 4, 9]"},
        {"code": "x = tensor([1., 2.])\nx * 2", "result": "tensor([2., 4.])"},
    ]
    code_history_pattern = "1?2*"
    supported_history_operations = ("tail", "range", "search")
    code_generate_error = "raise ValueError('boom')"


if __name__ == "__main__":
    unittest.main()
