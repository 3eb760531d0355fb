"""Runs each programs/NAME.py under CPython with matplotlib 3.11.2 (Agg), NumPy and
PyTorch, and records what tests/plots.rs compares nt with:

- NAME.expected: what the program prints;
- mpl/NAME.png: matplotlib's picture (nt's must be within the program's `# rms-bound:`
  of it, as matplotlib's own compare_images measures: RMS over RGB values 0-255);
- NAME.texts: the texts matplotlib's SVG draws (its `<!-- text -->` comments), one per
  line, sorted: nt's SVG must draw the same texts (tick labels, legend, titles).

    python3 gen.py            # all programs
    python3 gen.py NAME ...   # some
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")


def texts(svg):
    return sorted(re.findall(r"<!-- (.*?) -->", svg))


def one(name):
    src = os.path.join(PROGRAMS, name + ".py")
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ, MPLBACKEND="Agg", ATEN_CPU_CAPABILITY="avx2")
        out = subprocess.run([sys.executable, src], cwd=d, env=env, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"{name}: {out.stderr}")
        with open(os.path.join(HERE, name + ".expected"), "w") as f:
            f.write(out.stdout)
        png = os.path.join(d, name + ".png")
        if os.path.exists(png):
            os.makedirs(os.path.join(HERE, "mpl"), exist_ok=True)
            shutil.copy(png, os.path.join(HERE, "mpl", name + ".png"))
        svg = os.path.join(d, name + ".svg")
        if os.path.exists(svg):
            with open(svg) as f, open(os.path.join(HERE, name + ".texts"), "w") as g:
                g.write("".join(t + "\n" for t in texts(f.read())))
    print(name)


def main():
    import matplotlib
    assert matplotlib.__version__ == "3.11.2", matplotlib.__version__
    names = sys.argv[1:] or sorted(p[:-3] for p in os.listdir(PROGRAMS) if p.endswith(".py"))
    for name in names:
        one(name)


if __name__ == "__main__":
    main()
