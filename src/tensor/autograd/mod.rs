//! Reverse-mode autograd. Ops on tensors that require grad record a `Node` (the op's
//! PyTorch name, its gradient rule with what the rule saved, and its inputs);
//! `backward` walks the nodes in reverse topological order — iteratively, so a long
//! chain cannot overflow the stack — and builds gradients with ordinary IR ops.
//! Gradients are tensors of the core, so under `create_graph` they record in turn.

mod formulas;
mod rule;
mod rules;

pub use rules::{Rule, SavedVersion, to_device, unary};

use super::Tensor;
use super::ops::{binary, cast, internal, run, scalar};
use crate::array::NdArray;
use crate::error::{Res, exc};
use crate::ir::{BinaryOp, Op};
use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

pub struct Node {
    /// PyTorch's name: `MulBackward0`.
    pub name: &'static str,
    pub rule: Rule,
    /// The inputs gradients flow to (`None` where an input needs none).
    pub inputs: Vec<Option<Rc<Tensor>>>,
    /// Each input's node when this one was recorded (`None` for leaves): gradients flow
    /// along these, so an input rewritten in place later (which gives the tensor a new
    /// node) still passes them to the history it had, as PyTorch's edges do.
    pub edges: Vec<Option<Rc<Node>>>,
    /// The inputs' shapes, to undo broadcasting.
    pub shapes: Vec<Vec<usize>>,
    /// Set once a backward pass without `retain_graph` has released the saved tensors.
    pub freed: Cell<bool>,
    /// `t.retain_grad()`: keep the gradient reaching this (non-leaf) result as its `.grad`.
    pub retain: Cell<bool>,
    pub retained: std::cell::RefCell<Option<NdArray>>,
    /// What the rule saved, with versions, to detect in-place writes before backward.
    pub saved: Vec<SavedVersion>,
    /// When it was recorded (PyTorch's sequence number): of the nodes ready in a
    /// backward pass, the latest runs first.
    pub seq: u64,
}

/// An op's operand as autograd sees it: a tensor, or a constant (a number, an array)
/// of some shape, which takes no gradient.
pub enum Operand<'a> {
    Tensor(&'a Rc<Tensor>),
    Constant(Vec<usize>),
}

impl Operand<'_> {
    fn wants_grad(&self) -> bool {
        matches!(self, Operand::Tensor(t) if t.needs_grad())
    }
}

thread_local! {
    static GRAD_ENABLED: Cell<bool> = const { Cell::new(true) };
}

pub fn grad_enabled() -> bool {
    GRAD_ENABLED.with(Cell::get)
}

/// Sets grad mode, returning the previous one (`with no_grad():` restores it).
pub fn set_grad_enabled(on: bool) -> bool {
    GRAD_ENABLED.with(|g| g.replace(on))
}

/// Whether an op on these operands must be recorded.
pub fn needs(inputs: &[Operand]) -> bool {
    grad_enabled() && inputs.iter().any(Operand::wants_grad)
}

/// An op's result: a tensor with a node for `rule` when any input requires grad.
pub fn record(out: NdArray, name: &'static str, rule: Rule, inputs: &[Operand]) -> Rc<Tensor> {
    let mut t = Tensor::new(out);
    if needs(inputs) {
        *t.grad_fn.get_mut() = Some(Rc::new(make_node(name, rule, inputs)));
    }
    Rc::new(t)
}

/// `record` for operands that are all tensors.
fn record_t(out: NdArray, name: &'static str, rule: Rule, inputs: &[&Rc<Tensor>]) -> Rc<Tensor> {
    let ops: Vec<Operand> = inputs.iter().map(|t| Operand::Tensor(t)).collect();
    record(out, name, rule, &ops)
}

/// Gives an existing tensor a new history: an in-place write into a non-leaf
/// (PyTorch's `CopySlices`), whose old history becomes one of the node's inputs.
pub fn rebase(target: &Tensor, name: &'static str, rule: Rule, inputs: &[Operand]) {
    let node = make_node(name, rule, inputs);
    *target.grad_fn.borrow_mut() = Some(Rc::new(node));
}

fn make_node(name: &'static str, rule: Rule, inputs: &[Operand]) -> Node {
    let shapes = inputs
        .iter()
        .map(|o| match o {
            Operand::Tensor(t) => t.data().shape().to_vec(),
            Operand::Constant(s) => s.clone(),
        })
        .collect();
    let inputs: Vec<Option<Rc<Tensor>>> = inputs
        .iter()
        .map(|o| match o {
            Operand::Tensor(t) if t.needs_grad() => Some(Rc::clone(t)),
            _ => None,
        })
        .collect();
    let want: Vec<bool> = inputs.iter().map(Option::is_some).collect();
    let edges = inputs.iter().map(|t| t.as_ref().and_then(|t| t.grad_fn())).collect();
    let mut saved = rule.saved_versions(&want, name);
    if matches!(rule, Rule::Custom(_)) {
        // A rule written in nt reads its inputs when it runs: writing into one in place
        // before backward is PyTorch's error, not a gradient at the new values.
        saved.extend(
            inputs
                .iter()
                .flatten()
                .map(|t| rules::SavedVersion::of(&t.data(), rules::Producer::Input(t.clone()))),
        );
    }
    thread_local! {
        static SEQ: Cell<u64> = const { Cell::new(0) };
    }
    let seq = SEQ.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    Node {
        seq,
        name,
        rule,
        inputs,
        edges,
        shapes,
        freed: Cell::new(false),
        retain: Cell::new(false),
        retained: std::cell::RefCell::new(None),
        saved,
    }
}

type Grad = Rc<Tensor>;

fn add(a: &Grad, b: &Grad) -> Res<Grad> {
    rules::bin(BinaryOp::Add, a, b)
}

fn node_key(n: &Rc<Node>) -> usize {
    Rc::as_ptr(n) as usize
}

/// Runs a `Rule::Custom` (a `torch.autograd.Function`'s `backward`): its payload, the
/// gradient of its output and the number of its inputs, to the inputs' gradients.
pub type Custom<'a> = &'a mut dyn FnMut(&Rc<dyn std::any::Any>, &Grad, usize) -> Res<Vec<Option<Grad>>>;

/// `y.backward(gradient)`: accumulates into the leaves' `.grad`.
pub fn backward(y: &Rc<Tensor>, gradient: Option<NdArray>, retain_graph: bool, custom: Custom) -> Res<()> {
    run_backward(y, gradient, retain_graph, false, custom, &mut |t, g| {
        accumulate(t, g.data().clone())
    })
}

/// `torch.autograd.grad(y, inputs)`: the gradients for `inputs`, leaving `.grad` alone.
pub fn grad(
    y: &Rc<Tensor>,
    inputs: &[Rc<Tensor>],
    gradient: Option<NdArray>,
    retain_graph: bool,
    create_graph: bool,
    custom: Custom,
) -> Res<Vec<Option<Grad>>> {
    let mut found: Vec<Option<Grad>> = vec![None; inputs.len()];
    run_backward(y, gradient, retain_graph, create_graph, custom, &mut |t, g| {
        if let Some(i) = inputs.iter().position(|x| Rc::ptr_eq(x, t)) {
            found[i] = Some(match found[i].take() {
                Some(prev) => add(&prev, &g)?,
                None => g,
            });
        }
        Ok(())
    })?;
    Ok(found)
}

/// Runs a backward pass with grad mode on exactly when the gradients are to be recorded
/// (`create_graph`), restoring the caller's mode afterwards, error or not.
fn run_backward(
    y: &Rc<Tensor>,
    gradient: Option<NdArray>,
    retain_graph: bool,
    create_graph: bool,
    custom: Custom,
    leaf: &mut dyn FnMut(&Rc<Tensor>, Grad) -> Res<()>,
) -> Res<()> {
    let before = set_grad_enabled(create_graph);
    let r = walk(y, gradient, retain_graph || create_graph, custom, leaf);
    set_grad_enabled(before);
    r
}

fn walk(
    y: &Rc<Tensor>,
    gradient: Option<NdArray>,
    retain_graph: bool,
    custom: Custom,
    leaf: &mut dyn FnMut(&Rc<Tensor>, Grad) -> Res<()>,
) -> Res<()> {
    let Some(root) = &y.grad_fn() else {
        if y.requires_grad.get() {
            // A leaf: its gradient is the seed itself.
            let seed = seed(y, gradient)?;
            leaf(y, seed)?;
            return Ok(());
        }
        return Err(exc(
            "RuntimeError",
            "element 0 of tensors does not require grad and does not have a grad_fn",
        ));
    };
    let complex = || {
        exc(
            "NotImplementedError",
            "nt: gradients through complex tensors are not supported yet",
        )
    };
    if y.data().dtype.is_complex() {
        return Err(complex());
    }
    let seed = seed(y, gradient)?;
    // Every node the root reaches, and how many edges reach each node and each leaf
    // (found iteratively, so a long chain cannot overflow the stack).
    let mut nodes: HashMap<usize, Rc<Node>> = HashMap::new();
    let mut deps: HashMap<usize, usize> = HashMap::new();
    let mut leaf_deps: HashMap<usize, usize> = HashMap::new();
    nodes.insert(node_key(root), root.clone());
    let mut stack: Vec<Rc<Node>> = vec![root.clone()];
    while let Some(n) = stack.pop() {
        for (t, edge) in n.inputs.iter().zip(&n.edges) {
            let Some(t) = t else { continue };
            if t.data().dtype.is_complex() {
                return Err(complex());
            }
            match edge {
                Some(f) => {
                    *deps.entry(node_key(f)).or_default() += 1;
                    if !nodes.contains_key(&node_key(f)) {
                        nodes.insert(node_key(f), f.clone());
                        stack.push(f.clone());
                    }
                }
                None => *leaf_deps.entry(Rc::as_ptr(t) as usize).or_default() += 1,
            }
        }
    }
    // PyTorch's engine: of the nodes whose every incoming gradient has arrived, the one
    // recorded last runs first, and a leaf's gradient is accumulated only once all of its
    // parts are in. So a failure (a freed graph, a tensor modified in place) leaves the
    // leaves' `.grad` exactly as PyTorch leaves them.
    let mut grads: HashMap<usize, Grad> = HashMap::new();
    let mut leaf_grads: HashMap<usize, Grad> = HashMap::new();
    grads.insert(node_key(root), seed);
    let mut ready = std::collections::BinaryHeap::new();
    ready.push((root.seq, node_key(root)));
    while let Some((_, key)) = ready.pop() {
        let Some(n) = nodes.get(&key).cloned() else { continue };
        let parts = match grads.remove(&key) {
            Some(g) => {
                check_saved(&n)?;
                if n.retain.get() {
                    let mut slot = n.retained.borrow_mut();
                    let sum = match slot.take() {
                        Some(prev) => binary(BinaryOp::Add, &prev, &g.data())?,
                        None => run(Op::Copy, &[&g.data()])?,
                    };
                    *slot = Some(sum);
                }
                let parts = match &n.rule {
                    Rule::Custom(payload) => custom(payload, &g, n.inputs.len())?,
                    rule => rule.backward(&g, &n)?,
                };
                if !retain_graph {
                    n.freed.set(true);
                }
                parts
            }
            None => Vec::new(),
        };
        let mut parts = parts.into_iter();
        for (input, edge) in n.inputs.iter().zip(&n.edges) {
            let part = parts.next().flatten();
            let Some(t) = input else { continue };
            match edge {
                Some(f) => {
                    let k = node_key(f);
                    if arrive(&mut grads, &mut deps, k, part)? {
                        ready.push((f.seq, k));
                    }
                }
                None => {
                    let k = Rc::as_ptr(t) as usize;
                    if arrive(&mut leaf_grads, &mut leaf_deps, k, part)?
                        && let Some(g) = leaf_grads.remove(&k)
                    {
                        leaf(t, g)?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// One of the gradients `k` waits for has arrived (`None`: its edge carried none): it
/// is added to what came before; `true` once every one has come.
fn arrive(
    grads: &mut HashMap<usize, Grad>,
    deps: &mut HashMap<usize, usize>,
    k: usize,
    part: Option<Grad>,
) -> Res<bool> {
    if let Some(part) = part {
        let sum = match grads.remove(&k) {
            Some(prev) => add(&prev, &part)?,
            None => part,
        };
        grads.insert(k, sum);
    }
    let left = deps.entry(k).or_insert(1);
    *left -= 1;
    Ok(*left == 0)
}

/// What a node needs before it runs: its saved tensors not freed by an earlier backward
/// pass, nor modified in place since it saved them (PyTorch's errors).
fn check_saved(n: &Node) -> Res<()> {
    if n.freed.get() && n.rule.saves() {
        return Err(exc(
            "RuntimeError",
            "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.",
        ));
    }
    for s in &n.saved {
        let now = crate::array::storage::version(&s.storage);
        if now != s.version {
            let of = s.of_what();
            return Err(exc(
                "RuntimeError",
                format!(
                    "one of the variables needed for gradient computation has been modified by an inplace operation: {}{of} is at version {now}; expected version {} instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).",
                    s.describe, s.version
                ),
            ));
        }
    }
    Ok(())
}

fn seed(y: &Tensor, gradient: Option<NdArray>) -> Res<Grad> {
    let s = seed_array(y, gradient)?;
    let s = super::device::move_array(&s, super::device::on_gpu(&y.data()))?;
    Ok(Rc::new(Tensor::new(s)))
}

fn seed_array(y: &Tensor, gradient: Option<NdArray>) -> Res<NdArray> {
    match gradient {
        Some(g) if g.shape() != y.data().shape() => {
            let size = |s: &[usize]| {
                format!(
                    "torch.Size([{}])",
                    s.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")
                )
            };
            Err(exc(
                "RuntimeError",
                format!(
                    "Mismatch in shape: grad_output[0] has a shape of {} and output[0] has a shape of {}.",
                    size(g.shape()),
                    size(y.data().shape())
                ),
            ))
        }
        Some(g) => Ok(g),
        None if y.data().numel() == 1 => {
            scalar(1.0, y.data().dtype).map(|s| s.view(s.layout.reshape(y.data().shape()).unwrap_or(s.layout.clone())))
        }
        None => Err(exc(
            "RuntimeError",
            "grad can be implicitly created only for scalar outputs",
        )),
    }
}

/// Adds into a leaf's `.grad` (created on first use, as PyTorch does).
fn accumulate(t: &Rc<Tensor>, g: NdArray) -> Res<()> {
    let g = cast(&g, t.data().dtype)?;
    // A gradient lives where its tensor does.
    let g = super::device::move_array(&g, super::device::on_gpu(&t.data()))?;
    let mut slot = t.grad.borrow_mut();
    let new = match slot.take() {
        Some(prev) => {
            // Accumulate in place, so views of `.grad` taken earlier see the update.
            let sum = binary(BinaryOp::Add, &prev, &g)?;
            crate::realise::assign(&prev, &sum).map_err(internal)?;
            prev
        }
        None => run(Op::Copy, &[&g])?,
    };
    *slot = Some(new);
    Ok(())
}
