//! Strided views: (offset, shape, strides) over a storage. Movement ops — slicing,
//! transposes, broadcasting, reshapes of contiguous data — only make new layouts.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub shape: Vec<usize>,
    /// In elements; 0 for broadcast dimensions, negative for reversed slices.
    pub strides: Vec<isize>,
    pub offset: usize,
}

pub fn numel(shape: &[usize]) -> usize {
    shape.iter().product()
}

/// The element count of `shape`, or None when it overflows.
pub fn checked_numel(shape: &[usize]) -> Option<usize> {
    shape.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d))
}

fn c_strides(shape: &[usize]) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut acc = 1isize;
    for i in (0..shape.len()).rev() {
        strides[i] = acc;
        acc *= shape[i].max(1) as isize;
    }
    strides
}

impl Layout {
    pub fn contiguous(shape: &[usize]) -> Layout {
        Layout {
            shape: shape.to_vec(),
            strides: c_strides(shape),
            offset: 0,
        }
    }

    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    pub fn numel(&self) -> usize {
        numel(&self.shape)
    }

    /// Whether some element is seen at more than one index (a broadcast dimension:
    /// stride 0, length > 1). NumPy's `broadcast_to` views are read-only for this reason.
    pub fn repeats(&self) -> bool {
        !self.shape.contains(&0) && self.shape.iter().zip(&self.strides).any(|(&n, &s)| n > 1 && s == 0)
    }

    /// Row-major with no gaps: the elements are `offset .. offset + numel`.
    pub fn is_contiguous(&self) -> bool {
        // No elements: nothing to be out of order.
        if self.shape.contains(&0) {
            return true;
        }
        let mut expect = 1isize;
        for i in (0..self.shape.len()).rev() {
            if self.shape[i] != 1 && self.strides[i] != expect {
                return false;
            }
            expect *= self.shape[i] as isize;
        }
        true
    }

    /// Storage offsets of every element in row-major order.
    pub fn offsets(&self) -> Offsets<'_> {
        Offsets {
            layout: self,
            index: vec![0; self.shape.len()],
            next: self.offset as isize,
            left: self.numel(),
        }
    }

    pub fn permute(&self, perm: &[usize]) -> Layout {
        Layout {
            shape: perm.iter().map(|&p| self.shape[p]).collect(),
            strides: perm.iter().map(|&p| self.strides[p]).collect(),
            offset: self.offset,
        }
    }

    pub fn transpose(&self, a: usize, b: usize) -> Layout {
        let mut perm: Vec<usize> = (0..self.ndim()).collect();
        perm.swap(a, b);
        self.permute(&perm)
    }

    /// A view with `shape`, if the data allows it without copying: NumPy's
    /// `_attempt_nocopy_reshape` (C order), which PyTorch's `computeStride` agrees with.
    /// Each run of old axes that merges into or splits over new axes must be
    /// contiguous within itself; strided and transposed data often qualify.
    pub fn reshape(&self, shape: &[usize]) -> Option<Layout> {
        if self.is_contiguous() || numel(shape) == 0 {
            let mut l = Layout::contiguous(shape);
            l.offset = self.offset;
            return Some(l);
        }
        let (od, os): (Vec<usize>, Vec<isize>) = self
            .shape
            .iter()
            .zip(&self.strides)
            .filter(|(n, _)| **n != 1)
            .map(|(&n, &s)| (n, s))
            .unzip();
        let mut strides = vec![0isize; shape.len()];
        let (mut oi, mut oj, mut ni, mut nj) = (0, 1, 0, 1);
        while ni < shape.len() && oi < od.len() {
            let (mut np, mut op) = (shape[ni], od[oi]);
            while np != op {
                if np < op {
                    np *= *shape.get(nj)?;
                    nj += 1;
                } else {
                    op *= *od.get(oj)?;
                    oj += 1;
                }
            }
            if (oi..oj - 1).any(|k| os[k] != od[k + 1] as isize * os[k + 1]) {
                return None;
            }
            strides[nj - 1] = os[oj - 1];
            for k in (ni + 1..nj).rev() {
                strides[k - 1] = strides[k] * shape[k] as isize;
            }
            ni = nj;
            nj += 1;
            oi = oj;
            oj += 1;
        }
        let last = if ni >= 1 { strides[ni - 1] } else { 1 };
        for s in strides.iter_mut().skip(ni) {
            *s = last;
        }
        Some(Layout {
            shape: shape.to_vec(),
            strides,
            offset: self.offset,
        })
    }

    /// Broadcasts to `shape` (which has at least as many dimensions); None if incompatible.
    pub fn broadcast_to(&self, shape: &[usize]) -> Option<Layout> {
        let extra = shape.len().checked_sub(self.ndim())?;
        let mut strides = vec![0isize; shape.len()];
        for (i, &n) in shape.iter().enumerate() {
            if i < extra {
                continue;
            }
            let (m, s) = (self.shape[i - extra], self.strides[i - extra]);
            if m == n {
                strides[i] = s;
            } else if m != 1 {
                return None;
            }
        }
        Some(Layout {
            shape: shape.to_vec(),
            strides,
            offset: self.offset,
        })
    }

    /// `x[..., start:start+len*step:step, ...]` along `dim`.
    pub fn slice(&self, dim: usize, start: usize, step: isize, len: usize) -> Layout {
        let mut l = self.clone();
        // An empty slice may start outside the dimension (`a[0::-2]` of an empty array
        // starts at -1): it addresses nothing, so it keeps the offset.
        if len > 0 {
            l.offset = (self.offset as isize + start as isize * self.strides[dim]) as usize;
        }
        l.shape[dim] = len;
        l.strides[dim] = self.strides[dim] * step;
        l
    }

    /// `x[..., i, ...]`: drops `dim`.
    pub fn select(&self, dim: usize, i: usize) -> Layout {
        let mut l = self.clone();
        l.offset = (self.offset as isize + i as isize * self.strides[dim]) as usize;
        l.shape.remove(dim);
        l.strides.remove(dim);
        l
    }

    pub fn unsqueeze(&self, dim: usize) -> Layout {
        let mut l = self.clone();
        let stride = if dim < l.ndim() {
            l.strides[dim] * l.shape[dim] as isize
        } else {
            1
        };
        l.shape.insert(dim, 1);
        l.strides.insert(dim, stride);
        l
    }

    pub fn squeeze(&self, dim: usize) -> Layout {
        let mut l = self.clone();
        l.shape.remove(dim);
        l.strides.remove(dim);
        l
    }
}

/// Row-major walk over a layout's storage offsets (an odometer over the index).
pub struct Offsets<'a> {
    layout: &'a Layout,
    index: Vec<usize>,
    next: isize,
    left: usize,
}

impl Iterator for Offsets<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let cur = self.next as usize;
        let l = self.layout;
        for d in (0..l.shape.len()).rev() {
            self.index[d] += 1;
            self.next += l.strides[d];
            if self.index[d] < l.shape[d] {
                break;
            }
            self.next -= l.strides[d] * l.shape[d] as isize;
            self.index[d] = 0;
        }
        Some(cur)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

/// NumPy's/PyTorch's broadcast of two shapes; `Err(dim)` names the clashing dimension
/// (counted from the left of the result) found first when scanning from the right, as
/// PyTorch's `infer_size` does.
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> Result<Vec<usize>, usize> {
    let n = a.len().max(b.len());
    let mut out = vec![0; n];
    for i in (0..n).rev() {
        let x = if i + a.len() >= n { a[i + a.len() - n] } else { 1 };
        let y = if i + b.len() >= n { b[i + b.len() - n] } else { 1 };
        out[i] = if x == y || y == 1 {
            x
        } else if x == 1 {
            y
        } else {
            return Err(i);
        };
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_walk_views() {
        let l = Layout::contiguous(&[2, 3]);
        assert_eq!(l.offsets().collect::<Vec<_>>(), vec![0, 1, 2, 3, 4, 5]);
        assert_eq!(l.transpose(0, 1).offsets().collect::<Vec<_>>(), vec![0, 3, 1, 4, 2, 5]);
        let b = Layout::contiguous(&[3])
            .broadcast_to(&[2, 3])
            .unwrap_or_else(|| Layout::contiguous(&[]));
        assert_eq!(b.offsets().collect::<Vec<_>>(), vec![0, 1, 2, 0, 1, 2]);
        let rev = Layout::contiguous(&[4]).slice(0, 3, -1, 4);
        assert_eq!(rev.offsets().collect::<Vec<_>>(), vec![3, 2, 1, 0]);
        assert_eq!(Layout::contiguous(&[]).offsets().collect::<Vec<_>>(), vec![0]);
        assert_eq!(Layout::contiguous(&[0, 3]).offsets().count(), 0);
    }

    #[test]
    fn broadcasting() {
        assert_eq!(broadcast_shapes(&[2, 3], &[3]), Ok(vec![2, 3]));
        assert_eq!(broadcast_shapes(&[2, 1], &[1, 3]), Ok(vec![2, 3]));
        assert_eq!(broadcast_shapes(&[2, 3], &[3, 2]), Err(1));
        assert_eq!(broadcast_shapes(&[3], &[2]), Err(0));
    }
}
