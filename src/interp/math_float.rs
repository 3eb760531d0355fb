//! `math`'s float functions beyond the plain libm wrappers of `modules.rs`: `cbrt`,
//! `exp2`, `erf`, `erfc`, `gamma`, `lgamma`, `frexp`, `ldexp`, `modf`, `nextafter`,
//! `ulp`, `remainder`, `dist` and `hypot`, following CPython 3.11's
//! `Modules/mathmodule.c` bit for bit on x86-64 Linux.
//!
//! Where CPython calls glibc's libm (`cbrt`, `exp2`, `erf`, `erfc`, `frexp`, `ldexp`,
//! `nextafter`, and the `exp`/`pow`/`log`/`sin`/`cos`/`fmod` inside its own code) this
//! calls the same glibc function, so results are identical; CPython's own algorithms
//! (`m_tgamma`, `m_lgamma`, `m_sinpi`, `lanczos_sum`, `m_remainder`, `vector_norm`,
//! `math_ulp`) are ported line by line, in the same operation order.  Errors follow
//! each function's wrapper there: `math_1` (with its `can_overflow` flag), `math_1a`
//! (errno from the function itself), `math_2`, and the hand-written ones.
//!
//! The numeric cores come first and use no nt types (they are tested standalone
//! against CPython); the `Builtin` glue follows the `nt glue` line.

const INFINITY: f64 = f64::INFINITY;
const NAN: f64 = f64::NAN;

/// glibc's `cbrt`, as CPython calls it. The binary's own `cbrt` symbol resolves to
/// compiler-builtins' (correctly rounded, so one ulp off glibc's at times); the
/// glibc one is found in libm.so.6 at run time, else Rust's is used.
fn glibc_cbrt(x: f64) -> f64 {
    use std::ffi::{c_char, c_int, c_void};
    type Cbrt = extern "C" fn(f64) -> f64;
    static F: std::sync::OnceLock<Option<Cbrt>> = std::sync::OnceLock::new();
    unsafe extern "C" {
        fn dlopen(name: *const c_char, flag: c_int) -> *mut c_void;
        fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
    }
    let f = F.get_or_init(|| {
        // SAFETY: dlopen/dlsym with NUL-terminated names; the symbol found is libm's
        // `double cbrt(double)`, whose ABI is `Cbrt`.
        unsafe {
            let h = dlopen(c"libm.so.6".as_ptr(), 1);
            if h.is_null() {
                return None;
            }
            let p = dlsym(h, c"cbrt".as_ptr());
            (!p.is_null()).then(|| std::mem::transmute::<*mut c_void, Cbrt>(p))
        }
    });
    match f {
        Some(f) => f(x),
        None => x.cbrt(),
    }
}

mod libm {
    #[link(name = "m")]
    unsafe extern "C" {
        pub fn exp2(x: f64) -> f64;
        pub safe fn erf(x: f64) -> f64;
        pub fn erfc(x: f64) -> f64;
        pub fn exp(x: f64) -> f64;
        pub fn pow(x: f64, y: f64) -> f64;
        pub fn log(x: f64) -> f64;
        pub fn sin(x: f64) -> f64;
        pub fn cos(x: f64) -> f64;
        pub fn fmod(x: f64, y: f64) -> f64;
        pub fn frexp(x: f64, e: *mut i32) -> f64;
        pub fn ldexp(x: f64, e: i32) -> f64;
        pub fn nextafter(x: f64, y: f64) -> f64;
    }
}

// Safe wrappers: these libm functions are total on doubles and touch only errno.
fn exp(x: f64) -> f64 {
    unsafe { libm::exp(x) }
}
fn pow(x: f64, y: f64) -> f64 {
    unsafe { libm::pow(x, y) }
}
fn log(x: f64) -> f64 {
    unsafe { libm::log(x) }
}
fn sin(x: f64) -> f64 {
    unsafe { libm::sin(x) }
}
fn cos(x: f64) -> f64 {
    unsafe { libm::cos(x) }
}
fn fmod(x: f64, y: f64) -> f64 {
    unsafe { libm::fmod(x, y) }
}
fn c_ldexp(x: f64, e: i32) -> f64 {
    unsafe { libm::ldexp(x, e) }
}
fn c_frexp(x: f64) -> (f64, i32) {
    let mut e: i32 = 0;
    let m = unsafe { libm::frexp(x, &mut e) };
    (m, e)
}
pub fn nextafter(x: f64, y: f64) -> f64 {
    unsafe { libm::nextafter(x, y) }
}

/// The Python exception a math function raises: `ValueError("math domain error")`
/// or `OverflowError("math range error")`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MathErr {
    Domain,
    Range,
}

pub type FRes = Result<f64, MathErr>;

/// The `errno` a CPython-side computation leaves behind.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Errno {
    Ok,
    Dom,
    Range,
}

/// CPython's `is_error`: EDOM is a domain error; ERANGE is an overflow only when the
/// result is not small (an underflow is no error).
fn is_error(r: f64, errno: Errno) -> FRes {
    match errno {
        Errno::Ok => Ok(r),
        Errno::Dom => Err(MathErr::Domain),
        Errno::Range if r.abs() < 1.5 => Ok(r),
        Errno::Range => Err(MathErr::Range),
    }
}

/// CPython's `math_1` for a libm function that sets no errno that matters here (glibc
/// only sets ERANGE on underflow, which `is_error` ignores).
fn math_1(x: f64, r: f64, can_overflow: bool) -> FRes {
    if r.is_nan() && !x.is_nan() {
        return Err(MathErr::Domain);
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { MathErr::Range } else { MathErr::Domain });
    }
    Ok(r)
}

/// CPython's `math_2`: a NaN from non-NaN inputs is a domain error, an infinity from
/// finite inputs a range error.
fn math_2(x: f64, y: f64, r: f64) -> FRes {
    let errno = if r.is_nan() {
        if !x.is_nan() && !y.is_nan() {
            Errno::Dom
        } else {
            Errno::Ok
        }
    } else if r.is_infinite() {
        if x.is_finite() && y.is_finite() {
            Errno::Range
        } else {
            Errno::Ok
        }
    } else {
        Errno::Ok
    };
    is_error(r, errno)
}

pub fn cbrt(x: f64) -> FRes {
    math_1(x, glibc_cbrt(x), false)
}

pub fn exp2(x: f64) -> FRes {
    math_1(x, unsafe { libm::exp2(x) }, true)
}

/// `math_1a(erf)`: glibc's erf sets errno only on underflow, so it never fails.
pub fn erf(x: f64) -> FRes {
    Ok(libm::erf(x))
}

pub fn erfc(x: f64) -> FRes {
    Ok(unsafe { libm::erfc(x) })
}

const PI: f64 = std::f64::consts::PI;
#[allow(clippy::excessive_precision)]
const LOGPI: f64 = 1.144729885849400174143427351353058711647;

/// sin(pi*x) for finite x, exact at integers (CPython's `m_sinpi`).
fn m_sinpi(x: f64) -> f64 {
    let y = fmod(x.abs(), 2.0);
    let n = (2.0 * y).round() as i32;
    let r = match n {
        0 => sin(PI * y),
        1 => cos(PI * (y - 0.5)),
        2 => sin(PI * (1.0 - y)),
        3 => -cos(PI * (y - 1.5)),
        _ => sin(PI * (y - 2.0)),
    };
    1.0f64.copysign(x) * r
}

const LANCZOS_N: usize = 13;
#[allow(clippy::excessive_precision)] // exact binary fractions, as in CPython
const LANCZOS_G: f64 = 6.024680040776729583740234375;
#[allow(clippy::excessive_precision)]
const LANCZOS_G_MINUS_HALF: f64 = 5.524680040776729583740234375;
#[allow(clippy::excessive_precision)]
const LANCZOS_NUM_COEFFS: [f64; LANCZOS_N] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
/// The denominator x*(x+1)*...*(x+LANCZOS_N-2).
const LANCZOS_DEN_COEFFS: [f64; LANCZOS_N] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];
/// Gamma of 1 through 23.
#[allow(clippy::excessive_precision)]
const GAMMA_INTEGRAL: [f64; 23] = [
    1.0,
    1.0,
    2.0,
    6.0,
    24.0,
    120.0,
    720.0,
    5040.0,
    40320.0,
    362880.0,
    3628800.0,
    39916800.0,
    479001600.0,
    6227020800.0,
    87178291200.0,
    1307674368000.0,
    20922789888000.0,
    355687428096000.0,
    6402373705728000.0,
    121645100408832000.0,
    2432902008176640000.0,
    51090942171709440000.0,
    1124000727777607680000.0,
];

/// Lanczos' sum L_g(x) for positive x, as a rational function (in 1/x for x >= 5).
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0f64, 0.0f64);
    if x < 5.0 {
        for (n, d) in LANCZOS_NUM_COEFFS.iter().zip(&LANCZOS_DEN_COEFFS).rev() {
            num = num * x + n;
            den = den * x + d;
        }
    } else {
        for (n, d) in LANCZOS_NUM_COEFFS.iter().zip(&LANCZOS_DEN_COEFFS) {
            num = num / x + n;
            den = den / x + d;
        }
    }
    num / den
}

/// CPython's `m_tgamma`, with the errno it sets.
fn m_tgamma(x: f64) -> (f64, Errno) {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return (x, Errno::Ok);
        }
        return (NAN, Errno::Dom);
    }
    if x == 0.0 {
        return (INFINITY.copysign(x), Errno::Dom);
    }
    if x == x.floor() {
        if x < 0.0 {
            return (NAN, Errno::Dom);
        }
        if x <= GAMMA_INTEGRAL.len() as f64 {
            return (GAMMA_INTEGRAL[x as usize - 1], Errno::Ok);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return (r, if r.is_infinite() { Errno::Range } else { Errno::Ok });
    }
    if absx > 200.0 {
        if x < 0.0 {
            return (0.0 / m_sinpi(x), Errno::Ok);
        }
        return (INFINITY, Errno::Range);
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    // The rounding error of y, as a correction factor.
    let z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / m_sinpi(absx) / absx * exp(y) / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= pow(y, absx - 0.5);
        } else {
            let sqrtpow = pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / exp(y);
        r += z * r;
        if absx < 140.0 {
            r *= pow(y, absx - 0.5);
        } else {
            let sqrtpow = pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    (r, if r.is_infinite() { Errno::Range } else { Errno::Ok })
}

/// CPython's `m_lgamma`: log |Gamma(x)|, with the errno it sets.
fn m_lgamma(x: f64) -> (f64, Errno) {
    if !x.is_finite() {
        if x.is_nan() {
            return (x, Errno::Ok);
        }
        return (INFINITY, Errno::Ok);
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return (INFINITY, Errno::Dom);
        }
        return (0.0, Errno::Ok);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return (-log(absx), Errno::Ok);
    }
    let mut r = log(lanczos_sum(absx)) - LANCZOS_G;
    r += (absx - 0.5) * (log(absx + LANCZOS_G - 0.5) - 1.0);
    if x < 0.0 {
        // The reflection formula.
        r = LOGPI - log(m_sinpi(absx).abs()) - log(absx) - r;
    }
    (r, if r.is_infinite() { Errno::Range } else { Errno::Ok })
}

pub fn gamma(x: f64) -> FRes {
    let (r, errno) = m_tgamma(x);
    is_error(r, errno)
}

pub fn lgamma(x: f64) -> FRes {
    let (r, errno) = m_lgamma(x);
    is_error(r, errno)
}

/// `(m, e)` with x == m * 2**e; NaNs, infinities and zeros come back with e == 0.
pub fn frexp(x: f64) -> (f64, i32) {
    if x.is_nan() || x.is_infinite() || x == 0.0 {
        return (x, 0);
    }
    c_frexp(x)
}

/// `x * 2**e`, where `e` is the exponent already clamped to a C long.
pub fn ldexp(x: f64, e: i64) -> FRes {
    let (r, errno);
    if x == 0.0 || !x.is_finite() {
        r = x;
        errno = Errno::Ok;
    } else if e > i32::MAX as i64 {
        r = INFINITY.copysign(x);
        errno = Errno::Range;
    } else if e < i32::MIN as i64 {
        r = 0.0f64.copysign(x);
        errno = Errno::Ok;
    } else {
        r = c_ldexp(x, e as i32);
        errno = if r.is_infinite() { Errno::Range } else { Errno::Ok };
    }
    is_error(r, errno)
}

/// `(fractional part, integer part)`, both with the sign of x.
pub fn modf(x: f64) -> (f64, f64) {
    if x.is_infinite() {
        return (0.0f64.copysign(x), x);
    }
    if x.is_nan() {
        return (x, x);
    }
    let int = x.trunc();
    ((x - int).copysign(x), int)
}

/// The value of the least significant bit of x (CPython's `math_ulp_impl`).
pub fn ulp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let x = x.abs();
    if x.is_infinite() {
        return x;
    }
    let x2 = nextafter(x, INFINITY);
    if x2.is_infinite() {
        // x is the largest finite float.
        return x - nextafter(x, -INFINITY);
    }
    x2 - x
}

/// CPython's `m_remainder`: x - n*y for the nearest multiple n*y (ties to even n).
fn m_remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return NAN;
        }
        let absx = x.abs();
        let absy = y.abs();
        let m = fmod(absx, absy);
        // Compare m with the complement c rather than with 0.5*absy, which might not
        // be representable.
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            // Halfway: keep m when the multiple is even, -m when it is odd.
            m - 2.0 * fmod(0.5 * (absx - m), absy)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return NAN;
    }
    x
}

pub fn remainder(x: f64, y: f64) -> FRes {
    math_2(x, y, m_remainder(x, y))
}

/// CPython's `vector_norm`: sqrt(sum(x**2)) over `vec` (non-negative values), where
/// `max` is the largest of them.  Power-of-two scaling, Veltkamp-Dekker squaring,
/// Neumaier summation and a differential correction of the square root.
fn vector_norm(vec: &[f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134217729.0; // ldexp(1.0, 27) + 1.0
    let (mut csum, mut frac1, mut frac2, mut frac3) = (1.0f64, 0.0f64, 0.0f64, 0.0f64);
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = c_frexp(max);
    if max_e >= -1023 {
        let scale = c_ldexp(1.0, -max_e);
        for &v in vec {
            let mut x = v * scale;
            let t = x * T27;
            let hi = t - (t - x);
            let lo = x - hi;

            x = hi * hi;
            let mut oldcsum = csum;
            csum += x;
            frac1 += (oldcsum - csum) + x;

            x = 2.0 * hi * lo;
            oldcsum = csum;
            csum += x;
            frac2 += (oldcsum - csum) + x;

            frac3 += lo * lo;
        }
        let h = (csum - 1.0 + (frac1 + frac2 + frac3)).sqrt();

        let mut x = h;
        let t = x * T27;
        let hi = t - (t - x);
        let lo = x - hi;

        x = -hi * hi;
        let mut oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;

        x = -2.0 * hi * lo;
        oldcsum = csum;
        csum += x;
        frac2 += (oldcsum - csum) + x;

        x = -lo * lo;
        oldcsum = csum;
        csum += x;
        frac3 += (oldcsum - csum) + x;

        x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    // ldexp(1.0, -max_e) would overflow: divide by max instead.
    for &v in vec {
        let mut x = v / max;
        x = x * x;
        let oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;
    }
    max * (csum - 1.0 + frac1).sqrt()
}

/// `math.hypot(*coords)`.
pub fn hypot(coords: &[f64]) -> f64 {
    let (mut max, mut found_nan) = (0.0f64, false);
    let abs: Vec<f64> = coords
        .iter()
        .map(|c| {
            let x = c.abs();
            found_nan |= x.is_nan();
            if x > max {
                max = x;
            }
            x
        })
        .collect();
    vector_norm(&abs, max, found_nan)
}

/// `math.dist(p, q)` for points of the same dimension.
pub fn dist(p: &[f64], q: &[f64]) -> f64 {
    let diffs: Vec<f64> = p.iter().zip(q).map(|(a, b)| a - b).collect();
    hypot(&diffs)
}

// ---- nt glue ----

use super::Interp;
use super::modules::real;
use crate::error::{Res, exc, type_error};
use crate::value::{Args, Builtin, Value};
use num_traits::{Signed, ToPrimitive};

fn raise(e: MathErr) -> Box<crate::error::Exc> {
    match e {
        MathErr::Domain => exc("ValueError", "math domain error"),
        MathErr::Range => exc("OverflowError", "math range error"),
    }
}

fn no_kw(args: &Args, name: &str) -> Res<()> {
    if args.kw.is_empty() {
        Ok(())
    } else {
        Err(type_error(format!("math.{name}() takes no keyword arguments")))
    }
}

/// The argument of a one-argument (`METH_O`) function, as a float.
fn one(args: &Args, name: &str) -> Res<f64> {
    no_kw(args, name)?;
    if args.pos.len() != 1 {
        return Err(type_error(format!(
            "math.{name}() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    }
    real(&args.pos[0])
}

/// The two arguments of a two-argument (`METH_FASTCALL`) function.
fn two<'a>(args: &'a Args, name: &str) -> Res<(&'a Value, &'a Value)> {
    no_kw(args, name)?;
    if args.pos.len() != 2 {
        return Err(type_error(format!(
            "{name} expected 2 arguments, got {}",
            args.pos.len()
        )));
    }
    Ok((&args.pos[0], &args.pos[1]))
}

macro_rules! unary {
    ($fname:ident, $name:literal, $core:path) => {
        fn $fname(_: &mut Interp, args: Args) -> Res<Value> {
            let x = one(&args, $name)?;
            $core(x).map(Value::Float).map_err(raise)
        }
    };
}

unary!(m_cbrt, "cbrt", cbrt);
unary!(m_exp2, "exp2", exp2);
unary!(m_erf, "erf", erf);
unary!(m_erfc, "erfc", erfc);
unary!(m_gamma, "gamma", gamma);
unary!(m_lgamma_fn, "lgamma", lgamma);

fn m_ulp(_: &mut Interp, args: Args) -> Res<Value> {
    Ok(Value::Float(ulp(one(&args, "ulp")?)))
}

fn m_frexp(_: &mut Interp, args: Args) -> Res<Value> {
    let (m, e) = frexp(one(&args, "frexp")?);
    Ok(Value::tuple(vec![Value::Float(m), Value::Int(e as i64)]))
}

fn m_modf(_: &mut Interp, args: Args) -> Res<Value> {
    let (frac, int) = modf(one(&args, "modf")?);
    Ok(Value::tuple(vec![Value::Float(frac), Value::Float(int)]))
}

fn m_ldexp(_: &mut Interp, args: Args) -> Res<Value> {
    let (x, i) = two(&args, "ldexp")?;
    let x = real(x)?;
    // An out-of-range exponent becomes LONG_MIN or LONG_MAX, as in CPython.
    let e = match i {
        Value::Int(n) => *n,
        Value::Bool(b) => *b as i64,
        Value::Long(b) => b.to_i64().unwrap_or(if b.is_negative() { i64::MIN } else { i64::MAX }),
        _ => return Err(type_error("Expected an int as second argument to ldexp.")),
    };
    ldexp(x, e).map(Value::Float).map_err(raise)
}

fn m_remainder_fn(_: &mut Interp, args: Args) -> Res<Value> {
    let (x, y) = two(&args, "remainder")?;
    let (x, y) = (real(x)?, real(y)?);
    remainder(x, y).map(Value::Float).map_err(raise)
}

fn m_nextafter(_: &mut Interp, args: Args) -> Res<Value> {
    let (x, y) = two(&args, "nextafter")?;
    let (x, y) = (real(x)?, real(y)?);
    Ok(Value::Float(nextafter(x, y)))
}

fn m_hypot(_: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "hypot")?;
    let xs = args.pos.iter().map(real).collect::<Res<Vec<f64>>>()?;
    Ok(Value::Float(hypot(&xs)))
}

fn m_dist(interp: &mut Interp, args: Args) -> Res<Value> {
    let (p, q) = two(&args, "dist")?;
    // Both become tuples first (`'int' object is not iterable`), then the lengths are
    // compared, then the coordinates converted pairwise.
    let p = interp.to_vec(p)?;
    let q = interp.to_vec(q)?;
    if p.len() != q.len() {
        return Err(exc("ValueError", "both points must have the same number of dimensions"));
    }
    let mut ps = Vec::with_capacity(p.len());
    let mut qs = Vec::with_capacity(q.len());
    for (a, b) in p.iter().zip(&q) {
        ps.push(real(a)?);
        qs.push(real(b)?);
    }
    Ok(Value::Float(dist(&ps, &qs)))
}

/// Registered after `modules.rs`'s `MATH`, so its `hypot` replaces the libm-based one.
pub static MORE: &[Builtin] = &[
    Builtin {
        name: "cbrt",
        f: m_cbrt,
    },
    Builtin {
        name: "exp2",
        f: m_exp2,
    },
    Builtin { name: "erf", f: m_erf },
    Builtin {
        name: "erfc",
        f: m_erfc,
    },
    Builtin {
        name: "gamma",
        f: m_gamma,
    },
    Builtin {
        name: "lgamma",
        f: m_lgamma_fn,
    },
    Builtin {
        name: "frexp",
        f: m_frexp,
    },
    Builtin {
        name: "ldexp",
        f: m_ldexp,
    },
    Builtin {
        name: "modf",
        f: m_modf,
    },
    Builtin {
        name: "nextafter",
        f: m_nextafter,
    },
    Builtin { name: "ulp", f: m_ulp },
    Builtin {
        name: "remainder",
        f: m_remainder_fn,
    },
    Builtin {
        name: "dist",
        f: m_dist,
    },
    Builtin {
        name: "hypot",
        f: m_hypot,
    },
];
