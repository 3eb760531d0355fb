//! Random streams that are NumPy's and PyTorch's, bit for bit: the shared MT19937 core,
//! NumPy's legacy `RandomState` and PyTorch's CPU generator. The algorithms and their
//! test vectors are in `reference/semantics.md` §7; `tests/reference/random/` holds a
//! Python re-implementation checked against the real libraries.

mod cephes;
pub mod mt;
pub mod numpy;
pub mod pcg64;
pub mod python;
pub mod torch;

pub use mt::Mt19937;

/// The generators a session draws from: NumPy's global `RandomState` and PyTorch's
/// default CPU generator (GPU tensors draw here too, then upload).
#[derive(Default)]
pub struct Rngs {
    pub numpy: numpy::RandomState,
    pub torch: torch::Generator,
    /// The generators of Python's `random.Random` instances (`_nt.mt_new` hands out
    /// their indices).
    pub python: Vec<Mt19937>,
    /// The states of `torch.Generator()` objects (`_nt.torch_gen_new` hands out their
    /// indices); one of them trades places with `torch` while it is in use.
    pub torch_gens: Vec<torch::Generator>,
    /// The generator now in `torch`'s place, if not the default one.
    pub torch_active: Option<usize>,
}
