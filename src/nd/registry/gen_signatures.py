#!/usr/bin/env python3
"""Writes signatures.txt: the real signature of every NumPy/PyTorch name nt exposes.

The names come from nt's own tables (src/nd/module.rs, src/nd/method_names.rs and the
unary primitives' names in src/nd/unary.rs); each
signature comes from the installed NumPy/PyTorch, never typed by hand:
- NumPy functions: inspect.signature, else the docstring's first line (C functions);
  ndarray methods: the docstring's first line (`a.sum(axis=None, ...)`).
- PyTorch C++ functions and Tensor methods: their overloads in torch/_C/*.pyi (what
  the argument parser accepts), and, where there are several, the parser's own listing
  of them as its "invalid combination of arguments" error prints it.
- PyTorch functions written in Python (torch.save, ...): inspect.signature.

Run: python3 src/nd/registry/gen_signatures.py > src/nd/registry/signatures.txt
Format, one entry per line: FORM.NAME<TAB>KIND<TAB>OVERLOAD[<TAB>OVERLOAD...]
KIND is `py` (CPython's binding rules and texts) or `torch` (PyTorch's argument parser);
an optional line FORM.NAME<TAB>listing<TAB>TEXT carries the parser's overload listing
(newlines as \\n).
"""
import ast, inspect, os, re, sys
import numpy as np, torch

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..")


def rust_tables():
    text = open(os.path.join(SRC, "module.rs")).read()
    tables = {}
    for m in re.finditer(r"static (\w+): &\[NdFn\] = table! \{ Lib::\w+, \"[\w.]+\";(.*?)\};", text, re.S):
        tables[m.group(1)] = re.findall(r'"(\w+)"', m.group(2))
    methods = open(os.path.join(SRC, "method_names.rs")).read()
    lists = {}
    for m in re.finditer(r"pub const (\w+): &\[&str\] = &\[(.*?)\];", methods, re.S):
        lists[m.group(1)] = re.findall(r'"(\w+)"', m.group(2))
    # The unary primitives' names (`unary::names`): NumPy and PyTorch functions, Tensor methods.
    unary = open(os.path.join(SRC, "unary.rs")).read()
    body = unary[unary.index("pub fn names(op: UnaryOp) -> Names {"):unary.index("pub fn op_named(")]
    for arm in re.finditer(r"UnaryOp::\w+ => (same\(&\[(.*?)\]\)|Names \{(.*?)\})", body, re.S):
        if arm.group(2) is not None:
            n = re.findall(r'"(\w+)"', arm.group(2))
            forms = {"numpy": n, "torch": n, "method": n}
        else:
            forms = {k: re.findall(r'"(\w+)"', v) for k, v in re.findall(r"(\w+): &\[(.*?)\]", arm.group(3), re.S)}
        tables["NUMPY"] += forms["numpy"]
        tables["TORCH"] += forms["torch"]
        lists["TORCH_METHODS"] += forms["method"]
    return tables, lists


FORMS = {
    "NUMPY": ("np", np),
    "NUMPY_RANDOM": ("np.random", np.random),
    "NUMPY_LINALG": ("np.linalg", np.linalg),
    "NUMPY_CHAR": ("np.char", np.char),
    "TORCH": ("torch", torch),
    "TORCH_LINALG": ("torch.linalg", torch.linalg),
    "TORCH_AUTOGRAD": ("torch.autograd", torch.autograd),
    "TORCH_CUDA": ("torch.cuda", torch.cuda),
}


def pyi_overloads(path, cls=None):
    tree = ast.parse(open(path).read())
    body = tree.body
    if cls:
        body = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls).body
    out = {}
    for n in body:
        if isinstance(n, ast.FunctionDef):
            out.setdefault(n.name, []).append(n.args)
    return out


def render_args(a, skip_self=False):
    parts = []
    posonly = list(a.posonlyargs)
    normal = list(a.args)
    allpos = posonly + normal
    if skip_self and allpos and allpos[0].arg == "self":
        if posonly:
            posonly = posonly[1:]
        else:
            normal = normal[1:]
        allpos = posonly + normal
    defaults = [None] * (len(allpos) - len(a.defaults)) + list(a.defaults)
    for i, p in enumerate(allpos):
        d = defaults[i]
        parts.append(p.arg if d is None else f"{p.arg}={ast.unparse(d)}")
        if posonly and i == len(posonly) - 1:
            parts.append("/")
    if a.vararg:
        parts.append("*" + a.vararg.arg)
    elif a.kwonlyargs:
        parts.append("*")
    for p, d in zip(a.kwonlyargs, a.kw_defaults):
        parts.append(p.arg if d is None else f"{p.arg}={ast.unparse(d)}")
    if a.kwarg:
        parts.append("**" + a.kwarg.arg)
    return "(" + ", ".join(parts) + ")"


def listing(call):
    """The parser's overload listing, from an error no overload can accept."""
    try:
        call(**{f"nt_{i}": 1 for i in range(40)})
    except TypeError as e:
        msg = str(e)
        if "expected one of:\n" in msg:
            return msg.split("expected one of:\n", 1)[1]
    return None


# Where the real binding differs from what the docstring or pyi says: NumPy's C methods
# also take their shape/axes as varargs; torch.unique's Python wrapper is (*args, **kwargs)
# around this documented signature.
OVERRIDES = {
    "ndarray.reshape": ("py", "(*shape, order='C', copy=None)"),
    "ndarray.transpose": ("py", "(*axes)"),
    "torch.unique": ("py", "(input, sorted=True, return_inverse=False, return_counts=False, dim=None)"),
}


def main():
    tables, lists = rust_tables()
    funcs = pyi_overloads(os.path.join(os.path.dirname(torch._C.__file__), "_C", "_VariableFunctions.pyi"))
    meths = pyi_overloads(os.path.join(os.path.dirname(torch._C.__file__), "_C", "__init__.pyi"), "TensorBase")
    lines = []
    for table, names in tables.items():
        form, mod = FORMS[table]
        for name in names:
            f = getattr(mod, name, None)
            key = f"{form}.{name}"
            if f is None:
                lines.append(f"{key}\tmissing")
                continue
            if form == "torch" and name in funcs and not inspect.isfunction(f):
                sigs = [render_args(a) for a in funcs[name]]
                lines.append(f"{key}\ttorch\t" + "\t".join(sigs))
                if len(sigs) > 1:
                    lst = listing(f)
                    if lst:
                        lines.append(f"{key}\tlisting\t" + lst.replace("\n", "\\n"))
            elif inspect.isfunction(f) or form.startswith("np"):
                lines.append(f"{key}\tpy\t{plain_sig(f)}")
            else:
                lines.append(f"{key}\tpy\t{plain_sig(f)}")
    for name in lists["NUMPY_METHODS"]:
        m = getattr(np.ndarray, name, None)
        doc = (m.__doc__ or "").strip().split("\n")[0] if m else ""
        mm = re.match(r"a\.\w+\((.*)\)", doc)
        sig = "(" + mm.group(1) + ")" if mm else "(*args, **kwargs)"
        lines.append(f"ndarray.{name}\tpy\t{sig}")
    t = torch.zeros(2)
    for name in lists["TORCH_METHODS"]:
        key = f"Tensor.{name}"
        if name in meths:
            sigs = [render_args(a, skip_self=True) for a in meths[name]]
            lines.append(f"{key}\ttorch\t" + "\t".join(sigs))
            if len(sigs) > 1:
                lst = listing(getattr(t, name))
                if lst:
                    lines.append(f"{key}\tlisting\t" + lst.replace("\n", "\\n"))
        elif hasattr(torch.Tensor, name):
            f = getattr(torch.Tensor, name)
            sig = plain_sig(f)
            sig = re.sub(r"^\(self,? ?", "(", sig)
            lines.append(f"{key}\tpy\t{sig}")
        else:
            lines.append(f"{key}\tmissing")
    for i, line in enumerate(lines):
        key = line.split("\t")[0]
        if key in OVERRIDES and "\tlisting\t" not in line:
            kind, sig = OVERRIDES[key]
            lines[i] = f"{key}\t{kind}\t{sig}"
    print("# Generated by gen_signatures.py from NumPy %s and PyTorch %s; do not edit." % (np.__version__, torch.__version__.split("+")[0]))
    print("\n".join(lines))


def plain_sig(f):
    try:
        s = inspect.signature(f)
        params = []
        for p in s.parameters.values():
            params.append(p.replace(annotation=inspect.Parameter.empty))
        s = s.replace(parameters=params, return_annotation=inspect.Signature.empty)
        s = str(s)
        return re.sub(r"<module '(\w+)'[^>]*>", r"\1", s)
    except (ValueError, TypeError):
        doc = (f.__doc__ or "").strip().split("\n")[0]
        m = re.match(r"[\w.]*\((.*)\)", doc)
        return "(" + m.group(1) + ")" if m else "(*args, **kwargs)"


if __name__ == "__main__":
    main()
