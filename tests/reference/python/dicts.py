# Dicts: insertion order, key unification, methods, comprehensions, repr
d = {'b': 2, 'a': 1}
d['c'] = 3
d['b'] = 20
print(d, len(d), list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.keys(), d.values(), d.items())
del d['b']
d['b'] = 'back'
print(d)
u = {1: 'int'}
u[1.0] = 'float'
u[True] = 'bool'
print(u, len(u), u[1], u[1.0], u[True])
v = {True: 'x', 1: 'y', 1.0: 'z', 0: 'zero', False: 'f'}
print(v)
print(d.get('a'), d.get('zz'), d.get('zz', 'dflt'), d.get('c', 0))
print(d.pop('a'), d.pop('missing', None), d)
print(d.setdefault('c', 99), d.setdefault('new', []), d)
d['new'].append(1)
d.update({'c': 33, 'e': 5})
d.update([('f', 6), ('g', 7)])
d.update(h=8)
print(d)
e = d.copy()
e['c'] = 'changed'
e['new'].append(2)
print(d['c'], e['c'], d['new'], e['new'] is d['new'])
e.clear()
print(e, len(e), bool(e))
sq = {n: n * n for n in range(6)}
print(sq, {k: v for k, v in sq.items() if v % 2 == 0})
inv = {v: k for k, v in {'x': 1, 'y': 2, 'z': 1}.items()}
print(inv)
print(dict(), dict([('a', 1), ('b', 2)]), dict(x=1, y=2), dict(zip('abc', range(3))), dict({'k': 'v'}))
nested = {'list': [1, 2.0, 'three'], 'tuple': (None,), 'dict': {'deep': {'deeper': True}}, 5: -0.5, (1, 2): 'tk'}
print(nested)
print(nested['dict']['deep']['deeper'], nested[(1, 2)], nested[5])
counts = {}
for ch in 'mississippi':
    counts[ch] = counts.get(ch, 0) + 1
print(counts, sorted(counts.items()), sorted(counts, key=lambda k: -counts[k]))
groups = {}
for word in ['apple', 'avocado', 'banana', 'blueberry', 'cherry', 'apricot']:
    groups.setdefault(word[0], []).append(word)
print(groups)
for k, v in groups.items():
    print(k, len(v), ', '.join(v))
print({}, {'a': {}}, {'q': "it's"}, {"k'": 'v"'}, {0.1: 1e-7})
print({1: 'a'} == {1.0: 'a'}, {'a': 1, 'b': 2} == {'b': 2, 'a': 1}, {} == {})
print('a' in {'a': 1}, 1 in {'a': 1}, 'a' not in {})
m = {'a': 0, 'b': 0}
for key in list(m):
    m[key + key] = m.pop(key) + 1
print(m)
keys = ['k' + str(i) for i in range(12)]
big = {}
for i, k in enumerate(keys):
    big[k] = i
for k in keys[::3]:
    del big[k]
print(big)
big['k0'] = 'readded'
print(list(big)[-1], len(big), sum(x for x in big.values() if isinstance(x, int)))
print(max(counts, key=lambda k: counts[k]), min(sq.values()), sum(sq), sorted(sq, reverse=True))
