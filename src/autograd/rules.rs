//! One gradient rule per recorded op: given the gradient of the output, the gradient of
//! each input, built from ordinary IR ops.

use super::{Node, unbroadcast};
use crate::array::NdArray;
use crate::interp::error::Res;
use crate::interp::nd::create;
use crate::interp::nd::ops::{broadcast2, run};
use crate::ir::{BinaryOp, Op, UnaryOp};
use crate::value::{Lib, Value};

pub enum Rule {
    Add,
    Sub,
    Neg,
    Mul(NdArray, NdArray),
    Div(NdArray, NdArray),
    /// `x ** e` for a number `e`.
    PowScalar(NdArray, f64),
    /// Saves the output: d exp(x) = exp(x).
    Exp(NdArray),
    Log(NdArray),
    /// Saves the output: d sqrt(x) = 1 / (2 sqrt(x)).
    Sqrt(NdArray),
    /// Saves the output: d tanh(x) = 1 - tanh(x)².
    Tanh(NdArray),
    /// Saves the output: d σ(x) = σ(x)(1 - σ(x)).
    Sigmoid(NdArray),
    Relu(NdArray),
    Sin(NdArray),
    /// Saves the output and the dimension: g·s − s·Σ(g·s).
    Softmax(NdArray, usize),
    /// The gradient passes where the mask is 1 (clamp, relu-like selections).
    Mask(NdArray),
    /// `maximum`/`minimum`: masks for each input (ties split the gradient).
    Select2(NdArray, NdArray),
    /// A reduction whose gradient is the output gradient spread back over the reduced
    /// axes times saved per-element weights (max/min: the winners; var/std: the slope).
    Spread {
        weights: NdArray,
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
    Cos(NdArray),
    Abs(NdArray),
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
    Pow(NdArray, NdArray, NdArray),
    /// 2-D `a @ b`.
    Mm(NdArray, NdArray),
    /// Matrix times vector.
    Mv(NdArray, NdArray),
    /// Basic indexing with this key: the gradient is scattered into zeros.
    Index(Value),
    /// 1-D `a @ b`.
    Dot(NdArray, NdArray),
    /// Any reshape or view: the gradient takes the input's shape back.
    View,
    Permute(Vec<usize>),
}

fn bin(op: BinaryOp, a: &NdArray, b: &NdArray) -> Res<NdArray> {
    // Gradients meet saved tensors of other float widths (float64 leaves, int operands).
    let d = crate::array::dtype::torch_promote(a.dtype, b.dtype);
    let (a, b) = (crate::interp::nd::ops::cast(a, d)?, crate::interp::nd::ops::cast(b, d)?);
    let (x, y) = broadcast2(Lib::Torch, &a, &b)?;
    run(Op::Binary(op), &[&x, &y])
}

fn scalar(x: f64, like: &NdArray) -> Res<NdArray> {
    create::scalar(&Value::Float(x), like.dtype)
}

fn unary(op: UnaryOp, a: &NdArray) -> Res<NdArray> {
    run(Op::Unary(op), &[a])
}

impl Rule {
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
                | Rule::Permute(_)
                | Rule::Index(_)
                | Rule::Expand
                | Rule::Cat { .. }
        )
    }

    pub fn backward(&self, g: &NdArray, node: &Node) -> Res<Vec<Option<NdArray>>> {
        let shape = |i: usize| node.shapes.get(i).cloned().unwrap_or_default();
        let un = |x: NdArray, i: usize| unbroadcast(x, &shape(i)).map(Some);
        Ok(match self {
            Rule::Add => vec![un(g.clone(), 0)?, un(g.clone(), 1)?],
            Rule::Sub => vec![un(g.clone(), 0)?, un(unary(UnaryOp::Neg, g)?, 1)?],
            Rule::Neg => vec![Some(unary(UnaryOp::Neg, g)?)],
            Rule::Mul(a, b) => vec![un(bin(BinaryOp::Mul, g, b)?, 0)?, un(bin(BinaryOp::Mul, g, a)?, 1)?],
            Rule::Div(a, b) => {
                // d(a/b)/da = 1/b; d(a/b)/db = -a/b².
                let ga = bin(BinaryOp::Div, g, b)?;
                let gb = unary(
                    UnaryOp::Neg,
                    &bin(BinaryOp::Div, &bin(BinaryOp::Mul, g, a)?, &bin(BinaryOp::Mul, b, b)?)?,
                )?;
                vec![un(ga, 0)?, un(gb, 1)?]
            }
            Rule::PowScalar(a, e) => {
                let d = bin(
                    BinaryOp::Mul,
                    &scalar(*e, a)?,
                    &bin(BinaryOp::Pow, a, &scalar(e - 1.0, a)?)?,
                )?;
                vec![Some(bin(BinaryOp::Mul, g, &d)?)]
            }
            Rule::Exp(out) => vec![Some(bin(BinaryOp::Mul, g, out)?)],
            Rule::Log(a) => vec![Some(bin(BinaryOp::Div, g, a)?)],
            Rule::Sqrt(out) => vec![Some(bin(
                BinaryOp::Div,
                g,
                &bin(BinaryOp::Mul, &scalar(2.0, out)?, out)?,
            )?)],
            Rule::Tanh(out) => {
                let d = bin(BinaryOp::Sub, &scalar(1.0, out)?, &bin(BinaryOp::Mul, out, out)?)?;
                vec![Some(bin(BinaryOp::Mul, g, &d)?)]
            }
            Rule::Sigmoid(out) => {
                let d = bin(BinaryOp::Mul, out, &bin(BinaryOp::Sub, &scalar(1.0, out)?, out)?)?;
                vec![Some(bin(BinaryOp::Mul, g, &d)?)]
            }
            Rule::Softmax(s, d) => {
                let gs = bin(BinaryOp::Mul, g, s)?;
                let sum = run(
                    Op::Reduce {
                        op: crate::ir::ReduceOp::Sum,
                        axes: vec![*d],
                        keepdim: true,
                    },
                    &[&gs],
                )?;
                vec![Some(bin(BinaryOp::Sub, &gs, &bin(BinaryOp::Mul, s, &sum)?)?)]
            }
            Rule::Mask(m) => vec![Some(bin(BinaryOp::Mul, g, m)?)],
            Rule::Spread { weights, axes, keepdim } => {
                let mut kept = g.clone();
                if !keepdim {
                    for &a in axes {
                        kept = kept.view(kept.layout.unsqueeze(a));
                    }
                }
                vec![Some(bin(BinaryOp::Mul, &kept, weights)?)]
            }
            Rule::Select2(ma, mb) => vec![un(bin(BinaryOp::Mul, g, ma)?, 0)?, un(bin(BinaryOp::Mul, g, mb)?, 1)?],
            Rule::Expand => vec![un(g.clone(), 0)?],
            Rule::Cat { dim, stacked } => {
                let mut at = 0;
                let mut out = Vec::with_capacity(node.shapes.len());
                for i in 0..node.shapes.len() {
                    let len = if *stacked {
                        1
                    } else {
                        shape(i).get(*dim).copied().unwrap_or(1)
                    };
                    let part = g.view(g.layout.slice(*dim, at, 1, len));
                    let part = run(Op::Copy, &[&part])?;
                    let l = part
                        .layout
                        .reshape(&shape(i))
                        .ok_or_else(|| crate::interp::nd::internal("cat backward"))?;
                    out.push(Some(part.view(l)));
                    at += len;
                }
                out
            }
            Rule::Sin(a) => vec![Some(bin(BinaryOp::Mul, g, &unary(UnaryOp::Cos, a)?)?)],
            Rule::Cos(a) => vec![Some(bin(
                BinaryOp::Mul,
                g,
                &unary(UnaryOp::Neg, &unary(UnaryOp::Sin, a)?)?,
            )?)],
            Rule::Abs(a) => vec![Some(bin(BinaryOp::Mul, g, &unary(UnaryOp::Sign, a)?)?)],
            Rule::Relu(a) => {
                let mask = bin(BinaryOp::Gt, a, &scalar(0.0, a)?)?;
                let mask = crate::interp::nd::ops::cast(&mask, g.dtype)?;
                vec![Some(bin(BinaryOp::Mul, g, &mask)?)]
            }
            Rule::Sum { axes, keepdim } | Rule::Mean { axes, keepdim, .. } => {
                // Put the reduced axes back (size 1), then broadcast to the input.
                let input = shape(0);
                let mut kept = g.clone();
                if !keepdim {
                    for &a in axes {
                        kept = kept.view(kept.layout.unsqueeze(a));
                    }
                }
                let l = kept
                    .layout
                    .broadcast_to(&input)
                    .ok_or_else(|| crate::interp::nd::internal("sum backward"))?;
                let mut out = run(Op::Copy, &[&kept.view(l)])?;
                if let Rule::Mean { n, .. } = self {
                    out = bin(BinaryOp::Div, &out, &scalar(*n as f64, &out)?)?;
                }
                vec![Some(out)]
            }
            Rule::Mm(a, b) => {
                let bt = b.view(b.layout.transpose(0, 1));
                let at = a.view(a.layout.transpose(0, 1));
                vec![Some(run(Op::MatMul, &[g, &bt])?), Some(run(Op::MatMul, &[&at, g])?)]
            }
            Rule::Dot(a, b) => vec![Some(bin(BinaryOp::Mul, g, b)?), Some(bin(BinaryOp::Mul, g, a)?)],
            Rule::Pow(a, b, out) => {
                // d a^b / da = b a^(b-1); d a^b / db = a^b ln a.
                let da = bin(
                    BinaryOp::Mul,
                    b,
                    &bin(BinaryOp::Pow, a, &bin(BinaryOp::Sub, b, &scalar(1.0, b)?)?)?,
                )?;
                let db = bin(BinaryOp::Mul, out, &unary(UnaryOp::Log, a)?)?;
                vec![un(bin(BinaryOp::Mul, g, &da)?, 0)?, un(bin(BinaryOp::Mul, g, &db)?, 1)?]
            }
            Rule::Mv(a, b) => {
                // g: [n]; da = g ⊗ b, db = aᵀ g.
                let gc = g.view(g.layout.unsqueeze(1));
                let br = b.view(b.layout.unsqueeze(0));
                let at = a.view(a.layout.transpose(0, 1));
                let db = run(Op::MatMul, &[&at, &gc])?;
                let db = db.view(db.layout.squeeze(1));
                vec![Some(run(Op::MatMul, &[&gc, &br])?), Some(db)]
            }
            Rule::Index(key) => {
                let zeros = NdArray::zeros(g.dtype, &shape(0));
                let l = crate::interp::nd::index::basic_layout(Lib::Torch, &zeros.layout, key)?
                    .ok_or_else(|| crate::interp::nd::internal("index backward"))?;
                crate::backend::cpu::assign(&zeros.view(l), g).map_err(crate::interp::nd::internal)?;
                vec![Some(zeros)]
            }
            Rule::View => {
                let c = run(Op::Copy, &[g])?;
                let l = c
                    .layout
                    .reshape(&shape(0))
                    .ok_or_else(|| crate::interp::nd::internal("view backward"))?;
                vec![Some(c.view(l))]
            }
            Rule::Permute(perm) => {
                let mut inverse = vec![0; perm.len()];
                for (i, &p) in perm.iter().enumerate() {
                    inverse[p] = i;
                }
                vec![Some(g.view(g.layout.permute(&inverse)))]
            }
        })
    }
}
