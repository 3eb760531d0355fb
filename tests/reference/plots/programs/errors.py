# What pyplot refuses, and how.
import matplotlib.pyplot as plt
import matplotlib.colors as mcolors

for call in [
    lambda: plt.plot([1, 2], 'q'),
    lambda: plt.plot([1, 2], 'r--o-'),
    lambda: plt.plot([1, 2], 'rg'),
    lambda: plt.plot([1, 2], 'oo'),
    lambda: plt.plot([1, 2], 'C'),
    lambda: plt.plot([1, 2], [1, 2, 3]),
    lambda: plt.plot([1, 2], color='foo'),
    lambda: plt.plot([1, 2], linestyle='zz'),
    lambda: plt.plot([1, 2], marker='Q'),
    lambda: plt.xscale('foo'),
    lambda: plt.savefig('x.jpq'),
    lambda: plt.scatter([1, 2], [1, 2], c='foo'),
    lambda: plt.subplot(1000),
]:
    try:
        call()
    except ValueError as e:
        print('ValueError:', e)
print(mcolors.to_rgba('red'), mcolors.to_hex('C1'), mcolors.to_rgb('tab:blue'))
print(mcolors.to_rgba('#ff000080'), mcolors.to_rgba(('b', 0.5)), mcolors.is_color_like('nope'))
