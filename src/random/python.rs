//! CPython's `_random.Random`: MT19937 seeded by `init_by_array` with the seed's 32-bit
//! words, `random()` from two draws (53 bits), `getrandbits(k)` from whole words. The
//! rest of Python's `random` module is `stdlib/python/random.nt`.

use super::Mt19937;

/// `random_seed`: an int seed's absolute value as little-endian 32-bit words (at least
/// one).
pub fn seeded(n: u64) -> Mt19937 {
    let words = if n >> 32 == 0 {
        vec![n as u32]
    } else {
        vec![n as u32, (n >> 32) as u32]
    };
    Mt19937::from_array(&words)
}

/// `random_random`: `(a * 2**26 + b) / 2**53` from a 27-bit and a 26-bit draw.
pub fn random(mt: &mut Mt19937) -> f64 {
    let a = (mt.next_u32() >> 5) as f64;
    let b = (mt.next_u32() >> 6) as f64;
    (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
}

/// `getrandbits(k)` for `k <= 64`: words from the least significant up, the last one
/// cut to the bits left.
pub fn bits(mt: &mut Mt19937, k: u32) -> u64 {
    if k == 0 {
        return 0;
    }
    if k <= 32 {
        return (mt.next_u32() >> (32 - k)) as u64;
    }
    let lo = mt.next_u32() as u64;
    let hi = (mt.next_u32() >> (64 - k)) as u64;
    hi << 32 | lo
}

#[cfg(test)]
mod tests {
    /// `random.seed(42); [random.random() for _ in range(3)], random.getrandbits(40)`
    /// in CPython 3.11.
    #[test]
    fn cpython_streams() {
        let mut mt = super::seeded(42);
        let r: Vec<f64> = (0..3).map(|_| super::random(&mut mt)).collect();
        assert_eq!(r, [0.6394267984578837, 0.025010755222666936, 0.27502931836911926]);
        let mut mt = super::seeded(42);
        assert_eq!(super::bits(&mut mt, 40), 123005401501);
        let mut mt = super::seeded(2u64.pow(40) + 7);
        assert_eq!(super::random(&mut mt), 0.6137037779936511);
    }
}
