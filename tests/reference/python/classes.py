# Classes: attributes, methods, __init__, class attributes, inheritance, super(), exception subclasses.
class Point:
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def moved(self, dx):
        return Point(self.x + dx, self.y)


p = Point(3, 4)
print(p.norm2(), p.moved(1).x, p.dims, Point.dims, type(p).__name__)
print(isinstance(p, Point))


class Point3(Point):
    dims = 3

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z

    def norm2(self):
        return super().norm2() + self.z * self.z


q = Point3(1, 2, 2)
print(q.norm2(), q.dims, isinstance(q, Point), isinstance(p, Point3))


class MyError(ValueError):
    pass


try:
    raise MyError("custom")
except ValueError as e:
    print("caught", type(e).__name__, e, isinstance(e, MyError), repr(e))
