//! Exact float-to-decimal conversion for array printing.
//!
//! Two families live here:
//! * a port of NumPy's Dragon4 (`numpy/_core/src/multiarray/dragon4.c`) in its
//!   "unique" digit mode, which is what `np.array` printing and NumPy scalar reprs
//!   use. It is ported step by step (digit-exponent estimate, margins that are
//!   inclusive for even mantissas, cutoff clamping, final-digit rounding) rather than
//!   "shortest digits, then round", so behaviour at a precision cutoff, with
//!   `min_digits` padding and on ties is NumPy's own. Margins come from the value's
//!   own dtype, giving float16/float32 their shortest round-trip digits.
//! * Python's `format(x, '.Nf')` / `format(x, '.Ne')` (used by PyTorch's
//!   `_tensor_str`), computed from the exact decimal expansion with
//!   round-half-even, as CPython's dtoa does.
//!
//! All arithmetic uses a small arbitrary-precision unsigned integer, so results do
//! not depend on the platform's float formatting.

use super::FloatKind;
use super::bigint::Big;
use std::cmp::Ordering;

// ---------------------------------------------------------------------------
// Float kinds: rounding into a kind and taking a value apart.
// ---------------------------------------------------------------------------

/// Rounds `x` to the nearest value of a binary format with `mant` explicit mantissa
/// bits and exponent range `emin..=emax` (round half to even, overflow to inf).
fn round_to_format(x: f64, mant: i32, emin: i32, emax: i32) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let a = x.abs();
    let bits = a.to_bits();
    let e_field = ((bits >> 52) & 0x7ff) as i32;
    // f64 value = m * 2^(e - 52) with m a 53-bit integer (subnormal f64 handled too).
    let (m, e) = if e_field == 0 {
        (bits & ((1u64 << 52) - 1), -1022)
    } else {
        ((bits & ((1u64 << 52) - 1)) | (1u64 << 52), e_field - 1023)
    };
    // Quantum (ulp) of the target format at this magnitude.
    let qexp = e.max(emin) - mant;
    let shift = qexp - (e - 52);
    let n: u128 = if shift <= 0 {
        (m as u128) << (-shift).min(100)
    } else if shift >= 120 {
        0
    } else {
        let sh = shift as u32;
        let q = (m as u128) >> sh;
        let rem = (m as u128) & ((1u128 << sh) - 1);
        let half = 1u128 << (sh - 1);
        if rem > half || (rem == half && q & 1 == 1) {
            q + 1
        } else {
            q
        }
    };
    let r = (n as f64) * 2f64.powi(qexp);
    let max = (2.0 - 2f64.powi(-mant)) * 2f64.powi(emax);
    let r = if r > max { f64::INFINITY } else { r };
    if x < 0.0 { -r } else { r }
}

/// Rounds an f64 to the nearest value representable in `kind`.
pub(crate) fn round_to_kind(x: f64, kind: FloatKind) -> f64 {
    match kind {
        FloatKind::F64 => x,
        FloatKind::F32 => x as f32 as f64,
        FloatKind::F16 => round_to_format(x, 10, -14, 15),
        FloatKind::BF16 => round_to_format(x, 7, -126, 127),
    }
}

/// A finite value split the way Dragon4 wants it: value = mantissa * 2^exponent.
struct Parts {
    mantissa: u64,
    exponent: i32,
    mantissa_bit: u32,
    unequal_margins: bool,
}

/// Decomposes a finite value of `kind` (given exactly as f64) into the kind's own
/// IEEE fields, so margins and hence shortest digits are those of that kind.
fn decompose(x: f64, kind: FloatKind) -> Parts {
    let (mbits, ebits): (u32, u32) = match kind {
        FloatKind::F64 => (52, 11),
        FloatKind::F32 => (23, 8),
        FloatKind::F16 => (10, 5),
        FloatKind::BF16 => (7, 8),
    };
    let bias = (1i32 << (ebits - 1)) - 1;
    let a = round_to_kind(x, kind).abs();
    let (field_e, field_m): (i32, u64) = if kind == FloatKind::F64 {
        let bits = a.to_bits();
        (((bits >> 52) & 0x7ff) as i32, bits & ((1u64 << 52) - 1))
    } else if a == 0.0 {
        (0, 0)
    } else {
        let bits = a.to_bits();
        let e64 = ((bits >> 52) & 0x7ff) as i32;
        let m64 = bits & ((1u64 << 52) - 1);
        // Unbiased exponent of the f64 (values of the smaller kinds are normal f64s).
        let e = if e64 == 0 { -1022 } else { e64 - 1023 };
        if e >= 1 - bias {
            (e + bias, m64 >> (52 - mbits))
        } else {
            // Subnormal in the target kind: mantissa counts units of 2^(1-bias-mbits).
            let units = a * 2f64.powi(bias - 1 + mbits as i32);
            (0, units as u64)
        }
    };
    if field_e != 0 {
        Parts {
            mantissa: (1u64 << mbits) | field_m,
            exponent: field_e - bias - mbits as i32,
            mantissa_bit: mbits,
            unequal_margins: field_e != 1 && field_m == 0,
        }
    } else {
        Parts {
            mantissa: field_m,
            exponent: 1 - bias - mbits as i32,
            mantissa_bit: if field_m == 0 { 0 } else { 63 - field_m.leading_zeros() },
            unequal_margins: false,
        }
    }
}

// ---------------------------------------------------------------------------
// Dragon4 (unique digit mode), following numpy's dragon4.c.
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Cutoff {
    TotalLength,
    FractionLength,
}

/// NumPy's trim modes: 'k', '.', '0', '-'.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Trim {
    None,
    Zeros,
    LeaveOneZero,
    DptZeros,
}

/// numpy's scratch buffer size; only bounds the digit count for absurd inputs.
const BUFFER_SIZE: i32 = 16384;

/// Returns (digits, exponent of the first digit).
fn dragon4(p: &Parts, cutoff_mode: Cutoff, cutoff_max: i32, cutoff_min: i32) -> (Vec<u8>, i32) {
    if p.mantissa == 0 {
        return (vec![0], 0);
    }
    let is_even = p.mantissa.is_multiple_of(2);
    let mut value = Big::from_u64(p.mantissa);
    let mut scale;
    let mut margin_low;
    let unequal = p.unequal_margins;
    if unequal {
        if p.exponent > 0 {
            value.shl(p.exponent as u32 + 2);
            scale = Big::from_u64(4);
            margin_low = Big::pow2(p.exponent as u32);
        } else {
            value.shl(2);
            scale = Big::pow2((-p.exponent + 2) as u32);
            margin_low = Big::from_u64(1);
        }
    } else if p.exponent > 0 {
        value.shl(p.exponent as u32 + 1);
        scale = Big::from_u64(2);
        margin_low = Big::pow2(p.exponent as u32);
    } else {
        value.shl(1);
        scale = Big::pow2((-p.exponent + 1) as u32);
        margin_low = Big::from_u64(1);
    }
    // With unequal margins the high margin is always twice the low one.
    let high_of = |low: &Big| if unequal { low.add(low) } else { low.clone() };

    // Estimate of the first digit's exponent, correct or one too low (the C code's
    // 0.30102999566398119521373889472449 is the same double as LOG10_2).
    let est = (p.mantissa_bit as i32 + p.exponent) as f64 * std::f64::consts::LOG10_2 - 0.69;
    let mut digit_exp = est.ceil() as i32;
    if cutoff_max >= 0 && cutoff_mode == Cutoff::FractionLength && digit_exp <= -cutoff_max {
        digit_exp = -cutoff_max + 1;
    }
    if digit_exp > 0 {
        scale = scale.mul(&Big::pow10(digit_exp as u32));
    } else if digit_exp < 0 {
        let p10 = Big::pow10((-digit_exp) as u32);
        value = value.mul(&p10);
        margin_low = margin_low.mul(&p10);
    }
    if value.cmp(&scale) != Ordering::Less {
        digit_exp += 1;
    } else {
        value.mul_small(10);
        margin_low.mul_small(10);
    }
    let mut cutoff_max_exp = digit_exp - BUFFER_SIZE;
    if cutoff_max >= 0 {
        let desired = match cutoff_mode {
            Cutoff::TotalLength => digit_exp - cutoff_max,
            Cutoff::FractionLength => -cutoff_max,
        };
        cutoff_max_exp = cutoff_max_exp.max(desired);
    }
    let mut cutoff_min_exp = digit_exp;
    if cutoff_min >= 0 {
        let desired = match cutoff_mode {
            Cutoff::TotalLength => digit_exp - cutoff_min,
            Cutoff::FractionLength => -cutoff_min,
        };
        cutoff_min_exp = cutoff_min_exp.min(desired);
    }
    let mut out_exp = digit_exp - 1;

    let mut digits: Vec<u8> = Vec::new();
    let (mut low, mut high);
    let mut digit;
    loop {
        digit_exp -= 1;
        digit = value.divrem_small_quotient(&scale) as u8;
        let margin_high = high_of(&margin_low);
        let value_high = value.add(&margin_high);
        let c = value.cmp(&margin_low);
        low = if is_even {
            c != Ordering::Greater
        } else {
            c == Ordering::Less
        };
        let c = value_high.cmp(&scale);
        high = if is_even {
            c != Ordering::Less
        } else {
            c == Ordering::Greater
        };
        if ((low || high) && digit_exp <= cutoff_min_exp) || digit_exp == cutoff_max_exp {
            break;
        }
        digits.push(digit);
        value.mul_small(10);
        margin_low.mul_small(10);
    }
    let mut round_down = low;
    if low == high {
        let mut twice = value.clone();
        twice.shl(1);
        let c = twice.cmp(&scale);
        round_down = c == Ordering::Less;
        if c == Ordering::Equal {
            round_down = digit & 1 == 0;
        }
    }
    if round_down {
        digits.push(digit);
    } else if digit == 9 {
        // Carry: drop trailing nines, bump the first non-nine (or emit "1").
        loop {
            match digits.pop() {
                None => {
                    digits.push(1);
                    out_exp += 1;
                    break;
                }
                Some(9) => continue,
                Some(d) => {
                    digits.push(d + 1);
                    break;
                }
            }
        }
    } else {
        digits.push(digit + 1);
    }
    (digits, out_exp)
}

fn digit_str(d: &[u8]) -> String {
    d.iter().map(|&c| (b'0' + c) as char).collect()
}

/// Options of numpy's `dragon4_positional` / `dragon4_scientific` (always unique mode;
/// negative numbers mean "not given", as in the C code).
#[derive(Clone, Copy, Debug)]
pub(crate) struct D4 {
    pub precision: i32,
    pub min_digits: i32,
    pub trim: Trim,
    pub pad_left: i32,
    pub pad_right: i32,
    pub exp_digits: i32,
    /// Print a `+` before positive numbers (NumPy's `sign=True`).
    pub sign: bool,
}

impl D4 {
    pub fn plain(trim: Trim) -> D4 {
        D4 {
            precision: -1,
            min_digits: -1,
            trim,
            pad_left: -1,
            pad_right: -1,
            exp_digits: -1,
            sign: false,
        }
    }
}

/// "nan", "inf", "-inf": numpy's PrintInfNan (nan never gets a sign) and Python's
/// float formatting agree on these.
fn nonfinite(x: f64) -> String {
    if x.is_nan() {
        "nan".into()
    } else if x < 0.0 {
        "-inf".into()
    } else {
        "inf".into()
    }
}

/// numpy `dragon4_positional(x, unique=True, sign=False, ...)` for a value of `kind`.
pub(crate) fn positional(x: f64, kind: FloatKind, cutoff: Cutoff, o: D4) -> String {
    if !x.is_finite() {
        return nonfinite(x);
    }
    let parts = decompose(x, kind);
    let neg = x.is_sign_negative();
    let has_sign = (neg || o.sign) as i32;
    let (digits, print_exp) = dragon4(&parts, cutoff, o.precision, o.min_digits);
    let num_digits = digits.len() as i32;
    let mut s = String::new();
    if neg {
        s.push('-');
    } else if o.sign {
        s.push('+');
    }
    let num_whole;
    let mut num_frac;
    if print_exp >= 0 {
        num_whole = print_exp + 1;
        if num_digits <= num_whole {
            s.push_str(&digit_str(&digits));
            for _ in 0..(num_whole - num_digits) {
                s.push('0');
            }
            num_frac = 0;
        } else {
            s.push_str(&digit_str(&digits[..num_whole as usize]));
            s.push('.');
            s.push_str(&digit_str(&digits[num_whole as usize..]));
            num_frac = num_digits - num_whole;
        }
    } else {
        let zeros = -(print_exp + 1);
        s.push_str("0.");
        for _ in 0..zeros {
            s.push('0');
        }
        s.push_str(&digit_str(&digits));
        num_frac = zeros + num_digits;
        num_whole = 1;
    }
    if o.trim != Trim::DptZeros && num_frac == 0 {
        s.push('.');
    }
    let add_digits = o.min_digits;
    let desired_frac = match cutoff {
        Cutoff::TotalLength => add_digits - num_whole,
        Cutoff::FractionLength => add_digits.max(0),
    };
    if o.trim == Trim::LeaveOneZero {
        if num_frac == 0 {
            s.push('0');
            num_frac += 1;
        }
    } else if o.trim == Trim::None && desired_frac > num_frac {
        for _ in 0..(desired_frac - num_frac) {
            s.push('0');
        }
        num_frac = desired_frac;
    }
    if o.trim != Trim::None && num_frac > 0 {
        while s.ends_with('0') {
            s.pop();
            num_frac -= 1;
        }
        if s.ends_with('.') {
            if o.trim == Trim::LeaveOneZero {
                s.push('0');
                num_frac += 1;
            } else if o.trim == Trim::DptZeros {
                s.pop();
            }
        }
    }
    if o.pad_right >= num_frac {
        if o.trim == Trim::DptZeros && num_frac == 0 {
            s.push(' ');
        }
        for _ in 0..(o.pad_right - num_frac) {
            s.push(' ');
        }
    }
    if o.pad_left > num_whole + has_sign {
        let pad = " ".repeat((o.pad_left - num_whole - has_sign) as usize);
        s.insert_str(0, &pad);
    }
    s
}

/// numpy `dragon4_scientific(x, unique=True, sign=False, ...)` for a value of `kind`.
pub(crate) fn scientific(x: f64, kind: FloatKind, o: D4) -> String {
    if !x.is_finite() {
        return nonfinite(x);
    }
    let parts = decompose(x, kind);
    let neg = x.is_sign_negative();
    let mut s = String::new();
    let leftchars = 1 + (neg || o.sign) as i32;
    if o.pad_left > leftchars {
        s.push_str(&" ".repeat((o.pad_left - leftchars) as usize));
    }
    if neg {
        s.push('-');
    } else if o.sign {
        s.push('+');
    }
    let cmax = if o.precision < 0 { -1 } else { o.precision + 1 };
    let cmin = if o.min_digits < 0 { -1 } else { o.min_digits + 1 };
    let (digits, print_exp) = dragon4(&parts, Cutoff::TotalLength, cmax, cmin);
    s.push((b'0' + digits.first().copied().unwrap_or(0)) as char);
    let mut num_frac = digits.len() as i32 - 1;
    if num_frac > 0 {
        s.push('.');
        s.push_str(&digit_str(digits.get(1..).unwrap_or(&[])));
    }
    if o.trim != Trim::DptZeros && num_frac == 0 {
        s.push('.');
    }
    let add_digits = o.min_digits.max(0);
    if o.trim == Trim::LeaveOneZero {
        if num_frac == 0 {
            s.push('0');
            num_frac += 1;
        }
    } else if o.trim == Trim::None && add_digits > num_frac {
        for _ in 0..(add_digits - num_frac) {
            s.push('0');
        }
        num_frac = add_digits;
    }
    if o.trim != Trim::None && num_frac > 0 {
        while s.ends_with('0') {
            s.pop();
        }
        if o.trim == Trim::LeaveOneZero && s.ends_with('.') {
            s.push('0');
        }
    }
    let exp_digits = if o.exp_digits < 0 { 2 } else { o.exp_digits.min(5) } as usize;
    s.push('e');
    s.push(if print_exp >= 0 { '+' } else { '-' });
    let e = format!("{}", print_exp.unsigned_abs());
    for _ in e.len()..exp_digits {
        s.push('0');
    }
    s.push_str(&e);
    s
}

// ---------------------------------------------------------------------------
// Python's fixed / exponent float formatting (exact, round-half-even).
// ---------------------------------------------------------------------------

/// Exact decimal expansion of |x| (finite): digits and the number of digits that are
/// after the decimal point.
fn exact_decimal(x: f64) -> (Vec<u8>, usize) {
    let bits = x.abs().to_bits();
    let e_field = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if e_field == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), e_field - 1075)
    };
    let mut n = Big::from_u64(m);
    if e >= 0 {
        n.shl(e as u32);
        (n.to_decimal(), 0)
    } else {
        // m / 2^k == m * 5^k / 10^k
        let k = (-e) as u32;
        let mut five = Big::from_u64(1);
        for _ in 0..k {
            five.mul_small(5);
        }
        (n.mul(&five).to_decimal(), k as usize)
    }
}

/// Rounds a digit string to keep `keep` leading digits, half to even on the exact
/// tail. Returns the new digits (length `keep`, or `keep + 1` after a carry out).
fn round_digits(d: &[u8], keep: usize) -> Vec<u8> {
    if keep >= d.len() {
        let mut v = d.to_vec();
        v.resize(keep, 0);
        return v;
    }
    let mut v = d[..keep].to_vec();
    let first = d[keep];
    let rest_nonzero = d[keep + 1..].iter().any(|&c| c != 0);
    let last_odd = v.last().is_some_and(|&c| c % 2 == 1);
    let up = first > 5 || (first == 5 && (rest_nonzero || last_odd));
    if up {
        let mut i = v.len();
        loop {
            if i == 0 {
                v.insert(0, 1);
                break;
            }
            i -= 1;
            if v[i] == 9 {
                v[i] = 0;
            } else {
                v[i] += 1;
                break;
            }
        }
    }
    v
}

/// Python `format(x, f".{prec}f")`.
pub(crate) fn py_fixed(x: f64, prec: usize) -> String {
    if !x.is_finite() {
        return nonfinite(x);
    }
    let (digits, frac_len) = exact_decimal(x);
    // Pad so there are at least `prec` fraction digits and one integer digit.
    let mut d = digits;
    let mut fl = frac_len;
    if fl < prec {
        d.extend(std::iter::repeat_n(0, prec - fl));
        fl = prec;
    }
    if d.len() < fl + 1 {
        let mut z = vec![0u8; fl + 1 - d.len()];
        z.extend(d);
        d = z;
    }
    let keep = d.len() - (fl - prec);
    let r = round_digits(&d, keep);
    let int_len = r.len() - prec;
    let mut s = String::new();
    if x.is_sign_negative() {
        s.push('-');
    }
    let int_digits = &r[..int_len];
    // Strip leading zeros of the integer part, keeping one.
    let first_nz = int_digits
        .iter()
        .position(|&c| c != 0)
        .unwrap_or(int_len.saturating_sub(1));
    s.push_str(&digit_str(&int_digits[first_nz..]));
    if prec > 0 {
        s.push('.');
        s.push_str(&digit_str(&r[int_len..]));
    }
    s
}

/// Python `format(x, f".{prec}e")`.
pub(crate) fn py_exp(x: f64, prec: usize) -> String {
    if !x.is_finite() {
        return nonfinite(x);
    }
    let (digits, frac_len) = exact_decimal(x);
    let mut s = String::new();
    if x.is_sign_negative() {
        s.push('-');
    }
    let (mant, exp10) = match digits.iter().position(|&c| c != 0) {
        None => (vec![0u8; prec + 1], 0i64),
        Some(p) => {
            let sig = &digits[p..];
            // value = 0.sig * 10^(len(sig) - frac_len) ... first digit exponent:
            let e = sig.len() as i64 - 1 - frac_len as i64;
            let mut r = round_digits(sig, prec + 1);
            let mut e = e;
            if r.len() > prec + 1 {
                r.truncate(prec + 1);
                e += 1;
            }
            (r, e)
        }
    };
    s.push((b'0' + mant.first().copied().unwrap_or(0)) as char);
    if prec > 0 {
        s.push('.');
        s.push_str(&digit_str(mant.get(1..).unwrap_or(&[])));
    }
    s.push('e');
    s.push(if exp10 < 0 { '-' } else { '+' });
    s.push_str(&format!("{:02}", exp10.unsigned_abs()));
    s
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn python_formatting_ties_to_even() {
        assert_eq!(py_fixed(0.125, 2), "0.12");
        assert_eq!(py_fixed(0.375, 2), "0.38");
        assert_eq!(py_fixed(2.5, 0), "2");
        assert_eq!(py_fixed(-0.0, 4), "-0.0000");
        assert_eq!(py_fixed(0.03125, 4), "0.0312");
        assert_eq!(py_fixed(999.99999, 4), "1000.0000");
        assert_eq!(py_exp(1.0, 4), "1.0000e+00");
        assert_eq!(py_exp(9.99995e10, 4), "1.0000e+11");
        assert_eq!(py_exp(0.0, 4), "0.0000e+00");
        assert_eq!(py_exp(1e-300, 2), "1.00e-300");
    }

    #[test]
    fn half_rounding() {
        assert_eq!(round_to_kind(65519.0, FloatKind::F16), 65504.0);
        assert_eq!(round_to_kind(65520.0, FloatKind::F16), f64::INFINITY);
        assert_eq!(round_to_kind(1e-8, FloatKind::F16), 0.0);
        assert_eq!(round_to_kind(6e-8, FloatKind::F16), 2f64.powi(-24));
        assert_eq!(round_to_kind(0.1, FloatKind::F16), 0.0999755859375);
    }
}
