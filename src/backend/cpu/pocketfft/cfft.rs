//! Complex FFTPACK transforms (pocketfft `cfftp`): the radix 2, 4, 8 passes, the shared
//! odd-prime passes (3, 5, 7, 11), the generic odd-prime pass `passg`, and the plan
//! (factorisation, twiddles, execution).

use super::scalar::{Cx, Real, rotx45, rotx90, rotx135, smul};
use super::twiddle::SinCos2PiByN;
use std::ops::Range;

/// A pass's output written by index from several threads at once: each writes its own
/// elements (its share of `k`, or of `i` when there is one `k`), never another's.
#[derive(Clone, Copy)]
struct Dst<T> {
    ptr: *mut Cx<T>,
    len: usize,
}

// SAFETY: the threads given one `Dst` write disjoint elements (see `split`) while the
// slice it points into is exclusively borrowed by the pass.
unsafe impl<T: Send> Send for Dst<T> {}
unsafe impl<T: Send> Sync for Dst<T> {}

impl<T> Dst<T> {
    fn of(s: &mut [Cx<T>]) -> Self {
        Dst {
            ptr: s.as_mut_ptr(),
            len: s.len(),
        }
    }
    #[inline(always)]
    fn put(&self, i: usize, v: Cx<T>) {
        assert!(i < self.len);
        // SAFETY: in bounds (checked); no other thread writes element i.
        unsafe { *self.ptr.add(i) = v }
    }
}

/// Transforms from which the radix-4 and radix-8 passes run on two threads.
const PARALLEL: usize = 1 << 15;

/// Runs `pass(ks, is)` over all `k < l1`, `i < ido`: in two halves on two threads for
/// long transforms (halves of `k`, or of `i` when `l1` is 1). Each (k, i) computes the
/// same values either way.
fn split<F: Fn(Range<usize>, Range<usize>) + Sync>(length: usize, l1: usize, ido: usize, pass: F) {
    if length < PARALLEL || rayon::current_num_threads() < 2 {
        return pass(0..l1, 0..ido);
    }
    if l1 >= 2 {
        let h = l1 / 2;
        rayon::join(|| pass(0..h, 0..ido), || pass(h..l1, 0..ido));
    } else {
        let h = ido / 2;
        rayon::join(|| pass(0..l1, 0..h), || pass(0..l1, h..ido));
    }
}

#[derive(Clone, Copy)]
pub(super) struct FctData {
    pub(super) fct: usize,
    pub(super) tw: usize,  // offset into mem
    pub(super) tws: usize, // offset into mem (only for fct > 11)
}

pub(super) struct Cfftp<T> {
    length: usize,
    mem: Vec<Cx<T>>,
    fact: Vec<FctData>,
}

fn pass2<T: Real, const FWD: bool>(ido: usize, l1: usize, cc: &[Cx<T>], ch: &mut [Cx<T>], wa: &[Cx<T>]) {
    const CDIM: usize = 2;
    macro_rules! cc {
        ($a:expr,$b:expr,$c:expr) => {
            rd!(cc, ($a) + ido * (($b) + CDIM * ($c)))
        };
    }
    macro_rules! ch {
        ($a:expr,$b:expr,$c:expr,$v:expr) => {
            wr!(ch, ($a) + ido * (($b) + l1 * ($c)), $v)
        };
    }
    if ido == 1 {
        for k in 0..l1 {
            let a = cc!(0, 0, k);
            let b = cc!(0, 1, k);
            ch!(0, k, 0, a + b);
            ch!(0, k, 1, a - b);
        }
    } else {
        for k in 0..l1 {
            let a = cc!(0, 0, k);
            let b = cc!(0, 1, k);
            ch!(0, k, 0, a + b);
            ch!(0, k, 1, a - b);
            for i in 1..ido {
                let a = cc!(i, 0, k);
                let b = cc!(i, 1, k);
                ch!(i, k, 0, a + b);
                ch!(i, k, 1, smul::<T, FWD>(a - b, rd!(wa, i - 1)));
            }
        }
    }
}

fn pass4<T: Real, const FWD: bool>(
    ido: usize,
    l1: usize,
    cc: &[Cx<T>],
    ch: Dst<T>,
    wa: &[Cx<T>],
    ks: Range<usize>,
    is: Range<usize>,
) {
    const CDIM: usize = 4;
    macro_rules! cc {
        ($a:expr,$b:expr,$c:expr) => {
            rd!(cc, ($a) + ido * (($b) + CDIM * ($c)))
        };
    }
    macro_rules! ch {
        ($a:expr,$b:expr,$c:expr,$v:expr) => {
            ch.put(($a) + ido * (($b) + l1 * ($c)), $v)
        };
    }
    macro_rules! wa {
        ($x:expr,$i:expr) => {
            rd!(wa, ($i) - 1 + ($x) * (ido - 1))
        };
    }
    for k in ks {
        if is.start == 0 {
            let (c0, c1, c2, c3) = (cc!(0, 0, k), cc!(0, 1, k), cc!(0, 2, k), cc!(0, 3, k));
            let t2 = c0 + c2;
            let t1 = c0 - c2;
            let t3 = c1 + c3;
            let t4 = rotx90::<T, FWD>(c1 - c3);
            ch!(0, k, 0, t2 + t3);
            ch!(0, k, 2, t2 - t3);
            ch!(0, k, 1, t1 + t4);
            ch!(0, k, 3, t1 - t4);
        }
        for i in is.start.max(1)..is.end {
            let (c0, c1, c2, c3) = (cc!(i, 0, k), cc!(i, 1, k), cc!(i, 2, k), cc!(i, 3, k));
            let t2 = c0 + c2;
            let t1 = c0 - c2;
            let t3 = c1 + c3;
            let t4 = rotx90::<T, FWD>(c1 - c3);
            ch!(i, k, 0, t2 + t3);
            ch!(i, k, 1, smul::<T, FWD>(t1 + t4, wa!(0, i)));
            ch!(i, k, 2, smul::<T, FWD>(t2 - t3, wa!(1, i)));
            ch!(i, k, 3, smul::<T, FWD>(t1 - t4, wa!(2, i)));
        }
    }
}

fn pass8<T: Real, const FWD: bool>(
    ido: usize,
    l1: usize,
    cc: &[Cx<T>],
    ch: Dst<T>,
    wa: &[Cx<T>],
    ks: Range<usize>,
    is: Range<usize>,
) {
    const CDIM: usize = 8;
    macro_rules! cc {
        ($a:expr,$b:expr,$c:expr) => {
            rd!(cc, ($a) + ido * (($b) + CDIM * ($c)))
        };
    }
    macro_rules! ch {
        ($a:expr,$b:expr,$c:expr,$v:expr) => {
            ch.put(($a) + ido * (($b) + l1 * ($c)), $v)
        };
    }
    macro_rules! wa {
        ($x:expr,$i:expr) => {
            rd!(wa, ($i) - 1 + ($x) * (ido - 1))
        };
    }
    for k in ks {
        if is.start == 0 {
            let a1 = cc!(0, 1, k) + cc!(0, 5, k);
            let a5 = cc!(0, 1, k) - cc!(0, 5, k);
            let a3 = cc!(0, 3, k) + cc!(0, 7, k);
            let a7 = cc!(0, 3, k) - cc!(0, 7, k);
            // PMINPLACE(a1,a3)
            let (a1, a3) = (a1 + a3, a1 - a3);
            let a3 = rotx90::<T, FWD>(a3);
            let a7 = rotx90::<T, FWD>(a7);
            let (a5, a7) = (a5 + a7, a5 - a7);
            let a5 = rotx45::<T, FWD>(a5);
            let a7 = rotx135::<T, FWD>(a7);
            let a0 = cc!(0, 0, k) + cc!(0, 4, k);
            let a4 = cc!(0, 0, k) - cc!(0, 4, k);
            let a2 = cc!(0, 2, k) + cc!(0, 6, k);
            let a6 = cc!(0, 2, k) - cc!(0, 6, k);
            let s = a0 + a2;
            ch!(0, k, 0, s + a1);
            ch!(0, k, 4, s - a1);
            let d = a0 - a2;
            ch!(0, k, 2, d + a3);
            ch!(0, k, 6, d - a3);
            let a6 = rotx90::<T, FWD>(a6);
            let s = a4 + a6;
            ch!(0, k, 1, s + a5);
            ch!(0, k, 5, s - a5);
            let d = a4 - a6;
            ch!(0, k, 3, d + a7);
            ch!(0, k, 7, d - a7);
        }
        for i in is.start.max(1)..is.end {
            let a1 = cc!(i, 1, k) + cc!(i, 5, k);
            let a5 = cc!(i, 1, k) - cc!(i, 5, k);
            let a3 = cc!(i, 3, k) + cc!(i, 7, k);
            let a7 = cc!(i, 3, k) - cc!(i, 7, k);
            let a7 = rotx90::<T, FWD>(a7);
            let (a1, a3) = (a1 + a3, a1 - a3);
            let a3 = rotx90::<T, FWD>(a3);
            let (a5, a7) = (a5 + a7, a5 - a7);
            let a5 = rotx45::<T, FWD>(a5);
            let a7 = rotx135::<T, FWD>(a7);
            let a0 = cc!(i, 0, k) + cc!(i, 4, k);
            let a4 = cc!(i, 0, k) - cc!(i, 4, k);
            let a2 = cc!(i, 2, k) + cc!(i, 6, k);
            let a6 = cc!(i, 2, k) - cc!(i, 6, k);
            let (a0, a2) = (a0 + a2, a0 - a2);
            ch!(i, k, 0, a0 + a1);
            ch!(i, k, 4, smul::<T, FWD>(a0 - a1, wa!(3, i)));
            ch!(i, k, 2, smul::<T, FWD>(a2 + a3, wa!(1, i)));
            ch!(i, k, 6, smul::<T, FWD>(a2 - a3, wa!(5, i)));
            let a6 = rotx90::<T, FWD>(a6);
            let (a4, a6) = (a4 + a6, a4 - a6);
            ch!(i, k, 1, smul::<T, FWD>(a4 + a5, wa!(0, i)));
            ch!(i, k, 5, smul::<T, FWD>(a4 - a5, wa!(4, i)));
            ch!(i, k, 3, smul::<T, FWD>(a6 + a7, wa!(2, i)));
            ch!(i, k, 7, smul::<T, FWD>(a6 - a7, wa!(6, i)));
        }
    }
}

/// pass3, pass5, pass7 and pass11 of pocketfft share one structure
/// (PREPp / PARTSTEPp macros); `x[u][k]`, `y[u][k]` reproduce the constant
/// arguments of the PARTSTEP invocations (y carries the direction sign).
fn pass_odd<T: Real, const FWD: bool, const P: usize, const H: usize>(
    ido: usize,
    l1: usize,
    cc: &[Cx<T>],
    ch: &mut [Cx<T>],
    wa: &[Cx<T>],
    cosv: &[T],
    sinv: &[T],
) {
    let cdim = P;
    let mut x = [[T::ZERO; H]; H];
    let mut y = [[T::ZERO; H]; H];
    for u in 1..=H {
        for k in 1..=H {
            let m = (u * k) % P;
            let (mm, neg) = if m > H { (P - m, true) } else { (m, false) };
            x[u - 1][k - 1] = cosv[mm - 1];
            let s = if FWD { -sinv[mm - 1] } else { sinv[mm - 1] };
            y[u - 1][k - 1] = if neg { -s } else { s };
        }
    }
    macro_rules! cc {
        ($a:expr,$b:expr,$c:expr) => {
            rd!(cc, ($a) + ido * (($b) + cdim * ($c)))
        };
    }
    macro_rules! ch {
        ($a:expr,$b:expr,$c:expr,$v:expr) => {
            wr!(ch, ($a) + ido * (($b) + l1 * ($c)), $v)
        };
    }
    macro_rules! wa {
        ($x:expr,$i:expr) => {
            rd!(wa, ($i) - 1 + ($x) * (ido - 1))
        };
    }
    for k in 0..l1 {
        for i in 0..ido {
            let t0 = cc!(i, 0, k);
            let mut s = [t0; H];
            let mut d = [t0; H];
            for j in 0..H {
                let a = cc!(i, j + 1, k);
                let b = cc!(i, P - 1 - j, k);
                s[j] = a + b;
                d[j] = a - b;
            }
            let mut c0 = t0;
            for j in 0..H {
                c0 = Cx::new(c0.r + s[j].r, c0.i + s[j].i);
            }
            ch!(i, k, 0, c0);
            for u in 1..=H {
                let xu = &x[u - 1];
                let yu = &y[u - 1];
                let mut car = t0.r;
                let mut cai = t0.i;
                for j in 0..H {
                    car = car + xu[j] * s[j].r;
                    cai = cai + xu[j] * s[j].i;
                }
                let mut cbi = yu[0] * d[0].r;
                let mut cbr = yu[0] * d[0].i;
                for j in 1..H {
                    cbi = cbi + yu[j] * d[j].r;
                    cbr = cbr + yu[j] * d[j].i;
                }
                let ca = Cx::new(car, cai);
                let cb = Cx::new(-cbr, cbi);
                if i == 0 {
                    ch!(0, k, u, ca + cb);
                    ch!(0, k, P - u, ca - cb);
                } else {
                    ch!(i, k, u, smul::<T, FWD>(ca + cb, wa!(u - 1, i)));
                    ch!(i, k, P - u, smul::<T, FWD>(ca - cb, wa!(P - u - 1, i)));
                }
            }
        }
    }
}

/// Generic odd-prime pass (pocketfft `passg`); result ends up in `cc`.
fn passg<T: Real, const FWD: bool>(
    ido: usize,
    ip: usize,
    l1: usize,
    cc: &mut [Cx<T>],
    ch: &mut [Cx<T>],
    wa: &[Cx<T>],
    csarr: &[Cx<T>],
) {
    let cdim = ip;
    let ipph = (ip + 1) / 2;
    let idl1 = ido * l1;

    let mut wal = Vec::with_capacity(ip);
    wal.push(Cx::new(T::ONE, T::ZERO));
    for i in 1..ip {
        wal.push(Cx::new(csarr[i].r, if FWD { -csarr[i].i } else { csarr[i].i }));
    }

    for k in 0..l1 {
        for i in 0..ido {
            ch[i + ido * k] = cc[i + ido * (cdim * k)];
        }
    }
    for j in 1..ipph {
        let jc = ip - j;
        for k in 0..l1 {
            for i in 0..ido {
                let a = cc[i + ido * (j + cdim * k)];
                let b = cc[i + ido * (jc + cdim * k)];
                ch[i + ido * (k + l1 * j)] = a + b;
                ch[i + ido * (k + l1 * jc)] = a - b;
            }
        }
    }
    for k in 0..l1 {
        for i in 0..ido {
            let mut tmp = ch[i + ido * k];
            for j in 1..ipph {
                tmp = tmp + ch[i + ido * (k + l1 * j)];
            }
            cc[i + ido * k] = tmp;
        }
    }
    for l in 1..ipph {
        let lc = ip - l;
        let (w1, w2) = (wal[l], wal[2 * l]);
        for ik in 0..idl1 {
            let h0 = ch[ik];
            let h1 = ch[ik + idl1];
            let h2 = ch[ik + idl1 * 2];
            let hm1 = ch[ik + idl1 * (ip - 1)];
            let hm2 = ch[ik + idl1 * (ip - 2)];
            cc[ik + idl1 * l] = Cx::new(h0.r + w1.r * h1.r + w2.r * h2.r, h0.i + w1.r * h1.i + w2.r * h2.i);
            cc[ik + idl1 * lc] = Cx::new(-w1.i * hm1.i - w2.i * hm2.i, w1.i * hm1.r + w2.i * hm2.r);
        }
        let mut iwal = 2 * l;
        let mut j = 3;
        while j + 1 < ipph {
            let jc = ip - j;
            iwal += l;
            if iwal > ip {
                iwal -= ip;
            }
            let xwal = wal[iwal];
            iwal += l;
            if iwal > ip {
                iwal -= ip;
            }
            let xwal2 = wal[iwal];
            for ik in 0..idl1 {
                let hj = ch[ik + idl1 * j];
                let hj1 = ch[ik + idl1 * (j + 1)];
                let hjc = ch[ik + idl1 * jc];
                let hjc1 = ch[ik + idl1 * (jc - 1)];
                let a = cc[ik + idl1 * l];
                cc[ik + idl1 * l] = Cx::new(
                    a.r + (hj.r * xwal.r + hj1.r * xwal2.r),
                    a.i + (hj.i * xwal.r + hj1.i * xwal2.r),
                );
                let b = cc[ik + idl1 * lc];
                cc[ik + idl1 * lc] = Cx::new(
                    b.r - (hjc.i * xwal.i + hjc1.i * xwal2.i),
                    b.i + (hjc.r * xwal.i + hjc1.r * xwal2.i),
                );
            }
            j += 2;
        }
        while j < ipph {
            let jc = ip - j;
            iwal += l;
            if iwal > ip {
                iwal -= ip;
            }
            let xwal = wal[iwal];
            for ik in 0..idl1 {
                let hj = ch[ik + idl1 * j];
                let hjc = ch[ik + idl1 * jc];
                let a = cc[ik + idl1 * l];
                cc[ik + idl1 * l] = Cx::new(a.r + hj.r * xwal.r, a.i + hj.i * xwal.r);
                let b = cc[ik + idl1 * lc];
                cc[ik + idl1 * lc] = Cx::new(b.r - hjc.i * xwal.i, b.i + hjc.r * xwal.i);
            }
            j += 1;
        }
    }

    // shuffling and twiddling
    if ido == 1 {
        for j in 1..ipph {
            let jc = ip - j;
            for ik in 0..idl1 {
                let t1 = cc[ik + idl1 * j];
                let t2 = cc[ik + idl1 * jc];
                cc[ik + idl1 * j] = t1 + t2;
                cc[ik + idl1 * jc] = t1 - t2;
            }
        }
    } else {
        for j in 1..ipph {
            let jc = ip - j;
            for k in 0..l1 {
                let pj = ido * (k + l1 * j);
                let pjc = ido * (k + l1 * jc);
                let t1 = cc[pj];
                let t2 = cc[pjc];
                cc[pj] = t1 + t2;
                cc[pjc] = t1 - t2;
                for i in 1..ido {
                    let a = cc[pj + i];
                    let b = cc[pjc + i];
                    let x1 = a + b;
                    let x2 = a - b;
                    cc[pj + i] = smul::<T, FWD>(x1, wa[(j - 1) * (ido - 1) + i - 1]);
                    cc[pjc + i] = smul::<T, FWD>(x2, wa[(jc - 1) * (ido - 1) + i - 1]);
                }
            }
        }
    }
}

impl<T: Real> Cfftp<T> {
    pub(super) fn new(length: usize) -> Self {
        assert!(length != 0, "zero-length FFT requested");
        let mut p = Cfftp {
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
        while (len & 7) == 0 {
            self.add_factor(8);
            len >>= 3;
        }
        while (len & 3) == 0 {
            self.add_factor(4);
            len >>= 2;
        }
        if (len & 1) == 0 {
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
        let twiddle = SinCos2PiByN::new(self.length);
        let mut l1 = 1;
        let mut mem: Vec<Cx<T>> = Vec::new();
        for k in 0..self.fact.len() {
            let ip = self.fact[k].fct;
            let ido = self.length / (l1 * ip);
            self.fact[k].tw = mem.len();
            for j in 1..ip {
                for i in 1..ido {
                    mem.push(twiddle.get::<T>(j * l1 * i));
                }
            }
            if ip > 11 {
                self.fact[k].tws = mem.len();
                for j in 0..ip {
                    mem.push(twiddle.get::<T>(j * l1 * ido));
                }
            }
            l1 *= ip;
        }
        self.mem = mem;
    }

    pub(super) fn exec(&self, c: &mut [Cx<T>], fct: T, fwd: bool) {
        if fwd {
            self.pass_all::<true>(c, fct)
        } else {
            self.pass_all::<false>(c, fct)
        }
    }

    fn pass_all<const FWD: bool>(&self, c: &mut [Cx<T>], fct: T) {
        let length = self.length;
        assert_eq!(c.len(), length);
        if length == 1 {
            c[0] = c[0].scale(fct);
            return;
        }
        let mut l1 = 1;
        let mut chv = T::scratch(2 * length);
        let ch = super::scalar::cx_of(&mut chv);
        // data_in_c: whether p1 == c
        let mut data_in_c = true;
        for f in &self.fact {
            let ip = f.fct;
            let l2 = ip * l1;
            let ido = length / l2;
            let tw = &self.mem[f.tw..];
            let (src, dst): (&mut [Cx<T>], &mut [Cx<T>]) = if data_in_c {
                (&mut *c, &mut *ch)
            } else {
                (&mut *ch, &mut *c)
            };
            match ip {
                4 => {
                    let (src, out) = (&*src, Dst::of(dst));
                    split(length, l1, ido, |ks, is| pass4::<T, FWD>(ido, l1, src, out, tw, ks, is))
                }
                8 => {
                    let (src, out) = (&*src, Dst::of(dst));
                    split(length, l1, ido, |ks, is| pass8::<T, FWD>(ido, l1, src, out, tw, ks, is))
                }
                2 => pass2::<T, FWD>(ido, l1, src, dst, tw),
                3 => pass_odd::<T, FWD, 3, 1>(ido, l1, src, dst, tw, &[-T::HALF], &[T::S3]),
                5 => pass_odd::<T, FWD, 5, 2>(ido, l1, src, dst, tw, &T::C5, &T::S5),
                7 => pass_odd::<T, FWD, 7, 3>(ido, l1, src, dst, tw, &T::C7, &T::S7),
                11 => pass_odd::<T, FWD, 11, 5>(ido, l1, src, dst, tw, &T::C11, &T::S11),
                _ => {
                    let tws = &self.mem[f.tws..f.tws + ip];
                    passg::<T, FWD>(ido, ip, l1, src, dst, tw, tws);
                    // result stays in src: no swap
                    data_in_c = !data_in_c;
                }
            }
            data_in_c = !data_in_c;
            l1 = l2;
        }
        if !data_in_c {
            if fct != T::ONE {
                for i in 0..length {
                    c[i] = ch[i].scale(fct);
                }
            } else {
                c.copy_from_slice(ch);
            }
        } else if fct != T::ONE {
            for v in c.iter_mut() {
                *v = v.scale(fct);
            }
        }
        T::give(chv);
    }
}
