# Python's random module: CPython's Mersenne Twister and Lib/random.py algorithms, bit
# for bit (seeding by int and float, every drawing function, Random instances).
import random
random.seed(42)
print(random.random(), random.random())
print(random.randint(1, 10), random.randrange(100), random.randrange(5, 50, 5), random.randrange(10, 0, -3))
xs = list(range(10))
random.shuffle(xs)
print(xs)
print(random.choice(['a', 'b', 'c']), random.choice(range(1000)))
print(random.sample(range(100), 5), random.sample(['x', 'y', 'z', 'w'], 2), random.sample(range(10000), 8))
print(random.choices([1, 2, 3], k=5), random.choices('abc', weights=[1, 5, 10], k=4), random.choices('ab', cum_weights=[1, 3], k=3))
print(random.uniform(-1, 1), random.gauss(0, 1), random.gauss(0, 1), random.gauss(5, 2))
print(random.normalvariate(0, 1), random.expovariate(2.0), random.triangular(0, 10, 3), random.lognormvariate(0, 1))
print(random.getrandbits(8), random.getrandbits(33), random.getrandbits(63))
r = random.Random(123)
print(r.random(), r.randint(0, 5))
random.seed(2.5)
print(random.random())
random.seed(-7)
print(random.random())
random.seed(0)
print(random.random(), random.sample(range(30), 3, counts=[1] * 30 if False else None))
try:
    random.choice([])
except IndexError as e:
    print(e)
try:
    random.randrange(0)
except ValueError as e:
    print(e)
try:
    random.randint(5, 1)
except ValueError as e:
    print(e)
print(random.sample(['a', 'b', 'c'], 2, counts=[2, 1, 3]))
