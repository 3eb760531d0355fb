//! Matrix decompositions for `np.linalg`/`torch.linalg` (written in nt on top of these):
//! `_nt.decomp(kind, a)` factors every matrix of `a`'s last two dimensions with `faer`
//! (LAPACK-grade, pure Rust) in float64 and returns arrays (or tensors) of `a`'s library,
//! in `a`'s float dtype.
//!
//! kinds: `svd` (full U, S, Vh), `svd_thin`, `svdvals`, `eigh_L`/`eigh_U` (eigenvalues
//! ascending, eigenvectors as columns), `eigvalsh_L`/`eigvalsh_U`, `qr` (complete Q, R),
//! `qr_reduced`, `cholesky` (lower L; `None` when not positive definite), `eig`/`eigvals`
//! (a general matrix's eigenvalues, and eigenvectors as columns, always complex128 or
//! complex64: the stdlib makes them real when NumPy does). Eigenvectors are normalised
//! as LAPACK's `geev` leaves them: unit Euclidean norm, and for a complex one its
//! largest component real.
//!
//! faer's factors agree with LAPACK's to rounding, but where a factor is determined only
//! up to sign (singular vectors, eigenvectors) its signs can differ from NumPy's.

use super::{as_nd, wrap};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::elem::Complex128;
use crate::array::storage::Buffer;
use crate::error::{Res, type_error};
use crate::interp::Interp;
use crate::value::{Args, Lib, Value};
use faer::{Mat, MatRef, Side};

fn out(lib: Lib, data: Vec<f64>, shape: Vec<usize>, d: DType) -> Res<Value> {
    let a = NdArray::from_buffer(Buffer::F64(data), &shape);
    Ok(wrap(lib, super::ops::cast(&a, d)?))
}

/// LAPACK `geev`'s eigenvector scaling: unit Euclidean norm; a complex vector is then
/// turned (`dlartg`/`drot`) so that its component of largest modulus is real.
fn geev_normalise(col: &mut [Complex128], complex: bool) {
    let norm = col.iter().map(|z| z.re * z.re + z.im * z.im).sum::<f64>().sqrt();
    if norm == 0.0 {
        return;
    }
    for z in col.iter_mut() {
        z.re /= norm;
        z.im /= norm;
    }
    if !complex {
        return;
    }
    let mut k = 0;
    let mut best = -1.0;
    for (i, z) in col.iter().enumerate() {
        let m = z.re * z.re + z.im * z.im;
        if m > best {
            best = m;
            k = i;
        }
    }
    // dlartg(f, g): c = f / r, s = g / r with r = sign(f)·hypot(f, g); the rotation
    // multiplies the vector by (c - i s), making component k real (= r).
    let (f, g) = (col[k].re, col[k].im);
    let r = f.hypot(g).copysign(f);
    let (c, sn) = if g == 0.0 { (1.0, 0.0) } else { (f / r, g / r) };
    for z in col.iter_mut() {
        let (re, im) = (z.re, z.im);
        z.re = c * re + sn * im;
        z.im = c * im - sn * re;
    }
    col[k].im = 0.0;
}

fn push_mat(dst: &mut Vec<f64>, m: MatRef<'_, f64>) {
    for i in 0..m.nrows() {
        for j in 0..m.ncols() {
            dst.push(m[(i, j)]);
        }
    }
}

fn push_transposed(dst: &mut Vec<f64>, m: MatRef<'_, f64>) {
    for j in 0..m.ncols() {
        for i in 0..m.nrows() {
            dst.push(m[(i, j)]);
        }
    }
}

pub fn decomp(_: &mut Interp, args: Args) -> Res<Value> {
    // Factored on the host; tensors on the gpu get their factors back there.
    let gpu = matches!(args.pos.get(1), Some(Value::Tensor(t)) if super::device::on_gpu(&t.data()));
    super::device::follow(factor(&args)?, gpu)
}

fn factor(args: &Args) -> Res<Value> {
    let (Some(Value::Str(kind)), Some(v)) = (args.pos.first(), args.pos.get(1)) else {
        return Err(type_error("_nt.decomp(kind, a)"));
    };
    let Some((lib, a)) = as_nd(v) else {
        return Err(type_error("_nt.decomp: a must be an array or tensor"));
    };
    let a = a.clone();
    if a.dtype.is_complex() {
        return Err(crate::error::exc(
            "NotImplementedError",
            "nt: linear algebra of complex matrices is not supported yet",
        ));
    }
    if a.ndim() < 2 {
        return Err(type_error("_nt.decomp: a must have at least two dimensions"));
    }
    let d = if a.dtype.is_float() { a.dtype } else { DType::F64 };
    let (m, n) = (a.shape()[a.ndim() - 2], a.shape()[a.ndim() - 1]);
    let batch: Vec<usize> = a.shape()[..a.ndim() - 2].to_vec();
    let flat = crate::realise::to_f64s(&a).map_err(super::internal)?;
    let k = m.min(n);
    let count: usize = batch.iter().product();
    let shape = |tail: &[usize]| -> Vec<usize> { batch.iter().chain(tail).copied().collect() };
    let mats = (0..count).map(|b| Mat::<f64>::from_fn(m, n, |i, j| flat[b * m * n + i * n + j]));
    let fail = |what: &str| crate::error::exc("numpy.linalg.LinAlgError", format!("{what} did not converge"));
    match kind.as_ref() {
        "svd" | "svd_thin" => {
            let thin = &**kind == "svd_thin";
            let (ur, vr) = if thin { (k, k) } else { (m, n) };
            let (mut u, mut s, mut vh) = (Vec::new(), Vec::new(), Vec::new());
            for mat in mats {
                let svd = if thin { mat.thin_svd() } else { mat.svd() }.map_err(|_| fail("SVD"))?;
                push_mat(&mut u, svd.U());
                s.extend((0..k).map(|i| svd.S()[i]));
                push_transposed(&mut vh, svd.V());
            }
            Ok(Value::tuple(vec![
                out(lib, u, shape(&[m, ur]), d)?,
                out(lib, s, shape(&[k]), d)?,
                out(lib, vh, shape(&[vr, n]), d)?,
            ]))
        }
        "svdvals" => {
            let mut s = Vec::new();
            for mat in mats {
                s.extend(mat.singular_values().map_err(|_| fail("SVD"))?);
            }
            out(lib, s, shape(&[k]), d)
        }
        "eigh_L" | "eigh_U" | "eigvalsh_L" | "eigvalsh_U" => {
            let side = if kind.ends_with('L') { Side::Lower } else { Side::Upper };
            let vectors = kind.starts_with("eigh");
            let (mut w, mut v) = (Vec::new(), Vec::new());
            for mat in mats {
                if vectors {
                    let e = mat.self_adjoint_eigen(side).map_err(|_| fail("Eigenvalues"))?;
                    w.extend((0..n).map(|i| e.S()[i]));
                    push_mat(&mut v, e.U());
                } else {
                    w.extend(mat.self_adjoint_eigenvalues(side).map_err(|_| fail("Eigenvalues"))?);
                }
            }
            let w = out(lib, w, shape(&[n]), d)?;
            if !vectors {
                return Ok(w);
            }
            Ok(Value::tuple(vec![w, out(lib, v, shape(&[n, n]), d)?]))
        }
        "qr" | "qr_reduced" => {
            let reduced = &**kind == "qr_reduced";
            let (mut q, mut r) = (Vec::new(), Vec::new());
            for mat in mats {
                let f = mat.qr();
                if reduced {
                    push_mat(&mut q, f.compute_thin_Q().as_ref());
                    push_mat(&mut r, f.thin_R());
                } else {
                    push_mat(&mut q, f.compute_Q().as_ref());
                    // R is m×n: faer's rows, then zero rows below them.
                    let fr = f.R();
                    push_mat(&mut r, fr);
                    r.extend(std::iter::repeat_n(0.0, (m - fr.nrows().min(m)) * n));
                }
            }
            let (qc, rr) = if reduced { (k, k) } else { (m, m) };
            Ok(Value::tuple(vec![
                out(lib, q, shape(&[m, qc]), d)?,
                out(lib, r, shape(&[rr, n]), d)?,
            ]))
        }
        "eig" | "eigvals" => {
            let vectors = &**kind == "eig";
            let (mut w, mut v) = (Vec::new(), Vec::new());
            for mat in mats {
                if !vectors {
                    let e = mat.eigenvalues().map_err(|_| fail("Eigenvalues"))?;
                    w.extend(e.iter().map(|z| Complex128::new(z.re, z.im)));
                    continue;
                }
                let e = mat.eigen().map_err(|_| fail("Eigenvalues"))?;
                let (s, u) = (e.S(), e.U());
                w.extend((0..n).map(|i| Complex128::new(s[i].re, s[i].im)));
                let mut cols: Vec<Vec<Complex128>> = (0..n)
                    .map(|j| (0..n).map(|i| Complex128::new(u[(i, j)].re, u[(i, j)].im)).collect())
                    .collect();
                for j in 0..n {
                    // The second of a conjugate pair is the first's conjugate, as NumPy
                    // builds it from LAPACK's packed real and imaginary parts (-0.j too).
                    if j > 0 && s[j].im != 0.0 && s[j].im == -s[j - 1].im && s[j].re == s[j - 1].re {
                        cols[j] = cols[j - 1].iter().map(|z| Complex128::new(z.re, -z.im)).collect();
                        continue;
                    }
                    geev_normalise(&mut cols[j], s[j].im != 0.0);
                }
                for i in 0..n {
                    v.extend(cols.iter().map(|c| c[i]));
                }
            }
            let complex = if d == DType::F32 { DType::C64 } else { DType::C128 };
            let cout = |data: Vec<Complex128>, shape: Vec<usize>| -> Res<Value> {
                let a = NdArray::from_buffer(Buffer::C128(data), &shape);
                Ok(wrap(lib, super::ops::cast(&a, complex)?))
            };
            let w = cout(w, shape(&[n]))?;
            if !vectors {
                return Ok(w);
            }
            Ok(Value::tuple(vec![w, cout(v, shape(&[n, n]))?]))
        }
        "cholesky" => {
            let mut l = Vec::new();
            for mat in mats {
                match mat.llt(Side::Lower) {
                    Ok(f) => push_mat(&mut l, f.L()),
                    Err(_) => return Ok(Value::None),
                }
            }
            out(lib, l, shape(&[n, n]), d)
        }
        other => Err(type_error(format!("_nt.decomp: unknown kind {other}"))),
    }
}
