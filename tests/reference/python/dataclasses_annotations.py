# dataclasses: @dataclass with defaults, default_factory, __post_init__, order, inheritance,
# asdict/astuple/replace/fields, CPython's errors; and annotations kept in __annotations__.
from dataclasses import dataclass, field, asdict, astuple, replace, fields, is_dataclass


@dataclass
class Point:
    x: float
    y: float = 0.0


@dataclass(order=True)
class Item:
    name: str
    price: float
    tags: list = field(default_factory=list)

    def __post_init__(self):
        self.label = self.name.upper()


@dataclass
class Point3(Point):
    z: float = 1.0


p = Point(1.5)
print(p, p.x, p.y, Point(1, 2) == Point(1, 2), Point(1, 2) == Point(2, 1))
a = Item("apple", 1.25)
b = Item("banana", 0.5, ["fruit"])
print(a, b, a.label, a < b, sorted([b, a]) == [a, b], a.tags is not Item("x", 1).tags)
print(asdict(b), astuple(p), replace(p, y=9), [f.name for f in fields(Item)], is_dataclass(p), is_dataclass(3))
print(Point3(1, 2, 3), Point3(4), Point.__annotations__)
try:
    Point()
except TypeError as e:
    print(e)
try:
    Point(1, 2, 3)
except TypeError as e:
    print(e)
try:
    Point(1, q=2)
except TypeError as e:
    print(e)
try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print(e)
try:
    @dataclass
    class Bad2:
        a: list = []
except ValueError as e:
    print(e)

x: int = 5
y: str
print(x, __annotations__)
class P:
    a: int
    b: float = 2.5
    c: list = []
print(P.__annotations__, P.b)
def f():
    z: int = 3
    w: undefined_name_never_evaluated
    return z
print(f())
try:
    print(y)
except NameError as e:
    print(e)
