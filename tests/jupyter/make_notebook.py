"""Writes demo.ipynb: the notebook CI executes headless with the nt kernel.

Its cells are valid Python too; run_notebook.py --bless runs it with ipykernel +
NumPy + PyTorch and records what each cell shows (demo.expected), which nt must match.
"""
import os

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))

CELLS = [
    "import numpy as np\nimport torch\na = np.arange(12.0).reshape(3, 4)\na",
    "print(a.sum(axis=0))\na.mean()",
    "t = torch.tensor([[1, 2, 3], [4, 5, 6]])\nt ** 2",
    # A tiny model, trained: the loss printed as it falls, then the weights it learned.
    "torch.manual_seed(0)\n"
    "x = torch.linspace(-1, 1, 32).reshape(-1, 1)\n"
    "y = 3 * x + 0.5\n"
    "model = torch.nn.Linear(1, 1)\n"
    "opt = torch.optim.SGD(model.parameters(), lr=0.5)\n"
    "losses = []\n"
    "for step in range(30):\n"
    "    opt.zero_grad()\n"
    "    loss = torch.nn.functional.mse_loss(model(x), y)\n"
    "    loss.backward()\n"
    "    losses.append(loss.item())\n"
    "    opt.step()\n"
    "    if step % 10 == 0:\n"
    "        print(step, round(loss.item(), 4))\n"
    "model.weight.item() > 2.9, round(model.bias.item(), 3)",
    "def f(x):\n    return 1 / x\nf(0)",
    # A plot of the training curve: shown after the cell as a PNG (display_data).
    "import matplotlib.pyplot as plt\n"
    "plt.plot(losses, 'o-', label='training loss')\n"
    "plt.yscale('log')\n"
    "plt.xlabel('step')\n"
    "plt.ylabel('MSE')\n"
    "plt.legend()\n"
    "plt.title('Linear model, SGD')",
    "a.shape",
]


def main():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in CELLS]
    nbformat.write(nb, os.path.join(HERE, "demo.ipynb"))


if __name__ == "__main__":
    main()
