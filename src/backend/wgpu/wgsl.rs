//! WGSL generation: one template per primitive op (`lower`), assembled into a kernel
//! whose inputs are strided views (movement ops are index arithmetic, not copies).
//! Kernels are cached by their source text, which is their signature.

use super::memory::Repr;
use crate::array::dtype::DType;
use crate::ir::{BinaryOp, ReduceOp, UnaryOp};

pub const GROUP: u32 = 256;

/// Set when the adapter has float64: float32 `exp` is then evaluated in float64 and
/// rounded once, so it matches the CPU's correctly rounded result.
pub static F64_MATH: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

const EXP_VIA_F64: &str = "
fn exp_wide(x: f32) -> f32 {
    if (isnan_f32(x)) { return x; }
    if (x > 88.72284) { return bitcast<f32>(0x7f800000u); }
    if (x < -87.0) { return exp_acc(x); }
    let xd = f64(x);
    let n = floor(xd * 1.4426950408889634lf + 0.5lf);
    let r = (xd - n * 0.6931471803691238lf) - n * 1.9082149292705877e-10lf;
    var p = 1.0lf / 3628800.0lf;
    p = p * r + 1.0lf / 362880.0lf;
    p = p * r + 1.0lf / 40320.0lf;
    p = p * r + 1.0lf / 5040.0lf;
    p = p * r + 1.0lf / 720.0lf;
    p = p * r + 1.0lf / 120.0lf;
    p = p * r + 1.0lf / 24.0lf;
    p = p * r + 1.0lf / 6.0lf;
    p = p * r + 0.5lf;
    p = p * r + 1.0lf;
    p = p * r + 1.0lf;
    let k = i32(n);
    if (k > 127) { return f32(p) * 2.0 * bitcast<f32>(u32(k - 1 + 127) << 23u); }
    return f32(p * bitcast<f64>(u64(k + 1023) << 52u));
}
";

/// One input of a kernel: how it is held, and whether it can be read at `i` directly.
#[derive(Clone, Copy)]
pub struct In {
    pub repr: Repr,
    pub dtype: DType,
    pub direct: bool,
}

/// Helpers every float kernel may use, for type `t`.
/// Drivers may compile `x != x` as if no value were NaN (lavapipe folds it to false), so
/// NaN and signed-zero tests look at the bits.
pub fn float_helpers(t: &str) -> String {
    let isnan = match t {
        "f64" => {
            "fn isnan_f64(x: f64) -> bool { return (bitcast<u64>(x) & 0x7ffffffffffffffflu) > 0x7ff0000000000000lu; }"
        }
        "f16" => "fn isnan_f16(x: f16) -> bool { return (bitcast<u32>(f32(x)) & 0x7fffffffu) > 0x7f800000u; }",
        _ => "fn isnan_f32(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }",
    };
    let zsign = match t {
        "f32" => {
            "fn zsign_f32(r: f32, x: f32) -> f32 { if (r == 0.0) { return bitcast<f32>(bitcast<u32>(x) & 0x80000000u); } return r; }"
        }
        "f64" => {
            "fn zsign_f64(r: f64, x: f64) -> f64 { if (r == 0.0lf) { return bitcast<f64>(bitcast<u64>(x) & 0x8000000000000000lu); } return r; }"
        }
        _ => {
            "fn zsign_f16(r: f16, x: f16) -> f16 { if (r == 0.0h) { return f16(bitcast<f32>(bitcast<u32>(f32(x)) & 0x80000000u)); } return r; }"
        }
    };
    format!("{isnan}\n{zsign}\n")
}

fn enable(reprs: &[Repr]) -> &'static str {
    if reprs.contains(&Repr::F16) {
        "enable f16;\n"
    } else {
        ""
    }
}

/// The bindings: `info` (shape, offsets and strides), the inputs, then `outb`.
fn bindings(ins: &[Repr], out: Repr) -> String {
    let mut s = String::from("@group(0) @binding(0) var<storage, read> info: array<i32>;\n");
    for (k, r) in ins.iter().enumerate() {
        s += &format!(
            "@group(0) @binding({}) var<storage, read> in{k}: array<{}>;\n",
            k + 1,
            r.wgsl()
        );
    }
    s += &format!(
        "@group(0) @binding({}) var<storage, read_write> outb: array<{}>;\n",
        ins.len() + 1,
        out.wgsl()
    );
    s
}

/// `at(i, k)`: where element `i` (row-major over the shape in `info`) of input `k` lies.
/// `info` = [n, shape[ND], then per input: offset, strides[ND]].
fn at_fn(ndim: usize) -> String {
    format!(
        "const ND: u32 = {ndim}u;
fn at(i: u32, k: u32) -> u32 {{
    var rem = i;
    let base = 1u + ND + k * (ND + 1u);
    var off = info[base];
    for (var d = i32(ND) - 1; d >= 0; d--) {{
        let s = u32(info[1u + u32(d)]);
        off += i32(rem % s) * info[base + 1u + u32(d)];
        rem /= s;
    }}
    return u32(off);
}}
"
    )
}

/// Keeps a widened narrow integer in its dtype's range (two's-complement wrap).
pub fn wrap(dtype: DType, v: &str) -> String {
    match dtype {
        DType::U8 => format!("(({v}) & 255u)"),
        DType::U16 => format!("(({v}) & 65535u)"),
        DType::I8 => format!("((({v}) << 24u) >> 24u)"),
        DType::I16 => format!("((({v}) << 16u) >> 16u)"),
        DType::BF16 => format!("bf16r({v})"),
        _ => v.to_string(),
    }
}

const HELPERS_F32: &str = "
fn bf16r(x: f32) -> f32 {
    let b = bitcast<u32>(x);
    if (isnan_f32(x)) { return x; }
    return bitcast<f32>((b + 0x7fffu + ((b >> 16u) & 1u)) & 0xffff0000u);
}
fn nan_f() -> f32 { return bitcast<f32>(0x7fc00000u); }
fn fmax_nan(a: f32, b: f32) -> f32 { if (isnan_f32(a)) { return a; } if (isnan_f32(b)) { return b; } return max(a, b); }
fn fmin_nan(a: f32, b: f32) -> f32 { if (isnan_f32(a)) { return a; } if (isnan_f32(b)) { return b; } return min(a, b); }
// exp to about 1 ulp: Cody-Waite reduction by ln 2, a degree-7 polynomial, then 2^n
// (drivers' exp is often exp2(x·log2 e), which loses accuracy for large |x|).
fn exp_acc(x: f32) -> f32 {
    if (isnan_f32(x)) { return x; }
    if (x > 88.72284) { return bitcast<f32>(0x7f800000u); }
    if (x < -103.97208) { return 0.0; }
    let n = round(x * 1.442695041);
    let r = (x - n * 0.693145751953125) - n * 1.428606765330187e-06;
    var p = 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    let k = i32(n);
    if (k < -126) { return ldexp(ldexp(p, k + 64), -64); }
    return ldexp(p, k);
}
fn npow(x: f32, y: f32) -> f32 {
    if (y == 0.0) { return 1.0; }
    if (y == 1.0) { return x; }
    if (y == 2.0) { return x * x; }
    if (y == 0.5) { return sqrt(x); }
    if (y == -1.0) { return 1.0 / x; }
    if (x == 1.0) { return 1.0; }
    let r = pow(abs(x), y);
    if (x < 0.0) {
        if (floor(y) != y) { return nan_f(); }
        if (fract(y * 0.5) != 0.0) { return -r; }
    }
    return r;
}
";

/// The expression for an elementwise op over `x0`, `x1`, `x2`; `None` where this backend
/// has no exact lowering (the op then runs on the CPU and the result comes back).
pub fn lower(op: &crate::ir::Op, ins: &[In], out: DType, out_repr: Repr) -> Option<String> {
    use crate::ir::Op;
    if ins.iter().any(|i| i.repr == Repr::I64x2) || out_repr == Repr::I64x2 {
        return lower_i64x2(op, ins, out, out_repr);
    }
    let a = ins.first()?;
    let t = a.repr.wgsl();
    let float = a.repr.is_float();
    let f32ish = matches!(a.repr, Repr::F32 | Repr::F16);
    let boolean = a.dtype == DType::Bool;
    let e = match op {
        Op::Copy => "x0".to_string(),
        Op::Unary(u, _) => match u {
            UnaryOp::Conj | UnaryOp::Imag | UnaryOp::Angle => return None,
            UnaryOp::Neg if boolean => return None,
            UnaryOp::Neg if a.repr == Repr::U32 || a.repr == Repr::U64 => wrap(a.dtype, &format!("{t}(0) - x0")),
            UnaryOp::Neg => wrap(a.dtype, "-x0"),
            UnaryOp::Not if boolean => "(1u - x0)".into(),
            UnaryOp::Not if !float => wrap(a.dtype, "~x0"),
            UnaryOp::Not => return None,
            UnaryOp::Abs if boolean || a.repr == Repr::U32 || a.repr == Repr::U64 => "x0".into(),
            UnaryOp::Abs => wrap(a.dtype, "abs(x0)"),
            UnaryOp::Floor | UnaryOp::Ceil | UnaryOp::Round | UnaryOp::Trunc if !float => "x0".into(),
            UnaryOp::Floor => "floor(x0)".into(),
            UnaryOp::Trunc => "trunc(x0)".into(),
            UnaryOp::Ceil => "ceil(x0)".into(),
            // Half to even, spelled out: some drivers' f64 `round` breaks ties upward.
            // A zero result keeps the input's sign (`round(-0.4)` is `-0.`).
            UnaryOp::Round => format!(
                "zsign_{t}(select(select(floor(x0) + {t}(1), floor(x0), x0 - floor(x0) < {t}(0.5)), floor(x0) + (floor(x0) - {t}(2) * floor(floor(x0) * {t}(0.5))), x0 - floor(x0) == {t}(0.5)), x0)"
            ),
            UnaryOp::Sqrt if float => "sqrt(x0)".into(),
            UnaryOp::Sign if boolean => "x0".into(),
            UnaryOp::Sign if a.repr == Repr::U32 || a.repr == Repr::U64 => {
                format!("select({t}(0), {t}(1), x0 != {t}(0))")
            }
            UnaryOp::Sign if float => "select(sign(x0), x0, isnan_v(x0))".to_string(),
            UnaryOp::Sign => "sign(x0)".into(),
            _ if !f32ish => return None,
            UnaryOp::Exp if a.repr == Repr::F32 && F64_MATH.load(std::sync::atomic::Ordering::Relaxed) => {
                "exp_wide(x0)".into()
            }
            UnaryOp::Exp if a.repr == Repr::F32 => "exp_acc(x0)".into(),
            UnaryOp::Exp => "exp(x0)".into(),
            UnaryOp::Log => "log(x0)".into(),
            UnaryOp::Log2 => "log2(x0)".into(),
            UnaryOp::Log10 => format!("(log2(x0) * {t}(0.30102999566398120))"),
            UnaryOp::Sin => "sin(x0)".into(),
            UnaryOp::Cos => "cos(x0)".into(),
            UnaryOp::Tan => "tan(x0)".into(),
            UnaryOp::Tanh => "tanh(x0)".into(),
            // No lowering as exact as the CPU's: these run there.
            UnaryOp::Sqrt
            | UnaryOp::Asin
            | UnaryOp::Acos
            | UnaryOp::Atan
            | UnaryOp::Sinh
            | UnaryOp::Cosh
            | UnaryOp::Asinh
            | UnaryOp::Acosh
            | UnaryOp::Atanh
            | UnaryOp::Expm1
            | UnaryOp::Log1p
            | UnaryOp::Exp2
            | UnaryOp::Cbrt
            | UnaryOp::Erf
            | UnaryOp::Erfc => return None,
        },
        Op::Binary(b) => {
            let cmp = |s: &str| {
                Some(match (float, s) {
                    (false, _) => format!("select(0u, 1u, x0 {s} x1)"),
                    (true, "!=") => "select(0u, 1u, x0 != x1 || isnan_v(x0) || isnan_v(x1))".to_string(),
                    (true, _) => format!("select(0u, 1u, x0 {s} x1 && !isnan_v(x0) && !isnan_v(x1))"),
                })
            };
            let r = match b {
                BinaryOp::Eq => cmp("=="),
                BinaryOp::Ne => cmp("!="),
                BinaryOp::Lt if !boolean => cmp("<"),
                BinaryOp::Le if !boolean => cmp("<="),
                BinaryOp::Gt if !boolean => cmp(">"),
                BinaryOp::Ge if !boolean => cmp(">="),
                BinaryOp::And if !float => Some("(x0 & x1)".into()),
                BinaryOp::Or if !float => Some("(x0 | x1)".into()),
                BinaryOp::Xor if !float => Some("(x0 ^ x1)".into()),
                _ if boolean => None,
                BinaryOp::Add => Some(wrap(a.dtype, "x0 + x1")),
                BinaryOp::Sub => Some(wrap(a.dtype, "x0 - x1")),
                BinaryOp::Mul => Some(wrap(a.dtype, "x0 * x1")),
                BinaryOp::Div if float => Some("(x0 / x1)".into()),
                BinaryOp::Max if a.repr == Repr::F32 => Some("fmax_nan(x0, x1)".into()),
                BinaryOp::Min if a.repr == Repr::F32 => Some("fmin_nan(x0, x1)".into()),
                BinaryOp::Max if !float => Some("max(x0, x1)".into()),
                BinaryOp::Min if !float => Some("min(x0, x1)".into()),
                BinaryOp::Pow if a.repr == Repr::F32 => Some("npow(x0, x1)".into()),
                _ => None,
            };
            r?
        }
        Op::Where => "select(x2, x1, x0 != 0u)".into(),
        Op::Cast(to) => {
            let o = out_repr.wgsl();
            if *to == DType::Bool {
                format!("select(0u, 1u, x0 != {t}(0))")
            } else if float && !out_repr.is_float() && (*to != DType::I32 && *to != DType::I64) {
                // Float to unsigned or narrow integers: the CPU's rules.
                return None;
            } else {
                wrap(*to, &format!("{o}(x0)"))
            }
        }
        _ => return None,
    };
    let e = e.replace("isnan_v(", &format!("isnan_{t}("));
    Some(if out == DType::BF16 { wrap(out, &e) } else { e })
}

/// Emulated int64 (`Repr::I64x2`, a `vec2<u32>` of low and high words): exact wrapping
/// add, subtract, multiply and negate, bitwise ops, comparisons, `where`, and casts to and
/// from 32-bit integers and bool. Anything else (division, float casts, reductions) has
/// no lowering, so it runs on the CPU and stays exact.
pub const I64X2_HELPERS: &str = "
fn i64_add(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
    let lo = a.x + b.x;
    return vec2<u32>(lo, a.y + b.y + select(0u, 1u, lo < a.x));
}
fn i64_neg(a: vec2<u32>) -> vec2<u32> { return i64_add(~a, vec2<u32>(1u, 0u)); }
fn i64_sub(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> { return i64_add(a, i64_neg(b)); }
fn mul32(a: u32, b: u32) -> vec2<u32> {
    let a0 = a & 0xffffu;
    let a1 = a >> 16u;
    let b0 = b & 0xffffu;
    let b1 = b >> 16u;
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
    return vec2<u32>((p00 & 0xffffu) | (mid << 16u), a1 * b1 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u));
}
fn i64_mul(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
    let p = mul32(a.x, b.x);
    return vec2<u32>(p.x, p.y + a.x * b.y + a.y * b.x);
}
fn i64_lt(a: vec2<u32>, b: vec2<u32>) -> bool {
    let ah = bitcast<i32>(a.y);
    let bh = bitcast<i32>(b.y);
    return ah < bh || (ah == bh && a.x < b.x);
}
fn i64_from_i32(x: i32) -> vec2<u32> { return vec2<u32>(bitcast<u32>(x), select(0u, 0xffffffffu, x < 0)); }
";

fn lower_i64x2(op: &crate::ir::Op, ins: &[In], out: DType, out_repr: Repr) -> Option<String> {
    use crate::ir::Op;
    let a = ins.first()?;
    let both = |f: &str| (ins.iter().all(|i| i.repr == Repr::I64x2)).then(|| format!("{f}(x0, x1)"));
    let cmp = |e: &str| (ins.iter().all(|i| i.repr == Repr::I64x2)).then(|| format!("select(0u, 1u, {e})"));
    match op {
        Op::Copy => Some("x0".into()),
        Op::Unary(UnaryOp::Neg, _) => Some("i64_neg(x0)".into()),
        Op::Unary(UnaryOp::Not, _) => Some("(~x0)".into()),
        Op::Unary(UnaryOp::Floor | UnaryOp::Ceil | UnaryOp::Round | UnaryOp::Trunc, _) => Some("x0".into()),
        Op::Binary(b) => match b {
            BinaryOp::Add => both("i64_add"),
            BinaryOp::Sub => both("i64_sub"),
            BinaryOp::Mul => both("i64_mul"),
            BinaryOp::And => both("").map(|_| "(x0 & x1)".into()),
            BinaryOp::Or => both("").map(|_| "(x0 | x1)".into()),
            BinaryOp::Xor => both("").map(|_| "(x0 ^ x1)".into()),
            BinaryOp::Max => both("").map(|_| "select(x0, x1, i64_lt(x0, x1))".into()),
            BinaryOp::Min => both("").map(|_| "select(x0, x1, i64_lt(x1, x0))".into()),
            BinaryOp::Eq => cmp("all(x0 == x1)"),
            BinaryOp::Ne => cmp("any(x0 != x1)"),
            BinaryOp::Lt => cmp("i64_lt(x0, x1)"),
            BinaryOp::Le => cmp("!i64_lt(x1, x0)"),
            BinaryOp::Gt => cmp("i64_lt(x1, x0)"),
            BinaryOp::Ge => cmp("!i64_lt(x0, x1)"),
            _ => None,
        },
        Op::Where => (ins.get(1)?.repr == Repr::I64x2).then(|| "select(x2, x1, x0 != 0u)".into()),
        Op::Cast(to) if a.repr == Repr::I64x2 => match (to, out_repr) {
            (DType::I64, _) => Some("x0".into()),
            (DType::Bool, _) => Some("select(0u, 1u, any(x0 != vec2<u32>(0u)))".into()),
            (_, Repr::U32) => Some(wrap(*to, "x0.x")),
            (_, Repr::I32) => Some(wrap(*to, "bitcast<i32>(x0.x)")),
            _ => None,
        },
        Op::Cast(_) if out == DType::I64 => match a.repr {
            Repr::U32 => Some("vec2<u32>(x0, 0u)".into()),
            Repr::I32 => Some("i64_from_i32(x0)".into()),
            _ => None,
        },
        _ => None,
    }
}

/// A whole elementwise kernel of one op (`expr` over `x0`, `x1`, `x2`, the inputs).
pub fn elementwise(ins: &[In], out: Repr, ndim: usize, expr: &str) -> String {
    let mut lines: Vec<Line> = (0..ins.len()).map(|k| Line::Load(k, ins[k].repr)).collect();
    lines.push(Line::Apply(expr.to_string(), (0..ins.len()).collect(), out));
    fused(ins, &lines, ndim)
}

/// One step of a fused elementwise kernel, whose value is `v{index}`.
pub enum Line {
    /// Element `i` of input `k`.
    Load(usize, Repr),
    /// A lowered op (`lower`'s expression over `x0`, `x1`, `x2`) on earlier steps.
    Apply(String, Vec<usize>, Repr),
}

/// `expr` with its operands `x0`, `x1`, `x2` renamed to the steps in `args`.
fn bind(expr: &str, args: &[usize]) -> String {
    let b = expr.as_bytes();
    let mut s = String::with_capacity(expr.len() + 8);
    let mut i = 0;
    while i < b.len() {
        let word_start = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        let operand = (b[i] == b'x' && word_start && i + 1 < b.len())
            .then(|| (b[i + 1] as char).to_digit(10))
            .flatten()
            .filter(|_| i + 2 >= b.len() || !(b[i + 2].is_ascii_alphanumeric() || b[i + 2] == b'_'))
            .and_then(|d| args.get(d as usize));
        match operand {
            Some(a) => {
                s += &format!("v{a}");
                i += 2;
            }
            None => {
                s.push(b[i] as char);
                i += 1;
            }
        }
    }
    s
}

/// A fused elementwise kernel: `lines` in order, the last one written out.
pub fn fused(ins: &[In], lines: &[Line], ndim: usize) -> String {
    let out = match lines.last() {
        Some(Line::Load(_, r) | Line::Apply(_, _, r)) => *r,
        None => Repr::U32,
    };
    let reprs: Vec<Repr> = lines
        .iter()
        .map(|l| match l {
            Line::Load(_, r) | Line::Apply(_, _, r) => *r,
        })
        .collect();
    let mut s = String::from(enable(&reprs));
    s += &bindings(&ins.iter().map(|i| i.repr).collect::<Vec<_>>(), out);
    s += &at_fn(ndim);
    for r in [Repr::F32, Repr::F64, Repr::F16] {
        if reprs.contains(&r) {
            s += &float_helpers(r.wgsl());
        }
    }
    if reprs.contains(&Repr::I64x2) || ins.iter().any(|i| i.repr == Repr::I64x2) {
        s += I64X2_HELPERS;
    }
    if reprs.contains(&Repr::F32) {
        s += HELPERS_F32;
        if F64_MATH.load(std::sync::atomic::Ordering::Relaxed) {
            s += EXP_VIA_F64;
        }
    }
    s += &format!(
        "@compute @workgroup_size({GROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {{
    let i = gid.x + gid.y * nwg.x * {GROUP}u;
    if (i >= u32(info[0])) {{ return; }}
"
    );
    for (j, line) in lines.iter().enumerate() {
        match line {
            Line::Load(k, _) if ins.get(*k).is_some_and(|x| x.direct) => s += &format!("    let v{j} = in{k}[i];\n"),
            Line::Load(k, _) => s += &format!("    let v{j} = in{k}[at(i, {k}u)];\n"),
            Line::Apply(expr, args, _) => s += &format!("    let v{j} = {};\n", bind(expr, args)),
        }
    }
    s += &format!("    outb[i] = v{};\n}}\n", lines.len().saturating_sub(1));
    s
}

/// A reduction: one workgroup per output element, a tree in workgroup memory.
/// `info` is the elementwise layout of the input with the reduced axes moved last, then
/// [outer, inner].
///
/// `serial`: one invocation adds left to right (float32 sums of up to 16 elements, which
/// PyTorch and the CPU backend add that way in float32); otherwise float32 sums
/// accumulate in float64 where the adapter has it.
pub fn reduction(op: ReduceOp, a: In, out: Repr, ndim: usize, serial: bool) -> Option<String> {
    if a.dtype == DType::BF16 {
        return None;
    }
    let t = a.repr.wgsl();
    let float = a.repr.is_float();
    // Accumulator type, initial value, combine, final conversion.
    let acc = match (op, a.repr) {
        (ReduceOp::Sum | ReduceOp::Prod, Repr::F16) => "f32",
        // float32 sums accumulate in float64 where the adapter has it, as the CPU does.
        (ReduceOp::Sum, Repr::F32) if !serial && F64_MATH.load(std::sync::atomic::Ordering::Relaxed) => "f64",
        (ReduceOp::Any | ReduceOp::All, _) => "u32",
        (ReduceOp::ArgMax | ReduceOp::ArgMin, _) => t,
        _ => t,
    };
    let (init, combine): (String, &str) = match op {
        ReduceOp::Sum | ReduceOp::NumpySum => (format!("{acc}(0)"), "a + b"),
        ReduceOp::Prod => (format!("{acc}(1)"), "a * b"),
        ReduceOp::Max if float => (
            "x_first".into(),
            "select(select(max(a, b), b, isnan_v(b)), a, isnan_v(a))",
        ),
        ReduceOp::Min if float => (
            "x_first".into(),
            "select(select(min(a, b), b, isnan_v(b)), a, isnan_v(a))",
        ),
        ReduceOp::Max => ("x_first".into(), "max(a, b)"),
        ReduceOp::Min => ("x_first".into(), "min(a, b)"),
        ReduceOp::Any => ("0u".into(), "a | b"),
        ReduceOp::All => ("1u".into(), "a & b"),
        ReduceOp::ArgMax | ReduceOp::ArgMin => ("x_first".into(), ""),
    };
    let arg = matches!(op, ReduceOp::ArgMax | ReduceOp::ArgMin);
    let load = match op {
        ReduceOp::Any | ReduceOp::All => format!("select(0u, 1u, in0[at(o * inner + r, 0u)] != {t}(0))"),
        _ => format!("{acc}(in0[at(o * inner + r, 0u)])"),
    };
    let mut s = String::from(enable(&[a.repr, out]));
    s += &bindings(&[a.repr], out);
    s += &at_fn(ndim);
    if float {
        s += &float_helpers(t);
    } else {
        s += &format!("fn isnan_{t}(x: {t}) -> bool {{ return false; }}\n");
    }
    s += &format!("var<workgroup> part: array<{acc}, {GROUP}>;\nvar<workgroup> pidx: array<u32, {GROUP}>;\n");
    let better = if op == ReduceOp::ArgMax { ">" } else { "<" };
    let body_combine = if arg {
        // NaN wins (the first one), then the better value, then the lower index.
        format!(
            "fn pick(a: {acc}, ia: u32, b: {acc}, ib: u32) -> bool {{
    if (isnan_v(b)) {{ return !isnan_v(a) || ib < ia; }}
    if (isnan_v(a)) {{ return false; }}
    return b {better} a || (b == a && ib < ia);
}}\n"
        )
    } else {
        format!("fn comb(a: {acc}, b: {acc}) -> {acc} {{ return {combine}; }}\n")
    };
    s += &body_combine;
    let finish = if arg {
        format!("{}(pidx[0])", out.wgsl())
    } else {
        format!("{}(part[0])", out.wgsl())
    };
    let step = if arg {
        "if (pick(best, bi, v, r)) { best = v; bi = r; }"
    } else {
        "best = comb(best, v);"
    };
    let merge = if arg {
        format!(
            "if (pick(part[l], pidx[l], part[l + s], pidx[l + s])) {{ part[l] = part[l + s]; pidx[l] = pidx[l + s]; }}"
        )
    } else {
        "part[l] = comb(part[l], part[l + s]);".to_string()
    };
    // Workgroup `w` reduces chunk `w % parts` of output `w / parts` (parts = 1 unless the
    // host splits a long reduction into two passes) and writes `outb[w]`.
    s += &format!(
        "@compute @workgroup_size({GROUP})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {{
    let w = wid.x + wid.y * nwg.x;
    let outer = u32(info[2u + 2u * ND]);
    let inner = u32(info[3u + 2u * ND]);
    let parts = u32(info[4u + 2u * ND]);
    let chunk = u32(info[5u + 2u * ND]);
    let o = w / parts;
    let begin = (w % parts) * chunk;
    let end = min(inner, begin + chunk);
    let count = end - min(end, begin);
    let l = lid.x;
    let live = o < outer && l < {nlive};
    var best: {acc};
    var bi: u32 = 0u;
    if (live) {{
        let r0 = begin + l;
        let x_first = {first};
        best = {init_expr};
        bi = r0;
        for (var r = r0 + {stride}u; r < end; r += {stride}u) {{
            let v = {load};
            {step}
        }}
    }}
    part[l] = best;
    pidx[l] = bi;
    workgroupBarrier();
    for (var s = {half}u; s > 0u; s >>= 1u) {{
        if (l < s && l + s < {nlive} && o < outer) {{ {merge} }}
        workgroupBarrier();
    }}
    if (l == 0u && o < outer) {{ outb[w] = {finish}; }}
}}
",
        first = load.replace("o * inner + r", "o * inner + r0"),
        init_expr = if init == "x_first" { "x_first".to_string() } else { format!("comb({init}, x_first)") },
        half = GROUP / 2,
        nlive = if serial { "1u" } else { "count" },
        stride = if serial { 1 } else { GROUP },
    );
    Some(s.replace("isnan_v(", &format!("isnan_{t}(")))
}

/// Running sums along the last axis of a permuted view: one invocation per row.
/// `info`: input layout (k = 0) and the output's permuted layout (k = 1), then [rows, len].
pub fn cumsum(a: In, out: Repr, ndim: usize) -> Option<String> {
    if a.dtype == DType::BF16 {
        return None;
    }
    if a.dtype == DType::Bool {
        return None;
    }
    let t = a.repr.wgsl();
    let mut s = String::from(enable(&[a.repr]));
    s += &bindings(&[a.repr], out);
    s += &at_fn(ndim);
    s += &format!(
        "@compute @workgroup_size({GROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {{
    let row = gid.x + gid.y * nwg.x * {GROUP}u;
    let rows = u32(info[3u + 3u * ND]);
    let len = u32(info[4u + 3u * ND]);
    if (row >= rows) {{ return; }}
    var acc = {t}(0);
    for (var r = 0u; r < len; r++) {{
        acc = {add};
        outb[at(row * len + r, 1u)] = acc;
    }}
}}
",
        add = wrap(a.dtype, &format!("acc + in0[at(row * len + r, 0u)]")),
    );
    Some(s)
}

/// Matrix product; `z` runs over the batch. `small` products (the common case in an
/// interpreter loop) compute one output per invocation, larger ones a register block.
/// `info` = [n, k, m, a_off, a_batch, a_row, a_col, b_off, b_batch, b_row, b_col].
pub fn matmul(a: In, out: Repr, small: bool) -> Option<String> {
    if a.dtype == DType::Bool || matches!(a.dtype, DType::BF16 | DType::I8 | DType::I16 | DType::U8 | DType::U16) {
        return None;
    }
    let t = a.repr.wgsl();
    let mut s = String::from(enable(&[a.repr]));
    s += &bindings(&[a.repr, a.repr], out);
    s += &if small { matmul_small(t) } else { matmul_blocked(t) };
    Some(s)
}

/// Each 16×16 workgroup computes a 64×64 output tile, each invocation a 4×4 block held in
/// registers, stepping through k in slices of 16 staged in workgroup memory.
fn matmul_blocked(t: &str) -> String {
    format!(
        "var<workgroup> ta: array<array<{t}, 16>, 64>;
var<workgroup> tb: array<array<{t}, 64>, 16>;
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {{
    let n = u32(info[0]); let k = u32(info[1]); let m = u32(info[2]);
    let z = i32(wid.z);
    let abase = info[3] + z * info[4];
    let bbase = info[7] + z * info[8];
    let r0 = wid.y * 64u;
    let c0 = wid.x * 64u;
    let flat = lid.y * 16u + lid.x;
    var acc: array<{t}, 16>;
    for (var e = 0u; e < 16u; e++) {{ acc[e] = {t}(0); }}
    let tiles = (k + 15u) / 16u;
    for (var q = 0u; q < tiles; q++) {{
        for (var e = 0u; e < 4u; e++) {{
            let idx = flat + e * 256u;
            let ar = idx / 16u; let ak = idx % 16u;
            var va = {t}(0);
            if (r0 + ar < n && q * 16u + ak < k) {{
                va = in0[u32(abase + i32(r0 + ar) * info[5] + i32(q * 16u + ak) * info[6])];
            }}
            ta[ar][ak] = va;
            let bk = idx / 64u; let bc = idx % 64u;
            var vb = {t}(0);
            if (q * 16u + bk < k && c0 + bc < m) {{
                vb = in1[u32(bbase + i32(q * 16u + bk) * info[9] + i32(c0 + bc) * info[10])];
            }}
            tb[bk][bc] = vb;
        }}
        workgroupBarrier();
        for (var p = 0u; p < 16u; p++) {{
            let a0 = ta[lid.y * 4u][p]; let a1 = ta[lid.y * 4u + 1u][p];
            let a2 = ta[lid.y * 4u + 2u][p]; let a3 = ta[lid.y * 4u + 3u][p];
            let b0 = tb[p][lid.x * 4u]; let b1 = tb[p][lid.x * 4u + 1u];
            let b2 = tb[p][lid.x * 4u + 2u]; let b3 = tb[p][lid.x * 4u + 3u];
            acc[0] += a0 * b0; acc[1] += a0 * b1; acc[2] += a0 * b2; acc[3] += a0 * b3;
            acc[4] += a1 * b0; acc[5] += a1 * b1; acc[6] += a1 * b2; acc[7] += a1 * b3;
            acc[8] += a2 * b0; acc[9] += a2 * b1; acc[10] += a2 * b2; acc[11] += a2 * b3;
            acc[12] += a3 * b0; acc[13] += a3 * b1; acc[14] += a3 * b2; acc[15] += a3 * b3;
        }}
        workgroupBarrier();
    }}
    for (var i = 0u; i < 4u; i++) {{
        for (var j = 0u; j < 4u; j++) {{
            let row = r0 + lid.y * 4u + i;
            let col = c0 + lid.x * 4u + j;
            if (row < n && col < m) {{
                outb[u32(z) * n * m + row * m + col] = acc[i * 4u + j];
            }}
        }}
    }}
}}
"
    )
}

/// 16×16 tiles in workgroup memory, one output per invocation.
fn matmul_small(t: &str) -> String {
    format!(
        "var<workgroup> ta: array<array<{t}, 16>, 16>;
var<workgroup> tb: array<array<{t}, 16>, 16>;
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {{
    let n = u32(info[0]); let k = u32(info[1]); let m = u32(info[2]);
    let row = wid.y * 16u + lid.y;
    let col = wid.x * 16u + lid.x;
    let z = i32(wid.z);
    let abase = info[3] + z * info[4];
    let bbase = info[7] + z * info[8];
    var acc = {t}(0);
    let tiles = (k + 15u) / 16u;
    for (var q = 0u; q < tiles; q++) {{
        let ka = q * 16u + lid.x;
        var va = {t}(0);
        if (row < n && ka < k) {{ va = in0[u32(abase + i32(row) * info[5] + i32(ka) * info[6])]; }}
        ta[lid.y][lid.x] = va;
        let kb = q * 16u + lid.y;
        var vb = {t}(0);
        if (kb < k && col < m) {{ vb = in1[u32(bbase + i32(kb) * info[9] + i32(col) * info[10])]; }}
        tb[lid.y][lid.x] = vb;
        workgroupBarrier();
        for (var p = 0u; p < 16u; p++) {{
            acc += ta[lid.y][p] * tb[p][lid.x];
        }}
        workgroupBarrier();
    }}
    if (row < n && col < m) {{
        outb[u32(z) * n * m + row * m + col] = acc;
    }}
}}
"
    )
}

/// `out[i] = src[at(pos[i])]`: `info` is the source's layout; positions are contiguous.
pub fn gather(a: In, pos: Repr, out: Repr, ndim: usize) -> String {
    let mut s = String::from(enable(&[a.repr]));
    s += &bindings(&[a.repr, pos], out);
    s += &at_fn(ndim);
    s += &format!(
        "@compute @workgroup_size({GROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {{
    let i = gid.x + gid.y * nwg.x * {GROUP}u;
    if (i >= u32(info[2u + 2u * ND])) {{ return; }}
    outb[i] = in0[at(u32(in1[i]), 0u)];
}}
"
    );
    s
}

/// `dst[at(i, 1)] = src[at(i, 0)]`: a write into a strided view of an existing buffer
/// (in-place ops, item assignment). `info` = [n, shape, src placement, dst placement].
pub fn assign(repr: Repr, ndim: usize) -> String {
    let mut s = String::from(enable(&[repr]));
    s += &bindings(&[repr], repr);
    s += &at_fn(ndim);
    s += &format!(
        "@compute @workgroup_size({GROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {{
    let i = gid.x + gid.y * nwg.x * {GROUP}u;
    if (i >= u32(info[0])) {{ return; }}
    outb[at(i, 1u)] = in0[at(i, 0u)];
}}
"
    );
    s
}
