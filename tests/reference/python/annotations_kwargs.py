# Annotations (read, not kept), **kwargs, keyword-only parameters.
def f(x: int, y: float = 2.0, *rest: int, scale: float = 1.0, **opts: str) -> float:
    return (x + y + sum(rest)) * scale, opts


print(f(1))
print(f(1, 2, 3, 4, scale=2.0, mode="fast", name="n"))
z: int = 5
w: float
print(z)


def g(**kw):
    return sorted(kw.items())


print(g(b=2, a=1), g())


def h(a, **kw):
    return a, kw


print(h(1, a2=3), h(a=5, c=6))
try:
    h(1, a=2)
except TypeError as e:
    print(e)


class M:
    count: int = 0

    def set(self, v: int) -> None:
        self.count = v


m = M()
m.set(3)
print(m.count, M.count)
