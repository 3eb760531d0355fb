# String methods
s = "  Hello, World! Hello!  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr(s.strip(' !H')))
print(s.split(), s.split(','), s.split('Hello'), s.split('l', 2))
print(s.rsplit(None, 1), s.rsplit('l', 2), 'a,b,,c'.split(','), ''.split(), ''.split(','))
print('  a  b   c '.split(' '), 'one\ttwo\nthree  four'.split(), 'x'.split('x'))
print('-'.join(['a', 'b', 'c']), ''.join(reversed('stressed')), ', '.join(str(i) for i in range(5)))
print('Mixed Case'.upper(), 'Mixed Case'.lower(), 'hello world foo'.title(), "they're bill's".title())
print('hELLO wORLD'.capitalize(), 'abc'.capitalize(), ''.capitalize(), '1abc DEF'.capitalize())
print('aaa'.replace('a', 'bb'), 'banana'.replace('an', 'AN', 1), 'abc'.replace('', '-'), 'x'.replace('y', 'z'))
t = 'banana'
print(t.startswith('ba'), t.startswith('na', 2), t.endswith('na'), t.endswith('ban'), t.startswith(''))
print(t.find('an'), t.find('an', 2), t.find('xyz'), t.rfind('an'), t.rfind('b', 1), t.index('n'), t.index('a', 2))
print(t.count('a'), t.count('an'), t.count(''), t.count('a', 2), 'aaaa'.count('aa'))
print('123'.isdigit(), '12a'.isdigit(), ''.isdigit(), 'abc'.isalpha(), 'ab1'.isalpha(), ''.isalpha())
print(' \t\n'.isspace(), ''.isspace(), ' a '.isspace(), 'ABC'.isupper(), 'AbC'.isupper(), 'A1'.isupper(), '123'.isupper())
print('abc'.islower(), 'abc1'.islower(), 'aBc'.islower(), '12'.islower())
print(repr('hi'.center(7)), repr('hi'.center(8, '*')), repr('hello'.center(3)), repr('x'.center(4, '-')))
print(repr('hi'.ljust(5)), repr('hi'.rjust(5, '.')), repr('hi'.ljust(1)), repr('abc'.rjust(6, '0')))
print('42'.zfill(5), '-42'.zfill(5), '+7'.zfill(4), 'abc'.zfill(2), ''.zfill(3))
text = "line one\nline two\r\nline three\n\nlast"
print(text.splitlines(), 'no newline'.splitlines(), ''.splitlines(), 'a\n'.splitlines())
print('{} + {} = {}'.format(1, 2, 3), '{1}{0}{1}'.format('a', 'b'), '{name}!'.format(name='hey'))
print(len('hello'), 'hello'[1], 'hello'[-1], 'hello'[1:3], 'hello'[::-1], 'hello'[::2], 'hello'[10:])
print('ab' * 3, 3 * 'xy', 'a' + 'b' + 'c', 'abc' * 0, 'abc' * -1)
print(str(123), str(-4.5), str(None), str([1, 'a']), str((1,)), str(True))
words = 'the quick brown fox jumps over the lazy dog'.split()
print(len(words), sorted(words), sorted(words, key=len), max(words, key=len), min(words))
print([w.upper() for w in words if len(w) > 3], ' '.join(w[::-1] for w in words))
print('x'.join('abc'), ''.join([]), 'Hello'.lower().count('l'), 'a-b_c d'.replace('-', ' ').replace('_', ' ').split())
acc = ''
for ch in 'Python':
    acc = ch + acc
    print(acc, end='|')
print()
print('%', 'a%b', '100%'.rjust(6), 'tab\there', 'q"uote', "s'ingle")
print(ord('a'), ord('Z'), ord('0'), chr(97), chr(8364), ord('€'), chr(0x1F600) == '😀')
print('é'.upper(), 'straße'.upper(), len('héllo'), 'héllo'[1], 'ÀÉÎ'.lower())
print('  padded  '.strip().center(12, '=').upper())
csv = 'name,age,city\nalice,30,paris\nbob,25,rome'
rows = [line.split(',') for line in csv.splitlines()]
for r in rows:
    print(' | '.join(cell.ljust(6) for cell in r))
