# Assignment expressions: in conditions, comprehensions (binding in the enclosing
# scope), call arguments and displays.
if (n := 10) > 5:
    print(n)
data = [1, 5, 12, 7, 30]
print([y for x in data if (y := x * 2) > 10], y)
def f(xs):
    total = 0
    while (k := len(xs)) > 0:
        total += xs.pop()
    return total, k
print(f([1, 2, 3]))
print([last := i for i in range(3)], last)
def g():
    return [z := w + 1 for w in range(4)], z
print(g())
print(print_me := 'hi', {a := 1, a + 1})
if m := 3:
    print(m)
import math
print(max(v := 4, 2), v)
