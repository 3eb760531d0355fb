# io.StringIO and io.BytesIO: positions, overwriting, padding, closing, errors.
import io

s = io.StringIO()
print(s.write('hello\nworld\n'), s.tell(), repr(s.getvalue()))
s.seek(0)
print(repr(s.readline()), repr(s.read()), repr(s.read()))
s.seek(2)
s.write('XY')
print(repr(s.getvalue()), list(io.StringIO('a\nb\nc')))
t = io.StringIO('abc')
t.write('Z')
print(repr(t.getvalue()), t.tell())
print('x', 1, file=t)
print(repr(t.getvalue()))
b = io.BytesIO(b'12345')
b.seek(7)
b.write(b'!')
print(b.getvalue(), b.tell())
with io.BytesIO() as m:
    print(m.write(b'ab'), m.closed)
print(m.closed)
for bad in [lambda: m.read(), lambda: io.StringIO().write(1), lambda: io.BytesIO().write('s'), lambda: io.StringIO(5)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

s = io.StringIO('ab\ncd\nef\n')
print(s.readlines(3))
print(s.readlines(0))
print(io.StringIO('x\ny').readlines(-1), io.BytesIO(b'a\nb\n').readlines(1))
