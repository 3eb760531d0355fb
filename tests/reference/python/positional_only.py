# Positional-only parameters (before /), in def and lambda, with **kwargs and errors.
def f(a, b, /, c, *, d=4):
    return a, b, c, d
print(f(1, 2, 3), f(1, 2, c=3, d=5))
def g(x, /, **kw):
    return x, kw
print(g(1, x=2, y=3))
h = lambda p, /, q=2: p + q
print(h(1), h(1, q=5))
try:
    f(1, b=2, c=3)
except TypeError as e:
    print(e)
try:
    f(a=1, b=2, c=3)
except TypeError as e:
    print(e)
def k(a, /):
    return a
print(k(7), k.__defaults__)
