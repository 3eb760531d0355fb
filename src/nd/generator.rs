//! The core of `np.random.default_rng()` (`stdlib/numpy/random/_generator.nt`): NumPy's
//! `SeedSequence` and `PCG64` with the `Generator`'s building-block draws, bit for bit
//! (`random/pcg64/`). The bit generator's state lives in the nt object as
//! `(state, inc, has_uint32, uinteger)`; each call takes it and gives the next one back.
//!
//! - `_nt.pcg64_seed(seed)`: the state `default_rng(seed)` starts from; `seed` is a
//!   non-negative int, a sequence of them, or `None` (fresh entropy from the OS).
//! - `_nt.pcg64_draw(state, kind, count, dtype, a=0, b=0)`: `count` draws of `kind` as a
//!   1-d array, and the next state: `random`, `standard_normal`, `standard_exponential`
//!   (dtype `float64`/`float32`), `integers` (from `a` to `b` inclusive, dtype `int64`,
//!   `int32`, `int16`, `int8`, `uint*`, `bool`), `permutation` (of `count`),
//!   `interval` (NumPy's masked draws `random_interval(a)`), `raw` (uint64 words).

use super::wrap;
use crate::array::NdArray;
use crate::array::storage::Buffer;
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::random::pcg64::{Pcg64, SeedSequence, int_to_words};
use crate::value::{Args, Lib, Value};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

fn big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(n) => Some(BigInt::from(*n)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::Long(b) => Some((**b).clone()),
        _ => None,
    }
}

fn to_value(n: u128) -> Value {
    match i64::try_from(n) {
        Ok(i) => Value::Int(i),
        Err(_) => Value::Long(std::rc::Rc::new(BigInt::from(n))),
    }
}

/// An int's little-endian 32-bit words (NumPy's `_int_to_uint32_array`).
fn words_of(n: &BigInt) -> Res<Vec<u32>> {
    if n.is_negative() {
        return Err(exc("ValueError", "expected non-negative integer"));
    }
    let (_, digits) = n.to_u32_digits();
    Ok(int_to_words(&digits))
}

fn state_value(g: &Pcg64) -> Value {
    let (state, inc, has, u) = g.state();
    Value::tuple(vec![
        to_value(state),
        to_value(inc),
        Value::Bool(has),
        Value::Int(u as i64),
    ])
}

fn state_of(v: Option<&Value>) -> Res<Pcg64> {
    let bad = || type_error("_nt.pcg64: a state (state, inc, has_uint32, uinteger)");
    let Some(Value::Tuple(t)) = v else {
        return Err(bad());
    };
    let [s, i, h, u] = &t[..] else {
        return Err(bad());
    };
    let s = big(s).and_then(|b| b.to_u128()).ok_or_else(bad)?;
    let i = big(i).and_then(|b| b.to_u128()).ok_or_else(bad)?;
    let u = big(u).and_then(|b| b.to_u32()).ok_or_else(bad)?;
    Ok(Pcg64::from_state(s, i, h.truthy(), u))
}

pub fn pcg64_seed(_: &mut Interp, args: Args) -> Res<Value> {
    let seed = args.pos.first().cloned().unwrap_or(Value::None);
    let g = match &seed {
        Value::None => {
            use std::io::Read;
            let mut bytes = [0u8; 16];
            let entropy = std::fs::File::open("/dev/urandom")
                .and_then(|mut f| f.read_exact(&mut bytes))
                .ok()
                .map(|()| u128::from_le_bytes(bytes))
                .unwrap_or_else(|| {
                    let t = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_nanos());
                    t ^ (std::process::id() as u128) << 64
                });
            Pcg64::from_entropy(entropy)
        }
        Value::List(_) | Value::Tuple(_) => {
            let items: Vec<Value> = match &seed {
                Value::List(l) => l.borrow().clone(),
                Value::Tuple(t) => t.to_vec(),
                _ => Vec::new(),
            };
            let mut words = Vec::new();
            for it in &items {
                let n = big(it)
                    .ok_or_else(|| type_error("SeedSequence expects int or sequence of ints for entropy not"))?;
                words.extend(words_of(&n)?);
            }
            Pcg64::from_seed_sequence(&SeedSequence::from_words(&words))
        }
        v => {
            let n = big(v).ok_or_else(|| {
                type_error(format!(
                    "SeedSequence expects int or sequence of ints for entropy not {}",
                    crate::value::repr::repr(v)
                ))
            })?;
            Pcg64::from_seed_sequence(&SeedSequence::from_words(&words_of(&n)?))
        }
    };
    Ok(state_value(&g))
}

pub fn pcg64_draw(_: &mut Interp, args: Args) -> Res<Value> {
    let mut g = state_of(args.pos.first())?;
    let kind = match args.pos.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        _ => return Err(type_error("_nt.pcg64_draw: the kind of draw")),
    };
    let count = args.pos.get(2).and_then(Value::as_f64).unwrap_or(0.0) as usize;
    let dtype = match args.pos.get(3) {
        Some(Value::Str(s)) => s.to_string(),
        _ => "float64".to_string(),
    };
    let a = args.pos.get(4).and_then(big).unwrap_or_default();
    let b = args.pos.get(5).and_then(big).unwrap_or_default();
    let f32 = dtype == "float32";
    let buf = match kind.as_str() {
        "random" if f32 => Buffer::F32((0..count).map(|_| g.random_f32()).collect()),
        "random" => Buffer::F64((0..count).map(|_| g.random()).collect()),
        "standard_normal" if f32 => Buffer::F32((0..count).map(|_| g.standard_normal_f32()).collect()),
        "standard_normal" => Buffer::F64((0..count).map(|_| g.standard_normal()).collect()),
        "standard_exponential" if f32 => Buffer::F32((0..count).map(|_| g.standard_exponential_f32()).collect()),
        "standard_exponential" => Buffer::F64((0..count).map(|_| g.standard_exponential()).collect()),
        "standard_exponential_inv" if f32 => {
            Buffer::F32((0..count).map(|_| g.standard_exponential_inv_f32()).collect())
        }
        "standard_exponential_inv" => Buffer::F64((0..count).map(|_| g.standard_exponential_inv()).collect()),
        "permutation" => Buffer::I64(g.permutation(count)),
        "interval" => {
            let max = a.to_u64().ok_or_else(|| type_error("_nt.pcg64_draw: interval bound"))?;
            Buffer::I64((0..count).map(|_| g.random_interval(max) as i64).collect())
        }
        "raw" => Buffer::U64((0..count).map(|_| g.next_u64()).collect()),
        "integers" => integers(&mut g, &dtype, &a, &b, count)?,
        _ => return Err(type_error(format!("_nt.pcg64_draw: unknown kind {kind}"))),
    };
    let out = wrap(Lib::Numpy, NdArray::from_buffer(buf, &[count]));
    Ok(Value::tuple(vec![state_value(&g), out]))
}

/// `count` integers from `low` to `high` inclusive in `dtype`, as NumPy's bounded
/// integer fills draw them (`_bounded_integers.pyx`).
fn integers(g: &mut Pcg64, dtype: &str, low: &BigInt, high: &BigInt, count: usize) -> Res<Buffer> {
    let range = |bits: u32| -> Res<(u64, u64)> {
        let rng = (high - low)
            .to_u64()
            .ok_or_else(|| exc("ValueError", "high is out of bounds"))?;
        let off = low.to_i128().ok_or_else(|| exc("ValueError", "low is out of bounds"))?;
        let mask = if bits == 64 { u64::MAX } else { (1u64 << bits) - 1 };
        Ok(((off as u64) & mask, rng))
    };
    Ok(match dtype {
        "int64" | "uint64" => {
            let (off, rng) = range(64)?;
            let mut out = vec![0u64; count];
            g.bounded_u64_fill(off, rng, &mut out);
            if dtype == "int64" {
                Buffer::I64(out.into_iter().map(|v| v as i64).collect())
            } else {
                Buffer::U64(out)
            }
        }
        "int32" | "uint32" => {
            let (off, rng) = range(32)?;
            let mut out = vec![0u32; count];
            g.bounded_u32_fill(off as u32, rng as u32, &mut out);
            if dtype == "int32" {
                Buffer::I32(out.into_iter().map(|v| v as i32).collect())
            } else {
                Buffer::U32(out)
            }
        }
        "int16" | "uint16" => {
            let (off, rng) = range(16)?;
            let mut out = vec![0u16; count];
            g.bounded_u16_fill(off as u16, rng as u16, &mut out);
            if dtype == "int16" {
                Buffer::I16(out.into_iter().map(|v| v as i16).collect())
            } else {
                Buffer::U16(out)
            }
        }
        "int8" | "uint8" => {
            let (off, rng) = range(8)?;
            let mut out = vec![0u8; count];
            g.bounded_u8_fill(off as u8, rng as u8, &mut out);
            if dtype == "int8" {
                Buffer::I8(out.into_iter().map(|v| v as i8).collect())
            } else {
                Buffer::U8(out)
            }
        }
        "bool" => {
            let (off, rng) = range(1)?;
            let mut out = vec![false; count];
            g.bounded_bool_fill(off != 0, rng != 0, &mut out);
            Buffer::Bool(out)
        }
        other => return Err(type_error(format!("Unsupported dtype {other} for integers"))),
    })
}
