# Precisions past Rust's formatter limit (65535): CPython writes every digit, the
# exact expansion and then zeros.
s = format(1.5, ".100000f")
print(len(s), s[:5], s.count("0"))
t = "%.70000f" % 0.1
print(len(t), t[:60], t.rstrip("0")[-20:])
u = f"{2.5:.70000e}"
print(len(u), u[:8], u[-6:])
v = format(5e-324, ".1100f")
print(len(v), v.rstrip("0")[-25:])
w = format(1e300, ".70000g")
print(len(w), w[:30])
x = "%.70000g" % 1.0
print(len(x), x)
