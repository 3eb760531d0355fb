//! From a function's syntax tree to `Code`. Names the function assigns are locals, each
//! a slot; every other name is the module's or a builtin. A body that uses what the
//! compiler does not handle yet is refused (`None`) and runs on the tree walker.

use super::code::{ArgShape, Code, Op};
use crate::syntax::ast::*;
use crate::syntax::source::{Span, join};
use crate::syntax::symbol::Sym;
use crate::value::Value;
use rustc_hash::FxHashMap;

/// What the compiler does not handle (yet): the function runs on the tree walker.
struct Unsupported;

type Out<T = ()> = Result<T, Unsupported>;

struct Loop {
    /// Where `continue` goes.
    top: usize,
    /// The jumps `break` left, patched to the loop's end.
    breaks: Vec<usize>,
    /// Whether the loop's iterator is on the stack (`for`), popped by `break`.
    iterator: bool,
}

struct Compiler {
    code: Code,
    /// Whether this is a module's own code (every name global, expression values echoed).
    module: bool,
    slots: FxHashMap<Sym, u32>,
    names: FxHashMap<Sym, u32>,
    loops: Vec<Loop>,
}

/// Compiles the body of a function defined at module level, or `None` when it uses
/// syntax the compiler does not handle.
pub fn function(def: &FuncDef) -> Option<Code> {
    let mut locals: Vec<Sym> = def.params.iter().map(|p| p.name).collect();
    locals.extend(def.vararg);
    locals.extend(def.kwonly.iter().map(|p| p.name));
    for &n in &def.locals {
        if !locals.contains(&n) {
            locals.push(n);
        }
    }
    let slots = locals.iter().enumerate().map(|(i, &n)| (n, i as u32)).collect();
    let mut c = Compiler::new(locals, slots, false);
    c.block(&def.body).ok()?;
    let none = c.constant(Value::None);
    c.emit(Op::Const(none), def.span);
    c.emit(Op::Return, def.span);
    Some(c.code)
}

/// Compiles one statement of a module (its names are the module's), or `None` when it
/// uses syntax the compiler does not handle.
pub fn statement(s: &Stmt) -> Option<Code> {
    let mut c = Compiler::new(Vec::new(), FxHashMap::default(), true);
    c.stmt(s).ok()?;
    let none = c.constant(Value::None);
    c.emit(Op::Const(none), s.span);
    c.emit(Op::Return, s.span);
    Some(c.code)
}

impl Compiler {
    fn new(locals: Vec<Sym>, slots: FxHashMap<Sym, u32>, module: bool) -> Compiler {
        Compiler {
            code: Code {
                ops: Vec::new(),
                spans: Vec::new(),
                consts: Vec::new(),
                names: Vec::new(),
                calls: Vec::new(),
                methods: Vec::new(),
                spreads: Vec::new(),
                locals,
            },
            module,
            slots,
            names: FxHashMap::default(),
            loops: Vec::new(),
        }
    }

    fn emit(&mut self, op: Op, span: Span) -> usize {
        self.code.ops.push(op);
        self.code.spans.push(span);
        self.code.ops.len() - 1
    }

    fn here(&self) -> u32 {
        self.code.ops.len() as u32
    }

    /// Points the jump at `at` to the current position.
    fn patch(&mut self, at: usize) {
        let to = self.here();
        self.code.ops[at] = match self.code.ops[at] {
            Op::Jump(_) => Op::Jump(to),
            Op::JumpIfFalse(_) => Op::JumpIfFalse(to),
            Op::JumpIfTrue(_) => Op::JumpIfTrue(to),
            Op::JumpIfFalseOrPop(_) => Op::JumpIfFalseOrPop(to),
            Op::JumpIfTrueOrPop(_) => Op::JumpIfTrueOrPop(to),
            Op::ForIter(_) => Op::ForIter(to),
            other => other,
        };
    }

    fn constant(&mut self, v: Value) -> u32 {
        self.code.consts.push(v);
        self.code.consts.len() as u32 - 1
    }

    fn name(&mut self, n: Sym) -> u32 {
        let next = self.code.names.len() as u32;
        *self.names.entry(n).or_insert_with(|| {
            self.code.names.push(n);
            next
        })
    }

    fn block(&mut self, body: &[Stmt]) -> Out {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Out {
        let span = s.span;
        match &s.kind {
            StmtKind::Expr(e) => {
                self.expr(e)?;
                self.emit(if self.module { Op::Echo } else { Op::Pop }, span);
                self.emit(Op::EndStmt, span);
            }
            StmtKind::Return(_) if self.module => return Err(Unsupported),
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::Dup, span);
                    }
                    self.store(t)?;
                }
                self.emit(Op::EndStmt, span);
            }
            StmtKind::AugAssign { target, op, value } => {
                self.aug_assign(target, *op, value)?;
                self.emit(Op::EndStmt, span);
            }
            StmtKind::Return(e) => {
                match e {
                    Some(e) => self.expr(e)?,
                    None => {
                        let none = self.constant(Value::None);
                        self.emit(Op::Const(none), span);
                    }
                }
                self.emit(Op::EndStmt, span);
                self.emit(Op::Return, span);
            }
            StmtKind::If { cond, body, orelse } => {
                self.expr(cond)?;
                let skip = self.emit(Op::JumpIfFalse(0), cond.span);
                self.block(body)?;
                if orelse.is_empty() {
                    self.patch(skip);
                } else {
                    let end = self.emit(Op::Jump(0), span);
                    self.patch(skip);
                    self.block(orelse)?;
                    self.patch(end);
                }
            }
            StmtKind::While { cond, body, orelse } => {
                let top = self.code.ops.len();
                self.expr(cond)?;
                let exit = self.emit(Op::JumpIfFalse(0), cond.span);
                self.loops.push(Loop {
                    top,
                    breaks: Vec::new(),
                    iterator: false,
                });
                self.block(body)?;
                self.emit(Op::Loop(top as u32), span);
                let lp = self.loops.pop().ok_or(Unsupported)?;
                self.patch(exit);
                self.block(orelse)?;
                for b in lp.breaks {
                    self.patch(b);
                }
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(iter)?;
                self.emit(Op::GetIter, iter.span);
                let top = self.emit(Op::ForIter(0), iter.span);
                self.store(target)?;
                self.loops.push(Loop {
                    top,
                    breaks: Vec::new(),
                    iterator: true,
                });
                self.block(body)?;
                self.emit(Op::Loop(top as u32), span);
                let lp = self.loops.pop().ok_or(Unsupported)?;
                self.patch(top);
                self.block(orelse)?;
                for b in lp.breaks {
                    self.patch(b);
                }
            }
            StmtKind::Break => {
                let iterator = self.loops.last().ok_or(Unsupported)?.iterator;
                if iterator {
                    self.emit(Op::Pop, span);
                }
                let j = self.emit(Op::Jump(0), span);
                self.loops.last_mut().ok_or(Unsupported)?.breaks.push(j);
            }
            StmtKind::Continue => {
                let top = self.loops.last().ok_or(Unsupported)?.top;
                self.emit(Op::Loop(top as u32), span);
            }
            StmtKind::Pass => {}
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                let ok = self.emit(Op::JumpIfTrue(0), test.span);
                if let Some(m) = msg {
                    self.expr(m)?;
                }
                self.emit(Op::AssertFail(msg.is_some()), test.span);
                self.patch(ok);
                self.emit(Op::EndStmt, span);
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    self.delete(t)?;
                }
                self.emit(Op::EndStmt, span);
            }
            _ => return Err(Unsupported),
        }
        Ok(())
    }

    fn slot(&self, n: Sym) -> Option<u32> {
        self.slots.get(&n).copied()
    }

    /// Stores the top of the stack into a target.
    fn store(&mut self, t: &Expr) -> Out {
        match &t.kind {
            ExprKind::Name(n) if self.module => {
                let i = self.name(*n);
                self.emit(Op::StoreGlobal(i), t.span);
            }
            ExprKind::Name(n) => {
                let slot = self.slot(*n).ok_or(Unsupported)?;
                self.emit(Op::Store(slot), t.span);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let stars: Vec<usize> = items
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| matches!(e.kind, ExprKind::Starred(_)))
                    .map(|(i, _)| i)
                    .collect();
                match stars.as_slice() {
                    [] => {
                        self.emit(Op::Unpack(items.len() as u32), t.span);
                    }
                    [s] => {
                        let before = u16::try_from(*s).map_err(|_| Unsupported)?;
                        let after = u16::try_from(items.len() - s - 1).map_err(|_| Unsupported)?;
                        self.emit(Op::UnpackStar(before, after), t.span);
                    }
                    _ => return Err(Unsupported),
                }
                for item in items {
                    self.store(item)?;
                }
            }
            ExprKind::Starred(inner) => self.store(inner)?,
            ExprKind::Subscript(obj, idx) => {
                self.expr(obj)?;
                self.expr(idx)?;
                self.emit(Op::StoreItem, t.span);
            }
            ExprKind::Attr(obj, name) => {
                self.expr(obj)?;
                let n = self.name(*name);
                self.emit(Op::StoreAttr(n), t.span);
            }
            _ => return Err(Unsupported),
        }
        Ok(())
    }

    fn delete(&mut self, t: &Expr) -> Out {
        match &t.kind {
            ExprKind::Name(n) if self.module => {
                let i = self.name(*n);
                self.emit(Op::DeleteGlobal(i), t.span);
            }
            ExprKind::Name(n) => {
                let slot = self.slot(*n).ok_or(Unsupported)?;
                self.emit(Op::Delete(slot), t.span);
            }
            ExprKind::Subscript(obj, idx) => {
                self.expr(obj)?;
                self.expr(idx)?;
                self.emit(Op::DeleteItem, t.span);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete(i)?;
                }
            }
            _ => return Err(Unsupported),
        }
        Ok(())
    }

    fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr) -> Out {
        let whole = join(target.span, value.span);
        match &target.kind {
            ExprKind::Name(n) if self.module => {
                let i = self.name(*n);
                self.emit(Op::LoadGlobal(i), target.span);
                self.expr(value)?;
                self.emit(Op::Inplace(op), whole);
                self.emit(Op::StoreGlobal(i), target.span);
            }
            ExprKind::Name(n) => {
                let slot = self.slot(*n).ok_or(Unsupported)?;
                self.emit(Op::Load(slot), target.span);
                self.expr(value)?;
                self.emit(Op::Inplace(op), whole);
                self.emit(Op::Store(slot), target.span);
            }
            ExprKind::Subscript(obj, idx) => {
                self.expr(obj)?;
                self.expr(idx)?;
                self.emit(Op::Dup2, target.span);
                self.emit(Op::LoadItem, target.span);
                self.expr(value)?;
                self.emit(Op::Inplace(op), whole);
                self.emit(Op::Rot3, target.span);
                self.emit(Op::StoreItem, target.span);
            }
            ExprKind::Attr(obj, name) => {
                self.expr(obj)?;
                self.emit(Op::Dup, target.span);
                let n = self.name(*name);
                self.emit(Op::LoadAttr(n), target.span);
                self.expr(value)?;
                self.emit(Op::Inplace(op), whole);
                self.emit(Op::Swap, target.span);
                self.emit(Op::StoreAttr(n), target.span);
            }
            _ => return Err(Unsupported),
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> Out {
        let span = e.span;
        match &e.kind {
            ExprKind::Name(n) => match self.slot(*n) {
                Some(slot) => {
                    self.emit(Op::Load(slot), span);
                }
                None => {
                    let i = self.name(*n);
                    self.emit(Op::LoadGlobal(i), span);
                }
            },
            ExprKind::Int(n) => self.push_const(Value::Int(*n), span),
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
                self.expr(r)?;
                self.emit(Op::Binary(*op), span);
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

    fn push_const(&mut self, v: Value, span: Span) {
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
}
