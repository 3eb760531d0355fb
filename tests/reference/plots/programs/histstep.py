# Step histograms: histtype='step' (open outlines, in the legend as outlined patches) and
# 'stepfilled'; 'best' legends avoid their outlines as matplotlib's do.
# rms-bound: 14
import numpy as np
import matplotlib.pyplot as plt

rng = np.random.default_rng(0)
fig, axs = plt.subplots(1, 2, figsize=(7, 3))
n, bins, patches = axs[0].hist(rng.normal(size=500), bins=15, histtype='step', label='step')
print(n, len(patches), patches[0])
axs[0].hist(rng.normal(1, 0.5, size=300), bins=15, histtype='step', label='shifted')
axs[0].legend()
n2, b2, p2 = axs[1].hist(rng.exponential(size=400), bins=12, histtype='stepfilled', alpha=0.6, color='C2', label='filled')
print(p2[0], '%.4f' % b2[-1])
axs[1].legend()
fig.savefig('histstep.png')
fig.savefig('histstep.svg')
try:
    plt.hist([1, 2], histtype='nope')
except ValueError as e:
    print(e)
