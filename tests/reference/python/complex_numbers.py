# complex: literals, repr with signed zeros, Smith's division, integer and polar powers,
# hash, parsing, errors; slice objects; sorted() as CPython's timsort (NaN inputs).
z = 1 + 2j
print(z, type(z), z.real, z.imag, z.conjugate(), abs(3 + 4j), 2j, -2j, 0j, -0j, 1j * 1j)
print(z * z, z / (1 - 1j), z ** 2, z ** 0.5, z ** -1, (1 + 1j) ** 10, 2 ** z, z + 1, 1.5 - z, z == 1 + 2j, z != z)
print(complex(1, 2), complex('3-4j'), complex(' (1+1j) '), complex('j'), complex('-1.5e3J'), complex(2), complex(), complex(1j, 1j), complex(real=1, imag=2))
print(hash(1 + 0j) == hash(1), hash(2j), hash(1 + 2j), {1 + 0j: 'a'}[1], 1 + 0j == 1, 1j == 1, complex(1e300, 1e300) * 10)
print(repr(complex(float('inf'), float('nan'))), complex(-0.0, -0.0), complex(0.0, -0.0), complex(1e20, 1e-20), str(1.5 + 0j))
print(sum([1j, 2, 3.5]), [1j, 2 + 0j], f"{1 + 2j}", bool(0j), bool(1j), isinstance(1j, complex), 1j.imag)
try:
    print((1+2j) < 1j)
except Exception as e:
    print(type(e).__name__, e)
try:
    print(1j // 2)
except Exception as e:
    print(type(e).__name__, e)
try:
    print(1j % 2)
except Exception as e:
    print(type(e).__name__, e)
try:
    print(int(1j))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(float(1j))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(complex('x'))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(1j / 0)
except Exception as e:
    print(type(e).__name__, e)
try:
    print(0j ** -1)
except Exception as e:
    print(type(e).__name__, e)
try:
    print(complex('1', 2))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(abs(complex(1e308, 1e308)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print((10.0 + 1j) ** 1000)
except Exception as e:
    print(type(e).__name__, e)
print(slice(1, 5, 2), slice(3), [0,1,2,3,4,5][slice(1, 5, 2)], slice(1, 2) == slice(1, 2), slice(None).start)
nan = float('nan')
print(sorted([32, 1.5, nan, 0.25, 30, 7]), sorted([3, nan, 1, 2]), sorted([1, 3, 2], reverse=True, key=lambda v: -v))
