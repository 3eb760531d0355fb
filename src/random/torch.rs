//! PyTorch's CPU generator (`CPUGeneratorImpl`): `manual_seed`, the uniform and normal
//! transformations of `TransformationHelper.h`/`DistributionsHelper.h`, and the two
//! paths of `normal_kernel` (`DistributionTemplates.h`, `DistributionKernels.cpp`).

use super::{Mt19937, cephes};

/// PyTorch's default CPU seed (`default_rng_seed_val`): an unseeded process draws the
/// same numbers every time.
pub const DEFAULT_SEED: u64 = 67_280_421_310_721;

pub struct Generator {
    mt: Mt19937,
    seed: u64,
    /// The sine half of the last Box–Muller pair (`next_double_normal_sample_`).
    normal: Option<f64>,
    /// `next_float_normal_sample_`: kept for `get_state`/`set_state` only (nt's kernels
    /// draw no float normals from it).
    pub float_normal: Option<f32>,
}

impl Default for Generator {
    fn default() -> Generator {
        Generator::new(DEFAULT_SEED)
    }
}

/// Seed material for unseeded NumPy states and `torch.seed()`: the clock.
pub fn entropy() -> u64 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    t ^ (std::process::id() as u64).rotate_left(32)
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        Generator {
            mt: Mt19937::new(seed as u32),
            seed,
            normal: None,
            float_normal: None,
        }
    }

    pub fn initial_seed(&self) -> u64 {
        self.seed
    }

    /// The state `get_rng_state` serialises: the seed, the key words, the position and
    /// the cached normal.
    pub fn state(&self) -> (u64, &[u32], usize, Option<f64>) {
        let (key, pos) = self.mt.state();
        (self.seed, key, pos, self.normal)
    }

    /// `set_rng_state`; `None` when the key is not 624 words or the position past 624.
    pub fn set_state(&mut self, seed: u64, key: &[u32], pos: usize, normal: Option<f64>) -> Option<()> {
        self.mt = Mt19937::from_state(key, pos)?;
        self.seed = seed;
        self.normal = normal;
        Some(())
    }

    pub fn random(&mut self) -> u32 {
        self.mt.next_u32()
    }

    pub fn random64(&mut self) -> u64 {
        let hi = self.random() as u64;
        (hi << 32) | self.random() as u64
    }

    /// `uniform_real_distribution<float>(0, 1)`: 24 random bits.
    pub fn unit_f32(&mut self) -> f32 {
        (self.random() & 0x00ff_ffff) as f32 * (1.0 / 16_777_216.0)
    }

    /// `uniform_real_distribution<double>(0, 1)`: 53 random bits of `random64()`.
    pub fn unit_f64(&mut self) -> f64 {
        (self.random64() & ((1 << 53) - 1)) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `bernoulli(p)`: one 53-bit uniform per draw.
    pub fn bernoulli(&mut self, p: f64) -> bool {
        self.unit_f64() < p
    }

    /// `normal_distribution<double>`: Box–Muller, caching the sine half.
    pub fn normal_f64(&mut self, mean: f64, std: f64) -> f64 {
        if let Some(n) = self.normal.take() {
            return n.mul_add(std, mean);
        }
        let u1 = self.unit_f64();
        let u2 = self.unit_f64();
        let r = (-2.0 * (-u2).ln_1p()).sqrt();
        let theta = 2.0 * std::f64::consts::PI * u1;
        self.normal = Some(r * theta.sin());
        (r * theta.cos()).mul_add(std, mean)
    }

    /// `normal_fill` for float32 (`normal_fill_AVX2`, the Cephes polynomials).
    /// Needs 16 or more values; the normal cache is neither used nor touched.
    pub fn normal_fill_f32(&mut self, data: &mut [f32], mean: f32, std: f32) {
        fill_blocks(data, || self.unit_f32(), |b| normal_block_f32(b, mean, std));
    }

    /// `normal_fill` for float64: the same blocks, in double with libm.
    pub fn normal_fill_f64(&mut self, data: &mut [f64], mean: f64, std: f64) {
        fill_blocks(data, || self.unit_f64(), |b| normal_block_f64(b, mean, std));
    }

    /// `random_from_to`: `low + r % range`, with a 64-bit draw for ranges of 2²⁸ or more.
    pub fn int_in(&mut self, low: i64, range: u64) -> i64 {
        let r = if range >= 1 << 28 {
            self.random64() % range
        } else {
            (self.random() as u64) % range
        };
        low.wrapping_add(r as i64)
    }
}

/// `normal_fill`'s order: uniforms first, then Box–Muller over blocks of 16, the last
/// block redrawn when the length is not a multiple of 16.
fn fill_blocks<T>(data: &mut [T], mut unit: impl FnMut() -> T, block: impl Fn(&mut [T])) {
    for x in data.iter_mut() {
        *x = unit();
    }
    let n = data.len();
    for chunk in data.chunks_exact_mut(16) {
        block(chunk);
    }
    if n % 16 != 0 {
        let tail = &mut data[n - 16..];
        for x in tail.iter_mut() {
            *x = unit();
        }
        block(tail);
    }
}

fn normal_block_f32(d: &mut [f32], mean: f32, std: f32) {
    let two_pi = (2.0 * std::f64::consts::PI) as f32;
    for j in 0..8 {
        let u1 = 1.0 - d[j];
        let u2 = d[j + 8];
        let radius = (-2.0 * cephes::log(u1)).sqrt();
        let theta = two_pi * u2;
        let (s, c) = cephes::sincos(theta);
        d[j] = (radius * c).mul_add(std, mean);
        d[j + 8] = (radius * s).mul_add(std, mean);
    }
}

fn normal_block_f64(d: &mut [f64], mean: f64, std: f64) {
    for j in 0..8 {
        let u1 = 1.0 - d[j];
        let u2 = d[j + 8];
        let radius = (-2.0 * u1.ln()).sqrt();
        let theta = 2.0 * std::f64::consts::PI * u2;
        d[j] = (radius * theta.cos()).mul_add(std, mean);
        d[j + 8] = (radius * theta.sin()).mul_add(std, mean);
    }
}

#[cfg(test)]
mod tests {
    use super::Generator;

    #[test]
    fn known_streams() {
        let mut g = Generator::new(0);
        let u: Vec<f64> = (0..3).map(|_| g.unit_f32() as f64).collect();
        assert_eq!(u, [0.49625658988952637, 0.7682217955589294, 0.08847743272781372]);
        let mut g = Generator::new(0);
        assert_eq!([g.unit_f64(), g.unit_f64()], [0.9700530018065531, 0.707819864399788]);
        let mut g = Generator::new(0);
        let n: Vec<f32> = (0..3).map(|_| g.normal_f64(0.0, 1.0) as f32).collect();
        assert_eq!(n, [1.5409960746765137, -0.293428897857666, -2.1787893772125244]);
        let mut g = Generator::new(0);
        let mut d = [0f32; 16];
        g.normal_fill_f32(&mut d, 0.0, 1.0);
        assert_eq!(
            d[..4],
            [
                -1.1258398294448853,
                -1.152360200881958,
                -0.2505785822868347,
                -0.4338788092136383
            ]
        );
        let mut g = Generator::new(0);
        let r: Vec<i64> = (0..8).map(|_| g.int_in(0, 10)).collect();
        assert_eq!(r, [4, 9, 3, 0, 3, 9, 7, 3]);
    }
}
