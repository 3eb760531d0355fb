a = ['x', 'y']
print(a.index('y'))
print(a.index('z'))
