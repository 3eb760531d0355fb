def f():
    total = 5
    return totl * 2
print('calling')
f()
