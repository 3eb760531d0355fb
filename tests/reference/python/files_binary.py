# open() in binary modes: bytes written and read back, readline/iteration, and the
# errors for str writes and encodings in binary mode.
with open('data.bin', 'wb') as f:
    print(f.write(b'\x00\x01line1\nline2\n\xff'))
with open('data.bin', 'rb') as f:
    print(f.read(2), f.readline(), f.read())
with open('data.bin', 'rb') as f:
    print(list(f))
print(b'banana'.find(b'a', 2), b'banana'.count(b'a', 2, 4), b'banana'.rfind(b'a', 0, 3), b'banana'.find(b'n', -2))
try:
    open('data.bin', 'wb').write('text')
except TypeError as e:
    print(e)
try:
    open('data.bin', 'rb', encoding='utf-8')
except ValueError as e:
    print(e)
import os
os.remove('data.bin')
