d = {'a': 1}
print(d.get('a'))
d.has_key('a')
