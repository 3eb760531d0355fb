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

/// `nn.LSTM` without a gradient runs its recurrence in one call (`_nt.lstm_layer`, the
/// input's bias added inside it, the batch's halves on two threads): the same bits as the
/// op-by-op layer it replaces, with and without biases, in float32 and float64, for
/// hidden sizes with and without a scalar tail and batches that split and do not.
#[test]
fn lstm_without_grad_is_the_op_by_op_layer_bit_for_bit() {
    let src = "
import torch
import torch.nn as nn
ok = []
for dt in (torch.float32, torch.float64):
    for bias in (True, False):
        for hid, n in ((7, 3), (16, 16), (64, 16), (20, 40)):
            _ = torch.manual_seed(hid + n)
            m = nn.LSTM(5, hid, num_layers=2, bias=bias).to(dt)
            x = torch.randn(6, n, 5, dtype=dt)
            y, (h, c) = m(x)
            with torch.no_grad():
                y2, (h2, c2) = m(x)
            ok.append(torch.equal(y, y2) and torch.equal(h, h2) and torch.equal(c, c2) and y.requires_grad and not y2.requires_grad)
print(len(ok), all(ok))
";
    assert_eq!(run(src), Ok("16 True\n".to_string()));
}
