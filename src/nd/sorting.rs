//! Sorting and what is built on it: `np.sort`/`argsort`, `torch.sort`/`argsort`/`topk`,
//! `np.unique`/`torch.unique`, `np.median`/`torch.median` and `np.percentile`.
//! NaN sorts last (NumPy's and PyTorch's order). NumPy's sorts are stable here; PyTorch's
//! `sort` and `topk` leave ties as its CPU kernels do (torch_ties.rs).

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

/// How a row's elements are chosen and ordered.
#[derive(Clone, Copy)]
pub(super) enum Pick {
    /// All of them, stably sorted (NumPy's kinds; PyTorch's `stable=True`).
    Stable,
    /// All of them, as PyTorch's CPU `std::sort` leaves ties (`torch.sort` by default).
    TorchSort,
    /// The first `k` as PyTorch's CPU top-k picks and orders them.
    TorchTopk { k: usize, sorted: bool },
    /// All of them, as NumPy's default (unstable) argsort orders ties (numpy_ties.rs).
    NumpyQuick(super::numpy_ties::Width),
}

/// The key width NumPy's default argsort dispatches on, for the dtypes it sorts by value.
fn numpy_width(d: DType) -> Option<super::numpy_ties::Width> {
    use super::numpy_ties::Width;
    Some(match d {
        DType::Bool => Width::Bool,
        DType::I8 => Width::I8,
        DType::U8 => Width::U8,
        DType::I16 => Width::I16,
        DType::U16 => Width::U16,
        DType::F16 => Width::F16,
        DType::I32 => Width::I32,
        DType::U32 => Width::U32,
        DType::F32 => Width::F32,
        DType::I64 => Width::I64,
        DType::U64 => Width::U64,
        DType::F64 => Width::F64,
        _ => return None,
    })
}

/// Rows along `ax` as (values, original positions), sorted; then the sorted values and
/// the indices, shaped as `a`.
pub(super) fn sort_axis(a: &NdArray, ax: usize, descending: bool) -> Res<(NdArray, NdArray)> {
    sort_axis_at(a, ax, descending, false, Pick::Stable).map(|(v, i, _)| (v, i))
}

/// `sort_axis`, and with `at`, each sorted element's row-major position in `a` (for
/// the gradient of a sort or top-k, which sends each value's gradient back there).
fn sort_axis_at(
    a: &NdArray,
    ax: usize,
    descending: bool,
    at: bool,
    pick: Pick,
) -> Res<(NdArray, NdArray, Option<NdArray>)> {
    if a.numel() == 0 {
        let mut shape = a.shape().to_vec();
        if let (Pick::TorchTopk { k, .. }, Some(n)) = (pick, shape.get_mut(ax)) {
            *n = k;
        }
        let values = NdArray::zeros(a.dtype, &shape);
        let positions = at.then(|| NdArray::zeros(DType::I64, &shape));
        return Ok((values, NdArray::zeros(DType::I64, &shape), positions));
    }
    let nd = a.ndim().max(1);
    let zero_d = a.ndim() == 0;
    let a = if zero_d {
        a.view(a.layout.reshape(&[1]).unwrap_or(a.layout.clone()))
    } else {
        a.clone()
    };
    // Move the axis last, sort contiguous rows, move it back.
    let mut perm: Vec<usize> = (0..nd).filter(|&d| d != ax).collect();
    perm.push(ax);
    let moved = a.view(a.layout.permute(&perm));
    let flat = crate::realise::to_f64s(&moved).map_err(super::internal)?;
    let exact = if a.dtype.is_float() {
        None
    } else {
        crate::realise::to_i128s(&moved).ok()
    };
    let len = a.shape()[ax].max(1);
    let mut vals = Vec::with_capacity(flat.len());
    let mut idx = Vec::with_capacity(flat.len());
    for (r, row) in flat.chunks(len).enumerate() {
        let ints = exact.as_ref().map(|e| &e[r * len..(r + 1) * len]);
        let pos: Vec<usize> = match (pick, ints) {
            (Pick::Stable, _) => {
                let mut pos: Vec<usize> = (0..row.len()).collect();
                let cmp = |x: &usize, y: &usize| match ints {
                    Some(e) => e[*x].cmp(&e[*y]),
                    None => order(row[*x], row[*y]),
                };
                if descending {
                    // Largest first; NaN first too, as PyTorch's descending sort puts it.
                    pos.sort_by(|x, y| cmp(y, x));
                } else {
                    pos.sort_by(cmp);
                }
                pos
            }
            (Pick::TorchSort, Some(e)) => super::torch_ties::sort_indices(e, descending, |x, y| x < y, |_| false),
            (Pick::TorchSort, None) => super::torch_ties::sort_indices(row, descending, |x, y| x < y, |x| x.is_nan()),
            (Pick::TorchTopk { k, sorted }, Some(e)) => super::torch_ties::topk_indices_i128(e, k, descending, sorted),
            (Pick::TorchTopk { k, sorted }, None) => super::torch_ties::topk_indices_f64(row, k, descending, sorted),
            (Pick::NumpyQuick(w), Some(e)) => super::numpy_ties::argsort_indices_i128(e, w),
            (Pick::NumpyQuick(w), None) => super::numpy_ties::argsort_indices_f64(row, w),
        };
        idx.extend(pos.iter().map(|&i| i as i64));
        vals.extend(pos.iter().map(|&i| r * len + i));
    }
    let mut moved_shape = moved.shape().to_vec();
    if let Pick::TorchTopk { k, .. } = pick {
        moved_shape[nd - 1] = k;
    }
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
    // A 0-d input gives 0-d results.
    let scalar = |x: NdArray| {
        if zero_d {
            x.view(x.layout.reshape(&[]).unwrap_or(x.layout.clone()))
        } else {
            x
        }
    };
    let (values, indices) = (scalar(values), scalar(indices));
    let positions = if at {
        let origin = crate::nd::record::positions(&a);
        let moved = origin.view(origin.layout.permute(&perm));
        let p = gather(&moved, &vals)?;
        let p = p.view(
            p.layout
                .reshape(&moved_shape)
                .ok_or_else(|| super::internal("sort shape"))?,
        );
        Some(super::ops::run(
            crate::ir::Op::Copy,
            &[&p.view(p.layout.permute(&back))],
        )?)
    } else {
        None
    };
    Ok((values, indices, positions.map(scalar)))
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
pub(super) fn narrow(a: &NdArray, dim: usize, start: usize, len: usize) -> NdArray {
    a.view(a.layout.slice(dim, start, 1, len))
}

pub(super) fn named(name: &str, values: Value, indices: Value) -> Value {
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

pub(super) fn param(args: &mut Args, names: &[&str], i: usize) -> Option<Value> {
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
            // nt's sort is stable, which is a correct result of every kind NumPy offers
            // and of PyTorch's stable=True.
            let stable = kwarg(&mut args, "stable").filter(|v| !matches!(v, Value::None));
            let kind = kwarg(&mut args, "kind")
                .or_else(|| (lib == Lib::Numpy).then(|| args.pos.get(2).cloned()).flatten())
                .filter(|v| !matches!(v, Value::None));
            if lib == Lib::Numpy {
                if let Some(k) = &kind {
                    let text = match k {
                        Value::Str(t) => t.to_string(),
                        other => crate::value::repr::str_of(other).to_string(),
                    };
                    if !matches!(
                        text.chars().next().map(|c| c.to_ascii_lowercase()),
                        Some('q' | 'h' | 's' | 'm')
                    ) {
                        return Err(exc(
                            "ValueError",
                            format!("sort kind must be one of 'quick', 'heap', or 'stable' (got '{text}')"),
                        ));
                    }
                    if stable.is_some() {
                        return Err(exc(
                            "ValueError",
                            "`kind` and keyword parameters can't be provided at the same time. Use only one of them.",
                        ));
                    }
                }
            }
            // np.sort(a, axis=None) flattens; the default is the last axis.
            let none_given = lib == Lib::Numpy
                && (args
                    .kw
                    .iter()
                    .any(|(k, v)| k.as_str() == "axis" && matches!(v, Value::None))
                    || matches!(args.pos.get(1), Some(Value::None)));
            let ax = match param(&mut args, &["axis", "dim"], 1) {
                Some(v) => Some(int_arg(&v)?),
                None if none_given => None,
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
            let grad = name != "argsort" && crate::nd::record::needs(&[&args.pos[0]]);
            // PyTorch's CPU sort is std::sort unless stable=True: ties come out in its order.
            // NumPy's quicksort and heapsort (one algorithm in NumPy 2) leave ties in their
            // order: visible in argsort's indices (np.sort's values are a stable sort's).
            let stable_kind = match &kind {
                Some(Value::Str(k)) => k.starts_with(['s', 'S', 'm', 'M']),
                _ => false,
            };
            let pick = match (lib, &stable) {
                (Lib::Torch, Some(s)) if s.truthy() => Pick::Stable,
                (Lib::Torch, _) => Pick::TorchSort,
                (Lib::Numpy, Some(s)) if s.truthy() => Pick::Stable,
                (Lib::Numpy, _) if name == "argsort" && !stable_kind => {
                    numpy_width(a.dtype).map_or(Pick::Stable, Pick::NumpyQuick)
                }
                (Lib::Numpy, _) => Pick::Stable,
            };
            let (values, indices, at) = sort_axis_at(&a, ax, descending, grad, pick)?;
            let mut values = wrap(lib, values);
            if let Some(at) = &at {
                values = crate::nd::record::rearranged("SortBackward0", values, &args.pos[0], at);
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
            let sorted = kwarg(&mut args, "sorted")
                .or_else(|| args.pos.get(4).cloned())
                .is_none_or(|v| v.truthy());
            if a.dtype == DType::Bool {
                return Err(exc("NotImplementedError", "topk does not support bool dtypes on CPU"));
            }
            let grad = crate::nd::record::needs(&[&args.pos[0]]);
            let pick = Pick::TorchTopk { k: k as usize, sorted };
            let (values, indices, at) = sort_axis_at(&a, ax, largest, grad, pick)?;
            let (values, indices) = (wrap(lib, values), wrap(lib, indices));
            let values = match &at {
                Some(at) => crate::nd::record::rearranged("TopkBackward0", values, &args.pos[0], at),
                None => values,
            };
            Ok(named("topk", values, indices))
        }
        "unique" => unique(lib, &a, &mut args),
        "median" => super::quantile::median(lib, &a, &mut args),
        "percentile" | "quantile" | "nanquantile" => super::quantile::quantile(lib, name, &a, &mut args),
        _ => Err(super::internal(format!("unknown sorting function {name}"))),
    }
}

/// `np.unique` and `torch.unique`: the distinct elements (or slices along an axis) in
/// sorted order, with where each first appears (NumPy's `return_index`), which one each
/// input element is (`return_inverse`, shaped as the input without an axis) and how
/// many there are of each (`return_counts`), in each library's tuple order.
fn unique(lib: Lib, a: &NdArray, args: &mut Args) -> Res<Value> {
    let index = flag(args, "return_index");
    let inverse = flag(args, "return_inverse");
    let counts = flag(args, "return_counts");
    let equal_nan = kwarg(args, "equal_nan").is_none_or(|v| v.truthy());
    let _ = kwarg(args, "sorted");
    let ax = match param(args, &["axis", "dim"], usize::MAX) {
        Some(v) => Some(axis(lib, int_arg(&v)?, a.ndim())?),
        None => None,
    };
    let (x, d) = match ax {
        None => (flatten(a)?, 0),
        Some(d) => (a.clone(), d),
    };
    let n = x.shape().get(d).copied().unwrap_or(0);
    // Each element (or slice along `d`) as a row of exact keys.
    let mut perm: Vec<usize> = vec![d];
    perm.extend((0..x.ndim()).filter(|&k| k != d));
    let moved = x.view(x.layout.permute(&perm));
    let width = if n == 0 { 0 } else { x.numel() / n };
    let floats = crate::realise::to_f64s(&moved).map_err(super::internal)?;
    let exact = if x.dtype.is_float() {
        None
    } else {
        crate::realise::to_i128s(&moved).ok()
    };
    let row_cmp = |p: usize, q: usize| -> Ordering {
        for k in 0..width {
            let c = match &exact {
                Some(e) => e[p * width + k].cmp(&e[q * width + k]),
                None => order(floats[p * width + k], floats[q * width + k]),
            };
            if c != Ordering::Equal {
                return c;
            }
        }
        Ordering::Equal
    };
    // Equal rows group; NaN equals NaN only for NumPy's whole-array unique (equal_nan).
    let same = |p: usize, q: usize| -> bool {
        (0..width).all(|k| match &exact {
            Some(e) => e[p * width + k] == e[q * width + k],
            None => {
                let (u, v) = (floats[p * width + k], floats[q * width + k]);
                u == v || (u.is_nan() && v.is_nan() && lib == Lib::Numpy && ax.is_none() && equal_nan)
            }
        })
    };
    // PyTorch's CPU unique: without dim, Tensor::sort() (std::sort, NaN last); with dim,
    // std::sort of the slice numbers under a comparator that skips NaN (torch_select.rs).
    // Integer keys need neither: equal integers group alike in any order.
    let order_: Vec<usize> = match (lib, &exact, ax) {
        (Lib::Torch, None, None) => super::torch_select::unique_order_f64(&floats),
        (Lib::Torch, None, Some(_)) if width > 0 => {
            super::torch_select::unique_dim_order(&floats, width, |a, b| a < b, |a, b| a > b)
        }
        _ => {
            let mut o: Vec<usize> = (0..n).collect();
            o.sort_by(|&p, &q| row_cmp(p, q));
            o
        }
    };
    let mut firsts: Vec<usize> = Vec::new();
    let mut count: Vec<i64> = Vec::new();
    let mut group = vec![0i64; n];
    for (k, &p) in order_.iter().enumerate() {
        if k > 0 && same(order_[k - 1], p) {
            if let Some(c) = count.last_mut() {
                *c += 1;
            }
        } else {
            firsts.push(p);
            count.push(1);
        }
        group[p] = firsts.len() as i64 - 1;
    }
    let m = firsts.len();
    let u = super::index::take(Lib::Numpy, &x, d, firsts.iter().map(|&p| p as i64).collect())?;
    let mut out = vec![wrap(lib, super::ops::run(crate::ir::Op::Copy, &[&u])?)];
    let ints = |v: Vec<i64>, shape: &[usize]| wrap(lib, NdArray::from_buffer(Buffer::I64(v), shape));
    if index && lib == Lib::Numpy {
        out.push(ints(firsts.iter().map(|&p| p as i64).collect(), &[m]));
    }
    if inverse {
        let shape = if ax.is_none() { a.shape().to_vec() } else { vec![n] };
        out.push(ints(group, &shape));
    }
    if counts {
        out.push(ints(count, &[m]));
    }
    Ok(if out.len() == 1 {
        out.remove(0)
    } else {
        Value::tuple(out)
    })
}
