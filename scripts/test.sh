#!/usr/bin/env bash
# Runs every check and test of nwcheck: formatting, lints (native and
# wasm32), the analyzer's unit, golden, property, CLI and fuzz-regression
# tests, the wasm32 build of the core, the golden samples through the release
# CLI, a quick run of the throughput benchmark, then the web page: its release
# build, component tests in headless Chromium and end-to-end tests
# (scripts/test-web.sh). Installs what it needs first (idempotent). Run from
# anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
unset NO_COLOR   # trunk and some tools reject NO_COLOR=1

step() { printf '\n== %s\n' "$*"; }

step "toolchain"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt

step "format"
cargo fmt --check

step "lints (native)"
cargo clippy --locked --all-targets -- -D warnings

step "core builds for wasm32"
cargo build --locked --lib --target wasm32-unknown-unknown

step "release CLI and golden samples"
cargo build --locked --release
if [ -x ../shared/tools/score-samples ]; then
  for dir in ../shared/samples ../shared/samples-windows ../shared/samples-transcripts; do
    if [ -d "$dir" ]; then
      ../shared/tools/score-samples "$dir"
    fi
  done
fi

step "benchmark runs (quick: 100 kB and 1 MB, one repetition; no timing is checked)"
bash scripts/bench.sh --quick

step "tests (native)"
cargo test --locked

step "fuzzing (20 s per target; inputs that crash are kept in fuzz/regressions/)"
FUZZ_KEEP=0 bash scripts/fuzz.sh 20

# The web page; also lints every target for wasm32.
bash scripts/test-web.sh
