# String repr, quoting choice and escapes
samples = ['plain', "it's", 'say "hi"', 'both \' and "', 'tab\there', 'new\nline', 'back\\slash',
           'cr\rx', '\x00\x01\x7f', 'bell\a', '\x1b[0m', 'é', '日本語', '€', '😀', '\xa0', '\xff', '']
for s in samples:
    print(repr(s), len(s))
print(samples[:6])
print(('a', "b'c"), {'k"': 'v\n'})
print('a\tb', 'c\\d', 'e\'f', "g\"h", 'i\x41j', '\u00e9\u2022', '\101\102')
print(r'raw\nstring', r'C:\path\to', len(r'\n'), len('\n'))
print('''triple
quoted''', """another 'one' "here" """)
print('implicit' ' concatenation' " works")
print('multi\
line')
print(str('x'), repr(repr('x')), repr(str(5)), repr('5'), str(repr(5)))
nested = [['a', 'b'], ('c',), {'d': ['e']}, "f'g", 'h"i', 1.0, None, True]
print(nested)
print(repr(nested))
print(str(nested) == repr(nested))
print(repr('\\'), repr('\''), repr('"'), repr('\'"'))
print(repr(chr(127)), repr(chr(128)), repr(chr(159)), repr(chr(160)))
print(repr('\x0c\x0b'), repr('\t\n\r'))
print('{!r}'.format('x\ny'), '{!s}'.format('x'), f'{"a"!r:>6}')
for c in ['\t', '\n', 'a', ' ', '~', '\x7f', 'Ω']:
    print(ord(c), repr(c), repr(c * 2))
