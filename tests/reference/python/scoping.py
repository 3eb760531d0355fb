# Name resolution: locals, enclosing, module-level reads, shadowing
x = 'global x'
def read_global():
    return x
def shadow():
    x = 'local x'
    return x
print(read_global(), shadow(), x)
def param_shadow(x):
    x = x + '!'
    return x
print(param_shadow('arg'), x)
counter = {'n': 0}
def bump():
    counter['n'] += 1
    return counter['n']
bump(); bump()
print(counter)
items = []
def add_item(v):
    items.append(v)
add_item(1); add_item(2)
print(items)
def outer(a):
    b = a * 2
    def inner(c):
        return a + b + c
    return inner
f = outer(10)
print(f(1), f(2), outer(0)(0))
def make_multipliers():
    result = []
    for k in range(1, 4):
        def mul(v, k=k):
            return v * k
        result.append(mul)
    return result
print([m(10) for m in make_multipliers()])
def late_binding():
    fns = []
    for k in range(3):
        fns.append(lambda: k)
    k = 100
    return [g() for g in fns]
print(late_binding())
def counter_factory():
    state = [0]
    def incr():
        state[0] += 1
        return state[0]
    def get():
        return state[0]
    return incr, get
inc, get = counter_factory()
inc(); inc(); inc()
print(get())
def uses_later_defined():
    return helper() * 2
def helper():
    return 21
print(uses_later_defined())
y = 5
def loop_var_leak():
    for y in range(3):
        pass
    return y
print(loop_var_leak(), y)
def comprehension_scope():
    z = 'kept'
    vals = [z for z in range(2)]
    return z, vals
print(comprehension_scope())
def rec_depth(n):
    return 0 if n == 0 else 1 + rec_depth(n - 1)
print(rec_depth(500))
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(is_even(10), is_odd(7), is_even(7))
g1 = lambda: x
x = 'rebound global'
print(g1())
def nested_default(v=x):
    return v
x = 'rebound again'
print(nested_default(), x)
def fn_as_value():
    return len
print(fn_as_value()('abcd'), (lambda: shadow)()())
