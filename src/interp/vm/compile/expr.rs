//! Expressions: operators, calls, displays, f-strings and comprehensions.

use super::{Compiler, Out, Unsupported};
use crate::interp::vm::code::{ArgShape, Op};
use crate::syntax::ast::*;
use crate::syntax::source::Span;
use crate::value::Value;

impl Compiler {
    /// Compiles an `if` or `while` condition and a jump, to be patched, taken when it is
    /// false. A single comparison compares and jumps in one operation.
    pub(super) fn jump_if_false(&mut self, cond: &Expr) -> Out<usize> {
        if let ExprKind::Compare(first, rest) = &cond.kind
            && let [(op, right)] = rest.as_slice()
        {
            self.expr(first)?;
            self.expr(right)?;
            return Ok(self.emit(Op::CompareJump(*op, 0), cond.span));
        }
        self.expr(cond)?;
        Ok(self.emit(Op::JumpIfFalse(0), cond.span))
    }

    pub(super) fn expr(&mut self, e: &Expr) -> Out {
        let span = e.span;
        match &e.kind {
            ExprKind::Name(n) => self.load(*n, span),
            ExprKind::Lambda(def) => self.make_function(def, span)?,
            ExprKind::ListComp(c) => self.comprehension(c, Kind::List, span)?,
            ExprKind::SetComp(c) => self.comprehension(c, Kind::Set, span)?,
            ExprKind::Set(items) => self.set_display(items, span)?,
            ExprKind::NamedExpr(n, v) => {
                self.expr(v)?;
                self.emit(Op::Dup, span);
                // Inside a comprehension the name is the enclosing scope's.
                let comprehensions = std::mem::take(&mut self.comprehensions);
                let r = self.store_name(*n, span);
                self.comprehensions = comprehensions;
                r?;
            }
            ExprKind::GenExp(c) => {
                // A generator function made here and called with iter(first iterable).
                let def = std::rc::Rc::new(crate::interp::vm::scope::genexp_def(c, span));
                self.make_function(&def, span)?;
                self.expr(&c.clauses[0].iter)?;
                self.emit(Op::GetIter, c.clauses[0].iter.span);
                self.emit(Op::Call(1), span);
            }
            ExprKind::Yield(v) if !self.module => {
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.push_const(Value::None, span),
                }
                self.emit(Op::Yield, span);
            }
            ExprKind::YieldFrom(it) if !self.module => {
                // Each item of the inner iterable is yielded; what is sent is dropped.
                self.expr(it)?;
                self.emit(Op::GetIter, it.span);
                let top = self.emit(Op::ForIter(0), it.span);
                self.emit(Op::Yield, span);
                self.emit(Op::Pop, span);
                self.emit(Op::Loop(top as u32), span);
                self.patch(top);
                self.push_const(Value::None, span);
            }
            ExprKind::DictComp(c) => self.comprehension(c, Kind::Dict, span)?,
            ExprKind::Int(n) => self.push_const(Value::Int(*n), span),
            ExprKind::BigInt(n) => self.push_const(crate::value::long::literal(n), span),
            ExprKind::Imag(x) => {
                crate::nd::complex::seen();
                self.push_const(Value::Complex(0.0, *x), span)
            }
            ExprKind::Bytes(b) => self.push_const(Value::Bytes(b.clone()), span),
            ExprKind::Float(x) => self.push_const(Value::Float(*x), span),
            ExprKind::Str(s) => self.push_const(Value::Str(s.clone()), span),
            ExprKind::Bool(b) => self.push_const(Value::Bool(*b), span),
            ExprKind::None => self.push_const(Value::None, span),
            ExprKind::Ellipsis => self.push_const(Value::Ellipsis, span),
            ExprKind::FStr(parts) => self.fstring(parts, span)?,
            ExprKind::List(items) | ExprKind::Tuple(items) => {
                let list = matches!(e.kind, ExprKind::List(_));
                let spread: Vec<bool> = items.iter().map(|i| matches!(i.kind, ExprKind::Starred(_))).collect();
                for item in items {
                    match &item.kind {
                        ExprKind::Starred(inner) => {
                            self.expr(inner)?;
                            self.emit(Op::ToList, inner.span);
                        }
                        _ => self.expr(item)?,
                    }
                }
                let n = items.len() as u32;
                if spread.iter().any(|&s| s) {
                    self.code.spreads.push((spread, list));
                    let i = self.code.spreads.len() as u32 - 1;
                    self.emit(Op::BuildSpread(i), span);
                } else if list {
                    self.emit(Op::BuildList(n), span);
                } else {
                    self.emit(Op::BuildTuple(n), span);
                }
            }
            ExprKind::Dict(items) => {
                self.emit(Op::NewDict, span);
                for item in items {
                    match item {
                        DictItem::Pair(k, v) => {
                            self.expr(k)?;
                            self.expr(v)?;
                            self.emit(Op::DictInsert, k.span);
                        }
                        DictItem::Spread(m) => {
                            self.expr(m)?;
                            self.emit(Op::DictUpdate, m.span);
                        }
                    }
                }
            }
            ExprKind::Unary(op, x) => {
                self.expr(x)?;
                self.emit(Op::Unary(*op), span);
            }
            ExprKind::Binary(op, l, r) => {
                self.expr(l)?;
                match &r.kind {
                    ExprKind::Int(i) => {
                        let c = self.constant(Value::Int(*i));
                        self.emit(Op::BinaryConst(*op, c), span);
                    }
                    ExprKind::Float(x) => {
                        let c = self.constant(Value::Float(*x));
                        self.emit(Op::BinaryConst(*op, c), span);
                    }
                    _ => {
                        self.expr(r)?;
                        self.emit(Op::Binary(*op), span);
                    }
                }
            }
            ExprKind::Compare(first, rest) => {
                self.expr(first)?;
                let mut cleanups = Vec::new();
                for (i, (op, right)) in rest.iter().enumerate() {
                    self.expr(right)?;
                    if i + 1 < rest.len() {
                        // [a, b] -> [b, a, b] -> [b, a<b]; a false result ends the chain.
                        self.emit(Op::Dup, span);
                        self.emit(Op::Rot3, span);
                        self.emit(Op::Compare(*op), span);
                        cleanups.push(self.emit(Op::JumpIfFalseOrPop(0), span));
                    } else {
                        self.emit(Op::Compare(*op), span);
                    }
                }
                if !cleanups.is_empty() {
                    let end = self.emit(Op::Jump(0), span);
                    for c in cleanups {
                        self.patch(c);
                    }
                    // [b, result]: the result stays.
                    self.emit(Op::Swap, span);
                    self.emit(Op::Pop, span);
                    self.patch(end);
                }
            }
            ExprKind::And(l, r) | ExprKind::Or(l, r) => {
                self.expr(l)?;
                let jump = match e.kind {
                    ExprKind::And(..) => Op::JumpIfFalseOrPop(0),
                    _ => Op::JumpIfTrueOrPop(0),
                };
                let j = self.emit(jump, l.span);
                self.expr(r)?;
                self.patch(j);
            }
            ExprKind::Not(x) => {
                self.expr(x)?;
                self.emit(Op::Not, x.span);
            }
            ExprKind::IfElse { cond, then, orelse } => {
                self.expr(cond)?;
                let skip = self.emit(Op::JumpIfFalse(0), cond.span);
                self.expr(then)?;
                let end = self.emit(Op::Jump(0), span);
                self.patch(skip);
                self.expr(orelse)?;
                self.patch(end);
            }
            ExprKind::Call { func, args } => self.call(func, args, span)?,
            ExprKind::Attr(obj, name) => {
                self.expr(obj)?;
                let n = self.name(*name);
                self.emit(Op::LoadAttr(n), span);
            }
            ExprKind::Subscript(obj, idx) => {
                self.expr(obj)?;
                self.expr(idx)?;
                self.emit(Op::LoadItem, span);
            }
            ExprKind::Slice(lo, hi, step) => {
                for part in [lo, hi, step] {
                    match part {
                        Some(x) => self.expr(x)?,
                        None => self.push_const(Value::None, span),
                    }
                }
                self.emit(Op::BuildSlice, span);
            }
            _ => return Err(Unsupported),
        }
        Ok(())
    }

    pub(super) fn push_const(&mut self, v: Value, span: Span) {
        let i = self.constant(v);
        self.emit(Op::Const(i), span);
    }

    /// Pushes the arguments of a call; returns their shapes.
    fn args(&mut self, args: &[Arg]) -> Out<Vec<ArgShape>> {
        let mut shapes = Vec::with_capacity(args.len());
        for a in args {
            shapes.push(match a {
                Arg::Pos(e) => {
                    self.expr(e)?;
                    ArgShape::Pos
                }
                Arg::Star(e) => {
                    self.expr(e)?;
                    ArgShape::Star(e.span)
                }
                Arg::Kw(n, e, sp) => {
                    self.expr(e)?;
                    ArgShape::Kw(*n, *sp)
                }
                Arg::DoubleStar(e) => {
                    self.expr(e)?;
                    ArgShape::DoubleStar(e.span)
                }
            });
        }
        Ok(shapes)
    }

    fn call(&mut self, func: &Expr, args: &[Arg], span: Span) -> Out {
        if let ExprKind::Name(n) = &func.kind
            && n.as_str() == "super"
            && args.is_empty()
            && !self.module
        {
            self.emit(Op::Super, span);
            return Ok(());
        }
        if let ExprKind::Attr(obj, name) = &func.kind {
            self.expr(obj)?;
            let shapes = self.args(args)?;
            self.code.methods.push((*name, func.span));
            self.code.calls.push(shapes);
            let m = self.code.methods.len() as u32 - 1;
            let c = self.code.calls.len() as u32 - 1;
            self.emit(Op::CallMethod(m, c), span);
            return Ok(());
        }
        self.expr(func)?;
        let shapes = self.args(args)?;
        if shapes.iter().all(|s| matches!(s, ArgShape::Pos)) {
            self.emit(Op::Call(shapes.len() as u32), span);
        } else {
            self.code.calls.push(shapes);
            let c = self.code.calls.len() as u32 - 1;
            self.emit(Op::CallWith(c), span);
        }
        Ok(())
    }

    fn fstring(&mut self, parts: &[FStrPart], span: Span) -> Out {
        let mut n = 0;
        for p in parts {
            match p {
                FStrPart::Lit(s) => self.push_const(Value::Str(s.clone()), span),
                FStrPart::Field {
                    expr,
                    debug,
                    conv,
                    spec,
                } => {
                    let mut conv = *conv;
                    if let Some(d) = debug {
                        self.push_const(Value::Str(d.clone()), span);
                        n += 1;
                        if conv.is_none() && spec.is_empty() {
                            conv = Some('r');
                        }
                    }
                    self.expr(expr)?;
                    if let Some(c) = conv {
                        self.emit(Op::Convert(c as u8), expr.span);
                    }
                    self.fstring(spec, expr.span)?;
                    self.emit(Op::Format, expr.span);
                }
            }
            n += 1;
        }
        self.emit(Op::Concat(n), span);
        Ok(())
    }

    /// A list or dict comprehension, run inline: its variables are hidden slots of this
    /// frame, its first iterable is evaluated outside them (as Python's own scope for
    /// the comprehension does).
    /// `{a, b, *c}`: items added in order, a starred one's items as `set.update` adds
    /// them. More than two constants are one frozenset constant merged into the new set,
    /// as CPython compiles them (which can order the table differently).
    fn set_display(&mut self, items: &[Expr], span: Span) -> Out {
        self.emit(Op::NewSet, span);
        if items.len() > 2
            && let Some(values) = items.iter().map(constant_of).collect::<Option<Vec<_>>>()
        {
            let mut folded = crate::value::set::PySet::new();
            for v in values {
                let Ok(e) = crate::value::set::entry(v) else {
                    return Err(Unsupported);
                };
                folded.add(e);
            }
            // CPython's compiler then merges equal constants, making the frozenset
            // again from the first one's items in its order.
            let mut merged = crate::value::set::PySet::new();
            for e in folded.entries() {
                merged.add(e.clone());
            }
            let folded = merged;
            self.push_const(Value::FrozenSet(std::rc::Rc::new(folded)), span);
            self.emit(Op::SetUpdate, span);
            return Ok(());
        }
        for item in items {
            match &item.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(Op::SetUpdate, inner.span);
                }
                _ => {
                    self.expr(item)?;
                    self.emit(Op::SetAdd(0), item.span);
                }
            }
        }
        Ok(())
    }

    fn comprehension(&mut self, c: &Comprehension, kind: Kind, span: Span) -> Out {
        self.emit(
            match kind {
                Kind::Dict => Op::NewDict,
                Kind::Set => Op::NewSet,
                Kind::List => Op::BuildList(0),
            },
            span,
        );
        self.expr(&c.clauses[0].iter)?;
        let mut hidden = rustc_hash::FxHashMap::default();
        for clause in &c.clauses {
            let mut names = Vec::new();
            target_names(&clause.target, &mut names)?;
            for n in names {
                let slot = self.code.locals.len() as u32;
                self.code.locals.push(n);
                hidden.insert(n, slot);
            }
        }
        self.comprehensions.push(hidden);
        let r = self.clauses(c, 0, kind);
        self.comprehensions.pop();
        r
    }

    fn clauses(&mut self, c: &Comprehension, level: usize, kind: Kind) -> Out {
        let clause = &c.clauses[level];
        if level > 0 {
            self.expr(&clause.iter)?;
        }
        self.emit(Op::GetIter, clause.iter.span);
        let top = self.emit(Op::ForIter(0), clause.iter.span);
        self.store(&clause.target)?;
        for cond in &clause.conds {
            self.expr(cond)?;
            self.emit(Op::JumpIfFalse(top as u32), cond.span);
        }
        if level + 1 < c.clauses.len() {
            self.clauses(c, level + 1, kind)?;
        } else {
            let depth = c.clauses.len() as u32;
            self.expr(&c.elt)?;
            match kind {
                Kind::Dict => {
                    match &c.value {
                        Some(v) => self.expr(v)?,
                        None => self.push_const(Value::None, c.elt.span),
                    }
                    self.emit(Op::MapAdd(depth), c.elt.span);
                }
                Kind::Set => {
                    self.emit(Op::SetAdd(depth), c.elt.span);
                }
                Kind::List => {
                    self.emit(Op::ListAppend(depth), c.elt.span);
                }
            }
        }
        self.emit(Op::Loop(top as u32), clause.iter.span);
        self.patch(top);
        Ok(())
    }
}

/// What a comprehension builds.
#[derive(Clone, Copy)]
enum Kind {
    List,
    Set,
    Dict,
}

/// The value of a constant CPython folds at compile time: a literal, a negated number,
/// a tuple of constants.
fn constant_of(e: &Expr) -> Option<Value> {
    Some(match &e.kind {
        ExprKind::Int(n) => Value::Int(*n),
        ExprKind::BigInt(n) => crate::value::long::literal(n),
        ExprKind::Imag(x) => {
            crate::nd::complex::seen();
            Value::Complex(0.0, *x)
        }
        ExprKind::Bytes(b) => Value::Bytes(b.clone()),
        ExprKind::Float(x) => Value::Float(*x),
        ExprKind::Str(s) => Value::Str(s.clone()),
        ExprKind::Bool(b) => Value::Bool(*b),
        ExprKind::None => Value::None,
        ExprKind::Ellipsis => Value::Ellipsis,
        ExprKind::Unary(UnOp::Neg, x) => match &x.kind {
            ExprKind::Int(n) => Value::Int(n.checked_neg()?),
            ExprKind::Float(f) => Value::Float(-f),
            _ => return None,
        },
        ExprKind::Tuple(items) => Value::tuple(items.iter().map(constant_of).collect::<Option<Vec<_>>>()?),
        _ => return None,
    })
}

/// The names an assignment target binds.
fn target_names(t: &Expr, out: &mut Vec<crate::syntax::symbol::Sym>) -> Out {
    match &t.kind {
        ExprKind::Name(n) => {
            if !out.contains(n) {
                out.push(*n);
            }
            Ok(())
        }
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().try_for_each(|i| target_names(i, out)),
        ExprKind::Starred(inner) => target_names(inner, out),
        ExprKind::Attr(..) | ExprKind::Subscript(..) => Ok(()),
        _ => Err(Unsupported),
    }
}
