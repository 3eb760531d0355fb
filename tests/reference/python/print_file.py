# print(..., file=...): each piece goes to the file's write method in turn.
import sys


class Recorder:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        self.parts.append('<flush>')


r = Recorder()
print(1, 'two', 3.0, file=r)
print('a', 'b', sep='-', end='!\n', file=r, flush=True)
print(file=r)
print(r.parts)
print('to stdout', file=sys.stdout)
print('default', file=None)
try:
    print(1, file=5)
except AttributeError as e:
    print('AttributeError:', e)
