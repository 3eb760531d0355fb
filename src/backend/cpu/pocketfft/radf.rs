//! Forward real FFTPACK passes (pocketfft `radf2`, `radf3`, `radf4`, `radf5` and the
//! generic odd-factor `radfg`), and `mulpm`, shared with the backward passes.

use super::scalar::Real;

/// (a+ib) = conj(c+id) * (e+if)
#[inline(always)]
pub(super) fn mulpm<T: Real>(c: T, d: T, e: T, f: T) -> (T, T) {
    (c * e + d * f, c * f - d * e)
}

pub(super) fn radf2<T: Real>(ido: usize, l1: usize, cc: &[T], ch: &mut [T], wa: &[T]) {
    macro_rules! cc {
        ($a:expr,$b:expr,$c:expr) => {
            rd!(cc, ($a) + ido * (($b) + l1 * ($c)))
        };
    }
    macro_rules! ch {
        ($a:expr,$b:expr,$c:expr,$v:expr) => {
            wr!(ch, ($a) + ido * (($b) + 2 * ($c)), $v)
        };
    }
    macro_rules! wa {
        ($x:expr,$i:expr) => {
            rd!(wa, ($i) + ($x) * (ido - 1))
        };
    }
    for k in 0..l1 {
        let (a, b) = (cc!(0, k, 0), cc!(0, k, 1));
        ch!(0, 0, k, a + b);
        ch!(ido - 1, 1, k, a - b);
    }
    if (ido & 1) == 0 {
        for k in 0..l1 {
            ch!(0, 1, k, -cc!(ido - 1, k, 1));
            ch!(ido - 1, 0, k, cc!(ido - 1, k, 0));
        }
    }
    if ido <= 2 {
        return;
    }
    for k in 0..l1 {
        let mut i = 2;
        while i < ido {
            let ic = ido - i;
            let (tr2, ti2) = mulpm(wa!(0, i - 2), wa!(0, i - 1), cc!(i - 1, k, 1), cc!(i, k, 1));
            let a = cc!(i - 1, k, 0);
            ch!(i - 1, 0, k, a + tr2);
            ch!(ic - 1, 1, k, a - tr2);
            let b = cc!(i, k, 0);
            ch!(i, 0, k, ti2 + b);
            ch!(ic, 1, k, ti2 - b);
            i += 2;
        }
    }
}

pub(super) fn radf3<T: Real>(ido: usize, l1: usize, cc: &[T], ch: &mut [T], wa: &[T]) {
    let taur = -T::HALF;
    let taui = T::S3;
    macro_rules! cc {
        ($a:expr,$b:expr,$c:expr) => {
            rd!(cc, ($a) + ido * (($b) + l1 * ($c)))
        };
    }
    macro_rules! ch {
        ($a:expr,$b:expr,$c:expr,$v:expr) => {
            wr!(ch, ($a) + ido * (($b) + 3 * ($c)), $v)
        };
    }
    macro_rules! wa {
        ($x:expr,$i:expr) => {
            rd!(wa, ($i) + ($x) * (ido - 1))
        };
    }
    for k in 0..l1 {
        let cr2 = cc!(0, k, 1) + cc!(0, k, 2);
        ch!(0, 0, k, cc!(0, k, 0) + cr2);
        ch!(0, 2, k, taui * (cc!(0, k, 2) - cc!(0, k, 1)));
        ch!(ido - 1, 1, k, cc!(0, k, 0) + taur * cr2);
    }
    if ido == 1 {
        return;
    }
    for k in 0..l1 {
        let mut i = 2;
        while i < ido {
            let ic = ido - i;
            let (dr2, di2) = mulpm(wa!(0, i - 2), wa!(0, i - 1), cc!(i - 1, k, 1), cc!(i, k, 1));
            let (dr3, di3) = mulpm(wa!(1, i - 2), wa!(1, i - 1), cc!(i - 1, k, 2), cc!(i, k, 2));
            // REARRANGE(dr2, di2, dr3, di3)
            let (t1, t2, t3, t4) = (dr2 + dr3, dr3 - dr2, di2 + di3, di2 - di3);
            let (dr2, di2, dr3, di3) = (t1, t3, t4, t2);
            ch!(i - 1, 0, k, cc!(i - 1, k, 0) + dr2);
            ch!(i, 0, k, cc!(i, k, 0) + di2);
            let tr2 = cc!(i - 1, k, 0) + taur * dr2;
            let ti2 = cc!(i, k, 0) + taur * di2;
            let tr3 = taui * dr3;
            let ti3 = taui * di3;
            ch!(i - 1, 2, k, tr2 + tr3);
            ch!(ic - 1, 1, k, tr2 - tr3);
            ch!(i, 2, k, ti3 + ti2);
            ch!(ic, 1, k, ti3 - ti2);
            i += 2;
        }
    }
}

pub(super) fn radf4<T: Real>(ido: usize, l1: usize, cc: &[T], ch: &mut [T], wa: &[T]) {
    let hsqt2 = T::HSQT2;
    macro_rules! cc {
        ($a:expr,$b:expr,$c:expr) => {
            rd!(cc, ($a) + ido * (($b) + l1 * ($c)))
        };
    }
    macro_rules! ch {
        ($a:expr,$b:expr,$c:expr,$v:expr) => {
            wr!(ch, ($a) + ido * (($b) + 4 * ($c)), $v)
        };
    }
    macro_rules! wa {
        ($x:expr,$i:expr) => {
            rd!(wa, ($i) + ($x) * (ido - 1))
        };
    }
    for k in 0..l1 {
        let tr1 = cc!(0, k, 3) + cc!(0, k, 1);
        ch!(0, 2, k, cc!(0, k, 3) - cc!(0, k, 1));
        let tr2 = cc!(0, k, 0) + cc!(0, k, 2);
        ch!(ido - 1, 1, k, cc!(0, k, 0) - cc!(0, k, 2));
        ch!(0, 0, k, tr2 + tr1);
        ch!(ido - 1, 3, k, tr2 - tr1);
    }
    if (ido & 1) == 0 {
        for k in 0..l1 {
            let ti1 = -hsqt2 * (cc!(ido - 1, k, 1) + cc!(ido - 1, k, 3));
            let tr1 = hsqt2 * (cc!(ido - 1, k, 1) - cc!(ido - 1, k, 3));
            let a = cc!(ido - 1, k, 0);
            ch!(ido - 1, 0, k, a + tr1);
            ch!(ido - 1, 2, k, a - tr1);
            let b = cc!(ido - 1, k, 2);
            ch!(0, 3, k, ti1 + b);
            ch!(0, 1, k, ti1 - b);
        }
    }
    if ido <= 2 {
        return;
    }
    for k in 0..l1 {
        let mut i = 2;
        while i < ido {
            let ic = ido - i;
            let (cr2, ci2) = mulpm(wa!(0, i - 2), wa!(0, i - 1), cc!(i - 1, k, 1), cc!(i, k, 1));
            let (cr3, ci3) = mulpm(wa!(1, i - 2), wa!(1, i - 1), cc!(i - 1, k, 2), cc!(i, k, 2));
            let (cr4, ci4) = mulpm(wa!(2, i - 2), wa!(2, i - 1), cc!(i - 1, k, 3), cc!(i, k, 3));
            let (tr1, tr4) = (cr4 + cr2, cr4 - cr2);
            let (ti1, ti4) = (ci2 + ci4, ci2 - ci4);
            let (tr2, tr3) = (cc!(i - 1, k, 0) + cr3, cc!(i - 1, k, 0) - cr3);
            let (ti2, ti3) = (cc!(i, k, 0) + ci3, cc!(i, k, 0) - ci3);
            ch!(i - 1, 0, k, tr2 + tr1);
            ch!(ic - 1, 3, k, tr2 - tr1);
            ch!(i, 0, k, ti1 + ti2);
            ch!(ic, 3, k, ti1 - ti2);
            ch!(i - 1, 2, k, tr3 + ti4);
            ch!(ic - 1, 1, k, tr3 - ti4);
            ch!(i, 2, k, tr4 + ti3);
            ch!(ic, 1, k, tr4 - ti3);
            i += 2;
        }
    }
}

pub(super) fn radf5<T: Real>(ido: usize, l1: usize, cc: &[T], ch: &mut [T], wa: &[T]) {
    let (tr11, ti11, tr12, ti12) = (T::C5[0], T::S5[0], T::C5[1], T::S5[1]);
    macro_rules! cc {
        ($a:expr,$b:expr,$c:expr) => {
            rd!(cc, ($a) + ido * (($b) + l1 * ($c)))
        };
    }
    macro_rules! ch {
        ($a:expr,$b:expr,$c:expr,$v:expr) => {
            wr!(ch, ($a) + ido * (($b) + 5 * ($c)), $v)
        };
    }
    macro_rules! wa {
        ($x:expr,$i:expr) => {
            rd!(wa, ($i) + ($x) * (ido - 1))
        };
    }
    for k in 0..l1 {
        let (cr2, ci5) = (cc!(0, k, 4) + cc!(0, k, 1), cc!(0, k, 4) - cc!(0, k, 1));
        let (cr3, ci4) = (cc!(0, k, 3) + cc!(0, k, 2), cc!(0, k, 3) - cc!(0, k, 2));
        let c0 = cc!(0, k, 0);
        ch!(0, 0, k, c0 + cr2 + cr3);
        ch!(ido - 1, 1, k, c0 + tr11 * cr2 + tr12 * cr3);
        ch!(0, 2, k, ti11 * ci5 + ti12 * ci4);
        ch!(ido - 1, 3, k, c0 + tr12 * cr2 + tr11 * cr3);
        ch!(0, 4, k, ti12 * ci5 - ti11 * ci4);
    }
    if ido == 1 {
        return;
    }
    for k in 0..l1 {
        let mut i = 2;
        while i < ido {
            let ic = ido - i;
            let (dr2, di2) = mulpm(wa!(0, i - 2), wa!(0, i - 1), cc!(i - 1, k, 1), cc!(i, k, 1));
            let (dr3, di3) = mulpm(wa!(1, i - 2), wa!(1, i - 1), cc!(i - 1, k, 2), cc!(i, k, 2));
            let (dr4, di4) = mulpm(wa!(2, i - 2), wa!(2, i - 1), cc!(i - 1, k, 3), cc!(i, k, 3));
            let (dr5, di5) = mulpm(wa!(3, i - 2), wa!(3, i - 1), cc!(i - 1, k, 4), cc!(i, k, 4));
            // REARRANGE(dr2, di2, dr5, di5)
            let (dr2, di2, dr5, di5) = (dr2 + dr5, di2 + di5, di2 - di5, dr5 - dr2);
            // REARRANGE(dr3, di3, dr4, di4)
            let (dr3, di3, dr4, di4) = (dr3 + dr4, di3 + di4, di3 - di4, dr4 - dr3);
            let a = cc!(i - 1, k, 0);
            let b = cc!(i, k, 0);
            ch!(i - 1, 0, k, a + dr2 + dr3);
            ch!(i, 0, k, b + di2 + di3);
            let tr2 = a + tr11 * dr2 + tr12 * dr3;
            let ti2 = b + tr11 * di2 + tr12 * di3;
            let tr3 = a + tr12 * dr2 + tr11 * dr3;
            let ti3 = b + tr12 * di2 + tr11 * di3;
            let tr5 = ti11 * dr5 + ti12 * dr4;
            let ti5 = ti11 * di5 + ti12 * di4;
            let tr4 = ti12 * dr5 - ti11 * dr4;
            let ti4 = ti12 * di5 - ti11 * di4;
            ch!(i - 1, 2, k, tr2 + tr5);
            ch!(ic - 1, 1, k, tr2 - tr5);
            ch!(i, 2, k, ti5 + ti2);
            ch!(ic, 1, k, ti5 - ti2);
            ch!(i - 1, 4, k, tr3 + tr4);
            ch!(ic - 1, 3, k, tr3 - tr4);
            ch!(i, 4, k, ti4 + ti3);
            ch!(ic, 3, k, ti4 - ti3);
            i += 2;
        }
    }
}

/// Generic odd-factor forward real pass; result ends up in `cc`.
pub(super) fn radfg<T: Real>(ido: usize, ip: usize, l1: usize, cc: &mut [T], ch: &mut [T], wa: &[T], csarr: &[T]) {
    let cdim = ip;
    let ipph = (ip + 1) / 2;
    let idl1 = ido * l1;
    // CC(a,b,c)=cc[a+ido*(b+cdim*c)], CH(a,b,c)=ch[a+ido*(b+l1*c)],
    // C1(a,b,c)=cc[a+ido*(b+l1*c)], C2(a,b)=cc[a+idl1*b], CH2(a,b)=ch[a+idl1*b]
    let c1 = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    let ccx = |a: usize, b: usize, c: usize| a + ido * (b + cdim * c);

    if ido > 1 {
        for j in 1..ipph {
            let jc = ip - j;
            let is = (j - 1) * (ido - 1);
            let is2 = (jc - 1) * (ido - 1);
            for k in 0..l1 {
                let mut idij = is;
                let mut idij2 = is2;
                let mut i = 1;
                while i + 2 <= ido {
                    let t1 = cc[c1(i, k, j)];
                    let t2 = cc[c1(i + 1, k, j)];
                    let t3 = cc[c1(i, k, jc)];
                    let t4 = cc[c1(i + 1, k, jc)];
                    let x1 = wa[idij] * t1 + wa[idij + 1] * t2;
                    let x2 = wa[idij] * t2 - wa[idij + 1] * t1;
                    let x3 = wa[idij2] * t3 + wa[idij2 + 1] * t4;
                    let x4 = wa[idij2] * t4 - wa[idij2 + 1] * t3;
                    cc[c1(i, k, j)] = x3 + x1;
                    cc[c1(i + 1, k, jc)] = x3 - x1;
                    cc[c1(i + 1, k, j)] = x2 + x4;
                    cc[c1(i, k, jc)] = x2 - x4;
                    idij += 2;
                    idij2 += 2;
                    i += 2;
                }
            }
        }
    }

    for j in 1..ipph {
        let jc = ip - j;
        for k in 0..l1 {
            // MPINPLACE(C1(0,k,jc), C1(0,k,j))
            let a = cc[c1(0, k, jc)];
            let b = cc[c1(0, k, j)];
            cc[c1(0, k, jc)] = a - b;
            cc[c1(0, k, j)] = a + b;
        }
    }

    for l in 1..ipph {
        let lc = ip - l;
        for ik in 0..idl1 {
            ch[ik + idl1 * l] = cc[ik] + csarr[2 * l] * cc[ik + idl1] + csarr[4 * l] * cc[ik + idl1 * 2];
            ch[ik + idl1 * lc] =
                csarr[2 * l + 1] * cc[ik + idl1 * (ip - 1)] + csarr[4 * l + 1] * cc[ik + idl1 * (ip - 2)];
        }
        let mut iang = 2 * l;
        let mut j = 3;
        while j + 3 < ipph {
            let jc = ip - j;
            iang += l;
            if iang >= ip {
                iang -= ip;
            }
            let (ar1, ai1) = (csarr[2 * iang], csarr[2 * iang + 1]);
            iang += l;
            if iang >= ip {
                iang -= ip;
            }
            let (ar2, ai2) = (csarr[2 * iang], csarr[2 * iang + 1]);
            iang += l;
            if iang >= ip {
                iang -= ip;
            }
            let (ar3, ai3) = (csarr[2 * iang], csarr[2 * iang + 1]);
            iang += l;
            if iang >= ip {
                iang -= ip;
            }
            let (ar4, ai4) = (csarr[2 * iang], csarr[2 * iang + 1]);
            for ik in 0..idl1 {
                let s = ar1 * cc[ik + idl1 * j]
                    + ar2 * cc[ik + idl1 * (j + 1)]
                    + ar3 * cc[ik + idl1 * (j + 2)]
                    + ar4 * cc[ik + idl1 * (j + 3)];
                ch[ik + idl1 * l] = ch[ik + idl1 * l] + s;
                let s = ai1 * cc[ik + idl1 * jc]
                    + ai2 * cc[ik + idl1 * (jc - 1)]
                    + ai3 * cc[ik + idl1 * (jc - 2)]
                    + ai4 * cc[ik + idl1 * (jc - 3)];
                ch[ik + idl1 * lc] = ch[ik + idl1 * lc] + s;
            }
            j += 4;
        }
        while j + 1 < ipph {
            let jc = ip - j;
            iang += l;
            if iang >= ip {
                iang -= ip;
            }
            let (ar1, ai1) = (csarr[2 * iang], csarr[2 * iang + 1]);
            iang += l;
            if iang >= ip {
                iang -= ip;
            }
            let (ar2, ai2) = (csarr[2 * iang], csarr[2 * iang + 1]);
            for ik in 0..idl1 {
                let s = ar1 * cc[ik + idl1 * j] + ar2 * cc[ik + idl1 * (j + 1)];
                ch[ik + idl1 * l] = ch[ik + idl1 * l] + s;
                let s = ai1 * cc[ik + idl1 * jc] + ai2 * cc[ik + idl1 * (jc - 1)];
                ch[ik + idl1 * lc] = ch[ik + idl1 * lc] + s;
            }
            j += 2;
        }
        while j < ipph {
            let jc = ip - j;
            iang += l;
            if iang >= ip {
                iang -= ip;
            }
            let (ar, ai) = (csarr[2 * iang], csarr[2 * iang + 1]);
            for ik in 0..idl1 {
                ch[ik + idl1 * l] = ch[ik + idl1 * l] + ar * cc[ik + idl1 * j];
                ch[ik + idl1 * lc] = ch[ik + idl1 * lc] + ai * cc[ik + idl1 * jc];
            }
            j += 1;
        }
    }
    for ik in 0..idl1 {
        ch[ik] = cc[ik];
    }
    for j in 1..ipph {
        for ik in 0..idl1 {
            ch[ik] = ch[ik] + cc[ik + idl1 * j];
        }
    }

    for k in 0..l1 {
        for i in 0..ido {
            cc[ccx(i, 0, k)] = ch[c1(i, k, 0)];
        }
    }

    for j in 1..ipph {
        let jc = ip - j;
        let j2 = 2 * j - 1;
        for k in 0..l1 {
            cc[ccx(ido - 1, j2, k)] = ch[c1(0, k, j)];
            cc[ccx(0, j2 + 1, k)] = ch[c1(0, k, jc)];
        }
    }

    if ido == 1 {
        return;
    }

    for j in 1..ipph {
        let jc = ip - j;
        let j2 = 2 * j - 1;
        for k in 0..l1 {
            let mut i = 1;
            while i + 2 <= ido {
                let ic = ido - i - 2;
                cc[ccx(i, j2 + 1, k)] = ch[c1(i, k, j)] + ch[c1(i, k, jc)];
                cc[ccx(ic, j2, k)] = ch[c1(i, k, j)] - ch[c1(i, k, jc)];
                cc[ccx(i + 1, j2 + 1, k)] = ch[c1(i + 1, k, j)] + ch[c1(i + 1, k, jc)];
                cc[ccx(ic + 1, j2, k)] = ch[c1(i + 1, k, jc)] - ch[c1(i + 1, k, j)];
                i += 2;
            }
        }
    }
}
