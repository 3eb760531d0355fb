import math
print(math.pi)
print(math.sqroot(4))
