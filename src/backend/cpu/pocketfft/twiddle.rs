//! Twiddle factors: pocketfft's `sincos_2pibyn<T>` (the two-table scheme computed in
//! `double`), including the x86-64 `long double` angle `0.25L*pi/n` emulated exactly
//! with integer arithmetic.

use super::scalar::{Cx, Real};

/// `double(0.25L*pi/n)` evaluated as on x86-64 Linux: `pi` is the 80-bit
/// `long double` literal (64-bit significand 0xC90FDAA22168C235 * 2^-62), the
/// division is rounded to 64 significant bits, then the result is rounded to
/// `double`.
pub(super) fn quarter_pi_over_n(n: usize) -> f64 {
    const M: u64 = 0xC90F_DAA2_2168_C235;
    assert!(n >= 1 && (n as u128) < (1u128 << 62));
    let num: u128 = (M as u128) << 64; // value = num * 2^-128 = pi/4 (long double)
    let den = n as u128;
    let q = num / den;
    let rem = num % den;
    // q >= 2^127 / 2^62 = 2^65: at least 66 significant bits.
    let bits = 128 - q.leading_zeros() as i32;
    debug_assert!(bits > 64);
    let mut drop = bits - 64;
    let low = q & ((1u128 << drop) - 1);
    let half = 1u128 << (drop - 1);
    let mut q64 = (q >> drop) as u64;
    let sticky = rem != 0;
    if low > half || (low == half && (sticky || (q64 & 1) == 1)) {
        let (v, ovf) = q64.overflowing_add(1);
        if ovf {
            q64 = 1u64 << 63;
            drop += 1;
        } else {
            q64 = v;
        }
    }
    // round the (exact) 64-bit significand to 53 bits, ties to even
    let low11 = q64 & 0x7ff;
    let mut q53 = q64 >> 11;
    if low11 > 0x400 || (low11 == 0x400 && (q53 & 1) == 1) {
        q53 += 1;
    }
    let e = drop + 11 - 128; // value = q53 * 2^e
    let scale = f64::from_bits(((e + 1023) as u64) << 52);
    (q53 as f64) * scale
}

pub(super) struct SinCos2PiByN {
    n: usize,
    mask: usize,
    shift: u32,
    v1: Vec<Cx<f64>>,
    v2: Vec<Cx<f64>>,
}

impl SinCos2PiByN {
    fn calc(x: usize, n: usize, ang: f64) -> Cx<f64> {
        let mut x = x << 3;
        let c = |v: usize| (v as f64 * ang).cos();
        let s = |v: usize| (v as f64 * ang).sin();
        if x < 4 * n {
            // first half
            if x < 2 * n {
                // first quadrant
                if x < n {
                    return Cx::new(c(x), s(x));
                }
                return Cx::new(s(2 * n - x), c(2 * n - x));
            } else {
                // second quadrant
                x -= 2 * n;
                if x < n {
                    return Cx::new(-s(x), c(x));
                }
                return Cx::new(-c(2 * n - x), s(2 * n - x));
            }
        } else {
            x = 8 * n - x;
            if x < 2 * n {
                // third quadrant
                if x < n {
                    return Cx::new(c(x), -s(x));
                }
                return Cx::new(s(2 * n - x), -c(2 * n - x));
            } else {
                // fourth quadrant
                x -= 2 * n;
                if x < n {
                    return Cx::new(-s(x), -c(x));
                }
                return Cx::new(-c(2 * n - x), -s(2 * n - x));
            }
        }
    }

    pub(super) fn new(n: usize) -> Self {
        let ang = quarter_pi_over_n(n);
        let nval = (n + 2) / 2;
        let mut shift: u32 = 1;
        while (1usize << shift) * (1usize << shift) < nval {
            shift += 1;
        }
        let mask = (1usize << shift) - 1;
        let mut v1 = Vec::with_capacity(mask + 1);
        v1.push(Cx::new(1.0, 0.0));
        for i in 1..mask + 1 {
            v1.push(Self::calc(i, n, ang));
        }
        let n2 = (nval + mask) / (mask + 1);
        let mut v2 = Vec::with_capacity(n2);
        v2.push(Cx::new(1.0, 0.0));
        for i in 1..n2 {
            v2.push(Self::calc(i * (mask + 1), n, ang));
        }
        SinCos2PiByN { n, mask, shift, v1, v2 }
    }

    #[inline]
    pub(super) fn get<T: Real>(&self, idx: usize) -> Cx<T> {
        if 2 * idx <= self.n {
            let x1 = self.v1[idx & self.mask];
            let x2 = self.v2[idx >> self.shift];
            return Cx::new(
                T::from_f64(x1.r * x2.r - x1.i * x2.i),
                T::from_f64(x1.r * x2.i + x1.i * x2.r),
            );
        }
        let idx = self.n - idx;
        let x1 = self.v1[idx & self.mask];
        let x2 = self.v2[idx >> self.shift];
        Cx::new(
            T::from_f64(x1.r * x2.r - x1.i * x2.i),
            -T::from_f64(x1.r * x2.i + x1.i * x2.r),
        )
    }
}
