//! The order `np.argsort` (kind `None`, 'quicksort' or 'heapsort') leaves ties in, NumPy
//! 2.4.6 on x86-64 with its AVX2 sort kernels (`NPY_DISABLE_CPU_FEATURES="X86_V4 AVX512_ICL
//! AVX512_SPR"`, as the reference corpus is generated), reproduced move for move in scalar code
//! so the result does not depend on the CPU nt runs on.
//!
//! NumPy 2.4 maps 'heapsort' onto 'quicksort' (`PyArray_ArgSort` in
//! numpy/_core/src/multiarray/item_selection.c clears the heapsort bit), so both kinds give
//! one order; 'stable'/'mergesort' are stable. Each 1-D lane is sorted on its own, starting
//! from the identity permutation; `N <= 1` gives zeros. Which code runs depends on the dtype
//! (numpy/_core/src/npysort/quicksort.cpp, `aquicksort_<type>`):
//!
//! * bool, int8, uint8, int16, uint16, float16: NumPy's own `aquicksort_` -- introsort over
//!   the index array: median of three (`pl`, middle, `pr`) moved to `pr - 1`, a Hoare
//!   partition with sentinels, the larger part pushed, insertion sort at 16 elements or fewer
//!   (`SMALL_QUICKSORT 15`), and `aheapsort_` (npysort_heapsort.h) once a popped part's depth
//!   budget (2 * floor(log2 n), decremented per partition) is below zero. Floats order NaN
//!   last (`HALF_LT`); -0.0 and 0.0 tie.
//! * int32, uint32, int64, uint64, float32, float64: x86-simd-sort's `avx2_argsort`
//!   (numpy/_core/src/npysort/x86_simd_argsort.dispatch.cpp -> x86simdsortStatic::argsort
//!   with hasnan = true -> `xss_argsort` in x86-simd-sort/src/xss-common-argsort.h). Keys go
//!   four to a vector for both widths (`avx2_half_vector` of 32-bit keys, `avx2_vector` of
//!   64-bit keys, paired with `avx2_vector<size_t>` of indices), with the same lane
//!   permutations, so the widths differ only in the padding key (the type's maximum, +inf for
//!   floats). Steps: a float lane holding a NaN is sorted by libstdc++'s `std::sort` with a
//!   NaN-last comparator (`std_argsort_withnan`); an already non-decreasing lane is left as
//!   is (`std::is_sorted`); otherwise `argsort_` with a budget of 2 * floor(log2 n): ranges of
//!   at most 256 go to the bitonic key-index network `argsort_n<256>`
//!   (xss-network-keyvaluesort.hpp with xss-reg-networks.hpp's 4-lane `sort_reg_4lanes` /
//!   `bitonic_merge_reg_4lanes`), larger ones are split around the median of four samples by
//!   `argpartition_unrolled<4>` (AVX2 `double_compressstore`: lanes below the pivot go left in
//!   lane order, the others right in reverse lane order), and an exhausted budget falls back
//!   to `std::sort` (`std_argsort`). A compare-exchange swaps only when strictly out of order.
//!
//! libstdc++'s `std::sort` (bits/stl_algo.h: `__introsort_loop`, threshold 16,
//! `__move_median_to_first`, `__unguarded_partition`, `__partial_sort` heap fallback,
//! `__final_insertion_sort`) is ported here as well.

/// The dtype of the lane being sorted: it picks the algorithm and the padding key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    Bool,
    I8,
    U8,
    I16,
    U16,
    F16,
    I32,
    U32,
    F32,
    I64,
    U64,
    F64,
}

impl Width {
    /// Whether NumPy sorts this dtype with x86-simd-sort (else with its own introsort).
    fn simd(self) -> bool {
        matches!(
            self,
            Width::I32 | Width::U32 | Width::F32 | Width::I64 | Width::U64 | Width::F64
        )
    }

    /// The key x86-simd-sort pads a partial vector with (`zmm_max()`), for integer dtypes.
    fn int_max(self) -> i128 {
        match self {
            Width::Bool => 1,
            Width::I8 => i8::MAX as i128,
            Width::U8 => u8::MAX as i128,
            Width::I16 => i16::MAX as i128,
            Width::U16 => u16::MAX as i128,
            Width::I32 => i32::MAX as i128,
            Width::U32 => u32::MAX as i128,
            Width::I64 => i64::MAX as i128,
            Width::U64 => u64::MAX as i128,
            Width::F16 | Width::F32 | Width::F64 => i128::MAX,
        }
    }
}

/// `np.argsort(row)` (kind quicksort or heapsort) for a float lane; `row` holds the float16,
/// float32 or float64 values exactly (as f64), `width` says which dtype they are.
pub fn argsort_indices_f64(row: &[f64], width: Width) -> Vec<usize> {
    argsort_indices(row, width, f64::INFINITY, |x| x.is_nan())
}

/// `np.argsort(row)` (kind quicksort or heapsort) for a bool or integer lane (as i128).
pub fn argsort_indices_i128(row: &[i128], width: Width) -> Vec<usize> {
    argsort_indices(row, width, width.int_max(), |_| false)
}

// `!(a < b)` is the C++ comparisons' own form (no NaN reaches them).
#[allow(clippy::neg_cmp_op_on_partial_ord)]
fn argsort_indices<K: Copy + PartialOrd>(v: &[K], width: Width, pad: K, is_nan: impl Fn(&K) -> bool) -> Vec<usize> {
    let n = v.len();
    let mut arg: Vec<usize> = (0..n).collect();
    if n <= 1 {
        return arg;
    }
    if !width.simd() {
        // NPY's `Tag::less`: NaN after everything (never true for integers).
        let less = |a: usize, b: usize| v[a] < v[b] || (is_nan(&v[b]) && !is_nan(&v[a]));
        npy_aquicksort(&mut arg, &less);
        return arg;
    }
    if v.iter().any(&is_nan) {
        // `std_argsort_withnan`: std::sort with NaN counted larger than every number.
        let less = |a: usize, b: usize| match (is_nan(&v[a]), is_nan(&v[b])) {
            (false, false) => v[a] < v[b],
            (true, _) => false,
            (false, true) => true,
        };
        std_sort(&mut arg, &less);
        return arg;
    }
    // Early exit for a lane that is already in order (`std::is_sorted` with `a < b`).
    if v.windows(2).all(|w| !(w[1] < w[0])) {
        return arg;
    }
    let xss = Xss { v, pad };
    xss.argsort(&mut arg, 0, n - 1, 2 * floor_log2(n));
    arg
}

/// floor(log2(n)) for n >= 1 (`npy_get_msb`; `(arrsize_t)log2(n)` for every n that fits).
fn floor_log2(n: usize) -> usize {
    (usize::BITS - 1 - n.leading_zeros()) as usize
}

// ---------------------------------------------------------------------------------------
// NumPy's own introsort over indices (npysort/quicksort.cpp `aquicksort_`,
// npysort/npysort_heapsort.h `aheapsort_`).

/// `aquicksort_`: sort `tosort` (element indices) by `less` on the elements they name.
fn npy_aquicksort(tosort: &mut [usize], less: &impl Fn(usize, usize) -> bool) {
    const SMALL_QUICKSORT: usize = 15;
    let num = tosort.len();
    let mut pl = 0usize;
    let mut pr = num - 1;
    let mut stack: Vec<(usize, usize, isize)> = Vec::new();
    let mut cdepth = 2 * floor_log2(num) as isize;
    loop {
        if cdepth < 0 {
            npy_aheapsort(&mut tosort[pl..=pr], less);
        } else {
            while pr - pl > SMALL_QUICKSORT {
                let pm = pl + ((pr - pl) >> 1);
                if less(tosort[pm], tosort[pl]) {
                    tosort.swap(pm, pl);
                }
                if less(tosort[pr], tosort[pm]) {
                    tosort.swap(pr, pm);
                }
                if less(tosort[pm], tosort[pl]) {
                    tosort.swap(pm, pl);
                }
                let vp = tosort[pm];
                let mut pi = pl;
                let mut pj = pr - 1;
                tosort.swap(pm, pj);
                loop {
                    pi += 1;
                    while less(tosort[pi], vp) {
                        pi += 1;
                    }
                    pj -= 1;
                    while less(vp, tosort[pj]) {
                        pj -= 1;
                    }
                    if pi >= pj {
                        break;
                    }
                    tosort.swap(pi, pj);
                }
                tosort.swap(pi, pr - 1);
                // Push the larger partition, go on with the smaller.
                cdepth -= 1;
                if pi - pl < pr - pi {
                    stack.push((pi + 1, pr, cdepth));
                    pr = pi - 1;
                } else {
                    stack.push((pl, pi - 1, cdepth));
                    pl = pi + 1;
                }
            }
            // Insertion sort.
            for pi in pl + 1..=pr {
                let vi = tosort[pi];
                let mut pj = pi;
                while pj > pl && less(vi, tosort[pj - 1]) {
                    tosort[pj] = tosort[pj - 1];
                    pj -= 1;
                }
                tosort[pj] = vi;
            }
        }
        match stack.pop() {
            Some((l, r, d)) => {
                pl = l;
                pr = r;
                cdepth = d;
            }
            None => break,
        }
    }
}

/// `aheapsort_`: heapsort over indices (1-based heap, as NumPy writes it).
fn npy_aheapsort(tosort: &mut [usize], less: &impl Fn(usize, usize) -> bool) {
    let mut n = tosort.len();
    let a = |i: usize| i - 1; // a[i] is tosort[i - 1]
    let mut l = n >> 1;
    while l > 0 {
        let tmp = tosort[a(l)];
        let (mut i, mut j) = (l, l << 1);
        while j <= n {
            if j < n && less(tosort[a(j)], tosort[a(j + 1)]) {
                j += 1;
            }
            if less(tmp, tosort[a(j)]) {
                tosort[a(i)] = tosort[a(j)];
                i = j;
                j += j;
            } else {
                break;
            }
        }
        tosort[a(i)] = tmp;
        l -= 1;
    }
    while n > 1 {
        let tmp = tosort[a(n)];
        tosort[a(n)] = tosort[a(1)];
        n -= 1;
        let (mut i, mut j) = (1, 2);
        while j <= n {
            if j < n && less(tosort[a(j)], tosort[a(j + 1)]) {
                j += 1;
            }
            if less(tmp, tosort[a(j)]) {
                tosort[a(i)] = tosort[a(j)];
                i = j;
                j += j;
            } else {
                break;
            }
        }
        tosort[a(i)] = tmp;
    }
}

// ---------------------------------------------------------------------------------------
// libstdc++ `std::sort` (bits/stl_algo.h, bits/stl_heap.h) over indices.

/// `std::sort(v.begin(), v.end(), less)`.
fn std_sort(v: &mut [usize], less: &impl Fn(usize, usize) -> bool) {
    if v.len() < 2 {
        return;
    }
    introsort_loop(v, 2 * floor_log2(v.len()), less);
    // `__final_insertion_sort`
    const THRESHOLD: usize = 16;
    if v.len() > THRESHOLD {
        insertion_sort(&mut v[..THRESHOLD], less);
        for i in THRESHOLD..v.len() {
            unguarded_linear_insert(v, i, less);
        }
    } else {
        insertion_sort(v, less);
    }
}

/// `__introsort_loop` on [first, last) = `v`.
fn introsort_loop(v: &mut [usize], mut depth: usize, less: &impl Fn(usize, usize) -> bool) {
    let mut last = v.len();
    while last > 16 {
        if depth == 0 {
            // `__partial_sort(first, last, last)`: make_heap then sort_heap.
            make_heap(&mut v[..last], less);
            let mut end = last;
            while end > 1 {
                end -= 1;
                let value = v[end];
                v[end] = v[0];
                adjust_heap(&mut v[..end], 0, value, less);
            }
            return;
        }
        depth -= 1;
        // `__unguarded_partition_pivot`
        let mid = last / 2;
        let (a, b, c) = (1, mid, last - 1);
        let pick = if less(v[a], v[b]) {
            if less(v[b], v[c]) {
                b
            } else if less(v[a], v[c]) {
                c
            } else {
                a
            }
        } else if less(v[a], v[c]) {
            a
        } else if less(v[b], v[c]) {
            c
        } else {
            b
        };
        v.swap(0, pick);
        let (mut first, mut hi) = (1, last);
        let cut = loop {
            while less(v[first], v[0]) {
                first += 1;
            }
            hi -= 1;
            while less(v[0], v[hi]) {
                hi -= 1;
            }
            if first >= hi {
                break first;
            }
            v.swap(first, hi);
            first += 1;
        };
        introsort_loop(&mut v[cut..last], depth, less);
        last = cut;
    }
}

/// `__make_heap` over all of `v`.
fn make_heap(v: &mut [usize], less: &impl Fn(usize, usize) -> bool) {
    let len = v.len();
    if len < 2 {
        return;
    }
    let mut parent = (len - 2) / 2;
    loop {
        let value = v[parent];
        adjust_heap(v, parent, value, less);
        if parent == 0 {
            return;
        }
        parent -= 1;
    }
}

/// `__adjust_heap(first, hole, len = v.len(), value)` with `__push_heap`.
fn adjust_heap(v: &mut [usize], mut hole: usize, value: usize, less: &impl Fn(usize, usize) -> bool) {
    let len = v.len();
    let top = hole;
    let mut second = hole;
    while len >= 1 && second < (len - 1) / 2 {
        second = 2 * (second + 1);
        if less(v[second], v[second - 1]) {
            second -= 1;
        }
        v[hole] = v[second];
        hole = second;
    }
    if len & 1 == 0 && len >= 2 && second == (len - 2) / 2 {
        second = 2 * (second + 1);
        v[hole] = v[second - 1];
        hole = second - 1;
    }
    while hole > top {
        let parent = (hole - 1) / 2;
        if !less(v[parent], value) {
            break;
        }
        v[hole] = v[parent];
        hole = parent;
    }
    v[hole] = value;
}

/// `__insertion_sort` over all of `v`.
fn insertion_sort(v: &mut [usize], less: &impl Fn(usize, usize) -> bool) {
    for i in 1..v.len() {
        if less(v[i], v[0]) {
            v[..=i].rotate_right(1);
        } else {
            unguarded_linear_insert(v, i, less);
        }
    }
}

/// `__unguarded_linear_insert`: sink `v[last]` leftwards.
fn unguarded_linear_insert(v: &mut [usize], mut last: usize, less: &impl Fn(usize, usize) -> bool) {
    let val = v[last];
    while last > 0 && less(val, v[last - 1]) {
        v[last] = v[last - 1];
        last -= 1;
    }
    v[last] = val;
}

// ---------------------------------------------------------------------------------------
// x86-simd-sort's AVX2 argsort (xss-common-argsort.h, xss-network-keyvaluesort.hpp,
// xss-reg-networks.hpp, avx2-emu-funcs.hpp), one 4-lane vector at a time.

/// The index a padding lane carries (`avx2_vector<size_t>::zmm_max()`).
const PAD: usize = usize::MAX;
/// Lanes per vector, for 32-bit and 64-bit keys alike.
const LANES: usize = 4;

struct Xss<'a, K> {
    v: &'a [K],
    /// The key of a padding lane (the dtype's maximum).
    pad: K,
}

impl<K: Copy + PartialOrd> Xss<'_, K> {
    fn key(&self, idx: usize) -> K {
        if idx == PAD { self.pad } else { self.v[idx] }
    }

    /// `argsort_` on arg[left..=right].
    fn argsort(&self, arg: &mut [usize], left: usize, right: usize, max_iters: usize) {
        if max_iters == 0 {
            // `std_argsort`
            std_sort(&mut arg[left..=right], &|a, b| self.v[a] < self.v[b]);
            return;
        }
        if right + 1 - left <= 256 {
            self.argsort_n(&mut arg[left..=right]);
            return;
        }
        // `get_pivot_64bit`, four lanes: the third smallest of four samples.
        let size = (right - left) / 4;
        let mut s = [1, 2, 3, 4].map(|k| self.v[arg[left + k * size]]);
        s.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        let pivot = s[2];
        let (pivot_index, any_lt, any_gt) = self.partition_unrolled(arg, left, right + 1, pivot);
        // `pivot != smallest`, `pivot != biggest`
        if any_lt {
            self.argsort(arg, left, pivot_index - 1, max_iters - 1);
        }
        if any_gt {
            self.argsort(arg, pivot_index, right, max_iters - 1);
        }
    }

    #[allow(clippy::neg_cmp_op_on_partial_ord)]
    /// `argpartition_unrolled<vtype, argtype, 4>` on arg[left..right) with more than 128
    /// elements: returns the first position of the right part (keys >= pivot), and whether
    /// any key is below / above the pivot.
    fn partition_unrolled(
        &self,
        arg: &mut [usize],
        mut left: usize,
        mut right: usize,
        pivot: K,
    ) -> (usize, bool, bool) {
        const UNROLL: usize = 4;
        const BLOCK: usize = UNROLL * LANES;
        let (mut any_lt, mut any_gt) = (false, false);
        let mut note = |k: K| {
            any_lt |= k < pivot;
            any_gt |= k > pivot;
        };
        for _ in 0..(right - left) % BLOCK {
            let k = self.v[arg[left]];
            note(k);
            if !(k < pivot) {
                right -= 1;
                arg.swap(left, right);
            } else {
                left += 1;
            }
        }
        if left == right {
            return (left, any_lt, any_gt);
        }
        let load = |arg: &[usize], at: usize| -> [[usize; LANES]; UNROLL] {
            std::array::from_fn(|ii| std::array::from_fn(|j| arg[at + ii * LANES + j]))
        };
        let vec_left = load(arg, left);
        let vec_right = load(arg, right - BLOCK);
        // Store points (signed: the right one may end below zero, as the C++ wraps).
        let mut r_store = right as isize - LANES as isize;
        let mut l_store = left as isize;
        left += BLOCK;
        right -= BLOCK;
        let mut step = |arg: &mut [usize], lanes: [usize; LANES], l_store: &mut isize, r_store: &mut isize| {
            lanes.iter().for_each(|&i| note(self.v[i]));
            let ge = self.partition_vec(
                arg,
                *l_store as usize,
                (*r_store + LANES as isize) as usize,
                lanes,
                pivot,
            );
            *l_store += (LANES - ge) as isize;
            *r_store -= ge as isize;
        };
        while right != left {
            let cur = if (r_store + LANES as isize) - (right as isize) < left as isize - l_store {
                right -= BLOCK;
                load(arg, right)
            } else {
                left += BLOCK;
                load(arg, left - BLOCK)
            };
            for lanes in cur {
                step(arg, lanes, &mut l_store, &mut r_store);
            }
        }
        for lanes in vec_left.into_iter().chain(vec_right) {
            step(arg, lanes, &mut l_store, &mut r_store);
        }
        (l_store as usize, any_lt, any_gt)
    }

    /// `partition_vec_avx2` + `avx2_double_compressstore64`: lanes with key < pivot first in
    /// lane order, then the rest in reverse lane order; the whole vector is stored at
    /// `l_store`, then again at `r_end - 4`. Returns how many keys are >= pivot.
    fn partition_vec(&self, arg: &mut [usize], l_store: usize, r_end: usize, lanes: [usize; LANES], pivot: K) -> usize {
        let mut temp = [0usize; LANES];
        let (mut lo, mut hi) = (0, LANES);
        for &i in &lanes {
            if self.v[i] >= pivot {
                hi -= 1;
                temp[hi] = i;
            } else {
                temp[lo] = i;
                lo += 1;
            }
        }
        arg[l_store..l_store + LANES].copy_from_slice(&temp);
        arg[r_end - LANES..r_end].copy_from_slice(&temp);
        LANES - lo
    }

    /// Compare-exchange of lanes `lo` and `hi` of `regs` (flat): swap iff key(hi) < key(lo).
    fn coex(&self, regs: &mut [usize], lo: usize, hi: usize) {
        if self.key(regs[hi]) < self.key(regs[lo]) {
            regs.swap(lo, hi);
        }
    }

    /// `argsort_n<vtype, argtype, 256>` on 1..=256 indices.
    fn argsort_n(&self, arg: &mut [usize]) {
        let n = arg.len();
        let mut num_vecs = 256 / LANES;
        while num_vecs > 1 && n * 2 <= num_vecs * LANES {
            num_vecs /= 2;
        }
        let mut regs = vec![PAD; num_vecs * LANES];
        regs[..n].copy_from_slice(arg);
        for r in regs.chunks_mut(LANES) {
            // `sort_reg_4lanes`
            for (lo, hi) in [(0, 1), (2, 3), (0, 3), (1, 2), (0, 1), (2, 3)] {
                self.coex(r, lo, hi);
            }
        }
        // `bitonic_fullmerge_n_vec`
        let mut per = 2;
        while per <= num_vecs {
            for group in regs.chunks_mut(per * LANES) {
                self.merge_n_vec(group, per);
            }
            per *= 2;
        }
        arg.copy_from_slice(&regs[..n]);
    }

    /// `bitonic_merge_n_vec<numVecs>` on `regs` (`num` vectors, each sorted half sorted).
    fn merge_n_vec(&self, regs: &mut [usize], num: usize) {
        // Vector i against the reversed vector num - 1 - i.
        for i in 0..num / 2 {
            let o = num - 1 - i;
            for j in 0..LANES {
                self.coex(regs, i * LANES + j, o * LANES + (LANES - 1 - j));
            }
        }
        // `bitonic_clean_n_vec`
        let mut span = num / 2;
        while span >= 2 {
            for j in (0..num).step_by(span) {
                for i in 0..span / 2 {
                    let (a, b) = (i + j, i + j + span / 2);
                    for l in 0..LANES {
                        self.coex(regs, a * LANES + l, b * LANES + l);
                    }
                }
            }
            span /= 2;
        }
        // `bitonic_merge_reg_4lanes` on each vector.
        for r in regs.chunks_mut(LANES) {
            for (lo, hi) in [(0, 2), (1, 3), (0, 1), (2, 3)] {
                self.coex(r, lo, hi);
            }
        }
    }
}
