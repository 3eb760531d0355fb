# Writes src/plot/named_colors.rs: matplotlib's named colours (base, 'tab:', CSS4) as
# RGB bytes. Run: python3 src/plot/gen_colors.py > src/plot/named_colors.rs (matplotlib 3.11.2).
import matplotlib
from matplotlib import colors

table = {}
for name, v in colors.CSS4_COLORS.items():
    table[name] = v
for name, v in colors.TABLEAU_COLORS.items():
    table[name] = v
for name, v in colors.BASE_COLORS.items():
    table[name] = colors.to_hex(v)
print("//! matplotlib %s's named colours: written by gen_colors.py." % matplotlib.__version__)
print("")
print("/// (name, '#rrggbb'), sorted by name.")
print("#[rustfmt::skip]")
print("pub static NAMED: &[(&str, &str)] = &[")
for name in sorted(table):
    print('    ("%s", "%s"),' % (name, table[name].lower()))
print("];")
