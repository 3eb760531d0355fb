//! A `.npy` header: the Python dict literal NumPy writes, read as NumPy's
//! `_read_array_header` reads it (`ast.literal_eval`, then its checks): a later key wins
//! over an earlier one, exactly the keys `descr`, `fortran_order` and `shape`, a real
//! bool, a tuple of ints. What NumPy rejects is `Rejected` with NumPy's text.

/// A literal in the header.
#[derive(Debug)]
enum Lit {
    Str(String),
    Bool(bool),
    Int(i128),
    Tuple(Vec<Lit>),
    Dict(Vec<(Lit, Lit)>),
    /// Anything else literal_eval accepts (a float, a list, None).
    Other,
}

/// Why a header was refused.
#[derive(Debug)]
pub enum HeaderError {
    /// NumPy refuses it too, with this `ValueError` text.
    Rejected(String),
    /// Not a header at all (cut short, not a literal).
    Malformed(String),
}

/// The three fields of a valid header: `descr` (a string; structured dtypes are not
/// read), `fortran_order`, `shape`.
pub struct Fields {
    pub descr: String,
    pub fortran: bool,
    pub shape: Vec<i128>,
}

struct P<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> P<'a> {
    fn ws(&mut self) {
        while self.s[self.i..].starts_with(|c: char| c.is_whitespace()) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.ws();
        if self.s[self.i..].starts_with(c) {
            self.i += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// Items up to `close`, separated by commas (a trailing comma allowed); `tuple` says
    /// whether one item without a comma is a parenthesised value instead.
    fn items(&mut self, close: char) -> Result<(Vec<Lit>, bool), String> {
        let mut out = Vec::new();
        let mut comma = false;
        loop {
            if self.eat(close) {
                return Ok((out, comma));
            }
            out.push(self.value()?);
            comma = self.eat(',');
            if !comma {
                if self.eat(close) {
                    return Ok((out, false));
                }
                return Err("expected ',' in the header".into());
            }
        }
    }

    fn value(&mut self) -> Result<Lit, String> {
        self.ws();
        let rest = &self.s[self.i..];
        let c = rest.chars().next().ok_or("the header ends early")?;
        match c {
            '\'' | '"' => {
                let end = rest[1..].find(c).ok_or("unterminated string in the header")?;
                self.i += end + 2;
                Ok(Lit::Str(rest[1..1 + end].to_string()))
            }
            '(' => {
                self.i += 1;
                let (items, comma) = self.items(')')?;
                Ok(match (items.len(), comma) {
                    (1, false) => items.into_iter().next().unwrap_or(Lit::Other),
                    _ => Lit::Tuple(items),
                })
            }
            '[' => {
                self.i += 1;
                self.items(']')?;
                Ok(Lit::Other)
            }
            '{' => {
                self.i += 1;
                let mut pairs = Vec::new();
                loop {
                    if self.eat('}') {
                        return Ok(Lit::Dict(pairs));
                    }
                    let k = self.value()?;
                    if !self.eat(':') {
                        return Err("expected ':' in the header".into());
                    }
                    let v = self.value()?;
                    pairs.push((k, v));
                    if !self.eat(',') {
                        if self.eat('}') {
                            return Ok(Lit::Dict(pairs));
                        }
                        return Err("expected ',' in the header".into());
                    }
                }
            }
            _ => {
                let len = rest
                    .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '+' | '-')))
                    .unwrap_or(rest.len());
                let word = &rest[..len];
                self.i += len;
                match word {
                    "True" => Ok(Lit::Bool(true)),
                    "False" => Ok(Lit::Bool(false)),
                    "None" => Ok(Lit::Other),
                    w => match w.parse::<i128>() {
                        Ok(n) => Ok(Lit::Int(n)),
                        Err(_) if w.parse::<f64>().is_ok() => Ok(Lit::Other),
                        Err(_) => Err(format!("'{w}' in the header is not a literal")),
                    },
                }
            }
        }
    }
}

/// The source text of the value that starts at key `key`'s colon (for messages that
/// show it as NumPy's `{d[key]!r}` does).
fn written(text: &str, key: &str) -> String {
    let Some(at) = text.rfind(&format!("'{key}'")) else {
        return String::new();
    };
    let rest = text[at + key.len() + 2..]
        .trim_start()
        .trim_start_matches(':')
        .trim_start();
    let mut depth = 0i32;
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' | '}' if depth == 0 => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    rest[..end].trim().to_string()
}

/// Reads the header dict and checks it as NumPy does.
pub fn parse(text: &str) -> Result<Fields, HeaderError> {
    let mut p = P { s: text, i: 0 };
    let lit = p.value().map_err(HeaderError::Malformed)?;
    let Lit::Dict(pairs) = lit else {
        return Err(HeaderError::Rejected(format!(
            "Header is not a dictionary: {}",
            text.trim()
        )));
    };
    // A later key wins, as in a Python dict literal.
    let mut descr = None;
    let mut fortran = None;
    let mut shape = None;
    let mut keys: Vec<String> = Vec::new();
    for (k, v) in pairs {
        let Lit::Str(k) = k else {
            return Err(HeaderError::Malformed("a header key is not a string".into()));
        };
        match k.as_str() {
            "descr" => descr = Some(v),
            "fortran_order" => fortran = Some(v),
            "shape" => shape = Some(v),
            _ => {}
        }
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.sort();
    if keys != ["descr", "fortran_order", "shape"] {
        let shown: Vec<String> = keys.iter().map(|k| format!("'{k}'")).collect();
        return Err(HeaderError::Rejected(format!(
            "Header does not contain the correct keys: [{}]",
            shown.join(", ")
        )));
    }
    let shape = match shape {
        Some(Lit::Tuple(items)) if items.iter().all(|i| matches!(i, Lit::Int(_))) => items
            .into_iter()
            .map(|i| if let Lit::Int(n) = i { n } else { 0 })
            .collect(),
        _ => {
            return Err(HeaderError::Rejected(format!(
                "shape is not valid: {}",
                written(text, "shape")
            )));
        }
    };
    let fortran = match fortran {
        Some(Lit::Bool(b)) => b,
        _ => {
            return Err(HeaderError::Rejected(format!(
                "fortran_order is not a valid bool: {}",
                written(text, "fortran_order")
            )));
        }
    };
    let descr = match descr {
        Some(Lit::Str(d)) => d,
        _ => {
            return Err(HeaderError::Malformed(format!(
                "unsupported dtype descriptor {}",
                written(text, "descr")
            )));
        }
    };
    Ok(Fields { descr, fortran, shape })
}
