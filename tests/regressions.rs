//! Bugs found by trying nt as a new user would, each pinned by name.

use nt::repl::session::{Session, SharedBuf};

fn run(src: &str) -> Result<String, String> {
    let out = SharedBuf::default();
    let mut s = Session::new(Box::new(out.clone()));
    match s.eval(src) {
        Ok(()) => Ok(out.take()),
        Err(d) => Err(format!("{}: {}", d.kind, d.message)),
    }
}

/// The first line of most PyTorch programs was an internal error ("already borrowed"):
/// the module's attribute table stayed borrowed while the submodule was imported into it.
#[test]
fn from_torch_import_nn_before_import_torch_nn() {
    let out = run("from torch import nn, optim\nprint(nn.Linear(2, 3).weight.shape)");
    assert_eq!(out, Ok("torch.Size([3, 2])\n".to_string()));
}

/// Arguments nt used to accept and ignore are refused by the registry's binding.
#[test]
fn ignored_arguments_are_refused() {
    let e = run("a = np.arange(6)\nnp.add(a, 1, where=a > 2)").unwrap_err();
    assert!(
        e.starts_with("NotImplementedError: np.add(): nt does not implement the argument where="),
        "{e}"
    );
    // Once implemented, an argument does what the library does: `out=` writes through.
    assert_eq!(
        run("a = np.arange(6)\nb = np.clip(a, 1, 3, out=a)\nprint(a, b is a)"),
        Ok("[1 1 2 3 3 3] True\n".to_string())
    );
    let e = run("np.sort(np.arange(3), foo=1)").unwrap_err();
    assert_eq!(e, "TypeError: sort() got an unexpected keyword argument 'foo'");
    assert_eq!(run("print(np.zeros((2, 2), int).dtype)"), Ok("int64\n".to_string()));
}
