# math.fsum as CPython computes it: exact partials, half-even rounding across them,
# special values summed apart; slices with the largest int bounds are empty or whole.
import math
print(math.fsum([0.1] * 10))
print(math.fsum([1e-16, 1.0, 1e16]))
print(math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.fsum([float("inf"), 1.0]))
print(math.fsum([float("nan"), 1.0]))
print(math.fsum([]))
print(math.fsum([2.0 ** 53, 1.0, 1.0]))
print(math.fsum([1e308, -1e308, 1e308]))
lst = [1, 2, 3]
print(lst[9223372036854775807:], lst[:9223372036854775807], lst[-9223372036854775807:])
print("abc"[9223372036854775807:], (1, 2)[9223372036854775807:], lst[::9223372036854775807])
