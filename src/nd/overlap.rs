//! `np.shares_memory` and `np.may_share_memory`: whether two arrays' elements overlap
//! in memory. `may_share_memory` compares the byte ranges the arrays span, as NumPy's
//! does; `shares_memory` answers exactly (NumPy solves a bounded Diophantine problem;
//! nt compares the byte ranges of the elements themselves).

use crate::array::NdArray;

/// The byte offsets of every element of a view within its storage.
fn offsets(a: &NdArray) -> Vec<isize> {
    let item = a.dtype.itemsize() as isize;
    let shape = a.shape();
    let strides = &a.layout.strides;
    let base = a.layout.offset as isize;
    let n: usize = shape.iter().product();
    let mut out = Vec::with_capacity(n);
    if n == 0 {
        return out;
    }
    let mut idx = vec![0usize; shape.len()];
    loop {
        let off: isize = base + idx.iter().zip(strides).map(|(&i, &s)| i as isize * s).sum::<isize>();
        out.push(off * item);
        let mut d = shape.len();
        loop {
            if d == 0 {
                return out;
            }
            d -= 1;
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
}

/// Whether `a` and `b` overlap: exactly (`exact`), or by the extents they span.
pub fn overlap(a: &NdArray, b: &NdArray, exact: bool) -> bool {
    if !a.shares_storage(b) || a.numel() == 0 || b.numel() == 0 {
        return false;
    }
    let (ia, ib) = (a.dtype.itemsize() as isize, b.dtype.itemsize() as isize);
    let (mut oa, mut ob) = (offsets(a), offsets(b));
    let span = |o: &[isize], item: isize| {
        (
            o.iter().copied().min().unwrap_or(0),
            o.iter().copied().max().unwrap_or(0) + item,
        )
    };
    let ((a0, a1), (b0, b1)) = (span(&oa, ia), span(&ob, ib));
    if a1 <= b0 || b1 <= a0 {
        return false;
    }
    if !exact {
        return true;
    }
    oa.sort_unstable();
    ob.sort_unstable();
    // Sweep the two sorted lists of [offset, offset + itemsize) ranges.
    let (mut i, mut j) = (0, 0);
    while i < oa.len() && j < ob.len() {
        let (x0, y0) = (oa[i], ob[j]);
        if x0 < y0 + ib && y0 < x0 + ia {
            return true;
        }
        if x0 < y0 { i += 1 } else { j += 1 }
    }
    false
}
