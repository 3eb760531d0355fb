//! The Rust element types behind each dtype, and conversions between them with NumPy's
//! casting semantics (integers wrap, floats truncate toward zero when cast to integers).

use super::dtype::DType;
use half::{bf16, f16};

pub trait Elem: Copy + PartialOrd + Default + std::fmt::Debug + 'static {
    const DTYPE: DType;
    fn to_f64(self) -> f64;
    fn from_f64(x: f64) -> Self;
    /// Integers (and bools) as i128 so u64 and i64 both fit.
    fn to_i128(self) -> i128;
    /// Wrapping conversion from an integer.
    fn from_i128(n: i128) -> Self;
    fn is_nonzero(self) -> bool;
    /// The value as a complex number (real types: imaginary part 0).
    fn to_c(self) -> (f64, f64) {
        (self.to_f64(), 0.0)
    }
    /// From a complex number: real types keep the real part, as NumPy's and PyTorch's
    /// casts do.
    fn from_c(re: f64, _im: f64) -> Self {
        Self::from_f64(re)
    }
}

macro_rules! int_elem {
    ($t:ty, $d:ident) => {
        impl Elem for $t {
            const DTYPE: DType = DType::$d;
            fn to_f64(self) -> f64 {
                self as f64
            }
            fn from_f64(x: f64) -> Self {
                // C's float→int conversion is undefined out of range; NumPy yields
                // what the hardware gives. Truncation toward zero within range.
                if x.is_nan() { 0 } else { x.trunc() as i128 as $t }
            }
            fn to_i128(self) -> i128 {
                self as i128
            }
            fn from_i128(n: i128) -> Self {
                n as $t
            }
            fn is_nonzero(self) -> bool {
                self != 0
            }
        }
    };
}

int_elem!(i8, I8);
int_elem!(i16, I16);
int_elem!(i32, I32);
int_elem!(i64, I64);
int_elem!(u8, U8);
int_elem!(u16, U16);
int_elem!(u32, U32);
int_elem!(u64, U64);

impl Elem for bool {
    const DTYPE: DType = DType::Bool;
    fn to_f64(self) -> f64 {
        self as u8 as f64
    }
    fn from_f64(x: f64) -> Self {
        x != 0.0
    }
    fn to_i128(self) -> i128 {
        self as i128
    }
    fn from_i128(n: i128) -> Self {
        n != 0
    }
    fn is_nonzero(self) -> bool {
        self
    }
}

macro_rules! float_elem {
    ($t:ty, $d:ident, $to:expr, $from:expr) => {
        impl Elem for $t {
            const DTYPE: DType = DType::$d;
            fn to_f64(self) -> f64 {
                $to(self)
            }
            fn from_f64(x: f64) -> Self {
                $from(x)
            }
            fn to_i128(self) -> i128 {
                let x = $to(self);
                if x.is_nan() { 0 } else { x.trunc() as i128 }
            }
            fn from_i128(n: i128) -> Self {
                $from(n as f64)
            }
            fn is_nonzero(self) -> bool {
                $to(self) != 0.0
            }
        }
    };
}

float_elem!(f32, F32, |x: f32| x as f64, |x: f64| x as f32);
float_elem!(f64, F64, |x: f64| x, |x: f64| x);
float_elem!(f16, F16, f16::to_f64, f16::from_f64);
float_elem!(bf16, BF16, bf16::to_f64, bf16::from_f64);

/// Casts one element between types: through f64 when either side is a float, through
/// i128 (wrapping) between integers.
#[inline]
pub fn cast<S: Elem, D: Elem>(x: S) -> D {
    if S::DTYPE.is_complex() || D::DTYPE.is_complex() {
        if D::DTYPE == DType::Bool {
            D::from_i128(x.is_nonzero() as i128)
        } else {
            let (re, im) = x.to_c();
            D::from_c(re, im)
        }
    } else if S::DTYPE.is_float() || D::DTYPE.is_float() {
        if D::DTYPE == DType::Bool {
            D::from_i128(x.is_nonzero() as i128)
        } else {
            D::from_f64(x.to_f64())
        }
    } else if D::DTYPE == DType::Bool {
        D::from_i128(x.is_nonzero() as i128)
    } else {
        D::from_i128(x.to_i128())
    }
}

/// A complex element: NumPy's `complex64` (two f32) and `complex128` (two f64). Ordered
/// lexicographically (real part, then imaginary), as NumPy sorts complex numbers.
macro_rules! complex_elem {
    ($name:ident, $f:ty, $d:ident) => {
        #[derive(Clone, Copy, Debug, Default, PartialEq)]
        #[repr(C)]
        pub struct $name {
            pub re: $f,
            pub im: $f,
        }

        impl $name {
            pub const fn new(re: $f, im: $f) -> Self {
                $name { re, im }
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
                match self.re.partial_cmp(&o.re)? {
                    std::cmp::Ordering::Equal => self.im.partial_cmp(&o.im),
                    c => Some(c),
                }
            }
        }

        impl Elem for $name {
            const DTYPE: DType = DType::$d;
            fn to_f64(self) -> f64 {
                self.re as f64
            }
            fn from_f64(x: f64) -> Self {
                $name::new(x as $f, 0.0)
            }
            fn to_i128(self) -> i128 {
                let x = self.re as f64;
                if x.is_nan() { 0 } else { x.trunc() as i128 }
            }
            fn from_i128(n: i128) -> Self {
                $name::new(n as f64 as $f, 0.0)
            }
            fn is_nonzero(self) -> bool {
                self.re != 0.0 || self.im != 0.0
            }
            fn to_c(self) -> (f64, f64) {
                (self.re as f64, self.im as f64)
            }
            fn from_c(re: f64, im: f64) -> Self {
                $name::new(re as $f, im as $f)
            }
        }
    };
}

complex_elem!(Complex64, f32, C64);
complex_elem!(Complex128, f64, C128);
