//! `stdlib/`: the NumPy/PyTorch modules written in nt and embedded in the binary
//! (`torch.nn.functional`, `torch.nn`, `torch.optim`, the `_ext` modules); the evaluator
//! imports them by name.

/// Module name → (file shown in reports, source).
const MODULES: &[(&str, &str, &str)] = &[
    (
        "torch.nn.functional",
        "<stdlib>/torch/nn/functional.nt",
        include_str!("../../stdlib/torch/nn/functional.nt"),
    ),
    (
        "torch.nn.init",
        "<stdlib>/torch/nn/init.nt",
        include_str!("../../stdlib/torch/nn/init.nt"),
    ),
    (
        "torch.nn",
        "<stdlib>/torch/nn/__init__.nt",
        include_str!("../../stdlib/torch/nn/__init__.nt"),
    ),
    (
        "torch.optim",
        "<stdlib>/torch/optim.nt",
        include_str!("../../stdlib/torch/optim.nt"),
    ),
    (
        "itertools",
        "<stdlib>/python/itertools.nt",
        include_str!("../../stdlib/python/itertools.nt"),
    ),
    (
        "functools",
        "<stdlib>/python/functools.nt",
        include_str!("../../stdlib/python/functools.nt"),
    ),
    (
        "collections",
        "<stdlib>/python/collections.nt",
        include_str!("../../stdlib/python/collections.nt"),
    ),
    (
        "operator",
        "<stdlib>/python/operator.nt",
        include_str!("../../stdlib/python/operator.nt"),
    ),
    (
        "copy",
        "<stdlib>/python/copy.nt",
        include_str!("../../stdlib/python/copy.nt"),
    ),
    (
        "string",
        "<stdlib>/python/string.nt",
        include_str!("../../stdlib/python/string.nt"),
    ),
    (
        "typing",
        "<stdlib>/python/typing.nt",
        include_str!("../../stdlib/python/typing.nt"),
    ),
    (
        "_io",
        "<stdlib>/python/_io.nt",
        include_str!("../../stdlib/python/_io.nt"),
    ),
    (
        "sys",
        "<stdlib>/python/sys.nt",
        include_str!("../../stdlib/python/sys.nt"),
    ),
    ("os", "<stdlib>/python/os.nt", include_str!("../../stdlib/python/os.nt")),
    (
        "os.path",
        "<stdlib>/python/os_path.nt",
        include_str!("../../stdlib/python/os_path.nt"),
    ),
    (
        "random",
        "<stdlib>/python/random.nt",
        include_str!("../../stdlib/python/random.nt"),
    ),
    (
        "numpy._ext",
        "<stdlib>/numpy/_ext.nt",
        include_str!("../../stdlib/numpy/_ext.nt"),
    ),
    (
        "numpy.linalg._ext",
        "<stdlib>/numpy/linalg/_ext.nt",
        include_str!("../../stdlib/numpy/linalg/_ext.nt"),
    ),
    (
        "torch._ext",
        "<stdlib>/torch/_ext.nt",
        include_str!("../../stdlib/torch/_ext.nt"),
    ),
    (
        "torch.linalg._ext",
        "<stdlib>/torch/linalg/_ext.nt",
        include_str!("../../stdlib/torch/linalg/_ext.nt"),
    ),
];

/// The shown name and source of a stdlib module.
pub fn source(name: &str) -> Option<(&'static str, &'static str)> {
    MODULES.iter().find(|m| m.0 == name).map(|m| (m.1, m.2))
}
