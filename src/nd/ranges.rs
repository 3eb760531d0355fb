//! `arange` and `linspace`: evenly spaced values, filled as each library fills them.

use super::funcs::{Place, default_float, drop_torch_kwargs, grad_leaf, no_more_kwargs, number, take_dtype};
use super::wrap;
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::storage::Buffer;
use crate::error::{Res, exc, type_error};
use crate::interp::builtins::{int_arg, kwarg};
use crate::value::{Args, Lib, Value};

pub fn arange(lib: Lib, mut args: Args) -> Res<Value> {
    let dtype = take_dtype(&mut args)?;
    let start_kw = kwarg(&mut args, "start");
    let stop_kw = kwarg(&mut args, "end").or_else(|| kwarg(&mut args, "stop"));
    let step_kw = kwarg(&mut args, "step");
    let rg = if lib == Lib::Torch {
        drop_torch_kwargs(&mut args)?
    } else {
        Place::default()
    };
    no_more_kwargs(&args, "arange")?;
    let mut pos = args.pos.clone();
    if let Some(s) = start_kw {
        pos.insert(0, s);
    }
    if let Some(s) = stop_kw {
        pos.push(s);
    }
    let (start, stop, step) = match pos.as_slice() {
        [stop] => (Value::Int(0), stop.clone(), step_kw.unwrap_or(Value::Int(1))),
        [start, stop] => (start.clone(), stop.clone(), step_kw.unwrap_or(Value::Int(1))),
        [start, stop, step] => (start.clone(), stop.clone(), step.clone()),
        _ => return Err(type_error("arange() needs 1 to 3 numbers")),
    };
    let ((a, fa), (b, fb), (s, fs)) = (number(&start)?, number(&stop)?, number(&step)?);
    if s == 0.0 {
        return Err(match lib {
            Lib::Numpy => exc("ZeroDivisionError", "division by zero"),
            Lib::Torch => exc("RuntimeError", "step must be nonzero"),
        });
    }
    let any_float = fa || fb || fs;
    let dtype = dtype.unwrap_or(if any_float { default_float(lib) } else { DType::I64 });
    if lib == Lib::Torch && !(a.is_finite() && b.is_finite()) {
        return Err(exc(
            "RuntimeError",
            format!("unsupported range: {} -> {}", c_double(a), c_double(b)),
        ));
    }
    let n = ((b - a) / s).ceil();
    if lib == Lib::Numpy && n.is_nan() {
        return Err(exc("ValueError", "arange: cannot compute length"));
    }
    if lib == Lib::Numpy && n > i64::MAX as f64 {
        return Err(exc("ValueError", "Maximum allowed size exceeded"));
    }
    if lib == Lib::Torch && n < 0.0 {
        return Err(exc(
            "RuntimeError",
            "upper bound and larger bound inconsistent with step sign",
        ));
    }
    let n = if n.is_finite() && n > 0.0 { n as usize } else { 0 };
    // Made in float64, then cast.
    super::ops::check_alloc_working(lib, &[n], dtype, 8 + dtype.itemsize())?;
    grad_leaf(
        wrap(
            lib,
            NdArray::from_buffer(Buffer::from_f64s(dtype, &arange_values(lib, dtype, a, s, n)), &[n]),
        ),
        rg,
    )
}

/// A double as C++'s `ostream` writes it (PyTorch's messages): `0`, `2.5`, `inf`, `nan`.
fn c_double(x: f64) -> String {
    if x.is_nan() {
        "nan".into()
    } else if x.is_infinite() {
        if x > 0.0 { "inf".into() } else { "-inf".into() }
    } else {
        // Six significant digits, as `%g`.
        let r = format!("{:.*e}", 5, x);
        let (m, e) = r.split_once('e').unwrap_or((&r, "0"));
        let e: i32 = e.parse().unwrap_or(0);
        if (-5..6).contains(&e) {
            let digits = (5 - e).max(0) as usize;
            let f = format!("{:.*}", digits, x);
            let f = if f.contains('.') {
                f.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                f
            };
            f
        } else {
            let m = m.trim_end_matches('0').trim_end_matches('.');
            format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
        }
    }
}

/// The values of `arange(a, .., s)` in `dtype`, as each library fills them. NumPy casts
/// the first two values to the dtype and repeats their difference in that type
/// (`np.arange(0, 5, 0.5, dtype=int)` is all zeros, a float32 `arange` accumulates its
/// float32 step); PyTorch truncates start and step to an integer dtype.
fn arange_values(lib: Lib, dtype: DType, a: f64, s: f64, n: usize) -> Vec<f64> {
    let trunc = |x: f64| x.trunc();
    match (lib, dtype) {
        (_, d) if !d.is_float() && d != DType::Bool => {
            let (a0, step) = match lib {
                Lib::Numpy => (trunc(a) as i128, trunc(a + s) as i128 - trunc(a) as i128),
                Lib::Torch => (trunc(a) as i128, trunc(s) as i128),
            };
            (0..n).map(|i| (a0 + i as i128 * step) as f64).collect()
        }
        (Lib::Numpy, DType::F32) => {
            let (a0, a1) = (a as f32, (a + s) as f32);
            let d = a1 - a0;
            (0..n)
                .map(|i| if i == 1 { a1 as f64 } else { (a0 + i as f32 * d) as f64 })
                .collect()
        }
        (Lib::Numpy, DType::F64) => {
            let d = (a + s) - a;
            (0..n).map(|i| if i == 1 { a + s } else { a + i as f64 * d }).collect()
        }
        _ => (0..n).map(|i| a + i as f64 * s).collect(),
    }
}

pub fn linspace(lib: Lib, mut args: Args) -> Res<Value> {
    let dtype = take_dtype(&mut args)?.unwrap_or(default_float(lib));
    let num_kw = kwarg(&mut args, "num").or_else(|| kwarg(&mut args, "steps"));
    let endpoint = kwarg(&mut args, "endpoint").is_none_or(|v| v.truthy());
    let retstep = lib == Lib::Numpy && kwarg(&mut args, "retstep").is_some_and(|v| v.truthy());
    let rg = if lib == Lib::Torch {
        drop_torch_kwargs(&mut args)?
    } else {
        Place::default()
    };
    no_more_kwargs(&args, "linspace")?;
    let (start, stop) = match args.pos.as_slice() {
        [a, b, ..] => (number(a)?.0, number(b)?.0),
        _ => return Err(type_error("linspace() needs start and stop")),
    };
    let num = match args.pos.get(2).cloned().or(num_kw) {
        Some(v) => int_arg(&v)?,
        None if lib == Lib::Numpy => 50,
        None => {
            return Err(type_error(
                "linspace() missing 1 required positional arguments: \"steps\"",
            ));
        }
    };
    let n = usize::try_from(num).map_err(|_| match lib {
        Lib::Numpy => exc("ValueError", format!("Number of samples, {num}, must be non-negative.")),
        Lib::Torch => exc("RuntimeError", "number of steps must be non-negative"),
    })?;
    // Made in float64, then cast.
    super::ops::check_alloc_working(lib, &[n], dtype, 8 + dtype.itemsize())?;
    let xs: Vec<f64> = match lib {
        // NumPy: `arange(num) * step + start`, the last sample exactly `stop`; a step
        // that underflows to zero scales by `delta` after dividing instead; integer
        // dtypes take the floor.
        Lib::Numpy => {
            let div = if endpoint { n.saturating_sub(1) } else { n };
            let delta = stop - start;
            let step = if div > 0 { delta / div as f64 } else { f64::NAN };
            let xs: Vec<f64> = (0..n)
                .map(|i| {
                    let y = if div == 0 {
                        i as f64 * delta
                    } else if step == 0.0 {
                        i as f64 / div as f64 * delta
                    } else {
                        i as f64 * step
                    } + start;
                    let y = if endpoint && n > 1 && i == n - 1 { stop } else { y };
                    if dtype.is_int() { y.floor() } else { y }
                })
                .collect();
            if retstep {
                let y = wrap(lib, NdArray::from_buffer(Buffer::from_f64s(dtype, &xs), &[n]));
                let step = match div {
                    0 => Value::Float(f64::NAN),
                    _ => Value::NpScalar(std::rc::Rc::new(NdArray::from_buffer(Buffer::F64(vec![step]), &[]))),
                };
                return Ok(Value::tuple(vec![y, step]));
            }
            xs
        }
        Lib::Torch if n > 1 && matches!(dtype, DType::F32 | DType::F64) => {
            if dtype == DType::F32 {
                let v = torch_linspace_f32(start as f32, stop as f32, n);
                return grad_leaf(wrap(lib, NdArray::from_buffer(Buffer::F32(v), &[n])), rg);
            }
            let v = torch_linspace_f64(start, stop, n);
            return grad_leaf(wrap(lib, NdArray::from_buffer(Buffer::F64(v), &[n])), rg);
        }
        // PyTorch fills from both ends to stay symmetric.
        Lib::Torch => {
            let step = if n > 1 { (stop - start) / (n - 1) as f64 } else { 0.0 };
            let half = n / 2;
            (0..n)
                .map(|i| {
                    // One step is `start` (linspace_out fills it).
                    if i < half || n == 1 {
                        start + i as f64 * step
                    } else {
                        stop - (n - 1 - i) as f64 * step
                    }
                })
                .collect()
        }
    };
    grad_leaf(wrap(lib, NdArray::from_buffer(Buffer::from_f64s(dtype, &xs), &[n])), rg)
}

/// PyTorch's `linspace_kernel` (RangeFactoriesKernel.cpp, a serial kernel) for a float
/// type: `step = (end - start) / (steps - 1)` in the element type; the first half counts
/// up from `start` (`start + step·idx`), the second down from `end`
/// (`end - step·(steps - idx - 1)`), each fused into one rounding as GCC compiles it.
macro_rules! torch_linspace {
    ($name:ident, $t:ty) => {
        fn $name(start: $t, end: $t, steps: usize) -> Vec<$t> {
            let step = (end - start) / (steps - 1) as $t;
            let half = steps / 2;
            (0..steps)
                .map(|idx| {
                    if idx < half {
                        step.mul_add(idx as $t, start)
                    } else {
                        (-step).mul_add((steps - idx - 1) as $t, end)
                    }
                })
                .collect()
        }
    };
}

torch_linspace!(torch_linspace_f32, f32);
torch_linspace!(torch_linspace_f64, f64);
