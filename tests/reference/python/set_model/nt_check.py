#!/usr/bin/env python3
"""Differential fuzzer: random Python programs using set / frozenset, run by CPython 3.11
(PYTHONHASHSEED=0) and by nt; their stdout must be identical.

    python3 nt_check.py                         # 600 programs of 20-60 steps + 12 big ones
    python3 nt_check.py --programs 200 --big 4 --seed 7
    python3 nt_check.py --quirks                # also the compiler-level quirks (below)
    python3 nt_check.py --fallback              # programs inside a function that nt runs
                                                # in its tree-walking evaluator
    python3 nt_check.py --avoid self            # leave out a known failing construct
    python3 nt_check.py --shrink-max 5          # shrink at most 5 mismatching programs
    python3 nt_check.py --replay FILE.py        # run one saved program on both sides
    python3 nt_check.py --shrink FILE.py        # shrink a mismatching program

Every program is straight-line code over the variables s0 s1 s2 (sets), f0 f1
(frozensets) and d0 (a dict used as an iterable, with deletions), keys taken from a
pool K of ints (small, strided, colliding modulo 2**61-1, -1/-2, within +-2**62),
floats (integral ones equal to ints, 2.0**61, inf, -0.0, random bit patterns),
bools, strs of every PEP 393 kind, tuples and frozensets.  Steps: set displays
(constant ones of 3+ items, which both compilers fold into a frozenset, mixed ones, *x
spreads), set comprehensions, set()/frozenset() of lists, tuples, ranges, strs, dicts
(with deletions), dict views, sets and generators; add / discard / remove (of present
keys) / pop (of non-empty sets) / clear; update, intersection_update, difference_update,
symmetric_difference_update with several arguments; union, intersection, difference,
symmetric_difference; | & - ^ and |= &= -= ^= (on sets and frozensets); copy; the
operand being the set itself; loops that add / discard / pop thousands of keys; and
predicates, comparisons, `in`, len() and hash() of frozensets.  Each step prints what
it changed (print(s) shows the iteration order), so the first differing output line
names the step ('#12 ...').

The generator runs every step in a mirror namespace (this process re-executes itself
under PYTHONHASHSEED=0, so the mirror iterates as CPython does) to know which keys
are present (remove) and which sets are non-empty (pop).

The authoritative CPython run is `PYTHONHASHSEED=0 python3 prog.py`.  For speed the
bulk run executes several programs per CPython process, each compiled separately
(compile() + exec(): its own compilation unit, hence its own constant cache); a
mismatch is confirmed by running the program as a script, then shrunk (statements,
then list / display / call elements, then loop bounds) to a minimal program that still
differs, saved in mismatches/found/ beside this file with both outputs (NAME.py,
NAME.cpython.out, NAME.nt.out, and the unshrunk NAME.full.py).

By default the programs keep clear of what CPython's compiler does to constant set
displays beyond folding literals (generate it with --quirks; the shrinker keeps a
default-mode program inside these bounds too):
  * two constant set displays of 3+ items with the same keys (as typed constants) in
    one module share the first one's frozenset (the compiler's constant cache), and a
    display like {1, 2, 3} after `x in {3, 2, 1}` or `for x in {...}` likewise;
  * a constant display holding a str of ASCII letters / digits / '_' at its top level
    is rebuilt a third time when that str is already interned (codeobject.c,
    intern_string_constants), which depends on the whole process's interned strs;
  * items the AST optimizer folds (1 + 2, 2**40, +5, -(-5), 'a' + 'b', ~3, (1,) + (2,))
    make a display constant;
  * `for x in {...}` and comprehensions over a set display iterate a frozenset
    constant, not a set built from it.

--avoid NAME[,NAME...] leaves out: self (an operand that is the set itself:
s.update(s), s |= s, s & s ...), constfold (constant displays), spread (*x in
displays), operators (| & - ^, their in-place forms, set comparisons), bigdiff (set
difference of big sets), frozenkeys, floatkeys, strkeys (non-ASCII strs).

Known mismatches (nt as of this writing), minimal programs with both outputs in
mismatches/ (NAME.py, NAME.cpython.out, NAME.nt.out with nt's exit status): set_merge
does not return early when the other set is the set itself (s.update(s), s |= s);
--quirks finds all four compiler behaviours above; under --fallback nt's tree-walking
evaluator has no set operators / comparisons and builds displays by plain adds; and
(same output, but slow) set difference is quadratic in nt (perf_difference.py).
"""

import ast
import concurrent.futures
import contextlib
import io
import json
import math
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))
NT = os.environ.get('NT_BIN', os.path.join(ROOT, 'target', 'debug', 'nt'))
PY = os.environ.get('PY_BIN', shutil.which('python3') or sys.executable)
MISMATCH_DIR = os.path.join(HERE, 'mismatches', 'found')

P61 = (1 << 61) - 1
LIM = 1 << 62

SET_VARS = ['s0', 's1', 's2']
FROZEN_VARS = ['f0', 'f1']
ALL_VARS = SET_VARS + FROZEN_VARS

# constructs --avoid can leave out (known failures, to look for others)
AVOIDABLE = {
    'self': 'an operand that is the set itself (s.update(s), s |= s, s & s, ...)',
    'constfold': 'constant set displays of 3+ items',
    'bigdiff': 'difference of big sets (slow in nt)',
    'frozenkeys': 'frozensets as keys',
    'floatkeys': 'floats as keys',
    'strkeys': 'non-ASCII strs as keys',
    'spread': '*x items in set displays',
    'operators': 'the operators | & - ^ (and in-place forms) and set comparisons',
}

# a statement nt's bytecode compiler refuses in a function (a lambda capturing a
# comprehension's variable), so that the whole function runs in nt's tree-walking
# evaluator (src/interp/expr.rs) instead: --fallback wraps programs in such a function
FALLBACK_STMT = '_fallback = [lambda: _q for _q in ()]'


# ---------------------------------------------------------------------------
# keys and their source text
# ---------------------------------------------------------------------------

def name_like(s):
    """codeobject.c all_name_chars: ASCII letters, digits and '_' only (the empty str
    counts, but it is a singleton and never triggers the rebuild)."""
    return s.isascii() and all(c.isalnum() or c == '_' for c in s)


def rand_str(rng, kind=None, maxlen=8):
    kind = kind or rng.choice(['ascii', 'ascii', 'name', 'latin1', 'bmp', 'astral'])
    n = rng.randint(0, maxlen)
    if kind == 'ascii':
        chars = [chr(rng.randint(32, 126)) for _ in range(n)]
    elif kind == 'name':
        chars = [rng.choice('abcxyzABC_0123') for _ in range(max(n, 1))]
    elif kind == 'latin1':
        chars = [chr(rng.randint(0xa0, 0xff)) for _ in range(n)]
    elif kind == 'bmp':
        chars = [chr(rng.choice([rng.randint(0x61, 0x7a), rng.randint(0x391, 0x3c9),
                                 rng.randint(0x4e00, 0x4fff), 0x20ac])) for _ in range(n)]
    else:
        chars = [chr(rng.choice([rng.randint(0x61, 0x7a), rng.randint(0x1f600, 0x1f64f),
                                 rng.randint(0x1d400, 0x1d433)])) for _ in range(n)]
    # (unassigned code points print as escapes; keep to printable ones)
    return ''.join(c for c in chars if c.isprintable())


def rand_float(rng):
    r = rng.random()
    if r < 0.3:
        return float(rng.randint(-50, 200))
    if r < 0.4:
        return rng.randint(-50, 200) + rng.choice([0.5, 0.25, 0.125, 0.1])
    if r < 0.55:
        return rng.choice([math.inf, -math.inf, 0.0, -0.0, 1e300, -1e-300, 5e-324,
                           2.0 ** 61, 2.0 ** 62, -2.0 ** 61, 2.0 ** 61 - 2 ** 9, 2.0 ** 53,
                           1.5 * 2 ** 61, float(P61 + 1)])
    if r < 0.7:
        return rng.uniform(-1e6, 1e6)
    while True:
        f = struct.unpack('<d', rng.getrandbits(64).to_bytes(8, 'little'))[0]
        if not math.isnan(f):
            return f


KEY_KINDS = ['smallint', 'stride', 'bigint', 'collide', 'minus', 'float', 'intfloat',
             'bool', 'str', 'char', 'tuple', 'frozenset']


def gen_key(rng, kind):
    if kind == 'smallint':
        return rng.randint(-10, 100)
    if kind == 'stride':
        return rng.randint(-40, 400) * rng.choice([8, 16, 32, 64, 128, 1024, 4096, 1 << 20])
    if kind == 'bigint':
        return rng.randint(-LIM + 1, LIM - 1)
    if kind == 'collide':                   # same hash as a small int
        k = rng.choice([-2, -1, -1, 0, 1, 1, 2])
        r = rng.randint(-20, 20)
        if k == 2:
            r = -abs(r)
        if k == -2:
            r = abs(r)
        return k * P61 + r
    if kind == 'minus':
        return rng.choice([-1, -2, -3, 1, 2, -4, 0])
    if kind == 'float':
        return rand_float(rng)
    if kind == 'intfloat':                  # equal to small ints: which object stays
        return float(rng.randint(-5, 30))
    if kind == 'bool':
        return rng.choice([True, False])
    if kind == 'str':
        return rand_str(rng)
    if kind == 'char':
        return rng.choice([c for c in [chr(rng.randint(97, 122)), chr(rng.randint(32, 126)),
                           chr(rng.randint(0xa0, 0xff)), chr(rng.randint(0x391, 0x3c9)),
                           chr(rng.randint(0x1f600, 0x1f64f))] if c.isprintable()])
    if kind == 'tuple':
        return tuple(rng.choice([rng.randint(-3, 10), rand_str(rng, 'ascii', 2),
                                 (rng.randint(0, 3), rng.randint(0, 3)), -1, -2, 1.0, True,
                                 rand_str(rng, 'name', 3)])
                     for _ in range(rng.randint(0, 3)))
    if kind == 'frozenset':
        items = [rng.choice([rng.randint(-2, 6), 1.0, True, -1, -2, 'a', (1, 2)])
                 for _ in range(rng.randint(0, 4))]
        if rng.random() < 0.2:
            items.append(frozenset([rng.randint(0, 3)]))
        return frozenset(items)
    raise ValueError(kind)


def is_const(k):
    """A constant both compilers fold: int, float, str, bool, tuples of those."""
    t = type(k)
    if t in (int, float, str, bool):
        return True
    if t is tuple:
        return all(is_const(x) for x in k)
    return False


def src(k):
    """Source text for the key k (a constant expression when is_const(k))."""
    t = type(k)
    if t is bool or t is int or t is str:
        return repr(k)
    if t is float:
        if math.isinf(k):
            return '1e999' if k > 0 else '-1e999'
        return repr(k)
    if t is tuple:
        if len(k) == 1:
            return '(%s,)' % src(k[0])
        return '(' + ', '.join(src(x) for x in k) + ')'
    if t is frozenset:
        if not k:
            return 'frozenset()'
        return 'frozenset([' + ', '.join(src(x) for x in k) + '])'
    raise TypeError(t)


def ckey(x):
    """_PyCode_ConstantKey, enough to tell which constant displays share a frozenset."""
    t = type(x)
    if t is tuple:
        return ('tuple', tuple(ckey(i) for i in x))
    if t is float and x == 0 and math.copysign(1, x) < 0:
        return ('float', '-0.0')
    return (t.__name__, x)


# ---------------------------------------------------------------------------
# program generator
# ---------------------------------------------------------------------------

class Gen:
    def __init__(self, rng, scale, quirks=False, avoid=()):
        self.rng = rng
        self.scale = scale
        self.quirks = quirks
        self.avoid = set(avoid)
        kinds = [k for k in KEY_KINDS
                 if not (k == 'frozenset' and 'frozenkeys' in self.avoid)
                 and not (k in ('float', 'intfloat') and 'floatkeys' in self.avoid)]
        kinds = rng.sample(kinds, rng.randint(1, 5))
        if scale > 100:
            kinds += ['bigint', 'stride', 'str', 'collide']
        size = max(6, int(scale * rng.choice([0.5, 1, 1.5, 3])))
        pool = []
        for _ in range(size):
            k = gen_key(rng, rng.choice(kinds))
            if 'strkeys' in self.avoid and type(k) is str and not k.isascii():
                k = k.encode('ascii', 'replace').decode()
            pool.append(k)
        self.pool = pool
        self.ns = {}                   # mirror namespace
        self.lines = []
        self.nstep = 0
        self.const_keysets = set()     # constant displays' keys (const cache)
        self.frozen_literals = []      # quirks: displays to repeat
        self.types = {}
        self.exclude = ()              # variables operands must not be (--avoid self)

    # ----- mirror --------------------------------------------------------------

    def run(self, line):
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(line, '<step>', 'exec'), self.ns)
        self.lines.append(line)

    def step(self, stmt, show):
        """Emit `stmt; print('#n', show...)`."""
        self.nstep += 1
        pr = "print('#%d', %s)" % (self.nstep, ', '.join(show))
        if stmt.startswith('for ') or '; for ' in stmt:
            self.run(stmt + '\n' + pr)      # not inside the loop
        else:
            self.run(stmt + '; ' + pr if stmt else pr)

    # ----- pieces -----------------------------------------------------------------

    def idx(self):
        return self.rng.randrange(len(self.pool))

    def key_src(self, const_only=False):
        """A key: a K[i] reference or its source text."""
        rng = self.rng
        i = self.idx()
        k = self.pool[i]
        if not const_only and (rng.random() < 0.5 or not is_const(k)):
            return 'K[%d]' % i, k
        if const_only and not is_const(k):
            return None, None
        return src(k), k

    def n_items(self, big=False):
        rng = self.rng
        if big:
            return rng.randint(0, 2 * self.scale)
        return rng.choice([0, 1, 2, 3, 3, 4, 5, 6, 8, 10, 12, rng.randint(0, 20),
                           rng.randint(0, self.scale), rng.randint(0, self.scale)])

    def slice_src(self):
        rng = self.rng
        n = len(self.pool)
        a = rng.randint(0, n)
        b = rng.randint(a, n)
        step = rng.choice([1, 1, 1, 2, 3, -1])
        if step == -1:
            return 'K[%d:%d:-1]' % (b, a)
        if step == 1:
            return 'K[%d:%d]' % (a, b)
        return 'K[%d:%d:%d]' % (a, b, step)

    def list_src(self, n=None):
        rng = self.rng
        if n is None:
            n = self.n_items()
        if n > 12 or rng.random() < 0.3:
            return self.slice_src()
        parts = [self.key_src()[0] for _ in range(n)]
        return '[' + ', '.join(parts) + ']'

    def const_display(self):
        """A display of 3+ constants (compile-time folded), or None."""
        rng = self.rng
        n = rng.choice([3, 3, 4, 5, 6, 8, 10, 12, 20, rng.randint(3, max(3, self.scale))])
        items = []
        for _ in range(n * 3):
            if len(items) >= n:
                break
            k = self.pool[self.idx()]
            if rng.random() < 0.15:
                k = rng.choice([-1, -2, 1, 1.0, True, 0, False, -0.0, 0.0])
            if not is_const(k):
                continue
            if (not self.quirks and type(k) is str and len(k) >= 1 and name_like(k)):
                continue
            items.append(k)
        if len(items) < 3:
            return None
        keyset = frozenset(ckey(x) for x in frozenset(items))
        if keyset in self.const_keysets and not self.quirks:
            return None
        self.const_keysets.add(keyset)
        self.frozen_literals.append(items)
        return '{' + ', '.join(src(k) for k in items) + '}'

    def display(self):
        rng = self.rng
        r = rng.random()
        if r < 0.45 and 'constfold' not in self.avoid:
            d = self.const_display()
            if d is not None:
                return d
        n = self.n_items()
        if n > 40:
            n = 40
        parts = []
        for _ in range(n):
            x = rng.random()
            if x < 0.12 and 'spread' not in self.avoid:
                parts.append('*' + self.iterable_src(no_gen=True))
            elif x < 0.5:
                s, k = self.key_src(const_only=True)
                parts.append(s if s is not None else self.key_src()[0])
            else:
                parts.append(self.key_src()[0])
        if not parts:
            return 'set()'
        if all(not p.startswith('*') and not p.startswith('K[') for p in parts) and len(parts) > 2:
            # would be folded: make one item non-constant
            parts[rng.randrange(len(parts))] = 'K[%d]' % self.idx()
        return '{' + ', '.join(parts) + '}'

    def comp(self):
        rng = self.rng
        r = rng.random()
        if r < 0.4:
            return '{x for x in %s}' % self.list_src()
        if r < 0.6:
            return '{K[i] for i in %s}' % self.range_src(len(self.pool))
        if r < 0.75:
            return '{x for x in %s if x in %s}' % (self.list_src(), self.setvar())
        if r < 0.9:
            return '{x for x in %s for y in %s if x != y}' % (self.list_src(4), self.list_src(2))
        return '{(x, y) for x in %s for y in %s}' % (self.list_src(3), self.list_src(3))

    def range_src(self, n=None):
        rng = self.rng
        n = n or (3 * self.scale + 5)
        a = rng.randint(-5, max(0, n // 3))
        b = rng.randint(a, n)
        step = rng.choice([1, 1, 1, 2, 3, 7, -1])
        if step == -1:
            return 'range(%d, %d, -1)' % (b - 1, a - 1)
        if step == 1:
            return 'range(%d, %d)' % (a, b)
        return 'range(%d, %d, %d)' % (a, b, step)

    def setvar(self):
        return self.rng.choice([v for v in ALL_VARS if v not in self.exclude] or ['s0'])

    def set_expr(self):
        """An operand of | & - ^: a set or frozenset."""
        rng = self.rng
        r = rng.random()
        if r < 0.45:
            return self.setvar()
        if r < 0.6:
            return 'set(%s)' % self.list_src()
        if r < 0.7:
            return 'frozenset(%s)' % self.list_src()
        if r < 0.85:
            return self.display()
        if r < 0.9:
            return self.comp()
        return '%s.copy()' % self.setvar()

    def iterable_src(self, no_gen=False):
        rng = self.rng
        r = rng.random()
        if r < 0.25:
            return self.setvar()
        if r < 0.35:
            return self.list_src()
        if r < 0.42:
            n = rng.randint(0, 6)
            return '(' + ''.join(self.key_src()[0] + ', ' for _ in range(n)) + ')'
        if r < 0.5:
            return self.range_src()
        if r < 0.55:
            return repr(rand_str(rng, maxlen=rng.choice([5, 30])))
        if r < 0.63:
            return 'd0'
        if r < 0.68:
            return 'd0.keys()'
        if r < 0.74:
            return '{x: None for x in %s}' % self.list_src()
        if r < 0.8 and not no_gen:
            return '(x for x in %s)' % self.list_src()
        if r < 0.84:
            # a variable's own keys (equal sizes: ties), maybe as equal objects of another
            # type (1 -> 1.0, 1.0 -> True ...), maybe reversed or one fewer
            v = self.setvar()
            return rng.choice([
                'list(%s)' % v, '[x for x in %s][::-1]' % v, '[x for x in %s][1:]' % v,
                '{(float(x) if type(x) is int and -99 < x < 99 else x) for x in %s}' % v,
                '{(x == 1 if type(x) is float and x in (0.0, 1.0) else x) for x in %s}' % v,
                'frozenset([x for x in %s][::-1])' % v])
        if r < 0.9:
            return self.set_expr()
        return self.list_src()

    def member(self, var):
        """A key present in the mirror's var (its source), or None."""
        s = self.ns[var]
        if not s:
            return None
        k = self.rng.choice(list(s))
        # an equal key, maybe of another type
        if type(k) is int and -5 <= k <= 30 and self.rng.random() < 0.3:
            k = self.rng.choice([float(k), k == 1] if k in (0, 1) else [float(k)])
        return src(k)

    # ----- steps ------------------------------------------------------------------

    def init(self):
        self.run('K = [' + ', '.join(src(k) for k in self.pool) + ']')
        self.run('s0 = set(); s1 = set(); s2 = set(); f0 = frozenset(); f1 = frozenset(); d0 = {}')
        for v in SET_VARS:
            self.assign(v)
        for v in FROZEN_VARS:
            self.assign(v)
        self.make_dict()

    def make_dict(self):
        rng = self.rng
        stmt = 'd0 = {x: 0 for x in %s}' % self.list_src()
        self.run(stmt)
        keys = list(self.ns['d0'])
        rng.shuffle(keys)
        dels = keys[:rng.randint(0, len(keys))]
        if dels and rng.random() < 0.6:
            stmt = '; '.join('del d0[%s]' % src(k) for k in dels[:20])
            self.run(stmt)

    def ctor(self, frozen):
        rng = self.rng
        r = rng.random()
        if frozen:
            if r < 0.7:
                return 'frozenset(%s)' % self.iterable_src()
            if r < 0.9:
                return 'frozenset(%s)' % self.setvar()
            return 'frozenset()'
        if r < 0.3:
            return 'set(%s)' % self.iterable_src()
        if r < 0.6:
            return self.display()
        if r < 0.75:
            return self.comp()
        if r < 0.85:
            v = self.setvar()
            return '%s.copy()' % v if v in SET_VARS else 'set(%s)' % v
        return 'set()'

    def assign(self, var):
        frozen = var in FROZEN_VARS
        self.step('%s = %s' % (var, self.ctor(frozen)), [var])

    def ops(self):
        """The binary operators to use ('-' left out on big sets under --avoid bigdiff:
        nt's set difference is quadratic there)."""
        if 'bigdiff' in self.avoid and max(len(self.ns[v]) for v in ALL_VARS) > 2000:
            return '|&^'
        return '|&-^'

    def gen_step(self):
        if 'self' in self.avoid:
            try:
                self.exclude = tuple(ALL_VARS)      # set per step below
                return self._gen_step()
            finally:
                self.exclude = ()
        return self._gen_step()

    def _gen_step(self):
        rng = self.rng
        r = rng.random()
        s = rng.choice(SET_VARS)
        selfop = 'self' not in self.avoid and rng.random() < 0.06
        if 'self' in self.avoid:
            self.exclude = (s,)
        if r < 0.10:
            ks, _ = self.key_src()
            if rng.random() < 0.1:
                ks = 'frozenset(%s)' % self.setvar()
            self.step('%s.add(%s)' % (s, ks), [s])
        elif r < 0.15:
            n = rng.randint(1, 4)
            self.step('; '.join('%s.add(%s)' % (s, self.key_src()[0]) for _ in range(n)), [s])
        elif r < 0.21:
            m = self.member(s) if rng.random() < 0.7 else None
            self.step('%s.discard(%s)' % (s, m or self.key_src()[0]), [s])
        elif r < 0.25:
            m = self.member(s)
            if m is None:
                return self.gen_step()
            self.step('%s.remove(%s)' % (s, m), [s])
        elif r < 0.31:
            n = min(len(self.ns[s]), rng.choice([1, 1, 1, 2, 3]))
            if n == 0:
                return self.gen_step()
            self.step('', ['%s.pop()' % s] * n + [s])
        elif r < 0.33:
            self.step('%s.clear()' % s, [s])
        elif r < 0.46:
            meth = rng.choice(['update', 'intersection_update', 'difference_update',
                               'symmetric_difference_update'])
            nargs = 1 if meth == 'symmetric_difference_update' else rng.choice([0, 1, 1, 1, 2, 3])
            args = [s if selfop and rng.random() < 0.5 else self.iterable_src()
                    for _ in range(nargs)]
            if selfop and nargs:
                args[rng.randrange(nargs)] = s
            self.step('%s.%s(%s)' % (s, meth, ', '.join(args)), [s])
        elif r < 0.67 and 'operators' in self.avoid:
            return self._gen_step()
        elif r < 0.56:
            var = rng.choice(ALL_VARS)
            if 'self' in self.avoid:
                self.exclude = (var,)
            other = var if selfop else self.set_expr()
            self.step('%s %s= %s' % (var, rng.choice(self.ops()), other), [var])
        elif r < 0.67:
            src_var = rng.choice(ALL_VARS)
            dst = rng.choice(FROZEN_VARS if src_var in FROZEN_VARS else SET_VARS)
            if 'self' in self.avoid:
                self.exclude = (src_var,)
            other = src_var if selfop else self.set_expr()
            if rng.random() < 0.15:          # a fresh set on the left
                left = self.set_expr()
                dst = rng.choice(SET_VARS)
                self.step('%s = set(%s %s %s)' % (dst, left, rng.choice(self.ops()), other), [dst])
            else:
                self.step('%s = %s %s %s' % (dst, src_var, rng.choice(self.ops()), other), [dst])
        elif r < 0.77:
            src_var = rng.choice(ALL_VARS)
            dst = rng.choice(FROZEN_VARS if src_var in FROZEN_VARS else SET_VARS)
            if 'self' in self.avoid:
                self.exclude = (src_var,)
            meths = ['union', 'intersection', 'difference', 'symmetric_difference']
            if '-' not in self.ops():
                meths.remove('difference')
            meth = rng.choice(meths)
            nargs = 1 if meth == 'symmetric_difference' else rng.choice([0, 1, 1, 2, 3])
            args = [self.iterable_src() for _ in range(nargs)]
            if selfop and nargs:
                args[rng.randrange(nargs)] = src_var
            self.step('%s = %s.%s(%s)' % (dst, src_var, meth, ', '.join(args)), [dst])
        elif r < 0.80:
            a = rng.choice(ALL_VARS)
            b = self.set_expr()
            k, _ = self.key_src()
            show = [rng.choice(['%s <= %s' % (a, b), '%s < %s' % (a, b), '%s == %s' % (a, b),
                                '%s >= %s' % (a, b), '%s != %s' % (a, b)]),
                    '%s in %s' % (k, a), 'len(%s)' % a,]
            if 'operators' in self.avoid:
                show = show[1:]
            show += [
                    '%s.%s(%s)' % (a, rng.choice(['issubset', 'issuperset', 'isdisjoint']),
                                   self.iterable_src()),
                    'hash(%s)' % rng.choice(FROZEN_VARS)]
            self.step('', show)
        elif r < 0.84:
            self.loop_step(s)
        elif r < 0.87:
            self.make_dict()
            self.step('', ['d0'])
        elif r < 0.89:
            # a set of frozensets / tuples built from the variables
            self.step('%s = {frozenset(%s), frozenset(%s), (%s, %s), %s}' % (
                s, self.setvar(), self.setvar(), self.key_src()[0], self.key_src()[0],
                self.key_src()[0]), [s])
        else:
            self.exclude = ()
            var = rng.choice(ALL_VARS)
            self.assign(var)

    def loop_step(self, s):
        rng = self.rng
        n = rng.choice([10, 50, 100, self.scale, 2 * self.scale, rng.randint(1, 3 * self.scale)])
        r = rng.random()
        exprs = ['i', 'i * 8', 'i * 7919 % 10007', '-i', 'i * 1024', 'i / 4', 'str(i)',
                 '(i, i % 3)', 'i %% 2 * %d + i' % P61, 'i * 64 - 300', 'float(i)', 'i % 50']
        if r < 0.4:
            self.step('for i in range(%d): %s.add(%s)' % (n, s, rng.choice(exprs)), [s])
        elif r < 0.6:
            self.step('for i in range(%d, %d, %d): %s.discard(%s)' % (
                rng.randint(0, 10), n, rng.choice([1, 2, 3, 5]), s, rng.choice(exprs)), [s])
        elif r < 0.72:
            self.step('for x in %s: %s.add(x)' % (self.slice_src(), s), [s])
        elif r < 0.82:
            self.step('for x in %s: %s.discard(x)' % (self.slice_src(), s), [s])
        elif r < 0.92:
            k = min(len(self.ns[s]), rng.randint(0, max(1, len(self.ns[s]))))
            self.step('for i in range(%d): %s.pop()' % (k, s), [s])
        else:
            self.step('%s = {%s for i in range(%d)}' % (s, rng.choice(exprs), n), [s])

    # ----- quirks ------------------------------------------------------------------

    def quirk_step(self):
        rng = self.rng
        s = rng.choice(SET_VARS)
        r = rng.random()
        if r < 0.25 and self.frozen_literals:
            items = list(rng.choice(self.frozen_literals))
            rng.shuffle(items)
            self.step('%s = {%s}' % (s, ', '.join(src(k) for k in items)), [s])
        elif r < 0.45:
            items = [rng.choice(['abc', 'x', 'a', 'B', 'K', 's0', 'print', 'foo_1', 'zz',
                                 'abc_def', 'Q'])
                     for _ in range(rng.randint(3, 8))]
            items += [src(self.pool[self.idx()]) if is_const(self.pool[self.idx()]) else '7'
                      for _ in range(rng.randint(0, 4))]
            items = [repr(x) if not x.startswith(("'", '"', '(', '-')) and not x[0].isdigit()
                     else x for x in items]
            rng.shuffle(items)
            self.step('%s = {%s}' % (s, ', '.join(items)), [s])
        elif r < 0.7:
            folds = ['1 + 2', '2**40', '+5', '-(-5)', "'a' + 'b'", '~3', '(1,) + (2,)',
                     '2**61 - 1', '8 * 3', '-2**62 + 1', '10 // 3', '1.5 * 2', 'not 0']
            items = [rng.choice(folds) if rng.random() < 0.5 else
                     src(rng.choice([x for x in self.pool if is_const(x)] or [3]))
                     for _ in range(rng.randint(2, 8))]
            self.step('%s = {%s}' % (s, ', '.join(items)), [s])
        elif r < 0.85:
            items = [src(k) for k in self.pool if is_const(k)]
            rng.shuffle(items)
            items = items[:rng.randint(1, 6)] or ['7', '15']
            self.step('', ['[x for x in {%s}]' % ', '.join(items)])
        else:
            items = [src(k) for k in self.pool if is_const(k)]
            rng.shuffle(items)
            items = items[:rng.randint(1, 6)] or ['7', '15']
            self.step('%s = set()\nfor x in {%s}: %s.add(x)' % (s, ', '.join(items), s), [s])


def wrap_fallback(source):
    """The program as the body of a function nt runs in its tree-walking evaluator."""
    lines = source.splitlines()
    head = [l for l in lines if l.startswith('#')]
    body = [l for l in lines if not l.startswith('#')]
    return '\n'.join(head + ['def main():', '    ' + FALLBACK_STMT]
                     + ['    ' + l for l in body] + ['', 'main()']) + '\n'


def gen_program(seed, scale=None, nsteps=None, quirks=False, avoid=()):
    rng = random.Random(seed)
    if scale is None:
        scale = rng.choice([3, 6, 10, 20, 40, 80, 200, 600])
    g = Gen(rng, scale, quirks, avoid)
    g.init()
    if nsteps is None:
        nsteps = rng.randint(20, 60)
    while g.nstep < nsteps:
        if quirks and rng.random() < 0.2:
            g.quirk_step()
        else:
            g.gen_step()
    head = '# nt_check.py program: seed %d, scale %d%s\n' % (seed, scale, ', quirks' if quirks else '')
    return head + '\n'.join(g.lines) + '\n', g.nstep


def gen_big_program(seed, avoid=()):
    """Sets of thousands (and some of 60000+) elements built by loops, then a few of
    the ordinary steps."""
    rng = random.Random(seed)
    scale = rng.choice([1500, 3000, 5000])
    g = Gen(rng, scale, False, tuple(avoid) + ('bigdiff',))
    g.init()
    huge = rng.random() < 0.35
    n0 = rng.randint(60000, 90000) if huge else rng.randint(2000, 8000)
    exprs = ['i * 7919 % 1000003', 'i * 8', 'str(i)', '(i, i % 7)', 'i * 1024 + 1',
             'i %% 3 * %d + i' % P61, '-i', 'i / 8']
    g.step('for i in range(%d): s0.add(%s)' % (n0, rng.choice(exprs)), ['len(s0)', 's0' if not huge else 'list(s0)[-50:]'])
    g.step('s1 = set(%s)' % rng.choice(['range(0, %d, 3)' % (3 * n0 // 2), 'K', 's0',
                                        '{x: 0 for x in range(%d, 0, -2)}' % n0]),
           ['len(s1)', 's1' if not huge else 'list(s1)[:50]'])
    nsteps = rng.randint(8, 20)
    while g.nstep < nsteps:
        r = rng.random()
        s = rng.choice(SET_VARS)
        if r < 0.3:
            g.loop_step(s)
        elif r < 0.45:
            k = rng.randint(1, 2000)
            g.step('for i in range(%d): %s.pop()' % (min(k, len(g.ns[s])), s), ['len(%s)' % s, s])
        elif r < 0.55:
            g.step('%s.difference_update(range(0, %d, %d))' % (s, rng.randint(100, 100000), rng.randint(1, 9)), [s])
        else:
            g.gen_step()
    head = '# nt_check.py big program: seed %d, scale %d\n' % (seed, scale)
    return head + '\n'.join(g.lines) + '\n', g.nstep


# ---------------------------------------------------------------------------
# running
# ---------------------------------------------------------------------------

DRIVER = r'''
import io, json, sys, traceback
res = []
for path in sys.argv[2:]:
    with open(path, encoding='utf-8') as fh:
        code = compile(fh.read(), path, 'exec')
    buf = io.StringIO()
    old = sys.stdout
    sys.stdout = buf
    err = None
    try:
        exec(code, {'__name__': '__main__'})
    except BaseException as e:
        err = '%s: %s' % (type(e).__name__, e)
    finally:
        sys.stdout = old
    res.append([buf.getvalue(), err])
with open(sys.argv[1], 'w', encoding='utf-8') as fh:
    json.dump(res, fh)
'''


def py_env():
    env = dict(os.environ)
    env['PYTHONHASHSEED'] = '0'
    env['PYTHONIOENCODING'] = 'utf-8'
    env['PYTHONDONTWRITEBYTECODE'] = '1'
    return env


def run_py_batch(paths, outjson):
    subprocess.run([PY, '-c', DRIVER, outjson] + paths, env=py_env(), check=True,
                   stdout=subprocess.DEVNULL, timeout=900)
    with open(outjson, encoding='utf-8') as fh:
        return json.load(fh)


def run_py(path, timeout=120):
    p = subprocess.run([PY, path], env=py_env(), capture_output=True, timeout=timeout)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def run_nt(path, timeout=120):
    """nt's (rc, stdout, stderr); waits while the binary is missing or being rebuilt."""
    for attempt in range(120):
        if not os.path.exists(NT):
            time.sleep(5)
            continue
        try:
            p = subprocess.run([NT, path], capture_output=True, timeout=timeout,
                               env=dict(os.environ, NO_COLOR='1'))
        except subprocess.TimeoutExpired:
            return 'timeout', '', 'timeout after %ds' % timeout
        except OSError:               # ETXTBSY while the binary is being written
            time.sleep(5)
            continue
        return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')
    raise SystemExit('nt binary %s unavailable' % NT)


def first_diff(a, b):
    la, lb = a.splitlines(), b.splitlines()
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return i, x, y
    if len(la) != len(lb):
        i = min(len(la), len(lb))
        return i, la[i] if i < len(la) else '<end>', lb[i] if i < len(lb) else '<end>'
    return None


# ---------------------------------------------------------------------------
# shrinking
# ---------------------------------------------------------------------------

def const_value(node):
    """The value of a constant expression nt folds (ints, floats, strs, bools, unary -
    of numbers, tuples of those), else raise ValueError."""
    if isinstance(node, ast.Constant) and type(node.value) in (int, float, str, bool):
        return node.value
    if (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant) and type(node.operand.value) in (int, float)):
        return -node.operand.value
    if isinstance(node, ast.Tuple):
        return tuple(const_value(e) for e in node.elts)
    raise ValueError


def in_domain(source):
    """Whether a program stays clear of the compiler quirks (see the docstring)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    seen = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.iter, ast.Set):
            return False
        if isinstance(node, ast.Compare) and any(
                isinstance(op, (ast.In, ast.NotIn)) and isinstance(c, ast.Set)
                for op, c in zip(node.ops, node.comparators)):
            return False
        if isinstance(node, ast.Set) and len(node.elts) > 2:
            try:
                vals = [const_value(e) for e in node.elts]
            except ValueError:
                continue
            if any(type(v) is str and name_like(v) and v for v in vals):
                return False
            ks = frozenset(ckey(x) for x in frozenset(vals))
            if ks in seen:
                return False
            seen.add(ks)
    return True


SERVER = r'''
import io, json, sys
for line in sys.stdin:
    path = line.rstrip('\n')
    with open(path, encoding='utf-8') as fh:
        source = fh.read()
    buf = io.StringIO()
    old = sys.stdout
    sys.stdout = buf
    err = None
    try:
        exec(compile(source, path, 'exec'), {'__name__': '__main__'})
    except BaseException as e:
        err = '%s: %s' % (type(e).__name__, e)
    finally:
        sys.stdout = old
    sys.stdout.write(json.dumps([buf.getvalue(), err]) + '\n')
    sys.stdout.flush()
'''


class PyServer:
    """One CPython process running program after program (each compiled on its own),
    to spare the interpreter's start-up while shrinking."""

    def __init__(self):
        self.p = subprocess.Popen([PY, '-c', SERVER], env=py_env(), stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, encoding='utf-8')

    def run(self, path):
        self.p.stdin.write(path + '\n')
        self.p.stdin.flush()
        out, err = json.loads(self.p.stdout.readline())
        return (0 if err is None else 1), out, err or ''

    def close(self):
        self.p.stdin.close()
        self.p.wait()


class Shrinker:
    def __init__(self, workdir, domain_check=True, budget=3000):
        self.workdir = workdir
        self.domain_check = domain_check
        self.n = 0
        self.budget = budget
        self.cache = {}
        self.server = PyServer()
        self.wrapped = False

    def set_wrapped(self, source):
        body = ast.parse(source).body
        self.wrapped = (len(body) == 2 and isinstance(body[0], ast.FunctionDef)
                        and body[0].name == 'main')

    def outputs(self, source, script=False):
        self.n += 1
        path = os.path.join(self.workdir, 'shrink_%d.py' % self.n)
        with open(path, 'w', encoding='utf-8') as fh:
            fh.write(source)
        prc, pout, perr = run_py(path) if script else self.server.run(path)
        nrc, nout, nerr = run_nt(path, timeout=20)
        os.unlink(path)
        return prc, pout, perr, nrc, nout, nerr

    def bad(self, source):
        if source in self.cache:
            return self.cache[source]
        ok = False
        if self.n < self.budget and (not self.domain_check or in_domain(source)):
            prc, pout, _, nrc, nout, _ = self.outputs(source)
            ok = prc == 0 and (nout != pout or nrc != 0)
        self.cache[source] = ok
        return ok

    def unparse(self, stmts):
        text = ast.unparse(ast.Module(body=stmts, type_ignores=[])) + '\n'
        if self.wrapped:
            text = 'def main():\n' + ''.join('    ' + l + '\n' for l in text.splitlines()) + 'main()\n'
        return text

    def ddmin(self, stmts):
        n = 2
        while len(stmts) >= 2:
            chunk = max(1, len(stmts) // n)
            reduced = False
            for start in range(0, len(stmts), chunk):
                cand = stmts[:start] + stmts[start + chunk:]
                if cand and self.bad(self.unparse(cand)):
                    stmts = cand
                    n = max(n - 1, 2)
                    reduced = True
                    break
            if not reduced:
                if chunk == 1:
                    break
                n = min(len(stmts), n * 2)
        return stmts

    def split_stmts(self, source):
        """Top-level statements (those of main() for a --fallback program), one per
        `;`-separated part."""
        body = ast.parse(source).body
        if self.wrapped:
            return body[0].body
        return body

    def seq_fields(self, tree):
        """(node, field) of every list of elements that can lose one."""
        out = []
        for node in ast.walk(tree):
            if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
                out.append((node, 'elts'))
            elif isinstance(node, ast.Call):
                out.append((node, 'args'))
            elif isinstance(node, ast.Module):
                pass
        return out

    def shrink_elements(self, source):
        """Drop elements of lists / tuples / displays / call arguments: chunks of
        halving size first, then single ones."""
        fi = 0
        while True:
            fields = self.seq_fields(ast.parse(source))
            if fi >= len(fields):
                break
            size = len(getattr(*fields[fi]))
            chunk = max(1, size // 2)
            while chunk >= 1 and size:
                progress = False
                a = 0
                while a < size:
                    t2 = ast.parse(source)
                    f2 = self.seq_fields(t2)
                    if len(f2) != len(fields):
                        break
                    n2, fl = f2[fi]
                    seq = getattr(n2, fl)
                    del seq[a:a + chunk]
                    if isinstance(n2, ast.Set) and not seq:
                        a += chunk
                        continue
                    try:
                        cand = ast.unparse(t2) + '\n'
                    except Exception:
                        a += chunk
                        continue
                    if cand != source and self.bad(cand):
                        source = cand
                        progress = True
                        size = len(getattr(*self.seq_fields(ast.parse(source))[fi])) \
                            if len(self.seq_fields(ast.parse(source))) == len(fields) else 0
                        fields = self.seq_fields(ast.parse(source))
                    else:
                        a += chunk
                if not progress:
                    chunk //= 2
            fi += 1
        return source

    def shrink_numbers(self, source):
        """Smaller loop counts / range bounds (halving ints above 2 inside range())."""
        changed = True
        while changed:
            changed = False
            tree = ast.parse(source)
            spots = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
                     and isinstance(n.func, ast.Name) and n.func.id == 'range']
            for ci in range(len(spots)):
                for ai in range(len(spots[ci].args)):
                    while True:
                        t2 = ast.parse(source)
                        c2 = [n for n in ast.walk(t2) if isinstance(n, ast.Call)
                              and isinstance(n.func, ast.Name) and n.func.id == 'range'][ci]
                        a = c2.args[ai]
                        if not (isinstance(a, ast.Constant) and type(a.value) is int and a.value > 2):
                            break
                        a.value = a.value // 2 if a.value > 8 else a.value - 1
                        cand = ast.unparse(t2) + '\n'
                        if self.bad(cand):
                            source = cand
                            changed = True
                        else:
                            break
        return source

    def drop_prints(self, source):
        """Print statements that are not needed (keep the one that differs)."""
        stmts = self.split_stmts(source)
        i = 0
        while i < len(stmts):
            s = stmts[i]
            if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) and \
                    isinstance(s.value.func, ast.Name) and s.value.func.id == 'print':
                cand = stmts[:i] + stmts[i + 1:]
                if cand and self.bad(self.unparse(cand)):
                    stmts = cand
                    continue
            i += 1
        return self.unparse(stmts)

    def inline_k(self, source):
        """K[i] (K a list display) replaced by the key's own expression."""
        tree = ast.parse(source)
        kdef = None
        for st in tree.body:
            if (isinstance(st, ast.Assign) and len(st.targets) == 1
                    and isinstance(st.targets[0], ast.Name) and st.targets[0].id == 'K'
                    and isinstance(st.value, ast.List)):
                kdef = st.value
        if kdef is None:
            return source

        class Inline(ast.NodeTransformer):
            def visit_Subscript(self, node):
                self.generic_visit(node)
                if (isinstance(node.value, ast.Name) and node.value.id == 'K'
                        and isinstance(node.slice, ast.Constant)
                        and type(node.slice.value) is int
                        and 0 <= node.slice.value < len(kdef.elts)):
                    return kdef.elts[node.slice.value]
                return node

        cand = ast.unparse(Inline().visit(tree)) + '\n'
        return cand if cand != source and self.bad(cand) else source

    def shrink(self, source):
        self.set_wrapped(source)
        stmts = self.split_stmts(source)
        for _ in range(3):
            before = self.unparse(stmts)
            stmts = self.ddmin(stmts)
            stmts = self.split_stmts(self.inline_k(self.unparse(stmts)))
            stmts = self.ddmin(stmts)
            stmts = self.split_stmts(self.shrink_numbers(self.unparse(stmts)))
            src1 = self.drop_prints(self.unparse(stmts))
            src1 = self.shrink_elements(src1)
            src1 = self.shrink_numbers(src1)
            stmts = self.split_stmts(src1)
            if self.unparse(stmts) == before:
                break
        return self.unparse(stmts)


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------

def chunks(lst, n):
    return [lst[i:i + n] for i in range(0, len(lst), n)]


def check(programs, workdir, jobs):
    """programs: list of (name, source, nsteps). -> list of mismatch dicts."""
    paths = []
    for name, source, _ in programs:
        p = os.path.join(workdir, name + '.py')
        with open(p, 'w', encoding='utf-8') as fh:
            fh.write(source)
        paths.append(p)
    py_res = {}
    nt_res = {}

    def do_py(batch, k):
        out = os.path.join(workdir, 'py_%d.json' % k)
        for p, r in zip(batch, run_py_batch(batch, out)):
            py_res[p] = r

    def do_nt(p):
        nt_res[p] = run_nt(p)

    with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
        futs = [ex.submit(do_py, b, k) for k, b in enumerate(chunks(paths, 20))]
        futs += [ex.submit(do_nt, p) for p in paths]
        for f in futs:
            f.result()
    bad = []
    for (name, source, nsteps), p in zip(programs, paths):
        pout, perr = py_res[p]
        nrc, nout, nerr = nt_res[p]
        if perr is not None:
            print('  (CPython raised in %s: %s -- generator bug, skipped)' % (name, perr))
            continue
        if pout != nout or nrc != 0:
            bad.append({'name': name, 'source': source, 'path': p})
    return bad


def report_mismatch(m, shrink, workdir, domain_check):
    p = m['path']
    prc, pout, perr = run_py(p)
    nrc, nout, nerr = run_nt(p)
    if prc != 0:
        print('  %s: CPython script failed: %s' % (m['name'], perr.strip()[-300:]))
        return None
    if pout == nout and nrc == 0:
        print('  %s: differs only inside the batch driver (interning?); agrees as a script'
              % m['name'])
        return None
    d = first_diff(pout, nout)
    print('  %s: first difference at output line %s' % (m['name'], d[0] if d else '?'))
    if d and d[1].startswith('#'):
        tag = "print('%s'," % d[1].split()[0]
        lines = m['source'].splitlines()
        for i, l in enumerate(lines):
            if tag in l:
                st = l.strip() if not l.strip().startswith('print(') else lines[i - 1].strip()
                print('     step:    %s' % st[:300])
                break
    if d:
        print('     cpython: %s' % d[1][:300])
        print('     nt:      %s' % d[2][:300])
    if nrc != 0:
        print('     nt exit %s: %s' % (nrc, nerr.strip()[-500:]))
    os.makedirs(MISMATCH_DIR, exist_ok=True)
    base = os.path.join(MISMATCH_DIR, m['name'])
    with open(base + '.full.py', 'w', encoding='utf-8') as fh:
        fh.write(m['source'])
    if not shrink:
        return base + '.full.py'
    sh = Shrinker(workdir, domain_check)
    try:
        small = sh.shrink(m['source'])
    finally:
        sh.server.close()
    prc, pout, perr, nrc, nout, nerr = sh.outputs(small, script=True)
    if prc != 0 or (pout == nout and nrc == 0):
        print('     (the shrunk program does not reproduce as a script; keeping the full one)')
        small = m['source']
        prc, pout, perr, nrc, nout, nerr = sh.outputs(small, script=True)
    with open(base + '.py', 'w', encoding='utf-8') as fh:
        fh.write(small)
    with open(base + '.cpython.out', 'w', encoding='utf-8') as fh:
        fh.write(pout)
    with open(base + '.nt.out', 'w', encoding='utf-8') as fh:
        fh.write(nout + ('' if nrc == 0 else '[exit %s] %s' % (nrc, nerr)))
    print('     shrunk (%d runs) to %s:' % (sh.n, base + '.py'))
    for line in small.splitlines():
        print('       | ' + line)
    print('     cpython:')
    for line in pout.splitlines():
        print('       > ' + line[:400])
    print('     nt:')
    for line in nout.splitlines():
        print('       > ' + line[:400])
    if nrc != 0:
        print('       [exit %s] %s' % (nrc, nerr.strip()[-400:]))
    return base + '.py'


def main(argv):
    if os.environ.get('PYTHONHASHSEED') != '0':
        # the mirror must iterate as CPython does under PYTHONHASHSEED=0
        os.execve(sys.executable, [sys.executable, os.path.abspath(__file__)] + argv,
                  dict(os.environ, PYTHONHASHSEED='0'))
    if sys.version_info[:2] != (3, 11):
        raise SystemExit('needs CPython 3.11')
    nprog, nbig, seed, quirks, avoid, shrink_max, jobs = 600, 12, 1, False, [], 6, os.cpu_count() or 2
    replay = None
    to_shrink = None
    fallback = False
    it = iter(argv)
    for a in it:
        if a == '--programs':
            nprog = int(next(it))
        elif a == '--big':
            nbig = int(next(it))
        elif a == '--seed':
            seed = int(next(it))
        elif a == '--quirks':
            quirks = True
        elif a == '--fallback':
            fallback = True
        elif a == '--avoid':
            avoid += next(it).split(',')
        elif a == '--shrink-max':
            shrink_max = int(next(it))
        elif a == '--jobs':
            jobs = int(next(it))
        elif a == '--replay':
            replay = next(it)
        elif a == '--shrink':
            to_shrink = next(it)
        else:
            raise SystemExit(__doc__)
    for a in avoid:
        if a not in AVOIDABLE:
            raise SystemExit('--avoid takes: %s' % ', '.join(AVOIDABLE))
    if replay:
        prc, pout, perr = run_py(replay)
        nrc, nout, nerr = run_nt(replay)
        print('cpython exit %s, nt exit %s, same stdout: %s' % (prc, nrc, pout == nout))
        d = first_diff(pout, nout)
        if d:
            print('line %d\n  cpython: %s\n  nt:      %s' % d)
        return 0 if (prc == nrc == 0 and pout == nout) else 1
    if to_shrink:
        with open(to_shrink, encoding='utf-8') as fh:
            source = fh.read()
        workdir = tempfile.mkdtemp(prefix='nt_check_')
        try:
            name = os.path.splitext(os.path.basename(to_shrink))[0].replace('.full', '')
            path = os.path.join(workdir, name + '.py')
            with open(path, 'w', encoding='utf-8') as fh:
                fh.write(source)
            r = report_mismatch({'name': name, 'source': source, 'path': path}, True,
                                workdir, not quirks and in_domain(source))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return 1 if r else 0
    if not os.path.exists(NT):
        raise SystemExit('no nt binary at %s' % NT)
    t0 = time.time()
    programs = []
    tag = ('q' if quirks else '') + ('fb' if fallback else '')
    for i in range(nprog):
        s = seed * 100003 + i
        source, n = gen_program(s, quirks=quirks, avoid=avoid)
        if fallback:
            source = wrap_fallback(source)
        programs.append(('%sp%d_%d' % (tag, seed, i), source, n))
    for i in range(nbig):
        s = seed * 100003 + 50000 + i
        source, n = gen_big_program(s, avoid=avoid)
        if fallback:
            source = wrap_fallback(source)
        programs.append(('%sbig%d_%d' % (tag, seed, i), source, n))
    nsteps = sum(n for _, _, n in programs)
    print('generated %d programs (%d big), %d steps in %.1fs' % (
        len(programs), nbig, nsteps, time.time() - t0))
    workdir = tempfile.mkdtemp(prefix='nt_check_')
    try:
        bad = check(programs, workdir, jobs)
        ok = len(programs) - len(bad)
        ok_steps = sum(n for name, _, n in programs if name not in {b['name'] for b in bad})
        print('%d of %d programs (%d of %d steps) print the same in nt and CPython (%.0fs)' % (
            ok, len(programs), ok_steps, nsteps, time.time() - t0))
        saved = []
        for k, m in enumerate(bad):
            r = report_mismatch(m, k < shrink_max, workdir, not quirks)
            if r:
                saved.append(r)
        if saved:
            print('%d mismatching programs saved under %s' % (len(saved), MISMATCH_DIR))
        return 1 if saved else 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
