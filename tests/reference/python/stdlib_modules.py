# Python's standard modules that numeric code reaches for: itertools, functools,
# collections, operator, copy, string, typing (stdlib/python/*.nt).
import itertools
from itertools import count, cycle, repeat, accumulate, chain, compress, dropwhile, filterfalse, groupby, islice, pairwise, starmap, takewhile, tee, zip_longest, product, permutations, combinations, combinations_with_replacement
print(list(islice(count(5, 2), 4)), list(islice(cycle('ab'), 5)), list(repeat(7, 3)))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], lambda a, b: a * b)), list(accumulate([1, 2], initial=10)))
print(list(chain([1, 2], (3,), 'ab')), list(chain.from_iterable([[1], [2, 3]])))
print(list(compress('abcdef', [1, 0, 1, 0, 1, 1])), list(dropwhile(lambda x: x < 3, [1, 2, 3, 4, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))), [(k, list(g)) for k, g in groupby('aaabbcaa')])
print([(k, list(g)) for k, g in groupby([1, 2, 3, 4, 5, 6], key=lambda x: x // 3)])
print(list(islice('abcdefg', 2, None, 2)), list(islice(range(10), 3)), list(pairwise('abcd')))
print(list(starmap(pow, [(2, 5), (3, 2)])), list(takewhile(lambda x: x < 3, [1, 2, 3, 1])))
a, b = tee([1, 2, 3])
print(list(a), list(b), list(zip_longest('ab', 'xyz', fillvalue='-')))
print(list(product('ab', repeat=2)), list(product([1, 2], 'xy')))
print(list(permutations('abc', 2)), list(permutations(range(3))))
print(list(combinations('abcd', 2)), list(combinations_with_replacement('abc', 2)))
import functools
from functools import reduce, partial, lru_cache, wraps, total_ordering, cmp_to_key, cache
print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, [], 1))
def power(base, exp):
    return base ** exp
square = partial(power, exp=2)
print(square(5), partial(power, 2)(10))
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60), fib.cache_info())
@cache
def sq(x):
    return x * x
print(sq(3), sq(3), sq.cache_info())
def deco(f):
    @wraps(f)
    def wrapper(*args, **kw):
        return f(*args, **kw) + 1
    return wrapper
@deco
def g(x):
    """Doc of g."""
    return x
print(g(1), g.__name__, g.__doc__)
@total_ordering
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __lt__(self, o):
        return self.v < o.v
print(V(1) < V(2), V(1) <= V(1), V(3) > V(2), V(2) >= V(3))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
from collections import defaultdict, Counter, OrderedDict, deque, namedtuple
d = defaultdict(list)
d['a'].append(1)
d['b'].append(2)
d['a'].append(3)
print(d, d['a'], len(d), 'z' in d, dict(d.items()) if False else list(d.items()))
c = Counter('mississippi')
print(c, c.most_common(2), c['s'], c['zz'], sum(c.values()))
c.update('ss')
print(c['s'], Counter([1, 1, 2]) + Counter([2, 3]), list(Counter('aab').elements()))
od = OrderedDict([('x', 1), ('y', 2)])
od['z'] = 3
od.move_to_end('x')
print(od, list(od.keys()))
dq = deque([1, 2, 3], maxlen=4)
dq.append(4)
dq.append(5)
dq.appendleft(0)
print(dq, dq.popleft(), dq.pop(), len(dq))
dq.rotate(1)
print(dq, deque())
Point = namedtuple('Point', ['x', 'y'])
p = Point(1, y=2)
print(p, p.x, p[1], tuple(p), p._asdict(), p._replace(x=9), p == (1, 2), Point._fields)
x, y = p
print(x + y, len(p))
P3 = namedtuple('P3', 'a b c', defaults=[0])
print(P3(1, 2), P3(1, 2, 3))
import operator
from operator import itemgetter, attrgetter, add, mul
print(sorted([(1, 'b'), (0, 'a')], key=itemgetter(1)), itemgetter(0, 2)('abc'), reduce(add, [1, 2, 3]), operator.neg(5))
print(attrgetter('x')(p), list(map(mul, [1, 2], [3, 4])))
import copy
l1 = [[1, 2], [3]]
l2 = copy.copy(l1)
l3 = copy.deepcopy(l1)
l1[0].append(99)
print(l2, l3)
class Box:
    def __init__(self, items):
        self.items = items
b1 = Box([1])
b2 = copy.deepcopy(b1)
b1.items.append(2)
print(b2.items, copy.copy(b1).items)
import string
print(string.ascii_lowercase, string.digits, string.capwords('hello big world'))
from typing import List, Dict, Optional, Tuple
def typed(xs: List[int], m: Optional[Dict[str, int]] = None) -> Tuple[int, int]:
    return len(xs), 0
print(typed([1, 2]))
# islice leaves the iterator just past the last element it took
it = iter(range(10))
print(list(islice(it, 3)), next(it), list(islice(it, 1, 4, 2)), next(it))
# dict() of a mapping reads its keys() and items
from collections import OrderedDict
od = OrderedDict([('b', 2), ('a', 1)])
print(dict(od), dict(od) == {'a': 1, 'b': 2})
