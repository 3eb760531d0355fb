# Writes src/plot/cmaps.rs: matplotlib's colormaps as the 8-bit lookup tables it draws
# images with (`cmap(i, bytes=True)` for the 256 entries).
# Run: python3 src/plot/gen_cmaps.py > src/plot/cmaps.rs (matplotlib 3.11.2).
import matplotlib
import numpy as np
from matplotlib import colormaps

NAMES = ["viridis", "plasma", "inferno", "magma", "cividis", "gray", "Greys", "hot", "jet", "coolwarm", "RdBu", "binary"]
print("//! matplotlib %s's colormaps as 256-entry RGB tables: written by gen_cmaps.py." % matplotlib.__version__)
print("")
print("/// (name, table): `x` in [0, 1] picks entry `min(floor(x * 256), 255)`.")
print("#[rustfmt::skip]")
print("pub static CMAPS: &[(&str, [[u8; 3]; 256])] = &[")
for name in NAMES:
    lut = colormaps[name](np.arange(256), bytes=True)
    print('    (\n        "%s",' % name)
    print("        [")
    for i in range(0, 256, 8):
        print("            " + " ".join("[%d, %d, %d]," % tuple(c[:3]) for c in lut[i:i + 8]))
    print("        ],\n    ),")
print("];")
