# Two constant displays with the same keys in one module share the first one's
# frozenset (the compiler's constant cache, merge_consts_recursive).
a = {9, 1, 17}
b = {17, 9, 1}
print(a, b)
