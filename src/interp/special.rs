//! The data model's special methods on instances of user classes: operators
//! (`__add__`, reflected `__radd__`, in-place `__iadd__`, `__neg__`, comparisons),
//! `__repr__`/`__str__`, `__len__`, `__bool__`, `__getitem__`/`__setitem__`,
//! `__contains__`, `__iter__`/`__next__`. Each hook answers `None` when the value is not
//! such an instance or its class does not define the method, and the builtin behaviour
//! applies.

use super::Interp;
use crate::error::{Res, type_error};
use crate::sym;
use crate::syntax::ast::{BinOp, CmpOp, UnOp};
use crate::syntax::symbol::Sym;
use crate::value::{Args, Value};

/// The function `name` of `v`'s class, when `v` is an instance of a class defining it.
fn method(v: &Value, name: Sym) -> Option<Value> {
    let class = match v {
        Value::Object(o) => &o.class,
        // A user exception class's own methods (`__str__`).
        Value::Exception(e) => &e.class,
        _ => return None,
    };
    class.method(name).filter(|m| matches!(m, Value::Function(_)))
}

/// Whether comparing `v` may run a user's `__eq__` (an instance, or a container
/// holding one, looked for a few levels deep).
fn needs_user_eq(v: &Value, depth: usize) -> bool {
    fn walk(v: &Value, depth: usize, seen: &mut Vec<usize>) -> bool {
        if depth > 32 {
            return false;
        }
        let addr = v.address();
        if matches!(v, Value::List(_) | Value::Tuple(_) | Value::Dict(_)) {
            if seen.contains(&addr) {
                return false;
            }
            seen.push(addr);
        }
        match v {
            Value::Object(_) | Value::Exception(_) => true,
            Value::List(l) => l.borrow().iter().any(|x| walk(x, depth + 1, seen)),
            Value::Tuple(t) => t.iter().any(|x| walk(x, depth + 1, seen)),
            Value::Dict(d) => d.borrow().iter().any(|(_, x)| walk(x, depth + 1, seen)),
            _ => false,
        }
    }
    walk(v, depth, &mut Vec::new())
}

/// Whether a special method's result is `NotImplemented`.
fn answered_not_implemented(r: &Res<Value>) -> bool {
    matches!(r, Ok(v) if super::classes::is_not_implemented(v))
}

fn same_class(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => std::rc::Rc::ptr_eq(&x.class, &y.class),
        _ => false,
    }
}

/// The forward method of a binary operator (`__add__` for `+`).
pub fn forward_name(op: BinOp) -> Sym {
    names(op).0
}

fn names(op: BinOp) -> (Sym, Sym, Sym) {
    match op {
        BinOp::Add => (sym!("__add__"), sym!("__radd__"), sym!("__iadd__")),
        BinOp::Sub => (sym!("__sub__"), sym!("__rsub__"), sym!("__isub__")),
        BinOp::Mul => (sym!("__mul__"), sym!("__rmul__"), sym!("__imul__")),
        BinOp::Div => (sym!("__truediv__"), sym!("__rtruediv__"), sym!("__itruediv__")),
        BinOp::FloorDiv => (sym!("__floordiv__"), sym!("__rfloordiv__"), sym!("__ifloordiv__")),
        BinOp::Mod => (sym!("__mod__"), sym!("__rmod__"), sym!("__imod__")),
        BinOp::Pow => (sym!("__pow__"), sym!("__rpow__"), sym!("__ipow__")),
        BinOp::MatMul => (sym!("__matmul__"), sym!("__rmatmul__"), sym!("__imatmul__")),
        BinOp::LShift => (sym!("__lshift__"), sym!("__rlshift__"), sym!("__ilshift__")),
        BinOp::RShift => (sym!("__rshift__"), sym!("__rrshift__"), sym!("__irshift__")),
        BinOp::BitAnd => (sym!("__and__"), sym!("__rand__"), sym!("__iand__")),
        BinOp::BitOr => (sym!("__or__"), sym!("__ror__"), sym!("__ior__")),
        BinOp::BitXor => (sym!("__xor__"), sym!("__rxor__"), sym!("__ixor__")),
    }
}

impl Interp {
    /// `a op b`, instances' special methods included.
    pub fn binary_op(&mut self, op: BinOp, a: &Value, b: &Value) -> Res<Value> {
        match self.special_binary(op, a, b, false) {
            Some(r) => r,
            None => super::ops::binary(op, a, b),
        }
    }

    fn invoke(&mut self, f: &Value, this: &Value, rest: Vec<Value>) -> Res<Value> {
        let mut pos = Vec::with_capacity(rest.len() + 1);
        pos.push(this.clone());
        pos.extend(rest);
        self.call(f, Args { pos, kw: Vec::new() }, None)
    }

    /// `a op b` (`inplace`: `a op= b`) on instances: `a.__op__(b)`, else `b.__rop__(a)`.
    pub fn special_binary(&mut self, op: BinOp, a: &Value, b: &Value, inplace: bool) -> Option<Res<Value>> {
        // `'%s' % obj`: instances show through their `__str__`/`__repr__`.
        if op == BinOp::Mod
            && let Value::Str(fmt) = a
            && needs_user_eq(b, 0)
        {
            return Some(super::format::percent_format_with(fmt, b, &mut |v, as_str| {
                self.display(v, as_str)
            }));
        }
        if let Some(r) = self.set_binary(op, a, b, inplace) {
            return Some(r);
        }
        if !matches!(a, Value::Object(_)) && !matches!(b, Value::Object(_)) {
            return None;
        }
        let (forward, reflected, in_place) = names(op);
        // A method that returns `NotImplemented` passes the operation on.
        if inplace && let Some(f) = method(a, in_place) {
            let r = self.invoke(&f, a, vec![b.clone()]);
            if !answered_not_implemented(&r) {
                return Some(r);
            }
        }
        if let Some(f) = method(a, forward) {
            let r = self.invoke(&f, a, vec![b.clone()]);
            if !answered_not_implemented(&r) {
                return Some(r);
            }
        }
        self.reflected_binary(reflected, a, b)
    }

    /// `b.__rop__(a)`, asked only of an operand of another type; `None` without an answer.
    fn reflected_binary(&mut self, reflected: Sym, a: &Value, b: &Value) -> Option<Res<Value>> {
        if same_class(a, b) {
            return None;
        }
        let f = method(b, reflected)?;
        let r = self.invoke(&f, b, vec![a.clone()]);
        (!answered_not_implemented(&r)).then_some(r)
    }

    /// `a in b` by iterating `b` until an item is `a` or equals it.
    fn contains_by_iter(&mut self, a: &Value, b: &Value) -> Res<bool> {
        let mut it = self.iterate(b)?;
        while let Some(x) = it.next(self)? {
            if x.is(a) || self.values_equal(&x, a)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `divmod(a, b)` on instances: `a.__divmod__(b)`, else `b.__rdivmod__(a)`.
    pub fn special_divmod(&mut self, a: &Value, b: &Value) -> Option<Res<Value>> {
        if !matches!(a, Value::Object(_)) && !matches!(b, Value::Object(_)) {
            return None;
        }
        if let Some(f) = method(a, sym!("__divmod__")) {
            let r = self.invoke(&f, a, vec![b.clone()]);
            if !answered_not_implemented(&r) {
                return Some(r);
            }
        }
        self.reflected_binary(sym!("__rdivmod__"), a, b).or_else(|| {
            Some(Err(crate::error::type_error(format!(
                "unsupported operand type(s) for divmod(): '{}' and '{}'",
                a.type_name(),
                b.type_name()
            ))))
        })
    }

    /// `a op b` after `a`'s forward method answered `NotImplemented`: `b`'s reflected
    /// method, else the general operator code (which raises the TypeError).
    pub fn binary_after_forward(&mut self, op: BinOp, a: &Value, b: &Value) -> Res<Value> {
        let (_, reflected, _) = names(op);
        match self.reflected_binary(reflected, a, b) {
            Some(r) => r,
            None => super::ops::binary(op, a, b),
        }
    }

    pub fn special_unary(&mut self, op: UnOp, a: &Value) -> Option<Res<Value>> {
        let name = match op {
            UnOp::Neg => sym!("__neg__"),
            UnOp::Pos => sym!("__pos__"),
            UnOp::Invert => sym!("__invert__"),
        };
        let f = method(a, name)?;
        Some(self.invoke(&f, a, Vec::new()))
    }

    /// Comparisons: `a.__lt__(b)`, else the reflection `b.__gt__(a)`; `in` is
    /// `b.__contains__(a)`.
    pub fn special_compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> Option<Res<Value>> {
        if let Some(r) = super::sets::set_compare(op, a, b) {
            return Some(Ok(Value::Bool(r)));
        }
        if !matches!(a, Value::Object(_)) && !matches!(b, Value::Object(_)) {
            return None;
        }
        let (forward, reflected) = match op {
            CmpOp::Lt => (sym!("__lt__"), sym!("__gt__")),
            CmpOp::Le => (sym!("__le__"), sym!("__ge__")),
            CmpOp::Gt => (sym!("__gt__"), sym!("__lt__")),
            CmpOp::Ge => (sym!("__ge__"), sym!("__le__")),
            CmpOp::Eq => (sym!("__eq__"), sym!("__eq__")),
            CmpOp::Ne => (sym!("__ne__"), sym!("__ne__")),
            CmpOp::In | CmpOp::NotIn => {
                let r = match method(b, sym!("__contains__")) {
                    Some(f) => self.invoke(&f, b, vec![a.clone()]).map(|v| v.truthy()),
                    // Without `__contains__`, Python searches what `__iter__` yields.
                    None if method(b, sym!("__iter__")).is_some() => self.contains_by_iter(a, b),
                    None => return None,
                };
                return Some(r.map(|hit| Value::Bool(hit == (op == CmpOp::In))));
            }
            CmpOp::Is | CmpOp::IsNot => return None,
        };
        if let Some(f) = method(a, forward) {
            let r = self.invoke(&f, a, vec![b.clone()]);
            if !answered_not_implemented(&r) {
                return Some(r);
            }
        }
        if let Some(f) = method(b, reflected) {
            let r = self.invoke(&f, b, vec![a.clone()]);
            if !answered_not_implemented(&r) {
                return Some(r);
            }
        }
        // `!=` of a class that defines only `__eq__` is its negation.
        if op == CmpOp::Ne
            && let Some(f) = method(a, sym!("__eq__"))
        {
            let r = self.invoke(&f, a, vec![b.clone()]);
            if !answered_not_implemented(&r) {
                return Some(r.map(|v| Value::Bool(!v.truthy())));
            }
        }
        // Without an answer, equality is identity.
        match op {
            CmpOp::Eq => Some(Ok(Value::Bool(a.is(b)))),
            CmpOp::Ne => Some(Ok(Value::Bool(!a.is(b)))),
            _ => None,
        }
    }

    /// `repr(v)` or `str(v)`, through `__repr__`/`__str__` of an instance (`__str__`
    /// falls back to `__repr__`).
    pub fn display(&mut self, v: &Value, as_str: bool) -> Res<String> {
        let f = match as_str {
            true => method(v, sym!("__str__")).or_else(|| method(v, sym!("__repr__"))),
            false => method(v, sym!("__repr__")),
        };
        let Some(f) = f else {
            if let Value::Exception(e) = v {
                return self.exception_text(e, as_str);
            }
            if matches!(
                v,
                Value::List(_)
                    | Value::Tuple(_)
                    | Value::Dict(_)
                    | Value::Set(_)
                    | Value::FrozenSet(_)
                    | Value::DictView(..)
            ) {
                // Instances inside print through their own `__repr__`.
                return crate::value::repr::repr_with(v, &mut |x| {
                    method(x, sym!("__repr__")).map(|_| self.display(x, false))
                });
            }
            return match as_str {
                true => crate::value::repr::checked_str(v),
                false => crate::value::repr::checked_repr(v),
            };
        };
        match self.invoke(&f, v, Vec::new())? {
            Value::Str(s) => Ok(s.to_string()),
            other => Err(type_error(format!(
                "{} returned non-string (type {})",
                if as_str { "__str__" } else { "__repr__" },
                other.type_name()
            ))),
        }
    }

    /// `str(e)` or `repr(e)` of an exception whose class defines neither: its arguments
    /// print through their own `__repr__`/`__str__`.
    fn exception_text(&mut self, e: &crate::value::exception::ExcObj, as_str: bool) -> Res<String> {
        let args = e.args.borrow().clone();
        if !as_str {
            let reprs = args.iter().map(|a| self.display(a, false)).collect::<Res<Vec<_>>>()?;
            return Ok(format!("{}({})", e.class.name, reprs.join(", ")));
        }
        match args.as_slice() {
            [] => Ok(String::new()),
            [one] if e.class.is_a("KeyError") => self.display(one, false),
            [one] => self.display(one, true),
            _ => self.display(&Value::tuple(args), false),
        }
    }

    /// `format(v, spec)`: an instance's `__format__`, else its str() for an empty spec
    /// (object's `__format__` refuses any other); containers print their items'
    /// `__repr__`.
    pub fn format_user(&mut self, v: &Value, spec: &str) -> Res<String> {
        if let Some(f) = method(v, sym!("__format__")) {
            return match self.invoke(&f, v, vec![Value::str(spec)])? {
                Value::Str(s) => Ok(s.to_string()),
                other => Err(type_error(format!(
                    "__format__ must return a str, not {}",
                    other.type_name()
                ))),
            };
        }
        match v {
            Value::Object(_) | Value::Exception(_) if spec.is_empty() => self.display(v, true),
            Value::Object(_) | Value::Exception(_) => Err(type_error(format!(
                "unsupported format string passed to {}.__format__",
                v.type_name()
            ))),
            Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Set(_) | Value::FrozenSet(_)
                if spec.is_empty() =>
            {
                self.display(v, true)
            }
            _ => super::format::format_value(v, spec),
        }
    }

    /// `a == b` for containers and instances: instances compare through their
    /// `__eq__` (and containers item by item, `x is y or x == y` as CPython's), so a
    /// list of instances equals another list of equal instances.
    pub fn values_equal(&mut self, a: &Value, b: &Value) -> Res<bool> {
        if !needs_user_eq(a, 0) && !needs_user_eq(b, 0) {
            return super::ops::checked_eq(a, b);
        }
        if self.eq_depth >= 1000 {
            return Err(crate::error::exc(
                "RecursionError",
                "maximum recursion depth exceeded in comparison",
            ));
        }
        self.eq_depth += 1;
        let r = self.values_equal_inner(a, b);
        self.eq_depth -= 1;
        r
    }

    fn values_equal_inner(&mut self, a: &Value, b: &Value) -> Res<bool> {
        match (a, b) {
            (Value::Object(_) | Value::Exception(_), _) | (_, Value::Object(_) | Value::Exception(_)) => {
                match self.special_compare(CmpOp::Eq, a, b) {
                    Some(r) => {
                        let r = r?;
                        self.truth(&r)
                    }
                    None => Ok(a.is(b)),
                }
            }
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.items_equal(&x, &y)
            }
            (Value::Tuple(x), Value::Tuple(y)) => self.items_equal(x, y),
            (Value::Dict(x), Value::Dict(y)) => {
                let pairs: Vec<(Value, Value)> = x.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                if pairs.len() != y.borrow().len() {
                    return Ok(false);
                }
                for (k, v) in pairs {
                    let h = self.hkey(&k)?;
                    let w = y.borrow().get(&h).cloned();
                    match w {
                        Some(w) if v.is(&w) || self.values_equal(&v, &w)? => {}
                        _ => return Ok(false),
                    }
                }
                Ok(true)
            }
            _ => super::ops::checked_eq(a, b),
        }
    }

    fn items_equal(&mut self, x: &[Value], y: &[Value]) -> Res<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (p, q) in x.iter().zip(y) {
            if !(p.is(q) || self.values_equal(p, q)?) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `len(v)` through `__len__`.
    pub fn special_len(&mut self, v: &Value) -> Option<Res<i64>> {
        let f = method(v, sym!("__len__"))?;
        Some(self.invoke(&f, v, Vec::new()).and_then(|n| match n {
            Value::Int(n) if n >= 0 => Ok(n),
            Value::Int(_) => Err(crate::error::exc("ValueError", "__len__() should return >= 0")),
            other => Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            ))),
        }))
    }

    /// Truth through `__bool__`, else `__len__`.
    pub fn special_truth(&mut self, v: &Value) -> Option<Res<bool>> {
        if let Some(f) = method(v, sym!("__bool__")) {
            return Some(self.invoke(&f, v, Vec::new()).and_then(|b| match b {
                Value::Bool(b) => Ok(b),
                other => Err(type_error(format!(
                    "__bool__ should return bool, returned {}",
                    other.type_name()
                ))),
            }));
        }
        self.special_len(v).map(|n| n.map(|n| n != 0))
    }

    /// `v[key]`, `v[key] = x`, `del v[key]` through `__getitem__` and its kin.
    pub fn special_item(&mut self, v: &Value, name: Sym, args: Vec<Value>) -> Option<Res<Value>> {
        let f = method(v, name)?;
        Some(self.invoke(&f, v, args))
    }

    /// `iter(v)` through `__iter__`; the iterator it returns is advanced by its
    /// `__next__` until that raises `StopIteration`.
    pub fn special_iter(&mut self, v: &Value) -> Option<Res<Value>> {
        let f = method(v, sym!("__iter__"))?;
        Some(self.invoke(&f, v, Vec::new()))
    }

    /// The next item of an instance with `__next__`, `None` at `StopIteration`.
    pub fn special_next(&mut self, it: &Value) -> Res<Option<Value>> {
        let Some(f) = method(it, sym!("__next__")) else {
            return Err(type_error(format!("'{}' object is not an iterator", it.type_name())));
        };
        match self.invoke(&f, it, Vec::new()) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.kind == "StopIteration" => Ok(None),
            Err(e) => Err(e),
        }
    }
}
