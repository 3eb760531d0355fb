//! Methods of Python's `int` and `float`: `bit_length`, `bit_count`,
//! `as_integer_ratio`, `is_integer`, `hex`, `conjugate`.

use crate::error::{Res, exc};
use crate::value::{Args, Value, long};
use num_bigint::BigInt;

pub const INT_METHODS: &[&str] = &["as_integer_ratio", "bit_count", "bit_length", "conjugate", "to_bytes"];
pub const FLOAT_METHODS: &[&str] = &["as_integer_ratio", "conjugate", "hex", "is_integer"];

pub fn int_method(o: &Value, m: &str, args: &Args) -> Res<Value> {
    super::no_args(args, &format!("int.{m}"))?;
    let n = long::of(o).unwrap_or_default();
    Ok(match m {
        "bit_length" => Value::Int(n.bits() as i64),
        "bit_count" => Value::Int(n.magnitude().count_ones() as i64),
        "as_integer_ratio" => Value::tuple(vec![long::norm(n), Value::Int(1)]),
        _ => long::norm(n),
    })
}

/// `x.as_integer_ratio()`: the exact fraction in lowest terms.
pub fn float_ratio(x: f64) -> Res<(Value, Value)> {
    if x.is_infinite() {
        return Err(exc("OverflowError", "cannot convert Infinity to integer ratio"));
    }
    if x.is_nan() {
        return Err(exc("ValueError", "cannot convert NaN to integer ratio"));
    }
    if x == 0.0 {
        return Ok((Value::Int(0), Value::Int(1)));
    }
    let bits = x.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i64;
    let mut mant = bits & ((1 << 52) - 1);
    let mut exp = if raw_exp == 0 { -1074 } else { raw_exp - 1075 };
    if raw_exp != 0 {
        mant |= 1 << 52;
    }
    let tz = mant.trailing_zeros() as i64;
    mant >>= tz;
    exp += tz;
    let m = BigInt::from(mant) * if x < 0.0 { -1 } else { 1 };
    Ok(if exp >= 0 {
        (long::norm(m << exp as u64), Value::Int(1))
    } else {
        (long::norm(m), long::norm(BigInt::from(1) << (-exp) as u64))
    })
}

/// `float.hex(x)`: `0x1.8000000000000p+1`.
fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = bits & ((1 << 52) - 1);
    let (lead, exp) = if raw_exp == 0 { (0, -1022) } else { (1, raw_exp - 1023) };
    let sgn = if exp < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{mant:013x}p{sgn}{}", exp.abs())
}

pub fn float_method(x: f64, m: &str, args: &Args) -> Res<Value> {
    super::no_args(args, &format!("float.{m}"))?;
    Ok(match m {
        "is_integer" => Value::Bool(x.is_finite() && x.fract() == 0.0),
        "as_integer_ratio" => {
            let (p, q) = float_ratio(x)?;
            Value::tuple(vec![p, q])
        }
        "hex" => Value::str(&float_hex(x)),
        _ => Value::Float(x),
    })
}

/// `int` attributes: `real`, `imag`, `numerator`, `denominator`.
pub fn int_property(n: &Value, name: &str) -> Option<Value> {
    let v = match n {
        Value::Bool(b) => Value::Int(*b as i64),
        v => v.clone(),
    };
    match name {
        "real" | "numerator" => Some(v),
        "imag" => Some(Value::Int(0)),
        "denominator" => Some(Value::Int(1)),
        _ => None,
    }
}
