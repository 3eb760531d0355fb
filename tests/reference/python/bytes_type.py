# bytes: literals and escapes, repr, operators, indexing/slicing/iteration, methods,
# bytes() forms, str.encode/bytes.decode with CPython's codec errors, int.to_bytes/from_bytes.
b = b'hello\n\x00\xff"\'' 
print(b, len(b), b[0], b[-1], b[1:3], list(b[:3]), b'abc' + b'de', b'ab' * 3, b'a' in b'cat', 97 in b'a')
print(repr(b'it\'s'), b"quote\"", rb'\x41\n', b'\101\x42C', type(b'x'), bytes(3), bytes([65, 66]), bytes('héllo', 'utf-8'))
print('héllo'.encode(), 'héllo'.encode('latin-1'), b'h\xc3\xa9llo'.decode(), b'h\xe9'.decode('latin-1'), b'abc'.hex(), bytes.fromhex('de ad be ef'))
print(b'a,b,,c'.split(b','), b'  x y  '.split(), b'  pad  '.strip(), b'xxhixx'.strip(b'x'), b'-'.join([b'a', b'b']), b'aXbX'.replace(b'X', b'--'))
print(b'Hello'.upper(), b'Hello'.lower(), b'abc'.startswith(b'ab'), b'abc'.endswith((b'x', b'c')), b'banana'.find(b'na'), b'banana'.count(b'a'), b'banana'.rfind(b'na'))
print(b'abc' == b'abc', b'abc' < b'abd', hash(b'abc') == hash('abc'), hash(b'\xff\x00'), {b'k': 1}[b'k'], sorted([b'b', b'a']), bool(b''), b'' == b'')
print((1024).to_bytes(2, 'big'), (1024).to_bytes(4, 'little'), (-1).to_bytes(2, 'big', signed=True), int.from_bytes(b'\x04\x00', 'big'), int.from_bytes(b'\xff\xff', 'little', signed=True), (2**70).to_bytes(9, 'big'))
print(str(b'x'), f"{b'x'}", [b'a', b'\t'], b'%s' if False else '')
try:
    print(b'\xff'.decode())
except Exception as e:
    print(type(e).__name__, e)
try:
    print(b'\xe2\x82'.decode())
except Exception as e:
    print(type(e).__name__, e)
try:
    print(b'a\xe2\x28b'.decode())
except Exception as e:
    print(type(e).__name__, e)
try:
    print(b'a\x80b'.decode('ascii'))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('é'.encode('ascii'))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(b'a' + 'b')
except Exception as e:
    print(type(e).__name__, e)
try:
    print(bytes([256]))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(bytes('x'))
except Exception as e:
    print(type(e).__name__, e)
try:
    print((300).to_bytes(1, 'big'))
except Exception as e:
    print(type(e).__name__, e)
try:
    print((-1).to_bytes(1, 'big'))
except Exception as e:
    print(type(e).__name__, e)
try:
    print('x'.encode('bogus'))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(b'abc'.index(b'z'))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(bytes.fromhex('zz'))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(b'\xff\xfe'.decode('utf-8', 'replace'))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(b'a\xffb'.decode(errors='ignore'))
except Exception as e:
    print(type(e).__name__, e)
