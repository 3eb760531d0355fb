# CPython's AST optimizer folds 0 + 0, 1.5 * 2, ~3, 2**61 - 1 ... before the compiler
# decides whether a display of 3+ items is all constants (frozenset + SET_UPDATE);
# nt's constant_of (compile/expr.rs) only knows literals, unary minus and tuples.
print({7, 15, 0 + 0})
print({7, 15, 0})
print({1.5 * 2, 17.0, 1.0, 8.0, 0.0})
