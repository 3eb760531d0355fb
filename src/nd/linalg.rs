//! `np.linalg.inv/solve/det` and `torch.linalg.inv/solve/det` (also `torch.inverse`,
//! `torch.det`): LU factorisation with partial pivoting, in float64, over the last two
//! dimensions (leading dimensions are a batch). Results take the input's float dtype.

use super::{as_nd, wrap};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::storage::Buffer;
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::value::{Args, Lib, Value};

/// LU of an n×n row-major matrix in place: the row swaps' parity, or the first zero pivot.
fn lu(m: &mut [f64], n: usize, perm: &mut [usize]) -> Result<bool, (usize, bool)> {
    let mut odd = false;
    for (i, p) in perm.iter_mut().enumerate() {
        *p = i;
    }
    for k in 0..n {
        let p = (k..n)
            .max_by(|&a, &b| m[a * n + k].abs().total_cmp(&m[b * n + k].abs()))
            .unwrap_or(k);
        if p != k {
            for j in 0..n {
                m.swap(k * n + j, p * n + j);
            }
            perm.swap(k, p);
            odd = !odd;
        }
        let pivot = m[k * n + k];
        if pivot == 0.0 {
            return Err((k, odd));
        }
        for i in k + 1..n {
            let f = m[i * n + k] / pivot;
            m[i * n + k] = f;
            for j in k + 1..n {
                m[i * n + j] -= f * m[k * n + j];
            }
        }
    }
    Ok(odd)
}

/// Solves L U x = P b for each column of the n×r `b`.
fn lu_solve(m: &[f64], n: usize, perm: &[usize], b: &[f64], r: usize) -> Vec<f64> {
    let mut x = vec![0.0; n * r];
    for c in 0..r {
        let mut y: Vec<f64> = (0..n).map(|i| b[perm[i] * r + c]).collect();
        for i in 0..n {
            for j in 0..i {
                y[i] -= m[i * n + j] * y[j];
            }
        }
        for i in (0..n).rev() {
            for j in i + 1..n {
                y[i] -= m[i * n + j] * y[j];
            }
            y[i] /= m[i * n + i];
        }
        for i in 0..n {
            x[i * r + c] = y[i];
        }
    }
    x
}

fn matrix_arg(lib: Lib, v: Option<&Value>, fname: &str) -> Res<NdArray> {
    let v = v.ok_or_else(|| type_error(format!("{fname}() missing required argument 'A'")))?;
    match as_nd(v) {
        Some((_, a)) => Ok(a.clone()),
        None => super::create::from_data(lib, v, None),
    }
}

fn square(lib: Lib, a: &NdArray, what: &str) -> Res<usize> {
    let s = a.shape();
    if s.len() < 2 || s[s.len() - 1] != s[s.len() - 2] {
        return Err(match (lib, s.len()) {
            (Lib::Numpy, d) if d < 2 => exc(
                "numpy.linalg.LinAlgError",
                format!("{d}-dimensional array given. Array must be at least two-dimensional"),
            ),
            (Lib::Numpy, _) => exc(
                "numpy.linalg.LinAlgError",
                "Last 2 dimensions of the array must be square",
            ),
            (Lib::Torch, d) if d < 2 => exc(
                "RuntimeError",
                format!("linalg.{what}: The input tensor A must have at least 2 dimensions."),
            ),
            (Lib::Torch, _) => exc(
                "RuntimeError",
                format!(
                    "linalg.{what}: A must be batches of square matrices, but they are {} by {} matrices",
                    s[s.len() - 2],
                    s[s.len() - 1]
                ),
            ),
        });
    }
    Ok(s[s.len() - 1])
}

fn float_of(d: DType) -> DType {
    if d.is_float() { d } else { DType::F64 }
}

fn singular(lib: Lib, what: &str, k: usize) -> Box<crate::error::Exc> {
    match (lib, what) {
        (Lib::Numpy, _) => exc("numpy.linalg.LinAlgError", "Singular matrix"),
        (Lib::Torch, "inv") => exc(
            "torch._C._LinAlgError",
            format!(
                "linalg.inv: The diagonal element {} is zero, the inversion could not be completed because the input matrix is singular.",
                k + 1
            ),
        ),
        (Lib::Torch, _) => exc(
            "torch._C._LinAlgError",
            "torch.linalg.solve: The solver failed because the input matrix is singular.",
        ),
    }
}

fn finish(lib: Lib, data: Vec<f64>, shape: &[usize], d: DType) -> Res<Value> {
    let a = NdArray::from_buffer(Buffer::F64(data), shape);
    let a = super::ops::cast(&a, d)?;
    Ok(match (lib, shape.is_empty()) {
        (Lib::Numpy, true) => super::result(lib, a),
        _ => wrap(lib, a),
    })
}

/// `solve(A, B)`: A `[..., n, n]`; B a vector `[..., n]` (NumPy: 1-D only; PyTorch: also
/// when it is A's shape without the last dimension) or matrices `[..., n, k]`; the batch
/// dimensions broadcast.
fn solve(lib: Lib, a: &NdArray, b: &NdArray, n: usize, flat: &[f64]) -> Res<Value> {
    let (sa, sb) = (a.shape(), b.shape());
    let vector = b.ndim() == 1 || (lib == Lib::Torch && b.ndim() + 1 == a.ndim() && sb == &sa[..sa.len() - 1]);
    let (rows, k, bb) = if vector {
        (sb[sb.len() - 1], 1, &sb[..sb.len() - 1])
    } else {
        (sb[sb.len() - 2], sb[sb.len() - 1], &sb[..sb.len() - 2])
    };
    if rows != n {
        return Err(match lib {
            Lib::Numpy if vector => exc(
                "ValueError",
                format!(
                    "solve1: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m)->(m) (size {rows} is different from {n})"
                ),
            ),
            Lib::Numpy => exc(
                "ValueError",
                format!(
                    "solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m,n)->(m,n) (size {rows} is different from {n})"
                ),
            ),
            Lib::Torch => exc(
                "RuntimeError",
                format!(
                    "linalg.solve: Incompatible shapes of A and B for the equation AX = B ({n}x{n} and {rows}x{k})"
                ),
            ),
        });
    }
    let ba = &sa[..sa.len() - 2];
    let batch = match crate::array::layout::broadcast_shapes(ba, bb) {
        Ok(s) => s,
        Err(_) => {
            return Err(match lib {
                Lib::Numpy => exc("ValueError", "solve: the batch dimensions of a and b do not broadcast"),
                Lib::Torch => {
                    // PyTorch's broadcasting message names the first dimension that differs.
                    let (x, y) = (ba.len(), bb.len());
                    let m = x.max(y);
                    let dim = |s: &[usize], i: usize| if i + s.len() >= m { s[i + s.len() - m] } else { 1 };
                    let i = (0..m).rev().find(|&i| {
                        let (p, q) = (dim(ba, i), dim(bb, i));
                        p != q && p != 1 && q != 1
                    });
                    let i = i.unwrap_or(0);
                    exc(
                        "RuntimeError",
                        format!(
                            "The size of tensor a ({}) must match the size of tensor b ({}) at non-singleton dimension {i}",
                            dim(bb, i),
                            dim(ba, i)
                        ),
                    )
                }
            });
        }
    };
    let count: usize = batch.iter().product();
    let bf = crate::realise::to_f64s(b).map_err(super::internal)?;
    // Each batch element's offsets into A and B (their batch dimensions broadcast).
    let index = |shape: &[usize], i: usize| -> usize {
        let mut rem = i;
        let mut idx = 0;
        let mut stride = 1;
        let mut coords = vec![0; batch.len()];
        for d in (0..batch.len()).rev() {
            coords[d] = rem % batch[d];
            rem /= batch[d];
        }
        let off = batch.len() - shape.len();
        for d in (0..shape.len()).rev() {
            let c = if shape[d] == 1 { 0 } else { coords[off + d] };
            idx += c * stride;
            stride *= shape[d];
        }
        idx
    };
    let mut out = Vec::with_capacity(count * n * k);
    let mut perm = vec![0; n];
    for i in 0..count {
        let ia = index(ba, i);
        let ib = index(bb, i);
        let mut m = flat[ia * n * n..(ia + 1) * n * n].to_vec();
        lu(&mut m, n, &mut perm).map_err(|(k, _)| singular(lib, "solve", k))?;
        out.extend(lu_solve(&m, n, &perm, &bf[ib * n * k..(ib + 1) * n * k], k));
    }
    let mut shape = batch.clone();
    shape.push(n);
    if !vector {
        shape.push(k);
    }
    let d = match lib {
        Lib::Numpy => float_of(crate::array::dtype::numpy_promote(a.dtype, b.dtype)),
        Lib::Torch => float_of(a.dtype),
    };
    finish(lib, out, &shape, d)
}

pub fn call(_: &mut Interp, lib: Lib, name: &'static str, args: Args) -> Res<Value> {
    let r = compute(lib, name, &args)?;
    if lib == Lib::Torch {
        return record(name, r, &args);
    }
    Ok(r)
}

/// The gradient node of `inv`, `det` or `solve`, with what its rule needs computed now
/// (PyTorch's formulas: `-A⁻ᵀ g A⁻ᵀ`; `g · det · A⁻ᵀ`; `B̄ = A⁻ᵀ X̄`, `Ā = -B̄ Xᵀ`).
fn record(name: &str, r: Value, args: &Args) -> Res<Value> {
    use crate::tensor::autograd::Rule;
    let inputs: Vec<&Value> = args.pos.iter().take(if name == "solve" { 2 } else { 1 }).collect();
    if !super::record::needs(&inputs) {
        return Ok(r);
    }
    let Some((_, out)) = as_nd(&r) else { return Ok(r) };
    let out = out.clone();
    let a = matrix_arg(Lib::Torch, args.pos.first(), name)?;
    let inverse_t = |a: &NdArray| -> Res<NdArray> {
        let inv = match compute(
            Lib::Torch,
            "inv",
            &Args {
                pos: vec![wrap(Lib::Torch, a.clone())],
                kw: Vec::new(),
            },
        ) {
            Ok(v) => v,
            Err(_) => {
                return Err(exc(
                    "NotImplementedError",
                    format!("nt cannot differentiate linalg.{name} at a singular matrix yet"),
                ));
            }
        };
        let inv = as_nd(&inv)
            .map(|(_, x)| x.clone())
            .ok_or_else(|| super::internal("inverse"))?;
        let nd = inv.ndim();
        Ok(inv.view(inv.layout.transpose(nd - 2, nd - 1)))
    };
    let (node, rule) = match name {
        "inv" | "inverse" => ("LinalgInvExBackward0", Rule::LinalgInv(out.clone())),
        "det" => ("LinalgDetBackward0", Rule::LinalgDet(inverse_t(&a)?, out.clone())),
        _ => {
            let b = matrix_arg(Lib::Torch, args.pos.get(1), name)?;
            let vector = b.ndim() == 1 || (b.ndim() + 1 == a.ndim() && b.shape() == &a.shape()[..a.ndim() - 1]);
            (
                "LinalgSolveExBackward0",
                Rule::LinalgSolve {
                    inv_t: inverse_t(&a)?,
                    x: out.clone(),
                    vector,
                },
            )
        }
    };
    Ok(super::record::record(r, node, rule, &inputs))
}

fn compute(lib: Lib, name: &str, args: &Args) -> Res<Value> {
    let what = match name {
        "inverse" => "inv",
        other => other,
    };
    let a = matrix_arg(lib, args.pos.first(), name)?;
    let n = square(lib, &a, what)?;
    let d = float_of(a.dtype);
    let flat = crate::realise::to_f64s(&a).map_err(super::internal)?;
    let batch_shape = &a.shape()[..a.ndim() - 2];
    let mut perm = vec![0; n];
    match what {
        "det" => {
            let mut out = Vec::new();
            for m in flat.chunks(n * n.max(1)) {
                let mut m = m.to_vec();
                out.push(match lu(&mut m, n, &mut perm) {
                    // NumPy: sign · exp(Σ log|u_ii|), as its slogdet computes them.
                    Ok(odd) if lib == Lib::Numpy && a.dtype == crate::array::dtype::DType::F64 => {
                        let mut sign = if odd { -1.0 } else { 1.0 };
                        let mut logdet = 0.0;
                        for i in 0..n {
                            let u = m[i * n + i];
                            if u < 0.0 {
                                sign = -sign;
                            }
                            logdet += u.abs().ln();
                        }
                        sign * logdet.exp()
                    }
                    Ok(odd) => {
                        let p: f64 = (0..n).map(|i| m[i * n + i]).product();
                        if odd { -p } else { p }
                    }
                    // NumPy's det is sign · exp(logdet), 0.0 when singular; PyTorch
                    // multiplies the pivots, keeping the sign of the swaps.
                    Err(_) if lib == Lib::Numpy => 0.0,
                    Err((_, odd)) => {
                        let p: f64 = (0..n).map(|i| m[i * n + i]).product();
                        if odd { -p } else { p }
                    }
                });
            }
            finish(lib, out, batch_shape, d)
        }
        "inv" => {
            let mut out = Vec::with_capacity(flat.len());
            let eye: Vec<f64> = (0..n * n).map(|k| if k / n == k % n { 1.0 } else { 0.0 }).collect();
            for m in flat.chunks(n * n.max(1)) {
                let mut m = m.to_vec();
                lu(&mut m, n, &mut perm).map_err(|(k, _)| singular(lib, what, k))?;
                out.extend(lu_solve(&m, n, &perm, &eye, n));
            }
            finish(lib, out, a.shape(), d)
        }
        "solve" => {
            let b = matrix_arg(lib, args.pos.get(1), name)?;
            solve(lib, &a, &b, n, &flat)
        }
        _ => Err(super::internal(format!("unknown linalg function {name}"))),
    }
}
