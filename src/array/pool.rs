//! Recycles large element buffers: a temporary freed by one statement is reused by the
//! next of the same dtype and size, so repeated array expressions do not page-fault a
//! fresh allocation every time (a 40 MB fresh output costs more than the arithmetic).
//!
//! Every large element buffer a kernel makes should come from here (`alloc`, `filled`,
//! `collect`): the pool keeps what is freed, so a buffer allocated elsewhere is fresh
//! memory from the allocator, faulted in page by page. On a VM a fresh 2 MiB huge page
//! can cost a millisecond; a 64×3×32×32 conv ran at 40 ms instead of 7 ms until every
//! buffer it made was pooled.

use super::storage::Typed;
use std::cell::RefCell;

/// Buffers smaller than this are left to the allocator.
const MIN_BYTES: usize = 1 << 17;
/// At most this many bytes are held per element type.
const MAX_BYTES: usize = 256 << 20;

pub struct Slot<T> {
    free: Vec<Vec<T>>,
    bytes: usize,
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot {
            free: Vec::new(),
            bytes: 0,
        }
    }
}

/// An empty vector with room for `n` elements, reusing a pooled one when one fits.
pub fn alloc<T: Typed>(n: usize) -> Vec<T> {
    let bytes = n * std::mem::size_of::<T>();
    if bytes >= MIN_BYTES {
        let reused = T::with_slot(|slot| {
            let i = slot
                .free
                .iter()
                .position(|v| v.capacity() >= n && v.capacity() <= 2 * n)?;
            let v = slot.free.swap_remove(i);
            slot.bytes -= v.capacity() * std::mem::size_of::<T>();
            Some(v)
        });
        if let Some(Some(mut v)) = reused {
            v.clear();
            return v;
        }
    }
    Vec::with_capacity(n)
}

/// `n` copies of `x`, in a pooled vector when one fits.
pub fn filled<T: Typed>(n: usize, x: T) -> Vec<T> {
    let mut v = alloc(n);
    v.resize(n, x);
    v
}

/// `n` elements holding whatever a pooled vector held before (zeros when fresh), for a
/// kernel that writes every one of them: it skips the pass `filled` makes.
pub fn scratch<T: Typed + Default>(n: usize) -> Vec<T> {
    if n * std::mem::size_of::<T>() >= MIN_BYTES {
        let reused = T::with_slot(|slot| {
            let i = slot.free.iter().position(|v| v.len() >= n && v.capacity() <= 2 * n)?;
            let v = slot.free.swap_remove(i);
            slot.bytes -= v.capacity() * std::mem::size_of::<T>();
            Some(v)
        });
        if let Some(Some(mut v)) = reused {
            v.truncate(n);
            return v;
        }
    }
    vec![T::default(); n]
}

/// An iterator's items, in a pooled vector when one fits (`n` is their count).
pub fn collect<T: Typed>(n: usize, items: impl Iterator<Item = T>) -> Vec<T> {
    let mut v = alloc(n);
    v.extend(items);
    v
}

/// Takes back a vector that is being freed.
pub fn give<T: Typed>(v: Vec<T>) {
    let bytes = v.capacity() * std::mem::size_of::<T>();
    if bytes < MIN_BYTES {
        return;
    }
    // A full pool (or a thread being torn down) simply frees the vector.
    let _ = T::with_slot(move |slot| {
        if slot.bytes + bytes <= MAX_BYTES {
            slot.bytes += bytes;
            slot.free.push(v);
        }
    });
}

thread_local! {
    pub static POOLS: RefCell<Pools> = RefCell::new(Pools::default());
}

#[derive(Default)]
pub struct Pools {
    pub b: Slot<bool>,
    pub i8: Slot<i8>,
    pub i16: Slot<i16>,
    pub i32: Slot<i32>,
    pub i64: Slot<i64>,
    pub u8: Slot<u8>,
    pub u16: Slot<u16>,
    pub u32: Slot<u32>,
    pub u64: Slot<u64>,
    pub f16: Slot<half::f16>,
    pub bf16: Slot<half::bf16>,
    pub f32: Slot<f32>,
    pub f64: Slot<f64>,
    pub c64: Slot<super::elem::Complex64>,
    pub c128: Slot<super::elem::Complex128>,
}
