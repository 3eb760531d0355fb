//! Which element `torch.kthvalue` and `torch.mode` return the index of on the CPU when a row
//! has ties, and the order `torch.unique` (with and without `dim`) groups elements in, NaN
//! included: ports of PyTorch's CPU kernels, move for move.
//!
//! - `kthvalue`: `kthvalue_out_impl_cpu` (aten/src/ATen/native/Sorting.cpp) copies each row
//!   with its indices 0..n and runs `quick_select_template` (aten/src/ATen/native/
//!   SortingUtils.h: Sedgewick's partition with a median-of-three pivot) for position k - 1
//!   under `gt_or_nan` (`x > y`, NaN above every number); the index left at k - 1 is returned.
//! - `mode`: `mode_kernel_impl` (aten/src/ATen/native/cpu/TensorCompareKernel.cpp) `std::sort`s
//!   the (value, index) pairs by `first < first` alone (IEEE `<`, so NaN is unordered), then
//!   walks runs of `!=`-equal neighbours: the first longest run wins (a later run must be
//!   strictly longer) and its *last* pair's index is returned. Each NaN is a run of its own.
//! - `unique` without `dim`: `unique_cpu_sorted_template` (aten/src/ATen/native/Unique.cpp)
//!   sorts the flattened input with `Tensor::sort()` (not stable: `std::sort`, NaN last) and
//!   starts a new group wherever `sorted[i] != sorted[i - 1]` (`IsUnique<_, false>`), so
//!   every NaN is its own group, in the order the sort leaves the NaNs in.
//! - `unique` with `dim`: `_unique_dim_cpu_template` (same file) `std::sort`s the slice
//!   numbers 0..n with a lexicographic comparator that moves to the next element when
//!   neither `lhs < rhs` nor `lhs > rhs` (so NaN is skipped over, not ordered), then
//!   `_unique_dim_cpu_impl` starts a new group whenever a slice is not `at::equal` (all `==`,
//!   so a slice holding NaN never equals anything) to the group's first slice.
//!
//! libstdc++'s `std::sort` is the port in `torch_ties.rs` (`sort_indices` with `is_nan`
//! false gives exactly the comparator `less(a, b)` on the keys).

use super::torch_ties::sort_indices;

/// PyTorch's `gt_or_nan` for floats (SortingUtils.h / Sorting.cpp): NaN is above every number.
fn gt_or_nan_f64(x: &f64, y: &f64) -> bool {
    (x.is_nan() && !y.is_nan()) || x > y
}

/// Index (into `row`) of the element `torch.kthvalue(row, k)` returns; `k` is 1-based as in
/// torch, `1 <= k <= row.len()`. `gt` is PyTorch's `gt_or_nan` for the dtype.
pub fn kthvalue_index<K: Copy>(row: &[K], k: usize, gt: impl Fn(&K, &K) -> bool) -> usize {
    assert!(k >= 1 && k <= row.len(), "kthvalue: k = {k} out of 1..={}", row.len());
    let mut arr: Vec<(K, usize)> = row.iter().copied().zip(0..).collect();
    let target = (k - 1) as isize;
    let g = |arr: &[(K, usize)], a: isize, b: isize| gt(&arr[a as usize].0, &arr[b as usize].0);
    let sw = |arr: &mut [(K, usize)], a: isize, b: isize| arr.swap(a as usize, b as usize);
    let (mut l, mut r) = (0isize, row.len() as isize - 1);
    loop {
        if r <= l {
            break;
        }
        if r == l + 1 {
            if g(&arr, l, r) {
                sw(&mut arr, l, r);
            }
            break;
        }
        // Median of three for the pivot, which ends at l.
        let p = (l + r) >> 1;
        sw(&mut arr, p, l + 1);
        if g(&arr, l + 1, r) {
            sw(&mut arr, l + 1, r);
        }
        if g(&arr, l, r) {
            sw(&mut arr, l, r);
        }
        if g(&arr, l + 1, l) {
            sw(&mut arr, l + 1, l);
        }
        let (mut i, mut j) = (l + 1, r);
        let piv = arr[l as usize].0;
        loop {
            i += 1;
            while gt(&piv, &arr[i as usize].0) {
                i += 1;
            }
            j -= 1;
            while gt(&arr[j as usize].0, &piv) {
                j -= 1;
            }
            if j < i {
                break;
            }
            sw(&mut arr, i, j);
        }
        sw(&mut arr, l, j);
        // Re-set the active partition.
        if j <= target {
            l = i;
        }
        if j >= target {
            r = j - 1;
        }
    }
    arr[k - 1].1
}

/// `kthvalue_index` for a float row (float64/32/16 and bfloat16 values widened to f64).
pub fn kthvalue_index_f64(row: &[f64], k: usize) -> usize {
    kthvalue_index(row, k, gt_or_nan_f64)
}

/// `kthvalue_index` for an integer (or bool, as 0/1) row, exactly.
pub fn kthvalue_index_i128(row: &[i128], k: usize) -> usize {
    kthvalue_index(row, k, |x, y| x > y)
}

/// Index (into `row`) of the element `torch.mode(row)` returns; `less` and `ne` are the
/// dtype's `<` and `!=` (IEEE for floats). An empty row gives 0 (PyTorch refuses it earlier).
pub fn mode_index<K: Copy>(row: &[K], less: impl Fn(&K, &K) -> bool, ne: impl Fn(&K, &K) -> bool) -> usize {
    let order = sort_indices(row, false, less, |_| false);
    let n = order.len();
    let (mut modei, mut temp_freq, mut max_freq) = (0usize, 0usize, 0usize);
    for i in 0..n {
        temp_freq += 1;
        if i == n - 1 || ne(&row[order[i]], &row[order[i + 1]]) {
            if temp_freq > max_freq {
                modei = order[i];
                max_freq = temp_freq;
            }
            temp_freq = 0;
        }
    }
    modei
}

/// `mode_index` for a float row (values widened to f64; the mode's value is `row[index]`).
pub fn mode_index_f64(row: &[f64]) -> usize {
    mode_index(row, |a, b| a < b, |a, b| a != b)
}

/// `mode_index` for an integer (or bool, as 0/1) row.
pub fn mode_index_i128(row: &[i128]) -> usize {
    mode_index(row, |a, b| a < b, |a, b| a != b)
}

/// How `torch.unique` groups its input: `firsts[g]` is the element (or slice) whose value
/// group g prints with, `inverse[i]` the group of element (slice) i, `counts[g]` its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Groups {
    pub firsts: Vec<usize>,
    pub inverse: Vec<usize>,
    pub counts: Vec<usize>,
}

/// Group the elements visited in `order`, starting a group where `new_group(prev, first, cur)`
/// says so (`prev`: the element before in `order`; `first`: the current group's first).
fn group(order: &[usize], new_group: impl Fn(usize, usize, usize) -> bool) -> Groups {
    let mut g = Groups {
        firsts: Vec::new(),
        inverse: vec![0; order.len()],
        counts: Vec::new(),
    };
    for (k, &p) in order.iter().enumerate() {
        let start = match g.firsts.last() {
            None => true,
            Some(&first) => new_group(order[k - 1], first, p),
        };
        if start {
            g.firsts.push(p);
            g.counts.push(0);
        }
        g.inverse[p] = g.firsts.len() - 1;
        if let Some(c) = g.counts.last_mut() {
            *c += 1;
        }
    }
    g
}

/// The order `torch.unique` (no `dim`) visits a flattened float input in: `torch.sort`'s.
pub fn unique_order_f64(flat: &[f64]) -> Vec<usize> {
    sort_indices(flat, false, |x, y| x < y, |x| x.is_nan())
}

/// `torch.unique(x)` (no `dim`, float dtypes): each NaN is a group of its own. Integer
/// inputs need no port: equal integers are interchangeable, so any sort groups them alike.
pub fn unique_f64(flat: &[f64]) -> Groups {
    let order = unique_order_f64(flat);
    group(&order, |prev, _, cur| flat[cur] != flat[prev])
}

/// The order `torch.unique(x, dim=d)` visits its n slices in; `rows` holds the slices
/// (x moved so d is first, made contiguous), each `width` keys long. `lt`/`gt` are the
/// dtype's `<` and `>`.
pub fn unique_dim_order<K: Copy>(
    rows: &[K],
    width: usize,
    lt: impl Fn(&K, &K) -> bool,
    gt: impl Fn(&K, &K) -> bool,
) -> Vec<usize> {
    let n = rows.len().checked_div(width).unwrap_or(0);
    let slices: Vec<usize> = (0..n).collect();
    let before = |a: &usize, b: &usize| -> bool {
        for i in 0..width {
            let (l, r) = (&rows[a * width + i], &rows[b * width + i]);
            if lt(l, r) {
                return true;
            } else if gt(l, r) {
                return false;
            }
        }
        false
    };
    sort_indices(&slices, false, before, |_| false)
}

/// `torch.unique(x, dim=d)`, for slices in `rows` as `unique_dim_order` takes them; `eq` is
/// the dtype's `==` (a slice equals the group's first when every element is `==`).
pub fn unique_dim<K: Copy>(
    rows: &[K],
    width: usize,
    lt: impl Fn(&K, &K) -> bool,
    gt: impl Fn(&K, &K) -> bool,
    eq: impl Fn(&K, &K) -> bool,
) -> Groups {
    let order = unique_dim_order(rows, width, lt, gt);
    let same = |a: usize, b: usize| (0..width).all(|i| eq(&rows[a * width + i], &rows[b * width + i]));
    group(&order, |_, first, cur| !same(cur, first))
}

/// `unique_dim` for float slices (values widened to f64).
pub fn unique_dim_f64(rows: &[f64], width: usize) -> Groups {
    unique_dim(rows, width, |a, b| a < b, |a, b| a > b, |a, b| a == b)
}

/// `unique_dim` for integer (or bool) slices.
pub fn unique_dim_i128(rows: &[i128], width: usize) -> Groups {
    unique_dim(rows, width, |a, b| a < b, |a, b| a > b, |a, b| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;
    const NAN: f64 = f64::NAN;

    #[test]
    fn ties_follow_the_cpu_kernels() {
        // torch.kthvalue(torch.tensor([1,0,1,0,1,0,1,0,1,0,1,0,1,0,1,0,1,0]), 5).indices == 11
        let alt: Vec<i128> = (0..18).map(|i| 1 - i % 2).collect();
        assert_eq!(kthvalue_index_i128(&alt, 5), 11);
        // torch.kthvalue(torch.tensor([nan, 1., nan]), 3).indices == 2
        assert_eq!(kthvalue_index_f64(&[NAN, 1.0, NAN], 3), 2);
        // torch.mode(torch.tensor([1., nan, 1.])) -> (1., 0); ([2, 1, 2, 1]) -> (1, 3)
        assert_eq!(mode_index_f64(&[1.0, NAN, 1.0]), 0);
        assert_eq!(mode_index_i128(&[2, 1, 2, 1]), 3);
        // torch.unique(torch.tensor([1., nan, 1.]), dim=0) -> [1., nan, 1.], inverse [0, 1, 2]
        let u = unique_dim_f64(&[1.0, NAN, 1.0], 1);
        assert_eq!(
            (u.firsts, u.inverse, u.counts),
            (vec![0, 1, 2], vec![0, 1, 2], vec![1, 1, 1])
        );
        // ([1., nan, 0.], dim=0) -> [0., 1., nan], inverse [1, 2, 0]
        assert_eq!(unique_dim_f64(&[1.0, NAN, 0.0], 1).inverse, vec![1, 2, 0]);
        assert_eq!(unique_f64(&[NAN, 2.0, NAN, 2.0]).counts, vec![2, 1, 1]);
    }
}
