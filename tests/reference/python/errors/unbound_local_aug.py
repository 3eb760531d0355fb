n = 1
def f():
    print('in f')
    n += 1
f()
