# Findings of the numbers fuzzer (numbers_fuzz/): negative ** fractional is complex,
# complex ** overflow/EDOM errors, the 4300-digit limit in every int→text path, printf
# integer precision and flags, ranges longer than i64 counts.
print((-8) ** 0.5, (-2.0) ** 1.5, (-1) ** (1/3), 2 ** 0.5)
try:
    print(complex(float('inf'), 0) ** 0.5)
except Exception as e:
    print(type(e).__name__, e)
try:
    print(2 ** complex(0, float('inf')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(f'{10**4300}')
except Exception as e:
    print(type(e).__name__, e)
try:
    print(format(10**4300, ','))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('%d' % 10**4300)
except Exception as e:
    print(type(e).__name__, e)
try:
    print('%s' % 10**4300)
except Exception as e:
    print(type(e).__name__, e)
try:
    print(ascii(10**4300))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('%x' % 3.0)
except Exception as e:
    print(type(e).__name__, e)
try:
    print('%o' % 2.5)
except Exception as e:
    print(type(e).__name__, e)
try:
    print('%.5d' % 42)
except Exception as e:
    print(type(e).__name__, e)
try:
    print('%8.3d|' % -7)
except Exception as e:
    print(type(e).__name__, e)
try:
    print('%-8.3x|' % 255)
except Exception as e:
    print(type(e).__name__, e)
try:
    print('%#.4x' % 255)
except Exception as e:
    print(type(e).__name__, e)
try:
    print('%05c' % 65)
except Exception as e:
    print(type(e).__name__, e)
try:
    print('%05.3d' % 7)
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr(chr(0x2f23b)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print((1j) ** 2)
except Exception as e:
    print(type(e).__name__, e)
try:
    print((1+1j) ** 0.5)
except Exception as e:
    print(type(e).__name__, e)
try:
    print(0j ** 1j)
except Exception as e:
    print(type(e).__name__, e)
try:
    print((1e200+1e200j) ** 2)
except Exception as e:
    print(type(e).__name__, e)
try:
    print(len(range(-2**63, 0)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(0 in range(-2**63+2, 2))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(range(-2**63, 0)[-1])
except Exception as e:
    print(type(e).__name__, e)
try:
    print(range(5)[::-2])
except Exception as e:
    print(type(e).__name__, e)
try:
    print(list(range(10)[2:8:3]))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(range(-2**63, 2**63-1)[2**62])
except Exception as e:
    print(type(e).__name__, e)
try:
    print(len(range(2**62)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(range(-2**63, 2**63-1)[5:10])
except Exception as e:
    print(type(e).__name__, e)
