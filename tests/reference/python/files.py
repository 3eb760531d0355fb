# open() for text files: write, append, read, readline(s), iteration, with, errors.
with open("ref_files_scratch.txt", "w") as f:
    n = f.write("first line\n")
    f.write("second line\n")
    f.writelines(["a\n", "b\n"])
print(n, f.closed)
with open("ref_files_scratch.txt") as f:
    print(repr(f.read()))
with open("ref_files_scratch.txt", "r") as f:
    print(f.readline(), end="")
    print(f.readlines())
for i, line in enumerate(open("ref_files_scratch.txt")):
    print(i, line.rstrip())
with open("ref_files_scratch.txt", "a") as f:
    f.write("appended\n")
print(open("ref_files_scratch.txt").read().splitlines())
f = open("ref_files_scratch.txt")
print(f.read(5), f.read(3), f.name, f.mode)
f.close()
try:
    f.read()
except ValueError as e:
    print(e)
try:
    open("missing.txt")
except FileNotFoundError as e:
    print(type(e).__name__, e)
try:
    open("ref_files_scratch.txt", "x")
except FileExistsError as e:
    print(type(e).__name__, e)
try:
    open("ref_files_scratch.txt", "q")
except ValueError as e:
    print(e)
try:
    with open("ref_files_scratch.txt") as g:
        g.write("x")
except OSError as e:
    print(type(e).__name__, e)
import os
os.remove("ref_files_scratch.txt")
print(os.path.exists("ref_files_scratch.txt"))
