# Slicing of str, list, tuple with all sign/step combinations
s = 'abcdefghij'
L = list(range(10))
T = tuple(range(10))
specs = [(None, None, None), (2, None, None), (None, 3, None), (2, 7, None), (-3, None, None), (None, -3, None),
         (-7, -2, None), (None, None, 2), (1, None, 3), (None, None, -1), (None, None, -2), (7, 2, -1),
         (-1, -6, -2), (2, 7, -1), (100, None, None), (None, 100, None), (-100, 3, None), (5, 5, None),
         (8, 1, -3), (None, 4, -1), (4, None, -1), (-100, 100, 4), (100, -100, -4), (3, -3, None)]
for a, b, c in specs:
    print((a, b, c), repr(s[a:b:c]), L[a:b:c], T[a:b:c])
print(s[3], s[-3], s[0:1], s[-1:], s[:0], s[len(s):])
print(s[1:-1][::-1][1:3], L[::2][::2], T[1:][1:][1:])
words = ['alpha', 'beta', 'gamma', 'delta']
print(words[1:3], words[-2:], [w[:2] for w in words], [w[::-1] for w in words[::-1]])
M = L[:]
M[2:4] = 'xy'
print(M, L == list(range(10)))
M[::3] = [None] * 4
print(M)
M[1:1] = [7, 7]
print(M)
M[-2:] = []
print(M)
M[:] = [1]
print(M)
palin = 'racecar'
print(palin == palin[::-1], 'hello'[::-1], 'abcdef'[1::2], 'abcdef'[-2::-2])
print(s[2:8:2], s[8:2:-2], s[::-3], s[-1::-4], s[len(s) - 1:0:-1])
