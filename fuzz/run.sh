#!/usr/bin/env bash
# Runs a cargo-fuzz target for a while:
#
#     fuzz/run.sh TARGET [SECONDS] [libFuzzer options...]
#     fuzz/run.sh differential 1800 -jobs=1
#
# TARGET is differential, parser or arm64_encoder; SECONDS defaults to 60.
# Installs the nightly toolchain and cargo-fuzz when they are missing.
# SANITIZER=none (cargo fuzz -s) skips AddressSanitizer: about 3x the
# executions per second for differential, whose runs are mostly JIT code.
# Under ASan the shadow of each run's 1 GiB VM-thread stack stays resident,
# so a differential run reaches -rss_limit_mb after about 25 minutes: use
# SANITIZER=none for long runs.
# Crashes land in fuzz/artifacts/TARGET/, the corpus in fuzz/corpus/TARGET/.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET [SECONDS] [libFuzzer options...]}
secs=${2:-60}
shift $(( $# < 2 ? $# : 2 ))
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
cargo +nightly fuzz --help >/dev/null 2>&1 || cargo +nightly install cargo-fuzz --locked
mkdir -p "corpus/$target"
extra=()
# The program generator reads up to a few KiB; let libFuzzer use long inputs
# from the start instead of growing them from 4 bytes.
[ "$target" = differential ] && extra=(-max_len=4096 -len_control=0)
exec cargo +nightly fuzz run -s "${SANITIZER:-address}" "$target" "corpus/$target" -- \
  -max_total_time="$secs" -timeout=120 -rss_limit_mb=4096 ${extra[@]+"${extra[@]}"} "$@"
