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

pub fn call(_: &mut Interp, lib: Lib, name: &'static str, args: Args) -> Res<Value> {
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
            let vector = b.ndim() == 1;
            if b.shape().first() != Some(&n) || b.ndim() > 2 || a.ndim() != 2 {
                return Err(match lib {
                    Lib::Numpy => exc(
                        "ValueError",
                        "solve: Input operand 1 has a mismatch in its core dimension 0",
                    ),
                    Lib::Torch => exc(
                        "RuntimeError",
                        "linalg.solve: Incompatible shapes of A and B for the equation AX = B",
                    ),
                });
            }
            let r = if vector { 1 } else { b.shape()[1] };
            let bf = crate::realise::to_f64s(&b).map_err(super::internal)?;
            let mut m = flat.clone();
            lu(&mut m, n, &mut perm).map_err(|(k, _)| singular(lib, what, k))?;
            let x = lu_solve(&m, n, &perm, &bf, r);
            let d = match lib {
                Lib::Numpy => float_of(crate::array::dtype::numpy_promote(a.dtype, b.dtype)),
                Lib::Torch => d,
            };
            finish(lib, x, b.shape(), d)
        }
        _ => Err(super::internal(format!("unknown linalg function {name}"))),
    }
}
