//! nt: an interactive array language with Python's syntax, NumPy's arrays and PyTorch's tensors.
//!
//! One direction of flow: source → tokens → AST → evaluation → printed value
//! (DESIGN.md §4). Arrays, tensors, the IR and its backends arrive in later issues.

pub mod array;
pub mod backend;
pub mod diagnostics;
pub mod error;
pub mod interp;
pub mod interrupt;
pub mod ir;
#[cfg(feature = "kernel")]
pub mod kernel;
pub mod memory;
pub mod nd;
pub mod plot;
pub mod random;
pub mod realise;
pub mod repl;
pub mod syntax;
pub mod tensor;
pub mod value;
