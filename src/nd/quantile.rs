//! Order statistics: `np.median`/`percentile`/`quantile` and `torch.median`/`quantile`/
//! `nanquantile`, with each library's interpolation methods, NaN propagation, result
//! dtypes and rounding (NumPy interpolates in float64 unless a float32 array meets a
//! scalar q; PyTorch always in the input's dtype).

use super::reduce::axis;
use super::sorting::{named, narrow, param, sort_axis};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::storage::Buffer;
use crate::error::{Res, exc, type_error};
use crate::interp::builtins::{int_arg, kwarg};
use crate::value::{Args, Lib, Value};

#[derive(Clone, Copy, PartialEq)]
enum Method {
    Linear,
    Lower,
    Higher,
    Nearest,
    Midpoint,
    /// NumPy's median: the mean of the two middle values.
    Mean,
    /// Hyndman & Fan's continuous methods (NumPy's `hazen`, `weibull`, `median_unbiased`,
    /// `normal_unbiased`): the virtual index `n q + alpha + q (1 - alpha - beta) - 1`.
    Plotting(f64, f64),
}

impl Method {
    fn discrete(self) -> bool {
        matches!(self, Method::Lower | Method::Higher | Method::Nearest)
    }
}

const NUMPY_METHODS: &str = "dict_keys(['inverted_cdf', 'averaged_inverted_cdf', 'closest_observation', 'interpolated_inverted_cdf', 'hazen', 'weibull', 'linear', 'median_unbiased', 'normal_unbiased', 'lower', 'higher', 'midpoint', 'nearest'])";

fn method(lib: Lib, v: Option<Value>) -> Res<Method> {
    let Some(v) = v else { return Ok(Method::Linear) };
    let s = match &v {
        Value::Str(s) => s.to_string(),
        other => crate::value::repr::repr(other),
    };
    Ok(match s.as_str() {
        "linear" => Method::Linear,
        "lower" => Method::Lower,
        "higher" => Method::Higher,
        "nearest" => Method::Nearest,
        "midpoint" => Method::Midpoint,
        "hazen" if lib == Lib::Numpy => Method::Plotting(0.5, 0.5),
        "weibull" if lib == Lib::Numpy => Method::Plotting(0.0, 0.0),
        "median_unbiased" if lib == Lib::Numpy => Method::Plotting(1.0 / 3.0, 1.0 / 3.0),
        "normal_unbiased" if lib == Lib::Numpy => Method::Plotting(3.0 / 8.0, 3.0 / 8.0),
        other => {
            return Err(match lib {
                Lib::Numpy if NUMPY_METHODS.contains(&format!("'{other}'")) => exc(
                    "NotImplementedError",
                    format!("np.percentile(): nt does not implement the argument method='{other}' yet"),
                ),
                Lib::Numpy => exc(
                    "ValueError",
                    format!("'{other}' is not a valid method. Use one of: {NUMPY_METHODS}"),
                ),
                Lib::Torch => exc(
                    "RuntimeError",
                    format!(
                        "quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, but got {other}"
                    ),
                ),
            });
        }
    })
}

use crate::value::pyfmt::round_half_even as round_even;

/// `a + (b - a) t`, or `b - (b - a)(1 - t)` from `t = 0.5` on: NumPy's `_lerp` and
/// `torch.lerp`, in float32 when `f32`.
fn lerp(a: f64, b: f64, t: f64, f32: bool) -> f64 {
    if f32 {
        let (a, b, t) = (a as f32, b as f32, t as f32);
        let d = b - a;
        (if t >= 0.5 { b - d * (1.0 - t) } else { a + d * t }) as f64
    } else {
        let d = b - a;
        if t >= 0.5 { b - d * (1.0 - t) } else { a + d * t }
    }
}

/// One quantile of a sorted row (NaN last) holding `valid` numbers before any NaN.
fn pick(lib: Lib, row: &[f64], valid: usize, q: f64, m: Method, f32: bool) -> f64 {
    let n = row.len();
    if valid < n {
        return f64::NAN;
    }
    let last = (n - 1) as f64;
    // The virtual index: NumPy's in float64, PyTorch's in the input's dtype.
    let torch32 = f32 && lib == Lib::Torch;
    let v = if torch32 {
        ((q as f32) * (last as f32)) as f64
    } else {
        q * last
    };
    let at = |i: f64| row[(i.max(0.0) as usize).min(n - 1)];
    match m {
        Method::Lower => at(v.floor()),
        Method::Higher => at(v.ceil()),
        Method::Nearest => at(round_even(v)),
        Method::Mean => {
            let (lo, hi) = (at(v.floor()), at(v.ceil()));
            if f32 {
                ((lo as f32 + hi as f32) * 0.5) as f64
            } else {
                (lo + hi) * 0.5
            }
        }
        Method::Plotting(alpha, beta) => {
            let v = n as f64 * q + (alpha + q * (1.0 - alpha - beta)) - 1.0;
            let lo = v.floor();
            let (i, j) = if v >= last {
                (last, last)
            } else if v < 0.0 {
                (0.0, 0.0)
            } else {
                (lo, lo + 1.0)
            };
            lerp(at(i), at(j), v - lo, f32)
        }
        Method::Linear | Method::Midpoint => {
            let lo = v.floor();
            let gamma = match m {
                Method::Midpoint if lib == Lib::Torch => 0.5,
                Method::Midpoint if v.fract() == 0.0 => 0.0,
                Method::Midpoint => 0.5,
                _ if torch32 => ((v as f32) - (lo as f32)) as f64,
                _ => v - lo,
            };
            let hi = if v >= last { lo } else { lo + 1.0 };
            lerp(at(lo), at(hi), gamma, f32)
        }
    }
}

/// The q values as numbers, and whether q was one number (no q dimension in the result).
fn quantiles(lib: Lib, name: &str, q: &Value, input: DType) -> Res<(Vec<f64>, bool)> {
    let (qs, single) = match q {
        Value::List(_) | Value::Tuple(_) | Value::Array(_) | Value::Tensor(_) => {
            let arr = match super::as_nd(q) {
                Some((_, x)) => x.clone(),
                None => super::create::from_data(Lib::Numpy, q, Some(DType::F64))?,
            };
            if lib == Lib::Torch {
                if arr.ndim() > 1 {
                    return Err(exc("RuntimeError", format!("{name}() q must be a scalar or 1D tensor")));
                }
                if arr.dtype != input {
                    return Err(exc(
                        "RuntimeError",
                        format!("{name}() q tensor must be same dtype as the input tensor"),
                    ));
                }
            }
            let single = arr.ndim() == 0;
            (crate::realise::to_f64s(&arr).map_err(super::internal)?, single)
        }
        other => (
            vec![
                other
                    .as_f64()
                    .ok_or_else(|| type_error("q must be a number or a sequence"))?,
            ],
            true,
        ),
    };
    let scale = if name == "percentile" { 100.0 } else { 1.0 };
    if let Some(bad) = qs.iter().find(|x| !(0.0..=scale).contains(*x)) {
        return Err(match (lib, scale == 100.0) {
            (Lib::Torch, _) => exc(
                "RuntimeError",
                format!(
                    "{name}() q must be in the range [0, 1] but got {}",
                    crate::value::pyfmt::float_repr(*bad)
                ),
            ),
            (_, true) => exc("ValueError", "Percentiles must be in the range [0, 100]"),
            (_, false) => exc("ValueError", "Quantiles must be in the range [0, 1]"),
        });
    }
    Ok((qs.into_iter().map(|x| x / scale).collect(), single))
}

/// Rows of `a` along `ax` (moved last), sorted with NaN last, as f64s.
fn sorted_rows(a: &NdArray, ax: usize) -> Res<(Vec<f64>, Vec<usize>)> {
    let (values, _) = sort_axis(a, ax, false)?;
    let mut perm: Vec<usize> = (0..a.ndim()).filter(|&d| d != ax).collect();
    perm.push(ax);
    let moved = values.view(values.layout.permute(&perm));
    let rest: Vec<usize> = perm[..perm.len() - 1].iter().map(|&d| a.shape()[d]).collect();
    Ok((crate::realise::to_f64s(&moved).map_err(super::internal)?, rest))
}

/// `np.percentile`/`np.quantile` and `torch.quantile`/`torch.nanquantile`.
pub fn quantile(lib: Lib, name: &str, a: &NdArray, args: &mut Args) -> Res<Value> {
    let q = param(args, &["q"], 1).ok_or_else(|| type_error(format!("{name}() missing required argument 'q'")))?;
    let ax = param(args, &["axis", "dim"], 2).map(|v| int_arg(&v)).transpose()?;
    let keep = match lib {
        Lib::Numpy => kwarg(args, "keepdims").or_else(|| args.pos.get(6).cloned()),
        Lib::Torch => kwarg(args, "keepdim").or_else(|| args.pos.get(3).cloned()),
    }
    .is_some_and(|v| v.truthy());
    let m = if name == "median" {
        Method::Mean
    } else {
        method(
            lib,
            kwarg(args, "method")
                .or_else(|| kwarg(args, "interpolation"))
                .or_else(|| (lib == Lib::Numpy).then(|| args.pos.get(5).cloned()).flatten()),
        )?
    };
    if lib == Lib::Torch {
        if !a.dtype.is_float() || matches!(a.dtype, DType::F16 | DType::BF16) {
            return Err(exc(
                "RuntimeError",
                format!("{name}() input tensor must be either float or double dtype"),
            ));
        }
        if a.numel() == 0 {
            return Err(exc("RuntimeError", format!("{name}() input tensor must be non-empty")));
        }
    }
    let (qs, single) = quantiles(lib, name, &q, a.dtype)?;
    let nan_skip = name.starts_with("nan");
    let (flat, ax) = match ax {
        None => (super::reduce::flatten(a)?, None),
        Some(x) => (a.clone(), Some(axis(lib, x, a.ndim())?)),
    };
    let d = ax.unwrap_or(0);
    let (rows, rest) = sorted_rows(&flat, d)?;
    let n = flat.shape().get(d).copied().unwrap_or(1).max(1);
    // The arithmetic's and the result's dtype.
    let out = match lib {
        Lib::Torch => a.dtype,
        Lib::Numpy if m.discrete() => a.dtype,
        Lib::Numpy if single && matches!(a.dtype, DType::F32 | DType::F16) => a.dtype,
        Lib::Numpy => DType::F64,
    };
    let f32 = out == DType::F32 || out == DType::F16;
    let mut vals = Vec::with_capacity(qs.len() * rows.len() / n);
    for &q in &qs {
        for row in rows.chunks(n) {
            let valid = row.iter().take_while(|x| !x.is_nan()).count();
            let x = if nan_skip {
                if valid == 0 {
                    f64::NAN
                } else {
                    pick(lib, &row[..valid], valid, q, m, f32)
                }
            } else {
                pick(lib, row, valid, q, m, f32)
            };
            vals.push(x);
        }
    }
    // Shape: q's dimension, then the input's without the reduced axis (kept as 1).
    let mut shape: Vec<usize> = if single { vec![] } else { vec![qs.len()] };
    match (ax, keep) {
        (None, true) => shape.extend(std::iter::repeat_n(1, a.ndim())),
        (None, false) => {}
        (Some(ax), _) => {
            let mut s = rest;
            if keep {
                s.insert(ax, 1);
            }
            shape.extend(s);
        }
    }
    let arr = NdArray::from_buffer(Buffer::from_f64s(out, &vals), &shape);
    Ok(super::result(lib, arr))
}

/// `np.median` (the mean of the middle two) and `torch.median` (the lower one, with its
/// index along a dim). A NaN anywhere in a row makes its median NaN.
pub fn median(lib: Lib, a: &NdArray, args: &mut Args) -> Res<Value> {
    let ax = param(args, &["axis", "dim"], 1).map(|v| int_arg(&v)).transpose()?;
    let keep = kwarg(args, "keepdim")
        .or_else(|| kwarg(args, "keepdims"))
        .or_else(|| args.pos.get(2).cloned());
    let keep = keep.is_some_and(|v| v.truthy());
    let (x, ax, all) = match ax {
        None => (super::reduce::flatten(a)?, 0, true),
        Some(d) => (a.clone(), axis(lib, d, a.ndim())?, false),
    };
    let n = x.shape().get(ax).copied().unwrap_or(0);
    if n == 0 {
        return Err(exc("IndexError", "median() of an empty input"));
    }
    if lib == Lib::Numpy {
        // The mean of the two middle values is linear interpolation at q = 0.5.
        let mut inner = Args {
            pos: vec![Value::Float(0.5)],
            kw: vec![],
        };
        if !all {
            inner
                .kw
                .push((crate::syntax::symbol::Sym::new("axis"), Value::Int(ax as i64)));
        }
        if keep {
            inner
                .kw
                .push((crate::syntax::symbol::Sym::new("keepdims"), Value::Bool(true)));
        }
        inner.pos.insert(0, Value::None);
        // NumPy's median of a float32 array stays float32; of ints, float64.
        return quantile(lib, "median", a, &mut inner);
    }
    let (values, indices) = sort_axis(&x, ax, false)?;
    let (rows, _) = sorted_rows(&x, ax)?;
    // The lower middle, or the first NaN (with its index) where a row has one.
    let mid = (n - 1) / 2;
    let first_nan: Vec<usize> = rows
        .chunks(n)
        .map(|r| r.iter().position(|v| v.is_nan()).map_or(mid, |p| p.min(n)))
        .collect();
    let take = |src: &NdArray| -> Res<NdArray> {
        let uniform = first_nan.iter().all(|&p| p == mid);
        let v = if uniform {
            narrow(src, ax, mid, 1)
        } else {
            // Rows pick different positions: gather each row's own.
            let mut perm: Vec<usize> = (0..src.ndim()).filter(|&d| d != ax).collect();
            perm.push(ax);
            let moved = super::ops::run(crate::ir::Op::Copy, &[&src.view(src.layout.permute(&perm))])?;
            let at: Vec<i64> = first_nan.iter().enumerate().map(|(r, &p)| (r * n + p) as i64).collect();
            let flat = moved.view(
                moved
                    .layout
                    .reshape(&[moved.numel()])
                    .ok_or_else(|| super::internal("median"))?,
            );
            let idx = super::wrap(Lib::Numpy, NdArray::from_buffer(Buffer::I64(at.clone()), &[at.len()]));
            let got = super::index::get(Lib::Numpy, &flat, &idx)?;
            let got = super::as_nd(&got)
                .map(|(_, g)| g.clone())
                .ok_or_else(|| super::internal("median"))?;
            let mut s: Vec<usize> = perm[..perm.len() - 1].iter().map(|&d| src.shape()[d]).collect();
            s.push(1);
            let g = got.view(got.layout.reshape(&s).ok_or_else(|| super::internal("median"))?);
            let mut back = vec![0; perm.len()];
            for (i, &p) in perm.iter().enumerate() {
                back[p] = i;
            }
            g.view(g.layout.permute(&back))
        };
        let v = super::ops::run(crate::ir::Op::Copy, &[&v])?;
        let mut s = v.shape().to_vec();
        if !keep || all {
            s.remove(ax);
        }
        Ok(v.view(v.layout.reshape(&s).ok_or_else(|| super::internal("median shape"))?))
    };
    let mut v = super::wrap(lib, take(&values)?);
    let idx = take(&indices)?;
    if lib == Lib::Torch && args.pos.first().is_some_and(|t| matches!(t, Value::Tensor(_))) {
        // The gradient goes to the chosen element: its row-major position in the input.
        let pos = if all {
            idx.clone()
        } else {
            let stride: usize = x.shape()[ax + 1..].iter().product();
            let iota = NdArray::from_buffer(Buffer::I64((0..x.numel() as i64).collect()), x.shape());
            let base = super::ops::run(crate::ir::Op::Copy, &[&narrow(&iota, ax, 0, 1)])?;
            let base = base.view(
                base.layout
                    .reshape(idx.shape())
                    .ok_or_else(|| super::internal("median base"))?,
            );
            let st = NdArray::from_buffer(Buffer::I64(vec![stride as i64]), &[]);
            let (i, st) = super::ops::broadcast2(Lib::Torch, &idx, &st)?;
            let off = super::ops::run(crate::ir::Op::Binary(crate::ir::BinaryOp::Mul), &[&i, &st])?;
            super::ops::run(crate::ir::Op::Binary(crate::ir::BinaryOp::Add), &[&base, &off])?
        };
        let name = if all { "MedianBackward0" } else { "MedianBackward1" };
        v = crate::nd::record::rearranged(name, v, &args.pos[0], &pos);
    }
    if all {
        return Ok(v);
    }
    Ok(named("median", v, super::wrap(lib, idx)))
}
