# dataclasses: frozen=True (FrozenInstanceError on assignment and deletion, hashing by
# fields, use as dict keys and set items), unsafe_hash, eq without a hash making instances
# unhashable, an explicit __hash__ kept, the inheritance rules between frozen and
# non-frozen dataclasses, and __dataclass_params__.
from dataclasses import dataclass, field, FrozenInstanceError, replace, astuple
import dataclasses


@dataclass(frozen=True)
class Point:
    x: int
    y: int = 0


p = Point(1, 2)
print(p, p == Point(1, 2), hash(p) == hash((1, 2)))
try:
    p.x = 5
except FrozenInstanceError as e:
    print(type(e).__name__, e, isinstance(e, AttributeError))
try:
    p.z = 1
except AttributeError as e:
    print("AttributeError", e)
try:
    del p.y
except FrozenInstanceError as e:
    print("FrozenInstanceError", e)
seen = {p: "first", Point(3): "second"}
print(seen[Point(1, 2)], Point(3, 0) in seen, len({Point(1), Point(1, 0), Point(2)}))
print(replace(p, y=9), astuple(p))
print(Point.__dataclass_params__)


@dataclass(unsafe_hash=True)
class Tagged:
    name: str
    weight: float = field(default=1.0, hash=False)
    notes: list = field(default_factory=list, compare=False)


t = Tagged("a", 2.0)
print(hash(t) == hash(("a",)), {t: 1}[Tagged("a", 2.0)])
t.weight = 3.0
print(t)


@dataclass
class Plain:
    a: int


try:
    {Plain(1)}
except TypeError as e:
    print("TypeError", e)
print(Plain.__hash__)


@dataclass(eq=False)
class Identity:
    a: int


i = Identity(1)
print({i: 1}[i], Identity(1) == Identity(1))


@dataclass(frozen=True)
class Explicit:
    a: int

    def __hash__(self):
        return 7


print(hash(Explicit(1)))


@dataclass(frozen=True)
class Base:
    a: int


@dataclass(frozen=True)
class Child(Base):
    b: int = 0


c = Child(1, 2)
print(c, hash(c) == hash((1, 2)))
try:
    c.a = 2
except FrozenInstanceError as e:
    print("FrozenInstanceError", e)

try:
    @dataclass
    class Thawed(Base):
        c: int = 0
except TypeError as e:
    print("TypeError", e)


@dataclass
class Mutable:
    a: int


try:
    @dataclass(frozen=True)
    class Frozen(Mutable):
        b: int = 0
except TypeError as e:
    print("TypeError", e)

try:
    @dataclass(unsafe_hash=True)
    class Clash:
        a: int

        def __hash__(self):
            return 1
except TypeError as e:
    print("TypeError", e)

try:
    @dataclass(frozen=True)
    class Clash2:
        a: int

        def __setattr__(self, name, value):
            pass
except TypeError as e:
    print("TypeError", e)
print(dataclasses.is_dataclass(Point), dataclasses.fields(Point)[1].name)
