//! Methods of Python's `int` and `float`: `bit_length`, `bit_count`,
//! `as_integer_ratio`, `is_integer`, `hex`, `conjugate`.

use crate::error::{Res, exc, type_error};
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

/// `float.fromhex(s)`, as CPython's `float_fromhex` reads it: optional sign, `inf`/`nan`,
/// or `[0x]hex[.hex][p±dec]`, rounded half to even (subnormals included).
pub fn float_fromhex(args: &Args) -> Res<Value> {
    super::no_kw(args, "float.fromhex")?;
    let s = match args.pos.as_slice() {
        [Value::Str(s)] => s.clone(),
        [v] => {
            return Err(type_error(format!(
                "bad argument type for built-in operation ({})",
                v.type_name()
            )));
        }
        other => {
            return Err(type_error(format!(
                "float.fromhex() takes exactly one argument ({} given)",
                other.len()
            )));
        }
    };
    let invalid = || exc("ValueError", "invalid hexadecimal floating-point string");
    let t = s.trim();
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let sign = |x: f64| Value::Float(if neg { -x } else { x });
    let lower = t.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(sign(f64::INFINITY));
    }
    if lower == "nan" {
        return Ok(sign(f64::NAN));
    }
    let body = lower.strip_prefix("0x").unwrap_or(&lower);
    let (digits, exp) = match body.split_once('p') {
        Some((d, e)) => {
            let (minus, mag) = match e.as_bytes().first() {
                Some(b'-') => (true, &e[1..]),
                Some(b'+') => (false, &e[1..]),
                _ => (false, e),
            };
            if mag.is_empty() || !mag.bytes().all(|c| c.is_ascii_digit()) {
                return Err(invalid());
            }
            // Huge exponents saturate: the value is then 0 or too large either way.
            let m = mag.parse::<i64>().unwrap_or(1 << 40).min(1 << 40);
            (d, if minus { -m } else { m })
        }
        None => (body, 0),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let all: Vec<u32> = int_part
        .chars()
        .chain(frac_part.chars())
        .map(|c| c.to_digit(16))
        .collect::<Option<_>>()
        .ok_or_else(invalid)?;
    if all.is_empty() {
        return Err(invalid());
    }
    // value = M · 2^e with M the digits as an integer (its first 28 significant digits
    // and a sticky flag for any non-zero digit after them).
    let first = all.iter().position(|&d| d != 0);
    let Some(first) = first else { return Ok(sign(0.0)) };
    let sig = &all[first..];
    let kept = sig.len().min(28);
    let m = sig[..kept].iter().fold(0u128, |m, &d| (m << 4) | d as u128);
    let sticky = sig[kept..].iter().any(|&d| d != 0);
    let e = exp
        .saturating_add(4 * (sig.len() - kept) as i64)
        .saturating_sub(4 * frac_part.len() as i64);
    let bits = 128 - m.leading_zeros() as i64;
    let top = e.saturating_add(bits - 1);
    if top > 1023 {
        return Err(exc(
            "OverflowError",
            "hexadecimal value too large to represent as a float",
        ));
    }
    let lsb = (top - 52).max(-1074);
    let shift = lsb - e;
    let mant = if shift <= 0 {
        m << (-shift)
    } else if shift > 128 {
        0
    } else {
        let shift = shift as u32;
        let kept = if shift == 128 { 0 } else { m >> shift };
        let rest = if shift == 128 { m } else { m & ((1u128 << shift) - 1) };
        let half = 1u128 << (shift - 1);
        let round_up = rest > half || (rest == half && (sticky || kept & 1 == 1));
        kept + round_up as u128
    };
    let pow2 = |k: i64| {
        if k >= -1022 {
            f64::from_bits(((k + 1023) as u64) << 52)
        } else {
            f64::from_bits(1u64 << (k + 1074))
        }
    };
    // mant ≤ 2^53 is exact in f64, and lsb ≤ 971: the product is exact unless it overflows.
    let x = mant as f64 * pow2(lsb);
    if x.is_infinite() {
        return Err(exc(
            "OverflowError",
            "hexadecimal value too large to represent as a float",
        ));
    }
    Ok(sign(x))
}
