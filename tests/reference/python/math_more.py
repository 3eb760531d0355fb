# math: cbrt exp2 erf erfc gamma lgamma frexp ldexp modf nextafter ulp remainder dist hypot
import math

inf, nan = math.inf, math.nan


def show(label, f, *args):
    try:
        print(label, repr(f(*args)))
    except Exception as e:
        print(label, type(e).__name__, e)


specials = [0.0, -0.0, inf, -inf, nan, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
            -1.7976931348623157e308, 1e-300, -1e-300, 1e300]
common = [1, -1, 2, 3, 0.5, -0.5, 1.5, -2.5, 0.1, 7, 10, -10, 27, -27, 100, 1e-10, 1e10, 123.456, -0.001]

print('-- cbrt')
for x in common + specials + [8.0, 1000, 2 ** 60, -1e-310, 0.3]:
    show('cbrt', math.cbrt, x)

print('-- exp2')
for x in common + specials + [1023, 1023.999, 1024, 1025, -1022, -1074, -1074.5, -1075, -1076, -2000, 0.25, 52]:
    show('exp2', math.exp2, x)

print('-- erf erfc')
for x in common + specials + [0.25, 0.75, 1.25, 2.5, 3.5, 5, 6, 10, 26, 27, 28, 30, -5, -6, 1e-20]:
    show('erf', math.erf, x)
    show('erfc', math.erfc, x)

print('-- gamma lgamma')
grid = [i / 4 for i in range(-40, 41)]
extra = [1e-15, -1e-15, 1e-21, -1e-21, 1e-320, -1e-320, 4.99, 5.01, 5.5, 5.524680040776729, 30.5, 100.25,
         139.5, 140.5, 170.5, 171.5, 171.6, 171.7, 172, 199.5, 200.5, 201, -139.5, -140.5, -170.5, -171.5,
         -180.25, -199.5, -200.5, -201.5, -250.25, -1e10 - 0.5, 1e6, 1e15, 1e300, 2.5e305, 1e306, 1e308,
         -1e-5, -0.999999, -1.000001, -2.0000001, 23, 24, 25, 3.0000000000000004, 0.9999999999999999]
for x in grid + extra + specials:
    show('gamma', math.gamma, x)
    show('lgamma', math.lgamma, x)

print('-- frexp modf ulp')
for x in common + specials + [3, 2 ** 53 + 1, 2 ** 1000, -2 ** 70, 0.75, 1e-310, 123456789.123, True, 10 ** 400]:
    show('frexp', math.frexp, x)
    show('modf', math.modf, x)
    show('ulp', math.ulp, x)

print('-- ldexp')
for x in [1.0, -1.0, 0.5, 1.5, 3, 1e-310, 1e300, -1e300, 5e-324, 0.0, -0.0, inf, -inf, nan]:
    for i in [0, 1, -1, 10, -10, 1022, 1023, 1024, -1022, -1074, -1075, -1076, 2000, -2000, 2 ** 31, -2 ** 31,
              2 ** 63, -2 ** 63, 10 ** 30, -10 ** 30, True, False]:
        show('ldexp(%r, %r)' % (x, i), math.ldexp, x, i)

print('-- nextafter')
pairs = [(1.0, 2.0), (1.0, 0.0), (0.0, 1.0), (0.0, -1.0), (-0.0, 1.0), (0.0, -0.0), (-0.0, 0.0), (1.0, 1.0),
         (1.7976931348623157e308, inf), (inf, 0.0), (-inf, 0.0), (5e-324, 0.0), (-5e-324, 0.0), (nan, 1.0),
         (1.0, nan), (2.0, -inf), (1e300, 1e301), (3, 4), (-3, -4), (2.2250738585072014e-308, 0.0)]
for x, y in pairs:
    show('nextafter(%r, %r)' % (x, y), math.nextafter, x, y)

print('-- remainder')
pairs = [(10, 3), (11, 3), (-10, 3), (10, -3), (7.5, 2), (2.5, 1), (3.5, 1), (-2.5, 1), (-3.5, 1), (6, 4), (10, 4),
         (1e300, 3.7), (5e-324, 1e-323), (1.5e-323, 1e-323), (1, 0), (0, 1), (-0.0, 1), (inf, 1), (-inf, 2),
         (1, inf), (-1, -inf), (nan, 1), (1, nan), (nan, 0), (inf, nan), (0.1, 0.03), (100, 0.1), (1, 1e-300),
         (1e308, 1e-308), (-7, 2), (7, 2), (9, 2), (0, 0), (2 ** 60, 3)]
for x, y in pairs:
    show('remainder(%r, %r)' % (x, y), math.remainder, x, y)
for i in range(-12, 13):
    print(i, math.remainder(i / 2, 1), math.remainder(i, 4), math.remainder(i * 0.1, 0.3))

print('-- hypot')
vectors = [(), (3,), (-3,), (3, 4), (5, 12), (1, 1), (1, 1, 1), (1, 2, 3, 4, 5), (0.1, 0.2, 0.3),
           (1e308, 1e308), (1e-320, 1e-320), (5e-324, 5e-324, 5e-324), (1e-310, 3e-310), (inf, nan), (nan, inf),
           (nan, 1), (-inf, 1), (0.0, -0.0), (1e200, 1e-200), (3, 4, 12, 84), (True, 2), (10 ** 20, 1),
           tuple(range(20)), tuple(i / 7 for i in range(1, 30)), (1.1, 2.2, 3.3, 4.4, 5.5, 6.6, 7.7, 8.8, 9.9)]
for v in vectors:
    show('hypot%r' % (v,), math.hypot, *v)
for i in range(1, 40):
    print(i, math.hypot(i, i + 1), math.hypot(i / 3, i / 7, 1 / i), math.hypot(*[i / 10] * i))

print('-- dist')
pts = [((0, 0), (3, 4)), ([1, 2, 3], [4, 5, 6]), ((1.5,), (-2.5,)), ((), ()), ((1e308, -1e308), (-1e308, 1e308)),
       ((inf, 1), (1, 1)), ((nan, 1), (inf, 1)), ((inf, 1), (inf, 1)), ((0.1, 0.2, 0.3), (0.3, 0.2, 0.1)),
       (range(5), range(5, 10)), ([True, False], [0, 1]), ((5e-324, 0), (0, 5e-324))]
for p, q in pts:
    show('dist(%r, %r)' % (p, q), math.dist, p, q)
print(math.dist((x for x in [1, 2]), iter([4, 6])))
for i in range(1, 30):
    print(i, math.dist([i, i / 3, -i], [i / 2, 1, i * i]))

print('-- errors')
show('dist dims', math.dist, [1, 2], [1])
show('dist dims', math.dist, [1, 'a'], [1])
show('dist iter', math.dist, 1, [1])
show('dist iter', math.dist, [1], 2)
show('dist str', math.dist, [1, 'a'], [1, 2])
show('dist str', math.dist, ['a'], [None])
show('dist big', math.dist, [10 ** 400], [1])
show('dist arity', math.dist, [1])
show('dist arity', lambda: math.dist([1], [2], [3]))
show('dist kw', lambda: math.dist(p=[1], q=[2]))
show('hypot str', math.hypot, 1, '2')
show('hypot big', math.hypot, 10 ** 400)
show('hypot kw', lambda: math.hypot(x=1))
for name in ['cbrt', 'exp2', 'erf', 'erfc', 'gamma', 'lgamma', 'frexp', 'modf', 'ulp']:
    f = getattr(math, name)
    show(name + '()', f)
    show(name + '(1, 2)', f, 1, 2)
    show(name + '(x=1)', lambda: f(x=1))
    show(name + "('a')", f, 'a')
    show(name + '(None)', f, None)
    show(name + '(big)', f, 10 ** 400)
for name in ['ldexp', 'remainder', 'nextafter']:
    f = getattr(math, name)
    show(name + '(1)', f, 1)
    show(name + '(1, 2, 3)', f, 1, 2, 3)
    show(name + '(x=1, y=2)', lambda: f(x=1, y=2))
    show(name + "('a', 1)", f, 'a', 1)
    show(name + "(1, 'a')", f, 1, 'a')
show('ldexp float exp', math.ldexp, 1.0, 2.0)
show('ldexp str both', math.ldexp, 'a', 'b')
show('ldexp none', math.ldexp, 1.0, None)
show('ldexp big x', math.ldexp, 10 ** 400, 1)
show('remainder big', math.remainder, 10 ** 400, 1)
