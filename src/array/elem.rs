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
    if S::DTYPE.is_float() || D::DTYPE.is_float() {
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
