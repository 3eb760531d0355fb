# Recursive calls: the cost of a Python function call and return.
import time


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


t0 = time.perf_counter()
result = fib(27)
elapsed = time.perf_counter() - t0
print("fib(27) =", result)
print("seconds", elapsed)
