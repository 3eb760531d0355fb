def f(a, /, b):
    return a + b
print(f(1, 2))
f(a=1, b=2)
