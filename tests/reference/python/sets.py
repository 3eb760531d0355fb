# Sets and frozensets: displays, comprehensions, methods, operators, and CPython's
# iteration order (its hash table: resizes, dummies, merges), with PYTHONHASHSEED=0.
print({3, 1, 2}, {1, 16, 2, 3, 4}, set(), frozenset())
a = 16
print({1, a, 2, 3, 4}, {x for x in [1, 16, 2, 3, 4]}, set([1, 16, 2, 3, 4]))
print({x * 7 % 50 for x in range(40)})
print(set(range(100, 0, -7)))
words = {'apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape'}
print(words)
print(set('mississippi'), frozenset('abracadabra'))
print({(1, 2), (2, 1), (0, 0), (-1, -1)}, {1.5, -2.25, 0.1, 1e300, float('inf')})
print({True, 1, 1.0}, {1.0, True}, {0, False, 0.0, -0.0})
print({-1, -2, 2**61 - 1, 2**62, -2**62 * 2})

# mutation
s = set()
for i in range(50):
    s.add(i * i % 37)
print(len(s), s)
for i in range(0, 37, 2):
    s.discard(i)
print(s)
s.update([100, 200], (300,), {400})
print(s)
print(s.pop(), s.pop(), s)
s.remove(100)
print(s)
s.clear()
print(s, len(s), bool(s))

# algebra
p = set(range(0, 30, 2))
q = set(range(0, 30, 3))
print(p | q, p & q, p - q, q - p, p ^ q)
print(p.union(q, [99]), p.intersection(q, range(12)), p.difference(q, {4}), p.symmetric_difference(range(10)))
print(p.union(), p.intersection(), p.difference())
r = set(p)
r &= q
print(r)
r = set(p)
r |= {1, 3, 5}
print(r)
r = set(p)
r -= set(range(100))
print(r)
r = set(p)
r ^= q
print(r)
r = set(range(40))
r.difference_update(range(0, 40, 4))
print(r)
r.intersection_update(range(20), range(10, 30))
print(r)
r.symmetric_difference_update([11, 50, 51])
print(r)
big = set(range(1000))
small = {5, 500, 999, 1000}
print(small - big, big & small, small & big)
print(sorted(big - set(range(5, 1000))))

# comparisons
print({1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1, 2, 3} > {1}, {1} >= {1}, {1, 2} == frozenset({2, 1}))
print({1, 2} != {1, 3}, {1}.issubset([1, 2]), {1, 2}.issuperset((1,)), {1}.isdisjoint({2}), {1}.isdisjoint([1]))
print(2 in {1, 2}, 3 not in {1, 2}, [1, 2] == [1, 2], {1: {2}} == {1: {2}})

# frozensets
f = frozenset([3, 2, 1])
print(f, f | {4}, {4} | f, f & {1}, f - {1}, f ^ {1, 9}, type(f | {4}), type({4} | f))
print(f.copy() is f, hash(f) == hash(frozenset([1, 2, 3])), {f: 'ok'}[frozenset({1, 2, 3})])
print({frozenset({1}), frozenset({1, 2}), frozenset()})
print(frozenset({1, 2}) in {frozenset({1, 2})}, {1, 2} in {frozenset({1, 2})})

# hashes (str with PYTHONHASHSEED=0)
print(hash(1), hash(-1), hash(2**61 - 1), hash(2**61), hash(-2**62 * 2), hash(1.5), hash(-0.25), hash(1e300))
print(hash(float('inf')), hash(True), hash((1, 2, 3)), hash(()), hash(('a', (1.5, None is None))))
print(hash('a'), hash(''), hash('hello world'), hash('é'), hash('日本'), hash('🐍'))

# iteration, conversion, printing inside containers
print(list({5, 3, 9}), tuple(frozenset({8, 1})), sorted({'b', 'a'}), sum({1, 2, 3}), max({4, 9, 2}))
print([{1, 2}, frozenset({3})], {'k': {1}}, repr({1, 2}), str(frozenset({1})))
print(len({1, 2, 2, 3}), {*[1, 2], *(2, 3), 4}, {*'ab'})
print(type({1}).__name__, type(frozenset()).__name__, isinstance({1}, set), isinstance(frozenset(), frozenset))
e = set()
e.add(())
print(e, {None})

# a set merged with itself stays as it is
s = {8, 1, 2}
s.update(s)
t = {8, 1, 2}
t |= t
u = {8, 1, 2}
u.update([3], u)
print(s, t, u, set(range(3000)) - set(range(5, 3000)))
