# Decorators (with and without arguments, stacked), property with a setter, staticmethod, classmethod.
def shout(f):
    def wrapper(*args):
        return f(*args).upper()
    return wrapper


def repeat(n):
    def deco(f):
        def wrapper(x):
            return [f(x)] * n
        return wrapper
    return deco


@shout
def greet(name):
    return "hi " + name


@repeat(2)
@shout
def twice(x):
    return x


print(greet("bo"), twice("ab"))


class Temperature:
    scale = "C"

    def __init__(self, celsius):
        self._c = celsius

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v

    @staticmethod
    def describe(x):
        return f"{x} degrees"

    @classmethod
    def freezing(cls):
        return cls(0)


t = Temperature(100)
print(t.fahrenheit, t.celsius)
t.celsius = 37
print(t.celsius, round(t.fahrenheit, 1))
try:
    t.celsius = -300
except ValueError as e:
    print("error:", e)
try:
    t.fahrenheit = 1
except AttributeError as e:
    print("error:", e)
print(Temperature.describe(5), t.describe(6), Temperature.freezing().celsius, t.freezing().fahrenheit)
