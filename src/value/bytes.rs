//! Python's immutable `bytes`: repr as CPython's `bytes_repr`, hash as its
//! `_Py_HashBytes` (SipHash-1-3 of the raw bytes, key zero as with PYTHONHASHSEED=0).

/// `repr(b)`: `b'...'`, with `"` quotes when the bytes hold `'` and no `"`.
pub fn repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

pub fn hash(b: &[u8]) -> i64 {
    if b.is_empty() {
        return 0;
    }
    let h = super::hash::siphash13(b) as i64;
    if h == -1 { -2 } else { h }
}

/// A bytes literal's body, escapes decoded; `Err((offset, message))` for a non-ASCII
/// character.
pub fn unescape(s: &str, raw: bool) -> Result<Vec<u8>, (usize, String)> {
    if let Some(at) = s.char_indices().find(|(_, c)| !c.is_ascii()).map(|(i, _)| i) {
        return Err((at, "bytes can only contain ASCII literal characters".into()));
    }
    let b = s.as_bytes();
    if raw {
        return Ok(s.replace("\r\n", "\n").into_bytes());
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c == b'\r' {
            continue;
        }
        if c != b'\\' || i >= b.len() {
            out.push(c);
            continue;
        }
        let e = b[i];
        i += 1;
        match e {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(e),
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                for _ in 0..2 {
                    match b.get(i) {
                        Some(d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push((v & 0xff) as u8);
            }
            b'x' => {
                let hex = |c: Option<&u8>| c.and_then(|c| (*c as char).to_digit(16));
                match (hex(b.get(i)), hex(b.get(i + 1))) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => return Err((i - 2, format!("(value error) invalid \\x escape at position {}", i - 2))),
                }
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}
