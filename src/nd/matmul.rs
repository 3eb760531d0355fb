//! `@` / `matmul`: NumPy's gufunc `(n?,k),(k,m?)->(n?,m?)` and PyTorch's dispatch to dot,
//! mv, mm, a folded mm/mv or a broadcast bmm. Both compute the same product; each library's
//! errors, and the order it checks things in, follow the path it would take.

use super::funcs::nd_arg;
use super::internal;
use super::module::arg;
use super::ops::{cast, run, shape_str};
use super::{result, shape};
use crate::array::NdArray;
use crate::array::dtype::{DType, numpy_promote};
use crate::array::layout::{Layout, broadcast_shapes, numel};
use crate::error::{Exc, Res, exc};
use crate::interp::Interp;
use crate::interp::builtins::kwarg;
use crate::ir::Op;
use crate::value::{Args, Lib, Value};

/// Matrix product of arrays that need no gradient.
pub fn matmul(lib: Lib, a: &NdArray, b: &NdArray) -> Res<NdArray> {
    matmul_with(lib, a, b, [false, false])
}

/// Matrix product; `grads` says which operand requires grad, which steers PyTorch's
/// dispatch (and so its error messages).
pub fn matmul_with(lib: Lib, a: &NdArray, b: &NdArray, grads: [bool; 2]) -> Res<NdArray> {
    let d = match lib {
        Lib::Numpy => {
            numpy_check(a, b)?;
            numpy_promote(a.dtype, b.dtype)
        }
        Lib::Torch => {
            torch_check(a, b, grads)?;
            a.dtype
        }
    };
    let (a1, b1) = (a.ndim() == 1, b.ndim() == 1);
    let x = if a1 { a.view(a.layout.unsqueeze(0)) } else { a.clone() };
    let y = if b1 { b.view(b.layout.unsqueeze(1)) } else { b.clone() };
    let (bx, by) = (&x.shape()[..x.ndim() - 2], &y.shape()[..y.ndim() - 2]);
    let batch = broadcast_shapes(bx, by).map_err(|_| internal("matmul batch"))?;
    let expand = |m: &NdArray| -> Res<NdArray> {
        let mut s = batch.clone();
        s.extend_from_slice(&m.shape()[m.ndim() - 2..]);
        Ok(m.view(m.layout.broadcast_to(&s).ok_or_else(|| internal("matmul broadcast"))?))
    };
    let (x, y) = (cast(&expand(&x)?, d)?, cast(&expand(&y)?, d)?);
    let out = run(Op::MatMul, &[&x, &y])?;
    // Drop the dimensions added for 1-D operands.
    let mut l = out.layout.clone();
    if b1 {
        l = l.squeeze(l.ndim() - 1);
    }
    if a1 {
        l = l.squeeze(l.ndim() - if b1 { 1 } else { 2 });
    }
    Ok(out.view(l))
}

fn numpy_check(a: &NdArray, b: &NdArray) -> Res<()> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return Err(exc(
            "ValueError",
            format!(
                "matmul: Input operand {} does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)",
                if a.ndim() == 0 { 0 } else { 1 }
            ),
        ));
    }
    let k1 = a.shape()[a.ndim() - 1];
    let k2 = b.shape()[if b.ndim() == 1 { 0 } else { b.ndim() - 2 }];
    if k1 != k2 {
        return Err(exc(
            "ValueError",
            format!(
                "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size {k2} is different from {k1})"
            ),
        ));
    }
    let (na, nb) = (a.ndim().saturating_sub(2), b.ndim().saturating_sub(2));
    if broadcast_shapes(&a.shape()[..na], &b.shape()[..nb]).is_err() {
        // The core dimensions become newaxis; the requested shape is the output's core.
        let remapped = |x: &NdArray, n: usize| {
            let mut s: Vec<String> = x.shape()[..n].iter().map(|d| d.to_string()).collect();
            s.extend(["newaxis".to_string(), "newaxis".to_string()]);
            format!("{}->({})", shape_str(Lib::Numpy, x.shape()), s.join(","))
        };
        return Err(exc(
            "ValueError",
            format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: {} {}  and requested shape ({},{})",
                remapped(a, na),
                remapped(b, nb),
                a.shape()[a.ndim() - 2],
                b.shape()[b.ndim() - 1]
            ),
        ));
    }
    Ok(())
}

fn runtime(msg: String) -> Box<Exc> {
    exc("RuntimeError", msg)
}

/// Matrix products PyTorch's CPU kernels lack: bool and the wide unsigned types.
fn not_implemented(kernel: &str, d: DType) -> Res<()> {
    if matches!(d, DType::Bool | DType::U16 | DType::U32 | DType::U64) {
        return Err(exc(
            "NotImplementedError",
            format!("\"{kernel}\" not implemented for '{}'", d.torch_scalar_name()),
        ));
    }
    Ok(())
}

/// The errors of aten's `_matmul_impl`, in its order.
fn torch_check(a: &NdArray, b: &NdArray, grads: [bool; 2]) -> Res<()> {
    let (d1, d2) = (a.ndim(), b.ndim());
    if d1 == 0 || d2 == 0 {
        return Err(runtime(format!(
            "both arguments to matmul need to be at least 1D, but they are {d1}D and {d2}D"
        )));
    }
    let (s1, s2, t1, t2) = (a.shape(), b.shape(), a.dtype, b.dtype);
    match (d1, d2) {
        (1, 1) => dot(s1[0], s2[0], t1, t2),
        (2, 1) => mv([s1[0], s1[1]], s2[0], t1, t2),
        (1, 2) => mm([1, s1[0]], [s2[0], s2[1]], t1, t2),
        (2, 2) => mm([s1[0], s1[1]], [s2[0], s2[1]], t1, t2),
        _ => {
            // 3-D by 3-D with batches 1 and n: a size-1 batch that requires grad is squeezed.
            if d1 == 3 && d2 == 3 && s1[0] != s2[0] {
                if s1[0] == 1 && grads[0] {
                    return torch_check(&a.view(a.layout.squeeze(0)), b, grads);
                }
                if s2[0] == 1 && grads[1] {
                    return torch_check(a, &b.view(b.layout.squeeze(0)), grads);
                }
            }
            if should_fold(a, b, grads) {
                if d1 >= d2 {
                    // The batch folds into a's rows.
                    let (rows, k) = (numel(&s1[..d1 - 1]), s1[d1 - 1]);
                    if d2 == 2 {
                        mm([rows, k], [s2[0], s2[1]], t1, t2)
                    } else {
                        mv([rows, k], s2[0], t1, t2)
                    }
                } else {
                    // b.mT folds instead, and a (transposed if a matrix) multiplies it.
                    let (rows, k) = (numel(&s2[..d2 - 2]) * s2[d2 - 1], s2[d2 - 2]);
                    if d1 == 2 {
                        mm([rows, k], [s1[1], s1[0]], t2, t1)
                    } else {
                        mv([rows, k], s1[0], t2, t1)
                    }
                }
            } else {
                bmm(a, b)
            }
        }
    }
}

fn dot(n1: usize, n2: usize, t1: DType, t2: DType) -> Res<()> {
    if t1 != t2 {
        return Err(runtime(format!(
            "dot : expected both vectors to have same dtype, but found {} and {}",
            t1.torch_scalar_name(),
            t2.torch_scalar_name()
        )));
    }
    if n1 != n2 {
        return Err(runtime(format!(
            "inconsistent tensor size, expected tensor [{n1}] and src [{n2}] to have the same number of elements, but got {n1} and {n2} elements respectively"
        )));
    }
    not_implemented("dot", t1)
}

fn mv(mat: [usize; 2], len: usize, tm: DType, tv: DType) -> Res<()> {
    if mat[1] != len {
        return Err(runtime(format!(
            "size mismatch, got input ({}), mat ({}x{}), vec ({len})",
            mat[0], mat[0], mat[1]
        )));
    }
    if tm != tv {
        let (v, m) = (tv.torch_scalar_name(), tm.torch_scalar_name());
        return Err(runtime(format!(
            "addmv input tensors must have the same dtype, but got {v}, {m}, and {v}"
        )));
    }
    not_implemented("addmv_impl_cpu", tm)
}

fn mm(m1: [usize; 2], m2: [usize; 2], t1: DType, t2: DType) -> Res<()> {
    if m1[1] != m2[0] {
        return Err(runtime(format!(
            "mm: mat1 and mat2 shapes cannot be multiplied ({}x{} and {}x{})",
            m1[0], m1[1], m2[0], m2[1]
        )));
    }
    if t1 != t2 {
        return Err(runtime(format!(
            "expected m1 and m2 to have the same dtype, but got: {} != {}",
            t1.cpp_name(),
            t2.cpp_name()
        )));
    }
    not_implemented("addmm_impl_cpu_", t1)
}

/// Broadcast batches, flattened to one, then `bmm`'s checks.
fn bmm(a: &NdArray, b: &NdArray) -> Res<()> {
    let (d1, d2, s1, s2) = (a.ndim(), b.ndim(), a.shape(), b.shape());
    let (b1, b2) = (&s1[..d1.saturating_sub(2)], &s2[..d2.saturating_sub(2)]);
    let batch = broadcast_shapes(b1, b2).map_err(|dim| {
        let n = b1.len().max(b2.len());
        let size = |s: &[usize]| if dim + s.len() >= n { s[dim + s.len() - n] } else { 1 };
        runtime(format!(
            "The size of tensor a ({}) must match the size of tensor b ({}) at non-singleton dimension {dim}",
            size(b1),
            size(b2)
        ))
    })?;
    let count = numel(&batch);
    let k1 = s1[d1 - 1];
    let k2 = if d2 > 1 { s2[d2 - 2] } else { s2[0] };
    if k1 != k2 {
        return Err(runtime(format!(
            "Expected size for first two dimensions of batch2 tensor to be: [{count}, {k1}] but got: [{count}, {k2}]."
        )));
    }
    not_implemented("bmm", a.dtype)?;
    if a.dtype != b.dtype {
        return Err(runtime(format!(
            "expected scalar type {} but found {}",
            a.dtype.torch_scalar_name(),
            b.dtype.torch_scalar_name()
        )));
    }
    Ok(())
}

/// aten's `should_fold`: whether the larger operand (a, or b transposed) folds its batch
/// into matrix rows without a copy, so mm/mv run instead of bmm.
fn should_fold(a: &NdArray, b: &NdArray, grads: [bool; 2]) -> bool {
    let (d1, d2) = (a.ndim(), b.ndim());
    let larger1 = d1 >= d2;
    let (dim_t1, dim_t2) = if larger1 { (d1, d2) } else { (d2, d1) };
    if !(dim_t1 >= 3 && dim_t2 <= 2) {
        return false;
    }
    if grads[if larger1 { 1 } else { 0 }] {
        return true;
    }
    if d1 == 2 {
        return false;
    }
    let t1: Layout = if larger1 {
        a.layout.clone()
    } else {
        b.layout.transpose(d2 - 2, d2 - 1)
    };
    if t1.numel() == 0 {
        return true;
    }
    (0..dim_t1 - 2).all(|i| t1.strides[i] == t1.strides[i + 1] * t1.shape[i + 1] as isize)
}

pub fn linalg_values(_: &mut Interp, lib: Lib, name: &'static str, mut args: Args) -> Res<Value> {
    let x = arg(&args, 0, name)?;
    let y = arg(&args, 1, name);
    let _ = kwarg(&mut args, "out");
    let (a, b) = (nd_arg(lib, &x)?, nd_arg(lib, &y?)?);
    match (name, lib) {
        ("mv", _) if a.ndim() != 2 || b.ndim() != 1 => Err(exc(
            "RuntimeError",
            format!("vector + matrix @ vector expected, got 1, {}, {}", a.ndim(), b.ndim()),
        )),
        ("bmm", _) if a.ndim() != 3 || b.ndim() != 3 => Err(exc("RuntimeError", "batch1 must be a 3D tensor")),
        ("dot", Lib::Numpy) if a.ndim() == 0 || b.ndim() == 0 => {
            let (p, q) = (super::numpy_result(a.clone()), super::numpy_result(b.clone()));
            super::ops::binary(crate::syntax::ast::BinOp::Mul, &p, &q).unwrap_or_else(|| Err(super::internal("dot")))
        }
        ("mm", _) if a.ndim() != 2 || b.ndim() != 2 => Err(exc(
            "RuntimeError",
            if a.ndim() != 2 {
                format!("mm: self must be a matrix, got {}-D tensor", a.ndim())
            } else {
                format!("mm: mat2 must be a matrix, got {}-D tensor", b.ndim())
            },
        )),
        ("dot", Lib::Torch) if a.ndim() != 1 || b.ndim() != 1 => Err(exc(
            "RuntimeError",
            format!("1D tensors expected, but got {}D and {}D tensors", a.ndim(), b.ndim()),
        )),
        ("dot", Lib::Torch) if a.dtype != b.dtype => Err(exc(
            "RuntimeError",
            format!(
                "dot : expected both vectors to have same dtype, but found {} and {}",
                a.dtype.torch_scalar_name(),
                b.dtype.torch_scalar_name()
            ),
        )),
        ("dot", Lib::Numpy) => {
            // The sum over a's last axis and b's second-to-last (its only one if 1-D).
            let kdim = if b.ndim() == 1 { 0 } else { b.ndim() - 2 };
            let (ka, kb) = (a.shape()[a.ndim() - 1], b.shape()[kdim]);
            if ka != kb {
                let sh = |x: &crate::array::NdArray| super::ops::shape_str(Lib::Numpy, x.shape());
                return Err(exc(
                    "ValueError",
                    format!(
                        "shapes {} and {} not aligned: {ka} (dim {}) != {kb} (dim {kdim})",
                        sh(&a),
                        sh(&b),
                        a.ndim() - 1
                    ),
                ));
            }
            if a.ndim() <= 2 && b.ndim() <= 2 {
                return Ok(result(lib, super::matmul::matmul(lib, &a, &b)?));
            }
            // N-d: a as (M, K) times b with its K axis first, as (K, N), then unflattened.
            let a2 = shape::reshape(lib, &a, &[-1, ka as i64], false)?;
            let mut perm: Vec<i64> = vec![kdim as i64];
            perm.extend((0..b.ndim() as i64).filter(|&d| d != kdim as i64));
            let bt = shape::permute(lib, &b, &perm)?;
            let b2 = shape::reshape(lib, &bt, &[kb as i64, -1], false)?;
            let r = super::matmul::matmul(lib, &a2, &b2)?;
            let mut out: Vec<i64> = a.shape()[..a.ndim() - 1].iter().map(|&n| n as i64).collect();
            out.extend(bt.shape()[1..].iter().map(|&n| n as i64));
            Ok(result(lib, shape::reshape(lib, &r, &out, false)?))
        }
        _ => Ok(result(lib, super::matmul::matmul(lib, &a, &b)?)),
    }
}
