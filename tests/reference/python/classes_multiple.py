# Multiple inheritance: C3 method resolution order, cooperative super(), mixins,
# __mro__/__bases__, issubclass, and CPython's error for an inconsistent order.
class A:
    def who(self):
        return 'A'
    def chain(self):
        return ['A']
class B(A):
    def who(self):
        return 'B' + super().who()
    def chain(self):
        return ['B'] + super().chain()
class C(A):
    def who(self):
        return 'C' + super().who()
    def chain(self):
        return ['C'] + super().chain()
class D(B, C):
    def chain(self):
        return ['D'] + super().chain()
d = D()
print(d.who(), d.chain())
print([k.__name__ for k in D.__mro__])
print(D.__bases__, isinstance(d, C), issubclass(D, A), issubclass(D, (int, C)), issubclass(B, C))
class Mixin:
    def hello(self):
        return f"hello from {type(self).__name__}"
class Base:
    def __init__(self, x):
        self.x = x
class Thing(Mixin, Base):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
t = Thing(1, 2)
print(t.hello(), t.x, t.y, Thing.__mro__)
try:
    class Bad(A, B):
        pass
except TypeError as e:
    print(e)
class X: pass
class Y: pass
class Z(X, Y): pass
class W(Y, X): pass
try:
    class V(Z, W): pass
except TypeError as e:
    print(e)
