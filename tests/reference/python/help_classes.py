# help() of classes, as pydoc lays them out: constructor signature, docstring, method
# resolution order, methods (special methods with object's slot docs), class and static
# methods, properties, descriptors and class data, inherited sections.


class Point:
    """A point in the plane.

    Coordinates are floats.
    """

    dims = 2
    origin_name = 'O'

    def __init__(self, x=0.0, y=0.0):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"

    def __len__(self):
        return 2

    def norm(self, p=2):
        """The p-norm of the point."""
        return (abs(self.x) ** p + abs(self.y) ** p) ** (1 / p)

    @classmethod
    def from_pair(cls, pair):
        """Make a point from a pair."""
        return cls(*pair)

    @staticmethod
    def distance(a, b):
        return ((a.x - b.x) ** 2 + (a.y - b.y) ** 2) ** 0.5

    @property
    def swapped(self):
        """The point mirrored in y = x."""
        return Point(self.y, self.x)

    @property
    def label(self):
        return self._label

    @label.setter
    def label(self, v):
        self._label = v


class Pixel(Point):
    def __init__(self, x, y, color='black'):
        super().__init__(x, y)
        self.color = color

    def paint(self, color):
        self.color = color


class Empty:
    pass


help(Point)
help(Pixel)
help(Empty)
print(Point.__doc__)
print(Empty.__doc__)
