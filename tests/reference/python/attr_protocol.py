# The attribute protocol (__setattr__, __getattr__, __delattr__, del obj.x, vars,
# __dict__), NotImplemented in binary operators and ==, __format__, __hash__, and
# instances printing through their __repr__ inside containers and exceptions' __str__.
class A:
    def __init__(self):
        self.y = 0
    def __setattr__(self, k, v):
        print('set', k, v)
        super().__setattr__(k, v * 2 if isinstance(v, int) else v)
    def __getattr__(self, name):
        if name.startswith('z'):
            return 'dyn_' + name
        raise AttributeError(f"no {name}")
a = A()
a.x = 1
print(a.x, a.y, a.zeta, hasattr(a, 'q'), getattr(a, 'q', 'dflt'))
class B:
    pass
b = B()
b.x = 1
del b.x
print(hasattr(b, 'x'))
setattr(b, 'w', 5)
delattr(b, 'w')
print(vars(b), b.__dict__)
b.k = 3
print(vars(b), b.__dict__)
try:
    del b.nope
except AttributeError as e:
    print(e)
class C:
    def __delattr__(self, k):
        print('del', k)
c = C()
del c.foo
class P:
    def __init__(self, x):
        self.x = x
    def __eq__(self, o):
        return isinstance(o, P) and o.x == self.x
try:
    {P(1): 1}
except TypeError as e:
    print(e)
print(P(1) == P(1), P(1) != P(2))
class H:
    def __hash__(self):
        return 42
print(hash(H()))
class N:
    def __format__(self, spec):
        return 'N<' + spec + '>'
print(f"{N():>10}", format(N(), 'x'), '{:abc}'.format(N()))
print(issubclass(bool, int), issubclass(C, object), isinstance(c, object))
print(NotImplemented)
class V:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        if not isinstance(o, V):
            return NotImplemented
        return V(self.v + o.v)
    def __radd__(self, o):
        return V(self.v + o)
    def __eq__(self, o):
        if not isinstance(o, V):
            return NotImplemented
        return self.v == o.v
print((V(1) + V(2)).v, (5 + V(1)).v, V(1) == 3, V(2) == V(2))
try:
    V(1) + 'a'
except TypeError as e:
    print(e)
class B:
    def __repr__(self):
        return 'B!'
print([B()], (B(),), {'k': B()}, {B(): 1} if False else '', [[B()]])
print(f"{[B()]}", str([B()]), repr({1: [B()]}))
class E(Exception):
    def __str__(self):
        return 'custom'
    def m(self):
        return 'method'
e = E('a')
print(str(e), repr(e), e.m(), f"{e}")
try:
    raise E('b')
except E as x:
    print('caught', x)
