# Two curves with format strings, a legend, a title and axis labels.
# rms-bound: 12
import numpy as np
import matplotlib.pyplot as plt

x = np.linspace(0, 10, 100)
fig, ax = plt.subplots()
lines = ax.plot(x, np.sin(x), label='sin')
print(len(lines), lines[0].get_label(), lines[0].get_linestyle(), lines[0].get_linewidth())
ax.plot(x, np.cos(x), 'r--', label='cos')
ax.plot(x[::10], 0.5 * np.sin(x[::10]), 'ks', label='samples')
print(ax.set_title('Waves'))
print(ax.set_xlabel('time (s)'), ax.set_ylabel('amplitude'))
print(ax)
ax.legend()
print(ax.get_xlim(), ax.get_ylim())
print(fig)
fig.savefig('lines.png')
fig.savefig('lines.svg')
