#!/usr/bin/env python3
"""Benchmark harness for basil.

Runs every benchmark program of this folder (or those chosen with --only) under
  basil           the interpreter            (binary from --basil, default target/release/basil)
  lbbv            basil --lbbv               (the JIT)
  <extra modes>   basil + any --mode NAME="ARGS" given on the command line
  python3         CPython (the reference: every output must equal python3's)
  pypy3           PyPy, if installed (skipped with a note otherwise)
N times each (--reps, default 5, interleaved), checks that every output equals
python3's, and prints the median wall time of each with the ratios
basil/python3, lbbv/python3, lbbv/basil, pypy3/python3 (and MODE/python3 for extra
modes), plus their geometric means. Exits with status 1 on any output mismatch or
failed run.

    cargo build --release && python3 benches/run.py
    python3 benches/run.py --only fib,nbody --reps 3
    python3 benches/run.py --mode "lbbv-t0=--lbbv --lbbv-threshold=0" --mode "lbbv-v1=--lbbv --lbbv-max-versions=1"
    python3 benches/run.py --no-lbbv          # interpreter only (before the JIT exists)
    python3 benches/run.py --stats            # + JIT statistics columns

--stats adds, beside the times, three columns from one extra (untimed) run of
`basil --lbbv --stats-file=...` per benchmark (docs/STATS.md): the ratio of
bytecode instructions run in JIT code ("in JIT"), the share of dynamic type tests
removed by versioning at run time ("tests rm") and the number of side exits
("exits").

Each program runs with the benches/ folder as its working directory and its bare file
name as argv[0], the same convention as the test corpus.
"""
import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def find_benches():
    return sorted(f[:-3] for f in os.listdir(HERE)
                  if f.endswith(".py") and f != "run.py" and not f.startswith("_"))


def run_once(cmd, timeout):
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, cwd=HERE, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "", "timeout after %ss" % timeout, None
    except OSError as e:
        return None, "", str(e), None
    dt = time.perf_counter() - t0
    return dt, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), p.returncode


def geomean(xs):
    xs = [x for x in xs if x is not None and x > 0]
    if not xs:
        return None
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def fmt_t(t):
    return "-" if t is None else "%.3f" % t


def fmt_r(r):
    return "-" if r is None else "%.2fx" % r


def stats_run(prefix, f, timeout):
    """One untimed `basil --lbbv --stats-file` run; the JSON object or None."""
    path = os.path.join(HERE, ".stats-%d.json" % os.getpid())
    try:
        dt, _, _, code = run_once(prefix + ["--stats-file=" + path, f], timeout)
        if dt is None or code != 0:
            return None
        with open(path) as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None
    finally:
        if os.path.exists(path):
            os.remove(path)


def stat_cells(s):
    if not s:
        return ["-", "-", "-"]
    return ["%.1f%%" % s["ratio_in_jit_pct"], "%.1f%%" % s["type_tests_removed_executed_pct"],
            str(s["side_exits_total"])]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--basil", default=os.path.join(ROOT, "target", "release", "basil"),
                    help="path of the basil binary (default: target/release/basil)")
    ap.add_argument("--reps", type=int, default=5, help="repetitions per runner (default 5)")
    ap.add_argument("--only", default="", help="comma-separated benchmark names (e.g. fib,nbody)")
    ap.add_argument("--mode", action="append", default=[], metavar='NAME="ARGS"',
                    help="an extra basil mode, e.g. --mode 'lbbv-t0=--lbbv --lbbv-threshold=0'")
    ap.add_argument("--no-lbbv", action="store_true", help="do not run the default `basil --lbbv` mode")
    ap.add_argument("--no-basil", action="store_true", help="run only python3/pypy3")
    ap.add_argument("--python", default="python3", help="the CPython 3.11 to compare with")
    ap.add_argument("--pypy", default="pypy3", help="the PyPy binary (skipped if not found)")
    ap.add_argument("--no-pypy", action="store_true", help="skip PyPy")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per run (default 300)")
    ap.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    ap.add_argument("--stats", action="store_true",
                    help="add JIT statistics columns (in JIT, type tests removed, side exits)")
    args = ap.parse_args()

    benches = find_benches()
    if args.list:
        print("\n".join(benches))
        return 0
    if args.only:
        wanted = [w.strip().removesuffix(".py") for w in args.only.split(",") if w.strip()]
        unknown = [w for w in wanted if w not in benches]
        if unknown:
            sys.exit("run.py: unknown benchmark(s): %s (have: %s)" % (", ".join(unknown), ", ".join(benches)))
        benches = [b for b in benches if b in wanted]

    # runners: (name, argv prefix); python3 first, it is the reference
    runners = [("python3", [args.python])]
    notes = []
    if not args.no_basil:
        basil = os.path.abspath(args.basil)
        if os.path.exists(basil):
            runners.append(("basil", [basil]))
            if not args.no_lbbv:
                runners.append(("lbbv", [basil, "--lbbv"]))
            for m in args.mode:
                if "=" not in m:
                    sys.exit("run.py: --mode wants NAME=ARGS, got %r" % m)
                name, rest = m.split("=", 1)
                runners.append((name.strip(), [basil] + rest.split()))
        else:
            notes.append("basil not found at %s (build it: cargo build --release); skipped" % basil)
    pypy = None if args.no_pypy else shutil.which(args.pypy)
    if pypy:
        runners.append(("pypy3", [pypy]))
    elif not args.no_pypy:
        notes.append("pypy3 not installed (apt-get install -y pypy3); skipped")
    for n in notes:
        print("note:", n)

    names = [r[0] for r in runners]
    times = {}      # (bench, runner) -> median seconds, or None
    jstats = {}     # bench -> the --stats-file JSON object
    lbbv = dict(runners).get("lbbv")
    problems = []
    for b in benches:
        f = b + ".py"
        samples = dict((n, []) for n in names)
        outputs = {}
        failed = {}
        for rep in range(args.reps):
            for name, prefix in runners:
                if name in failed:
                    continue
                dt, out, err, code = run_once(prefix + [f], args.timeout)
                if dt is None or code != 0:
                    last = [l for l in err.splitlines() if l.strip()]
                    failed[name] = "exit %s: %s" % (code, last[-1] if last else err.strip())
                    continue
                samples[name].append(dt)
                if name not in outputs:
                    outputs[name] = out
                    ref = outputs.get("python3")
                    if name != "python3" and ref is not None and out != ref:
                        # reported as a mismatch below; no point in timing it again
                        failed[name] = None
                elif outputs[name] != out:
                    failed[name] = "output differs between repetitions"
        ref = outputs.get("python3")
        line = []
        for name in names:
            if failed.get(name) is not None:
                problems.append("%s [%s]: FAILED: %s" % (b, name, failed[name]))
                times[(b, name)] = None
                line.append("%s=FAIL" % name)
                continue
            if ref is not None and name != "python3" and outputs.get(name) != ref:
                problems.append("%s [%s]: OUTPUT MISMATCH vs python3:\n    python3: %r\n    %s: %r"
                                % (b, name, ref[:300], name, outputs.get(name, "")[:300]))
                times[(b, name)] = None
                line.append("%s=MISMATCH" % name)
                continue
            times[(b, name)] = statistics.median(samples[name]) if samples[name] else None
            line.append("%s=%s" % (name, fmt_t(times[(b, name)])))
        if args.stats and lbbv:
            jstats[b] = stats_run(lbbv, f, args.timeout)
        print("%-14s %s   %s" % (b, " ".join(line), (ref or "").strip().replace("\n", " | ")[:60]))
        sys.stdout.flush()

    # ratio columns
    ratios = []
    def add_ratio(label, num, den):
        if num in names and den in names:
            ratios.append((label, num, den))
    add_ratio("basil/py", "basil", "python3")
    add_ratio("lbbv/py", "lbbv", "python3")
    add_ratio("lbbv/basil", "lbbv", "basil")
    for name in names:
        if name not in ("python3", "basil", "lbbv", "pypy3"):
            add_ratio(name + "/py", name, "python3")
    add_ratio("pypy/py", "pypy3", "python3")

    print()
    print("median wall time in seconds over %d runs; ratio < 1 means faster than the denominator" % args.reps)
    stat_cols = ["in JIT", "tests rm", "exits"] if args.stats and lbbv else []
    header = ["bench"] + names + [r[0] for r in ratios] + stat_cols
    rows = []
    cols = dict((r[0], []) for r in ratios)
    for b in benches:
        row = [b] + [fmt_t(times.get((b, n))) for n in names]
        for label, num, den in ratios:
            tn, td = times.get((b, num)), times.get((b, den))
            r = tn / td if tn and td else None
            cols[label].append(r)
            row.append(fmt_r(r))
        if stat_cols:
            row += stat_cells(jstats.get(b))
        rows.append(row)
    gm = ["geomean"] + [""] * len(names) + [fmt_r(geomean(cols[r[0]])) for r in ratios] + [""] * len(stat_cols)
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, gm)]
    def pr(row):
        print("  ".join(str(x).rjust(w) if i else str(x).ljust(w) for i, (x, w) in enumerate(zip(row, widths))))
    pr(header)
    pr(["-" * w for w in widths])
    for row in rows:
        pr(row)
    pr(["-" * w for w in widths])
    pr(gm)

    if problems:
        print()
        print("!" * 70)
        for p in problems:
            print("!!", p)
        print("!" * 70)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
