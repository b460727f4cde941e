#!/usr/bin/env python3
"""Regenerate the expected outputs of the basil program corpus with CPython 3.11.

Never edit the .out/.err/.code files by hand: run this script instead.

    python3 tests/regen.py            # regenerate everything
    python3 tests/regen.py strings/   # only programs whose relative path contains "strings/"
    python3 tests/regen.py --check    # compare, write nothing, exit 1 on any difference

CONVENTION (tests/corpus.rs and tests/corpus_oracle.rs use exactly the same):
  * each program tests/programs/<dir>/NAME.py is run with the current working
    directory set to its own folder tests/programs/<dir>/, and the program is named
    by its bare file name, i.e. the command line is `python3 NAME.py` (basil:
    `basil [mode args...] NAME.py`), so sys.argv == ['NAME.py'];
  * stdin is empty (/dev/null); the environment is inherited, plus
    PYTHONIOENCODING=utf-8 and PYTHONHASHSEED=0;
  * beside NAME.py we write
      NAME.out   -- the exact stdout (always written, possibly empty),
      NAME.err   -- the last non-empty line of stderr, plus '\n' (only written
                    when stderr has a non-empty line; tracebacks differ in detail,
                    their last line must not),
      NAME.code  -- the exit status as decimal plus '\n' (only written when it is
                    not 0).
    A missing .err means "no expectation on stderr"; a missing .code means 0.
    Stale .err/.code files are removed.
"""
import os
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "programs")
TIMEOUT = 30


def programs(filters):
    out = []
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames.sort()
        for fn in sorted(filenames):
            if fn.endswith(".py"):
                full = os.path.join(dirpath, fn)
                rel = os.path.relpath(full, ROOT)
                if not filters or any(f in rel for f in filters):
                    out.append(full)
    return sorted(out)


def last_nonempty_line(text):
    for line in reversed(text.splitlines()):
        if line.strip():
            return line
    return ""


def run(path, python):
    env = dict(os.environ)
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONHASHSEED"] = "0"
    p = subprocess.run(
        [python, os.path.basename(path)],
        cwd=os.path.dirname(path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        timeout=TIMEOUT,
    )
    return p.stdout, last_nonempty_line(p.stderr.decode("utf-8", "replace")), p.returncode


def expected_files(path, stdout, err, code):
    base = path[:-3]
    files = {base + ".out": stdout, base + ".err": None, base + ".code": None}
    if err:
        files[base + ".err"] = (err + "\n").encode("utf-8")
    if code != 0:
        files[base + ".code"] = ("%d\n" % code).encode("ascii")
    return files


def main():
    args = sys.argv[1:]
    check = "--check" in args
    filters = [a for a in args if not a.startswith("--")]
    python = os.environ.get("PYTHON", "python3")
    ver = subprocess.run([python, "-c", "import sys; print(sys.version_info[:2])"],
                         stdout=subprocess.PIPE, text=True).stdout.strip()
    if ver != "(3, 11)":
        sys.exit("regen.py: %s is Python %s, need 3.11" % (python, ver))
    progs = programs(filters)
    changed = 0
    for path in progs:
        stdout, err, code = run(path, python)
        rel = os.path.relpath(path, ROOT)
        for fname, content in expected_files(path, stdout, err, code).items():
            old = None
            if os.path.exists(fname):
                with open(fname, "rb") as f:
                    old = f.read()
            if old == content:
                continue
            changed += 1
            if check:
                print("DIFFERS: %s" % os.path.relpath(fname, ROOT))
                continue
            if content is None:
                os.remove(fname)
            else:
                with open(fname, "wb") as f:
                    f.write(content)
        if not check:
            tag = "" if code == 0 else "  [exit %d: %s]" % (code, err)
            print("%-45s%s" % (rel, tag))
    print("%d programs, %d files %s" % (len(progs), changed,
                                        "differ" if check else "written/removed"))
    if check and changed:
        sys.exit(1)


if __name__ == "__main__":
    main()
