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

impl Sym {
    pub fn new(name: &str) -> Sym {
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

    pub fn as_str(self) -> &'static str {
        let table = interner().read().unwrap_or_else(|poisoned| poisoned.into_inner());
        table.names.get(self.0 as usize).copied().unwrap_or("?")
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
