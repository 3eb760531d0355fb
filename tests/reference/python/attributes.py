# Attributes of functions and classes: __name__, __doc__, __defaults__, attributes a
# program sets on them, class attributes assigned after the class statement.
def area(w, h=2, *, unit="m"):
    """Area of a rectangle."""
    return w * h


def plain():
    return 1


print(area.__name__, area.__qualname__, area.__doc__, plain.__doc__, area.__defaults__, plain.__defaults__)
print(area.__module__, (lambda: 0).__name__)
area.calls = 0
area.calls += 1
print(area.calls, hasattr(area, "calls"), getattr(area, "missing", "default"))
area.__name__ = "renamed"
print(area.__name__, area.__qualname__)


class Counter:
    """Counts instances."""
    created = 0

    def __init__(self):
        Counter.created += 1
        self.n = Counter.created


a, b, c = Counter(), Counter(), Counter()
print(Counter.created, a.n, b.n, c.n, a.created, Counter.__name__, Counter.__qualname__, Counter.__module__)
Counter.limit = 10
setattr(Counter, "kind", "counter")
print(Counter.limit, a.limit, Counter.kind, getattr(Counter, "kind"), hasattr(Counter, "nope"))


def describe(self):
    return f"Counter #{self.n}"


Counter.describe = describe
print(a.describe(), c.describe())
a.created = 99
print(a.created, Counter.created, b.created)
print(id(a) == id(a), id(a) != id(b), callable(area), callable(a), callable(Counter))
