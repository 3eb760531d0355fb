//! `torch.manual_seed/rand/randn/randint/…`, `t.uniform_()/normal_()` and `np.random.*`:
//! the streams of `crate::random`, shaped into arrays and tensors.

use super::funcs::{self, Place, grad_leaf, shape_args_for, take_dtype};
use super::{as_nd, wrap};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::storage::Buffer;
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::interp::builtins::{int_arg, kwarg};
use crate::interp::classes;
use crate::random::numpy::RandomState;
use crate::random::torch::Generator;
use crate::value::{Args, Lib, Value};
use half::{bf16, f16};

fn not_implemented(kernel: &str, d: DType) -> Box<crate::error::Exc> {
    exc(
        "RuntimeError",
        format!("\"{kernel}\" not implemented for '{}'", d.torch_scalar_name()),
    )
}

pub fn no_more(args: &Args, fname: &str) -> Res<()> {
    match args.kw.first() {
        Some((k, _)) => Err(type_error(format!(
            "{fname}() got an unexpected keyword argument '{k}'"
        ))),
        None => Ok(()),
    }
}

/// Uniforms in `[from, to)` as PyTorch's `uniform_real_distribution<T>` makes them.
fn uniform(g: &mut Generator, d: DType, n: usize, from: f64, to: f64) -> Res<Buffer> {
    super::ops::check_alloc(Lib::Torch, &[n], d)?;
    // float16 and bfloat16 draw float32 values and round them (checked against PyTorch).
    let f32s = |g: &mut Generator| -> Vec<f32> {
        let (from, to) = (from as f32, to as f32);
        (0..n).map(|_| g.unit_f32().mul_add(to - from, from)).collect()
    };
    Ok(match d {
        DType::F32 => Buffer::F32(f32s(g)),
        DType::F16 => Buffer::F16(f32s(g).into_iter().map(f16::from_f32).collect()),
        DType::BF16 => Buffer::BF16(f32s(g).into_iter().map(bf16::from_f32).collect()),
        DType::F64 => Buffer::F64((0..n).map(|_| g.unit_f64().mul_add(to - from, from)).collect()),
        other => return Err(not_implemented("check_uniform_bounds", other)),
    })
}

/// Normals as `normal_kernel` makes them: the vector path for 16 or more contiguous
/// values, else Box–Muller in double with its cache.
fn normal(g: &mut Generator, d: DType, n: usize, mean: f64, std: f64) -> Res<Buffer> {
    if !d.is_float() {
        return Err(not_implemented("normal_kernel_cpu", d));
    }
    super::ops::check_alloc(Lib::Torch, &[n], d)?;
    if n < 16 {
        let v: Vec<f64> = (0..n).map(|_| g.normal_f64(mean, std)).collect();
        return Ok(match d {
            DType::F64 => Buffer::F64(v),
            DType::F32 => Buffer::F32(v.iter().map(|&x| x as f32).collect()),
            DType::F16 => Buffer::F16(v.iter().map(|&x| f16::from_f64(x)).collect()),
            _ => Buffer::BF16(v.iter().map(|&x| bf16::from_f64(x)).collect()),
        });
    }
    Ok(match d {
        DType::F64 => {
            let mut v = vec![0.0; n];
            g.normal_fill_f64(&mut v, mean, std);
            Buffer::F64(v)
        }
        _ => {
            let mut v = vec![0.0f32; n];
            g.normal_fill_f32(&mut v, mean as f32, std as f32);
            match d {
                DType::F32 => Buffer::F32(v),
                DType::F16 => Buffer::F16(v.into_iter().map(f16::from_f32).collect()),
                _ => Buffer::BF16(v.into_iter().map(bf16::from_f32).collect()),
            }
        }
    })
}

/// The device and `requires_grad` of a `*_like` result: the input's device unless given.
fn like_place(args: &mut Args, a: &NdArray) -> Res<Place> {
    let device = kwarg(args, "device");
    let requires_grad = kwarg(args, "requires_grad").is_some_and(|v| v.truthy());
    let gpu = match device {
        Some(d) => super::device::parse(&d)?.unwrap_or_else(super::device::default_gpu),
        None => super::device::on_gpu(a),
    };
    Ok(Place { requires_grad, gpu })
}

/// `torch.manual_seed`, `rand`, `randn`, `randint`, `rand_like`, `randn_like`, `randperm`, …
pub fn torch_fn(interp: &mut Interp, lib: Lib, name: &'static str, mut args: Args) -> Res<Value> {
    if matches!(name, "rand" | "randn" | "randint" | "randperm")
        && let Some(id) = super::torch_gen::generator_arg(interp, &mut args, name)?
    {
        return super::torch_gen::with_generator(interp, id, |interp| torch_fn(interp, lib, name, args));
    }
    let g = &mut interp.rng.torch;
    match name {
        "manual_seed" => {
            let s = args
                .pos
                .first()
                .or_else(|| args.kw.first().map(|(_, v)| v))
                .ok_or_else(|| type_error("manual_seed() missing 1 required positional argument: 'seed'"))?;
            // A negative seed is taken modulo 2**64, as PyTorch does.
            let s = match s {
                // Up to 2**64 - 1.
                Value::Long(b) => num_traits::ToPrimitive::to_u64(&**b)
                    .ok_or_else(|| exc("ValueError", "Overflow when unpacking long long"))?,
                _ => int_arg(s)? as u64,
            };
            *g = Generator::new(s);
            // torch.default_generator (torch/_random.nt), as PyTorch returns it.
            let default = match interp.import(&[
                crate::syntax::symbol::Sym::new("torch"),
                crate::syntax::symbol::Sym::new("_random"),
            ]) {
                Ok(Value::Module(t)) => t
                    .attrs
                    .borrow()
                    .get(&crate::syntax::symbol::Sym::new("default_generator"))
                    .cloned(),
                _ => None,
            };
            Ok(default.unwrap_or_else(classes::generator))
        }
        "seed" => {
            let s = crate::random::torch::entropy() & (i64::MAX as u64);
            *g = Generator::new(s);
            Ok(Value::Int(s as i64))
        }
        "initial_seed" => Ok(crate::value::long::norm(g.initial_seed().into())),
        "rand" | "randn" => {
            let dtype = take_dtype(&mut args)?.unwrap_or(DType::F32);
            let place = funcs::drop_torch_kwargs(&mut args)?;
            no_more(&args, name)?;
            let shape = shape_args_for(&args.pos, Lib::Torch, name)?;
            let n = shape.iter().product();
            let buf = match name {
                "rand" => uniform(g, dtype, n, 0.0, 1.0)?,
                _ => normal(g, dtype, n, 0.0, 1.0)?,
            };
            grad_leaf(wrap(Lib::Torch, NdArray::from_buffer(buf, &shape)), place)
        }
        "rand_like" | "randn_like" => {
            let dtype = take_dtype(&mut args)?;
            let Some((_, a)) = args.pos.first().and_then(as_nd) else {
                return Err(type_error(format!("{name}(): argument 'input' must be Tensor")));
            };
            let a = a.clone();
            let place = like_place(&mut args, &a)?;
            no_more(&args, name)?;
            let d = dtype.unwrap_or(a.dtype);
            let n = a.numel();
            let buf = match name {
                "rand_like" => uniform(g, d, n, 0.0, 1.0)?,
                _ => normal(g, d, n, 0.0, 1.0)?,
            };
            grad_leaf(wrap(Lib::Torch, NdArray::from_buffer(buf, a.shape())), place)
        }
        "randint" => {
            let dtype = take_dtype(&mut args)?.unwrap_or(DType::I64);
            let place = funcs::drop_torch_kwargs(&mut args)?;
            let size = kwarg(&mut args, "size");
            let high_kw = kwarg(&mut args, "high");
            let low_kw = kwarg(&mut args, "low");
            no_more(&args, name)?;
            let mut pos = args.pos.clone();
            if let Some(s) = size {
                pos.push(s);
            }
            let (low, high, size) = match (pos.as_slice(), low_kw, high_kw) {
                ([h, s], None, None) => (0, int_arg(h)?, s.clone()),
                ([l, h, s], None, None) => (int_arg(l)?, int_arg(h)?, s.clone()),
                ([s], l, Some(h)) => (
                    l.map(|l| int_arg(&l)).transpose()?.unwrap_or(0),
                    int_arg(&h)?,
                    s.clone(),
                ),
                _ => {
                    return Err(type_error(
                        "randint() received an invalid combination of arguments: expected (int high, tuple of ints size) or (int low, int high, tuple of ints size)",
                    ));
                }
            };
            if low >= high {
                return Err(exc(
                    "RuntimeError",
                    format!("random_ expects 'from' to be less than 'to', but got from={low} >= to={high}"),
                ));
            }
            let shape = shape_args_for(std::slice::from_ref(&size), Lib::Torch, name)?;
            super::ops::check_alloc(Lib::Torch, &shape, DType::I64)?;
            let range = high.wrapping_sub(low) as u64;
            let v: Vec<i64> = (0..shape.iter().product()).map(|_| g.int_in(low, range)).collect();
            let a = NdArray::from_buffer(Buffer::I64(v), &shape);
            grad_leaf(wrap(Lib::Torch, super::ops::cast(&a, dtype)?), place)
        }
        "randperm" => {
            let dtype = take_dtype(&mut args)?.unwrap_or(DType::I64);
            let place = funcs::drop_torch_kwargs(&mut args)?;
            no_more(&args, name)?;
            let n = match args.pos.as_slice() {
                [n] => int_arg(n)?,
                _ => return Err(type_error("randperm() missing 1 required positional argument: 'n'")),
            };
            if n < 0 {
                return Err(exc(
                    "RuntimeError",
                    format!("randperm: Dimension size must be non-negative."),
                ));
            }
            super::ops::check_alloc(Lib::Torch, &[n as usize], DType::I64)?;
            let v = randperm(g, n as usize);
            let a = NdArray::from_buffer(Buffer::I64(v), &[n as usize]);
            grad_leaf(wrap(Lib::Torch, super::ops::cast(&a, dtype)?), place)
        }
        _ => Err(super::internal(format!("unknown random function {name}"))),
    }
}

/// `randperm_cpu`: Fisher–Yates from the front, `z = random() % (n - i)`.
fn randperm(g: &mut Generator, n: usize) -> Vec<i64> {
    fisher_yates(n, || g.random())
}

fn fisher_yates(n: usize, mut random: impl FnMut() -> u32) -> Vec<i64> {
    let mut r: Vec<i64> = (0..n as i64).collect();
    for i in 0..n.saturating_sub(1) {
        let z = (random() as usize) % (n - i);
        r.swap(i, z + i);
    }
    r
}

/// `_nt.mt_randperm(key, pos, n)`: `randperm_cpu`'s permutation of `range(n)` drawn from
/// an MT19937 state kept by nt code (`torch.utils.data`'s generator: `key`, a list of
/// 624 ints updated in place, and `pos`, the next position); returns `(perm, pos)`.
pub fn mt_randperm(_: &mut Interp, args: Args) -> Res<Value> {
    let bad = || type_error("_nt.mt_randperm(key, pos, n): an MT19937 state and a count");
    let Some(Value::List(key)) = args.pos.first() else {
        return Err(bad());
    };
    let pos = args.pos.get(1).map(int_arg).transpose()?.ok_or_else(bad)?;
    let n = args.pos.get(2).map(int_arg).transpose()?.ok_or_else(bad)?;
    let words: Vec<u32> = key
        .borrow()
        .iter()
        .map(|v| int_arg(v).ok().and_then(|w| u32::try_from(w).ok()))
        .collect::<Option<_>>()
        .ok_or_else(bad)?;
    let mut mt =
        crate::random::mt::Mt19937::from_state(&words, usize::try_from(pos).map_err(|_| bad())?).ok_or_else(bad)?;
    let perm = fisher_yates(usize::try_from(n).map_err(|_| bad())?, || mt.next_u32());
    let (state, pos) = mt.state();
    *key.borrow_mut() = state.iter().map(|&w| Value::Int(w as i64)).collect();
    let perm = Value::list(perm.into_iter().map(Value::Int).collect());
    Ok(Value::Tuple(std::rc::Rc::from(vec![perm, Value::Int(pos as i64)])))
}

/// `t.uniform_(from=0, to=1)` and `t.normal_(mean=0, std=1)`: new values written in place.
pub fn fill_method(interp: &mut Interp, v: &Value, a: &NdArray, m: &str, mut args: Args) -> Res<Value> {
    if let Some(id) = super::torch_gen::generator_arg(interp, &mut args, m)? {
        return super::torch_gen::with_generator(interp, id, |interp| fill_method(interp, v, a, m, args));
    }
    if m == "random_" {
        return super::torch_gen::random_fill(interp, v, a, args);
    }
    let (k0, k1, d0, d1) = match m {
        "uniform_" => ("from", "to", 0.0, 1.0),
        "bernoulli_" => ("p", "generator", 0.5, 0.0),
        _ => ("mean", "std", 0.0, 1.0),
    };
    let p0 = kwarg(&mut args, k0).or_else(|| args.pos.first().cloned());
    let p1 = kwarg(&mut args, k1).or_else(|| args.pos.get(1).cloned());
    no_more(&args, m)?;
    if m == "bernoulli_"
        && let Some(Value::Tensor(p)) = &p0
    {
        return bernoulli_tensor(interp, v, a, &p.data());
    }
    let num = |v: Option<Value>, d: f64| -> Res<f64> {
        match v {
            None => Ok(d),
            Some(x) => x
                .as_f64()
                .ok_or_else(|| type_error(format!("{m}(): argument '{k0}' must be float"))),
        }
    };
    let (x0, x1) = (num(p0, d0)?, num(p1, d1)?);
    let g = &mut interp.rng.torch;
    let n = a.numel();
    let buf = match m {
        "uniform_" => uniform(g, a.dtype, n, x0, x1)?,
        "bernoulli_" => Buffer::Bool((0..n).map(|_| g.bernoulli(x0)).collect()),
        _ => normal(g, a.dtype, n, x0, x1)?,
    };
    let src = super::ops::cast(&NdArray::from_buffer(buf, a.shape()), a.dtype)?;
    super::ops::write_into(Lib::Torch, a, &src)?;
    Ok(v.clone())
}

/// `t.bernoulli_(p)` for a tensor of probabilities broadcast to `t`'s shape
/// (`bernoulli_tensor_cpu_kernel`): one uniform per element in order, of 53 bits for
/// double probabilities and 24 for the others, compared with `p`.
fn bernoulli_tensor(interp: &mut Interp, v: &Value, a: &NdArray, p: &NdArray) -> Res<Value> {
    let sizes: Vec<i64> = a.shape().iter().map(|&n| n as i64).collect();
    let p = super::shape::expand(p, &sizes)?;
    if !p.dtype.is_float() {
        return Err(exc(
            "NotImplementedError",
            format!(
                "\"bernoulli_tensor_cpu_p_\" not implemented for '{}'",
                p.dtype.torch_scalar_name()
            ),
        ));
    }
    let ps = crate::realise::to_f64s(&p).map_err(type_error)?;
    if ps.iter().any(|&x| !(0.0..=1.0).contains(&x)) {
        return Err(exc(
            "RuntimeError",
            "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)",
        ));
    }
    let g = &mut interp.rng.torch;
    let draws: Vec<bool> = match p.dtype {
        DType::F64 => ps.iter().map(|&x| g.unit_f64() < x).collect(),
        _ => ps.iter().map(|&x| (g.unit_f32() as f64) < x).collect(),
    };
    let src = super::ops::cast(&NdArray::from_buffer(Buffer::Bool(draws), a.shape()), a.dtype)?;
    super::ops::write_into(Lib::Torch, a, &src)?;
    Ok(v.clone())
}

/// A NumPy `size=` argument: `None` (one value), an int, or a sequence.
fn np_size(v: Option<Value>) -> Res<Option<Vec<usize>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(s @ (Value::Tuple(_) | Value::List(_))) => Ok(Some(funcs::shape_args(&[s], Lib::Numpy)?)),
        Some(n) => Ok(Some(funcs::shape_args(&[n], Lib::Numpy)?)),
    }
}

fn np_floats(shape: Option<Vec<usize>>, mut f: impl FnMut() -> f64) -> Res<Value> {
    Ok(match shape {
        None => Value::Float(f()),
        Some(s) => {
            super::ops::check_alloc(Lib::Numpy, &s, DType::F64)?;
            let n: usize = s.iter().product();
            let v: Vec<f64> = (0..n).map(|_| f()).collect();
            wrap(Lib::Numpy, NdArray::from_buffer(Buffer::F64(v), &s))
        }
    })
}

/// Positional-or-keyword argument `i`/`name`, or its default.
fn param(args: &mut Args, i: usize, name: &str) -> Option<Value> {
    kwarg(args, name).or_else(|| args.pos.get(i).cloned())
}

fn real(v: Option<Value>, d: f64) -> Res<f64> {
    match v {
        None => Ok(d),
        Some(x) => match as_nd(&x) {
            Some((_, a)) if a.numel() == 1 => Ok(super::item(a).as_f64().unwrap_or(f64::NAN)),
            _ => x
                .as_f64()
                .ok_or_else(|| type_error(format!("must be real number, not {}", x.type_name()))),
        },
    }
}

/// `np.random.seed`, `rand`, `randn`, `random`, `randint`, `uniform`, `normal`, …
pub fn numpy_fn(interp: &mut Interp, _: Lib, name: &'static str, mut args: Args) -> Res<Value> {
    let r = &mut interp.rng.numpy;
    match name {
        "seed" => {
            let s = param(&mut args, 0, "seed");
            no_more(&args, name)?;
            let state = match s {
                None | Some(Value::None) => RandomState::default(),
                Some(v @ (Value::List(_) | Value::Tuple(_))) => {
                    let items = match &v {
                        Value::List(l) => l.borrow().clone(),
                        Value::Tuple(t) => t.to_vec(),
                        _ => Vec::new(),
                    };
                    let key = items.iter().map(seed_word).collect::<Res<Vec<u32>>>()?;
                    RandomState::from_array(&key)
                }
                Some(v) => RandomState::new(seed_word(&v)?),
            };
            *r = state;
            Ok(Value::None)
        }
        "rand" | "randn" => {
            no_more(&args, name)?;
            let shape = match args.pos.is_empty() {
                true => None,
                false => Some(funcs::shape_args(&args.pos, Lib::Numpy)?),
            };
            Ok(match name {
                "rand" => np_floats(shape, || r.double())?,
                _ => np_floats(shape, || r.gauss())?,
            })
        }
        "random" | "random_sample" | "standard_normal" => {
            let size = np_size(param(&mut args, 0, "size"))?;
            no_more(&args, name)?;
            Ok(match name {
                "standard_normal" => np_floats(size, || r.gauss())?,
                _ => np_floats(size, || r.double())?,
            })
        }
        "uniform" | "normal" => {
            let (k0, k1, d1) = match name {
                "uniform" => ("low", "high", 1.0),
                _ => ("loc", "scale", 1.0),
            };
            let a = real(param(&mut args, 0, k0), 0.0)?;
            let b = real(param(&mut args, 1, k1), d1)?;
            let size = np_size(param(&mut args, 2, "size"))?;
            no_more(&args, name)?;
            if name == "normal" && b < 0.0 {
                return Err(exc("ValueError", "scale < 0"));
            }
            Ok(match name {
                "uniform" => np_floats(size, || a + (b - a) * r.double())?,
                _ => np_floats(size, || a + b * r.gauss())?,
            })
        }
        "randint" => {
            let low =
                param(&mut args, 0, "low").ok_or_else(|| type_error("randint() missing required argument 'low'"))?;
            let high = param(&mut args, 1, "high");
            let size = np_size(param(&mut args, 2, "size"))?;
            // The default `dtype=int` gives a Python int for one draw; a named dtype, its
            // NumPy scalar.
            let named = args
                .kw
                .iter()
                .any(|(k, v)| k.as_str() == "dtype" && !matches!(v, Value::Type(crate::value::PyType::Int)));
            let dtype = take_dtype(&mut args)?.unwrap_or(DType::I64);
            no_more(&args, name)?;
            let (low, high) = match high {
                None | Some(Value::None) => (0, int_arg(&low)?),
                Some(h) => (int_arg(&low)?, int_arg(&h)?),
            };
            if low >= high {
                return Err(exc("ValueError", "low >= high"));
            }
            if dtype.is_float() {
                return Err(type_error(format!(
                    "Unsupported dtype dtype('{}') for randint",
                    dtype.numpy_name()
                )));
            }
            let bits = if dtype == DType::Bool {
                1
            } else {
                (dtype.itemsize() * 8) as u32
            };
            let (lo_ok, hi_ok) = match (dtype == DType::Bool, dtype.is_signed()) {
                (true, _) => (0i128, 2i128),
                (_, true) => (-(1i128 << (bits - 1)), 1i128 << (bits - 1)),
                (_, false) => (0, 1i128 << bits),
            };
            if (low as i128) < lo_ok {
                return Err(exc(
                    "ValueError",
                    format!("low is out of bounds for {}", dtype.numpy_name()),
                ));
            }
            if (high as i128) > hi_ok {
                return Err(exc(
                    "ValueError",
                    format!("high is out of bounds for {}", dtype.numpy_name()),
                ));
            }
            let rng = (high - 1).wrapping_sub(low) as u64;
            let n = size.as_ref().map_or(1, |s| s.iter().product());
            if let Some(s) = &size {
                super::ops::check_alloc(Lib::Numpy, s, DType::I64)?;
            }
            let v: Vec<i64> = r
                .bounded_narrow(rng, bits, n)
                .into_iter()
                .map(|x| low.wrapping_add(x as i64))
                .collect();
            let shape = size.clone().unwrap_or_default();
            let a = super::ops::cast(&NdArray::from_buffer(Buffer::I64(v.clone()), &shape), dtype)?;
            Ok(match size {
                None if !named => Value::Int(v[0]),
                None => super::result(Lib::Numpy, a),
                Some(_) => wrap(Lib::Numpy, a),
            })
        }
        "choice" => {
            let a = param(&mut args, 0, "a").ok_or_else(|| type_error("choice() missing required argument 'a'"))?;
            let size = np_size(param(&mut args, 1, "size"))?;
            let replace = param(&mut args, 2, "replace").is_none_or(|v| v.truthy());
            let p = param(&mut args, 3, "p").filter(|v| !matches!(v, Value::None));
            no_more(&args, name)?;
            np_choice(interp, a, size, replace, p)
        }
        "permutation" | "shuffle" => {
            let x = param(&mut args, 0, "x")
                .ok_or_else(|| type_error(format!("{name}() missing required argument 'x'")))?;
            no_more(&args, name)?;
            np_permute(interp, name, x)
        }
        _ => Err(super::internal(format!("unknown random function {name}"))),
    }
}

/// `np.random.seed`'s integer check: `[0, 2**32 - 1]`.
fn seed_word(v: &Value) -> Res<u32> {
    let n = int_arg(v)?;
    u32::try_from(n).map_err(|_| exc("ValueError", "Seed must be between 0 and 2**32 - 1"))
}

/// `shuffle(x)` (in place, along the first axis) and `permutation(x)` (a shuffled copy,
/// or of `arange(n)` for an int): the legacy Fisher–Yates from the back.
fn np_permute(interp: &mut Interp, name: &str, x: Value) -> Res<Value> {
    let target = match (&x, name) {
        (Value::Int(n), "permutation") => {
            super::ops::check_alloc(Lib::Numpy, &[(*n).max(0) as usize], crate::array::dtype::DType::I64)?;
            let v: Vec<i64> = (0..*n).collect();
            wrap(Lib::Numpy, NdArray::from_buffer(Buffer::I64(v), &[*n as usize]))
        }
        (_, "permutation") => match as_nd(&x) {
            Some((_, a)) => wrap(Lib::Numpy, super::ops::run(crate::ir::Op::Copy, &[a])?),
            None => {
                let a = super::create::from_data(Lib::Numpy, &x, None)?;
                wrap(Lib::Numpy, a)
            }
        },
        _ => x.clone(),
    };
    let n = match &target {
        Value::List(l) => l.borrow().len(),
        other => match as_nd(other) {
            Some((_, a)) if a.ndim() > 0 => a.shape()[0],
            _ => return Err(type_error("object of type 'int' has no len()")),
        },
    };
    let mut order: Vec<usize> = (0..n).collect();
    let r = &mut interp.rng.numpy;
    for i in (1..n).rev() {
        let j = r.interval(i as u64) as usize;
        order.swap(i, j);
    }
    match &target {
        Value::List(l) => {
            let old = l.borrow().clone();
            *l.borrow_mut() = order.iter().map(|&k| old[k].clone()).collect();
        }
        other => {
            let (_, a) = as_nd(other).ok_or_else(|| super::internal("permute target"))?;
            let idx: Vec<i64> = order.iter().map(|&k| k as i64).collect();
            let index = wrap(Lib::Numpy, NdArray::from_buffer(Buffer::I64(idx), &[n]));
            let taken = super::index::get(Lib::Numpy, a, &index)?;
            let (_, t) = as_nd(&taken).ok_or_else(|| super::internal("permute take"))?;
            super::ops::write_into(Lib::Numpy, a, t)?;
        }
    }
    Ok(if name == "shuffle" { Value::None } else { target })
}

/// `np.random.choice(a, size=None, replace=True, p=None)`, as the legacy `RandomState`
/// draws it (`mtrand.pyx`).
fn np_choice(interp: &mut Interp, a: Value, size: Option<Vec<usize>>, replace: bool, p: Option<Value>) -> Res<Value> {
    let (pop, data) = match &a {
        Value::Int(n) => (*n, None),
        other => {
            let arr = match as_nd(other) {
                Some((_, x)) => x.clone(),
                None => super::create::from_data(Lib::Numpy, other, None)?,
            };
            if arr.ndim() != 1 {
                return Err(exc("ValueError", "a must be 1-dimensional"));
            }
            (arr.shape()[0] as i64, Some(arr))
        }
    };
    let count: usize = size.as_ref().map_or(1, |s| s.iter().product());
    if pop <= 0 && count > 0 {
        return Err(exc(
            "ValueError",
            "a must be greater than 0 unless no samples are taken",
        ));
    }
    let pop = pop as usize;
    let probs = match &p {
        None => None,
        Some(v) => {
            let arr = match as_nd(v) {
                Some((_, x)) => x.clone(),
                None => super::create::from_data(Lib::Numpy, v, Some(DType::F64))?,
            };
            let ps = crate::realise::to_f64s(&arr).map_err(super::internal)?;
            if ps.len() != pop {
                return Err(exc("ValueError", "'a' and 'p' must have same size"));
            }
            if ps.iter().any(|&x| x < 0.0) {
                return Err(exc("ValueError", "probabilities are not non-negative"));
            }
            if (ps.iter().sum::<f64>() - 1.0).abs() > 1e-8 {
                return Err(exc("ValueError", "probabilities do not sum to 1"));
            }
            Some(ps)
        }
    };
    if !replace && count > pop {
        return Err(exc(
            "ValueError",
            "Cannot take a larger sample than population when 'replace=False'",
        ));
    }
    let r = &mut interp.rng.numpy;
    let cdf_pick = |ps: &[f64], u: f64| -> usize {
        let mut cdf: Vec<f64> = Vec::with_capacity(ps.len());
        let mut acc = 0.0;
        for &x in ps {
            acc += x;
            cdf.push(acc);
        }
        let last = *cdf.last().unwrap_or(&1.0);
        cdf.iter().take_while(|&&c| c / last <= u).count()
    };
    let idx: Vec<i64> = match (replace, &probs) {
        (true, None) => (0..count).map(|_| r.bounded(pop as u64 - 1) as i64).collect(),
        (true, Some(ps)) => {
            let us: Vec<f64> = (0..count).map(|_| r.double()).collect();
            us.iter().map(|&u| cdf_pick(ps, u) as i64).collect()
        }
        (false, None) => {
            let mut order: Vec<i64> = (0..pop as i64).collect();
            for i in (1..pop).rev() {
                let j = r.interval(i as u64) as usize;
                order.swap(i, j);
            }
            order.truncate(count);
            order
        }
        (false, Some(ps)) => {
            let mut ps = ps.clone();
            let mut found: Vec<i64> = Vec::new();
            while found.len() < count {
                let us: Vec<f64> = (0..count - found.len()).map(|_| r.double()).collect();
                for &f in &found {
                    ps[f as usize] = 0.0;
                }
                for u in us {
                    let k = cdf_pick(&ps, u) as i64;
                    if !found.contains(&k) {
                        found.push(k);
                    }
                }
            }
            found.truncate(count);
            found
        }
    };
    let Some(shape) = size else {
        return match data {
            None => Ok(Value::Int(idx[0])),
            Some(arr) => super::index::get(Lib::Numpy, &arr, &Value::Int(idx[0])),
        };
    };
    let index = NdArray::from_buffer(Buffer::I64(idx), &shape);
    match data {
        None => Ok(wrap(Lib::Numpy, index)),
        Some(arr) => super::index::get(Lib::Numpy, &arr, &wrap(Lib::Numpy, index)),
    }
}

fn words(v: &Value) -> Option<Vec<u32>> {
    let items = match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        _ => return None,
    };
    items
        .iter()
        .map(|w| int_arg(w).ok().and_then(|w| u32::try_from(w).ok()))
        .collect()
}

fn word_list(key: &[u32]) -> Value {
    Value::list(key.iter().map(|&w| Value::Int(w as i64)).collect())
}

/// `_nt.np_random_state()`: the global legacy generator's `(key, pos, has_gauss,
/// cached_gaussian)`, for `np.random.get_state()`.
pub fn np_random_state(interp: &mut Interp, _: Args) -> Res<Value> {
    let (key, pos, has, gauss) = interp.rng.numpy.state();
    Ok(Value::tuple(vec![
        word_list(key),
        Value::Int(pos as i64),
        Value::Int(has as i64),
        Value::Float(gauss),
    ]))
}

/// `_nt.np_random_set_state(key, pos, has_gauss, cached_gaussian)`; the stdlib has
/// checked the state with NumPy's messages.
pub fn np_random_set_state(interp: &mut Interp, args: Args) -> Res<Value> {
    let bad = || type_error("_nt.np_random_set_state(key, pos, has_gauss, gauss)");
    let [key, pos, has, gauss] = &args.pos[..] else {
        return Err(bad());
    };
    let key = words(key).ok_or_else(bad)?;
    let pos = usize::try_from(int_arg(pos)?).map_err(|_| bad())?;
    let gauss = crate::interp::modules::real(gauss)?;
    interp
        .rng
        .numpy
        .set_state(&key, pos, has.truthy(), gauss)
        .ok_or_else(bad)?;
    Ok(Value::None)
}

/// `_nt.torch_rng_state()`: the default generator's `(seed, key, pos, normal, float normal)`
/// for `torch.get_rng_state()`.
pub fn torch_rng_state(interp: &mut Interp, _: Args) -> Res<Value> {
    let (seed, key, pos, normal) = interp.rng.torch.state();
    Ok(Value::tuple(vec![
        crate::value::long::norm(seed.into()),
        word_list(key),
        Value::Int(pos as i64),
        normal.map_or(Value::None, Value::Float),
        interp
            .rng
            .torch
            .float_normal
            .map_or(Value::None, |f| Value::Float(f as f64)),
    ]))
}

/// `_nt.torch_set_rng_state(seed, key, pos, normal, float_normal)` (None: no cached normal).
pub fn torch_set_rng_state(interp: &mut Interp, args: Args) -> Res<Value> {
    let bad = || type_error("_nt.torch_set_rng_state(seed, key, pos, normal, float_normal)");
    let [seed, key, pos, normal, float_normal] = &args.pos[..] else {
        return Err(bad());
    };
    let seed = crate::value::long::of(seed)
        .and_then(|b| num_traits::ToPrimitive::to_u64(&b))
        .ok_or_else(bad)?;
    let key = words(key).ok_or_else(bad)?;
    let pos = usize::try_from(int_arg(pos)?).map_err(|_| bad())?;
    let normal = match normal {
        Value::None => None,
        v => Some(crate::interp::modules::real(v)?),
    };
    let float_normal = match float_normal {
        Value::None => None,
        v => Some(crate::interp::modules::real(v)? as f32),
    };
    interp.rng.torch.set_state(seed, &key, pos, normal).ok_or_else(bad)?;
    interp.rng.torch.float_normal = float_normal;
    Ok(Value::None)
}
