//! The IR: the primitive ops every numeric result is computed with. Backends implement
//! each through an exhaustive `match`, so a new primitive does not compile until every
//! backend handles it. Composite functions (`sigmoid`, `mean`, `var`, `norm`, …) are built
//! from these by the array and tensor front ends.
//!
//! Elementwise ops on large or gpu operands are deferred and fused (`lazy`); the others
//! run at once on the array's backend.

pub mod lazy;

use crate::array::NdArray;
use crate::array::dtype::DType;

/// Declares `UnaryOp` and `UnaryOp::ALL` together, so the list of every primitive cannot
/// miss one.
macro_rules! unary_ops {
    ($($(#[$doc:meta])* $op:ident,)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum UnaryOp {
            $($(#[$doc])* $op,)*
        }

        impl UnaryOp {
            pub const ALL: &[UnaryOp] = &[$(UnaryOp::$op),*];
        }
    };
}

unary_ops! {
    Neg,
    /// Bitwise not for integers, logical not for bool.
    Not,
    Abs,
    Exp,
    Log,
    Log2,
    Log10,
    Sqrt,
    Sin,
    Cos,
    Tan,
    Tanh,
    Floor,
    Ceil,
    /// Round half to even, as `np.round`/`torch.round`.
    Round,
    Sign,
    /// Toward zero; integers and bools unchanged.
    Trunc,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Asinh,
    Acosh,
    Atanh,
    Expm1,
    Log1p,
    Exp2,
    Cbrt,
    Erf,
    Erfc,
    /// The complex conjugate; real numbers unchanged.
    Conj,
    /// A complex number's imaginary part (as a complex with zero imaginary part); 0 for
    /// real numbers.
    Imag,
    /// A complex number's argument `atan2(im, re)` (as a complex); NumPy's `angle` of a
    /// real number (0 or pi).
    Angle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    /// Python's and NumPy's modulo: the sign of the divisor, `+0.0` for an exact zero.
    Mod,
    /// PyTorch's `remainder`: as `Mod`, but an exact zero keeps the dividend's sign (`fmod`'s).
    Remainder,
    Pow,
    /// Integer shifts.
    Shl,
    Shr,
    Max,
    Min,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    Xor,
    /// Float-only (front ends cast integers first): C's `atan2`, `hypot`, `copysign`.
    Atan2,
    Hypot,
    Copysign,
    /// C's `fmod`: the dividend's sign; integers truncate, and `x fmod 0` is 0.
    Fmod,
}

impl Op {
    /// A unary op that every library computes exactly alike (negation, abs, sqrt,
    /// rounding, sign, not, the complex parts), so no library needs naming.
    pub fn exact(op: UnaryOp) -> Op {
        debug_assert!(matches!(
            op,
            UnaryOp::Neg
                | UnaryOp::Not
                | UnaryOp::Abs
                | UnaryOp::Sqrt
                | UnaryOp::Floor
                | UnaryOp::Ceil
                | UnaryOp::Round
                | UnaryOp::Sign
                | UnaryOp::Trunc
                | UnaryOp::Conj
                | UnaryOp::Imag
        ));
        Op::Unary(op, MathLib::Numpy)
    }
}

impl BinaryOp {
    /// Comparisons produce bool; everything else keeps the operand dtype.
    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReduceOp {
    Sum,
    /// A sum in NumPy's order: a float32/float64 run of contiguous elements is added
    /// pairwise in the element type as NumPy's `pairwise_sum` adds it, so the bits are
    /// NumPy's. Other cases (and every other backend) compute it as `Sum`.
    NumpySum,
    Prod,
    Max,
    Min,
    ArgMax,
    ArgMin,
    Any,
    All,
}

/// Whose algorithms a transcendental function follows. NumPy (its AVX2 SIMD code and
/// glibc) and PyTorch (SLEEF) round some results differently, and each library's
/// results are reproduced bit for bit; exact operations (negation, floor, ...) agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MathLib {
    Numpy,
    Torch,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// One input; same dtype out.
    Unary(UnaryOp, MathLib),
    /// Two inputs of one dtype, already broadcast to the output shape.
    Binary(BinaryOp),
    /// `where(cond, a, b)`: bool condition, `a` and `b` of one dtype, all broadcast.
    Where,
    Cast(DType),
    /// Reduces `axes` (sorted, unique); `keepdim` keeps them as size 1.
    Reduce {
        op: ReduceOp,
        axes: Vec<usize>,
        keepdim: bool,
    },
    /// Running sum along an axis.
    CumSum(usize),
    /// `[..., n, k] @ [..., k, m]` with equal batch dimensions.
    MatMul,
    /// A contiguous copy of a (possibly strided) view.
    Copy,
    /// `[source, positions]`: the source's elements (in row-major order) at int64
    /// `positions`, in the positions' shape.
    Gather,
    /// `[positions, values]`: `len` zeros, with each value added at its position (repeats
    /// accumulate). The gradient of `Gather`.
    ScatterAdd {
        len: usize,
    },
    /// `[a, b, c]` of one dtype and shape: `a * b + c` rounded once (a fused multiply-add),
    /// as PyTorch's CPU kernels compute `add(alpha=)`, `addcmul` and `lerp`.
    Fma,
    /// An image `[N, C, *sizes]` to its windows' columns `[C, *kernel, N, *out]`, zero
    /// outside the image (im2col, for convolution and `unfold`).
    Im2Col(Box<Windows>),
    /// Columns `[C, *kernel, N, *out]` added back into an image `[N, C, *sizes]`: each
    /// image element takes its terms in kernel-offset, then output-position order, as
    /// PyTorch's col2im adds them; terms falling in the padding are dropped.
    Col2Im(Box<Windows>),
    /// An image `[N, C, *sizes]` to the int64 position, within its plane, of each
    /// window's maximum `[N, C, *out]`, as PyTorch's max-pooling kernels choose it:
    /// padding is skipped, the first maximum wins, and a NaN wins over anything before it.
    WindowArgMax(Box<Windows>),
}

/// The geometry of sliding windows over an image `[batch, channels, *sizes]` (1 to 3
/// spatial dimensions): for kernel offset `k` and output position `o`, the element at
/// `o * stride - pad + k * dil` in each dimension.
#[derive(Clone, Debug, PartialEq)]
pub struct Windows {
    pub batch: usize,
    pub channels: usize,
    pub sizes: Vec<usize>,
    pub kernel: Vec<usize>,
    pub stride: Vec<usize>,
    pub pad: Vec<usize>,
    pub dil: Vec<usize>,
    pub out: Vec<usize>,
}

impl Windows {
    /// `[N, C, *sizes]`.
    pub fn image_shape(&self) -> Vec<usize> {
        let mut s = vec![self.batch, self.channels];
        s.extend(&self.sizes);
        s
    }

    /// `[C, *kernel, N, *out]`.
    pub fn cols_shape(&self) -> Vec<usize> {
        let mut s = vec![self.channels];
        s.extend(&self.kernel);
        s.push(self.batch);
        s.extend(&self.out);
        s
    }
}

impl Op {
    /// Output shape and dtype; `Err` is an internal inconsistency (front ends check user
    /// errors with each library's message before recording an op).
    pub fn infer(&self, inputs: &[&NdArray]) -> Result<(Vec<usize>, DType), String> {
        let first = inputs.first().ok_or("op without inputs")?;
        let same_shape = |n: usize| -> Result<(), String> {
            if inputs.len() != n || inputs.iter().any(|x| x.shape() != first.shape()) {
                return Err(format!("{self:?}: expected {n} inputs of one shape"));
            }
            Ok(())
        };
        Ok(match self {
            Op::Unary(..) | Op::Copy => (first.shape().to_vec(), first.dtype),
            Op::Cast(d) => (first.shape().to_vec(), *d),
            Op::Binary(b) => {
                same_shape(2)?;
                if inputs[1].dtype != first.dtype {
                    return Err(format!("{self:?}: operand dtypes differ"));
                }
                (
                    first.shape().to_vec(),
                    if b.is_comparison() { DType::Bool } else { first.dtype },
                )
            }
            Op::Fma => {
                same_shape(3)?;
                if inputs.iter().any(|x| x.dtype != first.dtype) {
                    return Err("fma: operands of different dtypes".into());
                }
                (first.shape().to_vec(), first.dtype)
            }
            Op::Where => {
                same_shape(3)?;
                if first.dtype != DType::Bool || inputs[1].dtype != inputs[2].dtype {
                    return Err("where: bad operand dtypes".into());
                }
                (first.shape().to_vec(), inputs[1].dtype)
            }
            Op::Reduce { op, axes, keepdim } => {
                let mut shape = Vec::new();
                for (i, &n) in first.shape().iter().enumerate() {
                    if !axes.contains(&i) {
                        shape.push(n);
                    } else if *keepdim {
                        shape.push(1);
                    }
                }
                let dtype = match op {
                    ReduceOp::ArgMax | ReduceOp::ArgMin => DType::I64,
                    ReduceOp::Any | ReduceOp::All => DType::Bool,
                    _ => first.dtype,
                };
                (shape, dtype)
            }
            Op::CumSum(_) => (first.shape().to_vec(), first.dtype),
            Op::Gather => {
                let pos = inputs.get(1).ok_or("gather needs positions")?;
                if pos.dtype != DType::I64 {
                    return Err("gather: positions must be int64".into());
                }
                (pos.shape().to_vec(), first.dtype)
            }
            Op::ScatterAdd { len } => {
                let vals = inputs.get(1).ok_or("scatter_add needs values")?;
                if first.dtype != DType::I64 || first.shape() != vals.shape() {
                    return Err("scatter_add: positions must be int64, shaped as the values".into());
                }
                (vec![*len], vals.dtype)
            }
            Op::Im2Col(w) | Op::Col2Im(w) | Op::WindowArgMax(w) => {
                let (from, to) = match self {
                    Op::Im2Col(_) => (w.image_shape(), w.cols_shape()),
                    Op::WindowArgMax(_) => {
                        let mut to = vec![w.batch, w.channels];
                        to.extend(&w.out);
                        (w.image_shape(), to)
                    }
                    _ => (w.cols_shape(), w.image_shape()),
                };
                let n = w.sizes.len();
                let same = |v: &Vec<usize>| v.len() == n;
                if first.shape() != from.as_slice()
                    || !(1..=3).contains(&n)
                    || ![&w.kernel, &w.stride, &w.pad, &w.dil, &w.out].into_iter().all(same)
                {
                    return Err(format!("{self:?}: input of shape {:?}", first.shape()));
                }
                let dtype = if matches!(self, Op::WindowArgMax(_)) {
                    DType::I64
                } else {
                    first.dtype
                };
                (to, dtype)
            }
            Op::MatMul => {
                let (a, b) = (first.shape(), inputs.get(1).ok_or("matmul needs two inputs")?.shape());
                let (na, nb) = (a.len(), b.len());
                if na < 2 || na != nb || a[..na - 2] != b[..nb - 2] || a[na - 1] != b[nb - 2] {
                    return Err(format!("matmul: incompatible shapes {a:?} and {b:?}"));
                }
                let mut shape = a[..na - 1].to_vec();
                shape.push(b[nb - 1]);
                (shape, first.dtype)
            }
        })
    }
}

thread_local! {
    /// What ran, while `:graph` watches (`trace_start`/`trace_take`).
    static TRACE: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// Starts recording a line per op run at once and per fused program realised.
pub fn trace_start() {
    TRACE.with(|t| *t.borrow_mut() = Some(Vec::new()));
}

/// Stops recording and returns what ran.
pub fn trace_take() -> Vec<String> {
    TRACE.with(|t| t.borrow_mut().take()).unwrap_or_default()
}

/// Whether ops are being recorded (`:graph`), so that shortcuts past `run` must not be taken.
pub(crate) fn tracing() -> bool {
    TRACE.with(|t| t.borrow().is_some())
}

pub fn trace(line: impl FnOnce() -> String) {
    TRACE.with(|t| {
        if let Some(log) = t.borrow_mut().as_mut() {
            log.push(line());
        }
    });
}

/// `float32 (2, 3)` for a trace.
pub fn describe(dtype: DType, shape: &[usize]) -> String {
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    let comma = if shape.len() == 1 { "," } else { "" };
    format!("{} ({}{comma})", dtype.numpy_name(), dims.join(", "))
}
