# A 2x2 grid: scatter, categorical bars, a histogram with a grid, error bars over a
# filled band (capped); tight_layout.
# rms-bound: 40
import numpy as np
import matplotlib.pyplot as plt

rng = np.random.default_rng(0)
fig, axs = plt.subplots(2, 2, figsize=(8, 6))
print(fig, axs.shape)
axs[0, 0].scatter(rng.normal(size=50), rng.normal(size=50), label='points')
axs[0, 0].set_title('scatter')
axs[0, 0].legend()
print(axs[0, 1].bar(['a', 'b', 'c'], [3, 5, 2], color='C2'))
axs[0, 1].set_title('bar')
n, bins, patches = axs[1, 0].hist(rng.normal(size=1000), bins=20)
print(n)
print(bins)
print(patches)
axs[1, 0].set_xlabel('value')
axs[1, 0].grid(True)
x = np.arange(5)
print(axs[1, 1].errorbar(x, x ** 2, yerr=x + 1, fmt='o', capsize=3, label='data'))
axs[1, 1].fill_between(x, x ** 2 - 2, x ** 2 + 2, alpha=0.3)
axs[1, 1].axhline(5, color='k', linestyle=':')
axs[1, 1].legend(loc='upper left')
fig.tight_layout()
fig.savefig('grid.png')
fig.savefig('grid.svg')
