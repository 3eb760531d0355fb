# Writes ticks.expected: matplotlib's view limits, ticks, labels and offset text for
# random data ranges on axes of several sizes, linear and log; src/plot/ticks/tests.rs
# checks nt's port against every line. Run: python3 gen_ticks.py > ticks.expected
# (matplotlib 3.11.2, Agg).
import random
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

rng = random.Random(20)
SIZES = [(6.4, 4.8, 1, 1), (6.4, 4.8, 2, 3), (3, 2, 1, 1), (10, 3, 1, 1)]
print("# kind xmin xmax ymin ymax width_pt height_pt | xlim | ylim | xticks | xlabels | xoffset | yticks | ylabels | yoffset")


def dump(kind, d0, d1, e0, e1, fig, ax):
    fig.canvas.draw()
    bb = ax.get_position()
    w = bb.width * fig.get_figwidth() * 72
    h = bb.height * fig.get_figheight() * 72
    parts = [f"{kind} {d0!r} {d1!r} {e0!r} {e1!r} {float(w)!r} {float(h)!r}"]
    parts.append(" ".join(repr(float(v)) for v in ax.get_xlim()))
    parts.append(" ".join(repr(float(v)) for v in ax.get_ylim()))
    for axis in (ax.xaxis, ax.yaxis):
        ticks = [t for t in axis.get_major_ticks() if t.get_visible()]
        locs = axis.get_majorticklocs()
        lo, hi = sorted(axis.get_view_interval())
        r = 1e-10 * (hi - lo)
        vis = [l for l in locs if lo - r <= l <= hi + r]
        labels = [t.get_text() for t in axis.get_majorticklabels()]
        labels = [lab for l, lab in zip(locs, labels) if lo - r <= l <= hi + r]
        parts.append(" ".join(repr(float(v)) for v in vis))
        parts.append("\t".join(labels) if labels else "")
        parts.append(axis.get_offset_text().get_text())
    print(" | ".join(parts))


for i in range(400):
    w, h, nr, nc = SIZES[i % len(SIZES)]
    fig, axs = plt.subplots(nr, nc, figsize=(w, h), squeeze=False)
    ax = axs[0][0]
    kind = "log" if i % 5 == 4 else "lin"
    if kind == "lin":
        e = rng.uniform(-8, 8)
        c = rng.choice([0, 0, rng.uniform(-1e3, 1e3), rng.uniform(1, 1e7)])
        span = 10 ** e
        x0 = c + rng.uniform(-1, 1) * span
        x1 = x0 + rng.uniform(0.01, 1) * span
        y0 = rng.uniform(-50, 50)
        y1 = y0 + rng.uniform(0.001, 100)
        ax.plot([x0, x1], [y0, y1])
        dump(kind, x0, x1, y0, y1, fig, ax)
    else:
        a = 10 ** rng.uniform(-4, 3)
        b = a * 10 ** rng.uniform(0.1, 7)
        ax.plot([a, b], [a, b])
        ax.set_xscale("log")
        ax.set_yscale("log")
        dump(kind, a, b, a, b, fig, ax)
    plt.close(fig)
