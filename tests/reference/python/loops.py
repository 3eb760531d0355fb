# Loops: for/while, break/continue, else clauses, nesting
for i in range(5):
    if i == 3:
        continue
    print('for', i)
else:
    print('for-else ran')
for i in range(5):
    if i == 2:
        print('breaking at', i)
        break
else:
    print('not printed')
n = 0
while n < 4:
    n += 1
    if n == 2:
        continue
    print('while', n)
else:
    print('while-else ran, n =', n)
while True:
    n -= 1
    if n < 0:
        break
print('after while True, n =', n)
for x in []:
    print('never')
else:
    print('empty for-else')
k = 10
while k > 100:
    k += 1
else:
    print('while-else on false condition', k)
def find_first(seq, pred):
    for idx, item in enumerate(seq):
        if pred(item):
            return idx, item
    return None
print(find_first([3, 8, 11, 4], lambda v: v > 7), find_first('abc', lambda c: c == 'z'))
for a in range(2, 20):
    for b in range(2, a):
        if a % b == 0:
            break
    else:
        print(a, end=' ')
print()
count = 0
for i in range(3):
    for j in range(3):
        if j > i:
            break
        for k in range(3):
            if k == 1:
                continue
            count += 1
print('count', count)
i = 0
out = []
while i < 20:
    i += 1
    if i % 2:
        continue
    if i > 12:
        break
    out.append(i)
print(out, i)
s = 'hello world'
vowels = 0
for ch in s:
    if ch in 'aeiou':
        vowels += 1
print('vowels', vowels)
for i, ch in enumerate('abc', 1):
    print(i, ch, end=' | ')
print()
for x, y in zip([1, 2, 3, 4], 'xyz'):
    print(x, y, end=' ')
print()
for k, v in {'one': 1, 'two': 2}.items():
    print(k, '=>', v)
lst = [1, 2, 3]
for v in lst:
    if v < 5:
        lst.append(v + 3)
print(lst)
total = 0
for row in [[1, 2], [3], [], [4, 5, 6]]:
    for v in row:
        total += v
print('total', total)
for i in range(3):
    pass
print('i after loop', i)
x = 27
steps = 0
while x != 1:
    x = x // 2 if x % 2 == 0 else 3 * x + 1
    steps += 1
print('collatz 27 steps', steps)
for _ in range(2):
    for _ in range(2):
        print('*', end='')
    print()
result = []
for i in reversed(range(5)):
    result.append(i)
print(result)
