//! Methods and attributes of `ndarray`, NumPy scalars and `Tensor`.

use super::funcs::{self, dtype_arg};
use super::ops::{cast, run};
use super::unary::op_named as unary_op;
use super::{as_nd, index, reduce, result, shape, wrap};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::interp::builtins::{int_arg, kwarg};
use crate::ir::{BinaryOp, Op};
use crate::syntax::ast::BinOp;
use crate::syntax::symbol::Sym;
use crate::value::{Args, DKind, Lib, Value};
use std::rc::Rc;

use super::casts::{to, to_dtype, tolist};
use super::inplace::write_back;
pub use super::inplace::{backward_call, check_inplace, inplace};

use super::method_names::{NUMPY_METHODS, REDUCTIONS, SHAPE_METHODS};

pub fn method_names(v: &Value) -> &'static [&'static str] {
    match v {
        Value::Array(_) => NUMPY_METHODS,
        // NumPy scalars have the methods of 0-d arrays (`np.int64(6).sum()`).
        Value::NpScalar(_) => NUMPY_METHODS,
        Value::Tensor(_) => super::method_names::torch_methods(),
        _ => &[],
    }
}

fn shape_tuple(a: &NdArray) -> Value {
    Value::tuple(a.shape().iter().map(|&n| Value::Int(n as i64)).collect())
}

/// Data attributes: `shape`, `dtype`, `ndim`, `size`, `T`, …
pub fn attr(v: &Value, name: Sym) -> Option<Res<Value>> {
    let (lib, a) = as_nd(v)?;
    if let Some(x) = super::memory::attr(lib, a, name.as_str()) {
        return Some(Ok(x));
    }
    Some(Ok(match (name.as_str(), lib) {
        ("shape", Lib::Numpy) => shape_tuple(a),
        ("shape", Lib::Torch) => Value::Size(a.shape().into()),
        ("dtype", Lib::Numpy) => Value::DType(a.dtype, DKind::NpDType),
        ("dtype", Lib::Torch) => Value::DType(a.dtype, DKind::Torch),
        ("ndim", _) => Value::Int(a.ndim() as i64),
        ("size", Lib::Numpy) => Value::Int(a.numel() as i64),
        ("itemsize", Lib::Numpy) => Value::Int(a.dtype.itemsize() as i64),
        ("nbytes", Lib::Numpy) => Value::Int((a.dtype.itemsize() * a.numel()) as i64),
        (p @ ("mT" | "mH" | "H"), Lib::Torch) => {
            if p == "H" && a.ndim() != 2 {
                return Some(Err(exc(
                    "RuntimeError",
                    format!(
                        "tensor.H is only supported on matrices (2-D tensors). Got {}-D tensor.{}",
                        a.ndim(),
                        if a.ndim() > 2 {
                            " For batches of matrices, consider using tensor.mH"
                        } else {
                            ""
                        }
                    ),
                )));
            }
            if a.ndim() < 2 {
                return Some(Err(exc(
                    "RuntimeError",
                    format!(
                        "tensor.{p} is only supported on matrices or batches of matrices. Got {}-D tensor.",
                        a.ndim()
                    ),
                )));
            }
            // The conjugate transpose is the transpose for real tensors; nt's conj of a
            // complex tensor is a copy, not PyTorch's view, so it is not offered here.
            if p != "mT" && a.dtype.is_complex() {
                return Some(Err(exc(
                    "NotImplementedError",
                    format!("nt does not implement tensor.{p} for complex tensors yet; use t.conj().mT"),
                )));
            }
            let n = a.ndim() as i64;
            let r = match shape::transpose2(lib, a, n - 2, n - 1) {
                Ok(r) => wrap(lib, r),
                Err(e) => return Some(Err(e)),
            };
            let mut perm: Vec<usize> = (0..a.ndim()).collect();
            perm.swap(a.ndim() - 2, a.ndim() - 1);
            return Some(crate::nd::record::view("transpose", r, v, Some(perm)));
        }
        ("T", _) => match v {
            Value::NpScalar(_) => v.clone(),
            _ => {
                let r = wrap(lib, shape::reversed(a));
                if lib == Lib::Torch {
                    let perm: Vec<usize> = (0..a.ndim()).rev().collect();
                    return Some(crate::nd::record::view("permute", r, v, Some(perm)));
                }
                r
            }
        },
        // A complex number's parts. NumPy's and PyTorch's are views; nt's are read-only
        // copies (a write into them raises rather than being lost).
        ("real" | "imag", _) if a.dtype.is_complex() => {
            let op = if name.as_str() == "real" {
                None
            } else {
                Some(crate::ir::UnaryOp::Imag)
            };
            let part = match op {
                None => super::ops::cast(a, a.dtype.to_real()),
                Some(u) => super::unary::complex_unary(lib, u, a),
            };
            match part {
                Ok(p) => {
                    let p = match super::ops::run(crate::ir::Op::Copy, &[&p]) {
                        Ok(p) => p,
                        Err(e) => return Some(Err(e)),
                    };
                    crate::array::storage::set_readonly(&p.storage, crate::array::storage::COMPLEX_PART_COPY);
                    wrap(lib, p)
                }
                Err(e) => return Some(Err(e)),
            }
        }
        ("real", _) => match v {
            Value::NpScalar(_) => v.clone(),
            _ => wrap(lib, a.clone()),
        },
        ("imag", Lib::Numpy) => {
            let z = match super::ops::cast(
                &super::ops::run(crate::ir::Op::exact(crate::ir::UnaryOp::Imag), &[a]).unwrap_or_else(|_| a.clone()),
                a.dtype,
            ) {
                Ok(z) => z,
                Err(e) => return Some(Err(e)),
            };
            let z = match super::ops::run(crate::ir::Op::Copy, &[&z]) {
                Ok(z) => z,
                Err(e) => return Some(Err(e)),
            };
            crate::array::storage::set_readonly(&z.storage, crate::array::storage::COMPLEX_PART_COPY);
            match v {
                Value::NpScalar(_) => Value::NpScalar(Rc::new(z)),
                _ => wrap(lib, z),
            }
        }
        ("imag", Lib::Torch) => {
            return Some(Err(exc(
                "TypeError",
                "imag is not implemented for tensors with non-complex dtypes.",
            )));
        }
        // `t.data`: the same storage, detached (no history, no requires_grad).
        ("data", Lib::Torch) => wrap(lib, a.clone()),
        ("device", Lib::Torch) => super::device::of(a),
        ("is_cuda", Lib::Torch) => Value::Bool(super::device::on_gpu(a)),
        ("is_leaf", Lib::Torch) => Value::Bool(matches!(v, Value::Tensor(t) if t.is_leaf())),
        ("requires_grad", Lib::Torch) => Value::Bool(matches!(v, Value::Tensor(t) if t.needs_grad())),
        ("grad", Lib::Torch) => match v {
            Value::Tensor(t) => match (&*t.grad.borrow(), &t.grad_fn()) {
                (Some(g), _) => wrap(lib, g.clone()),
                (None, Some(n)) if n.retain.get() => match &*n.retained.borrow() {
                    Some(g) => wrap(lib, g.clone()),
                    None => Value::None,
                },
                _ => Value::None,
            },
            _ => Value::None,
        },
        ("grad_fn", Lib::Torch) => match v {
            Value::Tensor(t) => match &t.grad_fn() {
                Some(n) => Value::GradFn(n.clone()),
                None => Value::None,
            },
            _ => Value::None,
        },
        _ => return None,
    }))
}

/// Shape methods, shared with `np.reshape(a, …)` and friends.
pub fn shape_method(lib: Lib, a: &NdArray, name: &str, mut args: Args) -> Res<Value> {
    let out = match name {
        "reshape" | "view" => {
            let order = kwarg(&mut args, "order");
            let want = match kwarg(&mut args, "shape").or_else(|| kwarg(&mut args, "newshape")) {
                Some(s) => shape::dims(&[s])?,
                None => shape::dims(&args.pos)?,
            };
            match shape::order_arg(a, order.as_ref(), false)? {
                shape::Order::F => shape::reshape_f(lib, a, &want)?,
                _ => shape::reshape(lib, a, &want, name == "view")?,
            }
        }
        "flatten" | "ravel" if lib == Lib::Numpy => {
            let order = kwarg(&mut args, "order").or_else(|| args.pos.first().cloned());
            let (x, _) = shape::order_view(a, shape::order_arg(a, order.as_ref(), true)?);
            // NumPy's flatten always copies; ravel views when it can.
            let n = x.numel() as i64;
            let r = shape::reshape(lib, &x, &[n], false)?;
            if name == "flatten" { run(Op::Copy, &[&r])? } else { r }
        }
        "flatten" | "ravel" => {
            let start = kwarg(&mut args, "start_dim")
                .or_else(|| args.pos.first().cloned())
                .map(|v| int_arg(&v))
                .transpose()?
                .unwrap_or(0);
            let end = kwarg(&mut args, "end_dim")
                .or_else(|| args.pos.get(1).cloned())
                .map(|v| int_arg(&v))
                .transpose()?
                .unwrap_or(-1);
            if a.ndim() == 0 {
                shape::reshape(lib, a, &[1], false)?
            } else {
                let (s, e) = (reduce::axis(lib, start, a.ndim())?, reduce::axis(lib, end, a.ndim())?);
                let mut want: Vec<i64> = a.shape()[..s].iter().map(|&n| n as i64).collect();
                want.push(a.shape()[s..=e.max(s)].iter().product::<usize>() as i64);
                want.extend(a.shape()[e.max(s) + 1..].iter().map(|&n| n as i64));
                // NumPy's flatten always copies; ravel and PyTorch's flatten view when they can.
                let r = shape::reshape(lib, a, &want, false)?;
                if name == "flatten" && lib == Lib::Numpy {
                    run(Op::Copy, &[&r])?
                } else {
                    r
                }
            }
        }
        "transpose" if lib == Lib::Numpy && args.kw.iter().any(|(k, _)| k.as_str() == "axes") => {
            match kwarg(&mut args, "axes") {
                Some(Value::None) | None => shape::reversed(a),
                Some(v) => shape::permute(lib, a, &shape::dims(&[v])?)?,
            }
        }
        "transpose" => match (lib, args.pos.len()) {
            (Lib::Torch, 2) => shape::transpose2(lib, a, int_arg(&args.pos[0])?, int_arg(&args.pos[1])?)?,
            (Lib::Torch, _) => {
                return Err(type_error(
                    "transpose() received an invalid combination of arguments - expected (int dim0, int dim1)",
                ));
            }
            (Lib::Numpy, 0) => shape::reversed(a),
            (Lib::Numpy, _) => {
                let axes = kwarg(&mut args, "axes");
                let order = match axes {
                    Some(v) => shape::dims(&[v])?,
                    None => shape::dims(&args.pos)?,
                };
                shape::permute(lib, a, &order)?
            }
        },
        "permute" => {
            let order = match kwarg(&mut args, "dims") {
                Some(v) => shape::dims(&[v])?,
                None => shape::dims(&args.pos)?,
            };
            shape::permute(lib, a, &order)?
        }
        "squeeze" => {
            let d =
                kwarg(&mut args, if lib == Lib::Numpy { "axis" } else { "dim" }).or_else(|| args.pos.first().cloned());
            shape::squeeze(lib, a, d.as_ref())?
        }
        "expand_dims"
            if matches!(
                args.kw
                    .iter()
                    .find(|(k, _)| k.as_str() == "axis")
                    .map(|kv| &kv.1)
                    .or(args.pos.first()),
                Some(Value::Tuple(_) | Value::List(_))
            ) =>
        {
            let axis = kwarg(&mut args, "axis").or_else(|| args.pos.first().cloned());
            let mut axes = shape::dims(std::slice::from_ref(&axis.unwrap_or(Value::None)))?;
            let n = a.ndim() + axes.len();
            for x in axes.iter_mut() {
                if *x < 0 {
                    *x += n as i64;
                }
            }
            axes.sort_unstable();
            let mut out = a.clone();
            for x in axes {
                out = shape::unsqueeze(lib, &out, x)?;
            }
            out
        }
        "unsqueeze" | "expand_dims" => {
            let d = kwarg(&mut args, if lib == Lib::Numpy { "axis" } else { "dim" })
                .or_else(|| args.pos.first().cloned())
                .ok_or_else(|| type_error(format!("{name}() missing required argument 'dim'")))?;
            shape::unsqueeze(lib, a, int_arg(&d)?)?
        }
        "expand" => shape::expand(a, &shape::dims(&args.pos)?)?,
        _ => return Err(super::internal(format!("unknown shape method {name}"))),
    };
    Ok(wrap(lib, out))
}

pub fn call(interp: &mut Interp, v: &Value, name: Sym, mut args: Args) -> Res<Value> {
    let Some((lib, a)) = as_nd(v) else {
        return Err(super::internal("method on a non-array"));
    };
    let m = name.as_str();
    if let Some(r) = super::memory::method(lib, v, a, m, &mut args) {
        return r;
    }
    if lib == Lib::Torch && super::inplace::writes_in_place(m) {
        check_inplace(v, false)?;
        if let Some(r) = super::inplace::fill_with_history(v, m, &args)? {
            return Ok(r);
        }
    }
    // PyTorch's in-place variants: the method's result written into the tensor.
    if lib == Lib::Torch
        && m.ends_with('_')
        && !matches!(
            m,
            "add_"
                | "sub_"
                | "mul_"
                | "div_"
                | "zero_"
                | "fill_"
                | "requires_grad_"
                | "uniform_"
                | "normal_"
                | "bernoulli_"
        )
        // An in-place method without an out-of-place twin (`exponential_`) is its own.
        && (method_names(v).contains(&&m[..m.len() - 1]) || m == "copy_" || super::unary::op_named(&m[..m.len() - 1]).is_some())
    {
        let base = &m[..m.len() - 1];
        if let (Value::Tensor(t), true) = (v, super::inplace::is_view_change(base)) {
            return super::inplace::view_in_place(interp, t, v, base, args);
        }
        super::inplace::refuse(lib, base, a)?;
        if lib == Lib::Torch {
            for x in args.pos.iter().filter_map(as_nd) {
                super::inplace::torch_overlap_check(a, x.1, false)?;
            }
        }
        let mut operands: Vec<&Value> = vec![v];
        operands.extend(args.pos.iter().chain(args.kw.iter().map(|(_, x)| x)));
        if let (Value::Tensor(t), true) = (v, crate::nd::record::needs(&operands)) {
            return super::inplace::method_with_history(t, v, a, base, args, |old, args| {
                call(interp, old, Sym::new(base), args)
            });
        }
        let r = if base == "copy" {
            let src = args
                .pos
                .first()
                .cloned()
                .ok_or_else(|| type_error("copy_() missing required argument 'src'"))?;
            match as_nd(&src) {
                // copy_ converts to the destination's dtype, whatever the promotion rules say.
                Some((_, x)) if x.dtype != a.dtype => {
                    let c = cast(x, a.dtype)?;
                    match &src {
                        Value::Tensor(t) if t.needs_grad() => src,
                        _ => wrap(lib, c),
                    }
                }
                Some(_) => src,
                None => {
                    return Err(type_error(format!(
                        "copy_(): argument 'src' must be Tensor, not {}",
                        src.type_name()
                    )));
                }
            }
        } else {
            call(interp, v, Sym::new(base), args)?
        };
        return write_back(lib, a, v, &r);
    }
    if REDUCTIONS.contains(&m) && method_names(v).contains(&m) {
        if let Some(r) = super::funcs::max_with_other(lib, m, v, &args) {
            return r;
        }
        args.pos.insert(0, v.clone());
        return reduce::call(lib, m, a, args);
    }
    if SHAPE_METHODS.contains(&m) {
        let perm = match m {
            "permute" => {
                let order = match args.kw.iter().find(|(k, _)| k.as_str() == "dims") {
                    Some((_, v)) => shape::dims(std::slice::from_ref(v))?,
                    None => shape::dims(&args.pos)?,
                };
                // A wrong length is reported by `shape_method` with the library's message.
                if order.len() == a.ndim() {
                    Some(
                        order
                            .iter()
                            .map(|&o| reduce::axis(lib, o, a.ndim()))
                            .collect::<Res<Vec<_>>>()?,
                    )
                } else {
                    None
                }
            }
            "transpose" if lib == Lib::Torch && args.pos.len() == 2 => {
                let (x, y) = (
                    reduce::axis(lib, int_arg(&args.pos[0])?, a.ndim())?,
                    reduce::axis(lib, int_arg(&args.pos[1])?, a.ndim())?,
                );
                let mut p: Vec<usize> = (0..a.ndim()).collect();
                p.swap(x, y);
                Some(p)
            }
            _ => None,
        };
        let has_dim = !args.pos.is_empty() || !args.kw.is_empty();
        let r = shape_method(lib, a, m, args)?;
        if lib == Lib::Torch {
            return match m {
                "reshape" | "view" | "flatten" | "permute" | "transpose" | "unsqueeze" => {
                    crate::nd::record::view(m, r, v, perm)
                }
                "squeeze" => crate::nd::record::view(if has_dim { "squeeze_dim" } else { "squeeze" }, r, v, None),
                "expand" => crate::nd::record::expand(r, v),
                _ => {
                    crate::nd::record::check_recorded(m, &[v], &r)?;
                    Ok(r)
                }
            };
        }
        return Ok(r);
    }
    if matches!(
        m,
        "swapaxes" | "flip" | "repeat_interleave" | "split" | "chunk" | "unbind"
    ) || (m == "repeat" && lib == Lib::Numpy)
    {
        args.pos.insert(0, v.clone());
        let table_name = m;
        return super::module::call_shaping(interp, lib, table_name, args);
    }
    if m == "repeat" {
        // `t.repeat(*sizes)` tiles.
        let reps = shape::dims(&args.pos)?;
        let r = wrap(lib, shape::tile(lib, a, &reps)?);
        return super::record::rearrangement("RepeatBackward0", r, v, |p| shape::tile(lib, p, &reps));
    }
    // `t.logical_not()` is truth, not bits (the function's special case, below).
    if let Some(op) = unary_op(m).filter(|_| m != "logical_not") {
        if m == "round" {
            let decimals = kwarg(&mut args, "decimals").or_else(|| args.pos.first().cloned());
            if let Some(d) = decimals {
                return funcs::round_decimals(lib, v, int_arg(&d)?);
            }
        }
        return funcs::unary_math(lib, op, v);
    }
    match m {
        // One host copy (one download for a gpu tensor), then every element from it.
        "tolist" => tolist(&crate::realise::host(a).map_err(super::internal)?),
        "copy" | "clone" | "contiguous" | "detach" => {
            if m == "contiguous" && a.layout.is_contiguous() {
                return Ok(v.clone());
            }
            if m == "detach" {
                return Ok(wrap(lib, a.clone()));
            }
            if lib == Lib::Numpy {
                let order = kwarg(&mut args, "order").or_else(|| args.pos.first().cloned());
                let order = shape::order_arg(a, order.as_ref(), true)?;
                return Ok(wrap(lib, shape::copy_in_order(a, order)?));
            }
            // `contiguous()` of a strided tensor is a clone, with its gradient node.
            let r = wrap(lib, run(Op::Copy, &[a])?);
            Ok(super::record::record(
                r,
                "CloneBackward0",
                crate::tensor::autograd::Rule::Identity,
                &[v],
            ))
        }
        "is_contiguous" => Ok(Value::Bool(a.layout.is_contiguous())),
        "astype" | "to" | "type" => {
            let d = kwarg(&mut args, "dtype").or_else(|| args.pos.first().cloned());
            if let (Lib::Numpy, Some(dv)) = (lib, d.as_ref()) {
                super::funcs::check_dtype_value(lib, m, dv)?;
            }
            if let (Lib::Numpy, Some(kind)) = (lib, d.as_ref().and_then(super::objects::obj_kind)) {
                return Ok(super::objects::from_numeric(a, kind));
            }
            if m == "to" {
                return to(lib, v, a, d, args);
            }
            if let (Lib::Torch, "type", Some(Value::Str(name))) = (lib, m, d.as_ref()) {
                return to_dtype(lib, v, a, super::casts::legacy_type(name)?);
            }
            match d {
                // A 0-d array stays an array (a NumPy scalar stays a scalar).
                Some(d) if matches!(v, Value::Array(_)) && a.ndim() == 0 => match dtype_arg(&d)? {
                    Some(d) => Ok(wrap(lib, cast(&run(Op::Copy, &[a])?, d)?)),
                    None => Ok(v.clone()),
                },
                Some(d) => match dtype_arg(&d)? {
                    Some(d) => to_dtype(lib, v, a, d),
                    None => Ok(v.clone()),
                },
                None if m == "type" => Ok(Value::str(&format!("torch.{}Tensor", a.dtype.torch_scalar_name()))),
                None => Err(type_error(format!("{m}() missing required argument 'dtype'"))),
            }
        }
        "float" => to_dtype(lib, v, a, DType::F32),
        "double" => to_dtype(lib, v, a, DType::F64),
        "half" => to_dtype(lib, v, a, DType::F16),
        "long" => to_dtype(lib, v, a, DType::I64),
        "int" => to_dtype(lib, v, a, DType::I32),
        "short" => to_dtype(lib, v, a, DType::I16),
        "bool" => to_dtype(lib, v, a, DType::Bool),
        "cpu" => super::device::move_tensor(v, false),
        "gpu" | "cuda" => super::device::move_tensor(v, true).inspect(|_| super::device::note_gpu_name(m)),
        "numpy" => {
            super::device::host_only(a)?;
            if matches!(v, Value::Tensor(t) if t.needs_grad()) {
                return Err(exc(
                    "RuntimeError",
                    "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
                ));
            }
            Ok(Value::Array(Rc::new(a.clone())))
        }
        "size" => match kwarg(&mut args, "dim").or_else(|| args.pos.first().cloned()).as_ref() {
            Some(d) => {
                if a.ndim() == 0 {
                    return Err(exc(
                        "IndexError",
                        format!("Dimension specified as {} but tensor has no dimensions", int_arg(d)?),
                    ));
                }
                let d = reduce::axis(lib, int_arg(d)?, a.ndim())?;
                Ok(Value::Int(a.shape()[d] as i64))
            }
            None => Ok(Value::Size(a.shape().into())),
        },
        "dim" => Ok(Value::Int(a.ndim() as i64)),
        "element_size" => Ok(Value::Int(a.dtype.itemsize() as i64)),
        "requires_grad_" => {
            let on = kwarg(&mut args, "requires_grad")
                .or_else(|| args.pos.first().cloned())
                .is_none_or(|x| x.truthy());
            let Value::Tensor(t) = v else {
                return Err(super::internal("requires_grad_"));
            };
            if on && !a.dtype.is_float() {
                return Err(exc(
                    "RuntimeError",
                    "only Tensors of floating point dtype can require gradients",
                ));
            }
            if !t.is_leaf() && on {
                return Ok(v.clone());
            }
            if !t.is_leaf() {
                return Err(exc(
                    "RuntimeError",
                    "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
                ));
            }
            t.requires_grad.set(on);
            Ok(v.clone())
        }
        "backward" => {
            let Value::Tensor(t) = v else {
                return Err(super::internal("backward"));
            };
            backward_call(interp, t, args)
        }
        "retain_grad" => {
            if let Value::Tensor(t) = v {
                if let Some(n) = &t.grad_fn() {
                    n.retain.set(true);
                }
            }
            Ok(Value::None)
        }
        "is_floating_point" => Ok(Value::Bool(a.dtype.is_float())),
        "bfloat16" => to_dtype(lib, v, a, DType::BF16),
        "t" => {
            if a.ndim() > 2 {
                return Err(exc(
                    "RuntimeError",
                    format!("t() expects a tensor with <= 2 dimensions, but self is {}D", a.ndim()),
                ));
            }
            let r = wrap(lib, shape::reversed(a));
            let perm: Vec<usize> = (0..a.ndim()).rev().collect();
            crate::nd::record::view("t", r, v, Some(perm))
        }
        "numel" => Ok(Value::Int(a.numel() as i64)),
        "lerp" => super::compound::call(v, m, args),
        "sort" if lib == Lib::Numpy => {
            // `a.sort()` sorts in place and returns None; it has no flattening axis=None.
            if matches!(args.pos.first(), Some(Value::None))
                || args
                    .kw
                    .iter()
                    .any(|(k, v)| k.as_str() == "axis" && matches!(v, Value::None))
            {
                return Err(type_error("'NoneType' object cannot be interpreted as an integer"));
            }
            args.pos.insert(0, v.clone());
            let sorted = super::sorting::call(interp, lib, "sort", args)?;
            if let Some((_, x)) = as_nd(&sorted) {
                super::ops::write_into(lib, a, x)?;
            }
            Ok(Value::None)
        }
        "sort" | "argsort" | "topk" | "median" | "unique" => {
            args.pos.insert(0, v.clone());
            super::sorting::call(interp, lib, m, args)
        }
        "add" | "sub" | "add_" | "sub_" if args.kw.iter().any(|(k, _)| k.as_str() == "alpha") => {
            let (other, alpha) = super::compound::other_alpha(&mut args, m)?;
            let alpha = alpha.unwrap_or(Value::Int(1));
            let sub = m.starts_with("sub");
            if !m.ends_with('_') {
                return super::compound::add_scaled(v, &other, &alpha, sub);
            }
            let scaled = crate::interp::ops::binary(BinOp::Mul, &other, &alpha)?;
            if crate::nd::record::needs(&[v, &other]) {
                return inplace(if sub { BinOp::Sub } else { BinOp::Add }, v, &scaled);
            }
            // No history to keep: the fused value is written into the tensor.
            let r = super::compound::add_scaled(v, &other, &alpha, sub)?;
            super::inplace::check_inplace(v, false)?;
            super::inplace::write_back(lib, a, v, &r)
        }
        "div_" if args.kw.iter().any(|(k, _)| k.as_str() == "rounding_mode") => {
            let others = args.pos.clone();
            super::inplace::div_rounding(lib, a, v, &others, || call(interp, v, Sym::new("div"), args))
        }
        "add" | "sub" | "mul" | "div" | "add_" | "sub_" | "mul_" | "div_"
            if !(m == "div" && args.kw.iter().any(|(k, _)| k.as_str() == "rounding_mode")) =>
        {
            let rhs = match m.trim_end_matches('_') {
                "add" | "sub" => super::compound::other_alpha(&mut args, m)?.0,
                _ => args
                    .pos
                    .first()
                    .cloned()
                    .ok_or_else(|| type_error(format!("{m}() missing required argument 'other'")))?,
            };
            let op = match m.trim_end_matches('_') {
                "add" => BinOp::Add,
                "sub" => BinOp::Sub,
                "mul" => BinOp::Mul,
                _ => BinOp::Div,
            };
            match m.ends_with('_') {
                true => inplace(op, v, &rhs),
                false => crate::interp::ops::binary(op, v, &rhs),
            }
        }
        "uniform_" | "normal_" | "bernoulli_" | "random_" => super::random::fill_method(interp, v, a, m, args),
        "zero_" | "fill_" | "fill" => {
            let val = if m == "zero_" {
                Value::Int(0)
            } else {
                args.pos
                    .first()
                    .cloned()
                    .ok_or_else(|| type_error(format!("{m}() missing required argument 'value'")))?
            };
            index::set(lib, a, &Value::Ellipsis, &val)?;
            Ok(if m == "fill" { Value::None } else { v.clone() })
        }
        "clamp" | "clip" => {
            args.pos.insert(0, v.clone());
            let (lo, hi) = funcs::clip_bounds(lib, &mut args);
            let r = funcs::clip(lib, v, &lo, &hi)?;
            if lib == Lib::Torch {
                return crate::nd::record::clamp(r, v, &lo, &hi);
            }
            Ok(r)
        }
        "sigmoid" => funcs::sigmoid(lib, v),
        "reciprocal" => funcs::reciprocal(lib, v),
        "isnan" | "isinf" | "isfinite" => funcs::float_test(lib, v, m),
        "pow" => {
            let e = args
                .pos
                .first()
                .cloned()
                .ok_or_else(|| type_error("pow() missing required argument 'exponent'"))?;
            crate::interp::ops::binary(BinOp::Pow, v, &e)
        }
        "relu" => funcs::relu(lib, v),
        m if super::binary_fns::op_named(m).is_some()
            || (lib == Lib::Torch && m != "equal" && super::binary_fns::comparison_named(m).is_some()) =>
        {
            args.pos.insert(0, v.clone());
            super::binary_fns::call_as(interp, lib, m, args, true)
        }
        "maximum" | "minimum" => {
            let o = args
                .pos
                .first()
                .cloned()
                .ok_or_else(|| type_error(format!("{m}() missing required argument 'other'")))?;
            let r = funcs::maximum(lib, v, &o, if m == "maximum" { BinaryOp::Max } else { BinaryOp::Min })?;
            if lib == Lib::Torch {
                return crate::nd::record::select2(r, v, &o, m == "maximum");
            }
            Ok(r)
        }
        "dot" | "mm" => {
            args.pos.insert(0, v.clone());
            super::module::call_linalg(interp, lib, m, args)
        }
        "matmul" if lib == Lib::Torch => {
            let o = args
                .pos
                .first()
                .cloned()
                .ok_or_else(|| type_error("matmul() missing required argument 'other'"))?;
            let r = crate::interp::ops::binary(BinOp::MatMul, v, &o)?;
            Ok(r)
        }
        "matmul" => {
            let o = args
                .pos
                .first()
                .cloned()
                .ok_or_else(|| type_error(format!("{m}() missing required argument 'other'")))?;
            let b = funcs::nd_arg(lib, &o)?;
            if m == "dot" && lib == Lib::Torch && (a.ndim() != 1 || b.ndim() != 1) {
                return Err(exc(
                    "RuntimeError",
                    format!("1D tensors expected, but got {}D and {}D tensors", a.ndim(), b.ndim()),
                ));
            }
            Ok(result(lib, super::matmul::matmul(lib, a, &b)?))
        }
        // Methods written in nt: the function of the same name in `numpy._ext`/`torch._ext`
        // (or another private part of the module: `numpy._index`, …).
        _ if method_names(v).contains(&m) => {
            // A method that differs from the function of its name (`a.partition` works
            // in place, `a.compress(cond)` swaps the arguments) is `_ndarray_NAME`.
            let module = if lib == Lib::Numpy { "numpy" } else { "torch" };
            let special = Sym::new(&format!(
                "_{}_{m}",
                if lib == Lib::Numpy { "ndarray" } else { "tensor" }
            ));
            let mut lookup = |key: Sym| {
                crate::nd::stdlib::private_parts(module).into_iter().find_map(|part| {
                    let path: Vec<Sym> = part.split('.').map(Sym::new).collect();
                    let Ok(Value::Module(x)) = interp.import(&path) else {
                        return None;
                    };
                    x.attrs.borrow().get(&key).cloned()
                })
            };
            // Then the library function itself, where nt has it natively (`t.det()` is
            // `torch.det(t)`).
            let native = |interp: &mut Interp| match interp.import(&[Sym::new(module)]) {
                Ok(Value::Module(x)) => x
                    .attrs
                    .borrow()
                    .get(&name)
                    .filter(|f| matches!(f, Value::NdFunc(_)))
                    .cloned(),
                _ => None,
            };
            let found = lookup(special).or_else(|| lookup(name));
            let found = match found {
                Some(f) => Some(f),
                None => native(interp),
            };
            match found.ok_or(()) {
                Ok(f) => {
                    args.pos.insert(0, v.clone());
                    interp.call(&f, args, None)
                }
                Err(_) => Err(exc(
                    "AttributeError",
                    format!("'{}' object has no attribute '{m}'", v.type_name()),
                )),
            }
        }
        _ => Err(exc(
            "AttributeError",
            format!("'{}' object has no attribute '{m}'", v.type_name()),
        )),
    }
}
