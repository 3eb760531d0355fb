//! Reductions (`sum mean prod max min argmax argmin std var all any cumsum norm`) with
//! NumPy's `axis=`/`keepdims=` and PyTorch's `dim=`/`keepdim=`, dtypes and errors.

use super::funcs::float_result;
use super::ops::{broadcast2, cast, run};
use super::{create, result, wrap};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::error::{Res, exc, type_error};
use crate::interp::builtins::{int_arg, kwarg};
use crate::ir::{BinaryOp, Op, ReduceOp, UnaryOp};
use crate::value::{Args, Lib, Named, Value};
use std::rc::Rc;

/// Normalises one axis, with NumPy's AxisError or PyTorch's IndexError.
pub fn axis(lib: Lib, ax: i64, ndim: usize) -> Res<usize> {
    let n = ndim as i64;
    let lo_n = n.max(1);
    if ax < -lo_n || ax >= lo_n || (ndim == 0 && lib == Lib::Numpy) {
        return Err(match lib {
            Lib::Numpy => exc(
                "numpy.exceptions.AxisError",
                format!("axis {ax} is out of bounds for array of dimension {ndim}"),
            ),
            Lib::Torch => exc(
                "IndexError",
                format!(
                    "Dimension out of range (expected to be in range of [{}, {}], but got {ax})",
                    -lo_n,
                    lo_n - 1
                ),
            ),
        });
    }
    Ok(if ax < 0 { (ax + lo_n) as usize } else { ax as usize }.min(ndim.saturating_sub(1)))
}

/// The axes named by an `axis=`/`dim=` argument (None: all), sorted and unique.
pub fn axes(lib: Lib, v: Option<&Value>, ndim: usize) -> Res<Vec<usize>> {
    let list: Vec<i64> = match v {
        None | Some(Value::None) => return Ok((0..ndim).collect()),
        Some(Value::Tuple(t)) => t.iter().map(int_arg).collect::<Res<_>>()?,
        Some(Value::List(l)) => l.borrow().iter().map(int_arg).collect::<Res<_>>()?,
        Some(other) => vec![int_arg(other)?],
    };
    let mut out = Vec::new();
    for a in list {
        let d = axis(lib, a, ndim)?;
        if out.contains(&d) {
            return Err(match lib {
                Lib::Numpy => exc("ValueError", "duplicate value in 'axis'"),
                Lib::Torch => exc(
                    "RuntimeError",
                    format!("dim {d} appears multiple times in the list of dims"),
                ),
            });
        }
        out.push(d);
    }
    // A 0-d tensor takes dim 0 or -1 and has no axis to reduce.
    if ndim == 0 {
        out.clear();
    }
    out.sort_unstable();
    Ok(out)
}

/// Takes `axis`/`dim` and `keepdims`/`keepdim` from a call's arguments (after the array).
fn axis_args(lib: Lib, args: &mut Args, first_pos: usize) -> (Option<Value>, bool) {
    let (akw, kkw) = match lib {
        Lib::Numpy => ("axis", "keepdims"),
        Lib::Torch => ("dim", "keepdim"),
    };
    let ax = kwarg(args, akw).or_else(|| args.pos.get(first_pos).cloned());
    let keep = kwarg(args, kkw)
        .or_else(|| args.pos.get(first_pos + 1).cloned())
        .is_some_and(|v| v.truthy());
    (ax, keep)
}

/// Sum and product widen small integers and bool to int64 (uint to uint64 in NumPy).
fn accumulate_dtype(lib: Lib, d: DType) -> DType {
    match d {
        DType::Bool | DType::I8 | DType::I16 | DType::I32 | DType::I64 => DType::I64,
        DType::U8 | DType::U16 | DType::U32 | DType::U64 if lib == Lib::Numpy => DType::U64,
        DType::U8 | DType::U16 | DType::U32 | DType::U64 => DType::I64,
        f => f,
    }
}

fn reduce(a: &NdArray, op: ReduceOp, axes: &[usize], keepdim: bool) -> Res<NdArray> {
    run(
        Op::Reduce {
            op,
            axes: axes.to_vec(),
            keepdim,
        },
        &[a],
    )
}

/// The library's sum: NumPy adds contiguous float runs pairwise, as its `add.reduce` does.
fn sum_op(lib: Lib) -> ReduceOp {
    match lib {
        Lib::Numpy => ReduceOp::NumpySum,
        Lib::Torch => ReduceOp::Sum,
    }
}

fn numel_over(a: &NdArray, axes: &[usize]) -> usize {
    axes.iter().map(|&d| a.shape()[d]).product()
}

fn div_scalar(lib: Lib, x: &NdArray, n: f64) -> Res<NdArray> {
    let s = create::scalar(&Value::Float(n), x.dtype)?;
    let (x, s) = broadcast2(lib, x, &s)?;
    run(Op::Binary(BinaryOp::Div), &[&x, &s])
}

fn mean_dtype_error(d: DType) -> Box<crate::error::Exc> {
    exc(
        "NotImplementedError",
        format!(
            "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: {}",
            d.torch_scalar_name()
        ),
    )
}

fn mean_of(lib: Lib, a: &NdArray, axes: &[usize], keep: bool) -> Res<NdArray> {
    let inexact = a.dtype.is_float() || a.dtype.is_complex();
    if lib == Lib::Torch && !inexact {
        return Err(mean_dtype_error(a.dtype));
    }
    let d = if inexact { a.dtype } else { DType::F64 };
    let x = cast(a, d)?;
    let s = reduce(&x, sum_op(lib), axes, keep)?;
    div_scalar(lib, &s, numel_over(a, axes) as f64)
}

/// Variance with `ddof` (NumPy, default 0) or `correction` (PyTorch, default 1).
fn var_of(lib: Lib, a: &NdArray, axes: &[usize], keep: bool, ddof: f64) -> Res<NdArray> {
    let d = float_result(lib, a.dtype);
    let d = if lib == Lib::Numpy && !a.dtype.is_float() {
        DType::F64
    } else {
        d
    };
    let x = cast(a, d)?;
    let m = mean_of(lib, &x, axes, true)?;
    let (xb, mb) = broadcast2(lib, &x, &m)?;
    let dev = run(Op::Binary(BinaryOp::Sub), &[&xb, &mb])?;
    let sq = run(Op::Binary(BinaryOp::Mul), &[&dev, &dev])?;
    let s = reduce(&sq, sum_op(lib), axes, keep)?;
    div_scalar(lib, &s, (numel_over(a, axes) as f64 - ddof).max(0.0))
}

/// Dispatches a reduction by name; `args.pos[0]` is the array.
pub fn call(lib: Lib, name: &str, a: &NdArray, mut args: Args) -> Res<Value> {
    if lib == Lib::Numpy {
        let initial = kwarg(&mut args, "initial");
        let mask = kwarg(&mut args, "where").filter(|m| !matches!(m, Value::Bool(true)));
        if initial.is_some() || mask.is_some() {
            return initial_where(name, a, args, initial, mask);
        }
    }
    let input = args.pos.first().cloned().unwrap_or(Value::None);
    let dtype_kw = super::funcs::take_dtype(&mut args)?;
    let ddof = kwarg(&mut args, "ddof").or_else(|| kwarg(&mut args, "correction"));
    let mut unbiased = kwarg(&mut args, "unbiased");
    let p = if name == "norm" { kwarg(&mut args, "p") } else { None };
    let (mut ax, keep) = axis_args(lib, &mut args, 1);
    // torch.std(t, False): PyTorch's parser picks the (input, unbiased) overload for a bool.
    if lib == Lib::Torch && matches!(name, "std" | "var") && matches!(ax, Some(Value::Bool(_))) {
        unbiased = ax.take();
    }
    if let Some((k, _)) = args.kw.first() {
        return Err(type_error(format!("{name}() got an unexpected keyword argument '{k}'")));
    }
    // NumPy's argmax/argmin treat a 0-d array as 1-d: axis 0 or -1 gives index 0.
    if lib == Lib::Numpy && a.ndim() == 0 && matches!(name, "argmax" | "argmin") {
        if let Some(v) = ax.as_ref().filter(|v| !matches!(v, Value::None)) {
            let k = int_arg(v)?;
            if k != 0 && k != -1 {
                return Err(exc(
                    "numpy.exceptions.AxisError",
                    format!("axis {k} is out of bounds for array of dimension 1"),
                ));
            }
            return Ok(super::result(
                lib,
                NdArray::from_buffer(crate::array::storage::Buffer::I64(vec![0]), &[]),
            ));
        }
    }
    // NumPy's ufunc reductions (and cumsum) accept axis 0 or -1 of a 0-d array (given as
    // an int, not a tuple): there is nothing to reduce, and cumsum sees a 1-element array.
    let mut ax = ax;
    let mut a = a;
    let flat;
    // PyTorch reads an empty dim list as every dim (NumPy's `axis=()` reduces none).
    let empty_list = match &ax {
        Some(Value::Tuple(t)) => t.is_empty(),
        Some(Value::List(l)) => l.borrow().is_empty(),
        _ => false,
    };
    if lib == Lib::Torch && empty_list && !matches!(name, "any" | "all") {
        ax = None;
    }
    if lib == Lib::Numpy && a.ndim() == 0 {
        if let Some(Value::Int(k)) = ax {
            match name {
                "sum" | "prod" | "min" | "max" | "amin" | "amax" | "any" | "all" if k == 0 || k == -1 => ax = None,
                "cumsum" => {
                    flat = a.view(a.layout.unsqueeze(0));
                    a = &flat;
                }
                _ => {}
            }
        }
    }
    // PyTorch's mean infers its dtype before it looks at the dim.
    if lib == Lib::Torch && name == "mean" && dtype_kw.is_none() && !a.dtype.is_float() && !a.dtype.is_complex() {
        return Err(mean_dtype_error(a.dtype));
    }
    // Complex numbers: sums, products and means; NumPy's lexicographic max/min.
    if a.dtype.is_complex() {
        let ok = matches!(name, "sum" | "prod" | "mean" | "cumsum" | "cumprod" | "any" | "all")
            || lib == Lib::Numpy && matches!(name, "max" | "min" | "amax" | "amin" | "argmax" | "argmin");
        if !ok {
            return Err(exc(
                "NotImplementedError",
                format!("nt: {name} of complex numbers is not supported yet"),
            ));
        }
    }
    let axes = axes(lib, ax.as_ref(), a.ndim())?;
    // Reducing an axis of size 0 has no answer for max/min/argmax/argmin; an empty array
    // reduced along a non-empty axis gives an empty result.
    let empty_axis = axes.iter().any(|&d| a.shape()[d] == 0) || (a.numel() == 0 && a.ndim() == 0);
    let dim_given = ax.as_ref().is_some_and(|v| !matches!(v, Value::None));
    let torch_empty = |name: &str| -> Box<crate::error::Exc> {
        match axes.iter().find(|&&d| a.shape()[d] == 0) {
            Some(d) if dim_given => exc(
                "IndexError",
                format!("{name}(): Expected reduction dim {d} to have non-zero size."),
            ),
            _ => exc(
                if name.starts_with("arg") {
                    "IndexError"
                } else {
                    "RuntimeError"
                },
                format!(
                    "{name}(): Expected reduction dim to be specified for input.numel() == 0.{}",
                    if name.starts_with("arg") {
                        ""
                    } else {
                        " Specify the reduction dim with the 'dim' argument."
                    }
                ),
            ),
        }
    };
    let out = match name {
        "sum" | "prod" => {
            let d = dtype_kw.unwrap_or(accumulate_dtype(lib, a.dtype));
            let x = cast(a, d)?;
            reduce(
                &x,
                if name == "sum" { sum_op(lib) } else { ReduceOp::Prod },
                &axes,
                keep,
            )?
        }
        "mean" => match dtype_kw {
            Some(d) => mean_of(lib, &cast(a, d)?, &axes, keep)?,
            None => mean_of(lib, a, &axes, keep)?,
        },
        "var" | "std" => {
            let dd = match (ddof.clone(), unbiased.clone(), lib) {
                (Some(v), _, _) => v.as_f64().unwrap_or(0.0),
                (None, Some(u), _) => u.truthy() as i64 as f64,
                (None, None, Lib::Numpy) => 0.0,
                (None, None, Lib::Torch) => 1.0,
            };
            // NumPy's dtype= is the type the variance is computed in.
            let x = match dtype_kw {
                Some(d) if lib == Lib::Numpy => cast(a, d)?,
                _ => a.clone(),
            };
            let v = var_of(lib, &x, &axes, keep, dd)?;
            if name == "std" {
                run(Op::exact(UnaryOp::Sqrt), &[&v])?
            } else {
                v
            }
        }
        "max" | "min" | "amax" | "amin" => {
            if empty_axis {
                return Err(match lib {
                    Lib::Numpy => exc(
                        "ValueError",
                        format!(
                            "zero-size array to reduction operation {} which has no identity",
                            if name.ends_with("max") { "maximum" } else { "minimum" }
                        ),
                    ),
                    Lib::Torch => torch_empty(name),
                });
            }
            let op = if name.ends_with("max") {
                ReduceOp::Max
            } else {
                ReduceOp::Min
            };
            let values = reduce(a, op, &axes, keep)?;
            // torch.max(t, dim) also returns the indices.
            if lib == Lib::Torch && ax.as_ref().is_some_and(|v| !matches!(v, Value::None)) && !name.starts_with('a') {
                let arg = if op == ReduceOp::Max {
                    ReduceOp::ArgMax
                } else {
                    ReduceOp::ArgMin
                };
                let indices = reduce(a, arg, &axes, keep)?;
                let r = Value::Named(Rc::new(Named {
                    type_name: format!("torch.return_types.{name}"),
                    fields: vec![("values", wrap(lib, values)), ("indices", wrap(lib, indices))],
                }));
                return crate::nd::record::reduction(name, r, &input, &axes, keep, false, 0.0);
            }
            values
        }
        "argmax" | "argmin" => {
            if lib == Lib::Torch && a.dtype == DType::Bool {
                return Err(exc(
                    "NotImplementedError",
                    format!("{name}(): does not support bool input"),
                ));
            }
            if empty_axis {
                return Err(match lib {
                    Lib::Numpy => exc("ValueError", format!("attempt to get {name} of an empty sequence")),
                    Lib::Torch => torch_empty(name),
                });
            }
            let op = if name == "argmax" {
                ReduceOp::ArgMax
            } else {
                ReduceOp::ArgMin
            };
            match ax {
                Some(ref v) if !matches!(v, Value::None) => reduce(a, op, &axes, keep)?,
                // No axis: the index into the flattened array.
                _ => {
                    let flat = flatten(a)?;
                    let r = reduce(&flat, op, &[0], false)?;
                    if keep {
                        r.view(r.layout.reshape(&vec![1; a.ndim()]).unwrap_or(r.layout.clone()))
                    } else {
                        r
                    }
                }
            }
        }
        "all" | "any" => reduce(
            a,
            if name == "all" { ReduceOp::All } else { ReduceOp::Any },
            &axes,
            keep,
        )?,
        "cumsum" => {
            let d = dtype_kw.unwrap_or(accumulate_dtype(lib, a.dtype));
            let x = cast(a, d)?;
            match ax {
                Some(ref v) if !matches!(v, Value::None) => {
                    let dim = axis(lib, int_arg(v)?, a.ndim())?;
                    let out = match a.ndim() {
                        // A 0-d tensor's cumulative sum is itself.
                        0 => run(Op::Copy, &[&x])?,
                        _ => run(Op::CumSum(dim), &[&x])?,
                    };
                    if lib == Lib::Torch && d.is_float() && crate::nd::record::needs(&[&input]) {
                        let rule = if a.ndim() == 0 {
                            crate::tensor::autograd::Rule::View
                        } else {
                            crate::tensor::autograd::Rule::CumSum { dim, reverse: false }
                        };
                        let r = crate::nd::record::record(result(lib, out), "CumsumBackward0", rule, &[&input]);
                        // A cast on the way (dtype=) keeps its gradient too.
                        return Ok(r);
                    }
                    out
                }
                _ if lib == Lib::Torch => {
                    return Err(type_error("cumsum() missing 1 required positional arguments: \"dim\""));
                }
                _ => run(Op::CumSum(0), &[&flatten(&x)?])?,
            }
        }
        "norm" => {
            let x = cast(a, float_result(lib, a.dtype))?;
            let x = if lib == Lib::Numpy && !a.dtype.is_float() {
                cast(a, DType::F64)?
            } else {
                x
            };
            let order = match &p {
                None | Some(Value::None) => 2.0,
                Some(Value::Str(s)) if &**s == "fro" => 2.0,
                Some(v @ Value::Str(_)) => {
                    return Err(exc(
                        "NotImplementedError",
                        format!(
                            "torch.norm(): nt does not implement the argument p={} yet",
                            crate::value::repr::repr(v)
                        ),
                    ));
                }
                Some(v) => v
                    .as_f64()
                    .ok_or_else(|| type_error("norm(): argument 'p' must be a number or a string"))?,
            };
            if order != 2.0 && crate::nd::record::needs(&[&input]) {
                let out = p_norm(lib, &x, order, &axes, keep)?;
                return Ok(crate::nd::record::norm_p(
                    result(lib, out),
                    &input,
                    &x,
                    order,
                    &axes,
                    keep,
                ));
            }
            p_norm(lib, &x, order, &axes, keep)?
        }
        other => return Err(super::internal(format!("unknown reduction {other}"))),
    };
    let r = result(lib, out);
    if lib == Lib::Torch {
        let all = ax.as_ref().is_none_or(|v| matches!(v, Value::None));
        let ddof = match (&ddof, &unbiased) {
            (Some(v), _) => v.as_f64().unwrap_or(0.0),
            (None, Some(u)) => u.truthy() as i64 as f64,
            (None, None) => 1.0,
        };
        return crate::nd::record::reduction(name, r, &input, &axes, keep, all, ddof);
    }
    Ok(r)
}

/// `torch.norm(x, p)`: the square root of the sum of squares (p = 2), the sum of
/// magnitudes (1), the largest or smallest magnitude (±inf), the count of non-zeros (0),
/// else `(Σ |x|^p)^(1/p)`.
fn p_norm(lib: Lib, x: &NdArray, p: f64, axes: &[usize], keep: bool) -> Res<NdArray> {
    if p == 2.0 {
        let sq = run(Op::Binary(BinaryOp::Mul), &[x, x])?;
        let s = reduce(&sq, sum_op(lib), axes, keep)?;
        return run(Op::exact(UnaryOp::Sqrt), &[&s]);
    }
    let m = run(Op::exact(UnaryOp::Abs), &[x])?;
    if p == f64::INFINITY || p == f64::NEG_INFINITY {
        let op = if p > 0.0 { ReduceOp::Max } else { ReduceOp::Min };
        return reduce(&m, op, axes, keep);
    }
    if p == 0.0 {
        let zero = super::create::scalar(&Value::Float(0.0), x.dtype)?;
        let (mb, zb) = broadcast2(lib, &m, &zero)?;
        let nz = cast(&run(Op::Binary(BinaryOp::Ne), &[&mb, &zb])?, x.dtype)?;
        return reduce(&nz, sum_op(lib), axes, keep);
    }
    if p == 1.0 {
        return reduce(&m, sum_op(lib), axes, keep);
    }
    let e = super::create::scalar(&Value::Float(p), x.dtype)?;
    let (mb, eb) = broadcast2(lib, &m, &e)?;
    let s = reduce(&run(Op::Binary(BinaryOp::Pow), &[&mb, &eb])?, sum_op(lib), axes, keep)?;
    let inv = super::create::scalar(&Value::Float(1.0 / p), x.dtype)?;
    let (sb, ib) = broadcast2(lib, &s, &inv)?;
    run(Op::Binary(BinaryOp::Pow), &[&sb, &ib])
}

/// `np.sum/prod/max/min(a, initial=, where=)`: elements outside `where` are replaced by
/// the reduction's identity (max/min: by `initial`, which they then need), and `initial`
/// (cast to the result's dtype, as NumPy does) joins the result. Integer sums and
/// products are exact in any order, and max/min in any dtype; float sums and products
/// are refused, since NumPy's summation order changes with these arguments.
fn initial_where(name: &str, a: &NdArray, args: Args, initial: Option<Value>, mask: Option<Value>) -> Res<Value> {
    let lib = Lib::Numpy;
    let sums = matches!(name, "sum" | "prod");
    let dtype_kw = args
        .kw
        .iter()
        .find(|(k, _)| k.as_str() == "dtype")
        .map(|(_, d)| d.clone());
    let out_dtype = match &dtype_kw {
        Some(d) => super::funcs::dtype_arg(d)?.unwrap_or(a.dtype),
        None if sums => accumulate_dtype(lib, a.dtype),
        None => a.dtype,
    };
    if !matches!(name, "sum" | "prod" | "max" | "min") || (sums && out_dtype.is_float()) {
        let what = if initial.is_some() { "initial" } else { "where" };
        return Err(exc(
            "NotImplementedError",
            format!(
                "np.{name}(): nt does not implement the argument {what}= for {} data yet",
                out_dtype.numpy_name()
            ),
        ));
    }
    let init = match &initial {
        Some(v) => Some(cast(&super::create::from_data(lib, v, None)?, out_dtype)?),
        None => None,
    };
    let x = cast(a, out_dtype)?;
    let x = match mask {
        None => x,
        Some(m) => {
            let fill = match (name, &init) {
                ("sum", _) => create::scalar(&Value::Int(0), out_dtype)?,
                ("prod", _) => create::scalar(&Value::Int(1), out_dtype)?,
                (_, Some(i)) => i.clone(),
                (_, None) => {
                    return Err(exc(
                        "ValueError",
                        format!(
                            "reduction operation '{}' does not have an identity, so to use a where mask one has to specify 'initial'",
                            if name == "max" { "maximum" } else { "minimum" }
                        ),
                    ));
                }
            };
            let m = cast(&super::create::from_data(lib, &m, None)?, DType::Bool)?;
            // NumPy's reduction iterator words a mask that does not fit this way.
            let misfit = || {
                exc(
                    "ValueError",
                    if m.ndim() > x.ndim() {
                        "input operand has more dimensions than allowed by the axis remapping".to_string()
                    } else {
                        format!(
                            "operands could not be broadcast together with remapped shapes [original->remapped]: {} {} ",
                            super::ops::shape_str(lib, x.shape()).replace(' ', ""),
                            super::ops::shape_str(lib, m.shape()).replace(' ', "")
                        )
                    },
                )
            };
            let (mb, xb) = broadcast2(lib, &m, &x).map_err(|_| misfit())?;
            if xb.shape() != x.shape() {
                return Err(misfit());
            }
            let m = mb;
            let (f, _) = broadcast2(lib, &fill, &x)?;
            run(Op::Where, &[&m, &x, &f])?
        }
    };
    let r = if x.numel() == 0 && init.is_some() && !sums {
        // Nothing to compare: the result is `initial`, shaped as the reduction's result.
        let z = NdArray::zeros(DType::I64, x.shape());
        let shape = call(lib, "sum", &z, args)?;
        let shape = super::as_nd(&shape)
            .map(|(_, s)| s.shape().to_vec())
            .unwrap_or_default();
        let (i, _) = broadcast2(lib, init.as_ref().unwrap_or(&x), &NdArray::zeros(out_dtype, &shape))?;
        return Ok(result(lib, run(Op::Copy, &[&i])?));
    } else {
        call(lib, name, &x, args)?
    };
    let Some(init) = init else { return Ok(r) };
    let r = super::as_nd(&r)
        .map(|(_, r)| r.clone())
        .ok_or_else(|| super::internal("reduction result"))?;
    let op = match name {
        "sum" => BinaryOp::Add,
        "prod" => BinaryOp::Mul,
        "max" => BinaryOp::Max,
        _ => BinaryOp::Min,
    };
    let (r, i) = broadcast2(lib, &r, &init)?;
    Ok(result(lib, cast(&run(Op::Binary(op), &[&r, &i])?, out_dtype)?))
}

/// A contiguous 1-D copy (or view) of all elements.
pub fn flatten(a: &NdArray) -> Res<NdArray> {
    let n = a.numel();
    if let Some(l) = a.layout.reshape(&[n]) {
        return Ok(a.view(l));
    }
    let c = run(Op::Copy, &[a])?;
    Ok(c.view(c.layout.reshape(&[n]).unwrap_or(c.layout.clone())))
}
