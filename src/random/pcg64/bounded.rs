//! Bounded integers as `Generator.integers` draws them (`use_masked=False`: Lemire's
//! method, with the buffered 32/16/8-bit and bool draws of `distributions.c`) and the
//! masked-rejection `random_interval` behind `shuffle`/`permutation`.

use super::Pcg64;

/// A bounded-integer draw's local buffer (`bcnt`, `buf` in `distributions.c`), for the
/// 16-bit, 8-bit and bool draws; one per `integers` call (or per broadcast loop).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IntBuf {
    bcnt: i32,
    buf: u32,
}

impl Pcg64 {
    /// `bounded_lemire_uint64`; `rng < u64::MAX`.
    fn bounded_lemire_u64(&mut self, rng: u64) -> u64 {
        let rng_excl = rng.wrapping_add(1);
        let mut m = self.next_u64() as u128 * rng_excl as u128;
        let mut leftover = m as u64;
        if leftover < rng_excl {
            let threshold = (u64::MAX - rng) % rng_excl;
            while leftover < threshold {
                m = self.next_u64() as u128 * rng_excl as u128;
                leftover = m as u64;
            }
        }
        (m >> 64) as u64
    }

    /// `buffered_bounded_lemire_uint32`; `rng < u32::MAX`.
    fn bounded_lemire_u32(&mut self, rng: u32) -> u32 {
        let rng_excl = rng.wrapping_add(1);
        let mut m = self.next_u32() as u64 * rng_excl as u64;
        let mut leftover = m as u32;
        if leftover < rng_excl {
            let threshold = (u32::MAX - rng) % rng_excl;
            while leftover < threshold {
                m = self.next_u32() as u64 * rng_excl as u64;
                leftover = m as u32;
            }
        }
        (m >> 32) as u32
    }

    fn buffered_u16(&mut self, b: &mut IntBuf) -> u16 {
        if b.bcnt == 0 {
            b.buf = self.next_u32();
            b.bcnt = 1;
        } else {
            b.buf >>= 16;
            b.bcnt -= 1;
        }
        b.buf as u16
    }

    fn buffered_u8(&mut self, b: &mut IntBuf) -> u8 {
        if b.bcnt == 0 {
            b.buf = self.next_u32();
            b.bcnt = 3;
        } else {
            b.buf >>= 8;
            b.bcnt -= 1;
        }
        b.buf as u8
    }

    fn bounded_lemire_u16(&mut self, rng: u16, b: &mut IntBuf) -> u16 {
        let rng_excl = rng.wrapping_add(1);
        let mut m = self.buffered_u16(b) as u32 * rng_excl as u32;
        let mut leftover = m as u16;
        if leftover < rng_excl {
            let threshold = (u16::MAX - rng) % rng_excl;
            while leftover < threshold {
                m = self.buffered_u16(b) as u32 * rng_excl as u32;
                leftover = m as u16;
            }
        }
        (m >> 16) as u16
    }

    fn bounded_lemire_u8(&mut self, rng: u8, b: &mut IntBuf) -> u8 {
        let rng_excl = rng.wrapping_add(1);
        let mut m = self.buffered_u8(b) as u16 * rng_excl as u16;
        let mut leftover = m as u8;
        if leftover < rng_excl {
            let threshold = (u8::MAX - rng) % rng_excl;
            while leftover < threshold {
                m = self.buffered_u8(b) as u16 * rng_excl as u16;
                leftover = m as u8;
            }
        }
        (m >> 8) as u8
    }

    /// `random_bounded_uint64`, one value of `off + [0, rng]` (`rng` = high - low, the
    /// closed range). Ranges below 2^32 draw (buffered) 32-bit words.
    pub fn bounded_u64(&mut self, off: u64, rng: u64) -> u64 {
        if rng == 0 {
            off
        } else if rng <= 0xFFFF_FFFF {
            if rng == 0xFFFF_FFFF {
                off.wrapping_add(self.next_u32() as u64)
            } else {
                off.wrapping_add(self.bounded_lemire_u32(rng as u32) as u64)
            }
        } else if rng == u64::MAX {
            off.wrapping_add(self.next_u64())
        } else {
            off.wrapping_add(self.bounded_lemire_u64(rng))
        }
    }

    /// `random_bounded_uint64_fill(off, rng, cnt, use_masked=False, out)`: int64/uint64
    /// `integers`. For int64, `off = low as u64`, `rng = (high_closed - low) as u64`.
    pub fn bounded_u64_fill(&mut self, off: u64, rng: u64, out: &mut [u64]) {
        for o in out.iter_mut() {
            *o = self.bounded_u64(off, rng);
        }
    }

    /// `random_buffered_bounded_uint32` / one value of `random_bounded_uint32_fill`.
    pub fn bounded_u32(&mut self, off: u32, rng: u32) -> u32 {
        if rng == 0 {
            off
        } else if rng == u32::MAX {
            off.wrapping_add(self.next_u32())
        } else {
            off.wrapping_add(self.bounded_lemire_u32(rng))
        }
    }

    /// `random_bounded_uint32_fill`: int32/uint32 `integers`.
    pub fn bounded_u32_fill(&mut self, off: u32, rng: u32, out: &mut [u32]) {
        for o in out.iter_mut() {
            *o = self.bounded_u32(off, rng);
        }
    }

    /// `random_buffered_bounded_uint16` (the buffer persists across a call's values).
    pub fn buffered_bounded_u16(&mut self, off: u16, rng: u16, b: &mut IntBuf) -> u16 {
        if rng == 0 {
            off
        } else if rng == u16::MAX {
            off.wrapping_add(self.buffered_u16(b))
        } else {
            off.wrapping_add(self.bounded_lemire_u16(rng, b))
        }
    }

    /// `random_bounded_uint16_fill`: int16/uint16 `integers`.
    pub fn bounded_u16_fill(&mut self, off: u16, rng: u16, out: &mut [u16]) {
        let mut b = IntBuf::default();
        for o in out.iter_mut() {
            *o = self.buffered_bounded_u16(off, rng, &mut b);
        }
    }

    /// `random_buffered_bounded_uint8`.
    pub fn buffered_bounded_u8(&mut self, off: u8, rng: u8, b: &mut IntBuf) -> u8 {
        if rng == 0 {
            off
        } else if rng == u8::MAX {
            off.wrapping_add(self.buffered_u8(b))
        } else {
            off.wrapping_add(self.bounded_lemire_u8(rng, b))
        }
    }

    /// `random_bounded_uint8_fill`: int8/uint8 `integers`.
    pub fn bounded_u8_fill(&mut self, off: u8, rng: u8, out: &mut [u8]) {
        let mut b = IntBuf::default();
        for o in out.iter_mut() {
            *o = self.buffered_bounded_u8(off, rng, &mut b);
        }
    }

    /// `random_buffered_bounded_bool`: one bit per value, 32 from each 32-bit draw.
    pub fn buffered_bounded_bool(&mut self, off: bool, rng: bool, b: &mut IntBuf) -> bool {
        if !rng {
            return off;
        }
        if b.bcnt == 0 {
            b.buf = self.next_u32();
            b.bcnt = 31;
        } else {
            b.buf >>= 1;
            b.bcnt -= 1;
        }
        b.buf & 1 != 0
    }

    /// `random_bounded_bool_fill`: bool `integers`.
    pub fn bounded_bool_fill(&mut self, off: bool, rng: bool, out: &mut [bool]) {
        let mut b = IntBuf::default();
        for o in out.iter_mut() {
            *o = self.buffered_bounded_bool(off, rng, &mut b);
        }
    }

    /// `Generator.integers(low, high, n)` with the default int64 dtype; `high_closed` is
    /// `high - 1` (or `high` with `endpoint=True`); the caller has checked
    /// `low <= high_closed`.
    pub fn integers_i64(&mut self, low: i64, high_closed: i64, out: &mut [i64]) {
        let off = low as u64;
        let rng = (high_closed as u64).wrapping_sub(low as u64);
        for o in out.iter_mut() {
            *o = self.bounded_u64(off, rng) as i64;
        }
    }

    /// `Generator.integers(low, high, n, dtype=np.int32)`, `high_closed` as above.
    pub fn integers_i32(&mut self, low: i32, high_closed: i32, out: &mut [i32]) {
        let off = low as u32;
        let rng = (high_closed as u32).wrapping_sub(low as u32);
        for o in out.iter_mut() {
            *o = self.bounded_u32(off, rng) as i32;
        }
    }

    // -----------------------------------------------------------------------------------
    // Shuffling
    // -----------------------------------------------------------------------------------

    /// `random_interval(max)`: a value of `[0, max]` by masked rejection, 32-bit draws
    /// when `max < 2^32`.
    pub fn random_interval(&mut self, max: u64) -> u64 {
        if max == 0 {
            return 0;
        }
        let mut mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        if max <= 0xFFFF_FFFF {
            loop {
                let v = self.next_u32() as u64 & mask;
                if v <= max {
                    return v;
                }
            }
        } else {
            loop {
                let v = self.next_u64() & mask;
                if v <= max {
                    return v;
                }
            }
        }
    }

    /// `Generator.shuffle` along the first axis: Fisher-Yates from the end,
    /// `j = random_interval(i)` for `i = n-1 .. 1`.
    pub fn shuffle<T>(&mut self, x: &mut [T]) {
        for i in (1..x.len()).rev() {
            let j = self.random_interval(i as u64) as usize;
            x.swap(i, j);
        }
    }

    /// The index order `shuffle` gives `n` rows (`permutation(n)`; for an array
    /// `permutation` is `take` of these along the axis).
    pub fn permutation(&mut self, n: usize) -> Vec<i64> {
        let mut v: Vec<i64> = (0..n as i64).collect();
        self.shuffle(&mut v);
        v
    }
}
