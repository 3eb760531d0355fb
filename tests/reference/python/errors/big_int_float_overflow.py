print(float(2**1100 // 3 * 0 + 1))
print(float(2**1100))
