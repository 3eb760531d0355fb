# == through __eq__ inside containers (==, in, index, count, remove), and namedtuple
# records that hash, key dicts and compare as tuples.
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return isinstance(o, V) and o.v == self.v
    def __repr__(self):
        return f"V({self.v})"
a = [V(1), V(2)]
print(a == [V(1), V(2)], V(1) in a, a.index(V(2)), a.count(V(1)), (V(1),) == (V(1),), {'k': V(1)} == {'k': V(1)})
a.remove(V(1))
print(a, [V(3)] != [V(3)], [[V(1)]] == [[V(1)]])
from collections import namedtuple, Counter
P = namedtuple('P', 'x y')
d = {P(1, 2): 'a'}
print(d[P(1, 2)], P(1, 2) in {P(1, 2)}, d.get((1, 2)), hash(P(1, 2)) == hash((1, 2)), {P(1, 2), P(1, 2), (1, 2)})
print(Counter([P(0, 0), P(0, 0), P(1, 1)]).most_common(1), P(1, 2) == (1, 2), [P(1, 2)] == [(1, 2)])
