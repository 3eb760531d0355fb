//! Python's `complex`, as CPython 3.11's Objects/complexobject.c computes it: repr
//! (`(1+2j)`, `1j`), arithmetic (Smith's division, `c_powi` for small integer
//! exponents and the polar form otherwise), `abs`, equality, hash, and parsing.

use super::Value;
use crate::error::{Res, exc, type_error};
use crate::syntax::ast::BinOp;

/// A float as the parts of a complex repr show it: the shortest repr, without the
/// `.0` a float's repr adds.
fn part(x: f64) -> String {
    let s = super::pyfmt::float_repr(x);
    match s.strip_suffix(".0") {
        Some(whole) => whole.to_string(),
        None => s,
    }
}

pub fn repr(re: f64, im: f64) -> String {
    let imag = part(im);
    let signed = if imag.starts_with('-') {
        imag.clone()
    } else {
        format!("+{imag}")
    };
    if re == 0.0 && re.is_sign_positive() {
        return format!("{imag}j");
    }
    format!("({}{signed}j)", part(re))
}

/// The complex value of a number operand: complex, float, int or bool.
pub fn of(v: &Value) -> Option<(f64, f64)> {
    Some(match v {
        Value::Complex(re, im) => (*re, *im),
        Value::Float(x) => (*x, 0.0),
        Value::Int(n) => (*n as f64, 0.0),
        Value::Bool(b) => (*b as i64 as f64, 0.0),
        Value::Long(b) => (super::long::to_f64(b).ok()?, 0.0),
        _ => return None,
    })
}

fn mul(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// `_Py_c_quot`; `None` for a zero divisor.
fn quot(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let (abs_re, abs_im) = (b.0.abs(), b.1.abs());
    if abs_re >= abs_im {
        if abs_re == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_im >= abs_re {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        // At least one NaN.
        Some((f64::NAN, f64::NAN))
    }
}

fn powu(x: (f64, f64), n: u64) -> (f64, f64) {
    let (mut r, mut p, mut mask) = ((1.0, 0.0), x, 1u64);
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = mul(r, p);
        }
        mask <<= 1;
        p = mul(p, p);
    }
    r
}

/// `_Py_c_pow`; `None` for zero to a negative or complex power, and for an infinite
/// phase (glibc's cos/sin of infinity set EDOM, which CPython reports the same way).
fn pow_polar(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    if b.0 == 0.0 && b.1 == 0.0 {
        return Some((1.0, 0.0));
    }
    if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return None;
        }
        return Some((0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    if phase.is_infinite() {
        return None;
    }
    Some((len * phase.cos(), len * phase.sin()))
}

fn pow(a: (f64, f64), b: (f64, f64)) -> Res<(f64, f64)> {
    let zero_power = || exc("ZeroDivisionError", "0.0 to a negative or complex power");
    let r = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        if n >= 0 {
            powu(a, n as u64)
        } else {
            quot((1.0, 0.0), powu(a, n.unsigned_abs())).ok_or_else(zero_power)?
        }
    } else {
        pow_polar(a, b).ok_or_else(zero_power)?
    };
    // `_Py_ADJUST_ERANGE2`: any infinite part is an overflow.
    if r.0.is_infinite() || r.1.is_infinite() {
        return Err(exc("OverflowError", "complex exponentiation"));
    }
    Ok(r)
}

/// `a op b` where either operand is complex; `None` when the other is no number.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> Option<Res<Value>> {
    let number = |v: &Value| {
        matches!(
            v,
            Value::Int(_) | Value::Bool(_) | Value::Long(_) | Value::Float(_) | Value::Complex(..)
        )
    };
    // `//`, `%` and the bitwise operators are unsupported whatever the numbers' sizes.
    if !matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Pow) && number(a) && number(b) {
        return Some(Err(type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            a.type_name(),
            b.type_name()
        ))));
    }
    // An int too large for a float is CPython's OverflowError, not "unsupported".
    for v in [a, b] {
        if let Value::Long(n) = v
            && let Err(e) = super::long::to_f64(n)
        {
            return Some(Err(e));
        }
    }
    let (x, y) = (of(a)?, of(b)?);
    let r = match op {
        BinOp::Add => Ok((x.0 + y.0, x.1 + y.1)),
        BinOp::Sub => Ok((x.0 - y.0, x.1 - y.1)),
        BinOp::Mul => Ok(mul(x, y)),
        BinOp::Div => quot(x, y).ok_or_else(|| exc("ZeroDivisionError", "complex division by zero")),
        BinOp::Pow => pow(x, y),
        _ => {
            let sym = op.symbol();
            return Some(Err(type_error(format!(
                "unsupported operand type(s) for {sym}: '{}' and '{}'",
                a.type_name(),
                b.type_name()
            ))));
        }
    };
    Some(r.map(|(re, im)| Value::Complex(re, im)))
}

/// `abs(z)`.
pub fn abs(re: f64, im: f64) -> Res<f64> {
    let r = re.hypot(im);
    if r.is_infinite() && re.is_finite() && im.is_finite() {
        return Err(exc("OverflowError", "absolute value too large"));
    }
    Ok(r)
}

/// `hash(z)`: the parts' hashes combined as CPython combines them.
pub fn hash(re: f64, im: f64, of: &Value) -> i64 {
    let hr = super::hash::hash(&Value::Float(re)).unwrap_or(0) as u64;
    let hi = super::hash::hash(&Value::Float(im)).unwrap_or(0) as u64;
    let _ = of;
    let h = hr.wrapping_add(1000003u64.wrapping_mul(hi)) as i64;
    if h == -1 { -2 } else { h }
}

/// `complex(s)`: CPython's `complex_subtype_from_string` grammar: optional
/// parentheses and surrounding whitespace, `re`, `imj`, `re±imj`, `j` alone.
pub fn parse(s: &str) -> Option<(f64, f64)> {
    let t = s.trim();
    let t = match t.strip_prefix('(') {
        Some(inner) => inner.strip_suffix(')')?.trim(),
        None => t,
    };
    if t.is_empty() || t.contains(char::is_whitespace) {
        return None;
    }
    let float = |x: &str| -> Option<f64> {
        if x.is_empty() || x.starts_with('_') || x.ends_with('_') || x.contains("__") {
            return None;
        }
        super::pyfmt::parse_float(x)
    };
    let imag = |x: &str| -> Option<f64> {
        match x {
            "" | "+" => Some(1.0),
            "-" => Some(-1.0),
            _ => float(x),
        }
    };
    let Some(body) = t.strip_suffix(['j', 'J']) else {
        return Some((float(t)?, 0.0));
    };
    // Split at the last sign that is not part of an exponent and not the first char.
    let bytes = body.as_bytes();
    let mut split = None;
    for i in (1..bytes.len()).rev() {
        if matches!(bytes[i], b'+' | b'-') && !matches!(bytes[i - 1], b'e' | b'E') {
            split = Some(i);
            break;
        }
    }
    match split {
        Some(i) => Some((float(&body[..i])?, imag(&body[i..])?)),
        None => Some((0.0, imag(body)?)),
    }
}
