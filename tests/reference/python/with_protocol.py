# with on instances: __enter__ binds, __exit__ sees the exception and may suppress it.
class Ctx:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress
with Ctx("a") as v:
    print("body", v)
with Ctx("b", suppress=True):
    raise ValueError("boom")
print("after b")
try:
    with Ctx("c"), Ctx("d") as d:
        print("inner", d)
        1 / 0
except ZeroDivisionError as e:
    print("caught", e)
def f():
    with Ctx("e"):
        return 5
print(f())
for i in range(3):
    with Ctx(f"loop{i}"):
        if i == 1:
            break
try:
    with 5:
        pass
except TypeError as e:
    print(e)
