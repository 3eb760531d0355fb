# range objects
r = range(10)
print(r, range(2, 8), range(0, 20, 3), range(5, 0, -1), range(0), range(-3, 3))
print(len(r), len(range(2, 8)), len(range(0, 20, 3)), len(range(5, 0, -1)), len(range(0)), len(range(5, 5)), len(range(10, 0)))
print(list(range(5)), list(range(2, 8)), list(range(0, 20, 3)), list(range(5, 0, -1)), list(range(10, 0, -3)))
print(list(range(-5, -1)), list(range(-1, -10, -2)), list(range(3, 3)), list(range(1, 0)), list(range(0, -5)))
print(r[0], r[-1], r[5], range(0, 20, 3)[2], range(0, 20, 3)[-1], range(5, 0, -1)[-1], range(10, 0, -3)[1])
print(r[2:5], r[::2], r[::-1], r[1:8:3], range(0, 20, 3)[1:], r[-3:], r[5:2])
print(list(r[::-1]), list(r[1:8:3]), list(range(0, 20, 3)[::-2]))
print(3 in r, 10 in r, -1 in r, 6 in range(0, 20, 3), 7 in range(0, 20, 3), 3 in range(5, 0, -1))
print(range(0, 10, 2) == range(0, 10, 2), range(0) == range(5, 5), list(range(0, 10, 2)) == [0, 2, 4, 6, 8])
print(sum(range(101)), sum(range(0, 101, 2)), max(range(7)), min(range(3, 9)), sorted(range(5, 0, -1)))
print(list(reversed(range(4))), list(enumerate(range(10, 13))), list(zip(range(3), range(10, 0, -1))))
total = 0
for i in range(1, 20, 4):
    total += i
    print(i, total, end='; ')
print()
for i in range(3, -4, -2):
    print(i, end=' ')
print()
print([i * j for i in range(1, 4) for j in range(i, 4)])
print(range(len('hello')), [c for i, c in enumerate('hello') if i % 2 == 0])
big = range(0, 10 ** 12, 7)
print(len(big), big[10 ** 9], 999999999993 in big, 999999999994 in big)
print(bool(range(0)), bool(range(1)), str(range(3)), repr(range(1, 2, 3)))
