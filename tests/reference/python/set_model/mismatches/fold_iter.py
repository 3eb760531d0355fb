# `for x in {...}` / a comprehension over a constant set display iterates a frozenset
# constant (ast_opt.c fold_iter, any number of items), not a set merged from it.
for x in {16, 1, 2, 3, 4}:
    print(x, end=' ')
print()
print([x for x in {7, 15}], {7, 15})
