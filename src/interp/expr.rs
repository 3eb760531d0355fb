//! Expression evaluation.

use super::Interp;
use super::iter::{Gen, Iter};
use super::ops;
use super::scope::Scope;
use crate::error::{At, Res, exc, type_error};
use crate::syntax::ast::*;
use crate::value::dict::Dict;
use crate::value::repr::repr;
use crate::value::{Args, Function, Value};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;

impl Interp {
    pub fn eval(&mut self, e: &Expr, env: &Rc<Scope>) -> Res<Value> {
        match &e.kind {
            ExprKind::Name(n) => self.lookup(env, *n).at(e.span),
            ExprKind::Int(n) => Ok(Value::Int(*n)),
            ExprKind::BigInt(n) => Ok(crate::value::long::literal(n)),
            ExprKind::Imag(x) => {
                crate::nd::complex::seen();
                Ok(Value::Complex(0.0, *x))
            }
            ExprKind::Bytes(b) => Ok(Value::Bytes(b.clone())),
            ExprKind::Float(x) => Ok(Value::Float(*x)),
            ExprKind::Str(s) => Ok(Value::Str(s.clone())),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::None => Ok(Value::None),
            ExprKind::Ellipsis => Ok(Value::Ellipsis),
            ExprKind::FStr(parts) => Ok(Value::Str(self.fstring(parts, env)?.into())),
            ExprKind::List(items) => Ok(Value::list(self.eval_items(items, env)?)),
            ExprKind::Tuple(items) => Ok(Value::tuple(self.eval_items(items, env)?)),
            ExprKind::Set(items) => {
                let items = self.eval_items(items, env)?;
                let mut s = crate::value::set::PySet::new();
                for v in items {
                    s.add(self.set_entry(v).at(e.span)?);
                }
                Ok(super::sets::new_set(s))
            }
            ExprKind::SetComp(c) => {
                let mut s = crate::value::set::PySet::new();
                self.comprehend(c, env, &mut |interp, scope| {
                    let v = interp.eval(&c.elt, scope)?;
                    s.add(interp.set_entry(v).at(c.elt.span)?);
                    Ok(())
                })?;
                Ok(super::sets::new_set(s))
            }
            ExprKind::Dict(items) => {
                let mut d = Dict::new();
                for item in items {
                    match item {
                        DictItem::Pair(k, v) => {
                            let key = self.eval(k, env)?;
                            let val = self.eval(v, env)?;
                            let h = self.hkey(&key).at(k.span)?;
                            d.insert(h, key, val);
                        }
                        DictItem::Spread(src) => {
                            let m = self.eval(src, env)?;
                            let Value::Dict(m) = m else {
                                return Err(type_error(format!("'{}' object is not a mapping", m.type_name())))
                                    .at(src.span);
                            };
                            let pairs: Vec<_> = m.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                            for (k, v) in pairs {
                                let h = self.hkey(&k)?;
                                d.insert(h, k, v);
                            }
                        }
                    }
                }
                Ok(Value::Dict(Rc::new(RefCell::new(d))))
            }
            ExprKind::Starred(_) => Err(exc("SyntaxError", "can't use starred expression here")).at(e.span),
            ExprKind::Unary(op, x) => {
                let v = self.eval(x, env)?;
                ops::unary(*op, &v).at(e.span)
            }
            ExprKind::Binary(op, l, r) => {
                let a = self.eval(l, env)?;
                let b = self.eval(r, env)?;
                self.binary_op(*op, &a, &b).at(e.span)
            }
            ExprKind::Compare(first, rest) => {
                let mut left = self.eval(first, env)?;
                let mut result = Value::Bool(true);
                for (i, (op, right)) in rest.iter().enumerate() {
                    let r = self.eval(right, env)?;
                    result = match self.special_compare(*op, &left, &r) {
                        Some(v) => v,
                        None => ops::compare_value(self, *op, &left, &r),
                    }
                    .at(e.span)?;
                    // `a < b < c` is `a < b and b < c`.
                    if i + 1 < rest.len() && !self.truth(&result).at(e.span)? {
                        return Ok(result);
                    }
                    left = r;
                }
                Ok(result)
            }
            ExprKind::And(l, r) => {
                let a = self.eval(l, env)?;
                if !self.truth(&a).at(l.span)? {
                    Ok(a)
                } else {
                    self.eval(r, env)
                }
            }
            ExprKind::Or(l, r) => {
                let a = self.eval(l, env)?;
                if self.truth(&a).at(l.span)? {
                    Ok(a)
                } else {
                    self.eval(r, env)
                }
            }
            ExprKind::Not(x) => {
                let v = self.eval(x, env)?;
                Ok(Value::Bool(!self.truth(&v).at(x.span)?))
            }
            ExprKind::IfElse { cond, then, orelse } => {
                let c = self.eval(cond, env)?;
                if self.truth(&c).at(cond.span)? {
                    self.eval(then, env)
                } else {
                    self.eval(orelse, env)
                }
            }
            ExprKind::Lambda(def) => Ok(self.make_function(def, env)?),
            ExprKind::Call { func, args } => self.eval_call(func, args, env, e),
            ExprKind::Attr(obj, name) => {
                let o = self.eval(obj, env)?;
                self.get_attr(&o, *name).at(e.span)
            }
            ExprKind::Subscript(obj, idx) => {
                let o = self.eval(obj, env)?;
                let i = self.eval(idx, env)?;
                self.get_item(&o, &i).at(e.span)
            }
            ExprKind::Slice(lo, hi, step) => {
                let mut part = |p: &Option<Box<Expr>>| -> Res<Value> {
                    match p {
                        Some(x) => self.eval(x, env),
                        None => Ok(Value::None),
                    }
                };
                Ok(Value::Slice(Rc::new([part(lo)?, part(hi)?, part(step)?])))
            }
            ExprKind::ListComp(c) => {
                let mut out = Vec::new();
                self.comprehend(c, env, &mut |interp, scope| {
                    let v = interp.eval(&c.elt, scope)?;
                    if !crate::memory::room(&mut out) {
                        return Err(crate::error::memory_error());
                    }
                    out.push(v);
                    Ok(())
                })?;
                Ok(Value::list(out))
            }
            ExprKind::DictComp(c) => {
                let mut d = Dict::new();
                self.comprehend(c, env, &mut |interp, scope| {
                    let k = interp.eval(&c.elt, scope)?;
                    let v = match &c.value {
                        Some(v) => interp.eval(v, scope)?,
                        None => Value::None,
                    };
                    let h = interp.hkey(&k).at(c.elt.span)?;
                    d.insert(h, k, v);
                    Ok(())
                })?;
                Ok(Value::Dict(Rc::new(RefCell::new(d))))
            }
            // Generators run as compiled code only.
            ExprKind::NamedExpr(n, v) => {
                let v = self.eval(v, env)?;
                env.set(*n, v.clone());
                Ok(v)
            }
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) if env.func.is_none() => {
                Err(exc("SyntaxError", "'yield' outside function")).at(e.span)
            }
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => Err(exc(
                "NotImplementedError",
                "nt cannot run this generator yet: its function also uses a lambda that captures a comprehension's variable",
            ))
            .at(e.span),
            ExprKind::GenExp(c) => {
                let first = self.eval(&c.clauses[0].iter, env)?;
                let it = self.iterate(&first).at(c.clauses[0].iter.span)?;
                let g = Gen::new(c.clone(), env, it);
                Ok(Value::Iter(Rc::new(RefCell::new(Iter::Gen(Box::new(g))))))
            }
        }
    }

    /// Evaluates display items, expanding `*iterable`.
    fn eval_items(&mut self, items: &[Expr], env: &Rc<Scope>) -> Res<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            if let ExprKind::Starred(inner) = &it.kind {
                let v = self.eval(inner, env)?;
                let vals = self.to_vec(&v).at(inner.span)?;
                out.extend(vals);
            } else {
                out.push(self.eval(it, env)?);
            }
        }
        Ok(out)
    }

    /// Runs the `for`/`if` clauses of a comprehension in its own scope, calling `body`
    /// for every surviving binding.
    fn comprehend(
        &mut self,
        c: &Comprehension,
        env: &Rc<Scope>,
        body: &mut dyn FnMut(&mut Interp, &Rc<Scope>) -> Res<()>,
    ) -> Res<()> {
        // The first iterable is evaluated in the enclosing scope, the rest inside.
        let first = self.eval(&c.clauses[0].iter, env)?;
        let scope = Scope::child(env, None, FxHashMap::default());
        let it = self.iterate(&first).at(c.clauses[0].iter.span)?;
        self.comp_level(c, 0, it, &scope, body)
    }

    fn comp_level(
        &mut self,
        c: &Comprehension,
        level: usize,
        mut it: Iter,
        scope: &Rc<Scope>,
        body: &mut dyn FnMut(&mut Interp, &Rc<Scope>) -> Res<()>,
    ) -> Res<()> {
        let clause = &c.clauses[level];
        'items: while let Some(item) = it.next(self).at(clause.iter.span)? {
            self.assign(&clause.target, item, scope)?;
            for cond in &clause.conds {
                let c = self.eval(cond, scope)?;
                if !self.truth(&c).at(cond.span)? {
                    continue 'items;
                }
            }
            if level + 1 < c.clauses.len() {
                let next = &c.clauses[level + 1].iter;
                let v = self.eval(next, scope)?;
                let inner = self.iterate(&v).at(next.span)?;
                self.comp_level(c, level + 1, inner, scope, body)?;
            } else {
                body(self, scope)?;
            }
        }
        Ok(())
    }

    fn fstring(&mut self, parts: &[FStrPart], env: &Rc<Scope>) -> Res<String> {
        let mut out = String::new();
        for p in parts {
            match p {
                FStrPart::Lit(s) => out.push_str(s),
                FStrPart::Field {
                    expr,
                    debug,
                    conv,
                    spec,
                } => {
                    let v = self.eval(expr, env)?;
                    let mut conv = *conv;
                    if let Some(d) = debug {
                        out.push_str(d);
                        if conv.is_none() && spec.is_empty() {
                            conv = Some('r');
                        }
                    }
                    let v = match conv {
                        Some('r') => Value::Str(crate::value::repr::checked_repr(&v)?.into()),
                        Some('a') => Value::Str(super::builtins::ascii_escape(&repr(&v)).into()),
                        Some(_) => Value::Str(crate::value::repr::checked_str(&v)?.into()),
                        None => v,
                    };
                    let spec = self.fstring(spec, env)?;
                    out.push_str(&self.format_user(&v, &spec).at(expr.span)?);
                }
            }
        }
        Ok(out)
    }

    pub fn make_function(&mut self, def: &Rc<FuncDef>, env: &Rc<Scope>) -> Res<Value> {
        let mut defaults = Vec::with_capacity(def.params.len());
        for p in &def.params {
            defaults.push(match &p.default {
                Some(d) => Some(self.eval(d, env)?),
                None => None,
            });
        }
        let mut kw_defaults = Vec::with_capacity(def.kwonly.len());
        for p in &def.kwonly {
            kw_defaults.push(match &p.default {
                Some(d) => Some(self.eval(d, env)?),
                None => None,
            });
        }
        Ok(Value::Function(Rc::new(Function {
            def: def.clone(),
            defaults,
            kw_defaults,
            closure: env.clone(),
            code: Default::default(),
            freevars: Vec::new(),
            owner: Default::default(),
            attrs: Default::default(),
        })))
    }

    fn eval_call(&mut self, func: &Expr, args: &[Arg], env: &Rc<Scope>, call: &Expr) -> Res<Value> {
        // `obj.method(...)` calls the method directly instead of building a bound method.
        if let ExprKind::Attr(obj, name) = &func.kind {
            let o = self.eval(obj, env)?;
            if !matches!(o, Value::Module(_)) {
                let a = self.eval_args(args, env)?;
                return self.call_method(&o, *name, a).at(call.span);
            }
            let f = self.get_attr(&o, *name).at(func.span)?;
            let a = self.eval_args(args, env)?;
            return self.call(&f, a, Some(call.span)).at(call.span);
        }
        let f = self.eval(func, env)?;
        let a = self.eval_args(args, env)?;
        self.call(&f, a, Some(call.span)).at(call.span)
    }

    fn eval_args(&mut self, args: &[Arg], env: &Rc<Scope>) -> Res<Args> {
        let mut pos = Vec::with_capacity(args.len());
        let mut kw = Vec::new();
        for a in args {
            match a {
                Arg::Pos(e) => pos.push(self.eval(e, env)?),
                Arg::Star(e) => {
                    let v = self.eval(e, env)?;
                    let items = self
                        .to_vec(&v)
                        .map_err(|_| type_error(format!("Value after * must be an iterable, not {}", v.type_name())));
                    pos.extend(items.at(e.span)?);
                }
                Arg::Kw(n, e, sp) => {
                    let v = self.eval(e, env)?;
                    if kw.iter().any(|(k, _)| k == n) {
                        return Err(exc("SyntaxError", format!("keyword argument repeated: {n}"))).at(*sp);
                    }
                    kw.push((*n, v));
                }
                Arg::DoubleStar(e) => {
                    let v = self.eval(e, env)?;
                    let Value::Dict(d) = &v else {
                        return Err(type_error(format!(
                            "argument after ** must be a mapping, not {}",
                            v.type_name()
                        )))
                        .at(e.span);
                    };
                    for (k, val) in d.borrow().iter() {
                        let Value::Str(s) = k else {
                            return Err(type_error("keywords must be strings")).at(e.span);
                        };
                        kw.push((crate::syntax::symbol::Sym::new(s), val.clone()));
                    }
                }
            }
        }
        Ok(Args { pos, kw })
    }
}
