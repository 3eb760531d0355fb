# Instances of classes with their own __hash__ and __eq__ as dict keys and set items:
# equal instances are one key, the first-inserted key object is kept, tuples and
# frozensets of them, dataclass(frozen=True)-style value objects, identity before __eq__,
# errors from __hash__ and __eq__, and sets printing in CPython's order.
class Point:
    calls = 0

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        Point.calls += 1
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


a, b, c = Point(1, 2), Point(1, 2), Point(3, 4)
d = {a: "first"}
d[b] = "second"
print(d, len(d))
print(list(d)[0] is a, d[Point(1, 2)], Point(1, 2) in d, c in d)
d[c] = "third"
print(d.get(Point(3, 4)), d.get(Point(9, 9), "none"), d.pop(Point(1, 2)), d)
s = {a, b, c, Point(5, 6), Point(3, 4)}
print(len(s), Point(5, 6) in s, Point(7, 8) in s)
print(sorted(s, key=lambda p: (p.x, p.y)))
s.discard(Point(5, 6))
s.remove(Point(3, 4))
print(s)
try:
    s.remove(Point(0, 0))
except KeyError as e:
    print("KeyError", e)
print({(a, 1): "t"}[(b, 1)], frozenset([a, b]) == frozenset([b]))
counts = {}
for p in [Point(0, 0), Point(1, 1), Point(0, 0), Point(0, 0)]:
    counts[p] = counts.get(p, 0) + 1
print(counts)
print(set([Point(1, 2), Point(1, 2)]) == {Point(1, 2)}, dict.fromkeys([a, b, c]))


class Always:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        return False

    def __repr__(self):
        return f"Always({self.h})"


x = Always(7)
print({x: 1}[x], x in {x}, Always(7) in {x}, len({Always(7), Always(7)}))


class Key:
    def __init__(self, name):
        self.name = name

    def __hash__(self):
        return len(self.name)

    def __eq__(self, other):
        return isinstance(other, Key) and self.name.lower() == other.name.lower()

    def __repr__(self):
        return f"Key({self.name!r})"


k = {Key("Alpha"): 1, Key("beta"): 2}
k[Key("ALPHA")] = 10
print(k, {Key("a"), Key("b"), Key("A")}, Key("BETA") in k)


class BadHash:
    def __hash__(self):
        return "no"


try:
    {BadHash(): 1}
except TypeError as e:
    print("TypeError", e)


class Raising:
    def __hash__(self):
        raise ValueError("cannot hash")


try:
    {Raising()}
except ValueError as e:
    print("ValueError", e)


class EqRaises:
    def __hash__(self):
        return 1

    def __eq__(self, other):
        raise RuntimeError("no comparing")


e1 = EqRaises()
t = {e1: "kept"}
print(t[e1])
try:
    t[EqRaises()]
except RuntimeError as e:
    print("RuntimeError", e)


class Big:
    def __hash__(self):
        return 2**70

    def __eq__(self, other):
        return isinstance(other, Big)


print(hash(Big()) == hash(2**70), {Big(): 1}[Big()])


class Child(Point):
    pass


print({Child(1, 2): "child"}[Point(1, 2)], {Point(1, 2)} == {Child(1, 2)})
for bad in [(), (1,), ([1], 2, 3)]:
    try:
        dict.fromkeys(*bad)
    except TypeError as e:
        print("TypeError", e)
print(dict.fromkeys("ab", 0), dict.fromkeys([]))
try:
    raise KeyError(Point(8, 9))
except KeyError as e:
    print(e, repr(e), e.args)
print(str(ValueError(Point(1, 1), "x")), repr(ValueError(Point(0, 1))))
