# A scalar autograd engine (a `Value` class with operator methods, as in the classic
# first autograd lesson) training a tiny MLP on Python floats.
import math
import time


class Value:
    def __init__(self, data, children=(), op=""):
        self.data = data
        self.grad = 0.0
        self._backward = None
        self._prev = children
        self._op = op

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def tanh(self):
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad += (1.0 - t * t) * out.grad

        out._backward = _backward
        return out

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def backward(self):
        topo = []
        visited = {}

        def build(v):
            if v not in visited:
                visited[v] = True
                for child in v._prev:
                    build(child)
                topo.append(v)

        build(self)
        self.grad = 1.0
        for v in reversed(topo):
            if v._backward is not None:
                v._backward()


class Neuron:
    def __init__(self, weights):
        self.w = [Value(w) for w in weights]
        self.b = Value(0.0)

    def __call__(self, x):
        act = self.b
        for wi, xi in zip(self.w, x):
            act = act + wi * xi
        return act.tanh()

    def parameters(self):
        return self.w + [self.b]


class Layer:
    def __init__(self, nin, nout, seed):
        self.neurons = []
        for j in range(nout):
            ws = []
            for i in range(nin):
                seed = (seed * 1103515245 + 12345) % 2147483648
                ws.append(seed / 2147483648 * 2.0 - 1.0)
            self.neurons.append(Neuron(ws))
        self.seed = seed

    def __call__(self, x):
        return [n(x) for n in self.neurons]

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]


class MLP:
    def __init__(self, sizes):
        self.layers = []
        seed = 42
        for nin, nout in zip(sizes[:-1], sizes[1:]):
            layer = Layer(nin, nout, seed)
            seed = layer.seed
            self.layers.append(layer)

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x[0]

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]


xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
ys = [1.0, -1.0, -1.0, 1.0]

t0 = time.perf_counter()
model = MLP([3, 8, 8, 1])
for step in range(40):
    loss = Value(0.0)
    for x, y in zip(xs, ys):
        d = model(x) - y
        loss = loss + d * d
    for p in model.parameters():
        p.grad = 0.0
    loss.backward()
    for p in model.parameters():
        p.data -= 0.05 * p.grad
elapsed = time.perf_counter() - t0
print("loss =", round(loss.data, 10))
print("seconds", elapsed)
