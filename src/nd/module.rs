//! The `np`/`numpy` and `torch` modules, and the torch names DESIGN.md §1 puts in the
//! global scope. Each function is one entry of a static table that knows its library.

use super::binary_fns::call as binary_fns;
use super::create::call as create;
use super::device::devices;
use super::files::numpy_fn as np_files;
use super::funcs::{self, nd_arg};
use super::grad_mode::autograd_fn;
use super::linalg::call as lu;
use super::memory::numpy_fn as memory;
use super::objects::strings;
use super::random::{numpy_fn as np_random, torch_fn as torch_random};
use super::sorting::call as sorting;
use super::type_fns::types;
use super::{as_nd, reduce, result, shape, wrap};
use crate::array::dtype::{self, DType};
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::interp::builtins::{int_arg, kwarg};
use crate::ir::{BinaryOp, UnaryOp};
use crate::syntax::symbol::Sym;
use crate::value::{Args, DKind, Lib, Module, NdFn, Value};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

pub(super) fn arg(args: &Args, i: usize, fname: &str) -> Res<Value> {
    args.pos
        .get(i)
        .cloned()
        .ok_or_else(|| type_error(format!("{fname}() missing required argument (pos {})", i + 1)))
}

fn math(interp: &mut Interp, lib: Lib, name: &'static str, mut args: Args) -> Res<Value> {
    let x = arg(&args, 0, name)?;
    match name {
        // where(condition) alone is nonzero(condition) as a tuple (stdlib's `_ext`).
        "where" if args.pos.len() == 1 && args.kw.is_empty() => {
            if lib == Lib::Numpy && nd_arg(lib, &x)?.ndim() == 0 {
                return Err(exc(
                    "ValueError",
                    "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead. If the context of this error is of the form `arr[nonzero(cond)]`, just use `arr[cond]`.",
                ));
            }
            let module = if lib == Lib::Numpy { "numpy" } else { "torch" };
            let ext = interp.import(&[Sym::new(module), Sym::new("_ext")])?;
            let f = interp.get_attr(&ext, Sym::new("nonzero"))?;
            let mut call = Args {
                pos: vec![x],
                kw: Vec::new(),
            };
            if lib == Lib::Torch {
                call.kw.push((Sym::new("as_tuple"), Value::Bool(true)));
            }
            interp.call(&f, call, None)
        }
        "sigmoid" => funcs::sigmoid(lib, &x),
        "softmax" => {
            let d = kwarg(&mut args, "dim")
                .or_else(|| args.pos.get(1).cloned())
                .ok_or_else(|| type_error("softmax() missing required argument 'dim'"))?;
            let dtype = kwarg(&mut args, "dtype").or_else(|| args.pos.get(2).cloned());
            funcs::softmax_as(lib, &x, int_arg(&d)?, dtype)
        }
        "is_tensor" => Ok(Value::Bool(matches!(x, Value::Tensor(_)))),
        // Truth, not bits: `logical_not(1.5)` is False.
        "logical_not" => {
            let a = nd_arg(lib, &x)?;
            let zero = super::create::scalar(&Value::Int(0), a.dtype)?;
            let (a, z) = super::ops::broadcast2(lib, &a, &zero)?;
            Ok(result(
                lib,
                super::ops::run(crate::ir::Op::Binary(BinaryOp::Eq), &[&a, &z])?,
            ))
        }
        "reciprocal" => funcs::reciprocal(lib, &x),
        "isnan" | "isinf" | "isfinite" => funcs::float_test(lib, &x, name),
        "power" | "pow" => {
            let e = arg(&args, 1, name)?;
            let base = match super::as_nd(&x) {
                Some(_) => x.clone(),
                None => result(lib, super::create::from_data(lib, &x, None)?),
            };
            crate::interp::ops::binary(crate::syntax::ast::BinOp::Pow, &base, &e)
        }
        "relu" => funcs::relu(lib, &x),
        "maximum" | "minimum" => {
            let y = arg(&args, 1, name)?;
            funcs::maximum(
                lib,
                &x,
                &y,
                if name == "maximum" {
                    BinaryOp::Max
                } else {
                    BinaryOp::Min
                },
            )
            .and_then(|r| match lib {
                Lib::Torch => crate::nd::record::select2(r, &x, &y, name == "maximum"),
                Lib::Numpy => Ok(r),
            })
        }
        "clip" | "clamp" => {
            let (lo, hi) = funcs::clip_bounds(lib, &mut args);
            let r = funcs::clip(lib, &x, &lo, &hi)?;
            match lib {
                Lib::Torch => crate::nd::record::clamp(r, &x, &lo, &hi),
                Lib::Numpy => Ok(r),
            }
        }
        "where" => {
            if args.pos.len() != 3 {
                return Err(type_error("where() needs a condition and two values in nt"));
            }
            let r = funcs::where_(lib, &x, &args.pos[1], &args.pos[2])?;
            match lib {
                Lib::Torch => crate::nd::record::where_(r, &args.pos[0], &args.pos[1], &args.pos[2]),
                Lib::Numpy => Ok(r),
            }
        }
        "round" | "around" if args.pos.len() > 1 || args.kw.iter().any(|(k, _)| k.as_str() == "decimals") => {
            let d = kwarg(&mut args, "decimals")
                .or_else(|| args.pos.get(1).cloned())
                .unwrap_or(Value::Int(0));
            funcs::round_decimals(lib, &x, int_arg(&d)?)
        }
        "conj" | "conj_physical" | "resolve_conj" | "is_conj" if lib == Lib::Torch => super::complex::conj_of(&x, name),
        _ => match super::unary::op_named(name) {
            Some(op) => funcs::unary_math(lib, op, &x),
            None => Err(super::internal(format!("unknown math function {name}"))),
        },
    }
}

fn reduction(_: &mut Interp, lib: Lib, name: &'static str, args: Args) -> Res<Value> {
    let a = nd_arg(lib, &arg(&args, 0, name)?)?;
    // `torch.max(a, b)` with a tensor `b` is the elementwise maximum.
    if lib == Lib::Torch && matches!(name, "max" | "min") && matches!(args.pos.get(1), Some(Value::Tensor(_))) {
        let op = if name == "max" { BinaryOp::Max } else { BinaryOp::Min };
        return funcs::maximum(lib, &args.pos[0], &args.pos[1], op);
    }
    // np.amax is np.max; torch.amax returns values only, and differentiates as Amax.
    let name = match (name, lib) {
        ("amax", Lib::Numpy) => "max",
        ("amin", Lib::Numpy) => "min",
        (other, _) => other,
    };
    reduce::call(lib, name, &a, args)
}

/// `a.dot(b)`, `t.mm(m)` as methods.
pub fn call_linalg(interp: &mut Interp, lib: Lib, name: &str, args: Args) -> Res<Value> {
    let table = if lib == Lib::Numpy { NUMPY } else { TORCH };
    match table.iter().find(|f| f.name == name) {
        Some(f) => linalg(interp, lib, f.name, args),
        None => Err(super::internal(format!("no function {name}"))),
    }
}

fn linalg(interp: &mut Interp, lib: Lib, name: &'static str, args: Args) -> Res<Value> {
    let inputs = args.pos.clone();
    let r = super::matmul::linalg_values(interp, lib, name, args)?;
    match (lib, inputs.as_slice()) {
        (Lib::Torch, [a, b, ..]) if name == "bmm" => crate::nd::record::bmm(r, a, b),
        (Lib::Torch, [a, b, ..]) => crate::nd::record::matmul(r, a, b),
        _ => Ok(r),
    }
}

/// Shape functions reached as methods (`t.split(2)`, `a.swapaxes(0, 1)`).
pub fn call_shaping(interp: &mut Interp, lib: Lib, name: &str, args: Args) -> Res<Value> {
    let table = if lib == Lib::Numpy { NUMPY } else { TORCH };
    match table.iter().find(|f| f.name == name) {
        Some(f) => shaping(interp, lib, f.name, args),
        None => Err(super::internal(format!("no function {name}"))),
    }
}

fn shaping(interp: &mut Interp, lib: Lib, name: &'static str, mut args: Args) -> Res<Value> {
    let first = arg(&args, 0, name)?;
    match name {
        "shares_memory" | "may_share_memory" => {
            let (a, b) = (nd_arg(lib, &first)?, nd_arg(lib, &arg(&args, 1, name)?)?);
            Ok(Value::Bool(super::overlap::overlap(&a, &b, name == "shares_memory")))
        }
        // torch.swapaxes is transpose, recorded as one.
        "swapaxes" if lib == Lib::Torch => {
            args.pos.remove(0);
            super::methods::call(interp, &first, crate::syntax::symbol::Sym::new("transpose"), args)
        }
        "swapaxes" => {
            let a = nd_arg(lib, &first)?;
            let (x, y) = (int_arg(&arg(&args, 1, name)?)?, int_arg(&arg(&args, 2, name)?)?);
            if lib == Lib::Numpy {
                // NumPy names the argument: `axis2: axis 5 is out of bounds ...`.
                for (name, ax) in [("axis1", x), ("axis2", y)] {
                    super::reduce::axis(lib, ax, a.ndim()).map_err(|mut e| {
                        e.msg = format!("{name}: {}", e.msg);
                        e
                    })?;
                }
            }
            Ok(wrap(lib, shape::transpose2(lib, &a, x, y)?))
        }
        "column_stack" => {
            let parts = shape::array_list(lib, &first)?;
            let cols: Vec<_> = parts
                .iter()
                .map(|p| {
                    if p.ndim() == 1 {
                        p.view(p.layout.unsqueeze(1))
                    } else {
                        p.clone()
                    }
                })
                .collect();
            Ok(wrap(lib, shape::concat(lib, &cols, 1)?))
        }
        "flip" => {
            let a = nd_arg(lib, &first)?;
            let ax =
                kwarg(&mut args, if lib == Lib::Numpy { "axis" } else { "dims" }).or_else(|| args.pos.get(1).cloned());
            let axes = super::reduce::axes(lib, ax.as_ref(), a.ndim())?;
            let f = shape::flip(lib, &a, &axes);
            Ok(match lib {
                Lib::Torch if crate::nd::record::needs(&[&first]) => {
                    let at = shape::flip(lib, &crate::nd::record::positions(&a), &axes);
                    let at = super::ops::run(crate::ir::Op::Copy, &[&at])?;
                    let r = wrap(lib, super::ops::run(crate::ir::Op::Copy, &[&f])?);
                    crate::nd::record::rearranged("FlipBackward0", r, &first, &at)
                }
                Lib::Torch => wrap(lib, super::ops::run(crate::ir::Op::Copy, &[&f])?),
                // NumPy indexes with a tuple of slices: a 0-d input comes back a scalar.
                Lib::Numpy => result(lib, f),
            })
        }
        "tile" => {
            let a = nd_arg(lib, &first)?;
            let reps = shape::dims(&[arg(&args, 1, name)?])?;
            let r = wrap(lib, shape::tile(lib, &a, &reps)?);
            crate::nd::record::rearrangement("RepeatBackward0", r, &first, |p| shape::tile(lib, p, &reps))
        }
        "repeat" | "repeat_interleave" => {
            let a = nd_arg(lib, &first)?;
            let repeats = kwarg(&mut args, "repeats").or_else(|| args.pos.get(1).cloned());
            let ax =
                kwarg(&mut args, if lib == Lib::Numpy { "axis" } else { "dim" }).or_else(|| args.pos.get(2).cloned());
            let ax = match ax {
                None | Some(Value::None) => None,
                Some(v) => Some(int_arg(&v)?),
            };
            let r = wrap(lib, shape::repeat(lib, name, &a, repeats.clone(), ax)?);
            // PyTorch: an int count expands and views (ViewBackward0), a tensor of
            // counts selects (IndexSelectBackward0).
            let node = match &repeats {
                Some(Value::Tensor(_)) => "IndexSelectBackward0",
                _ => "ViewBackward0",
            };
            crate::nd::record::rearrangement(node, r, &first, |p| shape::repeat(lib, name, p, repeats.clone(), ax))
        }
        "split" | "array_split" | "chunk" | "unbind" => {
            let a = nd_arg(lib, &first)?;
            let ax = kwarg(&mut args, if lib == Lib::Numpy { "axis" } else { "dim" })
                .or_else(|| args.pos.get(if name == "unbind" { 1 } else { 2 }).cloned())
                .map(|v| int_arg(&v))
                .transpose()?
                .unwrap_or(0);
            let d = super::reduce::axis(lib, ax, a.ndim())?;
            let n = a.shape()[d];
            let parts: Vec<crate::array::NdArray> = match name {
                "unbind" => (0..n).map(|i| a.view(a.layout.select(d, i))).collect(),
                _ => {
                    let spec = kwarg(&mut args, "indices_or_sections")
                        .or_else(|| kwarg(&mut args, "split_size_or_sections"))
                        .or_else(|| kwarg(&mut args, "chunks"))
                        .or_else(|| args.pos.get(1).cloned())
                        .ok_or_else(|| type_error(format!("{name}() missing required argument")))?;
                    let bounds = match (&spec, name, lib) {
                        (Value::List(_) | Value::Tuple(_), _, Lib::Numpy) => shape::dims(&[spec.clone()])?
                            .iter()
                            .map(|&b| b.max(0) as usize)
                            .collect(),
                        (Value::List(_) | Value::Tuple(_), _, Lib::Torch) => {
                            let sizes = shape::dims(&[spec.clone()])?;
                            let mut at = 0;
                            let mut b = Vec::new();
                            for s in &sizes[..sizes.len().saturating_sub(1)] {
                                at += *s as usize;
                                b.push(at);
                            }
                            b
                        }
                        (_, "split", Lib::Numpy) => {
                            let k = int_arg(&spec)?;
                            if k <= 0 {
                                return Err(exc("ValueError", "number sections must be larger than 0."));
                            }
                            let k = k as usize;
                            if n % k != 0 {
                                return Err(exc("ValueError", "array split does not result in an equal division"));
                            }
                            shape::section_bounds(n, k, false)
                        }
                        (_, "split", Lib::Torch) => {
                            let size = int_arg(&spec)?;
                            if size < 0 || (size == 0 && n != 0) {
                                return Err(exc(
                                    "RuntimeError",
                                    format!(
                                        "split_size can only be 0 if dimension size is 0, but got dimension size of {n}"
                                    ),
                                ));
                            }
                            let size = size.max(1) as usize;
                            (1..n.div_ceil(size)).map(|i| i * size).collect()
                        }
                        (_, "chunk", _) => {
                            let k = int_arg(&spec)?;
                            if k <= 0 {
                                return Err(exc(
                                    "RuntimeError",
                                    format!("chunk expects `chunks` to be greater than 0, got: {k}"),
                                ));
                            }
                            shape::section_bounds(n, k as usize, true)
                        }
                        _ => shape::section_bounds(n, int_arg(&spec)?.max(1) as usize, false),
                    };
                    shape::split_at(&a, d, &bounds)
                }
            };
            let mut items: Vec<Value> = parts.into_iter().map(|p| wrap(lib, p)).collect();
            if crate::nd::record::needs(&[&first]) {
                // Each piece keeps the input's history, as PyTorch's multi-output nodes do:
                // its basic index into the input is all of the dimensions before `d`,
                // then its row (unbind) or its run of rows (split/chunk).
                let mut start = 0i64;
                for item in items.iter_mut() {
                    let len = as_nd(item).map_or(0, |(_, p)| if name == "unbind" { 1 } else { p.shape()[d] as i64 });
                    let all = Value::Slice(Rc::new([Value::None, Value::None, Value::None]));
                    let mut key = vec![all; d];
                    key.push(if name == "unbind" {
                        Value::Int(start)
                    } else {
                        Value::Slice(Rc::new([Value::Int(start), Value::Int(start + len), Value::None]))
                    });
                    let node = if name == "unbind" {
                        "UnbindBackward0"
                    } else {
                        "SplitBackward0"
                    };
                    *item = crate::nd::record::part(node, item.clone(), &first, Value::tuple(key))?;
                    start += len;
                }
            }
            Ok(if lib == Lib::Numpy {
                Value::list(items)
            } else {
                Value::tuple(items)
            })
        }
        "broadcast_to" => {
            let a = nd_arg(lib, &first)?;
            let want = funcs::shape_list(&[arg(&args, 1, name)?], lib, "")?;
            Ok(wrap(lib, super::shape::broadcast_to(&a, &want)?))
        }
        "concatenate" | "cat" | "concat" | "stack" | "vstack" | "hstack" => {
            // torch.concatenate names its dim `axis` (NumPy's name), as np.concatenate.
            let key = if lib == Lib::Numpy || name == "concatenate" {
                "axis"
            } else {
                "dim"
            };
            let ax_arg = kwarg(&mut args, key).or_else(|| args.pos.get(1).cloned());
            let parts = shape::array_list(lib, &first)?;
            // np.concatenate(axis=None): the inputs flattened, then joined.
            if lib == Lib::Numpy && name == "concatenate" && matches!(ax_arg, Some(Value::None)) {
                let flat: Vec<_> = parts
                    .iter()
                    .map(|p| shape::reshape(lib, p, &[-1], false))
                    .collect::<Res<_>>()?;
                return Ok(wrap(lib, shape::concat(lib, &flat, 0)?));
            }
            let ax = ax_arg.map(|v| int_arg(&v)).transpose()?.unwrap_or(0);
            let out = match name {
                "stack" => shape::stack(lib, &parts, ax)?,
                "vstack" => {
                    let parts: Vec<_> = parts
                        .iter()
                        .map(|p| {
                            if p.ndim() == 1 {
                                p.view(p.layout.unsqueeze(0))
                            } else {
                                p.clone()
                            }
                        })
                        .collect();
                    shape::concat(lib, &parts, 0)?
                }
                "hstack" => {
                    let ax = if parts.first().is_some_and(|p| p.ndim() == 1) {
                        0
                    } else {
                        1
                    };
                    shape::concat(lib, &parts, ax)?
                }
                _ => shape::concat(lib, &parts, ax)?,
            };
            let r = wrap(lib, out);
            if lib == Lib::Torch && matches!(name, "cat" | "concat" | "concatenate" | "stack") {
                let items: Vec<Value> = match &first {
                    Value::List(l) => l.borrow().clone(),
                    Value::Tuple(t) => t.to_vec(),
                    _ => Vec::new(),
                };
                let ndim = parts.first().map_or(1, |p| p.ndim() + usize::from(name == "stack"));
                let d = super::reduce::axis(lib, ax, ndim)?;
                return crate::nd::record::cat(r, &items, d, name == "stack");
            }
            Ok(r)
        }
        _ => {
            // The rest are methods too: `np.reshape(a, s)` is `a.reshape(s)`; tensors take the
            // method's path, which records for autograd.
            if let (Lib::Torch, Value::Tensor(_)) = (lib, &first) {
                args.pos.remove(0);
                return super::methods::call(interp, &first, Sym::new(name), args);
            }
            let a = nd_arg(lib, &first)?;
            args.pos.remove(0);
            super::methods::shape_method(lib, &a, name, args)
        }
    }
}

/// NumPy's binary ufuncs as functions, with `out=`: `np.add(a, 1, out=a)`.
fn ufunc2(_: &mut Interp, lib: Lib, name: &'static str, mut args: Args) -> Res<Value> {
    use crate::syntax::ast::BinOp;
    let out = kwarg(&mut args, "out");
    let (x, y) = (arg(&args, 0, name)?, arg(&args, 1, name)?);
    let x = match super::as_nd(&x) {
        Some(_) => x,
        None => super::numpy_result(super::create::from_data(lib, &x, None)?),
    };
    let op = match name {
        "add" => BinOp::Add,
        "subtract" => BinOp::Sub,
        "multiply" => BinOp::Mul,
        "divide" | "true_divide" => BinOp::Div,
        "floor_divide" => BinOp::FloorDiv,
        "mod" | "remainder" => BinOp::Mod,
        "bitwise_and" => BinOp::BitAnd,
        "bitwise_or" => BinOp::BitOr,
        "bitwise_xor" => BinOp::BitXor,
        "left_shift" | "bitwise_left_shift" => BinOp::LShift,
        "right_shift" | "bitwise_right_shift" => BinOp::RShift,
        _ => return Err(super::internal(format!("unknown ufunc {name}"))),
    };
    match out {
        None | Some(Value::None) => crate::interp::ops::binary(op, &x, &y),
        Some(target) => write_out(lib, target, crate::interp::ops::binary(op, &x, &y)?),
    }
}

/// A ufunc's `out=`: the result written into the given array, which is returned.
pub(super) fn write_out(lib: Lib, target: Value, r: Value) -> Res<Value> {
    let target = match target {
        Value::Tuple(t) if t.len() == 1 => t[0].clone(),
        other => other,
    };
    if !matches!(target, Value::Array(_)) {
        return Err(type_error("return arrays must be of ArrayType"));
    }
    let Some((_, dst)) = super::as_nd(&target) else {
        return Err(super::internal("ufunc out"));
    };
    let Some((_, src)) = super::as_nd(&r) else {
        return Err(super::internal("ufunc result"));
    };
    super::ops::write_into(lib, dst, src)?;
    Ok(target)
}

/// `module` is the registry's form (`np`, `torch.linalg`): with the name, the key of the
/// function's declared signature (`registry/signatures.txt`).
macro_rules! table {
    ($lib:expr, $module:literal; $($f:ident: $($name:literal),*;)*) => {
        &[$($(NdFn { name: $name, module: $module, lib: $lib, f: $f }),*),*]
    };
}

static NUMPY: &[NdFn] = table! { Lib::Numpy, "np";
    create: "array", "asarray", "zeros", "ones", "full", "empty", "eye", "arange", "linspace", "zeros_like",
        "ones_like", "full_like", "empty_like";
    math: "clip", "isnan", "isinf", "isfinite", "reciprocal", "power", "maximum", "minimum", "where";
    reduction: "sum", "mean", "prod", "max", "min", "amax", "amin", "argmax", "argmin", "std", "var", "all", "any",
        "cumsum";
    linalg: "dot", "matmul";
    types: "dtype", "promote_types", "result_type";
    strings: "sort";
    sorting: "argsort", "unique", "median", "percentile", "quantile";
    np_files: "save", "load", "savez", "savez_compressed", "savetxt", "loadtxt", "asfortranarray", "isfortran";
    memory: "frombuffer";
    ufunc2: "add", "subtract", "multiply", "divide", "true_divide", "floor_divide", "mod", "remainder", "bitwise_and",
        "bitwise_or", "bitwise_xor", "left_shift", "right_shift", "bitwise_left_shift", "bitwise_right_shift";
    binary_fns: "arctan2", "atan2", "hypot", "copysign", "fmod", "equal", "not_equal", "less", "less_equal", "greater",
        "greater_equal";
    shaping: "reshape", "transpose", "squeeze", "expand_dims", "ravel", "concatenate", "concat", "stack", "vstack",
        "hstack", "shares_memory", "may_share_memory", "broadcast_to", "swapaxes", "column_stack", "flip", "tile", "repeat",
        "split", "array_split";
};

static NUMPY_RANDOM: &[NdFn] = table! { Lib::Numpy, "np.random";
    np_random: "seed", "rand", "randn", "random", "random_sample", "standard_normal", "uniform", "normal", "randint",
        "permutation", "shuffle", "choice";
};

static NUMPY_LINALG: &[NdFn] = table! { Lib::Numpy, "np.linalg"; lu: "inv", "solve", "det"; };

static TORCH_LINALG: &[NdFn] = table! { Lib::Torch, "torch.linalg"; lu: "inv", "solve", "det"; };

static TORCH_AUTOGRAD: &[NdFn] = table! { Lib::Torch, "torch.autograd"; autograd_fn: "backward", "grad"; };

static TORCH_CUDA: &[NdFn] = table! { Lib::Torch, "torch.cuda";
    devices: "is_available", "device_count", "get_device_name", "synchronize";
};

static NUMPY_CHAR: &[NdFn] = table! { Lib::Numpy, "np.char"; strings: "upper", "lower", "add"; };

static TORCH: &[NdFn] = table! { Lib::Torch, "torch";
    create: "tensor", "as_tensor", "from_numpy", "zeros", "ones", "full", "empty", "eye", "arange", "linspace",
        "zeros_like", "ones_like", "full_like", "empty_like";
    math: "sigmoid", "relu", "clamp", "clip", "maximum",
        "minimum", "where", "isnan", "isinf", "isfinite", "reciprocal", "pow", "softmax", "is_tensor", "resolve_conj", "is_conj";
    reduction: "sum", "mean", "prod", "max", "min", "amax", "amin", "argmax", "argmin", "std", "var", "all", "any",
        "cumsum", "norm";
    linalg: "matmul", "mm", "dot", "mv", "bmm";
    types: "promote_types", "result_type", "Size";
    autograd_fn: "no_grad", "enable_grad", "is_grad_enabled";
    sorting: "sort", "argsort", "msort", "topk", "unique", "median", "quantile", "nanquantile";
    lu: "inverse", "det";
    torch_random: "manual_seed", "seed", "initial_seed", "rand", "randn", "randint", "rand_like", "randn_like",
        "randperm";
    devices: "device", "set_default_device", "get_default_device";
    binary_fns: "atan2", "arctan2", "hypot", "copysign", "fmod", "eq", "ne", "lt", "le", "gt", "ge", "greater", "less",
        "greater_equal", "less_equal", "not_equal";
    shaping: "reshape", "transpose", "permute", "squeeze", "unsqueeze", "flatten", "cat", "concat", "concatenate",
        "stack", "swapaxes", "flip", "repeat_interleave", "split", "chunk", "unbind";
};

/// The torch names that DESIGN.md §1 imports into the global scope (those nt has so far).
const GLOBAL_TORCH: &[&str] = &[
    "tensor",
    "as_tensor",
    "from_numpy",
    "zeros",
    "ones",
    "full",
    "empty",
    "eye",
    "arange",
    "linspace",
    "zeros_like",
    "ones_like",
    "full_like",
    "rand",
    "randn",
    "randint",
    "manual_seed",
    "rand_like",
    "randn_like",
    "cat",
    "stack",
    "where",
    "exp",
    "log",
    "sqrt",
    "sin",
    "cos",
    "tanh",
    "sigmoid",
    "relu",
    "matmul",
    "mm",
    "dot",
    "clamp",
    "no_grad",
];

/// The unary primitives' entries (`np.exp`, `torch.neg`, …), named by `unary::names`.
fn primitives(lib: Lib) -> &'static [NdFn] {
    static NUMPY_PRIMITIVES: OnceLock<Vec<NdFn>> = OnceLock::new();
    static TORCH_PRIMITIVES: OnceLock<Vec<NdFn>> = OnceLock::new();
    let (cell, module) = match lib {
        Lib::Numpy => (&NUMPY_PRIMITIVES, "np"),
        Lib::Torch => (&TORCH_PRIMITIVES, "torch"),
    };
    cell.get_or_init(|| {
        UnaryOp::ALL
            .iter()
            .flat_map(|&op| {
                let n = super::unary::names(op);
                match lib {
                    Lib::Numpy => n.numpy,
                    Lib::Torch => n.torch,
                }
            })
            .map(|&name| NdFn {
                name,
                module,
                lib,
                f: math,
            })
            .collect()
    })
}

fn attrs(table: &'static [NdFn]) -> FxHashMap<Sym, Value> {
    table.iter().map(|f| (Sym::new(f.name), Value::NdFunc(f))).collect()
}

fn module(name: &str, attrs: FxHashMap<Sym, Value>) -> Value {
    Value::Module(Rc::new(Module {
        name: name.to_owned(),
        attrs: RefCell::new(attrs),
        origin: None,
    }))
}

fn numpy_module() -> Value {
    let mut m = attrs(NUMPY);
    m.extend(attrs(primitives(Lib::Numpy)));
    for d in dtype::ALL {
        if d != DType::BF16 {
            m.insert(Sym::new(d.numpy_name()), Value::DType(d, DKind::NpType));
        }
    }
    m.insert(Sym::new("bool_"), Value::DType(DType::Bool, DKind::NpType));
    for (name, b) in [("True_", true), ("False_", false)] {
        let a = crate::array::NdArray::from_buffer(crate::array::storage::Buffer::Bool(vec![b]), &[]);
        m.insert(Sym::new(name), Value::NpScalar(Rc::new(a)));
    }
    m.insert(Sym::new("newaxis"), Value::None);
    m.extend(FLOAT_CONSTS.map(|(name, x)| (Sym::new(name), Value::Float(x))));
    m.insert(Sym::new("ndarray"), Value::Type(crate::value::PyType::NdArray));
    m.insert(Sym::new("linalg"), module("numpy.linalg", attrs(NUMPY_LINALG)));
    m.insert(Sym::new("fft"), module("numpy.fft", Default::default()));
    m.insert(Sym::new("random"), module("numpy.random", attrs(NUMPY_RANDOM)));
    m.insert(Sym::new("char"), module("numpy.char", attrs(NUMPY_CHAR)));
    m.insert(Sym::new("object_"), Value::ObjDType(crate::value::ObjKind::Object));
    m.insert(Sym::new("str_"), Value::Type(crate::value::PyType::NpStr));
    module("numpy", m)
}

/// `np.pi`, `torch.pi`, …
const FLOAT_CONSTS: [(&str, f64); 4] = [
    ("pi", std::f64::consts::PI),
    ("e", std::f64::consts::E),
    ("inf", f64::INFINITY),
    ("nan", f64::NAN),
];

fn torch_module() -> Value {
    let mut m = attrs(TORCH);
    m.extend(attrs(primitives(Lib::Torch)));
    for d in dtype::ALL {
        m.insert(
            Sym::new(d.torch_name().trim_start_matches("torch.")),
            Value::DType(d, DKind::Torch),
        );
    }
    for (alias, d) in [
        ("half", DType::F16),
        ("float", DType::F32),
        ("double", DType::F64),
        ("cfloat", DType::C64),
        ("cdouble", DType::C128),
        ("int", DType::I32),
        ("long", DType::I64),
        ("short", DType::I16),
    ] {
        m.insert(Sym::new(alias), Value::DType(d, DKind::Torch));
    }
    m.insert(Sym::new("Tensor"), Value::Type(crate::value::PyType::Tensor));
    m.insert(Sym::new("autograd"), module("torch.autograd", attrs(TORCH_AUTOGRAD)));
    m.insert(Sym::new("cuda"), module("torch.cuda", attrs(TORCH_CUDA)));
    m.insert(Sym::new("linalg"), module("torch.linalg", attrs(TORCH_LINALG)));
    m.insert(Sym::new("fft"), module("torch.fft", Default::default()));
    m.extend(FLOAT_CONSTS.map(|(name, x)| (Sym::new(name), Value::Float(x))));
    module("torch", m)
}

/// Installs `np`, `numpy`, `torch`, `array` and the global torch names.
pub fn install(interp: &mut Interp) {
    let np = numpy_module();
    let torch = torch_module();
    interp.modules.insert("numpy".into(), np.clone());
    interp.modules.insert("torch".into(), torch.clone());
    for m in ["math", "time"] {
        if let Ok(v) = interp.import(&[Sym::new(m)]) {
            interp.globals.set(Sym::new(m), v);
        }
    }
    let g = &interp.globals;
    g.set(Sym::new("np"), np.clone());
    g.set(Sym::new("numpy"), np.clone());
    g.set(Sym::new("torch"), torch.clone());
    if let Value::Module(m) = &np {
        if let Some(a) = m.attrs.borrow().get(&Sym::new("array")) {
            g.set(Sym::new("array"), a.clone());
        }
    }
    // `from torch.autograd import backward`
    if let Some(b) = TORCH_AUTOGRAD.iter().find(|f| f.name == "backward") {
        g.set(Sym::new("backward"), Value::NdFunc(b));
    }
    if let Value::Module(m) = &torch {
        let attrs = m.attrs.borrow();
        for name in GLOBAL_TORCH.iter().chain(
            [
                "float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8",
            ]
            .iter(),
        ) {
            if let Some(v) = attrs.get(&Sym::new(name)) {
                g.set(Sym::new(name), v.clone());
            }
        }
    }
}

/// Every function and method nt exposes, as (form, name): the registry must declare each.
pub fn exposed() -> Vec<(&'static str, &'static str)> {
    let tables = [
        NUMPY,
        primitives(Lib::Numpy),
        NUMPY_RANDOM,
        NUMPY_LINALG,
        NUMPY_CHAR,
        TORCH,
        primitives(Lib::Torch),
        TORCH_LINALG,
        TORCH_AUTOGRAD,
        TORCH_CUDA,
    ];
    let functions = tables.iter().flat_map(|t| t.iter().map(|f| (f.module, f.name)));
    let methods = (super::method_names::NUMPY_METHODS.iter().map(|m| ("ndarray", *m)))
        .chain(super::method_names::torch_methods().iter().map(|m| ("Tensor", *m)));
    functions.chain(methods).collect()
}
