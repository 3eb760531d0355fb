//! The REPL's `:` commands (also in transcripts and `nt test`): `:time`, `:timeit`,
//! `:type`, `:who`, `:device`, `:load`, `:reset`, `:quit`, `:help`; IPython's line
//! magics map onto them (`magics.rs`).

use super::session::Session;
use crate::diagnostics::Diagnostic;
use crate::error::exc;
use crate::value::Value;
use std::time::{Duration, Instant};

const HELP: &str = "\
:time STMT      run STMT once and print its wall time
:timeit STMT    time STMT over many loops (IPython's %timeit: mean ± std. dev. of 7 runs;
                -n LOOPS and -r RUNS fix the counts)
:graph EXPR     the IR ops EXPR runs, and its fused kernels step by step
:type EXPR      kind, dtype, shape, device, requires_grad and bytes of EXPR's value
:who            the variables defined, with their shapes and dtypes
:device cpu|gpu where new tensors live from now on (as torch.set_default_device)
:load FILE      run FILE.nt in this session
:reset          forget every variable
:quit           leave nt (Ctrl-D does too)
:help [NAME]    this list, or help(NAME)

IPython's spellings work too: %timeit, %time, %who, %run FILE, %load FILE, %reset,
NAME? (help) and NAME?? (help and the source of a function typed in this session);
lines pasted with their >>> and ... prompts run without them.
";

/// IPython's `_format_time`: three significant digits in s, ms, µs or ns.
pub fn format_time(seconds: f64) -> String {
    if seconds >= 60.0 {
        let (m, s) = ((seconds / 60.0).floor(), seconds % 60.0);
        return format!("{m}min {}s", s.floor());
    }
    let units = ["s", "ms", "\u{3bc}s", "ns"];
    let order = if seconds > 0.0 {
        (-(seconds.log10().floor() as i64).div_euclid(3)).clamp(0, 3) as usize
    } else {
        3
    };
    let v = seconds * 1000f64.powi(order as i32);
    // `%.3g`: three significant digits, trailing zeros dropped.
    let digits = if v > 0.0 {
        (2 - v.log10().floor() as i64).max(0) as usize
    } else {
        0
    };
    let mut s = format!("{v:.digits$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    format!("{s} {}", units[order])
}

/// `100000` as `100,000`, as IPython prints loop counts.
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn usage(msg: &str) -> Diagnostic {
    Diagnostic::from(exc("UsageError", msg.to_string()))
}

/// Whether a global still holds what the session started with: a prelude name still
/// bound to a function, module, dtype or type of the same kind (data a user assigns to
/// it shows up).
fn same(p: &Value, v: &Value) -> bool {
    let data = matches!(
        v,
        Value::Array(_)
            | Value::Tensor(_)
            | Value::NpScalar(_)
            | Value::ObjArray(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Bool(_)
            | Value::Str(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Function(_)
            | Value::None
    );
    !data && p.type_name() == v.type_name()
}

fn describe(v: &Value) -> String {
    let shape = |s: &[usize]| {
        let inner: Vec<String> = s.iter().map(|d| d.to_string()).collect();
        if s.len() == 1 {
            format!("({},)", inner[0])
        } else {
            format!("({})", inner.join(", "))
        }
    };
    match v {
        Value::Array(a) => format!(
            "ndarray  dtype={}  shape={}  device=cpu  bytes={}",
            a.dtype.numpy_name(),
            shape(a.shape()),
            a.numel() * a.dtype.itemsize()
        ),
        Value::Tensor(t) => format!(
            "Tensor  dtype={}  shape={}  device={}  requires_grad={}  bytes={}",
            t.data().dtype.torch_name(),
            shape(t.data().shape()),
            if t.data().storage.borrow().on_gpu() {
                format!("{}:0", crate::nd::device::gpu_name())
            } else {
                "cpu".to_string()
            },
            if t.requires_grad.get() || t.grad_fn().is_some() {
                "True"
            } else {
                "False"
            },
            t.data().numel() * t.data().dtype.itemsize()
        ),
        other => other.type_name().to_string(),
    }
}

impl Session {
    /// Runs a `:` command line.
    pub fn command(&mut self, line: &str) -> Result<(), Diagnostic> {
        let line = line.trim();
        let (name, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim();
        let out = match name {
            ":help" if rest.is_empty() => HELP.to_string(),
            ":help" => return self.eval(&format!("help({rest})")),
            ":quit" | ":q" | ":exit" => {
                self.quit = true;
                String::new()
            }
            ":time" => {
                let t0 = Instant::now();
                let result = self.eval(rest);
                let took = t0.elapsed();
                result?;
                format!("Wall time: {}\n", format_time(took.as_secs_f64()))
            }
            ":timeit" => self.timeit(rest)?,
            ":graph" => {
                crate::ir::trace_start();
                let v = self.value_of(rest);
                let lines = crate::ir::trace_take();
                v?;
                if lines.is_empty() {
                    "(no array operations)\n".to_string()
                } else {
                    lines.iter().map(|l| format!("{l}\n")).collect()
                }
            }
            ":type" => {
                let v = self.value_of(rest)?;
                format!("{}\n", describe(&v))
            }
            ":who" => {
                let vars = self.interp.globals.vars.borrow();
                let mut names: Vec<(String, String)> = vars
                    .iter()
                    // Dunder names (`__name__`) are the module's own, hidden as IPython's %who does.
                    .filter(|(k, v)| !k.as_str().starts_with("__") && !self.prelude.get(*k).is_some_and(|p| same(p, v)))
                    .map(|(k, v)| (k.as_str().to_string(), describe(v)))
                    .collect();
                names.sort();
                names.iter().map(|(k, d)| format!("{k:<12}{d}\n")).collect()
            }
            ":reset" => {
                *self.interp.globals.vars.borrow_mut() = self.prelude.clone();
                String::new()
            }
            ":device" => {
                let gpu = match rest {
                    "cpu" => false,
                    "gpu" | "cuda" | "mps" => true,
                    _ => return Err(usage(":device takes cpu or gpu")),
                };
                crate::nd::device::set_default(gpu).map_err(Diagnostic::from)?;
                String::new()
            }
            ":load" => {
                let src =
                    std::fs::read_to_string(rest).map_err(|e| usage(&format!("can't open file '{rest}': {e}")))?;
                self.run_script(rest, &src)?;
                String::new()
            }
            _ => return Err(usage(&format!("unknown command {name} (:help lists them)"))),
        };
        self.interp.write(&out);
        self.interp.flush();
        Ok(())
    }

    /// `x?` (help(x)) and `x??` (also the source of a function defined in this session).
    pub fn help(&mut self, expr: &str, source: bool) -> Result<(), Diagnostic> {
        self.eval(&format!("help({expr})"))?;
        if !source {
            return Ok(());
        }
        if let Value::Function(f) = self.value_of(expr)? {
            let end = f
                .def
                .body
                .last()
                .map_or(f.def.span.end, |s| s.span.end.max(f.def.span.end));
            if let Some(src) = self.interp.sources.find(f.def.span.start) {
                let (a, b) = (f.def.span.start - src.base, end - src.base);
                let start = src.text[..a.min(src.text.len())].rfind('\n').map_or(0, |i| i + 1);
                if let Some(text) = src.text.get(start..b.min(src.text.len())) {
                    let out = format!("Source:\n{text}\n");
                    self.interp.write(&out);
                    self.interp.flush();
                }
            }
        }
        Ok(())
    }

    /// The value of an expression, without echoing it.
    fn value_of(&mut self, expr: &str) -> Result<Value, Diagnostic> {
        let name = crate::syntax::symbol::Sym::new("__nt_type__");
        self.run_script("<stdin>", &format!("__nt_type__ = {expr}"))?;
        let v = self.interp.globals.remove(name).unwrap_or(Value::None);
        Ok(v)
    }

    /// IPython's `%timeit`: the number of loops grows by tens until one run takes 0.2 s;
    /// then 7 runs, reported as mean ± standard deviation per loop.
    fn timeit(&mut self, rest: &str) -> Result<String, Diagnostic> {
        let (fixed, runs, stmt) = super::magics::timeit_options(rest)?;
        if stmt.is_empty() {
            return Err(usage(":timeit needs a statement"));
        }
        let runner = self.prepare(stmt)?;
        let mut run = |loops: u64| -> Result<Duration, Diagnostic> {
            let t0 = Instant::now();
            for _ in 0..loops {
                self.run_prepared(&runner)?;
            }
            Ok(t0.elapsed())
        };
        let loops = match fixed {
            Some(n) => n,
            None => {
                let mut loops = 1u64;
                loop {
                    if run(loops)?.as_secs_f64() >= 0.2 || loops >= 10_000_000 {
                        break loops;
                    }
                    loops *= 10;
                }
            }
        };
        let times: Vec<f64> = (0..runs)
            .map(|_| run(loops).map(|d| d.as_secs_f64() / loops as f64))
            .collect::<Result<_, _>>()?;
        let mean = times.iter().sum::<f64>() / runs as f64;
        let std = (times.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / runs as f64).sqrt();
        let plural = if loops == 1 { "" } else { "s" };
        let run_plural = if runs == 1 { "" } else { "s" };
        let count = group_thousands(loops);
        Ok(format!(
            "{} ± {} per loop (mean ± std. dev. of {runs} run{run_plural}, {count} loop{plural} each)\n",
            format_time(mean),
            format_time(std)
        ))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_format_as_ipython_does() {
        // Generated by IPython's own `_format_time` (tests/reference/gen_format_time.py).
        let cases = include_str!("../../tests/reference/format_time_cases.txt");
        for line in cases.lines() {
            let (t, want) = line.split_once('\t').unwrap_or_default();
            assert_eq!(super::format_time(t.parse().unwrap_or(f64::NAN)), want, "{t}");
        }
    }
}
