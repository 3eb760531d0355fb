import random
random.seed(1)
print(random.random())
random.sample({1, 2, 3}, 2)
