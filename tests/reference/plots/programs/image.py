# An image with a colorbar, through pyplot's state machine.
# rms-bound: 10
import numpy as np
import matplotlib.pyplot as plt

plt.figure()
im = plt.imshow(np.arange(12).reshape(3, 4), cmap='viridis')
print(im.get_clim(), im.get_extent())
plt.colorbar(im)
print(plt.title('imshow'))
print(plt.xlim(), plt.ylim())
print(plt.gcf())
plt.savefig('image.png')
plt.savefig('image.svg')
