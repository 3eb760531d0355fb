//! `int(s, base)`: CPython's `PyLong_FromString` rules for signs, prefixes, underscores
//! and whitespace, giving an int of any size.

use super::pyfmt::{ascii_space, to_ascii_number};

/// Python int(str, base). Err(true): a valid literal outside i64 (CPython
/// would return a big int, or past 4300 decimal digits raise its
/// int_max_str_digits ValueError); Err(false): an invalid literal, also for a
/// base outside 0 and 2..=36, which callers should reject first with
/// "int() arg 2 must be >= 2 and <= 36".
pub fn parse_int(s: &str, base: u32) -> Result<i64, bool> {
    match parse_int_value(s, base) {
        Ok(super::Value::Int(n)) => Ok(n),
        Ok(_) => Err(true),
        Err(_) => Err(false),
    }
}

/// `int(s, base)` of any size; `Err(None)` when `s` is not a literal in that base,
/// `Err(Some(n))` when its `n` decimal digits pass CPython's limit.
pub fn parse_int_value(s: &str, base: u32) -> Result<super::Value, Option<usize>> {
    let base_in = base;
    let fail = |_| None;
    let (neg, digits, base, acc, overflow) = parse_int_digits(s, base_in).map_err(fail)?;
    if !overflow {
        let v = if neg { -(acc as i128) } else { acc as i128 };
        if let Ok(n) = i64::try_from(v) {
            return Ok(super::Value::Int(n));
        }
    }
    if !base.is_power_of_two() && digits.len() > super::long::MAX_STR_DIGITS {
        return Err(Some(digits.len()));
    }
    let v = super::long::parse(&digits, base).ok_or(None)?;
    Ok(if neg {
        super::long::norm(-super::long::of(&v).unwrap_or_default())
    } else {
        v
    })
}

type IntDigits = (bool, String, u32, u64, bool);

fn parse_int_digits(s: &str, base: u32) -> Result<IntDigits, bool> {
    if base == 1 || base > 36 {
        return Err(false);
    }
    let b = to_ascii_number(s).ok_or(false)?;
    // Reading past the end yields NUL, mirroring the C string walk.
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = b.iter().position(|&c| !ascii_space(c)).unwrap_or(b.len());
    let neg = at(i) == b'-';
    i += matches!(at(i), b'+' | b'-') as usize;
    let (mut base, p) = (base, at(i + 1).to_ascii_lowercase());
    // Base 0 and a leading '0' without prefix: old C octal is gone, so only an
    // all-zero literal is accepted.
    let zero_only = base == 0 && at(i) == b'0' && !matches!(p, b'x' | b'o' | b'b');
    if base == 0 {
        base = match (at(i), p) {
            (b'0', b'x') => 16,
            (b'0', b'o') => 8,
            (b'0', b'b') => 2,
            _ => 10,
        };
    }
    if at(i) == b'0' && matches!((base, p), (16, b'x') | (8, b'o') | (2, b'b')) {
        i += 2 + (at(i + 2) == b'_') as usize;
    }
    if at(i) == b'_' {
        return Err(false);
    }
    let (mut acc, mut overflow, mut nonzero, mut ndigits, mut prev) = (0u64, false, false, 0, 0u8);
    let mut digits = String::new();
    loop {
        let c = at(i);
        let d = char::from(c).to_digit(36).unwrap_or(99);
        if d < base {
            digits.push(c as char);
            let (m, o1) = acc.overflowing_mul(base as u64);
            let (a, o2) = m.overflowing_add(d as u64);
            (acc, overflow) = (a, overflow || o1 || o2);
            nonzero |= d != 0;
            ndigits += 1;
        } else if c != b'_' || prev == b'_' {
            break;
        }
        prev = c;
        i += 1;
    }
    let rest_blank = b[i.min(b.len())..].iter().all(|&c| ascii_space(c));
    if prev == b'_' || ndigits == 0 || (zero_only && nonzero) || !rest_blank {
        return Err(false);
    }
    Ok((neg, digits, base, acc, overflow))
}
