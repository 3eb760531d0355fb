//! Backward real FFTPACK passes (pocketfft `radb2`, `radb3`, `radb4`, `radb5` and the
//! generic odd-factor `radbg`).

use super::radf::mulpm;
use super::scalar::Real;

pub(super) fn radb2<T: Real>(ido: usize, l1: usize, cc: &[T], ch: &mut [T], wa: &[T]) {
    macro_rules! cc {
        ($a:expr,$b:expr,$c:expr) => {
            rd!(cc, ($a) + ido * (($b) + 2 * ($c)))
        };
    }
    macro_rules! ch {
        ($a:expr,$b:expr,$c:expr,$v:expr) => {
            wr!(ch, ($a) + ido * (($b) + l1 * ($c)), $v)
        };
    }
    macro_rules! wa {
        ($x:expr,$i:expr) => {
            rd!(wa, ($i) + ($x) * (ido - 1))
        };
    }
    for k in 0..l1 {
        let (a, b) = (cc!(0, 0, k), cc!(ido - 1, 1, k));
        ch!(0, k, 0, a + b);
        ch!(0, k, 1, a - b);
    }
    if (ido & 1) == 0 {
        for k in 0..l1 {
            ch!(ido - 1, k, 0, T::TWO * cc!(ido - 1, 0, k));
            ch!(ido - 1, k, 1, -T::TWO * cc!(0, 1, k));
        }
    }
    if ido <= 2 {
        return;
    }
    for k in 0..l1 {
        let mut i = 2;
        while i < ido {
            let ic = ido - i;
            let (a, b) = (cc!(i - 1, 0, k), cc!(ic - 1, 1, k));
            ch!(i - 1, k, 0, a + b);
            let tr2 = a - b;
            let (a, b) = (cc!(i, 0, k), cc!(ic, 1, k));
            let ti2 = a + b;
            ch!(i, k, 0, a - b);
            let (x, y) = mulpm(wa!(0, i - 2), wa!(0, i - 1), ti2, tr2);
            ch!(i, k, 1, x);
            ch!(i - 1, k, 1, y);
            i += 2;
        }
    }
}

pub(super) fn radb3<T: Real>(ido: usize, l1: usize, cc: &[T], ch: &mut [T], wa: &[T]) {
    let taur = -T::HALF;
    let taui = T::S3;
    macro_rules! cc {
        ($a:expr,$b:expr,$c:expr) => {
            rd!(cc, ($a) + ido * (($b) + 3 * ($c)))
        };
    }
    macro_rules! ch {
        ($a:expr,$b:expr,$c:expr,$v:expr) => {
            wr!(ch, ($a) + ido * (($b) + l1 * ($c)), $v)
        };
    }
    macro_rules! wa {
        ($x:expr,$i:expr) => {
            rd!(wa, ($i) + ($x) * (ido - 1))
        };
    }
    for k in 0..l1 {
        let tr2 = T::TWO * cc!(ido - 1, 1, k);
        let cr2 = cc!(0, 0, k) + taur * tr2;
        ch!(0, k, 0, cc!(0, 0, k) + tr2);
        let ci3 = (T::TWO * taui) * cc!(0, 2, k);
        ch!(0, k, 2, cr2 + ci3);
        ch!(0, k, 1, cr2 - ci3);
    }
    if ido == 1 {
        return;
    }
    for k in 0..l1 {
        let mut i = 2;
        while i < ido {
            let ic = ido - i;
            let tr2 = cc!(i - 1, 2, k) + cc!(ic - 1, 1, k);
            let ti2 = cc!(i, 2, k) - cc!(ic, 1, k);
            let cr2 = cc!(i - 1, 0, k) + taur * tr2;
            let ci2 = cc!(i, 0, k) + taur * ti2;
            ch!(i - 1, k, 0, cc!(i - 1, 0, k) + tr2);
            ch!(i, k, 0, cc!(i, 0, k) + ti2);
            let cr3 = taui * (cc!(i - 1, 2, k) - cc!(ic - 1, 1, k));
            let ci3 = taui * (cc!(i, 2, k) + cc!(ic, 1, k));
            let (dr3, dr2) = (cr2 + ci3, cr2 - ci3);
            let (di2, di3) = (ci2 + cr3, ci2 - cr3);
            let (x, y) = mulpm(wa!(0, i - 2), wa!(0, i - 1), di2, dr2);
            ch!(i, k, 1, x);
            ch!(i - 1, k, 1, y);
            let (x, y) = mulpm(wa!(1, i - 2), wa!(1, i - 1), di3, dr3);
            ch!(i, k, 2, x);
            ch!(i - 1, k, 2, y);
            i += 2;
        }
    }
}

pub(super) fn radb4<T: Real>(ido: usize, l1: usize, cc: &[T], ch: &mut [T], wa: &[T]) {
    let sqrt2 = T::SQRT2;
    macro_rules! cc {
        ($a:expr,$b:expr,$c:expr) => {
            rd!(cc, ($a) + ido * (($b) + 4 * ($c)))
        };
    }
    macro_rules! ch {
        ($a:expr,$b:expr,$c:expr,$v:expr) => {
            wr!(ch, ($a) + ido * (($b) + l1 * ($c)), $v)
        };
    }
    macro_rules! wa {
        ($x:expr,$i:expr) => {
            rd!(wa, ($i) + ($x) * (ido - 1))
        };
    }
    for k in 0..l1 {
        let (tr2, tr1) = (cc!(0, 0, k) + cc!(ido - 1, 3, k), cc!(0, 0, k) - cc!(ido - 1, 3, k));
        let tr3 = T::TWO * cc!(ido - 1, 1, k);
        let tr4 = T::TWO * cc!(0, 2, k);
        ch!(0, k, 0, tr2 + tr3);
        ch!(0, k, 2, tr2 - tr3);
        ch!(0, k, 3, tr1 + tr4);
        ch!(0, k, 1, tr1 - tr4);
    }
    if (ido & 1) == 0 {
        for k in 0..l1 {
            let (ti1, ti2) = (cc!(0, 3, k) + cc!(0, 1, k), cc!(0, 3, k) - cc!(0, 1, k));
            let (tr2, tr1) = (
                cc!(ido - 1, 0, k) + cc!(ido - 1, 2, k),
                cc!(ido - 1, 0, k) - cc!(ido - 1, 2, k),
            );
            ch!(ido - 1, k, 0, tr2 + tr2);
            ch!(ido - 1, k, 1, sqrt2 * (tr1 - ti1));
            ch!(ido - 1, k, 2, ti2 + ti2);
            ch!(ido - 1, k, 3, -sqrt2 * (tr1 + ti1));
        }
    }
    if ido <= 2 {
        return;
    }
    for k in 0..l1 {
        let mut i = 2;
        while i < ido {
            let ic = ido - i;
            let (tr2, tr1) = (
                cc!(i - 1, 0, k) + cc!(ic - 1, 3, k),
                cc!(i - 1, 0, k) - cc!(ic - 1, 3, k),
            );
            let (ti1, ti2) = (cc!(i, 0, k) + cc!(ic, 3, k), cc!(i, 0, k) - cc!(ic, 3, k));
            let (tr4, ti3) = (cc!(i, 2, k) + cc!(ic, 1, k), cc!(i, 2, k) - cc!(ic, 1, k));
            let (tr3, ti4) = (
                cc!(i - 1, 2, k) + cc!(ic - 1, 1, k),
                cc!(i - 1, 2, k) - cc!(ic - 1, 1, k),
            );
            ch!(i - 1, k, 0, tr2 + tr3);
            let cr3 = tr2 - tr3;
            ch!(i, k, 0, ti2 + ti3);
            let ci3 = ti2 - ti3;
            let (cr4, cr2) = (tr1 + tr4, tr1 - tr4);
            let (ci2, ci4) = (ti1 + ti4, ti1 - ti4);
            let (x, y) = mulpm(wa!(0, i - 2), wa!(0, i - 1), ci2, cr2);
            ch!(i, k, 1, x);
            ch!(i - 1, k, 1, y);
            let (x, y) = mulpm(wa!(1, i - 2), wa!(1, i - 1), ci3, cr3);
            ch!(i, k, 2, x);
            ch!(i - 1, k, 2, y);
            let (x, y) = mulpm(wa!(2, i - 2), wa!(2, i - 1), ci4, cr4);
            ch!(i, k, 3, x);
            ch!(i - 1, k, 3, y);
            i += 2;
        }
    }
}

pub(super) fn radb5<T: Real>(ido: usize, l1: usize, cc: &[T], ch: &mut [T], wa: &[T]) {
    let (tr11, ti11, tr12, ti12) = (T::C5[0], T::S5[0], T::C5[1], T::S5[1]);
    macro_rules! cc {
        ($a:expr,$b:expr,$c:expr) => {
            rd!(cc, ($a) + ido * (($b) + 5 * ($c)))
        };
    }
    macro_rules! ch {
        ($a:expr,$b:expr,$c:expr,$v:expr) => {
            wr!(ch, ($a) + ido * (($b) + l1 * ($c)), $v)
        };
    }
    macro_rules! wa {
        ($x:expr,$i:expr) => {
            rd!(wa, ($i) + ($x) * (ido - 1))
        };
    }
    for k in 0..l1 {
        let ti5 = cc!(0, 2, k) + cc!(0, 2, k);
        let ti4 = cc!(0, 4, k) + cc!(0, 4, k);
        let tr2 = cc!(ido - 1, 1, k) + cc!(ido - 1, 1, k);
        let tr3 = cc!(ido - 1, 3, k) + cc!(ido - 1, 3, k);
        let c0 = cc!(0, 0, k);
        ch!(0, k, 0, c0 + tr2 + tr3);
        let cr2 = c0 + tr11 * tr2 + tr12 * tr3;
        let cr3 = c0 + tr12 * tr2 + tr11 * tr3;
        let (ci5, ci4) = mulpm(ti5, ti4, ti11, ti12);
        ch!(0, k, 4, cr2 + ci5);
        ch!(0, k, 1, cr2 - ci5);
        ch!(0, k, 3, cr3 + ci4);
        ch!(0, k, 2, cr3 - ci4);
    }
    if ido == 1 {
        return;
    }
    for k in 0..l1 {
        let mut i = 2;
        while i < ido {
            let ic = ido - i;
            let (tr2, tr5) = (
                cc!(i - 1, 2, k) + cc!(ic - 1, 1, k),
                cc!(i - 1, 2, k) - cc!(ic - 1, 1, k),
            );
            let (ti5, ti2) = (cc!(i, 2, k) + cc!(ic, 1, k), cc!(i, 2, k) - cc!(ic, 1, k));
            let (tr3, tr4) = (
                cc!(i - 1, 4, k) + cc!(ic - 1, 3, k),
                cc!(i - 1, 4, k) - cc!(ic - 1, 3, k),
            );
            let (ti4, ti3) = (cc!(i, 4, k) + cc!(ic, 3, k), cc!(i, 4, k) - cc!(ic, 3, k));
            let a = cc!(i - 1, 0, k);
            let b = cc!(i, 0, k);
            ch!(i - 1, k, 0, a + tr2 + tr3);
            ch!(i, k, 0, b + ti2 + ti3);
            let cr2 = a + tr11 * tr2 + tr12 * tr3;
            let ci2 = b + tr11 * ti2 + tr12 * ti3;
            let cr3 = a + tr12 * tr2 + tr11 * tr3;
            let ci3 = b + tr12 * ti2 + tr11 * ti3;
            let (cr5, cr4) = mulpm(tr5, tr4, ti11, ti12);
            let (ci5, ci4) = mulpm(ti5, ti4, ti11, ti12);
            let (dr4, dr3) = (cr3 + ci4, cr3 - ci4);
            let (di3, di4) = (ci3 + cr4, ci3 - cr4);
            let (dr5, dr2) = (cr2 + ci5, cr2 - ci5);
            let (di2, di5) = (ci2 + cr5, ci2 - cr5);
            let (x, y) = mulpm(wa!(0, i - 2), wa!(0, i - 1), di2, dr2);
            ch!(i, k, 1, x);
            ch!(i - 1, k, 1, y);
            let (x, y) = mulpm(wa!(1, i - 2), wa!(1, i - 1), di3, dr3);
            ch!(i, k, 2, x);
            ch!(i - 1, k, 2, y);
            let (x, y) = mulpm(wa!(2, i - 2), wa!(2, i - 1), di4, dr4);
            ch!(i, k, 3, x);
            ch!(i - 1, k, 3, y);
            let (x, y) = mulpm(wa!(3, i - 2), wa!(3, i - 1), di5, dr5);
            ch!(i, k, 4, x);
            ch!(i - 1, k, 4, y);
            i += 2;
        }
    }
}

/// Generic odd-factor backward real pass; result ends up in `ch`.
pub(super) fn radbg<T: Real>(ido: usize, ip: usize, l1: usize, cc: &mut [T], ch: &mut [T], wa: &[T], csarr: &[T]) {
    let cdim = ip;
    let ipph = (ip + 1) / 2;
    let idl1 = ido * l1;
    let ccx = |a: usize, b: usize, c: usize| a + ido * (b + cdim * c);
    let c1 = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c); // also CH

    for k in 0..l1 {
        for i in 0..ido {
            ch[c1(i, k, 0)] = cc[ccx(i, 0, k)];
        }
    }
    for j in 1..ipph {
        let jc = ip - j;
        let j2 = 2 * j - 1;
        for k in 0..l1 {
            ch[c1(0, k, j)] = T::TWO * cc[ccx(ido - 1, j2, k)];
            ch[c1(0, k, jc)] = T::TWO * cc[ccx(0, j2 + 1, k)];
        }
    }

    if ido != 1 {
        for j in 1..ipph {
            let jc = ip - j;
            let j2 = 2 * j - 1;
            for k in 0..l1 {
                let mut i = 1;
                while i + 2 <= ido {
                    let ic = ido - i - 2;
                    ch[c1(i, k, j)] = cc[ccx(i, j2 + 1, k)] + cc[ccx(ic, j2, k)];
                    ch[c1(i, k, jc)] = cc[ccx(i, j2 + 1, k)] - cc[ccx(ic, j2, k)];
                    ch[c1(i + 1, k, j)] = cc[ccx(i + 1, j2 + 1, k)] - cc[ccx(ic + 1, j2, k)];
                    ch[c1(i + 1, k, jc)] = cc[ccx(i + 1, j2 + 1, k)] + cc[ccx(ic + 1, j2, k)];
                    i += 2;
                }
            }
        }
    }
    for l in 1..ipph {
        let lc = ip - l;
        for ik in 0..idl1 {
            cc[ik + idl1 * l] = ch[ik] + csarr[2 * l] * ch[ik + idl1] + csarr[4 * l] * ch[ik + idl1 * 2];
            cc[ik + idl1 * lc] =
                csarr[2 * l + 1] * ch[ik + idl1 * (ip - 1)] + csarr[4 * l + 1] * ch[ik + idl1 * (ip - 2)];
        }
        let mut iang = 2 * l;
        let mut j = 3;
        while j + 3 < ipph {
            let jc = ip - j;
            iang += l;
            if iang > ip {
                iang -= ip;
            }
            let (ar1, ai1) = (csarr[2 * iang], csarr[2 * iang + 1]);
            iang += l;
            if iang > ip {
                iang -= ip;
            }
            let (ar2, ai2) = (csarr[2 * iang], csarr[2 * iang + 1]);
            iang += l;
            if iang > ip {
                iang -= ip;
            }
            let (ar3, ai3) = (csarr[2 * iang], csarr[2 * iang + 1]);
            iang += l;
            if iang > ip {
                iang -= ip;
            }
            let (ar4, ai4) = (csarr[2 * iang], csarr[2 * iang + 1]);
            for ik in 0..idl1 {
                let s = ar1 * ch[ik + idl1 * j]
                    + ar2 * ch[ik + idl1 * (j + 1)]
                    + ar3 * ch[ik + idl1 * (j + 2)]
                    + ar4 * ch[ik + idl1 * (j + 3)];
                cc[ik + idl1 * l] = cc[ik + idl1 * l] + s;
                let s = ai1 * ch[ik + idl1 * jc]
                    + ai2 * ch[ik + idl1 * (jc - 1)]
                    + ai3 * ch[ik + idl1 * (jc - 2)]
                    + ai4 * ch[ik + idl1 * (jc - 3)];
                cc[ik + idl1 * lc] = cc[ik + idl1 * lc] + s;
            }
            j += 4;
        }
        while j + 1 < ipph {
            let jc = ip - j;
            iang += l;
            if iang > ip {
                iang -= ip;
            }
            let (ar1, ai1) = (csarr[2 * iang], csarr[2 * iang + 1]);
            iang += l;
            if iang > ip {
                iang -= ip;
            }
            let (ar2, ai2) = (csarr[2 * iang], csarr[2 * iang + 1]);
            for ik in 0..idl1 {
                let s = ar1 * ch[ik + idl1 * j] + ar2 * ch[ik + idl1 * (j + 1)];
                cc[ik + idl1 * l] = cc[ik + idl1 * l] + s;
                let s = ai1 * ch[ik + idl1 * jc] + ai2 * ch[ik + idl1 * (jc - 1)];
                cc[ik + idl1 * lc] = cc[ik + idl1 * lc] + s;
            }
            j += 2;
        }
        while j < ipph {
            let jc = ip - j;
            iang += l;
            if iang > ip {
                iang -= ip;
            }
            let (war, wai) = (csarr[2 * iang], csarr[2 * iang + 1]);
            for ik in 0..idl1 {
                cc[ik + idl1 * l] = cc[ik + idl1 * l] + war * ch[ik + idl1 * j];
                cc[ik + idl1 * lc] = cc[ik + idl1 * lc] + wai * ch[ik + idl1 * jc];
            }
            j += 1;
        }
    }
    for j in 1..ipph {
        for ik in 0..idl1 {
            ch[ik] = ch[ik] + ch[ik + idl1 * j];
        }
    }
    for j in 1..ipph {
        let jc = ip - j;
        for k in 0..l1 {
            let a = cc[c1(0, k, j)];
            let b = cc[c1(0, k, jc)];
            ch[c1(0, k, jc)] = a + b;
            ch[c1(0, k, j)] = a - b;
        }
    }

    if ido == 1 {
        return;
    }

    for j in 1..ipph {
        let jc = ip - j;
        for k in 0..l1 {
            let mut i = 1;
            while i + 2 <= ido {
                ch[c1(i, k, j)] = cc[c1(i, k, j)] - cc[c1(i + 1, k, jc)];
                ch[c1(i, k, jc)] = cc[c1(i, k, j)] + cc[c1(i + 1, k, jc)];
                ch[c1(i + 1, k, j)] = cc[c1(i + 1, k, j)] + cc[c1(i, k, jc)];
                ch[c1(i + 1, k, jc)] = cc[c1(i + 1, k, j)] - cc[c1(i, k, jc)];
                i += 2;
            }
        }
    }

    // All in CH
    for j in 1..ip {
        let is = (j - 1) * (ido - 1);
        for k in 0..l1 {
            let mut idij = is;
            let mut i = 1;
            while i + 2 <= ido {
                let t1 = ch[c1(i, k, j)];
                let t2 = ch[c1(i + 1, k, j)];
                ch[c1(i, k, j)] = wa[idij] * t1 - wa[idij + 1] * t2;
                ch[c1(i + 1, k, j)] = wa[idij] * t2 + wa[idij + 1] * t1;
                idij += 2;
                i += 2;
            }
        }
    }
}
