//! `format(value, spec)`, `str.format`, and printf-style `%` formatting, on top of the
//! format-spec mini-language in `value::pyfmt`.

use super::Interp;
use crate::error::{Res, exc, type_error};
use crate::syntax::symbol::Sym;
use crate::value::pyfmt;
use crate::value::repr::repr;
use crate::value::{Args, Value};

/// Python's `format(v, spec)`.
pub fn format_value(v: &Value, spec: &str) -> Res<String> {
    // NumPy scalars and 0-d tensors format as the Python number they hold.
    match v {
        Value::NpScalar(a) => return format_value(&crate::nd::item(a), spec),
        Value::NpStr(s) => return format_value(&Value::Str(s.clone()), spec),
        Value::Tensor(t) if t.data().ndim() == 0 => return format_value(&crate::nd::item(&t.data()), spec),
        Value::Tensor(_) | Value::Array(_) if !spec.is_empty() => {
            return Err(type_error(format!(
                "unsupported format string passed to {}.__format__",
                v.type_name()
            )));
        }
        _ => {}
    }
    let r = match v {
        Value::Bool(b) if spec.is_empty() => return Ok(if *b { "True" } else { "False" }.into()),
        Value::Bool(b) => pyfmt::format_int(*b as i64, spec),
        Value::Int(n) => pyfmt::format_int(*n, spec),
        Value::Long(b) => pyfmt::format_integer(b, spec),
        Value::Float(x) => pyfmt::format_float(*x, spec),
        Value::Str(s) => pyfmt::format_str(s, spec),
        Value::Complex(..) if !spec.is_empty() => {
            return Err(exc(
                "NotImplementedError",
                "nt cannot format complex numbers with a format spec yet",
            ));
        }
        other if spec.is_empty() => return crate::value::repr::checked_str(other),
        other => {
            return Err(type_error(format!(
                "unsupported format string passed to {}.__format__",
                other.type_name()
            )));
        }
    };
    r.map_err(|msg| {
        let kind = match msg.as_str() {
            pyfmt::CHAR_RANGE_ERROR | pyfmt::FLOAT_RANGE_ERROR => "OverflowError",
            // CPython's MemoryError carries no message.
            pyfmt::OUT_OF_MEMORY => return exc("MemoryError", ""),
            _ => "ValueError",
        };
        exc(kind, msg)
    })
}

/// `'{} {name} {0[1]:>5}'.format(...)`.
pub fn str_format(interp: &mut Interp, fmt: &str, args: &Args) -> Res<String> {
    format_fields(interp, fmt, args, &mut Numbering::default())
}

/// Automatic field numbering is shared with fields nested in format specs.
#[derive(Default)]
struct Numbering {
    next: usize,
    manual: bool,
    auto: bool,
}

fn format_fields(interp: &mut Interp, fmt: &str, args: &Args, num: &mut Numbering) -> Res<String> {
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(exc("ValueError", "Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        // Find the matching '}' (the spec may nest one level of fields).
        let mut depth = 1;
        let mut j = i + 1;
        while j < chars.len() {
            match chars[j] {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= chars.len() {
            return Err(exc("ValueError", "Single '{' encountered in format string"));
        }
        let field: String = chars[i + 1..j].iter().collect();
        i = j + 1;
        let (head, spec) = match field.find(':') {
            Some(k) => (&field[..k], &field[k + 1..]),
            None => (&field[..], ""),
        };
        let (name, conv) = match head.find('!') {
            Some(k) => (&head[..k], Some(&head[k + 1..])),
            None => (head, None),
        };
        // Split `name` into the first part and `.attr` / `[key]` accessors.
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let (first, mut rest) = name.split_at(first_end);
        let mut v = if first.is_empty() {
            if num.manual {
                return Err(exc(
                    "ValueError",
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            num.auto = true;
            let k = num.next;
            num.next += 1;
            args.pos.get(k).cloned().ok_or_else(|| {
                exc(
                    "IndexError",
                    format!("Replacement index {k} out of range for positional args tuple"),
                )
            })?
        } else if let Ok(k) = first.parse::<usize>() {
            if num.auto {
                return Err(exc(
                    "ValueError",
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            num.manual = true;
            args.pos.get(k).cloned().ok_or_else(|| {
                exc(
                    "IndexError",
                    format!("Replacement index {k} out of range for positional args tuple"),
                )
            })?
        } else {
            let sym = Sym::new(first);
            args.kw
                .iter()
                .find(|(k, _)| *k == sym)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| crate::value::exception::key_error(&Value::str(first)))?
        };
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                v = interp.get_attr(&v, Sym::new(&r[..end]))?;
                rest = &r[end..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let end = r
                    .find(']')
                    .ok_or_else(|| exc("ValueError", "Missing ']' in format string"))?;
                let key = &r[..end];
                let k = match key.parse::<i64>() {
                    Ok(n) => Value::Int(n),
                    Err(_) => Value::str(key),
                };
                v = interp.get_item(&v, &k)?;
                rest = &r[end + 1..];
            } else {
                return Err(exc(
                    "ValueError",
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        }
        let v = match conv {
            None => v,
            Some("r") => Value::Str(interp.display(&v, false)?.into()),
            Some("s") => Value::Str(interp.display(&v, true)?.into()),
            Some("a") => Value::Str(super::builtins::ascii_escape(&repr(&v)).into()),
            Some(other) => return Err(exc("ValueError", format!("Unknown conversion specifier {other}"))),
        };
        // Nested fields inside the spec, e.g. '{:{w}.{p}f}'.
        let spec = if spec.contains('{') {
            format_fields(interp, spec, args, num)?
        } else {
            spec.to_owned()
        };
        out.push_str(&interp.format_user(&v, &spec)?);
    }
    Ok(out)
}

/// printf-style `'%5.2f %s' % (x, y)`.
pub fn percent_format(fmt: &str, args: &Value) -> Res<Value> {
    percent_format_with(fmt, args, &mut |v, as_str| {
        if as_str {
            crate::value::repr::checked_str(v)
        } else {
            crate::value::repr::checked_repr(v)
        }
    })
}

/// printf-style formatting with `show(v, as_str)` writing `%s`/`%r` of a value (the
/// interpreter's, which runs `__str__`/`__repr__`): `%(name)s` from a mapping, `*`
/// widths and precisions, and the ignored length modifiers `h`, `l`, `L`.
pub fn percent_format_with(fmt: &str, args: &Value, show: &mut dyn FnMut(&Value, bool) -> Res<String>) -> Res<Value> {
    let items: Vec<Value> = match args {
        Value::Tuple(t) => t.to_vec(),
        other => vec![other.clone()],
    };
    let mapping = match args {
        Value::Dict(d) => Some(d.clone()),
        _ => None,
    };
    let mut next = items.into_iter();
    let mut used_all = true;
    let mut used_mapping = false;
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        // `%(name)s`: the value comes from the mapping.
        let mut keyed = None;
        if chars.get(i) == Some(&'(') {
            let Some(map) = &mapping else {
                return Err(type_error("format requires a mapping"));
            };
            let (mut depth, start) = (1, i + 1);
            i += 1;
            while i < chars.len() && depth > 0 {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(exc("ValueError", "incomplete format key"));
            }
            let key: String = chars[start..i - 1].iter().collect();
            let k = Value::str(&key);
            let h = crate::value::dict::HKey::of(&k).map_err(crate::value::hash::unhashable)?;
            let v = map.borrow().get(&h).cloned();
            keyed = Some(v.ok_or_else(|| crate::value::exception::key_error(&k))?);
            used_mapping = true;
        }
        let mut flags = String::new();
        while i < chars.len() && "-+ 0#".contains(chars[i]) {
            flags.push(chars[i]);
            i += 1;
        }
        let star = |next: &mut std::vec::IntoIter<Value>| -> Res<i64> {
            let v = next
                .next()
                .ok_or_else(|| type_error("not enough arguments for format string"))?;
            match v {
                Value::Int(n) => Ok(n),
                Value::Bool(b) => Ok(b as i64),
                _ => Err(type_error("* wants int")),
            }
        };
        let mut width = String::new();
        if chars.get(i) == Some(&'*') {
            let w = star(&mut next)?;
            if w < 0 {
                flags.push('-');
            }
            width = w.unsigned_abs().to_string();
            i += 1;
        }
        while i < chars.len() && chars[i].is_ascii_digit() {
            width.push(chars[i]);
            i += 1;
        }
        let mut prec = None;
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            let mut p = String::new();
            if chars.get(i) == Some(&'*') {
                p = star(&mut next)?.max(0).to_string();
                i += 1;
            }
            while i < chars.len() && chars[i].is_ascii_digit() {
                p.push(chars[i]);
                i += 1;
            }
            prec = Some(if p.is_empty() { "0".to_owned() } else { p });
        }
        while i < chars.len() && matches!(chars[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            return Err(exc("ValueError", "incomplete format"));
        };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let v = match keyed {
            Some(v) => v,
            None if mapping.is_some() && used_mapping => {
                return Err(type_error("format requires a mapping"));
            }
            None => match next.next() {
                Some(v) => v,
                None => return Err(type_error("not enough arguments for format string")),
            },
        };
        used_all = false;
        // A number conversion reads a NumPy scalar or 0-d array, or a one-element tensor,
        // as its Python number (what `__float__`/`__index__` give in Python).
        let v = match (&v, conv) {
            (Value::NpScalar(_) | Value::Array(_) | Value::Tensor(_), c) if !matches!(c, 's' | 'r' | 'a') => {
                number_of(&v, c)?
            }
            _ => v,
        };
        let align = if flags.contains('-') { "<" } else { "" };
        let sign = if flags.contains('+') {
            "+"
        } else if flags.contains(' ') {
            " "
        } else {
            ""
        };
        let zero = if flags.contains('0') && !flags.contains('-') {
            "0"
        } else {
            ""
        };
        let alt = if flags.contains('#') { "#" } else { "" };
        let precision = prec.as_ref().map(|p| format!(".{p}")).unwrap_or_default();
        let text = match conv {
            's' | 'r' | 'a' => {
                let s = match conv {
                    's' => show(&v, true)?,
                    'r' => show(&v, false)?,
                    _ => super::builtins::ascii_escape(&show(&v, false)?),
                };
                format_value(
                    &Value::Str(s.into()),
                    &format!("{}{width}{precision}", if align.is_empty() { ">" } else { align }),
                )?
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' | 'c' => {
                let n = match &v {
                    Value::Int(n) => Value::Int(*n),
                    Value::Long(_) => v.clone(),
                    Value::Bool(b) => Value::Int(*b as i64),
                    Value::Float(x) if matches!(conv, 'd' | 'i' | 'u') => crate::value::long::from_float_trunc(*x)?,
                    Value::Float(_) if conv != 'c' => {
                        return Err(type_error(format!("%{conv} format: an integer is required, not float")));
                    }
                    _ if conv == 'c' => return Err(type_error("%c requires int or char")),
                    other if matches!(conv, 'x' | 'X' | 'o') => {
                        return Err(type_error(format!(
                            "%{conv} format: an integer is required, not {}",
                            other.type_name()
                        )));
                    }
                    other => {
                        return Err(type_error(format!(
                            "%{conv} format: a real number is required, not {}",
                            other.type_name()
                        )));
                    }
                };
                let t = match conv {
                    'd' | 'i' | 'u' => 'd',
                    c => c,
                };
                match (&prec, conv) {
                    // A precision is a minimum count of digits; the `0` flag then pads
                    // the rest of the width with zeros too. `%c` pads with spaces only.
                    (Some(p), c) if c != 'c' => {
                        let body = format_value(&n, &format!("{sign}{alt}{t}"))?;
                        let (sgn, rest) = match body.chars().next() {
                            Some(s @ ('-' | '+' | ' ')) => (s.to_string(), body[1..].to_string()),
                            _ => (String::new(), body.clone()),
                        };
                        let (pre, digits) = if !alt.is_empty() && rest.len() > 2 && rest.as_bytes()[0] == b'0' {
                            (rest[..2].to_string(), rest[2..].to_string())
                        } else {
                            (String::new(), rest)
                        };
                        let w: usize = width.parse().unwrap_or(0);
                        let mut p: usize = p.parse().unwrap_or(0);
                        if !zero.is_empty() {
                            p = p.max(w.saturating_sub(sgn.len() + pre.len()));
                        }
                        let padded = format!("{sgn}{pre}{}{digits}", "0".repeat(p.saturating_sub(digits.len())));
                        let fill = " ".repeat(w.saturating_sub(padded.chars().count()));
                        if align == "<" {
                            format!("{padded}{fill}")
                        } else {
                            format!("{fill}{padded}")
                        }
                    }
                    (_, 'c') => format_value(&n, &format!("{align}{width}{t}"))?,
                    _ => format_value(&n, &format!("{align}{sign}{alt}{zero}{width}{t}"))?,
                }
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let x = match &v {
                    Value::Float(x) => *x,
                    Value::Int(n) => *n as f64,
                    Value::Long(b) => crate::value::long::to_f64(b)?,
                    Value::Bool(b) => *b as i64 as f64,
                    other => {
                        return Err(type_error(format!("must be real number, not {}", other.type_name())));
                    }
                };
                let precision = if precision.is_empty() {
                    ".6".to_owned()
                } else {
                    precision
                };
                format_value(
                    &Value::Float(x),
                    &format!("{align}{sign}{alt}{zero}{width}{precision}{conv}"),
                )?
            }
            other => {
                return Err(exc(
                    "ValueError",
                    format!(
                        "unsupported format character '{other}' (0x{:x}) at index {}",
                        other as u32,
                        i - 1
                    ),
                ));
            }
        };
        out.push_str(&text);
    }
    if next.next().is_some() && !used_mapping && !(used_all && matches!(args, Value::Dict(_))) {
        return Err(type_error("not all arguments converted during string formatting"));
    }
    Ok(Value::Str(out.into()))
}

/// The Python number `%` formatting reads from a NumPy scalar or array, or a tensor, for
/// conversion `c`, with the libraries' errors; what it cannot read is left for the
/// conversion's own error.
fn number_of(v: &Value, c: char) -> Res<Value> {
    let Some((_, a)) = crate::nd::as_nd(v) else {
        return Ok(v.clone());
    };
    let float_conv = matches!(c, 'f' | 'F' | 'e' | 'E' | 'g' | 'G');
    // `%x` needs `__index__`: integer scalars and one-element integer tensors have it.
    if matches!(c, 'x' | 'X' | 'o' | 'c')
        && !(a.dtype.is_int() && a.numel() == 1 && (a.ndim() == 0 || matches!(v, Value::Tensor(_))))
    {
        return Ok(v.clone());
    }
    match v {
        Value::Tensor(_) if a.numel() != 1 => Err(exc(
            "ValueError",
            "only one element tensors can be converted to Python scalars",
        )),
        Value::Array(_) if a.ndim() > 0 && float_conv => Err(type_error(
            "only 0-dimensional arrays can be converted to Python scalars",
        )),
        Value::Array(_) if a.ndim() > 0 => Ok(v.clone()),
        _ => Ok(crate::nd::item(&crate::realise::host(a).map_err(crate::nd::internal)?)),
    }
}
