//! In-tree fuzzing (stable Rust, no cargo-fuzz): random and mutated source for the
//! lexer/parser, and generated programs for the evaluator. Nothing may panic, report an
//! internal error, hang (a watchdog interrupts a case after a few seconds) or grow memory
//! without bound.
//!
//! `cargo test --test fuzz` runs a fixed, seeded budget (a few seconds). For long runs:
//!     NT_FUZZ_SECONDS=600 cargo test --release --test fuzz -- --nocapture
//! runs each target for that long with fresh seeds and prints what it ran. A crash found
//! becomes a regression snippet in tests/errors/ (or a test here) named after it.

mod common;

use nt::repl::session::{Session, SharedBuf};
use std::time::{Duration, Instant};

/// xorshift64*: small, seedable, good enough to pick grammar productions.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// How long to fuzz: `NT_FUZZ_SECONDS`, else a fixed number of cases.
fn budget() -> Option<Duration> {
    std::env::var("NT_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(Duration::from_secs)
}

fn seed() -> u64 {
    match budget() {
        Some(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64 | 1),
        None => 0x9e37_79b9_7f4a_7c15,
    }
}

/// Source text to start mutations from: the error corpus and the reference sessions.
fn corpus() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut out = Vec::new();
    for dir in ["errors", "reference/arrays", "transcripts"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths.into_iter().filter(|p| p.extension().is_some_and(|x| x == "nt")) {
            if let Ok(text) = std::fs::read_to_string(&p) {
                out.extend(text.split("\n# ---\n").map(str::to_owned));
            }
        }
    }
    out
}

const PIECES: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ".",
    "'",
    "\"",
    "\"\"\"",
    "f'{",
    "}",
    "\n",
    "\n    ",
    "\t",
    "#",
    "\\",
    "=",
    "==",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "@",
    "<<",
    ">>",
    "&",
    "|",
    "^",
    "~",
    "<",
    ">",
    "!=",
    "->",
    "...",
    "lambda",
    "def",
    "if",
    "else",
    "elif",
    "for",
    "in",
    "while",
    "return",
    "with",
    "import",
    "from",
    "as",
    "not",
    "and",
    "or",
    "None",
    "True",
    "1",
    "0",
    "-1",
    "2.5",
    "1e308",
    "1e-400",
    "0x1F",
    "9",
    "é",
    "\u{0}",
    "\u{feff}",
    "x",
    "tensor",
    "array",
    "np.",
    "torch.",
    "zeros(",
    "print(",
    "[:",
    "::",
    "None,",
    "*args",
    "del",
    "assert",
    "class",
    "try:",
    "except",
    "finally:",
    "raise",
    "yield",
    "yield from",
    "global",
    "nonlocal",
    ":=",
    "{1, 2}",
    "set()",
    "@",
    "**kw",
    "super().",
    "import random",
    "from . import",
    "with open(",
    "/",
];

fn mutate(rng: &mut Rng, base: &str) -> String {
    let mut s: Vec<char> = base.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(s.len() + 1);
        match rng.below(5) {
            0 if !s.is_empty() => {
                let len = 1 + rng.below(8);
                s.drain(at.min(s.len() - 1)..(at + len).min(s.len()));
            }
            1 => {
                let piece = rng.pick(PIECES);
                for (k, c) in piece.chars().enumerate() {
                    s.insert((at + k).min(s.len()), c);
                }
            }
            2 if !s.is_empty() => {
                let from = rng.below(s.len());
                let len = (1 + rng.below(12)).min(s.len() - from);
                let chunk: Vec<char> = s[from..from + len].to_vec();
                for (k, c) in chunk.into_iter().enumerate() {
                    s.insert((at + k).min(s.len()), c);
                }
            }
            3 => {
                let c = char::from_u32(rng.below(0x80) as u32).unwrap_or('?');
                s.insert(at.min(s.len()), c);
            }
            _ => {
                let piece: String = (0..1 + rng.below(6)).map(|_| *rng.pick(PIECES)).collect();
                s.splice(at.min(s.len())..at.min(s.len()), piece.chars());
            }
        }
    }
    s.into_iter().collect()
}

/// Runs `code` in `s`; a panic or an internal error is a finding.
fn check(s: &mut Session, code: &str) -> Result<(), String> {
    match s.eval(code) {
        Err(d) if d.kind == "SystemError" || d.message.contains("internal error") => {
            Err(format!("internal error for:\n{code}\n-> {}", d.headline()))
        }
        _ => Ok(()),
    }
}

fn resident_kb() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse::<u64>().ok()))
        .map_or(0, |pages| pages * 4)
}

#[test]
fn the_parser_survives_random_and_mutated_source() {
    let found = common::big_stack(|| {
        let corpus = corpus();
        let mut rng = Rng(seed());
        let start = Instant::now();
        let (mut n, mut findings) = (0usize, Vec::new());
        loop {
            let done = match budget() {
                Some(b) => start.elapsed() >= b,
                None => n >= 4000,
            };
            if done {
                break;
            }
            let code = if rng.below(4) == 0 {
                (0..1 + rng.below(30)).map(|_| *rng.pick(PIECES)).collect::<String>()
            } else {
                let base = rng.pick(&corpus).clone();
                mutate(&mut rng, &base)
            };
            // Parsing alone: every outcome but a panic is fine.
            let parsed = std::panic::catch_unwind(|| nt::syntax::parse_file(&code, 0).map(|_| ()));
            if parsed.is_err() {
                findings.push(format!("parser panic for:\n{code:?}"));
            }
            n += 1;
        }
        if budget().is_some() {
            eprintln!(
                "parser fuzz: {n} inputs in {:?}, {} findings",
                start.elapsed(),
                findings.len()
            );
        }
        findings
    });
    assert!(found.is_empty(), "{}", found.join("\n\n"));
}

/// A random expression over the session's variables.
fn expr(rng: &mut Rng, depth: usize) -> String {
    const LEAVES: &[&str] = &[
        "a",
        "b",
        "t",
        "u",
        "s",
        "m",
        "n",
        "e",
        "0",
        "1",
        "-2",
        "2.5",
        "0.0",
        "True",
        "None",
        "[1, 2, 3]",
        "(2, 3)",
        "float('nan')",
        "float('inf')",
        "2 ** 62",
    ];
    const UNARY: &[&str] = &[
        "-{}",
        "~{}",
        "not {}",
        "abs({})",
        "{}.sum()",
        "{}.mean()",
        "{}.T",
        "{}.reshape(-1)",
        "{}.max()",
        "{}[0]",
        "{}[-1]",
        "{}[1:]",
        "{}[::2]",
        "{}[None]",
        "{}[...]",
        "{}.shape",
        "len({})",
        "{}.dtype",
        "{}.float()",
        "{}.astype(np.int8)",
        "exp({})",
        "sqrt({})",
        "{}.cumsum(0)",
        "{}.argmax()",
        "{}.tolist()",
        "np.sort({})",
        "torch.sort({})",
        "{}.unsqueeze(0)",
        "{}.squeeze()",
        "{}.flatten()",
        "repr({})",
        "str({})",
        "{}.item()",
        "int({})",
        "bool({})",
        "np.asarray({})",
        "torch.as_tensor({})",
        "{}.clone()",
        "{}.copy()",
        "{}.sum(axis=1)",
        "{}.sum(dim=-1)",
        "{}.std()",
        "np.unique({})",
        "torch.topk({}, 2)",
        "{}.numpy()",
        "F.relu({})",
        "F.softmax({}, dim=0)",
        "np.linalg.det({})",
        "torch.linalg.inv({})",
        "np.einsum('ij->ji', {})",
    ];
    const BINARY: &[&str] = &[
        "{} + {}",
        "{} - {}",
        "{} * {}",
        "{} / {}",
        "{} // {}",
        "{} % {}",
        "{} ** {}",
        "{} @ {}",
        "{} < {}",
        "{} == {}",
        "{} & {}",
        "{} | {}",
        "{} << {}",
        "where({} > 0, {}, 0)",
        "np.maximum({}, {})",
        "torch.cat([{}, {}])",
        "np.concatenate([{}, {}])",
        "{}[{}]",
        "max({}, {})",
        "[{}, {}]",
        "({}, {})",
        "{} if {} else 0",
        "np.isclose({}, {})",
        "torch.stack([{}, {}])",
        "np.outer({}, {})",
    ];
    if depth == 0 || rng.below(4) == 0 {
        return rng.pick(LEAVES).to_string();
    }
    if rng.below(2) == 0 {
        rng.pick(UNARY).replacen("{}", &expr(rng, depth - 1), 1)
    } else {
        let t = rng.pick(BINARY);
        let l = expr(rng, depth - 1);
        let r = expr(rng, depth - 1);
        t.replacen("{}", &l, 1).replacen("{}", &r, 1).replacen("{}", "a", 1)
    }
}

/// Sizes a statement can ask for (issue 17): small, negative, and beyond any machine's
/// memory (never one that fits but is huge: the fuzzer watches resident memory).
const SIZES: &[&str] = &["3", "0", "-1", "2 ** 40", "2 ** 62"];

fn statement(rng: &mut Rng) -> String {
    let e = expr(rng, 3);
    let size = SIZES[rng.below(SIZES.len())];
    match rng.below(20) {
        // The language of issue 18: sets, :=, classes with special methods, exceptions,
        // generators, context managers, the standard modules.
        12 => format!(
            "z = {{{e}, 1, (2, 3)}}
z | {{{e}}}
z & set([{e}])
sorted(z, key=repr)"
        ),
        13 => format!(
            "if (w := {e}) is not None:
    w
[y := {e} for _ in range(2)]"
        ),
        14 => format!(
            "class K:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return K(self.v + {e})
    def __repr__(self):
        return repr(self.v)
K(1) + K(2)"
        ),
        15 => format!(
            "try:
    q = {e}
    raise ValueError(q)
except (ValueError, TypeError) as err:
    err.args
finally:
    pass"
        ),
        16 => format!(
            "def g():
    yield {e}
    yield from [1, 2]
list(g())
(x for x in [{e}])"
        ),
        17 => format!(
            "import random
random.seed(1)
random.choice([{e}, 1])
import itertools
list(itertools.islice(itertools.count(), 3))"
        ),
        18 => format!(
            "class C:
    def __enter__(self):
        return {e}
    def __exit__(self, *a):
        return True
with C() as c:
    1 / 0"
        ),
        19 => format!(
            "from collections import Counter, defaultdict
Counter([{e}, 1, 1])
d = defaultdict(list)
d[{e}]"
        ),
        0 => format!("a = {e}"),
        1 => format!("t[0] = {e}"),
        2 => format!("a += {e}"),
        3 => format!("for i in range(2):\n    u = {e}\n"),
        4 => format!("def f(x):\n    return {e}\nf(1)"),
        5 => format!("with torch.no_grad():\n    t.add_({e})\n"),
        // Large sizes: every container and array a user can size.
        6 => {
            let make = [
                "[{e}] * {n}",
                "'ab' * {n}",
                "list(range({n}))",
                "np.zeros({n})",
                "torch.ones({n}, 2)",
                "'x'.center({n})",
                "zeros(1).expand({n}, {n}).sum()",
            ][rng.below(7)];
            make.replace("{e}", &e).replace("{n}", size)
        }
        // Deep nesting: printed and compared.
        7 => format!("x = {e}\nfor i in range(3000):\n    x = [x]\n\nstr(x)\nx == [x]"),
        // Interrupted: `INTERRUPT` makes the loop request Ctrl-C while it runs.
        8 => format!("INTERRUPT\nfor i in range(300000):\n    u = {e}\n"),
        _ => e,
    }
}

const SETUP: &str = "import torch.nn.functional as F\n\
a = array([[1.0, -2.0, 3.0], [4.0, 0.5, -6.0]])\n\
b = np.arange(6).reshape(2, 3)\n\
t = tensor([[1.0, -2.0, 3.0], [4.0, 0.5, -6.0]], requires_grad=True)\n\
u = torch.arange(6).reshape(3, 2)\n\
s = np.float64(2.5)\n\
m = np.zeros((0, 3))\n\
n = tensor(3.0)\n\
e = torch.eye(2)\n";

#[test]
fn the_evaluator_survives_generated_programs() {
    let found = common::big_stack(|| {
        let mut rng = Rng(seed() ^ 0x5555);
        let start = Instant::now();
        let (mut n, mut findings) = (0usize, Vec::new());
        let mut peak_growth = 0u64;
        let baseline = resident_kb();
        while match budget() {
            Some(b) => start.elapsed() < b,
            None => n < 300,
        } {
            let buf = SharedBuf::default();
            let mut s = Session::new(Box::new(buf.clone()));
            s.interp.cwd = Some(std::env::temp_dir());
            if let Err(e) = check(&mut s, SETUP) {
                findings.push(e);
                break;
            }
            for _ in 0..8 {
                let code = statement(&mut rng);
                // An interrupted case: Ctrl-C arrives at a random moment while it runs.
                let (code, stopper) = match code.strip_prefix("INTERRUPT\n") {
                    Some(rest) => {
                        let delay = Duration::from_millis(rng.below(30) as u64);
                        let stopper = std::thread::spawn(move || {
                            std::thread::sleep(delay);
                            nt::interrupt::request();
                        });
                        (rest.to_string(), Some(stopper))
                    }
                    None => (code, None),
                };
                // The watchdog: a case running over 5 s is interrupted and reported.
                let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
                let flag = done.clone();
                let dog = std::thread::spawn(move || {
                    let t0 = Instant::now();
                    while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                        if t0.elapsed() > Duration::from_secs(5) {
                            nt::interrupt::request();
                            return true;
                        }
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    false
                });
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&mut s, &code)));
                done.store(true, std::sync::atomic::Ordering::Relaxed);
                if let Some(stopper) = stopper {
                    let _ = stopper.join();
                    // A request that came after the case ended must not stop the next one.
                    nt::interrupt::clear();
                }
                if dog.join().unwrap_or(false) {
                    findings.push(format!("hang (over 5 s) for:\n{code}"));
                    nt::interrupt::clear();
                }
                match r {
                    Err(_) => findings.push(format!("panic for:\n{code}")),
                    Ok(Err(e)) => findings.push(e),
                    Ok(Ok(())) => {}
                }
                let _ = buf.take();
            }
            n += 1;
            peak_growth = peak_growth.max(resident_kb().saturating_sub(baseline));
        }
        if budget().is_some() {
            eprintln!(
                "evaluator fuzz: {n} programs in {:?}, {} findings, resident memory grew {} MB at most",
                start.elapsed(),
                findings.len(),
                peak_growth / 1024
            );
        }
        // Sessions are dropped after each program: memory must not keep growing.
        if peak_growth > 2 * 1024 * 1024 {
            findings.push(format!("resident memory grew by {} MB", peak_growth / 1024));
        }
        findings
    });
    assert!(found.is_empty(), "{} findings:\n\n{}", found.len(), found.join("\n\n"));
}

/// Crashes the fuzzers found, each named after what it was; all now evaluate cleanly
/// (or fail with an ordinary error).
#[test]
fn regressions_found_by_fuzzing() {
    let cases: &[(&str, &str)] = &[
        ("sum_over_dim_of_0d_tensor", "tensor(3.0).sum(dim=-1)"),
        ("softmax_of_0d_tensor", "torch.softmax(tensor(3.0), 0)"),
        ("softmax_over_empty_axis", "torch.softmax(torch.zeros(0, 3), 0)"),
        (
            "sort_of_empty",
            "torch.sort(torch.zeros(3, 0))\nnp.sort(np.zeros((0, 3)))",
        ),
        ("cumsum_of_0d_tensor", "tensor(3.0).cumsum(0)"),
        ("zeros_too_large_for_memory", "zeros(10 ** 12)"),
        ("repeat_too_large_for_memory", "zeros(10 ** 6).repeat(10 ** 7)"),
        ("eye_too_large_for_memory", "eye(10 ** 7)"),
    ];
    let failures = common::big_stack(move || {
        let mut failures = Vec::new();
        for (name, code) in cases {
            let mut s = Session::new(Box::new(SharedBuf::default()));
            if let Err(e) = check(&mut s, &format!("{code}\n")) {
                failures.push(format!("{name}: {e}"));
            }
        }
        failures
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
