//! SLEEF's vector math functions (`Sleef_*f8_u10`, `Sleef_*d4_u10`, the AVX2+FMA build)
//! bit for bit in plain Rust: the functions PyTorch's CPU kernels compute with SLEEF
//! (`log1p`, `expm1`, `lgamma`; the vectorised parts of `exp2`, `atanh`, `pow`, `atan2`,
//! `hypot`, `fmod`, `sigmoid`; the exp/log/tanh/erf inside composite kernels such as
//! `softmax`, `silu`, `softplus`, `gelu`). PyTorch's pip build computes `exp`, `log`,
//! `sin`, `cos`, `tan`, `tanh`, `asin`, `acos`, `atan`, `erf`, `erfc` and `sqrt` with
//! Intel MKL instead, whose algorithms are not public: nt rounds those correctly, which
//! agrees with MKL on all but about 1-5% of inputs. Checked against PyTorch's own SLEEF
//! by `tests/sleef_f32.rs` / `tests/sleef_f64.rs` (vectors from `tests/reference/sleef/`).

pub mod f32;
pub mod f64;
