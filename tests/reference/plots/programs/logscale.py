# Log axes with markers; horizontal bars with text; a figure title.
# rms-bound: 14
import numpy as np
import matplotlib.pyplot as plt

fig, (a, b) = plt.subplots(1, 2, figsize=(9, 4))
xs = np.logspace(0, 4, 20)
a.plot(xs, xs ** 0.5, 'g^-', label='sqrt')
a.set_xscale('log')
a.set_yscale('log')
# (the limits' last digits are NumPy's SIMD log10 and power, which vary with the CPU)
print(a.get_xscale(), a.get_yscale(), [round(float(v), 9) for v in a.get_xlim()])
a.legend()
b.barh([1, 2, 3], [4, 1, 3], color='tab:orange')
print(b.text(1, 2, 'hello', fontsize=14))
print(b.set_xlim(0, 5))
print(fig.suptitle('log and barh'))
fig.savefig('logscale.png')
fig.savefig('logscale.svg')
