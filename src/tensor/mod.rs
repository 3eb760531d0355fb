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
    /// The view the tensor was made with; `data()` is the current one.
    first: NdArray,
    /// Views that replaced it by in-place shape changes (`t.t_()`, `t.unsqueeze_(0)`),
    /// the last one current. Only ever pushed while the tensor lives, so a `&NdArray`
    /// handed out before a change stays valid (the pattern of `elsa::FrozenVec`).
    later: RefCell<Vec<Box<NdArray>>>,
    reshaped: Cell<bool>,
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
            first: data,
            later: RefCell::new(Vec::new()),
            reshaped: Cell::new(false),
            requires_grad: Cell::new(false),
            grad: RefCell::new(None),
            grad_fn: RefCell::new(None),
            param: Cell::new(false),
        }
    }

    /// The tensor's data: its storage and current view.
    #[inline]
    pub fn data(&self) -> &NdArray {
        if !self.reshaped.get() {
            return &self.first;
        }
        let later = self.later.borrow();
        let Some(last) = later.last() else {
            return &self.first;
        };
        let last: *const NdArray = &**last;
        // SAFETY: the boxes in `later` are never mutated, moved out of or dropped while
        // `self` lives (`set_view` only pushes; a Vec that grows moves the boxes, not what
        // they point to), so the pointee outlives the returned borrow of `self`.
        unsafe { &*last }
    }

    /// Replaces the tensor's view (same storage) where it is: every holder of this
    /// tensor sees the new shape, as after PyTorch's `t_()`, `squeeze_()`, `unsqueeze_()`.
    pub fn set_view(&self, data: NdArray) {
        self.later.borrow_mut().push(Box::new(data));
        self.reshaped.set(true);
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
