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
    # A figure drawn in a cell is shown after it as a PNG (display_data).
    code_display_data = [
        {"code": "import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.show()", "mime": "image/png"},
        {"code": "import matplotlib.pyplot as plt\n_ = plt.bar(['a', 'b'], [2, 1])", "mime": "image/png"},
    ]

    def test_nt_interrupt_stops_the_cell_and_keeps_variables(self):
        """An interrupt request stops a running cell with KeyboardInterrupt; the
        variables it set before stay, and the next cell runs."""
        self.flush_channels()
        msg_id = self.kc.execute("kept = 41\nwhile True:\n    pass")
        import time
        time.sleep(1.0)
        self.km.interrupt_kernel()
        reply = self.get_non_kernel_info_reply(timeout=20)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")
        time.sleep(0.5)
        self.flush_channels()
        reply, output_msgs = self.execute_helper(code="kept + 1")
        self.assertEqual(reply["content"]["status"], "ok")
        results = [m for m in output_msgs if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"]["text/plain"], "42")

    def test_nt_comms_are_closed_politely(self):
        self.flush_channels()
        self.kc.comm_info()
        reply = self.get_non_kernel_info_reply(timeout=10)
        self.assertEqual(reply["content"], {"status": "ok", "comms": {}})


if __name__ == "__main__":
    unittest.main()
