//! The continuous building blocks of `numpy.random.Generator` (`distributions.c`):
//! uniform floats and the 256-layer ziggurat normal and exponential, in double and
//! single precision, plus the inverse-CDF exponential.

use super::Pcg64;
use super::ziggurat_tables::*;

impl Pcg64 {
    /// `Generator.random()` (float64).
    pub fn random(&mut self) -> f64 {
        self.next_double()
    }

    /// `Generator.random(dtype=np.float32)`.
    pub fn random_f32(&mut self) -> f32 {
        self.next_float()
    }

    /// `random_standard_normal`: the 256-layer ziggurat on one 64-bit draw.
    pub fn standard_normal(&mut self) -> f64 {
        loop {
            let mut r = self.next_u64();
            let idx = (r & 0xff) as usize;
            r >>= 8;
            let sign = r & 1;
            let rabs = (r >> 1) & 0x000f_ffff_ffff_ffff;
            let mut x = rabs as f64 * WI_DOUBLE[idx];
            if sign & 1 == 1 {
                x = -x;
            }
            if rabs < KI_DOUBLE[idx] {
                return x;
            }
            if idx == 0 {
                loop {
                    let xx = -ZIGGURAT_NOR_INV_R * (-self.next_double()).ln_1p();
                    let yy = -(-self.next_double()).ln_1p();
                    if yy + yy > xx * xx {
                        return if (rabs >> 8) & 1 == 1 {
                            -(ZIGGURAT_NOR_R + xx)
                        } else {
                            ZIGGURAT_NOR_R + xx
                        };
                    }
                }
            } else if (FI_DOUBLE[idx - 1] - FI_DOUBLE[idx]) * self.next_double() + FI_DOUBLE[idx] < (-0.5 * x * x).exp()
            {
                return x;
            }
        }
    }

    /// `random_standard_normal_f`: the ziggurat on one (buffered) 32-bit draw.
    pub fn standard_normal_f32(&mut self) -> f32 {
        loop {
            let r = self.next_u32();
            let idx = (r & 0xff) as usize;
            let sign = (r >> 8) & 1;
            let rabs = (r >> 9) & 0x007f_ffff;
            let mut x = rabs as f32 * WI_FLOAT[idx];
            if sign & 1 == 1 {
                x = -x;
            }
            if rabs < KI_FLOAT[idx] {
                return x;
            }
            if idx == 0 {
                loop {
                    let xx = -ZIGGURAT_NOR_INV_R_F * (-self.next_float()).ln_1p();
                    let yy = -(-self.next_float()).ln_1p();
                    if yy + yy > xx * xx {
                        return if (rabs >> 8) & 1 == 1 {
                            -(ZIGGURAT_NOR_R_F + xx)
                        } else {
                            ZIGGURAT_NOR_R_F + xx
                        };
                    }
                }
            } else {
                // NumPy compares in double: `exp(-0.5 * x * x)` with a double constant.
                let lhs = (FI_FLOAT[idx - 1] - FI_FLOAT[idx]) * self.next_float() + FI_FLOAT[idx];
                let xd = x as f64;
                if (lhs as f64) < (-0.5 * xd * xd).exp() {
                    return x;
                }
            }
        }
    }

    /// `random_standard_exponential` (the ziggurat, `method='zig'`, the default).
    pub fn standard_exponential(&mut self) -> f64 {
        loop {
            let mut ri = self.next_u64();
            ri >>= 3;
            let idx = (ri & 0xff) as usize;
            ri >>= 8;
            let x = ri as f64 * WE_DOUBLE[idx];
            if ri < KE_DOUBLE[idx] {
                return x;
            }
            if idx == 0 {
                return ZIGGURAT_EXP_R - (-self.next_double()).ln_1p();
            }
            if (FE_DOUBLE[idx - 1] - FE_DOUBLE[idx]) * self.next_double() + FE_DOUBLE[idx] < (-x).exp() {
                return x;
            }
        }
    }

    /// `random_standard_exponential_f`.
    pub fn standard_exponential_f32(&mut self) -> f32 {
        loop {
            let mut ri = self.next_u32();
            ri >>= 1;
            let idx = (ri & 0xff) as usize;
            ri >>= 8;
            let x = ri as f32 * WE_FLOAT[idx];
            if ri < KE_FLOAT[idx] {
                return x;
            }
            if idx == 0 {
                return ZIGGURAT_EXP_R_F - (-self.next_float()).ln_1p();
            }
            if (FE_FLOAT[idx - 1] - FE_FLOAT[idx]) * self.next_float() + FE_FLOAT[idx] < (-x).exp() {
                return x;
            }
        }
    }

    /// `standard_exponential(method='inv')`: `-log1p(-U)`.
    pub fn standard_exponential_inv(&mut self) -> f64 {
        -(-self.next_double()).ln_1p()
    }

    /// `standard_exponential(method='inv', dtype=np.float32)`: double `log1p` of a float.
    pub fn standard_exponential_inv_f32(&mut self) -> f32 {
        (-(-(self.next_float() as f64)).ln_1p()) as f32
    }
}
