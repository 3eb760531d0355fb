def f():
    return missing_helper(2)
print('calling f')
f()
