# A module that imports.py imports (also a program of its own).
print("imports_helper runs as", __name__)
VALUE = 42


def double(x):
    return 2 * x


if __name__ == "__main__":
    print("only when run as a script")
