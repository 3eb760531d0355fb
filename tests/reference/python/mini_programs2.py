# More small programs: RPN calculator, roman numerals, caesar, RLE, tic-tac-toe, gcd/lcm, base conversion
def rpn(expr):
    stack = []
    for tok in expr.split():
        if tok in ('+', '-', '*', '/'):
            b = stack.pop()
            a = stack.pop()
            if tok == '+':
                stack.append(a + b)
            elif tok == '-':
                stack.append(a - b)
            elif tok == '*':
                stack.append(a * b)
            else:
                stack.append(a / b)
        else:
            stack.append(float(tok) if '.' in tok else int(tok))
    return stack[0]
for e in ['3 4 +', '5 1 2 + 4 * + 3 -', '2 3 4 * +', '10 4 /', '1.5 2 *', '7 2 - 3 -']:
    print(f'{e!r:>22} = {rpn(e)}')
def to_roman(n):
    table = [(1000, 'M'), (900, 'CM'), (500, 'D'), (400, 'CD'), (100, 'C'), (90, 'XC'),
             (50, 'L'), (40, 'XL'), (10, 'X'), (9, 'IX'), (5, 'V'), (4, 'IV'), (1, 'I')]
    out = ''
    for value, sym in table:
        while n >= value:
            out += sym
            n -= value
    return out
def from_roman(s):
    vals = {'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100, 'D': 500, 'M': 1000}
    total = 0
    for i, ch in enumerate(s):
        v = vals[ch]
        if i + 1 < len(s) and vals[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total
for n in [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999]:
    r = to_roman(n)
    print(n, r, from_roman(r) == n)
def caesar(text, shift):
    res = []
    for ch in text:
        if ch.isalpha() and ch.isupper():
            res.append(chr((ord(ch) - 65 + shift) % 26 + 65))
        elif ch.isalpha():
            res.append(chr((ord(ch) - 97 + shift) % 26 + 97))
        else:
            res.append(ch)
    return ''.join(res)
secret = caesar('Hello, World! xyz', 3)
print(secret, caesar(secret, -3), caesar('abc', 29))
def rle(s):
    if not s:
        return []
    out = [[s[0], 1]]
    for ch in s[1:]:
        if ch == out[-1][0]:
            out[-1][1] += 1
        else:
            out.append([ch, 1])
    return ''.join(f'{n}{c}' for c, n in out)
print(rle('aaabccddddde'), rle('abc'), rle(''), rle('zzzzzzzzzzzz'))
def winner(board):
    lines = [[(r, c) for c in range(3)] for r in range(3)]
    lines += [[(r, c) for r in range(3)] for c in range(3)]
    lines.append([(i, i) for i in range(3)])
    lines.append([(i, 2 - i) for i in range(3)])
    for line in lines:
        vals = [board[r][c] for r, c in line]
        if vals[0] != '.' and vals.count(vals[0]) == 3:
            return vals[0]
    return None
boards = [['XOX', 'OXO', 'OOX'], ['XXO', 'OOX', 'XOX'], ['OOO', 'X.X', 'X..'], ['.X.', '.X.', 'OXO']]
for bd in boards:
    print(' / '.join(bd), '->', winner(bd))
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
def lcm(a, b):
    return a // gcd(a, b) * b
print(gcd(1071, 462), lcm(4, 6), lcm(21, 6))
l = 1
for k in range(1, 21):
    l = lcm(l, k)
print(l)
def to_base(n, base):
    digits = '0123456789abcdefghijklmnopqrstuvwxyz'
    if n == 0:
        return '0'
    sign = '-' if n < 0 else ''
    n = abs(n)
    out = ''
    while n:
        n, r = divmod(n, base)
        out = digits[r] + out
    return sign + out
for n in [0, 5, 255, -255, 1000, 9223372036854775807]:
    print(n, to_base(n, 2), to_base(n, 16), to_base(n, 36), int(to_base(n, 36), 36) == n)
