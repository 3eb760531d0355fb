//! NumPy's legacy `RandomState` (`np.random.seed`, `rand`, `randn`, `randint`, …):
//! `mt19937.h`, `legacy-distributions.c` and `distributions.c`.

use super::Mt19937;

pub struct RandomState {
    mt: Mt19937,
    /// The second value of the last Marsaglia pair, kept for the next `gauss`.
    gauss: Option<f64>,
    /// The `cached_gaussian` a `set_state` gave with `has_gauss = 0` (NumPy keeps and
    /// reports it; it is 0.0 otherwise).
    idle_gauss: f64,
}

impl Default for RandomState {
    /// An unseeded state draws its seed from the clock, as NumPy's does from the OS.
    fn default() -> RandomState {
        RandomState::new(super::torch::entropy() as u32)
    }
}

impl RandomState {
    pub fn new(seed: u32) -> RandomState {
        RandomState {
            mt: Mt19937::new(seed),
            gauss: None,
            idle_gauss: 0.0,
        }
    }

    pub fn from_array(seed: &[u32]) -> RandomState {
        RandomState {
            mt: Mt19937::from_array(seed),
            gauss: None,
            idle_gauss: 0.0,
        }
    }

    pub fn next_u32(&mut self) -> u32 {
        self.mt.next_u32()
    }

    pub fn next_u64(&mut self) -> u64 {
        let hi = self.next_u32() as u64;
        (hi << 32) | self.next_u32() as u64
    }

    /// `mt19937_next_double`: 53 random bits, the first draw the high part.
    pub fn double(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// `get_state()`'s parts: the key words, the position, `has_gauss` and
    /// `cached_gaussian`.
    pub fn state(&self) -> (&[u32], usize, bool, f64) {
        let (key, pos) = self.mt.state();
        (key, pos, self.gauss.is_some(), self.gauss.unwrap_or(self.idle_gauss))
    }

    /// `set_state(...)`; `None` when the key is not 624 words or the position past 624.
    pub fn set_state(&mut self, key: &[u32], pos: usize, has_gauss: bool, gauss: f64) -> Option<()> {
        self.mt = Mt19937::from_state(key, pos)?;
        self.gauss = has_gauss.then_some(gauss);
        self.idle_gauss = if has_gauss { 0.0 } else { gauss };
        Some(())
    }

    /// `legacy_gauss`: Marsaglia's polar method; returns the second of each pair first.
    pub fn gauss(&mut self) -> f64 {
        if let Some(g) = self.gauss.take() {
            self.idle_gauss = 0.0;
            return g;
        }
        loop {
            let x1 = 2.0 * self.double() - 1.0;
            let x2 = 2.0 * self.double() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                let f = (-2.0 * r2.ln() / r2).sqrt();
                self.gauss = Some(f * x1);
                return f * x2;
            }
        }
    }

    /// A value in `[0, rng]` by masked rejection (`random_bounded_uint64`, legacy mode).
    pub fn bounded(&mut self, rng: u64) -> u64 {
        if rng == 0 {
            return 0;
        }
        let mask = u64::MAX >> rng.leading_zeros();
        if rng <= 0xffff_ffff {
            if rng == 0xffff_ffff {
                return self.next_u32() as u64;
            }
            loop {
                let v = (self.next_u32() as u64) & mask;
                if v <= rng {
                    return v;
                }
            }
        }
        if rng == u64::MAX {
            return self.next_u64();
        }
        loop {
            let v = self.next_u64() & mask;
            if v <= rng {
                return v;
            }
        }
    }

    /// `random_interval(max)`: a value in `[0, max]`, used by `shuffle` and `permutation`.
    /// `count` draws in `0..=rng` for a `bits`-wide integer dtype (8, 16 or 1 for bool),
    /// as NumPy's `random_bounded_uint8/uint16/bool_fill`: each 32-bit output is used a
    /// byte, a half or a bit at a time, masked and rejected above `rng`. Wider dtypes
    /// draw as `bounded`.
    pub fn bounded_narrow(&mut self, rng: u64, bits: u32, count: usize) -> Vec<u64> {
        if bits > 16 {
            return (0..count).map(|_| self.bounded(rng)).collect();
        }
        if rng == 0 {
            return vec![0; count];
        }
        let (mut buf, mut left) = (0u32, 0u32);
        let mut take = |st: &mut Self| -> u64 {
            if left == 0 {
                buf = st.next_u32();
                left = 32 / bits - 1;
            } else {
                buf >>= bits;
                left -= 1;
            }
            (buf as u64) & ((1u64 << bits) - 1)
        };
        if bits == 1 {
            return (0..count).map(|_| take(self)).collect();
        }
        let full = (1u64 << bits) - 1;
        let mask = u64::MAX >> rng.leading_zeros();
        (0..count)
            .map(|_| {
                if rng == full {
                    return take(self);
                }
                loop {
                    let v = take(self) & mask;
                    if v <= rng {
                        return v;
                    }
                }
            })
            .collect()
    }

    pub fn interval(&mut self, max: u64) -> u64 {
        if max == 0 {
            return 0;
        }
        let mask = u64::MAX >> max.leading_zeros();
        if max <= 0xffff_ffff {
            loop {
                let v = (self.next_u32() as u64) & mask;
                if v <= max {
                    return v;
                }
            }
        }
        loop {
            let v = self.next_u64() & mask;
            if v <= max {
                return v;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RandomState;

    #[test]
    fn known_streams() {
        let mut r = RandomState::new(0);
        let u: Vec<f64> = (0..3).map(|_| r.double()).collect();
        assert_eq!(u, [0.5488135039273248, 0.7151893663724195, 0.6027633760716439]);
        let mut r = RandomState::new(0);
        let g: Vec<f64> = (0..4).map(|_| r.gauss()).collect();
        assert_eq!(
            g,
            [
                1.764052345967664,
                0.4001572083672233,
                0.9787379841057392,
                2.240893199201458
            ]
        );
        let mut r = RandomState::new(0);
        let n: Vec<u64> = (0..8).map(|_| r.bounded(9)).collect();
        assert_eq!(n, [5, 0, 3, 3, 7, 9, 3, 5]);
    }
}
