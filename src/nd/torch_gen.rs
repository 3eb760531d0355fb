//! PyTorch's `torch.Generator()` objects, whose states live in `Rngs::torch_gens`: the
//! `generator=` argument of the Rust random functions, `_nt.torch_gen_new` and
//! `_nt.with_torch_gen` (which run a call with one in the default generator's place), and
//! `Tensor.random_`.

use super::random::no_more;
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::storage::Buffer;
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::interp::builtins::{int_arg, kwarg};
use crate::random::torch::Generator;
use crate::value::{Args, Lib, Value};

/// `t.random_()`, `t.random_(to)`, `t.random_(from, to)`: integers drawn as PyTorch's
/// `random_kernel` (`uniform_int`: a 64-bit draw for int64/float64, else 32 bits, modulo
/// the dtype's range: its max + 1, or 2^digits + 1 for floats) and `random_from_to`.
pub fn random_fill(interp: &mut Interp, v: &Value, a: &NdArray, mut args: Args) -> Res<Value> {
    let from = kwarg(&mut args, "from");
    let to = kwarg(&mut args, "to");
    no_more(&args, "random_")?;
    let (from, to) = match (args.pos.as_slice(), from, to) {
        ([], f, t) => (f, t),
        ([t], None, None) => (None, Some(t.clone())),
        ([f, t], None, None) => (Some(f.clone()), Some(t.clone())),
        _ => return Err(type_error("random_() received an invalid combination of arguments")),
    };
    let to = to.filter(|t| !matches!(t, Value::None));
    let g = &mut interp.rng.torch;
    let n = a.numel();
    // Drawn as u64 (an int64 draw needs all 63 bits), then converted once to the dtype.
    let vals: Vec<u64> = match (from, to) {
        (None, None) => {
            let (wide, modulus): (bool, u64) = match a.dtype {
                DType::I64 => (true, 1 << 63),
                DType::F64 => (true, (1 << 53) + 1),
                DType::F32 => (false, (1 << 24) + 1),
                DType::F16 => (false, (1 << 11) + 1),
                DType::BF16 => (false, (1 << 8) + 1),
                DType::I32 => (false, 1 << 31),
                DType::I16 => (false, 1 << 15),
                DType::I8 => (false, 1 << 7),
                DType::U8 => (false, 1 << 8),
                DType::Bool => (false, 2),
                d => {
                    return Err(exc(
                        "NotImplementedError",
                        format!("random_(): nt does not support {} tensors", d.numpy_name()),
                    ));
                }
            };
            (0..n)
                .map(|_| {
                    let r = if wide { g.random64() } else { g.random() as u64 };
                    r % modulus
                })
                .collect()
        }
        (f, Some(t)) => {
            let lo = f.map(|f| int_arg(&f)).transpose()?.unwrap_or(0);
            let hi = int_arg(&t)?;
            if lo >= hi {
                return Err(exc(
                    "RuntimeError",
                    format!("random_ expects 'from' to be less than 'to', but got from={lo} >= to={hi}"),
                ));
            }
            let range = hi.wrapping_sub(lo) as u64;
            (0..n).map(|_| g.int_in(lo, range) as u64).collect()
        }
        (Some(_), None) => {
            return Err(exc(
                "NotImplementedError",
                "random_(from, to=None): nt does not implement an open upper bound yet",
            ));
        }
    };
    let buf = if a.dtype.is_float() {
        Buffer::F64(vals.into_iter().map(|v| v as i64 as f64).collect())
    } else {
        Buffer::I64(vals.into_iter().map(|v| v as i64).collect())
    };
    let src = NdArray::from_buffer(buf, a.shape());
    super::ops::write_into(Lib::Torch, a, &super::ops::cast(&src, a.dtype)?)?;
    Ok(v.clone())
}

/// A `generator=` argument: `None` for the default generator (none given, `None`,
/// `torch.default_generator`), else the index of a `torch.Generator()`'s state.
pub fn generator_arg(interp: &mut Interp, args: &mut Args, fname: &str) -> Res<Option<usize>> {
    let Some(g) = kwarg(args, "generator") else {
        return Ok(None);
    };
    if matches!(g, Value::None) {
        return Ok(None);
    }
    let tname = g.type_name();
    if let Ok(Value::Int(i)) = interp.get_attr(&g, crate::syntax::symbol::Sym::new("_id")) {
        return Ok(usize::try_from(i).ok().filter(|&i| i < interp.rng.torch_gens.len()));
    }
    if matches!(tname.as_ref(), "Generator" | "_DefaultGenerator") {
        return Ok(None);
    }
    Err(type_error(format!(
        "{}(): argument 'generator' must be torch.Generator, not {tname}",
        fname.trim_end_matches('_')
    )))
}

/// Runs `f` with `torch.Generator()` state `id` in the default generator's place (it is
/// put back whatever `f` returns).
pub fn with_generator<T>(interp: &mut Interp, id: usize, f: impl FnOnce(&mut Interp) -> Res<T>) -> Res<T> {
    if interp.rng.torch_active == Some(id) {
        return f(interp);
    }
    if id >= interp.rng.torch_gens.len() {
        return Err(super::internal("unknown generator"));
    }
    let rng = &mut interp.rng;
    std::mem::swap(&mut rng.torch, &mut rng.torch_gens[id]);
    let before = rng.torch_active.replace(id);
    let r = f(interp);
    let rng = &mut interp.rng;
    rng.torch_active = before;
    std::mem::swap(&mut rng.torch, &mut rng.torch_gens[id]);
    r
}

/// `_nt.torch_gen_new()`: a new generator state (PyTorch's default seed), by index.
pub fn torch_gen_new(interp: &mut Interp, _: Args) -> Res<Value> {
    interp.rng.torch_gens.push(Generator::default());
    Ok(Value::Int(interp.rng.torch_gens.len() as i64 - 1))
}

/// `_nt.with_torch_gen(id, f, *args, **kwargs)`: `f(*args, **kwargs)` drawing from
/// generator `id` wherever it would draw from the default generator.
pub fn with_torch_gen(interp: &mut Interp, mut args: Args) -> Res<Value> {
    let bad = || type_error("_nt.with_torch_gen(id, f, *args, **kwargs)");
    if args.pos.len() < 2 {
        return Err(bad());
    }
    let id = usize::try_from(int_arg(&args.pos[0])?).map_err(|_| bad())?;
    let f = args.pos[1].clone();
    args.pos.drain(..2);
    with_generator(interp, id, |interp| interp.call(&f, args, None))
}
