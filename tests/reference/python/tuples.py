# Tuples
t = (1, 2, 3)
print(t, len(t), t[0], t[-1], t[1:], t[::-1], t * 2, t + (4,), (1,) * 3)
print((), (1,), (1, 2), ((1, 2), (3,)), tuple(), tuple([1, 2]), tuple('ab'), tuple(range(3)))
single = 5,
print(single, type(single), type(()), len(()))
a, b, c = t
print(a, b, c)
x, y = 1, 2
x, y = y, x
print(x, y)
p = (3, 'three', 3.0, None, [3])
p[4].append(33)
print(p, 3 in p, 'x' in p, [3, 33] in p)
print((1, 2) < (1, 3), (2,) > (1, 99), (1, 2) == (1, 2), (1, 2) != (2, 1), () < (0,))
print(max([(2, 'b'), (2, 'a'), (1, 'z')]), min([(2, 'b'), (2, 'a'), (1, 'z')]))
points = [(3, 4), (-1, 2), (0, 0), (5, -12)]
for i, (px, py) in enumerate(points):
    print(i, px, py, (px * px + py * py) ** 0.5)
print(sorted(points), sorted(points, key=lambda q: q[1]), sorted(points, key=lambda q: -q[0]))
def minmax(seq):
    return min(seq), max(seq)
lo, hi = minmax([4, 8, 1, 9])
print(lo, hi, minmax('hello'))
def stats(*nums):
    return len(nums), sum(nums), nums
print(stats(), stats(1), stats(1, 2, 3))
d = {(0, 0): 'origin', (1, 0): 'east'}
print(d[(0, 0)], d[1, 0], (1, 0) in d)
nested = ((1, (2, (3, (4,)))),)
print(nested, nested[0][1][1][1][0])
first, (second, third) = [1, (2, 3)]
print(first, second, third)
q, r, s2 = 'abc'
print(q, r, s2)
(a, b), c = (1, 2), 3
print(a, b, c)
for (k, v) in [('a', 1), ('b', 2)]:
    print(k, v)
pairs = list(zip('abc', range(3), [True, False, None]))
print(pairs)
letters, nums, flags = (tuple(q[0] for q in pairs), tuple(q[1] for q in pairs), tuple(q[2] for q in pairs))
print(letters, nums, flags)
print(tuple([0.5, 'x', (), [()]]), repr((1.0,)), str(('a', "b'")))
print((1, 2) == tuple([1, 2]), list((1, 2)) == [1, 2])
