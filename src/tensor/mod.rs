//! The tensor core: library-neutral tensors (arrays in, arrays out) and their autograd.
//! Below the NumPy/PyTorch front end (`nd`) and above realisation: nothing here knows a
//! `Value`, a library's wording or the evaluator. The front end adapts its values to the
//! `Tensor`s and `Operand`s here (`nd::record`).

pub mod autograd;
pub mod device;
pub mod ops;

use crate::array::NdArray;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A tensor: its data and its autograd state.
pub struct Tensor {
    pub data: NdArray,
    /// A leaf's flag; results of recorded ops require grad through their `grad_fn`.
    pub requires_grad: Cell<bool>,
    /// The accumulated gradient of a leaf (`x.grad`).
    pub grad: RefCell<Option<NdArray>>,
    /// The op that produced this tensor, when it was recorded for autograd.
    /// Replaced when an in-place op rewrites a non-leaf (`CopySlices`).
    pub grad_fn: RefCell<Option<Rc<autograd::Node>>>,
    /// An `nn.Parameter`: prints as `Parameter containing:` and its tensor.
    pub param: Cell<bool>,
}

impl Tensor {
    pub fn new(data: NdArray) -> Tensor {
        Tensor {
            data,
            requires_grad: Cell::new(false),
            grad: RefCell::new(None),
            grad_fn: RefCell::new(None),
            param: Cell::new(false),
        }
    }

    /// Whether gradients flow into this tensor.
    pub fn needs_grad(&self) -> bool {
        self.requires_grad.get() || self.grad_fn.borrow().is_some()
    }

    pub fn is_leaf(&self) -> bool {
        self.grad_fn.borrow().is_none()
    }

    /// The node that produced this tensor (`None` for a leaf).
    pub fn grad_fn(&self) -> Option<Rc<autograd::Node>> {
        self.grad_fn.borrow().clone()
    }
}
