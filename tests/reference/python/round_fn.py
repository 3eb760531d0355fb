# round(): banker's rounding, ndigits, int vs float results
for v in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.49999, 2.675, 1.005, 0.125, 0.375]:
    print(v, round(v), round(v, 2), round(v, 1))
print(round(3.14159, 3), round(2.5), round(-2.5), round(7.5), round(8.5))
print(type(round(2.5)), type(round(2.5, 0)), round(2.5, 0), round(3.5, 0))
print(round(1234.5678, -1), round(1234.5678, -2), round(1234.5678, -3))
print(round(1234, -1), round(1235, -1), round(1245, -1), round(-1255, -1), round(1250, -2), round(1350, -2))
print(round(15, -1), round(25, -1), round(5, -1), round(-5, -1), round(99, -2), round(150, -2))
print(round(7), round(-7), round(0), round(7, 2), round(7, 0), type(round(7, 2)))
print(round(0.1 + 0.2, 2), round(1 / 3, 5), round(2 / 3, 4), round(-1 / 3, 3))
print(round(1e20, 2), round(123.456, 10), round(0.0), round(-0.4), round(-0.6))
print(round(True), round(False), round(1.23456789e-5, 8))
print([round(x / 8, 2) for x in range(9)])
print([round(x * 0.1, 1) for x in range(11)])
print([round(n / 2) for n in range(-6, 7)])
total = 0.0
for price in [19.99, 5.01, 3.333, 0.005, 100.0]:
    total += price
    print(f"{price} -> running {round(total, 2)}")
print(round(2.675, 2), round(0.285, 2), round(1.115, 2), round(4.445, 2))
print(round(123456789.987654321, 4), round(-0.05, 1), round(0.05, 1), round(0.15, 1), round(0.25, 1))
