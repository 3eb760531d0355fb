//! `_nt.mt_new/mt_seed/mt_random/mt_bits`: the generator under `stdlib/python/random.nt`.

use super::Interp;
use crate::error::{Res, exc, type_error};
use crate::random::python;
use crate::value::{Args, Value};

fn handle(interp: &Interp, v: Option<&Value>) -> Res<usize> {
    match v {
        Some(Value::Int(h)) if (*h as usize) < interp.rng.python.len() => Ok(*h as usize),
        _ => Err(type_error("_nt: not a generator handle")),
    }
}

pub fn mt_new(interp: &mut Interp, _: Args) -> Res<Value> {
    interp.rng.python.push(python::seeded(0));
    Ok(Value::Int(interp.rng.python.len() as i64 - 1))
}

/// Seeds by an int's absolute value, a float's hash, or (None) the clock.
pub fn mt_seed(interp: &mut Interp, args: Args) -> Res<Value> {
    let h = handle(interp, args.pos.first())?;
    let n = match args.pos.get(1) {
        Some(Value::Int(n)) => n.unsigned_abs(),
        Some(Value::Bool(b)) => *b as u64,
        Some(v @ Value::Float(_)) => crate::value::hash::hash(v).map_err(type_error)?.unsigned_abs(),
        _ => {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(0);
            t ^ ((std::process::id() as u64) << 32)
        }
    };
    interp.rng.python[h] = python::seeded(n);
    Ok(Value::None)
}

pub fn mt_random(interp: &mut Interp, args: Args) -> Res<Value> {
    let h = handle(interp, args.pos.first())?;
    Ok(Value::Float(python::random(&mut interp.rng.python[h])))
}

pub fn mt_bits(interp: &mut Interp, args: Args) -> Res<Value> {
    let h = handle(interp, args.pos.first())?;
    let k = match args.pos.get(1) {
        Some(Value::Int(k)) => *k,
        Some(v) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            )));
        }
        None => return Err(type_error("getrandbits() takes exactly one argument (0 given)")),
    };
    if k < 0 {
        return Err(exc("ValueError", "number of bits must be non-negative"));
    }
    if k > 63 {
        return Err(exc(
            "OverflowError",
            "nt's ints are 64-bit: getrandbits() of more than 63 bits does not fit",
        ));
    }
    Ok(Value::Int(python::bits(&mut interp.rng.python[h], k as u32) as i64))
}
