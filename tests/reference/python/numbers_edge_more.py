# More numbers-fuzzer findings: huge ints meeting complex and float conversions,
# shift counts past CPython's digit limit, zero to a huge negative power.
try:
    print(1j + 2**1024)
except Exception as e:
    print(type(e).__name__, e)
try:
    print(complex(2**1024))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(complex(1, 2**1024))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(1 << 2**66)
except Exception as e:
    print(type(e).__name__, e)
try:
    print(1 << 2**63)
except Exception as e:
    print(type(e).__name__, e)
try:
    print(0 ** -2**1024)
except Exception as e:
    print(type(e).__name__, e)
try:
    print(0 ** -5)
except Exception as e:
    print(type(e).__name__, e)
try:
    print(2 ** -2**1024)
except Exception as e:
    print(type(e).__name__, e)
try:
    print((-2**70) ** -1)
except Exception as e:
    print(type(e).__name__, e)
try:
    print((1 << 100) >> 2**70)
except Exception as e:
    print(type(e).__name__, e)
