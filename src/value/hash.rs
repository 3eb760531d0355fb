//! Python's `hash()`, as CPython 3.11 computes it with hash randomisation off
//! (`PYTHONHASHSEED=0`): sets keep their items in a table ordered by these hashes, so a
//! set prints in CPython's order only if nt hashes as CPython does.

use super::Value;

/// `2**61 - 1`: ints and floats hash to their value modulo this prime.
const MODULUS: u64 = (1 << 61) - 1;
const BITS: u32 = 61;
const HASH_INF: i64 = 314159;

/// `hash(v)`; `Err(type name)` for an unhashable value.
pub fn hash(v: &Value) -> Result<i64, &'static str> {
    Ok(match v {
        Value::Int(n) => hash_int(*n),
        Value::Long(b) => super::long::hash(b),
        Value::Bool(b) => *b as i64,
        Value::Float(x) => hash_float(*x, v),
        Value::Complex(re, im) => super::complex::hash(*re, *im, v),
        Value::Str(s) | Value::NpStr(s) => hash_str(s),
        Value::Bytes(b) => super::bytes::hash(b),
        Value::Tuple(items) => hash_tuple(items.iter().map(hash))?,
        Value::Object(o) if let Some(vals) = o.tuple_values() => hash_tuple(vals.iter().map(hash))?,
        Value::FrozenSet(s) => s.frozen_hash(),
        Value::NpScalar(a) => match crate::nd::scalar_to_python(a) {
            Value::NpScalar(_) => pointer_hash(v.address()),
            py => hash(&py)?,
        },
        Value::Size(s) => hash_tuple(s.iter().map(|&n| Ok(hash_int(n as i64))))?,
        Value::Named(n) => hash_tuple(n.fields.iter().map(|(_, v)| hash(v)))?,
        // Unhashable values are refused by the dict key's rules; objects hash by
        // identity, as CPython's without `__hash__` do; the rest consistently with
        // their key's equality.
        _ => match super::dict::HKey::of(v)? {
            super::dict::HKey::Ptr(addr) => pointer_hash(addr),
            key => {
                use std::hash::{BuildHasher, Hash, Hasher};
                let mut h = rustc_hash::FxBuildHasher.build_hasher();
                key.hash(&mut h);
                h.finish() as i64
            }
        },
    })
}

/// What `HKey::of` and `hash` answer for an instance whose class defines its own
/// `__hash__`: only the evaluator can call it (`interp/user_keys.rs`), and keying the
/// instance by identity instead would be a silent wrong answer.
pub const USER_HASH: &str = "\u{1}user __hash__";

/// `Ok` when instances of `class` hash by identity: CPython's default. A class that
/// defines `__eq__` without `__hash__` (or sets `__hash__ = None`) makes them
/// unhashable; one that defines `__hash__` is left to the evaluator (`USER_HASH`).
pub fn user_hashable(class: &super::Class, type_name: &'static str) -> Result<(), &'static str> {
    use crate::syntax::symbol::Sym;
    let eq = matches!(class.method(Sym::new("__eq__")), Some(Value::Function(_)));
    match class.method(Sym::new("__hash__")) {
        Some(Value::None) => Err(type_name),
        Some(Value::Function(_)) => Err(USER_HASH),
        _ if eq => Err(type_name),
        _ => Ok(()),
    }
}

/// The error for a value `HKey::of` or `hash` refused.
pub fn unhashable(t: &str) -> Box<crate::error::Exc> {
    if t == USER_HASH {
        return crate::error::exc(
            "NotImplementedError",
            "nt cannot hash instances of a class that defines __hash__ here yet",
        );
    }
    crate::error::type_error(format!("unhashable type: '{t}'"))
}

pub fn hash_int(n: i64) -> i64 {
    let m = (n.unsigned_abs() % MODULUS) as i64;
    let h = if n < 0 { -m } else { m };
    if h == -1 { -2 } else { h }
}

/// `_Py_HashDouble`: equal to the int's hash for integral floats. A NaN hashes by its
/// identity (`of`, the value holding it).
fn hash_float(v: f64, of: &Value) -> i64 {
    if !v.is_finite() {
        if v.is_infinite() {
            return if v > 0.0 { HASH_INF } else { -HASH_INF };
        }
        return pointer_hash(of.address());
    }
    let (mut m, mut e) = frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | x >> (BITS - 28);
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e as u32 % BITS
    } else {
        BITS - 1 - ((-1 - e) as u32 % BITS)
    };
    x = ((x << e) & MODULUS) | x >> (BITS - e);
    let h = (x as i64).wrapping_mul(sign);
    if h == -1 { -2 } else { h }
}

/// C's `frexp`: `v = m * 2**e` with `0.5 <= |m| < 1` (`v` finite and nonzero, or zero).
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(v * f64::powi(2.0, 64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// `_Py_HashPointer`: an address rotated by 4 bits.
pub fn pointer_hash(addr: usize) -> i64 {
    let y = (addr as u64).rotate_right(4) as i64;
    if y == -1 { -2 } else { y }
}

/// A str's hash: SipHash-1-3 with a zero key over its PEP 393 representation (one,
/// two or four bytes per character, the narrowest that holds its largest character,
/// little-endian).
pub fn hash_str(s: &str) -> i64 {
    if s.is_empty() {
        return 0;
    }
    let widest = s.chars().map(|c| c as u32).max().unwrap_or(0);
    let mut bytes = Vec::with_capacity(s.len() * 2);
    for c in s.chars() {
        let c = c as u32;
        match widest {
            0..=0xff => bytes.push(c as u8),
            0x100..=0xffff => bytes.extend_from_slice(&(c as u16).to_le_bytes()),
            _ => bytes.extend_from_slice(&c.to_le_bytes()),
        }
    }
    let h = siphash13(&bytes) as i64;
    if h == -1 { -2 } else { h }
}

pub fn siphash13(data: &[u8]) -> u64 {
    let (k0, k1) = (0u64, 0u64);
    let mut v0 = k0 ^ 0x736f6d6570736575;
    let mut v1 = k1 ^ 0x646f72616e646f6d;
    let mut v2 = k0 ^ 0x6c7967656e657261;
    let mut v3 = k1 ^ 0x7465646279746573;
    let round = |v0: &mut u64, v1: &mut u64, v2: &mut u64, v3: &mut u64| {
        *v0 = v0.wrapping_add(*v1);
        *v1 = v1.rotate_left(13);
        *v1 ^= *v0;
        *v0 = v0.rotate_left(32);
        *v2 = v2.wrapping_add(*v3);
        *v3 = v3.rotate_left(16);
        *v3 ^= *v2;
        *v0 = v0.wrapping_add(*v3);
        *v3 = v3.rotate_left(21);
        *v3 ^= *v0;
        *v2 = v2.wrapping_add(*v1);
        *v1 = v1.rotate_left(17);
        *v1 ^= *v2;
        *v2 = v2.rotate_left(32);
    };
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let m = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        v3 ^= m;
        round(&mut v0, &mut v1, &mut v2, &mut v3);
        v0 ^= m;
    }
    let mut last = (data.len() as u64 & 0xff) << 56;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        last |= (b as u64) << (8 * i);
    }
    v3 ^= last;
    round(&mut v0, &mut v1, &mut v2, &mut v3);
    v0 ^= last;
    v2 ^= 0xff;
    for _ in 0..3 {
        round(&mut v0, &mut v1, &mut v2, &mut v3);
    }
    v0 ^ v1 ^ v2 ^ v3
}

/// 3.11's tuple hash (after xxHash's mixing).
pub fn hash_tuple(items: impl ExactSizeIterator<Item = Result<i64, &'static str>>) -> Result<i64, &'static str> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let len = items.len() as u64;
    let mut acc = P5;
    for h in items {
        let lane = h? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add(len ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
}
