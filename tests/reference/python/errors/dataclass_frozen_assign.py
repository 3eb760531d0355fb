# Assigning to a field of a frozen dataclass, uncaught: dataclasses.FrozenInstanceError.
from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    x: int


print(Point(1))
Point(1).x = 3
