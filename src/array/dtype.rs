//! Element types, their names in NumPy and PyTorch, and each library's promotion rules
//! (NumPy 2 / NEP 50 and PyTorch's category-and-priority rules, semantics.md §3).

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    Bool,
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F16,
    BF16,
    F32,
    F64,
    /// `complex64`: two float32.
    C64,
    /// `complex128`: two float64.
    C128,
}

/// bool < integral < floating: the order both libraries promote across.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    Bool,
    Int,
    Float,
    Complex,
}

use DType::*;

pub const ALL: [DType; 15] = [
    Bool, I8, I16, I32, I64, U8, U16, U32, U64, F16, BF16, F32, F64, C64, C128,
];

impl DType {
    pub fn category(self) -> Category {
        match self {
            Bool => Category::Bool,
            I8 | I16 | I32 | I64 | U8 | U16 | U32 | U64 => Category::Int,
            F16 | BF16 | F32 | F64 => Category::Float,
            C64 | C128 => Category::Complex,
        }
    }

    pub fn is_complex(self) -> bool {
        self.category() == Category::Complex
    }

    /// The complex type whose parts are this float type (PyTorch's `toComplexType`).
    pub fn to_complex(self) -> DType {
        match self {
            F64 | C128 => C128,
            _ => C64,
        }
    }

    /// The float type of a complex type's parts (`toRealValueType`); others unchanged.
    pub fn to_real(self) -> DType {
        match self {
            C64 => F32,
            C128 => F64,
            d => d,
        }
    }

    pub fn is_float(self) -> bool {
        self.category() == Category::Float
    }

    pub fn is_int(self) -> bool {
        self.category() == Category::Int
    }

    pub fn is_signed(self) -> bool {
        matches!(self, I8 | I16 | I32 | I64)
    }

    pub fn itemsize(self) -> usize {
        match self {
            Bool | I8 | U8 => 1,
            I16 | U16 | F16 | BF16 => 2,
            I32 | U32 | F32 => 4,
            I64 | U64 | F64 | C64 => 8,
            C128 => 16,
        }
    }

    /// NumPy's name: `float32`, `int64`, `bool`.
    pub fn numpy_name(self) -> &'static str {
        match self {
            Bool => "bool",
            I8 => "int8",
            I16 => "int16",
            I32 => "int32",
            I64 => "int64",
            U8 => "uint8",
            U16 => "uint16",
            U32 => "uint32",
            U64 => "uint64",
            F16 => "float16",
            BF16 => "bfloat16",
            F32 => "float32",
            F64 => "float64",
            C64 => "complex64",
            C128 => "complex128",
        }
    }

    /// NumPy's one-letter codes and type number: `(kind, char, num)`, as `np.dtype(x).kind`,
    /// `.char` and `.num` give them on 64-bit Linux (`int64` is C `long`: `'l'`, 7).
    /// bfloat16 is not a NumPy dtype: nt describes it as NumPy-style `('V', 'E', -1)`.
    pub fn numpy_codes(self) -> (char, char, i64) {
        match self {
            Bool => ('b', '?', 0),
            I8 => ('i', 'b', 1),
            U8 => ('u', 'B', 2),
            I16 => ('i', 'h', 3),
            U16 => ('u', 'H', 4),
            I32 => ('i', 'i', 5),
            U32 => ('u', 'I', 6),
            I64 => ('i', 'l', 7),
            U64 => ('u', 'L', 8),
            F32 => ('f', 'f', 11),
            F64 => ('f', 'd', 12),
            C64 => ('c', 'F', 14),
            C128 => ('c', 'D', 15),
            F16 => ('f', 'e', 23),
            BF16 => ('V', 'E', -1),
        }
    }

    /// NumPy's `dtype.str`: byte order, kind and size, `'<f4'`, `'|b1'`.
    pub fn numpy_str(self) -> String {
        let (kind, _, _) = self.numpy_codes();
        let order = if self.itemsize() == 1 { '|' } else { '<' };
        format!("{order}{kind}{}", self.itemsize())
    }

    /// PyTorch's name: `torch.float32`.
    pub fn torch_name(self) -> &'static str {
        match self {
            Bool => "torch.bool",
            I8 => "torch.int8",
            I16 => "torch.int16",
            I32 => "torch.int32",
            I64 => "torch.int64",
            U8 => "torch.uint8",
            U16 => "torch.uint16",
            U32 => "torch.uint32",
            U64 => "torch.uint64",
            F16 => "torch.float16",
            BF16 => "torch.bfloat16",
            F32 => "torch.float32",
            F64 => "torch.float64",
            C64 => "torch.complex64",
            C128 => "torch.complex128",
        }
    }

    /// PyTorch's legacy type names used in some messages: `Long`, `Float`.
    pub fn torch_scalar_name(self) -> &'static str {
        match self {
            Bool => "Bool",
            I8 => "Char",
            I16 => "Short",
            I32 => "Int",
            I64 => "Long",
            U8 => "Byte",
            U16 => "UInt16",
            U32 => "UInt32",
            U64 => "UInt64",
            F16 => "Half",
            BF16 => "BFloat16",
            F32 => "Float",
            F64 => "Double",
            C64 => "ComplexFloat",
            C128 => "ComplexDouble",
        }
    }

    /// The C++ type PyTorch names in some messages: `long int`, `c10::Half`.
    pub fn cpp_name(self) -> &'static str {
        match self {
            Bool => "bool",
            I8 => "signed char",
            I16 => "short int",
            I32 => "int",
            I64 => "long int",
            U8 => "unsigned char",
            U16 => "short unsigned int",
            U32 => "unsigned int",
            U64 => "long unsigned int",
            F16 => "c10::Half",
            BF16 => "c10::BFloat16",
            F32 => "float",
            F64 => "double",
            C64 => "c10::complex<float>",
            C128 => "c10::complex<double>",
        }
    }

    /// A NumPy dtype string (`np.dtype('float')`, `astype('f4')`): NumPy's names, where
    /// `'float'` and `'int'` are the 64-bit types (unlike torch's attributes of those names),
    /// and its type codes with an optional native or little-endian mark.
    pub fn from_numpy_name(name: &str) -> Option<DType> {
        let code = name.strip_prefix(['<', '=', '|']).unwrap_or(name);
        Some(match code {
            "bool" | "bool_" | "?" | "b1" => Bool,
            "int8" | "byte" | "b" | "i1" => I8,
            "int16" | "short" | "h" | "i2" => I16,
            "int32" | "intc" | "i" | "i4" => I32,
            "int64" | "int" | "long" | "longlong" | "int_" | "intp" | "l" | "q" | "i8" => I64,
            "uint8" | "ubyte" | "B" | "u1" => U8,
            "uint16" | "ushort" | "H" | "u2" => U16,
            "uint32" | "uintc" | "I" | "u4" => U32,
            "uint64" | "uint" | "ulong" | "L" | "Q" | "u8" | "uintp" => U64,
            "float16" | "half" | "e" | "f2" => F16,
            "float32" | "single" | "f" | "f4" => F32,
            "float64" | "float" | "double" | "d" | "f8" => F64,
            "complex64" | "csingle" | "F" | "c8" => C64,
            "complex128" | "complex" | "cdouble" | "D" | "c16" => C128,
            _ => return None,
        })
    }

    /// Smallest float that holds every value of an integer type, as NumPy's safe casts.
    fn numpy_float_for_int(self) -> DType {
        match self {
            Bool | I8 | U8 => F16,
            I16 | U16 => F32,
            _ => F64,
        }
    }

    fn int_bits(self) -> u32 {
        (self.itemsize() * 8) as u32
    }
}

/// Promotion of two integer types (the same in both libraries).
fn promote_ints(a: DType, b: DType) -> DType {
    let (sa, sb) = (a.is_signed(), b.is_signed());
    if sa == sb {
        return if a.itemsize() >= b.itemsize() { a } else { b };
    }
    let (s, u) = if sa { (a, b) } else { (b, a) };
    if s.itemsize() > u.itemsize() {
        return s;
    }
    match u.int_bits() * 2 {
        16 => I16,
        32 => I32,
        64 => I64,
        _ => F64,
    }
}

/// A complex type meeting a real type `r` of the other library's float for it.
fn complex_with(c: DType, real_float: DType) -> DType {
    if c == C128 || real_float == F64 { C128 } else { C64 }
}

fn larger_float(a: DType, b: DType) -> DType {
    match (a, b) {
        (F16, BF16) | (BF16, F16) => F32,
        _ => {
            if a.itemsize() >= b.itemsize() {
                a
            } else {
                b
            }
        }
    }
}

/// `np.promote_types(a, b)`.
pub fn numpy_promote(a: DType, b: DType) -> DType {
    match (a.category(), b.category()) {
        (Category::Bool, _) => b,
        (_, Category::Bool) => a,
        (Category::Int, Category::Int) => promote_ints(a, b),
        (Category::Int, Category::Float) => larger_float(a.numpy_float_for_int(), b),
        (Category::Float, Category::Int) => larger_float(a, b.numpy_float_for_int()),
        (Category::Float, Category::Float) => larger_float(a, b),
        (Category::Complex, Category::Complex) => complex_with(a, b.to_real()),
        (Category::Complex, Category::Int) => complex_with(a, b.numpy_float_for_int()),
        (Category::Int, Category::Complex) => complex_with(b, a.numpy_float_for_int()),
        (Category::Complex, Category::Float) => complex_with(a, b),
        (Category::Float, Category::Complex) => complex_with(b, a),
    }
}

/// `torch.promote_types(a, b)`: an integer meeting a float gives that float.
pub fn torch_promote(a: DType, b: DType) -> DType {
    match (a.category(), b.category()) {
        (Category::Bool, _) => b,
        (_, Category::Bool) => a,
        (Category::Int, Category::Int) => promote_ints(a, b),
        (Category::Int, Category::Float) => b,
        (Category::Float, Category::Int) => a,
        (Category::Float, Category::Float) => larger_float(a, b),
        (Category::Complex, Category::Complex) => complex_with(a, b.to_real()),
        (Category::Complex, Category::Int) => a,
        (Category::Int, Category::Complex) => b,
        (Category::Complex, Category::Float) => complex_with(a, b),
        (Category::Float, Category::Complex) => complex_with(b, a),
    }
}

/// An operand's role in PyTorch's promotion: dimensioned tensors outrank zero-dim
/// tensors, which outrank Python scalars (which are "wrapped numbers").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Priority {
    Dim,
    ZeroDim,
    Scalar,
}

/// PyTorch's `result_type` over operands (c10 `ResultTypeState` + `combine_categories`).
/// Python float scalars must be passed as the default dtype (float32), ints as int64.
pub fn torch_result_type(operands: &[(DType, Priority)]) -> DType {
    let group = |p: Priority| {
        operands
            .iter()
            .filter(|(_, q)| *q == p)
            .map(|(d, _)| *d)
            .reduce(torch_promote)
    };
    let combine = |higher: Option<DType>, lower: Option<DType>| -> Option<DType> {
        match (higher, lower) {
            (None, l) => l,
            (h, None) => h,
            (Some(h), Some(l)) => {
                if h.is_complex() {
                    Some(h)
                } else if l.is_complex() {
                    // A float keeps its precision in the complex type; an integer takes
                    // the lower operand's complex type.
                    Some(if h.is_float() { h.to_complex() } else { l })
                } else if h.is_float() {
                    Some(h)
                } else if h == Bool || l.is_float() {
                    Some(torch_promote(h, l))
                } else {
                    Some(h)
                }
            }
        }
    };
    combine(
        group(Priority::Dim),
        combine(group(Priority::ZeroDim), group(Priority::Scalar)),
    )
    .unwrap_or(F32)
}

/// A Python scalar in a NumPy operation (NEP 50 "weak" scalars).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Weak {
    Bool,
    Int(i64),
    Float,
    Complex,
}

/// NumPy's result dtype for an array of `dtype` combined with a weak Python scalar.
/// `Err` carries NumPy's OverflowError text for an int that does not fit.
pub fn numpy_with_weak(dtype: DType, w: Weak) -> Result<DType, String> {
    Ok(match (dtype.category(), w) {
        (_, Weak::Bool) => dtype,
        (Category::Bool, Weak::Int(_)) => I64,
        (Category::Int, Weak::Int(n)) => {
            if !int_fits(dtype, n) {
                return Err(format!("Python integer {n} out of bounds for {}", dtype.numpy_name()));
            }
            dtype
        }
        (Category::Float, Weak::Int(_)) => dtype,
        (Category::Bool | Category::Int, Weak::Float) => F64,
        (Category::Float, Weak::Float) => dtype,
        (Category::Complex, _) => dtype,
        (Category::Bool | Category::Int, Weak::Complex) => C128,
        (Category::Float, Weak::Complex) => dtype.to_complex(),
    })
}

/// An integer dtype's smallest and largest values; `None` for other dtypes.
pub fn int_range(dtype: DType) -> Option<(i128, i128)> {
    Some(match dtype {
        I8 => (i8::MIN.into(), i8::MAX.into()),
        I16 => (i16::MIN.into(), i16::MAX.into()),
        I32 => (i32::MIN.into(), i32::MAX.into()),
        I64 => (i64::MIN.into(), i64::MAX.into()),
        U8 => (0, u8::MAX.into()),
        U16 => (0, u16::MAX.into()),
        U32 => (0, u32::MAX.into()),
        U64 => (0, u64::MAX.into()),
        _ => return None,
    })
}

pub fn int_fits(dtype: DType, n: i64) -> bool {
    match dtype {
        I8 => i8::try_from(n).is_ok(),
        I16 => i16::try_from(n).is_ok(),
        I32 => i32::try_from(n).is_ok(),
        I64 => true,
        U8 => u8::try_from(n).is_ok(),
        U16 => u16::try_from(n).is_ok(),
        U32 => u32::try_from(n).is_ok(),
        U64 => n >= 0,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_promotion_table() {
        // semantics.md §3.2, verified against NumPy 2.4.
        assert_eq!(numpy_promote(I32, I64), I64);
        assert_eq!(numpy_promote(I32, F32), F64);
        assert_eq!(numpy_promote(I16, F32), F32);
        assert_eq!(numpy_promote(I64, F32), F64);
        assert_eq!(numpy_promote(U64, I64), F64);
        assert_eq!(numpy_promote(U8, I8), I16);
        assert_eq!(numpy_promote(Bool, Bool), Bool);
        assert_eq!(numpy_with_weak(I8, Weak::Int(1)), Ok(I8));
        assert_eq!(numpy_with_weak(I8, Weak::Float), Ok(F64));
        assert_eq!(numpy_with_weak(F32, Weak::Float), Ok(F32));
        assert_eq!(numpy_with_weak(Bool, Weak::Int(1)), Ok(I64));
        assert_eq!(
            numpy_with_weak(I8, Weak::Int(1000)),
            Err("Python integer 1000 out of bounds for int8".into())
        );
    }

    #[test]
    fn torch_promotion_table() {
        use Priority::*;
        // semantics.md §3.3, verified against PyTorch 2.15.
        assert_eq!(torch_result_type(&[(I64, Dim), (F32, Scalar)]), F32);
        assert_eq!(torch_result_type(&[(I64, Dim), (F16, Dim)]), F16);
        assert_eq!(torch_result_type(&[(I32, Dim), (F64, ZeroDim)]), F64);
        assert_eq!(torch_result_type(&[(F16, Dim), (F64, ZeroDim)]), F16);
        assert_eq!(torch_result_type(&[(I8, Dim), (I64, Scalar)]), I8);
        assert_eq!(torch_result_type(&[(I8, Dim), (I64, ZeroDim)]), I8);
        assert_eq!(torch_result_type(&[(I8, Dim), (I64, Dim)]), I64);
        assert_eq!(torch_result_type(&[(U8, Dim), (I8, Dim)]), I16);
        assert_eq!(torch_result_type(&[(Bool, Dim), (I64, Scalar)]), I64);
        assert_eq!(torch_result_type(&[(Bool, Dim), (F32, Scalar)]), F32);
    }
}
