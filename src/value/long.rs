//! Python's unbounded `int` past 64 bits. An int that fits an `i64` is always a
//! `Value::Int` (the fast path); only values outside that range are `Value::Long`, so
//! every result goes through `norm`. Arithmetic follows CPython's `longobject.c`:
//! floor division and modulo round toward negative infinity, shifts and bitwise
//! operators act on the infinite two's complement, true division and conversion to
//! float are correctly rounded, and `hash` is the value modulo 2**61 - 1.

use super::Value;
use crate::error::{Res, exc};
use crate::syntax::ast::BinOp;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::rc::Rc;

/// Results with more bits than this are a `MemoryError` before any work is attempted
/// (CPython would try, and take hours).
const MAX_BITS: u64 = 1 << 32;

/// `b` as a Python int value: `Int` when it fits 64 bits.
pub fn norm(b: BigInt) -> Value {
    match b.to_i64() {
        Some(n) => Value::Int(n),
        None => Value::Long(Rc::new(b)),
    }
}

/// The integer value of a bool, int or long.
pub fn of(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(n) => Some(BigInt::from(*n)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::Long(b) => Some((**b).clone()),
        _ => None,
    }
}

fn too_large_for_float() -> Box<crate::error::Exc> {
    exc("OverflowError", "int too large to convert to float")
}

/// `float(b)`, correctly rounded (half to even), or CPython's `OverflowError`.
pub fn to_f64(b: &BigInt) -> Res<f64> {
    let bits = b.bits();
    if bits <= 63 {
        return Ok(b.to_i64().map(|n| n as f64).unwrap_or(0.0));
    }
    // The top 64 bits, with a sticky bit for everything below them: one rounding in
    // the u64 → f64 conversion, then an exact scaling.
    let mag = b.magnitude();
    let shift = bits - 64;
    let top: num_bigint::BigUint = mag >> shift;
    let mut m = top.to_u64().unwrap_or(u64::MAX);
    if (mag.trailing_zeros().unwrap_or(0)) < shift {
        m |= 1;
    }
    let x = m as f64;
    if shift > 2000 {
        return Err(too_large_for_float());
    }
    let r = x * 2f64.powi(shift as i32);
    if r.is_infinite() {
        return Err(too_large_for_float());
    }
    Ok(if b.sign() == Sign::Minus { -r } else { r })
}

/// `a / b` correctly rounded, as CPython's `long_true_divide`.
pub fn truediv(a: &BigInt, b: &BigInt) -> Res<f64> {
    if b.is_zero() {
        return Err(exc("ZeroDivisionError", "division by zero"));
    }
    if a.is_zero() {
        return Ok(if a.sign() == b.sign() || b.is_positive() {
            0.0
        } else {
            -0.0
        });
    }
    let negative = (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus);
    let (x, y) = (a.magnitude(), b.magnitude());
    // Scale so that the quotient has 55 or 56 bits; a nonzero remainder sets a sticky
    // bit below the rounding position.
    let s = 55 - (x.bits() as i64 - y.bits() as i64);
    let (num, den) = if s >= 0 {
        (x << (s as u64), y.clone())
    } else {
        (x.clone(), y << ((-s) as u64))
    };
    let (q, r) = num.div_rem(&den);
    let mut q = q.to_u64().unwrap_or(u64::MAX);
    if !r.is_zero() {
        q |= 1;
    }
    let exp = -s;
    // A subnormal result keeps fewer bits: round q there once (half to even; the
    // sticky bit sits below the half bit), then scale exactly.
    let bits = 64 - q.leading_zeros() as i64;
    let e_msb = bits - 1 + exp;
    if e_msb < -1022 {
        let keep = (53 + 1022 + e_msb).max(0);
        let d = bits - keep;
        let m = if d >= 64 {
            0
        } else {
            let (rem, half, m) = (q & ((1u64 << d) - 1), 1u64 << (d - 1), q >> d);
            if rem > half || (rem == half && m & 1 == 1) {
                m + 1
            } else {
                m
            }
        };
        let mut v = m as f64;
        let mut e = exp + d;
        while e < 0 {
            let k = (-e).min(1000);
            v /= 2f64.powi(k as i32);
            e += k;
        }
        return Ok(if negative { -v } else { v });
    }
    if exp > 1100 {
        return Err(exc("OverflowError", "integer division result too large for a float"));
    }
    let mut v = q as f64;
    // Exact scaling by a power of two, in steps that cannot overflow or underflow early.
    let mut e = exp;
    while e > 0 {
        let k = e.min(1000);
        v *= 2f64.powi(k as i32);
        e -= k;
    }
    while e < 0 {
        let k = (-e).min(1000);
        v /= 2f64.powi(k as i32);
        e += k;
    }
    if v.is_infinite() {
        return Err(exc("OverflowError", "integer division result too large for a float"));
    }
    Ok(if negative { -v } else { v })
}

/// Exact comparison of an int with a float (no rounding of the int), as CPython's.
pub fn cmp_float(b: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    let fl = f.floor();
    let whole = from_f64(fl);
    match b.cmp(&whole) {
        Ordering::Equal if f > fl => Some(Ordering::Less),
        o => Some(o),
    }
}

/// The exact integer value of an integral finite float.
pub fn from_f64(f: f64) -> BigInt {
    if f.abs() < 9.0e18 {
        return BigInt::from(f as i64);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mant = (bits & ((1 << 52) - 1)) | (1 << 52);
    let m = BigInt::from(mant);
    let v = if exp >= 0 {
        m << (exp as u64)
    } else {
        m >> ((-exp) as u64)
    };
    if f < 0.0 { -v } else { v }
}

/// `int(f)` for a float: truncation, or CPython's errors for inf and NaN.
pub fn from_float_trunc(f: f64) -> Res<Value> {
    if f.is_nan() {
        return Err(exc("ValueError", "cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(exc("OverflowError", "cannot convert float infinity to integer"));
    }
    Ok(norm(from_f64(f.trunc())))
}

/// `hash(b)`: the value modulo 2**61 - 1, with the sign, and -1 read as -2.
pub fn hash(b: &BigInt) -> i64 {
    const MODULUS: u64 = (1 << 61) - 1;
    let m = (b.magnitude() % MODULUS).to_u64().unwrap_or(0) as i64;
    let h = if b.sign() == Sign::Minus { -m } else { m };
    if h == -1 { -2 } else { h }
}

fn check_bits(bits: u64) -> Res<()> {
    if bits > MAX_BITS {
        return Err(exc("MemoryError", ""));
    }
    Ok(())
}

/// `a ** e` for a non-negative exponent.
pub fn pow(a: &BigInt, e: &BigInt) -> Res<Value> {
    if a.is_zero() || a.magnitude() == &num_bigint::BigUint::from(1u8) {
        let odd = e.is_odd();
        return Ok(norm(if a.is_negative() && !odd {
            BigInt::from(1)
        } else {
            a.clone()
        }));
    }
    let e = match e.to_u64() {
        Some(e) => e,
        None => return Err(exc("MemoryError", "")),
    };
    check_bits(a.bits().saturating_mul(e))?;
    Ok(norm(num_traits::Pow::pow(a, e)))
}

/// A binary operator on two ints, any size.
pub fn binop(op: BinOp, a: &BigInt, b: &BigInt) -> Res<Value> {
    Ok(match op {
        BinOp::Add => norm(a + b),
        BinOp::Sub => norm(a - b),
        BinOp::Mul => {
            check_bits(a.bits() + b.bits())?;
            norm(a * b)
        }
        BinOp::Div => Value::Float(truediv(a, b)?),
        BinOp::FloorDiv => {
            if b.is_zero() {
                return Err(exc("ZeroDivisionError", "integer division or modulo by zero"));
            }
            norm(a.div_floor(b))
        }
        BinOp::Mod => {
            if b.is_zero() {
                return Err(exc("ZeroDivisionError", "integer modulo by zero"));
            }
            norm(a.mod_floor(b))
        }
        BinOp::Pow => {
            if b.is_negative() {
                // CPython converts both to float first: a huge exponent overflows
                // before zero's ZeroDivisionError.
                let (x, y) = (to_f64(a)?, to_f64(b)?);
                if a.is_zero() {
                    return Err(exc("ZeroDivisionError", "0.0 cannot be raised to a negative power"));
                }
                return Ok(Value::Float(crate::interp::ops::float_pow(x, y)?));
            }
            pow(a, b)?
        }
        BinOp::LShift => {
            if b.is_negative() {
                return Err(exc("ValueError", "negative shift count"));
            }
            if a.is_zero() {
                return Ok(Value::Int(0));
            }
            // CPython counts the shift in 30-bit digits: past PY_SSIZE_T_MAX / 4 of
            // them it is an OverflowError; a merely huge shift runs out of memory.
            if b / BigInt::from(30) >= BigInt::from(i64::MAX / 4) {
                return Err(exc("OverflowError", "too many digits in integer"));
            }
            let n = b
                .to_u64()
                .filter(|n| *n <= MAX_BITS)
                .ok_or_else(|| exc("MemoryError", ""))?;
            check_bits(a.bits() + n)?;
            norm(a << n)
        }
        BinOp::RShift => {
            if b.is_negative() {
                return Err(exc("ValueError", "negative shift count"));
            }
            match b.to_u64() {
                Some(n) if n < a.bits() + 1 => norm(a >> n),
                _ => Value::Int(if a.is_negative() { -1 } else { 0 }),
            }
        }
        BinOp::BitAnd => norm(a & b),
        BinOp::BitOr => norm(a | b),
        BinOp::BitXor => norm(a ^ b),
        BinOp::MatMul => {
            return Err(crate::error::type_error(
                "unsupported operand type(s) for @: 'int' and 'int'".to_string(),
            ));
        }
    })
}

/// `divmod(a, b)` for ints of any size.
pub fn divmod(a: &BigInt, b: &BigInt) -> Res<(Value, Value)> {
    if b.is_zero() {
        return Err(exc("ZeroDivisionError", "integer division or modulo by zero"));
    }
    let (q, r) = a.div_mod_floor(b);
    Ok((norm(q), norm(r)))
}

/// `pow(a, e, m)`: modular exponentiation; a negative exponent takes the inverse.
pub fn pow_mod(a: &BigInt, e: &BigInt, m: &BigInt) -> Res<Value> {
    if m.is_zero() {
        return Err(exc("ValueError", "pow() 3rd argument cannot be 0"));
    }
    let neg_m = m.is_negative();
    let mm = m.abs();
    let mut base = a.mod_floor(&mm);
    let mut e = e.clone();
    if e.is_negative() {
        let g = base.extended_gcd(&mm);
        if !(g.gcd == BigInt::from(1)) {
            return Err(exc("ValueError", "base is not invertible for the given modulus"));
        }
        base = g.x.mod_floor(&mm);
        e = -e;
    }
    let mut r = base.modpow(&e, &mm);
    if neg_m && !r.is_zero() {
        r += m;
    }
    Ok(norm(r))
}

/// `int(s, base)`'s digits (sign, underscores and prefix already handled by the caller)
/// as an int of any size; `None` when a digit is invalid.
pub fn parse(digits: &str, base: u32) -> Option<Value> {
    BigInt::parse_bytes(digits.as_bytes(), base).map(norm)
}

/// The value of an int literal's decimal digits (the lexer checked them).
pub fn literal(digits: &str) -> Value {
    parse(digits, 10).unwrap_or(Value::Int(0))
}

/// CPython's `sys.get_int_max_str_digits()` default: longer decimal conversions fail.
pub const MAX_STR_DIGITS: usize = 4300;
pub const TOO_MANY_DIGITS: &str = "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit";

/// `str(b)`, or `None` past CPython's 4300-digit limit.
pub fn decimal(b: &BigInt) -> Option<String> {
    if b.bits() > 15000 {
        return None;
    }
    let s = b.to_string();
    let digits = s.len() - (b.sign() == Sign::Minus) as usize;
    (digits <= MAX_STR_DIGITS).then_some(s)
}

/// The text of `b` in base 2, 8, 10 or 16, without prefix.
pub fn radix(b: &BigInt, base: u32) -> String {
    b.to_str_radix(base)
}
