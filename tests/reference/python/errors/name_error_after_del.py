y = 'here'
print(y)
del y
print(y)
