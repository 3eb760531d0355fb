//! Issue 17: host algorithms on gpu tensors (`sort`, `topk`, boolean-mask indexing,
//! `tolist`, index arrays) read the tensor back once, not once per element: at 20,000
//! elements they took 18–38 s on lavapipe (one download per element), now tens of
//! milliseconds. Counted, not timed: the device's downloads per operation.

mod common;

#[test]
fn host_algorithms_read_a_gpu_tensor_once() {
    if !common::reference::gpu_present("gpu_transfers") {
        return;
    }
    let counts = common::big_stack(|| {
        let buf = nt::repl::session::SharedBuf::default();
        let mut s = nt::repl::session::Session::new(Box::new(buf.clone()));
        s.eval("t = torch.rand(5000, device='gpu')\ni = torch.arange(0, 5000, 7, device='gpu')")
            .map_err(|d| d.headline())
            .expect("setup");
        let mut counts = Vec::new();
        for code in [
            "s = torch.sort(t)",
            "k = torch.topk(t, 5)",
            "m = t[t > 0.5]",
            "l = t.tolist()",
            "g = t[i]",
        ] {
            let before = nt::backend::wgpu::downloads();
            s.eval(code).map_err(|d| d.headline()).expect(code);
            counts.push((code, nt::backend::wgpu::downloads() - before));
        }
        counts
    });
    for (code, n) in counts {
        assert!(n <= 4, "{code}: {n} downloads");
    }
}
