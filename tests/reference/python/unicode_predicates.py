# str predicates and repr escapes that follow Unicode categories (CPython 3.11:
# Unicode 14): samples, then a checksum over every code point.
samples = ['\u03a2', '\u200b', '\xa0', '\ue000', '\U000e0001', 'abc', '', ' ', '\t', 'é', '\u0378', '\U0001F600', '\u2028', '\U00010FFF', 'Σ']
print([repr(s) for s in samples])
print([s.isprintable() for s in samples])
nums = ['²', '½', '٣', '五', 'Ⅷ', '12', '', 'a1', '①', '𝟙', 'ǅ', 'ʰ', 'a\u0301', '\u0345']
for m in ('isdigit', 'isdecimal', 'isnumeric', 'isalpha', 'isalnum'):
    print(m, [getattr(s, m)() for s in nums])
print(repr('tab\tnl\n\x00\x7f\x80\xad'), ascii('é\u200b'))
bad = 0
h = 0
for n in range(0x110000):
    if 0xd800 <= n <= 0xdfff:
        continue
    c = chr(n)
    k = (c.isprintable(), c.isdecimal(), c.isdigit(), c.isnumeric(), c.isalpha(), c.isalnum(), len(repr(c)))
    h = (h * 31 + hash(k)) % 1000000007
print(h)
