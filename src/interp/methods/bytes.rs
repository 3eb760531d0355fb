//! `bytes` methods, `bytes(...)`, `str.encode`/`bytes.decode` (UTF-8, ASCII, Latin-1
//! with CPython's error texts), and `int.to_bytes`/`int.from_bytes`.

use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::interp::builtins::{arity, int_arg, kwarg};
use crate::value::{Args, Value};
use std::rc::Rc;

pub const BYTES_METHODS: &[&str] = &[
    "count",
    "decode",
    "endswith",
    "find",
    "hex",
    "index",
    "isalnum",
    "isalpha",
    "isdigit",
    "islower",
    "isspace",
    "isupper",
    "join",
    "lower",
    "lstrip",
    "replace",
    "rfind",
    "rstrip",
    "split",
    "startswith",
    "strip",
    "upper",
];

fn bytes(b: Vec<u8>) -> Value {
    Value::Bytes(b.into())
}

/// The codec an encoding name means: `utf-8`, `ascii` or `latin-1`.
fn codec(name: &str) -> Res<&'static str> {
    let n = name.to_ascii_lowercase().replace('_', "-");
    Ok(match n.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" => "utf-8",
        "ascii" | "us-ascii" | "646" => "ascii",
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" | "8859" | "cp819" | "latin" => "latin-1",
        "utf-16" | "utf-32" | "utf-16-le" | "utf-16-be" | "cp1252" | "cp437" => {
            return Err(exc(
                "NotImplementedError",
                format!("nt cannot use the '{name}' codec yet"),
            ));
        }
        _ => return Err(exc("LookupError", format!("unknown encoding: {name}"))),
    })
}

fn encoding_args(args: &mut Args, what: &str) -> Res<(&'static str, String)> {
    let enc_kw = kwarg(args, "encoding");
    let err_kw = kwarg(args, "errors");
    if let Some((k, _)) = args.kw.first() {
        return Err(type_error(format!("{what}() got an unexpected keyword argument '{k}'")));
    }
    arity(args, what, 0, 2)?;
    let text = |v: Option<Value>, which: &str, default: &str| -> Res<String> {
        match v {
            None => Ok(default.to_string()),
            Some(Value::Str(s)) => Ok(s.to_string()),
            Some(o) => Err(type_error(format!(
                "{what}() argument '{which}' must be str, not {}",
                o.type_name()
            ))),
        }
    };
    let enc = text(args.pos.first().cloned().or(enc_kw), "encoding", "utf-8")?;
    let errors = text(args.pos.get(1).cloned().or(err_kw), "errors", "strict")?;
    if !matches!(errors.as_str(), "strict" | "replace" | "ignore") {
        return Err(exc(
            "NotImplementedError",
            format!("nt cannot use errors='{errors}' yet"),
        ));
    }
    Ok((codec(&enc)?, errors))
}

/// `s.encode(encoding='utf-8', errors='strict')`.
pub fn encode(s: &str, mut args: Args) -> Res<Value> {
    let (codec, errors) = encoding_args(&mut args, "encode")?;
    if codec == "utf-8" {
        return Ok(bytes(s.as_bytes().to_vec()));
    }
    let limit = if codec == "ascii" { 0x80 } else { 0x100 };
    let mut out = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if (c as u32) < limit {
            out.push(c as u32 as u8);
        } else {
            match errors.as_str() {
                "ignore" => {}
                "replace" => out.push(b'?'),
                _ => {
                    let n = c as u32;
                    let ch = match n {
                        0..=0xff => format!("\\x{n:02x}"),
                        0x100..=0xffff => format!("\\u{n:04x}"),
                        _ => format!("\\U{n:08x}"),
                    };
                    return Err(exc(
                        "UnicodeEncodeError",
                        format!(
                            "'{codec}' codec can't encode character '{ch}' in position {i}: ordinal not in range({limit})"
                        ),
                    ));
                }
            }
        }
    }
    Ok(bytes(out))
}

/// `b.decode(encoding='utf-8', errors='strict')`.
pub fn decode(b: &[u8], mut args: Args) -> Res<Value> {
    let (codec, errors) = encoding_args(&mut args, "decode")?;
    match codec {
        "latin-1" => Ok(Value::str(&b.iter().map(|&c| c as char).collect::<String>())),
        "ascii" => {
            let mut out = String::with_capacity(b.len());
            for (i, &c) in b.iter().enumerate() {
                if c < 0x80 {
                    out.push(c as char);
                } else {
                    match errors.as_str() {
                        "ignore" => {}
                        "replace" => out.push('\u{fffd}'),
                        _ => {
                            return Err(exc(
                                "UnicodeDecodeError",
                                format!(
                                    "'ascii' codec can't decode byte {c:#04x} in position {i}: ordinal not in range(128)"
                                ),
                            ));
                        }
                    }
                }
            }
            Ok(Value::str(&out))
        }
        _ => match std::str::from_utf8(b) {
            Ok(s) => Ok(Value::str(s)),
            Err(_) if errors == "replace" => Ok(Value::str(&String::from_utf8_lossy(b))),
            Err(_) if errors == "ignore" => {
                let lossy = String::from_utf8_lossy(b);
                Ok(Value::str(&lossy.replace('\u{fffd}', "")))
            }
            Err(e) => Err(utf8_error(b, e)),
        },
    }
}

/// CPython's UnicodeDecodeError text for invalid UTF-8.
pub fn utf8_error(b: &[u8], e: std::str::Utf8Error) -> Box<crate::error::Exc> {
    let at = e.valid_up_to();
    let byte = b.get(at).copied().unwrap_or(0);
    let msg = match e.error_len() {
        None if b.len() - at > 1 => {
            return exc(
                "UnicodeDecodeError",
                format!(
                    "'utf-8' codec can't decode bytes in position {at}-{}: unexpected end of data",
                    b.len() - 1
                ),
            );
        }
        None => "unexpected end of data",
        Some(_) if (0x80..0xc2).contains(&byte) || byte >= 0xf5 => "invalid start byte",
        Some(_) => "invalid continuation byte",
    };
    exc(
        "UnicodeDecodeError",
        format!("'utf-8' codec can't decode byte {byte:#04x} in position {at}: {msg}"),
    )
}

/// `bytes(x)`, `bytes(n)`, `bytes(iterable_of_ints)`, `bytes(s, encoding)`.
pub fn construct(interp: &mut Interp, mut args: Args) -> Res<Value> {
    let source = args.pos.first().cloned().or_else(|| kwarg(&mut args, "source"));
    if !args.pos.is_empty() {
        args.pos.remove(0);
    }
    match source {
        None => Ok(bytes(Vec::new())),
        Some(Value::Str(s)) => {
            if args.pos.is_empty() && !args.kw.iter().any(|(k, _)| k.as_str() == "encoding") {
                return Err(type_error("string argument without an encoding"));
            }
            encode(&s, args)
        }
        Some(_) if !args.pos.is_empty() || !args.kw.is_empty() => Err(type_error("encoding without a string argument")),
        Some(b @ Value::Bytes(_)) => Ok(b),
        Some(Value::Int(n)) => {
            if n < 0 {
                return Err(exc("ValueError", "negative count"));
            }
            crate::error::check_items(n as usize, 1)?;
            Ok(bytes(vec![0; n as usize]))
        }
        Some(v @ (Value::Float(_) | Value::None | Value::Complex(..))) => Err(type_error(format!(
            "cannot convert '{}' object to bytes",
            v.type_name()
        ))),
        Some(v) => {
            let items = interp.to_vec(&v)?;
            let mut out = Vec::with_capacity(items.len());
            for it in &items {
                let n = int_arg(it).map_err(|_| {
                    type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        it.type_name()
                    ))
                })?;
                if !(0..256).contains(&n) {
                    return Err(exc("ValueError", "bytes must be in range(0, 256)"));
                }
                out.push(n as u8);
            }
            Ok(bytes(out))
        }
    }
}

fn bytes_arg(v: &Value, what: &str) -> Res<Rc<[u8]>> {
    match v {
        Value::Bytes(b) => Ok(b.clone()),
        other => Err(type_error(format!(
            "{what}a bytes-like object is required, not '{}'",
            other.type_name()
        ))),
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return (from <= hay.len()).then_some(from);
    }
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn strip_set(args: &Args) -> Res<Option<Rc<[u8]>>> {
    match args.pos.first() {
        None | Some(Value::None) => Ok(None),
        Some(v) => bytes_arg(v, "").map(Some),
    }
}

pub fn call(interp: &mut Interp, b: &Rc<[u8]>, m: &str, args: Args) -> Res<Value> {
    let _ = interp;
    let ws = |c: &u8| c.is_ascii_whitespace() || *c == 0x0b;
    Ok(match m {
        "decode" => return decode(b, args),
        "hex" => {
            arity(&args, "hex", 0, 0)?;
            Value::str(&b.iter().map(|c| format!("{c:02x}")).collect::<String>())
        }
        "upper" => bytes(b.to_ascii_uppercase()),
        "lower" => bytes(b.to_ascii_lowercase()),
        "isdigit" => Value::Bool(!b.is_empty() && b.iter().all(u8::is_ascii_digit)),
        "isalpha" => Value::Bool(!b.is_empty() && b.iter().all(u8::is_ascii_alphabetic)),
        "isalnum" => Value::Bool(!b.is_empty() && b.iter().all(u8::is_ascii_alphanumeric)),
        "isspace" => Value::Bool(!b.is_empty() && b.iter().all(ws)),
        "islower" => Value::Bool(b.iter().any(u8::is_ascii_lowercase) && !b.iter().any(u8::is_ascii_uppercase)),
        "isupper" => Value::Bool(b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase)),
        "startswith" | "endswith" => {
            arity(&args, m, 1, 1)?;
            let test = |p: &[u8]| {
                if m == "startswith" {
                    b.starts_with(p)
                } else {
                    b.ends_with(p)
                }
            };
            match &args.pos[0] {
                Value::Tuple(t) => {
                    let mut hit = false;
                    for p in t.iter() {
                        hit |= test(&bytes_arg(p, "")?);
                    }
                    Value::Bool(hit)
                }
                p => Value::Bool(test(&bytes_arg(p, "")?)),
            }
        }
        "find" | "index" | "rfind" | "count" => {
            arity(&args, m, 1, 3)?;
            // `b.find(sub, start, end)`: searched within the clamped slice.
            let len = b.len() as i64;
            let bound = |i: usize, dflt: i64| -> Res<i64> {
                match args.pos.get(i) {
                    None | Some(Value::None) => Ok(dflt),
                    Some(v) => {
                        let n = int_arg(v)?;
                        Ok(if n < 0 { (n + len).max(0) } else { n.min(len) })
                    }
                }
            };
            let (lo, hi) = (bound(1, 0)? as usize, bound(2, len)? as usize);
            if lo > hi {
                return Ok(match m {
                    "count" => Value::Int(0),
                    "index" => return Err(exc("ValueError", "subsection not found")),
                    _ => Value::Int(-1),
                });
            }
            let whole = b;
            let b: &[u8] = &whole[..hi];

            let needle: Vec<u8> = match &args.pos[0] {
                Value::Int(n) if (0..256).contains(n) => vec![*n as u8],
                Value::Int(_) => return Err(exc("ValueError", "byte must be in range(0, 256)")),
                v => bytes_arg(v, "argument should be integer or bytes-like object, not ").map(|x| x.to_vec())?,
            };
            match m {
                "count" => {
                    if needle.is_empty() {
                        return Ok(Value::Int((hi - lo) as i64 + 1));
                    }
                    let (mut n, mut at) = (0, lo);
                    while let Some(p) = find(b, &needle, at) {
                        n += 1;
                        at = p + needle.len();
                    }
                    Value::Int(n)
                }
                "rfind" => Value::Int(
                    (lo..=b.len().saturating_sub(needle.len()))
                        .rev()
                        .find(|&i| b[i..].starts_with(&needle))
                        .map_or(-1, |i| i as i64),
                ),
                _ => match find(b, &needle, lo) {
                    Some(p) => Value::Int(p as i64),
                    None if m == "index" => return Err(exc("ValueError", "subsection not found")),
                    None => Value::Int(-1),
                },
            }
        }
        "strip" | "lstrip" | "rstrip" => {
            arity(&args, m, 0, 1)?;
            let set = strip_set(&args)?;
            let drop = |c: &u8| match &set {
                Some(s) => s.contains(c),
                None => ws(c),
            };
            let mut lo = 0;
            let mut hi = b.len();
            if m != "rstrip" {
                while lo < hi && drop(&b[lo]) {
                    lo += 1;
                }
            }
            if m != "lstrip" {
                while hi > lo && drop(&b[hi - 1]) {
                    hi -= 1;
                }
            }
            bytes(b[lo..hi].to_vec())
        }
        "split" => {
            arity(&args, "split", 0, 1)?;
            let parts: Vec<Value> = match strip_set(&args)? {
                None => b
                    .split(ws)
                    .filter(|p| !p.is_empty())
                    .map(|p| bytes(p.to_vec()))
                    .collect(),
                Some(sep) if sep.is_empty() => return Err(exc("ValueError", "empty separator")),
                Some(sep) => {
                    let mut out = Vec::new();
                    let mut at = 0;
                    while let Some(p) = find(b, &sep, at) {
                        out.push(bytes(b[at..p].to_vec()));
                        at = p + sep.len();
                    }
                    out.push(bytes(b[at..].to_vec()));
                    out
                }
            };
            Value::list(parts)
        }
        "join" => {
            arity(&args, "join", 1, 1)?;
            let items = interp.to_vec(&args.pos[0])?;
            let mut out = Vec::new();
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(b);
                }
                match it {
                    Value::Bytes(x) => out.extend_from_slice(x),
                    other => {
                        return Err(type_error(format!(
                            "sequence item {i}: expected a bytes-like object, {} found",
                            other.type_name()
                        )));
                    }
                }
            }
            bytes(out)
        }
        "replace" => {
            arity(&args, "replace", 2, 2)?;
            let (old, new) = (bytes_arg(&args.pos[0], "")?, bytes_arg(&args.pos[1], "")?);
            let mut out = Vec::new();
            let mut at = 0;
            if old.is_empty() {
                for c in b.iter() {
                    out.extend_from_slice(&new);
                    out.push(*c);
                }
                out.extend_from_slice(&new);
                return Ok(bytes(out));
            }
            while let Some(p) = find(b, &old, at) {
                out.extend_from_slice(&b[at..p]);
                out.extend_from_slice(&new);
                at = p + old.len();
            }
            out.extend_from_slice(&b[at..]);
            bytes(out)
        }
        _ => return Err(exc("AttributeError", format!("'bytes' object has no attribute '{m}'"))),
    })
}

/// `bytes.fromhex(s)`.
pub fn fromhex(args: &Args) -> Res<Value> {
    arity(args, "fromhex", 1, 1)?;
    let Value::Str(s) = &args.pos[0] else {
        return Err(type_error(format!(
            "fromhex() argument must be str, not {}",
            args.pos[0].type_name()
        )));
    };
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = chars[i].to_digit(16);
        let lo = chars.get(i + 1).and_then(|c| c.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            (Some(_), None) => {
                return Err(exc(
                    "ValueError",
                    format!("non-hexadecimal number found in fromhex() arg at position {}", i + 1),
                ));
            }
            _ => {
                return Err(exc(
                    "ValueError",
                    format!("non-hexadecimal number found in fromhex() arg at position {i}"),
                ));
            }
        }
        i += 2;
    }
    Ok(bytes(out))
}

/// `n.to_bytes(length=1, byteorder='big', *, signed=False)`.
pub fn to_bytes(n: &Value, mut args: Args) -> Res<Value> {
    let length = kwarg(&mut args, "length");
    let order = kwarg(&mut args, "byteorder");
    let signed = kwarg(&mut args, "signed").is_some_and(|v| v.truthy());
    arity(&args, "to_bytes", 0, 2)?;
    let length = match args.pos.first().cloned().or(length) {
        Some(v) => int_arg(&v)?,
        None => 1,
    };
    if length < 0 {
        return Err(exc("ValueError", "length argument must be non-negative"));
    }
    let little = match args.pos.get(1).cloned().or(order) {
        None => false,
        Some(Value::Str(s)) if &*s == "big" => false,
        Some(Value::Str(s)) if &*s == "little" => true,
        Some(_) => return Err(exc("ValueError", "byteorder must be either 'little' or 'big'")),
    };
    let v = crate::value::long::of(n).unwrap_or_default();
    if v.sign() == num_bigint::Sign::Minus && !signed {
        return Err(exc("OverflowError", "can't convert negative int to unsigned"));
    }
    let mut raw = v.to_signed_bytes_le();
    // Unsigned values need no sign byte.
    if !signed && raw.len() > 1 && raw.last() == Some(&0) {
        raw.pop();
    }
    if !signed && raw == [0] {
        raw.clear();
    }
    if raw.len() > length as usize {
        return Err(exc("OverflowError", "int too big to convert"));
    }
    let fill = if v.sign() == num_bigint::Sign::Minus { 0xff } else { 0 };
    raw.resize(length as usize, fill);
    if !little {
        raw.reverse();
    }
    Ok(bytes(raw))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`.
pub fn from_bytes(interp: &mut Interp, mut args: Args) -> Res<Value> {
    let order = kwarg(&mut args, "byteorder");
    let signed = kwarg(&mut args, "signed").is_some_and(|v| v.truthy());
    arity(&args, "from_bytes", 1, 2)?;
    let data: Vec<u8> = match &args.pos[0] {
        Value::Bytes(b) => b.to_vec(),
        v => match construct(
            interp,
            Args {
                pos: vec![v.clone()],
                kw: Vec::new(),
            },
        )? {
            Value::Bytes(b) => b.to_vec(),
            _ => Vec::new(),
        },
    };
    let little = match args.pos.get(1).cloned().or(order) {
        None => false,
        Some(Value::Str(s)) if &*s == "big" => false,
        Some(Value::Str(s)) if &*s == "little" => true,
        Some(_) => return Err(exc("ValueError", "byteorder must be either 'little' or 'big'")),
    };
    let v = match (little, signed) {
        (true, true) => num_bigint::BigInt::from_signed_bytes_le(&data),
        (false, true) => num_bigint::BigInt::from_signed_bytes_be(&data),
        (true, false) => num_bigint::BigInt::from_bytes_le(num_bigint::Sign::Plus, &data),
        (false, false) => num_bigint::BigInt::from_bytes_be(num_bigint::Sign::Plus, &data),
    };
    Ok(crate::value::long::norm(v))
}
