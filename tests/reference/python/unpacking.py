# Unpacking and multiple assignment
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
a, b, c = 'xyz'
print(a, b, c)
(p, q), r = [1, 2], 3
print(p, q, r)
[m, n] = (7, 8)
print(m, n)
x = y = z = 0
x += 1
print(x, y, z)
l1 = l2 = []
l1.append('shared')
print(l1, l2, l1 is l2)
a, b, c = range(3)
print(a, b, c)
k, v = list({'key': 'val'}.items())[0]
print(k, v)
for i, (name, (lo, hi)) in enumerate([('a', (1, 2)), ('b', (3, 4))]):
    print(i, name, lo, hi, hi - lo)
nums = [5, 1, 4]
nums[0], nums[2] = nums[2], nums[0]
print(nums)
i = 0
arr = [10, 20, 30]
i, arr[i] = 1, 99
print(i, arr)
d = {}
d['a'], d['b'] = 'A', 'B'
print(d)
fib = [0, 1]
for _ in range(10):
    fib.append(fib[-1] + fib[-2])
a, b = fib[-2:]
print(a, b, fib)
def divmod_both(x, y):
    return x // y, x % y, divmod(x, y)
qq, rr, (q2, r2) = divmod_both(-17, 5)
print(qq, rr, q2, r2)
pairs = [(1, 'one'), (2, 'two'), (3, 'three')]
nums2 = [n for n, _ in pairs]
names = [s for _, s in pairs]
print(nums2, names, dict(pairs), list(zip(nums2, names)) == pairs)
(a, b), (c, d2) = ((1, 2), (3, 4))
print(a + b + c + d2)
t = 1, 2, 3
print(t, type(t))
one, = [42]
print(one)
first, second = 'hi'
print(first, second)
a = b = [1]
a = a + [2]
print(a, b)
s = 'x'
s, t = s * 2, s * 3
print(s, t)
row = [3, 4]
w, h = row
print(w * h, w, h)
for a, b in [[1, 2], (3, 4), 'xy']:
    print(a, b)
