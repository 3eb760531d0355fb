# Functions: defaults, keywords, *args, recursion, closures, lambdas, higher-order
def greet(name, greeting='Hello', punct='!'):
    return greeting + ', ' + name + punct
print(greet('Ann'), greet('Bob', 'Hi'), greet('Cy', punct='?'), greet(punct='.', name='Di', greeting='Yo'))
def total(*args):
    s = 0
    for a in args:
        s += a
    return s
print(total(), total(1), total(1, 2, 3), total(4, 5, 6), total(0, 1, 2, 3, 4))
def head_tail(first, sep='-', *rest):
    return str(first) + sep + sep.join(str(r) for r in rest)
print(head_tail(1), head_tail(1, ':', 2, 3), head_tail('a', '+', 'b'), head_tail('z', sep='/'))
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print([fib(i) for i in range(20)])
def fib_iter(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
print(fib_iter(50), fib_iter(90))
def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))
print(ack(0, 0), ack(1, 2), ack(2, 3), ack(3, 3))
moves = []
def hanoi(n, src, dst, via):
    if n == 0:
        return
    hanoi(n - 1, src, via, dst)
    moves.append((n, src, dst))
    hanoi(n - 1, via, dst, src)
hanoi(4, 'A', 'C', 'B')
print(len(moves), moves[:5], moves[-1])
def make_counter(start=0):
    cell = [start]
    def inc(step=1):
        cell[0] += step
        return cell[0]
    return inc
c1 = make_counter()
c2 = make_counter(100)
print(c1(), c1(), c1(5), c2(), c1(), c2(-50))
def make_adder(n):
    return lambda x: x + n
adders = [make_adder(i) for i in range(4)]
print([f(10) for f in adders])
lambdas = [lambda x, i=i: x * i for i in range(4)]
print([f(3) for f in lambdas])
late = [lambda: i for i in range(3)]
print([f() for f in late])
def compose(f, g):
    return lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5), compose(str, abs)(-7), compose(len, str)(12345))
def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x
print(apply_n(lambda v: v * 3, 4, 1), apply_n(lambda s: s + '!', 3, 'hey'))
print(list(map(lambda x: x ** 2, range(6))), list(filter(lambda x: x % 3 == 0, range(20))))
print(list(map(pow, [2, 3, 4], [5, 2, 0])), list(map(lambda s: s.upper(), ['a', 'b'])), list(filter(None, [0, 1, '', 'x', [], [0]])))
people = [('alice', 31), ('bob', 25), ('carol', 31), ('dave', 19)]
print(sorted(people, key=lambda p: p[1]), sorted(people, key=lambda p: (-p[1], p[0])))
def memo_fib():
    cache = {}
    def f(n):
        if n in cache:
            return cache[n]
        r = n if n < 2 else f(n - 1) + f(n - 2)
        cache[n] = r
        return r
    return f
mf = memo_fib()
print(mf(80), mf(91))
def no_return():
    pass
def early(x):
    if x > 0:
        return 'pos'
    elif x < 0:
        return 'neg'
print(no_return(), early(1), early(-1), early(0))
def outer():
    x = 'outer-x'
    def middle():
        def inner():
            return x + '!'
        return inner()
    return middle()
print(outer())
def mutate(lst, d):
    lst.append(len(lst))
    d['n'] = d.get('n', 0) + 1
data, meta = [], {}
for _ in range(3):
    mutate(data, meta)
print(data, meta)
def default_list(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc
print(default_list(1), default_list(2), default_list(3, [0]))
def shared_default(x, acc=[]):
    acc.append(x)
    return len(acc)
print(shared_default('a'), shared_default('b'), shared_default('c'))
print((lambda: 'no args')(), (lambda a, b=2: a * b)(4), (lambda *a: len(a))(1, 2, 3))
