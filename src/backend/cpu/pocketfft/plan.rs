//! Plan choice and caching: the cost heuristics (`largest_prime_factor`, `cost_guess`,
//! `good_size_cmplx`), `pocketfft_c`/`pocketfft_r` choosing between FFTPACK and
//! Bluestein, and the per-length LRU plan cache (like NumPy's; it does not affect
//! results).

use std::sync::{Arc, Mutex};

use super::bluestein::FftBlue;
use super::cfft::Cfftp;
use super::rfft::Rfftp;
use super::scalar::{Cx, Real};

pub(super) fn largest_prime_factor(mut n: usize) -> usize {
    let mut res = 1;
    while (n & 1) == 0 {
        res = 2;
        n >>= 1;
    }
    let mut x = 3;
    while x * x <= n {
        while n % x == 0 {
            res = x;
            n /= x;
        }
        x += 2;
    }
    if n > 1 {
        res = n;
    }
    res
}

fn cost_guess(mut n: usize) -> f64 {
    const LFP: f64 = 1.1; // penalty for non-hardcoded larger factors
    let ni = n;
    let mut result = 0.0f64;
    while (n & 1) == 0 {
        result += 2.0;
        n >>= 1;
    }
    let mut x = 3;
    while x * x <= n {
        while n % x == 0 {
            result += if x <= 5 { x as f64 } else { LFP * x as f64 };
            n /= x;
        }
        x += 2;
    }
    if n > 1 {
        result += if n <= 5 { n as f64 } else { LFP * n as f64 };
    }
    result * ni as f64
}

/// Smallest composite of 2, 3, 5, 7 and 11 which is >= n.
pub(super) fn good_size_cmplx(n: usize) -> usize {
    if n <= 12 {
        return n;
    }
    let mut bestfac = 2 * n;
    let mut f11 = 1;
    while f11 < bestfac {
        let mut f117 = f11;
        while f117 < bestfac {
            let mut f1175 = f117;
            while f1175 < bestfac {
                let mut x = f1175;
                while x < n {
                    x *= 2;
                }
                loop {
                    if x < n {
                        x *= 3;
                    } else if x > n {
                        if x < bestfac {
                            bestfac = x;
                        }
                        if x & 1 != 0 {
                            break;
                        }
                        x >>= 1;
                    } else {
                        return n;
                    }
                }
                f1175 *= 5;
            }
            f117 *= 7;
        }
        f11 *= 11;
    }
    bestfac
}

pub(super) enum PlanC<T> {
    Pack(Cfftp<T>),
    Blue(FftBlue<T>),
}

impl<T: Real> PlanC<T> {
    pub(super) fn new(length: usize) -> Self {
        assert!(length != 0, "zero-length FFT requested");
        let tmp = if length < 50 { 0 } else { largest_prime_factor(length) };
        if tmp * tmp <= length {
            return PlanC::Pack(Cfftp::new(length));
        }
        let comp1 = cost_guess(length);
        let mut comp2 = 2.0 * cost_guess(good_size_cmplx(2 * length - 1));
        comp2 *= 1.5; // fudge factor that appears to give good overall performance
        if comp2 < comp1 {
            PlanC::Blue(FftBlue::new(length))
        } else {
            PlanC::Pack(Cfftp::new(length))
        }
    }

    pub(super) fn exec(&self, c: &mut [Cx<T>], fct: T, fwd: bool) {
        match self {
            PlanC::Pack(p) => p.exec(c, fct, fwd),
            PlanC::Blue(p) => p.exec(c, fct, fwd),
        }
    }
}

pub(super) enum PlanR<T> {
    Pack(Rfftp<T>),
    Blue(FftBlue<T>),
}

impl<T: Real> PlanR<T> {
    pub(super) fn new(length: usize) -> Self {
        assert!(length != 0, "zero-length FFT requested");
        let tmp = if length < 50 { 0 } else { largest_prime_factor(length) };
        if tmp * tmp <= length {
            return PlanR::Pack(Rfftp::new(length));
        }
        let comp1 = 0.5 * cost_guess(length);
        let mut comp2 = 2.0 * cost_guess(good_size_cmplx(2 * length - 1));
        comp2 *= 1.5; // fudge factor that appears to give good overall performance
        if comp2 < comp1 {
            PlanR::Blue(FftBlue::new(length))
        } else {
            PlanR::Pack(Rfftp::new(length))
        }
    }

    pub(super) fn exec(&self, c: &mut [T], fct: T, fwd: bool) {
        match self {
            PlanR::Pack(p) => p.exec(c, fct, fwd),
            PlanR::Blue(p) => p.exec_r(c, fct, fwd),
        }
    }
}

const CACHE_SIZE: usize = 16;

struct PlanCache<P> {
    entries: Mutex<Vec<(usize, u64, Arc<P>)>>,
    counter: Mutex<u64>,
}

impl<P> PlanCache<P> {
    const fn new() -> Self {
        PlanCache {
            entries: Mutex::new(Vec::new()),
            counter: Mutex::new(0),
        }
    }

    fn get(&self, n: usize, make: impl FnOnce(usize) -> P) -> Arc<P> {
        let tick = {
            let mut c = self.counter.lock().unwrap_or_else(|e| e.into_inner());
            *c += 1;
            *c
        };
        {
            let mut e = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(ent) = e.iter_mut().find(|x| x.0 == n) {
                ent.1 = tick;
                return ent.2.clone();
            }
        }
        let plan = Arc::new(make(n));
        let mut e = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(ent) = e.iter_mut().find(|x| x.0 == n) {
            return ent.2.clone();
        }
        if e.len() < CACHE_SIZE {
            e.push((n, tick, plan.clone()));
        } else {
            if let Some(lru) = (0..e.len()).min_by_key(|&i| e[i].1) {
                e[lru] = (n, tick, plan.clone());
            }
        }
        plan
    }
}

static CACHE_C64: PlanCache<PlanC<f64>> = PlanCache::new();
static CACHE_C32: PlanCache<PlanC<f32>> = PlanCache::new();
static CACHE_R64: PlanCache<PlanR<f64>> = PlanCache::new();
static CACHE_R32: PlanCache<PlanR<f32>> = PlanCache::new();

pub(super) trait CachedPlans: Real {
    fn plan_c(n: usize) -> Arc<PlanC<Self>>;
    fn plan_r(n: usize) -> Arc<PlanR<Self>>;
}

impl CachedPlans for f64 {
    fn plan_c(n: usize) -> Arc<PlanC<f64>> {
        CACHE_C64.get(n, PlanC::new)
    }
    fn plan_r(n: usize) -> Arc<PlanR<f64>> {
        CACHE_R64.get(n, PlanR::new)
    }
}

impl CachedPlans for f32 {
    fn plan_c(n: usize) -> Arc<PlanC<f32>> {
        CACHE_C32.get(n, PlanC::new)
    }
    fn plan_r(n: usize) -> Arc<PlanR<f32>> {
        CACHE_R32.get(n, PlanR::new)
    }
}
