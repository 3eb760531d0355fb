# help() of functions defined in the program: pydoc's signature line and docstring.
def f(a, b=2, *args, c, **kw):
    """Add one.

    More text, indented
        and more."""
    return a


def g(x, /, y, *, z=None):
    return x


def h():
    '''   One line, padded.   '''


help(f)
help(g)
help(h)
help(lambda x, y=1: x)
print(f.__doc__)
