# printf-style % formatting: instances through __str__/__repr__, %(name)s mappings, *
# widths and precisions, length modifiers; str.expandtabs.
class B:
    def __str__(self):
        return 'B-str'
    def __repr__(self):
        return 'B-repr'
print('%s and %r' % (B(), B()), '%s' % B(), '%(a)s|%(b)5d|%(a)r' % {'a': 'x', 'b': 42}, '%-*s|' % (6, 'ab'), '%.*f' % (2, 3.14159), '%ld %hd %5.2Lf' % (5, 6, 1.5))
print('%(x)s %(x)s' % {'x': B()}, '%*d' % (-5, 3) + '|', '%s' % [B()], '%%' % ())
print('a\tbc\td'.expandtabs(), 'x\ty\n\tz'.expandtabs(4), 'ab\t'.expandtabs(tabsize=3) + '|', 'q\tw'.expandtabs(0))
try:
    print('%(a)s' % 5)
except Exception as e:
    print(type(e).__name__, e)
try:
    print('%(a)s' % {})
except Exception as e:
    print(type(e).__name__, e)
try:
    print('%*d' % ('x', 1))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('%(a' % {'a': 1})
except Exception as e:
    print(type(e).__name__, e)
try:
    print('%s %(a)s' % {'a': 1})
except Exception as e:
    print(type(e).__name__, e)
