#!/usr/bin/env bash
# The whole test suite: the workspace natively (x86-64 or whatever the host
# is), then the asm crate cross-built for AArch64 and run under qemu.
# Installs what it needs on a fresh Debian machine (apt packages, the rustup
# target) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v qemu-aarch64 >/dev/null 2>&1 || need_apt+=(qemu-user)
command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || need_apt+=(gcc-aarch64-linux-gnu)
[ -d /usr/aarch64-linux-gnu/lib ] || need_apt+=(libc6-dev-arm64-cross)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  fi
fi
rustup target list --installed | grep -q '^aarch64-unknown-linux-gnu$' || rustup target add aarch64-unknown-linux-gnu

echo "== native: cargo test --workspace"
cargo test --workspace --release

# The differential fuzzer against CPython (seeded, so reproducible; about two
# minutes on two cores). tests/differential.rs documents the knobs.
if command -v python3 >/dev/null 2>&1; then
  echo "== differential fuzzer, CPython oracle: 400 generated programs"
  BASIL_DIFF_CPYTHON=400 cargo test --release --test differential cpython_oracle -- --nocapture
fi

echo "== aarch64 under qemu: the asm crate, the VM's unit tests, the corpus in every mode, the JIT's mechanisms, the statistics outputs, the differential fuzzer (100 programs)"
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64 -L /usr/aarch64-linux-gnu"
export BASIL_RUNNER="qemu-aarch64 -L /usr/aarch64-linux-gnu"
cargo test -p basil-asm --release --target aarch64-unknown-linux-gnu
BASIL_DIFF_N=100 cargo test -p basil --release --target aarch64-unknown-linux-gnu --lib --test corpus --test jit --test stats --test differential
