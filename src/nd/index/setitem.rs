//! Item assignment: `a[key] = value` through views, index arrays and masks, with each
//! library's checks in its order (NumPy's scalar and boolean paths, PyTorch's `copy_`
//! through `expand` and its `index_put_`).

use super::*;

/// `a[key] = value`: writes into `a`'s storage.
pub fn set(lib: Lib, a: &NdArray, key: &Value, value: &Value) -> Res<()> {
    // `np.broadcast_to`'s views are read-only in NumPy (a write would land on elements
    // shared by several indices).
    if lib == Lib::Numpy && a.layout.repeats() {
        return Err(exc("ValueError", "assignment destination is read-only"));
    }
    let items = masks_to_ints(items(lib, key)?)?;
    // An integer per dimension names one element, which NumPy fills from a scalar only.
    if lib == Lib::Numpy && items.len() == a.ndim() && items.iter().all(|i| matches!(i, Item::Int(_))) {
        let sequence = match value {
            Value::List(_) | Value::Tuple(_) => true,
            Value::Array(v) => v.ndim() > 0,
            _ => false,
        };
        if sequence {
            // The indices are still checked first.
            apply(lib, a, &items)?;
            return Err(exc("ValueError", "setting an array element with a sequence."));
        }
    }
    let val = match as_nd(value) {
        Some((_, v)) => cast(v, a.dtype)?,
        None => match value {
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                if let Value::Int(n) = value {
                    if a.dtype.is_int() && !crate::array::dtype::int_fits(a.dtype, *n) {
                        return Err(match lib {
                            Lib::Numpy => exc(
                                "OverflowError",
                                format!("Python integer {n} out of bounds for {}", a.dtype.numpy_name()),
                            ),
                            Lib::Torch => exc(
                                "RuntimeError",
                                format!("value cannot be converted to type {} without overflow", c_type(a.dtype)),
                            ),
                        });
                    }
                }
                create::scalar(value, a.dtype)?
            }
            other => cast(&create::from_data(lib, other, None)?, a.dtype)?,
        },
    };
    let scalar = matches!(value, Value::Int(_) | Value::Float(_) | Value::Bool(_));
    if let (Lib::Torch, Some((_, v))) = (lib, as_nd(value)) {
        torch_put_checks(a, &items, v)?;
    }
    match apply_with(lib, a, &items, scalar)? {
        Indexed::View(l) => {
            let dst = a.view(l);
            let val = drop_leading_ones(&val, dst.ndim());
            if lib == Lib::Torch {
                // PyTorch copies through `expand` of the value as given, with its errors.
                let sizes: Vec<i64> = dst.shape().iter().map(|&n| n as i64).collect();
                let given = as_nd(value).map_or_else(|| val.clone(), |(_, v)| drop_leading_ones(v, dst.ndim()));
                crate::nd::shape::expand(&given, &sizes)?;
                crate::nd::inplace::torch_overlap_check(&dst, &val, false)?;
            }
            let (d, v) = broadcast2(lib, &dst, &val).map_err(|_| shape_mismatch(lib, &val, dst.shape()))?;
            if d.shape() != dst.shape() {
                return Err(shape_mismatch(lib, &val, dst.shape()));
            }
            realise::assign(&d, &v).map_err(internal)
        }
        Indexed::Gathered(_) => set_advanced(lib, a, &items, &val, scalar),
    }
}

/// The C type PyTorch names in overflow messages.
pub(crate) fn c_type(d: DType) -> &'static str {
    match d {
        DType::I8 => "int8_t",
        DType::I16 => "int16_t",
        DType::I32 => "int32_t",
        DType::I64 => "int64_t",
        DType::U8 => "uint8_t",
        DType::U16 => "uint16_t",
        DType::U32 => "uint32_t",
        DType::U64 => "uint64_t",
        _ => "float",
    }
}

/// `index_put_` checks the value's memory, shape, then dtype, before any index's bounds
/// (a mask with a one-element value is `masked_fill_`, which converts).
fn torch_put_checks(a: &NdArray, items: &[Item], v: &NdArray) -> Res<()> {
    if !items.iter().any(|i| matches!(i, Item::Ints(..) | Item::Mask(_))) {
        return Ok(());
    }
    if let [Item::Mask(m)] = items {
        if m.ndim() > 0 && v.numel() == 1 {
            return Ok(());
        }
    }
    // index_put_ runs on the tensor the basic indices select, the index arrays' dims whole.
    let mut whole = Vec::new();
    let mut indexed = Vec::new();
    for it in items {
        let full = || Item::Slice([Value::None, Value::None, Value::None]);
        match it {
            Item::Int(i) => whole.push(Item::Int(*i)),
            Item::Slice(s) => whole.push(Item::Slice(s.clone())),
            Item::NewAxis => whole.push(Item::NewAxis),
            Item::Ellipsis => whole.push(Item::Ellipsis),
            Item::Ints(v, _) => {
                indexed.push((whole.len(), !v.is_empty()));
                whole.push(full());
            }
            Item::Mask(m) => {
                for _ in 0..m.ndim() {
                    whole.push(full());
                }
            }
        }
    }
    let consuming = whole
        .iter()
        .filter(|i| matches!(i, Item::Int(_) | Item::Slice(_)))
        .count();
    if consuming > a.ndim() {
        return Ok(());
    }
    let sliced = a.view(basic(Lib::Torch, &a.layout, &whole, consuming)?);
    // Full slices and `...` select the tensor itself (the same tensor, even when empty).
    let itself = items.iter().all(|i| match i {
        Item::Ints(..) | Item::Mask(_) | Item::Ellipsis => true,
        Item::Slice(s) => s.iter().all(|x| matches!(x, Value::None)),
        _ => false,
    });
    crate::nd::inplace::torch_overlap_check(if itself { a } else { &sliced }, v, true)?;
    // An index array into a dimension of size 0.
    for (k, nonempty) in indexed {
        let dim: usize = whole[..k]
            .iter()
            .map(|i| match i {
                Item::Slice(_) | Item::NewAxis => 1,
                Item::Ellipsis => a.ndim() - consuming,
                _ => 0,
            })
            .sum();
        if nonempty && sliced.shape()[dim] == 0 {
            return Err(exc("IndexError", "index is out of bounds for dimension with size 0"));
        }
    }
    let shape = match items {
        [Item::Mask(m)] => {
            let mut s = vec![realise::to_bools(m).map_err(internal)?.iter().filter(|f| **f).count()];
            s.extend_from_slice(&a.shape()[m.ndim().min(a.ndim())..]);
            s
        }
        _ => {
            let (_, kshape, mut sub, at) = int_parts_with(Lib::Torch, a, items, false, true)?;
            sub.splice(at..at, kshape);
            sub
        }
    };
    let val = drop_leading_ones(v, shape.len());
    match crate::array::layout::broadcast_shapes(&shape, val.shape()) {
        Ok(s) if s == shape => {}
        _ => return Err(advanced_mismatch(Lib::Torch, &val, &shape)),
    }
    if v.dtype != a.dtype {
        return Err(exc(
            "RuntimeError",
            format!(
                "Index put requires the source and destination dtypes match, got {} for the destination and {} for the source.",
                a.dtype.torch_scalar_name(),
                v.dtype.torch_scalar_name()
            ),
        ));
    }
    Ok(())
}

/// A value that does not fit an advanced index's result.
fn advanced_mismatch(lib: Lib, val: &NdArray, dst: &[usize]) -> Box<crate::error::Exc> {
    match lib {
        Lib::Numpy => exc(
            "ValueError",
            format!(
                "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
                crate::nd::ops::shape_str(Lib::Numpy, val.shape()),
                crate::nd::ops::shape_str(Lib::Numpy, dst)
            ),
        ),
        Lib::Torch => shape_mismatch(lib, val, dst),
    }
}

/// NumPy's own path for a mask as large as the array: the value must be a scalar or hold
/// one value per true element.
fn numpy_mask_value(m: &NdArray, a: &NdArray, val: &NdArray) -> Res<()> {
    if m.ndim() != a.ndim() {
        return Ok(());
    }
    if val.ndim() > 1 {
        return Err(crate::error::type_error(format!(
            "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has {} dimensions",
            val.ndim()
        )));
    }
    let count = realise::to_bools(m).map_err(internal)?.iter().filter(|f| **f).count();
    if val.numel() != 1 && val.numel() != count {
        return Err(exc(
            "ValueError",
            format!(
                "NumPy boolean array indexing assignment cannot assign {} input values to the {count} output values where the mask is true",
                val.numel()
            ),
        ));
    }
    Ok(())
}

fn shape_mismatch(lib: Lib, val: &NdArray, dst: &[usize]) -> Box<crate::error::Exc> {
    match lib {
        Lib::Numpy => exc(
            "ValueError",
            format!(
                "could not broadcast input array from shape {} into shape {}",
                crate::nd::ops::shape_str(Lib::Numpy, val.shape()),
                crate::nd::ops::shape_str(Lib::Numpy, dst)
            ),
        ),
        Lib::Torch => exc(
            "RuntimeError",
            format!(
                "shape mismatch: value tensor of shape {} cannot be broadcast to indexing result of shape {}",
                crate::nd::ops::shape_str(Lib::Torch, val.shape()),
                crate::nd::ops::shape_str(Lib::Torch, dst)
            ),
        ),
    }
}

/// A value may have more dimensions than its target if the extra leading ones have
/// size 1 (`t[0] = tensor([9])`, `a[...] = a[None]`): they are dropped.
fn drop_leading_ones(val: &NdArray, ndim: usize) -> NdArray {
    let mut v = val.clone();
    while v.ndim() > ndim && v.shape()[0] == 1 {
        v = v.view(v.layout.select(0, 0));
    }
    v
}

/// Assignment through a mask or an integer array: each selected sub-array gets its part of
/// the (broadcast) value.
fn set_advanced(lib: Lib, a: &NdArray, items: &[Item], val: &NdArray, scalar: bool) -> Res<()> {
    let Indexed::Gathered(shape_probe) = apply_with(lib, a, items, scalar)? else {
        return Err(internal("set_advanced"));
    };
    if let (Lib::Numpy, [Item::Mask(m)]) = (lib, items) {
        numpy_mask_value(m, a, val)?;
    }
    let val = &drop_leading_ones(val, shape_probe.ndim());
    let full = {
        let (p, v) =
            broadcast2(lib, &shape_probe, val).map_err(|_| advanced_mismatch(lib, val, shape_probe.shape()))?;
        if p.shape() != shape_probe.shape() {
            return Err(advanced_mismatch(lib, val, shape_probe.shape()));
        }
        run(Op::Copy, &[&v])?
    };
    match &items[0] {
        Item::Mask(m) if items.len() == 1 => {
            let flags = realise::to_bools(m).map_err(internal)?;
            let k = m.ndim();
            let mut idx = vec![0usize; k];
            let mut n = 0;
            for f in flags {
                if f {
                    let mut l = a.layout.clone();
                    for &i in &idx {
                        l = l.select(0, i);
                    }
                    realise::assign(&a.view(l), &full.view(full.layout.select(0, n))).map_err(internal)?;
                    n += 1;
                }
                for d in (0..k).rev() {
                    idx[d] += 1;
                    if idx[d] < a.shape()[d] {
                        break;
                    }
                    idx[d] = 0;
                }
            }
            Ok(())
        }
        _ => {
            // Reorder the value to the stacked [index..., sub...] order, then write each part.
            let (parts, kshape, sub_shape, at) = int_parts(lib, a, items, scalar)?;
            let kd = kshape.len();
            let perm = index_perm(kd, at, kd + sub_shape.len());
            let mut inverse = vec![0; perm.len()];
            for (i, &p) in perm.iter().enumerate() {
                inverse[p] = i;
            }
            let stacked = run(Op::Copy, &[&full.view(full.layout.permute(&inverse))])?;
            let mut rows_shape = vec![parts.len()];
            rows_shape.extend(sub_shape.iter().copied());
            let rows = stacked.view(Layout::contiguous(&rows_shape));
            for (n, part) in parts.iter().enumerate() {
                realise::assign(part, &rows.view(rows.layout.select(0, n))).map_err(internal)?;
            }
            Ok(())
        }
    }
}
