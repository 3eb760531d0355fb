#!/usr/bin/env python3
"""Generate pyfmt_cases.txt: CPython 3.11 reference results for src/value/pyfmt.rs.

Run with CPython 3.11 (other versions differ, e.g. in error texts):
    python3 tests/reference/gen_pyfmt_cases.py

Line format: tab-separated fields, the first naming the kind and the last
holding the expected result. Every field is escaped so the file is pure
printable ASCII: '\\' becomes '\\\\' and any char outside 0x20..0x7e
becomes '\\u{HEX}'. Floats are written as their 16-hex-digit IEEE-754 bits.

  repr    BITS              repr(x)
  ffloat  BITS  SPEC        format(x, spec): 'ok TEXT' or 'err MESSAGE'
  fint    INT   SPEC        format(n, spec): likewise; 'err' covers the
                            OverflowError of 'c' as well as ValueErrors
  fstr    STR   SPEC        format(s, spec): likewise
  round0  BITS              BITS of float(round(x))
  roundf  BITS  NDIGITS     BITS of round(x, ndigits), or 'overflow'
  roundi  INT   NDIGITS     round(n, ndigits), or 'big' if outside i64
  pfloat  STR               BITS of float(s), or 'invalid' (ValueError)
  pint    STR   BASE        int(s, base), 'big' if outside i64, or 'invalid'
"""
import math
import os
import random
import struct
import sys

assert sys.version_info[:2] == (3, 11), "expected values must come from CPython 3.11"

I64_MIN, I64_MAX = -2**63, 2**63 - 1
out = []


def esc(s):
    parts = []
    for ch in s:
        o = ord(ch)
        if ch == '\\':
            parts.append('\\\\')
        elif 0x20 <= o <= 0x7e:
            parts.append(ch)
        else:
            parts.append('\\u{%x}' % o)
    return ''.join(parts)


def bits(x):
    return '%016x' % struct.unpack('<Q', struct.pack('<d', x))[0]


def emit(*fields):
    out.append('\t'.join(fields))


def attempt(fn):
    try:
        return 'ok ' + fn()
    except (ValueError, OverflowError) as e:
        return 'err ' + str(e)


def round_bits(x, nd):
    try:
        return bits(round(x, nd))
    except OverflowError:
        return 'overflow'


def float_bits(s):
    try:
        return bits(float(s))
    except ValueError:
        return 'invalid'


inf, nan = float('inf'), float('nan')
rng = random.Random(20240611)


def random_finite():
    while True:
        x = struct.unpack('<d', struct.pack('<Q', rng.getrandbits(64)))[0]
        if math.isfinite(x):
            return x


def random_decimal():
    # short decimal literals hit the shortest-repr and tie logic hardest
    mant = rng.randint(1, 10**rng.randint(1, 17))
    return float('%de%d' % (mant, rng.randint(-30, 30))) * rng.choice((1, -1))


# ---------------------------------------------------------------- repr
REPR = [0.0, -0.0, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 1.0, -1.0, 1e16, 1e15,
        9999999999999998.0, 1e17, 2e16 + 8, 1e-4, 1e-5, 0.00001234, 1.5e-7,
        1e300, -1e300, 5e-324, -5e-324, 2.2250738585072014e-308,
        2.225073858507201e-308, 1.7976931348623157e308, 2.0**53, 2.0**53 + 2,
        2.0**63, 2.0**64, 123456789012345680.0, 1e22, 1e23, 9.999999999999999e22,
        nan, inf, -inf, 0.5, 100.0, 123.456, 1234567890123456.7, 0.3, 4.35,
        1e-7, 1e21, 12345678901234567.0, 0.000123, 3.0e-5, 5e-5, 1e100]
for x in REPR + [random_finite() for _ in range(300)] + [random_decimal() for _ in range(200)]:
    emit('repr', bits(x), esc(repr(x)))

# ---------------------------------------------------------------- format(float)
FLOATS = [0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 2.5, -2.5, 0.125, 2.675, 3.14159,
          -3.14159, 1234.5, 1234567.891, -1234567.891, 100.0, 1e16, 1e-5,
          0.0001234, 1e300, 5e-324, 123456789012345680.0, 0.1 + 0.2, 2 / 3,
          9.995, 999999.5, 0.05, 1e23, inf, -inf, nan, 42.0, -0.0004]
FSPECS = ['', '.4f', '.3e', '>8', '<5', ',', '_', '+.2f', '08.3f', '^10',
          '*^9', '.0f', '.2%', '%', 'g', '.3g', '.10g', '.1', '.3', 'e', 'E',
          '=+8', 'z.1f', 'f', 'F', 'G', '.0e', '#.0e', '#.0f', '#g', '#.3g',
          '#', '#.2', 'n', '.2n', ' ', ' .2f', '-.1f', ',.2f', '_.3f',
          '015,.2f', '020_.4e', '012', '0=12.3', '<012.2f', 'x<12,.1f',
          '^+15.3e', '.0%', '#.0%', ',g', '.17g', '.20f', '.25e', '10',
          '-^11.1', 'z', 'z.0f', 'z.3g', 'z%', '.0', '.1g', '.0g', '#.0g',
          '.2E', '0<10.2f', '\u2192^12.2f', '+010,.1f', ',.0f', '_g', '013_']
for x in FLOATS:
    for spec in FSPECS:
        emit('ffloat', bits(x), esc(spec), esc(attempt(lambda: format(x, spec))))
# exact ties at several precisions
TIES = sorted({k / 8 for k in range(-24, 25)} | {k / 16 for k in range(0, 40, 3)} |
              {0.005, 0.015, 0.025, 1.005, 2.5e-5, 1.25e-6, 9.5, 10.5, 1e-323})
for x in TIES:
    for spec in ['.0f', '.1f', '.2f', '.3f', '.0e', '.1e', '.2e', '.1g', '.2g', '.1', '.2%']:
        emit('ffloat', bits(x), esc(spec), esc(attempt(lambda: format(x, spec))))
RSPECS = ['.%df', '.%de', '.%dg', '.%d', '#.%dg', '.%dE', '.%d%%', ',.%df']
for _ in range(300):
    x = rng.choice((random_finite, random_decimal))()
    spec = rng.choice(RSPECS) % rng.randint(0, 20)
    emit('ffloat', bits(x), esc(spec), esc(attempt(lambda: format(x, spec))))
ODD_SPECS = ['d', 'x', 'c', 's', 'b', 'abc', '.', ',_', '_,', '=,', '.3000000000f',
         '99999999999999999999', '.99999999999999999999', '\u00e9', '1 ', '#x',
         ',n', '_n', '5.2d', ',c', '\x01', '\x7f', '..2f', '.2.2f', '++5',
         '<<', 'z=5', '-=,5d', '.2ff', '.2147483647e', '#.2147483647E', '.2147483648e']
for spec in ODD_SPECS:
    emit('ffloat', bits(1.5), esc(spec), esc(attempt(lambda: format(1.5, spec))))

# ---------------------------------------------------------------- format(int)
INTS = [0, 1, -1, 7, 42, -42, 255, -255, 1234, -1234, 1234567, -1234567, 65,
        0x10ffff, 0x110000, 2**31, 2**53 + 1, 2**62, I64_MAX, I64_MIN,
        10**18, 999, 1000, 0xabcdef]
ISPECS = ['', 'd', '5d', '<5', '>8', '^10', '*^9', ',', '_', '+', ' ', '-',
          '08', '08,', '010,', '09,', '0>10,', '#x', '#X', 'x', 'X', '#o', 'o',
          'b', '#b', '_b', '#_b', '_x', '#_X', '#012_b', '#010x', '=+10', 'n',
          '08n', 'c', '5c', '<3c', '05c', 'e', '.2e', 'f', '.2f', '%', '.1%',
          'g', 'G', ',.2f', '+,d', '0=+12,', 'z', '.2', ',x', '_o', 's', '#c',
          '+c', ',c', '#d', '#n', 'E', '_d', '0', '00', '010', '-010', ' 010',
          '+#x', '-#o', '\u2192^9', '#>12_o', ',e', '_%', 'z.2f', '30,']
for n in INTS:
    for spec in ISPECS:
        emit('fint', str(n), esc(spec), esc(attempt(lambda: format(n, spec))))
for _ in range(150):
    n = rng.choice((rng.randint(I64_MIN, I64_MAX), rng.randint(-10**6, 10**6)))
    spec = rng.choice(['', ',', '_', '#x', '_b', '+012,', '^20', 'o', '.3e', 'g', '#_o'])
    emit('fint', str(n), esc(spec), esc(attempt(lambda: format(n, spec))))

# ---------------------------------------------------------------- format(str)
STRS = ['', 'a', 'hello', 'h\u00e9llo', '\u65e5\u672c\u8a9e', 'tab\there', 'x\\y']
SSPECS = ['', 's', '>8', '<5', '^10', '*^9', '.2', '.0', '10.3', '<10.3s',
          '^7.1', '05', '0<5', 'x>7', '\u2192^9', '=5', '+', ' ', '-', 'z',
          '#', ',', '_', 'd', '.', 'abc', 'x=5', '0=5', '^', '3', '\t>6', '.10',
          '\u0663', 'c', '>\u0661\u0662s']
for s in STRS:
    for spec in SSPECS:
        emit('fstr', esc(s), esc(spec), esc(attempt(lambda: format(s, spec))))

# ---------------------------------------------------------------- round
R0 = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.5, 0.49999999999999994,
      2.5000000000000004, 1e16, 4503599627370497.0, 4503599627370496.5, -0.0,
      0.0, 1e300, 0.1, -0.7, 123456.5, 123457.5, 2.0**52 + 0.5, -(2.0**52 + 0.5)]
for x in R0 + [random_decimal() for _ in range(40)]:
    emit('round0', bits(x), bits(float(round(x))))
RX = [2.675, 0.125, 0.375, 1234.5, 1250.0, 1350.0, 1.5, 2.5, 0.5, -0.5, 5.0,
      15.0, 25.0, -25.0, 0.0, -0.0, 1e300, -1e300, 5e-324, 1.7976931348623157e308,
      123.456, -123.456, 0.1, 1e22, 3.14159, 9.995, 1e-320, 12345678.9, inf,
      -inf, nan, 0.045, 1.005, 2.0**60 + 2**8, 4.5e15]
ND = [0, 1, 2, 3, -1, -2, -3, 5, 10, 15, 17, 300, 323, 324, 400, -20, -300,
      -307, -308, -309, -400]
for x in RX:
    for nd in ND:
        emit('roundf', bits(x), str(nd), round_bits(x, nd))
for _ in range(150):
    x = random_decimal()
    nd = rng.randint(-25, 25)
    emit('roundf', bits(x), str(nd), round_bits(x, nd))
RI = [0, 1, -1, 5, 15, 25, -15, -25, 1250, 1350, -1250, 1249, 1251, 99, 950,
      I64_MAX, I64_MIN, 5 * 10**18, -5 * 10**18, 9 * 10**18, 45, 55, 123456789]
for n in RI:
    for nd in [0, 2, -1, -2, -3, -9, -17, -18, -19, -20, -21, -37, -38, -39, -40, -1000]:
        r = round(n, nd)
        emit('roundi', str(n), str(nd), str(r) if I64_MIN <= r <= I64_MAX else 'big')

# ---------------------------------------------------------------- float(str)
PF = ['1', '1.5', ' 1.5 ', '\t-2\n', '+1e5', '1E+05', '.5', '5.', '-.5e-3', '.',
      '', ' ', 'e5', '1e', '1e+', '1e5.0', '1_000.5', '1__0', '_1', '1_', '1_.5',
      '1._5', '1e1_0', '1_e5', 'inf', '-inf', '+inF', 'Infinity', '-INFINITY',
      'infinit', 'infinityy', 'nan', '-nan', '+NaN', 'nan1', 'in f', '0x10',
      '1,5', '00.5', '1e500', '-1e500', '1e-500', '2.2250738585072011e-308',
      '4.9e-324', '2.4703282292062328e-324', '2.4703282292062327e-324',
      '1.7976931348623158e308', '1.7976931348623159e308', '0.1', '1e23',
      '8.988465674311580536566680e307', '123456789012345678901234567890',
      '\x1c1', '1\x1c', '\x851', '1\u3000', '\u0661.5', '\u0661\u0662e\u0663',
      '1\x00', '\u00e91', '- 1', '--1', '+-1', '1 2', '0e0', '-0', '-0.0',
      '1' * 400 + 'e-400', '0.' + '0' * 350 + '1', '1e0000000000000000000001',
      '9' * 30, '1_2_3.4_5e6_7', ' _1', '1e-1_0', '\u20001\u2000', '1.5\x0b',
      '\u00a0inf', 'INFINITY_', 'i', '+', '-', '1e+5_0', '1.e5', '.5E1', '1.5e', '\x7f1']
for s in PF:
    emit('pfloat', esc(s), float_bits(s))
for _ in range(60):
    x = rng.choice((random_finite, random_decimal))()
    s = rng.choice(('%r', '%.20e', '%.3e', '%.17g', '%.40f')) % x
    emit('pfloat', esc(s), float_bits(s))

# ---------------------------------------------------------------- int(str, base)
PI = [('0', 10), ('42', 10), (' -42 ', 10), ('+7', 10), ('1_000', 10),
      ('1__000', 10), ('_1', 10), ('1_', 10), ('0x1f', 16), ('0X1F', 16),
      ('1f', 16), ('0x1f', 0), ('0o17', 0), ('0b101', 0), ('0B101', 2),
      ('0b101', 16), ('0o17', 8), ('017', 0), ('00', 0), ('0_0', 0), ('0_7', 0),
      ('07', 8), ('0x', 16), ('0x_1', 16), ('0x__1', 16), ('0x_', 0), ('z', 36),
      ('Z', 36), ('10', 2), ('2', 2), ('12', 3), ('9223372036854775807', 10),
      ('9223372036854775808', 10), ('-9223372036854775808', 10),
      ('-9223372036854775809', 10), ('7fffffffffffffff', 16),
      ('-8000000000000000', 16), ('8000000000000000', 16), ('1' * 70, 2),
      ('1' * 64, 2), ('9' * 40, 10), ('', 10), (' ', 10), ('-', 10), ('+', 10),
      ('- 1', 10), ('1 1', 10), ('\x1c1', 10), ('\x851', 10),
      ('\u0661\u0662', 10), ('\u0661\u0662', 0), ('1.0', 10), ('1e5', 10),
      ('0x1g', 16), ('ff', 10), ('0o8', 0), ('0b2', 0), ('1\x00', 10),
      ('\u00a0 12\u3000', 10), ('0_', 0), ('00_00', 0), ('-0', 0), ('+0x10', 0),
      ('-0b1_1', 0), ('0b_1_1', 2), ('0_b1', 0), ('1_0', 0), ('009', 10),
      ('009', 0), ('0o_7', 8), ('12', 36), ('yz', 35), ('0x10', 36),
      ('-0x8000000000000000', 0), ('\t\n 5\r\x0b\x0c', 10), ('٣', 16)]
for s, base in PI:
    try:
        r = int(s, base)
        emit('pint', esc(s), str(base), str(r) if I64_MIN <= r <= I64_MAX else 'big')
    except ValueError:
        emit('pint', esc(s), str(base), 'invalid')

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'pyfmt_cases.txt')
with open(path, 'w', encoding='ascii', newline='\n') as fh:
    fh.write('\n'.join(out) + '\n')
print('wrote %d cases to %s' % (len(out), path))
