//! Sorting and what is built on it: `np.sort`/`argsort`, `torch.sort`/`argsort`/`topk`,
//! `np.unique`/`torch.unique`, `np.median`/`torch.median` and `np.percentile`.
//! Sorts are stable, NaN last (NumPy's and PyTorch's order).

use super::reduce::axis;
use super::{as_nd, wrap};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::storage::Buffer;
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::interp::builtins::{int_arg, kwarg};
use crate::value::{Args, Lib, Named, Value};
use std::cmp::Ordering;
use std::rc::Rc;

fn order(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// Rows along `ax` as (values, original positions), sorted; then the sorted values and
/// the indices, shaped as `a`.
fn sort_axis(a: &NdArray, ax: usize, descending: bool) -> Res<(NdArray, NdArray)> {
    sort_axis_at(a, ax, descending, false).map(|(v, i, _)| (v, i))
}

/// `sort_axis`, and with `at`, each sorted element's row-major position in `a` (for
/// the gradient of a sort or top-k, which sends each value's gradient back there).
fn sort_axis_at(a: &NdArray, ax: usize, descending: bool, at: bool) -> Res<(NdArray, NdArray, Option<NdArray>)> {
    if a.numel() == 0 {
        let values = super::ops::run(crate::ir::Op::Copy, &[a])?;
        let positions = at.then(|| NdArray::zeros(DType::I64, a.shape()));
        return Ok((values, NdArray::zeros(DType::I64, a.shape()), positions));
    }
    let nd = a.ndim().max(1);
    let a = if a.ndim() == 0 {
        a.view(a.layout.reshape(&[1]).unwrap_or(a.layout.clone()))
    } else {
        a.clone()
    };
    // Move the axis last, sort contiguous rows, move it back.
    let mut perm: Vec<usize> = (0..nd).filter(|&d| d != ax).collect();
    perm.push(ax);
    let moved = a.view(a.layout.permute(&perm));
    let flat = crate::backend::cpu::to_f64s(&moved).map_err(super::internal)?;
    let exact = crate::backend::cpu::to_i128s(&moved).ok();
    let len = a.shape()[ax].max(1);
    let mut vals = Vec::with_capacity(flat.len());
    let mut idx = Vec::with_capacity(flat.len());
    for (r, row) in flat.chunks(len).enumerate() {
        let mut pos: Vec<usize> = (0..row.len()).collect();
        let key = |i: usize| row[i];
        let cmp = |x: &usize, y: &usize| match (&exact, a.dtype.is_float()) {
            (Some(e), false) => e[r * len + *x].cmp(&e[r * len + *y]),
            _ => order(key(*x), key(*y)),
        };
        if descending {
            // Largest first; NaN first too, as PyTorch's descending sort puts it.
            pos.sort_by(|x, y| cmp(y, x));
        } else {
            pos.sort_by(cmp);
        }
        idx.extend(pos.iter().map(|&i| i as i64));
        vals.extend(pos.iter().map(|&i| r * len + i));
    }
    let moved_shape = moved.shape().to_vec();
    let gathered = gather(&moved, &vals)?;
    let values = gathered.view(
        gathered
            .layout
            .reshape(&moved_shape)
            .ok_or_else(|| super::internal("sort shape"))?,
    );
    let indices = NdArray::from_buffer(Buffer::I64(idx), &moved_shape);
    let mut back = vec![0; nd];
    for (i, &p) in perm.iter().enumerate() {
        back[p] = i;
    }
    let values = values.view(values.layout.permute(&back));
    let indices = indices.view(indices.layout.permute(&back));
    let values = super::ops::run(crate::ir::Op::Copy, &[&values])?;
    let indices = super::ops::run(crate::ir::Op::Copy, &[&indices])?;
    let positions = if at {
        let origin = crate::autograd::hooks::positions(&a);
        let moved = origin.view(origin.layout.permute(&perm));
        let p = gather(&moved, &vals)?;
        let p = p.view(p.layout.reshape(&moved_shape).ok_or_else(|| super::internal("sort shape"))?);
        Some(super::ops::run(crate::ir::Op::Copy, &[&p.view(p.layout.permute(&back))])?)
    } else {
        None
    };
    Ok((values, indices, positions))
}

/// The elements at row-major positions `at` of `a`, exactly (any dtype).
fn gather(a: &NdArray, at: &[usize]) -> Res<NdArray> {
    let flat = super::ops::run(crate::ir::Op::Copy, &[a])?;
    let flat = flat.view(
        flat.layout
            .reshape(&[a.numel()])
            .ok_or_else(|| super::internal("gather"))?,
    );
    let idx: Vec<i64> = at.iter().map(|&i| i as i64).collect();
    let index = wrap(Lib::Numpy, NdArray::from_buffer(Buffer::I64(idx), &[at.len()]));
    let v = super::index::get(Lib::Numpy, &flat, &index)?;
    as_nd(&v)
        .map(|(_, x)| x.clone())
        .ok_or_else(|| super::internal("gather result"))
}

/// `len` elements of `a` along `dim` from `start` (a view).
fn narrow(a: &NdArray, dim: usize, start: usize, len: usize) -> NdArray {
    a.view(a.layout.slice(dim, start, 1, len))
}

fn named(name: &str, values: Value, indices: Value) -> Value {
    Value::Named(Rc::new(Named {
        type_name: format!("torch.return_types.{name}"),
        fields: vec![("values", values), ("indices", indices)],
    }))
}

fn input(lib: Lib, args: &Args, fname: &str) -> Res<NdArray> {
    let v = args
        .pos
        .first()
        .ok_or_else(|| type_error(format!("{fname}() missing required argument 'input'")))?;
    match as_nd(v) {
        Some((_, a)) => Ok(a.clone()),
        None => super::create::from_data(lib, v, None),
    }
}

fn param(args: &mut Args, names: &[&str], i: usize) -> Option<Value> {
    names
        .iter()
        .find_map(|n| kwarg(args, n))
        .or_else(|| args.pos.get(i).cloned())
        .filter(|v| !matches!(v, Value::None))
}

fn flag(args: &mut Args, name: &str) -> bool {
    kwarg(args, name).is_some_and(|v| v.truthy())
}

fn flatten(a: &NdArray) -> Res<NdArray> {
    let c = super::ops::run(crate::ir::Op::Copy, &[a])?;
    Ok(c.view(
        c.layout
            .reshape(&[a.numel()])
            .ok_or_else(|| super::internal("flatten"))?,
    ))
}

/// Sorted values along the last (or given) axis.
pub fn call(_: &mut Interp, lib: Lib, name: &'static str, mut args: Args) -> Res<Value> {
    let a = input(lib, &args, name)?;
    match name {
        "sort" | "argsort" | "msort" => {
            let descending = flag(&mut args, "descending");
            let _ = kwarg(&mut args, "stable");
            let _ = kwarg(&mut args, "kind");
            let ax = match param(&mut args, &["axis", "dim"], 1) {
                Some(v) => Some(int_arg(&v)?),
                // np.sort(a, axis=None) flattens; the default is the last axis.
                None if args.kw.iter().any(|(k, _)| k.as_str() == "axis") => None,
                // torch.msort sorts along the first dimension.
                None if name == "msort" => Some(0),
                None => Some(-1),
            };
            let (a, ax) = match ax {
                None => (flatten(&a)?, 0),
                Some(x) => {
                    let ax = axis(lib, x, a.ndim())?;
                    (a, ax)
                }
            };
            let grad = name != "argsort" && crate::autograd::needs(&[&args.pos[0]]);
            let (values, indices, at) = sort_axis_at(&a, ax, descending, grad)?;
            let mut values = wrap(lib, values);
            if let Some(at) = &at {
                values = crate::autograd::hooks::rearranged("SortBackward0", values, &args.pos[0], at);
            }
            Ok(match (name, lib) {
                ("argsort", _) => wrap(lib, indices),
                ("sort", Lib::Torch) => named("sort", values, wrap(lib, indices)),
                _ => values,
            })
        }
        "topk" => {
            let k = param(&mut args, &["k"], 1).ok_or_else(|| type_error("topk() missing required argument 'k'"))?;
            let k = int_arg(&k)?;
            let dim = param(&mut args, &["dim"], 2)
                .map(|v| int_arg(&v))
                .transpose()?
                .unwrap_or(-1);
            let largest = kwarg(&mut args, "largest")
                .or_else(|| args.pos.get(3).cloned())
                .is_none_or(|v| v.truthy());
            let ax = axis(lib, dim, a.ndim())?;
            let n = a.shape().get(ax).copied().unwrap_or(1) as i64;
            if k < 0 || k > n {
                return Err(exc("RuntimeError", "selected index k out of range"));
            }
            let grad = crate::autograd::needs(&[&args.pos[0]]);
            let (values, indices, at) = sort_axis_at(&a, ax, largest, grad)?;
            let take = |x: &NdArray| -> Res<NdArray> {
                let v = narrow(x, ax, 0, k as usize);
                super::ops::run(crate::ir::Op::Copy, &[&v])
            };
            let mut values = wrap(lib, take(&values)?);
            if let Some(at) = &at {
                values = crate::autograd::hooks::rearranged("TopkBackward0", values, &args.pos[0], &take(at)?);
            }
            Ok(named("topk", values, wrap(lib, take(&indices)?)))
        }
        "unique" => {
            let counts = flag(&mut args, "return_counts");
            let (values, _) = sort_axis(&flatten(&a)?, 0, false)?;
            let flat = crate::backend::cpu::to_f64s(&values).map_err(super::internal)?;
            let mut keep = Vec::new();
            let mut count: Vec<i64> = Vec::new();
            for (i, x) in flat.iter().enumerate() {
                let same = i > 0 && (flat[i - 1] == *x || (flat[i - 1].is_nan() && x.is_nan() && lib == Lib::Torch));
                if same {
                    if let Some(c) = count.last_mut() {
                        *c += 1;
                    }
                } else {
                    keep.push(i);
                    count.push(1);
                }
            }
            let u = wrap(lib, gather(&values, &keep)?);
            if !counts {
                return Ok(u);
            }
            let c = wrap(lib, NdArray::from_buffer(Buffer::I64(count.clone()), &[count.len()]));
            Ok(Value::tuple(vec![u, c]))
        }
        "median" => median(lib, &a, &mut args),
        "percentile" | "quantile" => percentile(lib, name, &a, &mut args),
        _ => Err(super::internal(format!("unknown sorting function {name}"))),
    }
}

fn median(lib: Lib, a: &NdArray, args: &mut Args) -> Res<Value> {
    let ax = param(args, &["axis", "dim"], 1).map(|v| int_arg(&v)).transpose()?;
    let keep = flag(args, "keepdim") || flag(args, "keepdims");
    let (a, ax, all) = match ax {
        None => (flatten(a)?, 0, true),
        Some(x) => {
            let ax = axis(lib, x, a.ndim())?;
            (a.clone(), ax, false)
        }
    };
    let n = a.shape().get(ax).copied().unwrap_or(0);
    if n == 0 {
        return Err(exc("IndexError", "median() of an empty input"));
    }
    let (values, indices) = sort_axis(&a, ax, false)?;
    let pick = |x: &NdArray, i: usize| -> Res<NdArray> {
        let v = narrow(x, ax, i, 1);
        let v = super::ops::run(crate::ir::Op::Copy, &[&v])?;
        let mut s = v.shape().to_vec();
        if !keep {
            s.remove(ax);
        }
        Ok(v.view(v.layout.reshape(&s).ok_or_else(|| super::internal("median shape"))?))
    };
    match lib {
        // PyTorch: the lower of the two middle values, and (with dim) its index.
        Lib::Torch => {
            let v = wrap(lib, pick(&values, (n - 1) / 2)?);
            if all {
                return Ok(v);
            }
            Ok(named("median", v, wrap(lib, pick(&indices, (n - 1) / 2)?)))
        }
        // NumPy: the mean of the two middle values, as float.
        Lib::Numpy => {
            let d = if a.dtype.is_float() { a.dtype } else { DType::F64 };
            let lo = super::ops::cast(&pick(&values, (n - 1) / 2)?, d)?;
            let hi = super::ops::cast(&pick(&values, n / 2)?, d)?;
            let sum = super::ops::run(crate::ir::Op::Binary(crate::ir::BinaryOp::Add), &[&lo, &hi])?;
            let half = super::create::scalar(&Value::Float(0.5), d)?;
            let (s, h) = super::ops::broadcast2(lib, &sum, &half)?;
            let m = super::ops::run(crate::ir::Op::Binary(crate::ir::BinaryOp::Mul), &[&s, &h])?;
            Ok(super::result(lib, m))
        }
    }
}

/// `np.percentile(a, q, axis=None)` (q in 0..100) and `quantile` (q in 0..1), linear.
fn percentile(lib: Lib, name: &str, a: &NdArray, args: &mut Args) -> Res<Value> {
    let q = param(args, &["q"], 1).ok_or_else(|| type_error(format!("{name}() missing required argument 'q'")))?;
    let ax = param(args, &["axis", "dim"], 2).map(|v| int_arg(&v)).transpose()?;
    let scale = if name == "percentile" { 100.0 } else { 1.0 };
    let qs: Vec<f64> = match &q {
        Value::List(_) | Value::Tuple(_) | Value::Array(_) | Value::Tensor(_) => {
            let arr = match as_nd(&q) {
                Some((_, x)) => x.clone(),
                None => super::create::from_data(Lib::Numpy, &q, Some(DType::F64))?,
            };
            crate::backend::cpu::to_f64s(&arr).map_err(super::internal)?
        }
        other => vec![
            other
                .as_f64()
                .ok_or_else(|| type_error("q must be a number or a sequence"))?,
        ],
    };
    if qs.iter().any(|&x| !(0.0..=scale).contains(&x)) {
        return Err(exc(
            "ValueError",
            if scale == 100.0 {
                "Percentiles must be in the range [0, 100]"
            } else {
                "Quantiles must be in the range [0, 1]"
            },
        ));
    }
    let (a, ax) = match ax {
        None => (flatten(a)?, 0),
        Some(x) => {
            let ax = axis(lib, x, a.ndim())?;
            (a.clone(), ax)
        }
    };
    let (values, _) = sort_axis(&a, ax, false)?;
    let values = super::ops::cast(&values, DType::F64)?;
    let n = a.shape()[ax];
    let mut outs = Vec::new();
    for &q in &qs {
        // NumPy's 'linear' method: position (n - 1) q, between the two neighbours.
        let pos = (n as f64 - 1.0) * (q / scale);
        let (lo, frac) = (pos.floor() as usize, pos - pos.floor());
        let hi = (lo + 1).min(n - 1);
        let row = |i: usize| -> Res<NdArray> {
            let v = narrow(&values, ax, i, 1);
            let v = super::ops::run(crate::ir::Op::Copy, &[&v])?;
            let mut s = v.shape().to_vec();
            s.remove(ax);
            Ok(v.view(
                v.layout
                    .reshape(&s)
                    .ok_or_else(|| super::internal("percentile shape"))?,
            ))
        };
        let (l, h) = (row(lo)?, row(hi)?);
        let lf = crate::backend::cpu::to_f64s(&l).map_err(super::internal)?;
        let hf = crate::backend::cpu::to_f64s(&h).map_err(super::internal)?;
        // NumPy's _lerp: a + (b - a) t, or b - (b - a)(1 - t) for t >= 0.5.
        let v: Vec<f64> = lf
            .iter()
            .zip(&hf)
            .map(|(&x, &y)| {
                let d = y - x;
                if frac >= 0.5 {
                    y - d * (1.0 - frac)
                } else {
                    x + d * frac
                }
            })
            .collect();
        outs.push((v, l.shape().to_vec()));
    }
    let single = !matches!(q, Value::List(_) | Value::Tuple(_) | Value::Array(_) | Value::Tensor(_));
    let mut shape_out = outs[0].1.clone();
    let flat: Vec<f64> = outs.into_iter().flat_map(|(v, _)| v).collect();
    if !single {
        shape_out.insert(0, qs.len());
    }
    let arr = NdArray::from_buffer(Buffer::F64(flat), &shape_out);
    Ok(super::result(lib, arr))
}
