# Method calls on a user class: attribute reads and writes, operator methods, a property.
import time


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def scale(self, k):
        return Vec(self.x * k, self.y * k)

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    @property
    def norm2(self):
        return self.dot(self)


class Body:
    def __init__(self, pos, vel):
        self.pos = pos
        self.vel = vel

    def step(self, dt):
        self.pos = self.pos + self.vel.scale(dt)
        self.vel = self.vel.scale(0.999)


def simulate(steps):
    bodies = [Body(Vec(float(i), 0.0), Vec(0.0, 1.0 + i)) for i in range(4)]
    energy = 0.0
    for s in range(steps):
        for b in bodies:
            b.step(0.01)
            energy += b.vel.norm2
    return energy


t0 = time.perf_counter()
result = simulate(20000)
elapsed = time.perf_counter() - t0
print("energy =", round(result, 6))
print("seconds", elapsed)
