//! NumPy's `np.random.default_rng` core, bit for bit (NumPy 2.x): `SeedSequence`
//! (`bit_generator.pyx`), the `PCG64` bit generator (`pcg64.h`, `_pcg64.pyx`) and the
//! building-block distributions of `numpy.random.Generator` (`distributions.c`):
//! uniform floats, the ziggurat normal and exponential (double and single precision),
//! Lemire's bounded integers as `Generator.integers` draws them, and the bounded draw
//! of `shuffle`/`permutation`.
//!
//! Standalone and dependency-free. The ziggurat tables were extracted byte for byte
//! from the compiled `ziggurat_constants.h` of NumPy 2.4 (`libnpyrandom.a`). The float
//! paths call `ln_1p`/`exp` (C's `log1p`/`log1pf`/`exp`/`expf`), as NumPy does.
//!
//! Layout: `seed` (`SeedSequence`), this file (the `PCG64` bit generator itself),
//! `continuous` (uniform floats, ziggurat normal and exponential), `bounded` (bounded
//! integers and shuffling), `ziggurat_tables` (the ziggurat constants), `tests`.

mod bounded;
mod continuous;
mod seed;
mod ziggurat_tables;

#[cfg(test)]
mod tests;

pub use bounded::IntBuf;
pub use seed::{SeedSequence, int_to_words, u128_to_words};

// ---------------------------------------------------------------------------------------
// PCG64
// ---------------------------------------------------------------------------------------

const PCG_MULT: u128 = (2_549_297_995_355_413_924u128 << 64) | 4_865_540_595_714_422_341u128;
/// `PCG64.jump_inplace`'s step, 210306068529402873165736369884012333109: (φ - 1) · 2^128, odd.
const PCG64_JUMP_STEP: u128 = 0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835;

/// NumPy's `PCG64` (XSL-RR 128/64) with its buffered 32-bit output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pcg64 {
    state: u128,
    inc: u128,
    has_uint32: bool,
    uinteger: u32,
}

impl Pcg64 {
    /// `pcg64_set_seed` / `pcg_setseq_128_srandom_r(initstate, initseq)`.
    pub fn new(initstate: u128, initseq: u128) -> Pcg64 {
        let mut g = Pcg64 {
            state: 0,
            inc: (initseq << 1) | 1,
            has_uint32: false,
            uinteger: 0,
        };
        g.step();
        g.state = g.state.wrapping_add(initstate);
        g.step();
        g
    }

    /// `PCG64(seed_seq)`: `generate_state(4, uint64)` gives `[s_hi, s_lo, i_hi, i_lo]`.
    pub fn from_seed_sequence(ss: &SeedSequence) -> Pcg64 {
        let v = ss.generate_state_u64(4);
        let s = (v[0] as u128) << 64 | v[1] as u128;
        let i = (v[2] as u128) << 64 | v[3] as u128;
        Pcg64::new(s, i)
    }

    /// `default_rng(n)` for an int `n >= 0` up to 128 bits.
    pub fn default_rng(seed: u128) -> Pcg64 {
        Pcg64::from_seed_sequence(&SeedSequence::from_u128(seed))
    }

    /// `default_rng(n)` for an int given as little-endian 32-bit words (any size).
    pub fn default_rng_words(le_words: &[u32]) -> Pcg64 {
        Pcg64::from_seed_sequence(&SeedSequence::from_words(&int_to_words(le_words)))
    }

    /// `default_rng([n0, n1, ...])`.
    pub fn default_rng_seq(seq: &[u128]) -> Pcg64 {
        Pcg64::from_seed_sequence(&SeedSequence::from_u128_seq(seq))
    }

    /// `default_rng()`: the caller supplies the 128 bits NumPy would read from the OS
    /// (`randbits(128)`).
    pub fn from_entropy(entropy: u128) -> Pcg64 {
        Pcg64::default_rng(entropy)
    }

    /// Setting `bit_generator.state` (`state`, `inc` taken as they are).
    pub fn from_state(state: u128, inc: u128, has_uint32: bool, uinteger: u32) -> Pcg64 {
        Pcg64 {
            state,
            inc,
            has_uint32,
            uinteger,
        }
    }

    /// `bit_generator.state`: `(state['state'], state['inc'], has_uint32, uinteger)`.
    pub fn state(&self) -> (u128, u128, bool, u32) {
        (self.state, self.inc, self.has_uint32, self.uinteger)
    }

    #[inline]
    fn step(&mut self) {
        self.state = self.state.wrapping_mul(PCG_MULT).wrapping_add(self.inc);
    }

    /// `pcg64_next64`: step, then XSL-RR of the new state.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.step();
        let s = self.state;
        ((s >> 64) as u64 ^ s as u64).rotate_right((s >> 122) as u32)
    }

    /// `pcg64_next32`: the low half of a 64-bit draw, its high half kept for the next.
    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        if self.has_uint32 {
            self.has_uint32 = false;
            return self.uinteger;
        }
        let next = self.next_u64();
        self.has_uint32 = true;
        self.uinteger = (next >> 32) as u32;
        next as u32
    }

    /// `pcg64_next_double`: 53 bits of one 64-bit draw.
    #[inline]
    pub fn next_double(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `next_float`: 24 bits of a (buffered) 32-bit draw.
    #[inline]
    pub fn next_float(&mut self) -> f32 {
        (self.next_u32() >> 8) as f32 * (1.0f32 / 16_777_216.0f32)
    }

    /// `PCG64.advance(delta)` with `delta` already reduced mod 2^128; clears the
    /// buffered 32-bit output.
    pub fn advance(&mut self, delta: u128) {
        let (mut acc_mult, mut acc_plus) = (1u128, 0u128);
        let (mut cur_mult, mut cur_plus) = (PCG_MULT, self.inc);
        let mut delta = delta;
        while delta > 0 {
            if delta & 1 == 1 {
                acc_mult = acc_mult.wrapping_mul(cur_mult);
                acc_plus = acc_plus.wrapping_mul(cur_mult).wrapping_add(cur_plus);
            }
            cur_plus = cur_mult.wrapping_add(1).wrapping_mul(cur_plus);
            cur_mult = cur_mult.wrapping_mul(cur_mult);
            delta >>= 1;
        }
        self.state = acc_mult.wrapping_mul(self.state).wrapping_add(acc_plus);
        self.has_uint32 = false;
        self.uinteger = 0;
    }

    /// `PCG64.jump_inplace(jumps)` (`jumps` reduced mod 2^128).
    pub fn jump_inplace(&mut self, jumps: u128) {
        self.advance(PCG64_JUMP_STEP.wrapping_mul(jumps));
    }

    /// `PCG64.jumped(jumps)`: a copy advanced by `jumps` jumps.
    pub fn jumped(&self, jumps: u128) -> Pcg64 {
        let mut g = self.clone();
        g.jump_inplace(jumps);
        g
    }
}
