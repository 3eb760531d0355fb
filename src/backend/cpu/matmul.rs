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
    let (oa, ob) = (batch_offsets(la), batch_offsets(lb));
    let mut out = crate::array::pool::filled(batch * n * m, T::default());
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
            // Small products keep matrixmultiply's summation order (PyTorch's for the
            // sizes the reference sessions print); large ones go to gemm's AVX-512
            // kernels: dst := alpha·dst + beta·lhs·rhs, the destination not read.
            let threads = gemm::Parallelism::Rayon(0);
            let (mm, one) = (m as isize, 1);
            if n * m * k < SMALL_GEMM {
                if T::DTYPE == DType::F32 {
                    let (x, y, o) = (x.cast(), y.cast(), o.cast());
                    matrixmultiply::sgemm(n, k, m, 1.0, x, ra, ca, y, rb, cb, 0.0, o, mm, 1);
                } else {
                    let (x, y, o) = (x.cast(), y.cast(), o.cast());
                    matrixmultiply::dgemm(n, k, m, 1.0, x, ra, ca, y, rb, cb, 0.0, o, mm, 1);
                }
            } else {
                // Long products run a block of rows at a time, checking Ctrl-C between
                // blocks. Each output element is still one dot product over k, split
                // where gemm splits it (its kc depends on k alone on this path), so the
                // result is the one-call result bit for bit.
                for (r0, rows) in row_blocks(n, m, k, block) {
                    if crate::interrupt::pending() {
                        return Err(crate::interrupt::KEYBOARD_INTERRUPT.into());
                    }
                    let (xr, or) = (x.offset(r0 as isize * ra), o.add(r0 * m));
                    if T::DTYPE == DType::F32 {
                        let (x, y, o) = (xr.cast::<f32>(), y.cast::<f32>(), or.cast::<f32>());
                        gemm::gemm(
                            rows, m, k, o, one, mm, false, x, ca, ra, y, cb, rb, 0.0, 1.0, false, false, false, threads,
                        );
                    } else {
                        let (x, y, o) = (xr.cast::<f64>(), y.cast::<f64>(), or.cast::<f64>());
                        gemm::gemm(
                            rows, m, k, o, one, mm, false, x, ca, ra, y, cb, rb, 0.0, 1.0, false, false, false, threads,
                        );
                    }
                }
            }
        }
    }
    Ok(T::wrap(out))
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
