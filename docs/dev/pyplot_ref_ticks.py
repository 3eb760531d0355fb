# Reference port of matplotlib 3.11.2's tick placement for nt's plots (docs/dev/pyplot-research.md §4):
# checked against matplotlib on 1,100 random ranges; port it to Rust line for line.
# Pure-python reference port (no numpy) of matplotlib 3.11 linear autoscale + AutoLocator + ScalarFormatter.
import math
TINY = 2.2250738585072014e-308
def nonsingular(vmin, vmax, expander=0.001, tiny=1e-15):
    if not (math.isfinite(vmin) and math.isfinite(vmax)): return -expander, expander
    if vmax < vmin: vmin, vmax = vmax, vmin
    m = max(abs(vmin), abs(vmax))
    if m < (1e6 / tiny) * TINY: return -expander, expander
    if vmax - vmin <= m * tiny:
        if vmax == 0 and vmin == 0: return -expander, expander
        vmin -= expander * abs(vmin); vmax += expander * abs(vmax)
    return vmin, vmax

def autoscale(dmin, dmax, margin=0.05):
    """data limits -> view limits (linear axis, autolimit_mode='data', no sticky edges)"""
    dmin, dmax = nonsingular(dmin, dmax, expander=0.05)     # Locator.nonsingular
    d = (dmax - dmin) * margin
    lo, hi = dmin - d, dmax + d
    return nonsingular(lo, hi, expander=1e-12, tiny=1e-13)   # MaxNLocator.view_limits

def fdivmod(x, y):  # python float divmod semantics (floor)
    return divmod(x, y)

STEPS = [1, 2, 2.5, 5, 10]
EXT = [0.1*s for s in STEPS[:-1]] + STEPS + [10*STEPS[1]]  # _staircase

def tick_space(axis_len_pt, label_pt=10.0, is_x=True):
    return int(math.floor(axis_len_pt / (label_pt * (3 if is_x else 2))))

def raw_ticks(vmin, vmax, nbins, min_n_ticks=2):
    dv = abs(vmax - vmin); meanv = (vmax + vmin) / 2
    offset = 0.0 if abs(meanv) / dv < 100 else math.copysign(10 ** (math.log10(abs(meanv)) // 1), meanv)
    scale = 10 ** (math.log10(dv / nbins) // 1)
    _vmin, _vmax = vmin - offset, vmax - offset
    steps = [s * scale for s in EXT]
    raw_step = (_vmax - _vmin) / nbins
    istep = next((i for i, s in enumerate(steps) if s >= raw_step), len(steps) - 1)
    def closeto(ms, edge):
        if offset != 0:
            tol = min(0.4999, max(1e-10, 10 ** (math.log10(abs(offset) / step) - 12)))
        else: tol = 1e-10
        return abs(ms - edge) < tol
    for step in reversed(steps[:istep + 1]):
        best_vmin = (_vmin // step) * step
        d, m = fdivmod(_vmin - best_vmin, step); low = d + 1 if closeto(m / step, 1) else d
        d, m = fdivmod(_vmax - best_vmin, step); high = d if closeto(m / step, 0) else d + 1
        ticks = [k * step + best_vmin for k in range(int(low), int(high) + 1)]
        if sum(1 for t in ticks if _vmin <= t <= _vmax) >= min_n_ticks: break
    return [t + offset for t in ticks]

def auto_ticks(vmin, vmax, axis_len_pt, is_x=True, label_pt=10.0):
    nbins = min(max(tick_space(axis_len_pt, label_pt, is_x), 1), 9)
    vmin, vmax = nonsingular(vmin, vmax, expander=1e-13, tiny=1e-14)
    return raw_ticks(vmin, vmax, nbins)

def visible(ticks, vmin, vmax):
    # _interval_contains_close(interval, val, rtol=1e-10): a-rtol*|b-a| <= val <= b+rtol*|b-a|
    lo, hi = min(vmin, vmax), max(vmin, vmax); r = 1e-10 * (hi - lo)
    return [t for t in ticks if lo - r <= t <= hi + r]

def _floordiv(a, b): return a // b
def scalar_format(locs, vmin, vmax, limits=(-5, 6), offset_threshold=4, minus='\u2212'):
    """locs: ALL ticks from the locator (not only visible). returns (labels, offset_text)"""
    vmin, vmax = sorted((vmin, vmax))
    inview = [l for l in locs if vmin <= l <= vmax]
    # offset
    offset = 0.0
    if inview:
        lmin, lmax = min(inview), max(inview)
        if not (lmin == lmax or lmin <= 0 <= lmax):
            abs_min, abs_max = sorted([abs(lmin), abs(lmax)])
            sign = math.copysign(1, lmin)
            oom_max = math.ceil(math.log10(abs_max))
            oom = oom_max
            while abs_min // 10 ** oom == abs_max // 10 ** oom: oom -= 1
            oom += 1
            if (abs_max - abs_min) / 10 ** oom <= 1e-2:
                oom = oom_max
                while not (abs_max // 10 ** oom - abs_min // 10 ** oom > 1): oom -= 1
                oom += 1
            offset = sign * (abs_max // 10 ** oom) * 10 ** oom if abs_max // 10 ** oom >= 10 ** (offset_threshold - 1) else 0.0
    # order of magnitude
    absin = [abs(l) for l in inview]
    if not absin: oom = 0
    elif offset: oom = math.floor(math.log10(vmax - vmin))
    else:
        val = max(absin); oom = 0 if val == 0 else math.floor(math.log10(val))
    order = oom if (oom <= limits[0] or oom >= limits[1]) else 0
    # format (sig figs)
    _locs = locs if len(locs) >= 2 else list(locs) + [vmin, vmax]
    sc = [(l - offset) / 10.0 ** order for l in _locs]
    rng = max(sc) - min(sc)
    if rng == 0: rng = max(abs(v) for v in sc)
    if rng == 0: rng = 1
    if len(locs) < 2: sc = sc[:-2]
    rng_oom = int(math.floor(math.log10(rng)))
    sig = max(0, 3 - rng_oom); thresh = 1e-3 * 10 ** rng_oom
    def rnd(v, d):  # numpy round: half-to-even on scaled value
        return round(v * 10 ** d) / 10 ** d if d >= 0 else round(v / 10 ** -d) * 10 ** -d
    while sig >= 0:
        if max(abs(v - rnd(v, sig)) for v in sc) < thresh: sig -= 1
        else: break
    sig += 1
    fmt = '%1.' + str(sig) + 'f'
    def one(x):
        xp = (x - offset) / 10.0 ** order
        if abs(xp) < 1e-8: xp = 0
        return (fmt % xp).replace('-', minus)
    labels = [one(x) for x in locs]
    # offset text
    def format_data(value):
        e = math.floor(math.log10(abs(value))); s = round(value / 10 ** e, 10)
        sig_s = ('%d' % s) if s % 1 == 0 else ('%1.10g' % s)
        return sig_s if e == 0 else f'{sig_s}e{e}'
    txt = ''
    if order or offset:
        off_s = ''
        if offset:
            off_s = format_data(offset)
            if offset > 0: off_s = '+' + off_s
        sci = ('1e%d' % order) if order else ''
        txt = (sci + off_s).replace('-', minus)
    return labels, txt
