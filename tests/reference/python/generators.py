# Generators: yield, yield from, generator expressions, next() and StopIteration, finally in a generator.
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1

print(list(count(4)))
g = count(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration:
    print("done")

def pairs(xs):
    for i, x in enumerate(xs):
        if x % 2:
            yield i, x
print(list(pairs([1, 2, 3, 5])))

def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], (3,), range(4, 6))))

print(sum(x * x for x in range(10)))
total = 0
k = 3
print(list(x + k for x in range(3) if x != 1))
print(max((len(w), w) for w in "a bb ccc".split()))
def batches(data, size):
    for start in range(0, len(data), size):
        yield data[start:start + size]
for b in batches(list(range(7)), 3):
    print(b)

def gen_with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("gen cleanup")
for v in gen_with_finally():
    print("got", v)

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
def raiser():
    yield 1
    raise ValueError("inside gen")
try:
    for v in raiser():
        print("v", v)
except ValueError as e:
    print("caught", e)
nested = [[1, 2], [3]]
print(list(y for xs in nested for y in xs))
print(dict((k, k * 2) for k in range(3)))
print(any(x > 3 for x in [1, 5]), all(x > 0 for x in [1, -1]))
gen = (x for x in [1])
print(type(gen), type(gen).__name__, type(gen) is type(x for x in []))
