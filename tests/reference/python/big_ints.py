# Python's unbounded ints: arithmetic past 64 bits, conversions, formatting, hashing,
# math's integer functions, and int/float comparisons that stay exact.
print(2**64, -2**63 - 1, 2**100 // 3, 2**100 % 7, -(2**70) // 3, -(2**70) % 3)
x = 10**30
print(x, x + 1, x * x, x / 7, x - x, type(x), x == 10**30, x > 1e29, x < 1e31, float(x))
print(hash(2**64), hash(-2**64), hash(2**61), hash(float(2**64)))
print({2**64: 'a'}[2.0**64])
print(1 << 100, (1 << 100) >> 99, -(1<<100) >> 98, (2**70) & (2**70 - 1), (2**70) | 1, ~(2**70), -(2**70) ^ 5)
print(9007199254740993 / 1, 2**63 // -1, (-2**63) // -1)
print(abs(-2**64), int('123456789012345678901234567890'), str(2**80), repr(-2**80))
print(divmod(2**70, 12345), pow(3, 200, 10**9+7), pow(2**70, 2), round(2**70), int(1e20))
print(f"{2**70:,}", f"{2**70:x}", hex(2**70), bin(2**65), oct(2**64), f"{2**70:>30}", "%d" % 2**70)
import math
print(math.factorial(30), math.comb(100, 50), math.gcd(2**80, 2**70*3), math.isqrt(10**30) if hasattr(math,'isqrt') else '')
print(sum([2**62, 2**62, 2**62]), max(2**70, 3), sorted([2**70, -2**70, 5]))
print((2**64).bit_length(), int(2**64 * 1.0), 10**20 == 1e20, 2**53+1 == float(2**53+1))
x = 123456789012345678901234567890
print(x, -9223372036854775808, type(-9223372036854775808), 0xffffffffffffffffffff, 1_000_000_000_000_000_000_000)
print(x * 0, x // x, str(x)[:5], len(str(2**1000)), repr(2**64) == '18446744073709551616')
import json
print(json.dumps({'a': 2**70, 'b': [10**20]}), json.loads('123456789012345678901234567890'))
print(max(range(10)) + 2**64, [i * 2**62 for i in range(5)])
print(2**64 in {2**64}, {2**64, 2.0**64}, 1e19 == 10**19, int('-' + '9'*25), int('ff'*10, 16))
print((2**64).to_bytes if False else '', (-2**70).bit_length(), (2**70).bit_count(), (3.5).as_integer_ratio(), (0.1).as_integer_ratio(), (2**70).as_integer_ratio())
print(float.hex(0.1), (1.0).hex(), (-2.5e-310).hex())
print(isinstance(2**70, int), 2**70 is 2**70, bool(2**70), -(-2**63), (-2**63) * -1, abs(-2**63))
a = 2**63
a -= 1
print(a, type(a), a + 1, a * 2, a ** 3)
print(round(123456789012345678901234567890, -5), round(2**70, -3), round(1.5e20), round(-2.5))
print(7 ** 77 % 1000, pow(2, 100, 2**70 + 1), pow(3, -1, 7), divmod(-2**70, 7))
print(f"{2**70:_}", f"{-2**70:+,d}", f"{2**70:e}", f"{2**70:.3f}", "%x %o %10d" % (2**70, 2**70, 2**64))
print(sum(range(10**6)) * 10**15)
print(int(2**70 / 3), 2**70 / 2**69, 10**400 // 10**398, (10**400) % 9)
print(2**64 - 2**64, type(2**64 - 2**64), (2**64) // (2**32), 3 * 2**62 // 2)
print(math.isqrt(2**127), math.comb(60, 30), math.perm(30, 20), math.lcm(2**40, 3**30), math.gcd())
print(math.floor(1e30), math.ceil(-1e25), math.trunc(2**70), math.floor(2**70))
print(int(1e300) == 10**300, int(1e300) > 10**299, float(2**1023) * 2 if False else float(2**1023))
print(2**200 / 3**100, (3**100) / (2**200), -(2**100) / 7, 1 / 2**1100)
print(12345678901234567891 / 10, 2**53 + 1 == 2.0**53 + 1, (2**53 + 1) / 1)
for k in (2**61 - 1, 2**61, 2**62, -2**61 + 1, 10**40):
    print(k, hash(k), hash(float(k)) == hash(k) if k < 2**100 else '')
print(sorted([3, 2**65, 1.5, -2**65, 2**64 + 0.5]))
print(str(-10**50), f"{10**30:>40,}", f"{-2**70:#x}", f"{2**70:#b}"[:12], format(2**64, '020'))
x = 10**4299
print(len(str(x)))
try:
    print(10**4300)
except ValueError as e:
    print(e)
try:
    int('1' * 4301)
except ValueError as e:
    print(e)
print(len(str(int('7' * 4300))), len(hex(2**20000)))
s = f"{2**100}"
print(s)
