//! `math`'s integer functions on Python ints of any size: `factorial`, `gcd`, `lcm`,
//! `comb`, `perm`, `isqrt`, and `floor`/`ceil`/`trunc` of ints and floats.

use super::Interp;
use super::builtins::{arity, no_kw};
use crate::error::{Res, exc, overflow, type_error};
use crate::value::{Args, Value, long};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// An int argument (bools count; floats are refused as CPython's `__index__` does).
fn int_only(v: &Value) -> Res<BigInt> {
    if let Some(b) = long::of(v) {
        return Ok(b);
    }
    super::builtins::int_arg(v).map(BigInt::from)
}

pub fn m_factorial(_: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "factorial")?;
    arity(&args, "factorial", 1, 1)?;
    let n = int_only(&args.pos[0])?;
    if n.is_negative() {
        return Err(exc("ValueError", "factorial() not defined for negative values"));
    }
    let n = n.to_i64().ok_or_else(|| {
        exc(
            "OverflowError",
            "factorial() argument should not exceed 9223372036854775807",
        )
    })? as u64;
    if n > 1 << 20 {
        return Err(exc("MemoryError", ""));
    }
    Ok(long::norm(product(1, n)))
}

/// The product of `lo..=hi`, split in halves so the multiplications stay balanced.
fn product(lo: u64, hi: u64) -> BigInt {
    if hi < lo {
        return BigInt::one();
    }
    if hi - lo < 16 {
        return (lo..=hi).fold(BigInt::one(), |acc, k| acc * k);
    }
    let mid = lo + (hi - lo) / 2;
    product(lo, mid) * product(mid + 1, hi)
}

pub fn m_gcd(_: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "gcd")?;
    let mut g = BigInt::zero();
    for v in &args.pos {
        g = g.gcd(&int_only(v)?);
    }
    Ok(long::norm(g))
}

pub fn m_lcm(_: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "lcm")?;
    let mut l = BigInt::one();
    for v in &args.pos {
        let n = int_only(v)?;
        if n.is_zero() {
            // Later arguments are still checked as ints, as CPython's loop does.
            for rest in &args.pos {
                int_only(rest)?;
            }
            return Ok(Value::Int(0));
        }
        l = l.lcm(&n);
    }
    Ok(long::norm(l))
}

fn comb_perm(args: &Args, name: &str) -> Res<(BigInt, BigInt)> {
    no_kw(args, name)?;
    arity(args, name, if name == "perm" { 1 } else { 2 }, 2)?;
    let n = int_only(&args.pos[0])?;
    let k = match args.pos.get(1) {
        Some(Value::None) if name == "perm" => None,
        Some(v) => Some(int_only(v)?),
        None => None,
    };
    // `perm(n)` is `factorial(n)`, with its messages.
    let Some(k) = k else {
        if n.is_negative() {
            return Err(exc("ValueError", "factorial() not defined for negative values"));
        }
        if n.to_i64().is_none() {
            return Err(exc(
                "OverflowError",
                "factorial() argument should not exceed 9223372036854775807",
            ));
        }
        return Ok((n.clone(), n));
    };
    if n.is_negative() {
        return Err(exc("ValueError", "n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(exc("ValueError", "k must be a non-negative integer"));
    }
    Ok((n, k))
}

/// The count of factors: CPython's OverflowError past `i64`; nt's MemoryError past
/// 2**24 factors (a result of billions of digits).
fn small(k: &BigInt, name: &str) -> Res<u64> {
    match k.to_i64() {
        None => Err(exc(
            "OverflowError",
            match name {
                "perm" => format!("k must not exceed {}", i64::MAX),
                _ => format!("min(n - k, k) must not exceed {}", i64::MAX),
            },
        )),
        Some(k) if k > 1 << 24 => Err(exc("MemoryError", "")),
        Some(k) => Ok(k as u64),
    }
}

pub fn m_comb(_: &mut Interp, args: Args) -> Res<Value> {
    let (n, k) = comb_perm(&args, "comb")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = small(&k.clone().min(&n - &k), "comb")?;
    let mut acc = BigInt::one();
    for i in 0..k {
        // Exact at every step: acc * (n - i) is divisible by (i + 1).
        acc = acc * (&n - i) / (i + 1);
    }
    Ok(long::norm(acc))
}

pub fn m_perm(_: &mut Interp, args: Args) -> Res<Value> {
    let (n, k) = comb_perm(&args, "perm")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = small(&k, "perm")?;
    let mut acc = BigInt::one();
    for i in 0..k {
        acc *= &n - i;
    }
    Ok(long::norm(acc))
}

pub fn m_isqrt(_: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "isqrt")?;
    arity(&args, "isqrt", 1, 1)?;
    let n = int_only(&args.pos[0])?;
    if n.is_negative() {
        return Err(exc("ValueError", "isqrt() argument must be nonnegative"));
    }
    Ok(long::norm(n.sqrt()))
}

/// `math.floor`/`ceil`/`trunc`: an int stays itself; a float rounds to an int of any
/// size.
pub fn rounding(args: &Args, name: &str, f: fn(f64) -> f64) -> Res<Value> {
    no_kw(args, name)?;
    if args.pos.len() != 1 {
        return Err(type_error(format!(
            "math.{name}() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    }
    match &args.pos[0] {
        v @ (Value::Int(_) | Value::Long(_)) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        // `trunc` asks for `__trunc__`; `floor` and `ceil` convert to float first.
        v @ (Value::Complex(..) | Value::Str(_) | Value::None | Value::List(_) | Value::Tuple(_) | Value::Dict(_))
            if name == "trunc" =>
        {
            Err(type_error(format!(
                "type {} doesn't define __trunc__ method",
                v.type_name()
            )))
        }
        v => long::from_float_trunc(f(super::modules::real(v)?)),
    }
}

// Python's `//`, `%`, `divmod` and `/` on machine ints (the operators in `ops.rs`).

pub(crate) fn int_floordiv(a: i64, b: i64) -> Res<i64> {
    if b == 0 {
        return Err(exc("ZeroDivisionError", "integer division or modulo by zero"));
    }
    // i64::MIN // -1 is the one quotient past 64 bits; its caller widens it.
    let q = a.checked_div(b).ok_or_else(overflow)?;
    Ok(if (a % b != 0) && ((a < 0) != (b < 0)) { q - 1 } else { q })
}

pub(crate) fn int_mod(a: i64, b: i64) -> Res<i64> {
    if b == 0 {
        return Err(exc("ZeroDivisionError", "integer modulo by zero"));
    }
    let r = a.checked_rem(b).unwrap_or(0);
    Ok(if r != 0 && ((r < 0) != (b < 0)) { r + b } else { r })
}

pub fn int_divmod(a: i64, b: i64) -> Res<(i64, i64)> {
    if b == 0 {
        return Err(exc("ZeroDivisionError", "integer division or modulo by zero"));
    }
    Ok((int_floordiv(a, b)?, int_mod(a, b)?))
}

/// int / int, correctly rounded.
pub(crate) fn int_truediv(a: i64, b: i64) -> Res<f64> {
    if b == 0 {
        return Err(exc("ZeroDivisionError", "division by zero"));
    }
    const EXACT: u64 = 1 << 53;
    if a.unsigned_abs() <= EXACT && b.unsigned_abs() <= EXACT {
        return Ok(a as f64 / b as f64);
    }
    long::truediv(&BigInt::from(a), &BigInt::from(b))
}
