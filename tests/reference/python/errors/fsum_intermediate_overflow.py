import math
print(math.fsum([1e308, -1e308]))
print(math.fsum([1e308, 1e308]))
