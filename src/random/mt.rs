//! MT19937, seeded as NumPy's `mt19937_seed` and PyTorch's `mt19937(seed)` both do
//! (Knuth's `init_genrand`), and `init_by_array` for NumPy's sequence seeds.

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER: u32 = 0x8000_0000;
const LOWER: u32 = 0x7fff_ffff;

#[derive(Clone)]
pub struct Mt19937 {
    key: Box<[u32; N]>,
    pos: usize,
}

impl Mt19937 {
    pub fn new(seed: u32) -> Mt19937 {
        let mut key = Box::new([0u32; N]);
        key[0] = seed;
        for i in 1..N {
            key[i] = 1_812_433_253u32
                .wrapping_mul(key[i - 1] ^ (key[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        // Exhausted: the first draw twists first.
        Mt19937 { key, pos: N }
    }

    /// NumPy's `init_by_array` (a seed given as a sequence of integers).
    pub fn from_array(init: &[u32]) -> Mt19937 {
        let mut mt = Mt19937::new(19_650_218);
        let key = &mut mt.key;
        let (mut i, mut j) = (1usize, 0usize);
        let len = init.len().max(1);
        for _ in 0..N.max(len) {
            let prev = key[i - 1] ^ (key[i - 1] >> 30);
            key[i] = (key[i] ^ prev.wrapping_mul(1_664_525))
                .wrapping_add(init.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                key[0] = key[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = key[i - 1] ^ (key[i - 1] >> 30);
            key[i] = (key[i] ^ prev.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                key[0] = key[N - 1];
                i = 1;
            }
        }
        key[0] = 0x8000_0000;
        mt
    }

    fn twist(&mut self) {
        let k = &mut self.key;
        for i in 0..N {
            let y = (k[i] & UPPER) | (k[(i + 1) % N] & LOWER);
            let mag = if y & 1 == 1 { MATRIX_A } else { 0 };
            k[i] = k[(i + M) % N] ^ (y >> 1) ^ mag;
        }
        self.pos = 0;
    }

    /// A generator in a given state: the 624 key words and the next position (624: the
    /// next draw twists first). `None` if `key` is not 624 words or `pos` is past 624.
    pub fn from_state(key: &[u32], pos: usize) -> Option<Mt19937> {
        let key: Box<[u32; N]> = Box::new(key.try_into().ok()?);
        (pos <= N).then_some(Mt19937 { key, pos })
    }

    /// The state `from_state` takes: the key words and the next position.
    pub fn state(&self) -> (&[u32], usize) {
        (&self.key[..], self.pos)
    }

    pub fn next_u32(&mut self) -> u32 {
        if self.pos >= N {
            self.twist();
        }
        let mut y = self.key[self.pos];
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }
}

#[cfg(test)]
mod tests {
    use super::Mt19937;

    #[test]
    fn known_streams() {
        let mut mt = Mt19937::new(0);
        let first: Vec<u32> = (0..4).map(|_| mt.next_u32()).collect();
        assert_eq!(first, [2_357_136_044, 2_546_248_239, 3_071_714_933, 3_626_093_760]);
        let mut mt = Mt19937::new(5489);
        assert_eq!([mt.next_u32(), mt.next_u32()], [3_499_211_612, 581_869_302]);
    }
}
