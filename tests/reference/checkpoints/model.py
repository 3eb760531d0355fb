# The model both sides build: a small CNN with every kind of state a state dict holds
# (weights, biases, BatchNorm's running statistics and its int64 num_batches_tracked).
# Valid in nt and in Python; imported by session.py and write.py.
import torch
import torch.nn as nn


def make_model():
    return nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1),
        nn.BatchNorm2d(4),
        nn.ReLU(),
        nn.Flatten(),
        nn.Linear(4 * 5 * 5, 3),
    )


def make_input():
    return torch.linspace(-1.0, 1.0, 2 * 25).reshape(2, 1, 5, 5)
