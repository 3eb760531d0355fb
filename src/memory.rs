//! How much memory one allocation may take, checked before anything that user input sizes
//! is allocated (arrays, lists, strings): a request beyond it is `MemoryError`, never an
//! abort. The limit is what the process can still get: the machine's available memory,
//! a cgroup's remaining limit (v1 or v2), and the address-space limit (`prlimit --as`)
//! less what is mapped already — or `NT_MEMORY_LIMIT` bytes when set. A module of its own
//! on the ground floor: the arrays and the evaluator both ask it.

/// Requests below this are not checked (reading `/proc` costs microseconds).
const SMALL: u64 = 16 << 20;

thread_local! {
    /// Bytes promised to deferred results not computed yet (realisation counts them in
    /// and out): they will be allocated, so a new request must leave room for them.
    static PROMISED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts `bytes` of a deferred result in (`promise`) or out (`keep`, once allocated).
pub fn promise(bytes: u64) {
    PROMISED.with(|p| p.set(p.get().saturating_add(bytes)));
}

pub fn keep(bytes: u64) {
    PROMISED.with(|p| p.set(p.get().saturating_sub(bytes)));
}

/// Forgets every promise (all deferred results were computed or dropped).
#[inline]
pub fn settle() {
    PROMISED.with(|p| p.set(0));
}

/// Whether `bytes` more can be allocated now, beside what deferred results will take.
pub fn fits(bytes: u64) -> bool {
    if bytes < SMALL {
        return true;
    }
    let promised = PROMISED.with(std::cell::Cell::get);
    bytes.saturating_add(promised) <= limit()
}

/// The most bytes one allocation may take now.
pub fn limit() -> u64 {
    if let Some(n) = std::env::var("NT_MEMORY_LIMIT").ok().and_then(|v| v.parse().ok()) {
        return n;
    }
    // Read afresh each time: the previous large allocation changed the answer, and a
    // read costs microseconds against the milliseconds of filling 16 MiB. An eighth is
    // kept back for what the computation allocates beside its result (temporaries,
    // thread stacks, the allocator's own needs).
    let room = [available(), cgroup_room(), address_room()]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(1 << 40);
    room - room / 8
}

fn read(path: &str) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// A `Key:   123 kB` line of a `/proc` file, in bytes.
fn field(text: &str, key: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with(key))?;
    let kb: u64 = line[key.len()..].split_whitespace().next()?.parse().ok()?;
    Some(kb * 1024)
}

/// `MemAvailable` (memory that can be had without swapping).
fn available() -> Option<u64> {
    field(&read("/proc/meminfo")?, "MemAvailable:")
}

/// What the process's cgroup still allows: `memory.max − memory.current` (v2) or
/// `limit_in_bytes − usage_in_bytes` (v1); `None` without a limit.
fn cgroup_room() -> Option<u64> {
    let num = |p: &str| read(p)?.trim().parse::<u64>().ok();
    let (limit, used) = match (num("/sys/fs/cgroup/memory.max"), num("/sys/fs/cgroup/memory.current")) {
        (Some(l), Some(u)) => (l, u),
        _ => (
            num("/sys/fs/cgroup/memory/memory.limit_in_bytes")?,
            num("/sys/fs/cgroup/memory/memory.usage_in_bytes")?,
        ),
    };
    // v1 writes "no limit" as a huge page-aligned number.
    (limit < 1 << 60).then(|| limit.saturating_sub(used))
}

/// The address-space limit (`ulimit -v`, `prlimit --as`) less what is mapped now.
fn address_room() -> Option<u64> {
    let limits = read("/proc/self/limits")?;
    let line = limits.lines().find(|l| l.starts_with("Max address space"))?;
    let soft: u64 = line["Max address space".len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let mapped = field(&read("/proc/self/status")?, "VmSize:").unwrap_or(0);
    Some(soft.saturating_sub(mapped))
}

/// `n` items of `size` bytes, or `None` when the product overflows.
pub fn bytes(n: usize, size: usize) -> Option<u64> {
    (n as u64).checked_mul(size as u64)
}

/// Before a push onto `v`: when it is full, reserves room for its doubling if that fits
/// in memory; `false` when it does not (the caller raises `MemoryError`). Growing
/// containers (comprehensions, `list(iterable)`) call it so they stop before the
/// allocator aborts.
pub fn room<T>(v: &mut Vec<T>) -> bool {
    if v.len() < v.capacity() {
        return true;
    }
    let more = v.capacity().max(4);
    let total = v
        .len()
        .checked_add(more)
        .and_then(|n| bytes(n, std::mem::size_of::<T>()));
    total.is_some_and(fits) && v.try_reserve(more).is_ok()
}

/// Whether `n` items of `size` bytes fit.
pub fn fits_items(n: usize, size: usize) -> bool {
    bytes(n, size).is_some_and(fits)
}
