//! The gradient rules' data: what each recorded op saved for its backward pass
//! (`rules.rs` computes the gradients from it).

use super::Grad;
use crate::array::NdArray;
use crate::array::layout::Layout;
use crate::ir::{BinaryOp, UnaryOp};
use std::rc::Rc;

pub enum Rule {
    /// A `torch.autograd.Function` subclass: its `backward`, run by the caller's
    /// `Custom` hook (`autograd::backward`), which the interpreter supplies.
    Custom(Rc<dyn std::any::Any>),
    Add,
    Sub,
    Neg,
    Mul(Grad, Grad),
    Div(Grad, Grad),
    /// `x ** e` for a number `e`.
    PowScalar(Grad, f64),
    /// Saves the output: d exp(x) = exp(x).
    Exp(NdArray),
    Log(Grad),
    /// Saves the output: d sqrt(x) = 1 / (2 sqrt(x)).
    Sqrt(NdArray),
    /// Saves the output: d tanh(x) = 1 - tanh(x)².
    Tanh(NdArray),
    /// Saves the output: d σ(x) = σ(x)(1 - σ(x)).
    Sigmoid(NdArray),
    /// Saves the output: threshold_backward(g, y, 0).
    Relu(NdArray),
    Sin(Grad),
    Cos(Grad),
    /// A primitive whose gradient is a formula of its input and output
    /// (`formulas.rs`): the op, the input, the output.
    Elementwise(UnaryOp, Grad, NdArray),
    /// A float primitive of two operands (`atan2`, `hypot`, `copysign`, `fmod`): the op,
    /// both operands, the output (`formulas.rs`).
    Formula2(BinaryOp, Grad, Grad, NdArray),
    /// Saves the input's sign.
    Abs(NdArray),
    /// Saves the output and the dimension: g·s − s·Σ(g·s).
    Softmax(NdArray, usize),
    /// The gradient passes where the mask is 1 (clamp, relu-like selections).
    Mask(NdArray),
    /// `maximum`/`minimum`: masks for each input (ties split the gradient).
    Select2(NdArray, NdArray),
    /// Each input's gradient is the output's times a weight of the output's shape, summed
    /// back to the input's shape (`clamp` with tensor bounds).
    Weighted(Vec<NdArray>),
    /// `cumsum` along `dim` (`reverse`: summed from the end, the gradient of a cumsum).
    CumSum {
        dim: usize,
        reverse: bool,
    },
    /// `torch.norm(x, p)` for p other than 2 (PyTorch's `norm_backward`): the input,
    /// the norm with the reduced axes kept, p.
    NormP {
        input: NdArray,
        norm: NdArray,
        p: f64,
        axes: Vec<usize>,
        keepdim: bool,
    },
    /// A reduction whose gradient is the output gradient spread back over the reduced
    /// axes times saved per-element weights (max/min: the winners; var/std: the slope,
    /// which depends on the input, so `smooth` reductions have no higher derivative here).
    Spread {
        weights: NdArray,
        axes: Vec<usize>,
        keepdim: bool,
        smooth: bool,
    },
    /// The 2-norm over `axes`: `x · (g / ‖x‖)`, zero where the norm is zero (PyTorch's
    /// `norm_backward`); `norm` keeps the reduced axes.
    Norm2 {
        input: NdArray,
        norm: NdArray,
        axes: Vec<usize>,
        keepdim: bool,
    },
    /// `expand`: sum back to the input shape.
    Expand,
    /// `cat`/`stack` along a dimension: the gradient is split (stack: also squeezed).
    Cat {
        dim: usize,
        stacked: bool,
    },
    /// Reduced axes of the input; `keepdim` as recorded.
    Sum {
        axes: Vec<usize>,
        keepdim: bool,
    },
    Mean {
        axes: Vec<usize>,
        keepdim: bool,
        n: usize,
    },
    /// `a ** b` with a tensor exponent; saves the output.
    Pow(Grad, Grad, NdArray),
    /// 2-D `a @ b`.
    Mm(Grad, Grad),
    /// Matrix times vector.
    Mv(Grad, Grad),
    /// `a @ b` of any other shapes matmul takes: batched (broadcast batch dimensions),
    /// or a vector times a matrix.
    MatMulNd(Grad, Grad),
    /// 1-D `a @ b`.
    Dot(Grad, Grad),
    /// Basic indexing: the view it took, as a layout over a contiguous array of the
    /// input's shape; the gradient is written through it into zeros.
    Index(Layout),
    /// The gradient of `Index` (recorded only under `create_graph`): takes the view again.
    Scatter(Layout),
    /// Indexing with index arrays or masks: the flat input position of each output
    /// element; the gradient is scatter-added back.
    Gather(NdArray),
    /// The gradient of `Gather` (recorded only under `create_graph`): gathers again.
    ScatterAdd(NdArray),
    /// `t[key] = v` into a tensor with history: the old tensor's gradient is the output's
    /// outside the written positions (`keep`, a 0/1 mask); `v`'s is the output's at them.
    CopySlices {
        positions: NdArray,
        keep: NdArray,
    },
    /// Any reshape or view: the gradient takes the input's shape back.
    View,
    /// A copy (`clone`): the gradient passes unchanged (not a view: writing into the
    /// result leaves the input alone).
    Identity,
    /// `t.to(device)`: the gradient goes back to the input's device (`gpu` or not).
    ToDevice {
        gpu: bool,
    },
    Permute(Vec<usize>),
    /// `linalg.inv`: saves the inverse; the gradient is `-A⁻ᵀ g A⁻ᵀ`.
    LinalgInv(NdArray),
    /// `linalg.det`: saves `A⁻ᵀ` and the determinant; the gradient is `g · det · A⁻ᵀ`.
    LinalgDet(NdArray, NdArray),
    /// `linalg.solve(A, B)`: saves `A⁻ᵀ` and the solution X; `B̄ = A⁻ᵀ X̄`, `Ā = -B̄ Xᵀ`
    /// (X and B vectors when `vector`).
    LinalgSolve {
        inv_t: NdArray,
        x: NdArray,
        vector: bool,
    },
    /// A copy to another float dtype (`.double()`, `.to(dtype)`): the gradient is cast
    /// back to the input's dtype.
    ToDtype(crate::array::dtype::DType),
    /// `Op::Im2Col`: the gradient is added back into the image (`Op::Col2Im`).
    Im2Col(Box<crate::ir::Windows>),
    /// `Op::Col2Im`: the gradient's windows are copied out (`Op::Im2Col`).
    Col2Im(Box<crate::ir::Windows>),
}
