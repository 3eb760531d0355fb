//! Indexing: basic indices (ints, slices, `None`, `...`) make views; an integer array or a
//! boolean mask copies. Assignment writes through all of them.

use super::ops::{broadcast2, cast, run};
use super::{as_nd, create, internal, wrap};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::layout::Layout;
use crate::error::{Res, exc};
use crate::interp::call::slice_indices;
use crate::ir::Op;
use crate::realise;
use crate::value::{Lib, Value};

mod setitem;
pub(crate) use setitem::c_type;
pub use setitem::set;

enum Item {
    Int(i64),
    Slice([Value; 3]),
    NewAxis,
    Ellipsis,
    /// An integer index array (1-D or 0-d).
    Ints(Vec<i64>, Vec<usize>),
    /// A boolean mask.
    Mask(NdArray),
}

fn items(lib: Lib, key: &Value) -> Res<Vec<Item>> {
    let parts: Vec<Value> = match key {
        Value::Tuple(t) => t.to_vec(),
        other => vec![other.clone()],
    };
    // NumPy allows one `...`; PyTorch lets later ones stand for nothing.
    if lib == Lib::Numpy && parts.iter().filter(|p| matches!(p, Value::Ellipsis)).count() > 1 {
        return Err(exc("IndexError", "an index can only have a single ellipsis ('...')"));
    }
    parts
        .iter()
        .map(|p| {
            Ok(match p {
                Value::Int(n) => Item::Int(*n),
                Value::Slice(s) => Item::Slice((**s).clone()),
                Value::None => Item::NewAxis,
                Value::Ellipsis => Item::Ellipsis,
                Value::Bool(b) => Item::Mask(NdArray::from_buffer(crate::array::storage::Buffer::Bool(vec![*b]), &[])),
                // An empty list selects nothing (NumPy and PyTorch read it as integers).
                Value::List(l) if l.borrow().is_empty() => Item::Ints(Vec::new(), vec![0]),
                Value::List(_) | Value::Tuple(_) | Value::Array(_) | Value::Tensor(_) | Value::NpScalar(_) => {
                    let a = match as_nd(p) {
                        Some((_, a)) => a.clone(),
                        None => create::from_data(lib, p, None)?,
                    };
                    if a.dtype == DType::Bool {
                        Item::Mask(a)
                    } else if a.dtype.is_int() {
                        if a.ndim() == 0 && matches!(p, Value::NpScalar(_) | Value::Tensor(_)) {
                            Item::Int(realise::to_i128s(&a).map_err(internal)?.first().copied().unwrap_or(0) as i64)
                        } else {
                            let v = realise::to_i128s(&a)
                                .map_err(internal)?
                                .iter()
                                .map(|&x| x as i64)
                                .collect();
                            Item::Ints(v, a.shape().to_vec())
                        }
                    } else {
                        return Err(index_type_error(lib));
                    }
                }
                _ => return Err(index_type_error(lib)),
            })
        })
        .collect()
}

/// A 1-D mask next to other indices selects its `nonzero()` positions.
fn masks_to_ints(items: Vec<Item>) -> Res<Vec<Item>> {
    if items.len() < 2 {
        return Ok(items);
    }
    items
        .into_iter()
        .map(|it| match it {
            Item::Mask(m) if m.ndim() == 1 => {
                let flags = realise::to_bools(&m).map_err(internal)?;
                let ks: Vec<i64> = flags
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| **f)
                    .map(|(i, _)| i as i64)
                    .collect();
                let n = ks.len();
                Ok(Item::Ints(ks, vec![n]))
            }
            other => Ok(other),
        })
        .collect()
}

fn index_type_error(lib: Lib) -> Box<crate::error::Exc> {
    match lib {
        Lib::Numpy => exc(
            "IndexError",
            "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
        ),
        Lib::Torch => exc(
            "IndexError",
            "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)",
        ),
    }
}

fn oob(lib: Lib, i: i64, dim: usize, size: usize) -> Box<crate::error::Exc> {
    match lib {
        Lib::Numpy => exc(
            "IndexError",
            format!("index {i} is out of bounds for axis {dim} with size {size}"),
        ),
        Lib::Torch => exc(
            "IndexError",
            format!("index {i} is out of bounds for dimension {dim} with size {size}"),
        ),
    }
}

fn norm_index(lib: Lib, i: i64, dim: usize, size: usize) -> Res<usize> {
    let k = if i < 0 { i + size as i64 } else { i };
    if k < 0 || k >= size as i64 {
        return Err(oob(lib, i, dim, size));
    }
    Ok(k as usize)
}

/// The result of indexing: a view, or a gathered copy for advanced indices.
enum Indexed {
    View(Layout),
    Gathered(NdArray),
}

fn apply(lib: Lib, a: &NdArray, items: &[Item]) -> Res<Indexed> {
    apply_with(lib, a, items, false)
}

/// `set_scalar`: the indexing is an assignment of a Python scalar, which PyTorch runs as
/// `index_fill_` when there is one index array (its errors name the dimension itself).
fn apply_with(lib: Lib, a: &NdArray, items: &[Item], set_scalar: bool) -> Res<Indexed> {
    let consuming = items
        .iter()
        .filter(|i| matches!(i, Item::Int(_) | Item::Slice(_) | Item::Ints(..)))
        .count()
        + items
            .iter()
            .map(|i| if let Item::Mask(m) = i { m.ndim() } else { 0 })
            .sum::<usize>();
    if consuming > a.ndim() {
        return Err(match lib {
            Lib::Numpy => exc(
                "IndexError",
                format!(
                    "too many indices for array: array is {}-dimensional, but {consuming} were indexed",
                    a.ndim()
                ),
            ),
            Lib::Torch => match items {
                [Item::Int(i)] if a.ndim() == 0 && *i != 0 => oob(lib, *i, 0, 0),
                [Item::Int(_)] if a.ndim() == 0 => exc(
                    "IndexError",
                    "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number",
                ),
                [Item::Slice(_)] if a.ndim() == 0 => exc("IndexError", "slice() cannot be applied to a 0-dim tensor."),
                _ => exc(
                    "IndexError",
                    format!("too many indices for tensor of dimension {}", a.ndim()),
                ),
            },
        });
    }
    // Advanced indices: one integer array or one mask, with basic indices elsewhere.
    if let Some(pos) = items.iter().position(|i| matches!(i, Item::Ints(..) | Item::Mask(_))) {
        return advanced(lib, a, items, pos, set_scalar);
    }
    basic(lib, &a.layout, items, consuming).map(Indexed::View)
}

/// Basic indices (ints, slices, `None`, `...`) make a view's layout.
fn basic(lib: Lib, layout: &Layout, items: &[Item], consuming: usize) -> Res<Layout> {
    let ndim = layout.ndim();
    let mut l = layout.clone();
    let mut dim = 0;
    let mut src_dim = 0;
    for it in items {
        match it {
            Item::Int(i) => {
                let k = norm_index(lib, *i, src_dim, l.shape[dim])?;
                l = l.select(dim, k);
                src_dim += 1;
            }
            Item::Slice(s) => {
                let (start, _, step, n) = slice_indices(s, l.shape[dim])?;
                if step < 0 && lib == Lib::Torch {
                    return Err(exc("ValueError", "step must be greater than zero"));
                }
                l = l.slice(dim, start as usize, step as isize, n);
                dim += 1;
                src_dim += 1;
            }
            Item::NewAxis => {
                l = l.unsqueeze(dim);
                dim += 1;
            }
            Item::Ellipsis => {
                let skip = ndim - consuming;
                dim += skip;
                src_dim += skip;
            }
            Item::Ints(..) | Item::Mask(_) => return Err(internal("advanced index in basic path")),
        }
    }
    Ok(l)
}

/// Basic indexing of any strided layout (object and string arrays use it); `None` when
/// the key holds an index array or mask.
pub fn basic_layout(lib: Lib, layout: &Layout, key: &Value) -> Res<Option<Layout>> {
    let items = items(lib, key)?;
    if items.iter().any(|i| matches!(i, Item::Ints(..) | Item::Mask(_))) {
        return Ok(None);
    }
    let consuming = items
        .iter()
        .filter(|i| matches!(i, Item::Int(_) | Item::Slice(_)))
        .count();
    if consuming > layout.ndim() {
        return Err(exc(
            "IndexError",
            format!(
                "too many indices for array: array is {}-dimensional, but {consuming} were indexed",
                layout.ndim()
            ),
        ));
    }
    basic(lib, layout, &items, consuming).map(Some)
}

/// Indexing with one integer array or mask: each selected position's sub-array, stacked
/// where the advanced index stood.
fn advanced(lib: Lib, a: &NdArray, items: &[Item], pos: usize, set_scalar: bool) -> Res<Indexed> {
    // A mask over the leading dimensions selects rows of the flattened prefix.
    if let Item::Mask(m) = &items[pos] {
        if pos != 0 || items.len() != 1 {
            return Err(exc(
                "NotImplementedError",
                "a boolean mask combined with other indices is not supported in nt yet",
            ));
        }
        let k = m.ndim();
        for d in 0..k {
            if m.shape()[d] != a.shape()[d] {
                return Err(match lib {
                    Lib::Numpy => exc(
                        "IndexError",
                        format!(
                            "boolean index did not match indexed array along axis {d}; size of axis is {} but size of corresponding boolean axis is {}",
                            a.shape()[d],
                            m.shape()[d]
                        ),
                    ),
                    Lib::Torch => exc(
                        "IndexError",
                        format!(
                            "The shape of the mask [{}] at index {d} does not match the shape of the indexed tensor [{}] at index {d}",
                            m.shape().iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", "),
                            a.shape().iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")
                        ),
                    ),
                });
            }
        }
        let flags = realise::to_bools(m).map_err(internal)?;
        let rest: Vec<usize> = a.shape()[k..].to_vec();
        let mut prefix = a.shape()[..k].to_vec();
        let rows = crate::array::layout::numel(&prefix);
        prefix.push(1);
        let mut picked = Vec::new();
        // Walk the prefix index in row-major order.
        let mut idx = vec![0usize; k];
        for r in 0..rows {
            if flags.get(r).copied().unwrap_or(false) {
                let mut l = a.layout.clone();
                for &i in idx.iter() {
                    l = l.select(0, i);
                }
                picked.push(a.view(l));
            }
            for d in (0..k).rev() {
                idx[d] += 1;
                if idx[d] < a.shape()[d] {
                    break;
                }
                idx[d] = 0;
            }
        }
        let n = picked.len();
        let out = gather(a, &picked, &rest)?;
        let mut shape = vec![n];
        shape.extend(rest);
        return Ok(Indexed::Gathered(out.view(Layout::contiguous(&shape))));
    }
    let (parts, kshape, sub_shape, at) = int_parts(lib, a, items, set_scalar)?;
    Ok(Indexed::Gathered(stack_parts(a, &parts, &kshape, &sub_shape, at)?))
}

type IntParts = (Vec<NdArray>, Vec<usize>, Vec<usize>, usize);

/// For integer index arrays: every selected sub-array (in the index arrays' row-major
/// order), the broadcast index shape, the sub-array shape, and where the index
/// dimensions go in the result.
fn int_parts(lib: Lib, a: &NdArray, items: &[Item], set_scalar: bool) -> Res<IntParts> {
    int_parts_with(lib, a, items, set_scalar, false)
}

/// `shape_only`: the shapes without the parts, and without checking the indices' bounds.
fn int_parts_with(lib: Lib, a: &NdArray, items: &[Item], set_scalar: bool, shape_only: bool) -> Res<IntParts> {
    if items.iter().any(|i| matches!(i, Item::Mask(_))) {
        return Err(exc(
            "NotImplementedError",
            "a multi-dimensional boolean mask combined with other indices is not supported in nt yet",
        ));
    }
    // All integer index arrays are broadcast together and paired element by element.
    let adv: Vec<usize> = (0..items.len())
        .filter(|&i| matches!(items[i], Item::Ints(..)))
        .collect();
    let mut kshape: Vec<usize> = Vec::new();
    for &i in &adv {
        if let Item::Ints(_, sh) = &items[i] {
            kshape = crate::array::layout::broadcast_shapes(&kshape, sh).map_err(|_| {
                let shapes: Vec<String> = adv
                    .iter()
                    .filter_map(|&k| {
                        if let Item::Ints(_, s) = &items[k] {
                            Some(super::ops::shape_str(Lib::Numpy, s))
                        } else {
                            None
                        }
                    })
                    .collect();
                match lib {
                    Lib::Numpy => exc(
                        "IndexError",
                        format!(
                            "shape mismatch: indexing arrays could not be broadcast together with shapes {} ",
                            shapes.join(" ")
                        ),
                    ),
                    Lib::Torch => exc(
                        "IndexError",
                        "shape mismatch: indexing tensors could not be broadcast together",
                    ),
                }
            })?;
        }
    }
    let count = crate::array::layout::numel(&kshape);
    // Each index array's strides over the broadcast shape (0 along broadcast axes).
    let bstrides: Vec<Vec<usize>> = items
        .iter()
        .map(|it| match it {
            Item::Ints(_, sh) if sh.len() <= kshape.len() => {
                let off = kshape.len() - sh.len();
                let mut st = vec![0; kshape.len()];
                let mut s = 1;
                for i in (0..sh.len()).rev() {
                    if sh[i] != 1 {
                        st[off + i] = s;
                    }
                    s *= sh[i];
                }
                st
            }
            _ => Vec::new(),
        })
        .collect();
    // An index array's value at position `at` of the broadcast shape.
    let pick = |k: usize, at: usize| -> i64 {
        match &items[k] {
            Item::Ints(v, sh) => {
                let n = crate::array::layout::numel(sh);
                if n == 0 {
                    0
                } else if n == count {
                    v[at]
                } else {
                    let (mut rem, mut flat) = (at, 0);
                    for (i, &d) in kshape.iter().enumerate().rev() {
                        flat += (rem % d) * bstrides[k].get(i).copied().unwrap_or(0);
                        rem /= d;
                    }
                    v[flat]
                }
            }
            _ => 0,
        }
    };
    let total = items
        .iter()
        .filter(|i| matches!(i, Item::Int(_) | Item::Slice(_) | Item::Ints(..)))
        .count();
    let src_dim = |k: usize| -> usize {
        let before = items[..k]
            .iter()
            .filter(|i| matches!(i, Item::Int(_) | Item::Slice(_) | Item::Ints(..)))
            .count();
        if items[..k].iter().any(|i| matches!(i, Item::Ellipsis)) {
            a.ndim() - (total - before)
        } else {
            before
        }
    };
    // PyTorch's index kernel checks indices as it fills the result: an empty result
    // checks none.
    if lib == Lib::Torch || shape_only {
        let sub_shape = probe_sub_shape(lib, a, items, &src_dim)?;
        if shape_only || count == 0 || crate::array::layout::numel(&sub_shape) == 0 {
            let at = advanced_at(lib, a, items, &adv, total);
            return Ok((Vec::new(), kshape, sub_shape, at));
        }
    }
    let mut parts = Vec::with_capacity(count);
    for at in 0..count {
        let mut sub_items: Vec<Item> = Vec::with_capacity(items.len());
        for (i, it) in items.iter().enumerate() {
            sub_items.push(match it {
                Item::Ints(..) => {
                    let k = pick(i, at);
                    let d = src_dim(i);
                    let size = a.shape()[d];
                    if lib == Lib::Torch {
                        // PyTorch numbers the index arrays, not the tensor's dimensions,
                        // except in index_fill_.
                        let nth = if set_scalar && adv.len() == 1 {
                            advanced_at(lib, a, items, &[i], total)
                        } else {
                            adv.iter().position(|&j| j == i).unwrap_or(0)
                        };
                        torch_adv_index(k, nth, size)?;
                    }
                    norm_index(lib, k, d, size)?;
                    Item::Int(k)
                }
                Item::Int(n) => Item::Int(*n),
                Item::Slice(s) => Item::Slice(s.clone()),
                Item::NewAxis => Item::NewAxis,
                Item::Ellipsis => Item::Ellipsis,
                Item::Mask(_) => return Err(internal("mask among index arrays")),
            });
        }
        let Indexed::View(l) = apply(lib, a, &sub_items)? else {
            return Err(internal("nested advanced"));
        };
        parts.push(a.view(l));
    }
    let at = advanced_at(lib, a, items, &adv, total);
    let sub_shape: Vec<usize> = match parts.first() {
        Some(p) => p.shape().to_vec(),
        None => probe_sub_shape(lib, a, items, &src_dim)?,
    };
    Ok((parts, kshape.clone(), sub_shape, at))
}

/// The shape each index position selects, from index 0 of a view whose indexed axes have
/// size 1 (they may have size 0).
fn probe_sub_shape(lib: Lib, a: &NdArray, items: &[Item], src_dim: &dyn Fn(usize) -> usize) -> Res<Vec<usize>> {
    let mut probe = a.layout.clone();
    for (i, it) in items.iter().enumerate() {
        if matches!(it, Item::Ints(..)) {
            probe.shape[src_dim(i)] = 1;
        }
    }
    let a = &a.view(probe);
    let Indexed::View(l) = apply(lib, a, &{
        let mut v: Vec<Item> = Vec::new();
        for it in items.iter() {
            v.push(match it {
                Item::Ints(..) => Item::Int(0),
                Item::Int(n) => Item::Int(*n),
                Item::Slice(s) => Item::Slice(s.clone()),
                Item::NewAxis => Item::NewAxis,
                Item::Ellipsis => Item::Ellipsis,
                _ => Item::NewAxis,
            });
        }
        v
    })?
    else {
        return Err(internal("empty advanced"));
    };
    Ok(l.shape.clone())
}

/// Where the index dimensions go in the result.
fn advanced_at(lib: Lib, a: &NdArray, items: &[Item], adv: &[usize], total: usize) -> usize {
    // Adjacent index arrays put their dimensions where they stood; separated ones go first.
    // NumPy counts integer indices among the advanced ones (`a[1, :, [0, 1]]` puts the
    // index dimension first); PyTorch does not.
    let adv_all: Vec<usize> = match lib {
        Lib::Numpy => (0..items.len())
            .filter(|&i| matches!(items[i], Item::Ints(..) | Item::Int(_)))
            .collect(),
        Lib::Torch => adv.to_vec(),
    };
    let adjacent = adv_all.windows(2).all(|w| w[1] == w[0] + 1);
    let pos = if adjacent { adv_all[0] } else { 0 };
    // Where the new dimensions go: after the result dims of the items before `pos`.
    items[..pos]
        .iter()
        .map(|i| match i {
            Item::Slice(_) | Item::NewAxis => 1,
            Item::Ellipsis => a.ndim() - total,
            _ => 0,
        })
        .sum::<usize>()
}

fn torch_adv_index(i: i64, nth: usize, size: usize) -> Res<()> {
    if size == 0 {
        return Err(exc("IndexError", "index is out of bounds for dimension with size 0"));
    }
    if i < -(size as i64) || i >= size as i64 {
        return Err(oob(Lib::Torch, i, nth, size));
    }
    Ok(())
}

/// The index arrays' result: the selected sub-arrays stacked, index dimensions moved to `at`.
fn stack_parts(a: &NdArray, parts: &[NdArray], kshape: &[usize], sub_shape: &[usize], at: usize) -> Res<NdArray> {
    let gathered = gather(a, parts, sub_shape)?;
    let mut shape = kshape.to_vec();
    shape.extend(sub_shape.iter().copied());
    let stacked = gathered.view(Layout::contiguous(&shape));
    Ok(stacked.view(stacked.layout.permute(&index_perm(kshape.len(), at, shape.len()))))
}

/// Moves the first `kd` dimensions (the index arrays') to position `at`.
fn index_perm(kd: usize, at: usize, n: usize) -> Vec<usize> {
    let mut perm: Vec<usize> = (kd..kd + at).collect();
    perm.extend(0..kd);
    perm.extend(kd + at..n);
    perm
}

fn gather(a: &NdArray, parts: &[NdArray], sub_shape: &[usize]) -> Res<NdArray> {
    let per = crate::array::layout::numel(sub_shape);
    let out = NdArray::zeros(a.dtype, &[parts.len() * per]);
    // The parts are views of `a`: read them from one host copy of its storage (one
    // download for a gpu array, instead of one per part).
    let host = realise::host(a).map_err(internal)?;
    let on_host = |p: &NdArray| {
        if std::rc::Rc::ptr_eq(&p.storage, &a.storage) {
            NdArray {
                storage: host.storage.clone(),
                layout: p.layout.clone(),
                dtype: p.dtype,
            }
        } else {
            p.clone()
        }
    };
    for (i, p) in parts.iter().map(on_host).enumerate() {
        let p = &p;
        let dst = out.view(Layout {
            shape: sub_shape.to_vec(),
            strides: Layout::contiguous(sub_shape).strides,
            offset: i * per,
        });
        realise::assign(&dst, p).map_err(internal)?;
    }
    Ok(out)
}

/// `a[key]`.
/// The slices of `a` at positions `at` along axis `d` (`np.take(a, at, axis=d)`), a copy.
pub fn take(lib: Lib, a: &NdArray, d: usize, at: Vec<i64>) -> Res<NdArray> {
    let len = at.len();
    let index = wrap(
        lib,
        NdArray::from_buffer(crate::array::storage::Buffer::I64(at), &[len]),
    );
    let all = Value::Slice(std::rc::Rc::new([Value::None, Value::None, Value::None]));
    let mut key = vec![all; d];
    key.push(index);
    let r = get(lib, a, &Value::tuple(key))?;
    as_nd(&r).map(|(_, r)| r.clone()).ok_or_else(|| internal("take result"))
}

pub fn get(lib: Lib, a: &NdArray, key: &Value) -> Res<Value> {
    let items = masks_to_ints(items(lib, key)?)?;
    let r = match apply(lib, a, &items)? {
        Indexed::View(l) => a.view(l),
        Indexed::Gathered(g) => g,
    };
    // NumPy gives a scalar for a 0-d result, except through `...` (`a[...]` is a view).
    let ellipsis = match key {
        Value::Tuple(t) => t.iter().any(|p| matches!(p, Value::Ellipsis)),
        other => matches!(other, Value::Ellipsis),
    };
    Ok(match lib {
        Lib::Numpy if r.ndim() == 0 && !ellipsis => Value::NpScalar(std::rc::Rc::new(run(Op::Copy, &[&r])?)),
        _ => wrap(lib, r),
    })
}

/// The sub-arrays along the first axis (iteration and `list(a)`).
pub fn first_axis(v: &Value) -> Res<Vec<Value>> {
    let Some((lib, a)) = as_nd(v) else {
        return Ok(Vec::new());
    };
    if a.ndim() == 0 {
        return Err(match lib {
            Lib::Numpy => crate::error::type_error("iteration over a 0-d array"),
            Lib::Torch => crate::error::type_error("iteration over a 0-d tensor"),
        });
    }
    // A tensor iterates as `unbind(0)`: each row keeps its history.
    (0..a.shape()[0])
        .map(|i| {
            let key = Value::Int(i as i64);
            let row = get(lib, a, &key)?;
            crate::nd::record::part("UnbindBackward0", row, v, key)
        })
        .collect()
}
