x = 2**70
print([1, 2][x])
