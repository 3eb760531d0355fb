//! The compiled evaluator: functions defined at module level are compiled once
//! (`compile.rs`) into stack-machine code (`code.rs`) and run here, a frame per call on
//! an explicit frame stack, so Python-to-Python calls do not recurse on the Rust stack
//! and recursion depth is a frame count. Bodies the compiler does not handle yet run on
//! the tree walker (`stmt.rs`, `expr.rs`), which this replaces piece by piece.

pub mod code;
pub mod compile;
mod exec;
pub(crate) mod fast;
pub mod generator;
mod hot;
pub(crate) mod scope;
mod special_frame;
mod with;

use super::Interp;
use super::RECURSION_LIMIT;
use super::scope::Scope;
use crate::error::{At, Res, exc, type_error};
use crate::syntax::source::Span;
use crate::syntax::symbol::Sym;
use crate::value::exception::ExcObj;
use crate::value::{Args, Cell, Function, Value};
use code::{ArgShape, Code};
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
    /// The `try` blocks open, innermost last.
    blocks: Vec<Block>,
    /// The exceptions being handled (`except` bodies running), innermost last.
    handling: Vec<Rc<ExcObj>>,
    /// The call's span in the caller, for tracebacks.
    site: Option<Span>,
    /// `Class(args)` running `__init__`: the new instance, which the call returns.
    init: Option<Value>,
    /// `a op b` running `a.__op__(b)`: the operation, asked again of `b` when the
    /// method returns `NotImplemented`.
    binop: Option<Box<(crate::syntax::ast::BinOp, Value, Value)>>,
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
        let cell = Rc::new(RefCell::new(v));
        crate::value::gc::track_cell(&cell);
        cells.push(cell);
    }
    cells.extend(func.freevars.iter().cloned());
    cells
}

/// An open `try` block: where its handlers start, and the value and handling stacks'
/// heights when it opened.
#[derive(Clone, Copy)]
struct Block {
    handler: u32,
    depth: u32,
    handling: u32,
}

/// The frames of one run: `slots[..live]` are running, innermost last; the slots above
/// are frames that ended, kept so that their vectors serve the next calls.
struct Frames {
    slots: Vec<Frame>,
    live: usize,
}

impl Frames {
    #[inline(always)]
    fn top(&mut self) -> &mut Frame {
        &mut self.slots[self.live - 1]
    }

    /// Ends the top frame: its values are dropped, its vectors kept; its function and
    /// call site are returned (for tracebacks).
    #[inline(always)]
    fn finish(&mut self) -> (Option<Rc<Function>>, Option<Span>) {
        self.live -= 1;
        let f = &mut self.slots[self.live];
        f.locals.clear();
        // A return leaves the value stack empty; blocks, cells and handled exceptions are
        // rare.
        if !f.stack.is_empty() {
            f.stack.clear();
        }
        if !f.cells.is_empty() {
            f.cells.clear();
        }
        f.blocks.clear();
        if !f.handling.is_empty() {
            f.handling.clear();
        }
        if f.init.is_some() {
            f.init = None;
        }
        if f.binop.is_some() {
            f.binop = None;
        }
        (f.func.take(), f.site.take())
    }
}

/// What an operation asks of the frame loop.
enum Next {
    Go,
    /// Calls the compiled function at `stack[at]` of the top frame, with the values
    /// above it as its positional parameters (`Code` is its body).
    Enter(Rc<Code>, usize),
    /// Runs the frame left in `Interp::pending` (kept out of `Next`, which every
    /// operation returns, so that `Next` stays small).
    Call,
    Return(Value),
    /// The generator running as the bottom frame suspends with this value.
    Yield(Value),
}

/// How a run of frames ended.
enum Outcome {
    Return(Value),
    /// A generator's frame suspended: the value, and the frame to resume.
    Yield(Value, Frame),
}

impl Function {
    /// The compiled body, compiled on first use; `None` when it runs on the tree walker
    /// (a nested function, or syntax the compiler does not handle yet).
    #[inline]
    pub fn code(&self) -> Option<Rc<Code>> {
        if let Some(compiled) = self.code.get() {
            return compiled.clone();
        }
        self.compile()
    }

    #[inline(never)]
    fn compile(&self) -> Option<Rc<Code>> {
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
        crate::nd::complex::check_call(func, args.pos.iter().chain(args.kw.iter().map(|(_, v)| v)))?;
        let def = &func.def;
        let n = code.locals.len();
        let simple = def.vararg.is_none() && def.kwonly.is_empty() && def.kwarg.is_none();
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
            blocks: Vec::new(),
            handling: Vec::new(),
            site,
            init: None,
            binop: None,
        })
    }

    /// Calls a compiled function: the entry from Rust (builtins, the tree walker).
    pub fn call_compiled(&mut self, func: &Rc<Function>, code: Rc<Code>, args: Args, site: Option<Span>) -> Res<Value> {
        let frame = self.frame(func, code, args, site)?;
        if frame.code.generator {
            return Ok(generator::new(frame));
        }
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
            let frame = self.namespace_frame(Rc::new(code), scope.clone());
            let depth = self.depth;
            let r = self.run(frame);
            self.depth = depth;
            r?;
        }
        Ok(())
    }

    /// A frame for code that runs in a namespace rather than a call: a module's
    /// statement, a class body.
    fn namespace_frame(&mut self, code: Rc<Code>, globals: Rc<Scope>) -> Frame {
        let (mut locals, stack) = self.frames.pop().unwrap_or_default();
        locals.resize(code.locals.len(), None);
        Frame {
            func: None,
            globals,
            code,
            ip: 0,
            locals,
            stack,
            cells: Vec::new(),
            blocks: Vec::new(),
            handling: Vec::new(),
            site: None,
            init: None,
            binop: None,
        }
    }

    /// Runs `first` and every call it makes to compiled functions, until it returns.
    fn run(&mut self, first: Frame) -> Res<Value> {
        match self.run_frames(first)? {
            Outcome::Return(v) => Ok(v),
            Outcome::Yield(..) => Err(exc("SyntaxError", "'yield' outside function")),
        }
    }

    /// Runs `first` and every call it makes to compiled functions, until it returns or,
    /// a generator's frame, yields.
    fn run_frames(&mut self, first: Frame) -> Res<Outcome> {
        self.run_frames_throwing(first, None)
    }

    /// `run_frames`, raising `thrown` where `first` stopped (a generator's `throw`).
    fn run_frames_throwing(&mut self, first: Frame, thrown: Option<Box<crate::error::Exc>>) -> Res<Outcome> {
        if let Err(e) = self.enter(&first) {
            self.recycle(first);
            return Err(e);
        }
        let mut frames = Frames {
            slots: self.frame_stacks.pop().unwrap_or_default(),
            live: 0,
        };
        self.place(&mut frames, first);
        let r = match thrown {
            Some(e) => match self.unwind(&mut frames, e) {
                Ok(()) => self.run_loop(&mut frames),
                Err(e) => Err(e),
            },
            None => self.run_loop(&mut frames),
        };
        // Every frame has ended (or, a generator's, moved out): the slots go back, their
        // vectors emptied, for the next run.
        self.frame_stacks.push(frames.slots);
        r
    }

    fn run_loop(&mut self, frames: &mut Frames) -> Res<Outcome> {
        loop {
            // The top frame's operations run in this inner loop until one changes the
            // frame stack (a call, a return, a yield) or fails.
            let f = frames.top();
            let (r, ip) = self.run_hot(f);
            match self.switch(frames, r, ip) {
                Ok(None) => {}
                Ok(Some(out)) => return Ok(out),
                Err(e) => self.unwind(frames, e)?,
            }
        }
    }

    /// Makes `frame` the top frame, in the slot above the live ones.
    fn place(&mut self, frames: &mut Frames, frame: Frame) {
        if frames.live < frames.slots.len() {
            let old = std::mem::replace(&mut frames.slots[frames.live], frame);
            self.recycle(old);
        } else {
            frames.slots.push(frame);
        }
        frames.live += 1;
    }

    /// Calls the compiled function below the top `stack.len() - at - 1` values of the top
    /// frame's stack, with them as its positional parameters: they move straight into
    /// the slots of a new top frame.
    fn enter_fast(&mut self, frames: &mut Frames, code: Rc<Code>, at: usize, site: Span) -> Res<()> {
        // What the operation entering the call left for its frame (taken first, so that
        // a refused call leaves nothing behind for the next one).
        let (binop, init) = (self.pending_binop.take(), self.pending_init.take());
        if self.depth >= RECURSION_LIMIT {
            return Err(exc("RecursionError", "maximum recursion depth exceeded"));
        }
        if crate::interrupt::pending() && crate::interrupt::take() {
            return Err(exc("KeyboardInterrupt", ""));
        }
        let live = frames.live;
        let caller = &mut frames.slots[live - 1];
        let Some(Value::Function(func)) = caller.stack.get(at) else {
            return Err(stack_error());
        };
        crate::nd::complex::check_call(func, caller.stack[at + 1..].iter())?;
        let globals = func.closure.clone();
        if live == frames.slots.len() {
            let (locals, stack) = self.frames.pop().unwrap_or_default();
            frames.slots.push(Frame {
                func: None,
                globals: globals.clone(),
                code: code.clone(),
                ip: 0,
                locals,
                stack,
                cells: Vec::new(),
                blocks: Vec::new(),
                handling: Vec::new(),
                site: None,
                init: None,
                binop: None,
            });
        }
        let (lo, hi) = frames.slots.split_at_mut(live);
        let (caller, slot) = (&mut lo[live - 1], &mut hi[0]);
        // The arguments move into the first slots, the other slots start empty.
        let n = caller.stack.len() - at - 1;
        let nlocals = code.locals.len().max(n);
        slot.locals.reserve(nlocals);
        slot.locals.extend(std::iter::repeat_with(|| None).take(nlocals));
        for i in (0..n).rev() {
            slot.locals[i] = caller.stack.pop();
        }
        let Some(Value::Function(func)) = caller.stack.pop() else {
            return Err(stack_error());
        };
        if !(code.cells.is_empty() && func.freevars.is_empty()) {
            slot.cells = cells_for(&func, &code, &mut slot.locals);
        }
        slot.func = Some(func);
        slot.globals = globals;
        slot.code = code;
        slot.ip = 0;
        slot.site = Some(site);
        slot.binop = binop;
        slot.init = init;
        frames.live += 1;
        self.depth += 1;
        self.call_sites.push(Some(site));
        Ok(())
    }

    /// Takes `e` to the innermost open `try` block, in this frame or a caller's: that
    /// frame goes on at the block's handlers, the exception on its stack. Frames without
    /// one end, each recorded in the traceback; with none left the error is returned.
    fn unwind(&mut self, frames: &mut Frames, mut e: Box<crate::error::Exc>) -> Res<()> {
        loop {
            if frames.live == 0 {
                return Err(e);
            }
            let f = frames.top();
            if let Some(b) = f.blocks.pop() {
                f.stack.truncate(b.depth as usize);
                f.handling.truncate(b.handling as usize);
                f.stack.push(Value::Exception(crate::value::exception::catch(e)));
                f.ip = b.handler as usize;
                return Ok(());
            }
            e = self.end_frame(frames, e);
        }
    }

    /// Gives a finished frame's vectors back for the next call.
    fn recycle(&mut self, f: Frame) {
        let (mut locals, mut stack) = (f.locals, f.stack);
        drop((f.cells, f.blocks, f.handling));
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
        self.call_sites.push(f.site);
        Ok(())
    }

    /// Ends the top frame with `e`, as a call that raised: the error passes to its
    /// caller's call site, recorded in the traceback.
    fn end_frame(&mut self, frames: &mut Frames, mut e: Box<crate::error::Exc>) -> Box<crate::error::Exc> {
        if frames.live == 0 {
            return e;
        }
        let (func, site) = frames.finish();
        self.depth -= 1;
        self.call_sites.pop();
        let Some(func) = func else {
            // A module's statement: the error is its own.
            return e;
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
        if frames.live > 0 && e.span.is_none() {
            let caller = frames.top();
            e.span = Some(caller.code.spans[caller.ip - 1]);
        }
        e
    }

    /// Acts on what operation `ip` of the top frame asked: a call pushes the callee's
    /// frame, a return pops the top frame; the returned value when the bottom frame
    /// returns. An error is left at the failing operation's span.
    #[inline(always)]
    fn switch(&mut self, frames: &mut Frames, r: Res<Next>, ip: usize) -> Res<Option<Outcome>> {
        match r {
            Ok(Next::Go) => Ok(None),
            Ok(Next::Enter(code, at)) => {
                let site = frames.top().code.spans[ip];
                // A call refused on entry fails at the caller's call.
                self.enter_fast(frames, code, at, site).map_err(|e| e.with_span(site))?;
                Ok(None)
            }
            Ok(Next::Call) => {
                let callee = self.pending.take().ok_or_else(stack_error)?;
                // A call refused on entry fails at the caller's call.
                if let Err(e) = self.enter(&callee) {
                    self.recycle(callee);
                    return Err(e.with_span(frames.top().code.spans[ip]));
                }
                self.place(frames, callee);
                Ok(None)
            }
            Ok(Next::Return(v)) => {
                let init = frames.top().init.take();
                let binop = frames.top().binop.take();
                frames.finish();
                self.depth -= 1;
                self.call_sites.pop();
                let v = match binop {
                    Some(b) if super::classes::is_not_implemented(&v) => {
                        match self.binary_after_forward(b.0, &b.1, &b.2) {
                            Ok(v) => v,
                            Err(e) if frames.live > 0 => {
                                let caller = frames.top();
                                return Err(e.with_span(caller.code.spans[caller.ip - 1]));
                            }
                            Err(e) => return Err(e),
                        }
                    }
                    _ => v,
                };
                let v = match init {
                    None => v,
                    Some(_) if !matches!(v, Value::None) => {
                        let e = type_error(format!("__init__() should return None, not '{}'", v.type_name()));
                        return Err(match frames.live {
                            0 => e,
                            _ => {
                                let caller = frames.top();
                                e.with_span(caller.code.spans[caller.ip - 1])
                            }
                        });
                    }
                    Some(obj) => obj,
                };
                if frames.live == 0 {
                    return Ok(Some(Outcome::Return(v)));
                }
                frames.top().stack.push(v);
                Ok(None)
            }
            Ok(Next::Yield(v)) => {
                // Only a generator's own frame yields, and it runs at the bottom.
                if frames.live != 1 {
                    return Err(stack_error());
                }
                frames.live = 0;
                self.depth -= 1;
                self.call_sites.pop();
                let done = frames.slots.swap_remove(0);
                Ok(Some(Outcome::Yield(v, done)))
            }
            Err(e) => Err(e.with_span(frames.top().code.spans[ip])),
        }
    }

    /// Calls `callee` from frame `f`: a compiled function gets a frame of its own, any
    /// other callable runs at once and its result is pushed.
    fn call_value(&mut self, stack: &mut Vec<Value>, callee: Value, args: Args, site: Span) -> Res<Next> {
        // `Class(args)` of a class whose `__init__` is compiled: `__init__` runs as a
        // frame, and the call gives the new instance.
        if let Value::Class(c) = &callee
            && !crate::value::exception::is_exception_class(c)
            && let Some(Value::Function(init)) = c.method(crate::sym!("__init__"))
            && let Some(code) = init.code()
            && !code.generator
        {
            let obj = crate::value::Object::new(c.clone(), Vec::with_capacity(c.attrs_hint.get()));
            let mut args = args;
            args.pos.insert(0, obj.clone());
            let mut frame = self.frame(&init, code, args, Some(site))?;
            frame.init = Some(obj);
            self.pending = Some(frame);
            return Ok(Next::Call);
        }
        if let Value::Function(func) = &callee
            && let Some(code) = func.code()
        {
            let frame = self.frame(func, code, args, Some(site))?;
            if frame.code.generator {
                stack.push(generator::new(frame));
                return Ok(Next::Go);
            }
            self.pending = Some(frame);
            return Ok(Next::Call);
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
