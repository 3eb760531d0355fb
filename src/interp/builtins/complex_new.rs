//! `complex(real=0, imag=0)` and `complex(string)`, as CPython's `complex_new`.

use super::args::{arity, kwarg};
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::value::{Args, Value, complex};

fn number(v: &Value, which: &str) -> Res<(f64, f64)> {
    match v {
        Value::Long(n) => Ok((crate::value::long::to_f64(n)?, 0.0)),
        Value::Str(_) => Err(type_error(format!(
            "complex() {which} argument must be a number, not 'str'"
        ))),
        other => complex::of(other).ok_or_else(|| {
            type_error(format!(
                "complex() {which} argument must be a number, not '{}'",
                other.type_name()
            ))
        }),
    }
}

pub fn construct(_: &mut Interp, mut args: Args) -> Res<Value> {
    let real_kw = kwarg(&mut args, "real");
    let imag_kw = kwarg(&mut args, "imag");
    if let Some((k, _)) = args.kw.first() {
        return Err(type_error(format!(
            "complex() got an unexpected keyword argument '{k}'"
        )));
    }
    arity(&args, "complex", 0, 2)?;
    let mut pos = args.pos.into_iter();
    let real = pos.next().or(real_kw);
    let imag = pos.next().or(imag_kw);
    if let Some(Value::Str(s)) = &real {
        if imag.is_some() {
            return Err(type_error("complex() can't take second arg if first is a string"));
        }
        let (re, im) = complex::parse(s).ok_or_else(|| {
            // CPython checks underscores first (each between two digits), and words
            // that error as float() does.
            let chars: Vec<char> = s.chars().collect();
            let misplaced = (0..chars.len()).any(|i| {
                chars[i] == '_'
                    && !(i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(char::is_ascii_digit))
            });
            if misplaced {
                exc(
                    "ValueError",
                    format!(
                        "could not convert string to complex: {}",
                        crate::value::repr::repr_str(s)
                    ),
                )
            } else {
                exc("ValueError", "complex() arg is a malformed string")
            }
        })?;
        crate::nd::complex::seen();
        return Ok(Value::Complex(re, im));
    }
    let (ar, ai) = match &real {
        Some(v) => number(v, "first")?,
        None => (0.0, 0.0),
    };
    let (br, bi) = match &imag {
        Some(v) => number(v, "second")?,
        None => (0.0, 0.0),
    };
    // complex(a, b) = a + b*1j; only complex parts add their cross terms, so signed
    // zeros survive as in CPython's complex_new.
    let b_complex = matches!(imag, Some(Value::Complex(..)));
    let a_complex = matches!(real, Some(Value::Complex(..)));
    let re = if b_complex { ar - bi } else { ar };
    let im = match &imag {
        None => ai,
        Some(_) if a_complex => br + ai,
        Some(_) => br,
    };
    crate::nd::complex::seen();
    Ok(Value::Complex(re, im))
}
