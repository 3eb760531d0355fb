//! Bit-exact port of the FFT algorithms NumPy 2.x uses.
//!
//! NumPy's `numpy.fft` (`numpy/fft/_pocketfft_umath.cpp`) calls the C++
//! header-only pocketfft (`pocketfft_hdronly.h`, mreineck/pocketfft "cpp"
//! branch).  This module reproduces, operation by operation, the code paths
//! NumPy takes for one-dimensional transforms:
//!
//! * `pocketfft_c<T>` (complex): `cfftp` (radix 8, 4, 2, 3, 5, 7, 11 and a
//!   generic odd-prime pass) or Bluestein (`fftblue`) chosen by
//!   `cost_guess`,
//! * `pocketfft_r<T>` (real): `rfftp` (FFTPACK radf*/radb*) or Bluestein,
//! * the twiddle generator `sincos_2pibyn<T>` (two-table scheme computed in
//!   `double`, including the `long double` angle `0.25L*pi/n` which is
//!   emulated exactly with integer arithmetic),
//! * the NumPy wrappers: `rfft_impl` (halfcomplex -> complex unpacking) and
//!   `irfft_loop` (complex -> halfcomplex packing, ignoring the imaginary
//!   parts of DC and, for even n, Nyquist).
//!
//! The normalisation factor `fct` is applied exactly where pocketfft applies
//! it: for `cfftp`/`rfftp` as a separate final loop (`x*fct`, skipped when
//! `fct == 1`), for Bluestein as a multiplication of the final
//! `special_mul` result (always executed).  NumPy computes `fct` in the real
//! dtype of the transform: `1`, `1/sqrt(n)` ("ortho": `reciprocal(sqrt(n))`)
//! or `1/n` ("forward" for forward transforms / "backward" for inverse ones).
//!
//! Everything here is plain scalar IEEE arithmetic (no FMA contraction),
//! exactly as NumPy's build of pocketfft (baseline x86-64, `-std=c++17`,
//! hence `-ffp-contract=off`).  float32 / complex64 transforms: NumPy 2.4
//! runs its float32 gufunc loop (pocketfft in `float`, twiddles computed in
//! `double` and rounded) only when `fct` is a float32 scalar ("ortho", or the
//! 1/n-scaled direction) *and* the input array is exactly the loop's type
//! (complex64 for `fft`/`ifft`/`irfft`, float32 for `rfft`).  Otherwise its
//! type resolution selects the *double* loop, and the result is the
//! complex128 transform of the widened input (times the widened fct) rounded
//! to float32: when no scaling is requested (NumPy passes the Python int
//! `1`), and also for a real float32 array given to `fft`/`ifft`/`irfft`/
//! `hfft` whatever the norm (the caller, `stdlib/numpy/fft/_ext.nt`, then
//! uses the f64 entry points).  [`c2c_f32`], [`r2c_f32`] and [`c2r_f32`]
//! reproduce the first two cases (`fct == 1` -> f64 path); the `*_in_f32`
//! variants always compute in f32.
//!
//! Platform notes: twiddles use the platform libm `sin`/`cos` (as NumPy
//! does), and the `long double` angle emulation assumes x86-64's 80-bit
//! `long double` (NumPy on x86-64 Linux/macOS-x86).  Verified against NumPy
//! 2.4.6 on x86-64 Linux, glibc 2.36.
//!
//! Public entry points: [`c2c_f64`], [`c2c_f32`], [`r2c_f64`], [`r2c_f32`],
//! [`c2r_f64`], [`c2r_f32`].  Plans are cached per length (small LRU cache),
//! like NumPy does; caching does not influence results.
//!
//! Layout: `scalar` (the element trait, the complex pair, the unchecked-indexing macros),
//! `twiddle` (`sincos_2pibyn`), `cfft` (complex passes), `rfft` with `radf`/`radb` (real
//! passes), `bluestein`, `plan` (FFTPACK/Bluestein choice and the plan cache), `tests`.

#![allow(clippy::too_many_arguments)]
#![allow(clippy::needless_range_loop)]

// `scalar` first: its macros `rd!`/`wr!` are used by the modules declared after it.
#[macro_use]
mod scalar;

mod bluestein;
mod cfft;
mod plan;
mod radb;
mod radf;
mod rfft;
mod twiddle;

#[cfg(test)]
mod tests;

use plan::CachedPlans;
pub use scalar::Real;
use scalar::as_cx_mut;

// ---------------------------------------------------------------------------
// NumPy-level entry points
// ---------------------------------------------------------------------------

fn c2c_impl<T: CachedPlans>(data: &mut [[T; 2]], forward: bool, fct: T) {
    let n = data.len();
    assert!(n >= 1, "Invalid number of FFT data points (0)");
    let plan = T::plan_c(n);
    plan.exec(as_cx_mut(data), fct, forward);
}

/// NumPy `rfft_impl`: real input of length n, output n/2+1 complex values.
fn r2c_impl<T: CachedPlans>(input: &[T], out: &mut [[T; 2]], fct: T) {
    let npts = input.len();
    assert!(npts >= 1, "Invalid number of FFT data points (0)");
    let nout = npts / 2 + 1;
    assert_eq!(out.len(), nout, "r2c: output must have n/2+1 elements");
    // buffer layout as in NumPy: real data offset by one inside the output
    let mut buf = vec![T::ZERO; 2 * nout];
    buf[1..1 + npts].copy_from_slice(input);
    let plan = T::plan_r(npts);
    plan.exec(&mut buf[1..1 + npts], fct, true);
    out[0] = [buf[1], T::ZERO]; // I0 -> R0, I0 = 0
    for k in 1..nout {
        out[k] = [buf[2 * k], buf[2 * k + 1]];
    }
    if npts & 1 == 0 {
        out[nout - 1][1] = T::ZERO;
    }
}

/// NumPy `irfft_loop`: complex input (the first n/2+1 values are used; a
/// shorter input is zero-padded), real output of length n.
fn c2r_impl<T: CachedPlans>(input: &[[T; 2]], n: usize, out: &mut [T], fct: T) {
    assert!(n >= 1, "Invalid number of FFT data points (0)");
    assert_eq!(out.len(), n, "c2r: output must have n elements");
    let nin = input.len();
    assert!(nin >= 1, "c2r: empty input");
    out[0] = input[0][0]; // copy R0
    if n > 1 {
        // copy R1,I1,... up to R(n-1)/2, zero-padding a short input
        let ncopy = (n - 1) / 2;
        for k in 0..ncopy {
            let (r, i) = if k < nin - 1 {
                (input[k + 1][0], input[k + 1][1])
            } else {
                (T::ZERO, T::ZERO)
            };
            out[1 + 2 * k] = r;
            out[2 + 2 * k] = i;
        }
        // for even n, we still need to set Rn
        if n % 2 == 0 {
            out[n - 1] = if n / 2 >= nin { T::ZERO } else { input[n / 2][0] };
        }
    }
    let plan = T::plan_r(n);
    plan.exec(out, fct, false);
}

/// Complex-to-complex FFT (complex128) in place, as `numpy.fft.fft`
/// (`forward == true`) / `numpy.fft.ifft` (`forward == false`) with the
/// normalisation factor `fct` (1, 1/sqrt(n) or 1/n computed in f64).
pub fn c2c_f64(data: &mut [[f64; 2]], forward: bool, fct: f64) {
    c2c_impl(data, forward, fct)
}

/// Complex-to-complex FFT (complex64) with NumPy's semantics.
///
/// NumPy 2.4 passes `fct` to its gufunc as a Python `int` 1 when no scaling
/// is requested (`norm="backward"` forward / `norm="forward"` inverse), and
/// the gufunc type resolution then picks the *double* loop: the transform is
/// computed in complex128 and the result rounded to complex64.  When `fct`
/// is a float32 scalar (`norm="ortho"`, or the scaled direction) the float32
/// loop runs.  This function reproduces both cases: `fct == 1` computes in
/// f64 (for n == 1 both give the same bits), any other `fct` in f32 (see
/// [`c2c_f32_in_f32`]).
pub fn c2c_f32(data: &mut [[f32; 2]], forward: bool, fct: f32) {
    if fct == 1.0 {
        let mut wide: Vec<[f64; 2]> = data.iter().map(|c| [c[0] as f64, c[1] as f64]).collect();
        c2c_f64(&mut wide, forward, 1.0);
        for (d, w) in data.iter_mut().zip(&wide) {
            *d = [w[0] as f32, w[1] as f32];
        }
    } else {
        c2c_impl(data, forward, fct)
    }
}

/// Complex-to-complex FFT computed entirely in f32 (pocketfft
/// `pocketfft_c<float>`, NumPy's `Ff->F` loop) for any `fct`.
pub fn c2c_f32_in_f32(data: &mut [[f32; 2]], forward: bool, fct: f32) {
    c2c_impl(data, forward, fct)
}

/// Real-to-complex forward FFT (`numpy.fft.rfft`): `n = input.len()`,
/// `out.len() == n/2 + 1`.
pub fn r2c_f64(input: &[f64], out: &mut [[f64; 2]], fct: f64) {
    r2c_impl(input, out, fct)
}

/// Real-to-complex forward FFT (float32) with NumPy's semantics: computed in
/// f64 and rounded when `fct == 1` (NumPy's double loop, see [`c2c_f32`]),
/// in f32 otherwise.
pub fn r2c_f32(input: &[f32], out: &mut [[f32; 2]], fct: f32) {
    if fct == 1.0 {
        let wide_in: Vec<f64> = input.iter().map(|&x| x as f64).collect();
        let mut wide: Vec<[f64; 2]> = vec![[0.0; 2]; out.len()];
        r2c_f64(&wide_in, &mut wide, 1.0);
        for (d, w) in out.iter_mut().zip(&wide) {
            *d = [w[0] as f32, w[1] as f32];
        }
    } else {
        r2c_impl(input, out, fct)
    }
}

/// Real-to-complex forward FFT computed entirely in f32 for any `fct`.
pub fn r2c_f32_in_f32(input: &[f32], out: &mut [[f32; 2]], fct: f32) {
    r2c_impl(input, out, fct)
}

/// Complex-to-real backward FFT (`numpy.fft.irfft`) producing `n` real
/// outputs (`out.len() == n`).  Uses `input[0..n/2+1]` (zero-padded if
/// shorter, extra entries ignored); the imaginary parts of `input[0]` and,
/// for even `n`, of `input[n/2]` are ignored.
pub fn c2r_f64(input: &[[f64; 2]], n: usize, out: &mut [f64], fct: f64) {
    c2r_impl(input, n, out, fct)
}

/// Complex-to-real backward FFT (float32) with NumPy's semantics: computed in
/// f64 and rounded when `fct == 1` (NumPy's double loop, see [`c2c_f32`]),
/// in f32 otherwise.
pub fn c2r_f32(input: &[[f32; 2]], n: usize, out: &mut [f32], fct: f32) {
    if fct == 1.0 {
        let wide_in: Vec<[f64; 2]> = input.iter().map(|c| [c[0] as f64, c[1] as f64]).collect();
        let mut wide = vec![0.0f64; out.len()];
        c2r_f64(&wide_in, n, &mut wide, 1.0);
        for (d, &w) in out.iter_mut().zip(&wide) {
            *d = w as f32;
        }
    } else {
        c2r_impl(input, n, out, fct)
    }
}

/// Complex-to-real backward FFT computed entirely in f32 for any `fct`.
pub fn c2r_f32_in_f32(input: &[[f32; 2]], n: usize, out: &mut [f32], fct: f32) {
    c2r_impl(input, n, out, fct)
}
