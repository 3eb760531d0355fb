//! Which elements `torch.topk` picks on the CPU, and in what order, ties included; and the
//! order `torch.sort(stable=False)` (the default) leaves ties in.
//!
//! A port of PyTorch's `topk_impl_loop` (aten/src/ATen/native/TopKImpl.h, reached from
//! `topk_kernel` in aten/src/ATen/native/cpu/SortingKernel.cpp) and of the libstdc++
//! algorithms it instantiates (bits/stl_algo.h, bits/stl_heap.h): `std::partial_sort`
//! (`__heap_select` + `__sort_heap`), `std::nth_element` (`__introselect` with
//! `__move_median_to_first`, `__unguarded_partition` and `__insertion_sort` below four
//! elements) and `std::sort` (`__introsort_loop` + `__final_insertion_sort`, threshold 16).
//! Each row is a vector of (value, index) pairs. When `64 * k <= n` PyTorch partially sorts
//! the first k; otherwise it runs `nth_element` on position k - 1 and, when `sorted`, sorts
//! only the first k - 1 pairs (the k-th is already in place). The comparator is `x > y`
//! (largest) or `x < y` (smallest) with NaN counted as larger than every number, so ties
//! keep whatever order these unstable algorithms leave them in, which this reproduces
//! move for move. `torch.sort` without `stable=True` is `std::sort` over the same pairs with
//! the same comparators (aten/src/ATen/native/cpu/SortingKernel.cpp, `sort_kernel_impl`).

/// Heap and sort primitives over `v`, ordered by `comp` ("goes before"), as libstdc++ has them.
struct Algo<'a, E: Copy, C: Fn(&E, &E) -> bool> {
    v: &'a mut [E],
    comp: C,
}

/// `std::__lg`: floor(log2(n)) for n > 0.
fn lg(n: usize) -> usize {
    (usize::BITS - 1 - n.leading_zeros()) as usize
}

impl<E: Copy, C: Fn(&E, &E) -> bool> Algo<'_, E, C> {
    fn less(&self, a: usize, b: usize) -> bool {
        (self.comp)(&self.v[a], &self.v[b])
    }

    // ---- bits/stl_heap.h (heap rooted at `first`, positions relative to it) ----

    /// `__push_heap`: sift `value` up from `hole` towards `top`.
    fn push_heap(&mut self, first: usize, mut hole: isize, top: isize, value: E) {
        let mut parent = (hole - 1) / 2;
        while hole > top && (self.comp)(&self.v[first + parent as usize], &value) {
            self.v[first + hole as usize] = self.v[first + parent as usize];
            hole = parent;
            parent = (hole - 1) / 2;
        }
        self.v[first + hole as usize] = value;
    }

    /// `__adjust_heap`: move the hole at `hole` down to a leaf, then push `value` up.
    fn adjust_heap(&mut self, first: usize, mut hole: isize, len: isize, value: E) {
        let top = hole;
        let mut second = hole;
        while second < (len - 1) / 2 {
            second = 2 * (second + 1);
            if self.less(first + second as usize, first + (second - 1) as usize) {
                second -= 1;
            }
            self.v[first + hole as usize] = self.v[first + second as usize];
            hole = second;
        }
        if len & 1 == 0 && second == (len - 2) / 2 {
            second = 2 * (second + 1);
            self.v[first + hole as usize] = self.v[first + (second - 1) as usize];
            hole = second - 1;
        }
        self.push_heap(first, hole, top, value);
    }

    /// `__pop_heap`: the top goes to `result`, what was at `result` re-enters [first, last).
    fn pop_heap(&mut self, first: usize, last: usize, result: usize) {
        let value = self.v[result];
        self.v[result] = self.v[first];
        self.adjust_heap(first, 0, (last - first) as isize, value);
    }

    /// `__make_heap`.
    fn make_heap(&mut self, first: usize, last: usize) {
        if last - first < 2 {
            return;
        }
        let len = (last - first) as isize;
        let mut parent = (len - 2) / 2;
        loop {
            let value = self.v[first + parent as usize];
            self.adjust_heap(first, parent, len, value);
            if parent == 0 {
                return;
            }
            parent -= 1;
        }
    }

    /// `__sort_heap`.
    fn sort_heap(&mut self, first: usize, mut last: usize) {
        while last - first > 1 {
            last -= 1;
            self.pop_heap(first, last, last);
        }
    }

    // ---- bits/stl_algo.h ----

    /// `__heap_select`: the `middle - first` least of [first, last) into a heap at `first`.
    fn heap_select(&mut self, first: usize, middle: usize, last: usize) {
        self.make_heap(first, middle);
        for i in middle..last {
            if self.less(i, first) {
                self.pop_heap(first, middle, i);
            }
        }
    }

    /// `__partial_sort`.
    fn partial_sort(&mut self, first: usize, middle: usize, last: usize) {
        self.heap_select(first, middle, last);
        self.sort_heap(first, middle);
    }

    /// `__move_median_to_first`: swap the median of a, b, c into `result`.
    fn move_median_to_first(&mut self, result: usize, a: usize, b: usize, c: usize) {
        let pick = if self.less(a, b) {
            if self.less(b, c) {
                b
            } else if self.less(a, c) {
                c
            } else {
                a
            }
        } else if self.less(a, c) {
            a
        } else if self.less(b, c) {
            c
        } else {
            b
        };
        self.v.swap(result, pick);
    }

    /// `__unguarded_partition` of [first, last) around the element at `pivot` (outside it).
    /// The bounds checks only stop a comparator that is not a strict weak order from running
    /// off the slice; with a proper one they never fire.
    fn unguarded_partition(&mut self, mut first: usize, mut last: usize, pivot: usize) -> usize {
        loop {
            while first + 1 < self.v.len() && self.less(first, pivot) {
                first += 1;
            }
            last -= 1;
            while last > 0 && self.less(pivot, last) {
                last -= 1;
            }
            if first >= last {
                return first;
            }
            self.v.swap(first, last);
            first += 1;
        }
    }

    /// `__unguarded_partition_pivot`: median of (first + 1, mid, last - 1) to `first`, then
    /// partition the rest around it; returns the cut.
    fn unguarded_partition_pivot(&mut self, first: usize, last: usize) -> usize {
        let mid = first + (last - first) / 2;
        self.move_median_to_first(first, first + 1, mid, last - 1);
        self.unguarded_partition(first + 1, last, first)
    }

    /// `__unguarded_linear_insert`: sink the element at `last` leftwards.
    fn unguarded_linear_insert(&mut self, mut last: usize) {
        let val = self.v[last];
        while last > 0 && (self.comp)(&val, &self.v[last - 1]) {
            self.v[last] = self.v[last - 1];
            last -= 1;
        }
        self.v[last] = val;
    }

    /// `__insertion_sort`.
    fn insertion_sort(&mut self, first: usize, last: usize) {
        if first == last {
            return;
        }
        for i in first + 1..last {
            if self.less(i, first) {
                // Move [first, i) one right and put v[i] at first.
                self.v[first..=i].rotate_right(1);
            } else {
                self.unguarded_linear_insert(i);
            }
        }
    }

    /// `__final_insertion_sort`.
    fn final_insertion_sort(&mut self, first: usize, last: usize) {
        const THRESHOLD: usize = 16;
        if last - first > THRESHOLD {
            self.insertion_sort(first, first + THRESHOLD);
            for i in first + THRESHOLD..last {
                self.unguarded_linear_insert(i);
            }
        } else {
            self.insertion_sort(first, last);
        }
    }

    /// `__introsort_loop`.
    fn introsort_loop(&mut self, first: usize, mut last: usize, mut depth: usize) {
        while last - first > 16 {
            if depth == 0 {
                self.partial_sort(first, last, last);
                return;
            }
            depth -= 1;
            let cut = self.unguarded_partition_pivot(first, last);
            self.introsort_loop(cut, last, depth);
            last = cut;
        }
    }

    /// `std::sort` (libstdc++'s `__sort`).
    fn sort(&mut self, first: usize, last: usize) {
        if first != last {
            self.introsort_loop(first, last, lg(last - first) * 2);
            self.final_insertion_sort(first, last);
        }
    }

    /// `std::nth_element` (libstdc++'s `__introselect`).
    fn nth_element(&mut self, mut first: usize, nth: usize, mut last: usize) {
        if first == last || nth == last {
            return;
        }
        let mut depth = lg(last - first) * 2;
        while last - first > 3 {
            if depth == 0 {
                self.heap_select(first, nth + 1, last);
                // Place the nth element in its final position.
                self.v.swap(first, nth);
                return;
            }
            depth -= 1;
            let cut = self.unguarded_partition_pivot(first, last);
            if cut <= nth {
                first = cut;
            } else {
                last = cut;
            }
        }
        self.insertion_sort(first, last);
    }
}

/// Indices (into `row`) of the k elements torch.topk picks on the CPU, in the order it returns them.
///
/// `less` is the dtype's `<` (IEEE for floats, so NaN compares false); `is_nan` says which keys
/// are NaN (PyTorch ranks NaN above every number, for both `largest` and smallest). Keys must
/// compare as the tensor's dtype does: float32/float16 values widened exactly to f64 are fine;
/// bfloat16 is compared in float32 by PyTorch, also exact. `k` must be at most `row.len()`.
pub fn topk_indices<K: Copy>(
    row: &[K],
    k: usize,
    largest: bool,
    sorted: bool,
    less: impl Fn(&K, &K) -> bool,
    is_nan: impl Fn(&K) -> bool,
) -> Vec<usize> {
    let n = row.len();
    assert!(k <= n, "topk: k = {k} > n = {n}");
    if k == 0 {
        return Vec::new();
    }
    let mut queue: Vec<(K, usize)> = row.iter().copied().zip(0..).collect();
    let comp = |x: &(K, usize), y: &(K, usize)| -> bool {
        if largest {
            (is_nan(&x.0) && !is_nan(&y.0)) || less(&y.0, &x.0)
        } else {
            (!is_nan(&x.0) && is_nan(&y.0)) || less(&x.0, &y.0)
        }
    };
    let mut algo = Algo { v: &mut queue, comp };
    if k * 64 <= n {
        algo.partial_sort(0, k, n);
    } else {
        algo.nth_element(0, k - 1, n);
        if sorted {
            algo.sort(0, k - 1);
        }
    }
    queue[..k].iter().map(|&(_, i)| i).collect()
}

/// The order `torch.sort(row, descending)` (not stable) returns the row's indices in.
pub fn sort_indices<K: Copy>(
    row: &[K],
    descending: bool,
    less: impl Fn(&K, &K) -> bool,
    is_nan: impl Fn(&K) -> bool,
) -> Vec<usize> {
    let mut queue: Vec<(K, usize)> = row.iter().copied().zip(0..).collect();
    let comp = |x: &(K, usize), y: &(K, usize)| -> bool {
        if descending {
            (is_nan(&x.0) && !is_nan(&y.0)) || less(&y.0, &x.0)
        } else {
            (!is_nan(&x.0) && is_nan(&y.0)) || less(&x.0, &y.0)
        }
    };
    let n = queue.len();
    Algo { v: &mut queue, comp }.sort(0, n);
    queue.iter().map(|&(_, i)| i).collect()
}

/// `topk_indices` for a float row (float64, float32, float16, bfloat16 values as f64).
pub fn topk_indices_f64(row: &[f64], k: usize, largest: bool, sorted: bool) -> Vec<usize> {
    topk_indices(row, k, largest, sorted, |a, b| a < b, |a| a.is_nan())
}

/// `topk_indices` for an integer row (any integer dtype, exactly, as i128).
pub fn topk_indices_i128(row: &[i128], k: usize, largest: bool, sorted: bool) -> Vec<usize> {
    topk_indices(row, k, largest, sorted, |a, b| a < b, |_| false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_follow_the_cpu_kernel() {
        // torch.topk(torch.tensor([1, 3, 3, 2, 3]), 2) -> indices [2, 4]
        assert_eq!(topk_indices_i128(&[1, 3, 3, 2, 3], 2, true, true), vec![2, 4]);
        assert_eq!(topk_indices_f64(&[1.0, f64::NAN, 3.0], 1, true, true), vec![1]);
        assert_eq!(topk_indices_f64(&[1.0, f64::NAN, 3.0], 2, false, true), vec![0, 2]);
        assert!(topk_indices_i128(&[5, 6], 0, true, true).is_empty());
    }
}
