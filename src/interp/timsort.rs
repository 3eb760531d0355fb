//! Timsort exactly as CPython 3.11 runs it for `list.sort` / `sorted`.
//!
//! This is a port of the sorting core of CPython's `Objects/listobject.c` (3.11):
//! `count_run` (strictly descending runs are reversed in place), `merge_compute_minrun`,
//! `binarysort`, the powersort merge policy (`powerloop`, `found_new_run`,
//! `merge_force_collapse`), `merge_at`, `merge_lo` / `merge_hi` with galloping
//! (`gallop_left`, `gallop_right`, adaptive `min_gallop`, `MIN_GALLOP` = 7).
//! It makes the same `lt(a, b)` calls, with the same arguments in the same order, as
//! CPython's `ISLT(a, b)`, so a user `__lt__` that prints, or that is not a total order
//! (NaN floats, inconsistent answers), observes and produces what CPython does.
//!
//! Items are never moved while sorting: the algorithm permutes a vector of indices
//! (playing the role of CPython's `PyObject **` array, and copied as freely as CPython
//! copies pointers), and the final permutation is applied to `v` at the end. When `lt`
//! fails, the index vector is left in exactly the state CPython leaves its array (the
//! merge routines copy their temp run back first), and that permutation is applied, so
//! `v` holds every item exactly once, in CPython's order. Nothing here panics whatever
//! `lt` answers.
//!
//! Reverse sorting is the caller's business, as in CPython's `list_sort_impl`: reverse
//! the items (and keys), call `timsort`, then reverse again, also when `timsort` failed.

/// Stay in galloping mode until both runs win fewer than this many times in a row.
const MIN_GALLOP: usize = 7;

/// Sorts `v` stably with CPython 3.11's timsort, using `lt(a, b)` as `a < b`.
///
/// On an error from `lt`, sorting stops and the error is returned; `v` is then some
/// permutation of its input (CPython's state at the failure).
pub fn timsort<T, E>(v: &mut Vec<T>, lt: &mut dyn FnMut(&T, &T) -> Result<bool, E>) -> Result<(), E> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let mut st = State {
        cmp: Cmp { items: &v[..], lt },
        p: (0..n).collect(),
        tmp: Vec::new(),
        min_gallop: MIN_GALLOP,
        pending: Vec::new(),
        listlen: n,
    };
    let result = st.sort();
    let perm = std::mem::take(&mut st.p);
    drop(st);
    apply_permutation(v, &perm);
    result
}

/// Rearranges `v` so that its i-th item is the old `v[perm[i]]`. Defensive: an index that
/// is out of range or repeated is skipped, and items not placed are appended, so no item is
/// ever lost or duplicated.
fn apply_permutation<T>(v: &mut Vec<T>, perm: &[usize]) {
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(slots.len());
    for &i in perm {
        if let Some(item) = slots.get_mut(i).and_then(Option::take) {
            out.push(item);
        }
    }
    out.extend(slots.into_iter().flatten());
    *v = out;
}

/// The comparison: `ISLT` on item indices.
struct Cmp<'a, T, E> {
    items: &'a [T],
    lt: &'a mut dyn FnMut(&T, &T) -> Result<bool, E>,
}

impl<T, E> Cmp<'_, T, E> {
    #[inline]
    fn islt(&mut self, x: usize, y: usize) -> Result<bool, E> {
        match (self.items.get(x), self.items.get(y)) {
            (Some(a), Some(b)) => (self.lt)(a, b),
            _ => Ok(false),
        }
    }
}

/// A pending run: `p[base..base + len]`, with its powersort node power.
#[derive(Clone, Copy)]
struct Run {
    base: usize,
    len: usize,
    power: u32,
}

/// CPython's `MergeState`, plus the array being sorted (`p`, item indices).
struct State<'a, T, E> {
    cmp: Cmp<'a, T, E>,
    p: Vec<usize>,
    tmp: Vec<usize>,
    min_gallop: usize,
    pending: Vec<Run>,
    listlen: usize,
}

/// How a merge loop ended (CPython's labels `Succeed` / `Fail` / `CopyA` / `CopyB`).
enum Exit<E> {
    Done,
    Fail(E),
    Copy,
}

/// `ISLT` inside a merge loop: on error, leave the loop through `Fail`.
macro_rules! islt_or_fail {
    ($cmp:expr, $x:expr, $y:expr, $label:lifetime) => {
        match $cmp.islt($x, $y) {
            Ok(b) => b,
            Err(e) => break $label Exit::Fail(e),
        }
    };
}

/// Like `?` on a gallop result inside a merge loop.
macro_rules! try_or_fail {
    ($e:expr, $label:lifetime) => {
        match $e {
            Ok(k) => k,
            Err(e) => break $label Exit::Fail(e),
        }
    };
}

/// `merge_compute_minrun`: n itself below 64, else a k in 32..=64 with n/k just under a
/// power of two.
fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// `binarysort`: sorts `a` by binary insertion, given that `a[..start]` is already sorted.
fn binarysort<T, E>(cmp: &mut Cmp<'_, T, E>, a: &mut [usize], start: usize) -> Result<(), E> {
    let mut start = if start == 0 { 1 } else { start };
    while start < a.len() {
        let pivot = a[start];
        let (mut l, mut r) = (0, start);
        // pivot >= all in a[..l], pivot < all in a[r..start].
        loop {
            let m = l + ((r - l) >> 1);
            if cmp.islt(pivot, a[m])? {
                r = m;
            } else {
                l = m + 1;
            }
            if l >= r {
                break;
            }
        }
        a.copy_within(l..start, l + 1);
        a[l] = pivot;
        start += 1;
    }
    Ok(())
}

/// `count_run`: the length of the run starting `a` (`a` non-empty), and whether it is
/// strictly descending (otherwise it is non-descending).
fn count_run<T, E>(cmp: &mut Cmp<'_, T, E>, a: &[usize]) -> Result<(usize, bool), E> {
    if a.len() < 2 {
        return Ok((a.len(), false));
    }
    let mut n = 2;
    if cmp.islt(a[1], a[0])? {
        while n < a.len() && cmp.islt(a[n], a[n - 1])? {
            n += 1;
        }
        Ok((n, true))
    } else {
        while n < a.len() && !cmp.islt(a[n], a[n - 1])? {
            n += 1;
        }
        Ok((n, false))
    }
}

/// `gallop_left`: the k in 0..=a.len() with `a[k-1] < key <= a[k]`, searching from `hint`.
fn gallop_left<T, E>(cmp: &mut Cmp<'_, T, E>, key: usize, a: &[usize], hint: usize) -> Result<usize, E> {
    let n = a.len();
    if n == 0 {
        return Ok(0);
    }
    let hint = hint.min(n - 1);
    // Offsets are kept as `lastofs + 1` (so "-1" is 0) after the gallop, as CPython does
    // with a signed lastofs; before it they are relative to hint.
    let (mut lo, mut hi); // a[lo-1] < key <= a[hi]
    let mut lastofs = 0;
    let mut ofs = 1;
    if cmp.islt(a[hint], key)? {
        // a[hint] < key: gallop right until a[hint+lastofs] < key <= a[hint+ofs].
        let maxofs = n - hint;
        while ofs < maxofs {
            if cmp.islt(a[hint + ofs], key)? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        ofs = ofs.min(maxofs);
        lo = hint + lastofs + 1;
        hi = hint + ofs;
    } else {
        // key <= a[hint]: gallop left until a[hint-ofs] < key <= a[hint-lastofs].
        let maxofs = hint + 1;
        while ofs < maxofs {
            if cmp.islt(a[hint - ofs], key)? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        lo = hint + 1 - ofs;
        hi = hint - lastofs;
    }
    // Binary search with invariant a[lo-1] < key <= a[hi].
    while lo < hi {
        let m = lo + ((hi - lo) >> 1);
        if cmp.islt(a[m], key)? {
            lo = m + 1;
        } else {
            hi = m;
        }
    }
    Ok(hi)
}

/// `gallop_right`: the k in 0..=a.len() with `a[k-1] <= key < a[k]`, searching from `hint`.
fn gallop_right<T, E>(cmp: &mut Cmp<'_, T, E>, key: usize, a: &[usize], hint: usize) -> Result<usize, E> {
    let n = a.len();
    if n == 0 {
        return Ok(0);
    }
    let hint = hint.min(n - 1);
    let (mut lo, mut hi); // a[lo-1] <= key < a[hi]
    let mut lastofs = 0;
    let mut ofs = 1;
    if cmp.islt(key, a[hint])? {
        // key < a[hint]: gallop left until a[hint-ofs] <= key < a[hint-lastofs].
        let maxofs = hint + 1;
        while ofs < maxofs {
            if cmp.islt(key, a[hint - ofs])? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        ofs = ofs.min(maxofs);
        lo = hint + 1 - ofs;
        hi = hint - lastofs;
    } else {
        // a[hint] <= key: gallop right until a[hint+lastofs] <= key < a[hint+ofs].
        let maxofs = n - hint;
        while ofs < maxofs {
            if cmp.islt(key, a[hint + ofs])? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        lo = hint + lastofs + 1;
        hi = hint + ofs;
    }
    // Binary search with invariant a[lo-1] <= key < a[hi].
    while lo < hi {
        let m = lo + ((hi - lo) >> 1);
        if cmp.islt(key, a[m])? {
            hi = m;
        } else {
            lo = m + 1;
        }
    }
    Ok(hi)
}

/// `powerloop`: the powersort "power" of the run boundary between the run `s1..s1+n1` and
/// the following run of length `n2`, in a list of length `n`.
fn powerloop(s1: usize, n1: usize, n2: usize, n: usize) -> u32 {
    let mut result = 0;
    let mut a = 2 * s1 + n1; // 2 * midpoint of run 1
    let mut b = a + n1 + n2; // 2 * midpoint of run 2
    // Emulate a/n and b/n one bit at a time, until the bits differ.
    while result < 128 {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    result
}

impl<T, E> State<'_, T, E> {
    /// The main loop of `list_sort_impl`: find runs, extend short ones to minrun, merge.
    fn sort(&mut self) -> Result<(), E> {
        let n = self.p.len();
        let minrun = compute_minrun(n);
        let mut lo = 0;
        while lo < n {
            let nremaining = n - lo;
            let (mut len, descending) = count_run(&mut self.cmp, &self.p[lo..])?;
            if descending {
                self.p[lo..lo + len].reverse();
            }
            if len < minrun {
                let force = nremaining.min(minrun);
                binarysort(&mut self.cmp, &mut self.p[lo..lo + force], len)?;
                len = force;
            }
            self.found_new_run(len)?;
            self.pending.push(Run {
                base: lo,
                len,
                power: 0,
            });
            lo += len.max(1);
        }
        self.merge_force_collapse()
    }

    /// `found_new_run`: merge runs on the stack whose power exceeds the new boundary's.
    fn found_new_run(&mut self, n2: usize) -> Result<(), E> {
        let Some(last) = self.pending.last().copied() else {
            return Ok(());
        };
        let power = powerloop(last.base, last.len, n2, self.listlen);
        while self.pending.len() > 1 && self.pending[self.pending.len() - 2].power > power {
            self.merge_at(self.pending.len() - 2)?;
        }
        if let Some(top) = self.pending.last_mut() {
            top.power = power;
        }
        Ok(())
    }

    /// `merge_force_collapse`: merge everything that is left, at the end.
    fn merge_force_collapse(&mut self) -> Result<(), E> {
        while self.pending.len() > 1 {
            let mut i = self.pending.len() - 2;
            if i > 0 && self.pending[i - 1].len < self.pending[i + 1].len {
                i -= 1;
            }
            self.merge_at(i)?;
        }
        Ok(())
    }

    /// `merge_at`: merge the runs at stack indices i and i + 1.
    fn merge_at(&mut self, i: usize) -> Result<(), E> {
        let (Some(&ra), Some(&rb)) = (self.pending.get(i), self.pending.get(i + 1)) else {
            return Ok(());
        };
        let (mut sa, mut na, sb, mut nb) = (ra.base, ra.len, rb.base, rb.len);
        self.pending[i].len = na + nb;
        self.pending.remove(i + 1);
        if na == 0 || nb == 0 {
            return Ok(());
        }
        // Where does b start in a? Elements of a before that are already in place.
        let k = gallop_right(&mut self.cmp, self.p[sb], &self.p[sa..sa + na], 0)?;
        sa += k;
        na -= k;
        if na == 0 {
            return Ok(());
        }
        // Where does a end in b? Elements of b after that are already in place.
        nb = gallop_left(&mut self.cmp, self.p[sa + na - 1], &self.p[sb..sb + nb], nb - 1)?;
        if nb == 0 {
            return Ok(());
        }
        if na <= nb {
            self.merge_lo(sa, na, nb)
        } else {
            self.merge_hi(sa, na, nb)
        }
    }

    /// `merge_lo`: merge `p[sa..sa+na]` with `p[sa+na..sa+na+nb]` (na <= nb), copying the
    /// first run to temp space and filling from the left.
    fn merge_lo(&mut self, sa: usize, mut na: usize, mut nb: usize) -> Result<(), E> {
        let p = &mut self.p;
        let tmp = &mut self.tmp;
        let cmp = &mut self.cmp;
        tmp.clear();
        tmp.extend_from_slice(&p[sa..sa + na]);
        let mut dest = sa; // next slot to fill in p
        let mut ia = 0; // next of run a, in tmp
        let mut ib = sa + na; // next of run b, in p

        p[dest] = p[ib];
        dest += 1;
        ib += 1;
        nb -= 1;
        let exit = 'body: {
            if nb == 0 {
                break 'body Exit::Done;
            }
            if na == 1 {
                break 'body Exit::Copy;
            }
            let mut min_gallop = self.min_gallop;
            loop {
                let mut acount = 0; // times in a row run a won
                let mut bcount = 0; // times in a row run b won
                // Straightforward merging until one run wins consistently.
                loop {
                    if islt_or_fail!(cmp, p[ib], tmp[ia], 'body) {
                        p[dest] = p[ib];
                        dest += 1;
                        ib += 1;
                        bcount += 1;
                        acount = 0;
                        nb -= 1;
                        if nb == 0 {
                            break 'body Exit::Done;
                        }
                        if bcount >= min_gallop {
                            break;
                        }
                    } else {
                        p[dest] = tmp[ia];
                        dest += 1;
                        ia += 1;
                        acount += 1;
                        bcount = 0;
                        na -= 1;
                        if na == 1 {
                            break 'body Exit::Copy;
                        }
                        if acount >= min_gallop {
                            break;
                        }
                    }
                }
                // Gallop until neither run wins consistently any more.
                min_gallop += 1;
                loop {
                    min_gallop -= usize::from(min_gallop > 1);
                    self.min_gallop = min_gallop;
                    let k = try_or_fail!(gallop_right(cmp, p[ib], &tmp[ia..ia + na], 0), 'body);
                    acount = k;
                    if k > 0 {
                        p[dest..dest + k].copy_from_slice(&tmp[ia..ia + k]);
                        dest += k;
                        ia += k;
                        na -= k;
                        if na == 1 {
                            break 'body Exit::Copy;
                        }
                        // na == 0 is impossible with a consistent comparison.
                        if na == 0 {
                            break 'body Exit::Done;
                        }
                    }
                    p[dest] = p[ib];
                    dest += 1;
                    ib += 1;
                    nb -= 1;
                    if nb == 0 {
                        break 'body Exit::Done;
                    }

                    let k = try_or_fail!(gallop_left(cmp, tmp[ia], &p[ib..ib + nb], 0), 'body);
                    bcount = k;
                    if k > 0 {
                        p.copy_within(ib..ib + k, dest);
                        dest += k;
                        ib += k;
                        nb -= k;
                        if nb == 0 {
                            break 'body Exit::Done;
                        }
                    }
                    p[dest] = tmp[ia];
                    dest += 1;
                    ia += 1;
                    na -= 1;
                    if na == 1 {
                        break 'body Exit::Copy;
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                min_gallop += 1; // penalize leaving galloping mode
                self.min_gallop = min_gallop;
            }
        };
        match exit {
            Exit::Copy => {
                // The last element of run a belongs at the end of the merge.
                p.copy_within(ib..ib + nb, dest);
                p[dest + nb] = tmp[ia];
                Ok(())
            }
            Exit::Done | Exit::Fail(_) => {
                p[dest..dest + na].copy_from_slice(&tmp[ia..ia + na]);
                match exit {
                    Exit::Fail(e) => Err(e),
                    _ => Ok(()),
                }
            }
        }
    }

    /// `merge_hi`: merge `p[sa..sa+na]` with `p[sa+na..sa+na+nb]` (na >= nb), copying the
    /// second run to temp space and filling from the right.
    ///
    /// Positions are kept one past CPython's pointers (`dest`, `ea` in p; `eb` in tmp), so
    /// that they never go below zero: CPython's `*dest` is `p[dest - 1]`.
    fn merge_hi(&mut self, sa: usize, mut na: usize, mut nb: usize) -> Result<(), E> {
        let p = &mut self.p;
        let tmp = &mut self.tmp;
        let cmp = &mut self.cmp;
        let sb = sa + na;
        tmp.clear();
        tmp.extend_from_slice(&p[sb..sb + nb]);
        let mut dest = sb + nb; // one past the next slot to fill in p
        let mut ea = sb; // one past the last of run a, in p
        let mut eb = nb; // one past the last of run b, in tmp

        p[dest - 1] = p[ea - 1];
        dest -= 1;
        ea -= 1;
        na -= 1;
        let exit = 'body: {
            if na == 0 {
                break 'body Exit::Done;
            }
            if nb == 1 {
                break 'body Exit::Copy;
            }
            let mut min_gallop = self.min_gallop;
            loop {
                let mut acount = 0; // times in a row run a won
                let mut bcount = 0; // times in a row run b won
                // Straightforward merging until one run wins consistently.
                loop {
                    if islt_or_fail!(cmp, tmp[eb - 1], p[ea - 1], 'body) {
                        p[dest - 1] = p[ea - 1];
                        dest -= 1;
                        ea -= 1;
                        acount += 1;
                        bcount = 0;
                        na -= 1;
                        if na == 0 {
                            break 'body Exit::Done;
                        }
                        if acount >= min_gallop {
                            break;
                        }
                    } else {
                        p[dest - 1] = tmp[eb - 1];
                        dest -= 1;
                        eb -= 1;
                        bcount += 1;
                        acount = 0;
                        nb -= 1;
                        if nb == 1 {
                            break 'body Exit::Copy;
                        }
                        if bcount >= min_gallop {
                            break;
                        }
                    }
                }
                // Gallop until neither run wins consistently any more.
                min_gallop += 1;
                loop {
                    min_gallop -= usize::from(min_gallop > 1);
                    self.min_gallop = min_gallop;
                    let k = try_or_fail!(gallop_right(cmp, tmp[eb - 1], &p[sa..sa + na], na - 1), 'body);
                    let k = na - k.min(na);
                    acount = k;
                    if k > 0 {
                        dest -= k;
                        ea -= k;
                        p.copy_within(ea..ea + k, dest);
                        na -= k;
                        if na == 0 {
                            break 'body Exit::Done;
                        }
                    }
                    p[dest - 1] = tmp[eb - 1];
                    dest -= 1;
                    eb -= 1;
                    nb -= 1;
                    if nb == 1 {
                        break 'body Exit::Copy;
                    }

                    let k = try_or_fail!(gallop_left(cmp, p[ea - 1], &tmp[..nb], nb - 1), 'body);
                    let k = nb - k.min(nb);
                    bcount = k;
                    if k > 0 {
                        dest -= k;
                        eb -= k;
                        p[dest..dest + k].copy_from_slice(&tmp[eb..eb + k]);
                        nb -= k;
                        if nb == 1 {
                            break 'body Exit::Copy;
                        }
                        // nb == 0 is impossible with a consistent comparison.
                        if nb == 0 {
                            break 'body Exit::Done;
                        }
                    }
                    p[dest - 1] = p[ea - 1];
                    dest -= 1;
                    ea -= 1;
                    na -= 1;
                    if na == 0 {
                        break 'body Exit::Done;
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                min_gallop += 1; // penalize leaving galloping mode
                self.min_gallop = min_gallop;
            }
        };
        match exit {
            Exit::Copy => {
                // The first element of run b belongs at the front of the merge.
                p.copy_within(ea - na..ea, dest - na);
                p[dest - na - 1] = tmp[eb - 1];
                Ok(())
            }
            Exit::Done | Exit::Fail(_) => {
                p[dest - nb..dest].copy_from_slice(&tmp[..nb]);
                match exit {
                    Exit::Fail(e) => Err(e),
                    _ => Ok(()),
                }
            }
        }
    }
}
