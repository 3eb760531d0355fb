//! str methods, with Python's semantics on characters (not bytes).

use super::{exactly_one, no_args};
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::interp::builtins::{arity, int_arg, kwarg, no_kw};
use crate::value::{Args, Value};

fn s(v: String) -> Value {
    Value::Str(v.into())
}

fn str_arg<'a>(v: &'a Value, what: &str) -> Res<&'a str> {
    match v {
        Value::Str(s) => Ok(s),
        other => Err(type_error(format!("{what} must be str, not {}", other.type_name()))),
    }
}

/// Resolves Python's optional `start`/`end` character positions to byte offsets.
fn window(text: &str, args: &[Value]) -> Res<(usize, usize)> {
    let n = text.chars().count() as i64;
    let clamp = |v: &Value| -> Res<i64> {
        if matches!(v, Value::None) {
            return Ok(-1);
        }
        let i = int_arg(v)?;
        Ok(if i < 0 { (i + n).max(0) } else { i.min(n) })
    };
    let start = match args.first() {
        Some(v) if !matches!(v, Value::None) => clamp(v)?,
        _ => 0,
    };
    let end = match args.get(1) {
        Some(v) if !matches!(v, Value::None) => clamp(v)?,
        _ => n,
    };
    let byte = |c: i64| text.char_indices().nth(c as usize).map_or(text.len(), |(b, _)| b);
    if start > end {
        return Ok((usize::MAX, usize::MAX));
    }
    Ok((byte(start), byte(end)))
}

fn char_index(text: &str, byte: usize) -> i64 {
    text[..byte].chars().count() as i64
}

fn strip_chars(args: &Args, name: &str) -> Res<Option<Vec<char>>> {
    no_kw(args, name)?;
    arity(args, name, 0, 1)?;
    match args.pos.first() {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(c)) => Ok(Some(c.chars().collect())),
        Some(other) => Err(type_error(format!(
            "{name} arg must be None or str, not {}",
            other.type_name()
        ))),
    }
}

fn split(text: &str, sep: Option<&str>, maxsplit: i64, right: bool) -> Res<Vec<Value>> {
    let mut out: Vec<String> = Vec::new();
    match sep {
        Some("") => return Err(exc("ValueError", "empty separator")),
        Some(sep) => {
            if maxsplit < 0 {
                out = text.split(sep).map(str::to_owned).collect();
            } else if right {
                out = text.rsplitn(maxsplit as usize + 1, sep).map(str::to_owned).collect();
                out.reverse();
            } else {
                out = text.splitn(maxsplit as usize + 1, sep).map(str::to_owned).collect();
            }
        }
        None => {
            // Whitespace runs separate; leading/trailing whitespace gives no empty items.
            let words: Vec<&str> = text.split_whitespace().collect();
            if maxsplit < 0 || (words.len() as i64) <= maxsplit {
                out = words.into_iter().map(str::to_owned).collect();
            } else if !right {
                let mut rest = text.trim_start();
                for _ in 0..maxsplit {
                    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    out.push(rest[..end].to_owned());
                    rest = rest[end..].trim_start();
                }
                if !rest.is_empty() {
                    out.push(rest.to_owned());
                }
            } else {
                let mut rest = text.trim_end();
                let mut tail = Vec::new();
                for _ in 0..maxsplit {
                    let start = rest
                        .rfind(char::is_whitespace)
                        .map_or(0, |i| i + rest[i..].chars().next().map_or(1, char::len_utf8));
                    tail.push(rest[start..].to_owned());
                    rest = rest[..start].trim_end();
                }
                if !rest.is_empty() {
                    out.push(rest.to_owned());
                }
                tail.reverse();
                out.extend(tail);
            }
        }
    }
    Ok(out.into_iter().map(s).collect())
}

fn pad(text: &str, args: &Args, name: &str) -> Res<(usize, char)> {
    no_kw(args, name)?;
    arity(args, name, 1, 2)?;
    let width = int_arg(&args.pos[0])?.max(0) as usize;
    let fill = match args.pos.get(1) {
        None => ' ',
        Some(Value::Str(f)) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
        Some(Value::Str(_)) => return Err(type_error("The fill character must be exactly one character long")),
        Some(other) => {
            return Err(type_error(format!(
                "{name}() argument 2 must be str, not {}",
                other.type_name()
            )));
        }
    };
    let _ = text;
    Ok((width, fill))
}

fn affix_match(text: &str, args: &Args, name: &str, ends: bool) -> Res<Value> {
    no_kw(args, name)?;
    arity(args, name, 1, 3)?;
    let (a, b) = window(text, &args.pos[1..])?;
    if a == usize::MAX {
        return Ok(Value::Bool(false));
    }
    let hay = &text[a..b];
    let test = |p: &str| if ends { hay.ends_with(p) } else { hay.starts_with(p) };
    match &args.pos[0] {
        Value::Str(p) => Ok(Value::Bool(test(p))),
        Value::Tuple(items) => {
            for it in items.iter() {
                match it {
                    Value::Str(p) if test(p) => return Ok(Value::Bool(true)),
                    Value::Str(_) => {}
                    other => {
                        return Err(type_error(format!(
                            "tuple for {name} must only contain str, not {}",
                            other.type_name()
                        )));
                    }
                }
            }
            Ok(Value::Bool(false))
        }
        other => Err(type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            other.type_name()
        ))),
    }
}

fn is_all(text: &str, f: impl Fn(char) -> bool) -> Value {
    Value::Bool(!text.is_empty() && text.chars().all(f))
}

pub fn call(interp: &mut Interp, text: &str, m: &str, mut args: Args) -> Res<Value> {
    Ok(match m {
        "expandtabs" => {
            let size = crate::interp::builtins::kwarg(&mut args, "tabsize");
            crate::interp::builtins::arity(&args, "expandtabs", 0, 1)?;
            let size = match args.pos.first().cloned().or(size) {
                Some(v) => crate::interp::builtins::int_arg(&v)?,
                None => 8,
            };
            // Tabs advance to the next multiple of `size` columns; newlines restart.
            let mut out = String::with_capacity(text.len());
            let mut col: i64 = 0;
            for c in text.chars() {
                match c {
                    '\t' if size > 0 => {
                        let n = size - col % size;
                        crate::error::check_items(out.len() + n as usize, 1)?;
                        out.extend(std::iter::repeat_n(' ', n as usize));
                        col += n;
                    }
                    '\t' => {}
                    '\n' | '\r' => {
                        out.push(c);
                        col = 0;
                    }
                    c => {
                        out.push(c);
                        col += 1;
                    }
                }
            }
            s(out)
        }
        "upper" => {
            no_args(&args, "str.upper")?;
            s(text.to_uppercase())
        }
        "lower" | "casefold" => {
            no_args(&args, &format!("str.{m}"))?;
            s(text.to_lowercase())
        }
        "swapcase" => {
            no_args(&args, "str.swapcase")?;
            s(text
                .chars()
                .flat_map(|c| {
                    if c.is_uppercase() {
                        c.to_lowercase().collect::<Vec<_>>()
                    } else {
                        c.to_uppercase().collect()
                    }
                })
                .collect())
        }
        "title" => {
            no_args(&args, "str.title")?;
            let mut out = String::new();
            let mut prev_cased = false;
            for c in text.chars() {
                if prev_cased {
                    out.extend(c.to_lowercase());
                } else {
                    out.extend(c.to_uppercase());
                }
                prev_cased = c.is_alphabetic();
            }
            s(out)
        }
        "capitalize" => {
            no_args(&args, "str.capitalize")?;
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => s(first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect()),
                None => s(String::new()),
            }
        }
        "strip" | "lstrip" | "rstrip" => {
            let chars = strip_chars(&args, m)?;
            let pred = |c: char| match &chars {
                None => c.is_whitespace(),
                Some(set) => set.contains(&c),
            };
            s(match m {
                "strip" => text.trim_matches(pred),
                "lstrip" => text.trim_start_matches(pred),
                _ => text.trim_end_matches(pred),
            }
            .to_owned())
        }
        "split" | "rsplit" => {
            let sep_kw = kwarg(&mut args, "sep");
            let max_kw = kwarg(&mut args, "maxsplit");
            no_kw(&args, m)?;
            arity(&args, m, 0, 2)?;
            let sep = args.pos.first().cloned().or(sep_kw);
            let maxsplit = match args.pos.get(1).cloned().or(max_kw) {
                Some(v) => int_arg(&v)?,
                None => -1,
            };
            let sep = match &sep {
                None | Some(Value::None) => None,
                Some(Value::Str(p)) => Some(&**p),
                Some(other) => return Err(type_error(format!("must be str or None, not {}", other.type_name()))),
            };
            Value::list(split(text, sep, maxsplit, m == "rsplit")?)
        }
        "splitlines" => {
            let keep = kwarg(&mut args, "keepends")
                .or(args.pos.first().cloned())
                .is_some_and(|v| v.truthy());
            let mut out = Vec::new();
            let mut cur = String::new();
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                if matches!(
                    c,
                    '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}'
                ) {
                    let mut end = c.to_string();
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                        end.push('\n');
                    }
                    if keep {
                        cur.push_str(&end);
                    }
                    out.push(s(std::mem::take(&mut cur)));
                } else {
                    cur.push(c);
                }
            }
            if !cur.is_empty() {
                out.push(s(cur));
            }
            Value::list(out)
        }
        "join" => {
            exactly_one(&args, "str.join")?;
            let items = interp.to_vec(&args.pos[0])?;
            let mut out = String::new();
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(text);
                }
                match it {
                    Value::Str(p) => out.push_str(p),
                    other => {
                        return Err(type_error(format!(
                            "sequence item {i}: expected str instance, {} found",
                            other.type_name()
                        )));
                    }
                }
            }
            s(out)
        }
        "replace" => {
            no_kw(&args, "replace")?;
            arity(&args, "replace", 2, 3)?;
            let old = str_arg(&args.pos[0], "replace() argument 1")?;
            let new = str_arg(&args.pos[1], "replace() argument 2")?;
            let count = match args.pos.get(2) {
                Some(v) => int_arg(v)?,
                None => -1,
            };
            if count < 0 {
                s(text.replace(old, new))
            } else {
                s(text.replacen(old, new, count as usize))
            }
        }
        "startswith" => affix_match(text, &args, "startswith", false)?,
        "endswith" => affix_match(text, &args, "endswith", true)?,
        "find" | "rfind" | "index" | "rindex" | "count" => {
            no_kw(&args, m)?;
            arity(&args, m, 1, 3)?;
            let sub = str_arg(&args.pos[0], "must be str")
                .map_err(|_| type_error(format!("must be str, not {}", args.pos[0].type_name())))?;
            let (a, b) = window(text, &args.pos[1..])?;
            if m == "count" {
                if a == usize::MAX {
                    return Ok(Value::Int(0));
                }
                let hay = &text[a..b];
                return Ok(Value::Int(if sub.is_empty() {
                    hay.chars().count() as i64 + 1
                } else {
                    hay.matches(sub).count() as i64
                }));
            }
            let found = if a == usize::MAX {
                None
            } else if m.starts_with('r') {
                text[a..b].rfind(sub).map(|i| i + a)
            } else {
                text[a..b].find(sub).map(|i| i + a)
            };
            match found {
                Some(i) => Value::Int(char_index(text, i)),
                None if m.ends_with("find") => Value::Int(-1),
                None => return Err(exc("ValueError", "substring not found")),
            }
        }
        "center" | "ljust" | "rjust" => {
            let (width, fill) = pad(text, &args, m)?;
            let n = text.chars().count();
            if width <= n {
                return Ok(s(text.to_owned()));
            }
            crate::error::check_items(width, fill.len_utf8())?;
            let marg = width - n;
            let left = match m {
                "ljust" => 0,
                "rjust" => marg,
                // CPython's rule: the odd space goes left when the width is odd.
                _ => marg / 2 + (marg & width & 1),
            };
            let mut out: String = std::iter::repeat_n(fill, left).collect();
            out.push_str(text);
            out.extend(std::iter::repeat_n(fill, marg - left));
            s(out)
        }
        "zfill" => {
            exactly_one(&args, "str.zfill")?;
            let width = int_arg(&args.pos[0])?.max(0) as usize;
            let n = text.chars().count();
            if width <= n {
                return Ok(s(text.to_owned()));
            }
            crate::error::check_items(width, 1)?;
            let zeros = "0".repeat(width - n);
            match text.chars().next() {
                Some(c @ ('+' | '-')) => s(format!("{c}{zeros}{}", &text[1..])),
                _ => s(format!("{zeros}{text}")),
            }
        }
        "partition" | "rpartition" => {
            exactly_one(&args, &format!("str.{m}"))?;
            let sep = str_arg(&args.pos[0], "must be str")?;
            if sep.is_empty() {
                return Err(exc("ValueError", "empty separator"));
            }
            let found = if m == "partition" {
                text.find(sep)
            } else {
                text.rfind(sep)
            };
            let parts = match found {
                Some(i) => [&text[..i], sep, &text[i + sep.len()..]],
                None if m == "partition" => [text, "", ""],
                None => ["", "", text],
            };
            Value::tuple(parts.iter().map(|p| s((*p).to_owned())).collect())
        }
        "removeprefix" | "removesuffix" => {
            exactly_one(&args, &format!("str.{m}"))?;
            let a = str_arg(&args.pos[0], &format!("{m}() argument"))?;
            let r = if m == "removeprefix" {
                text.strip_prefix(a)
            } else {
                text.strip_suffix(a)
            };
            s(r.unwrap_or(text).to_owned())
        }
        "format" => s(crate::interp::format::str_format(interp, text, &args)?),
        "isdigit" | "isdecimal" => {
            no_args(&args, &format!("str.{m}"))?;
            if m == "isdigit" {
                is_all(text, crate::array::format::unicode::is_digit)
            } else {
                is_all(text, crate::array::format::unicode::is_decimal)
            }
        }
        "isnumeric" => {
            no_args(&args, "str.isnumeric")?;
            is_all(text, crate::array::format::unicode::is_numeric)
        }
        "isprintable" => {
            no_args(&args, "str.isprintable")?;
            // The empty string is printable.
            Value::Bool(text.chars().all(crate::array::format::unicode::is_printable))
        }
        "isalpha" => {
            no_args(&args, "str.isalpha")?;
            is_all(text, crate::array::format::unicode::is_alpha)
        }
        "isalnum" => {
            no_args(&args, "str.isalnum")?;
            is_all(text, |c| {
                use crate::array::format::unicode as u;
                u::is_alpha(c) || u::is_decimal(c) || u::is_digit(c) || u::is_numeric(c)
            })
        }
        "isspace" => {
            no_args(&args, "str.isspace")?;
            is_all(text, char::is_whitespace)
        }
        "isidentifier" => {
            no_args(&args, "str.isidentifier")?;
            let mut chars = text.chars();
            Value::Bool(
                chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
                    && chars.all(|c| c.is_alphanumeric() || c == '_'),
            )
        }
        "isupper" | "islower" => {
            no_args(&args, &format!("str.{m}"))?;
            let cased: Vec<char> = text.chars().filter(|c| c.is_uppercase() || c.is_lowercase()).collect();
            let want_upper = m == "isupper";
            Value::Bool(!cased.is_empty() && cased.iter().all(|c| c.is_uppercase() == want_upper))
        }
        "istitle" => {
            no_args(&args, "str.istitle")?;
            let mut prev_cased = false;
            let mut any = false;
            let mut ok = true;
            for c in text.chars() {
                if c.is_uppercase() {
                    ok &= !prev_cased;
                    prev_cased = true;
                    any = true;
                } else if c.is_lowercase() {
                    ok &= prev_cased;
                    prev_cased = true;
                    any = true;
                } else {
                    prev_cased = false;
                }
            }
            Value::Bool(ok && any)
        }
        _ => return Err(exc("AttributeError", format!("'str' object has no attribute '{m}'"))),
    })
}
