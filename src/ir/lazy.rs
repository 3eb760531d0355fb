//! Deferred elementwise work. An elementwise op (unary, binary, `where`, cast, copy) on
//! large or gpu operands does not run at once: its result is an array whose storage is
//! a `Program`, and a later elementwise op on that result extends the program instead
//! of reading it. The program runs as one fused kernel when its elements are needed (a
//! non-elementwise op, printing, a conversion), when an in-place write could change
//! one of its leaves, or at the end of the statement (`flush`), so every value a
//! statement leaves behind is realised once and temporaries are never materialised.

use crate::array::NdArray;
use crate::array::dtype::DType;

use super::Op;

/// Programs stop growing here; a longer chain realises its input and starts afresh.
pub const MAX_STEPS: usize = 48;

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// Element `i` of leaf array `k` (a view of the output's shape).
    Leaf(usize),
    /// An elementwise op on earlier steps.
    Apply(Op, Vec<usize>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub node: Node,
    pub dtype: DType,
}

/// A fused elementwise computation: its last step is the result, of `shape` and `dtype`,
/// row-major and contiguous.
#[derive(Clone, Debug)]
pub struct Program {
    pub steps: Vec<Step>,
    pub leaves: Vec<NdArray>,
    pub shape: Vec<usize>,
    pub dtype: DType,
    /// Whether it runs on the gpu device (some leaf lives there).
    pub gpu: bool,
}

impl crate::array::storage::Held for Program {
    fn dtype(&self) -> DType {
        self.dtype
    }

    fn len(&self) -> usize {
        crate::array::layout::numel(&self.shape)
    }

    fn on_gpu(&self) -> bool {
        self.gpu
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn duplicate(&self) -> Box<dyn crate::array::storage::Held> {
        Box::new(self.clone())
    }
}

impl Program {
    pub fn new(shape: &[usize], dtype: DType) -> Program {
        Program {
            steps: Vec::new(),
            leaves: Vec::new(),
            shape: shape.to_vec(),
            dtype,
            gpu: false,
        }
    }

    /// `op` on `inputs` as a program of its own (the eager form of an elementwise op).
    pub fn single(op: &Op, inputs: &[&NdArray], shape: &[usize], dtype: DType) -> Program {
        let mut p = Program::new(shape, dtype);
        let args = inputs.iter().map(|a| p.leaf(a)).collect();
        p.push(Node::Apply(op.clone(), args), dtype);
        p
    }

    /// The program as `:graph` prints it: one line per step.
    pub fn describe(&self) -> String {
        let device = if self.gpu { "gpu" } else { "cpu" };
        let mut s = format!(
            "fused kernel on {device} -> {}:",
            super::describe(self.dtype, &self.shape)
        );
        for (i, st) in self.steps.iter().enumerate() {
            let what = match &st.node {
                Node::Leaf(k) => {
                    let l = &self.leaves[*k];
                    let how = if l.layout.strides.iter().all(|&x| x == 0) {
                        "broadcast scalar"
                    } else if l.layout.is_contiguous() {
                        "contiguous"
                    } else {
                        "strided view"
                    };
                    format!("input {k}, {how}")
                }
                Node::Apply(op, args) => {
                    let args: Vec<String> = args.iter().map(|a| format!("%{a}")).collect();
                    format!("{op:?} {}", args.join(" "))
                }
            };
            s += &format!("\n  %{i} = {what} : {}", st.dtype.numpy_name());
        }
        s
    }

    pub fn len(&self) -> usize {
        crate::array::layout::numel(&self.shape)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends a step, or finds the same one already there (ops are pure, so `x * x`
    /// of a subexpression `x` computes `x` once).
    pub fn push(&mut self, node: Node, dtype: DType) -> usize {
        if let Some(i) = self.steps.iter().position(|s| s.node == node && s.dtype == dtype) {
            return i;
        }
        self.steps.push(Step { node, dtype });
        self.steps.len() - 1
    }

    /// The step loading `a`, shared when the same view is read twice (`x * x`).
    pub fn leaf(&mut self, a: &NdArray) -> usize {
        self.gpu |= a.storage.borrow().on_gpu();
        let k = match self
            .leaves
            .iter()
            .position(|l| l.shares_storage(a) && l.layout == a.layout && l.dtype == a.dtype)
        {
            Some(k) => k,
            None => {
                self.leaves.push(a.clone());
                self.leaves.len() - 1
            }
        };
        let existing = self.steps.iter().position(|s| s.node == Node::Leaf(k));
        existing.unwrap_or_else(|| self.push(Node::Leaf(k), a.dtype))
    }

    /// Appends `other`'s steps; returns the step holding its result.
    pub fn inline(&mut self, other: &Program) -> usize {
        self.gpu |= other.gpu;
        let mut map = Vec::with_capacity(other.steps.len());
        for s in &other.steps {
            let i = match &s.node {
                Node::Leaf(k) => self.leaf(&other.leaves[*k]),
                Node::Apply(op, args) => {
                    let args = args.iter().map(|&a| map[a]).collect();
                    self.push(Node::Apply(op.clone(), args), s.dtype)
                }
            };
            map.push(i);
        }
        map.last().copied().unwrap_or(0)
    }
}

/// Whether `op` is elementwise, so it can join a program.
pub fn fusable(op: &Op) -> bool {
    matches!(
        op,
        Op::Unary(..) | Op::Binary(_) | Op::Where | Op::Fma | Op::Cast(_) | Op::Copy
    )
}
