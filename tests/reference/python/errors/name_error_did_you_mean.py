counter = 3
print('counter is', counter)
print(countr + 1)
