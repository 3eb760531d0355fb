# A class knows the module its statement ran in: repr, type() and an uncaught
# exception's headline name it (class_modules_lib.py); __module__ in the body wins.
import class_modules_lib as lib


class Local:
    pass


class Renamed:
    __module__ = 'somewhere.else'


print(lib.K, type(lib.K()).__name__, lib.K.__module__, Local, Renamed, Renamed.__module__)
print(repr(lib.LibError('x')), isinstance(lib.LibError('x'), Exception))
try:
    raise lib.LibError('caught')
except lib.LibError as e:
    print('caught', e)
