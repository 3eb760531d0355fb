#!/usr/bin/env python3
"""Differential test of set_model.py against the real CPython 3.11.

    python3 set_model_check.py                 # default: 3000 random cases, seed 1
    python3 set_model_check.py --cases 500 --seed 7
    python3 set_model_check.py --hash-only
    python3 set_model_check.py --huge 0        # skip the 4 sets of 80000+ elements

Three parts:

1. Hashes: thousands of random ints (small, negative, i64 extremes, > i64), floats
   (random bit patterns, integral, inf, -0.0), bool, str (ASCII, latin-1, UCS-2 incl.
   lone surrogates, astral; lengths 0..40 so every SipHash tail length occurs), bytes,
   complex, nested tuples and frozensets are hashed by `hash()` in a CPython subprocess
   run with PYTHONHASHSEED=0 and by set_model.hash_obj; they must be equal.

2. Sets: random programs (operation sequences over a few set / frozenset variables) are
   run by the same interpreter (`run_case`) twice, each in its own subprocess:
     - side "cpython": the builtin set/frozenset, PYTHONHASHSEED=0; set literals and
       comprehensions are compiled from generated source with eval();
     - side "model": set_model.PySet / PyFrozenSet, under a RANDOM hash seed (the model
       must not depend on the host's hashing).
   After every step each side records list(dst) (as repr, so 1 / 1.0 / True are told
   apart) and the exact table state (fill, used, mask, finger, and each slot as
   empty / dummy / hash).  On CPython the state is read from the live PySetObject with
   ctypes (3.11 x86-64 layout).  Both sides return per-step digests; a mismatch is
   re-run in full and the first differing step is printed.

3. Surprises: a list of small facts (SURPRISES) evaluated in CPython and, with `set`,
   `frozenset` and `hash` bound to the model's, in the model; they are printed.

Cases range from empty sets to a few thousand elements (tables up to 8192 slots and
more), plus 4 cases past 80000 elements (tables of 262144 slots, where growth switches
from used*4 to used*2), with keys mixing small ints, strided ints (shared low bits), big
ints and ints that collide modulo 2**61-1, -1/-2, floats equal to ints, bools, strs of
every PEP 393 kind, identifier-like strs, bytes, complex, tuples and frozensets.  Operands
include sets with dummies (after discards / pops), dicts with deletions, generators,
ranges, strs, and permutations of a variable's own elements (equal sizes, and equal keys
of another type: 1 -> 1.0 / True).  For constant set literals the CPython side interns a
copy of every identifier-like str of 2+ chars first, so that the compiler's extra
frozenset rebuild (see set_model.build_set_literal) happens predictably.

Sensitivity was checked by mutation: each of these single changes to the model makes
the check fail -- freeslot = first dummy, no dummy reuse, the pre-3.7 load factor,
LINEAR_PROBES = 8, clear() resetting the finger, pop() scanning from 0, swap_bodies
swapping the finger, intersection swapping on ties, no copy-and-difference path, no
dummy purge after difference_update, no direct slot copy in set_merge, a different
merge pre-size, no dict pre-size, no third literal rebuild, literals as plain adds,
a^b copying a, a resize no-op with dummies, and used*4 growth past 50000 (--huge).
(The ">8x larger: iterate the intersection" shortcut of difference_update has no
observable effect and cannot be detected.)
"""

import hashlib
import math
import os
import pickle
import random
import struct
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

P61 = (1 << 61) - 1
I64_MIN, I64_MAX = -(1 << 63), (1 << 63) - 1


# ---------------------------------------------------------------------------
# random values
# ---------------------------------------------------------------------------

def rand_str(rng, kind=None, maxlen=12):
    kind = kind or rng.choice(['ascii', 'ascii', 'latin1', 'bmp', 'astral', 'surr'])
    n = rng.randint(0, maxlen)
    if kind == 'ascii':
        chars = [chr(rng.randint(32, 126)) for _ in range(n)]
    elif kind == 'latin1':
        chars = [chr(rng.randint(0, 255)) for _ in range(n)]
    elif kind == 'bmp':
        chars = [chr(rng.choice([rng.randint(0, 255), rng.randint(256, 0xD7FF),
                                 rng.randint(0xE000, 0xFFFF)])) for _ in range(n)]
    elif kind == 'surr':
        chars = [chr(rng.choice([rng.randint(0x61, 0x7a), rng.randint(0xD800, 0xDFFF)]))
                 for _ in range(n)]
    else:
        chars = [chr(rng.choice([rng.randint(0, 0x7f), rng.randint(0x100, 0xFFFF),
                                 rng.randint(0x10000, 0x10FFFF)])) for _ in range(n)]
    if kind == 'bmp' and n and max(map(ord, chars)) < 256:
        chars[0] = '\u20ac'
    if kind == 'astral' and n and max(map(ord, chars)) < 0x10000:
        chars[0] = '\U0001F600'
    return ''.join(chars)


def rand_float(rng):
    r = rng.random()
    if r < 0.25:
        return float(rng.randint(-50, 200))
    if r < 0.35:
        return rng.randint(-50, 200) + rng.choice([0.5, 0.25, 0.125, 0.1])
    if r < 0.45:
        return rng.choice([math.inf, -math.inf, 0.0, -0.0, 1e300, -1e-300, 5e-324,
                           2.0 ** 61, 2.0 ** 62, -2.0 ** 63, 2.0 ** 61 - 2 ** 9])
    if r < 0.6:
        return rng.uniform(-1e6, 1e6)
    while True:
        f = struct.unpack('<d', rng.getrandbits(64).to_bytes(8, 'little'))[0]
        if not math.isnan(f):
            return f


def rand_int(rng):
    r = rng.random()
    if r < 0.3:
        return rng.randint(-300, 300)
    if r < 0.45:
        return rng.randint(I64_MIN, I64_MAX)
    if r < 0.55:
        return rng.choice([I64_MIN, I64_MAX, -1, -2, P61, -P61, P61 - 1, P61 + 1, 2 ** 61,
                           -(2 ** 61), 2 ** 62, 2 ** 63, -(2 ** 63) - 1, 10 ** 30, -(10 ** 40)])
    if r < 0.7:
        return rng.randint(-5, 5) * P61 + rng.randint(-5, 5)
    return rng.randint(-(1 << rng.randint(1, 200)), 1 << rng.randint(1, 200))


def rand_hashable(rng, depth=0):
    r = rng.random()
    if r < 0.2:
        return rand_int(rng)
    if r < 0.35:
        return rand_float(rng)
    if r < 0.6:
        return rand_str(rng, maxlen=40)
    if r < 0.65:
        return rng.choice([True, False])
    if r < 0.7:
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 20)))
    if r < 0.75:
        return complex(rand_float(rng), rand_float(rng))
    if depth < 3 and r < 0.9:
        return tuple(rand_hashable(rng, depth + 1) for _ in range(rng.randint(0, 4)))
    if depth < 3:
        return frozenset(rand_hashable(rng, depth + 1) for _ in range(rng.randint(0, 5)))
    return rand_int(rng)


# ---------------------------------------------------------------------------
# part 1: hashes
# ---------------------------------------------------------------------------

def hash_values(seed, n):
    rng = random.Random(seed)
    vals = []
    for L in range(0, 41):                  # every length / tail for each str kind
        for kind in ('ascii', 'latin1', 'bmp', 'astral'):
            s = rand_str(rng, kind, 0)
            while len(s) < L:
                s += rand_str(rng, kind, 1)
            vals.append(s[:L] if kind in ('ascii', 'latin1') else s)
    vals += [0, 1, -1, -2, P61, -P61, I64_MIN, I64_MAX, 0.0, -0.0, math.inf, -math.inf,
             True, False, '', b'', (), frozenset(), (-1,), (-2,), ((),), 1e-310]
    while len(vals) < n:
        vals.append(rand_hashable(rng))
    return vals


def check_hashes(seed=12345, n=20000):
    import set_model as M
    vals = hash_values(seed, n)
    with tempfile.TemporaryDirectory() as d:
        inp = os.path.join(d, 'in.pickle')
        out = os.path.join(d, 'out.pickle')
        with open(inp, 'wb') as fh:
            pickle.dump(vals, fh)
        run_side('cpython-hash', inp, out, hashseed='0')
        with open(out, 'rb') as fh:
            real = pickle.load(fh)
    bad = 0
    for v, h in zip(vals, real):
        mh = M.hash_obj(v)
        if mh != h:
            bad += 1
            if bad <= 10:
                print('HASH MISMATCH', ascii(v), 'cpython', h, 'model', mh)
        if type(v) is float and M.hash_float_rational(v) != h:
            bad += 1
            print('RATIONAL FLOAT HASH MISMATCH', v)
    if bad:
        raise SystemExit('%d hash mismatches' % bad)
    kinds = {}
    for v in vals:
        kinds[type(v).__name__] = kinds.get(type(v).__name__, 0) + 1
    print('hashes: %d values agree with CPython (%s)' % (
        len(vals), ', '.join('%s %d' % kv for kv in sorted(kinds.items()))))
    return len(vals)


# ---------------------------------------------------------------------------
# part 2: random set programs
# ---------------------------------------------------------------------------

KEY_KINDS = ['smallint', 'stride', 'bigint', 'collide', 'minus', 'float', 'intfloat',
             'bool', 'str', 'char', 'name', 'tuple', 'frozenset', 'bytes', 'complex']


def gen_key(rng, kind):
    if kind == 'smallint':
        return rng.randint(-10, 100)
    if kind == 'stride':
        return rng.randint(-40, 400) * rng.choice([8, 16, 32, 64, 128, 1024, 4096, 1 << 20])
    if kind == 'bigint':
        return rng.randint(I64_MIN, I64_MAX)
    if kind == 'collide':                   # same hash as a small int
        return rng.randint(-20, 20) + rng.randint(-3, 3) * P61
    if kind == 'minus':
        return rng.choice([-1, -2, -3, 1, 2, -4])
    if kind == 'float':
        f = rand_float(rng)
        return f
    if kind == 'intfloat':                  # equal to small ints: identity questions
        return float(rng.randint(-5, 30))
    if kind == 'bool':
        return rng.choice([True, False])
    if kind == 'str':
        return rand_str(rng, maxlen=8)
    if kind == 'name':
        return ''.join(rng.choice('abcxyzABC_0123') for _ in range(rng.randint(1, 6)))
    if kind == 'char':
        return rng.choice([chr(rng.randint(97, 122)), chr(rng.randint(0, 255)),
                           chr(rng.randint(0x100, 0x3000)), chr(rng.randint(0x10000, 0x10100))])
    if kind == 'tuple':
        return tuple(rng.choice([rng.randint(-3, 10), rand_str(rng, 'ascii', 2),
                                 (rng.randint(0, 3), rng.randint(0, 3)), -1, -2, 1.0, True])
                     for _ in range(rng.randint(0, 3)))
    if kind == 'frozenset':
        return frozenset(rng.randint(-2, 6) for _ in range(rng.randint(0, 3)))
    if kind == 'bytes':
        return bytes(rng.randint(97, 100) for _ in range(rng.randint(0, 3)))
    if kind == 'complex':
        return complex(rng.randint(0, 4), rng.randint(1, 3))
    raise ValueError(kind)


def gen_pool(rng, size):
    kinds = rng.sample(KEY_KINDS, rng.randint(1, 4))
    if size > 150:                          # big sets need many distinct keys
        kinds += rng.sample(['bigint', 'stride', 'str', 'collide'], 2)
    return [gen_key(rng, rng.choice(kinds)) for _ in range(size)]


SET_VARS = ['s0', 's1', 's2']
FROZEN_VARS = ['f0', 'f1']


class Gen:
    def __init__(self, rng, scale):
        self.rng = rng
        self.scale = scale              # typical element count
        self.pool = gen_pool(rng, max(4, int(scale * rng.choice([0.5, 1, 1.5, 3]))))

    def keys(self, n=None):
        rng = self.rng
        if n is None:
            n = rng.choice([0, 1, 2, 3, rng.randint(0, 8), rng.randint(0, self.scale),
                            rng.randint(0, self.scale), rng.randint(0, 2 * self.scale)])
        return [rng.choice(self.pool) for _ in range(n)]

    def key(self):
        return self.rng.choice(self.pool)

    def iterable_spec(self, allow_var=True, sets_only=False):
        rng = self.rng
        r = rng.random()
        if allow_var and r < 0.25:
            return ('var', rng.choice(SET_VARS + FROZEN_VARS))
        if allow_var and r < 0.35:
            # same elements as a variable (equal sizes: ties), maybe as equal objects of
            # another type (1 -> 1.0 / True), maybe one element fewer or more
            return ('perm', rng.choice(SET_VARS + FROZEN_VARS), rng.getrandbits(32),
                    rng.choice(['same', 'numswap', 'drop1', 'extra1']),
                    rng.choice(['set', 'frozenset', 'list'] if not sets_only else ['set', 'frozenset']),
                    self.key())
        if sets_only:
            return rng.choice([('set', self.keys()), ('frozenset', self.keys()),
                               ('setd', self.keys(), self.keys()),
                               ('setpop', self.keys(), rng.randint(0, 5))])
        return rng.choice([
            ('set', self.keys()), ('frozenset', self.keys()), ('setd', self.keys(), self.keys()),
            ('list', self.keys()), ('tuple', self.keys()), ('gen', self.keys()),
            ('dict', self.keys()), ('dictd', self.keys(), self.keys()),
            ('dictkeys', self.keys()),
            ('range', rng.randint(-20, 20), rng.randint(-20, 3 * self.scale + 5),
             rng.choice([1, 1, 2, 3, 7, -1])),
            ('str', rand_str(rng, maxlen=rng.choice([5, 30, 200]))),
        ])

    def ctor(self, want_frozen):
        rng = self.rng
        r = rng.random()
        if want_frozen:
            if r < 0.6:
                return ('FROZENSET', self.iterable_spec())
            if r < 0.8:
                return ('copy', rng.choice(FROZEN_VARS + SET_VARS), True)
            return ('FROZENSET0',)
        if r < 0.3:
            return ('SET', self.iterable_spec())
        if r < 0.45:
            return ('literal', self.literal_items())
        if r < 0.55:
            return ('comp', self.keys())
        if r < 0.65:
            return ('copy', rng.choice(SET_VARS + FROZEN_VARS), False)
        if r < 0.68:
            return ('SET0',)
        return ('addseq', self.keys())

    def literal_items(self):
        rng = self.rng
        style = rng.random()
        n = rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 20, 40, rng.randint(0, self.scale)])
        items = []
        for _ in range(n):
            k = self.key()
            if style < 0.6:                    # all constants when possible
                items.append(('k', k, True))
            elif style < 0.85:
                items.append(('k', k, rng.random() < 0.7))
            else:
                if rng.random() < 0.2:
                    items.append(('star', self.iterable_spec()))
                else:
                    items.append(('k', k, rng.random() < 0.5))
        return items

    def op(self, types):
        rng = self.rng
        r = rng.random()
        s = rng.choice(SET_VARS)
        if r < 0.12:
            return ('add', s, self.key())
        if r < 0.16:
            return ('addmany', s, self.keys(rng.randint(0, 2 * self.scale)))
        if r < 0.22:
            return ('discard', s, self.key())
        if r < 0.25:
            return ('discardmany', s, self.keys())
        if r < 0.28:
            return ('remove', s, self.key())
        if r < 0.34:
            return ('pop', s, rng.choice([1, 1, 1, 2, 5, rng.randint(0, self.scale)]))
        if r < 0.36:
            return ('clear', s)
        if r < 0.50:
            meth = rng.choice(['update', 'intersection_update', 'difference_update',
                               'symmetric_difference_update'])
            nargs = 1 if meth == 'symmetric_difference_update' else rng.choice([0, 1, 1, 1, 2, 3])
            return ('mut', meth, s, [self.iterable_spec() for _ in range(nargs)])
        if r < 0.60:
            return ('iop', rng.choice('|&-^'), rng.choice(SET_VARS + FROZEN_VARS),
                    self.iterable_spec(sets_only=True))
        if r < 0.72:
            src = rng.choice(SET_VARS + FROZEN_VARS)
            dst = rng.choice(FROZEN_VARS if types[src] == 'frozenset' else SET_VARS)
            return ('binop', rng.choice('|&-^'), dst, src, self.iterable_spec(sets_only=True))
        if r < 0.84:
            src = rng.choice(SET_VARS + FROZEN_VARS)
            dst = rng.choice(FROZEN_VARS if types[src] == 'frozenset' else SET_VARS)
            meth = rng.choice(['union', 'intersection', 'difference', 'symmetric_difference'])
            nargs = 1 if meth == 'symmetric_difference' else rng.choice([0, 1, 1, 2, 3])
            return ('method', meth, dst, src, [self.iterable_spec() for _ in range(nargs)])
        if r < 0.87:
            return ('pred', rng.choice(['issubset', 'issuperset', 'isdisjoint']),
                    rng.choice(SET_VARS + FROZEN_VARS), self.iterable_spec())
        want_frozen = rng.random() < 0.3
        dst = rng.choice(FROZEN_VARS if want_frozen else SET_VARS)
        return ('assign', dst, self.ctor(want_frozen))


def gen_case(seed, scale=None):
    rng = random.Random(seed)
    if scale is None:
        scale = rng.choice([3, 6, 10, 20, 40, 80, 200, 600, 1500, 3000])
    g = Gen(rng, scale)
    types = {v: 'set' for v in SET_VARS}
    types.update({v: 'frozenset' for v in FROZEN_VARS})
    ops = []
    # initial values
    for v in SET_VARS:
        ops.append(('assign', v, g.ctor(False)))
    for v in FROZEN_VARS:
        ops.append(('assign', v, g.ctor(True)))
    if scale > 3000:                        # make sure some sets pass 50000 elements and grow
        distinct = {}
        while len(distinct) < 100000:
            k = gen_key(rng, rng.choice(['bigint', 'bigint', 'str', 'str', 'stride', 'collide']))
            distinct.setdefault(k, k)
        g.pool = list(distinct.values())
        ops.append(('assign', 's0', ('addseq', rng.sample(g.pool, rng.randint(79000, 90000)))))
        ops.append(('assign', 's1', ('SET', ('list', rng.sample(g.pool, rng.randint(45000, 75000))))))
    nsteps = (rng.randint(5, 40) if scale <= 200 else rng.randint(3, 15) if scale <= 3000
              else rng.randint(3, 6))
    for _ in range(nsteps):
        ops.append(g.op(types))
    return {'seed': seed, 'ops': ops}


# ----- source generation for literals (CPython side) -----------------------

def to_source(k):
    """Source text evaluating to k, constant-foldable by the 3.11 compiler, or None."""
    t = type(k)
    if t is bool or t is int or t is str or t is bytes:
        return repr(k)
    if t is float:
        if math.isinf(k):
            return '1e999' if k > 0 else '-1e999'
        return repr(k)
    if t is complex:
        if k.real == 0 and math.copysign(1, k.real) > 0:
            return repr(k.imag) + 'j'
        return '(%r + %rj)' % (k.real, k.imag)
    if t is tuple:
        parts = [to_source(x) for x in k]
        if any(p is None for p in parts):
            return None
        return '(' + ''.join(p + ', ' for p in parts) + ')'
    return None


def literal_source(items):
    """-> (source, namespace values, all_const)"""
    vals = []
    parts = []
    all_const = True
    for it in items:
        if it[0] == 'k':
            _, k, want_const = it
            src = to_source(k) if want_const else None
            if src is None:
                parts.append('v[%d]' % len(vals))
                vals.append(k)
                all_const = False
            else:
                parts.append(src)
        else:
            parts.append('*v[%d]' % len(vals))
            vals.append(it[1])
            all_const = False
    if not items:
        return 'set()', vals, False      # {} would be a dict
    return '{' + ', '.join(parts) + ',}', vals, all_const


def name_like(s):
    return s.isascii() and all(c.isalnum() or c == '_' for c in s)


# ----- the interpreter shared by both sides --------------------------------

_KEEP_INTERNED = []


class CPythonImpl:
    SET = set
    FROZENSET = frozenset

    @staticmethod
    def literal(items, built_items):
        src, vals, _ = literal_source(items)
        # Make intern_string_constants' choice predictable: every name-like str of 2+
        # chars gets an interned copy that is not the parser's object (the model side
        # assumes exactly that); one-char strs behave per PRE_INTERNED_ONE_CHAR.
        for it in items:
            if it[0] == 'k' and type(it[1]) is str and len(it[1]) >= 2 and name_like(it[1]):
                # (interned strs are mortal in 3.11: keep the copy alive)
                _KEEP_INTERNED.append(sys.intern(it[1].encode('ascii').decode('ascii')))
        # the starred operands must be the already-built objects
        j = 0
        vals2 = []
        for it, b in zip(items, built_items):
            if it[0] == 'star' or (it[0] == 'k' and (not it[2] or to_source(it[1]) is None)):
                vals2.append(b)
        assert len(vals2) == len(vals)
        return eval(compile(src, '<literal>', 'eval'), {'v': vals2})

    @staticmethod
    def comp(values):
        return eval('{x for x in L}', {'L': values})

    @staticmethod
    def state(s):
        import ctypes
        base = id(s)
        fill, used, mask, table, _h, finger = struct.unpack('6q', ctypes.string_at(base + 16, 48))
        raw = ctypes.string_at(table, (mask + 1) * 16)
        slots = []
        for i in range(mask + 1):
            k, hh = struct.unpack_from('Qq', raw, i * 16)
            slots.append('.' if k == 0 else ('D' if hh == -1 else hh))
        return (fill, used, mask, finger, slots)


class ModelImpl:
    def __init__(self):
        import set_model as M
        self.M = M
        self.SET = M.PySet
        self.FROZENSET = M.PyFrozenSet

    def literal(self, items, built_items):
        _, _, all_const = literal_source(items)
        its = []
        for it, b in zip(items, built_items):
            its.append(('k', it[1]) if it[0] == 'k' else ('star', b))
        M = self.M
        return M.build_set_literal(
            its, all_const,
            is_interned=lambda s: len(s) >= 2 or s in M.PRE_INTERNED_ONE_CHAR)

    def comp(self, values):
        return self.M.build_set_comprehension(values)

    @staticmethod
    def state(s):
        return s.state()


def build_iterable(impl, env, spec):
    kind = spec[0]
    if kind == 'var':
        return env[spec[1]]
    if kind == 'set':
        return impl.SET(spec[1])
    if kind == 'frozenset':
        return impl.FROZENSET(spec[1])
    if kind == 'setd':
        s = impl.SET(spec[1])
        for k in spec[2]:
            s.discard(k)
        return s
    if kind == 'setpop':
        s = impl.SET(spec[1])
        for _ in range(min(spec[2], len(s))):
            s.pop()
        return s
    if kind == 'perm':
        _, var, seed, mode, typ, extra = spec
        lst = list(env[var])
        random.Random(seed).shuffle(lst)
        if mode == 'numswap':
            lst = [(float(k) if type(k) is int and abs(k) < 2 ** 53 else
                    (k == 1) if type(k) is float and k in (0.0, 1.0) else k) for k in lst]
        elif mode == 'drop1' and lst:
            lst.pop()
        elif mode == 'extra1':
            lst.append(extra)
        return impl.SET(lst) if typ == 'set' else impl.FROZENSET(lst) if typ == 'frozenset' else lst
    if kind == 'list':
        return list(spec[1])
    if kind == 'tuple':
        return tuple(spec[1])
    if kind == 'gen':
        return (x for x in spec[1])
    if kind == 'dict':
        return {k: None for k in spec[1]}
    if kind == 'dictd':
        d = {k: None for k in spec[1]}
        for k in spec[2]:
            d.pop(k, None)
        return d
    if kind == 'dictkeys':
        return {k: None for k in spec[1]}.keys()
    if kind == 'range':
        return range(spec[1], spec[2], spec[3])
    if kind == 'str':
        return spec[1]
    raise ValueError(kind)


def construct(impl, env, ctor):
    kind = ctor[0]
    if kind == 'SET':
        return impl.SET(build_iterable(impl, env, ctor[1]))
    if kind == 'SET0':
        return impl.SET()
    if kind == 'FROZENSET':
        return impl.FROZENSET(build_iterable(impl, env, ctor[1]))
    if kind == 'FROZENSET0':
        return impl.FROZENSET()
    if kind == 'literal':
        built = [None if it[0] == 'k' else build_iterable(impl, env, it[1]) for it in ctor[1]]
        built = [b if it[0] == 'star' else it[1] for it, b in zip(ctor[1], built)]
        return impl.literal(ctor[1], built)
    if kind == 'comp':
        return impl.comp(ctor[1])
    if kind == 'copy':
        src = env[ctor[1]]
        if ctor[2]:                         # want a frozenset
            return impl.FROZENSET(src)
        return src.copy() if type(src) is impl.SET else impl.SET(src)
    if kind == 'addseq':
        s = impl.SET()
        for k in ctor[1]:
            s.add(k)
        return s
    raise ValueError(kind)


def step(impl, env, op):
    """Run one op; return (dst variable, extra printed value)."""
    kind = op[0]
    extra = None
    if kind == 'assign':
        env[op[1]] = construct(impl, env, op[2])
        return op[1], None
    if kind in ('add', 'discard', 'remove'):
        s = env[op[1]]
        try:
            getattr(s, kind)(op[2])
        except KeyError:
            extra = 'KeyError'
        return op[1], extra
    if kind == 'addmany':
        s = env[op[1]]
        for k in op[2]:
            s.add(k)
        return op[1], None
    if kind == 'discardmany':
        s = env[op[1]]
        for k in op[2]:
            s.discard(k)
        return op[1], None
    if kind == 'pop':
        s = env[op[1]]
        got = []
        for _ in range(op[2]):
            try:
                got.append(repr(s.pop()))
            except KeyError:
                got.append('KeyError')
                break
        return op[1], got
    if kind == 'clear':
        env[op[1]].clear()
        return op[1], None
    if kind == 'mut':
        _, meth, dst, specs = op
        args = [build_iterable(impl, env, sp) for sp in specs]
        getattr(env[dst], meth)(*args)
        return dst, None
    if kind == 'iop':
        _, ch, dst, spec = op
        other = build_iterable(impl, env, spec)
        a = env[dst]
        if ch == '|':
            a |= other
        elif ch == '&':
            a &= other
        elif ch == '-':
            a -= other
        else:
            a ^= other
        env[dst] = a
        return dst, None
    if kind == 'binop':
        _, ch, dst, src, spec = op
        other = build_iterable(impl, env, spec)
        a = env[src]
        if ch == '|':
            r = a | other
        elif ch == '&':
            r = a & other
        elif ch == '-':
            r = a - other
        else:
            r = a ^ other
        env[dst] = r
        return dst, None
    if kind == 'method':
        _, meth, dst, src, specs = op
        args = [build_iterable(impl, env, sp) for sp in specs]
        env[dst] = getattr(env[src], meth)(*args)
        return dst, None
    if kind == 'pred':
        _, meth, dst, spec = op
        return dst, getattr(env[dst], meth)(build_iterable(impl, env, spec))
    raise ValueError(kind)


def run_case(impl, case, full=False):
    env = {v: impl.SET() for v in SET_VARS}
    env.update({v: impl.FROZENSET() for v in FROZEN_VARS})
    out = []
    for op in case['ops']:
        dst, extra = step(impl, env, op)
        s = env[dst]
        rec = (dst, type(s).__name__.lower().replace('py', ''), repr(list(s)),
               impl.state(s), extra)
        if full:
            out.append(rec)
        else:
            out.append(hashlib.sha1(repr(rec).encode('utf-8', 'surrogatepass')).hexdigest()[:16])
    return out


def side_main(side, inp, outp):
    with open(inp, 'rb') as fh:
        payload = pickle.load(fh)
    if side == 'cpython-hash':
        res = [hash(v) for v in payload]
    else:
        impl = CPythonImpl() if side == 'cpython' else ModelImpl()
        full = payload.get('full', False)
        res = [run_case(impl, c, full) for c in payload['cases']]
    with open(outp, 'wb') as fh:
        pickle.dump(res, fh)


def run_side(side, inp, outp, hashseed, wait=True):
    env = dict(os.environ)
    env['PYTHONHASHSEED'] = hashseed
    env['PYTHONDONTWRITEBYTECODE'] = '1'
    p = subprocess.Popen([sys.executable, os.path.abspath(__file__), '--side', side, inp, outp],
                         env=env)
    if wait:
        if p.wait() != 0:
            raise SystemExit('side %s failed' % side)
    return p


def run_both(cases, full=False):
    with tempfile.TemporaryDirectory() as d:
        inp = os.path.join(d, 'cases.pickle')
        with open(inp, 'wb') as fh:
            pickle.dump({'cases': cases, 'full': full}, fh)
        o1, o2 = os.path.join(d, 'cpython.pickle'), os.path.join(d, 'model.pickle')
        p1 = run_side('cpython', inp, o1, '0', wait=False)
        p2 = run_side('model', inp, o2, 'random', wait=False)
        if p1.wait() != 0 or p2.wait() != 0:
            raise SystemExit('a side failed')
        with open(o1, 'rb') as fh:
            real = pickle.load(fh)
        with open(o2, 'rb') as fh:
            model = pickle.load(fh)
    return real, model


def check_sets(ncases, seed, nhuge=4):
    cases = [gen_case(seed * 1000003 + i) for i in range(ncases)]
    # a few sets past 50000 elements, where growth switches from used*4 to used*2
    cases += [gen_case(seed * 1000003 + ncases + i, scale=40000) for i in range(nhuge)]
    ncases = len(cases)
    nsteps = sum(len(c['ops']) for c in cases)
    real, model = run_both(cases)
    bad = [i for i in range(ncases) if real[i] != model[i]]
    if bad:
        print('%d of %d cases differ; first ones in full:' % (len(bad), ncases))
        freal, fmodel = run_both([cases[i] for i in bad[:3]], full=True)
        for i, r, m in zip(bad, freal, fmodel):
            for j, (a, b) in enumerate(zip(r, m)):
                if a != b:
                    print('case seed', cases[i]['seed'], 'step', j, 'op', ascii(cases[i]['ops'][j])[:2000])
                    print('  cpython:', ascii(a)[:3000])
                    print('  model:  ', ascii(b)[:3000])
                    break
        raise SystemExit(1)
    print('sets: %d random cases (%d steps) agree with CPython: list(s) and the full '
          'table (fill, used, mask, finger, slots) after every step' % (ncases, nsteps))
    return ncases


# Facts worth knowing, each checked in CPython (PYTHONHASHSEED=0) and in the model: the
# snippet runs with `set`, `frozenset` and `hash` bound to the model's, and must not use
# set literals or comprehensions (those would build host sets).
SURPRISES = [
    ('-1 and -2 share hash -2', '[hash(-1), hash(-2)]'),
    ('... so insertion order decides', '[list(set([-1, -2])), list(set([-2, -1]))]'),
    ('n and n + (2**61 - 1) collide', '[hash(5), hash(5 + 2**61 - 1)]'),
    ('first equal object stays', '[list(set([1, True, 1.0])), list(set([True, 1])), list(set([1.0, 1]))]'),
    ('& iterates the smaller (other on ties)', '[list(set([1]) & set([True])), list(set([True]) & set([1, 2])), list(set([1, 2]) & set([True]))]'),
    ('intersection(iterable) keeps the iterable\'s objects', 'list(set([1, 2]).intersection([True, 2.0]))'),
    ('| copies the left operand', '[list(set([1]) | set([True, 2])), list(set([True]) | set([1, 2]))]'),
    ('^ copies the right operand', '[list(set([True]) ^ set([1, 5])), list(set([1, 5]) ^ set([True]))]'),
    ('set(dict) pre-sizes (16 slots), set(list) grows (32)', '[list(set(dict.fromkeys([0, 16, 32, 48, 64]))), list(set([0, 16, 32, 48, 64]))]'),
    ('pop scans from the finger, which clear() keeps', '(lambda s: [s.pop(), s.pop(), s.clear(), s.update([0, 1, 2, 3]), s.pop()])(set(range(5)))'),
    ('s ^ s: a copy of s with every slot turned dummy', '(lambda s: [len(s ^ s), list(s ^ s | set([7, 8]))])(set(range(5)))'),
    ('hash of str / tuple / frozenset', "[hash(''), hash('a'), hash('\\xe9'), hash('\\u20ac'), hash('\\U0001f600'), hash(()), hash((1, 2)), hash(frozenset()), hash(frozenset([1, 2]))]"),
    ('floats: integral equal int hash; inf 314159; -0.0 is 0', '[hash(1.0), hash(0.5), hash(-0.0), hash(float("inf")), hash(1e300)]'),
]


def check_surprises():
    import set_model as M
    src = ('import sys\nfor _d, _e in %r:\n    print(repr(eval(_e)))\n' % (SURPRISES,))
    env = dict(os.environ, PYTHONHASHSEED='0', PYTHONIOENCODING='utf-8')
    real = subprocess.run([sys.executable, '-c', src], env=env, capture_output=True,
                          text=True, encoding='utf-8', check=True).stdout.splitlines()
    ns = {'set': M.PySet, 'frozenset': M.PyFrozenSet, 'hash': M.hash_obj}
    for (desc, expr), r in zip(SURPRISES, real):
        m = repr(eval(expr, dict(ns)))
        if m != r:
            raise SystemExit('SURPRISE MISMATCH %s: %s\n  cpython %s\n  model   %s' % (desc, expr, r, m))
        print('  %s: %s -> %s' % (desc, expr, r))
    print('surprises: %d facts agree' % len(SURPRISES))


def main(argv):
    if len(argv) >= 4 and argv[0] == '--side':
        side_main(argv[1], argv[2], argv[3])
        return
    if sys.version_info[:2] != (3, 11) or sys.implementation.name != 'cpython':
        raise SystemExit('needs CPython 3.11 as python3')
    ncases, seed, nhuge = 3000, 1, 4
    hash_only = False
    it = iter(argv)
    for a in it:
        if a == '--cases':
            ncases = int(next(it))
        elif a == '--seed':
            seed = int(next(it))
        elif a == '--huge':
            nhuge = int(next(it))
        elif a == '--hash-only':
            hash_only = True
        else:
            raise SystemExit(__doc__)
    check_hashes()
    check_surprises()
    if not hash_only:
        check_sets(ncases, seed, nhuge)


if __name__ == '__main__':
    main(sys.argv[1:])
