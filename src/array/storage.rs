//! Typed element buffers, shared by reference count: views of one storage see each
//! other's writes, as NumPy views and PyTorch views do.

use super::dtype::DType;
use super::elem::{Complex64, Complex128, Elem, cast};
use half::{bf16, f16};
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone, Debug)]
pub enum Buffer {
    Bool(Vec<bool>),
    I8(Vec<i8>),
    I16(Vec<i16>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
    U64(Vec<u64>),
    F16(Vec<f16>),
    BF16(Vec<bf16>),
    F32(Vec<f32>),
    F64(Vec<f64>),
    C64(Vec<Complex64>),
    C128(Vec<Complex128>),
    /// Elements resident on the gpu device (the wgpu backend's buffer).
    #[cfg(feature = "gpu")]
    Gpu(Box<dyn Held>),
    /// Elements not computed yet: a fused elementwise program (the IR's), realised in
    /// place when they are needed.
    Lazy(Rc<dyn Held>),
}

/// Elements held for a floor above the arrays (a gpu backend's device buffer, the IR's
/// deferred program). The array floor knows only what every buffer answers; the owner
/// gets its own type back with `as_any().downcast_ref()`.
pub trait Held: std::any::Any + std::fmt::Debug {
    fn dtype(&self) -> DType;
    fn len(&self) -> usize;
    fn on_gpu(&self) -> bool;
    fn as_any(&self) -> &dyn std::any::Any;
    /// An independent copy (cloning a `Buffer` copies its elements).
    fn duplicate(&self) -> Box<dyn Held>;
}

impl Clone for Box<dyn Held> {
    fn clone(&self) -> Self {
        self.duplicate()
    }
}

pub type Storage = Rc<RefCell<Buffer>>;

/// Runs `$body` with `$v` bound to the typed vector inside a host buffer, for every
/// dtype; `$gpu` for a buffer on the gpu device, `$lazy` for a deferred one.
#[macro_export]
macro_rules! with_buffer {
    ($buf:expr, $v:ident => $body:expr, gpu $g:ident => $gpu:expr, lazy $l:ident => $lazy:expr) => {
        match $buf {
            $crate::array::storage::Buffer::Lazy($l) => $lazy,
            #[cfg(feature = "gpu")]
            $crate::array::storage::Buffer::Gpu($g) => $gpu,
            $crate::array::storage::Buffer::Bool($v) => $body,
            $crate::array::storage::Buffer::I8($v) => $body,
            $crate::array::storage::Buffer::I16($v) => $body,
            $crate::array::storage::Buffer::I32($v) => $body,
            $crate::array::storage::Buffer::I64($v) => $body,
            $crate::array::storage::Buffer::U8($v) => $body,
            $crate::array::storage::Buffer::U16($v) => $body,
            $crate::array::storage::Buffer::U32($v) => $body,
            $crate::array::storage::Buffer::U64($v) => $body,
            $crate::array::storage::Buffer::F16($v) => $body,
            $crate::array::storage::Buffer::BF16($v) => $body,
            $crate::array::storage::Buffer::F32($v) => $body,
            $crate::array::storage::Buffer::F64($v) => $body,
            $crate::array::storage::Buffer::C64($v) => $body,
            $crate::array::storage::Buffer::C128($v) => $body,
        }
    };
}

/// Runs `$body` with the Rust element type `$t` of a dtype.
#[macro_export]
macro_rules! with_dtype {
    ($dtype:expr, $t:ident => $body:expr) => {
        match $dtype {
            $crate::array::dtype::DType::Bool => {
                type $t = bool;
                $body
            }
            $crate::array::dtype::DType::I8 => {
                type $t = i8;
                $body
            }
            $crate::array::dtype::DType::I16 => {
                type $t = i16;
                $body
            }
            $crate::array::dtype::DType::I32 => {
                type $t = i32;
                $body
            }
            $crate::array::dtype::DType::I64 => {
                type $t = i64;
                $body
            }
            $crate::array::dtype::DType::U8 => {
                type $t = u8;
                $body
            }
            $crate::array::dtype::DType::U16 => {
                type $t = u16;
                $body
            }
            $crate::array::dtype::DType::U32 => {
                type $t = u32;
                $body
            }
            $crate::array::dtype::DType::U64 => {
                type $t = u64;
                $body
            }
            $crate::array::dtype::DType::F16 => {
                type $t = half::f16;
                $body
            }
            $crate::array::dtype::DType::BF16 => {
                type $t = half::bf16;
                $body
            }
            $crate::array::dtype::DType::F32 => {
                type $t = f32;
                $body
            }
            $crate::array::dtype::DType::F64 => {
                type $t = f64;
                $body
            }
            $crate::array::dtype::DType::C64 => {
                type $t = $crate::array::elem::Complex64;
                $body
            }
            $crate::array::dtype::DType::C128 => {
                type $t = $crate::array::elem::Complex128;
                $body
            }
        }
    };
}

/// Access to the typed vector of a buffer from generic code.
pub trait Typed: Elem {
    fn slice(buf: &Buffer) -> Option<&[Self]>;
    fn slice_mut(buf: &mut Buffer) -> Option<&mut [Self]>;
    fn wrap(v: Vec<Self>) -> Buffer;
    /// Runs `f` on this type's buffer pool; `None` while the thread is being torn down.
    fn with_slot<R>(f: impl FnOnce(&mut super::pool::Slot<Self>) -> R) -> Option<R>;
}

macro_rules! typed {
    ($t:ty, $variant:ident, $slot:ident) => {
        impl Typed for $t {
            fn with_slot<R>(f: impl FnOnce(&mut super::pool::Slot<Self>) -> R) -> Option<R> {
                super::pool::POOLS
                    .try_with(|p| p.try_borrow_mut().ok().map(|mut p| f(&mut p.$slot)))
                    .ok()
                    .flatten()
            }
            fn slice(buf: &Buffer) -> Option<&[Self]> {
                match buf {
                    Buffer::$variant(v) => Some(v),
                    _ => None,
                }
            }
            fn slice_mut(buf: &mut Buffer) -> Option<&mut [Self]> {
                match buf {
                    Buffer::$variant(v) => Some(v),
                    _ => None,
                }
            }
            fn wrap(v: Vec<Self>) -> Buffer {
                Buffer::$variant(v)
            }
        }
    };
}

typed!(bool, Bool, b);
typed!(i8, I8, i8);
typed!(i16, I16, i16);
typed!(i32, I32, i32);
typed!(i64, I64, i64);
typed!(u8, U8, u8);
typed!(u16, U16, u16);
typed!(u32, U32, u32);
typed!(u64, U64, u64);
typed!(f16, F16, f16);
typed!(bf16, BF16, bf16);
typed!(f32, F32, f32);
typed!(f64, F64, f64);
typed!(Complex64, C64, c64);
typed!(Complex128, C128, c128);

/// A freed buffer's allocation goes back to the pool for the next kernel output.
impl Drop for Buffer {
    fn drop(&mut self) {
        forget_version(self as *const Buffer as usize);
        with_buffer!(self, v => super::pool::give(std::mem::take(v)), gpu _g => (), lazy _l => ())
    }
}

thread_local! {
    /// How many in-place writes each storage has had (PyTorch's version counter), keyed
    /// by the buffer's address; storages never written in place have no entry.
    static VERSIONS: RefCell<rustc_hash::FxHashMap<usize, u64>> = RefCell::default();
}

fn key(s: &Storage) -> usize {
    s.as_ptr() as usize
}

/// The number of in-place writes into `s` so far.
pub fn version(s: &Storage) -> u64 {
    VERSIONS.with(|v| v.borrow().get(&key(s)).copied().unwrap_or(0))
}

/// Counts one in-place write into `s`.
pub fn bump_version(s: &Storage) {
    VERSIONS.with(|v| *v.borrow_mut().entry(key(s)).or_insert(0) += 1);
}

thread_local! {
    /// Storages that must not be written: copies standing in for NumPy's views of a
    /// complex array's parts (`z.real`), which nt cannot alias yet.
    static READONLY_SET: RefCell<rustc_hash::FxHashMap<usize, &'static str>> = RefCell::default();
}

thread_local! {
    /// Whether the program has made a complex number or array (the front end's checks
    /// for complex arguments are skipped until then).
    static COMPLEX_SEEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

pub fn note_complex() {
    COMPLEX_SEEN.with(|s| s.set(true));
}

pub fn complex_seen() -> bool {
    COMPLEX_SEEN.with(|s| s.get())
}

/// The start of the error a write into a read-only storage gives.
pub const READONLY: &str = "nt-readonly:";

/// Marks `s` read-only; `why` ends the error a write gets (`""`: the library's own
/// read-only array, `np.frombuffer`'s).
pub fn set_readonly(s: &Storage, why: &'static str) {
    READONLY_SET.with(|r| r.borrow_mut().insert(key(s), why));
}

pub fn is_readonly(s: &Storage) -> bool {
    READONLY_SET.with(|r| !r.borrow().is_empty() && r.borrow().contains_key(&key(s)))
}

/// Why `s` is read-only (see `set_readonly`).
pub fn readonly_reason(s: &Storage) -> &'static str {
    READONLY_SET.with(|r| r.borrow().get(&key(s)).copied().unwrap_or(""))
}

/// The reason nt's stand-ins for views are read-only.
pub const COMPLEX_PART_COPY: &str =
    " (nt: this is a copy of a complex array's real or imaginary part, not a view; write to the complex array instead)";
/// PyTorch's conjugate view (`torch.conj(z)`, `is_conj()` true of it and its views).
pub const CONJ_VIEW_COPY: &str = " (nt: conj() of a complex tensor is a read-only copy, not PyTorch's conjugate view; write to the original, or use conj_physical() or resolve_conj() for a tensor of its own)";
/// `torch.conj` of a conjugate view: PyTorch's view of the original.
pub const CONJ_OF_CONJ_COPY: &str =
    " (nt: conj() of a conjugate view is a read-only copy, not a view of the original; write to the original instead)";
pub const DTYPE_VIEW_COPY: &str = " (nt: a view with another dtype is a read-only copy of the bytes, not a view; write to the original array instead)";

fn forget_version(addr: usize) {
    let _ = READONLY_SET.try_with(|r| {
        if let Ok(mut r) = r.try_borrow_mut()
            && !r.is_empty()
        {
            r.remove(&addr);
        }
    });
    let _ = VERSIONS.try_with(|v| {
        if let Ok(mut v) = v.try_borrow_mut()
            && !v.is_empty()
        {
            v.remove(&addr);
        }
    });
}

impl Buffer {
    /// Whether the elements live on the gpu device.
    pub fn on_gpu(&self) -> bool {
        with_buffer!(self, _v => false, gpu g => g.on_gpu(), lazy l => l.on_gpu())
    }

    pub fn dtype(&self) -> DType {
        with_buffer!(self, v => elem_dtype(v), gpu g => g.dtype(), lazy l => l.dtype())
    }

    pub fn len(&self) -> usize {
        with_buffer!(self, v => v.len(), gpu g => g.len(), lazy l => l.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A buffer of `n` zeros.
    pub fn zeros(dtype: DType, n: usize) -> Buffer {
        with_dtype!(dtype, T => <T as Typed>::wrap(vec![T::default(); n]))
    }

    /// Builds a buffer of `dtype` from f64 values (exact for every value an f64 holds).
    pub fn from_f64s(dtype: DType, xs: &[f64]) -> Buffer {
        with_dtype!(dtype, T => <T as Typed>::wrap(xs.iter().map(|&x| T::from_f64(x)).collect()))
    }

    pub fn from_i64s(dtype: DType, xs: &[i64]) -> Buffer {
        with_dtype!(dtype, T => <T as Typed>::wrap(xs.iter().map(|&x| cast::<i64, T>(x)).collect()))
    }
}

fn elem_dtype<T: Elem>(_: &[T]) -> DType {
    T::DTYPE
}
