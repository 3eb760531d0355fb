# Generators' send, throw and close: the value a yield evaluates to, exceptions thrown in
# where it stopped, finally blocks run by close, StopIteration carrying the return value.
def acc():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    return total
g = acc()
print(next(g), g.send(5), g.send(10))
try:
    g.send(None)
except StopIteration as e:
    print("stop", e)
def careful():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
c = careful()
print(next(c))
c.close()
print("closed")
c.close()
def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("caught", e)
k = catcher()
print(next(k), k.throw(ValueError("bad")), k.throw(ValueError, ))
try:
    k.throw(KeyError("x"))
except KeyError as e:
    print("propagated", repr(e))
try:
    acc().send(3)
except TypeError as e:
    print(e)
