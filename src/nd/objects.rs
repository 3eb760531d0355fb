//! NumPy arrays of Python objects (`dtype=object`) and of strings (`'<U2'`): Python
//! values in a strided layout. Operations apply the Python operator per element.

use super::{as_nd, index, wrap};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::format::{self, Elems};
use crate::array::layout::{Layout, broadcast_shapes};
use crate::array::storage::Buffer;
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::syntax::ast::{BinOp, CmpOp};
use crate::value::repr::{repr as py_repr, str_of as py_str};
use crate::value::{Args, Lib, ObjArray, ObjKind, Value};
use std::cell::RefCell;
use std::rc::Rc;

pub fn new(values: Vec<Value>, shape: &[usize], kind: ObjKind) -> Value {
    Value::ObjArray(Rc::new(ObjArray {
        data: Rc::new(RefCell::new(values)),
        layout: Layout::contiguous(shape),
        kind,
    }))
}

fn view(a: &ObjArray, layout: Layout) -> Value {
    Value::ObjArray(Rc::new(ObjArray {
        data: a.data.clone(),
        layout,
        kind: a.kind,
    }))
}

/// The elements in row-major order.
pub fn elements(a: &ObjArray) -> Vec<Value> {
    let data = a.data.borrow();
    a.layout.offsets().filter_map(|o| data.get(o).cloned()).collect()
}

fn str_width(v: &Value) -> usize {
    match v {
        Value::Str(s) | Value::NpStr(s) => s.chars().count(),
        // NumPy's string widths for numbers converted to str.
        Value::Bool(_) => 5,
        Value::Int(_) => 21,
        Value::Float(_) => 32,
        _ => 0,
    }
}

/// Whether NumPy would make a str array (or an object array) of this data, rather than
/// a numeric one: any string leaf, or any leaf that is not a number.
pub fn classify(v: &Value) -> Option<ObjKind> {
    let mut has_str = false;
    let mut has_other = false;
    let mut width = 0;
    fn walk(v: &Value, has_str: &mut bool, has_other: &mut bool, width: &mut usize) {
        match v {
            Value::List(l) => l.borrow().iter().for_each(|x| walk(x, has_str, has_other, width)),
            Value::Tuple(t) => t.iter().for_each(|x| walk(x, has_str, has_other, width)),
            Value::Str(_) | Value::NpStr(_) => {
                *has_str = true;
                *width = (*width).max(str_width(v));
            }
            Value::Bool(_) | Value::Int(_) | Value::Float(_) => *width = (*width).max(str_width(v)),
            // NumPy keeps ints up to 2**64 in uint64 arrays; larger ones are objects.
            Value::Long(b) if num_traits::ToPrimitive::to_u64(&**b).is_some() => *width = (*width).max(str_width(v)),
            // A range holds ints, the widest at one of its ends.
            Value::Range(r) if r.len() > 0 => {
                let last = Value::Int(r.start + (r.len() - 1) * r.step);
                *width = (*width).max(str_width(&Value::Int(r.start))).max(str_width(&last));
            }
            Value::Array(_) | Value::NpScalar(_) | Value::Tensor(_) | Value::Range(_) | Value::Complex(..) => {}
            _ => *has_other = true,
        }
    }
    walk(v, &mut has_str, &mut has_other, &mut width);
    if has_other {
        Some(ObjKind::Object)
    } else if has_str {
        Some(ObjKind::Str(width.max(1)))
    } else {
        None
    }
}

/// The shape NumPy discovers for object data: as deep as the nesting stays rectangular.
fn object_shape(v: &Value) -> Vec<usize> {
    fn items(v: &Value) -> Option<Vec<Value>> {
        match v {
            Value::List(l) => Some(l.borrow().clone()),
            Value::Tuple(t) => Some(t.to_vec()),
            Value::Range(r) => Some((0..r.len()).map(|i| Value::Int(r.start + i * r.step)).collect()),
            _ => None,
        }
    }
    let mut shape = Vec::new();
    let mut level = vec![v.clone()];
    loop {
        let rows: Option<Vec<Vec<Value>>> = level.iter().map(items).collect();
        let Some(rows) = rows else { break };
        let n = rows.first().map_or(0, Vec::len);
        if rows.iter().any(|r| r.len() != n) {
            break;
        }
        shape.push(n);
        level = rows.into_iter().flatten().collect();
        if n == 0 {
            break;
        }
    }
    shape
}

fn leaves(v: &Value, depth: usize, out: &mut Vec<Value>) {
    if depth == 0 {
        out.push(v.clone());
        return;
    }
    match v {
        Value::List(l) => l.borrow().iter().for_each(|x| leaves(x, depth - 1, out)),
        Value::Tuple(t) => t.iter().for_each(|x| leaves(x, depth - 1, out)),
        other => out.push(other.clone()),
    }
}

/// Python `str()` of a value as NumPy stores it in a str array, cut to the width.
fn as_str(v: &Value, width: usize) -> Value {
    let s = match v {
        Value::Str(s) | Value::NpStr(s) => s.to_string(),
        other => py_str(other),
    };
    Value::Str(s.chars().take(width).collect::<String>().into())
}

/// `array(data)` for object and string data.
pub fn from_data(v: &Value, kind: ObjKind) -> Res<Value> {
    let shape = object_shape(v);
    let mut out = Vec::new();
    leaves(v, shape.len(), &mut out);
    if let ObjKind::Str(w) = kind {
        if out.iter().any(|x| matches!(x, Value::List(_) | Value::Tuple(_))) {
            return Err(exc(
                "ValueError",
                format!(
                    "setting an array element with a sequence. The requested array has an inhomogeneous shape after {} dimensions.",
                    shape.len()
                ),
            ));
        }
        out = out.iter().map(|x| as_str(x, w)).collect();
    }
    Ok(new(out, &shape, kind))
}

/// `np.empty(n, dtype=object)` and friends: `None`s (or empty strings).
/// Fails, as NumPy does, when an object or string array of `shape` cannot fit (its text
/// counts NumPy's item sizes; each element here is a whole `Value`).
pub fn check_filled(shape: &[usize], kind: ObjKind) -> Res<()> {
    let itemsize = match kind {
        ObjKind::Object => 8,
        ObjKind::Str(w) => 4 * w.max(1),
    };
    super::ops::check_bytes(
        Lib::Numpy,
        shape,
        itemsize,
        std::mem::size_of::<Value>(),
        &dtype_str(kind),
    )
}

pub fn filled(shape: &[usize], kind: ObjKind, v: Value) -> Value {
    let n = crate::array::layout::numel(shape);
    let fill = if let ObjKind::Str(w) = kind { as_str(&v, w) } else { v };
    new(vec![fill; n], shape, kind)
}

pub fn dtype_repr(k: ObjKind) -> String {
    format!(
        "dtype({})",
        match k {
            ObjKind::Object => "'O'".to_owned(),
            ObjKind::Str(n) => format!("'<U{n}'"),
        }
    )
}

pub fn dtype_str(k: ObjKind) -> String {
    match k {
        ObjKind::Object => "object".into(),
        ObjKind::Str(n) => format!("<U{n}"),
    }
}

/// NumPy prints object elements by `repr`, with Python lists shown as `list([...])`.
fn elems(a: &ObjArray) -> Elems {
    let vals = elements(a);
    match a.kind {
        ObjKind::Str(_) => Elems::Str(vals.iter().map(py_str).collect()),
        ObjKind::Object => Elems::Object(
            vals.iter()
                .map(|v| match v {
                    Value::List(_) => format!("list({})", py_repr(v)),
                    other => py_repr(other),
                })
                .collect(),
        ),
    }
}

pub fn repr(a: &ObjArray) -> String {
    let dtype = match a.kind {
        ObjKind::Object => "object".to_owned(),
        ObjKind::Str(n) => format!("'<U{n}'"),
    };
    format::numpy_repr(&elems(a), &a.layout.shape, &dtype, &super::print::numpy_options())
}

pub fn str_of(a: &ObjArray) -> String {
    // NumPy's str of a 0-d object or string array is the element's str.
    if a.layout.ndim() == 0 {
        return elements(a).first().map(py_str).unwrap_or_default();
    }
    format::numpy_str(&elems(a), &a.layout.shape, &super::print::numpy_options())
}

/// A single element as NumPy returns it: the object itself, or `np.str_`.
fn element(a: &ObjArray, v: Value) -> Value {
    match (a.kind, v) {
        (ObjKind::Str(_), Value::Str(s)) => Value::NpStr(s),
        (_, v) => v,
    }
}

pub fn attr(a: &ObjArray, name: &str) -> Option<Value> {
    Some(match name {
        "shape" => Value::tuple(a.layout.shape.iter().map(|&n| Value::Int(n as i64)).collect()),
        "dtype" => Value::ObjDType(a.kind),
        "ndim" => Value::Int(a.layout.ndim() as i64),
        "size" => Value::Int(a.layout.numel() as i64),
        "T" => {
            let perm: Vec<usize> = (0..a.layout.ndim()).rev().collect();
            view(a, a.layout.permute(&perm))
        }
        _ => return None,
    })
}

pub const METHODS: &[&str] = &["sum", "tolist", "astype", "copy", "item", "reshape", "flatten", "ravel"];

pub fn get(a: &ObjArray, key: &Value) -> Res<Value> {
    let Some(l) = index::basic_layout(Lib::Numpy, &a.layout, key)? else {
        return Err(exc(
            "NotImplementedError",
            "index arrays on object and string arrays are not supported in nt yet",
        ));
    };
    if l.ndim() == 0 {
        let v = a.data.borrow().get(l.offset).cloned().unwrap_or(Value::None);
        return Ok(element(a, v));
    }
    Ok(view(a, l))
}

pub fn set(a: &ObjArray, key: &Value, value: &Value) -> Res<()> {
    let Some(l) = index::basic_layout(Lib::Numpy, &a.layout, key)? else {
        return Err(exc(
            "NotImplementedError",
            "index arrays on object and string arrays are not supported in nt yet",
        ));
    };
    let stored = match a.kind {
        ObjKind::Str(w) => as_str(value, w),
        ObjKind::Object => value.clone(),
    };
    let mut data = a.data.borrow_mut();
    for o in l.offsets() {
        if let Some(slot) = data.get_mut(o) {
            *slot = stored.clone();
        }
    }
    Ok(())
}

/// The sub-arrays (or elements) along the first axis, for iteration.
pub fn first_axis(a: &ObjArray) -> Res<Vec<Value>> {
    if a.layout.ndim() == 0 {
        return Err(type_error("iteration over a 0-d array"));
    }
    (0..a.layout.shape[0]).map(|i| get(a, &Value::Int(i as i64))).collect()
}

/// Either operand as elements of a common broadcast shape.
fn operands(a: &Value, b: &Value) -> Res<(Vec<Value>, Vec<Value>, Vec<usize>)> {
    fn parts(v: &Value) -> (Vec<Value>, Vec<usize>, Vec<isize>, usize) {
        match v {
            Value::ObjArray(o) => {
                let vals = o.data.borrow().clone();
                (vals, o.layout.shape.clone(), o.layout.strides.clone(), o.layout.offset)
            }
            other => match as_nd(other) {
                Some((_, x)) => {
                    let vals: Vec<Value> = (0..x.numel())
                        .map(|i| {
                            let flat = x.view(x.layout.reshape(&[x.numel()]).unwrap_or_else(|| x.layout.clone()));
                            super::item(&flat.view(flat.layout.select(0, i)))
                        })
                        .collect();
                    let l = Layout::contiguous(x.shape());
                    (vals, l.shape, l.strides, 0)
                }
                None => (vec![other.clone()], Vec::new(), Vec::new(), 0),
            },
        }
    }
    let (va, sa, ta, oa) = parts(a);
    let (vb, sb, tb, ob) = parts(b);
    let shape = broadcast_shapes(&sa, &sb).map_err(|_| {
        let sh = |s: &[usize]| super::ops::shape_str(Lib::Numpy, s);
        exc(
            "ValueError",
            format!(
                "operands could not be broadcast together with shapes {} {} ",
                sh(&sa),
                sh(&sb)
            ),
        )
    })?;
    let la = Layout {
        shape: sa,
        strides: ta,
        offset: oa,
    }
    .broadcast_to(&shape)
    .ok_or_else(|| super::internal("obj broadcast"))?;
    let lb = Layout {
        shape: sb,
        strides: tb,
        offset: ob,
    }
    .broadcast_to(&shape)
    .ok_or_else(|| super::internal("obj broadcast"))?;
    let xs = la.offsets().filter_map(|o| va.get(o).cloned()).collect();
    let ys = lb.offsets().filter_map(|o| vb.get(o).cloned()).collect();
    Ok((xs, ys, shape))
}

fn dtype_name(v: &Value) -> String {
    match v {
        Value::ObjArray(o) => match o.kind {
            ObjKind::Object => "dtype('O')".into(),
            ObjKind::Str(n) => format!("dtype('<U{n}')"),
        },
        Value::Int(_) => "dtype('int64')".into(),
        Value::Float(_) => "dtype('float64')".into(),
        Value::Bool(_) => "dtype('bool')".into(),
        Value::Str(s) | Value::NpStr(s) => format!("dtype('<U{}')", s.chars().count()),
        other => match as_nd(other) {
            Some((_, a)) => format!("dtype('{}')", a.dtype.numpy_name()),
            None => "dtype('O')".into(),
        },
    }
}

fn is_str_array(v: &Value) -> bool {
    matches!(v, Value::ObjArray(o) if matches!(o.kind, ObjKind::Str(_)))
}

/// `a op b` where an operand is an object or string array.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> Option<Res<Value>> {
    if !matches!(a, Value::ObjArray(_)) && !matches!(b, Value::ObjArray(_)) {
        return None;
    }
    Some((|| {
        if is_str_array(a) || is_str_array(b) {
            let strs = |v: &Value| is_str_array(v) || matches!(v, Value::Str(_) | Value::NpStr(_));
            if op != BinOp::Add || !strs(a) || !strs(b) {
                let name = match op {
                    BinOp::Add => "add",
                    BinOp::Sub => "subtract",
                    BinOp::Mul => "multiply",
                    _ => "divide",
                };
                return Err(exc(
                    "numpy._core._exceptions._UFuncNoLoopError",
                    format!(
                        "ufunc '{name}' did not contain a loop with signature matching types ({}, {}) -> None",
                        dtype_name(a),
                        dtype_name(b)
                    ),
                ));
            }
        }
        let (xs, ys, shape) = operands(a, b)?;
        let mut out = Vec::with_capacity(xs.len());
        for (x, y) in xs.iter().zip(&ys) {
            out.push(crate::interp::ops::binary(op, x, y)?);
        }
        let kind = if out.iter().all(|v| matches!(v, Value::Str(_))) && (is_str_array(a) || is_str_array(b)) {
            ObjKind::Str(out.iter().map(str_width).max().unwrap_or(1).max(1))
        } else {
            ObjKind::Object
        };
        Ok(new(out, &shape, kind))
    })())
}

/// `s == "a"` and friends: elementwise, giving a bool array.
pub fn compare(interp: &mut Interp, op: CmpOp, a: &Value, b: &Value) -> Option<Res<Value>> {
    if !matches!(a, Value::ObjArray(_)) && !matches!(b, Value::ObjArray(_)) {
        return None;
    }
    if matches!(op, CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn) {
        return None;
    }
    Some((|| {
        let (xs, ys, shape) = operands(a, b)?;
        let mut out = Vec::with_capacity(xs.len());
        for (x, y) in xs.iter().zip(&ys) {
            out.push(crate::interp::ops::compare(interp, op, x, y)?);
        }
        Ok(super::numpy_result(NdArray::from_buffer(Buffer::Bool(out), &shape)))
    })())
}

pub fn method(interp: &mut Interp, a: &ObjArray, name: &str, args: crate::value::Args) -> Res<Value> {
    match name {
        "sum" => {
            let mut vals = elements(a).into_iter();
            let Some(mut acc) = vals.next() else {
                return Ok(Value::Int(0));
            };
            for v in vals {
                acc = crate::interp::ops::binary(BinOp::Add, &acc, &v)?;
            }
            Ok(acc)
        }
        "tolist" => Ok(tolist(a, &a.layout)),
        "item" => {
            let vals = elements(a);
            if vals.len() != 1 {
                return Err(exc(
                    "ValueError",
                    "can only convert an array of size 1 to a Python scalar",
                ));
            }
            Ok(vals.into_iter().next().unwrap_or(Value::None))
        }
        "copy" => Ok(new(elements(a), &a.layout.shape, a.kind)),
        "flatten" | "ravel" => Ok(new(elements(a), &[a.layout.numel()], a.kind)),
        "reshape" => {
            let want = super::shape::dims(&args.pos)?;
            let n = a.layout.numel() as i64;
            let known: i64 = want.iter().filter(|&&d| d >= 0).product();
            let shape: Vec<usize> = want
                .iter()
                .map(|&d| {
                    if d < 0 && known > 0 {
                        (n / known) as usize
                    } else {
                        d.max(0) as usize
                    }
                })
                .collect();
            if crate::array::layout::numel(&shape) as i64 != n {
                return Err(exc(
                    "ValueError",
                    format!(
                        "cannot reshape array of size {n} into shape {}",
                        super::ops::shape_str(Lib::Numpy, &shape)
                    ),
                ));
            }
            Ok(new(elements(a), &shape, a.kind))
        }
        "astype" => {
            let d = args.pos.first().cloned().unwrap_or(Value::None);
            astype(interp, a, &d)
        }
        _ => Err(exc(
            "AttributeError",
            format!("'numpy.ndarray' object has no attribute '{name}'"),
        )),
    }
}

fn tolist(a: &ObjArray, l: &Layout) -> Value {
    if l.ndim() == 0 {
        let v = a.data.borrow().get(l.offset).cloned().unwrap_or(Value::None);
        return v;
    }
    Value::list((0..l.shape[0]).map(|i| tolist(a, &l.select(0, i))).collect())
}

/// Parses a dtype spelling that names a string or object dtype: `'<U5'`, `str`, `object`.
pub fn obj_kind(d: &Value) -> Option<ObjKind> {
    match d {
        Value::Type(crate::value::PyType::Str) => Some(ObjKind::Str(0)),
        Value::Type(crate::value::PyType::Object) => Some(ObjKind::Object),
        Value::ObjDType(k) => Some(*k),
        Value::Str(s) => match &**s {
            "O" | "object" => Some(ObjKind::Object),
            "str" | "U" | "<U" => Some(ObjKind::Str(0)),
            s => s
                .strip_prefix("<U")
                .or_else(|| s.strip_prefix('U'))
                .and_then(|n| n.parse().ok())
                .map(ObjKind::Str),
        },
        _ => None,
    }
}

pub fn astype(interp: &mut Interp, a: &ObjArray, d: &Value) -> Res<Value> {
    let vals = elements(a);
    if let Some(kind) = obj_kind(d) {
        let kind = match kind {
            ObjKind::Str(0) => ObjKind::Str(vals.iter().map(str_width).max().unwrap_or(1).max(1)),
            k => k,
        };
        let vals = match kind {
            ObjKind::Str(w) => vals.iter().map(|v| as_str(v, w)).collect(),
            ObjKind::Object => vals,
        };
        return Ok(new(vals, &a.layout.shape, kind));
    }
    // Strings to numbers go through Python's int()/float().
    let dtype = super::funcs::dtype_arg(d)?.unwrap_or(DType::F64);
    let target = if dtype.is_float() {
        crate::value::PyType::Float
    } else {
        crate::value::PyType::Int
    };
    let mut nums = Vec::with_capacity(vals.len());
    for v in vals {
        let v = match v {
            Value::NpStr(s) => Value::Str(s),
            other => other,
        };
        nums.push(crate::interp::builtins::construct(
            interp,
            target,
            crate::value::Args {
                pos: vec![v],
                kw: Vec::new(),
            },
        )?);
    }
    let arr = super::create::from_data(Lib::Numpy, &Value::list(nums), Some(dtype))?;
    let arr = arr.view(arr.layout.reshape(&a.layout.shape).unwrap_or(arr.layout.clone()));
    Ok(wrap(Lib::Numpy, arr))
}

/// Converts a numeric array to strings (`array([1, 22]).astype(str)`).
pub fn from_numeric(a: &NdArray, kind: ObjKind) -> Value {
    let vals: Vec<Value> = (0..a.numel())
        .map(|i| {
            let flat = a.view(a.layout.reshape(&[a.numel()]).unwrap_or_else(|| a.layout.clone()));
            super::item(&flat.view(flat.layout.select(0, i)))
        })
        .collect();
    let kind = match kind {
        ObjKind::Str(0) => ObjKind::Str(match a.dtype {
            DType::Bool => 5,
            d if d.is_float() => 32,
            _ => 21,
        }),
        k => k,
    };
    let vals = match kind {
        ObjKind::Str(w) => vals.iter().map(|v| as_str(v, w)).collect(),
        ObjKind::Object => vals,
    };
    new(vals, a.shape(), kind)
}

/// `np.char.upper`, `np.char.lower`, `np.char.add`.
pub fn char_fn(name: &str, args: &[Value]) -> Res<Value> {
    let a = args.first().cloned().unwrap_or(Value::None);
    match name {
        "add" => {
            let b = args.get(1).cloned().unwrap_or(Value::None);
            binary(BinOp::Add, &a, &b).unwrap_or_else(|| Err(type_error("np.char.add needs string arrays")))
        }
        _ => {
            let Value::ObjArray(o) = &a else {
                return Err(type_error(format!("np.char.{name} needs a string array")));
            };
            let vals: Vec<Value> = elements(o)
                .iter()
                .map(|v| {
                    let s = py_str(v);
                    Value::Str(
                        if name == "upper" {
                            s.to_uppercase()
                        } else {
                            s.to_lowercase()
                        }
                        .into(),
                    )
                })
                .collect();
            Ok(new(vals, &o.layout.shape, o.kind))
        }
    }
}

/// `np.sort` of a string array: a sorted copy along the last axis (1-D here).
pub fn sort(interp: &mut Interp, a: &ObjArray) -> Res<Value> {
    let vals = elements(a);
    let sorted = crate::interp::builtins::sort_list(interp, vals, None, false)?;
    Ok(new(sorted, &a.layout.shape, a.kind))
}

/// `np.char.*` and `np.sort` on string arrays.
pub fn strings(interp: &mut Interp, lib: Lib, name: &'static str, args: Args) -> Res<Value> {
    match name {
        "sort" => match args.pos.first() {
            Some(Value::ObjArray(a)) => self::sort(interp, a),
            _ => super::sorting::call(interp, lib, name, args),
        },
        _ => char_fn(name, &args.pos),
    }
}
