//! `np.random.SeedSequence` (`bit_generator.pyx`): entropy assembly, pool mixing and
//! `generate_state`, plus the integer-to-32-bit-words coercion NumPy applies to seeds.

// ---------------------------------------------------------------------------------------
// SeedSequence
// ---------------------------------------------------------------------------------------

const INIT_A: u32 = 0x43b0_d7e5;
const MULT_A: u32 = 0x931e_8875;
const INIT_B: u32 = 0x8b51_f9dd;
const MULT_B: u32 = 0x58f3_8ded;
const MIX_MULT_L: u32 = 0xca01_f9dd;
const MIX_MULT_R: u32 = 0x4973_f715;
const XSHIFT: u32 = 16;

/// `np.random.SeedSequence` with the default `pool_size=4` (and optional `spawn_key`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeedSequence {
    /// `get_assembled_entropy()`: the entropy words, then the spawn key's.
    assembled: Vec<u32>,
    pool: [u32; SeedSequence::POOL_SIZE],
}

/// `_int_to_uint32_array`: a non-negative integer as 32-bit words, least significant
/// first, with no high zero words (`0` gives `[0]`). `le_words` is the integer in any
/// little-endian 32-bit-word form (high zero words allowed).
pub fn int_to_words(le_words: &[u32]) -> Vec<u32> {
    let mut n = le_words.len();
    while n > 0 && le_words[n - 1] == 0 {
        n -= 1;
    }
    if n == 0 { vec![0] } else { le_words[..n].to_vec() }
}

/// `int_to_words` for a `u128`.
pub fn u128_to_words(x: u128) -> Vec<u32> {
    int_to_words(&[x as u32, (x >> 32) as u32, (x >> 64) as u32, (x >> 96) as u32])
}

fn hashmix(value: u32, hash_const: &mut u32) -> u32 {
    let mut value = value ^ *hash_const;
    *hash_const = hash_const.wrapping_mul(MULT_A);
    value = value.wrapping_mul(*hash_const);
    value ^ (value >> XSHIFT)
}

fn mix(x: u32, y: u32) -> u32 {
    let r = MIX_MULT_L.wrapping_mul(x).wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    r ^ (r >> XSHIFT)
}

impl SeedSequence {
    pub const POOL_SIZE: usize = 4;

    /// From entropy already coerced to 32-bit words (`_coerce_to_uint32_array`), no spawn
    /// key. For an int seed pass `int_to_words(..)`; for a sequence of ints, the
    /// concatenation of each element's `int_to_words`.
    pub fn from_words(entropy: &[u32]) -> SeedSequence {
        SeedSequence::with_spawn_key(entropy, &[])
    }

    /// `SeedSequence(entropy, spawn_key=spawn_key)`; both already coerced to words.
    pub fn with_spawn_key(entropy: &[u32], spawn_key: &[u32]) -> SeedSequence {
        let mut assembled = entropy.to_vec();
        if !spawn_key.is_empty() && assembled.len() < Self::POOL_SIZE {
            assembled.resize(Self::POOL_SIZE, 0);
        }
        assembled.extend_from_slice(spawn_key);
        let mut pool = [0u32; Self::POOL_SIZE];
        // mix_entropy
        let mut hash_const = INIT_A;
        for (i, p) in pool.iter_mut().enumerate() {
            *p = hashmix(assembled.get(i).copied().unwrap_or(0), &mut hash_const);
        }
        for i_src in 0..Self::POOL_SIZE {
            for i_dst in 0..Self::POOL_SIZE {
                if i_src != i_dst {
                    let h = hashmix(pool[i_src], &mut hash_const);
                    pool[i_dst] = mix(pool[i_dst], h);
                }
            }
        }
        for &word in assembled.iter().skip(Self::POOL_SIZE) {
            for p in pool.iter_mut() {
                let h = hashmix(word, &mut hash_const);
                *p = mix(*p, h);
            }
        }
        SeedSequence { assembled, pool }
    }

    /// `SeedSequence(n)` for an integer `n >= 0` up to 128 bits.
    pub fn from_u128(n: u128) -> SeedSequence {
        SeedSequence::from_words(&u128_to_words(n))
    }

    /// `SeedSequence([n0, n1, ...])` for non-negative integers up to 128 bits each.
    pub fn from_u128_seq(seq: &[u128]) -> SeedSequence {
        let words: Vec<u32> = seq.iter().flat_map(|&n| u128_to_words(n)).collect();
        SeedSequence::from_words(&words)
    }

    /// The entropy words as `get_assembled_entropy` returns them.
    pub fn assembled_entropy(&self) -> &[u32] {
        &self.assembled
    }

    pub fn pool(&self) -> [u32; SeedSequence::POOL_SIZE] {
        self.pool
    }

    /// `generate_state(n_words, np.uint32)`.
    pub fn generate_state_u32(&self, n_words: usize) -> Vec<u32> {
        let mut hash_const = INIT_B;
        (0..n_words)
            .map(|i| {
                let mut v = self.pool[i % Self::POOL_SIZE] ^ hash_const;
                hash_const = hash_const.wrapping_mul(MULT_B);
                v = v.wrapping_mul(hash_const);
                v ^ (v >> XSHIFT)
            })
            .collect()
    }

    /// `generate_state(n_words, np.uint64)`: pairs of 32-bit words, the low word first.
    pub fn generate_state_u64(&self, n_words: usize) -> Vec<u64> {
        self.generate_state_u32(2 * n_words)
            .chunks(2)
            .map(|c| c[0] as u64 | (c[1] as u64) << 32)
            .collect()
    }
}
