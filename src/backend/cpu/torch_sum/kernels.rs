//! The building blocks of ATen's `cascade_sum`: the `multi_row_sum` cascade (`C`),
//! `row_sum` (`R`), the vectorised and scalar inner/outer kernels, their AVX2 builds picked
//! at run time, and the 2-D loop `cascade_sum` hands to `parallel_reduce`.

use super::TorchFloat;

/// `utils::CeilLog2`: 1 for x <= 2, else ceil(log2 x).
#[inline]
fn ceil_log2(x: usize) -> u32 {
    if x <= 2 {
        1
    } else {
        usize::BITS - (x - 1).leading_zeros()
    }
}

#[inline(always)]
fn add_k<T: TorchFloat, const K: usize>(a: &mut [T; K], b: &[T; K]) {
    for k in 0..K {
        a[k] = a[k].add(b[k]);
    }
}

/// `multi_row_sum` over `rows` rows of `K` independent columns; `add_row(acc, i)` adds
/// row `i` into `acc` (lane-wise, one IEEE add per lane).
#[inline(always)]
fn cascade_with<T: TorchFloat, const K: usize>(rows: usize, add_row: impl Fn(&mut [T; K], usize)) -> [T; K] {
    const LEVELS: usize = 4;
    let mut a0 = [T::ZERO; K];
    if rows == 0 {
        return a0;
    }
    let lp = std::cmp::max(4, ceil_log2(rows) / LEVELS as u32);
    let step = 1usize << lp;
    let mask = step - 1;
    let mut acc = [[T::ZERO; K]; LEVELS - 1];
    let mut i = 0usize;
    while i + step <= rows {
        for _ in 0..step {
            add_row(&mut a0, i);
            i += 1;
        }
        // acc[j] += acc[j-1]; acc[j-1] = 0, carrying up only at multiples of step^j.
        add_k(&mut acc[0], &a0);
        a0 = [T::ZERO; K];
        for j in 2..LEVELS {
            if i & (mask << ((j - 1) as u32 * lp)) != 0 {
                break;
            }
            let prev = acc[j - 2];
            add_k(&mut acc[j - 1], &prev);
            acc[j - 2] = [T::ZERO; K];
        }
    }
    while i < rows {
        add_row(&mut a0, i);
        i += 1;
    }
    for a in &acc {
        add_k(&mut a0, a);
    }
    a0
}

/// [`cascade_with`] where row `i` is the value `load(i)`.
#[inline(always)]
fn cascade<T: TorchFloat, const K: usize>(rows: usize, load: impl Fn(usize) -> [T; K]) -> [T; K] {
    cascade_with::<T, K>(rows, |a, i| add_k(a, &load(i)))
}

/// [`cascade_with`] where row `i` is the contiguous `x[base + i*rs ..][..K]`.
#[inline(always)]
fn cascade_rows<T: TorchFloat, const K: usize>(x: &[T], base: usize, rs: usize, rows: usize) -> [T; K] {
    cascade_with::<T, K>(rows, |a, i| {
        let o = base + i * rs;
        let r: &[T; K] = x[o..o + K].try_into().unwrap();
        add_k(a, r)
    })
}

#[inline(always)]
fn arr<T: TorchFloat, const K: usize>(s: &[T]) -> [T; K] {
    *<&[T; K]>::try_from(s).unwrap()
}

#[inline(always)]
fn add_slice<T: TorchFloat>(a: &mut [T], b: &[T]) {
    for (a, &b) in a.iter_mut().zip(b) {
        *a = a.add(b);
    }
}

/// [`cascade_with`] for a run-time width `w`: `acc` holds 4 levels of `w` (any contents;
/// it is zeroed), `add_row(level0, i)` adds row `i`; the result is left in `acc[..w]`.
#[inline(always)]
fn cascade_dyn<T: TorchFloat>(rows: usize, w: usize, acc: &mut [T], add_row: impl Fn(&mut [T], usize)) {
    let acc = &mut acc[..4 * w];
    acc.fill(T::ZERO);
    if rows == 0 {
        return;
    }
    let lp = std::cmp::max(4, ceil_log2(rows) / 4);
    let step = 1usize << lp;
    let mask = step - 1;
    let (a0, up) = acc.split_at_mut(w);
    let (l1, up) = up.split_at_mut(w);
    let (l2, l3) = up.split_at_mut(w);
    let mut i = 0usize;
    while i + step <= rows {
        for _ in 0..step {
            add_row(a0, i);
            i += 1;
        }
        add_slice(l1, a0);
        a0.fill(T::ZERO);
        if i & (mask << lp) == 0 {
            add_slice(l2, l1);
            l1.fill(T::ZERO);
            if i & (mask << (2 * lp)) == 0 {
                add_slice(l3, l2);
                l2.fill(T::ZERO);
            }
        }
    }
    while i < rows {
        add_row(a0, i);
        i += 1;
    }
    add_slice(a0, l1);
    add_slice(a0, l2);
    add_slice(a0, l3);
}

/// `row_sum` (ilp 4) of the strided scalar sequence `x[base + i*stride]`, `i < n`.
#[inline(always)]
fn row_sum_strided<T: TorchFloat>(x: &[T], base: usize, stride: usize, n: usize) -> T {
    let q = n / 4;
    let mut p = if stride == 1 {
        cascade_rows::<T, 4>(x, base, 4, q)
    } else {
        cascade::<T, 4>(q, |i| {
            let b = base + 4 * i * stride;
            [x[b], x[b + stride], x[b + 2 * stride], x[b + 3 * stride]]
        })
    };
    for i in 4 * q..n {
        p[0] = p[0].add(x[base + i * stride]);
    }
    p[0].add(p[1]).add(p[2]).add(p[3])
}

/// `vectorized_inner_sum` of one contiguous row (`row.len() >= W`), before the store:
/// `W` lanes of `row_sum` over whole vectors, then `0 + tail... + lane0 + ... + lane(W-1)`.
#[inline(always)]
fn inner_row_w<T: TorchFloat, const W: usize, const W4: usize>(row: &[T]) -> T {
    let n = row.len();
    let v = n / W;
    let q = v / 4;
    if q == 0 {
        // Fewer than 4 vectors: the partials 1..3 are 0 and the cascade is empty. Adding a
        // zero can only turn -0 into +0, which cannot change `f` (it starts at +0 and so
        // is never -0), so those adds are skipped.
        let mut p0: [T; W] = arr(&row[..W]);
        for vi in 1..v {
            add_k(&mut p0, &arr(&row[vi * W..vi * W + W]));
        }
        let mut f = T::ZERO;
        for &e in &row[v * W..] {
            f = f.add(e);
        }
        for l in 0..W {
            f = f.add(p0[l]);
        }
        return f;
    }
    // Row i of the cascade: vectors 4i..4i+3, i.e. elements [W4*i, W4*i + W4);
    // column p*W + l is partial p, lane l.
    let acc = cascade_rows::<T, W4>(row, 0, W4, q);
    let mut p0: [T; W] = arr(&acc[..W]);
    for vi in 4 * q..v {
        add_k(&mut p0, &arr(&row[vi * W..vi * W + W]));
    }
    for k in 1..4 {
        add_k(&mut p0, &arr(&acc[k * W..k * W + W]));
    }
    let mut f = T::ZERO;
    for &e in &row[v * W..] {
        f = f.add(e);
    }
    for l in 0..W {
        f = f.add(p0[l]);
    }
    f
}

#[inline(always)]
fn inner_row_impl<T: TorchFloat>(row: &[T]) -> T {
    if T::LANES == 8 {
        inner_row_w::<T, 8, 32>(row)
    } else {
        inner_row_w::<T, 4, 16>(row)
    }
}

/// What torch adds into `out` for the inner reduction of one contiguous row: the
/// vectorised kernel when the row has at least `W` elements, scalar `row_sum` otherwise.
#[inline(always)]
fn inner_row_any<T: TorchFloat>(row: &[T]) -> T {
    if row.len() >= T::LANES {
        inner_row_impl(row)
    } else {
        row_sum_strided(row, 0, 1, row.len())
    }
}

/// Rows `j < rows` at `x[xo + j*rs ..][..n]`, each reduced by the inner kernel and added
/// into `out[oo + j*os]` in order (`vectorized_inner_sum` / `scalar_inner_sum` with a
/// contiguous row).
#[inline(always)]
fn inner_rows_impl<T: TorchFloat>(
    x: &[T],
    xo: usize,
    rs: usize,
    n: usize,
    rows: usize,
    out: &mut [T],
    oo: usize,
    os: usize,
) {
    for j in 0..rows {
        let r = xo + j * rs;
        let v = inner_row_any(&x[r..r + n]);
        let o = &mut out[oo + j * os];
        *o = o.add(v);
    }
}

/// `row_sum` of the `rw` contiguous columns `x[xo + i*rs + c]` (`c < rw`) down `m` rows,
/// all columns at once (one pass over the rows), added into `out[oo + c*os]`.
#[inline(always)]
fn r_columns_impl<T: TorchFloat>(
    x: &[T],
    xo: usize,
    rs: usize,
    m: usize,
    rw: usize,
    out: &mut [T],
    oo: usize,
    os: usize,
) {
    let mut buf = [T::ZERO; 4 * 4 * 32];
    let mut c0 = 0;
    while c0 < rw {
        // at most 32 columns at a time (4 partials x 32 columns x 4 levels fits `buf`)
        let w = (rw - c0).min(32);
        let b = xo + c0;
        let q = m / 4;
        if rs == w {
            // whole rows: the 4 rows of a cascade row are one contiguous run of 4w
            cascade_dyn(q, 4 * w, &mut buf, |a, i| add_slice(a, &x[b + 4 * i * rs..][..4 * w]));
        } else {
            cascade_dyn(q, 4 * w, &mut buf, |a, i| {
                for p in 0..4 {
                    add_slice(&mut a[p * w..(p + 1) * w], &x[b + (4 * i + p) * rs..][..w]);
                }
            });
        }
        let (p0, rest) = buf.split_at_mut(w);
        for i in 4 * q..m {
            add_slice(p0, &x[b + i * rs..][..w]);
        }
        for p in 0..3 {
            add_slice(p0, &rest[p * w..(p + 1) * w]);
        }
        for (c, v) in p0.iter().enumerate() {
            let o = &mut out[oo + (c0 + c) * os];
            *o = o.add(*v);
        }
        c0 += w;
    }
}

/// `vectorized_outer_sum`: `size0` rows at `x[xo + i*rs ..]`, `size1 >= W` contiguous
/// columns; column `j`'s value is added into `out[oo + j*os]`, `j` ascending.
/// Columns below `4W*floor(size1/4W)` get `C` down the rows (torch: blocks of 4 vectors),
/// the rest `R` (torch: vectors, then scalars; the same order per column). `C` has the same
/// schedule for every column, so whole tiles of columns are streamed at once.
#[inline(always)]
fn outer_impl<T: TorchFloat>(
    x: &[T],
    xo: usize,
    rs: usize,
    size0: usize,
    size1: usize,
    out: &mut [T],
    oo: usize,
    os: usize,
) {
    const TILE: usize = 256;
    let w4 = 4 * T::LANES;
    let c_end = size1 / w4 * w4;
    let mut buf = [T::ZERO; 4 * TILE];
    let mut j = 0;
    while j < c_end {
        let tw = (c_end - j).min(TILE);
        let b = xo + j;
        cascade_dyn(size0, tw, &mut buf, |a, i| add_slice(a, &x[b + i * rs..][..tw]));
        for (k, v) in buf[..tw].iter().enumerate() {
            let o = &mut out[oo + (j + k) * os];
            *o = o.add(*v);
        }
        j += tw;
    }
    if c_end < size1 {
        r_columns_impl(x, xo + c_end, rs, size0, size1 - c_end, out, oo + c_end * os, os);
    }
}

/// `scalar_outer_sum` (column stride `cs`): `C` over groups of 4 columns, `R` on the rest.
#[inline(always)]
fn scalar_outer_impl<T: TorchFloat>(
    x: &[T],
    xo: usize,
    rs: usize,
    cs: usize,
    size0: usize,
    size1: usize,
    out: &mut [T],
    oo: usize,
    os: usize,
) {
    let mut j = 0;
    while j + 3 < size1 {
        let b = xo + j * cs;
        let s = if cs == 1 {
            cascade_rows::<T, 4>(x, b, rs, size0)
        } else {
            cascade::<T, 4>(size0, |i| {
                let o = b + i * rs;
                [x[o], x[o + cs], x[o + 2 * cs], x[o + 3 * cs]]
            })
        };
        for (k, v) in s.iter().enumerate() {
            let o = &mut out[oo + (j + k) * os];
            *o = o.add(*v);
        }
        j += 4;
    }
    if j < size1 && cs == 1 {
        return r_columns_impl(x, xo + j, rs, size0, size1 - j, out, oo + j * os, os);
    }
    while j < size1 {
        let v = row_sum_strided(x, xo + j * cs, rs, size0);
        let o = &mut out[oo + j * os];
        *o = o.add(v);
        j += 1;
    }
}

/// Strided rows: `row_sum` of `x[xo + j*rs + i*es]`, `i < n`, into `out[oo + j*os]`.
#[inline(always)]
fn scalar_inner_impl<T: TorchFloat>(
    x: &[T],
    xo: usize,
    rs: usize,
    es: usize,
    n: usize,
    rows: usize,
    out: &mut [T],
    oo: usize,
    os: usize,
) {
    for j in 0..rows {
        let v = row_sum_strided(x, xo + j * rs, es, n);
        let o = &mut out[oo + j * os];
        *o = o.add(v);
    }
}

/// Whether the kernels may run in their AVX2 build: the same adds in the same order on
/// wider registers (adds are never fused into FMAs), so the same bits.
#[inline(always)]
fn avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Defines `$name`, which runs `$imp` in a build for AVX2 where the CPU has it.
macro_rules! multiversion {
    ($name:ident, $avx:ident, $imp:ident, ($($a:ident: $t:ty),*) $(-> $r:ty)?) => {
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2")]
        #[allow(clippy::too_many_arguments)]
        unsafe fn $avx<T: TorchFloat>($($a: $t),*) $(-> $r)? {
            $imp($($a),*)
        }

        #[allow(clippy::too_many_arguments)]
        pub(super) fn $name<T: TorchFloat>($($a: $t),*) $(-> $r)? {
            #[cfg(target_arch = "x86_64")]
            if avx2() {
                // SAFETY: the CPU has AVX2 (checked).
                return unsafe { $avx($($a),*) };
            }
            $imp($($a),*)
        }
    };
}

multiversion!(inner_row, inner_row_avx2, inner_row_any, (row: &[T]) -> T);
multiversion!(inner_rows, inner_rows_avx2, inner_rows_impl,
    (x: &[T], xo: usize, rs: usize, n: usize, rows: usize, out: &mut [T], oo: usize, os: usize));
multiversion!(outer_block, outer_block_avx2, outer_impl,
    (x: &[T], xo: usize, rs: usize, size0: usize, size1: usize, out: &mut [T], oo: usize, os: usize));
multiversion!(scalar_outer, scalar_outer_avx2, scalar_outer_impl,
    (x: &[T], xo: usize, rs: usize, cs: usize, size0: usize, size1: usize, out: &mut [T], oo: usize, os: usize));
multiversion!(scalar_inner, scalar_inner_avx2, scalar_inner_impl,
    (x: &[T], xo: usize, rs: usize, es: usize, n: usize, rows: usize, out: &mut [T], oo: usize, os: usize));

/// The 2-D loop `cascade_sum` hands to `parallel_reduce`, strides in elements:
/// `in_s`/`out_s` for the iterator's dims 0 and 1. Adds into `out`.
#[allow(clippy::too_many_arguments)]
pub(super) fn loop2d<T: TorchFloat>(
    x: &[T],
    xo: usize,
    in_s: [usize; 2],
    out: &mut [T],
    oo: usize,
    out_s: [usize; 2],
    size0: usize,
    size1: usize,
) {
    let (mut is, mut os, mut s0, mut s1) = (in_s, out_s, size0, size1);
    if os[0] != 0 && os[1] == 0 {
        is.swap(0, 1);
        os.swap(0, 1);
        std::mem::swap(&mut s0, &mut s1);
    }
    if os[0] != 0 && os[1] != 0 {
        // Not a reduction: out += in elementwise.
        for j in 0..s1 {
            for i in 0..s0 {
                let o = &mut out[oo + i * os[0] + j * os[1]];
                *o = o.add(x[xo + i * is[0] + j * is[1]]);
            }
        }
        return;
    }
    let ost = os[1];
    let w = T::LANES;
    if is[0] == 1 && s0 >= w {
        inner_rows(x, xo, is[1], s0, s1, out, oo, ost);
    } else if is[1] == 1 && s1 >= w {
        outer_block(x, xo, is[0], s0, s1, out, oo, ost);
    } else if is[0] < is[1] {
        scalar_inner(x, xo, is[1], is[0], s0, s1, out, oo, ost);
    } else {
        scalar_outer(x, xo, is[0], is[1], s0, s1, out, oo, ost);
    }
}
