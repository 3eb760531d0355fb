# The tree-walking evaluator (src/interp/expr.rs, ExprKind::Set) builds every display
# by adds: no constant folding, and *x spreads are added item by item instead of
# SET_UPDATE (set_merge / the dict pre-size).
def main():
    _fallback = [lambda: _q for _q in ()]
    s = {16, 1, 2, 3, 4}
    d = {16: 0, 1: 0, 2: 0, 3: 0, 4: 0}
    print({7, 15, 0}, {*s}, {*d}, {0, *d})
main()
