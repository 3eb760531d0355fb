//! Python's `set` and `frozenset`: CPython 3.11's open-addressing table
//! (Objects/setobject.c), so that items come out, and print, in CPython's order. Keys
//! compare by their dict-key projection (`1`, `1.0` and `True` are one key) and probe by
//! Python's hash (`hash.rs`). `tests/reference/python/set_model/set_model.py` is the same
//! table in Python, checked against CPython by `set_model_check.py` beside it.

use super::Value;
use super::dict::HKey;

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
enum Slot {
    Empty,
    /// A removed key: probes pass over it.
    Dummy,
    Full(Entry),
}

#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    pub key: HKey,
    pub value: Value,
}

#[derive(Clone)]
pub struct PySet {
    table: Vec<Slot>,
    /// Full and dummy slots.
    fill: usize,
    /// Full slots.
    used: usize,
    /// Where `pop` looks first.
    finger: usize,
}

impl Default for PySet {
    fn default() -> Self {
        PySet::new()
    }
}

/// The entry of `v`: its hash and key; `Err(type name)` when it is unhashable.
pub fn entry(v: Value) -> Result<Entry, &'static str> {
    let hash = super::hash::hash(&v)?;
    let key = HKey::of(&v)?;
    Ok(Entry { hash, key, value: v })
}

impl PySet {
    pub fn new() -> PySet {
        PySet {
            table: vec![Slot::Empty; MIN_SIZE],
            fill: 0,
            used: 0,
            finger: 0,
        }
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// The entries in table order (the order CPython iterates and prints).
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.table.iter().filter_map(|s| match s {
            Slot::Full(e) => Some(e),
            _ => None,
        })
    }

    pub fn values(&self) -> Vec<Value> {
        self.entries().map(|e| e.value.clone()).collect()
    }

    /// The index of `key`'s slot, or `None`.
    fn find(&self, hash: i64, key: &HKey) -> Option<usize> {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = hash as usize & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Empty => return None,
                    Slot::Full(e) if e.hash == hash && e.key == *key => return Some(j),
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    pub fn contains(&self, hash: i64, key: &HKey) -> bool {
        self.find(hash, key).is_some()
    }

    /// `set_add_entry`: adds the key unless an equal one is there (which stays).
    pub fn add(&mut self, e: Entry) {
        let mask = self.mask();
        let mut perturb = e.hash as u64;
        let mut i = e.hash as usize & mask;
        let mut freeslot = None;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Empty => {
                        match freeslot {
                            Some(f) => {
                                self.used += 1;
                                self.table[f] = Slot::Full(e);
                            }
                            None => {
                                self.fill += 1;
                                self.used += 1;
                                self.table[j] = Slot::Full(e);
                                if self.fill * 5 >= mask * 3 {
                                    self.resize(if self.used > 50000 {
                                        self.used * 2
                                    } else {
                                        self.used * 4
                                    });
                                }
                            }
                        }
                        return;
                    }
                    Slot::Full(have) if have.hash == e.hash && have.key == e.key => return,
                    // The last dummy on the probe path is the one reused.
                    Slot::Dummy => freeslot = Some(j),
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    /// `set_insert_clean`: into a table without dummies or an equal key.
    fn insert_clean(table: &mut [Slot], e: Entry) {
        let mask = table.len() - 1;
        let mut perturb = e.hash as u64;
        let mut i = e.hash as usize & mask;
        loop {
            if matches!(table[i], Slot::Empty) {
                table[i] = Slot::Full(e);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in i + 1..=i + LINEAR_PROBES {
                    if matches!(table[j], Slot::Empty) {
                        table[j] = Slot::Full(e);
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    /// `set_table_resize`: the smallest power of two above `minused` slots (at least 8),
    /// the keys reinserted in table order.
    fn resize(&mut self, minused: usize) {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        // A small table without dummies stays as it is.
        if size == MIN_SIZE && self.table.len() == MIN_SIZE && self.fill == self.used {
            return;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Empty; size]);
        self.fill = self.used;
        for s in old {
            if let Slot::Full(e) = s {
                PySet::insert_clean(&mut self.table, e);
            }
        }
    }

    /// `set_discard_entry`: whether the key was there.
    pub fn discard(&mut self, hash: i64, key: &HKey) -> bool {
        match self.find(hash, key) {
            Some(i) => {
                self.table[i] = Slot::Dummy;
                self.used -= 1;
                true
            }
            None => false,
        }
    }

    /// `set.pop`: the first full slot from the finger on.
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut i = self.finger & mask;
        while !matches!(self.table[i], Slot::Full(_)) {
            i = (i + 1) & mask;
        }
        let Slot::Full(e) = std::mem::replace(&mut self.table[i], Slot::Dummy) else {
            return None;
        };
        self.used -= 1;
        self.finger = i + 1;
        Some(e.value)
    }

    /// Takes `other`'s table, keeping this set's `pop` finger (`&=`).
    pub fn take_table(&mut self, other: PySet) {
        let finger = self.finger;
        *self = other;
        self.finger = finger;
    }

    pub fn clear(&mut self) {
        self.table = vec![Slot::Empty; MIN_SIZE];
        self.fill = 0;
        self.used = 0;
    }

    /// `set_merge`: adds every key of `other` (a set), as `update`, `|` and copying do.
    pub fn merge(&mut self, other: &PySet) {
        if other.used == 0 {
            return;
        }
        // One big resize first, expecting few keys in common.
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            // An empty table of the same size, and no dummies: a copy, slot for slot.
            self.table = other.table.clone();
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for e in other.entries() {
                PySet::insert_clean(&mut self.table, e.clone());
            }
            return;
        }
        for e in other.entries() {
            self.add(e.clone());
        }
    }

    /// The dict fast path of `set_update_internal`: one resize for the dict's size, then
    /// its keys in order.
    pub fn update_sized(&mut self, entries: Vec<Entry>) {
        if (self.fill + entries.len()) * 5 >= self.mask() * 3 {
            self.resize((self.used + entries.len()) * 2);
        }
        for e in entries {
            self.add(e);
        }
    }

    /// `set_difference_update_internal`'s last step: more than a quarter dummies are
    /// resized away.
    pub fn settle_dummies(&mut self) {
        if self.fill - self.used > self.mask() / 4 {
            self.resize(if self.used > 50000 {
                self.used * 2
            } else {
                self.used * 4
            });
        }
    }

    /// `frozenset.__hash__`.
    pub fn frozen_hash(&self) -> i64 {
        fn shuffle(h: u64) -> u64 {
            ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
        }
        let mut hash: u64 = 0;
        for s in &self.table {
            hash ^= shuffle(match s {
                Slot::Empty => 0,
                Slot::Dummy => -1i64 as u64,
                Slot::Full(e) => e.hash as u64,
            });
        }
        if (self.table.len() - self.fill) & 1 == 1 {
            hash ^= shuffle(0);
        }
        if (self.fill - self.used) & 1 == 1 {
            hash ^= shuffle(-1i64 as u64);
        }
        hash ^= (self.used as u64 + 1).wrapping_mul(1927868237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69069).wrapping_add(907133923);
        if hash == u64::MAX {
            return 590923713;
        }
        hash as i64
    }

    /// Whether both hold the same keys.
    pub fn same_keys(&self, other: &PySet) -> bool {
        self.used == other.used && self.entries().all(|e| other.contains(e.hash, &e.key))
    }

    pub fn is_subset(&self, other: &PySet) -> bool {
        self.used <= other.used && self.entries().all(|e| other.contains(e.hash, &e.key))
    }
}

impl PartialEq for PySet {
    fn eq(&self, other: &PySet) -> bool {
        self.same_keys(other)
    }
}

impl Eq for PySet {}

impl std::hash::Hash for PySet {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_i64(self.frozen_hash());
    }
}

impl std::fmt::Debug for PySet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PySet(len {})", self.used)
    }
}
