# f-strings and format specs
x = 3.14159265
n = 42
s = 'hi'
big = 1234567
print(f'{x}', f'{x:.2f}', f'{x:.0f}', f'{x:10.3f}|', f'{x:<10.3f}|', f'{x:^10.3f}|', f'{x:+.1f}')
print(f'{n}', f'{n:5d}|', f'{n:<5d}|', f'{n:^5}|', f'{n:05d}', f'{n:+d}', f'{-n:+d}', f'{n: d}')
print(f'{n:x}', f'{n:X}', f'{n:o}', f'{n:b}', f'{n:#x}', f'{n:#b}', f'{n:#o}', f'{255:08b}')
print(f'{big:,}', f'{big:_}', f'{-big:,}', f'{1234567.891:,.2f}', f'{big:>12,}', f'{999:,}')
print(f'{x:e}', f'{x:.3e}', f'{123456.0:.2e}', f'{0.000123:E}', f'{-1e-10:.1e}')
print(f'{x:g}', f'{123456789.0:g}', f'{0.0001:g}', f'{0.00001:g}', f'{100.0:g}', f'{1e16:g}', f'{2.5:.1g}')
print(f'{0.25:%}', f'{0.25:.1%}', f'{1/3:.2%}', f'{2:.0%}')
print(f'{s:>6}|', f'{s:<6}|', f'{s:^6}|', f'{s:*^7}|', f'{s:-<4}|', f'{s:.1}|', f'{"abcdef":.3}')
print(f'{s!r}', f'{s!s}', f'{s!r:>8}', f'{[1, "a"]!r}', f'{"x"!r:^7}|')
w = 8
p = 3
print(f'{x:{w}.{p}f}|', f'{n:>{w}}|', f'{s:{"="}^{w}}|', f'{x:.{p}}')
print(f'{n!r} and {x!s}', f'{{literal}}', f'{{{n}}}', f'{n}{n}', f'a{""}b')
items = {'apple': 1.5, 'banana': 0.25, 'cherry': 10.0}
for name, price in items.items():
    print(f'{name:<10}{price:>8.2f}')
print(f'{"total":<10}{sum(items.values()):>8.2f}')
print(f'{n * 2 + 1}', f'{len(s)}', f'{s.upper()}', f'{[i * i for i in range(4)]}', f'{n if n > 40 else 0}')
print(f'{True}', f'{None}', f'{(1, 2)}', f'{ {"k": 1} }', f'{1.0}', f'{1e20}', f'{-0.0}')
print(f'{True:>6}|', f'{3:.2f}', f'{7:e}', f'{10:%}')
print(f'{1.5:5}|', f'{15:5}|', f'{"ab":5}|', f'{-3.5:08.2f}', f'{-42:06d}', f'{42:=+6d}')
print(f'{2.5:.0f}', f'{3.5:.0f}', f'{0.125:.2f}', f'{0.375:.2f}', f'{1.005:.2f}', f'{2.675:.2f}')
print(f'{1e300:.3g}', f'{123.456:.5g}', f'{0.5:.0e}', f'{12345:.2e}', f'{float("inf"):.2f}', f'{float("nan")}')
name = 'World'
greeting = f'Hello, {name}!'
print(greeting, len(greeting), f'{greeting!r}')
table = [(1, 'one', 1.0), (22, 'twenty-two', 22.22), (333, 'three hundred', 333.333)]
for num, word, val in table:
    print(f'|{num:>4}|{word:^15}|{val:<9.2f}|{num:03}|')
print(f'{"nested " + f"{n:03d}"}', f"{'single'}", f'''{"triple"}''')
print(f'n={n}', f'{x:.3f}'.rjust(10, '.'))
print(f'{0:b}', f'{-5:b}', f'{-255:#x}')
