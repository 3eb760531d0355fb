# A PyTorch-style program, unmodified: an nn.Module subclass, a Dataset subclass and a
# DataLoader, a generator of mini-batches, a training loop with try/except, a
# torch.autograd.Function subclass checked by gradcheck, and a scalar autograd `Value`
# class whose gradients match PyTorch's.
import math
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import Dataset, DataLoader, TensorDataset
from torch.autograd import Function, gradcheck

torch.manual_seed(0)


class Blobs(Dataset):
    def __init__(self, n):
        self.x = torch.randn(n, 2)
        self.y = (self.x[:, 0] + self.x[:, 1] > 0).long()

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


class Net(nn.Module):
    def __init__(self, hidden=8):
        super().__init__()
        self.fc1 = nn.Linear(2, hidden)
        self.fc2 = nn.Linear(hidden, 2)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


def batches(ds, size):
    for start in range(0, len(ds), size):
        idx = list(range(start, min(start + size, len(ds))))
        yield torch.stack([ds[i][0] for i in idx]), torch.stack([ds[i][1] for i in idx])


ds = Blobs(64)
model = Net()
print(model)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(3):
    total = 0.0
    for xb, yb in batches(ds, 16):
        opt.zero_grad()
        loss = F.cross_entropy(model(xb), yb)
        loss.backward()
        opt.step()
        total += loss.item()
    try:
        if not math.isfinite(total):
            raise ValueError("loss diverged")
        print(epoch, round(total, 4))
    except ValueError as e:
        print("stopped:", e)
        break

loader = DataLoader(ds, batch_size=20)
print(len(loader), [tuple(xb.shape) for xb, yb in loader])
correct = sum(int((model(xb).argmax(1) == yb).sum()) for xb, yb in loader)
print("accuracy", correct / len(ds))
td = TensorDataset(torch.arange(6.0).reshape(3, 2), torch.tensor([0, 1, 0]))
print(len(td), td[1], next(iter(DataLoader(td, batch_size=2))))


class Square(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        return 2 * x * grad_out


class WrongSquare(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        return 3 * x * grad_out


x = torch.randn(4, dtype=torch.float64, requires_grad=True)
y = Square.apply(x)
print(y.grad_fn is not None, torch.allclose(y, x * x))
y.sum().backward()
print(torch.allclose(x.grad, 2 * x))
print(gradcheck(Square.apply, (x,)), gradcheck(WrongSquare.apply, (x,), raise_exception=False))


class Value:
    def __init__(self, data, children=()):
        self.data = data
        self.grad = 0.0
        self._prev = children
        self._backward = lambda: None

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def tanh(self):
        t = math.tanh(self.data)
        out = Value(t, (self,))

        def _backward():
            self.grad += (1 - t * t) * out.grad

        out._backward = _backward
        return out

    def backward(self):
        topo, seen = [], set()

        def build(v):
            if v not in seen:
                seen.add(v)
                for c in v._prev:
                    build(c)
                topo.append(v)

        build(self)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()


w1 = [[0.5, -0.3], [0.8, 0.1], [-0.6, 0.9]]
w2 = [0.7, -1.1, 0.4]
xs = [1.5, -2.0]
vw1 = []
for row in w1:
    vw1.append([Value(w) for w in row])
hidden = [sum((w * xi for w, xi in zip(row, xs)), Value(0.0)).tanh() for row in vw1]
vw2 = [Value(w) for w in w2]
out = sum((w * h for w, h in zip(vw2, hidden)), Value(0.0))
out.backward()
tw1 = torch.tensor(w1, dtype=torch.float64, requires_grad=True)
tw2 = torch.tensor(w2, dtype=torch.float64, requires_grad=True)
tout = tw2 @ torch.tanh(tw1 @ torch.tensor(xs, dtype=torch.float64))
tout.backward()
print(round(out.data, 12), round(tout.item(), 12))
print([[round(w.grad, 12) for w in row] for row in vw1])
print([[round(g, 12) for g in row] for row in tw1.grad.tolist()])
print([round(w.grad, 12) for w in vw2], [round(g, 12) for g in tw2.grad.tolist()])
