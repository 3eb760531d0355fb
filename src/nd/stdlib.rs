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
        "torch.nn.utils",
        "<stdlib>/torch/nn/utils.nt",
        include_str!("../../stdlib/torch/nn/utils.nt"),
    ),
    (
        "torch.utils",
        "<stdlib>/torch/utils/__init__.nt",
        include_str!("../../stdlib/torch/utils/__init__.nt"),
    ),
    (
        "torch.utils.data",
        "<stdlib>/torch/utils/data.nt",
        include_str!("../../stdlib/torch/utils/data.nt"),
    ),
    (
        "torch.autograd._ext",
        "<stdlib>/torch/autograd/_ext.nt",
        include_str!("../../stdlib/torch/autograd/_ext.nt"),
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
    (
        "_regex",
        "<stdlib>/python/_regex.nt",
        include_str!("../../stdlib/python/_regex.nt"),
    ),
    (
        "warnings",
        "<stdlib>/python/warnings.nt",
        include_str!("../../stdlib/python/warnings.nt"),
    ),
    ("os", "<stdlib>/python/os.nt", include_str!("../../stdlib/python/os.nt")),
    (
        "os.path",
        "<stdlib>/python/os_path.nt",
        include_str!("../../stdlib/python/os_path.nt"),
    ),
    (
        "dataclasses",
        "<stdlib>/python/dataclasses.nt",
        include_str!("../../stdlib/python/dataclasses.nt"),
    ),
    (
        "json",
        "<stdlib>/python/json.nt",
        include_str!("../../stdlib/python/json.nt"),
    ),
    (
        "random",
        "<stdlib>/python/random.nt",
        include_str!("../../stdlib/python/random.nt"),
    ),
    (
        "argparse",
        "<stdlib>/python/argparse.nt",
        include_str!("../../stdlib/python/argparse.nt"),
    ),
    (
        "_argparse_actions",
        "<stdlib>/python/_argparse_actions.nt",
        include_str!("../../stdlib/python/_argparse_actions.nt"),
    ),
    (
        "_argparse_help",
        "<stdlib>/python/_argparse_help.nt",
        include_str!("../../stdlib/python/_argparse_help.nt"),
    ),
    (
        "statistics",
        "<stdlib>/python/statistics.nt",
        include_str!("../../stdlib/python/statistics.nt"),
    ),
    (
        "numpy._ext",
        "<stdlib>/numpy/_ext.nt",
        include_str!("../../stdlib/numpy/_ext.nt"),
    ),
    (
        "numpy._stats",
        "<stdlib>/numpy/_stats.nt",
        include_str!("../../stdlib/numpy/_stats.nt"),
    ),
    (
        "numpy._index",
        "<stdlib>/numpy/_index.nt",
        include_str!("../../stdlib/numpy/_index.nt"),
    ),
    (
        "numpy._manip",
        "<stdlib>/numpy/_manip.nt",
        include_str!("../../stdlib/numpy/_manip.nt"),
    ),
    (
        "numpy._math",
        "<stdlib>/numpy/_math.nt",
        include_str!("../../stdlib/numpy/_math.nt"),
    ),
    (
        "numpy._types",
        "<stdlib>/numpy/_types.nt",
        include_str!("../../stdlib/numpy/_types.nt"),
    ),
    (
        "numpy._poly",
        "<stdlib>/numpy/_poly.nt",
        include_str!("../../stdlib/numpy/_poly.nt"),
    ),
    (
        "numpy.random._legacy",
        "<stdlib>/numpy/random/_legacy.nt",
        include_str!("../../stdlib/numpy/random/_legacy.nt"),
    ),
    (
        "torch._funcs",
        "<stdlib>/torch/_funcs.nt",
        include_str!("../../stdlib/torch/_funcs.nt"),
    ),
    (
        "numpy.fft._ext",
        "<stdlib>/numpy/fft/_ext.nt",
        include_str!("../../stdlib/numpy/fft/_ext.nt"),
    ),
    (
        "torch.fft._ext",
        "<stdlib>/torch/fft/_ext.nt",
        include_str!("../../stdlib/torch/fft/_ext.nt"),
    ),
    (
        "numpy.polynomial",
        "<stdlib>/numpy/polynomial/__init__.nt",
        include_str!("../../stdlib/numpy/polynomial/__init__.nt"),
    ),
    (
        "numpy.polynomial.polynomial",
        "<stdlib>/numpy/polynomial/polynomial.nt",
        include_str!("../../stdlib/numpy/polynomial/polynomial.nt"),
    ),
    (
        "numpy.polynomial.polyutils",
        "<stdlib>/numpy/polynomial/polyutils.nt",
        include_str!("../../stdlib/numpy/polynomial/polyutils.nt"),
    ),
    (
        "numpy._ufunc",
        "<stdlib>/numpy/_ufunc.nt",
        include_str!("../../stdlib/numpy/_ufunc.nt"),
    ),
    (
        "numpy._flat",
        "<stdlib>/numpy/_flat.nt",
        include_str!("../../stdlib/numpy/_flat.nt"),
    ),
    (
        "numpy._print",
        "<stdlib>/numpy/_print.nt",
        include_str!("../../stdlib/numpy/_print.nt"),
    ),
    (
        "numpy._flags",
        "<stdlib>/numpy/_flags.nt",
        include_str!("../../stdlib/numpy/_flags.nt"),
    ),
    (
        "numpy._complex",
        "<stdlib>/numpy/_complex.nt",
        include_str!("../../stdlib/numpy/_complex.nt"),
    ),
    (
        "torch._complex",
        "<stdlib>/torch/_complex.nt",
        include_str!("../../stdlib/torch/_complex.nt"),
    ),
    (
        "numpy.random._generator",
        "<stdlib>/numpy/random/_generator.nt",
        include_str!("../../stdlib/numpy/random/_generator.nt"),
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
        "torch._random",
        "<stdlib>/torch/_random.nt",
        include_str!("../../stdlib/torch/_random.nt"),
    ),
    (
        "torch._select",
        "<stdlib>/torch/_select.nt",
        include_str!("../../stdlib/torch/_select.nt"),
    ),
    (
        "torch.nn._act",
        "<stdlib>/torch/nn/_act.nt",
        include_str!("../../stdlib/torch/nn/_act.nt"),
    ),
    (
        "torch.nn.functional._act",
        "<stdlib>/torch/nn/_f_act.nt",
        include_str!("../../stdlib/torch/nn/_f_act.nt"),
    ),
    (
        "torch.nn._loss",
        "<stdlib>/torch/nn/_loss.nt",
        include_str!("../../stdlib/torch/nn/_loss.nt"),
    ),
    (
        "torch.nn.functional._loss",
        "<stdlib>/torch/nn/_f_loss.nt",
        include_str!("../../stdlib/torch/nn/_f_loss.nt"),
    ),
    (
        "torch.nn._layers",
        "<stdlib>/torch/nn/_layers.nt",
        include_str!("../../stdlib/torch/nn/_layers.nt"),
    ),
    (
        "torch.nn.functional._layers",
        "<stdlib>/torch/nn/_f_layers.nt",
        include_str!("../../stdlib/torch/nn/_f_layers.nt"),
    ),
    (
        "torch.nn._conv",
        "<stdlib>/torch/nn/_conv.nt",
        include_str!("../../stdlib/torch/nn/_conv.nt"),
    ),
    (
        "torch.nn.functional._conv",
        "<stdlib>/torch/nn/_f_conv.nt",
        include_str!("../../stdlib/torch/nn/_f_conv.nt"),
    ),
    (
        "torch.optim._more",
        "<stdlib>/torch/_optim_more.nt",
        include_str!("../../stdlib/torch/_optim_more.nt"),
    ),
    (
        "torch.optim.lr_scheduler",
        "<stdlib>/torch/lr_scheduler.nt",
        include_str!("../../stdlib/torch/lr_scheduler.nt"),
    ),
    (
        "torch._grad",
        "<stdlib>/torch/_grad.nt",
        include_str!("../../stdlib/torch/_grad.nt"),
    ),
    (
        "torch._more",
        "<stdlib>/torch/_more.nt",
        include_str!("../../stdlib/torch/_more.nt"),
    ),
    (
        "torch.nn._rnn",
        "<stdlib>/torch/nn/_rnn.nt",
        include_str!("../../stdlib/torch/nn/_rnn.nt"),
    ),
    (
        "torch.nn._transformer",
        "<stdlib>/torch/nn/_transformer.nt",
        include_str!("../../stdlib/torch/nn/_transformer.nt"),
    ),
    (
        "torch.nn.functional._attn",
        "<stdlib>/torch/nn/_f_attn.nt",
        include_str!("../../stdlib/torch/nn/_f_attn.nt"),
    ),
    (
        "torch.linalg._ext",
        "<stdlib>/torch/linalg/_ext.nt",
        include_str!("../../stdlib/torch/linalg/_ext.nt"),
    ),
];

/// The private stdlib modules whose functions a module shows as its own: `numpy._ext`
/// first, then `numpy._stats`, `numpy._index`, … in the order listed above.
pub fn private_parts(parent: &str) -> Vec<&'static str> {
    let ext = |n: &str| {
        n.strip_prefix(parent)
            .and_then(|r| r.strip_prefix("._"))
            .is_some_and(|r| !r.contains('.'))
    };
    let mut parts: Vec<&'static str> = MODULES.iter().map(|m| m.0).filter(|n| ext(n)).collect();
    parts.sort_by_key(|n| !n.ends_with("._ext"));
    parts
}

/// The stdlib module shown as `file` (`<stdlib>/python/os.nt` → `os`).
pub fn module_of_file(file: &str) -> Option<&'static str> {
    MODULES.iter().find(|m| m.1 == file).map(|m| m.0)
}

/// The shown name and source of a stdlib module.
///
/// For developing the stdlib without rebuilding: with `NT_STDLIB_DIR` set to a `stdlib/`
/// folder, a module's source is read from there (each module once per process) instead of
/// the copy embedded at build time.
pub fn source(name: &str) -> Option<(&'static str, &'static str)> {
    let (_, shown, embedded) = MODULES.iter().find(|m| m.0 == name)?;
    if let Some(dir) = std::env::var_os("NT_STDLIB_DIR") {
        use std::sync::Mutex;
        static READ: Mutex<Vec<(&'static str, &'static str)>> = Mutex::new(Vec::new());
        let mut read = READ.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&(_, src)) = read.iter().find(|r| r.0 == *shown) {
            return Some((shown, src));
        }
        let path = std::path::Path::new(&dir).join(shown.trim_start_matches("<stdlib>/"));
        if let Ok(text) = std::fs::read_to_string(path) {
            let src: &'static str = Box::leak(text.into_boxed_str());
            read.push((shown, src));
            return Some((shown, src));
        }
    }
    Some((shown, embedded))
}
