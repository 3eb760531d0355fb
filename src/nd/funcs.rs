//! Functions shared by `np.*` and `torch.*` (and the methods that mirror them):
//! creation, elementwise math, `where`, `maximum`/`minimum`, `clip`/`clamp`.

use super::ops::{broadcast2, cast, run};
use super::{as_nd, create, result, wrap};
use crate::array::NdArray;
use crate::array::dtype::{DType, numpy_promote};
use crate::array::storage::Buffer;
use crate::error::{Res, exc, type_error};
use crate::interp::builtins::{int_arg, kwarg};
use crate::ir::{BinaryOp, Op, UnaryOp};
use crate::value::{Args, DKind, Lib, Value};

pub use super::unary::{round_decimals, unary_math};

/// The library's default float dtype.
pub fn default_float(lib: Lib) -> DType {
    match lib {
        Lib::Numpy => DType::F64,
        Lib::Torch => DType::F32,
    }
}

/// A `dtype=` argument: `np.float32`, `torch.int64`, `'float32'`, or Python's `float`/`int`/`bool`.
pub fn dtype_arg(v: &Value) -> Res<Option<DType>> {
    Ok(match v {
        Value::None => None,
        Value::DType(d, _) => Some(*d),
        Value::Str(s) => match (DType::from_numpy_name(s), s.strip_prefix('>')) {
            (Some(d), _) => Some(d),
            // Big-endian: one-byte types have no byte order; nt keeps the others native only.
            (None, Some(code)) => match DType::from_numpy_name(code) {
                Some(d) if d.itemsize() == 1 => Some(d),
                Some(_) => {
                    return Err(exc(
                        "NotImplementedError",
                        format!("nt has only native (little-endian) dtypes: '{s}' is big-endian"),
                    ));
                }
                None => return Err(type_error(format!("data type '{s}' not understood"))),
            },
            (None, None) => return Err(type_error(format!("data type '{s}' not understood"))),
        },
        Value::Type(crate::value::PyType::Float) => Some(DType::F64),
        Value::Type(crate::value::PyType::Complex) => Some(DType::C128),
        Value::Type(crate::value::PyType::Int) => Some(DType::I64),
        Value::Type(crate::value::PyType::Bool) => Some(DType::Bool),
        other => {
            return Err(type_error(format!(
                "Cannot interpret '{}' as a data type",
                crate::value::repr::repr(other)
            )));
        }
    })
}

/// Each library takes only its own kind of dtype: `torch.zeros(dtype=np.float32)` and
/// `np.zeros(dtype=torch.float32)` are PyTorch's and NumPy's `TypeError`s.
pub fn check_dtype_kwarg(lib: Lib, fname: &str, args: &Args) -> Res<()> {
    let Some((_, d)) = args.kw.iter().find(|(k, _)| k.as_str() == "dtype") else {
        return Ok(());
    };
    check_dtype_value(lib, fname, d)
}

pub fn check_dtype_value(lib: Lib, fname: &str, d: &Value) -> Res<()> {
    match (lib, d) {
        (_, Value::None) => Ok(()),
        (Lib::Torch, Value::DType(_, crate::value::DKind::Torch)) => Ok(()),
        (Lib::Torch, other) => Err(type_error(format!(
            "{fname}(): argument 'dtype' must be torch.dtype, not {}",
            match other {
                Value::DType(_, crate::value::DKind::NpType) => "type",
                o => o.type_name(),
            }
        ))),
        (Lib::Numpy, Value::DType(_, crate::value::DKind::Torch)) => Err(type_error(format!(
            "Cannot interpret '{}' as a data type",
            crate::value::repr::repr(d)
        ))),
        _ => Ok(()),
    }
}

pub fn take_dtype(args: &mut Args) -> Res<Option<DType>> {
    match kwarg(args, "dtype") {
        Some(v) => dtype_arg(&v),
        None => Ok(None),
    }
}

/// PyTorch's creation keywords: where the tensor lives, and whether it requires grad.
#[derive(Clone, Copy, Default)]
pub struct Place {
    pub requires_grad: bool,
    pub gpu: bool,
}

/// A creation function's `device=` and `requires_grad=`.
pub fn drop_torch_kwargs(args: &mut Args) -> Res<Place> {
    let gpu = match kwarg(args, "device") {
        Some(dev) => super::device::parse(&dev)?.unwrap_or_else(super::device::default_gpu),
        None => super::device::default_gpu(),
    };
    Ok(Place {
        requires_grad: kwarg(args, "requires_grad").is_some_and(|v| v.truthy()),
        gpu,
    })
}

/// Puts a freshly created tensor on its device and marks it as a leaf that requires
/// grad, with PyTorch's check.
pub fn grad_leaf(v: Value, place: Place) -> Res<Value> {
    let v = match (&v, place.gpu) {
        (Value::Tensor(t), true) => wrap(Lib::Torch, super::device::move_array(&t.data(), true)?),
        _ => v,
    };
    if let (true, Value::Tensor(t)) = (place.requires_grad, &v) {
        if !t.data().dtype.is_float() {
            return Err(exc(
                "RuntimeError",
                "Only Tensors of floating point and complex dtype can require gradients",
            ));
        }
        t.requires_grad.set(true);
    }
    Ok(v)
}

pub(super) fn no_more_kwargs(args: &Args, fname: &str) -> Res<()> {
    match args.kw.first() {
        Some((k, _)) => Err(type_error(format!(
            "{fname}() got an unexpected keyword argument '{k}'"
        ))),
        None => Ok(()),
    }
}

/// A shape given as varargs (`zeros(2, 3)`) or one sequence (`zeros((2, 3))`).
pub fn shape_args(vals: &[Value], lib: Lib) -> Res<Vec<usize>> {
    shape_args_for(vals, lib, "")
}

/// As `shape_args`; `fname` names the function in PyTorch's negative-size error. The
/// element count must be countable (PyTorch: "Storage size calculation overflowed");
/// whether the array fits in memory is checked where it is allocated.
pub fn shape_args_for(vals: &[Value], lib: Lib, fname: &str) -> Res<Vec<usize>> {
    let shape = shape_list(vals, lib, fname)?;
    match crate::array::layout::checked_numel(&shape) {
        Some(n) if n <= isize::MAX as usize => Ok(shape),
        _ if lib == Lib::Torch => Err(exc(
            "RuntimeError",
            format!(
                "Storage size calculation overflowed with sizes={}",
                super::ops::shape_str(lib, &shape)
            ),
        )),
        _ => Err(exc(
            "ValueError",
            "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
        )),
    }
}

/// The dimensions of a shape argument, each a non-negative int, at most NumPy's 64 of
/// them; their product is not checked (views of any size are allowed).
pub fn shape_list(vals: &[Value], lib: Lib, fname: &str) -> Res<Vec<usize>> {
    let items: Vec<Value> = match vals {
        [Value::List(l)] => l.borrow().clone(),
        [Value::Tuple(t)] => t.to_vec(),
        [Value::Size(s)] => s.iter().map(|&n| Value::Int(n as i64)).collect(),
        _ => vals.to_vec(),
    };
    let shape = items
        .iter()
        .map(|v| {
            let n = int_arg(v)?;
            usize::try_from(n).map_err(|_| match lib {
                Lib::Numpy => exc("ValueError", "negative dimensions are not allowed"),
                Lib::Torch if !fname.is_empty() => {
                    exc("RuntimeError", format!("{fname}: Dimension size must be non-negative."))
                }
                Lib::Torch => exc(
                    "RuntimeError",
                    format!("Trying to create tensor with negative dimension {n}"),
                ),
            })
        })
        .collect::<Res<Vec<usize>>>()?;
    match super::create::too_many_dims(lib, shape.len()) {
        Some(e) => Err(e),
        None => Ok(shape),
    }
}

fn filled(lib: Lib, shape: &[usize], dtype: DType, value: &Value) -> Res<Value> {
    super::ops::check_alloc(lib, shape, dtype)?;
    let one = create::scalar(value, dtype)?;
    let b = one.view(
        one.layout
            .broadcast_to(shape)
            .ok_or_else(|| super::internal("fill broadcast"))?,
    );
    Ok(wrap(lib, run(Op::Copy, &[&b])?))
}

/// `zeros`, `ones`, `empty` (zero-filled: its contents are unspecified anyway).
pub fn constant(lib: Lib, mut args: Args, value: f64, fname: &str) -> Res<Value> {
    if lib == Lib::Numpy {
        if let Some(kind) = args
            .kw
            .iter()
            .find(|(k, _)| k.as_str() == "dtype")
            .and_then(|(_, d)| super::objects::obj_kind(d))
        {
            let shape = shape_args(&args.pos, lib)?;
            super::objects::check_filled(&shape, kind)?;
            let fill = match (fname, kind) {
                ("empty", crate::value::ObjKind::Object) => Value::None,
                (_, crate::value::ObjKind::Object) => Value::Int(value as i64),
                (_, _) => Value::str(if value == 0.0 { "" } else { "1" }),
            };
            return Ok(super::objects::filled(&shape, kind, fill));
        }
    }
    let dtype = take_dtype(&mut args)?.unwrap_or(default_float(lib));
    let rg = if lib == Lib::Torch {
        drop_torch_kwargs(&mut args)?
    } else {
        Place::default()
    };
    no_more_kwargs(&args, fname)?;
    let shape = shape_args_for(&args.pos, lib, fname)?;
    grad_leaf(filled(lib, &shape, dtype, &Value::Float(value))?, rg)
}

/// The dtype a Python fill value implies.
fn value_dtype(lib: Lib, v: &Value) -> Res<DType> {
    Ok(match v {
        Value::Bool(_) => DType::Bool,
        Value::Int(_) => DType::I64,
        Value::Float(_) => default_float(lib),
        other => match as_nd(other) {
            Some((_, a)) => a.dtype,
            None => {
                return Err(type_error(format!(
                    "fill value must be a number, not {}",
                    other.type_name()
                )));
            }
        },
    })
}

pub fn full(lib: Lib, mut args: Args) -> Res<Value> {
    let dtype = take_dtype(&mut args)?;
    let fill = kwarg(&mut args, "fill_value");
    let rg = if lib == Lib::Torch {
        drop_torch_kwargs(&mut args)?
    } else {
        Place::default()
    };
    no_more_kwargs(&args, "full")?;
    let (shape_v, fill) = match (args.pos.as_slice(), fill) {
        ([s, f], None) => (s.clone(), f.clone()),
        ([s], Some(f)) => (s.clone(), f),
        _ => return Err(type_error("full() needs a shape and a fill value")),
    };
    let shape = shape_args(&[shape_v], lib)?;
    let fill = match as_nd(&fill) {
        Some((_, a)) if a.ndim() == 0 => super::item(a),
        _ => fill,
    };
    let dtype = match dtype {
        Some(d) => d,
        None => value_dtype(lib, &fill)?,
    };
    super::create::check_fill(lib, &fill, dtype)?;
    grad_leaf(filled(lib, &shape, dtype, &fill)?, rg)
}

pub fn like(lib: Lib, mut args: Args, what: &str) -> Res<Value> {
    let dtype = take_dtype(&mut args)?;
    let fill_kw = kwarg(&mut args, "fill_value");
    let rg = if lib == Lib::Torch {
        drop_torch_kwargs(&mut args)?
    } else {
        Place::default()
    };
    let Some((_, a)) = args.pos.first().and_then(as_nd) else {
        return Err(type_error(format!(
            "{what}_like() argument 'input' must be an array or tensor"
        )));
    };
    let dtype = dtype.unwrap_or(a.dtype);
    let shape = a.shape().to_vec();
    let fill = match what {
        "zeros" | "empty" => Value::Int(0),
        "ones" => Value::Int(1),
        _ => fill_kw
            .or_else(|| args.pos.get(1).cloned())
            .ok_or_else(|| type_error("full_like() needs a fill value"))?,
    };
    super::create::check_fill(lib, &fill, dtype)?;
    grad_leaf(filled(lib, &shape, dtype, &fill)?, rg)
}

pub fn eye(lib: Lib, mut args: Args) -> Res<Value> {
    let dtype = take_dtype(&mut args)?.unwrap_or(default_float(lib));
    let m_kw = kwarg(&mut args, "M").or_else(|| kwarg(&mut args, "m"));
    let k = kwarg(&mut args, "k").map(|v| int_arg(&v)).transpose()?.unwrap_or(0);
    let rg = if lib == Lib::Torch {
        drop_torch_kwargs(&mut args)?
    } else {
        Place::default()
    };
    no_more_kwargs(&args, "eye")?;
    let n = usize::try_from(int_arg(
        args.pos
            .first()
            .ok_or_else(|| type_error("eye() missing required argument 'n'"))?,
    )?)
    .map_err(|_| exc("ValueError", "negative dimensions are not allowed"))?;
    let m = match args.pos.get(1).cloned().or(m_kw) {
        Some(Value::None) | None => n,
        Some(v) => {
            usize::try_from(int_arg(&v)?).map_err(|_| exc("ValueError", "negative dimensions are not allowed"))?
        }
    };
    // Made in float64, then cast.
    super::ops::check_alloc_working(lib, &[n, m], dtype, 8 + dtype.itemsize())?;
    let mut xs = vec![0.0; n * m];
    // An empty identity (`np.eye(2**40, 0)`) has no diagonal to walk.
    for i in 0..if m == 0 { 0 } else { n } {
        let j = i as i64 + k;
        if (0..m as i64).contains(&j) {
            xs[i * m + j as usize] = 1.0;
        }
    }
    grad_leaf(
        wrap(lib, NdArray::from_buffer(Buffer::from_f64s(dtype, &xs), &[n, m])),
        rg,
    )
}

pub(super) fn number(v: &Value) -> Res<(f64, bool)> {
    match v {
        Value::Int(n) => Ok((*n as f64, false)),
        Value::Bool(b) => Ok((*b as i64 as f64, false)),
        Value::Float(x) => Ok((*x, true)),
        other => match as_nd(other) {
            Some((_, a)) if a.numel() == 1 => Ok((super::item(a).as_f64().unwrap_or(0.0), a.dtype.is_float())),
            _ => Err(type_error(format!("expected a number, got {}", other.type_name()))),
        },
    }
}

/// The dtype a float-valued function gives for an input dtype.
pub fn float_result(lib: Lib, d: DType) -> DType {
    if d.is_float() {
        return d;
    }
    match lib {
        Lib::Torch => DType::F32,
        Lib::Numpy => match d {
            DType::Bool | DType::I8 | DType::U8 => DType::F16,
            DType::I16 | DType::U16 => DType::F32,
            _ => DType::F64,
        },
    }
}

/// An array-like argument, converting Python data the way the library would.
pub fn nd_arg(lib: Lib, v: &Value) -> Res<NdArray> {
    match as_nd(v) {
        Some((_, a)) => Ok(a.clone()),
        None => match lib {
            Lib::Numpy => create::from_data(lib, v, None),
            Lib::Torch => Err(type_error(format!(
                "expected Tensor as argument, but got {}",
                v.type_name()
            ))),
        },
    }
}

/// `isnan`, `isinf`, `isfinite` — composed: `x != x`, `|x| == inf`, and neither.
pub fn float_test(lib: Lib, v: &Value, what: &str) -> Res<Value> {
    let a = nd_arg(lib, v)?;
    if !a.dtype.is_float() {
        let flag = what == "isfinite";
        return filled(lib, a.shape(), DType::Bool, &Value::Bool(flag)).map(|r| match (lib, r) {
            (Lib::Numpy, Value::Array(x)) if x.ndim() == 0 => Value::NpScalar(x),
            (_, r) => r,
        });
    }
    let nan = run(Op::Binary(BinaryOp::Ne), &[&a, &a])?;
    let inf = {
        let abs = run(Op::exact(UnaryOp::Abs), &[&a])?;
        let i = create::scalar(&Value::Float(f64::INFINITY), a.dtype)?;
        let (x, i) = broadcast2(lib, &abs, &i)?;
        run(Op::Binary(BinaryOp::Eq), &[&x, &i])?
    };
    let out = match what {
        "isnan" => nan,
        "isinf" => inf,
        _ => {
            let either = run(Op::Binary(BinaryOp::Or), &[&nan, &inf])?;
            run(Op::exact(UnaryOp::Not), &[&either])?
        }
    };
    Ok(result(lib, out))
}

/// `t.reciprocal()`: `1 / x`.
pub fn reciprocal(lib: Lib, v: &Value) -> Res<Value> {
    let a = nd_arg(lib, v)?;
    // NumPy keeps integers integral: 1 // x truncated (0 for |x| > 1), and for 0 what its
    // loops give (the type's minimum for int32 and int64, whose division traps; 0 for the
    // narrower and unsigned ones); bools go through int8.
    if lib == Lib::Numpy && (a.dtype.is_int() || a.dtype == DType::Bool) {
        let dtype = if a.dtype == DType::Bool { DType::I8 } else { a.dtype };
        let min = match dtype {
            DType::I32 | DType::I64 => crate::array::dtype::int_range(dtype).map_or(0, |r| r.0),
            _ => 0,
        };
        let xs = crate::realise::to_i128s(&a).map_err(super::internal)?;
        let out: Vec<i64> = xs
            .iter()
            .map(|&x| if x == 0 { min as i64 } else { (1 / x) as i64 })
            .collect();
        let r = NdArray::from_buffer(Buffer::from_i64s(dtype, &out), a.shape());
        return Ok(result(lib, r));
    }
    let x = cast(&a, float_result(lib, a.dtype))?;
    let one = create::scalar(&Value::Float(1.0), x.dtype)?;
    let (o, x) = broadcast2(lib, &one, &x)?;
    Ok(result(lib, run(Op::Binary(BinaryOp::Div), &[&o, &x])?))
}

/// `sigmoid(x) = 1 / (1 + exp(-x))`, composed from primitives.
pub fn sigmoid(lib: Lib, v: &Value) -> Res<Value> {
    let a = nd_arg(lib, v)?;
    let x = cast(&a, float_result(lib, a.dtype))?;
    // PyTorch's kernel: SLEEF's exp on whole vector blocks, glibc's on each loop's tail.
    if lib == Lib::Torch && crate::realise::kernels::applies(&x) {
        let r = wrap(
            lib,
            crate::realise::kernels::forward(&x, crate::backend::cpu::torch_act::Act::Sigmoid)
                .map_err(super::internal)?,
        );
        return crate::nd::record::composite("sigmoid", r, v);
    }
    let e = run(
        Op::Unary(UnaryOp::Exp, lib.math()),
        &[&run(Op::exact(UnaryOp::Neg), &[&x])?],
    )?;
    let one = create::scalar(&Value::Float(1.0), x.dtype)?;
    let (o, e1) = broadcast2(lib, &one, &e)?;
    let den = run(Op::Binary(BinaryOp::Add), &[&o, &e1])?;
    let (o, d) = broadcast2(lib, &one, &den)?;
    let r = result(lib, run(Op::Binary(BinaryOp::Div), &[&o, &d])?);
    if lib == Lib::Torch {
        return crate::nd::record::composite("sigmoid", r, v);
    }
    Ok(r)
}

/// `softmax(x, dim) = exp(x - max) / sum(exp(x - max))`, composed from primitives.
/// `torch.softmax(t, dim, dtype=)`: the input is cast to `dtype` first.
pub fn softmax_as(lib: Lib, v: &Value, dim: i64, dtype: Option<Value>) -> Res<Value> {
    let d = match dtype {
        Some(d) => dtype_arg(&d)?,
        None => None,
    };
    let a = nd_arg(lib, v)?;
    match d {
        Some(d) if d != a.dtype => {
            if crate::nd::record::needs(&[v]) {
                return Err(crate::nd::record::unsupported("softmax with a dtype"));
            }
            let x = wrap(lib, super::ops::cast(&a, d)?);
            softmax(lib, &x, dim)
        }
        _ => softmax(lib, v, dim),
    }
}

pub fn softmax(lib: Lib, v: &Value, dim: i64) -> Res<Value> {
    use crate::ir::ReduceOp;
    let a = nd_arg(lib, v)?;
    let x = cast(&a, float_result(lib, a.dtype))?;
    let d = super::reduce::axis(lib, dim, x.ndim())?;
    // PyTorch's kernel: its block order of max and sum, SLEEF's exp.
    if lib == Lib::Torch && x.numel() > 0 && crate::realise::kernels::applies(&x) {
        let r = wrap(
            lib,
            crate::realise::kernels::softmax(&x, d, false).map_err(super::internal)?,
        );
        return crate::nd::record::softmax(r, v, d);
    }
    // A 0-d input is one value, whose softmax is 1; an empty one stays empty.
    if x.ndim() == 0 || x.numel() == 0 {
        let one = run(Op::Binary(BinaryOp::Eq), &[&x, &x])?;
        let r = if x.numel() == 0 {
            run(Op::Copy, &[&x])?
        } else {
            cast(&one, x.dtype)?
        };
        return Ok(wrap(lib, r));
    }
    let m = run(
        Op::Reduce {
            op: ReduceOp::Max,
            axes: vec![d],
            keepdim: true,
        },
        &[&x],
    )?;
    let (xb, mb) = broadcast2(lib, &x, &m)?;
    let e = run(
        Op::Unary(UnaryOp::Exp, lib.math()),
        &[&run(Op::Binary(BinaryOp::Sub), &[&xb, &mb])?],
    )?;
    let s = run(
        Op::Reduce {
            op: ReduceOp::Sum,
            axes: vec![d],
            keepdim: true,
        },
        &[&e],
    )?;
    let (eb, sb) = broadcast2(lib, &e, &s)?;
    let r = result(lib, run(Op::Binary(BinaryOp::Div), &[&eb, &sb])?);
    if lib == Lib::Torch {
        return crate::nd::record::softmax(r, v, d);
    }
    Ok(r)
}

/// `relu(x) = maximum(x, 0)`; PyTorch's kernel (`x < 0 ? 0 : x`: -0.0 and NaN pass) for
/// float32/float64 tensors on the host.
pub fn relu(lib: Lib, v: &Value) -> Res<Value> {
    let a = nd_arg(lib, v)?;
    if lib == Lib::Torch && crate::realise::kernels::applies(&a) {
        let r = wrap(
            lib,
            crate::realise::kernels::forward(&a, crate::backend::cpu::torch_act::Act::Relu).map_err(super::internal)?,
        );
        return crate::nd::record::composite("relu", r, v);
    }
    let zero = create::scalar(&Value::Int(0), a.dtype)?;
    let (x, z) = broadcast2(lib, &a, &zero)?;
    let r = result(lib, run(Op::Binary(BinaryOp::Max), &[&x, &z])?);
    if lib == Lib::Torch {
        return crate::nd::record::composite("relu", r, v);
    }
    Ok(r)
}

/// Promotes two array-or-scalar arguments and broadcasts them.
pub fn pair(lib: Lib, a: &Value, b: &Value) -> Res<(NdArray, NdArray)> {
    // NumPy's ufuncs take lists and tuples as arrays.
    let seq = |v: &Value| -> Res<Value> {
        match v {
            Value::List(_) | Value::Tuple(_) if lib == Lib::Numpy => Ok(result(lib, create::from_data(lib, v, None)?)),
            _ => Ok(v.clone()),
        }
    };
    let (a, b) = (&seq(a)?, &seq(b)?);
    let dummy = match lib {
        Lib::Numpy => super::ops::binary(crate::syntax::ast::BinOp::Add, a, b),
        Lib::Torch => super::ops::binary(crate::syntax::ast::BinOp::Add, a, b),
    };
    // The result dtype of `a + b` is the promoted dtype of the pair.
    let d = match dummy {
        Some(Ok(v)) => as_nd(&v).map(|(_, x)| x.dtype).unwrap_or(default_float(lib)),
        Some(Err(e)) => return Err(e),
        None => return Err(type_error("expected an array or tensor argument")),
    };
    let to = |v: &Value| -> Res<NdArray> {
        match as_nd(v) {
            Some((_, x)) => cast(x, d),
            None => create::scalar(v, d),
        }
    };
    broadcast2(lib, &to(a)?, &to(b)?)
}

pub fn maximum(lib: Lib, a: &Value, b: &Value, op: BinaryOp) -> Res<Value> {
    let (x, y) = pair(lib, a, b)?;
    Ok(result(lib, run(Op::Binary(op), &[&x, &y])?))
}

/// The bounds of `clip`/`clamp`, with the array at `args.pos[0]`: NumPy's `a_min`/`a_max`,
/// PyTorch's `min`/`max`, or positional.
pub fn clip_bounds(lib: Lib, args: &mut Args) -> (Value, Value) {
    let mut bound = |name: &str, alias: &str, pos: usize| {
        kwarg(args, name)
            .or_else(|| kwarg(args, alias))
            .or_else(|| args.pos.get(pos).cloned())
            .unwrap_or(Value::None)
    };
    let lo = bound(if lib == Lib::Numpy { "a_min" } else { "min" }, "min", 1);
    let hi = bound(if lib == Lib::Numpy { "a_max" } else { "max" }, "max", 2);
    (lo, hi)
}

/// `np.clip(a, lo, hi)` / `torch.clamp(t, min=, max=)`.
pub fn clip(lib: Lib, a: &Value, lo: &Value, hi: &Value) -> Res<Value> {
    let mut cur = a.clone();
    if !matches!(lo, Value::None) {
        cur = maximum(lib, &cur, lo, BinaryOp::Max)?;
    }
    if !matches!(hi, Value::None) {
        cur = maximum(lib, &cur, hi, BinaryOp::Min)?;
    }
    if matches!(lo, Value::None) && matches!(hi, Value::None) {
        return Err(match lib {
            Lib::Numpy => exc("ValueError", "One of max or min must be given"),
            Lib::Torch => exc(
                "RuntimeError",
                "torch.clamp: At least one of 'min' or 'max' must not be None",
            ),
        });
    }
    Ok(cur)
}

/// `where(cond, a, b)`.
pub fn where_(lib: Lib, cond: &Value, a: &Value, b: &Value) -> Res<Value> {
    let c = match as_nd(cond) {
        Some((_, c)) => cast(c, DType::Bool)?,
        None => create::from_data(lib, cond, Some(DType::Bool))?,
    };
    // Two Python scalars take the library's default dtypes.
    let (a, b) = if as_nd(a).is_none() && as_nd(b).is_none() {
        (
            result(lib, create::from_data(lib, a, None)?),
            result(lib, create::from_data(lib, b, None)?),
        )
    } else {
        (a.clone(), b.clone())
    };
    // NumPy reports a clash among all three operands' shapes.
    if lib == Lib::Numpy {
        let shape_of = |v: &Value| as_nd(v).map(|(_, x)| x.shape().to_vec()).unwrap_or_default();
        let (sa, sb) = (shape_of(&a), shape_of(&b));
        let ok = crate::array::layout::broadcast_shapes(c.shape(), &sa)
            .and_then(|s| crate::array::layout::broadcast_shapes(&s, &sb))
            .is_ok();
        if !ok {
            let sh = |s: &[usize]| super::ops::shape_str(Lib::Numpy, s);
            return Err(exc(
                "ValueError",
                format!(
                    "operands could not be broadcast together with shapes {} {} {} ",
                    sh(c.shape()),
                    sh(&sa),
                    sh(&sb)
                ),
            ));
        }
    }
    if lib == Lib::Torch {
        // TensorIterator infers the shape operand by operand: cond, then a, then b.
        let mut shape = c.shape().to_vec();
        for v in [&a, &b] {
            if let Some((_, x)) = as_nd(v) {
                shape = super::ops::torch_broadcast_shape(&shape, x.shape())?;
            }
        }
    }
    let (x, y) = pair(lib, &a, &b)?;
    let (c, x) = broadcast2(lib, &c, &x)?;
    let (c, y) = broadcast2(lib, &c, &y)?;
    let (x, y) = broadcast2(lib, &x, &y)?;
    // np.where always returns an array, even 0-d.
    Ok(wrap(lib, run(Op::Where, &[&c, &x, &y])?))
}

pub fn dtype_value(lib: Lib, d: DType) -> Value {
    Value::DType(
        d,
        if lib == Lib::Torch {
            DKind::Torch
        } else {
            DKind::NpDType
        },
    )
}

pub fn promote_all(ds: &[DType]) -> DType {
    ds.iter().copied().reduce(numpy_promote).unwrap_or(DType::F64)
}

/// `np.float32(1.5)` makes a NumPy scalar; `np.int32([1, 2])` an array of that dtype.
pub fn np_scalar_type_call(d: DType, args: Args) -> Res<Value> {
    let v = args.pos.into_iter().next().unwrap_or(Value::Int(0));
    let a = match as_nd(&v) {
        Some((_, a)) => cast(a, d)?,
        None => match &v {
            Value::Int(n) if d.is_int() && !crate::array::dtype::int_fits(d, *n) => {
                return Err(exc(
                    "OverflowError",
                    format!("Python integer {n} out of bounds for {}", d.numpy_name()),
                ));
            }
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => create::scalar(&v, d)?,
            Value::Str(s) => {
                let x = crate::value::pyfmt::parse_float(s).ok_or_else(|| {
                    exc(
                        "ValueError",
                        format!("could not convert string to float: {}", crate::value::repr::repr_str(s)),
                    )
                })?;
                create::scalar(&Value::Float(x), d)?
            }
            other => create::from_data(Lib::Numpy, other, Some(d))?,
        },
    };
    Ok(super::numpy_result(a))
}

/// `t.max(other)` / `t.min(other)` with a tensor `other`: the elementwise maximum
/// (minimum), as torch.max; `None` for the reductions.
pub fn max_with_other(lib: Lib, m: &str, v: &Value, args: &Args) -> Option<Res<Value>> {
    if lib != Lib::Torch || !matches!(m, "max" | "min") {
        return None;
    }
    let other = args
        .kw
        .iter()
        .find(|(k, _)| k.as_str() == "other")
        .map(|kv| kv.1.clone());
    match other.or_else(|| args.pos.first().cloned()) {
        Some(o @ Value::Tensor(_)) => {
            let op = if m == "max" { BinaryOp::Max } else { BinaryOp::Min };
            Some(maximum(lib, v, &o, op))
        }
        _ => None,
    }
}
