//! From a function's syntax tree to `Code`. Names the function assigns are locals, each
//! a slot, or a cell when a function nested in it uses them; names an enclosing
//! function assigns are free, read through the cells the function was made with; every
//! other name is the module's or a builtin. A body that uses what the compiler does not
//! handle yet is refused (`None`) and runs on the tree walker.

mod expr;
mod handlers;

use super::code::{Code, FuncEntry, Op};
use super::scope;
use crate::syntax::ast::*;
use crate::syntax::source::{Span, join};
use crate::syntax::symbol::Sym;
use crate::value::Value;
use rustc_hash::{FxHashMap, FxHashSet};
use std::rc::Rc;

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
    /// How many `try` contexts were open when the loop began: `break` and `continue`
    /// leave the ones opened since.
    contexts: usize,
}

/// A `try` statement's part being compiled, which `return`, `break` and `continue` must
/// leave properly: its runtime block popped, its `finally` body run on the way out.
#[derive(Clone)]
enum Context {
    /// The body of a `try` with handlers: a block that catches into them.
    Except,
    /// A handler's body: the exception it handles is current.
    Handler,
    /// Within a `try` with a `finally` (its body, handlers and `else`).
    Finally(Rc<Vec<Stmt>>),
    /// A `with` body: its block, and what exiting needs on the stack.
    With,
}

/// Where a name lives.
#[derive(Clone, Copy)]
enum Place {
    Slot(u32),
    /// A cell: the function's own (shared with nested functions) or an enclosing one's.
    Deref(u32),
    Global(u32),
}

struct Compiler {
    code: Code,
    /// Whether this is a module's own code (every name global, expression values echoed).
    module: bool,
    slots: FxHashMap<Sym, u32>,
    names: FxHashMap<Sym, u32>,
    loops: Vec<Loop>,
    /// The locals of each enclosing function, outermost first.
    enclosing: Vec<Rc<FxHashSet<Sym>>>,
    /// The targets of the comprehensions being compiled, innermost last: hidden slots.
    pub(super) comprehensions: Vec<FxHashMap<Sym, u32>>,
    /// The `try` parts the code being compiled is inside, innermost last.
    contexts: Vec<Context>,
    /// Names the function declares `global`.
    globals: Vec<Sym>,
}

/// The slots of `def`: its parameters in order, then the rest of its locals.
fn slots_of(def: &FuncDef) -> Vec<Sym> {
    let mut locals: Vec<Sym> = def.params.iter().map(|p| p.name).collect();
    locals.extend(def.vararg);
    locals.extend(def.kwonly.iter().map(|p| p.name));
    locals.extend(def.kwarg);
    for &n in &def.locals {
        if !locals.contains(&n) {
            locals.push(n);
        }
    }
    locals
}

/// Compiles the body of a function defined at module level, or `None` when it uses
/// syntax the compiler does not handle.
pub fn function(def: &FuncDef) -> Option<Code> {
    nested(def, Vec::new()).ok()
}

/// Compiles `def` inside functions whose locals are `enclosing` (outermost first).
fn nested(def: &FuncDef, enclosing: Vec<Rc<FxHashSet<Sym>>>) -> Out<Code> {
    let locals = slots_of(def);
    let slots = locals.iter().enumerate().map(|(i, &n)| (n, i as u32)).collect();
    // Locals a nested function uses are cells; names an enclosing function assigns are
    // free (sorted by name, so the layout does not depend on hashing).
    let needs = scope::inner_needs(&def.body);
    let cells: Vec<Sym> = locals.iter().copied().filter(|n| needs.contains(n)).collect();
    let mut frees: Vec<Sym> = scope::outer_names(def)
        .into_iter()
        .filter(|n| !def.globals.contains(n) && enclosing.iter().any(|e| e.contains(n)))
        .collect();
    frees.sort_by_key(|n| n.as_str());
    let mut c = Compiler::new(locals, slots, false);
    c.code.cells = cells;
    c.code.frees = frees;
    c.code.generator = def.is_generator;
    c.globals = def.globals.clone();
    c.enclosing = enclosing;
    c.block(&def.body)?;
    let none = c.constant(Value::None);
    c.emit(Op::Const(none), def.span);
    c.emit(Op::Return, def.span);
    Ok(c.code)
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
                functions: Vec::new(),
                imports: Vec::new(),
                classes: Vec::new(),
                locals,
                cells: Vec::new(),
                frees: Vec::new(),
                generator: false,
            },
            module,
            slots,
            names: FxHashMap::default(),
            loops: Vec::new(),
            enclosing: Vec::new(),
            comprehensions: Vec::new(),
            contexts: Vec::new(),
            globals: Vec::new(),
        }
    }

    /// Where the name `n` lives here.
    fn place(&mut self, n: Sym) -> Place {
        for scope in self.comprehensions.iter().rev() {
            if let Some(&slot) = scope.get(&n) {
                return Place::Slot(slot);
            }
        }
        if let Some(i) = self.code.cells.iter().position(|&c| c == n) {
            return Place::Deref(i as u32);
        }
        if let Some(&slot) = self.slots.get(&n) {
            return Place::Slot(slot);
        }
        if let Some(i) = self.code.frees.iter().position(|&c| c == n) {
            return Place::Deref((self.code.cells.len() + i) as u32);
        }
        Place::Global(self.name(n))
    }

    fn load(&mut self, n: Sym, span: Span) {
        let op = match self.place(n) {
            Place::Slot(s) => Op::Load(s),
            Place::Deref(i) => Op::LoadDeref(i),
            Place::Global(i) => Op::LoadGlobal(i),
        };
        self.emit(op, span);
    }

    /// Stores the top of the stack into the name `n` (a module's own names are global; a
    /// function's assigned names are never global).
    fn store_name(&mut self, n: Sym, span: Span) -> Out {
        let op = match self.place(n) {
            Place::Slot(s) => Op::Store(s),
            Place::Deref(i) => Op::StoreDeref(i),
            Place::Global(i) if self.module || self.globals.contains(&n) => Op::StoreGlobal(i),
            Place::Global(_) => return Err(Unsupported),
        };
        self.emit(op, span);
        Ok(())
    }

    /// `def` or `lambda` here: its defaults, then a function made with the cells it uses.
    fn make_function(&mut self, def: &Rc<FuncDef>, span: Span) -> Out {
        if self.comprehensions.iter().any(|c| {
            let used = scope::outer_names(def);
            c.keys().any(|k| used.contains(k))
        }) {
            // A function that captures a comprehension's variable needs a cell for it.
            return Err(Unsupported);
        }
        for p in def.params.iter().chain(&def.kwonly) {
            if let Some(d) = &p.default {
                self.expr(d)?;
            }
        }
        let mut enclosing = self.enclosing.clone();
        if !self.module {
            let mut own: FxHashSet<Sym> = self.slots.keys().copied().collect();
            own.extend(self.code.frees.iter().copied());
            enclosing.push(Rc::new(own));
        }
        let code = nested(def, enclosing)?;
        let mut captures = Vec::with_capacity(code.frees.len());
        for &n in &code.frees {
            match self.place(n) {
                Place::Deref(i) => captures.push(i),
                _ => return Err(Unsupported),
            }
        }
        self.code.functions.push(FuncEntry {
            def: def.clone(),
            code: Rc::new(code),
            captures,
        });
        let i = self.code.functions.len() as u32 - 1;
        self.emit(Op::MakeFunction(i), span);
        Ok(())
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
            Op::CompareJump(op, _) => Op::CompareJump(op, to),
            Op::JumpIfTrue(_) => Op::JumpIfTrue(to),
            Op::JumpIfFalseOrPop(_) => Op::JumpIfFalseOrPop(to),
            Op::JumpIfTrueOrPop(_) => Op::JumpIfTrueOrPop(to),
            Op::ForIter(_) => Op::ForIter(to),
            Op::SetupExcept(_) => Op::SetupExcept(to),
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
            StmtKind::Def(def) => {
                // Decorators are evaluated first and applied innermost first.
                for d in &def.decorators {
                    self.expr(d)?;
                }
                self.make_function(def, span)?;
                for d in def.decorators.iter().rev() {
                    self.emit(Op::Call(1), d.span);
                }
                self.store_name(def.name, span)?;
                self.emit(Op::EndStmt, span);
            }
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
            StmtKind::Annotated {
                target,
                annotation,
                value,
            } => {
                if let Some(value) = value {
                    self.expr(value)?;
                    self.store(target)?;
                }
                if self.module
                    && let ExprKind::Name(n) = &target.kind
                {
                    self.expr(annotation)?;
                    let i = self.name(*n);
                    self.emit(Op::Annotate(i), span);
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
                self.leave_contexts(0, true, span)?;
                self.emit(Op::Return, span);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finally,
            } => self.try_stmt(body, handlers, orelse, finally, span)?,
            StmtKind::Raise { exc, cause } => self.raise(exc.as_ref(), cause.as_ref(), span)?,
            StmtKind::With { items, body } => self.with_stmt(items, body, span)?,
            // Declarations: resolved when the function was compiled.
            StmtKind::Global(_) => {}
            StmtKind::Nonlocal(_) if self.module => return Err(Unsupported),
            StmtKind::Nonlocal(_) => {}
            StmtKind::Class {
                name,
                bases,
                body,
                decorators,
            } if self.module => {
                for d in decorators {
                    self.expr(d)?;
                }
                for b in bases {
                    self.expr(b)?;
                }
                self.emit(Op::BuildTuple(bases.len() as u32), span);
                // The body runs as a module's statements do, its names the class's.
                let mut c = Compiler::new(Vec::new(), FxHashMap::default(), true);
                // A docstring (the body's first statement, a string) is the class's __doc__.
                if let Some(StmtKind::Expr(e)) = body.first().map(|s| &s.kind)
                    && let ExprKind::Str(doc) = &e.kind
                {
                    let k = c.constant(Value::Str(doc.clone()));
                    c.emit(Op::Const(k), span);
                    c.store_name(Sym::new("__doc__"), span)?;
                }
                c.block(body)?;
                let none = c.constant(Value::None);
                c.emit(Op::Const(none), span);
                c.emit(Op::Return, span);
                self.code.classes.push((*name, Rc::new(c.code)));
                let i = self.code.classes.len() as u32 - 1;
                self.emit(Op::MakeClass(i), span);
                for d in decorators.iter().rev() {
                    self.emit(Op::Call(1), d.span);
                }
                self.store_name(*name, span)?;
                self.emit(Op::EndStmt, span);
            }
            StmtKind::Class { .. } => return Err(Unsupported),
            StmtKind::Import(names) => {
                for n in names {
                    self.code.imports.push((n.path.clone(), n.alias.is_some()));
                    let i = self.code.imports.len() as u32 - 1;
                    self.emit(Op::Import(i), n.span);
                    let bound = n.alias.unwrap_or(n.path[0]);
                    self.store_name(bound, n.span)?;
                }
                self.emit(Op::EndStmt, span);
            }
            StmtKind::ImportFrom {
                module,
                module_span,
                names,
                level,
            } => {
                self.code.imports.push((module.clone(), true));
                let i = self.code.imports.len() as u32 - 1;
                self.emit(
                    match level {
                        0 => Op::ImportModule(i),
                        _ => Op::ImportRelative(i, *level),
                    },
                    *module_span,
                );
                for (name, alias, sp) in names {
                    let n = self.name(*name);
                    self.emit(Op::ImportName(i, n), *sp);
                    self.store_name(alias.unwrap_or(*name), *sp)?;
                }
                self.emit(Op::Pop, span);
                self.emit(Op::EndStmt, span);
            }
            StmtKind::If { cond, body, orelse } => {
                let skip = self.jump_if_false(cond)?;
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
                let exit = self.jump_if_false(cond)?;
                self.loops.push(Loop {
                    top,
                    breaks: Vec::new(),
                    iterator: false,
                    contexts: self.contexts.len(),
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
                    contexts: self.contexts.len(),
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
                let (iterator, contexts) = {
                    let lp = self.loops.last().ok_or(Unsupported)?;
                    (lp.iterator, lp.contexts)
                };
                self.leave_contexts(contexts, false, span)?;
                if iterator {
                    self.emit(Op::Pop, span);
                }
                let j = self.emit(Op::Jump(0), span);
                self.loops.last_mut().ok_or(Unsupported)?.breaks.push(j);
            }
            StmtKind::Continue => {
                let (top, contexts) = {
                    let lp = self.loops.last().ok_or(Unsupported)?;
                    (lp.top, lp.contexts)
                };
                self.leave_contexts(contexts, false, span)?;
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
        }
        Ok(())
    }

    /// Stores the top of the stack into a target.
    fn store(&mut self, t: &Expr) -> Out {
        match &t.kind {
            ExprKind::Name(n) => self.store_name(*n, t.span)?,
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
            // `a.shape = s` rebinds `a` to the reshaped view (`Interp::store_shape`).
            ExprKind::Attr(obj, name) if name.as_str() == "shape" => {
                self.expr(obj)?;
                self.emit(Op::StoreShape, t.span);
                let skip = self.emit(Op::JumpIfFalse(0), t.span);
                self.store(obj)?;
                self.patch(skip);
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
            ExprKind::Name(n) => {
                let op = match self.place(*n) {
                    Place::Slot(s) => Op::Delete(s),
                    Place::Deref(i) => Op::DeleteDeref(i),
                    Place::Global(i) if self.module || self.globals.contains(n) => Op::DeleteGlobal(i),
                    Place::Global(_) => return Err(Unsupported),
                };
                self.emit(op, t.span);
            }
            ExprKind::Subscript(obj, idx) => {
                self.expr(obj)?;
                self.expr(idx)?;
                self.emit(Op::DeleteItem, t.span);
            }
            ExprKind::Attr(obj, name) => {
                self.expr(obj)?;
                let n = self.name(*name);
                self.emit(Op::DeleteAttr(n), t.span);
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
            ExprKind::Name(n) => {
                self.load(*n, target.span);
                self.expr(value)?;
                self.emit(Op::Inplace(op), whole);
                self.store_name(*n, target.span)?;
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
}
