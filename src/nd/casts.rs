//! Tensor and array conversions reached as methods: `.to(dtype/device)`, `.float()`,
//! `.double()` and the other dtype casts (with their gradient), `.tolist()`.

use super::funcs::dtype_arg;
use super::ops::{cast, run};
use super::result;
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::error::Res;
use crate::interp::builtins::kwarg;
use crate::ir::Op;
use crate::value::{Args, DKind, Lib, Value};

pub(super) fn to_dtype(lib: Lib, v: &Value, a: &NdArray, d: DType) -> Res<Value> {
    if lib == Lib::Torch && d == a.dtype {
        // PyTorch's `.to()`/`.float()` return the tensor itself when nothing changes.
        return Ok(v.clone());
    }
    copy_to(lib, v, a, d)
}

/// A new tensor (or array) of dtype `d` holding `a`'s values.
fn copy_to(lib: Lib, v: &Value, a: &NdArray, d: DType) -> Res<Value> {
    let r = result(lib, cast(&run(Op::Copy, &[a])?, d)?);
    // A float copy keeps the gradient (cast back to the input's dtype); an integer or
    // bool copy cannot require grad, as in PyTorch.
    if lib == Lib::Torch && (d.is_float() || d.is_complex()) {
        return Ok(super::record::record(
            r,
            "ToCopyBackward0",
            crate::tensor::autograd::Rule::ToDtype(a.dtype),
            &[v],
        ));
    }
    Ok(r)
}

/// Python lists (nested) of the elements: `.tolist()`.
pub(super) fn tolist(a: &NdArray) -> Res<Value> {
    if a.ndim() == 0 {
        return Ok(super::item(a));
    }
    // Every element becomes a Python value (a broadcast view may hold few distinct ones).
    crate::error::check_items(a.numel(), std::mem::size_of::<Value>())?;
    let items = (0..a.shape()[0])
        .map(|i| tolist(&a.view(a.layout.select(0, i))))
        .collect::<Res<Vec<_>>>()?;
    Ok(Value::list(items))
}

/// `t.to(device)`, `t.to(dtype)`, `t.to(device, dtype)`, `t.to(other)` and their keywords;
/// `copy=True` (or the fourth positional, after `non_blocking`) always makes a new tensor.
pub(super) fn to(lib: Lib, v: &Value, a: &NdArray, first: Option<Value>, mut args: Args) -> Res<Value> {
    let mut device = kwarg(&mut args, "device");
    let mut dtype = kwarg(&mut args, "dtype");
    let mut flags = vec![kwarg(&mut args, "non_blocking"), kwarg(&mut args, "copy")];
    let mut positional: Vec<Value> = args.pos.clone();
    if let Some(f) = first {
        if positional.first().is_none_or(|p| !p.is(&f)) {
            positional.insert(0, f);
        }
    }
    for p in positional {
        match &p {
            Value::Tensor(t) => {
                dtype = Some(Value::DType(t.data().dtype, DKind::Torch));
                device = Some(super::device::of(&t.data()));
            }
            Value::Str(_) | Value::Named(_) => device = Some(p.clone()),
            // `non_blocking` then `copy`, after the device and dtype.
            Value::Bool(_) => match flags.iter_mut().find(|f| f.is_none()) {
                Some(f) => *f = Some(p.clone()),
                None => return Err(crate::error::type_error("to() received too many positional arguments")),
            },
            _ => dtype = Some(p.clone()),
        }
    }
    let copy = flags[1].as_ref().is_some_and(Value::truthy);
    let mut out = v.clone();
    if let Some(d) = dtype.as_ref().map(dtype_arg).transpose()?.flatten()
        && d != a.dtype
    {
        out = to_dtype(lib, v, a, d)?;
    }
    if let Some(dev) = device
        && let Some(gpu) = super::device::parse(&dev)?
    {
        out = super::device::move_tensor(&out, gpu)?;
    }
    if copy && out.is(v) {
        out = copy_to(lib, v, a, a.dtype)?;
    }
    Ok(out)
}

/// The dtype of a legacy tensor type name, for `t.type('torch.DoubleTensor')`;
/// `torch.cuda.*` names are refused (nt's gpu is not CUDA).
pub fn legacy_type(name: &str) -> Res<DType> {
    if name.starts_with("torch.cuda.") {
        return Err(crate::error::exc(
            "NotImplementedError",
            format!("t.type('{name}'): nt has no CUDA tensor types; use t.to('cuda', dtype)"),
        ));
    }
    let base = name.strip_prefix("torch.").and_then(|n| n.strip_suffix("Tensor"));
    [
        DType::Bool,
        DType::I8,
        DType::I16,
        DType::I32,
        DType::I64,
        DType::U8,
        DType::F16,
        DType::BF16,
        DType::F32,
        DType::F64,
    ]
    .into_iter()
    .find(|d| Some(d.torch_scalar_name()) == base)
    .ok_or_else(|| crate::error::exc("ValueError", format!("invalid type: '{name}'")))
}
