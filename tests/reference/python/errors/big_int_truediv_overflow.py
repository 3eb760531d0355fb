print(1 / 2**60)
print(2**5000 / 3)
