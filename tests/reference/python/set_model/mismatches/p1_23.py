s1 = set()
s0 = s1.copy()
s0.update(range(17, 244, 3), s0)
print(s0)
