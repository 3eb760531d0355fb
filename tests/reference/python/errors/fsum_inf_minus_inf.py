import math
print(math.fsum([float("inf"), 1.0]))
print(math.fsum([float("inf"), float("-inf")]))
