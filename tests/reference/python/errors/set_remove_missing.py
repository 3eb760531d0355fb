s = {1, 2, 3}
print(sorted(s))
s.remove(7)
