# A float loop: local variables, arithmetic on Python floats, a while loop.
import time


def integrate(n):
    # midpoint rule for 4 / (1 + x*x) on [0, 1]
    h = 1.0 / n
    total = 0.0
    i = 0
    while i < n:
        x = (i + 0.5) * h
        total += 4.0 / (1.0 + x * x)
        i += 1
    return total * h


t0 = time.perf_counter()
result = integrate(1000000)
elapsed = time.perf_counter() - t0
print("pi ~", round(result, 10))
print("seconds", elapsed)
