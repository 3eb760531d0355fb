//! Bluestein's algorithm (pocketfft `fftblue`) for lengths whose FFTPACK factorisation
//! would be costly: a chirp convolution through a complex FFT of a good composite length.

use super::cfft::Cfftp;
use super::plan::good_size_cmplx;
use super::scalar::{Cx, Real, smul};
use super::twiddle::SinCos2PiByN;

pub(super) struct FftBlue<T> {
    n: usize,
    n2: usize,
    plan: Cfftp<T>,
    bk: Vec<Cx<T>>,
    bkf: Vec<Cx<T>>,
}

impl<T: Real> FftBlue<T> {
    pub(super) fn new(n: usize) -> Self {
        let n2 = good_size_cmplx(n * 2 - 1);
        let plan = Cfftp::<T>::new(n2);
        // initialize b_k
        let tmp = SinCos2PiByN::new(2 * n);
        let mut bk = vec![Cx::new(T::ZERO, T::ZERO); n];
        bk[0] = Cx::new(T::ONE, T::ZERO);
        let mut coeff = 0usize;
        for m in 1..n {
            coeff += 2 * m - 1;
            if coeff >= 2 * n {
                coeff -= 2 * n;
            }
            bk[m] = tmp.get::<T>(coeff);
        }
        // initialize the zero-padded, Fourier transformed b_k. Add normalisation.
        let mut tbkf = vec![Cx::new(T::ZERO, T::ZERO); n2];
        let xn2 = T::ONE / T::from_usize(n2);
        tbkf[0] = bk[0].scale(xn2);
        for m in 1..n {
            let v = bk[m].scale(xn2);
            tbkf[m] = v;
            tbkf[n2 - m] = v;
        }
        // entries n..=n2-n are already zero
        plan.exec(&mut tbkf, T::ONE, true);
        let bkf = tbkf[..n2 / 2 + 1].to_vec();
        FftBlue { n, n2, plan, bk, bkf }
    }

    fn fft<const FWD: bool>(&self, c: &mut [Cx<T>], fct: T) {
        let (n, n2) = (self.n, self.n2);
        let bk = &self.bk;
        let bkf = &self.bkf;
        let mut akf = vec![Cx::new(T::ZERO, T::ZERO); n2];
        // initialize a_k and FFT it
        for m in 0..n {
            akf[m] = smul::<T, FWD>(c[m], bk[m]);
        }
        let zero = akf[0].scale(T::ZERO);
        for m in n..n2 {
            akf[m] = zero;
        }
        self.plan.exec(&mut akf, T::ONE, true);
        // do the convolution
        if FWD {
            akf[0] = smul::<T, false>(akf[0], bkf[0]);
            for m in 1..(n2 + 1) / 2 {
                akf[m] = smul::<T, false>(akf[m], bkf[m]);
                akf[n2 - m] = smul::<T, false>(akf[n2 - m], bkf[m]);
            }
            if (n2 & 1) == 0 {
                akf[n2 / 2] = smul::<T, false>(akf[n2 / 2], bkf[n2 / 2]);
            }
        } else {
            akf[0] = smul::<T, true>(akf[0], bkf[0]);
            for m in 1..(n2 + 1) / 2 {
                akf[m] = smul::<T, true>(akf[m], bkf[m]);
                akf[n2 - m] = smul::<T, true>(akf[n2 - m], bkf[m]);
            }
            if (n2 & 1) == 0 {
                akf[n2 / 2] = smul::<T, true>(akf[n2 / 2], bkf[n2 / 2]);
            }
        }
        // inverse FFT
        self.plan.exec(&mut akf, T::ONE, false);
        // multiply by b_k
        for m in 0..n {
            c[m] = smul::<T, FWD>(akf[m], bk[m]).scale(fct);
        }
    }

    pub(super) fn exec(&self, c: &mut [Cx<T>], fct: T, fwd: bool) {
        if fwd {
            self.fft::<true>(c, fct)
        } else {
            self.fft::<false>(c, fct)
        }
    }

    pub(super) fn exec_r(&self, c: &mut [T], fct: T, fwd: bool) {
        let n = self.n;
        let mut tmp = vec![Cx::new(T::ZERO, T::ZERO); n];
        if fwd {
            let zero = T::ZERO * c[0];
            for m in 0..n {
                tmp[m] = Cx::new(c[m], zero);
            }
            self.fft::<true>(&mut tmp, fct);
            c[0] = tmp[0].r;
            // copy_n(&tmp[1].r, n-1, &c[1])
            for j in 0..n - 1 {
                let e = tmp[1 + j / 2];
                c[1 + j] = if j % 2 == 0 { e.r } else { e.i };
            }
        } else {
            tmp[0] = Cx::new(c[0], c[0] * T::ZERO);
            // copy_n(c+1, n-1, &tmp[1].r)
            for j in 0..n - 1 {
                let e = &mut tmp[1 + j / 2];
                if j % 2 == 0 {
                    e.r = c[1 + j];
                } else {
                    e.i = c[1 + j];
                }
            }
            if (n & 1) == 0 {
                tmp[n / 2].i = T::ZERO * c[0];
            }
            let mut m = 1;
            while 2 * m < n {
                tmp[n - m] = Cx::new(tmp[m].r, -tmp[m].i);
                m += 1;
            }
            self.fft::<false>(&mut tmp, fct);
            for m in 0..n {
                c[m] = tmp[m].r;
            }
        }
    }
}
