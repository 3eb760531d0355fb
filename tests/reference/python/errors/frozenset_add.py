f = frozenset([1, 2])
print(f)
f.add(3)
