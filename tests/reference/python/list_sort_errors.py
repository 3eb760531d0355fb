# list.sort when a comparison raises: the list keeps timsort's partial order (reversed
# back for reverse=True); when the key function raises, the list is unchanged.
class K:
    calls = 0
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        K.calls += 1
        if K.calls == 6:
            raise ValueError('boom')
        return self.v < o.v
    def __repr__(self):
        return f'K{self.v}'
for rev in (False, True):
    K.calls = 0
    l = [K(v) for v in [5, 3, 8, 1, 9, 2, 7]]
    try:
        l.sort(reverse=rev)
    except ValueError as e:
        print(e, l)
def bad_key(v):
    if v == 9:
        raise KeyError(v)
    return v
l = [5, 3, 9, 1]
try:
    l.sort(key=bad_key)
except KeyError as e:
    print('key', e, l)
