print("package init:", __name__, __package__)
NAME = "imports_pkg"
