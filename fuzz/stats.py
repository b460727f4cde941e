#!/usr/bin/env python3
"""Evidence that generated programs reach the JIT's hard cases.

    cargo build --release --example fuzzgen
    python3 fuzz/stats.py [COUNT] [basil mode args...]
    python3 fuzz/stats.py 100 --lbbv-threshold=0 --lbbv-max-versions=2

Prints, over COUNT generated programs (seeds 0..COUNT-1) run with
`basil --lbbv --stats=json`, how many programs had side exits of each reason,
blocks at the version cap and versions per block, and the totals.
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
GEN = os.path.join(TARGET, "release", "examples", "fuzzgen")
BASIL = os.path.join(TARGET, "release", "basil")


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    mode = sys.argv[2:]
    programs_with = {}
    totals = {}
    for seed in range(count):
        src = subprocess.run([GEN, "print", str(seed)], capture_output=True, check=True).stdout
        p = subprocess.run([BASIL, "--lbbv", "--stats=json", *mode, "-"], input=src,
                           capture_output=True, timeout=60)
        last = p.stderr.decode().strip().splitlines()[-1]
        s = json.loads(last)
        facts = dict(s["side_exits"])
        facts["blocks_at_cap"] = s["blocks_at_cap"]
        facts["versions>1"] = sum(n for k, n in s["versions_per_block"].items() if int(k) > 1)
        facts["jit_instructions"] = s["jit_instructions"]
        for k, v in facts.items():
            totals[k] = totals.get(k, 0) + v
            programs_with[k] = programs_with.get(k, 0) + (v > 0)
    print(f"{count} programs, basil --lbbv {' '.join(mode)}")
    print(f"{'':24} {'programs':>9} {'total':>12}")
    for k in totals:
        print(f"{k:24} {programs_with[k]:>9} {totals[k]:>12}")


if __name__ == "__main__":
    main()
