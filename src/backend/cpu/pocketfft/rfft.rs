//! Real-valued FFTPACK transforms (pocketfft `rfftp`): the plan (factorisation,
//! twiddles, execution); the forward passes are in `radf`, the backward ones in `radb`.

use super::cfft::FctData;
use super::radb::{radb2, radb3, radb4, radb5, radbg};
use super::radf::{radf2, radf3, radf4, radf5, radfg};
use super::scalar::Real;
use super::twiddle::SinCos2PiByN;

pub(super) struct Rfftp<T> {
    length: usize,
    mem: Vec<T>,
    fact: Vec<FctData>,
}

impl<T: Real> Rfftp<T> {
    pub(super) fn new(length: usize) -> Self {
        assert!(length != 0, "zero-length FFT requested");
        let mut p = Rfftp {
            length,
            mem: Vec::new(),
            fact: Vec::new(),
        };
        if length == 1 {
            return p;
        }
        p.factorize();
        p.comp_twiddle();
        p
    }

    fn add_factor(&mut self, f: usize) {
        self.fact.push(FctData { fct: f, tw: 0, tws: 0 });
    }

    fn factorize(&mut self) {
        let mut len = self.length;
        while len % 4 == 0 {
            self.add_factor(4);
            len >>= 2;
        }
        if len % 2 == 0 {
            len >>= 1;
            // factor 2 should be at the front of the factor list
            self.add_factor(2);
            let last = self.fact.len() - 1;
            let tmp = self.fact[0].fct;
            self.fact[0].fct = self.fact[last].fct;
            self.fact[last].fct = tmp;
        }
        let mut divisor = 3;
        while divisor * divisor <= len {
            while len % divisor == 0 {
                self.add_factor(divisor);
                len /= divisor;
            }
            divisor += 2;
        }
        if len > 1 {
            self.add_factor(len);
        }
    }

    fn comp_twiddle(&mut self) {
        let twid = SinCos2PiByN::new(self.length);
        let length = self.length;
        let mut l1 = 1;
        let mut mem: Vec<T> = Vec::new();
        let nf = self.fact.len();
        for k in 0..nf {
            let ip = self.fact[k].fct;
            let ido = length / (l1 * ip);
            if k < nf - 1 {
                // last factor doesn't need twiddles
                let base = mem.len();
                self.fact[k].tw = base;
                mem.resize(base + (ip - 1) * (ido - 1), T::ZERO);
                for j in 1..ip {
                    for i in 1..=(ido - 1) / 2 {
                        let w = twid.get::<T>(j * l1 * i);
                        mem[base + (j - 1) * (ido - 1) + 2 * i - 2] = w.r;
                        mem[base + (j - 1) * (ido - 1) + 2 * i - 1] = w.i;
                    }
                }
            }
            if ip > 5 {
                // special factors required by *g functions
                let base = mem.len();
                self.fact[k].tws = base;
                mem.resize(base + 2 * ip, T::ZERO);
                mem[base] = T::ONE;
                mem[base + 1] = T::ZERO;
                let mut i = 2;
                let mut ic = 2 * ip - 2;
                while i <= ic {
                    let w = twid.get::<T>(i / 2 * (length / ip));
                    mem[base + i] = w.r;
                    mem[base + i + 1] = w.i;
                    mem[base + ic] = w.r;
                    mem[base + ic + 1] = -w.i;
                    i += 2;
                    ic -= 2;
                }
            }
            l1 *= ip;
        }
        self.mem = mem;
    }

    pub(super) fn exec(&self, c: &mut [T], fct: T, r2hc: bool) {
        let length = self.length;
        assert_eq!(c.len(), length);
        if length == 1 {
            c[0] = c[0] * fct;
            return;
        }
        let nf = self.fact.len();
        // (from the buffer pool: each pass writes its whole output before reading it)
        let mut chv = T::scratch(length);
        let ch = &mut chv[..];
        let mut data_in_c = true;
        if r2hc {
            let mut l1 = length;
            for k1 in 0..nf {
                let k = nf - k1 - 1;
                let f = self.fact[k];
                let ip = f.fct;
                let ido = length / l1;
                l1 /= ip;
                let tw = &self.mem[f.tw..];
                let (src, dst): (&mut [T], &mut [T]) = if data_in_c {
                    (&mut *c, &mut *ch)
                } else {
                    (&mut *ch, &mut *c)
                };
                match ip {
                    4 => radf4(ido, l1, src, dst, tw),
                    2 => radf2(ido, l1, src, dst, tw),
                    3 => radf3(ido, l1, src, dst, tw),
                    5 => radf5(ido, l1, src, dst, tw),
                    _ => {
                        let tws = &self.mem[f.tws..f.tws + 2 * ip];
                        radfg(ido, ip, l1, src, dst, tw, tws);
                        data_in_c = !data_in_c;
                    }
                }
                data_in_c = !data_in_c;
            }
        } else {
            let mut l1 = 1;
            for k in 0..nf {
                let f = self.fact[k];
                let ip = f.fct;
                let ido = length / (ip * l1);
                let tw = &self.mem[f.tw..];
                let (src, dst): (&mut [T], &mut [T]) = if data_in_c {
                    (&mut *c, &mut *ch)
                } else {
                    (&mut *ch, &mut *c)
                };
                match ip {
                    4 => radb4(ido, l1, src, dst, tw),
                    2 => radb2(ido, l1, src, dst, tw),
                    3 => radb3(ido, l1, src, dst, tw),
                    5 => radb5(ido, l1, src, dst, tw),
                    _ => {
                        let tws = &self.mem[f.tws..f.tws + 2 * ip];
                        radbg(ido, ip, l1, src, dst, tw, tws);
                    }
                }
                data_in_c = !data_in_c;
                l1 *= ip;
            }
        }
        // copy_and_norm
        if !data_in_c {
            if fct != T::ONE {
                for i in 0..length {
                    c[i] = fct * ch[i];
                }
            } else {
                c.copy_from_slice(ch);
            }
        } else if fct != T::ONE {
            for v in c.iter_mut() {
                *v = *v * fct;
            }
        }
        T::give(chv);
    }
}
