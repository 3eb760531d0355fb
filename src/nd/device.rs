//! Devices: where a tensor's elements live. `cpu`, or `gpu` (the wgpu adapter);
//! `cuda`, `cuda:0` and `mps` are accepted as aliases so pasted PyTorch code runs, and
//! the gpu is shown by the name the program last asked for it by (`device='cuda:0'`
//! after `.to('cuda')`, as PyTorch prints it).

use crate::array::NdArray;
use crate::error::{Res, exc};
use crate::interp::Interp;
use crate::value::{Args, Lib, Named, Tensor, Value};
use std::cell::Cell;
use std::rc::Rc;

pub use crate::tensor::device::{available_or_error, move_array, on_gpu};

thread_local! {
    /// `torch.set_default_device("gpu")` / `nt --device gpu`.
    static DEFAULT_GPU: Cell<bool> = const { Cell::new(false) };
    /// The name the program last asked for the gpu by: `gpu`, `cuda` or `mps`.
    static GPU_NAME: Cell<&'static str> = const { Cell::new("gpu") };
}

/// The gpu's type as `t.device` shows it and tensors print it: the name the program
/// last moved or made a tensor with (`cuda`, `mps` or nt's own `gpu`).
pub fn gpu_name() -> &'static str {
    GPU_NAME.with(Cell::get)
}

/// Remembers the name a device argument used for the gpu.
pub fn note_gpu_name(kind: &str) {
    let name = match kind {
        "cuda" => "cuda",
        "mps" => "mps",
        _ => "gpu",
    };
    GPU_NAME.with(|n| n.set(name));
}

pub fn default_gpu() -> bool {
    DEFAULT_GPU.with(Cell::get)
}

/// Sets the default device for new tensors; `gpu` needs a working adapter.
pub fn set_default(gpu: bool) -> Res<()> {
    if gpu {
        available_or_error()?;
    }
    DEFAULT_GPU.with(|d| d.set(gpu));
    Ok(())
}

/// Whether a gpu adapter exists (`torch.cuda.is_available()`).
pub fn available() -> bool {
    #[cfg(feature = "gpu")]
    {
        crate::realise::device::available()
    }
    #[cfg(not(feature = "gpu"))]
    {
        false
    }
}

/// `torch.cuda.is_available()`: a hardware adapter, or a software one with
/// `NT_SOFTWARE_GPU=1` (see `backend::wgpu::context::offered`).
pub fn offered() -> bool {
    #[cfg(feature = "gpu")]
    {
        crate::realise::device::offered()
    }
    #[cfg(not(feature = "gpu"))]
    {
        false
    }
}

/// `torch.cuda.get_device_name()`: the wgpu adapter, e.g.
/// `llvmpipe (LLVM 15.0.6, 256 bits) (Vulkan)`.
pub fn adapter_name() -> Res<String> {
    available_or_error()?;
    #[cfg(feature = "gpu")]
    {
        crate::realise::device::adapter().map_err(|e| exc("RuntimeError", e))
    }
    #[cfg(not(feature = "gpu"))]
    {
        Ok(String::new())
    }
}

/// `torch.cuda.synchronize()`: waits until the gpu has finished all submitted work.
pub fn synchronize() -> Res<()> {
    available_or_error()?;
    #[cfg(feature = "gpu")]
    {
        crate::realise::device::synchronize().map_err(|e| exc("RuntimeError", e))
    }
    #[cfg(not(feature = "gpu"))]
    {
        Ok(())
    }
}

/// A device argument: `"cpu"`, `"gpu"`, `"cuda:0"`, `torch.device(...)`; `None` for
/// `device=None`. Returns whether it is the gpu.
pub fn parse(v: &Value) -> Res<Option<bool>> {
    let s = match v {
        Value::None => return Ok(None),
        Value::Str(s) => s.to_string(),
        Value::Named(n) if n.type_name == "device" => match n.fields.first() {
            Some((_, Value::Str(t))) => t.to_string(),
            _ => return Err(exc("RuntimeError", "bad device")),
        },
        other => {
            return Err(exc(
                "TypeError",
                format!(
                    "to() received an invalid combination of arguments - got ({})",
                    other.type_name()
                ),
            ));
        }
    };
    let (kind, index) = match s.split_once(':') {
        Some((k, i)) => (k.to_string(), Some(i.to_string())),
        None => (s.clone(), None),
    };
    match kind.as_str() {
        "cpu" => Ok(Some(false)),
        "gpu" | "cuda" | "mps" => {
            if let Some(i) = index
                && i != "0"
            {
                return Err(exc(
                    "RuntimeError",
                    format!("nt has one gpu device (gpu:0); there is no {s}"),
                ));
            }
            available_or_error()?;
            note_gpu_name(&kind);
            Ok(Some(true))
        }
        _ => Err(exc(
            "RuntimeError",
            format!(
                "Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, maia, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone device type at start of device string: {s}"
            ),
        )),
    }
}

/// `torch.device("gpu")`: prints `device(type='gpu', index=0)`; `torch.device("cuda")`
/// keeps its name (the same device).
/// `torch.device("cuda")`, `torch.device("cuda", 0)`, `torch.device(type="cpu", index=None)`.
fn device_call(mut args: Args) -> Res<Value> {
    let ty = crate::interp::builtins::kwarg(&mut args, "type");
    let index = crate::interp::builtins::kwarg(&mut args, "index");
    if let Some((k, _)) = args.kw.first() {
        return Err(crate::error::type_error(format!(
            "device() got an unexpected keyword argument '{k}'"
        )));
    }
    let got: Vec<&str> = args.pos.iter().map(Value::type_name).collect();
    let invalid = move || {
        crate::error::type_error(format!(
            "device() received an invalid combination of arguments - got ({}), but expected one of:\n * (torch.device device)\n * (str type, int index = -1)\n",
            got.join(", ")
        ))
    };
    if ty.is_none() && args.pos.is_empty() || args.pos.len() > 2 {
        return Err(invalid());
    }
    let mut pos = args.pos.into_iter();
    let Some(ty) = ty.or_else(|| pos.next()) else {
        return Err(crate::nd::internal("device type"));
    };
    let index = index.or_else(|| pos.next()).filter(|i| !matches!(i, Value::None));
    match (index, &ty) {
        (None, _) => device_value(&ty),
        (Some(i), Value::Str(s)) if !s.contains(':') => {
            let i = crate::interp::builtins::int_arg(&i)?;
            if i < 0 {
                return Err(exc("RuntimeError", "Device index must not be negative"));
            }
            device_value(&Value::str(&format!("{s}:{i}")))
        }
        (Some(_), Value::Str(s)) => Err(exc(
            "RuntimeError",
            format!("type (string) must not include an index because index was passed explicitly: {s}"),
        )),
        (Some(_), _) => Err(invalid()),
    }
}

pub fn device_value(v: &Value) -> Res<Value> {
    let gpu_alias = |k: &str| matches!(k, "cuda" | "mps" | "gpu");
    let (kind, index) = match v {
        Value::Str(s) => match s.split_once(':') {
            Some((k, i)) => (k.to_string(), i.parse::<i64>().ok()),
            None => (s.to_string(), None),
        },
        Value::Named(n) if n.type_name == "device" => return Ok(v.clone()),
        other => {
            return Err(exc(
                "TypeError",
                format!(
                    "device() received an invalid combination of arguments - got ({})",
                    other.type_name()
                ),
            ));
        }
    };
    if kind != "cpu" && !gpu_alias(&kind) {
        parse(v)?;
    }
    let kind = match kind.as_str() {
        "cuda" => "cuda",
        "mps" => "mps",
        "gpu" => "gpu",
        _ => "cpu",
    };
    let mut fields = vec![("type", Value::str(kind))];
    if let Some(i) = index {
        fields.push(("index", Value::Int(i)));
    }
    Ok(Value::Named(Rc::new(Named {
        type_name: "device".into(),
        fields,
    })))
}

/// `t.device`.
pub fn of(a: &NdArray) -> Value {
    if on_gpu(a) {
        Value::Named(Rc::new(Named {
            type_name: "device".into(),
            fields: vec![("type", Value::str(gpu_name())), ("index", Value::Int(0))],
        }))
    } else {
        Value::Named(Rc::new(Named {
            type_name: "device".into(),
            fields: vec![("type", Value::str("cpu"))],
        }))
    }
}

/// `t.to(device)`: a differentiable copy (`ToCopyBackward0`).
pub fn move_tensor(v: &Value, gpu: bool) -> Res<Value> {
    match v {
        Value::Tensor(t) => Ok(Value::Tensor(crate::tensor::autograd::to_device(t, gpu)?)),
        _ => Ok(v.clone()),
    }
}

fn tensors<'a>(v: &'a Value, out: &mut Vec<&'a Rc<Tensor>>) {
    match v {
        Value::Tensor(t) => out.push(t),
        Value::List(_) => {}
        Value::Tuple(items) => items.iter().for_each(|i| tensors(i, out)),
        _ => {}
    }
}

/// PyTorch's rule for an op's tensor operands: all on one device, except that a 0-dim
/// cpu tensor may join a gpu op. Returns whether the op runs on the gpu.
pub fn check_same(inputs: &[&Value]) -> Res<bool> {
    let mut ts = Vec::new();
    for v in inputs {
        if let Value::List(l) = v {
            for item in l.borrow().iter() {
                if let Value::Tensor(t) = item {
                    ts.push(t.clone());
                }
            }
        }
        let mut found = Vec::new();
        tensors(v, &mut found);
        ts.extend(found.into_iter().cloned());
    }
    let gpu = ts.iter().any(|t| on_gpu(&t.data()));
    if gpu && ts.iter().any(|t| !on_gpu(&t.data()) && t.data().ndim() > 0) {
        return Err(exc(
            "RuntimeError",
            format!(
                "Expected all tensors to be on the same device, but found at least two devices, {}:0 and cpu!",
                gpu_name()
            ),
        ));
    }
    Ok(gpu)
}

/// Puts an op's tensor results on the gpu when its operands were there (results the
/// CPU computed outside the IR come back to the device).
pub fn follow(r: Value, gpu: bool) -> Res<Value> {
    if !gpu {
        return Ok(r);
    }
    Ok(match r {
        Value::Tensor(t) if !on_gpu(&t.data()) => {
            let data = move_array(&t.data(), true)?;
            let moved = Tensor::new(data);
            moved.requires_grad.set(t.requires_grad.get());
            *moved.grad_fn.borrow_mut() = t.grad_fn();
            Value::Tensor(Rc::new(moved))
        }
        Value::Tuple(items) => Value::tuple(items.iter().map(|i| follow(i.clone(), gpu)).collect::<Res<Vec<_>>>()?),
        Value::Named(n) if n.type_name.starts_with("torch.return_types") => {
            let fields = n
                .fields
                .iter()
                .map(|(k, v)| Ok((*k, follow(v.clone(), gpu)?)))
                .collect::<Res<Vec<_>>>()?;
            Value::Named(Rc::new(Named {
                type_name: n.type_name.clone(),
                fields,
            }))
        }
        other => other,
    })
}

/// `.numpy()` and other host-only conversions refuse gpu tensors, as PyTorch does.
pub fn host_only(a: &NdArray) -> Res<()> {
    if on_gpu(a) {
        return Err(exc(
            "TypeError",
            format!(
                "can't convert {}:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.",
                gpu_name()
            ),
        ));
    }
    Ok(())
}

/// `torch.device`, `torch.cuda.*`, `torch.set_default_device`, `torch.get_default_device`.
pub fn devices(_: &mut Interp, _: Lib, name: &'static str, args: Args) -> Res<Value> {
    match name {
        "is_available" => Ok(Value::Bool(offered())),
        "device_count" => Ok(Value::Int(offered() as i64)),
        "device" => device_call(args),
        "get_device_name" => {
            // One device: index 0 (or a device naming it); another index is PyTorch's
            // "Invalid device id".
            let d = args.pos.first().cloned().or_else(|| {
                args.kw
                    .iter()
                    .find(|(k, _)| k.as_str() == "device")
                    .map(|kv| kv.1.clone())
            });
            let index = match &d {
                None | Some(Value::None) => 0,
                Some(Value::Int(i)) => *i,
                Some(Value::Named(n)) => match n.fields.get(1) {
                    Some((_, Value::Int(i))) => *i,
                    _ => 0,
                },
                Some(v @ Value::Str(_)) => {
                    device_value(v)?;
                    match v {
                        Value::Str(s) => s.rsplit_once(':').and_then(|(_, i)| i.parse().ok()).unwrap_or(0),
                        _ => 0,
                    }
                }
                Some(other) => {
                    return Err(crate::error::type_error(format!(
                        "Invalid device, must be cuda device, not {}",
                        other.type_name()
                    )));
                }
            };
            if index < 0 || index >= offered() as i64 {
                return Err(exc("AssertionError", "Invalid device id"));
            }
            adapter_name().map(|n| Value::str(&n))
        }
        "synchronize" => synchronize().map(|_| Value::None),
        "set_default_device" => {
            let gpu = parse(&super::module::arg(&args, 0, name)?)?.unwrap_or(false);
            set_default(gpu)?;
            Ok(Value::None)
        }
        "get_default_device" => device_value(&Value::str(&if default_gpu() {
            format!("{}:0", gpu_name())
        } else {
            "cpu".to_string()
        })),
        _ => Err(super::internal(format!("unknown device function {name}"))),
    }
}
