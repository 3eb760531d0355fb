//! Every primitive op of the IR, run on every backend and compared with an independent
//! scalar reference computed here in f64/i128: the CPU, and the gpu device (wgpu) when an
//! adapter exists. `NT_REQUIRE_GPU=1` (set by `.ci/run`) makes a missing adapter a failure.
//!
//! Tolerance: the CPU must match to 1e-12 relative; the gpu matches integer and bool
//! results exactly and float results to 4e-6 relative (a few float32 ulps: WGSL's
//! transcendental functions are not correctly rounded).
//!
//! `reference` matches on `Op` exhaustively: a new primitive does not compile until it has
//! a reference here, and `every_primitive_has_a_case` fails until it has a case.

use nt::array::NdArray;
use nt::array::dtype::DType;
use nt::array::storage::Buffer;
use nt::backend::Backend;
use nt::backend::cpu::{self, Cpu};
use nt::ir::{BinaryOp, MathLib, Op, ReduceOp, UnaryOp};

fn backends() -> Vec<(&'static str, Box<dyn Backend>)> {
    let mut v: Vec<(&'static str, Box<dyn Backend>)> = vec![("cpu", Box::new(Cpu))];
    match nt::backend::wgpu::adapter() {
        Ok(name) => {
            eprintln!("backend parity: gpu adapter {name}");
            v.push(("gpu", Box::new(nt::backend::wgpu::Gpu)));
        }
        Err(e) => {
            assert!(
                std::env::var_os("NT_REQUIRE_GPU").is_none(),
                "NT_REQUIRE_GPU is set but: {e}"
            );
            eprintln!("backend parity: no gpu ({e})");
        }
    }
    v
}

fn arr(dtype: DType, shape: &[usize], xs: &[f64]) -> NdArray {
    NdArray::from_buffer(Buffer::from_f64s(dtype, xs), shape)
}

fn floats(a: &NdArray) -> Vec<f64> {
    cpu::to_f64s(a).expect("readable")
}

/// The value each element should have, from first principles.
fn reference(op: &Op, inputs: &[&NdArray]) -> Vec<f64> {
    let x = floats(inputs[0]);
    let dt = inputs[0].dtype;
    let round = |v: f64| -> f64 { floats(&arr(dt, &[1], &[v]))[0] };
    match op {
        Op::Unary(u, _) => x
            .iter()
            .map(|&v| {
                round(match u {
                    UnaryOp::Neg => -v,
                    UnaryOp::Not if dt == DType::Bool => (v == 0.0) as i64 as f64,
                    UnaryOp::Not => !(v as i64) as f64,
                    UnaryOp::Abs => v.abs(),
                    UnaryOp::Exp => v.exp(),
                    UnaryOp::Log => v.ln(),
                    UnaryOp::Log2 => v.log2(),
                    UnaryOp::Log10 => v.log10(),
                    UnaryOp::Sqrt => v.sqrt(),
                    UnaryOp::Sin => v.sin(),
                    UnaryOp::Cos => v.cos(),
                    UnaryOp::Tan => v.tan(),
                    UnaryOp::Tanh => v.tanh(),
                    UnaryOp::Floor => v.floor(),
                    UnaryOp::Ceil => v.ceil(),
                    UnaryOp::Round => v.round_ties_even(),
                    UnaryOp::Sign => v.signum() * (v != 0.0) as i64 as f64,
                    UnaryOp::Trunc => v.trunc(),
                    UnaryOp::Asin => v.asin(),
                    UnaryOp::Acos => v.acos(),
                    UnaryOp::Atan => v.atan(),
                    UnaryOp::Sinh => v.sinh(),
                    UnaryOp::Cosh => v.cosh(),
                    UnaryOp::Asinh => v.asinh(),
                    UnaryOp::Acosh => v.acosh(),
                    UnaryOp::Atanh => v.atanh(),
                    UnaryOp::Expm1 => v.exp_m1(),
                    UnaryOp::Log1p => v.ln_1p(),
                    UnaryOp::Exp2 => v.exp2(),
                    UnaryOp::Cbrt => v.cbrt(),
                    UnaryOp::Erf => libm::erf(v),
                    UnaryOp::Erfc => libm::erfc(v),
                    UnaryOp::Conj => v,
                    UnaryOp::Imag => 0.0,
                    UnaryOp::Angle => 0.0f64.atan2(v),
                })
            })
            .collect(),
        Op::Binary(b) => {
            let y = floats(inputs[1]);
            x.iter()
                .zip(&y)
                .map(|(&p, &q)| {
                    let r = match b {
                        BinaryOp::Add => p + q,
                        BinaryOp::Sub => p - q,
                        BinaryOp::Mul => p * q,
                        BinaryOp::Div => p / q,
                        BinaryOp::FloorDiv => (p / q).floor(),
                        BinaryOp::Mod => p - q * (p / q).floor(),
                        BinaryOp::Remainder => p - q * (p / q).floor(),
                        BinaryOp::Pow => p.powf(q),
                        BinaryOp::Max => p.max(q),
                        BinaryOp::Min => p.min(q),
                        BinaryOp::Eq => return (p == q) as i64 as f64,
                        BinaryOp::Ne => return (p != q) as i64 as f64,
                        BinaryOp::Lt => return (p < q) as i64 as f64,
                        BinaryOp::Le => return (p <= q) as i64 as f64,
                        BinaryOp::Gt => return (p > q) as i64 as f64,
                        BinaryOp::Ge => return (p >= q) as i64 as f64,
                        BinaryOp::And => ((p as i64) & (q as i64)) as f64,
                        BinaryOp::Or => ((p as i64) | (q as i64)) as f64,
                        BinaryOp::Xor => ((p as i64) ^ (q as i64)) as f64,
                        BinaryOp::Shl => ((p as i64) << (q as i64)) as f64,
                        BinaryOp::Shr => ((p as i64) >> (q as i64)) as f64,
                        BinaryOp::Atan2 => p.atan2(q),
                        BinaryOp::Hypot => p.hypot(q),
                        BinaryOp::Copysign => p.copysign(q),
                        BinaryOp::Fmod => p % q,
                    };
                    round(r)
                })
                .collect()
        }
        Op::Where => {
            let (a, b) = (floats(inputs[1]), floats(inputs[2]));
            x.iter()
                .zip(a.iter().zip(&b))
                .map(|(&c, (&p, &q))| if c != 0.0 { p } else { q })
                .collect()
        }
        Op::Cast(d) => x.iter().map(|&v| floats(&arr(*d, &[1], &[v]))[0]).collect(),
        Op::Reduce { op, axes, .. } => {
            // The cases reduce the last axis of a 2-D input.
            assert_eq!(axes.as_slice(), &[inputs[0].ndim() - 1]);
            let inner = inputs[0].shape()[inputs[0].ndim() - 1];
            x.chunks(inner)
                .map(|r| match op {
                    ReduceOp::Sum | ReduceOp::NumpySum => round(r.iter().sum()),
                    ReduceOp::Prod => round(r.iter().product()),
                    ReduceOp::Max => r.iter().cloned().fold(f64::MIN, f64::max),
                    ReduceOp::Min => r.iter().cloned().fold(f64::MAX, f64::min),
                    ReduceOp::ArgMax => (0..r.len()).fold(0, |b, i| if r[i] > r[b] { i } else { b }) as f64,
                    ReduceOp::ArgMin => (0..r.len()).fold(0, |b, i| if r[i] < r[b] { i } else { b }) as f64,
                    ReduceOp::Any => r.iter().any(|&v| v != 0.0) as i64 as f64,
                    ReduceOp::All => r.iter().all(|&v| v != 0.0) as i64 as f64,
                })
                .collect()
        }
        Op::CumSum(axis) => {
            assert_eq!(*axis, inputs[0].ndim() - 1);
            let inner = inputs[0].shape()[*axis];
            x.chunks(inner)
                .flat_map(|r| {
                    r.iter()
                        .scan(0.0, |acc, &v| {
                            *acc += v;
                            Some(round(*acc))
                        })
                        .collect::<Vec<_>>()
                })
                .collect()
        }
        Op::MatMul => {
            let (s, t) = (inputs[0].shape(), inputs[1].shape());
            let (n, k, m) = (s[0], s[1], t[1]);
            let y = floats(inputs[1]);
            (0..n * m)
                .map(|ij| round((0..k).map(|p| x[(ij / m) * k + p] * y[p * m + ij % m]).sum()))
                .collect()
        }
        Op::Copy => x,
        Op::Gather => floats(inputs[1]).iter().map(|&p| x[p as usize]).collect(),
        Op::Fma => {
            let (y, z) = (floats(inputs[1]), floats(inputs[2]));
            (0..x.len()).map(|i| round(x[i].mul_add(y[i], z[i]))).collect()
        }
        Op::Im2Col(w) | Op::Col2Im(w) | Op::WindowArgMax(w) => windows_reference(op, w, &x),
        Op::ScatterAdd { len } => {
            let mut out = vec![0.0; *len];
            for (&p, &v) in x.iter().zip(&floats(inputs[1])) {
                out[p as usize] += v;
            }
            out.into_iter()
                .map(|v| floats(&arr(inputs[1].dtype, &[1], &[v]))[0])
                .collect()
        }
    }
}

fn cases() -> Vec<(Op, Vec<NdArray>)> {
    let xs = [-2.5, -1.0, 0.0, 0.5, 1.5, 3.0];
    let pos = [0.25, 0.5, 1.0, 2.0, 4.0, 9.0];
    let ints = [-7.0, -3.0, 0.0, 2.0, 5.0, 9.0];
    let mut v = Vec::new();
    for u in [
        UnaryOp::Neg,
        UnaryOp::Abs,
        UnaryOp::Exp,
        UnaryOp::Sin,
        UnaryOp::Cos,
        UnaryOp::Tan,
        UnaryOp::Tanh,
        UnaryOp::Floor,
        UnaryOp::Ceil,
        UnaryOp::Round,
        UnaryOp::Sign,
    ] {
        for d in [DType::F32, DType::F64] {
            v.push((Op::Unary(u, MathLib::Numpy), vec![arr(d, &[2, 3], &xs)]));
        }
    }
    for u in [
        UnaryOp::Trunc,
        UnaryOp::Atan,
        UnaryOp::Sinh,
        UnaryOp::Cosh,
        UnaryOp::Asinh,
        UnaryOp::Expm1,
        UnaryOp::Exp2,
        UnaryOp::Cbrt,
        UnaryOp::Erf,
        UnaryOp::Erfc,
        UnaryOp::Conj,
        UnaryOp::Imag,
        UnaryOp::Angle,
    ] {
        for d in [DType::F32, DType::F64] {
            v.push((Op::Unary(u, MathLib::Numpy), vec![arr(d, &[2, 3], &xs)]));
        }
    }
    let unit = [-0.75, -0.5, 0.0, 0.25, 0.5, 0.9];
    for u in [UnaryOp::Asin, UnaryOp::Acos, UnaryOp::Atanh] {
        v.push((Op::Unary(u, MathLib::Numpy), vec![arr(DType::F32, &[6], &unit)]));
    }
    v.push((
        Op::Unary(UnaryOp::Acosh, MathLib::Numpy),
        vec![arr(DType::F64, &[6], &pos.map(|x| x + 1.0))],
    ));
    for u in [
        UnaryOp::Log,
        UnaryOp::Log2,
        UnaryOp::Log10,
        UnaryOp::Sqrt,
        UnaryOp::Log1p,
    ] {
        v.push((Op::Unary(u, MathLib::Numpy), vec![arr(DType::F32, &[6], &pos)]));
    }
    v.push((
        Op::Unary(UnaryOp::Not, MathLib::Numpy),
        vec![arr(DType::I32, &[6], &ints)],
    ));
    v.push((
        Op::Unary(UnaryOp::Not, MathLib::Numpy),
        vec![arr(DType::Bool, &[6], &ints)],
    ));
    v.push((
        Op::Unary(UnaryOp::Neg, MathLib::Numpy),
        vec![arr(DType::I64, &[6], &ints)],
    ));
    for b in [
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::Div,
        BinaryOp::Pow,
        BinaryOp::Max,
        BinaryOp::Min,
        BinaryOp::Eq,
        BinaryOp::Ne,
        BinaryOp::Lt,
        BinaryOp::Le,
        BinaryOp::Gt,
        BinaryOp::Ge,
        BinaryOp::FloorDiv,
        BinaryOp::Mod,
        BinaryOp::Remainder,
        BinaryOp::Atan2,
        BinaryOp::Hypot,
        BinaryOp::Copysign,
        BinaryOp::Fmod,
    ] {
        v.push((
            Op::Binary(b),
            vec![arr(DType::F64, &[6], &pos), arr(DType::F64, &[6], &xs.map(|x| x + 3.0))],
        ));
    }
    for b in [
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::FloorDiv,
        BinaryOp::Mod,
        BinaryOp::And,
        BinaryOp::Or,
        BinaryOp::Xor,
        BinaryOp::Shl,
        BinaryOp::Shr,
        BinaryOp::Max,
        BinaryOp::Lt,
    ] {
        v.push((
            Op::Binary(b),
            vec![
                arr(DType::I64, &[6], &ints),
                arr(DType::I64, &[6], &[1.0, 2.0, 3.0, 1.0, 2.0, 3.0]),
            ],
        ));
    }
    let cond = arr(DType::Bool, &[6], &[1.0, 0.0, 1.0, 0.0, 0.0, 1.0]);
    v.push((
        Op::Where,
        vec![cond, arr(DType::F32, &[6], &xs), arr(DType::F32, &[6], &pos)],
    ));
    for d in [
        DType::I8,
        DType::U8,
        DType::I64,
        DType::F16,
        DType::BF16,
        DType::F32,
        DType::Bool,
    ] {
        v.push((Op::Cast(d), vec![arr(DType::F64, &[6], &xs)]));
    }
    for r in [
        ReduceOp::Sum,
        ReduceOp::NumpySum,
        ReduceOp::Prod,
        ReduceOp::Max,
        ReduceOp::Min,
        ReduceOp::ArgMax,
        ReduceOp::ArgMin,
        ReduceOp::Any,
        ReduceOp::All,
    ] {
        v.push((
            Op::Reduce {
                op: r,
                axes: vec![1],
                keepdim: false,
            },
            vec![arr(DType::F32, &[2, 3], &xs)],
        ));
        v.push((
            Op::Reduce {
                op: r,
                axes: vec![1],
                keepdim: true,
            },
            vec![arr(DType::I64, &[3, 2], &ints)],
        ));
    }
    v.push((Op::CumSum(1), vec![arr(DType::F64, &[2, 3], &xs)]));
    v.push((
        Op::MatMul,
        vec![arr(DType::F32, &[2, 3], &xs), arr(DType::F32, &[3, 2], &pos)],
    ));
    v.push((
        Op::MatMul,
        vec![arr(DType::I32, &[3, 2], &ints), arr(DType::I32, &[2, 3], &ints)],
    ));
    // Large enough for the gpu's register-blocked matmul (more than 64×64 outputs).
    let big_a: Vec<f64> = (0..70 * 33).map(|i| ((i * 7 % 13) as f64 - 6.0) / 4.0).collect();
    let big_b: Vec<f64> = (0..33 * 80).map(|i| ((i * 5 % 11) as f64 - 5.0) / 8.0).collect();
    v.push((
        Op::MatMul,
        vec![arr(DType::F32, &[70, 33], &big_a), arr(DType::F32, &[33, 80], &big_b)],
    ));
    let base = arr(DType::F64, &[2, 3], &xs);
    v.push((Op::Copy, vec![base.view(base.layout.transpose(0, 1))]));
    let positions = arr(DType::I64, &[2, 2], &[5.0, 0.0, 0.0, 2.0]);
    v.push((Op::Gather, vec![base.clone(), positions.clone()]));
    // Windows of a 1×2×3×4 image, 2×2 kernel, stride 1, padding 1, dilation 1: 4×5 outputs.
    let windows = nt::ir::Windows {
        batch: 1,
        channels: 2,
        sizes: vec![3, 4],
        kernel: vec![2, 2],
        stride: vec![1, 1],
        pad: vec![1, 1],
        dil: vec![1, 1],
        out: vec![4, 5],
    };
    let image: Vec<f64> = (0..24).map(|i| ((i * 7) % 11) as f64 - 5.0).collect();
    let image = arr(DType::F32, &[1, 2, 3, 4], &image);
    let cols: Vec<f64> = (0..2 * 4 * 20).map(|i| ((i * 5) % 9) as f64 * 0.5).collect();
    let cols = arr(DType::F32, &[2, 2, 2, 1, 4, 5], &cols);
    v.push((Op::Im2Col(Box::new(windows.clone())), vec![image.clone()]));
    v.push((Op::Col2Im(Box::new(windows.clone())), vec![cols]));
    v.push((Op::WindowArgMax(Box::new(windows)), vec![image]));
    v.push((
        Op::ScatterAdd { len: 6 },
        vec![positions, arr(DType::F32, &[2, 2], &[1.5, 2.0, 4.0, -1.0])],
    ));
    v
}

/// im2col, col2im and each window's argmax by their definitions, one element at a time.
fn windows_reference(op: &Op, w: &nt::ir::Windows, x: &[f64]) -> Vec<f64> {
    let nd = w.sizes.len();
    let plane: usize = w.sizes.iter().product();
    let kk: usize = w.kernel.iter().product();
    let per: usize = w.out.iter().product();
    let digits = |mut i: usize, dims: &[usize]| -> Vec<usize> {
        let mut d = vec![0; dims.len()];
        for k in (0..dims.len()).rev() {
            d[k] = i % dims[k];
            i /= dims[k];
        }
        d
    };
    // The image offset (within a plane) of kernel offset k at output position o, if inside.
    let at = |k: usize, o: usize| -> Option<usize> {
        let (kd, od) = (digits(k, &w.kernel), digits(o, &w.out));
        let mut off = 0;
        for d in 0..nd {
            let i = (od[d] * w.stride[d] + kd[d] * w.dil[d]) as isize - w.pad[d] as isize;
            if i < 0 || i >= w.sizes[d] as isize {
                return None;
            }
            off = off * w.sizes[d] + i as usize;
        }
        Some(off)
    };
    let (n, c) = (w.batch, w.channels);
    match op {
        Op::Im2Col(_) => {
            let mut out = Vec::new();
            for ci in 0..c {
                for k in 0..kk {
                    for ni in 0..n {
                        for o in 0..per {
                            out.push(at(k, o).map_or(0.0, |p| x[(ni * c + ci) * plane + p]));
                        }
                    }
                }
            }
            out
        }
        Op::Col2Im(_) => {
            let mut img = vec![0.0; n * c * plane];
            let mut j = 0;
            for ci in 0..c {
                for k in 0..kk {
                    for ni in 0..n {
                        for o in 0..per {
                            if let Some(p) = at(k, o) {
                                img[(ni * c + ci) * plane + p] += x[j];
                            }
                            j += 1;
                        }
                    }
                }
            }
            img
        }
        _ => {
            let mut out = Vec::new();
            for pl in 0..n * c {
                for o in 0..per {
                    let (mut best, mut arg) = (f64::NEG_INFINITY, None);
                    for k in 0..kk {
                        if let Some(p) = at(k, o) {
                            let v = x[pl * plane + p];
                            if arg.is_none() || v > best {
                                best = v;
                                arg = Some(p);
                            }
                        }
                    }
                    out.push(arg.unwrap_or(0) as f64);
                }
            }
            out
        }
    }
}

fn same(a: f64, b: f64, tol: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= tol * a.abs().max(b.abs())
}

#[test]
fn every_primitive_agrees_with_the_scalar_reference_on_every_backend() {
    let mut failures = Vec::new();
    for (name, backend) in backends() {
        for (op, inputs) in cases() {
            let refs: Vec<&NdArray> = inputs.iter().collect();
            let (shape, dtype) = op.infer(&refs).expect("consistent case");
            let out = backend.execute(&op, &refs, &shape, dtype).expect("runs");
            assert_eq!(out.shape(), shape.as_slice(), "{name} {op:?} shape");
            assert_eq!(out.dtype, dtype, "{name} {op:?} dtype");
            let (got, want) = (floats(&out), reference(&op, &refs));
            // The CPU computes NumPy's float32 transcendental functions with NumPy's own
            // kernels, within an ulp of the correctly rounded value (2^-23 relative).
            let exact = [
                UnaryOp::Neg,
                UnaryOp::Not,
                UnaryOp::Abs,
                UnaryOp::Sqrt,
                UnaryOp::Floor,
                UnaryOp::Ceil,
                UnaryOp::Round,
                UnaryOp::Sign,
                UnaryOp::Trunc,
            ];
            let transcendental = matches!(op, Op::Unary(u, _) if !exact.contains(&u));
            let tol = if name == "gpu" && dtype.is_float() {
                4e-6
            } else if dtype == DType::F32 && transcendental {
                1.2e-7
            } else {
                1e-12
            };
            if got.len() != want.len() || got.iter().zip(&want).any(|(g, w)| !same(*g, *w, tol)) {
                failures.push(format!(
                    "{name} {op:?} on {:?}: got {got:?}, want {want:?}",
                    inputs[0].dtype
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_primitive_has_a_case() {
    let names: Vec<String> = cases()
        .iter()
        .map(|(op, _)| format!("{op:?}").split(['(', ' ']).next().unwrap_or("").to_owned())
        .collect();
    for kind in [
        "Unary",
        "Binary",
        "Where",
        "Cast",
        "Reduce",
        "CumSum",
        "MatMul",
        "Copy",
        "Gather",
        "ScatterAdd",
    ] {
        assert!(names.iter().any(|n| n == kind), "no parity case for {kind}");
    }
    let ops: Vec<Op> = cases().into_iter().map(|(op, _)| op).collect();
    for u in [
        UnaryOp::Neg,
        UnaryOp::Not,
        UnaryOp::Abs,
        UnaryOp::Exp,
        UnaryOp::Log,
        UnaryOp::Log2,
        UnaryOp::Log10,
        UnaryOp::Sqrt,
        UnaryOp::Sin,
        UnaryOp::Cos,
        UnaryOp::Tan,
        UnaryOp::Tanh,
        UnaryOp::Floor,
        UnaryOp::Ceil,
        UnaryOp::Round,
        UnaryOp::Sign,
    ] {
        assert!(ops.contains(&Op::Unary(u, MathLib::Numpy)), "no case for {u:?}");
    }
    for b in [
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::Div,
        BinaryOp::FloorDiv,
        BinaryOp::Mod,
        BinaryOp::Remainder,
        BinaryOp::Pow,
        BinaryOp::Shl,
        BinaryOp::Shr,
        BinaryOp::Max,
        BinaryOp::Min,
        BinaryOp::Eq,
        BinaryOp::Ne,
        BinaryOp::Lt,
        BinaryOp::Le,
        BinaryOp::Gt,
        BinaryOp::Ge,
        BinaryOp::And,
        BinaryOp::Or,
        BinaryOp::Xor,
    ] {
        assert!(ops.contains(&Op::Binary(b)), "no case for {b:?}");
    }
}
