//! Elementwise functions of one array (`np.exp`, `torch.floor`, `t.round(decimals)`), with
//! each library's result dtype and its refusals (PyTorch's missing bool kernels).

use super::funcs::{float_result, nd_arg};
use super::ops::{broadcast2, cast, run};
use super::{create, result, wrap};
use crate::array::dtype::DType;
use crate::error::{Res, exc, type_error};
use crate::ir::{BinaryOp, Op, UnaryOp};
use crate::value::{Lib, Value};

/// The names a unary primitive answers to: NumPy functions, PyTorch functions, `Tensor`
/// methods. Exhaustive, so a new `UnaryOp` does not compile until it is named here; the
/// modules, the method lists, the registry and completion read these.
pub struct Names {
    pub numpy: &'static [&'static str],
    pub torch: &'static [&'static str],
    pub method: &'static [&'static str],
}

pub fn names(op: UnaryOp) -> Names {
    // Most primitives have one name everywhere.
    let same = |n: &'static [&'static str]| Names {
        numpy: n,
        torch: n,
        method: n,
    };
    match op {
        UnaryOp::Neg => Names {
            numpy: &["negative"],
            torch: &["neg", "negative"],
            method: &["neg"],
        },
        UnaryOp::Not => Names {
            numpy: &["logical_not", "invert", "bitwise_not"],
            torch: &["logical_not", "bitwise_not"],
            method: &["bitwise_not"],
        },
        UnaryOp::Abs => Names {
            numpy: &["abs", "absolute"],
            torch: &["abs"],
            method: &["abs"],
        },
        UnaryOp::Round => Names {
            numpy: &["round", "around", "rint"],
            torch: &["round"],
            method: &["round"],
        },
        UnaryOp::Exp => same(&["exp"]),
        UnaryOp::Log => same(&["log"]),
        UnaryOp::Log2 => same(&["log2"]),
        UnaryOp::Log10 => same(&["log10"]),
        UnaryOp::Sqrt => same(&["sqrt"]),
        UnaryOp::Sin => same(&["sin"]),
        UnaryOp::Cos => same(&["cos"]),
        UnaryOp::Tan => same(&["tan"]),
        UnaryOp::Tanh => same(&["tanh"]),
        UnaryOp::Sign => same(&["sign"]),
        UnaryOp::Floor => same(&["floor"]),
        UnaryOp::Ceil => same(&["ceil"]),
        UnaryOp::Trunc => Names {
            numpy: &["trunc", "fix"],
            torch: &["trunc", "fix"],
            method: &["trunc", "fix"],
        },
        UnaryOp::Asin => Names {
            numpy: &["arcsin", "asin"],
            torch: &["asin", "arcsin"],
            method: &["asin", "arcsin"],
        },
        UnaryOp::Acos => Names {
            numpy: &["arccos", "acos"],
            torch: &["acos", "arccos"],
            method: &["acos", "arccos"],
        },
        UnaryOp::Atan => Names {
            numpy: &["arctan", "atan"],
            torch: &["atan", "arctan"],
            method: &["atan", "arctan"],
        },
        UnaryOp::Asinh => Names {
            numpy: &["arcsinh", "asinh"],
            torch: &["asinh", "arcsinh"],
            method: &["asinh", "arcsinh"],
        },
        UnaryOp::Acosh => Names {
            numpy: &["arccosh", "acosh"],
            torch: &["acosh", "arccosh"],
            method: &["acosh", "arccosh"],
        },
        UnaryOp::Atanh => Names {
            numpy: &["arctanh", "atanh"],
            torch: &["atanh", "arctanh"],
            method: &["atanh", "arctanh"],
        },
        UnaryOp::Sinh => same(&["sinh"]),
        UnaryOp::Cosh => same(&["cosh"]),
        UnaryOp::Expm1 => same(&["expm1"]),
        UnaryOp::Log1p => same(&["log1p"]),
        UnaryOp::Exp2 => same(&["exp2"]),
        // PyTorch has no cbrt; NumPy has no erf (SciPy's).
        UnaryOp::Cbrt => Names {
            numpy: &["cbrt"],
            torch: &[],
            method: &[],
        },
        UnaryOp::Erf => Names {
            numpy: &[],
            torch: &["erf"],
            method: &["erf"],
        },
        UnaryOp::Erfc => Names {
            numpy: &[],
            torch: &["erfc"],
            method: &["erfc"],
        },
        UnaryOp::Conj => Names {
            numpy: &["conjugate", "conj"],
            torch: &["conj", "conj_physical"],
            method: &["conj"],
        },
        // Real-valued results of complex numbers: `np.imag`, `np.angle` (funcs.rs).
        UnaryOp::Imag | UnaryOp::Angle => Names {
            numpy: &[],
            torch: &[],
            method: &[],
        },
    }
}

/// The primitive a function or method name stands for, in either library.
pub fn op_named(name: &str) -> Option<UnaryOp> {
    UnaryOp::ALL.iter().copied().find(|&op| {
        let n = names(op);
        n.numpy.contains(&name) || n.torch.contains(&name) || n.method.contains(&name)
    })
}

/// `np.exp(a)`, `torch.sqrt(t)`, `t.floor()`…
pub fn unary_math(lib: Lib, op: UnaryOp, v: &Value) -> Res<Value> {
    let a = nd_arg(lib, v)?;
    if op == UnaryOp::Not && a.dtype.is_float() {
        return Err(match lib {
            Lib::Numpy => type_error(
                "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
            ),
            Lib::Torch => exc(
                "NotImplementedError",
                format!(
                    "\"bitwise_not_cpu\" not implemented for '{}'",
                    a.dtype.torch_scalar_name()
                ),
            ),
        });
    }
    if a.dtype == DType::Bool {
        match (op, lib) {
            (UnaryOp::Neg, _) => {
                if let Some(r) = super::ops::unary(op, &wrap(lib, a.clone())) {
                    return r;
                }
            }
            (UnaryOp::Abs, Lib::Torch) => {
                return Err(exc("NotImplementedError", "\"abs_cpu\" not implemented for 'Bool'"));
            }
            (UnaryOp::Floor | UnaryOp::Ceil | UnaryOp::Round | UnaryOp::Trunc, Lib::Torch) => {
                let name = match op {
                    UnaryOp::Floor => "floor",
                    UnaryOp::Ceil => "ceil",
                    UnaryOp::Trunc => "trunc",
                    _ => "round",
                };
                return Err(exc(
                    "NotImplementedError",
                    format!("\"{name}_vml_cpu\" not implemented for 'Bool'"),
                ));
            }
            // NumPy rounds booleans in its smallest float.
            (UnaryOp::Round, Lib::Numpy) => {
                let h = wrap(lib, cast(&a, DType::F16)?);
                return unary_math(lib, op, &h);
            }
            (UnaryOp::Sign, Lib::Numpy) => {
                return Err(exc(
                    "numpy._core._exceptions._UFuncNoLoopError",
                    "ufunc 'sign' did not contain a loop with signature matching types <class 'numpy.dtypes.BoolDType'> -> None",
                ));
            }
            _ => {}
        }
    }
    if a.dtype.is_complex() {
        let r = result(lib, complex_unary(lib, op, &a)?);
        if lib == Lib::Torch {
            return crate::nd::record::primitive(op, r, v);
        }
        return Ok(r);
    }
    let d = match op {
        UnaryOp::Conj => a.dtype,
        UnaryOp::Abs
        | UnaryOp::Neg
        | UnaryOp::Sign
        | UnaryOp::Floor
        | UnaryOp::Ceil
        | UnaryOp::Round
        | UnaryOp::Trunc
        | UnaryOp::Not => a.dtype,
        _ => float_result(lib, a.dtype),
    };
    let x = cast(&a, d)?;
    // PyTorch's exp2 and atanh: SLEEF on whole vector blocks, glibc on each loop's tail.
    let kernel = match op {
        UnaryOp::Exp2 => Some(crate::backend::cpu::torch_act::Act::Exp2),
        UnaryOp::Atanh => Some(crate::backend::cpu::torch_act::Act::Atanh),
        _ => None,
    };
    let r = match kernel {
        Some(k) if lib == Lib::Torch && crate::realise::kernels::applies(&x) => {
            result(lib, crate::realise::kernels::forward(&x, k).map_err(super::internal)?)
        }
        _ => result(lib, run(Op::Unary(op, lib.math()), &[&x])?),
    };
    if lib == Lib::Torch {
        return crate::nd::record::primitive(op, r, v);
    }
    Ok(r)
}

/// A unary primitive on complex numbers: `abs`, `angle` and `imag` give the real type
/// of the parts; `neg` and `conj` keep the type. Others are refused.
pub fn complex_unary(lib: Lib, op: UnaryOp, a: &crate::array::NdArray) -> Res<crate::array::NdArray> {
    match op {
        UnaryOp::Neg | UnaryOp::Conj => run(Op::exact(op), &[a]),
        UnaryOp::Abs | UnaryOp::Angle | UnaryOp::Imag => {
            cast(&run(Op::Unary(op, lib.math()), &[a])?, a.dtype.to_real())
        }
        UnaryOp::Not => Err(match lib {
            Lib::Numpy => type_error(
                "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
            ),
            Lib::Torch => type_error("~ (operator.invert) is only implemented on integer and Boolean-type tensors"),
        }),
        _ => {
            let name = names(op)
                .numpy
                .first()
                .or(names(op).torch.first())
                .copied()
                .unwrap_or("this function");
            Err(exc(
                "NotImplementedError",
                format!("nt: {name} of complex numbers is not supported yet"),
            ))
        }
    }
}

/// `np.round(a, decimals)`: `rint(a * 10**d) / 10**d`, as NumPy computes it.
pub fn round_decimals(lib: Lib, v: &Value, decimals: i64) -> Res<Value> {
    let a = nd_arg(lib, v)?;
    if lib == Lib::Torch && decimals != 0 && !a.dtype.is_float() {
        return Err(exc(
            "NotImplementedError",
            format!("\"round_cpu\" not implemented for '{}'", a.dtype.torch_scalar_name()),
        ));
    }
    if !a.dtype.is_float() && decimals < 0 && a.dtype != DType::Bool {
        // NumPy rounds integers to tens, hundreds…: a / 10**-d in float64, rint, back to
        // the integer type, times 10**-d there.
        let f = 10i128
            .checked_pow(decimals.unsigned_abs().min(38) as u32)
            .unwrap_or(i128::MAX);
        let scale = create::scalar(&Value::Float(f as f64), DType::F64)?;
        let (x, s) = broadcast2(lib, &cast(&a, DType::F64)?, &scale)?;
        let r = run(
            Op::exact(UnaryOp::Round),
            &[&run(Op::Binary(BinaryOp::Div), &[&x, &s])?],
        )?;
        let r = cast(&r, a.dtype)?;
        let back = create::scalar(&Value::Int(f.min(i64::MAX as i128) as i64), a.dtype)?;
        let (r, b) = broadcast2(lib, &r, &back)?;
        return Ok(result(lib, run(Op::Binary(BinaryOp::Mul), &[&r, &b])?));
    }
    if decimals == 0 || !a.dtype.is_float() {
        return unary_math(lib, UnaryOp::Round, v);
    }
    let scale = create::scalar(
        &Value::Float(10f64.powi(decimals.unsigned_abs().min(400) as i32)),
        a.dtype,
    )?;
    let (up, down) = if decimals > 0 {
        (BinaryOp::Mul, BinaryOp::Div)
    } else {
        (BinaryOp::Div, BinaryOp::Mul)
    };
    let (x, s) = broadcast2(lib, &a, &scale)?;
    let scaled = run(Op::Binary(up), &[&x, &s])?;
    let r = run(Op::exact(UnaryOp::Round), &[&scaled])?;
    let (r, s) = broadcast2(lib, &r, &scale)?;
    Ok(result(lib, run(Op::Binary(down), &[&r, &s])?))
}
