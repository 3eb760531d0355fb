a = [1, 2]
a.append(3)
print(a)
a.apend(4)
