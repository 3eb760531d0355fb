a = [3, 1]
print(a)
a.push(2)
