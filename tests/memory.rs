//! Ending a session frees what it allocated: parsers, imported stdlib modules, classes
//! and their instances, autograd graphs. (Each parse once leaked ~8 KB, chumsky's
//! `Recursive::declare` cycles; each `import torch.nn` ~150 KB.)

use nt::repl::session::{Session, SharedBuf};

fn resident_kb() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse::<u64>().ok()))
        .map_or(0, |pages| pages * 4)
}

const PROGRAM: &str = "import torch.nn as nn\n\
import torch.nn.functional as F\n\
model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))\n\
x = tensor([[1.0, -2.0], [0.5, 3.0]], requires_grad=True)\n\
loss = F.mse_loss(model(x), zeros(2, 1))\n\
loss.backward()\n\
def f(v):\n    return [w * 2 for w in v]\n\
y = f([1, 2, 3])\n\
zeros(3) + zeros(4)\n\
np.einsum('ij->j', np.ones((2, 2)))\n";

fn sessions(n: usize) {
    for _ in 0..n {
        let mut s = Session::new(Box::new(SharedBuf::default()));
        let _ = s.eval(PROGRAM);
        let _ = s.eval("y = f(x.detach().numpy().ravel())");
    }
}

#[test]
fn sessions_leave_nothing_behind() {
    // The first sessions fill caches and pools that later ones reuse.
    sessions(10);
    let before = resident_kb();
    sessions(60);
    let grown = resident_kb().saturating_sub(before);
    // Before the fixes this grew by ~15 MB; allocator slack stays well under 2 MB.
    assert!(grown < 2048, "60 sessions grew resident memory by {grown} KB");
}
