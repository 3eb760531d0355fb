//! The compiled evaluator: functions defined at module level are compiled once
//! (`compile.rs`) into stack-machine code (`code.rs`) and run here, a frame per call on
//! an explicit frame stack, so Python-to-Python calls do not recurse on the Rust stack
//! and recursion depth is a frame count. Bodies the compiler does not handle yet run on
//! the tree walker (`stmt.rs`, `expr.rs`), which this replaces piece by piece.

pub mod code;
pub mod compile;
mod fast;
mod scope;

use super::Interp;
use super::RECURSION_LIMIT;
use super::ops;
use super::scope::Scope;
use crate::error::{At, Res, exc, type_error};
use crate::syntax::source::Span;
use crate::syntax::symbol::Sym;
use crate::value::dict::Dict;
use crate::value::{Args, Cell, Function, Value};
use code::{ArgShape, Code, Op};
use std::cell::RefCell;
use std::rc::Rc;

/// A running call of a compiled function, or a module's compiled statement.
pub struct Frame {
    /// The function running (`None`: a module's own code).
    func: Option<Rc<Function>>,
    /// The module whose names `LoadGlobal` reads.
    globals: Rc<Scope>,
    code: Rc<Code>,
    ip: usize,
    locals: Vec<Option<Value>>,
    stack: Vec<Value>,
    /// The code's own cells, then the enclosing functions' it was made with.
    cells: Vec<Cell>,
    /// The call's span in the caller, for tracebacks.
    site: Option<Span>,
}

/// The cells of a call of `func` running `code`: its own (parameters among them move out
/// of their slots into cells), then the ones `func` was made with.
fn cells_for(func: &Function, code: &Code, locals: &mut [Option<Value>]) -> Vec<Cell> {
    if code.cells.is_empty() && func.freevars.is_empty() {
        return Vec::new();
    }
    let mut cells = Vec::with_capacity(code.cells.len() + func.freevars.len());
    for name in &code.cells {
        let v = code
            .locals
            .iter()
            .position(|n| n == name)
            .and_then(|i| locals[i].take());
        cells.push(Rc::new(RefCell::new(v)));
    }
    cells.extend(func.freevars.iter().cloned());
    cells
}

/// What an operation asks of the frame loop.
enum Next {
    Go,
    Call(Frame),
    Return(Value),
}

impl Function {
    /// The compiled body, compiled on first use; `None` when it runs on the tree walker
    /// (a nested function, or syntax the compiler does not handle yet).
    pub fn code(&self) -> Option<Rc<Code>> {
        self.code
            .get_or_init(|| match self.closure.parent {
                None => compile::function(&self.def).map(Rc::new),
                Some(_) => None,
            })
            .clone()
    }
}

impl Interp {
    /// Binds a call's arguments to a compiled function's slots.
    fn frame(&mut self, func: &Rc<Function>, code: Rc<Code>, args: Args, site: Option<Span>) -> Res<Frame> {
        let def = &func.def;
        let n = code.locals.len();
        let simple = def.vararg.is_none() && def.kwonly.is_empty();
        let (mut locals, stack) = self.frames.pop().unwrap_or_default();
        if simple && args.kw.is_empty() && args.pos.len() == def.params.len() {
            locals.extend(args.pos.into_iter().map(Some));
        } else {
            let mut vars = match self.bind(func, args) {
                Ok(v) => v,
                Err(e) => {
                    self.frames.push((locals, stack));
                    return Err(e);
                }
            };
            locals.extend(code.locals.iter().map(|s| vars.remove(s)));
        }
        locals.resize(n, None);
        let cells = cells_for(func, &code, &mut locals);
        Ok(Frame {
            func: Some(func.clone()),
            globals: func.closure.clone(),
            code,
            ip: 0,
            locals,
            stack,
            cells,
            site,
        })
    }

    /// Calls a compiled function: the entry from Rust (builtins, the tree walker).
    pub fn call_compiled(&mut self, func: &Rc<Function>, code: Rc<Code>, args: Args, site: Option<Span>) -> Res<Value> {
        let frame = self.frame(func, code, args, site)?;
        let echo = std::mem::replace(&mut self.echo, false);
        let r = self.run(frame);
        self.echo = echo;
        r
    }

    /// Runs a module's statements: each one the compiler handles as compiled code, the
    /// others on the tree walker, in order, in the module's scope.
    pub fn exec_module(&mut self, body: &[crate::syntax::ast::Stmt], scope: &Rc<Scope>) -> Res<()> {
        for s in body {
            let Some(code) = compile::statement(s) else {
                self.exec(s, scope)?;
                continue;
            };
            if crate::interrupt::take() {
                return Err(exc("KeyboardInterrupt", "")).at(s.span);
            }
            let (mut locals, stack) = self.frames.pop().unwrap_or_default();
            locals.resize(code.locals.len(), None);
            let frame = Frame {
                func: None,
                globals: scope.clone(),
                code: Rc::new(code),
                ip: 0,
                locals,
                stack,
                cells: Vec::new(),
                site: None,
            };
            let depth = self.depth;
            let r = self.run(frame);
            self.depth = depth;
            r?;
        }
        Ok(())
    }

    /// Runs `first` and every call it makes to compiled functions, until it returns.
    fn run(&mut self, first: Frame) -> Res<Value> {
        let mut frames: Vec<Frame> = Vec::with_capacity(8);
        if let Err(e) = self.enter(&first) {
            self.recycle(first);
            return Err(e);
        }
        frames.push(first);
        loop {
            match self.step(&mut frames) {
                Ok(None) => {}
                Ok(Some(v)) => return Ok(v),
                Err(e) => return Err(self.leave(&mut frames, e)),
            }
        }
    }

    /// Gives a finished frame's vectors back for the next call.
    fn recycle(&mut self, f: Frame) {
        let (mut locals, mut stack) = (f.locals, f.stack);
        drop(f.cells);
        locals.clear();
        stack.clear();
        self.frames.push((locals, stack));
    }

    /// Counts a call's frame (Python's recursion limit) and checks Ctrl-C on entry.
    fn enter(&mut self, f: &Frame) -> Res<()> {
        if self.depth >= RECURSION_LIMIT {
            return Err(exc("RecursionError", "maximum recursion depth exceeded"));
        }
        if crate::interrupt::pending() && crate::interrupt::take() {
            return Err(exc("KeyboardInterrupt", "")).at(f.code.spans[0]);
        }
        self.depth += 1;
        Ok(())
    }

    /// Ends the failing frame with `e`, as a call that raised: the error passes to its
    /// caller's call site, recorded in the traceback, until the frame stack is empty.
    fn leave(&mut self, frames: &mut Vec<Frame>, mut e: Box<crate::error::Exc>) -> Box<crate::error::Exc> {
        loop {
            let Some(f) = frames.pop() else {
                return e;
            };
            self.depth -= 1;
            let (func, site) = (f.func.clone(), f.site);
            self.recycle(f);
            let Some(func) = func else {
                // A module's statement: the error is its own.
                continue;
            };
            if super::stdlib::is_stdlib(self, func.def.span.start) {
                // Errors inside stdlib are reported at the user's call.
                e.span = site;
            } else if let Some(site) = site {
                // Keep the innermost calls and, in the last slot, the outermost one.
                if e.trace.len() < 64 {
                    e.trace.push((func.def.name, site));
                } else {
                    e.more_calls += 1;
                    e.trace[63] = (func.def.name, site);
                }
            }
            let Some(caller) = frames.last() else {
                return e;
            };
            if e.span.is_none() {
                e.span = Some(caller.code.spans[caller.ip - 1]);
            }
        }
    }

    /// Runs the next operation of the top frame; the returned value when the bottom
    /// frame returns. An error is left at the failing operation's span.
    fn step(&mut self, frames: &mut Vec<Frame>) -> Res<Option<Value>> {
        let top = frames.len() - 1;
        let f = &mut frames[top];
        let ip = f.ip;
        f.ip += 1;
        match self.op(f, ip) {
            Ok(Next::Go) => Ok(None),
            Ok(Next::Call(callee)) => {
                // A call refused on entry fails at the caller's call.
                if let Err(e) = self.enter(&callee) {
                    self.recycle(callee);
                    return Err(e.with_span(f.code.spans[ip]));
                }
                frames.push(callee);
                Ok(None)
            }
            Ok(Next::Return(v)) => {
                let done = frames.pop();
                self.depth -= 1;
                if let Some(done) = done {
                    self.recycle(done);
                }
                match frames.last_mut() {
                    Some(caller) => {
                        caller.stack.push(v);
                        Ok(None)
                    }
                    None => Ok(Some(v)),
                }
            }
            Err(e) => Err(e.with_span(f.code.spans[ip])),
        }
    }

    /// Runs the operation at `ip` of frame `f`.
    #[inline(always)]
    fn op(&mut self, f: &mut Frame, ip: usize) -> Res<Next> {
        let code = &*f.code;
        match code.ops[ip] {
            Op::Const(i) => f.stack.push(code.consts[i as usize].clone()),
            Op::Load(s) => match &f.locals[s as usize] {
                Some(v) => f.stack.push(v.clone()),
                None => {
                    return Err(exc(
                        "UnboundLocalError",
                        format!(
                            "cannot access local variable '{}' where it is not associated with a value",
                            code.locals[s as usize]
                        ),
                    ));
                }
            },
            Op::Store(s) => f.locals[s as usize] = Some(pop(&mut f.stack)?),
            Op::Delete(s) => {
                if f.locals[s as usize].take().is_none() {
                    return Err(exc(
                        "UnboundLocalError",
                        format!(
                            "cannot access local variable '{}' where it is not associated with a value",
                            code.locals[s as usize]
                        ),
                    ));
                }
            }
            Op::LoadDeref(i) => {
                let v = f.cells[i as usize].borrow().clone();
                match v {
                    Some(v) => f.stack.push(v),
                    None => return Err(unbound_cell(code, i)),
                }
            }
            Op::StoreDeref(i) => {
                let v = pop(&mut f.stack)?;
                *f.cells[i as usize].borrow_mut() = Some(v);
            }
            Op::DeleteDeref(i) => {
                if f.cells[i as usize].borrow_mut().take().is_none() {
                    return Err(unbound_cell(code, i));
                }
            }
            Op::MakeFunction(i) => {
                let entry = &code.functions[i as usize];
                let def = &entry.def;
                let count = |ps: &[crate::syntax::ast::Param]| ps.iter().filter(|p| p.default.is_some()).count();
                let given = count(&def.params) + count(&def.kwonly);
                let mut values = f
                    .stack
                    .split_off(f.stack.len().checked_sub(given).ok_or_else(stack_error)?)
                    .into_iter();
                let mut defaults_of = |ps: &[crate::syntax::ast::Param]| -> Vec<Option<Value>> {
                    ps.iter()
                        .map(|p| p.default.as_ref().and_then(|_| values.next()))
                        .collect()
                };
                let defaults = defaults_of(&def.params);
                let kw_defaults = defaults_of(&def.kwonly);
                let compiled = std::cell::OnceCell::new();
                let _ = compiled.set(Some(entry.code.clone()));
                f.stack.push(Value::Function(Rc::new(Function {
                    def: def.clone(),
                    defaults,
                    kw_defaults,
                    closure: f.globals.clone(),
                    code: compiled,
                    freevars: entry.captures.iter().map(|&c| f.cells[c as usize].clone()).collect(),
                })));
            }
            Op::ListAppend(depth) => {
                let v = pop(&mut f.stack)?;
                let at = f.stack.len().checked_sub(depth as usize + 1).ok_or_else(stack_error)?;
                let Value::List(l) = &f.stack[at] else {
                    return Err(stack_error());
                };
                let mut l = l.borrow_mut();
                if !crate::memory::room(&mut l) {
                    return Err(crate::error::memory_error());
                }
                l.push(v);
            }
            Op::MapAdd(depth) => {
                let v = pop(&mut f.stack)?;
                let k = pop(&mut f.stack)?;
                let h = self.hkey(&k)?;
                let at = f.stack.len().checked_sub(depth as usize + 1).ok_or_else(stack_error)?;
                let Value::Dict(d) = &f.stack[at] else {
                    return Err(stack_error());
                };
                d.borrow_mut().insert(h, k, v);
            }
            Op::LoadGlobal(i) => {
                let name = code.names[i as usize];
                let v = f.globals.vars.borrow().get(&name).cloned();
                match v.or_else(|| self.builtins.get(&name).cloned()) {
                    Some(v) => f.stack.push(v),
                    None => return Err(self.undefined(code, &f.globals, name)),
                }
            }
            Op::StoreGlobal(i) => {
                let v = pop(&mut f.stack)?;
                f.globals.set(code.names[i as usize], v);
            }
            Op::DeleteGlobal(i) => {
                let name = code.names[i as usize];
                if f.globals.remove(name).is_none() {
                    return Err(exc("NameError", format!("name '{name}' is not defined")));
                }
            }
            Op::Echo => {
                let v = pop(&mut f.stack)?;
                // A value computed for its own sake is realised like any other result.
                crate::realise::flush().map_err(super::stmt::flush_error)?;
                if self.echo && !matches!(v, Value::None) {
                    let text = crate::value::repr::checked_repr(&v)?;
                    self.write(&text);
                    self.write("\n");
                    self.builtins.insert(Sym::new("_"), v);
                }
            }
            Op::Pop => {
                pop(&mut f.stack)?;
            }
            Op::Dup => {
                let v = top(&f.stack)?.clone();
                f.stack.push(v);
            }
            Op::Dup2 => {
                let n = f.stack.len();
                if n < 2 {
                    return Err(stack_error());
                }
                let (a, b) = (f.stack[n - 2].clone(), f.stack[n - 1].clone());
                f.stack.push(a);
                f.stack.push(b);
            }
            Op::Swap => {
                let n = f.stack.len();
                if n < 2 {
                    return Err(stack_error());
                }
                f.stack.swap(n - 1, n - 2);
            }
            Op::Rot3 => {
                let n = f.stack.len();
                if n < 3 {
                    return Err(stack_error());
                }
                let v = pop(&mut f.stack)?;
                f.stack.insert(n - 3, v);
            }
            Op::Binary(op) => {
                let b = pop(&mut f.stack)?;
                let a = pop(&mut f.stack)?;
                let r = match fast::binary(op, &a, &b) {
                    Some(r) => r,
                    None => ops::binary(op, &a, &b)?,
                };
                f.stack.push(r);
            }
            Op::Inplace(op) => {
                let b = pop(&mut f.stack)?;
                let a = pop(&mut f.stack)?;
                let r = match fast::binary(op, &a, &b) {
                    Some(r) => r,
                    None => ops::inplace(op, &a, &b)?,
                };
                f.stack.push(r);
            }
            Op::Unary(op) => {
                let a = pop(&mut f.stack)?;
                f.stack.push(ops::unary(op, &a)?);
            }
            Op::Not => {
                let a = pop(&mut f.stack)?;
                f.stack.push(Value::Bool(!self.truth(&a)?));
            }
            Op::Compare(op) => {
                let b = pop(&mut f.stack)?;
                let a = pop(&mut f.stack)?;
                let r = match fast::compare(op, &a, &b) {
                    Some(r) => Value::Bool(r),
                    None => ops::compare_value(self, op, &a, &b)?,
                };
                f.stack.push(r);
            }
            Op::Jump(t) => f.ip = t as usize,
            Op::Loop(t) => {
                if crate::interrupt::pending() && crate::interrupt::take() {
                    return Err(exc("KeyboardInterrupt", ""));
                }
                f.ip = t as usize;
            }
            Op::JumpIfFalse(t) => {
                let c = pop(&mut f.stack)?;
                if !fast::truth(self, &c)? {
                    f.ip = t as usize;
                }
            }
            Op::JumpIfTrue(t) => {
                let c = pop(&mut f.stack)?;
                if fast::truth(self, &c)? {
                    f.ip = t as usize;
                }
            }
            Op::JumpIfFalseOrPop(t) => {
                if !self.truth(top(&f.stack)?)? {
                    f.ip = t as usize;
                } else {
                    pop(&mut f.stack)?;
                }
            }
            Op::JumpIfTrueOrPop(t) => {
                if self.truth(top(&f.stack)?)? {
                    f.ip = t as usize;
                } else {
                    pop(&mut f.stack)?;
                }
            }
            Op::GetIter => {
                let v = pop(&mut f.stack)?;
                let it = self.iterate(&v)?;
                f.stack.push(Value::Iter(Rc::new(RefCell::new(it))));
            }
            Op::ForIter(exit) => {
                let Value::Iter(it) = top(&f.stack)? else {
                    return Err(stack_error());
                };
                let it = it.clone();
                let next = it.borrow_mut().next(self)?;
                match next {
                    Some(v) => f.stack.push(v),
                    None => {
                        pop(&mut f.stack)?;
                        f.ip = exit as usize;
                    }
                }
            }
            Op::Call(n) => {
                let n = n as usize;
                let at = f.stack.len().checked_sub(n + 1).ok_or_else(stack_error)?;
                // A compiled function called with exactly its positional parameters: the
                // arguments move from this stack into the new frame's slots.
                if let Value::Function(func) = &f.stack[at]
                    && func.def.params.len() == n
                    && func.def.vararg.is_none()
                    && func.def.kwonly.is_empty()
                    && let Some(callee) = func.code()
                {
                    let func = func.clone();
                    let (mut locals, stack) = self.frames.pop().unwrap_or_default();
                    locals.extend(f.stack.drain(at + 1..).map(Some));
                    locals.resize(callee.locals.len(), None);
                    f.stack.pop();
                    let cells = cells_for(&func, &callee, &mut locals);
                    return Ok(Next::Call(Frame {
                        globals: func.closure.clone(),
                        func: Some(func),
                        code: callee,
                        ip: 0,
                        locals,
                        stack,
                        cells,
                        site: Some(code.spans[ip]),
                    }));
                }
                let pos = f.stack.split_off(at + 1);
                let callee = pop(&mut f.stack)?;
                let args = Args { pos, kw: Vec::new() };
                return self.call_value(&mut f.stack, callee, args, code.spans[ip]);
            }
            Op::CallWith(c) => {
                let args = self.shaped_args(&mut f.stack, &code.calls[c as usize])?;
                let callee = pop(&mut f.stack)?;
                return self.call_value(&mut f.stack, callee, args, code.spans[ip]);
            }
            Op::CallMethod(m, c) => {
                let args = match code.positional(c) {
                    Some(n) => Args {
                        pos: f.stack.split_off(f.stack.len().checked_sub(n).ok_or_else(stack_error)?),
                        kw: Vec::new(),
                    },
                    None => self.shaped_args(&mut f.stack, &code.calls[c as usize])?,
                };
                let obj = pop(&mut f.stack)?;
                let (name, name_span) = code.methods[m as usize];
                if matches!(obj, Value::Module(_)) {
                    let callee = self.get_attr(&obj, name).at(name_span)?;
                    return self.call_value(&mut f.stack, callee, args, code.spans[ip]);
                }
                f.stack.push(self.call_method(&obj, name, args)?);
            }
            Op::LoadAttr(i) => {
                let o = pop(&mut f.stack)?;
                f.stack.push(self.get_attr(&o, code.names[i as usize])?);
            }
            Op::StoreAttr(i) => {
                let o = pop(&mut f.stack)?;
                let v = pop(&mut f.stack)?;
                self.set_attr(&o, code.names[i as usize], v)?;
            }
            Op::LoadItem => {
                let k = pop(&mut f.stack)?;
                let o = pop(&mut f.stack)?;
                f.stack.push(self.get_item(&o, &k)?);
            }
            Op::StoreItem => {
                let k = pop(&mut f.stack)?;
                let o = pop(&mut f.stack)?;
                let v = pop(&mut f.stack)?;
                self.set_item(&o, k, v)?;
            }
            Op::DeleteItem => {
                let k = pop(&mut f.stack)?;
                let o = pop(&mut f.stack)?;
                self.del_item(&o, &k)?;
            }
            Op::BuildList(n) => {
                let items = f
                    .stack
                    .split_off(f.stack.len().checked_sub(n as usize).ok_or_else(stack_error)?);
                f.stack.push(Value::list(items));
            }
            Op::BuildTuple(n) => {
                let items = f
                    .stack
                    .split_off(f.stack.len().checked_sub(n as usize).ok_or_else(stack_error)?);
                f.stack.push(Value::tuple(items));
            }
            Op::NewDict => f.stack.push(Value::Dict(Rc::new(RefCell::new(Dict::new())))),
            Op::DictInsert => {
                let v = pop(&mut f.stack)?;
                let k = pop(&mut f.stack)?;
                let h = self.hkey(&k)?;
                let Value::Dict(d) = top(&f.stack)? else {
                    return Err(stack_error());
                };
                d.borrow_mut().insert(h, k, v);
            }
            Op::DictUpdate => {
                let m = pop(&mut f.stack)?;
                let Value::Dict(m) = m else {
                    return Err(type_error(format!("'{}' object is not a mapping", m.type_name())));
                };
                let pairs: Vec<_> = m.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                let Value::Dict(d) = top(&f.stack)? else {
                    return Err(stack_error());
                };
                let d = d.clone();
                for (k, v) in pairs {
                    let h = self.hkey(&k)?;
                    d.borrow_mut().insert(h, k, v);
                }
            }
            Op::BuildSlice => {
                let step = pop(&mut f.stack)?;
                let hi = pop(&mut f.stack)?;
                let lo = pop(&mut f.stack)?;
                f.stack.push(Value::Slice(Rc::new([lo, hi, step])));
            }
            Op::ToList => {
                let v = pop(&mut f.stack)?;
                f.stack.push(Value::list(self.to_vec(&v)?));
            }
            Op::BuildSpread(i) => {
                let (spread, list) = &code.spreads[i as usize];
                let parts = f
                    .stack
                    .split_off(f.stack.len().checked_sub(spread.len()).ok_or_else(stack_error)?);
                let mut out = Vec::with_capacity(parts.len());
                for (v, &s) in parts.into_iter().zip(spread) {
                    match (s, v) {
                        (true, Value::List(l)) => out.extend(l.borrow().iter().cloned()),
                        (_, v) => out.push(v),
                    }
                }
                f.stack.push(if *list { Value::list(out) } else { Value::tuple(out) });
            }
            Op::Unpack(n) => {
                let v = pop(&mut f.stack)?;
                let items = self.unpack_exact(&v, n as usize)?;
                f.stack.extend(items.into_iter().rev());
            }
            Op::UnpackStar(before, after) => {
                let v = pop(&mut f.stack)?;
                let items = self.unpack_star(&v, before as usize, after as usize)?;
                f.stack.extend(items.into_iter().rev());
            }
            Op::Format => {
                let spec = pop(&mut f.stack)?;
                let v = pop(&mut f.stack)?;
                let Value::Str(spec) = spec else {
                    return Err(stack_error());
                };
                f.stack.push(Value::Str(super::format::format_value(&v, &spec)?.into()));
            }
            Op::Concat(n) => {
                let parts = f
                    .stack
                    .split_off(f.stack.len().checked_sub(n as usize).ok_or_else(stack_error)?);
                let mut s = String::new();
                for p in &parts {
                    if let Value::Str(p) = p {
                        s.push_str(p);
                    }
                }
                f.stack.push(Value::Str(s.into()));
            }
            Op::Convert(c) => {
                let v = pop(&mut f.stack)?;
                f.stack.push(Value::Str(match c {
                    b'r' => crate::value::repr::checked_repr(&v)?.into(),
                    b'a' => super::builtins::ascii_escape(&crate::value::repr::repr(&v)).into(),
                    _ => crate::value::repr::checked_str(&v)?.into(),
                }));
            }
            Op::AssertFail(with_msg) => {
                let text = match with_msg {
                    true => crate::value::repr::str_of(&pop(&mut f.stack)?),
                    false => String::new(),
                };
                return Err(exc("AssertionError", text));
            }
            Op::EndStmt => crate::realise::flush().map_err(super::stmt::flush_error)?,
            Op::Return => return Ok(Next::Return(pop(&mut f.stack)?)),
        }
        Ok(Next::Go)
    }

    /// Calls `callee` from frame `f`: a compiled function gets a frame of its own, any
    /// other callable runs at once and its result is pushed.
    fn call_value(&mut self, stack: &mut Vec<Value>, callee: Value, args: Args, site: Span) -> Res<Next> {
        if let Value::Function(func) = &callee
            && let Some(code) = func.code()
        {
            return Ok(Next::Call(self.frame(func, code, args, Some(site))?));
        }
        stack.push(self.call(&callee, args, Some(site))?);
        Ok(Next::Go)
    }

    /// Pops the arguments of a call written with keywords, `*a` or `**k`.
    fn shaped_args(&mut self, stack: &mut Vec<Value>, shapes: &[ArgShape]) -> Res<Args> {
        let vals = stack.split_off(stack.len().checked_sub(shapes.len()).ok_or_else(stack_error)?);
        let mut pos = Vec::with_capacity(vals.len());
        let mut kw: Vec<(Sym, Value)> = Vec::new();
        for (shape, v) in shapes.iter().zip(vals) {
            match shape {
                ArgShape::Pos => pos.push(v),
                ArgShape::Star(span) => {
                    let items = self
                        .to_vec(&v)
                        .map_err(|_| type_error(format!("Value after * must be an iterable, not {}", v.type_name())));
                    pos.extend(items.at(*span)?);
                }
                ArgShape::Kw(n, span) => {
                    if kw.iter().any(|(k, _)| k == n) {
                        return Err(exc("SyntaxError", format!("keyword argument repeated: {n}"))).at(*span);
                    }
                    kw.push((*n, v));
                }
                ArgShape::DoubleStar(span) => {
                    let Value::Dict(d) = &v else {
                        return Err(type_error(format!(
                            "argument after ** must be a mapping, not {}",
                            v.type_name()
                        )))
                        .at(*span);
                    };
                    for (k, val) in d.borrow().iter() {
                        let Value::Str(s) = k else {
                            return Err(type_error("keywords must be strings")).at(*span);
                        };
                        kw.push((Sym::new(s), val.clone()));
                    }
                }
            }
        }
        Ok(Args { pos, kw })
    }

    /// NameError for a name neither the module nor the builtins define, with CPython's
    /// suggestion among the names the function can see.
    fn undefined(&self, code: &Code, globals: &Scope, name: Sym) -> Box<crate::error::Exc> {
        let mut e = exc("NameError", format!("name '{name}' is not defined"));
        let mut names: Vec<&'static str> = code.locals.iter().map(|s| s.as_str()).collect();
        names.extend(globals.vars.borrow().keys().map(|k| k.as_str()));
        names.extend(self.builtins.keys().map(|k| k.as_str()));
        if let Some(s) = super::suggest::did_you_mean(name.as_str(), names.iter().copied()) {
            e.msg.push_str(&format!(". Did you mean: '{s}'?"));
        }
        e
    }
}

/// Reading a cell before it is assigned: CPython's errors for a local and a free name.
fn unbound_cell(code: &Code, i: u32) -> Box<crate::error::Exc> {
    let i = i as usize;
    match code.cells.get(i) {
        Some(name) => exc(
            "UnboundLocalError",
            format!("cannot access local variable '{name}' where it is not associated with a value"),
        ),
        None => {
            let name = code.frees.get(i - code.cells.len()).map_or("?", |n| n.as_str());
            exc(
                "NameError",
                format!(
                    "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
                ),
            )
        }
    }
}

fn pop(stack: &mut Vec<Value>) -> Res<Value> {
    stack.pop().ok_or_else(stack_error)
}

fn top(stack: &[Value]) -> Res<&Value> {
    stack.last().ok_or_else(stack_error)
}

/// The compiler emitted code that reads more values than it pushed: nt's bug.
fn stack_error() -> Box<crate::error::Exc> {
    crate::nd::internal("compiled code read past its value stack")
}
