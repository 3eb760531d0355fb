//! NumPy 2 `repr`/`str` of arrays and scalars (`numpy/_core/arrayprint.py`,
//! `scalartypes.c.src`). Legacy print modes are not modelled: nt always prints like
//! NumPy >= 2.3 with `legacy=False`, `sign='-'`, `floatmode='maxprec'`.

use super::floatfmt::{self, Cutoff, D4, Trim};
use super::{Elems, FloatKind, NumpyOptions, c_strides, corner_offsets, plen, py_tuple};

/// Dtypes whose repr omits `dtype=` (`_typelessdata`: `int_`, `float64`, `complex128`,
/// `bool`).
const IMPLIED_DTYPES: [&str; 4] = ["int64", "float64", "complex128", "bool"];

/// `repr(a)`: `array([[1, 2],\n       [3, 4]])`. `dtype` is what NumPy prints after
/// `dtype=` (`float32`, `int32`, `object`, `'<U2'`); whether it is shown, and whether
/// `shape=(...)` is added, follows `_array_repr_implementation`.
pub fn numpy_repr(e: &Elems, shape: &[usize], dtype: &str, opts: &NumpyOptions) -> String {
    let prefix = "array(";
    let size = shape_size(shape);
    let lst = if size == 0 {
        "[]".to_string()
    } else {
        // array2string reduces the width by len(suffix) == len(")").
        let width = opts.linewidth as i64 - 1;
        array2string(e, shape, opts, ", ", plen(prefix), width)
    };
    let mut extras = Vec::new();
    if (size == 0 && shape != [0]) || size > opts.threshold {
        extras.push(format!("shape={}", py_tuple(shape)));
    }
    if !IMPLIED_DTYPES.contains(&dtype) || size == 0 {
        extras.push(format!("dtype={dtype}"));
    }
    if extras.is_empty() {
        return format!("{prefix}{lst})");
    }
    let arr_str = format!("{prefix}{lst},");
    let extra_str = format!("{})", extras.join(", "));
    let last_line_len = match arr_str.rfind('\n') {
        Some(p) => plen(&arr_str[p + 1..]),
        None => plen(&arr_str),
    };
    let spacer = if last_line_len + plen(&extra_str) + 1 > opts.linewidth {
        format!("\n{}", " ".repeat(plen(prefix)))
    } else {
        " ".to_string()
    };
    format!("{arr_str}{spacer}{extra_str}")
}

/// `str(a)`: `[[1 2]\n [3 4]]`; a 0-d array prints as `str` of its scalar.
pub fn numpy_str(e: &Elems, shape: &[usize], opts: &NumpyOptions) -> String {
    if shape.is_empty() {
        return numpy_scalar_str(e);
    }
    if shape_size(shape) == 0 {
        return "[]".to_string();
    }
    array2string(e, shape, opts, " ", 0, opts.linewidth as i64)
}

/// NumPy 2 scalar repr: `np.float64(3.0)`, `np.int32(3)`, `np.True_`, `np.str_('a')`.
/// Object "scalars" are plain Python objects, so their given repr is returned as is.
pub fn numpy_scalar_repr(e: &Elems, type_name: &str) -> String {
    match e {
        Elems::Bool(v) => {
            if v.first().copied().unwrap_or(false) {
                "np.True_".into()
            } else {
                "np.False_".into()
            }
        }
        Elems::Str(v) => format!("np.str_({})", py_str_repr(v.first().map_or("", |s| s.as_str()))),
        Elems::Object(v) => v.first().cloned().unwrap_or_default(),
        // `np.complex128(1+2j)`: the str's parentheses are dropped.
        Elems::Complex(..) => {
            let s = numpy_scalar_str(e);
            let inner = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')).unwrap_or(&s);
            format!("np.{type_name}({inner})")
        }
        _ => format!("np.{type_name}({})", numpy_scalar_str(e)),
    }
}

/// `str` of a NumPy scalar: `3.0`, `True`, `1e+16`, the raw string for `str_`.
pub fn numpy_scalar_str(e: &Elems) -> String {
    match e {
        Elems::Bool(v) => {
            if v.first().copied().unwrap_or(false) {
                "True".into()
            } else {
                "False".into()
            }
        }
        Elems::Int(v) => v.first().map_or(String::new(), |x| x.to_string()),
        Elems::UInt(v) => v.first().map_or(String::new(), |x| x.to_string()),
        Elems::Float(v, kind) => v.first().map_or(String::new(), |&x| float_scalar_str(x, *kind)),
        Elems::Complex(v, kind) => v.first().map_or(String::new(), |&c| complex_scalar_str(c, *kind)),
        Elems::Object(v) | Elems::Str(v) => v.first().cloned().unwrap_or_default(),
    }
}

/// NumPy has no bfloat16; treat it as float32 (its values are exact there).
fn np_kind(kind: FloatKind) -> FloatKind {
    if kind == FloatKind::BF16 { FloatKind::F32 } else { kind }
}

/// `floattype_str` / `halftype_str` (NumPy >= 2.3): shortest round-trip digits for the
/// type, positional for 0, NaN and 1e-4 <= |x| < 1e16 (f64) / 1e6 (f32) / 1e3 (f16).
fn float_scalar_str(x: f64, kind: FloatKind) -> String {
    let kind = np_kind(kind);
    let max_positional = match kind {
        FloatKind::F16 => 1e3,
        FloatKind::F32 | FloatKind::BF16 => 1e6,
        FloatKind::F64 => 1e16,
    };
    let a = x.abs();
    // f64(1e-4) is the smallest double >= 1e-4, so this equals C's `>= 1.e-4L`.
    if x.is_nan() || x == 0.0 || (a < max_positional && a >= 1e-4) {
        floatfmt::positional(x, kind, Cutoff::TotalLength, D4::plain(Trim::LeaveOneZero))
    } else {
        floatfmt::scientific(x, kind, D4::plain(Trim::DptZeros))
    }
}

/// `complextype_str`: `(1+2j)`, `2j` when the real part is +0, each part printed as a
/// float scalar with the trailing `.0` dropped; non-finite parts as `nan`/`inf`.
fn complex_scalar_str((re, im): (f64, f64), kind: FloatKind) -> String {
    let kind = np_kind(kind);
    let either = |x: f64, sign: bool| {
        let max_positional = match kind {
            FloatKind::F16 => 1e3,
            FloatKind::F32 | FloatKind::BF16 => 1e6,
            FloatKind::F64 => 1e16,
        };
        let a = x.abs();
        let o = D4 {
            sign,
            ..D4::plain(Trim::DptZeros)
        };
        if x.is_nan() || x == 0.0 || (a < max_positional && a >= 1e-4) {
            floatfmt::positional(x, kind, Cutoff::TotalLength, o)
        } else {
            floatfmt::scientific(x, kind, o)
        }
    };
    if re == 0.0 && !re.is_sign_negative() {
        let i = if im.is_finite() {
            either(im, false)
        } else {
            nonfinite(im, false)
        };
        return format!("{i}j");
    }
    let r = if re.is_finite() {
        either(re, false)
    } else {
        nonfinite(re, false)
    };
    let i = if im.is_finite() {
        either(im, true)
    } else {
        nonfinite(im, true)
    };
    format!("({r}{i}j)")
}

fn nonfinite(x: f64, sign: bool) -> String {
    let s = if x.is_nan() {
        "nan"
    } else if x < 0.0 {
        return "-inf".into();
    } else {
        "inf"
    };
    if sign { format!("+{s}") } else { s.into() }
}

fn shape_size(shape: &[usize]) -> usize {
    shape.iter().fold(1usize, |acc, &n| acc.saturating_mul(n))
}

// ---------------------------------------------------------------------------
// Element formatters (`_get_format_function`).
// ---------------------------------------------------------------------------

enum ElemFmt {
    Bool { truestr: &'static str },
    Int { width: usize },
    Float(FloatFormat),
    Complex(FloatFormat, FloatFormat),
    Verbatim,
    Quoted,
}

/// `FloatingFormat` with floatmode='maxprec', sign='-'.
struct FloatFormat {
    kind: FloatKind,
    exp_format: bool,
    precision: i32,
    min_digits: i32,
    trim: Trim,
    pad_left: i32,
    pad_right: i32,
    exp_size: i32,
    /// `sign='+'` (the imaginary parts of complex numbers).
    sign: bool,
}

impl FloatFormat {
    /// `FloatingFormat.fillFormat` over the (summarised) data.
    fn new(data: &[f64], kind: FloatKind, opts: &NumpyOptions, sign: bool) -> FloatFormat {
        let kind = np_kind(kind);
        let precision = i32::try_from(opts.precision).unwrap_or(i32::MAX).min(100_000);
        let finite: Vec<f64> = data.iter().copied().filter(|x| x.is_finite()).collect();
        let mut exp_format = false;
        let abs_nz: Vec<f64> = finite.iter().filter(|&&x| x != 0.0).map(|x| x.abs()).collect();
        if !abs_nz.is_empty() {
            let max = abs_nz.iter().copied().fold(f64::MIN, f64::max);
            let min = abs_nz.iter().copied().fold(f64::MAX, f64::min);
            // 10.**min(8, finfo(dtype).precision): f16 -> 3, f32 -> 6, f64 -> 15.
            let cutoff = match kind {
                FloatKind::F16 => 1e3,
                FloatKind::F32 | FloatKind::BF16 => 1e6,
                FloatKind::F64 => 1e8,
            };
            // NEP 50: the Python floats 0.0001 and the ratio are evaluated in the
            // array's own dtype, e.g. float32(1e-4) < 0.0001 is False.
            let small = floatfmt::round_to_kind(1e-4, kind);
            let ratio = floatfmt::round_to_kind(max / min, kind);
            if max >= cutoff || (!opts.suppress && (min < small || ratio > 1000.0)) {
                exp_format = true;
            }
        }
        let mut f = FloatFormat {
            kind,
            exp_format,
            precision,
            min_digits: -1,
            trim: Trim::Zeros,
            pad_left: 0,
            pad_right: 0,
            exp_size: -1,
            sign,
        };
        if finite.is_empty() {
            // pad_left = pad_right = 0, trim '.', exp_size -1, min_digits None.
        } else if exp_format {
            let mut exp_size = 0usize;
            let mut prec = 0usize;
            let mut pad_left = 0usize;
            for &x in &finite {
                let s = floatfmt::scientific(
                    x,
                    kind,
                    D4 {
                        precision,
                        sign,
                        ..D4::plain(Trim::Zeros)
                    },
                );
                let (mant, exp) = s.split_once('e').unwrap_or((s.as_str(), ""));
                exp_size = exp_size.max(plen(exp).saturating_sub(1));
                let (ip, fp) = mant.split_once('.').unwrap_or((mant, ""));
                prec = prec.max(plen(fp));
                pad_left = pad_left.max(plen(ip));
            }
            f.exp_size = exp_size as i32;
            f.trim = Trim::None;
            f.precision = prec as i32;
            f.min_digits = prec as i32;
            f.pad_left = pad_left as i32;
            f.pad_right = exp_size as i32 + 2 + prec as i32;
        } else {
            let mut pad_left = 0usize;
            let mut pad_right = 0usize;
            for &x in &finite {
                let s = floatfmt::positional(
                    x,
                    kind,
                    Cutoff::FractionLength,
                    D4 {
                        precision,
                        sign,
                        ..D4::plain(Trim::Zeros)
                    },
                );
                let (ip, fp) = s.split_once('.').unwrap_or((s.as_str(), ""));
                pad_left = pad_left.max(plen(ip));
                pad_right = pad_right.max(plen(fp));
            }
            f.pad_left = pad_left as i32;
            f.pad_right = pad_right as i32;
            f.trim = Trim::Zeros;
            f.min_digits = 0;
        }
        if finite.len() != data.len() {
            let neginf = (sign || data.iter().any(|&x| x.is_infinite() && x < 0.0)) as i32;
            let offset = f.pad_right + 1;
            f.pad_left = f.pad_left.max(3 - offset).max(3 + neginf - offset);
        }
        f
    }

    /// `FloatingFormat.__call__`.
    fn format(&self, x: f64) -> String {
        if !x.is_finite() {
            let ret = if x.is_nan() {
                if self.sign { "+nan" } else { "nan" }
            } else if x < 0.0 {
                "-inf"
            } else if self.sign {
                "+inf"
            } else {
                "inf"
            };
            let pad = (self.pad_left + self.pad_right + 1 - ret.len() as i32).max(0) as usize;
            return format!("{}{ret}", " ".repeat(pad));
        }
        if self.exp_format {
            floatfmt::scientific(
                x,
                self.kind,
                D4 {
                    precision: self.precision,
                    min_digits: self.min_digits,
                    trim: self.trim,
                    pad_left: self.pad_left,
                    pad_right: -1,
                    exp_digits: self.exp_size,
                    sign: self.sign,
                },
            )
        } else {
            floatfmt::positional(
                x,
                self.kind,
                Cutoff::FractionLength,
                D4 {
                    precision: self.precision,
                    min_digits: self.min_digits,
                    trim: self.trim,
                    pad_left: self.pad_left,
                    pad_right: self.pad_right,
                    exp_digits: -1,
                    sign: self.sign,
                },
            )
        }
    }
}

fn build_formatter(e: &Elems, offsets: &[usize], zero_d: bool, opts: &NumpyOptions) -> ElemFmt {
    match e {
        // " True" pads to the width of "False", except in 0-d arrays.
        Elems::Bool(_) => ElemFmt::Bool {
            truestr: if zero_d { "True" } else { " True" },
        },
        Elems::Int(v) => {
            let vals: Vec<i64> = offsets.iter().filter_map(|&o| v.get(o).copied()).collect();
            let width = match (vals.iter().max(), vals.iter().min()) {
                (Some(mx), Some(mn)) => mx.to_string().len().max(mn.to_string().len()),
                _ => 0,
            };
            ElemFmt::Int { width }
        }
        Elems::UInt(v) => {
            let vals: Vec<u64> = offsets.iter().filter_map(|&o| v.get(o).copied()).collect();
            let width = vals.iter().max().map_or(0, |m| m.to_string().len());
            ElemFmt::Int { width }
        }
        Elems::Float(v, kind) => {
            let vals: Vec<f64> = offsets.iter().filter_map(|&o| v.get(o).copied()).collect();
            ElemFmt::Float(FloatFormat::new(&vals, *kind, opts, false))
        }
        Elems::Complex(v, kind) => {
            let vals: Vec<(f64, f64)> = offsets.iter().filter_map(|&o| v.get(o).copied()).collect();
            let re: Vec<f64> = vals.iter().map(|c| c.0).collect();
            let im: Vec<f64> = vals.iter().map(|c| c.1).collect();
            ElemFmt::Complex(
                FloatFormat::new(&re, *kind, opts, false),
                FloatFormat::new(&im, *kind, opts, true),
            )
        }
        Elems::Object(_) => ElemFmt::Verbatim,
        Elems::Str(_) => ElemFmt::Quoted,
    }
}

fn format_elem(e: &Elems, f: &ElemFmt, off: usize) -> String {
    match (e, f) {
        (Elems::Bool(v), ElemFmt::Bool { truestr }) => {
            if v.get(off).copied().unwrap_or(false) {
                truestr.to_string()
            } else {
                "False".into()
            }
        }
        (Elems::Int(v), ElemFmt::Int { width }) => {
            format!("{:>w$}", v.get(off).copied().unwrap_or(0), w = *width)
        }
        (Elems::UInt(v), ElemFmt::Int { width }) => {
            format!("{:>w$}", v.get(off).copied().unwrap_or(0), w = *width)
        }
        (Elems::Float(v, _), ElemFmt::Float(ff)) => ff.format(v.get(off).copied().unwrap_or(f64::NAN)),
        // `ComplexFloatingFormat`: the 'j' goes before the imaginary part's padding.
        (Elems::Complex(v, _), ElemFmt::Complex(rf, imf)) => {
            let (re, im) = v.get(off).copied().unwrap_or((f64::NAN, f64::NAN));
            let r = rf.format(re);
            let i = imf.format(im);
            let sp = i.trim_end().len();
            format!("{r}{}j{}", &i[..sp], &i[sp..])
        }
        (Elems::Object(v), _) => v.get(off).cloned().unwrap_or_default(),
        (Elems::Str(v), _) => py_str_repr(v.get(off).map_or("", |s| s.as_str())),
        // Formatter and data always come from the same `Elems`; nothing to print otherwise.
        _ => String::new(),
    }
}

// ---------------------------------------------------------------------------
// Layout (`_array2string`, `_formatArray`).
// ---------------------------------------------------------------------------

struct Layout<'a> {
    e: &'a Elems,
    shape: &'a [usize],
    strides: Vec<usize>,
    fmt: ElemFmt,
    sep: &'a str,
    edge: usize,
    summary: bool,
}

fn array2string(e: &Elems, shape: &[usize], opts: &NumpyOptions, sep: &str, prefix_len: usize, width: i64) -> String {
    let summary = shape_size(shape) > opts.threshold;
    let offsets = corner_offsets(shape, opts.edgeitems, summary);
    let fmt = build_formatter(e, &offsets, shape.is_empty(), opts);
    let layout = Layout {
        e,
        shape,
        strides: c_strides(shape),
        fmt,
        sep,
        edge: opts.edgeitems,
        summary,
    };
    let next_line_prefix = " ".repeat(1 + prefix_len);
    layout.recurse(0, 0, &next_line_prefix, width)
}

impl Layout<'_> {
    fn recurse(&self, axis: usize, base: usize, hanging_indent: &str, curr_width: i64) -> String {
        let ndim = self.shape.len();
        if axis >= ndim {
            return format_elem(self.e, &self.fmt, base);
        }
        let axes_left = ndim - axis;
        let next_hanging_indent = format!("{hanging_indent} ");
        let next_width = curr_width - 1;
        let a_len = self.shape[axis];
        if a_len == 0 {
            return "[]".to_string();
        }
        let stride = self.strides[axis];
        let show_summary = self.summary && 2 * self.edge < a_len;
        let (leading, trailing) = if show_summary {
            (self.edge, self.edge)
        } else {
            (0, a_len)
        };
        let child = |i: usize| self.recurse(axis + 1, base + i * stride, &next_hanging_indent, next_width);
        let sep_r = rstrip(self.sep);
        let mut s = String::new();
        if axes_left == 1 {
            let elem_width = curr_width - (plen(sep_r).max(1) as i64);
            let mut line = hanging_indent.to_string();
            for i in 0..leading {
                extend_line_pretty(&mut s, &mut line, &child(i), elem_width, hanging_indent);
                line.push_str(self.sep);
            }
            if show_summary {
                extend_line(&mut s, &mut line, "...", elem_width, hanging_indent);
                line.push_str(self.sep);
            }
            for i in (2..=trailing).rev() {
                extend_line_pretty(&mut s, &mut line, &child(a_len - i), elem_width, hanging_indent);
                line.push_str(self.sep);
            }
            extend_line_pretty(&mut s, &mut line, &child(a_len - 1), elem_width, hanging_indent);
            s.push_str(&line);
        } else {
            let line_sep = format!("{sep_r}{}", "\n".repeat(axes_left - 1));
            for i in 0..leading {
                s.push_str(hanging_indent);
                s.push_str(&child(i));
                s.push_str(&line_sep);
            }
            if show_summary {
                s.push_str(hanging_indent);
                s.push_str("...");
                s.push_str(&line_sep);
            }
            for i in (2..=trailing).rev() {
                s.push_str(hanging_indent);
                s.push_str(&child(a_len - i));
                s.push_str(&line_sep);
            }
            s.push_str(hanging_indent);
            s.push_str(&child(a_len - 1));
        }
        // The hanging indent is ASCII spaces, so its byte length is its char length.
        format!("[{}]", s.get(hanging_indent.len()..).unwrap_or(""))
    }
}

/// `_extendLine`.
fn extend_line(s: &mut String, line: &mut String, word: &str, width: i64, next_line_prefix: &str) {
    let mut needs_wrap = (plen(line) + plen(word)) as i64 > width;
    if plen(line) <= plen(next_line_prefix) {
        // Don't wrap lines if it won't help.
        needs_wrap = false;
    }
    if needs_wrap {
        s.push_str(rstrip(line));
        s.push('\n');
        *line = next_line_prefix.to_string();
    }
    line.push_str(word);
}

/// `_extendLine_pretty`: multi-line words (e.g. nested array reprs in object arrays)
/// are laid out as a block.
fn extend_line_pretty(s: &mut String, line: &mut String, word: &str, width: i64, next_line_prefix: &str) {
    let words = py_splitlines(word);
    if words.len() <= 1 {
        return extend_line(s, line, word, width, next_line_prefix);
    }
    let max_word_length = words.iter().map(|w| plen(w)).max().unwrap_or(0);
    let indent;
    if (plen(line) + max_word_length) as i64 > width && plen(line) > plen(next_line_prefix) {
        s.push_str(rstrip(line));
        s.push('\n');
        *line = format!("{next_line_prefix}{}", words[0]);
        indent = next_line_prefix.to_string();
    } else {
        indent = " ".repeat(plen(line));
        line.push_str(words[0]);
    }
    for w in &words[1..] {
        s.push_str(rstrip(line));
        s.push('\n');
        *line = format!("{indent}{w}");
    }
    let last_len = words.last().map_or(0, |w| plen(w));
    line.push_str(&" ".repeat(max_word_length - last_len));
}

/// Python `str.isspace` per character (Rust's White_Space plus the 0x1c..0x1f
/// separators that Python also treats as whitespace).
fn py_is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn rstrip(s: &str) -> &str {
    s.trim_end_matches(py_is_space)
}

/// Python `str.splitlines()` (no keepends).
fn py_splitlines(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let is_break = matches!(
            c,
            '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{1c}' | '\u{1d}' | '\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        );
        if is_break {
            out.push(&s[start..i]);
            let mut end = i + c.len_utf8();
            if c == '\r'
                && let Some(&(j, '\n')) = it.peek()
            {
                it.next();
                end = j + 1;
            }
            start = end;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// Python `repr(str)`: single quotes unless the text has `'` and no `"`; escapes for
/// backslash, the quote, `\t \n \r`, other control characters and non-printable
/// code points. Printability is approximated without the Unicode database: C0/C1
/// controls, the separators and format characters listed below, surrogates and
/// private-use code points are escaped; unassigned code points are not detected.
pub fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ if c == quote => {
                out.push('\\');
                out.push(c);
            }
            _ if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            _ if (c as u32) < 0x7f => out.push(c),
            _ if !is_printable(c) => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n <= 0xffff {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            _ => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Non-ASCII printability (`Py_UNICODE_ISPRINTABLE`) for the common non-printable
/// ranges: Cc, Zs (other than space), Zl, Zp, Cf, Co, and noncharacters.
fn is_printable(c: char) -> bool {
    crate::array::format::unicode::is_printable(c)
}
