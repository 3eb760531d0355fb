d = {}
for i in range(100000):
    d = {"a": d}
print(len(d))
print(repr(d))
