//! PyTorch tensor `repr` (== `str`), following `torch/_tensor_str.py`: `_Formatter`,
//! `_vector_str`, `_tensor_str_with_formatter`, `get_summarized_data`, `_add_suffixes`.

use super::floatfmt;
use super::{Elems, TorchOptions, c_strides, corner_offsets, plen};

const PREFIX: &str = "tensor(";

/// `repr(t)`: `tensor([[1, 2],\n        [3, 4]])`. `suffixes` are the already-decided
/// suffix strings in order (`dtype=torch.float64`, `grad_fn=<MulBackward0>`, ...);
/// this lays out the data and wraps the suffixes like `_add_suffixes`.
///
/// PyTorch itself adds `size=(...)` when `edgeitems == 0` on a non-empty tensor;
/// like every other suffix that is the caller's decision.
pub fn torch_repr(e: &Elems, shape: &[usize], suffixes: &[String], opts: &TorchOptions) -> String {
    let indent = plen(PREFIX);
    let numel = shape.iter().fold(1usize, |acc, &n| acc.saturating_mul(n));
    let body = if numel == 0 {
        "[]".to_string()
    } else {
        let summarize = numel > opts.threshold;
        let offsets = summarized_offsets(shape, opts.edgeitems, summarize);
        // Complex tensors: one formatter for the real parts, one for the imaginary.
        let parts = match e {
            Elems::Complex(v, kind) => Some((
                Elems::Float(v.iter().map(|c| c.0).collect(), *kind),
                Elems::Float(v.iter().map(|c| c.1).collect(), *kind),
            )),
            _ => None,
        };
        let (e, imag) = match &parts {
            Some((re, im)) => (re, Some((im, Formatter::new(im, &offsets, opts)))),
            None => (e, None),
        };
        let fmt = Formatter::new(e, &offsets, opts);
        let printer = Printer {
            e,
            imag,
            shape,
            strides: c_strides(shape),
            fmt,
            opts,
            summarize,
        };
        printer.tensor_str(0, 0, indent)
    };
    add_suffixes(&format!("{PREFIX}{body}"), suffixes, indent, opts.linewidth)
}

/// Offsets of the elements `get_summarized_data` keeps (the formatter's input).
fn summarized_offsets(shape: &[usize], edge: usize, summarize: bool) -> Vec<usize> {
    if summarize && edge == 0 && shape.len() >= 2 {
        // `self.new_empty([0] * self.dim())`: the formatter sees no data at all.
        return Vec::new();
    }
    corner_offsets(shape, edge, summarize)
}

/// `_Formatter` for one tensor.
struct Formatter {
    floating: bool,
    int_mode: bool,
    sci_mode: bool,
    max_width: usize,
    precision: usize,
}

impl Formatter {
    fn new(e: &Elems, offsets: &[usize], opts: &TorchOptions) -> Formatter {
        let mut f = Formatter {
            floating: false,
            int_mode: true,
            sci_mode: false,
            max_width: 1,
            precision: opts.precision,
        };
        let vals = match e {
            Elems::Float(v, _) => v,
            _ => {
                for &o in offsets {
                    f.max_width = f.max_width.max(plen(&plain_str(e, o)));
                }
                return f;
            }
        };
        f.floating = true;
        let nz: Vec<f64> = offsets
            .iter()
            .filter_map(|&o| vals.get(o).copied())
            .filter(|x| x.is_finite() && *x != 0.0)
            .collect();
        if nz.is_empty() {
            // No valid number: int_mode stays on, width 1.
            return f;
        }
        // Statistics are taken in float64 (`tensor_totype`).
        let max = nz.iter().map(|x| x.abs()).fold(f64::MIN, f64::max);
        let min = nz.iter().map(|x| x.abs()).fold(f64::MAX, f64::min);
        f.int_mode = nz.iter().all(|x| *x == x.ceil());
        f.sci_mode = opts
            .sci_mode
            .unwrap_or(max / min > 1000.0 || max > 1.0e8 || min < 1.0e-4);
        let p = opts.precision;
        for &x in &nz {
            let w = if f.sci_mode {
                plen(&floatfmt::py_exp(x, p))
            } else if f.int_mode {
                // The trailing "." that marks a float is counted here.
                plen(&floatfmt::py_fixed(x, 0)) + 1
            } else {
                plen(&floatfmt::py_fixed(x, p))
            };
            f.max_width = f.max_width.max(w);
        }
        f
    }

    /// `_Formatter.format`: right-aligned to `max_width`.
    fn format(&self, e: &Elems, off: usize) -> String {
        let ret = match e {
            Elems::Float(v, _) if self.floating => {
                let x = v.get(off).copied().unwrap_or(f64::NAN);
                if self.sci_mode {
                    floatfmt::py_exp(x, self.precision)
                } else if self.int_mode {
                    let mut s = floatfmt::py_fixed(x, 0);
                    if x.is_finite() {
                        s.push('.');
                    }
                    s
                } else {
                    floatfmt::py_fixed(x, self.precision)
                }
            }
            _ => plain_str(e, off),
        };
        let pad = self.max_width.saturating_sub(plen(&ret));
        format!("{}{ret}", " ".repeat(pad))
    }
}

/// `f"{value}"` for non-floating elements.
fn plain_str(e: &Elems, off: usize) -> String {
    match e {
        Elems::Bool(v) => if v.get(off).copied().unwrap_or(false) {
            "True"
        } else {
            "False"
        }
        .to_string(),
        Elems::Int(v) => v.get(off).map_or(String::new(), |x| x.to_string()),
        Elems::UInt(v) => v.get(off).map_or(String::new(), |x| x.to_string()),
        Elems::Float(v, _) => v.get(off).map_or(String::new(), |x| floatfmt::py_fixed(*x, 4)),
        Elems::Complex(v, _) => v.get(off).map_or(String::new(), |c| {
            format!("{}+{}j", floatfmt::py_fixed(c.0, 4), floatfmt::py_fixed(c.1, 4))
        }),
        Elems::Object(v) | Elems::Str(v) => v.get(off).cloned().unwrap_or_default(),
    }
}

struct Printer<'a> {
    e: &'a Elems,
    /// The imaginary parts and their formatter, for a complex tensor (`e` then holds the
    /// real parts).
    imag: Option<(&'a Elems, Formatter)>,
    shape: &'a [usize],
    strides: Vec<usize>,
    fmt: Formatter,
    opts: &'a TorchOptions,
    summarize: bool,
}

impl Printer<'_> {
    /// `_tensor_str_with_formatter` for the sub-tensor at `axis` starting at `base`.
    fn tensor_str(&self, axis: usize, base: usize, indent: usize) -> String {
        let dim = self.shape.len() - axis.min(self.shape.len());
        if dim == 0 {
            return self.elem(base);
        }
        let len = self.shape[axis];
        let stride = self.strides[axis];
        let edge = self.opts.edgeitems;
        if dim == 1 {
            return self.vector_str(base, stride, len, indent);
        }
        let child = |i: usize| self.tensor_str(axis + 1, base + i * stride, indent + 1);
        let slices: Vec<String> = if self.summarize && len > 2 * edge {
            (0..edge)
                .map(child)
                .chain(std::iter::once("...".to_string()))
                .chain((len - edge..len).map(child))
                .collect()
        } else {
            (0..len).map(child).collect()
        };
        let joiner = format!(",{}{}", "\n".repeat(dim - 1), " ".repeat(indent + 1));
        format!("[{}]", slices.join(&joiner))
    }

    /// One element: `_val_formatter` / `_scalar_str`.
    fn elem(&self, off: usize) -> String {
        let real = self.fmt.format(self.e, off);
        let Some((im, f2)) = &self.imag else {
            return real;
        };
        let imag = format!("{}j", f2.format(im, off));
        let imag = imag.trim_start();
        if imag.starts_with(['+', '-']) {
            format!("{real}{imag}")
        } else {
            format!("{real}+{imag}")
        }
    }

    /// `_vector_str`: a fixed number of elements per line.
    fn vector_str(&self, base: usize, stride: usize, len: usize, indent: usize) -> String {
        let mut element_length = (self.fmt.max_width + 2) as i64;
        if let Some((_, f2)) = &self.imag {
            element_length += f2.max_width as i64 + 1;
        }
        let per_line = (self.opts.linewidth as i64 - indent as i64)
            .div_euclid(element_length)
            .max(1) as usize;
        let edge = self.opts.edgeitems;
        let item = |i: usize| self.elem(base + i * stride);
        let data: Vec<String> = if self.summarize && edge == 0 {
            vec!["...".to_string()]
        } else if self.summarize && len > 2 * edge {
            (0..edge)
                .map(item)
                .chain(std::iter::once(" ...".to_string()))
                .chain((len - edge..len).map(item))
                .collect()
        } else {
            (0..len).map(item).collect()
        };
        let lines: Vec<String> = data.chunks(per_line).map(|c| c.join(", ")).collect();
        let joiner = format!(",\n{}", " ".repeat(indent + 1));
        format!("[{}]", lines.join(&joiner))
    }
}

/// `_add_suffixes` (with `force_newline=False`, as for all dense tensors).
fn add_suffixes(tensor_str: &str, suffixes: &[String], indent: usize, linewidth: usize) -> String {
    let mut out = tensor_str.to_string();
    // len(s) - s.rfind("\n") + 1, with rfind == -1 when there is no newline.
    let total = plen(tensor_str) as i64;
    let last_nl = match tensor_str.rfind('\n') {
        Some(p) => plen(&tensor_str[..p]) as i64,
        None => -1,
    };
    let mut last_line_len = total - last_nl + 1;
    for suffix in suffixes {
        let n = plen(suffix) as i64;
        if last_line_len + n + 2 > linewidth as i64 {
            out.push_str(",\n");
            out.push_str(&" ".repeat(indent));
            out.push_str(suffix);
            last_line_len = indent as i64 + n;
        } else {
            out.push_str(", ");
            out.push_str(suffix);
            last_line_len += n + 2;
        }
    }
    out.push(')');
    out
}
