# del statements and passing asserts
a = 1
b = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
d = {'x': 1, 'y': 2, 'z': 3}
del a
print('deleted a')
del b[0]
print(b)
del b[-1]
print(b)
del b[1:3]
print(b)
del b[::2]
print(b)
del b[:]
print(b, len(b))
del d['y']
print(d, list(d))
d['y'] = 'new'
print(d)
nested = {'k': [1, 2, {'inner': 'v', 'other': 0}]}
del nested['k'][2]['inner']
del nested['k'][0]
print(nested)
x, y = 1, 2
del x, y
x = 'rebound'
print(x)
lst = list(range(6))
for i in range(len(lst) - 1, -1, -1):
    if lst[i] % 2:
        del lst[i]
print(lst)
assert True
assert 1 + 1 == 2, 'math works'
assert [1], 'non-empty list is truthy'
assert 'abc'.upper() == 'ABC'
n = 10
assert 0 < n < 100, f'n out of range: {n}'
print('all asserts passed')
def f():
    local = 5
    del local
    local = 6
    return local
print(f())
words = ['keep', 'drop', 'keep2', 'drop2']
del words[1::2]
print(words)
t = (1, 2, 3)
del t
t = 'gone and back'
print(t)
