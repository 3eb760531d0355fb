//! The evaluator's side of `stdlib/` (the modules written in nt, listed in
//! `nd::stdlib`): where their errors are reported, and `_nt`, the few primitives they are
//! written with.

use super::Interp;
use super::builtins::no_kw;
use crate::error::{Res, exc, type_error};
use crate::syntax::symbol::Sym;
use crate::value::{Args, Builtin, Value};
use rustc_hash::FxHashMap;

impl Interp {
    /// `_nt`, the primitives stdlib is written with, is importable only from stdlib:
    /// elsewhere it does not exist (its functions skip the checks user code gets).
    pub fn check_importable(&self, path: &[Sym], at: usize) -> Res<()> {
        if path.first().is_some_and(|p| p.as_str() == "_nt") && !is_stdlib(self, at) {
            let name: Vec<&str> = path.iter().map(|s| s.as_str()).collect();
            return Err(exc(
                "ModuleNotFoundError",
                format!("No module named '{}'", name.join(".")),
            ));
        }
        Ok(())
    }
}

/// Whether a span's source is a stdlib module: errors raised inside one are reported at
/// the user's call instead.
pub fn is_stdlib(interp: &Interp, offset: usize) -> bool {
    interp
        .sources
        .find(offset)
        .is_some_and(|s| s.name.starts_with("<stdlib>/"))
}

/// `_nt.caller(depth)`: where the code `depth` compiled frames out from the one calling
/// this is (1: the line calling the current function), as `(filename, lineno, module)`:
/// CPython's `co_filename` (a script's path made absolute, `<stdin>`, `<string>`, stdlib
/// files' shown names), the line of the call, and the module's `__name__`. `None` past the
/// outermost frame (or at a module's top level, where nt keeps no importing frame).
fn caller(interp: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "caller")?;
    let depth = match args.pos.as_slice() {
        [Value::Int(d)] if *d >= 1 => *d as usize,
        _ => return Err(type_error("_nt.caller(depth): depth must be an int >= 1")),
    };
    let n = interp.call_sites.len();
    let Some(Some(site)) = n.checked_sub(depth).map(|i| interp.call_sites[i]) else {
        return Ok(Value::None);
    };
    let Some(src) = interp.sources.find(site.start) else {
        return Ok(Value::None);
    };
    let at = site.start.saturating_sub(src.base).min(src.text.len());
    let line = src.text.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let name = src.name.clone();
    let module = if let Some(m) = crate::nd::stdlib::module_of_file(&name) {
        m.to_string()
    } else if name.starts_with('<') || interp.argv.first().is_some_and(|a| *a == name) {
        "__main__".to_string()
    } else {
        std::path::Path::new(&name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "__main__".to_string())
    };
    let file = if name.starts_with('<') || std::path::Path::new(&name).is_absolute() {
        name
    } else {
        let cwd = interp.cwd.clone().or_else(|| std::env::current_dir().ok());
        cwd.map(|d| format!("{}/{name}", d.display())).unwrap_or(name)
    };
    Ok(Value::tuple(vec![
        Value::str(&file),
        Value::Int(line as i64),
        Value::str(&module),
    ]))
}

/// `_nt.named(t, 'GeluBackward0')`: `t` with a `grad_fn` of PyTorch's name for a
/// function stdlib composes from primitives (gradients pass through unchanged).
fn named(_: &mut Interp, args: Args) -> Res<Value> {
    no_kw(&args, "named")?;
    let [t, Value::Str(name)] = &args.pos[..] else {
        return Err(type_error("_nt.named(tensor, name)"));
    };
    let Value::Tensor(tt) = t else { return Ok(t.clone()) };
    if tt.grad_fn.borrow().is_none() {
        return Ok(t.clone());
    }
    let name = intern(name);
    Ok(crate::nd::record::record(
        t.clone(),
        name,
        crate::tensor::autograd::Rule::Add,
        &[t],
    ))
}

/// A `&'static str` for each distinct name (a handful of `grad_fn` names).
fn intern(s: &str) -> &'static str {
    thread_local! {
        static NAMES: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    NAMES.with(|n| {
        let mut n = n.borrow_mut();
        if let Some(&x) = n.iter().find(|&&x| x == s) {
            return x;
        }
        let x: &'static str = Box::leak(s.to_owned().into_boxed_str());
        n.push(x);
        x
    })
}

/// `_nt.error('ValueError', msg)`: raises, as `raise ValueError(msg)` would.
fn error(_: &mut Interp, args: Args) -> Res<Value> {
    let [Value::Str(kind), msg] = &args.pos[..] else {
        return Err(type_error("_nt.error(kind, message)"));
    };
    const KINDS: &[&str] = &[
        "ValueError",
        "TypeError",
        "RuntimeError",
        "IndexError",
        "KeyError",
        "NotImplementedError",
        "ZeroDivisionError",
        "OverflowError",
        "numpy.exceptions.AxisError",
        "numpy._core._exceptions._UFuncNoLoopError",
        "numpy.linalg.LinAlgError",
    ];
    let kind = KINDS
        .iter()
        .find(|k| **k == &**kind)
        .ok_or_else(|| type_error(format!("_nt.error: unknown kind {kind}")))?;
    Err(exc(kind, crate::value::repr::str_of(msg)))
}

/// `_nt.cls(name, module, base, methods)`: a class.
fn cls(_: &mut Interp, args: Args) -> Res<Value> {
    super::classes::make_class(&args)
}

/// `_nt.parameter(t)`: marks a leaf tensor as an `nn.Parameter`.
fn parameter(_: &mut Interp, args: Args) -> Res<Value> {
    match args.pos.first() {
        Some(v @ Value::Tensor(t)) => {
            t.param.set(true);
            Ok(v.clone())
        }
        _ => Err(type_error("_nt.parameter(tensor)")),
    }
}

/// `_nt.is_instance(obj, 'Module')`: whether an object's class is or derives from it.
fn is_instance(_: &mut Interp, args: Args) -> Res<Value> {
    match &args.pos[..] {
        [Value::Object(o), Value::Str(name)] => Ok(Value::Bool(o.class.is_a(name))),
        [_, _] => Ok(Value::Bool(false)),
        _ => Err(type_error("_nt.is_instance(obj, name)")),
    }
}

/// `_nt.is_object(x)`: whether `x` is an instance of a class (for `copy`).
fn is_object(_: &mut Interp, args: Args) -> Res<Value> {
    Ok(Value::Bool(matches!(args.pos.first(), Some(Value::Object(_)))))
}

/// `_nt.clone_object(x, None)`: a new instance of `x`'s class with the same attributes.
fn clone_object(_: &mut Interp, args: Args) -> Res<Value> {
    match args.pos.first() {
        Some(Value::Object(o)) => Ok(crate::value::Object::new(o.class.clone(), o.attrs.borrow().clone())),
        _ => Err(type_error("_nt.clone_object(obj, None)")),
    }
}

/// `_nt.object_attrs(x)`: the instance attributes, as (name, value) pairs.
fn object_attrs(_: &mut Interp, args: Args) -> Res<Value> {
    match args.pos.first() {
        Some(Value::Object(o)) => Ok(Value::list(
            o.attrs
                .borrow()
                .iter()
                .map(|(k, v)| Value::tuple(vec![Value::Str(k.as_str().into()), v.clone()]))
                .collect(),
        )),
        _ => Err(type_error("_nt.object_attrs(obj)")),
    }
}

/// `_nt.own_attr(cls, name, default)`: an attribute the class itself defines (not one
/// it inherits), for `dataclasses`.
fn own_attr(_: &mut Interp, args: Args) -> Res<Value> {
    match &args.pos[..] {
        [Value::Class(c), Value::Str(name), default] => Ok(c
            .methods
            .borrow()
            .get(&crate::syntax::symbol::Sym::new(name))
            .cloned()
            .unwrap_or_else(|| default.clone())),
        _ => Err(type_error("_nt.own_attr(cls, name, default)")),
    }
}

/// `_nt.del_class_attr(cls, name)`: removes a class attribute (a dataclass field
/// without a default leaves none behind).
fn del_class_attr(_: &mut Interp, args: Args) -> Res<Value> {
    match &args.pos[..] {
        [Value::Class(c), Value::Str(name)] => {
            c.methods.borrow_mut().remove(&crate::syntax::symbol::Sym::new(name));
            Ok(Value::None)
        }
        _ => Err(type_error("_nt.del_class_attr(cls, name)")),
    }
}

static NT: &[Builtin] = &[
    Builtin {
        name: "write_bytes",
        f: crate::nd::checkpoint::write_bytes,
    },
    Builtin {
        name: "safetensors_bytes",
        f: crate::nd::safetensors_file::safetensors_bytes,
    },
    Builtin {
        name: "safetensors_tensors",
        f: crate::nd::safetensors_file::safetensors_tensors,
    },
    Builtin {
        name: "zip_members",
        f: crate::nd::checkpoint::zip_members,
    },
    Builtin {
        name: "zip_bytes",
        f: crate::nd::checkpoint::zip_bytes,
    },
    Builtin {
        name: "zip_write",
        f: crate::nd::checkpoint::zip_write,
    },
    Builtin {
        name: "tensor_bytes",
        f: crate::nd::checkpoint::tensor_bytes,
    },
    Builtin {
        name: "storage_tensor",
        f: crate::nd::checkpoint::storage_tensor,
    },
    Builtin {
        name: "storage_view",
        f: crate::nd::checkpoint::storage_view,
    },
    Builtin {
        name: "is_parameter",
        f: crate::nd::checkpoint::is_parameter,
    },
    Builtin {
        name: "float_pack",
        f: crate::nd::checkpoint::float_pack,
    },
    Builtin {
        name: "float_unpack",
        f: crate::nd::checkpoint::float_unpack,
    },
    Builtin {
        name: "own_attr",
        f: own_attr,
    },
    Builtin {
        name: "del_class_attr",
        f: del_class_attr,
    },
    Builtin {
        name: "custom_grad",
        f: crate::nd::custom_fn::custom_grad,
    },
    Builtin {
        name: "take_flat",
        f: crate::nd::select::take_flat,
    },
    Builtin {
        name: "max_pool",
        f: crate::nd::windows::max_pool,
    },
    Builtin {
        name: "torch_pick",
        f: crate::nd::select::torch_pick,
    },
    Builtin {
        name: "im2col",
        f: crate::nd::windows::im2col,
    },
    Builtin {
        name: "col2im",
        f: crate::nd::windows::col2im,
    },
    Builtin {
        name: "set_grad_enabled",
        f: crate::nd::grad_mode::set_grad_mode,
    },
    Builtin {
        name: "print_options",
        f: crate::nd::print::print_options,
    },
    Builtin {
        name: "np_random_state",
        f: crate::nd::random::np_random_state,
    },
    Builtin {
        name: "np_random_set_state",
        f: crate::nd::random::np_random_set_state,
    },
    Builtin {
        name: "torch_rng_state",
        f: crate::nd::random::torch_rng_state,
    },
    Builtin {
        name: "torch_set_rng_state",
        f: crate::nd::random::torch_set_rng_state,
    },
    Builtin {
        name: "addcmul",
        f: addcmul_kernel,
    },
    Builtin {
        name: "mt_randperm",
        f: crate::nd::random::mt_randperm,
    },
    Builtin {
        name: "lstm_layer",
        f: crate::nd::rnn::lstm_layer,
    },
    Builtin {
        name: "window_argmax",
        f: crate::nd::windows::window_argmax,
    },
    Builtin {
        name: "keep_where",
        f: crate::nd::select::keep_where,
    },
    Builtin {
        name: "scatter_flat",
        f: crate::nd::select::scatter_flat,
    },
    Builtin {
        name: "named",
        f: crate::nd::select::named,
    },
    Builtin {
        name: "make_complex",
        f: crate::nd::complex::make_complex,
    },
    Builtin {
        name: "complex_parts",
        f: crate::nd::complex::complex_parts,
    },
    Builtin {
        name: "fft_last",
        f: crate::nd::complex::fft_last,
    },
    Builtin {
        name: "pcg64_seed",
        f: crate::nd::generator::pcg64_seed,
    },
    Builtin {
        name: "pcg64_draw",
        f: crate::nd::generator::pcg64_draw,
    },
    Builtin {
        name: "torch_threads",
        f: crate::nd::complex::torch_threads,
    },
    Builtin {
        name: "rfft_last",
        f: crate::nd::complex::rfft_last,
    },
    Builtin {
        name: "irfft_last",
        f: crate::nd::complex::irfft_last,
    },
    Builtin {
        name: "decomp",
        f: crate::nd::decomp::decomp,
    },
    Builtin {
        name: "argv",
        f: super::stdlib_os::argv,
    },
    Builtin {
        name: "sys_path",
        f: super::stdlib_os::sys_path,
    },
    Builtin {
        name: "stream_write",
        f: super::stdlib_os::stream_write,
    },
    Builtin {
        name: "environ",
        f: super::stdlib_os::environ,
    },
    Builtin {
        name: "fs",
        f: super::stdlib_os::fs,
    },
    Builtin {
        name: "fs2",
        f: super::stdlib_os::fs2,
    },
    Builtin {
        name: "caller",
        f: caller,
    },
    Builtin {
        name: "read_text",
        f: super::stdlib_files::read_text,
    },
    Builtin {
        name: "read_bytes",
        f: super::stdlib_files::read_bytes,
    },
    Builtin {
        name: "file_open",
        f: super::stdlib_files::file_open,
    },
    Builtin {
        name: "file_write",
        f: super::stdlib_files::file_write,
    },
    Builtin {
        name: "file_close",
        f: super::stdlib_files::file_close,
    },
    Builtin {
        name: "raise_unsupported",
        f: super::stdlib_files::raise_unsupported,
    },
    Builtin {
        name: "is_object",
        f: is_object,
    },
    Builtin {
        name: "clone_object",
        f: clone_object,
    },
    Builtin {
        name: "object_attrs",
        f: object_attrs,
    },
    Builtin {
        name: "named",
        f: named,
    },
    Builtin {
        name: "error",
        f: error,
    },
    Builtin { name: "cls", f: cls },
    Builtin {
        name: "parameter",
        f: parameter,
    },
    Builtin {
        name: "is_instance",
        f: is_instance,
    },
    Builtin {
        name: "torch_act",
        f: crate::nd::torch_kernels::torch_act,
    },
    Builtin {
        name: "torch_act_backward",
        f: crate::nd::torch_kernels::torch_act_backward,
    },
    Builtin {
        name: "torch_softmax",
        f: crate::nd::torch_kernels::torch_softmax,
    },
    Builtin {
        name: "torch_softmax_backward",
        f: crate::nd::torch_kernels::torch_softmax_backward,
    },
    Builtin {
        name: "torch_nll_loss",
        f: crate::nd::torch_kernels::torch_nll_loss,
    },
    Builtin {
        name: "torch_gen_new",
        f: crate::nd::torch_gen::torch_gen_new,
    },
    Builtin {
        name: "with_torch_gen",
        f: crate::nd::torch_gen::with_torch_gen,
    },
    Builtin {
        name: "mt_new",
        f: super::stdlib_random::mt_new,
    },
    Builtin {
        name: "mt_seed",
        f: super::stdlib_random::mt_seed,
    },
    Builtin {
        name: "mt_random",
        f: super::stdlib_random::mt_random,
    },
    Builtin {
        name: "mt_bits",
        f: super::stdlib_random::mt_bits,
    },
];

pub fn nt_attrs() -> FxHashMap<Sym, Value> {
    NT.iter()
        .chain(crate::plot::BUILTINS)
        .map(|b| (Sym::new(b.name), Value::Builtin(b)))
        .collect()
}

/// `_nt.addcmul(input, t1, t2, value)`: PyTorch's float kernel (`fma(value·t1, t2,
/// input)`, rounded once), for `torch.addcmul` in `torch/_ext.nt`, which does the
/// argument checks and dtype rules.
fn addcmul_kernel(_: &mut Interp, mut args: Args) -> Res<Value> {
    no_kw(&args, "addcmul")?;
    if args.pos.len() != 4 {
        return Err(type_error("_nt.addcmul(input, tensor1, tensor2, value)"));
    }
    let input = args.pos.remove(0);
    let value = args.pos.pop().unwrap_or(Value::Int(1));
    let call = Args {
        pos: args.pos,
        kw: vec![(crate::sym!("value"), value)],
    };
    crate::nd::compound::call(&input, "addcmul", call)
}
