#!/usr/bin/env python3
"""Regenerate the expected outputs of the CPython reference corpus.

For every program in this folder (except this script) and in errors/, run it
with `python3` (CPython 3.11) and record:

  NAME.out  exact stdout bytes
  NAME.err  (errors/ only) the last line of stderr, i.e. "ExcType: message",
            followed by a single newline

Programs outside errors/ must exit 0 with empty stderr; programs in errors/
must exit 1 with a non-empty stderr.

Usage:
  python3 tests/reference/python/gen.py           # (re)write .out/.err files
  python3 tests/reference/python/gen.py --check   # verify files are up to date
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ERRORS = os.path.join(HERE, 'errors')
PYTHON = 'python3'
TIMEOUT = 60


def python_version():
    out = subprocess.run([PYTHON, '-c', 'import sys; print("%d.%d" % sys.version_info[:2])'],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def programs(folder):
    return sorted(f for f in os.listdir(folder)
                  if f.endswith('.py') and os.path.join(folder, f) != os.path.abspath(__file__))


def run(folder, name):
    env = dict(os.environ)
    for var in ('PYTHONSTARTUP', 'PYTHONWARNINGS', 'PYTHONOPTIMIZE', 'PYTHONDONTWRITEBYTECODE'):
        env.pop(var, None)
    env['PYTHONHASHSEED'] = '0'
    env['PYTHONIOENCODING'] = 'utf-8'
    env['PYTHONDONTWRITEBYTECODE'] = '1'
    return subprocess.run([PYTHON, name], cwd=folder, env=env, capture_output=True,
                          timeout=TIMEOUT, stdin=subprocess.DEVNULL)


def expected(folder, name, is_error):
    """Return {filename: bytes} of the expected files for one program."""
    proc = run(folder, name)
    stem = name[:-3]
    files = {stem + '.out': proc.stdout}
    if is_error:
        if proc.returncode != 1:
            raise SystemExit(f'{name}: expected exit status 1, got {proc.returncode}')
        lines = proc.stderr.decode('utf-8').rstrip('\n').split('\n')
        last = lines[-1]
        if not re.match(r'([A-Za-z_][A-Za-z0-9_]*\.)*[A-Za-z]+Error(: |$)', last):
            raise SystemExit(f'{name}: unexpected last stderr line {last!r}')
        files[stem + '.err'] = (last + '\n').encode('utf-8')
    else:
        if proc.returncode != 0 or proc.stderr:
            raise SystemExit(f'{name}: exit status {proc.returncode}, stderr:\n'
                             + proc.stderr.decode('utf-8', 'replace'))
    return files


def main():
    check = '--check' in sys.argv[1:]
    ver = python_version()
    if ver != '3.11':
        raise SystemExit(f'expected CPython 3.11 as {PYTHON}, found {ver}')
    stale = []
    count = 0
    for folder, is_error in ((HERE, False), (ERRORS, True)):
        for name in programs(folder):
            count += 1
            for fname, data in expected(folder, name, is_error).items():
                path = os.path.join(folder, fname)
                if check:
                    try:
                        with open(path, 'rb') as fh:
                            current = fh.read()
                    except FileNotFoundError:
                        current = None
                    if current != data:
                        stale.append(os.path.relpath(path, HERE))
                else:
                    with open(path, 'wb') as fh:
                        fh.write(data)
        for fname in sorted(os.listdir(folder)):
            stem, ext = os.path.splitext(fname)
            if ext in ('.out', '.err') and not os.path.exists(os.path.join(folder, stem + '.py')):
                path = os.path.join(folder, fname)
                if check:
                    stale.append(os.path.relpath(path, HERE) + ' (orphan)')
                else:
                    os.remove(path)
    if check:
        if stale:
            print('out of date:', *stale, sep='\n  ')
            raise SystemExit(1)
        print(f'{count} programs: all expected outputs up to date')
    else:
        print(f'{count} programs: expected outputs written')


if __name__ == '__main__':
    main()
