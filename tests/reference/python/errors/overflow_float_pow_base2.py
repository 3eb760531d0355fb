print(float('1e308') * 10)
print(2.0 ** 1024)
