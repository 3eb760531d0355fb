l = [1]
l.append(l)
m = [1]
m.append(m)
print(l == l, l)
print(l == m)
