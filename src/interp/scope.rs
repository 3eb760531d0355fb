//! Variable scopes. A function call gets a scope whose parent is the scope the function
//! was defined in (closures); the module scope has no parent and falls back to builtins.

use crate::syntax::ast::FuncDef;
use crate::syntax::symbol::Sym;
use crate::value::Value;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;

pub struct Scope {
    pub vars: RefCell<FxHashMap<Sym, Value>>,
    pub parent: Option<Rc<Scope>>,
    /// The function this scope belongs to: its assigned names are local even before
    /// assignment (reading one early is an `UnboundLocalError`, as in Python).
    pub func: Option<Rc<FuncDef>>,
}

impl Scope {
    pub fn module() -> Rc<Scope> {
        Rc::new(Scope {
            vars: RefCell::default(),
            parent: None,
            func: None,
        })
    }

    pub fn child(parent: &Rc<Scope>, func: Option<Rc<FuncDef>>, vars: FxHashMap<Sym, Value>) -> Rc<Scope> {
        Rc::new(Scope {
            vars: RefCell::new(vars),
            parent: Some(parent.clone()),
            func,
        })
    }

    pub fn get(&self, name: Sym) -> Option<Value> {
        self.vars.borrow().get(&name).cloned()
    }

    pub fn set(&self, name: Sym, v: Value) {
        self.vars.borrow_mut().insert(name, v);
    }

    pub fn remove(&self, name: Sym) -> Option<Value> {
        self.vars.borrow_mut().remove(&name)
    }
}
