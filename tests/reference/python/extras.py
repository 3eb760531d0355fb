# Slightly less common (but ordinary) features, kept apart so a gap here
# does not mask the checks in the other programs.
# keyword-only parameters after *args
def join_all(*parts, sep='-', upper=False):
    s = sep.join(str(p) for p in parts)
    return s.upper() if upper else s
print(join_all('a', 'b', 1), join_all('x', 'y', sep='+'), join_all('q', upper=True), join_all())
# star-unpacking at the call site
def add3(a, b, c):
    return a + b + c
args = [1, 2, 3]
print(add3(*args), add3(10, *args[1:]), max(*args), list(zip(*[[1, 2], [3, 4], [5, 6]])))
print(*['spread', 'over', 'args'], sep='|')
# str.startswith / endswith with a tuple of candidates
name = 'report.csv'
print(name.endswith(('.csv', '.tsv')), name.startswith(('x', 'rep')), name.endswith(('.txt',)))
# bound methods and builtins as first-class values
counts = {'a': 3, 'b': 7, 'c': 5}
print(max(counts, key=counts.get), sorted(counts, key=counts.get), list(map(str.upper, ['x', 'yz'])))
words = []
push = words.append
for w in 'one two three'.split():
    push(w)
print(words, list(map(len, words)), list(filter(str.isdigit, ['1', 'a', '22'])))
# isinstance with a tuple of types, type() comparisons
for v in [1, 2.0, 'three', [4], (5,), {6: 6}, None, True]:
    print(repr(v), isinstance(v, (int, float)), type(v) in (list, tuple), type(v))
# nested functions returning tuples of closures
def make_stack():
    items = []
    def push(x):
        items.append(x)
        return len(items)
    def pop():
        return items.pop()
    def peek():
        return items[-1] if items else None
    return push, pop, peek
spush, spop, speek = make_stack()
print(spush(1), spush(2), speek(), spop(), speek(), spop(), speek())
