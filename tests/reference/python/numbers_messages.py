# Numbers fuzzer findings fixed (seed 3): math.perm/comb/factorial/trunc messages and
# limits, round() with ndigits past 64 bits, %c/%x/%o messages, int() with a base past
# 64 bits, format() of an int too large for a float, complex() strings with underscores.
import math
tests = [
    lambda: math.perm(-1), lambda: math.perm(-1, None), lambda: math.perm(-1, 2),
    lambda: math.perm(2**64, 2**63), lambda: math.comb(2**64, 2**63), lambda: math.perm(2**63),
    lambda: math.factorial(2**63), lambda: math.trunc(1j), lambda: round(0, 2**63),
    lambda: round(7, 2**100), lambda: round(7.5, 2**63), lambda: round(7.5, -2**63),
    lambda: '%c' % 1.0, lambda: '%x' % 1.5, lambda: '%o' % 1j, lambda: '%X' % 'a',
    lambda: '%#x' % (1j,), lambda: int('1', 2**63), lambda: int('1', -2**63),
    lambda: format(10**400, 'e'), lambda: format(10**400, '.2%'),
    lambda: complex('1__0j'), lambda: complex('_1j'), lambda: complex('1_0j'),
]
for t in tests:
    try:
        print(repr(t()))
    except Exception as x:
        print(type(x).__name__, x)
for s in ['1_0x', '1__0', '1_0', '(1_0+2_0j)', '_', '1e1_0j', '1_e10']:
    try:
        print(repr(complex(s)))
    except ValueError as x:
        print("ValueError", x)
