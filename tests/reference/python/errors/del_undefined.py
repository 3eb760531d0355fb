x = 1
del x
print('deleted x')
del x
