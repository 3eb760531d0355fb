//! Interned identifiers: the evaluator compares and hashes `Sym`s (a u32), never strings.

use std::collections::HashMap;
use std::fmt;
use std::sync::{OnceLock, RwLock};

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);

#[derive(Default)]
struct Interner {
    ids: HashMap<&'static str, Sym>,
    names: Vec<&'static str>,
}

fn interner() -> &'static RwLock<Interner> {
    static INTERNER: OnceLock<RwLock<Interner>> = OnceLock::new();
    INTERNER.get_or_init(Default::default)
}

thread_local! {
    /// This thread's copy of the names interned so far, read without the lock.
    static LOCAL: std::cell::RefCell<LocalNames> = std::cell::RefCell::new(LocalNames::default());
}

#[derive(Default)]
struct LocalNames {
    ids: rustc_hash::FxHashMap<&'static str, Sym>,
    names: Vec<&'static str>,
}

impl Sym {
    pub fn new(name: &str) -> Sym {
        // (`try_with`: names may still be asked for while the thread's locals are dropped.)
        if let Ok(Some(sym)) = LOCAL.try_with(|l| l.borrow().ids.get(name).copied()) {
            return sym;
        }
        let sym = Sym::intern(name);
        let leaked = Sym::shared_name(sym);
        let _ = LOCAL.try_with(|l| l.borrow_mut().ids.insert(leaked, sym));
        sym
    }

    fn intern(name: &str) -> Sym {
        let lock = interner();
        if let Ok(table) = lock.read() {
            if let Some(&sym) = table.ids.get(name) {
                return sym;
            }
        }
        let mut table = lock.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(&sym) = table.ids.get(name) {
            return sym;
        }
        // Names live for the whole process; leaking them keeps lookups lock-free of lifetimes.
        let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
        let sym = Sym(table.names.len() as u32);
        table.names.push(leaked);
        table.ids.insert(leaked, sym);
        sym
    }

    fn shared_name(self) -> &'static str {
        let table = interner().read().unwrap_or_else(|poisoned| poisoned.into_inner());
        table.names.get(self.0 as usize).copied().unwrap_or("?")
    }

    pub fn as_str(self) -> &'static str {
        let i = self.0 as usize;
        if let Ok(Some(name)) = LOCAL.try_with(|l| l.borrow().names.get(i).copied()) {
            return name;
        }
        // Names interned since this thread last looked: copy them all.
        let table = interner().read().unwrap_or_else(|poisoned| poisoned.into_inner());
        let _ = LOCAL.try_with(|l| {
            let mut l = l.borrow_mut();
            let have = l.names.len();
            l.names.extend_from_slice(&table.names[have.min(table.names.len())..]);
        });
        table.names.get(i).copied().unwrap_or("?")
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `sym!("__add__")`: the name's `Sym`, interned once per use site (a string literal);
/// for names the evaluator asks for on every operation, where `Sym::new` would hash the
/// text each time.
#[macro_export]
macro_rules! sym {
    ($name:literal) => {{
        static SYM: std::sync::OnceLock<$crate::syntax::symbol::Sym> = std::sync::OnceLock::new();
        *SYM.get_or_init(|| $crate::syntax::symbol::Sym::new($name))
    }};
}
