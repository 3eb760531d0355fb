# sys and os: argv, maxsize, version_info, stdout.write, os.path, directories, files, environ, sys.exit.
import sys
import os
import os.path
from os.path import join, splitext
print(sys.argv[1:], sys.maxsize, sys.version_info[:2], sys.version_info >= (3, 8), sys.version_info.major)
sys.stdout.write("written\n")
print(os.path.join("a", "b", "c.txt"), join("/x", "/y"), splitext("dir/file.tar.gz"), splitext(".bashrc"))
print(os.path.basename("/a/b/c.py"), os.path.dirname("/a/b/c.py"), os.path.split("a/b/"), os.path.normpath("a//b/../c/."))
print(os.path.exists("sys_os.py"), os.path.isfile("sys_os.py"), os.path.isdir("."), os.path.exists("nope"))
os.makedirs("ref_sys_os_tmp/sub", exist_ok=True)
with open(os.path.join("ref_sys_os_tmp", "sub", "f.txt"), "w") as f:
    f.write("hi")
print(sorted(os.listdir("ref_sys_os_tmp")), os.listdir("ref_sys_os_tmp/sub"), os.path.getsize("ref_sys_os_tmp/sub/f.txt"))
os.remove("ref_sys_os_tmp/sub/f.txt")
os.rmdir("ref_sys_os_tmp/sub")
os.rmdir("ref_sys_os_tmp")
print(os.path.exists("ref_sys_os_tmp"), os.environ.get("NO_SUCH_VAR_X", "unset"), os.getcwd() == os.path.abspath("."))
try:
    os.remove("nope.txt")
except FileNotFoundError as e:
    print(e)
print("bye")
try:
    sys.exit(5)
except SystemExit as e:
    print(type(e).__name__, e)
