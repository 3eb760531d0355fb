f = lambda x: x * 2
print(f(4))
f(1, 2)
