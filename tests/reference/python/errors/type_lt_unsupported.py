print(1 < 2.5)
print(1 < 'a')
