//! Element arithmetic per Rust element type, with NumPy's integer semantics (wrapping,
//! Python-style floor division and modulo, division by zero giving 0) and IEEE floats.

use crate::array::elem::Elem;
use crate::array::storage::Typed;
use crate::ir::{BinaryOp, MathLib, UnaryOp};

pub trait Arith: Typed {
    fn binary(op: BinaryOp) -> fn(Self, Self) -> Self;
    fn unary(op: UnaryOp) -> fn(Self) -> Self;
    /// Additive identity and the value `sum` of nothing gives.
    fn zero() -> Self;
    fn one() -> Self;
    fn is_nan(self) -> bool;
    /// `a * b + c` rounded once: hardware-exact for f32/f64, through f32 for f16/bf16
    /// (PyTorch's opmath), wrapping for integers.
    fn fma(a: Self, b: Self, c: Self) -> Self;
    /// `out[i] = fma(a[i], b[i], c[i])`.
    fn fma_slice(a: &[Self], b: &[Self], c: &[Self], out: &mut [Self]) {
        for (o, (&x, (&y, &z))) in out.iter_mut().zip(a.iter().zip(b.iter().zip(c))) {
            *o = Self::fma(x, y, z);
        }
    }
    /// `a op b` in a tight loop the compiler vectorises; false if `op` has none.
    fn fast_binary(_op: BinaryOp, _a: &[Self], _b: &[Self], _out: &mut [Self]) -> bool {
        false
    }
    /// `op a` as `math`'s library computes it, in a tight loop the compiler vectorises;
    /// false if `op` has none.
    fn fast_unary(_op: UnaryOp, _math: MathLib, _a: &[Self], _out: &mut [Self]) -> bool {
        false
    }
    /// `op a` into `out`, as `math`'s library computes it.
    fn unary_slice(op: UnaryOp, math: MathLib, a: &[Self], out: &mut [Self]) {
        if !Self::fast_unary(op, math, a, out) {
            let f = Self::unary(op);
            out.iter_mut().zip(a).for_each(|(o, &x)| *o = f(x));
        }
    }
    /// Whether `binary(op)` computes `op` for this type (complex numbers have only some).
    fn has_binary(_op: BinaryOp) -> bool {
        true
    }
    fn has_unary(_op: UnaryOp) -> bool {
        true
    }
}

macro_rules! int_arith {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            fn binary(op: BinaryOp) -> fn(Self, Self) -> Self {
                match op {
                    BinaryOp::Add => |a, b| a.wrapping_add(b),
                    BinaryOp::Sub => |a, b| a.wrapping_sub(b),
                    BinaryOp::Mul => |a, b| a.wrapping_mul(b),
                    BinaryOp::Div | BinaryOp::FloorDiv => |a, b| {
                        if b == 0 {
                            return 0;
                        }
                        let q = a.wrapping_div(b);
                        #[allow(unused_comparisons)]
                        if a.wrapping_rem(b) != 0 && ((a < 0) != (b < 0)) { q.wrapping_sub(1) } else { q }
                    },
                    BinaryOp::Shl => |a, b| {
                        #[allow(unused_comparisons)]
                        if b < 0 || (b as u128) >= (8 * std::mem::size_of::<$t>()) as u128 { 0 } else { a.wrapping_shl(b as u32) }
                    },
                    BinaryOp::Shr => |a, b| {
                        let bits = (8 * std::mem::size_of::<$t>()) as u128;
                        #[allow(unused_comparisons)]
                        if b < 0 || (b as u128) >= bits { if a < 0 { (0 as $t).wrapping_sub(1) } else { 0 } } else { a.wrapping_shr(b as u32) }
                    },
                    BinaryOp::Mod | BinaryOp::Remainder => |a, b| {
                        if b == 0 {
                            return 0;
                        }
                        let r = a.wrapping_rem(b);
                        #[allow(unused_comparisons)]
                        if r != 0 && ((r < 0) != (b < 0)) { r.wrapping_add(b) } else { r }
                    },
                    BinaryOp::Pow => |a, b| {
                        #[allow(unused_comparisons)]
                        if b < 0 { 0 } else { a.wrapping_pow(b as u32) }
                    },
                    BinaryOp::Max => |a, b| if a >= b { a } else { b },
                    BinaryOp::Min => |a, b| if a <= b { a } else { b },
                    BinaryOp::And => |a, b| a & b,
                    BinaryOp::Or => |a, b| a | b,
                    BinaryOp::Xor => |a, b| a ^ b,
                    BinaryOp::Fmod => |a, b| if b == 0 { 0 } else { a.wrapping_rem(b) },
                    BinaryOp::Atan2 | BinaryOp::Hypot | BinaryOp::Copysign => |a, _| a,
                    // Comparisons produce bool and are handled by the caller.
                    BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => |a, _| a,
                }
            }
            fn unary(op: UnaryOp) -> fn(Self) -> Self {
                match op {
                    UnaryOp::Neg => |a| (0 as $t).wrapping_sub(a),
                    UnaryOp::Not => |a| !a,
                    #[allow(unused_comparisons)]
                    UnaryOp::Abs => |a| if a < 0 { (0 as $t).wrapping_sub(a) } else { a },
                    #[allow(unused_comparisons)]
                    UnaryOp::Sign => |a| if a > 0 { 1 } else if a < 0 { (0 as $t).wrapping_sub(1) } else { 0 },
                    UnaryOp::Floor | UnaryOp::Ceil | UnaryOp::Round | UnaryOp::Trunc => |a| a,
                    // Front ends cast integers to a float dtype before these.
                    UnaryOp::Exp | UnaryOp::Log | UnaryOp::Log2 | UnaryOp::Log10 | UnaryOp::Sqrt | UnaryOp::Sin
                    | UnaryOp::Cos | UnaryOp::Tan | UnaryOp::Tanh | UnaryOp::Asin | UnaryOp::Acos | UnaryOp::Atan
                    | UnaryOp::Sinh | UnaryOp::Cosh | UnaryOp::Asinh | UnaryOp::Acosh | UnaryOp::Atanh
                    | UnaryOp::Expm1 | UnaryOp::Log1p | UnaryOp::Exp2 | UnaryOp::Cbrt | UnaryOp::Erf
                    | UnaryOp::Erfc => |a| a,
                    UnaryOp::Conj => |a| a,
                    UnaryOp::Imag => |_| 0,
                    // Front ends cast integers to a float dtype before `angle`.
                    UnaryOp::Angle => |a| a,
                }
            }
            fn fast_binary(op: BinaryOp, a: &[Self], b: &[Self], out: &mut [Self]) -> bool {
                let it = out.iter_mut().zip(a.iter().zip(b));
                match op {
                    BinaryOp::Add => it.for_each(|(o, (&x, &y))| *o = x.wrapping_add(y)),
                    BinaryOp::Sub => it.for_each(|(o, (&x, &y))| *o = x.wrapping_sub(y)),
                    BinaryOp::Mul => it.for_each(|(o, (&x, &y))| *o = x.wrapping_mul(y)),
                    _ => return false,
                }
                true
            }
            fn zero() -> Self { 0 }
            fn one() -> Self { 1 }
            fn fma(a: Self, b: Self, c: Self) -> Self { a.wrapping_mul(b).wrapping_add(c) }
            fn is_nan(self) -> bool { false }
        }
    )*};
}

int_arith!(i8, i16, i32, i64, u8, u16, u32, u64);

impl Arith for bool {
    fn binary(op: BinaryOp) -> fn(Self, Self) -> Self {
        match op {
            // NumPy and PyTorch: bool + bool is logical or, bool * bool logical and.
            BinaryOp::Add | BinaryOp::Or | BinaryOp::Max => |a, b| a | b,
            BinaryOp::Mul | BinaryOp::And | BinaryOp::Min => |a, b| a & b,
            BinaryOp::Xor | BinaryOp::Sub => |a, b| a ^ b,
            BinaryOp::Fmod | BinaryOp::Atan2 | BinaryOp::Hypot | BinaryOp::Copysign => |a, _| a,
            BinaryOp::Div | BinaryOp::FloorDiv => |a, b| a & b,
            BinaryOp::Mod | BinaryOp::Remainder => |_, _| false,
            BinaryOp::Shl => |a, b| a & !b,
            BinaryOp::Shr => |a, b| a & !b,
            BinaryOp::Pow => |a, b| a | !b,
            BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => |a, _| a,
        }
    }
    fn unary(op: UnaryOp) -> fn(Self) -> Self {
        match op {
            UnaryOp::Not => |a| !a,
            _ => |a| a,
        }
    }
    fn zero() -> Self {
        false
    }
    fn one() -> Self {
        true
    }
    fn is_nan(self) -> bool {
        false
    }
    fn fma(a: Self, b: Self, c: Self) -> Self {
        (a & b) | c
    }
}

/// One rounding of `a * b + c` per float type.
trait FusedMulAdd {
    fn fused(a: Self, b: Self, c: Self) -> Self;
}

impl FusedMulAdd for f32 {
    #[inline(always)]
    fn fused(a: f32, b: f32, c: f32) -> f32 {
        a.mul_add(b, c)
    }
}

impl FusedMulAdd for f64 {
    #[inline(always)]
    fn fused(a: f64, b: f64, c: f64) -> f64 {
        a.mul_add(b, c)
    }
}

impl FusedMulAdd for half::f16 {
    #[inline(always)]
    fn fused(a: Self, b: Self, c: Self) -> Self {
        half::f16::from_f32(a.to_f32().mul_add(b.to_f32(), c.to_f32()))
    }
}

impl FusedMulAdd for half::bf16 {
    #[inline(always)]
    fn fused(a: Self, b: Self, c: Self) -> Self {
        half::bf16::from_f32(a.to_f32().mul_add(b.to_f32(), c.to_f32()))
    }
}

/// CPython's/NumPy's float floor division and modulo, signs included.
pub fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    if wx == 0.0 {
        return (vx / wx, f64::NAN);
    }
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// PyTorch's float remainder: `fmod`, moved to the divisor's sign when nonzero.
fn torch_remainder(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) { m + b } else { m }
}

fn sign(x: f64) -> f64 {
    if x.is_nan() {
        x
    } else if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        0.0
    }
}

/// `out[i] = f(a[i], b[i])`, in a loop compiled for AVX-512 or AVX2 where the CPU has
/// them (one IEEE operation per element, so the same bits at any width).
#[inline(always)]
fn wide_map2<T: Copy, F: Fn(T, T) -> T>(a: &[T], b: &[T], out: &mut [T], f: F) {
    #[inline(always)]
    fn map2<T: Copy, F: Fn(T, T) -> T>(a: &[T], b: &[T], out: &mut [T], f: F) {
        for (o, (&x, &y)) in out.iter_mut().zip(a.iter().zip(b)) {
            *o = f(x, y);
        }
    }
    #[cfg(target_arch = "x86_64")]
    {
        if super::x86_v4() {
            #[target_feature(enable = "avx512f,avx512vl,avx512dq,avx512bw,avx2")]
            fn wide<T: Copy, F: Fn(T, T) -> T>(a: &[T], b: &[T], out: &mut [T], f: F) {
                map2(a, b, out, f)
            }
            // SAFETY: the CPU has AVX-512 F/VL/DQ/BW (checked above), and with them AVX2.
            return unsafe { wide(a, b, out, f) };
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            #[target_feature(enable = "avx2")]
            fn wide<T: Copy, F: Fn(T, T) -> T>(a: &[T], b: &[T], out: &mut [T], f: F) {
                map2(a, b, out, f)
            }
            // SAFETY: the CPU has AVX2 (checked above).
            return unsafe { wide(a, b, out, f) };
        }
    }
    map2(a, b, out, f)
}

/// `out[i] = fused(a[i], b[i], c[i])`, compiled with the FMA instruction where the CPU has
/// it (a fused multiply-add is one rounding on every path: only its speed differs; without
/// the instruction each element is a library call).
#[inline(always)]
fn wide_fma<T: Copy + FusedMulAdd>(a: &[T], b: &[T], c: &[T], out: &mut [T]) {
    #[inline(always)]
    fn map3<T: Copy + FusedMulAdd>(a: &[T], b: &[T], c: &[T], out: &mut [T]) {
        for (o, (&x, (&y, &z))) in out.iter_mut().zip(a.iter().zip(b.iter().zip(c))) {
            *o = T::fused(x, y, z);
        }
    }
    #[cfg(target_arch = "x86_64")]
    {
        if super::x86_v4() {
            #[target_feature(enable = "avx512f,avx512vl,avx512dq,avx512bw,avx2,fma")]
            fn wide<T: Copy + FusedMulAdd>(a: &[T], b: &[T], c: &[T], out: &mut [T]) {
                map3(a, b, c, out)
            }
            // SAFETY: the CPU has AVX-512 F/VL/DQ/BW (checked above), and with them AVX2 and FMA.
            return unsafe { wide(a, b, c, out) };
        }
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
            #[target_feature(enable = "avx2,fma")]
            fn wide<T: Copy + FusedMulAdd>(a: &[T], b: &[T], c: &[T], out: &mut [T]) {
                map3(a, b, c, out)
            }
            // SAFETY: the CPU has AVX2 and FMA (checked above).
            return unsafe { wide(a, b, c, out) };
        }
    }
    map3(a, b, c, out)
}

/// Floats compute through f64 and round once to the element type: exact for + - * / of
/// f32 and f16, and correctly rounded (or within an ulp) for the transcendental functions.
macro_rules! float_arith {
    (@unary ; $t:ty) => {};
    // Negation, absolute value and square root: exact in a tight loop.
    (@basic $op:ident, $a:ident, $out:ident) => {{
        let it = $out.iter_mut().zip($a);
        match $op {
            UnaryOp::Neg => it.for_each(|(o, &x)| *o = -x),
            UnaryOp::Abs => it.for_each(|(o, &x)| *o = x.abs()),
            // IEEE square root is correctly rounded in f32 and f64 alike.
            UnaryOp::Sqrt => it.for_each(|(o, &x)| *o = x.sqrt()),
            _ => return false,
        }
        true
    }};
    (@unary fast32 ; $t:ty) => {
        fn fast_unary(op: UnaryOp, math: MathLib, a: &[Self], out: &mut [Self]) -> bool {
            if super::libmath::f32_unary(op, math, a, out) {
                return true;
            }
            match op {
                UnaryOp::Exp => super::vmath::exp(a, out),
                UnaryOp::Log => super::vmath::log(a, out),
                UnaryOp::Sin => super::vmath::sin(a, out),
                UnaryOp::Cos => super::vmath::cos(a, out),
                UnaryOp::Tanh => super::vmath::tanh(a, out),
                _ => return float_arith!(@basic op, a, out),
            }
            true
        }
    };
    (@unary fast ; $t:ty) => {
        fn fast_unary(op: UnaryOp, math: MathLib, a: &[Self], out: &mut [Self]) -> bool {
            super::libmath::f64_unary(op, math, a, out) || float_arith!(@basic op, a, out)
        }
    };
    ($($t:ty $(: $fast:ident)?),*) => {$(
        impl Arith for $t {
            fn binary(op: BinaryOp) -> fn(Self, Self) -> Self {
                fn f(a: $t, b: $t, g: fn(f64, f64) -> f64) -> $t {
                    <$t as Elem>::from_f64(g(a.to_f64(), b.to_f64()))
                }
                match op {
                    BinaryOp::Add => |a, b| f(a, b, |x, y| x + y),
                    BinaryOp::Sub => |a, b| f(a, b, |x, y| x - y),
                    BinaryOp::Mul => |a, b| f(a, b, |x, y| x * y),
                    BinaryOp::Div => |a, b| f(a, b, |x, y| x / y),
                    BinaryOp::FloorDiv => |a, b| f(a, b, |x, y| float_divmod(x, y).0),
                    BinaryOp::Mod => |a, b| f(a, b, |x, y| float_divmod(x, y).1),
                    BinaryOp::Remainder => |a, b| f(a, b, torch_remainder),
                    BinaryOp::Shl | BinaryOp::Shr => |a, _| a,
                    BinaryOp::Pow => |a, b| f(a, b, f64::powf),
                    BinaryOp::Max => |a, b| f(a, b, |x, y| if x.is_nan() || y.is_nan() { f64::NAN } else { x.max(y) }),
                    BinaryOp::Min => |a, b| f(a, b, |x, y| if x.is_nan() || y.is_nan() { f64::NAN } else { x.min(y) }),
                    BinaryOp::And | BinaryOp::Or | BinaryOp::Xor => |a, _| a,
                    BinaryOp::Atan2 => |a, b| f(a, b, f64::atan2),
                    BinaryOp::Hypot => |a, b| f(a, b, f64::hypot),
                    BinaryOp::Copysign => |a, b| f(a, b, f64::copysign),
                    BinaryOp::Fmod => |a, b| f(a, b, |x, y| x % y),
                    BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => |a, _| a,
                }
            }
            fn unary(op: UnaryOp) -> fn(Self) -> Self {
                fn f(a: $t, g: fn(f64) -> f64) -> $t {
                    <$t as Elem>::from_f64(g(a.to_f64()))
                }
                match op {
                    UnaryOp::Neg => |a| f(a, |x| -x),
                    UnaryOp::Not => |a| a,
                    UnaryOp::Abs => |a| f(a, f64::abs),
                    UnaryOp::Exp => |a| f(a, f64::exp),
                    UnaryOp::Log => |a| f(a, f64::ln),
                    UnaryOp::Log2 => |a| f(a, f64::log2),
                    UnaryOp::Log10 => |a| f(a, f64::log10),
                    UnaryOp::Sqrt => |a| f(a, f64::sqrt),
                    UnaryOp::Sin => |a| f(a, f64::sin),
                    UnaryOp::Cos => |a| f(a, f64::cos),
                    UnaryOp::Tan => |a| f(a, f64::tan),
                    UnaryOp::Tanh => |a| f(a, f64::tanh),
                    UnaryOp::Floor => |a| f(a, f64::floor),
                    UnaryOp::Ceil => |a| f(a, f64::ceil),
                    UnaryOp::Round => |a| f(a, f64::round_ties_even),
                    UnaryOp::Sign => |a| f(a, sign),
                    UnaryOp::Trunc => |a| f(a, f64::trunc),
                    UnaryOp::Asin => |a| f(a, f64::asin),
                    UnaryOp::Acos => |a| f(a, f64::acos),
                    UnaryOp::Atan => |a| f(a, f64::atan),
                    UnaryOp::Sinh => |a| f(a, f64::sinh),
                    UnaryOp::Cosh => |a| f(a, f64::cosh),
                    UnaryOp::Asinh => |a| f(a, f64::asinh),
                    UnaryOp::Acosh => |a| f(a, f64::acosh),
                    UnaryOp::Atanh => |a| f(a, f64::atanh),
                    UnaryOp::Expm1 => |a| f(a, f64::exp_m1),
                    UnaryOp::Log1p => |a| f(a, f64::ln_1p),
                    UnaryOp::Exp2 => |a| f(a, f64::exp2),
                    UnaryOp::Cbrt => |a| f(a, f64::cbrt),
                    UnaryOp::Erf => |a| f(a, libm::erf),
                    UnaryOp::Erfc => |a| f(a, libm::erfc),
                    UnaryOp::Conj => |a| a,
                    UnaryOp::Imag => |a| f(a, |_| 0.0),
                    UnaryOp::Angle => |a| f(a, |x| 0.0f64.atan2(x)),
                }
            }
            fn fast_binary(op: BinaryOp, a: &[Self], b: &[Self], out: &mut [Self]) -> bool {
                let it = out.iter_mut().zip(a.iter().zip(b));
                match op {
                    BinaryOp::Add => wide_map2(a, b, out, |x, y| x + y),
                    BinaryOp::Sub => wide_map2(a, b, out, |x, y| x - y),
                    BinaryOp::Mul => wide_map2(a, b, out, |x, y| x * y),
                    BinaryOp::Div => wide_map2(a, b, out, |x, y| x / y),
                    // Squaring (`x ** 2`, common in losses) is one exact product, rounded once
                    // as `pow` rounds it.
                    BinaryOp::Pow if b.iter().all(|y| y.to_f64() == 2.0) => it.for_each(|(o, (&x, _))| *o = x * x),
                    _ => return false,
                }
                true
            }
            float_arith!(@unary $($fast)? ; $t);
            fn fma(a: Self, b: Self, c: Self) -> Self { FusedMulAdd::fused(a, b, c) }
            fn fma_slice(a: &[Self], b: &[Self], c: &[Self], out: &mut [Self]) {
                wide_fma(a, b, c, out)
            }
            fn zero() -> Self { <$t as Elem>::from_f64(0.0) }
            fn one() -> Self { <$t as Elem>::from_f64(1.0) }
            fn is_nan(self) -> bool { self.to_f64().is_nan() }
        }
    )*};
}

float_arith!(half::f16, half::bf16, f32: fast32, f64: fast);

/// Complex numbers: each part in its own float type, with NumPy's formulas (which
/// PyTorch's scalar `c10::complex` follows): products without fused multiply-add, and
/// Smith's division.
macro_rules! complex_arith {
    ($t:ty, $f:ty) => {
        impl Arith for $t {
            fn binary(op: BinaryOp) -> fn(Self, Self) -> Self {
                match op {
                    BinaryOp::Add => |a, b| <$t>::new(a.re + b.re, a.im + b.im),
                    BinaryOp::Sub => |a, b| <$t>::new(a.re - b.re, a.im - b.im),
                    BinaryOp::Mul => |a, b| <$t>::new(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re),
                    BinaryOp::Div => |a, b| {
                        let (c, d) = (b.re, b.im);
                        let (abs_c, abs_d) = (c.abs(), d.abs());
                        if abs_c >= abs_d {
                            if abs_c == 0.0 && abs_d == 0.0 {
                                <$t>::new(a.re / abs_c, a.im / abs_c)
                            } else {
                                let rat = d / c;
                                let scl = 1.0 / (c + d * rat);
                                <$t>::new((a.re + a.im * rat) * scl, (a.im - a.re * rat) * scl)
                            }
                        } else {
                            let rat = c / d;
                            let scl = 1.0 / (d + c * rat);
                            <$t>::new((a.re * rat + a.im) * scl, (a.im * rat - a.re) * scl)
                        }
                    },
                    // NumPy's maximum/minimum: a NaN in either part propagates, else the
                    // lexicographic order.
                    BinaryOp::Max => |a, b| {
                        if a.re.is_nan() || a.im.is_nan() || a >= b {
                            a
                        } else {
                            b
                        }
                    },
                    BinaryOp::Min => |a, b| {
                        if a.re.is_nan() || a.im.is_nan() || a <= b {
                            a
                        } else {
                            b
                        }
                    },
                    _ => |a, _| a,
                }
            }
            fn has_binary(op: BinaryOp) -> bool {
                matches!(
                    op,
                    BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Max | BinaryOp::Min
                ) || op.is_comparison()
            }
            fn unary(op: UnaryOp) -> fn(Self) -> Self {
                match op {
                    UnaryOp::Neg => |a| <$t>::new(-a.re, -a.im),
                    UnaryOp::Conj => |a| <$t>::new(a.re, -a.im),
                    // The results are real: the front end takes the real part.
                    UnaryOp::Abs => |a| <$t>::new(a.re.hypot(a.im), 0.0),
                    UnaryOp::Imag => |a| <$t>::new(a.im, 0.0),
                    UnaryOp::Angle => |a| <$t>::new(a.im.atan2(a.re), 0.0),
                    UnaryOp::Not => |a| <$t>::new((!a.is_nonzero()) as u8 as $f, 0.0),
                    _ => |a| a,
                }
            }
            fn has_unary(op: UnaryOp) -> bool {
                matches!(
                    op,
                    UnaryOp::Neg | UnaryOp::Conj | UnaryOp::Abs | UnaryOp::Imag | UnaryOp::Angle
                )
            }
            fn fma(a: Self, b: Self, c: Self) -> Self {
                let m = Self::binary(BinaryOp::Mul)(a, b);
                <$t>::new(m.re + c.re, m.im + c.im)
            }
            fn zero() -> Self {
                <$t>::new(0.0, 0.0)
            }
            fn one() -> Self {
                <$t>::new(1.0, 0.0)
            }
            fn is_nan(self) -> bool {
                self.re.is_nan() || self.im.is_nan()
            }
        }
    };
}

complex_arith!(crate::array::elem::Complex64, f32);
complex_arith!(crate::array::elem::Complex128, f64);
