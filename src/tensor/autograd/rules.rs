//! One gradient rule per recorded op: given the gradient of the output, the gradient of
//! each input, built from ordinary IR ops.
//!
//! Gradients are tensors. A plain backward pass runs with grad mode off, so nothing it
//! computes is recorded; under `create_graph=True` grad mode is on, every op below records
//! a node of its own (through `record`), and the gradients can be differentiated again.

pub use super::rule::Rule;
use super::{Grad, Node, Operand, grad_enabled, record_t};
use crate::array::NdArray;
use crate::array::layout::Layout;
use crate::error::{Res, exc};
use crate::ir::{BinaryOp, MathLib, Op, ReduceOp, UnaryOp};
use crate::tensor::Tensor;
use crate::tensor::ops::{broadcast2, cast, internal, item_f64, run};
use std::rc::Rc;

// --- Ops on gradient tensors, recorded when grad mode is on. ---

fn nd(v: &Grad) -> Res<&NdArray> {
    Ok(&v.data())
}

pub(super) fn tensor(a: NdArray) -> Grad {
    Rc::new(Tensor::new(a))
}

pub(super) fn scalar(x: f64, like: &Grad) -> Res<Grad> {
    Ok(tensor(crate::tensor::ops::scalar(x, like.data().dtype)?))
}

fn needs(inputs: &[&Grad]) -> bool {
    grad_enabled() && inputs.iter().any(|t| t.needs_grad())
}

/// `a op b` with PyTorch's promotion (gradients meet saved tensors of other float widths).
pub(super) fn bin(op: BinaryOp, a: &Grad, b: &Grad) -> Res<Grad> {
    let (x, y) = (nd(a)?, nd(b)?);
    let d = crate::array::dtype::torch_promote(x.dtype, y.dtype);
    let (x, y) = (cast(x, d)?, cast(y, d)?);
    let (xb, yb) = broadcast2(&x, &y)?;
    let out = run(Op::Binary(op), &[&xb, &yb])?;
    if !needs(&[a, b]) {
        return Ok(tensor(out));
    }
    let constant_exponent = !b.needs_grad() && y.numel() == 1;
    let (name, rule) = match op {
        BinaryOp::Add => ("AddBackward0", Rule::Add),
        BinaryOp::Sub => ("SubBackward0", Rule::Sub),
        BinaryOp::Mul => ("MulBackward0", Rule::Mul(a.clone(), b.clone())),
        BinaryOp::Div => ("DivBackward0", Rule::Div(a.clone(), b.clone())),
        BinaryOp::Pow if constant_exponent => {
            let e = item_f64(&y)?;
            ("PowBackward0", Rule::PowScalar(a.clone(), e))
        }
        BinaryOp::Pow => ("PowBackward1", Rule::Pow(a.clone(), b.clone(), out.clone())),
        _ => return Ok(tensor(out)),
    };
    Ok(record_t(out, name, rule, &[a, b]))
}

pub(super) fn un(op: UnaryOp, a: &Grad) -> Res<Grad> {
    let out = run(Op::Unary(op, MathLib::Torch), &[nd(a)?])?;
    if !needs(&[a]) {
        return Ok(tensor(out));
    }
    let (name, rule) = unary(op, a, &out)?.ok_or_else(|| internal("gradient of an op without a rule"))?;
    Ok(record_t(out, name, rule, &[a]))
}

/// The node name and gradient rule of a unary primitive applied to `x` (giving `out`);
/// `None` for a primitive without a gradient rule, which the caller refuses on a tensor
/// that requires grad. Exhaustive: a new primitive does not compile until it says which.
pub fn unary(op: UnaryOp, x: &Grad, out: &NdArray) -> Res<Option<(&'static str, Rule)>> {
    Ok(Some(match op {
        UnaryOp::Neg => ("NegBackward0", Rule::Neg),
        UnaryOp::Exp => ("ExpBackward0", Rule::Exp(out.clone())),
        UnaryOp::Log => ("LogBackward0", Rule::Log(x.clone())),
        UnaryOp::Sqrt => ("SqrtBackward0", Rule::Sqrt(out.clone())),
        UnaryOp::Tanh => ("TanhBackward0", Rule::Tanh(out.clone())),
        UnaryOp::Sin => ("SinBackward0", Rule::Sin(x.clone())),
        UnaryOp::Cos => ("CosBackward0", Rule::Cos(x.clone())),
        UnaryOp::Abs => ("AbsBackward0", Rule::Abs(run(Op::exact(UnaryOp::Sign), &[&x.data()])?)),
        UnaryOp::Conj | UnaryOp::Imag | UnaryOp::Angle => return Ok(None),
        UnaryOp::Trunc
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
        | UnaryOp::Erf
        | UnaryOp::Erfc => (
            super::formulas::node_name(op).unwrap_or_default(),
            Rule::Elementwise(op, x.clone(), out.clone()),
        ),
        UnaryOp::Not
        | UnaryOp::Cbrt
        | UnaryOp::Log2
        | UnaryOp::Log10
        | UnaryOp::Tan
        | UnaryOp::Floor
        | UnaryOp::Ceil
        | UnaryOp::Round
        | UnaryOp::Sign => return Ok(None),
    }))
}

pub(super) fn mul_const(g: &Grad, c: &NdArray) -> Res<Grad> {
    bin(BinaryOp::Mul, g, &tensor(c.clone()))
}

/// Sums over `axes`, keeping them.
fn sum_keep(g: &Grad, axes: Vec<usize>) -> Res<Grad> {
    let out = run(
        Op::Reduce {
            op: ReduceOp::Sum,
            axes: axes.clone(),
            keepdim: true,
        },
        &[nd(g)?],
    )?;
    Ok(record_t(out, "SumBackward1", Rule::Sum { axes, keepdim: true }, &[g]))
}

/// A copy of `g` in `shape` (same number of elements).
fn reshape(g: &Grad, shape: &[usize]) -> Res<Grad> {
    let a = nd(g)?;
    if a.shape() == shape {
        return Ok(g.clone());
    }
    let c = match a.layout.reshape(shape) {
        Some(l) => a.view(l),
        None => {
            let c = run(Op::Copy, &[a])?;
            let l = c.layout.reshape(shape).ok_or_else(|| internal("gradient reshape"))?;
            c.view(l)
        }
    };
    Ok(record_t(c, "ViewBackward0", Rule::View, &[g]))
}

/// `g` broadcast to `shape`, materialised.
fn expand(g: &Grad, shape: &[usize]) -> Res<Grad> {
    let a = nd(g)?;
    let l = a
        .layout
        .broadcast_to(shape)
        .ok_or_else(|| internal("gradient expand"))?;
    let out = run(Op::Copy, &[&a.view(l)])?;
    Ok(record_t(out, "ExpandBackward0", Rule::Expand, &[g]))
}

fn permute(g: &Grad, perm: Vec<usize>) -> Res<Grad> {
    let a = nd(g)?;
    let out = a.view(a.layout.permute(&perm));
    Ok(record_t(out, "PermuteBackward0", Rule::Permute(perm), &[g]))
}

fn t2(g: &Grad) -> Res<Grad> {
    permute(g, vec![1, 0])
}

fn matmul(a: &Grad, b: &Grad) -> Res<Grad> {
    let (x, y) = (nd(a)?, nd(b)?);
    let d = crate::array::dtype::torch_promote(x.dtype, y.dtype);
    let out = run(Op::MatMul, &[&cast(x, d)?, &cast(y, d)?])?;
    Ok(record_t(out, "MmBackward0", Rule::Mm(a.clone(), b.clone()), &[a, b]))
}

/// `a @ b` with broadcast batch dimensions (both at least 2-D).
fn batched_matmul(a: &Grad, b: &Grad) -> Res<Grad> {
    let (x, y) = (nd(a)?, nd(b)?);
    let d = crate::array::dtype::torch_promote(x.dtype, y.dtype);
    let (nx, ny) = (x.ndim(), y.ndim());
    let batch = crate::array::layout::broadcast_shapes(&x.shape()[..nx - 2], &y.shape()[..ny - 2])
        .map_err(|_| internal("matmul gradient batch"))?;
    let expand = |m: &NdArray| -> Res<NdArray> {
        let mut s = batch.clone();
        s.extend_from_slice(&m.shape()[m.ndim() - 2..]);
        Ok(m.view(
            m.layout
                .broadcast_to(&s)
                .ok_or_else(|| internal("matmul gradient broadcast"))?,
        ))
    };
    let out = run(Op::MatMul, &[&cast(&expand(x)?, d)?, &cast(&expand(y)?, d)?])?;
    Ok(record_t(
        out,
        "ViewBackward0",
        Rule::MatMulNd(a.clone(), b.clone()),
        &[a, b],
    ))
}

/// The last two axes swapped.
fn mt(g: &Grad) -> Res<Grad> {
    let n = nd(g)?.ndim();
    let mut perm: Vec<usize> = (0..n).collect();
    perm.swap(n - 2, n - 1);
    permute(g, perm)
}

/// The view `view` of `g` (a layout over a contiguous array of `g`'s shape), copied.
fn index(g: &Grad, view: &Layout) -> Res<Grad> {
    let whole = run(Op::Copy, &[nd(g)?])?;
    let out = run(Op::Copy, &[&whole.view(view.clone())])?;
    Ok(record_t(out, "SliceBackward0", Rule::Index(view.clone()), &[g]))
}

/// Zeros of `shape` and `dtype` on `like`'s device (a gradient stays where its tensor is).
pub(super) fn zeros_on(dtype: crate::array::dtype::DType, shape: &[usize], like: &NdArray) -> Res<NdArray> {
    let zeros = NdArray::zeros(dtype, shape);
    if crate::tensor::device::on_gpu(like) {
        return crate::tensor::device::move_array(&zeros, true);
    }
    Ok(zeros)
}

/// Zeros of `shape` with `g` written through the view `view`.
fn scatter(g: &Grad, view: &Layout, shape: &[usize]) -> Res<Grad> {
    let a = nd(g)?;
    let zeros = zeros_on(a.dtype, shape, a)?;
    crate::realise::assign(&zeros.view(view.clone()), a).map_err(internal)?;
    Ok(record_t(
        zeros,
        "SliceBackwardBackward0",
        Rule::Scatter(view.clone()),
        &[g],
    ))
}

/// The running sum of `g` along `dim`, from the end when `reverse` (a cumsum's gradient).
fn cumsum(g: &Grad, dim: usize, reverse: bool) -> Res<Grad> {
    let a = nd(g)?;
    let n = a.shape()[dim];
    let flip = |x: &NdArray| {
        if n > 0 {
            x.view(x.layout.slice(dim, n - 1, -1, n))
        } else {
            x.clone()
        }
    };
    let out = if reverse {
        run(Op::Copy, &[&flip(&run(Op::CumSum(dim), &[&flip(a)])?)])?
    } else {
        run(Op::CumSum(dim), &[a])?
    };
    Ok(record_t(out, "CumsumBackward0", Rule::CumSum { dim, reverse }, &[g]))
}

/// `g` cast to `d` (the gradient of a dtype copy).
fn to_dtype(g: &Grad, d: crate::array::dtype::DType) -> Res<Grad> {
    if g.data().dtype == d {
        return Ok(g.clone());
    }
    let out = cast(&run(Op::Copy, &[nd(g)?])?, d)?;
    Ok(record_t(out, "ToCopyBackward0", Rule::ToDtype(g.data().dtype), &[g]))
}

/// `g`'s windows (`Im2Col`) or `g` added back from windows (`Col2Im`).
fn windows(g: &Grad, w: &crate::ir::Windows, to_cols: bool) -> Res<Grad> {
    let w = Box::new(w.clone());
    let (op, name, rule) = if to_cols {
        (Op::Im2Col(w.clone()), "Im2ColBackward0", Rule::Im2Col(w))
    } else {
        (Op::Col2Im(w.clone()), "Col2ImBackward0", Rule::Col2Im(w))
    };
    Ok(record_t(run(op, &[nd(g)?])?, name, rule, &[g]))
}

/// The elements of `g` (flattened) at `positions`.
fn gather(g: &Grad, positions: &NdArray) -> Res<Grad> {
    let out = run(Op::Gather, &[nd(g)?, positions])?;
    Ok(record_t(out, "IndexBackward0", Rule::Gather(positions.clone()), &[g]))
}

/// Zeros of `shape` with `g`'s elements added at `positions`.
fn scatter_add(g: &Grad, positions: &NdArray, shape: &[usize]) -> Res<Grad> {
    let len = shape.iter().product();
    let flat = run(Op::ScatterAdd { len }, &[positions, nd(g)?])?;
    let out = flat.view(
        flat.layout
            .reshape(shape)
            .ok_or_else(|| internal("scatter_add shape"))?,
    );
    Ok(record_t(
        out,
        "IndexPutBackward0",
        Rule::ScatterAdd(positions.clone()),
        &[g],
    ))
}

/// Sums a gradient down to an input's shape (undoing broadcasting).
pub(super) fn unbroadcast(g: Grad, shape: &[usize]) -> Res<Grad> {
    let gs = nd(&g)?.shape().to_vec();
    if gs == shape {
        return Ok(g);
    }
    let extra = gs.len() - shape.len().min(gs.len());
    let mut axes: Vec<usize> = (0..extra).collect();
    for (i, &n) in shape.iter().enumerate() {
        if n == 1 && gs[extra + i] != 1 {
            axes.push(extra + i);
        }
    }
    reshape(&sum_keep(&g, axes)?, shape)
}

/// Puts reduced axes back (size 1).
pub(super) fn unsqueeze_axes(g: &Grad, axes: &[usize], keepdim: bool) -> Res<Grad> {
    if keepdim {
        return Ok(g.clone());
    }
    let mut l = nd(g)?.layout.clone();
    for &a in axes {
        l = l.unsqueeze(a);
    }
    reshape(g, &l.shape)
}

/// σ(x) = 1 / (1 + exp(−x)), composed as the front end composes it, recorded.
fn sigmoid(x: &Grad) -> Res<Grad> {
    let a = nd(x)?;
    let e = run(
        Op::Unary(UnaryOp::Exp, MathLib::Torch),
        &[&run(Op::exact(UnaryOp::Neg), &[a])?],
    )?;
    let one = crate::tensor::ops::scalar(1.0, a.dtype)?;
    let out = crate::tensor::ops::binary(
        BinaryOp::Div,
        &one,
        &crate::tensor::ops::binary(BinaryOp::Add, &one, &e)?,
    )?;
    Ok(record_t(out.clone(), "SigmoidBackward0", Rule::Sigmoid(out), &[x]))
}

/// `t.to(device)`: a differentiable copy (`ToCopyBackward0`).
pub fn to_device(t: &Grad, gpu: bool) -> Res<Grad> {
    let on = crate::tensor::device::on_gpu(&t.data());
    if on == gpu {
        return Ok(t.clone());
    }
    let moved = crate::tensor::device::move_array(&t.data(), gpu)?;
    Ok(super::record(
        moved,
        "ToCopyBackward0",
        Rule::ToDevice { gpu: on },
        &[Operand::Tensor(t)],
    ))
}

fn no_higher(what: &str) -> Box<crate::error::Exc> {
    exc(
        "NotImplementedError",
        format!("nt cannot compute higher-order gradients through '{what}' yet (create_graph=True)"),
    )
}

/// A tensor a rule saved, as it was when saved: an in-place write into it before the
/// backward pass is PyTorch's "modified by an inplace operation" error.
pub struct SavedVersion {
    pub storage: crate::array::storage::Storage,
    pub version: u64,
    /// `[torch.FloatTensor [3]]`.
    pub describe: String,
    /// Whose output it is: the recording op's own (`Exp`), or a saved input tensor's,
    /// named by its history when the error is raised.
    pub producer: Producer,
}

pub enum Producer {
    Own(&'static str),
    Input(Rc<Tensor>),
}

impl SavedVersion {
    /// `, which is output 0 of Exp,` as PyTorch's message words it.
    pub fn of_what(&self) -> String {
        let name = match &self.producer {
            Producer::Own(n) => n.trim_end_matches("Backward0").to_string(),
            Producer::Input(t) => match t.grad_fn() {
                Some(n) if n.name == "CopySlices" => "torch::autograd::CopySlices".to_string(),
                Some(n) => n.name.to_string(),
                None => return String::new(),
            },
        };
        format!(", which is output 0 of {name},")
    }
}

impl SavedVersion {
    pub(super) fn of(a: &NdArray, producer: Producer) -> SavedVersion {
        let shape: Vec<String> = a.shape().iter().map(|n| n.to_string()).collect();
        SavedVersion {
            storage: a.storage.clone(),
            version: crate::array::storage::version(&a.storage),
            describe: format!("[torch.{}Tensor [{}]]", a.dtype.torch_scalar_name(), shape.join(", ")),
            producer,
        }
    }
}

impl Rule {
    /// The tensors this rule reads in backward (given which inputs want gradients), with
    /// their versions now. `own` is the name of the node being recorded.
    pub fn saved_versions(&self, want: &[bool], own: &'static str) -> Vec<SavedVersion> {
        let w = |i: usize| want.get(i).copied().unwrap_or(false);
        let val = |t: &Grad| Some(SavedVersion::of(&t.data(), Producer::Input(t.clone())));
        let out = |a: &NdArray| Some(SavedVersion::of(a, Producer::Own(own)));
        let list = match self {
            Rule::Mul(a, b) | Rule::Mm(a, b) | Rule::Mv(a, b) | Rule::Dot(a, b) => {
                vec![if w(1) { val(a) } else { None }, if w(0) { val(b) } else { None }]
            }
            Rule::Div(a, b) => vec![if w(1) { val(a) } else { None }, val(b)],
            Rule::PowScalar(a, _) | Rule::Log(a) | Rule::Sin(a) | Rule::Cos(a) => vec![val(a)],
            Rule::Elementwise(_, a, o) => vec![val(a), out(o)],
            Rule::Formula2(_, a, b, o) => vec![val(a), val(b), out(o)],
            Rule::Exp(o) | Rule::Sqrt(o) | Rule::Tanh(o) | Rule::Sigmoid(o) | Rule::Relu(o) | Rule::Softmax(o, _) => {
                vec![out(o)]
            }
            Rule::Pow(a, b, o) => vec![val(a), val(b), if w(1) { out(o) } else { None }],
            _ => vec![],
        };
        list.into_iter().flatten().collect()
    }

    /// Whether the rule needs tensors it saved (so a second backward without
    /// `retain_graph` is an error, as in PyTorch).
    pub fn saves(&self) -> bool {
        !matches!(
            self,
            Rule::Add
                | Rule::Sub
                | Rule::Neg
                | Rule::Sum { .. }
                | Rule::Mean { .. }
                | Rule::View
                | Rule::Identity
                | Rule::Permute(_)
                | Rule::Index(_)
                | Rule::Scatter(_)
                | Rule::Gather(_)
                | Rule::ScatterAdd(_)
                | Rule::Im2Col(_)
                | Rule::Col2Im(_)
                | Rule::ToDtype(_)
                | Rule::CopySlices { .. }
                | Rule::ToDevice { .. }
                | Rule::Expand
                | Rule::Cat { .. }
        )
    }

    pub fn backward(&self, g: &Grad, node: &Node) -> Res<Vec<Option<Grad>>> {
        let shape = |i: usize| node.shapes.get(i).cloned().unwrap_or_default();
        let want = |i: usize| node.inputs.get(i).is_some_and(|t| t.is_some());
        // Each input's part, summed back to its shape; `None` where no gradient is wanted.
        let part = |i: usize, f: &dyn Fn() -> Res<Grad>| -> Res<Option<Grad>> {
            if !want(i) {
                return Ok(None);
            }
            unbroadcast(f()?, &shape(i)).map(Some)
        };
        // The input as a tensor, for rules that recompute their output under `create_graph`.
        let input = |i: usize| -> Res<Grad> {
            node.inputs
                .get(i)
                .cloned()
                .flatten()
                .ok_or_else(|| internal("missing autograd input"))
        };
        let graph = grad_enabled();
        Ok(match self {
            Rule::Custom(_) => return Err(internal("a custom autograd rule ran outside its hook")),
            Rule::Add => vec![part(0, &|| Ok(g.clone()))?, part(1, &|| Ok(g.clone()))?],
            Rule::Sub => vec![part(0, &|| Ok(g.clone()))?, part(1, &|| un(UnaryOp::Neg, g))?],
            Rule::Neg => vec![Some(un(UnaryOp::Neg, g)?)],
            Rule::Mul(a, b) => vec![
                part(0, &|| bin(BinaryOp::Mul, g, b))?,
                part(1, &|| bin(BinaryOp::Mul, g, a))?,
            ],
            Rule::Div(a, b) => vec![
                // d(a/b)/da = 1/b; d(a/b)/db = -a/b².
                part(0, &|| bin(BinaryOp::Div, g, b))?,
                part(1, &|| {
                    // PyTorch's form, -g · ((a / b) / b), rounding included.
                    let q = bin(BinaryOp::Div, &bin(BinaryOp::Div, a, b)?, b)?;
                    bin(BinaryOp::Mul, &un(UnaryOp::Neg, g)?, &q)
                })?,
            ],
            // PyTorch's `pow_backward`: a zero exponent has a zero gradient (not 0 · x⁻¹).
            Rule::PowScalar(a, e) if *e == 0.0 => {
                vec![Some(tensor(zeros_on(g.data().dtype, a.data().shape(), &g.data())?))]
            }
            Rule::PowScalar(a, e) => {
                let d = bin(
                    BinaryOp::Mul,
                    &scalar(*e, a)?,
                    &bin(BinaryOp::Pow, a, &scalar(e - 1.0, a)?)?,
                )?;
                vec![Some(bin(BinaryOp::Mul, g, &d)?)]
            }
            Rule::Exp(out) => {
                let out = if graph {
                    un(UnaryOp::Exp, &input(0)?)?
                } else {
                    tensor(out.clone())
                };
                vec![Some(bin(BinaryOp::Mul, g, &out)?)]
            }
            Rule::Log(a) => vec![Some(bin(BinaryOp::Div, g, a)?)],
            Rule::Sqrt(out) => {
                let out = if graph {
                    un(UnaryOp::Sqrt, &input(0)?)?
                } else {
                    tensor(out.clone())
                };
                let twice = bin(BinaryOp::Mul, &scalar(2.0, &out)?, &out)?;
                vec![Some(bin(BinaryOp::Div, g, &twice)?)]
            }
            Rule::Tanh(out) => {
                let out = if graph {
                    un(UnaryOp::Tanh, &input(0)?)?
                } else {
                    tensor(out.clone())
                };
                // PyTorch's tanh_backward: g · fma(−y, y, 1), rounded once (recorded, the
                // same value as 1 − y·y composed).
                let d = if graph {
                    bin(BinaryOp::Sub, &scalar(1.0, &out)?, &bin(BinaryOp::Mul, &out, &out)?)?
                } else {
                    let y = out.data();
                    let (one, _) = crate::tensor::ops::broadcast2(&crate::tensor::ops::scalar(1.0, y.dtype)?, y)?;
                    let neg = run(Op::exact(UnaryOp::Neg), &[y])?;
                    tensor(run(Op::Fma, &[&neg, y, &one])?)
                };
                vec![Some(bin(BinaryOp::Mul, g, &d)?)]
            }
            Rule::Sigmoid(out) => {
                let out = if graph {
                    sigmoid(&input(0)?)?
                } else {
                    tensor(out.clone())
                };
                // PyTorch's order, g · (1 − σ) · σ, rounding included.
                let one_minus = bin(BinaryOp::Sub, &scalar(1.0, &out)?, &out)?;
                vec![Some(bin(BinaryOp::Mul, &bin(BinaryOp::Mul, g, &one_minus)?, &out)?)]
            }
            Rule::Softmax(s, d) => {
                if graph {
                    return Err(no_higher("softmax"));
                }
                if crate::realise::kernels::applies(&g.data()) && g.data().dtype == s.dtype {
                    let gi = crate::realise::kernels::softmax_backward(&g.data(), s, *d, false).map_err(internal)?;
                    return Ok(vec![Some(tensor(gi))]);
                }
                let s = tensor(s.clone());
                let gs = bin(BinaryOp::Mul, g, &s)?;
                let sum = sum_keep(&gs, vec![*d])?;
                vec![Some(bin(BinaryOp::Sub, &gs, &bin(BinaryOp::Mul, &s, &sum)?)?)]
            }
            Rule::Mask(m) => vec![Some(mul_const(g, m)?)],
            Rule::Relu(y) => vec![Some(super::formulas::relu_backward(g, y, graph)?)],
            Rule::Abs(sign) => vec![Some(mul_const(g, sign)?)],
            Rule::Spread {
                weights,
                axes,
                keepdim,
                smooth,
            } => {
                if graph && *smooth {
                    return Err(no_higher(node.name));
                }
                vec![Some(mul_const(&unsqueeze_axes(g, axes, *keepdim)?, weights)?)]
            }
            Rule::Norm2 {
                input,
                norm,
                axes,
                keepdim,
            } => {
                if graph {
                    return Err(no_higher(node.name));
                }
                let gk = unsqueeze_axes(g, axes, *keepdim)?;
                let scale = crate::tensor::ops::binary(BinaryOp::Div, &gk.data(), norm)?;
                let zero = crate::tensor::ops::scalar(0.0, norm.dtype)?;
                let at_zero = crate::tensor::ops::binary(BinaryOp::Eq, norm, &zero)?;
                let (m, s) = broadcast2(&at_zero, &scale)?;
                let (z, _) = broadcast2(&zero, &s)?;
                let scale = run(Op::Where, &[&m, &z, &s])?;
                vec![Some(tensor(crate::tensor::ops::binary(BinaryOp::Mul, input, &scale)?))]
            }
            Rule::Select2(ma, mb) => vec![part(0, &|| mul_const(g, ma))?, part(1, &|| mul_const(g, mb))?],
            Rule::Weighted(ws) => {
                let mut out = Vec::with_capacity(ws.len());
                for (i, w) in ws.iter().enumerate() {
                    out.push(part(i, &|| mul_const(g, w))?);
                }
                out
            }
            Rule::CumSum { dim, reverse } => vec![Some(cumsum(g, *dim, !reverse)?)],
            Rule::NormP { .. } if graph => return Err(no_higher(node.name)),
            Rule::NormP {
                input,
                norm,
                p,
                axes,
                keepdim,
            } => vec![Some(super::formulas::norm_p_backward(
                g, input, norm, *p, axes, *keepdim,
            )?)],
            Rule::Expand => vec![part(0, &|| Ok(g.clone()))?],
            Rule::Cat { dim, stacked } => {
                let mut at = 0;
                let mut out = Vec::with_capacity(node.shapes.len());
                for i in 0..node.shapes.len() {
                    let len = if *stacked {
                        1
                    } else {
                        shape(i).get(*dim).copied().unwrap_or(1)
                    };
                    if want(i) {
                        let view = Layout::contiguous(nd(g)?.shape()).slice(*dim, at, 1, len);
                        let piece = index(g, &view)?;
                        out.push(Some(reshape(&piece, &shape(i))?));
                    } else {
                        out.push(None);
                    }
                    at += len;
                }
                out
            }
            Rule::Sin(a) => vec![Some(bin(BinaryOp::Mul, g, &un(UnaryOp::Cos, a)?)?)],
            Rule::Formula2(op, a, b, out) => {
                let out = if graph { bin(*op, a, b)? } else { tensor(out.clone()) };
                vec![
                    part(0, &|| super::formulas::binary(*op, 0, g, a, b, &out))?,
                    part(1, &|| super::formulas::binary(*op, 1, g, a, b, &out))?,
                ]
            }
            Rule::Elementwise(op, a, out) => {
                let out = if graph {
                    un(*op, &input(0)?)?
                } else {
                    tensor(out.clone())
                };
                vec![Some(super::formulas::backward(*op, g, a, &out)?)]
            }
            Rule::Cos(a) => vec![Some(bin(BinaryOp::Mul, g, &un(UnaryOp::Neg, &un(UnaryOp::Sin, a)?)?)?)],
            Rule::Sum { axes, keepdim } | Rule::Mean { axes, keepdim, .. } => {
                // Put the reduced axes back (size 1), then broadcast to the input.
                let mut out = expand(&unsqueeze_axes(g, axes, *keepdim)?, &shape(0))?;
                if let Rule::Mean { n, .. } = self {
                    out = bin(BinaryOp::Div, &out, &scalar(*n as f64, &out)?)?;
                }
                vec![Some(out)]
            }
            Rule::Mm(a, b) => vec![part(0, &|| matmul(g, &t2(b)?))?, part(1, &|| matmul(&t2(a)?, g))?],
            Rule::Dot(a, b) => vec![
                part(0, &|| bin(BinaryOp::Mul, g, b))?,
                part(1, &|| bin(BinaryOp::Mul, g, a))?,
            ],
            Rule::Pow(a, b, out) => {
                // d a^b / da = b a^(b-1); d a^b / db = a^b ln a.
                vec![
                    part(0, &|| {
                        let bm1 = bin(BinaryOp::Sub, b, &scalar(1.0, b)?)?;
                        bin(BinaryOp::Mul, g, &bin(BinaryOp::Mul, b, &bin(BinaryOp::Pow, a, &bm1)?)?)
                    })?,
                    part(1, &|| {
                        let out = if graph {
                            bin(BinaryOp::Pow, a, b)?
                        } else {
                            tensor(out.clone())
                        };
                        bin(BinaryOp::Mul, g, &bin(BinaryOp::Mul, &out, &un(UnaryOp::Log, a)?)?)
                    })?,
                ]
            }
            Rule::MatMulNd(a, b) => {
                // 1-D operands as matrices ([k] -> [1, k] on the left, [k, 1] on the right),
                // the gradient in the full product's shape, each part summed over the batch
                // dimensions its operand was broadcast along.
                let (sa, sb) = (shape(0), shape(1));
                let a2 = if sa.len() == 1 {
                    reshape(a, &[1, sa[0]])?
                } else {
                    a.clone()
                };
                let b2 = if sb.len() == 1 {
                    reshape(b, &[sb[0], 1])?
                } else {
                    b.clone()
                };
                let (x, y) = (nd(&a2)?.shape().to_vec(), nd(&b2)?.shape().to_vec());
                let mut full = crate::array::layout::broadcast_shapes(&x[..x.len() - 2], &y[..y.len() - 2])
                    .map_err(|_| internal("matmul gradient batch"))?;
                full.extend([x[x.len() - 2], y[y.len() - 1]]);
                let g2 = reshape(g, &full)?;
                vec![
                    part(0, &|| reshape(&unbroadcast(batched_matmul(&g2, &mt(&b2)?)?, &x)?, &sa))?,
                    part(1, &|| reshape(&unbroadcast(batched_matmul(&mt(&a2)?, &g2)?, &y)?, &sb))?,
                ]
            }
            Rule::Mv(a, b) => {
                // g: [n]; da = g ⊗ b, db = aᵀ g.
                let gc = reshape(g, &[nd(g)?.numel(), 1])?;
                vec![
                    part(0, &|| matmul(&gc, &reshape(b, &[1, nd(b)?.numel()])?))?,
                    part(1, &|| reshape(&matmul(&t2(a)?, &gc)?, &shape(1)))?,
                ]
            }
            Rule::Index(view) => vec![Some(scatter(g, view, &shape(0))?)],
            Rule::Scatter(view) => vec![Some(index(g, view)?)],
            Rule::CopySlices { positions, keep } => vec![
                if want(0) { Some(mul_const(g, keep)?) } else { None },
                part(1, &|| gather(&reshape(g, &[nd(g)?.numel()])?, positions))?,
            ],
            Rule::Gather(positions) => vec![Some(scatter_add(g, positions, &shape(0))?)],
            Rule::ScatterAdd(positions) => {
                let flat = reshape(g, &[nd(g)?.numel()])?;
                vec![Some(gather(&flat, positions)?)]
            }
            Rule::ToDtype(d) => vec![Some(to_dtype(g, *d)?)],
            Rule::LinalgInv(_) | Rule::LinalgDet(..) | Rule::LinalgSolve { .. } if graph => {
                return Err(no_higher(node.name));
            }
            Rule::LinalgInv(inv) => {
                let inv_t = mt(&tensor(inv.clone()))?;
                vec![Some(un(
                    UnaryOp::Neg,
                    &batched_matmul(&batched_matmul(&inv_t, g)?, &inv_t)?,
                )?)]
            }
            Rule::LinalgDet(inv_t, det) => {
                // g and det [...] against A⁻ᵀ [..., n, n].
                let mut s = det.shape().to_vec();
                s.extend([1, 1]);
                let gd = bin(BinaryOp::Mul, g, &tensor(det.clone()))?;
                vec![Some(bin(BinaryOp::Mul, &reshape(&gd, &s)?, &tensor(inv_t.clone()))?)]
            }
            Rule::LinalgSolve { inv_t, x, vector } => {
                let (g2, x2) = if *vector {
                    let mut s = x.shape().to_vec();
                    s.push(1);
                    (
                        reshape(g, &s)?,
                        tensor(x.view(x.layout.reshape(&s).ok_or_else(|| internal("solve x"))?)),
                    )
                } else {
                    (g.clone(), tensor(x.clone()))
                };
                let gb = batched_matmul(&tensor(inv_t.clone()), &g2)?;
                let (sa, sb) = (shape(0), shape(1));
                vec![
                    part(0, &|| {
                        let ga = un(UnaryOp::Neg, &batched_matmul(&gb, &mt(&x2)?)?)?;
                        unbroadcast(ga, &sa)
                    })?,
                    part(1, &|| {
                        let gb = if *vector {
                            reshape(&gb, &nd(&gb)?.shape()[..nd(&gb)?.ndim() - 1].to_vec())?
                        } else {
                            gb.clone()
                        };
                        unbroadcast(gb, &sb)
                    })?,
                ]
            }
            Rule::Im2Col(w) => vec![Some(windows(g, w, false)?)],
            Rule::Col2Im(w) => vec![Some(windows(g, w, true)?)],
            Rule::View => vec![Some(reshape(g, &shape(0))?)],
            Rule::Identity => vec![Some(g.clone())],
            Rule::ToDevice { gpu } => vec![Some(to_device(g, *gpu)?)],
            Rule::Permute(perm) => {
                let mut inverse = vec![0; perm.len()];
                for (i, &p) in perm.iter().enumerate() {
                    inverse[p] = i;
                }
                vec![Some(permute(g, inverse)?)]
            }
        })
    }
}
