//! Matrix products: float32/float64 through matrixmultiply (small) or gemm (large), read
//! through the operands' strides; float16/bfloat16 widened to float32; integers by dot
//! products in order. Long products check Ctrl-C between blocks of rows.

use super::arith::Arith;
use super::{fused, host, values};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::storage::{Buffer, Typed};
use crate::ir::BinaryOp;

/// Storage offset of each batch matrix of a `[..., r, c]` view.
fn batch_offsets(l: &crate::array::layout::Layout) -> Vec<isize> {
    let nd = l.ndim();
    let batch = crate::array::layout::Layout {
        shape: l.shape[..nd - 2].to_vec(),
        strides: l.strides[..nd - 2].to_vec(),
        offset: l.offset,
    };
    batch.offsets().map(|o| o as isize).collect()
}

/// Products with fewer multiply-adds than this use matrixmultiply, larger ones gemm.
const SMALL_GEMM: usize = 32 * 32 * 32;

/// float32/float64 products read where the operands lie, through their strides
/// (transposed and sliced operands are not copied), written into the output directly.
fn strided_gemm<T: Typed>(a: &NdArray, b: &NdArray, dims: (usize, usize, usize, usize)) -> Result<Buffer, String> {
    gemm_in_blocks::<T>(a, b, dims, GEMM_BLOCK)
}

/// `o = x · y`, `n×k` by `k×m` read through (row, column) strides into row-major `o`:
/// small products (by the whole product's size, `small`) in matrixmultiply's summation
/// order (PyTorch's for the sizes the reference sessions print), the others in gemm's
/// AVX-512 kernels (dst := alpha·dst + beta·lhs·rhs, the destination not read).
///
/// # Safety
/// Every element the strides address lies inside the operands, `o` holds `n·m`
/// elements, and `T` is f32 or f64 as its dtype says.
#[allow(clippy::too_many_arguments)]
unsafe fn product<T: Typed>(
    small: bool,
    (n, k, m): (usize, usize, usize),
    x: *const T,
    (ra, ca): (isize, isize),
    y: *const T,
    (rb, cb): (isize, isize),
    o: *mut T,
    threads: gemm::Parallelism,
) {
    let mm = m as isize;
    // SAFETY: as the caller guarantees.
    unsafe {
        match (small, T::DTYPE == DType::F32) {
            (true, true) => {
                matrixmultiply::sgemm(n, k, m, 1.0, x.cast(), ra, ca, y.cast(), rb, cb, 0.0, o.cast(), mm, 1)
            }
            (true, false) => {
                matrixmultiply::dgemm(n, k, m, 1.0, x.cast(), ra, ca, y.cast(), rb, cb, 0.0, o.cast(), mm, 1)
            }
            (false, true) => big::<f32>(n, k, m, x.cast(), (ra, ca), y.cast(), (rb, cb), o.cast(), threads),
            (false, false) => big::<f64>(n, k, m, x.cast(), (ra, ca), y.cast(), (rb, cb), o.cast(), threads),
        }
    }
}

/// The constants gemm's call takes, per float type.
trait Scalars: Copy + 'static {
    const ZERO: Self;
    const ONE: Self;
}
impl Scalars for f32 {
    const ZERO: f32 = 0.0;
    const ONE: f32 = 1.0;
}
impl Scalars for f64 {
    const ZERO: f64 = 0.0;
    const ONE: f64 = 1.0;
}

/// gemm's call for `product`: `o := 1·x·y`, the destination not read.
///
/// # Safety
/// As `product`'s.
#[allow(clippy::too_many_arguments)]
unsafe fn big<E: Scalars>(
    n: usize,
    k: usize,
    m: usize,
    x: *const E,
    (ra, ca): (isize, isize),
    y: *const E,
    (rb, cb): (isize, isize),
    o: *mut E,
    threads: gemm::Parallelism,
) {
    // SAFETY: as the caller guarantees.
    unsafe {
        gemm::gemm::<E>(
            n,
            m,
            k,
            o,
            1,
            m as isize,
            false,
            x,
            ca,
            ra,
            y,
            cb,
            rb,
            E::ZERO,
            E::ONE,
            false,
            false,
            false,
            threads,
        )
    }
}

/// `strided_gemm` with gemm's products run in row blocks of about `block` multiply-adds.
fn gemm_in_blocks<T: Typed>(
    a: &NdArray,
    b: &NdArray,
    (batch, n, k, m): (usize, usize, usize, usize),
    block: usize,
) -> Result<Buffer, String> {
    let (a, b) = (host(a)?, host(b)?);
    let (ga, gb) = (a.storage.borrow(), b.storage.borrow());
    let (da, db) = (
        T::slice(&ga).ok_or("matmul: storage dtype")?,
        T::slice(&gb).ok_or("matmul: storage dtype")?,
    );
    let (la, lb) = (&a.layout, &b.layout);
    if !fused::fits(la, da.len()) || !fused::fits(lb, db.len()) {
        return Err("matmul: view out of storage bounds".into());
    }
    let nd = la.ndim();
    let (ra, ca, rb, cb) = (
        la.strides[nd - 2],
        la.strides[nd - 1],
        lb.strides[nd - 2],
        lb.strides[nd - 1],
    );
    let (mut oa, mut ob) = (batch_offsets(la), batch_offsets(lb));
    // Every output element is written below (the destination is not read), so a pooled
    // buffer's old contents need no zeroing; an empty sum (k = 0) is zeros.
    let mut out = if k == 0 {
        crate::array::pool::filled(batch * n * m, T::default())
    } else {
        crate::array::pool::scratch(batch * n * m)
    };
    // A stack of products with one right operand (broadcast over the batch, as
    // `F.linear` on a sequence makes it) whose left rows follow each other in memory: one
    // product of all the rows, when that sums each element as each product would.
    let (n_all, whole) = (n, batch * n);
    let (_, n) = if batch > 1
        && same_kernel((batch * n, k, m), n, (ca, rb))
        && ob.iter().all(|&o| o == ob[0])
        && oa
            .iter()
            .enumerate()
            .all(|(i, &o)| o == oa[0] + i as isize * n as isize * ra)
    {
        oa.truncate(1);
        ob.truncate(1);
        (1, whole)
    } else {
        (batch, n_all)
    };
    for (bi, (&xa, &yb)) in oa.iter().zip(&ob).enumerate() {
        if crate::interrupt::pending() {
            return Err(crate::interrupt::KEYBOARD_INTERRUPT.into());
        }
        let o = out[bi * n * m..].as_mut_ptr();
        // SAFETY: `fits` checked that every element the layouts address lies inside the
        // storages; the output block holds n×m row-major elements; T is f32 or f64 as the
        // dtype says.
        unsafe {
            let (x, y) = (da.as_ptr().offset(xa), db.as_ptr().offset(yb));
            let small = n * m * k < SMALL_GEMM;
            // Long products run a block of rows at a time, checking Ctrl-C between
            // blocks. Each output element is still one dot product over k, split where
            // gemm splits it (its kc depends on k alone on this path), so the result is
            // the one-call result bit for bit.
            let blocks = if small {
                vec![(0, n)]
            } else {
                row_blocks(n, m, k, block)
            };
            for (r0, rows) in blocks {
                if crate::interrupt::pending() {
                    return Err(crate::interrupt::KEYBOARD_INTERRUPT.into());
                }
                let (xr, or) = (x.offset(r0 as isize * ra), o.add(r0 * m));
                product::<T>(
                    small,
                    (rows, k, m),
                    xr,
                    (ra, ca),
                    y,
                    (rb, cb),
                    or,
                    gemm::Parallelism::Rayon(0),
                );
            }
        }
    }
    Ok(T::wrap(out))
}

/// How gemm (0.19) sums an `m×n` product over `k` for a left operand with column stride
/// `lhs_cs` and a right one with row stride `rhs_rs`: `None` for its special kernels
/// (horizontal dot products for at most 256 outputs read along k, `gevv` for k ≤ 2, the
/// matrix-vector kernels for one row or column), whose sums run in their own order; else
/// its blocking of k (one block up to 512; beyond, 512-blocks for products within 64×64,
/// cache-sized ones otherwise). Two products with the same `Some` sum every element alike.
fn gemm_sums(m: usize, n: usize, k: usize, lhs_cs: isize, rhs_rs: isize) -> Option<u8> {
    if k <= 2 || m <= 1 || n <= 1 || (m * n <= 256 && lhs_cs == 1 && rhs_rs == 1) {
        return None;
    }
    Some(match () {
        _ if k <= 512 => 0,
        _ if m <= 64 && n <= 64 => 1,
        _ => 2,
    })
}

/// Whether an `n×k` by `k×m` product's first `rows` rows alone are summed as in the whole
/// product (so each element is the same bits): both on matrixmultiply's side of the
/// threshold with at least two rows, or both on gemm's with the same summation.
pub(super) fn same_kernel((n, k, m): (usize, usize, usize), rows: usize, (lhs_cs, rhs_rs): (isize, isize)) -> bool {
    match (n * m * k < SMALL_GEMM, rows * m * k < SMALL_GEMM) {
        (true, true) => rows >= 2,
        (false, false) => {
            let whole = gemm_sums(n, m, k, lhs_cs, rhs_rs);
            whole.is_some() && whole == gemm_sums(rows, m, k, lhs_cs, rhs_rs)
        }
        _ => false,
    }
}

/// `out = a · b` for an `n×k` and a `k×m` float32/float64 operand read through their
/// (row, column) strides, `out` row-major `n×m`, on this thread: the kernel and summation
/// order `matmul` uses for these sizes (gemm's result does not depend on its threads), so
/// the bits of `matmul`'s result, without arrays around the operands (the LSTM recurrence).
pub(super) fn gemm_into<T: Typed>(
    (n, k, m): (usize, usize, usize),
    a: &[T],
    (ra, ca): (isize, isize),
    b: &[T],
    (rb, cb): (isize, isize),
    out: &mut [T],
) -> Result<(), String> {
    let reach = |len: usize, r: isize, c: isize, rows: usize, cols: usize| {
        r >= 0 && c >= 0 && (rows == 0 || cols == 0 || (rows - 1) * (r as usize) + (cols - 1) * (c as usize) < len)
    };
    if !matches!(T::DTYPE, DType::F32 | DType::F64)
        || !reach(a.len(), ra, ca, n, k)
        || !reach(b.len(), rb, cb, k, m)
        || out.len() < n * m
    {
        return Err("gemm_into: operands out of bounds".into());
    }
    // SAFETY: every element the strides address lies inside `a` and `b` (checked above),
    // `out` holds n×m elements, and T is f32 or f64 as its dtype says.
    unsafe {
        let small = n * m * k < SMALL_GEMM;
        let (x, y, o) = (a.as_ptr(), b.as_ptr(), out.as_mut_ptr());
        product::<T>(small, (n, k, m), x, (ra, ca), y, (rb, cb), o, gemm::Parallelism::None);
    }
    Ok(())
}

/// Multiply-adds per block of rows in a long gemm (a few milliseconds to a few tens).
const GEMM_BLOCK: usize = 1 << 33;

/// The row blocks `(first row, rows)` an n×k by k×m product runs in: one block unless the
/// product has more than `block` multiply-adds. Blocks have at least 512 rows and the
/// product more than 64 columns or 512 rows, so every block takes the path the whole
/// product would (not gemm's small, horizontal or matrix-vector kernels, which split k
/// differently).
fn row_blocks(n: usize, m: usize, k: usize, block: usize) -> Vec<(usize, usize)> {
    const MIN_ROWS: usize = 512;
    let per_row = m.saturating_mul(k).max(1);
    let rows = (block / per_row).max(MIN_ROWS);
    let count = n / rows;
    if k <= 2 || m <= 1 || count <= 1 {
        return vec![(0, n)];
    }
    let size = n.div_ceil(count);
    (0..n).step_by(size).map(|r0| (r0, size.min(n - r0))).collect()
}

pub(super) fn matmul<T: Arith>(a: &NdArray, b: &NdArray) -> Result<Buffer, String> {
    let (sa, sb) = (a.shape(), b.shape());
    let nd = sa.len();
    let (n, k, m) = (sa[nd - 2], sa[nd - 1], sb[nd - 1]);
    let batch: usize = sa[..nd - 2].iter().product();
    let forward = |x: &NdArray| x.layout.strides.iter().all(|&s| s >= 0);
    if matches!(T::DTYPE, DType::F32 | DType::F64) && n * m * batch > 0 && forward(a) && forward(b) {
        return strided_gemm::<T>(a, b, (batch, n, k, m));
    }
    let (va, vb) = (values::<T>(a)?, values::<T>(b)?);
    if T::DTYPE.is_float() && n * m * batch > 0 {
        // float16/bfloat16 multiply in float32 and round once, as PyTorch's CPU does;
        // reversed views are copied forward first.
        let wide = |v: &[T], shape: &[usize]| {
            let buf = if T::DTYPE == DType::F64 {
                Buffer::F64(v.iter().map(|x| x.to_f64()).collect())
            } else {
                Buffer::F32(v.iter().map(|x| x.to_f64() as f32).collect())
            };
            NdArray::from_buffer(buf, shape)
        };
        let (wa, wb) = (wide(&va, a.shape()), wide(&vb, b.shape()));
        let product = if T::DTYPE == DType::F64 {
            strided_gemm::<f64>(&wa, &wb, (batch, n, k, m))?
        } else {
            strided_gemm::<f32>(&wa, &wb, (batch, n, k, m))?
        };
        let out: Vec<T> = match &product {
            Buffer::F64(v) => v.iter().map(|&x| T::from_f64(x)).collect(),
            Buffer::F32(v) => v.iter().map(|&x| T::from_f64(x as f64)).collect(),
            _ => return Err("matmul: unexpected product dtype".into()),
        };
        return Ok(T::wrap(out));
    }
    let mut out = crate::array::pool::alloc(batch * n * m);
    let float = T::DTYPE.is_float();
    let (add, mul) = (T::binary(BinaryOp::Add), T::binary(BinaryOp::Mul));
    for bi in 0..batch {
        let (x, y) = (&va[bi * n * k..(bi + 1) * n * k], &vb[bi * k * m..(bi + 1) * k * m]);
        for i in 0..n {
            if crate::interrupt::pending() {
                return Err(crate::interrupt::KEYBOARD_INTERRUPT.into());
            }
            for j in 0..m {
                if float {
                    let s: f64 = (0..k).map(|p| x[i * k + p].to_f64() * y[p * m + j].to_f64()).sum();
                    out.push(T::from_f64(s));
                } else {
                    out.push((0..k).fold(T::zero(), |acc, p| add(acc, mul(x[i * k + p], y[p * m + j]))));
                }
            }
        }
    }
    Ok(T::wrap(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noise(len: usize, seed: u64) -> Vec<f64> {
        let mut x = seed;
        (0..len)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (x >> 11) as f64 / (1u64 << 53) as f64 - 0.5
            })
            .collect()
    }

    /// Row blocks give the one-call result bit for bit: k spans several of gemm's kc
    /// blocks, columns on both sides of gemm's 64-column small path, a transposed lhs.
    #[test]
    fn blocked_products_equal_one_call() {
        for (n, k, m, transposed) in [(1100, 1500, 70, false), (1300, 1100, 40, true), (1030, 700, 3, false)] {
            let a64 = NdArray::from_buffer(Buffer::F64(noise(n * k, 1)), &[n, k]);
            let a64 = if transposed {
                let t = NdArray::from_buffer(Buffer::F64(noise(n * k, 1)), &[k, n]);
                t.view(t.layout.permute(&[1, 0]))
            } else {
                a64
            };
            let b64 = NdArray::from_buffer(Buffer::F64(noise(k * m, 2)), &[k, m]);
            let f32s = |x: &NdArray| {
                let v: Vec<f32> = values::<f64>(x).unwrap().iter().map(|&v| v as f32).collect();
                NdArray::from_buffer(Buffer::F32(v), x.shape())
            };
            let (a32, b32) = (f32s(&a64), f32s(&b64));
            assert!(row_blocks(n, m, k, 1).len() >= 2, "{n}x{k}x{m} splits");
            let dims = (1, n, k, m);
            let whole = gemm_in_blocks::<f64>(&a64, &b64, dims, usize::MAX).unwrap();
            let split = gemm_in_blocks::<f64>(&a64, &b64, dims, 1).unwrap();
            assert!(
                matches!((&whole, &split), (Buffer::F64(x), Buffer::F64(y)) if x.iter().zip(y).all(|(p, q)| p.to_bits() == q.to_bits()))
            );
            let whole = gemm_in_blocks::<f32>(&a32, &b32, dims, usize::MAX).unwrap();
            let split = gemm_in_blocks::<f32>(&a32, &b32, dims, 1).unwrap();
            assert!(
                matches!((&whole, &split), (Buffer::F32(x), Buffer::F32(y)) if x.iter().zip(y).all(|(p, q)| p.to_bits() == q.to_bits()))
            );
        }
    }

    #[test]
    fn short_or_thin_products_run_whole() {
        assert_eq!(row_blocks(100_000, 1, 100_000, 1), vec![(0, 100_000)]);
        assert_eq!(row_blocks(100_000, 100, 2, 1), vec![(0, 100_000)]);
        assert_eq!(row_blocks(1023, 100, 100, 1), vec![(0, 1023)]);
        assert_eq!(row_blocks(1024, 100, 100, 1), vec![(0, 512), (512, 512)]);
        assert_eq!(row_blocks(10_000, 1000, 1000, usize::MAX), vec![(0, 10_000)]);
    }
}
