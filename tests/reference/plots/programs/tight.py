# savefig(bbox_inches='tight'): the figure cropped to the box around its axes and texts,
# padded by pad_inches (0.1 inch by default), at the figure's dpi or savefig's. nt
# measures texts without FreeType's hinting, so the picture may be a pixel narrower or
# shorter than matplotlib's.
# rms-bound: 20
# size-tolerance: 1
import numpy as np
import matplotlib.pyplot as plt

x = np.linspace(0, 10, 200)
fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(x, np.sin(x), label='sin')
ax.plot(x, np.cos(x), 'r--', label='cos')
ax.set_title('waves')
ax.set_xlabel('time (s)')
ax.set_ylabel('amplitude')
ax.legend()
fig.savefig('tight.png', bbox_inches='tight')
fig.savefig('tight.svg', bbox_inches='tight')
fig.savefig('tight_pad.png', bbox_inches='tight', pad_inches=0.5, dpi=50)
fig2, axs = plt.subplots(1, 2, figsize=(6, 2.5))
axs[0].bar(['a', 'b', 'c'], [1, 3, 2])
axs[1].scatter([1, 2, 3], [100, 2000, 30000])
axs[1].set_yscale('log')
fig2.suptitle('two panels')
fig2.savefig('tight2.png', bbox_inches='tight')
print(fig, fig2)
