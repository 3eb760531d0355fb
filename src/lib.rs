//! nt: an interactive array language with Python's syntax, NumPy's arrays and PyTorch's tensors.

pub mod syntax;
