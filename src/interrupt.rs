//! Ctrl-C while code runs: the SIGINT handler only sets a flag. The interpreter checks it
//! before every statement and fused kernels between blocks; either stops with
//! `KeyboardInterrupt`, so the session and every variable survive. At the prompt,
//! rustyline reads Ctrl-C as a key instead. (A module of its own, below the interpreter
//! and the backends, which both poll it.)

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Routes SIGINT to the flag (once per process; a second call is harmless).
pub fn install() {
    let _ = ctrlc::set_handler(request);
}

/// Asks the running code to stop (what SIGINT does).
pub fn request() {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Forgets a request (a new entry starts clean).
pub fn clear() {
    INTERRUPTED.store(false, Ordering::SeqCst);
}

/// Whether a stop was requested; the request is consumed.
pub fn take() -> bool {
    INTERRUPTED.swap(false, Ordering::SeqCst)
}

/// Whether a stop is pending (kernels poll this without consuming it).
pub fn pending() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}

/// The error text a kernel stops with; front ends raise `KeyboardInterrupt` for it.
pub const KEYBOARD_INTERRUPT: &str = "KeyboardInterrupt";
