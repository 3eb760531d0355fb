//! The scalar layer shared by all passes: the [`Real`] element trait (`f32`/`f64`) with
//! pocketfft's constants, the complex pair `Cx` (layout-compatible with `[T; 2]`), the
//! `special_mul`/`ROTX*` helpers, and the unchecked-indexing macros `rd!`/`wr!` of the
//! hot loops.

use std::ops::{Add, Div, Mul, Neg, Sub};

/// Floating-point element type of a transform (`f32` or `f64`).
pub trait Real:
    Copy
    + Pooled
    + Send
    + Sync
    + 'static
    + PartialEq
    + std::fmt::Debug
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    const ZERO: Self;
    const ONE: Self;
    const TWO: Self;
    const HALF: Self;
    /// sqrt(3)/2
    const S3: Self;
    const C5: [Self; 2];
    const S5: [Self; 2];
    const C7: [Self; 3];
    const S7: [Self; 3];
    const C11: [Self; 5];
    const S11: [Self; 5];
    const HSQT2: Self;
    const SQRT2: Self;
    /// Rounding conversion (C++ `T(double)`).
    fn from_f64(x: f64) -> Self;
    /// Conversion from an integer (C++ `T(size_t)`).
    fn from_usize(x: usize) -> Self;
}

// The constants are the C++ `T0(<long double literal>)` values: the decimal
// literal rounded to 64 significant bits, then to the target precision
// (checked: the double rounding changes none of them).
impl Real for f64 {
    const ZERO: f64 = 0.0;
    const ONE: f64 = 1.0;
    const TWO: f64 = 2.0;
    const HALF: f64 = 0.5;
    const S3: f64 = 0.8660254037844386;
    const C5: [f64; 2] = [0.30901699437494745, -0.8090169943749475];
    const S5: [f64; 2] = [0.9510565162951535, 0.5877852522924731];
    const C7: [f64; 3] = [0.6234898018587335, -0.2225209339563144, -0.9009688679024191];
    const S7: [f64; 3] = [0.7818314824680298, 0.9749279121818236, 0.4338837391175581];
    const C11: [f64; 5] = [
        0.8412535328311812,
        0.41541501300188644,
        -0.14231483827328514,
        -0.6548607339452851,
        -0.9594929736144974,
    ];
    const S11: [f64; 5] = [
        0.5406408174555976,
        0.9096319953545183,
        0.9898214418809327,
        0.7557495743542583,
        0.28173255684142967,
    ];
    const HSQT2: f64 = 0.7071067811865476;
    const SQRT2: f64 = 1.4142135623730951;
    #[inline(always)]
    fn from_f64(x: f64) -> f64 {
        x
    }
    #[inline(always)]
    fn from_usize(x: usize) -> f64 {
        x as f64
    }
}

impl Real for f32 {
    const ZERO: f32 = 0.0;
    const ONE: f32 = 1.0;
    const TWO: f32 = 2.0;
    const HALF: f32 = 0.5;
    const S3: f32 = 0.8660254;
    const C5: [f32; 2] = [0.309017, -0.809017];
    const S5: [f32; 2] = [0.95105654, 0.58778524];
    const C7: [f32; 3] = [0.6234898, -0.22252093, -0.90096885];
    const S7: [f32; 3] = [0.7818315, 0.9749279, 0.43388373];
    const C11: [f32; 5] = [0.8412535, 0.41541502, -0.14231484, -0.65486073, -0.959493];
    const S11: [f32; 5] = [0.54064083, 0.90963197, 0.98982143, 0.7557496, 0.28173256];
    const HSQT2: f32 = 0.70710677;
    const SQRT2: f32 = 1.4142135;
    #[inline(always)]
    fn from_f64(x: f64) -> f32 {
        x as f32
    }
    #[inline(always)]
    fn from_usize(x: usize) -> f32 {
        x as f32
    }
}

// ---------------------------------------------------------------------------
// complex helper type (layout-compatible with [T; 2])
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(C)]
pub(super) struct Cx<T> {
    pub(super) r: T,
    pub(super) i: T,
}

/// Scratch vectors from nt's buffer pool (`array::pool`), so a repeated transform does
/// not fault in fresh pages each time: `n` values with old contents (every pass writes
/// its whole output before reading it), and the vector given back.
pub trait Pooled: Sized {
    fn scratch(n: usize) -> Vec<Self>;
    fn give(v: Vec<Self>);
}
impl Pooled for f64 {
    fn scratch(n: usize) -> Vec<f64> {
        crate::array::pool::scratch(n)
    }
    fn give(v: Vec<f64>) {
        crate::array::pool::give(v)
    }
}
impl Pooled for f32 {
    fn scratch(n: usize) -> Vec<f32> {
        crate::array::pool::scratch(n)
    }
    fn give(v: Vec<f32>) {
        crate::array::pool::give(v)
    }
}

/// `[r0, i0, r1, i1, ...]` as complex pairs.
pub(super) fn cx_of<T: Real>(v: &mut [T]) -> &mut [Cx<T>] {
    // SAFETY: Cx<T> is `#[repr(C)] { r: T, i: T }`, laid out as two consecutive T.
    unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut Cx<T>, v.len() / 2) }
}

impl<T: Real> Cx<T> {
    #[inline(always)]
    pub(super) fn new(r: T, i: T) -> Self {
        Cx { r, i }
    }
    #[inline(always)]
    pub(super) fn scale(self, f: T) -> Self {
        Cx {
            r: self.r * f,
            i: self.i * f,
        }
    }
}

impl<T: Real> Add for Cx<T> {
    type Output = Cx<T>;
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        Cx {
            r: self.r + o.r,
            i: self.i + o.i,
        }
    }
}

impl<T: Real> Sub for Cx<T> {
    type Output = Cx<T>;
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        Cx {
            r: self.r - o.r,
            i: self.i - o.i,
        }
    }
}

/// pocketfft `special_mul<fwd>`: multiplication by `conj(w)` (forward) or `w`.
#[inline(always)]
pub(super) fn smul<T: Real, const FWD: bool>(v: Cx<T>, w: Cx<T>) -> Cx<T> {
    if FWD {
        Cx {
            r: v.r * w.r + v.i * w.i,
            i: v.i * w.r - v.r * w.i,
        }
    } else {
        Cx {
            r: v.r * w.r - v.i * w.i,
            i: v.r * w.i + v.i * w.r,
        }
    }
}

/// pocketfft `ROTX90<fwd>`: multiplication by -i (forward) or +i.
#[inline(always)]
pub(super) fn rotx90<T: Real, const FWD: bool>(a: Cx<T>) -> Cx<T> {
    if FWD {
        Cx { r: a.i, i: -a.r }
    } else {
        Cx { r: -a.i, i: a.r }
    }
}

#[inline(always)]
pub(super) fn rotx45<T: Real, const FWD: bool>(a: Cx<T>) -> Cx<T> {
    let h = T::HSQT2;
    if FWD {
        Cx {
            r: h * (a.r + a.i),
            i: h * (a.i - a.r),
        }
    } else {
        Cx {
            r: h * (a.r - a.i),
            i: h * (a.i + a.r),
        }
    }
}

#[inline(always)]
pub(super) fn rotx135<T: Real, const FWD: bool>(a: Cx<T>) -> Cx<T> {
    let h = T::HSQT2;
    if FWD {
        Cx {
            r: h * (a.i - a.r),
            i: h * (-a.r - a.i),
        }
    } else {
        Cx {
            r: h * (-a.r - a.i),
            i: h * (a.r - a.i),
        }
    }
}

pub(super) fn as_cx_mut<T>(d: &mut [[T; 2]]) -> &mut [Cx<T>] {
    // SAFETY: Cx<T> is #[repr(C)] with two T fields: same layout as [T; 2].
    unsafe { std::slice::from_raw_parts_mut(d.as_mut_ptr() as *mut Cx<T>, d.len()) }
}

// Unchecked indexing in the hot loops (all indices are derived from the
// plan's factorisation exactly as in pocketfft; debug builds check them).
macro_rules! rd {
    ($s:expr, $i:expr) => {{
        let i__ = $i;
        debug_assert!(i__ < $s.len());
        #[allow(unused_unsafe)]
        unsafe {
            *$s.get_unchecked(i__)
        }
    }};
}
macro_rules! wr {
    ($s:expr, $i:expr, $v:expr) => {{
        let v__ = $v;
        let i__ = $i;
        debug_assert!(i__ < $s.len());
        #[allow(unused_unsafe)]
        unsafe {
            *$s.get_unchecked_mut(i__) = v__;
        }
    }};
}
