# Fuzzer findings fixed: slice.indices, slice ordering, slices and range slices with
# bounds past 64 bits, pow() with a modulus and a float or complex operand (CPython asks
# each operand's type in turn), divmod and // % | ^ with complex operands.
tests = [
    lambda: slice(1, 2).indices(),
    lambda: slice(1, 2).indices(-1),
    lambda: slice(1, 2).indices(1.5),
    lambda: slice(1, 2).indices(1, 2),
    lambda: slice(None, None, 10**30).indices(5),
    lambda: slice(-10**30, 10**30).indices(10**25),
    lambda: slice(1, 2).indices(length=3),
    lambda: slice(-7, -8, -4).indices(0),
    lambda: slice(6, -3, 5).indices(5),
    lambda: slice(1, 2, 0).indices(5),
    lambda: slice(1.5, 2).indices(5),
    lambda: slice(True, None, True).indices(3),
    lambda: range(4611686018427387907, -4611686018427387904, -1)[::1],
    lambda: range(10)[2:10**20:3],
    lambda: [1, 2, 3][10**30:],
    lambda: (1, 2, 3)[::-10**30],
    lambda: "abcdef"[-10**40:10**40:2],
]
for t in tests:
    try:
        print(repr(t()))
    except Exception as x:
        print(type(x).__name__, x)
for a, b in [(slice(True, 0), slice(0, True)), (slice(None, None), slice(None, None)), (slice(1, 2), slice(1, 3)), (slice(1, None), slice(1, 2)), (slice(5), slice(2, 9, 1))]:
    for f in (lambda: a < b, lambda: a <= b, lambda: a > b, lambda: a >= b, lambda: a == b):
        try:
            print(f(), end=" ")
        except TypeError as e:
            print("TypeError", e, end=" | ")
    print()
tests = [
    lambda: pow(0, 1j, 2), lambda: pow(1j, 2, 3), lambda: pow(1.5, 2j, 1), lambda: pow(2, 2, 1j),
    lambda: pow(2.0, 2, 3), lambda: pow(True, 1j, 2.0), lambda: pow(2, 3, 5), lambda: pow("a", 1, 2),
    lambda: divmod(1j, 7), lambda: divmod(2, 1.5j), lambda: divmod(True, 1j),
    lambda: 10**400 // 0j, lambda: 10**400 % 1j, lambda: 1j | 2, lambda: 3 ^ 1j, lambda: 1j // 2,
    lambda: 10**400 + 1j,
]
for t in tests:
    try:
        print(repr(t()))
    except Exception as x:
        print(type(x).__name__, x)
