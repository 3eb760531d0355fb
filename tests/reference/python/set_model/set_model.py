"""Pure-Python model of CPython 3.11's set/frozenset hash table (Objects/setobject.c)
and of the hash functions it relies on, with hash randomisation off (PYTHONHASHSEED=0).

This is a reference for porting to Rust (src/value/set.rs, src/value/hash.rs); it is
not a program of the reference corpus (nt does not run it).  It is checked against the
real CPython 3.11 by set_model_check.py in this folder, which compares, after every
step of thousands of random operation sequences, both list(s) and the exact internal
table (fill, used, mask, finger, and every slot: empty / dummy / hash), read from the
live CPython object with ctypes.

Everything here uses only Python ints as 64-bit words (masking with M64), and never
iterates a host set or relies on the host's hash(), so it runs the same under any
PYTHONHASHSEED.

Surprises worth knowing (all verified by the check script):
  * hash(-1) == hash(-2) == -2: -1 and -2 are distinct keys that always collide.
  * hash(n) == hash(n + (2**61 - 1)): big ints collide with small ones.
  * 1, 1.0 and True are one key; the FIRST object inserted stays (set([1, True]) prints
    {1}; set([True, 1]) prints {True}).  Operations that build a new set from another
    operand (intersection, difference, symmetric_difference, union's copy) therefore
    keep the object of whichever operand is iterated; e.g. {1} & {True} is {True}
    (the smaller/other operand is iterated), {1}.intersection([True]) is {True}.
  * set(d) for an exact dict d pre-sizes the table (different layout from set(list(d)),
    which grows by successive adds).
  * A set literal of 3+ elements that are ALL compile-time constants is compiled to
    BUILD_SET 0; LOAD_CONST frozenset; SET_UPDATE, so its layout is the one of a merge of
    a frozenset that the compiler built 2 or 3 times over (see build_set_literal) -- not
    the layout of successive adds.
  * Dummies are reused by add, but only when the probe reaches an EMPTY slot without
    finding the key; the slot used is the LAST dummy seen on the probe path, and
    reusing a dummy never triggers a resize (fill does not grow).
  * nan hashes by object identity in 3.10+ (and None, Ellipsis, functions, classes...
    hash by address in 3.11), so sets holding them have run-dependent order; they are
    not modelled (hash_obj raises TypeError).
"""

import math

M64 = (1 << 64) - 1
HASH_BITS = 61
HASH_MODULUS = (1 << HASH_BITS) - 1      # 2**61 - 1, sys.hash_info.modulus
HASH_INF = 314159                        # sys.hash_info.inf
HASH_IMAG = 1000003                      # sys.hash_info.imag


def to_signed(x):
    """Reinterpret a 64-bit word as a signed Py_hash_t."""
    x &= M64
    return x - (1 << 64) if x >> 63 else x


# ---------------------------------------------------------------------------
# Hash functions (CPython 3.11, 64-bit, PYTHONHASHSEED=0)
# ---------------------------------------------------------------------------

def hash_int(v):
    """long_hash: sign(v) * (|v| mod (2**61 - 1)), and -1 becomes -2.  Works for any
    Python int (not only i64)."""
    r = abs(v) % HASH_MODULUS
    if v < 0:
        r = -r
    return -2 if r == -1 else r


def hash_bool(b):
    return 1 if b else 0


def hash_float(v):
    """_Py_HashDouble, transcribed (64-bit build).  nan is excluded: since 3.10 it hashes
    by object identity (_Py_HashPointer)."""
    if math.isinf(v):
        return HASH_INF if v > 0 else -HASH_INF
    if math.isnan(v):
        raise TypeError('nan hashes by identity in CPython 3.10+; not modelled')
    m, e = math.frexp(v)          # v = m * 2**e, 0.5 <= |m| < 1 (m == 0 for zeros)
    sign = 1
    if m < 0:
        sign = -1
        m = -m
    x = 0
    while m:                      # 28 bits of mantissa at a time
        x = ((x << 28) & HASH_MODULUS) | (x >> (HASH_BITS - 28))
        m *= 268435456.0          # 2**28
        e -= 28
        y = int(m)
        m -= y
        x += y
        if x >= HASH_MODULUS:
            x -= HASH_MODULUS
    # e modulo 61 (C writes the negative case as 60 - ((-1 - e) % 61); same value)
    e %= HASH_BITS
    x = ((x << e) & HASH_MODULUS) | (x >> (HASH_BITS - e))
    x = (x * sign) & M64
    if x == M64:                  # -1 is reserved
        x = M64 - 1
    return to_signed(x)


def hash_float_rational(v):
    """Equivalent definition (Python docs, 'Hashing of numeric types'), used to
    cross-check hash_float: for v = p/q in lowest terms (q a power of two),
    hash = sign * (|p| * q**-1 mod P), -1 -> -2; integral floats hash like ints."""
    if math.isinf(v):
        return HASH_INF if v > 0 else -HASH_INF
    p, q = v.as_integer_ratio()
    P = HASH_MODULUS
    r = abs(p) * pow(q, P - 2, P) % P
    if p < 0:
        r = -r
    return -2 if r == -1 else r


def hash_complex(z):
    """complex_hash: hash(real) + 1000003 * hash(imag) in wrapping u64; -1 -> -2."""
    hr = hash_float(z.real) & M64
    hi = hash_float(z.imag) & M64
    x = (hr + HASH_IMAG * hi) & M64
    if x == M64:
        x = M64 - 1
    return to_signed(x)


def _rotl(x, b):
    return ((x << b) | (x >> (64 - b))) & M64


def siphash13(k0, k1, data):
    """SipHash-1-3 exactly as Python/pyhash.c (1 compression round per 8-byte word,
    3 finalisation rounds, little-endian words, length byte in the top byte of the last
    word).  Returns the 64-bit word."""
    v0 = k0 ^ 0x736f6d6570736575
    v1 = k1 ^ 0x646f72616e646f6d
    v2 = k0 ^ 0x6c7967656e657261
    v3 = k1 ^ 0x7465646279746573

    def rnd(v0, v1, v2, v3):
        # HALF_ROUND(v0,v1,v2,v3,13,16); HALF_ROUND(v2,v1,v0,v3,17,21)
        v0 = (v0 + v1) & M64; v2 = (v2 + v3) & M64
        v1 = _rotl(v1, 13) ^ v0; v3 = _rotl(v3, 16) ^ v2
        v0 = _rotl(v0, 32)
        v2 = (v2 + v1) & M64; v0 = (v0 + v3) & M64
        v1 = _rotl(v1, 17) ^ v2; v3 = _rotl(v3, 21) ^ v0
        v2 = _rotl(v2, 32)
        return v0, v1, v2, v3

    n = len(data)
    b = (n << 56) & M64
    full = n - (n % 8)
    for off in range(0, full, 8):
        mi = int.from_bytes(data[off:off + 8], 'little')
        v3 ^= mi
        v0, v1, v2, v3 = rnd(v0, v1, v2, v3)
        v0 ^= mi
    b |= int.from_bytes(data[full:], 'little')   # 0..7 tail bytes
    v3 ^= b
    v0, v1, v2, v3 = rnd(v0, v1, v2, v3)
    v0 ^= b
    v2 ^= 0xff
    for _ in range(3):
        v0, v1, v2, v3 = rnd(v0, v1, v2, v3)
    return (v0 ^ v1) ^ (v2 ^ v3)


def hash_bytes_raw(data):
    """_Py_HashBytes with PYTHONHASHSEED=0: the key (k0, k1) is (0, 0); empty input
    hashes to 0; Py_HASH_CUTOFF is 0 in 3.11 (no small-string DJBX33A path); -1 -> -2."""
    if len(data) == 0:
        return 0
    x = to_signed(siphash13(0, 0, data))
    return -2 if x == -1 else x


def pep393_bytes(s):
    """The canonical PEP 393 buffer of a str: 1 byte per char if max(ord) < 256
    (ASCII and latin-1 alike), 2 bytes (UCS-2) if < 65536 (lone surrogates included),
    else 4 bytes (UCS-4); little-endian (x86-64/aarch64)."""
    mx = max(map(ord, s), default=0)
    if mx < 0x100:
        return bytes(map(ord, s))
    if mx < 0x10000:
        return b''.join(ord(c).to_bytes(2, 'little') for c in s)
    return b''.join(ord(c).to_bytes(4, 'little') for c in s)


def hash_str(s):
    return hash_bytes_raw(pep393_bytes(s))


def hash_bytes(b):
    return hash_bytes_raw(bytes(b))


XXPRIME_1 = 11400714785074694791
XXPRIME_2 = 14029467366897019727
XXPRIME_5 = 2870177450012600261


def hash_tuple(t):
    """tuplehash (3.8+, xxHash-like):
         acc = XXPRIME_5
         for each item: acc += hash(item) * XXPRIME_2; acc = rotl(acc, 31); acc *= XXPRIME_1
         acc += len ^ (XXPRIME_5 ^ 3527539)
         if acc == -1: return 1546275796
       all in wrapping u64."""
    acc = XXPRIME_5
    for item in t:
        lane = hash_obj(item) & M64
        acc = (acc + lane * XXPRIME_2) & M64
        acc = _rotl(acc, 31)
        acc = (acc * XXPRIME_1) & M64
    acc = (acc + (len(t) ^ (XXPRIME_5 ^ 3527539))) & M64
    if acc == M64:
        return 1546275796
    return to_signed(acc)


def _shuffle_bits(h):
    h &= M64
    return (((h ^ 89869747) ^ (h << 16)) * 3644798167) & M64


def hash_frozenset_from_hashes(hashes):
    """frozenset_hash.  The C code xors _shuffle_bits(entry.hash) over EVERY slot and then
    cancels the empty (hash 0) and dummy (hash -1) slots, so the value only depends on the
    active entries' hashes:
         h = XOR over elements of ((e ^ 89869747) ^ (e << 16)) * 3644798167
         h ^= (len + 1) * 1927868237
         h ^= (h >> 11) ^ (h >> 25)
         h = h * 69069 + 907133923
         if h == -1: h = 590923713
       all in wrapping u64 (e = element hash as u64)."""
    h = 0
    n = 0
    for x in hashes:
        h ^= _shuffle_bits(x)
        n += 1
    h ^= ((n + 1) * 1927868237) & M64
    h ^= (h >> 11) ^ (h >> 25)
    h = (h * 69069 + 907133923) & M64
    if h == M64:
        h = 590923713
    return to_signed(h)


def hash_frozenset(fs):
    """fs: a model PySet/PyFrozenSet, or a host frozenset (elements hashed with hash_obj;
    order does not matter)."""
    if isinstance(fs, PySet):
        return hash_frozenset_from_hashes(fs.table_hashes_active())
    return hash_frozenset_from_hashes(hash_obj(x) for x in fs)


def hash_obj(o):
    """Python's hash() for the value types the model supports."""
    t = type(o)
    if t is bool:
        return hash_bool(o)
    if t is int:
        return hash_int(o)
    if t is float:
        return hash_float(o)
    if t is str:
        return hash_str(o)
    if t is tuple:
        return hash_tuple(o)
    if t is bytes:
        return hash_bytes(o)
    if t is complex:
        return hash_complex(o)
    if t is frozenset or t is PyFrozenSet:
        return hash_frozenset(o)
    raise TypeError('hash of %s is not modelled (identity-based or unhashable)' % t.__name__)


# ---------------------------------------------------------------------------
# The set table (Objects/setobject.c, 3.11)
# ---------------------------------------------------------------------------

MINSIZE = 8            # PySet_MINSIZE
LINEAR_PROBES = 9
PERTURB_SHIFT = 5


class _Sentinel:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


EMPTY = _Sentinel('EMPTY')     # key == NULL, hash == 0
DUMMY = _Sentinel('DUMMY')     # deleted: key == dummy, hash == -1


def _eq(a, b):
    # PyObject_RichCompareBool: identity first, then ==
    return a is b or a == b


class PySet:
    """One PySetObject.  table[i] is EMPTY, DUMMY or the key; hashes[i] is 0 for EMPTY,
    -1 for DUMMY, else the key's hash (signed 64-bit)."""

    frozen = False

    def __init__(self, iterable=None):
        self._empty_to_minsize()
        self.finger = 0
        if iterable is not None:
            self._update_internal(iterable)

    # ----- low level -------------------------------------------------------

    def _empty_to_minsize(self):
        self.keys = [EMPTY] * MINSIZE
        self.hashes = [0] * MINSIZE
        self.fill = 0
        self.used = 0
        self.mask = MINSIZE - 1
        # NB: finger is NOT reset (set_empty_to_minsize leaves it alone)

    def _lookkey(self, key, h):
        """set_lookkey: slot index holding key, or index of the EMPTY slot that ends the
        probe (dummies are passed over)."""
        keys, hashes, mask = self.keys, self.hashes, self.mask
        perturb = h & M64
        i = h & mask
        while True:
            probes = LINEAR_PROBES if i + LINEAR_PROBES <= mask else 0
            j = i
            for _ in range(probes + 1):
                k = keys[j]
                if k is EMPTY:
                    return j
                if hashes[j] == h and k is not DUMMY and _eq(k, key):
                    return j
                j += 1
            perturb >>= PERTURB_SHIFT
            i = (i * 5 + 1 + perturb) & mask

    def _add_entry(self, key, h):
        """set_add_entry."""
        keys, hashes, mask = self.keys, self.hashes, self.mask
        perturb = h & M64
        i = h & mask
        freeslot = -1
        while True:
            probes = LINEAR_PROBES if i + LINEAR_PROBES <= mask else 0
            j = i
            for _ in range(probes + 1):
                k = keys[j]
                if k is EMPTY:
                    if freeslot >= 0:           # reuse the LAST dummy seen
                        keys[freeslot] = key
                        hashes[freeslot] = h
                        self.used += 1
                        return                  # no resize check
                    keys[j] = key
                    hashes[j] = h
                    self.fill += 1
                    self.used += 1
                    if self.fill * 5 < mask * 3:
                        return
                    self._table_resize(self.used * 2 if self.used > 50000 else self.used * 4)
                    return
                if hashes[j] == h:
                    if _eq(k, key):             # (a dummy has hash -1: never matches)
                        return                  # already present: keep the old object
                elif hashes[j] == -1:           # dummy
                    freeslot = j
                j += 1
            perturb >>= PERTURB_SHIFT
            i = (i * 5 + 1 + perturb) & mask

    def _add_key(self, key):
        self._add_entry(key, hash_obj(key))

    @staticmethod
    def _insert_clean(keys, hashes, mask, key, h):
        """set_insert_clean: first EMPTY slot on the probe path (no dummies exist)."""
        perturb = h & M64
        i = h & mask
        while True:
            if keys[i] is EMPTY:
                keys[i] = key
                hashes[i] = h
                return
            if i + LINEAR_PROBES <= mask:
                for j in range(i + 1, i + LINEAR_PROBES + 1):
                    if keys[j] is EMPTY:
                        keys[j] = key
                        hashes[j] = h
                        return
            perturb >>= PERTURB_SHIFT
            i = (i * 5 + 1 + perturb) & mask

    def _table_resize(self, minused):
        """set_table_resize."""
        newsize = MINSIZE
        while newsize <= minused:
            newsize <<= 1
        if newsize == MINSIZE and self.mask == MINSIZE - 1 and self.fill == self.used:
            return          # small table, no dummies: nothing to do
        oldkeys, oldhashes = self.keys, self.hashes
        keys = [EMPTY] * newsize
        hashes = [0] * newsize
        mask = newsize - 1
        for k, h in zip(oldkeys, oldhashes):       # old slot order
            if k is not EMPTY and k is not DUMMY:
                self._insert_clean(keys, hashes, mask, k, h)
        self.keys, self.hashes, self.mask = keys, hashes, mask
        self.fill = self.used

    def _discard_entry(self, key, h):
        """set_discard_entry: True if found.  Leaves a dummy; never resizes."""
        j = self._lookkey(key, h)
        if self.keys[j] is EMPTY:
            return False
        self.keys[j] = DUMMY
        self.hashes[j] = -1
        self.used -= 1
        return True

    def _contains_entry(self, key, h):
        return self.keys[self._lookkey(key, h)] is not EMPTY

    def _entries(self):
        """set_next: (key, hash) of the active slots in slot order."""
        return [(k, h) for k, h in zip(self.keys, self.hashes) if k is not EMPTY and k is not DUMMY]

    def table_hashes_active(self):
        return [h for k, h in zip(self.keys, self.hashes) if k is not EMPTY and k is not DUMMY]

    def _clear_internal(self):
        self._empty_to_minsize()

    def _merge(self, other):
        """set_merge(so, other): other is a model set/frozenset."""
        if other is self or other.used == 0:
            return
        if (self.fill + other.used) * 5 >= self.mask * 3:
            self._table_resize((self.used + other.used) * 2)
        if self.fill == 0 and self.mask == other.mask and other.fill == other.used:
            # same size, no dummies: slot-for-slot copy
            self.keys = list(other.keys)
            self.hashes = list(other.hashes)
            self.fill = other.fill
            self.used = other.used
            return
        if self.fill == 0:
            keys, hashes, mask = self.keys, self.hashes, self.mask
            for k, h in other._entries():
                self._insert_clean(keys, hashes, mask, k, h)
            self.fill = self.used = other.used
            return
        for k, h in other._entries():
            self._add_entry(k, h)

    def _update_internal(self, other):
        """set_update_internal."""
        if isinstance(other, PySet):
            self._merge(other)
            return
        if type(other) is dict:                     # exact dict only
            n = len(other)
            if (self.fill + n) * 5 >= self.mask * 3:
                self._table_resize((self.used + n) * 2)
            for k in other:                         # dict order, stored hashes
                self._add_entry(k, hash_obj(k))
            return
        for k in other:                             # any other iterable
            self._add_key(k)

    def _new_same_base(self, iterable=None):
        """make_new_set_basetype(Py_TYPE(self), iterable)."""
        return (PyFrozenSet if self.frozen else PySet)._make(iterable)

    @classmethod
    def _make(cls, iterable=None):
        s = cls.__new__(cls)
        PySet.__init__(s, iterable)
        return s

    def _copy(self):
        """set_copy: always a new object, built by set_merge into an empty table."""
        return self._new_same_base(self)

    # ----- algebra ----------------------------------------------------------

    def _intersection(self, other):
        """set_intersection(so, other)."""
        if other is self:
            return self._copy()
        result = self._new_same_base()
        so = self
        if isinstance(other, PySet):
            if len(other) > len(so):
                so, other = other, so
            for k, h in other._entries():           # iterate the smaller (other on ties)
                if so._contains_entry(k, h):
                    result._add_entry(k, h)
            return result
        if type(other) is dict:
            it = list(other)
        else:
            it = other
        for k in it:
            h = hash_obj(k)
            if so._contains_entry(k, h):
                result._add_entry(k, h)
        return result

    def _difference_update_internal(self, other):
        if other is self:
            self._clear_internal()
            return
        if isinstance(other, PySet):
            if (len(other) >> 3) > len(self):
                other = self._intersection(other)
            for k, h in other._entries():
                self._discard_entry(k, h)
        else:
            for k in other:
                self._discard_entry(k, hash_obj(k))
        if (self.fill - self.used) <= self.mask // 4:
            return
        self._table_resize(self.used * 2 if self.used > 50000 else self.used * 4)

    def _copy_and_difference(self, other):
        result = self._copy()
        result._difference_update_internal(other)
        return result

    def _difference(self, other):
        if isinstance(other, PySet):
            other_size = len(other)
        elif type(other) is dict:
            other_size = len(other)
        else:
            return self._copy_and_difference(other)
        if (len(self) >> 2) > other_size:
            return self._copy_and_difference(other)
        result = self._new_same_base()
        if type(other) is dict:
            for k, h in self._entries():
                if k not in other:      # membership only; any consistent dict will do
                    result._add_entry(k, h)
            return result
        for k, h in self._entries():
            if not other._contains_entry(k, h):
                result._add_entry(k, h)
        return result

    def _symmetric_difference_update(self, other):
        if other is self:
            self._clear_internal()
            return
        if type(other) is dict:
            for k in other:
                h = hash_obj(k)
                if not self._discard_entry(k, h):
                    self._add_entry(k, h)
            return
        if isinstance(other, PySet):
            otherset = other
        else:
            otherset = self._new_same_base(other)
        for k, h in otherset._entries():
            if not self._discard_entry(k, h):
                self._add_entry(k, h)

    def _symmetric_difference(self, other):
        otherset = self._new_same_base(other)
        otherset._symmetric_difference_update(self)
        return otherset

    def _swap_bodies(self, other):
        """set_swap_bodies: table, fill, used, mask move; finger stays with the object."""
        for name in ('keys', 'hashes', 'fill', 'used', 'mask'):
            a, b = getattr(self, name), getattr(other, name)
            setattr(self, name, b)
            setattr(other, name, a)

    # ----- Python-level API (mirrors set/frozenset) ------------------------

    def __len__(self):
        return self.used

    def __iter__(self):
        return iter([k for k in self.keys if k is not EMPTY and k is not DUMMY])

    def __contains__(self, key):
        return self._contains_entry(key, hash_obj(key))

    def __repr__(self):
        name = 'frozenset' if self.frozen else 'set'
        if not self.used:
            return name + '()'
        body = '{' + repr(list(self))[1:-1] + '}'
        return body if not self.frozen else 'frozenset(%s)' % body

    def copy(self):
        return self._copy()

    def union(self, *others):
        result = self._copy()
        for o in others:
            if o is self:
                continue
            result._update_internal(o)
        return result

    def intersection(self, *others):
        if not others:
            return self._copy()
        result = self
        for o in others:
            result = result._intersection(o)
        return result

    def difference(self, *others):
        if not others:
            return self._copy()
        result = self._difference(others[0])
        for o in others[1:]:
            result._difference_update_internal(o)
        return result

    def symmetric_difference(self, other):
        return self._symmetric_difference(other)

    def issubset(self, other):
        if not isinstance(other, PySet):
            other = PySet(other)
        return len(self) <= len(other) and all(other._contains_entry(k, h) for k, h in self._entries())

    def issuperset(self, other):
        if not isinstance(other, PySet):
            other = PySet(other)
        return other.issubset(self)

    def isdisjoint(self, other):
        if not isinstance(other, PySet):
            other = PySet(other)
        return not any(other._contains_entry(k, h) for k, h in self._entries())

    def __or__(self, other):
        if not isinstance(other, PySet):
            return NotImplemented
        result = self._copy()
        if other is self:
            return result
        result._update_internal(other)
        return result

    def __and__(self, other):
        if not isinstance(other, PySet):
            return NotImplemented
        return self._intersection(other)

    def __sub__(self, other):
        if not isinstance(other, PySet):
            return NotImplemented
        return self._difference(other)

    def __xor__(self, other):
        if not isinstance(other, PySet):
            return NotImplemented
        return self._symmetric_difference(other)

    def __eq__(self, other):
        if not isinstance(other, PySet):
            return NotImplemented
        return len(self) == len(other) and self.issubset(other)

    def __hash__(self):
        if not self.frozen:
            raise TypeError("unhashable type: 'set'")
        return hash_frozenset(self)

    # ----- mutators (set only) ----------------------------------------------

    def add(self, key):
        self._add_key(key)

    def discard(self, key):
        self._discard_entry(key, hash_obj(key))

    def remove(self, key):
        if not self._discard_entry(key, hash_obj(key)):
            raise KeyError(key)

    def pop(self):
        """set_pop: scan from finger & mask (wrapping) to the first active slot; leave a
        dummy there; finger = that index + 1."""
        if self.used == 0:
            raise KeyError('pop from an empty set')
        i = self.finger & self.mask
        while self.keys[i] is EMPTY or self.keys[i] is DUMMY:
            i += 1
            if i > self.mask:
                i = 0
        key = self.keys[i]
        self.keys[i] = DUMMY
        self.hashes[i] = -1
        self.used -= 1
        self.finger = i + 1
        return key

    def clear(self):
        self._clear_internal()

    def update(self, *others):
        for o in others:
            self._update_internal(o)

    def intersection_update(self, *others):
        tmp = self.intersection(*others)     # 0 args: a copy (compacts dummies away)
        self._swap_bodies(tmp)

    def difference_update(self, *others):
        for o in others:
            self._difference_update_internal(o)

    def symmetric_difference_update(self, other):
        self._symmetric_difference_update(other)

    def __ior__(self, other):
        if not isinstance(other, PySet):
            return NotImplemented
        self._update_internal(other)
        return self

    def __iand__(self, other):
        if not isinstance(other, PySet):
            return NotImplemented
        self._swap_bodies(self._intersection(other))
        return self

    def __isub__(self, other):
        if not isinstance(other, PySet):
            return NotImplemented
        self._difference_update_internal(other)
        return self

    def __ixor__(self, other):
        if not isinstance(other, PySet):
            return NotImplemented
        self._symmetric_difference_update(other)
        return self

    # ----- introspection for the checker --------------------------------------

    def state(self):
        """(fill, used, mask, finger, slots) with slots as '.', 'D' or the hash -- the
        same shape the checker reads from a live CPython set with ctypes."""
        slots = []
        for k, h in zip(self.keys, self.hashes):
            slots.append('.' if k is EMPTY else ('D' if k is DUMMY else h))
        return (self.fill, self.used, self.mask, self.finger, slots)


class PyFrozenSet(PySet):
    frozen = True

    def __new__(cls, iterable=None):
        # frozenset(f) is f when f is exactly a frozenset
        if type(iterable) is PyFrozenSet:
            return iterable
        return object.__new__(cls)

    def __init__(self, iterable=None):
        if self is iterable:
            return
        PySet.__init__(self, iterable)

    def copy(self):
        return self                         # frozenset_copy

    def __hash__(self):
        return hash_frozenset(self)

    # frozensets have no in-place methods: a |= b rebinds to a | b
    # no mutators; `f |= x` etc. fall back to `f = f | x` (a new frozenset)
    add = discard = remove = pop = clear = update = None
    intersection_update = difference_update = symmetric_difference_update = None

    def __ior__(self, other):
        return self.__or__(other)

    def __iand__(self, other):
        return self.__and__(other)

    def __isub__(self, other):
        return self.__sub__(other)

    def __ixor__(self, other):
        return self.__xor__(other)


# ---------------------------------------------------------------------------
# How the compiler / interpreter build sets (3.11)
# ---------------------------------------------------------------------------

# Single ASCII characters for which CPython 3.11.7 already holds, at startup, an interned
# str object that is NOT the latin-1 singleton the parser uses for a one-char literal
# (measured; see build_set_literal).  Other one-char strings never trigger the rebuild.
PRE_INTERNED_ONE_CHAR = frozenset('BCLST_abcdefhijklmnopqrstvwxy')


def _all_name_chars(s):
    return s.isascii() and all(c.isalnum() or c == '_' for c in s)


def default_is_interned(s, interned_names=()):
    """Guess whether CPython already holds an interned copy of the str s (a different
    object from the literal's) when the code object is created: one-char strings per
    PRE_INTERNED_ONE_CHAR; longer strings when the caller says so (identifiers used
    anywhere in the module -- the parser interns them before compiling --, builtins
    and other names interned at startup, strings interned by earlier modules...)."""
    if len(s) == 1:
        return s in PRE_INTERNED_ONE_CHAR
    if len(s) == 0:
        return False                    # the empty string is a singleton
    return s in interned_names


def build_set_literal(items, all_const=False, is_interned=default_is_interned):
    """`{a, b, *c, d}` as CPython 3.11 evaluates it.

    items: list of ('k', key) for a plain element, ('star', iterable) for *iterable.
    all_const: True when every element is a compile-time constant (number, str, bytes,
      bool, None, Ellipsis, or a tuple of those; -1, 1+2, (1, -2) etc. are folded first).
    is_interned(s) -> bool: see below (only asked for all-name-char strs).

    * No star, more than 2 elements, all constants: the compiler (starunpack_helper)
      folds them to a frozenset constant and emits BUILD_SET 0; LOAD_CONST f;
      SET_UPDATE 1, so the result is set_merge(empty set, f), where f is built
      2 or 3 times over:
        f1 = frozenset(tuple_of_elements)       successive adds, source order
        f2 = frozenset(tuple(f1))               merge_consts_recursive(): successive
                                                adds in f1's iteration order
        f3 = frozenset(tuple(f2))               only if intern_string_constants()
             (code object creation) replaces a str element by an already interned,
             different, equal object: an element that is a str of ASCII letters,
             digits and '_' only, for which is_interned(s) is true.  Nested tuples
             do not count.
      Two equal constant set literals in one compilation unit share the first one's
      frozenset (the const cache), and a module imported from a .pyc gets f rebuilt
      by marshal (adds in sorted(f, key=marshal.dumps) order): neither is modelled.
    * Otherwise: successive adds left to right (BUILD_SET n / SET_ADD), and each
      *iterable is a SET_UPDATE, i.e. set.update(iterable) with all its fast paths.
    """
    if all_const and len(items) > 2 and all(kind == 'k' for kind, _ in items):
        f = PyFrozenSet._make([k for _, k in items])
        f = PyFrozenSet._make(list(f))
        if any(type(k) is str and _all_name_chars(k) and is_interned(k) for k in f):
            f = PyFrozenSet._make(list(f))
        s = PySet()
        s._update_internal(f)
        return s
    s = PySet()
    for kind, v in items:
        if kind == 'k':
            s.add(v)
        else:
            s._update_internal(v)
    return s


def build_set_comprehension(values):
    """{expr for ...}: BUILD_SET 0 then SET_ADD per produced value, in order."""
    s = PySet()
    for v in values:
        s.add(v)
    return s
