//! Shape operations: reshape/view, transpose/permute, squeeze/unsqueeze, expand, and
//! joining (concatenate/cat, stack). Views where the library gives views.

use super::ops::{cast, run};
use super::reduce::axis;
use crate::array::NdArray;
use crate::array::dtype::{DType, numpy_promote, torch_promote};
use crate::array::layout::numel;
use crate::error::{Res, exc, type_error};
use crate::interp::builtins::int_arg;
use crate::ir::Op;
use crate::realise;
use crate::value::{Lib, Value};

/// The integers of a shape given as varargs or one sequence.
pub fn dims(vals: &[Value]) -> Res<Vec<i64>> {
    let items: Vec<Value> = match vals {
        [Value::List(l)] => l.borrow().clone(),
        [Value::Tuple(t)] => t.to_vec(),
        [Value::Size(s)] => s.iter().map(|&n| Value::Int(n as i64)).collect(),
        _ => vals.to_vec(),
    };
    items.iter().map(int_arg).collect()
}

/// `reshape`/`view` with one `-1` inferred. `view` refuses to copy, as PyTorch's does.
pub fn reshape(lib: Lib, a: &NdArray, want: &[i64], is_view: bool) -> Res<NdArray> {
    if let Some(e) = super::create::too_many_dims(lib, want.len()) {
        return Err(e);
    }
    // NumPy takes any negative size as the unknown one (`reshape(5, -2)`).
    let numpy_want: Vec<i64>;
    let want = if lib == Lib::Numpy && want.iter().any(|&d| d < -1) {
        numpy_want = want.iter().map(|&d| d.max(-1)).collect();
        &numpy_want[..]
    } else {
        want
    };
    let n = a.numel();
    let bad = || match lib {
        Lib::Numpy => {
            // NumPy's `convert_shape_to_string`: no spaces, leading unknown sizes left
            // out, later ones as `newaxis`, a trailing comma only for one dimension.
            let first = want.iter().position(|&d| d >= 0).unwrap_or(want.len());
            let dims: Vec<String> = want[first..]
                .iter()
                .map(|&d| if d < 0 { "newaxis".to_string() } else { d.to_string() })
                .collect();
            let shown = if dims.is_empty() {
                "()".to_string()
            } else if want.len() == 1 {
                format!("({},)", dims[0])
            } else {
                format!("({})", dims.join(","))
            };
            exc(
                "ValueError",
                format!("cannot reshape array of size {n} into shape {shown}"),
            )
        }
        Lib::Torch => exc(
            "RuntimeError",
            format!(
                "shape '[{}]' is invalid for input of size {n}",
                want.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")
            ),
        ),
    };
    if want.iter().filter(|&&d| d == -1).count() > 1 {
        return Err(match lib {
            Lib::Numpy => exc("ValueError", "can only specify one unknown dimension"),
            Lib::Torch => exc("RuntimeError", "only one dimension can be inferred"),
        });
    }
    if want.iter().any(|&d| d < -1) {
        return Err(match lib {
            Lib::Numpy => exc("ValueError", format!("negative dimensions not allowed")),
            Lib::Torch => exc("RuntimeError", {
                let i = want.iter().position(|&d| d < -1).unwrap_or(0);
                let dims: Vec<String> = want.iter().map(|d| d.to_string()).collect();
                format!(
                    "invalid shape dimension {} at index {i} of shape [{}]",
                    want[i],
                    dims.join(", ")
                )
            }),
        });
    }
    let known: usize = want.iter().filter(|&&d| d >= 0).map(|&d| d as usize).product();
    let shape: Vec<usize> = want
        .iter()
        .map(|&d| {
            if d >= 0 {
                Ok(d as usize)
            } else if known == 0 || n % known != 0 {
                Err(bad())
            } else {
                Ok(n / known)
            }
        })
        .collect::<Res<_>>()?;
    if numel(&shape) != n {
        return Err(bad());
    }
    if let Some(l) = a.layout.reshape(&shape) {
        return Ok(a.view(l));
    }
    if is_view {
        return Err(exc(
            "RuntimeError",
            "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
        ));
    }
    let c = run(Op::Copy, &[a])?;
    Ok(c.view(c.layout.reshape(&shape).unwrap_or(c.layout.clone())))
}

pub fn permute(lib: Lib, a: &NdArray, order: &[i64]) -> Res<NdArray> {
    if order.len() != a.ndim() {
        return Err(match lib {
            Lib::Numpy => exc("ValueError", "axes don't match array"),
            Lib::Torch => exc(
                "RuntimeError",
                format!(
                    "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = {} is not equal to len(dims) = {}",
                    a.ndim(),
                    order.len()
                ),
            ),
        });
    }
    let mut perm = Vec::with_capacity(order.len());
    for &o in order {
        let d = axis(lib, o, a.ndim())?;
        if perm.contains(&d) {
            return Err(match lib {
                Lib::Numpy => exc("ValueError", "repeated axis in transpose"),
                Lib::Torch => exc("RuntimeError", "permute(): duplicate dims are not allowed."),
            });
        }
        perm.push(d);
    }
    Ok(a.view(a.layout.permute(&perm)))
}

/// `.T` and NumPy's `transpose()` with no axes: all dimensions reversed.
pub fn reversed(a: &NdArray) -> NdArray {
    let perm: Vec<usize> = (0..a.ndim()).rev().collect();
    a.view(a.layout.permute(&perm))
}

pub fn transpose2(lib: Lib, a: &NdArray, d0: i64, d1: i64) -> Res<NdArray> {
    if a.ndim() == 0 && lib == Lib::Torch {
        return Ok(a.clone());
    }
    let (x, y) = (axis(lib, d0, a.ndim())?, axis(lib, d1, a.ndim())?);
    Ok(a.view(a.layout.transpose(x, y)))
}

pub fn squeeze(lib: Lib, a: &NdArray, dim: Option<&Value>) -> Res<NdArray> {
    match dim {
        None | Some(Value::None) => {
            let mut l = a.layout.clone();
            for d in (0..a.ndim()).rev() {
                if a.shape()[d] == 1 {
                    l = l.squeeze(d);
                }
            }
            Ok(a.view(l))
        }
        // PyTorch's tuple of dims: each squeezed that is 1, the others left.
        Some(Value::Tuple(ds)) if lib == Lib::Torch => {
            let mut axes = Vec::with_capacity(ds.len());
            for d in ds.iter() {
                axes.push(if a.ndim() == 0 {
                    0
                } else {
                    axis(lib, int_arg(d)?, a.ndim())?
                });
            }
            let mut l = a.layout.clone();
            let mut sorted = axes.clone();
            sorted.sort_unstable();
            sorted.dedup();
            for &d in sorted.iter().rev() {
                if a.ndim() > 0 && a.shape()[d] == 1 {
                    l = l.squeeze(d);
                }
            }
            Ok(a.view(l))
        }
        Some(v) => {
            let d = axis(lib, int_arg(v)?, a.ndim())?;
            if a.ndim() == 0 {
                return Ok(a.clone());
            }
            if a.shape()[d] != 1 {
                return match lib {
                    Lib::Numpy => Err(exc(
                        "ValueError",
                        "cannot select an axis to squeeze out which has size not equal to one",
                    )),
                    // PyTorch leaves a dimension that is not 1 alone.
                    Lib::Torch => Ok(a.clone()),
                };
            }
            Ok(a.view(a.layout.squeeze(d)))
        }
    }
}

pub fn unsqueeze(lib: Lib, a: &NdArray, dim: i64) -> Res<NdArray> {
    // Valid positions run over ndim + 1 slots.
    let d = axis(lib, dim, a.ndim() + 1)?;
    Ok(a.view(a.layout.unsqueeze(d)))
}

/// PyTorch's legacy name of a CPU tensor type: `torch.FloatTensor`, `CPUBoolType`.
fn legacy_type_name(d: DType) -> String {
    match d {
        DType::Bool | DType::BF16 | DType::U16 | DType::U32 | DType::U64 => {
            format!("CPU{}Type", d.torch_scalar_name())
        }
        _ => format!("torch.{}Tensor", d.torch_scalar_name()),
    }
}

/// `t.expand(*sizes)`: -1 keeps a size; new leading dimensions may be added.
pub fn expand(a: &NdArray, sizes: &[i64]) -> Res<NdArray> {
    let extra = sizes.len().checked_sub(a.ndim()).ok_or_else(|| {
        exc(
            "RuntimeError",
            format!(
                "expand({}{{[{}]}}, size=[{}]): the number of sizes provided ({}) must be greater or equal to the number of dimensions in the tensor ({})",
                legacy_type_name(a.dtype),
                a.shape().iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", "),
                sizes.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", "),
                sizes.len(),
                a.ndim()
            ),
        )
    })?;
    let mut shape = Vec::with_capacity(sizes.len());
    for (i, &s) in sizes.iter().enumerate() {
        shape.push(if s == -1 && i >= extra {
            a.shape()[i - extra]
        } else {
            s.max(0) as usize
        });
    }
    let l = a.layout.broadcast_to(&shape).ok_or_else(|| {
        let i = (extra..sizes.len()).rev().find(|&i| a.shape()[i - extra] != 1 && a.shape()[i - extra] != shape[i]).unwrap_or(extra);
        exc(
            "RuntimeError",
            format!(
                "The expanded size of the tensor ({}) must match the existing size ({}) at non-singleton dimension {i}.  Target sizes: [{}].  Tensor sizes: [{}]",
                shape[i],
                a.shape().get(i - extra).copied().unwrap_or(0),
                sizes.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", "),
                a.shape().iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")
            ),
        )
    })?;
    // PyTorch counts elements in int64: a view too large to count is refused.
    if shape
        .iter()
        .try_fold(1i64, |acc, &n| acc.checked_mul(n as i64))
        .is_none()
    {
        return Err(exc("RuntimeError", "numel: integer multiplication overflow"));
    }
    Ok(a.view(l))
}

/// `np.concatenate` / `torch.cat`.
pub fn concat(lib: Lib, parts: &[NdArray], ax: i64) -> Res<NdArray> {
    let first = parts.first().ok_or_else(|| match lib {
        Lib::Numpy => exc("ValueError", "need at least one array to concatenate"),
        Lib::Torch => exc("RuntimeError", "torch.cat(): expected a non-empty list of Tensors"),
    })?;
    if first.ndim() == 0 {
        return Err(match lib {
            Lib::Numpy => exc("ValueError", "zero-dimensional arrays cannot be concatenated"),
            Lib::Torch => exc(
                "RuntimeError",
                "zero-dimensional tensor (at position 0) cannot be concatenated",
            ),
        });
    }
    let d = axis(lib, ax, first.ndim())?;
    for (i, p) in parts.iter().enumerate().skip(1) {
        if p.ndim() != first.ndim() {
            return Err(match lib {
                Lib::Numpy => exc(
                    "ValueError",
                    format!(
                        "all the input arrays must have same number of dimensions, but the array at index 0 has {} dimension(s) and the array at index {i} has {} dimension(s)",
                        first.ndim(),
                        p.ndim()
                    ),
                ),
                Lib::Torch => exc(
                    "RuntimeError",
                    format!(
                        "Tensors must have same number of dimensions: got {} and {}",
                        first.ndim(),
                        p.ndim()
                    ),
                ),
            });
        }
        for k in 0..first.ndim() {
            if k != d && p.shape()[k] != first.shape()[k] {
                return Err(match lib {
                    Lib::Numpy => exc(
                        "ValueError",
                        format!(
                            "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {k}, the array at index 0 has size {} and the array at index {i} has size {}",
                            first.shape()[k],
                            p.shape()[k]
                        ),
                    ),
                    Lib::Torch => exc(
                        "RuntimeError",
                        format!(
                            "Sizes of tensors must match except in dimension {d}. Expected size {} but got size {} for tensor number {i} in the list.",
                            first.shape()[k],
                            p.shape()[k]
                        ),
                    ),
                });
            }
        }
    }
    let dtype = parts
        .iter()
        .map(|p| p.dtype)
        .reduce(|x, y| {
            if lib == Lib::Numpy {
                numpy_promote(x, y)
            } else {
                torch_promote(x, y)
            }
        })
        .unwrap_or(first.dtype);
    let mut shape = first.shape().to_vec();
    shape[d] = parts
        .iter()
        .try_fold(0usize, |acc, p| acc.checked_add(p.shape()[d]))
        .unwrap_or(usize::MAX);
    super::ops::check_alloc(lib, &shape, dtype)?;
    let out = NdArray::zeros(dtype, &shape);
    let mut at = 0;
    for p in parts {
        let len = p.shape()[d];
        let dst = out.view(out.layout.slice(d, at, 1, len));
        realise::assign(&dst, &cast(p, dtype)?).map_err(super::internal)?;
        at += len;
    }
    Ok(out)
}

pub fn stack(lib: Lib, parts: &[NdArray], ax: i64) -> Res<NdArray> {
    let first = parts.first().ok_or_else(|| match lib {
        Lib::Numpy => exc("ValueError", "need at least one array to stack"),
        Lib::Torch => exc("RuntimeError", "stack expects a non-empty TensorList"),
    })?;
    // PyTorch wraps the dim before it compares sizes; NumPy the other way round.
    if lib == Lib::Torch {
        axis(lib, ax, first.ndim() + 1)?;
    }
    for (i, p) in parts.iter().enumerate().skip(1) {
        if p.shape() != first.shape() {
            let dims = |x: &NdArray| x.shape().iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ");
            return Err(match lib {
                Lib::Numpy => exc("ValueError", "all input arrays must have the same shape"),
                Lib::Torch => exc(
                    "RuntimeError",
                    format!(
                        "stack expects each tensor to be equal size, but got [{}] at entry 0 and [{}] at entry {i}",
                        dims(first),
                        dims(p)
                    ),
                ),
            });
        }
    }
    let d = axis(lib, ax, first.ndim() + 1)?;
    let expanded: Vec<NdArray> = parts.iter().map(|p| p.view(p.layout.unsqueeze(d))).collect();
    concat(lib, &expanded, d as i64)
}

/// The arrays in a list or tuple argument.
pub fn array_list(lib: Lib, v: &Value) -> Res<Vec<NdArray>> {
    let items: Vec<Value> = match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        other => {
            return Err(type_error(match lib {
                Lib::Numpy => format!(
                    "The first input argument needs to be a sequence, not {}",
                    other.type_name()
                ),
                Lib::Torch => format!("expected a list or tuple of Tensors, not {}", other.type_name()),
            }));
        }
    };
    items.iter().map(|x| super::funcs::nd_arg(lib, x)).collect()
}

/// `np.flip` / `torch.flip`: reversed along the given axes (all when none). A view.
pub fn flip(lib: Lib, a: &NdArray, axes: &[usize]) -> NdArray {
    let _ = lib;
    let mut l = a.layout.clone();
    for &d in axes {
        let n = l.shape[d];
        if n > 0 {
            l = l.slice(d, n - 1, -1, n);
        }
    }
    a.view(l)
}

/// `np.tile(a, reps)` / `t.repeat(*reps)`: whole copies laid side by side per dimension.
pub fn tile(lib: Lib, a: &NdArray, reps: &[i64]) -> Res<NdArray> {
    let mut x = a.clone();
    while x.ndim() < reps.len() {
        x = x.view(x.layout.unsqueeze(0));
    }
    let offset = x.ndim() - reps.len();
    let mut full = x.shape().to_vec();
    for (i, &r) in reps.iter().enumerate() {
        full[offset + i] = full[offset + i].saturating_mul(r.max(0) as usize);
    }
    super::ops::check_alloc(lib, &full, x.dtype)?;
    if full.contains(&0) {
        if reps.iter().any(|&r| r < 0) {
            return Err(exc("ValueError", "negative repetitions are not allowed"));
        }
        return Ok(NdArray::zeros(x.dtype, &full));
    }
    for (i, &r) in reps.iter().enumerate() {
        let r = usize::try_from(r).map_err(|_| exc("ValueError", "negative repetitions are not allowed"))?;
        if r != 1 {
            let copies = vec![x.clone(); r];
            x = if r == 0 {
                let mut shape = x.shape().to_vec();
                shape[offset + i] = 0;
                NdArray::zeros(x.dtype, &shape)
            } else {
                concat(lib, &copies, (offset + i) as i64)?
            };
        }
    }
    Ok(x)
}

/// `np.repeat(a, r, axis)` / `torch.repeat_interleave`: each element repeated in place.
pub fn repeat_each(lib: Lib, a: &NdArray, r: i64, ax: Option<i64>) -> Res<NdArray> {
    let r = usize::try_from(r).map_err(|_| exc("ValueError", "negative dimensions are not allowed"))?;
    let (x, d) = match ax {
        None => (super::reduce::flatten(a)?, 0),
        Some(ax) => (a.clone(), axis(lib, ax, a.ndim())?),
    };
    let mut shape = x.shape().to_vec();
    shape.insert(d + 1, r);
    let l = x
        .layout
        .unsqueeze(d + 1)
        .broadcast_to(&shape)
        .ok_or_else(|| super::internal("repeat broadcast"))?;
    let expanded = run(Op::Copy, &[&x.view(l)])?;
    let mut out_shape = x.shape().to_vec();
    out_shape[d] *= r;
    Ok(expanded.view(crate::array::layout::Layout::contiguous(&out_shape)))
}

/// `np.repeat`, `t.repeat_interleave`: one count for every element, a count per element
/// (a list or array), or (`torch.repeat_interleave(counts)`) each index counts[i] times.
pub fn repeat(lib: Lib, name: &str, a: &NdArray, repeats: Option<Value>, ax: Option<i64>) -> Res<NdArray> {
    let ints = |r: &crate::array::NdArray| -> Res<Vec<i64>> {
        if r.dtype.is_float() {
            return Err(exc(
                "RuntimeError",
                format!(
                    "\"repeat_interleave_cpu\" not implemented for '{}'",
                    r.dtype.torch_scalar_name()
                ),
            ));
        }
        let v = crate::realise::to_i128s(r).map_err(super::internal)?;
        Ok(v.into_iter().map(|x| x as i64).collect())
    };
    match repeats {
        // torch.repeat_interleave(counts): each index `i` counts[i] times.
        None if name == "repeat_interleave" => {
            if a.ndim() != 1 {
                return Err(exc("RuntimeError", "repeat_interleave only accept 1D vector as repeat"));
            }
            let counts = ints(a)?;
            let index = crate::array::NdArray::from_buffer(
                crate::array::storage::Buffer::I64((0..counts.len() as i64).collect()),
                &[counts.len()],
            );
            repeat_counts(lib, &index, &counts, Some(0))
        }
        Some(Value::Int(_) | Value::Bool(_)) | None => {
            let r = int_arg(&repeats.unwrap_or(Value::Int(1)))?;
            repeat_each(lib, a, r, ax)
        }
        Some(r) => {
            let r = super::funcs::nd_arg(lib, &r)?;
            if r.ndim() > 1 {
                return Err(match lib {
                    Lib::Numpy => exc("ValueError", "object too deep for desired array"),
                    Lib::Torch => exc("RuntimeError", "repeat_interleave only accept 1D vector as repeat"),
                });
            }
            let counts = ints(&r)?;
            repeat_counts(lib, a, &counts, ax)
        }
    }
}

/// `np.repeat(a, [1, 2])`, `t.repeat_interleave(counts, dim)`: element `i` along the axis
/// (the flattened array without one) `counts[i]` times; one count applies to all.
pub fn repeat_counts(lib: Lib, a: &NdArray, counts: &[i64], ax: Option<i64>) -> Res<NdArray> {
    let (x, d) = match ax {
        None => (super::reduce::flatten(a)?, 0),
        Some(ax) => (a.clone(), axis(lib, ax, a.ndim())?),
    };
    let n = x.shape()[d];
    if counts.iter().any(|&c| c < 0) {
        return Err(match lib {
            Lib::Numpy => exc("ValueError", "repeats may not contain negative values."),
            Lib::Torch => exc("RuntimeError", "repeats can not be negative"),
        });
    }
    if counts.len() != n && !(lib == Lib::Numpy && counts.len() == 1) {
        return Err(match lib {
            Lib::Numpy => exc(
                "ValueError",
                format!(
                    "operands could not be broadcast together with shape ({n},) ({},)",
                    counts.len()
                ),
            ),
            Lib::Torch => exc(
                "RuntimeError",
                format!(
                    "repeats must have the same size as input along dim, but got repeats.size(0) = {} and input.size(0) = {n}",
                    counts.len()
                ),
            ),
        });
    }
    let at: Vec<i64> = (0..n as i64)
        .flat_map(|i| std::iter::repeat_n(i, counts[if counts.len() == 1 { 0 } else { i as usize }] as usize))
        .collect();
    super::index::take(lib, &x, d, at)
}

/// NumPy's memory-order argument: `'C'`, `'F'`, `'A'` (F for Fortran-contiguous data
/// that is not also C-contiguous) or `'K'` (the order in memory); None for `None` where
/// a function reads it as its default.
#[derive(Clone, Copy, PartialEq)]
pub enum Order {
    C,
    F,
    K,
}

pub fn order_arg(a: &NdArray, v: Option<&Value>, allow_k: bool) -> Res<Order> {
    let s = match v {
        None | Some(Value::None) => return Ok(Order::C),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(type_error(format!("order must be str, not {}", other.type_name())));
        }
    };
    Ok(match s.as_str() {
        "C" | "c" => Order::C,
        "F" | "f" => Order::F,
        "A" | "a" => {
            if !a.layout.is_contiguous() && reversed(a).layout.is_contiguous() {
                Order::F
            } else {
                Order::C
            }
        }
        "K" | "k" if allow_k => Order::K,
        "K" | "k" => return Err(exc("ValueError", "order 'K' is not permitted for reshaping")),
        _ => {
            return Err(exc(
                "ValueError",
                format!("order must be one of 'C', 'F', 'A', or 'K' (got '{s}')"),
            ));
        }
    })
}

/// A view of `a` whose row-major order is `order`'s reading order, and the permutation
/// it applied (so a copy can be put back).
pub fn order_view(a: &NdArray, order: Order) -> (NdArray, Vec<usize>) {
    let n = a.ndim();
    let perm: Vec<usize> = match order {
        Order::C => (0..n).collect(),
        Order::F => (0..n).rev().collect(),
        Order::K => {
            // Largest stride first; axes of one element or equal strides keep their order.
            let mut p: Vec<usize> = (0..n).collect();
            p.sort_by_key(|&d| {
                std::cmp::Reverse(if a.shape()[d] <= 1 {
                    0
                } else {
                    a.layout.strides[d].unsigned_abs()
                })
            });
            p
        }
    };
    (a.view(a.layout.permute(&perm)), perm)
}

/// `a.copy(order=)`: a copy laid out in `order` (C-contiguous, F-contiguous, or as `a`).
pub fn copy_in_order(a: &NdArray, order: Order) -> Res<NdArray> {
    if order == Order::C {
        return run(Op::Copy, &[a]);
    }
    let perm: Vec<usize> = match order {
        Order::F => (0..a.ndim()).rev().collect(),
        _ => order_view(a, Order::K).1,
    };
    let c = run(Op::Copy, &[&a.view(a.layout.permute(&perm))])?;
    let mut back = vec![0; perm.len()];
    for (i, &p) in perm.iter().enumerate() {
        back[p] = i;
    }
    Ok(c.view(c.layout.permute(&back)))
}

/// `a.reshape(shape, order='F')`: the elements read and written column-major, a view
/// where the data allows.
pub fn reshape_f(lib: Lib, a: &NdArray, want: &[i64]) -> Res<NdArray> {
    let t = reversed(a);
    let rev: Vec<i64> = want.iter().rev().copied().collect();
    let r = reshape(lib, &t, &rev, false)?;
    Ok(reversed(&r))
}

/// Splits along an axis at the given boundaries (views).
pub fn split_at(a: &NdArray, d: usize, bounds: &[usize]) -> Vec<NdArray> {
    let n = a.shape()[d];
    let mut out = Vec::new();
    let mut start = 0;
    for &b in bounds.iter().chain(std::iter::once(&n)) {
        let b = b.min(n).max(start);
        out.push(a.view(a.layout.slice(d, start, 1, b - start)));
        start = b;
    }
    out
}

/// Boundaries splitting `n` into `sections` parts; NumPy's `array_split` puts the extra
/// elements in the first parts, `torch.chunk` uses equal chunks of `ceil(n / sections)`.
pub fn section_bounds(n: usize, sections: usize, torch_chunk: bool) -> Vec<usize> {
    if sections == 0 {
        return Vec::new();
    }
    if torch_chunk {
        let size = n.div_ceil(sections).max(1);
        return (1..n.div_ceil(size)).map(|i| i * size).collect();
    }
    let (q, r) = (n / sections, n % sections);
    let mut bounds = Vec::new();
    let mut at = 0;
    for i in 0..sections - 1 {
        at += q + usize::from(i < r);
        bounds.push(at);
    }
    bounds
}

/// `np.broadcast_to`: a view of any shape whose size can be counted.
pub fn broadcast_to(a: &NdArray, want: &[usize]) -> Res<NdArray> {
    if crate::array::layout::checked_numel(want).is_none_or(|n| n > isize::MAX as usize) {
        return Err(exc("ValueError", "iterator is too large"));
    }
    let l = a.layout.broadcast_to(want).ok_or_else(|| {
        exc(
            "ValueError",
            format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape {}",
                super::ops::shape_str(Lib::Numpy, a.shape()),
                super::ops::shape_str(Lib::Numpy, want)
            ),
        )
    })?;
    Ok(a.view(l))
}

/// `a.shape = s` (NumPy): the same elements seen with the new shape, which must not need
/// a copy; the caller rebinds the array's one holder to it.
pub fn with_shape(a: &NdArray, shape: &Value) -> Res<NdArray> {
    let want = match shape {
        Value::None => return Err(type_error("Use () not None as shape arguments")),
        Value::Tuple(_) | Value::List(_) | Value::Size(_) => dims(std::slice::from_ref(shape))?,
        Value::Float(x) => {
            return Err(type_error(format!(
                "expected a sequence of integers or a single integer, got '{}'",
                crate::value::pyfmt::float_repr(*x)
            )));
        }
        v => vec![int_arg(v)?],
    };
    match reshape(Lib::Numpy, a, &want, true) {
        Err(e) if e.kind == "RuntimeError" => Err(exc(
            "AttributeError",
            "Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape.",
        )),
        r => r,
    }
}

/// `a.flags`'s C_CONTIGUOUS, F_CONTIGUOUS and WRITEABLE.
pub fn flags(a: &NdArray) -> [bool; 3] {
    [
        a.layout.is_contiguous(),
        reversed(a).layout.is_contiguous(),
        !crate::array::storage::is_readonly(&a.storage) && !a.layout.repeats(),
    ]
}
