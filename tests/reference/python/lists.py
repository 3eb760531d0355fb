# Lists: methods, slicing, slice assignment, del, nesting, repr
a = [5, 3, 8, 1]
a.append(9); print(a)
a.extend([2, 7]); print(a)
a.extend('ab'); print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.insert(0, 100); a.insert(-1, 50); a.insert(99, 'end'); a.insert(-99, 'start'); print(a)
a.remove(50); print(a)
print(a.index(8), a.index('end'), a.count(3), a.count(42))
b = [x for x in a if isinstance(x, int)]
b.sort(); print(b)
b.sort(reverse=True); print(b)
b.reverse(); print(b)
w = ['pear', 'Fig', 'apple', 'kiwi', 'banana']
w.sort(); print(w)
w.sort(key=len); print(w)
w.sort(key=lambda s: s.lower(), reverse=True); print(w)
w.sort(key=lambda s: (len(s), s)); print(w)
c = w.copy(); c.clear(); print(c, w)
n = list(range(10))
print(n[2:5], n[:3], n[7:], n[-3:], n[:-7], n[::3], n[::-1], n[8:2:-2], n[-1:-4:-1], n[5:2], n[100:])
n[2:5] = ['x', 'y']; print(n)
n[:0] = [-1]; print(n)
n[len(n):] = [10, 11]; print(n)
n[::2] = ['E'] * len(n[::2]); print(n)
n[1:3] = []; print(n)
del n[0]; print(n)
del n[-2:]; print(n)
del n[::2]; print(n)
m = [[0] * 3 for _ in range(3)]
m[1][2] = 5; print(m)
alias = [[0] * 2] * 2
alias[0][0] = 9; print(alias)
nested = [1, [2.5, 'three', [None, True]], (4, 'five'), {'six': [6.0]}, [], [[]]]
print(nested, len(nested), nested[1][2][1], nested[3]['six'][0])
print([1, 2] + [3], [0] * 4, [[1]] * 2, 3 * ['ab'], [] * 10)
x = [3, 1, 2]
y = x
y += [4]; print(x, y, x is y)
y = y + [5]; print(x, y, x is y)
print(sorted(x), x, list(reversed(x)), x[::-1] == list(reversed(x)))
print(list('abc'), list((1, 2)), list(range(3, 0, -1)), list({'a': 1, 'b': 2}))
print(len([]), len([[1, 2, 3]]), max([4, 9, 2]), min([4, 9, 2]), sum([4, 9, 2]))
stack = []
for i in range(5):
    stack.append(i * i)
while stack:
    print(stack.pop(), end=' ')
print()
q = [1, 2, 3]
while q:
    head = q.pop(0)
    if head < 4:
        q.append(head + 3)
    print(head, q)
grid = [[r * 3 + c for c in range(3)] for r in range(3)]
print(grid, [row[1] for row in grid], [grid[i][i] for i in range(3)])
print([list(col) for col in zip(grid[0], grid[1], grid[2])])
print([1.0, 2.50, -0.0, 1e20, 0.1 + 0.2], ['a', "b'c", 'd"e', '\n'])
e = [1, 2, 3, 2, 1]
print(e.index(2), e.index(2, 2), e.count(1), e == [1, 2, 3, 2, 1], e < [1, 2, 4])
f = [3, 1, 2]
print(f.sort(), f.reverse(), f.append(0), f)
