//! The glibc libm functions NumPy calls, resolved in libm.so.6 at run time.
//!
//! Calling them through Rust is not enough: `f32::cbrt`/`f64::cbrt` (and an `extern "C"`
//! `cbrt`/`cbrtf`) bind to compiler-builtins' correctly rounded copies linked into the
//! binary, and `f32::asinh`/`acosh`/`atanh` (and f64's) are Rust formulas, not libm
//! calls; they differ from glibc in the last bit on 5% (atanh) to 50% (f64 cbrt) of
//! random inputs. So every function is looked up with `dlvsym` at the symbol version the
//! NumPy 2.4 wheel links (`exp`, `log`, `exp2`, `log2`, `pow` at GLIBC_2.2.5: their compat
//! wrappers, whose NaN for a negative logarithm has the other sign; the float ones at
//! their newest). Where there is no glibc (another OS or libc), Rust's own functions
//! stand in.

use std::sync::OnceLock;

type F1 = extern "C" fn(f32) -> f32;
type F2 = extern "C" fn(f32, f32) -> f32;
type D1 = extern "C" fn(f64) -> f64;
type D2 = extern "C" fn(f64, f64) -> f64;

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn lookup(name: &str, version: Option<&str>) -> Option<*mut std::ffi::c_void> {
    use std::ffi::{CString, c_char, c_int, c_void};
    unsafe extern "C" {
        fn dlopen(name: *const c_char, flag: c_int) -> *mut c_void;
        fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
        fn dlvsym(handle: *mut c_void, symbol: *const c_char, version: *const c_char) -> *mut c_void;
    }
    struct Handle(*mut c_void);
    // SAFETY: a dlopen handle is process-wide and may be used from any thread.
    unsafe impl Send for Handle {}
    unsafe impl Sync for Handle {}
    static LIBM: OnceLock<Handle> = OnceLock::new();
    // SAFETY: dlopen with a NUL-terminated name and RTLD_LAZY; a null handle is checked.
    let h = LIBM
        .get_or_init(|| Handle(unsafe { dlopen(c"libm.so.6".as_ptr(), 1) }))
        .0;
    if h.is_null() {
        return None;
    }
    let name = CString::new(name).ok()?;
    let mut p = std::ptr::null_mut();
    if let Some(v) = version {
        let v = CString::new(v).ok()?;
        // SAFETY: valid handle and NUL-terminated strings.
        p = unsafe { dlvsym(h, name.as_ptr(), v.as_ptr()) };
    }
    if p.is_null() {
        // SAFETY: as above.
        p = unsafe { dlsym(h, name.as_ptr()) };
    }
    (!p.is_null()).then_some(p)
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn lookup(_name: &str, _version: Option<&str>) -> Option<*mut std::ffi::c_void> {
    None
}

macro_rules! ty {
    (f1) => {
        F1
    };
    (f2) => {
        F2
    };
    (d1) => {
        D1
    };
    (d2) => {
        D2
    };
}

macro_rules! wrapper {
    (f1, $name:ident) => {
        #[inline]
        pub fn $name(x: f32) -> f32 {
            (table().$name)(x)
        }
    };
    (f2, $name:ident) => {
        #[inline]
        pub fn $name(x: f32, y: f32) -> f32 {
            (table().$name)(x, y)
        }
    };
    (d1, $name:ident) => {
        #[inline]
        pub fn $name(x: f64) -> f64 {
            (table().$name)(x)
        }
    };
    (d2, $name:ident) => {
        #[inline]
        pub fn $name(x: f64, y: f64) -> f64 {
            (table().$name)(x, y)
        }
    };
}

macro_rules! fallback {
    (f1, $fb:path) => {{
        extern "C" fn f(x: f32) -> f32 {
            $fb(x)
        }
        f as F1
    }};
    (f2, $fb:path) => {{
        extern "C" fn f(x: f32, y: f32) -> f32 {
            $fb(x, y)
        }
        f as F2
    }};
    (d1, $fb:path) => {{
        extern "C" fn f(x: f64) -> f64 {
            $fb(x)
        }
        f as D1
    }};
    (d2, $fb:path) => {{
        extern "C" fn f(x: f64, y: f64) -> f64 {
            $fb(x, y)
        }
        f as D2
    }};
}

macro_rules! libm {
    ($( $kind:ident $name:ident $( @ $ver:literal )? => $fb:path; )*) => {
        struct Table {
            $( $name: ty!($kind), )*
        }

        fn table() -> &'static Table {
            static T: OnceLock<Table> = OnceLock::new();
            T.get_or_init(|| Table {
                $( $name: match lookup(stringify!($name), None $( .or(Some($ver)) )?) {
                    // SAFETY: the symbol is glibc's function of this C signature.
                    Some(p) => unsafe { std::mem::transmute::<*mut std::ffi::c_void, ty!($kind)>(p) },
                    None => fallback!($kind, $fb),
                }, )*
            })
        }

        $( wrapper!($kind, $name); )*
    };
}

libm! {
    f1 sinf => f32::sin;
    f1 cosf => f32::cos;
    f1 tanf => f32::tan;
    f1 asinf => f32::asin;
    f1 acosf => f32::acos;
    f1 atanf => f32::atan;
    f1 sinhf => f32::sinh;
    f1 coshf => f32::cosh;
    f1 tanhf => f32::tanh;
    f1 asinhf => f32::asinh;
    f1 acoshf => f32::acosh;
    f1 atanhf => f32::atanh;
    f1 expf => f32::exp;
    f1 exp2f => f32::exp2;
    f1 expm1f => f32::exp_m1;
    f1 logf => f32::ln;
    f1 log2f => f32::log2;
    f1 log10f => f32::log10;
    f1 log1pf => f32::ln_1p;
    f1 cbrtf => f32::cbrt;
    f2 powf => f32::powf;
    f2 atan2f => f32::atan2;
    f2 hypotf => f32::hypot;
    d1 sin => f64::sin;
    d1 cos => f64::cos;
    d1 tan => f64::tan;
    d1 asin => f64::asin;
    d1 acos => f64::acos;
    d1 atan => f64::atan;
    d1 sinh => f64::sinh;
    d1 cosh => f64::cosh;
    d1 tanh => f64::tanh;
    d1 asinh => f64::asinh;
    d1 acosh => f64::acosh;
    d1 atanh => f64::atanh;
    d1 exp @ "GLIBC_2.2.5" => f64::exp;
    d1 exp2 @ "GLIBC_2.2.5" => f64::exp2;
    d1 expm1 => f64::exp_m1;
    d1 log @ "GLIBC_2.2.5" => f64::ln;
    d1 log2 @ "GLIBC_2.2.5" => f64::log2;
    d1 log10 => f64::log10;
    d1 log1p => f64::ln_1p;
    d1 cbrt => f64::cbrt;
    d2 pow @ "GLIBC_2.2.5" => f64::powf;
    d2 atan2 => f64::atan2;
    d2 hypot => f64::hypot;
}
