# print() with sep/end, multiple args, empty calls, None/pass basics
print()
print('a', 'b', 'c')
print('a', 'b', 'c', sep='')
print('a', 'b', 'c', sep=', ')
print('x', end='')
print('y', end='!\n')
print(1, 2, sep='\n')
print('no newline', end=' ')
print('then newline')
print(sep='-')
print('', '', sep='|')
print(None, True, False, 0, 0.0, '', [], (), {})
print([None], (None,), {None: None})
print(1, 'two', 3.0, [4], (5,), {6: 7}, sep=' | ', end=' END\n')
print('multi\nline\ttab')
x = None
print(x is None, x == None, type(x), str(x), repr(x), bool(x))
def f():
    pass
print(f(), f() is None)
for i in range(3):
    print(i, end=',' if i < 2 else '\n')
print('a' 'b', 'c' + 'd')
print('end', 'with', 'custom', sep='_', end='$\n')
print('', end='')
print('after empty end')
print(-0, +0, -0.0, 1_0, 0_0)
print('unicode: é ü ñ 日本 🐍', len('🐍'))
