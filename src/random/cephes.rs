//! PyTorch's `normal_fill_AVX2` computes float32 normals with the Cephes polynomials of
//! `avx_mathfun.h` (`log256_ps`, `sincos256_ps`). These are the same operations, one
//! lane at a time, with the multiply-adds that the compiler fuses in PyTorch's build
//! written as `mul_add` (an exact FMA), which is what makes the results bit-identical
//! (the fusion pattern was found against PyTorch: tests/reference/random/algorithms.py).

const SQRTHF: f32 = 0.707_106_781_186_547_524;
const LOG_P: [f32; 9] = [
    7.037_683_629_2E-2,
    -1.151_461_031_0E-1,
    1.167_699_874_0E-1,
    -1.242_014_084_6E-1,
    1.424_932_278_7E-1,
    -1.666_805_766_5E-1,
    2.000_071_476_5E-1,
    -2.499_999_399_3E-1,
    3.333_333_117_4E-1,
];
const LOG_Q1: f32 = -2.121_944_40e-4;
const LOG_Q2: f32 = 0.693_359_375;

/// `log256_ps` for one lane.
pub fn log(x: f32) -> f32 {
    if x <= 0.0 {
        return f32::NAN;
    }
    let x = x.max(f32::from_bits(0x0080_0000));
    let bits = x.to_bits();
    let mut e = ((bits >> 23) as i32 - 0x7f) as f32 + 1.0;
    let mut x = f32::from_bits((bits & !0x7f80_0000) | 0.5f32.to_bits());
    let below = x < SQRTHF;
    let tmp = if below { x } else { 0.0 };
    x -= 1.0;
    e -= if below { 1.0 } else { 0.0 };
    x += tmp;
    let z = x * x;
    let mut y = LOG_P[0];
    for p in &LOG_P[1..] {
        y = y.mul_add(x, *p);
    }
    y *= x;
    y = y.mul_add(z, e * LOG_Q1);
    y = (-z).mul_add(0.5, y);
    e.mul_add(LOG_Q2, x + y)
}

const FOPI: f32 = 1.273_239_544_735_16;
const DP: [f32; 3] = [
    -0.785_156_25,
    -2.418_756_484_985_351_562_5e-4,
    -3.774_894_977_445_941_08e-8,
];
const SINCOF: [f32; 3] = [-1.951_529_589_1E-4, 8.332_160_873_6E-3, -1.666_665_461_1E-1];
const COSCOF: [f32; 3] = [
    2.443_315_711_809_948E-005,
    -1.388_731_625_493_765E-003,
    4.166_664_568_298_827E-002,
];

/// `sincos256_ps` for one lane: `(sin x, cos x)`.
pub fn sincos(x: f32) -> (f32, f32) {
    let sign_in = x.to_bits() & 0x8000_0000;
    let mut x = f32::from_bits(x.to_bits() & 0x7fff_ffff);
    let j = ((x * FOPI) as i32).wrapping_add(1) & !1;
    let y = j as f32;
    let swap_sin = ((j & 4) as u32) << 29;
    let poly_mask = (j & 2) == 0;
    let sign_cos = ((!(j.wrapping_sub(2)) & 4) as u32) << 29;
    for d in DP {
        x = y.mul_add(d, x);
    }
    let sign_sin = sign_in ^ swap_sin;
    let z = x * x;
    let mut c = COSCOF[0].mul_add(z, COSCOF[1]);
    c = c.mul_add(z, COSCOF[2]);
    c *= z;
    c = c.mul_add(z, -(z * 0.5));
    c += 1.0;
    let mut s = SINCOF[0].mul_add(z, SINCOF[1]);
    s = s.mul_add(z, SINCOF[2]);
    s *= z;
    s = s.mul_add(x, x);
    // The selection adds and subtracts masked zeros, as the vector code does.
    let (ysin2, ysin1) = if poly_mask { (s, 0.0) } else { (0.0, c) };
    let s2 = s - ysin2;
    let c2 = c - ysin1;
    let sin = ysin1 + ysin2;
    let cos = c2 + s2;
    (
        f32::from_bits(sin.to_bits() ^ sign_sin),
        f32::from_bits(cos.to_bits() ^ sign_cos),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn close_to_libm() {
        for i in 1..2000 {
            let x = i as f32 / 2000.0;
            assert!(
                (super::log(x) - x.ln()).abs() <= 2e-7 * x.ln().abs().max(1.0),
                "log {x}"
            );
            let t = x * 6.3;
            let (s, c) = super::sincos(t);
            assert!((s - t.sin()).abs() < 3e-7 && (c - t.cos()).abs() < 3e-7, "sincos {t}");
        }
    }
}
