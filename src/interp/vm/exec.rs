//! The operations of compiled code, one at a time.

use super::code::Op;
use super::{Frame, Next, fast, pop, stack_error, top, unbound_cell};
use crate::error::{At, Res, exc, type_error};
use crate::interp::{Interp, ops};
use crate::syntax::symbol::Sym;
use crate::value::dict::Dict;
use crate::value::exception::ExcObj;
use crate::value::{Args, Function, Value};
use std::cell::RefCell;
use std::rc::Rc;

impl Interp {
    /// Runs the operation at `ip` of frame `f` (the cases `hot.rs` leaves).
    #[inline(never)]
    pub(super) fn op(&mut self, f: &mut Frame, ip: usize) -> Res<Next> {
        let code = &*f.code;
        match code.ops[ip] {
            Op::Const(i) => f.stack.push(code.consts[i as usize].fast_clone()),
            Op::Load(s) => match &f.locals[s as usize] {
                Some(v) => f.stack.push(v.fast_clone()),
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
                let made = Rc::new(Function {
                    def: def.clone(),
                    defaults,
                    kw_defaults,
                    // A class body's namespace is not a scope its methods see.
                    closure: f.globals.parent.clone().unwrap_or_else(|| f.globals.clone()),
                    code: compiled,
                    freevars: entry.captures.iter().map(|&c| f.cells[c as usize].clone()).collect(),
                    owner: Default::default(),
                    attrs: Default::default(),
                });
                // Closures and defaults can refer back to what refers to the function.
                if !(made.freevars.is_empty() && made.defaults.iter().chain(&made.kw_defaults).all(Option::is_none)) {
                    crate::value::gc::track_function(&made);
                }
                f.stack.push(Value::Function(made));
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
                let mut v = f.globals.vars.borrow().get(&name).cloned();
                // A class body sees its own names, then its module's.
                if v.is_none()
                    && let Some(module) = &f.globals.parent
                {
                    v = module.vars.borrow().get(&name).cloned();
                }
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
            Op::Annotate(i) => {
                let ann = pop(&mut f.stack)?;
                let globals = f.globals.clone();
                self.annotate(&globals, code.names[i as usize], ann)?;
            }
            Op::Echo => {
                let v = pop(&mut f.stack)?;
                // A value computed for its own sake is realised like any other result.
                crate::realise::flush().map_err(crate::interp::stmt::flush_error)?;
                if self.echo && !matches!(v, Value::None) {
                    if let Some(slot) = &mut self.echoed {
                        *slot = Some(v.clone());
                    } else {
                        let text = self.display(&v, false)?;
                        self.write(&text);
                        self.write("\n");
                    }
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
                    None => {
                        // An instance's operator method written in Python runs as a frame;
                        // its `NotImplemented` is answered when it returns.
                        if let Some((func, callee)) = super::special_frame::binary_method(op, &a) {
                            let at = f.stack.len();
                            f.stack.push(Value::Function(func));
                            f.stack.push(a.clone());
                            f.stack.push(b.clone());
                            self.pending_binop = Some(Box::new((op, a, b)));
                            return Ok(Next::Enter(callee, at));
                        }
                        self.binary_slow(op, &a, &b)?
                    }
                };
                f.stack.push(r);
            }
            Op::BinaryConst(op, c) => {
                let b = &code.consts[c as usize];
                let a = pop(&mut f.stack)?;
                let r = match fast::binary(op, &a, b) {
                    Some(r) => r,
                    None => self.binary_slow(op, &a, b)?,
                };
                f.stack.push(r);
            }
            Op::Inplace(op) => {
                let b = pop(&mut f.stack)?;
                let a = pop(&mut f.stack)?;
                let r = match fast::binary(op, &a, &b) {
                    Some(r) => r,
                    None => match self.special_binary(op, &a, &b, true) {
                        Some(r) => r?,
                        None => ops::inplace(op, &a, &b)?,
                    },
                };
                f.stack.push(r);
            }
            Op::Unary(op) => {
                let a = pop(&mut f.stack)?;
                let r = match self.special_unary(op, &a) {
                    Some(r) => r?,
                    None => ops::unary(op, &a)?,
                };
                f.stack.push(r);
            }
            Op::Not => {
                let a = pop(&mut f.stack)?;
                f.stack.push(Value::Bool(!fast::truth(self, &a)?));
            }
            Op::Compare(op) => {
                let b = pop(&mut f.stack)?;
                let a = pop(&mut f.stack)?;
                let r = match fast::compare(op, &a, &b) {
                    Some(r) => Value::Bool(r),
                    None => self.compare_slow(op, &a, &b)?,
                };
                f.stack.push(r);
            }
            Op::CompareJump(op, t) => {
                let b = pop(&mut f.stack)?;
                let a = pop(&mut f.stack)?;
                let hit = match fast::compare(op, &a, &b) {
                    Some(r) => r,
                    None => {
                        let r = self.compare_slow(op, &a, &b)?;
                        fast::truth(self, &r)?
                    }
                };
                if !hit {
                    f.ip = t as usize;
                }
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
                let v = top(&f.stack)?.clone();
                if !fast::truth(self, &v)? {
                    f.ip = t as usize;
                } else {
                    pop(&mut f.stack)?;
                }
            }
            Op::JumpIfTrueOrPop(t) => {
                let v = top(&f.stack)?.clone();
                if fast::truth(self, &v)? {
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
                    && simple_call(func, n)
                    && let Some(callee) = func.code()
                {
                    return Ok(Next::Enter(callee, at));
                }
                // `Class(args)` whose `__init__` takes them all: the new instance goes
                // in as `self`, and the call gives it back when `__init__` returns.
                if let Some((init, callee)) = super::special_frame::initializer(&f.stack[at], n) {
                    let Value::Class(c) = &f.stack[at] else {
                        return Err(stack_error());
                    };
                    let obj = crate::value::Object::new(c.clone(), Vec::with_capacity(c.attrs_hint.get()));
                    f.stack[at] = Value::Function(init);
                    f.stack.insert(at + 1, obj.clone());
                    self.pending_init = Some(obj);
                    return Ok(Next::Enter(callee, at));
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
                // A method a class defines in Python, called with exactly its positional
                // parameters: the function goes under the instance, which becomes the
                // first argument, and the call enters as `Call`'s fast path does.
                if let Some(n) = code.positional(c)
                    && let Some(at) = f.stack.len().checked_sub(n + 1)
                    && let Value::Object(o) = &f.stack[at]
                    && !o.has(code.methods[m as usize].0)
                    && let Some(Value::Function(func)) = o.class.method(code.methods[m as usize].0)
                    && simple_call(&func, n + 1)
                    && let Some(callee) = func.code()
                {
                    f.stack.insert(at, Value::Function(func));
                    return Ok(Next::Enter(callee, at));
                }
                if let Some(n) = code.positional(c)
                    && fast::method(self, &mut f.stack, code.methods[m as usize].0, n)?
                {
                    return Ok(Next::Go);
                }
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
                // A method a class defines in Python runs as a frame of this run, the
                // instance first (unless an instance attribute of that name shadows it).
                if let Value::Object(o) = &obj
                    && !o.has(name)
                    && let Some(method @ Value::Function(_)) = o.class.method(name)
                {
                    let mut args = args;
                    args.pos.insert(0, obj.clone());
                    return self.call_value(&mut f.stack, method, args, code.spans[ip]);
                }
                f.stack.push(self.call_method(&obj, name, args)?);
            }
            Op::LoadAttr(i) => {
                let o = pop(&mut f.stack)?;
                // A property whose getter is written in Python runs as a frame.
                if let Some((fget, callee)) = super::special_frame::property_getter(&o, code.names[i as usize]) {
                    let at = f.stack.len();
                    f.stack.push(Value::Function(fget));
                    f.stack.push(o);
                    return Ok(Next::Enter(callee, at));
                }
                f.stack.push(self.get_attr(&o, code.names[i as usize])?);
            }
            Op::StoreShape => {
                let o = pop(&mut f.stack)?;
                let v = pop(&mut f.stack)?;
                match self.store_shape(o, v)? {
                    Some(new) => {
                        f.stack.push(new);
                        f.stack.push(Value::Bool(true));
                    }
                    None => f.stack.push(Value::Bool(false)),
                }
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
            Op::DeleteAttr(n) => {
                let o = pop(&mut f.stack)?;
                self.del_attr(&o, code.names[n as usize])?;
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
            Op::NewSet => f.stack.push(crate::interp::sets::new_set(Default::default())),
            Op::SetAdd(depth) => {
                let v = pop(&mut f.stack)?;
                let e = self.set_entry(v)?;
                let at = f.stack.len().checked_sub(depth as usize + 1).ok_or_else(stack_error)?;
                let Value::Set(s) = &f.stack[at] else {
                    return Err(stack_error());
                };
                s.borrow_mut().add(e);
            }
            Op::SetUpdate => {
                let it = pop(&mut f.stack)?;
                let Value::Set(s) = top(&f.stack)? else {
                    return Err(stack_error());
                };
                let s = s.clone();
                let mut t = s.borrow().clone();
                self.set_update(&mut t, &it)?;
                *s.borrow_mut() = t;
            }
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
                f.stack.push(Value::Str(self.format_user(&v, &spec)?.into()));
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
                    b'r' => self.display(&v, false)?.into(),
                    b'a' => crate::interp::builtins::ascii_escape(&self.display(&v, false)?).into(),
                    _ => self.display(&v, true)?.into(),
                }));
            }
            Op::AssertFail(with_msg) => {
                let text = match with_msg {
                    true => crate::value::repr::str_of(&pop(&mut f.stack)?),
                    false => String::new(),
                };
                return Err(exc("AssertionError", text));
            }
            Op::SetupExcept(t) => f.blocks.push(super::Block {
                handler: t,
                depth: f.stack.len() as u32,
                handling: f.handling.len() as u32,
            }),
            Op::PopBlock => {
                f.blocks.pop();
            }
            Op::ExcMatch => {
                let classes = pop(&mut f.stack)?;
                let Value::Exception(e) = top(&f.stack)? else {
                    return Err(stack_error());
                };
                let hit = exception_matches(e, &classes)?;
                f.stack.push(Value::Bool(hit));
            }
            Op::PushHandling => {
                let Value::Exception(e) = top(&f.stack)? else {
                    return Err(stack_error());
                };
                let e = e.clone();
                f.handling.push(e);
            }
            Op::PopHandling => {
                f.handling.pop();
            }
            Op::Reraise => {
                let Value::Exception(e) = pop(&mut f.stack)? else {
                    return Err(stack_error());
                };
                return Err(crate::value::exception::rethrow(&e));
            }
            Op::Raise(n) => {
                if n == 0 {
                    return Err(match f.handling.last() {
                        Some(e) => crate::value::exception::rethrow(e),
                        None => exc("RuntimeError", "No active exception to reraise"),
                    });
                }
                let cause = if n == 2 { Some(pop(&mut f.stack)?) } else { None };
                let e = self.exception_of(pop(&mut f.stack)?)?;
                if let Some(cause) = cause {
                    let cause = match cause {
                        Value::None => Value::None,
                        c => Value::Exception(
                            self.exception_of(c)
                                .map_err(|_| type_error("exception causes must derive from BaseException"))?,
                        ),
                    };
                    e.set(Sym::new("__cause__"), cause);
                }
                let mut err = crate::value::exception::throw(&e);
                // The report's message is `str(e)`, instances among its arguments
                // printed through their own methods.
                if let Ok(text) = self.display(&Value::Exception(e), true) {
                    err.msg = text;
                }
                return Err(err);
            }
            Op::WithEnter => {
                let v = pop(&mut f.stack)?;
                let (exit, value) = self.with_enter(v)?;
                f.stack.push(exit);
                f.stack.push(value);
            }
            Op::WithExit => {
                let exit = pop(&mut f.stack)?;
                self.with_exit(exit, None)?;
            }
            Op::WithExitExc => {
                let Value::Exception(e) = pop(&mut f.stack)? else {
                    return Err(stack_error());
                };
                let exit = pop(&mut f.stack)?;
                if !self.with_exit(exit, Some(&e))? {
                    return Err(crate::value::exception::rethrow(&e));
                }
            }
            Op::Import(i) => {
                let (path, alias) = &code.imports[i as usize];
                let at = code.spans[ip].start;
                self.check_importable(path, at)?;
                let module = self.import(path)?;
                // `import a.b` binds `a`.
                let bound = if *alias { module } else { self.import(&path[..1])? };
                f.stack.push(bound);
            }
            Op::ImportModule(i) => {
                let (path, _) = &code.imports[i as usize];
                self.check_importable(path, code.spans[ip].start)?;
                f.stack.push(self.import(path)?);
            }
            Op::ImportRelative(i, level) => {
                let (path, _) = &code.imports[i as usize];
                let path = self.absolute_module(&f.globals, level, path)?;
                self.check_importable(&path, code.spans[ip].start)?;
                f.stack.push(self.import(&path)?);
            }
            Op::ImportName(i, n) => {
                let (path, _) = &code.imports[i as usize];
                let m = top(&f.stack)?.clone();
                f.stack.push(self.module_attr(&m, code.names[n as usize], path)?);
            }
            Op::MakeClass(i) => {
                let bases = pop(&mut f.stack)?;
                let (name, body) = &code.classes[i as usize];
                let ns = crate::interp::scope::Scope::child(&f.globals, None, Default::default());
                let frame = self.namespace_frame(body.clone(), ns.clone());
                self.run(frame)?;
                let attrs = std::mem::take(&mut *ns.vars.borrow_mut());
                let module = match f.globals.get(crate::syntax::symbol::Sym::new("__name__")) {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => "__main__".to_string(),
                };
                f.stack.push(self.make_user_class(*name, &bases, attrs, &module)?);
            }
            Op::Super => {
                let owner = f
                    .func
                    .as_ref()
                    .and_then(|func| func.owner.get())
                    .and_then(|w| w.upgrade())
                    .ok_or_else(|| exc("RuntimeError", "super(): no arguments"))?;
                let Some(Some(this)) = f.locals.first().cloned() else {
                    return Err(exc("RuntimeError", "super(): no arguments"));
                };
                f.stack.push(Value::Super(Rc::new((Some(owner), this))));
            }
            Op::EndStmt => {
                crate::realise::flush().map_err(crate::interp::stmt::flush_error)?;
                crate::value::gc::maybe_collect();
            }
            Op::Return => return Ok(Next::Return(pop(&mut f.stack)?)),
            Op::Yield => return Ok(Next::Yield(pop(&mut f.stack)?)),
        }
        Ok(Next::Go)
    }

    /// A binary operator beyond the fast cases: special methods, then the general code.
    #[inline(never)]
    fn binary_slow(&mut self, op: crate::syntax::ast::BinOp, a: &Value, b: &Value) -> Res<Value> {
        match self.special_binary(op, a, b, false) {
            Some(r) => r,
            None => ops::binary(op, a, b),
        }
    }

    #[inline(never)]
    fn compare_slow(&mut self, op: crate::syntax::ast::CmpOp, a: &Value, b: &Value) -> Res<Value> {
        match self.special_compare(op, a, b) {
            Some(r) => r,
            None => ops::compare_value(self, op, a, b),
        }
    }

    /// The exception `raise v` raises: `v` itself, or a new instance of the class `v`.
    pub(super) fn exception_of(&mut self, v: Value) -> Res<Rc<ExcObj>> {
        match v {
            Value::Exception(e) => Ok(e),
            Value::Class(c) if crate::value::exception::is_exception_class(&c) => {
                match self.construct_object(
                    &c,
                    Args {
                        pos: Vec::new(),
                        kw: Vec::new(),
                    },
                )? {
                    Value::Exception(e) => Ok(e),
                    _ => Err(type_error("exceptions must derive from BaseException")),
                }
            }
            _ => Err(type_error("exceptions must derive from BaseException")),
        }
    }
}

/// Whether calling `func` with `n` positional arguments binds them straight to its
/// parameters (no defaults, `*args`, keywords, or generator to make).
#[inline(always)]
pub(super) fn simple_call(func: &Function, n: usize) -> bool {
    let def = &func.def;
    def.params.len() == n && def.vararg.is_none() && def.kwonly.is_empty() && def.kwarg.is_none() && !def.is_generator
}

/// Whether `except classes:` catches `e` (a class or a tuple of them).
fn exception_matches(e: &ExcObj, classes: &Value) -> Res<bool> {
    match classes {
        Value::Class(c) if crate::value::exception::is_exception_class(c) => Ok(e.class.derives(c)),
        Value::Tuple(items) => {
            for c in items.iter() {
                if exception_matches(e, c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(type_error(
            "catching classes that do not inherit from BaseException is not allowed",
        )),
    }
}
