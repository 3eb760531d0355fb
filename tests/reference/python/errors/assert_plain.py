x = 1
assert x == 1
print('first assert ok')
assert x == 2
