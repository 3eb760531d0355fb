#!/usr/bin/env python3
"""Bit-exact pure-Python models of NumPy's legacy RandomState and PyTorch's CPU generator.

Every algorithm here was checked against numpy 2.4.6 and torch 2.15.0 (pip wheel, x86-64,
AVX2 dispatch) by `main()`, which prints one summary line per algorithm.  The models use
only `math` and `struct` (plus `fractions` for an exact double FMA); numpy and torch are
imported only inside `main()`, for the comparison.

Run:  python tests/reference/random/algorithms.py        (about 20 s)

Sources (paths inside the numpy / pytorch repositories):
  numpy/random/src/mt19937/mt19937.{c,h}            MT19937, next_double, next64
  numpy/random/src/legacy/legacy-distributions.c    legacy_gauss, legacy_normal
  numpy/random/src/distributions/distributions.c    random_uniform, random_interval,
                                                    random_bounded_uint64_fill, gen_mask
  numpy/random/_bounded_integers.pyx.in             _rand_int64 / _rand_int32 (randint)
  numpy/random/mtrand.pyx                           uniform, normal, randint, choice,
                                                    shuffle, permutation
  aten/src/ATen/core/MT19937RNGEngine.h             mt19937 (same numbers as NumPy)
  aten/src/ATen/CPUGeneratorImpl.cpp                random(), random64(), normal caches
  aten/src/ATen/core/TransformationHelper.h         uniform_real, uniform_int_from_to, normal
  aten/src/ATen/core/DistributionsHelper.h          uniform_real_/normal_/bernoulli_distribution
  aten/src/ATen/native/cpu/DistributionTemplates.h  uniform_kernel, normal_kernel,
                                                    normal_fill(_AVX2), random_from_to_kernel,
                                                    bernoulli_kernel
  aten/src/ATen/native/cpu/avx_mathfun.h            log256_ps, sincos256_ps (Cephes)
  aten/src/ATen/native/TensorFactories.cpp          randperm_cpu
  aten/src/ATen/native/Dropout.cpp                  dropout -> _dropout_impl
  torch/nn/init.py, torch/nn/modules/linear.py      init formulas, Linear.reset_parameters

Dispatch: in the torch 2.15 wheel the distribution kernels (uniform/normal/random/bernoulli)
exist only as DEFAULT and AVX2 variants (symbol table of libtorch_cpu.so); an AVX-512 CPU falls
back to the AVX2 ones, so everything below holds on any x86-64 CPU with AVX2+FMA.  A CPU
without AVX2 runs DEFAULT (no FMA, scalar normal_fill with logf/cosf/sinf): not modelled.
The wheel links no MKL VSL random functions, so bernoulli_/dropout use the MT19937 path on
Intel and AMD alike (older releases used MKL's MCG31 stream on Intel CPUs).

FMA: torch's CPU kernels are compiled per capability; the AVX2 variant is built with -mfma
and GCC contracts `a*b + c` into one fused multiply-add.  The places where that changes the
result are marked "FMA" below and were confirmed by testing fused against unfused: the
unfused form disagrees with torch on about a third of uniform_ values.  NumPy's wheel (baseline
x86-64-v2, no FMA) does not fuse: `low + range*d` unfused matches 100 %, the fused form does not.
"""

import math
import struct
from fractions import Fraction

# ----------------------------------------------------------------------------------------
# Floating-point helpers
# ----------------------------------------------------------------------------------------


def f32(x):
    """Round a Python float (double) to the nearest float32, returned as a double.

    Rounding a double result of a float32 +, -, *, / or sqrt to float32 gives the correctly
    rounded float32 result, because 53 >= 2*24 + 2 (no double-rounding error)."""
    return struct.unpack('<f', struct.pack('<f', x))[0]


def f32_bits(x):
    return struct.unpack('<I', struct.pack('<f', x))[0]


def f32_from_bits(b):
    return struct.unpack('<f', struct.pack('<I', b & 0xffffffff))[0]


def fma32(a, b, c):
    """float32 fused multiply-add: round_f32(a*b + c), a single rounding.

    a*b of two float32 values is exact in double.  The sum is formed in double with
    round-to-odd (two-sum error term, nudge to an odd last bit when inexact), and rounding
    that to float32 is then correctly rounded."""
    p = a * b
    s = p + c
    bb = s - p
    err = (p - (s - bb)) + (c - bb)
    if err != 0.0 and math.isfinite(s):
        m, _ = math.frexp(s)
        if int(m * 2.0 ** 53) & 1 == 0:
            s = math.nextafter(s, math.inf if err > 0 else -math.inf)
    return f32(s)


def fma64(a, b, c):
    """double fused multiply-add round(a*b + c) (math.fma only exists from Python 3.13)."""
    r = Fraction(a) * Fraction(b) + Fraction(c)
    if r == 0:
        return a * b + c          # sign of an exact zero, as the hardware gives it
    return float(r)               # int/int true division is correctly rounded


# ----------------------------------------------------------------------------------------
# MT19937 (numpy mt19937.c == torch MT19937RNGEngine.h)
# ----------------------------------------------------------------------------------------


class MT19937:
    N, M = 624, 397

    def __init__(self, seed):
        # init_genrand: only the low 32 bits of the seed are used.
        mt = [0] * 624
        mt[0] = seed & 0xffffffff
        for i in range(1, 624):
            mt[i] = (1812433253 * (mt[i - 1] ^ (mt[i - 1] >> 30)) + i) & 0xffffffff
        self.mt = mt
        self.pos = 624           # exhausted: the first draw twists first

    def _twist(self):
        mt = self.mt
        for i in range(624):
            y = (mt[i] & 0x80000000) | (mt[(i + 1) % 624] & 0x7fffffff)
            mt[i] = mt[(i + 397) % 624] ^ (y >> 1) ^ (0x9908b0df if y & 1 else 0)
        self.pos = 0

    def next_u32(self):
        if self.pos >= 624:
            self._twist()
        y = self.mt[self.pos]
        self.pos += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c5680
        y ^= (y << 15) & 0xefc60000
        y ^= y >> 18
        return y

    def next_u64(self):
        # numpy mt19937_next64 and torch random64(): first word is the HIGH half.
        hi = self.next_u32()
        return (hi << 32) | self.next_u32()


# ----------------------------------------------------------------------------------------
# NumPy legacy RandomState
# ----------------------------------------------------------------------------------------


def _gen_mask(rng):
    """Smallest all-ones mask >= rng (distributions.c gen_mask)."""
    mask = rng
    for s in (1, 2, 4, 8, 16, 32):
        mask |= mask >> s
    return mask


class LegacyRandomState:
    """np.random.seed(s) / np.random.RandomState(s) with an integer seed in [0, 2**32-1]."""

    def __init__(self, seed):
        self.mt = MT19937(seed)
        self.has_gauss = False
        self.gauss_cache = 0.0

    # mt19937_next_double: 53 bits, a = high 27 bits, b = low 26 bits.
    def next_double(self):
        a = self.mt.next_u32() >> 5
        b = self.mt.next_u32() >> 6
        return (a * 67108864.0 + b) / 9007199254740992.0

    # random_sample / random / rand: fill in C order.
    def random_sample(self, n):
        return [self.next_double() for _ in range(n)]

    # uniform(low, high, size): random_uniform = low + range*next_double, range = high - low
    # computed once in double.  No FMA in NumPy's build.
    def uniform(self, low, high, n):
        rng = high - low
        if not math.isfinite(rng):
            raise OverflowError('Range exceeds valid bounds')
        return [low + rng * self.next_double() for _ in range(n)]

    # legacy_gauss: Marsaglia polar method with a one-value cache that persists across calls
    # (and across rand() calls in between).
    def gauss(self):
        if self.has_gauss:
            self.has_gauss = False
            v = self.gauss_cache
            self.gauss_cache = 0.0
            return v
        while True:
            x1 = 2.0 * self.next_double() - 1.0
            x2 = 2.0 * self.next_double() - 1.0
            r2 = x1 * x1 + x2 * x2
            if r2 < 1.0 and r2 != 0.0:
                break
        f = math.sqrt(-2.0 * math.log(r2) / r2)
        self.gauss_cache = f * x1
        self.has_gauss = True
        return f * x2

    def standard_normal(self, n):
        return [self.gauss() for _ in range(n)]

    # legacy_normal: loc + scale*gauss (unfused).
    def normal(self, loc, scale, n):
        return [loc + scale * self.gauss() for _ in range(n)]

    # random_bounded_uint64_fill with use_masked=True (legacy randint, dtype int64 or int32;
    # int32 takes the same 32-bit branch).  Returns values in [low, high).
    def randint(self, low, high, n):
        if high is None:
            low, high = 0, low
        hi = high - 1                      # internal generator works on the closed range
        if low > hi:
            raise ValueError('low >= high')
        rng = (hi - low) & 0xFFFFFFFFFFFFFFFF
        out = []
        for _ in range(n):
            if rng == 0:
                v = 0                      # no draw at all
            elif rng <= 0xFFFFFFFF:
                if rng == 0xFFFFFFFF:
                    v = self.mt.next_u32()
                else:
                    mask = _gen_mask(rng)
                    while True:
                        v = self.mt.next_u32() & mask
                        if v <= rng:
                            break
            elif rng == 0xFFFFFFFFFFFFFFFF:
                v = self.mt.next_u64()
            else:
                mask = _gen_mask(rng)
                while True:
                    v = self.mt.next_u64() & mask
                    if v <= rng:
                        break
            out.append(low + v)
        return out

    # random_interval(max): used by shuffle/permutation (NOT the same entry point as randint,
    # but the same masked rejection).
    def random_interval(self, mx):
        if mx == 0:
            return 0
        mask = _gen_mask(mx)
        if mx <= 0xFFFFFFFF:
            while True:
                v = self.mt.next_u32() & mask
                if v <= mx:
                    return v
        while True:
            v = self.mt.next_u64() & mask
            if v <= mx:
                return v

    # shuffle(x): Fisher-Yates from the end, along axis 0.
    #   for i in n-1 down to 1: j = random_interval(i); swap x[i], x[j]
    # (the same draw sequence for 1-D arrays, n-D arrays (rows) and Python lists).
    def shuffle(self, x):
        for i in range(len(x) - 1, 0, -1):
            j = self.random_interval(i)
            x[i], x[j] = x[j], x[i]

    # permutation(n) = shuffle(arange(n)); permutation(array) = shuffled copy.
    def permutation(self, x):
        arr = list(range(x)) if isinstance(x, int) else list(x)
        self.shuffle(arr)
        return arr

    # choice(a, size, replace, p) from mtrand.pyx (size = number of samples, flat).
    def choice(self, a, size, replace=True, p=None):
        pool = list(range(a)) if isinstance(a, int) else list(a)
        pop = len(pool)
        if replace:
            if p is not None:
                cdf = _cumsum(p)
                last = cdf[-1]
                cdf = [c / last for c in cdf]
                idx = [_searchsorted_right(cdf, u) for u in self.random_sample(size)]
            else:
                idx = self.randint(0, pop, size)
        else:
            if size > pop:
                raise ValueError("Cannot take a larger sample than population when 'replace=False'")
            if p is not None:
                p = list(map(float, p))
                found = []
                while len(found) < size:
                    x = self.random_sample(size - len(found))
                    for k in found:
                        p[k] = 0.0
                    cdf = _cumsum(p)
                    last = cdf[-1]
                    cdf = [c / last for c in cdf]
                    new = [_searchsorted_right(cdf, u) for u in x]
                    seen = set()
                    for v in new:              # np.unique(return_index) + sort = first-seen order
                        if v not in seen:
                            seen.add(v)
                            found.append(v)
                idx = found
            else:
                idx = self.permutation(pop)[:size]
        return [pool[i] for i in idx]


def _cumsum(p):
    out, acc = [], 0.0
    for v in p:
        acc += float(v)            # np.cumsum: sequential double adds (not pairwise)
        out.append(acc)
    return out


def _searchsorted_right(cdf, u):
    lo, hi = 0, len(cdf)
    while lo < hi:
        mid = (lo + hi) // 2
        if u < cdf[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


# ----------------------------------------------------------------------------------------
# PyTorch CPU generator
# ----------------------------------------------------------------------------------------

MASK24 = (1 << 24) - 1
MASK53 = (1 << 53) - 1
TWO_PI_F32 = f32(2.0 * math.pi)      # _mm256_set1_ps(2.0f * c10::pi<double>)


class TorchCPUGenerator:
    """torch.manual_seed(s): seed is a u64 (negative s -> s + 2**64; outside
    [-2**63, 2**64-1] -> ValueError 'Overflow when unpacking long long'), initial_seed()
    returns it, and only s & 0xffffffff seeds the MT19937.  Both normal caches are cleared.
    Without manual_seed the default generator is seeded non-deterministically at import
    (torch 2.15: initial_seed() differs per process; a fresh torch.Generator() has
    initial_seed() 67280421310721)."""

    def __init__(self, seed):
        self.seed = seed % (1 << 64)
        self.mt = MT19937(self.seed & 0xffffffff)
        self.next_double_normal = None      # cache used by normal_distribution<double>

    def initial_seed(self):
        return self.seed

    def random(self):
        return self.mt.next_u32()

    def random64(self):
        return self.mt.next_u64()

    # --- uniform_real_distribution<T>(from, to): TransformationHelper.h uniform_real ------
    #   float32 (dist_acctype<float> = float): x = (random() & (2^24-1)) * 2^-24   (float)
    #           return fma(x, to - from, from)        [FMA; to-from rounded to float first]
    #   float64: x = (random64() & (2^53-1)) * 2^-53;  return fma(x, to - from, from)  [FMA]
    def _uniform_f32(self, frm, to):
        x = (self.random() & MASK24) * (1.0 / 16777216.0)
        return fma32(x, f32(to - frm), frm)

    def _uniform_f64(self, frm, to):
        x = (self.random64() & MASK53) * (2.0 ** -53)
        return fma64(x, to - frm, frm)

    # torch.rand(n, dtype) / tensor.uniform_(a, b): uniform_kernel casts from/to to the
    # tensor dtype FIRST, then serially fills in element order.
    def uniform_(self, n, a=0.0, b=1.0, dtype='float32'):
        if dtype == 'float32':
            fa, fb = f32(a), f32(b)
            return [self._uniform_f32(fa, fb) for _ in range(n)]
        return [self._uniform_f64(a, b) for _ in range(n)]

    def rand(self, n, dtype='float32'):
        return self.uniform_(n, 0.0, 1.0, dtype)

    # --- normal -------------------------------------------------------------------------
    # normal_kernel (DistributionTemplates.h):
    #   numel >= 16 and contiguous:  float32 -> normal_fill_AVX2, float64 -> normal_fill
    #   otherwise: per element normal_distribution<double>(mean, std) (any float dtype),
    #              result cast to the dtype.
    def normal_(self, n, mean=0.0, std=1.0, dtype='float32', contiguous=True):
        if n >= 16 and contiguous:
            if dtype == 'float32':
                return self._normal_fill_avx2(n, f32(mean), f32(std))
            return self._normal_fill_f64(n, mean, std)
        out = [self._normal_double(mean, std) for _ in range(n)]
        return [f32(v) for v in out] if dtype == 'float32' else out

    def randn(self, n, dtype='float32'):
        return self.normal_(n, 0.0, 1.0, dtype)

    def _normal_double(self, mean, std):
        """normal_distribution<double>: Box-Muller with a cached second value.
        ret*std + mean is contracted to an FMA (verified; the cache is stored unscaled)."""
        if self.next_double_normal is not None:
            r = self.next_double_normal
            self.next_double_normal = None
            return fma64(r, std, mean)
        u1 = (self.random64() & MASK53) * (2.0 ** -53)
        u2 = (self.random64() & MASK53) * (2.0 ** -53)
        radius = math.sqrt(-2.0 * math.log1p(-u2))
        theta = 2.0 * math.pi * u1
        self.next_double_normal = radius * math.sin(theta)
        return fma64(radius * math.cos(theta), std, mean)

    def _normal_fill_f64(self, n, mean, std):
        """normal_fill<double>: all uniforms first, then 16-blocks; a ragged tail redraws 16
        fresh uniforms into data[n-16:n] and transforms that block.  libm log/cos/sin in
        double; radius*cos(theta)*std + mean -> fma(radius*cos(theta), std, mean) [FMA]."""
        d = [(self.random64() & MASK53) * (2.0 ** -53) for _ in range(n)]

        def block(o):
            for j in range(8):
                u1 = 1.0 - d[o + j]
                u2 = d[o + j + 8]
                radius = math.sqrt(-2.0 * math.log(u1))
                theta = (2.0 * math.pi) * u2
                d[o + j] = fma64(radius * math.cos(theta), std, mean)
                d[o + j + 8] = fma64(radius * math.sin(theta), std, mean)
        for i in range(0, n - 15, 16):
            block(i)
        if n % 16:
            for i in range(16):
                d[n - 16 + i] = (self.random64() & MASK53) * (2.0 ** -53)
            block(n - 16)
        return d

    def _normal_fill_avx2(self, n, mean, std):
        """normal_fill_AVX2 (float32, AVX2 build; AVX-512 CPUs run it too).  Uniforms are
        24-bit floats; per 16-block j in 0..8:
          u1 = 1 - d[j]; u2 = d[j+8]
          radius = sqrt(-2 * log256_ps(u1)); theta = TWO_PI_F32 * u2
          s, c = sincos256_ps(theta)
          d[j] = fma(radius*c, std, mean); d[j+8] = fma(radius*s, std, mean)"""
        d = [(self.random() & MASK24) * (1.0 / 16777216.0) for _ in range(n)]

        def block(o):
            for j in range(8):
                u1 = f32(1.0 - d[o + j])
                u2 = d[o + j + 8]
                radius = f32(math.sqrt(f32(-2.0 * log256_ps(u1))))
                theta = f32(TWO_PI_F32 * u2)
                s, c = sincos256_ps(theta)
                d[o + j] = fma32(f32(radius * c), std, mean)
                d[o + j + 8] = fma32(f32(radius * s), std, mean)
        for i in range(0, n - 15, 16):
            block(i)
        if n % 16:
            for i in range(16):
                d[n - 16 + i] = (self.random() & MASK24) * (1.0 / 16777216.0)
            block(n - 16)
        return d

    # --- integers -----------------------------------------------------------------------
    # torch.randint(low, high, size, dtype) / tensor.random_(low, high): random_from_to_kernel,
    #   uniform_int_from_to_distribution (DistributionsHelper.h, the non-FBCODE branch that
    #   the public wheels compile): range = high - low (u64), base = low
    #   if range >= 2**28: r = random64()    (any dtype: int64, int32, float32, float64, ...)
    #   else:              r = random()
    #   value = (int64)((r % range) + base)  -- plain modulo, no rejection; then cast to dtype
    # (The FBCODE branch, `dtype in {int64,double,float,bfloat16} and range >= 2**32`, is NOT
    #  what pip torch runs: ranges in [2**28, 2**32) differ in value and stream position.)
    def randint(self, low, high, n, dtype='int64'):
        rng = high - low
        wide = rng >= (1 << 28)
        out = []
        for _ in range(n):
            r = self.random64() if wide else self.random()
            out.append(r % rng + low)
        return out

    # torch.randperm(n) (randperm_cpu, TensorFactories.cpp), any integer/float dtype:
    #   n < 0xFFFFFFFF // 20 (= 214748364):
    #     r = [0..n); for i in 0..n-2: z = random() % (n - i); swap r[i], r[i+z]
    #   n >= 214748364 ("inside-out" Fisher-Yates with 64-bit draws):
    #     for i in 0..n-1: z = random64() % (i + 1); r[i] = r[z]; r[z] = i
    #   (the large-n branch was checked separately with a C port at n = 214748364, seeds 0
    #    and 7: identical first values and identical sum(r[i]*(i+1)) mod 2**64.)
    def randperm(self, n):
        if n < 0xFFFFFFFF // 20:
            r = list(range(n))
            for i in range(n - 1):
                z = self.random() % (n - i)
                r[i], r[i + z] = r[i + z], r[i]
            return r
        r = [0] * n
        for i in range(n):
            z = self.random64() % (i + 1)
            r[i] = r[z]
            r[z] = i
        return r

    # --- bernoulli / dropout ------------------------------------------------------------
    # tensor.bernoulli_(p: float) -> bernoulli_kernel(self, double p): per element, serial:
    #   u = (random64() & (2^53-1)) * 2^-53 ; value = (u < p)   (2 x u32 per element)
    def bernoulli_(self, n, p):
        return [1 if (self.random64() & MASK53) * (2.0 ** -53) < p else 0 for _ in range(n)]

    # F.dropout(x, p, training=True) on CPU (_dropout_impl, Dropout.cpp):
    #   p == 0 or not training or numel == 0: return x (no draws)
    #   p == 1: return x * 0 (no draws; -0.0 for negative x, NaN for inf/NaN)
    #   noise = empty_like(x).bernoulli_(1 - p); noise.div_(1 - p); return x * noise
    # float32: q = (float)(1 - p); scale = 1.0f / q (float division); kept -> x*scale (f32),
    #          dropped -> x*0.0 (signed zero).  float64: scale = 1/(1-p) in double.
    def dropout(self, xs, p, training=True, dtype='float32'):
        if p == 0 or not training or len(xs) == 0:
            return list(xs)
        if p == 1:
            return [x * 0.0 for x in xs]
        keep = self.bernoulli_(len(xs), 1.0 - p)
        if dtype == 'float32':
            scale = f32(1.0 / f32(1.0 - p))
            return [f32(x * scale) if k else x * 0.0 for x, k in zip(xs, keep)]
        scale = 1.0 / (1.0 - p)
        return [x * scale if k else x * 0.0 for x, k in zip(xs, keep)]


# --- avx_mathfun.h in float32 with GCC's FMA contraction (AVX2 build) -------------------

_C = f32
_LOG_P = [_C(v) for v in (7.0376836292E-2, -1.1514610310E-1, 1.1676998740E-1,
                          -1.2420140846E-1, 1.4249322787E-1, -1.6668057665E-1,
                          2.0000714765E-1, -2.4999993993E-1, 3.3333331174E-1)]
_SQRTHF = _C(0.707106781186547524)
_LOG_Q1 = _C(-2.12194440e-4)
_LOG_Q2 = _C(0.693359375)
_DP1, _DP2, _DP3 = _C(-0.78515625), _C(-2.4187564849853515625e-4), _C(-3.77489497744594108e-8)
_SIN_P = (_C(-1.9515295891E-4), _C(8.3321608736E-3), _C(-1.6666654611E-1))
_COS_P = (_C(2.443315711809948E-005), _C(-1.388731625493765E-003), _C(4.166664568298827E-002))
_FOPI = _C(1.27323954473516)


def log256_ps(x):
    """One lane of log256_ps for x > 0 (u1 is in (0, 1] here).  The contraction GCC chose
    (found by testing every candidate pairing against torch):
        y = p0; y = fma(y, x, p_k) for p1..p8; y = y*x
        y = fma(y, z, e*Q1)            <- the y*z product is fused, e*Q1 is rounded
        y = fma(-z, 0.5, y)            (y - z*0.5)
        x = fma(e, Q2, x + y)"""
    x = max(x, f32_from_bits(0x00800000))
    b = f32_bits(x)
    e = f32(float((b >> 23) - 127) + 1.0)
    x = f32_from_bits((b & ~0x7f800000) | f32_bits(0.5))
    lt = x < _SQRTHF
    tmp = x if lt else 0.0
    x = f32(x - 1.0)
    e = f32(e - (1.0 if lt else 0.0))
    x = f32(x + tmp)
    z = f32(x * x)
    y = _LOG_P[0]
    for pk in _LOG_P[1:]:
        y = fma32(y, x, pk)
    y = f32(y * x)
    y = fma32(y, z, f32(e * _LOG_Q1))
    y = fma32(-z, 0.5, y)
    x = f32(x + y)
    return fma32(e, _LOG_Q2, x)


def sincos256_ps(x):
    """One lane of sincos256_ps; returns (sin, cos).  Contraction:
        x = fma(y, -DP1, x); x = fma(y, -DP2, x); x = fma(y, -DP3, x); z = x*x
        cos: yc = fma(fma(c0, z, c1), z, c2); yc = yc*z; yc = fma(yc, z, -(z*0.5)); yc += 1
             <- the second *z is fused with the subtraction of the rounded z*0.5
        sin: ys = fma(fma(s0, z, s1), z, s2); ys = ys*z; ys = fma(ys, x, x)"""
    sign_sin = math.copysign(1.0, x) < 0
    x = abs(x)
    y = f32(x * _FOPI)
    j = int(y)                          # cvttps: truncation
    j = (j + 1) & ~1
    y = float(j)
    swap_sin = bool(j & 4)
    poly_mask = (j & 2) == 0
    sign_cos = bool(~(j - 2) & 4)
    x = fma32(y, _DP1, x)
    x = fma32(y, _DP2, x)
    x = fma32(y, _DP3, x)
    z = f32(x * x)
    yc = fma32(fma32(_COS_P[0], z, _COS_P[1]), z, _COS_P[2])
    yc = f32(yc * z)
    yc = fma32(yc, z, -f32(z * 0.5))
    yc = f32(yc + 1.0)
    ys = fma32(fma32(_SIN_P[0], z, _SIN_P[1]), z, _SIN_P[2])
    ys = f32(ys * z)
    ys = fma32(ys, x, x)
    s, c = (ys, yc) if poly_mask else (yc, ys)
    if sign_sin ^ swap_sin:
        s = -s
    if sign_cos:
        c = -c
    return s, c


# ----------------------------------------------------------------------------------------
# torch.nn.init and nn.Linear (torch/nn/init.py, torch/nn/modules/linear.py)
# ----------------------------------------------------------------------------------------


def fan_in_fan_out(shape):
    """_calculate_fan_in_and_fan_out: needs dim >= 2; receptive = prod(shape[2:])."""
    if len(shape) < 2:
        raise ValueError('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions')
    receptive = 1
    for s in shape[2:]:
        receptive *= s
    return shape[1] * receptive, shape[0] * receptive


def calculate_gain(nonlinearity, param=None):
    if nonlinearity in ('linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d',
                        'conv_transpose2d', 'conv_transpose3d', 'sigmoid'):
        return 1
    if nonlinearity == 'tanh':
        return 5.0 / 3
    if nonlinearity == 'relu':
        return math.sqrt(2.0)
    if nonlinearity == 'leaky_relu':
        slope = 0.01 if param is None else param
        return math.sqrt(2.0 / (1 + slope ** 2))
    if nonlinearity == 'selu':
        return 3.0 / 4
    raise ValueError(f'Unsupported nonlinearity {nonlinearity}')


def kaiming_uniform_bound(shape, a=0.0, mode='fan_in', nonlinearity='leaky_relu'):
    fan_in, fan_out = fan_in_fan_out(shape)
    fan = fan_in if mode == 'fan_in' else fan_out
    std = calculate_gain(nonlinearity, a) / math.sqrt(fan)
    return math.sqrt(3.0) * std


def xavier_uniform_bound(shape, gain=1.0):
    fan_in, fan_out = fan_in_fan_out(shape)
    std = gain * math.sqrt(2.0 / float(fan_in + fan_out))
    return math.sqrt(3.0) * std


def kaiming_normal_std(shape, a=0.0, mode='fan_in', nonlinearity='leaky_relu'):
    fan_in, fan_out = fan_in_fan_out(shape)
    fan = fan_in if mode == 'fan_in' else fan_out
    return calculate_gain(nonlinearity, a) / math.sqrt(fan)


def xavier_normal_std(shape, gain=1.0):
    fan_in, fan_out = fan_in_fan_out(shape)
    return gain * math.sqrt(2.0 / float(fan_in + fan_out))


def linear_init(gen, in_features, out_features, bias=True):
    """nn.Linear(in, out) under the generator: weight (out, in) row-major, then bias.
      weight: kaiming_uniform_(a=sqrt(5)) -> bound = sqrt(3) * sqrt(2/(1+5.000000000000001))/sqrt(in)
              (numerically 1/sqrt(in) up to rounding, but compute it this way)
      bias:   bound = 1/sqrt(in) (0 if in == 0); uniform_(-bound, bound)
    Each uniform_ casts -bound/bound to float32 and draws fma(x24, to - from, from)."""
    w_bound = kaiming_uniform_bound((out_features, in_features), a=math.sqrt(5))
    w = gen.uniform_(out_features * in_features, -w_bound, w_bound)
    b = None
    if bias:
        b_bound = 1 / math.sqrt(in_features) if in_features > 0 else 0
        b = gen.uniform_(out_features, -b_bound, b_bound)
    return w, b


# ----------------------------------------------------------------------------------------
# Verification against the real libraries
# ----------------------------------------------------------------------------------------


def _same(a, b):
    """Bit equality for floats (incl. signed zero and NaN), equality for ints."""
    if isinstance(a, float) or isinstance(b, float):
        return struct.pack('<d', float(a)) == struct.pack('<d', float(b))
    return a == b


class _Tally:
    def __init__(self):
        self.rows = {}

    def add(self, name, mine, ref):
        mine, ref = list(mine), list(ref)
        ok = len(mine) == len(ref) and all(_same(x, y) for x, y in zip(mine, ref))
        r = self.rows.setdefault(name, [0, 0, 0, 0])
        r[0] += ok
        r[1] += 1
        r[2] += sum(_same(x, y) for x, y in zip(mine, ref)) if len(mine) == len(ref) else 0
        r[3] += len(ref)
        return ok

    def report(self):
        bad = 0
        for name, (ok, n, vok, vn) in self.rows.items():
            print(f'{name}: {ok}/{n} match ({vok}/{vn} values)')
            bad += ok != n
        return bad


def _verify_numpy(t):
    import numpy as np
    seeds = list(range(25)) + [42, 1234, 2**31 - 1, 2**32 - 1]
    for s in seeds:
        for n in (1, 3, 1000):
            np.random.seed(s)
            t.add('np.random.random_sample/rand', LegacyRandomState(s).random_sample(n),
                  np.random.rand(n).tolist())
        for lo, hi in ((0.0, 1.0), (-0.1, 0.3), (2.5, 7.1), (-3.3, -1.1), (1e-3, 1e5)):
            np.random.seed(s)
            t.add('np.random.uniform', LegacyRandomState(s).uniform(lo, hi, 200),
                  np.random.uniform(lo, hi, 200).tolist())
        # standard_normal with odd sizes so the cached second value crosses calls,
        # interleaved with rand() (which leaves the cache alone).
        np.random.seed(s)
        ref = np.random.randn(3).tolist() + [np.random.rand()] + np.random.standard_normal(4).tolist() \
            + [np.random.randn()]
        g = LegacyRandomState(s)
        mine = g.standard_normal(3) + [g.next_double()] + g.standard_normal(4) + [g.gauss()]
        t.add('np.random.standard_normal/randn (+cache)', mine, ref)
        for loc, scale in ((0.0, 1.0), (0.5, 2.0), (-1.3, 0.37)):
            np.random.seed(s)
            ref = np.random.normal(loc, scale, 7).tolist() + np.random.normal(loc, scale, 6).tolist()
            g = LegacyRandomState(s)
            t.add('np.random.normal', g.normal(loc, scale, 7) + g.normal(loc, scale, 6), ref)
        for lo, hi in ((0, 10), (-5, 5), (0, 1), (3, 4), (0, 2**31), (0, 2**32), (-2**31, 2**31),
                       (0, 2**32 + 5), (7, 2**40), (-2**62, 2**62), (-2**63, 2**63 - 1),
                       (0, 1000003)):
            np.random.seed(s)
            t.add('np.random.randint int64 (32/64-bit paths)', LegacyRandomState(s).randint(lo, hi, 50),
                  np.random.randint(lo, hi, 50, dtype=np.int64).tolist())
        for lo, hi in ((0, 10), (-7, 100), (-2**31, 2**31 - 1)):
            np.random.seed(s)
            t.add('np.random.randint int32', LegacyRandomState(s).randint(lo, hi, 50),
                  np.random.randint(lo, hi, 50, dtype=np.int32).tolist())
        np.random.seed(s)
        t.add('np.random.randint scalar (size=None)', [LegacyRandomState(s).randint(0, 100, 1)[0]],
              [int(np.random.randint(0, 100))])
        for n in (0, 1, 2, 5, 10, 100, 1000):
            np.random.seed(s)
            t.add('np.random.permutation(n)', LegacyRandomState(s).permutation(n),
                  np.random.permutation(n).tolist())
        data = [3.5, -1.0, 2.25, 8.0, 0.0, 7.5, 1e9]
        np.random.seed(s)
        t.add('np.random.permutation(array)', LegacyRandomState(s).permutation(data),
              np.random.permutation(np.array(data)).tolist())
        for n in (2, 7, 50):
            arr = np.arange(n) * 10
            lst = list(range(n))
            np.random.seed(s)
            np.random.shuffle(arr)
            g = LegacyRandomState(s)
            mine = [v * 10 for v in range(n)]
            g.shuffle(mine)
            t.add('np.random.shuffle (1-D array, list)', mine, arr.tolist())
            np.random.seed(s)
            np.random.shuffle(lst)
            g = LegacyRandomState(s)
            mine = list(range(n))
            g.shuffle(mine)
            t.add('np.random.shuffle (1-D array, list)', mine, lst)
        m = np.arange(12).reshape(4, 3)
        np.random.seed(s)
        np.random.shuffle(m)
        g = LegacyRandomState(s)
        rows = [[3 * r, 3 * r + 1, 3 * r + 2] for r in range(4)]
        g.shuffle(rows)
        t.add('np.random.shuffle (2-D, rows)', sum(rows, []), m.ravel().tolist())
        p5 = [0.1, 0.0, 0.3, 0.6, 0.0]
        p7 = [0.05, 0.2, 0.1, 0.15, 0.3, 0.1, 0.1]
        cases = [(5, 3, True, None), (5, 8, True, None), (1, 4, True, None), (10, 10, False, None),
                 (100, 7, False, None), (5, 3, True, p5), (7, 20, True, p7), (5, 2, False, p5),
                 (7, 5, False, p7), (7, 7, False, p7)]
        for a, size, rep, p in cases:
            np.random.seed(s)
            ref = np.random.choice(a, size, replace=rep, p=p).tolist()
            t.add('np.random.choice(int a)', LegacyRandomState(s).choice(a, size, rep, p), ref)
        arr = ['a', 'b', 'c', 'd', 'e']
        np.random.seed(s)
        ref = np.random.choice(arr, 4, replace=False).tolist() + np.random.choice(arr, 6, p=p5).tolist()
        g = LegacyRandomState(s)
        t.add('np.random.choice(array a)', g.choice(arr, 4, False) + g.choice(arr, 6, True, p5), ref)
        np.random.seed(s)
        ref = [int(np.random.choice(10))]
        t.add('np.random.choice(int a)', LegacyRandomState(s).choice(10, 1), ref)


def _verify_torch(t):
    import torch
    import torch.nn.functional as F
    seeds = list(range(20)) + [42, 1234, 2**32 + 7, -1, -12345, 2**64 - 1]

    for s in seeds:
        gen = torch.manual_seed(s)
        t.add('torch.initial_seed', [TorchCPUGenerator(s).initial_seed()], [torch.initial_seed()])
        t.add('torch.manual_seed returns the default Generator', [True],
              [gen is torch.default_generator and repr(gen).startswith('<torch._C.Generator object at 0x')])
        for n in (1, 3, 17, 500):
            for dt, tdt in (('float32', torch.float32), ('float64', torch.float64)):
                torch.manual_seed(s)
                t.add(f'torch.rand {dt}', TorchCPUGenerator(s).rand(n, dt), torch.rand(n, dtype=tdt).tolist())
        for a, b in ((-0.1, 0.3), (2.5, 7.1), (-3.3, -1.1), (-1 / math.sqrt(784), 1 / math.sqrt(784)),
                     (0.0, 1e-3), (-1e4, 1e4)):
            for dt, tdt in (('float32', torch.float32), ('float64', torch.float64)):
                torch.manual_seed(s)
                t.add(f'tensor.uniform_ {dt}', TorchCPUGenerator(s).uniform_(300, a, b, dt),
                      torch.empty(300, dtype=tdt).uniform_(a, b).tolist())
        for n in (1, 2, 5, 15, 16, 17, 31, 32, 33, 100, 257):
            for mean, std in ((0.0, 1.0), (0.5, 2.0), (-1.3, 0.37)):
                for dt, tdt in (('float32', torch.float32), ('float64', torch.float64)):
                    torch.manual_seed(s)
                    ref = torch.empty(n, dtype=tdt).normal_(mean, std).tolist()
                    path = 'Box-Muller+cache' if n < 16 else ('normal_fill_AVX2' if dt == 'float32' else 'normal_fill')
                    t.add(f'tensor.normal_ {dt} n{"<" if n < 16 else ">="}16 ({path})',
                          TorchCPUGenerator(s).normal_(n, mean, std, dt), ref)
        # randn: cache carried across calls and across rand(); mixed dtypes share the cache.
        torch.manual_seed(s)
        ref = torch.randn(3).tolist() + torch.rand(1).tolist() + torch.randn(1, dtype=torch.float64).tolist() \
            + torch.randn(20).tolist() + torch.randn(5).tolist()
        g = TorchCPUGenerator(s)
        mine = g.randn(3) + g.rand(1) + g.randn(1, 'float64') + g.randn(20) + g.randn(5)
        t.add('torch.randn sequence (cache across calls)', mine, ref)
        # non-contiguous target -> Box-Muller path even for numel >= 16.  The serial kernel
        # walks the TensorIterator order, i.e. MEMORY order (strides sorted), not the logical
        # order of the view: x.t().normal_() fills x's storage front to back.
        torch.manual_seed(s)
        x = torch.empty(8, 4)
        x.t().normal_(0.0, 1.0)
        ref = x.reshape(-1).tolist()
        t.add('tensor.normal_ non-contiguous (Box-Muller path)', TorchCPUGenerator(s).normal_(32, 0.0, 1.0, 'float32', contiguous=False), ref)
        for lo, hi in ((0, 10), (-5, 5), (3, 4), (0, 2**31), (0, 2**32 - 1), (0, 2**32), (-2**40, 2**40),
                       (0, 2**62), (1, 1000003), (0, 2**28 - 1), (0, 2**28), (5, 2**28 + 5),
                       (-2**27, 2**27), (0, 2**31)):
            torch.manual_seed(s)
            t.add('torch.randint int64', TorchCPUGenerator(s).randint(lo, hi, 60),
                  torch.randint(lo, hi, (60,)).tolist())
        for lo, hi, dt, tdt in ((0, 10, 'int32', torch.int32), (-100, 100, 'int16', torch.int16),
                                (0, 256, 'uint8', torch.uint8), (0, 50, 'float32', torch.float32),
                                (0, 2**33, 'float64', torch.float64),
                                (-2**31, 2**31 - 1, 'int32', torch.int32), (0, 2**28, 'int32', torch.int32),
                                (-2**27, 2**27, 'float64', torch.float64)):
            torch.manual_seed(s)
            mine = TorchCPUGenerator(s).randint(lo, hi, 60, dt)
            ref = torch.randint(lo, hi, (60,), dtype=tdt).tolist()
            if dt.startswith('float'):
                mine = [float(v) if dt == 'float64' else f32(float(v)) for v in mine]
            t.add('torch.randint other dtypes', mine, ref)
        for n in (0, 1, 2, 5, 10, 100, 1000, 10000):
            torch.manual_seed(s)
            t.add('torch.randperm', TorchCPUGenerator(s).randperm(n), torch.randperm(n).tolist())
        torch.manual_seed(s)
        t.add('torch.randperm', TorchCPUGenerator(s).randperm(7), torch.randperm(7, dtype=torch.int32).tolist())
        for p in (0.1, 0.3, 0.5, 0.9):
            torch.manual_seed(s)
            ref = torch.empty(50).bernoulli_(p).tolist()
            t.add('tensor.bernoulli_(p) (scalar p)', [float(v) for v in TorchCPUGenerator(s).bernoulli_(50, p)], ref)
        for p in (0.021, 0.1, 0.2, 0.25, 0.5, 1 / 3, 0.9, 0.0, 1.0):
            for n, shape in ((37, (37,)), (60, (6, 10))):
                torch.manual_seed(10000 + abs(s) % 1000)
                x = torch.randn(shape)
                xs = x.reshape(-1).tolist()
                torch.manual_seed(s)
                ref = F.dropout(x, p, training=True).reshape(-1).tolist() + torch.rand(2).tolist()
                g = TorchCPUGenerator(s)
                t.add('F.dropout float32 (+ stream position after)', g.dropout(xs, p) + g.rand(2), ref)
            torch.manual_seed(10000 + abs(s) % 1000)
            x = torch.randn(25, dtype=torch.float64)
            xs = x.tolist()
            torch.manual_seed(s)
            ref = torch.nn.Dropout(p)(x.requires_grad_()).tolist()
            t.add('nn.Dropout float64 (requires_grad)', TorchCPUGenerator(s).dropout(xs, p, dtype='float64'), ref)

    # torch.nn.Linear and torch.nn.init
    for s in list(range(6)) + [42, 1234]:
        for fin, fout in ((784, 128), (3, 2), (128, 10), (1, 1), (10, 300)):
            torch.manual_seed(s)
            lin = torch.nn.Linear(fin, fout)
            w, b = linear_init(TorchCPUGenerator(s), fin, fout)
            t.add('nn.Linear init (weight then bias)', w + b,
                  lin.weight.detach().reshape(-1).tolist() + lin.bias.detach().tolist())
        torch.manual_seed(s)
        lin = torch.nn.Linear(5, 4, bias=False)
        w, _ = linear_init(TorchCPUGenerator(s), 5, 4, bias=False)
        t.add('nn.Linear init (weight then bias)', w, lin.weight.detach().reshape(-1).tolist())
        init = torch.nn.init
        shape = (20, 30)
        n = 600
        cases = [
            ('init.uniform_', lambda x: init.uniform_(x), lambda g: g.uniform_(n, 0.0, 1.0)),
            ('init.uniform_', lambda x: init.uniform_(x, -2.0, 3.0), lambda g: g.uniform_(n, -2.0, 3.0)),
            ('init.normal_', lambda x: init.normal_(x), lambda g: g.normal_(n)),
            ('init.normal_', lambda x: init.normal_(x, 0.1, 0.02), lambda g: g.normal_(n, 0.1, 0.02)),
            ('init.xavier_uniform_', lambda x: init.xavier_uniform_(x),
             lambda g: g.uniform_(n, -xavier_uniform_bound(shape), xavier_uniform_bound(shape))),
            ('init.xavier_uniform_', lambda x: init.xavier_uniform_(x, gain=init.calculate_gain('relu')),
             lambda g: g.uniform_(n, -xavier_uniform_bound(shape, math.sqrt(2.0)),
                                  xavier_uniform_bound(shape, math.sqrt(2.0)))),
            ('init.kaiming_uniform_', lambda x: init.kaiming_uniform_(x),
             lambda g: g.uniform_(n, -kaiming_uniform_bound(shape), kaiming_uniform_bound(shape))),
            ('init.kaiming_uniform_', lambda x: init.kaiming_uniform_(x, mode='fan_out', nonlinearity='relu'),
             lambda g: g.uniform_(n, -kaiming_uniform_bound(shape, 0, 'fan_out', 'relu'),
                                  kaiming_uniform_bound(shape, 0, 'fan_out', 'relu'))),
            ('init.kaiming_normal_', lambda x: init.kaiming_normal_(x, nonlinearity='relu'),
             lambda g: g.normal_(n, 0.0, kaiming_normal_std(shape, 0, 'fan_in', 'relu'))),
            ('init.xavier_normal_', lambda x: init.xavier_normal_(x),
             lambda g: g.normal_(n, 0.0, xavier_normal_std(shape))),
        ]
        for name, fn, model in cases:
            torch.manual_seed(s)
            x = torch.empty(shape)
            fn(x)
            after = torch.rand(1).tolist()
            g = TorchCPUGenerator(s)
            t.add(name, model(g) + g.rand(1), x.reshape(-1).tolist() + after)
        torch.manual_seed(s)
        x = torch.empty(3, 4)
        init.zeros_(x)
        y = torch.empty(3, 4)
        init.ones_(y)
        t.add('init.zeros_/ones_ (no draws)', [0.0] * 12 + [1.0] * 12 + TorchCPUGenerator(s).rand(1),
              x.reshape(-1).tolist() + y.reshape(-1).tolist() + torch.rand(1).tolist())
        torch.manual_seed(s)
        x = torch.empty(4, 3, 2, 2)        # conv-style weight: receptive field 4
        init.kaiming_uniform_(x, a=math.sqrt(5))
        bd = kaiming_uniform_bound((4, 3, 2, 2), a=math.sqrt(5))
        t.add('init.kaiming_uniform_', TorchCPUGenerator(s).uniform_(48, -bd, bd), x.reshape(-1).tolist())


def main():
    t = _Tally()
    _verify_numpy(t)
    _verify_torch(t)
    bad = t.report()
    print('ALL MATCH' if bad == 0 else f'{bad} algorithm(s) with mismatches')
    return 1 if bad else 0


if __name__ == '__main__':
    raise SystemExit(main())
