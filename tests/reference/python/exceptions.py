# try/except/else/finally, raise, the built-in exception hierarchy, exception objects.
def risky(x):
    if x == 0:
        raise ValueError("zero")
    if x == 1:
        raise KeyError("k")
    return 10 / (x - 2)


for x in range(4):
    try:
        print("ok", risky(x))
    except ValueError as e:
        print("value", e, repr(e), e.args)
    except LookupError as e:
        print("lookup", type(e).__name__, str(e), e.args)
    except ZeroDivisionError:
        print("zero division")
    else:
        print("else ran")
    finally:
        print("finally", x)


def returns_in_try():
    try:
        return "from try"
    finally:
        print("cleanup")


print(returns_in_try())


def loop_with_finally():
    i = -1
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("i", i)
        finally:
            print("fin", i)
    return i


print(loop_with_finally())

try:
    try:
        {}["missing"]
    except KeyError:
        print("caught inner")
        raise
except Exception as e:
    print("outer", repr(e), e.args)

try:
    raise RuntimeError("a") from ValueError("b")
except RuntimeError as e:
    print(repr(e), repr(e.__cause__))

try:
    [1][5]
except (TypeError, IndexError) as e:
    print("tuple", e)

print(isinstance(ValueError("x"), Exception), isinstance(KeyboardInterrupt(), Exception))
print(isinstance(IndexError(), LookupError), isinstance(KeyError(), IndexError))
print(ValueError, ValueError("a", 2), str(ValueError("a", 2)), repr(str(ValueError())))
print(repr(KeyError("k")), str(KeyError("k")), str(KeyError("a", "b")))

for bad in ["1 / 0", "int('x')", "[][0]", "{}['a']", "undefined_name", "'a' + 1", "(1).nope"]:
    try:
        eval_like = {"1 / 0": lambda: 1 / 0,
                     "int('x')": lambda: int("x"),
                     "[][0]": lambda: [][0],
                     "{}['a']": lambda: {}["a"],
                     "undefined_name": lambda: undefined_name,
                     "'a' + 1": lambda: "a" + 1,
                     "(1).nope": lambda: (1).nope}[bad]
        eval_like()
    except Exception as e:
        print(bad, "->", type(e).__name__, e)

try:
    1 / 0
except ArithmeticError as e:
    print("arith", e)


def deep(n):
    return deep(n + 1)


try:
    deep(0)
except RecursionError as e:
    print("recursion", e)


def cleanup_order():
    log = []
    try:
        try:
            log.append("body")
            raise ValueError("v")
        finally:
            log.append("inner finally")
    except ValueError:
        log.append("handler")
    finally:
        log.append("outer finally")
    return log


print(cleanup_order())


def handler_returns():
    try:
        raise TypeError("t")
    except TypeError:
        return "handled"
    finally:
        print("finally before return")


print(handler_returns())

e = ValueError("kept")
try:
    raise e
except ValueError as caught:
    print(caught is e, caught.args)

try:
    raise ValueError
except ValueError as v:
    print("class raised:", repr(v), v.args)

count = 0
while True:
    try:
        count += 1
        if count < 3:
            raise StopIteration("again")
        break
    except StopIteration:
        continue
print("count", count)
