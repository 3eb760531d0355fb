//! Operators on arrays and tensors: each library's result dtype (NEP 50 weak scalars for
//! NumPy, category and priority for PyTorch), broadcasting with each library's error, and
//! the IR ops that compute the result.

use super::matmul::matmul;
use super::{as_nd, create, internal, result};
use crate::array::NdArray;
use crate::array::dtype::{DType, Priority, Weak, numpy_promote, numpy_with_weak, torch_result_type};
use crate::array::layout::broadcast_shapes;
use crate::error::{Res, exc, type_error};
use crate::ir::{BinaryOp, Op, UnaryOp};
use crate::syntax::ast::{BinOp, CmpOp};
use crate::value::{Lib, Value};

pub use crate::tensor::ops::{cast, run};

/// An operand: an array-like with its data, or a Python scalar.
enum Operand<'a> {
    Nd(Lib, &'a NdArray),
    Py(&'a Value, Weak),
}

fn operand(v: &Value) -> Option<Operand<'_>> {
    if let Some((lib, a)) = as_nd(v) {
        return Some(Operand::Nd(lib, a));
    }
    match v {
        Value::Bool(_) => Some(Operand::Py(v, Weak::Bool)),
        Value::Int(n) => Some(Operand::Py(v, Weak::Int(*n))),
        Value::Float(_) => Some(Operand::Py(v, Weak::Float)),
        Value::Complex(..) => Some(Operand::Py(v, Weak::Complex)),
        _ => None,
    }
}

pub fn shape_str(lib: Lib, shape: &[usize]) -> String {
    match lib {
        // NumPy's broadcast message prints `(2,3)`.
        Lib::Numpy => match shape {
            [n] => format!("({n},)"),
            _ => format!(
                "({})",
                shape.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(",")
            ),
        },
        Lib::Torch => format!(
            "[{}]",
            shape.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// Fails, before allocating, when an array of `shape` cannot fit in memory, with the
/// library's error: NumPy's `_ArrayMemoryError` (or "array is too big" past what an
/// address can count), PyTorch's allocator `RuntimeError` (or its size overflow).
pub fn check_alloc(lib: Lib, shape: &[usize], d: DType) -> Res<()> {
    check_bytes(lib, shape, d.itemsize(), d.itemsize(), d.numpy_name())
}

/// `check_alloc` where making the array needs `working` bytes per element (a float64
/// buffer beside it, say), reported as the library reports the array alone.
pub fn check_alloc_working(lib: Lib, shape: &[usize], d: DType, working: usize) -> Res<()> {
    check_bytes(lib, shape, d.itemsize(), working, d.numpy_name())
}

/// `check_alloc` for elements of `itemsize` bytes whose type NumPy calls `type_name`,
/// `working` bytes each while it is made (object and string arrays too).
pub fn check_bytes(lib: Lib, shape: &[usize], itemsize: usize, working: usize, type_name: &str) -> Res<()> {
    let count = |size: usize| {
        shape
            .iter()
            .try_fold(size as u64, |acc, &n| acc.checked_mul(n as u64))
            .filter(|&b| b <= i64::MAX as u64)
    };
    let bytes = count(itemsize);
    let fits = count(working.max(itemsize)).is_some_and(crate::memory::fits);
    match (lib, bytes) {
        (_, Some(_)) if fits => Ok(()),
        (Lib::Numpy, None) => Err(crate::error::exc(
            "ValueError",
            "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
        )),
        (Lib::Numpy, b) => Err(crate::error::exc(
            "numpy._core._exceptions._ArrayMemoryError",
            crate::array::unable(shape, b, type_name),
        )),
        (Lib::Torch, None) => Err(crate::error::exc(
            "RuntimeError",
            format!(
                "Storage size calculation overflowed with sizes={}",
                shape_str(lib, shape)
            ),
        )),
        (Lib::Torch, Some(b)) => Err(crate::error::exc(
            "RuntimeError",
            format!(
                "[enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate {b} bytes. Error code 12 (Cannot allocate memory)"
            ),
        )),
    }
}

/// Writes `src` into the existing array `dst` (in-place operators, `out=`, `*_` methods):
/// `src` must broadcast to exactly `dst`'s shape; it is cast to `dst`'s dtype.
pub fn write_into(lib: Lib, dst: &NdArray, src: &NdArray) -> Res<()> {
    if lib == Lib::Numpy && dst.layout.repeats() {
        return Err(exc("ValueError", "output array is read-only"));
    }
    let (d, s) = broadcast2(lib, dst, src)?;
    if d.shape() != dst.shape() {
        let (want, got) = (shape_str(lib, dst.shape()), shape_str(lib, d.shape()));
        return Err(match lib {
            Lib::Numpy => exc(
                "ValueError",
                format!("non-broadcastable output operand with shape {want} doesn't match the broadcast shape {got}"),
            ),
            Lib::Torch => exc(
                "RuntimeError",
                format!("output with shape {want} doesn't match the broadcast shape {got}"),
            ),
        });
    }
    crate::realise::assign(dst, &cast(&s, dst.dtype)?).map_err(internal)
}

/// Broadcasts two arrays to a common shape, with the library's error.
pub fn broadcast2(lib: Lib, a: &NdArray, b: &NdArray) -> Res<(NdArray, NdArray)> {
    let shape = broadcast_shapes(a.shape(), b.shape()).map_err(|dim| match lib {
        Lib::Numpy => exc(
            "ValueError",
            format!(
                "operands could not be broadcast together with shapes {} {} ",
                shape_str(lib, a.shape()),
                shape_str(lib, b.shape())
            ),
        ),
        Lib::Torch => torch_size_mismatch(a.shape(), b.shape(), dim),
    })?;
    let la = a.layout.broadcast_to(&shape).ok_or_else(|| internal("broadcast a"))?;
    let lb = b.layout.broadcast_to(&shape).ok_or_else(|| internal("broadcast b"))?;
    Ok((a.view(la), b.view(lb)))
}

/// PyTorch's broadcast of two shapes (aten's `infer_size`).
pub fn torch_broadcast_shape(a: &[usize], b: &[usize]) -> Res<Vec<usize>> {
    broadcast_shapes(a, b).map_err(|dim| torch_size_mismatch(a, b, dim))
}

fn torch_size_mismatch(a: &[usize], b: &[usize], dim: usize) -> Box<crate::error::Exc> {
    let n = a.len().max(b.len());
    let size = |x: &[usize]| {
        let k = dim + x.len();
        if k >= n { x[k - n] } else { 1 }
    };
    exc(
        "RuntimeError",
        format!(
            "The size of tensor a ({}) must match the size of tensor b ({}) at non-singleton dimension {dim}",
            size(a),
            size(b)
        ),
    )
}

pub fn ufunc_name(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "add",
        BinOp::Sub => "subtract",
        BinOp::Mul => "multiply",
        BinOp::Div => "divide",
        BinOp::FloorDiv => "floor_divide",
        BinOp::Mod => "remainder",
        BinOp::Pow => "power",
        BinOp::BitAnd => "bitwise_and",
        BinOp::BitOr => "bitwise_or",
        BinOp::BitXor => "bitwise_xor",
        BinOp::LShift => "left_shift",
        BinOp::RShift => "right_shift",
        BinOp::MatMul => "matmul",
    }
}

/// The library whose rules apply: a tensor anywhere makes it PyTorch.
/// The dtype `a op b` has, without computing it (None unless both are arrays or numbers).
pub fn result_dtype(op: BinOp, av: &Value, bv: &Value) -> Option<Res<DType>> {
    let (a, b) = (operand(av)?, operand(bv)?);
    let lib = lib_of(&a, &b);
    Some(promote(lib, &a, &b).map(|d| match (op, lib) {
        (BinOp::Div, Lib::Numpy) if !d.is_float() => DType::F64,
        (BinOp::Div, Lib::Torch) if !d.is_float() => DType::F32,
        _ => d,
    }))
}

fn lib_of(a: &Operand, b: &Operand) -> Lib {
    match (a, b) {
        (Operand::Nd(Lib::Torch, ..), _) | (_, Operand::Nd(Lib::Torch, ..)) => Lib::Torch,
        _ => Lib::Numpy,
    }
}

/// Result dtype of an elementwise op before op-specific adjustments, and both operands
/// as arrays of that dtype.
fn promote(lib: Lib, a: &Operand, b: &Operand) -> Res<DType> {
    match lib {
        Lib::Numpy => {
            let strong: Vec<DType> = [a, b]
                .iter()
                .filter_map(|o| match o {
                    Operand::Nd(_, x) => Some(x.dtype),
                    _ => None,
                })
                .collect();
            let mut d = strong
                .iter()
                .copied()
                .reduce(numpy_promote)
                .ok_or_else(|| internal("no array operand"))?;
            for o in [a, b] {
                if let Operand::Py(_, w) = o {
                    d = numpy_with_weak(d, *w).map_err(|m| exc("OverflowError", m))?;
                }
            }
            Ok(d)
        }
        Lib::Torch => {
            let ops: Vec<(DType, Priority)> = [a, b]
                .iter()
                .map(|o| match o {
                    Operand::Nd(_, x) => (
                        x.dtype,
                        if x.ndim() == 0 {
                            Priority::ZeroDim
                        } else {
                            Priority::Dim
                        },
                    ),
                    Operand::Py(_, Weak::Bool) => (DType::Bool, Priority::Scalar),
                    Operand::Py(_, Weak::Int(_)) => (DType::I64, Priority::Scalar),
                    Operand::Py(_, Weak::Float) => (DType::F32, Priority::Scalar),
                    Operand::Py(_, Weak::Complex) => (DType::C64, Priority::Scalar),
                })
                .collect();
            Ok(torch_result_type(&ops))
        }
    }
}

fn to_array(o: &Operand, d: DType) -> Res<NdArray> {
    match o {
        Operand::Nd(_, x) => cast(x, d),
        Operand::Py(v, _) => create::scalar(v, d),
    }
}

fn any_negative(a: &NdArray) -> bool {
    crate::realise::to_i128s(a)
        .map(|v| v.iter().any(|&x| x < 0))
        .unwrap_or(false)
}

fn any_zero(a: &NdArray) -> bool {
    crate::realise::to_i128s(a)
        .map(|v| v.iter().any(|&x| x == 0))
        .unwrap_or(false)
}

/// `a op b` where at least one side is an array or tensor; `None` if neither is.
/// A list or tuple meeting a NumPy array or scalar becomes an array first, as NumPy's
/// operators convert it (`a == [1, 2]` compares elementwise); PyTorch's do not.
fn listed(av: &Value, bv: &Value) -> Option<Res<(Value, Value)>> {
    let seq = |v: &Value| matches!(v, Value::List(_) | Value::Tuple(_));
    let numpy = |v: &Value| matches!(as_nd(v), Some((Lib::Numpy, _)));
    let conv = |v: &Value| create::from_data(Lib::Numpy, v, None).map(|a| result(Lib::Numpy, a));
    if numpy(av) && seq(bv) {
        return Some(conv(bv).map(|b| (av.clone(), b)));
    }
    if seq(av) && numpy(bv) {
        return Some(conv(av).map(|a| (a, bv.clone())));
    }
    None
}

pub fn binary(op: BinOp, av: &Value, bv: &Value) -> Option<Res<Value>> {
    if as_nd(av).is_none() && as_nd(bv).is_none() {
        return None;
    }
    if let Some(pair) = listed(av, bv) {
        return Some(
            pair.and_then(|(a, b)| binary(op, &a, &b).unwrap_or_else(|| Err(super::internal("list operand")))),
        );
    }
    let unsupported = || {
        type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            av.type_name(),
            bv.type_name()
        ))
    };
    let (Some(a), Some(b)) = (operand(av), operand(bv)) else {
        return Some(Err(unsupported()));
    };
    if op == BinOp::MatMul {
        return Some(matmul_values(&a, &b, av, bv).unwrap_or_else(|| Err(unsupported())));
    }
    Some(elementwise(op, &a, &b))
}

fn elementwise(op: BinOp, a: &Operand, b: &Operand) -> Res<Value> {
    let lib = lib_of(a, b);
    let mut d = promote(lib, a, b)?;
    let name = ufunc_name(op);
    let prim = match op {
        BinOp::Add => BinaryOp::Add,
        BinOp::Sub => BinaryOp::Sub,
        BinOp::Mul => BinaryOp::Mul,
        BinOp::Div => BinaryOp::Div,
        BinOp::FloorDiv => BinaryOp::FloorDiv,
        BinOp::Mod => BinaryOp::Mod,
        BinOp::Pow => BinaryOp::Pow,
        BinOp::BitAnd => BinaryOp::And,
        BinOp::BitOr => BinaryOp::Or,
        BinOp::BitXor => BinaryOp::Xor,
        BinOp::LShift => BinaryOp::Shl,
        BinOp::RShift => BinaryOp::Shr,
        BinOp::MatMul => return Err(super::internal("matmul in elementwise")),
    };
    let prim = if prim == BinaryOp::Mod && lib == Lib::Torch {
        BinaryOp::Remainder
    } else {
        prim
    };
    if op == BinOp::Sub && d == DType::Bool {
        return Err(match lib {
            Lib::Numpy => type_error(
                "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
            ),
            Lib::Torch => exc(
                "NotImplementedError",
                "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.",
            ),
        });
    }
    // PyTorch also refuses `-` with one bool tensor (`1 - mask`).
    let bool_tensor = |o: &Operand| {
        matches!(o, Operand::Nd(Lib::Torch, x) if x.dtype == DType::Bool) || matches!(o, Operand::Py(Value::Bool(_), _))
    };
    if op == BinOp::Sub && lib == Lib::Torch && (bool_tensor(a) || bool_tensor(b)) {
        return Err(exc(
            "NotImplementedError",
            "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
        ));
    }
    if d.is_complex() && prim == BinaryOp::Pow {
        return Err(exc(
            "NotImplementedError",
            "nt: ** of complex numbers is not supported yet",
        ));
    }
    if matches!(
        prim,
        BinaryOp::And | BinaryOp::Or | BinaryOp::Xor | BinaryOp::Shl | BinaryOp::Shr
    ) && (d.is_float() || d.is_complex())
        || d.is_complex() && matches!(prim, BinaryOp::FloorDiv | BinaryOp::Mod | BinaryOp::Remainder)
    {
        let kernel = match prim {
            BinaryOp::FloorDiv => "div_floor",
            BinaryOp::Mod | BinaryOp::Remainder => "remainder",
            _ => name,
        };
        // PyTorch broadcasts before it looks for a kernel.
        if let (Lib::Torch, Operand::Nd(_, x), Operand::Nd(_, y)) = (lib, a, b) {
            broadcast2(lib, x, y)?;
        }
        return Err(match lib {
            Lib::Numpy => type_error(format!(
                "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
            )),
            Lib::Torch => exc(
                "NotImplementedError",
                format!("\"{kernel}_cpu\" not implemented for '{}'", d.torch_scalar_name()),
            ),
        });
    }
    // True division of integers gives the library's default float.
    if op == BinOp::Div && !d.is_float() && !d.is_complex() {
        d = match lib {
            Lib::Numpy => DType::F64,
            Lib::Torch => DType::F32,
        };
    }
    // NumPy has no bool loop for `//`, `%` and `**`: booleans take the int8 one.
    if lib == Lib::Numpy && d == DType::Bool && matches!(op, BinOp::FloorDiv | BinOp::Mod | BinOp::Pow) {
        d = DType::I8;
    }
    if let Some(out) = small_scalar_op(prim, d, a, b) {
        return Ok(result(lib, out));
    }
    let (x, y) = (to_array(a, d)?, to_array(b, d)?);
    // (An empty base computes nothing, so NumPy never sees the negative exponent.)
    if op == BinOp::Pow && !d.is_float() && x.numel() > 0 && any_negative(&y) {
        let msg = "Integers to negative integer powers are not allowed.";
        return Err(match lib {
            Lib::Numpy => exc("ValueError", msg),
            Lib::Torch => exc("RuntimeError", msg),
        });
    }
    if lib == Lib::Torch && matches!(op, BinOp::FloorDiv | BinOp::Mod) && !d.is_float() && any_zero(&y) {
        return Err(exc("RuntimeError", "ZeroDivisionError"));
    }
    // A scalar exponent with a fast path in the library (NumPy's fast_scalar_power,
    // PyTorch's pow_tensor_scalar_optimized_kernel) is computed as the library computes
    // it: `x ** 2` is `x * x`, PyTorch's `x ** 3` is `(x * x) * x`, `x ** 0.5` a square
    // root, `x ** -1` a reciprocal, and so on; the same bits, and signed zeros.
    if prim == BinaryOp::Pow && d.is_float() && y.numel() == 1 && y.ndim() <= x.ndim() {
        let e = crate::realise::to_f64s(&y).map(|v| v[0]).unwrap_or(f64::NAN);
        let torch = lib == Lib::Torch;
        let mul = |p: &NdArray, q: &NdArray| run(Op::Binary(BinaryOp::Mul), &[p, q]);
        let one = || -> Res<NdArray> {
            let o = create::scalar(&Value::Float(1.0), d)?;
            Ok(broadcast2(lib, &o, &x)?.0)
        };
        let div = |p: &NdArray, q: &NdArray| run(Op::Binary(BinaryOp::Div), &[p, q]);
        let sqrt = |p: &NdArray| run(Op::exact(UnaryOp::Sqrt), &[p]);
        let out = match e {
            2.0 => Some(mul(&x, &x)?),
            3.0 if torch => Some(mul(&mul(&x, &x)?, &x)?),
            0.5 => Some(sqrt(&x)?),
            -0.5 if torch => Some(div(&one()?, &sqrt(&x)?)?),
            -1.0 => Some(div(&one()?, &x)?),
            -2.0 if torch => Some(div(&one()?, &mul(&x, &x)?)?),
            _ => None,
        };
        if let Some(out) = out {
            return Ok(result(lib, out));
        }
    }
    let (x, y) = broadcast2(lib, &x, &y)?;
    let out = run(Op::Binary(prim), &[&x, &y])?;
    Ok(result(lib, out))
}

/// `x + 1.0`, `2 * x`, … on a small contiguous float32/float64 array of dtype `d` and a
/// Python number: the interpreter-loop case, computed at once without the general path's
/// scalar array, broadcast views and kernel dispatch. The same bits as that path (one
/// IEEE operation per element on the scalar converted to `d`); `None` for anything else.
fn small_scalar_op(prim: BinaryOp, d: DType, a: &Operand, b: &Operand) -> Option<NdArray> {
    if !matches!(prim, BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div) || crate::ir::tracing() {
        return None;
    }
    let (x, s, scalar_first) = match (a, b) {
        (Operand::Nd(_, x), Operand::Py(s, _)) => (*x, *s, false),
        (Operand::Py(s, _), Operand::Nd(_, x)) => (*x, *s, true),
        _ => return None,
    };
    let n = x.numel();
    if x.dtype != d || n == 0 || n > 4096 || !x.layout.is_contiguous() {
        return None;
    }
    // Integers convert exactly below 2^24; larger ones and floats that overflow the
    // dtype take the general path, with its conversion rules.
    let s = match s {
        Value::Float(f) if f.abs() <= f32::MAX as f64 || f.is_nan() => *f,
        Value::Int(i) if i.unsigned_abs() <= 1 << 24 => *i as f64,
        _ => return None,
    };
    fn go<
        T: Copy
            + std::ops::Add<Output = T>
            + std::ops::Sub<Output = T>
            + std::ops::Mul<Output = T>
            + std::ops::Div<Output = T>,
    >(
        prim: BinaryOp,
        v: &[T],
        s: T,
        scalar_first: bool,
    ) -> Vec<T> {
        let f: fn(T, T) -> T = match prim {
            BinaryOp::Add => |p, q| p + q,
            BinaryOp::Sub => |p, q| p - q,
            BinaryOp::Mul => |p, q| p * q,
            _ => |p, q| p / q,
        };
        if scalar_first {
            v.iter().map(|&e| f(s, e)).collect()
        } else {
            v.iter().map(|&e| f(e, s)).collect()
        }
    }
    let storage = x.storage.borrow();
    let range = x.layout.offset..x.layout.offset + n;
    let buf = match &*storage {
        crate::array::storage::Buffer::F32(v) => {
            crate::array::storage::Buffer::F32(go(prim, v.get(range)?, s as f32, scalar_first))
        }
        crate::array::storage::Buffer::F64(v) => {
            crate::array::storage::Buffer::F64(go(prim, v.get(range)?, s, scalar_first))
        }
        _ => return None,
    };
    Some(NdArray::from_buffer(buf, x.shape()))
}

/// `a == b`, `a < b`, …: elementwise, giving bool arrays.
pub fn compare(op: CmpOp, av: &Value, bv: &Value) -> Option<Res<Value>> {
    if as_nd(av).is_none() && as_nd(bv).is_none() {
        return None;
    }
    if !matches!(op, CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn)
        && let Some(pair) = listed(av, bv)
    {
        return Some(
            pair.and_then(|(a, b)| compare(op, &a, &b).unwrap_or_else(|| Err(super::internal("list operand")))),
        );
    }
    let prim = match op {
        CmpOp::Eq => BinaryOp::Eq,
        CmpOp::Ne => BinaryOp::Ne,
        CmpOp::Lt => BinaryOp::Lt,
        CmpOp::Le => BinaryOp::Le,
        CmpOp::Gt => BinaryOp::Gt,
        CmpOp::Ge => BinaryOp::Ge,
        CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn => return None,
    };
    let (Some(a), Some(b)) = (operand(av), operand(bv)) else {
        // NumPy and PyTorch compare unequal to unrelated objects.
        return match op {
            CmpOp::Eq => Some(Ok(Value::Bool(false))),
            CmpOp::Ne => Some(Ok(Value::Bool(true))),
            _ => Some(Err(type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                av.type_name(),
                bv.type_name()
            )))),
        };
    };
    Some((|| {
        let lib = lib_of(&a, &b);
        let d = promote(lib, &a, &b)?;
        if d.is_complex() && lib == Lib::Torch && !matches!(prim, BinaryOp::Eq | BinaryOp::Ne) {
            let k = format!("{prim:?}").to_lowercase();
            return Err(exc(
                "NotImplementedError",
                format!("\"{k}_cpu\" not implemented for '{}'", d.torch_scalar_name()),
            ));
        }
        let (x, y) = (to_array(&a, d)?, to_array(&b, d)?);
        let (x, y) = broadcast2(lib, &x, &y)?;
        Ok(result(lib, run(Op::Binary(prim), &[&x, &y])?))
    })())
}

/// `-a`, `+a`, `~a`, `abs(a)`.
pub fn unary(op: UnaryOp, v: &Value) -> Option<Res<Value>> {
    let (lib, a) = as_nd(v)?;
    Some((|| {
        if a.dtype == DType::Bool && op == UnaryOp::Neg {
            return Err(match lib {
                Lib::Numpy => type_error(
                    "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
                ),
                Lib::Torch => exc(
                    "NotImplementedError",
                    "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
                ),
            });
        }
        if a.dtype == DType::Bool && op == UnaryOp::Abs && lib == Lib::Torch {
            return Err(exc("NotImplementedError", "\"abs_cpu\" not implemented for 'Bool'"));
        }
        if op == UnaryOp::Not && a.dtype.is_float() {
            return Err(match lib {
                Lib::Numpy => type_error(
                    "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
                ),
                Lib::Torch => type_error("~ (operator.invert) is only implemented on integer and Boolean-type tensors"),
            });
        }
        if a.dtype.is_complex() {
            return Ok(result(lib, super::unary::complex_unary(lib, op, a)?));
        }
        Ok(result(lib, run(Op::Unary(op, lib.math()), &[a])?))
    })())
}

/// `a @ b` for arrays and tensors.
fn matmul_values(a: &Operand, b: &Operand, av: &Value, bv: &Value) -> Option<Res<Value>> {
    if let (Operand::Nd(Lib::Numpy, x), Operand::Py(v, _)) | (Operand::Py(v, _), Operand::Nd(Lib::Numpy, x)) = (a, b) {
        // NumPy turns the scalar into a 0-d array, which matmul rejects.
        let s = match create::from_data(Lib::Numpy, v, None) {
            Ok(s) => s,
            Err(e) => return Some(Err(e)),
        };
        let (p, q) = if matches!(a, Operand::Py(..)) {
            (&s, *x)
        } else {
            (*x, &s)
        };
        return Some(matmul(Lib::Numpy, p, q).map(|r| result(Lib::Numpy, r)));
    }
    let (Operand::Nd(la, x), Operand::Nd(lb, y)) = (a, b) else {
        return None;
    };
    let lib = if *la == Lib::Torch || *lb == Lib::Torch {
        Lib::Torch
    } else {
        Lib::Numpy
    };
    let grads = [requires_grad(av), requires_grad(bv)];
    Some(super::matmul::matmul_with(lib, x, y, grads).map(|r| result(lib, r)))
}

fn requires_grad(v: &Value) -> bool {
    matches!(v, Value::Tensor(t) if t.requires_grad.get())
}

/// An operator between an array or tensor and a Python int past 64 bits: float arrays
/// take the int as a float (NumPy converts any such int; PyTorch those within 64 bits);
/// integer arrays refuse it as the libraries do. `None` when no operand is such a pair.
pub fn long_operand(a: &Value, b: &Value) -> Option<Res<(Value, Value)>> {
    let (big, other, big_first) = match (a, b) {
        (Value::Long(x), o) => (x, o, true),
        (o, Value::Long(x)) => (x, o, false),
        _ => return None,
    };
    let (lib, arr) = as_nd(other)?;
    let float = arr.dtype.is_float();
    let r = match lib {
        Lib::Numpy if float => crate::value::long::to_f64(big).map(Value::Float),
        Lib::Numpy => Err(crate::error::exc(
            "OverflowError",
            "Python int too large to convert to C long",
        )),
        Lib::Torch if float && num_traits::ToPrimitive::to_u64(&**big).is_some() => {
            crate::value::long::to_f64(big).map(Value::Float)
        }
        Lib::Torch => Err(crate::error::exc("OverflowError", "int too big to convert")),
    };
    Some(r.map(|f| {
        if big_first {
            (f, other.clone())
        } else {
            (other.clone(), f)
        }
    }))
}
