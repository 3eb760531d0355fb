# Imports of .py modules and packages: beside the script, submodules, `from package
# import submodule`, relative imports inside a package, __name__ and __package__,
# a module runs once.
import imports_helper
import imports_helper as again
from imports_helper import double, VALUE
import imports_pkg.tools
from imports_pkg import rel
from imports_pkg.sub import leaf
import imports_pkg.sub.leaf as L
print(imports_helper.VALUE, again is imports_helper, double(VALUE), imports_helper.__name__)
print(imports_pkg.NAME, imports_pkg.tools.tool(), rel.go(), leaf.leaf() == L.leaf())
print(__name__)
if __name__ == "__main__":
    print("main block runs")
try:
    import no_such_module_here
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
try:
    from . import imports_helper
except ImportError as e:
    print(type(e).__name__, e)
