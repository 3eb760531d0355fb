//! Realisation: the one floor that runs work on a backend. `run` records an op on
//! arrays, deferring elementwise work on large or gpu operands into fused programs
//! (`ir::lazy::Program`) and running everything else at once on the operands' device;
//! `realize`/`flush` run deferred programs; the host readers (`to_f64s`, `assign`, …)
//! realise what they read first. Backends below never call back up: every array they
//! are given is already realised.

pub mod kernels;

use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::layout::Layout;
use crate::array::storage::Buffer;
use crate::ir::Op;
use crate::ir::lazy::{MAX_STEPS, Node, Program};
use crate::ir::{describe, trace};
use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// Below this many elements a CPU op runs at once: deferring costs more than it saves.
const FUSE_MIN: usize = 1 << 14;

thread_local! {
    static THRESHOLD: std::cell::Cell<usize> = const { std::cell::Cell::new(FUSE_MIN) };
}

/// Sets how many elements a CPU op needs to be deferred (tests defer every op with 1).
pub fn set_fuse_min(n: usize) {
    THRESHOLD.with(|t| t.set(n.max(1)));
}
/// Whether `op` on `inputs` should be deferred rather than run now.
pub fn worth_deferring(inputs: &[&NdArray], shape: &[usize]) -> bool {
    let n = crate::array::layout::numel(shape);
    n > 0 && (n >= THRESHOLD.with(|t| t.get()) || inputs.iter().any(|a| a.storage.borrow().on_gpu()))
}

thread_local! {
    /// Every deferred storage not yet realised (dead ones are skipped at the flush).
    static PENDING: RefCell<Vec<Weak<RefCell<Buffer>>>> = const { RefCell::new(Vec::new()) };
}

/// The IR program a deferred storage holds.
fn program(held: &Rc<dyn crate::array::storage::Held>) -> Option<&Program> {
    held.as_any().downcast_ref()
}

/// The deferred result of elementwise `op` on `inputs`.
pub fn defer(op: &Op, inputs: &[&NdArray], shape: &[usize], dtype: DType) -> Result<NdArray, String> {
    let mut p = Program::new(shape, dtype);
    let mut args = Vec::with_capacity(inputs.len());
    for a in inputs {
        let inlined = match &*a.storage.borrow() {
            Buffer::Lazy(q) => Some(q.clone()),
            _ => None,
        };
        let inlined = inlined.filter(|q| {
            program(q).is_some_and(|q| a.layout == Layout::contiguous(&q.shape) && q.steps.len() < MAX_STEPS)
        });
        args.push(match inlined.as_ref().and_then(program) {
            Some(q) => p.inline(q),
            None => {
                realize(a)?;
                p.leaf(a)
            }
        });
    }
    p.push(Node::Apply(op.clone(), args), dtype);
    // A dtype the gpu cannot hold is an error of this op, not of a later one.
    #[cfg(feature = "gpu")]
    if p.gpu {
        crate::backend::wgpu::check(dtype)?;
    }
    let out = NdArray::from_buffer(Buffer::Lazy(Rc::new(p)), shape);
    PENDING.with(|q| q.borrow_mut().push(Rc::downgrade(&out.storage)));
    crate::memory::promise(crate::memory::bytes(crate::array::layout::numel(shape), dtype.itemsize()).unwrap_or(0));
    Ok(out)
}

/// Runs `a`'s program if its storage is deferred, replacing the storage's contents with
/// the elements (every view of the storage sees them).
pub fn realize(a: &NdArray) -> Result<(), String> {
    realize_storage(&a.storage)
}

fn realize_storage(s: &RefCell<Buffer>) -> Result<(), String> {
    let held = match &*s.borrow() {
        Buffer::Lazy(p) => p.clone(),
        _ => return Ok(()),
    };
    let program = self::program(&held).ok_or("a deferred storage without a program")?;
    crate::memory::keep(crate::memory::bytes(program.len(), program.dtype.itemsize()).unwrap_or(0));
    trace(|| program.describe());
    let buf = evaluate(program)?;
    *s.borrow_mut() = buf;
    Ok(())
}

/// The elements of a program, on its device.
fn evaluate(p: &Program) -> Result<Buffer, String> {
    #[cfg(feature = "gpu")]
    if p.gpu {
        return crate::backend::wgpu::fused(p);
    }
    crate::backend::cpu::fused::run(p)
}

/// Realises every deferred value still alive: called at the end of each statement and
/// before any in-place write.
/// Whether no deferred value waits to be computed.
#[inline]
pub fn nothing_pending() -> bool {
    PENDING.with(|q| q.borrow().is_empty())
}

#[inline]
pub fn flush() -> Result<(), String> {
    // The common case, checked first and inlined: nothing deferred (every statement of
    // compiled code ends here).
    if PENDING.with(|q| q.borrow().is_empty()) {
        crate::memory::settle();
        return Ok(());
    }
    flush_pending()
}

#[inline(never)]
fn flush_pending() -> Result<(), String> {
    let pending = PENDING.with(|q| std::mem::take(&mut *q.borrow_mut()));
    // Every deferred result is computed below or was dropped uncomputed.
    crate::memory::settle();
    let mut first_error = None;
    for w in pending {
        if let Some(s) = w.upgrade()
            && let Err(e) = realize_storage(&s)
        {
            first_error.get_or_insert(e);
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// Records `op` on `inputs`: elementwise ops on large or gpu operands are deferred into
/// a fused program (`lazy`); everything else runs at once on the inputs' device.
pub fn run(op: Op, inputs: &[&NdArray]) -> Result<NdArray, String> {
    let (shape, dtype) = op.infer(inputs)?;
    crate::array::check_alloc(&shape, dtype)?;
    // An empty result on the CPU needs no kernel (empty views may point anywhere).
    #[cfg(feature = "gpu")]
    let on_gpu = inputs.iter().any(|a| crate::backend::wgpu::on_gpu(a));
    #[cfg(not(feature = "gpu"))]
    let on_gpu = false;
    if shape.contains(&0) && !on_gpu {
        return Ok(NdArray::zeros(dtype, &shape));
    }
    if crate::ir::lazy::fusable(&op) && worth_deferring(inputs, &shape) {
        return defer(&op, inputs, &shape, dtype);
    }
    trace(|| {
        let ins: Vec<String> = inputs.iter().map(|a| describe(a.dtype, a.shape())).collect();
        format!("{op:?}({}) -> {}", ins.join(", "), describe(dtype, &shape))
    });
    for a in inputs {
        realize(a)?;
    }
    #[cfg(feature = "gpu")]
    let out = if inputs.iter().any(|a| crate::backend::wgpu::on_gpu(a)) {
        crate::backend::wgpu::execute(&op, inputs, &shape, dtype)?
    } else {
        crate::backend::cpu::execute(&op, inputs, &shape, dtype)?
    };
    #[cfg(not(feature = "gpu"))]
    let out = crate::backend::cpu::execute(&op, inputs, &shape, dtype)?;
    // Ctrl-C during a long kernel (a matmul runs whole) stops the statement when the
    // kernel returns, so its result is never assigned.
    if crate::interrupt::pending() {
        return Err(crate::interrupt::KEYBOARD_INTERRUPT.to_string());
    }
    Ok(out)
}

// --- The host side of arrays, realised first. ---

/// The array with its elements on the host: itself, or a copy of a gpu buffer.
pub fn host(a: &NdArray) -> Result<NdArray, String> {
    realize(a)?;
    crate::backend::cpu::host(a)
}

/// The elements of a view as f64 (for conversions to Python numbers and printing).
pub fn to_f64s(a: &NdArray) -> Result<Vec<f64>, String> {
    crate::backend::cpu::to_f64s(&host(a)?)
}

/// The elements of a view as complex numbers (real dtypes: imaginary part 0).
pub fn to_complex(a: &NdArray) -> Result<Vec<(f64, f64)>, String> {
    crate::backend::cpu::to_complex(&host(a)?)
}

/// The elements of an integer (or bool) view, exactly.
pub fn to_i128s(a: &NdArray) -> Result<Vec<i128>, String> {
    crate::backend::cpu::to_i128s(&host(a)?)
}

/// The truth of each element of a view.
pub fn to_bools(a: &NdArray) -> Result<Vec<bool>, String> {
    crate::backend::cpu::to_bools(&host(a)?)
}

/// The elements of a view in row-major order, as their Rust type.
pub fn values<T: crate::array::storage::Typed>(a: &NdArray) -> Result<Vec<T>, String> {
    Ok(crate::backend::cpu::values::<T>(&host(a)?)?.into_owned())
}

pub use crate::backend::cpu::Vals;

/// The elements of a view in row-major order, borrowed from its storage when it is
/// contiguous on the host (no copy). Hold it only while writing nothing but fresh arrays.
pub fn read<T: crate::array::storage::Typed>(a: &NdArray) -> Result<Vals<'_, T>, String> {
    realize(a)?;
    crate::backend::cpu::read::<T>(a)
}

/// Writes `src` (already of `dst`'s dtype and shape) into the view `dst`. Deferred
/// results that read `dst` are realised first, so they see it as it was.
pub fn assign(dst: &NdArray, src: &NdArray) -> Result<(), String> {
    if dst.numel() == 0 {
        return Ok(());
    }
    if crate::array::storage::is_readonly(&dst.storage) {
        return Err(format!(
            "{}{}",
            crate::array::storage::READONLY,
            crate::array::storage::readonly_reason(&dst.storage)
        ));
    }
    flush()?;
    realize(dst)?;
    realize(src)?;
    crate::backend::cpu::assign(dst, src)
}

/// `torch.get_num_threads()` / `torch.set_num_threads()`: how PyTorch's large sums split.
pub use crate::backend::cpu::{set_torch_threads, torch_threads};

/// FFTs (pocketfft's algorithms, NumPy's bits), computed on the host.
pub mod fft {
    pub use crate::backend::cpu::pocketfft::*;
}

/// Python's float `divmod` as the CPU kernels compute it.
pub use crate::backend::cpu::float_divmod;

/// The gpu device: whether an array lives there, moving arrays, the adapter.
#[cfg(feature = "gpu")]
pub mod device {
    use crate::array::NdArray;
    pub use crate::backend::wgpu::context::offered;
    pub use crate::backend::wgpu::{adapter, available, check, download, on_gpu, synchronize};

    /// A host array copied to the gpu device, realised first (a large array's elements
    /// may still be a deferred program).
    pub fn upload(a: &NdArray) -> Result<NdArray, String> {
        super::realize(a)?;
        crate::backend::wgpu::upload(a)
    }
}
