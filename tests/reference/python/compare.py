# Comparisons, chained comparisons, int/float equality, bool arithmetic
print(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, 1 == 1.0, 1 != 1.0, 0 == -0.0)
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1.0, 1 < 2 > 0, 5 > 3 >= 3 > 2)
x = 5
print(0 <= x < 10, 0 <= x < 5, x == 5 != 6, 1 < x <= 5 < 6 <= 7)
print('a' < 'b', 'abc' < 'abd', 'Z' < 'a', '' < 'a', 'ab' < 'abc', 'b' > 'abc')
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9, 9], [] < [0], [1, 2] == [1, 2])
print((1, 2) < (1, 2, 3), (0, 5) < (1,), (1, 'a') < (1, 'b'), (1, 2) == (1, 2))
print([1, 2] == (1, 2), 'a' == 1, None == None, None == 0, None is None)
print(1 == True, 0 == False, 2 == True, 1.0 == True, True + True, True * 10)
print(True + 1.5, False - 1, -True, ~True, True / 2, True // 1, True % 2)
print(sum([True, False, True, True]), max(True, 2), min(False, -1))
print(True and 3, 0 and 3, 0 or 'x', '' or [] or None, 5 or 6, None and 1)
print(not 0, not 1, not '', not 'a', not [], not [0], not None, not 0.0)
print(bool(0), bool(1), bool(-1), bool(0.0), bool(0.1), bool(''), bool(' '), bool([]), bool([[]]))
print(bool({}), bool({0: 0}), bool(()), bool((0,)), bool(None), bool(range(0)), bool(range(1)))
print(True & False, True | False, True ^ True, True << 3, isinstance(True, int))
print(type(True + True), type(True & True), str(True), repr(False), int(True))
a = [1, 2, 3]
b = a
c = [1, 2, 3]
print(a == c, a is b, a is c, a is not c, b is not a)
print(2 in a, 5 in a, 5 not in a, 'el' in 'hello', 'x' not in 'hello', '' in 'abc')
d = {'k': 1, 2: 'two'}
print('k' in d, 1 in d, 2 in d, 'two' in d, (1, 2) in [(1, 2), 3])
print(1.0 in [1, 2], True in [1], 0 in [False], 3 in range(5), 5 in range(5), 4 in range(0, 10, 2), 5 in range(0, 10, 2))
def noisy(v, label):
    print('eval', label)
    return v
print(noisy(1, 'a') < noisy(2, 'b') < noisy(0, 'c') < noisy(5, 'd'))
print(noisy(0, 'x') and noisy(1, 'y'))
print(noisy(3, 'p') or noisy(4, 'q'))
print(max([3, 1, 2]) == 3 and min('hello') == 'e')
print(10 if 2 > 1 else 20, 'yes' if [] else 'no', 'a' if 0 else 'b' if 1 else 'c')
print(float('inf') > 10 ** 18, -float('inf') < -10 ** 18, 10 ** 18 == 1e18, 2 ** 60 + 1 == 2.0 ** 60)
print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9, 1 / 3 == 0.3333333333333333)
print(sorted([3, 1.5, True, 0, -2.5, 2]), sorted(['b', 'B', 'a', 'A', '_', '1']))
print(max('apple', 'banana', 'cherry'), min([[2, 1], [1, 5], [1, 2]]), max((1, 'z'), (1, 'a')))
