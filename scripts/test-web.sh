#!/usr/bin/env bash
# Builds and tests the web page: the release build of dist/ with trunk,
# its size (fails over 340 KB gzip, scripts/size.sh), clippy for wasm32,
# the component tests in headless Chromium (wasm-bindgen-test), then the
# end-to-end tests of dist/ (Playwright with Debian's Chromium, 127.0.0.1
# only), which also print the page's timings. Runs scripts/setup-web.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
unset NO_COLOR   # trunk rejects NO_COLOR=1
bash scripts/setup-web.sh
export PATH="$PWD/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # binaryen's wasm-opt first

step() { printf '\n== %s\n' "$*"; }

step "web: build dist/ (trunk, release)"
t=$SECONDS
trunk build --release=true
echo "built in $((SECONDS - t)) s"
if grep -Eq '<script>|<script type="module">' dist/index.html; then
  echo "dist/index.html has an inline script" >&2
  exit 1
fi

step "web: size of everything the page downloads (budget 340 KB gzip)"
bash scripts/size.sh dist

step "web: clippy (wasm32)"
cargo clippy --locked --target wasm32-unknown-unknown --all-targets -- -D warnings

step "web: component tests (wasm-bindgen-test, headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown --test web

step "web: end-to-end tests (Playwright, Chromium, dist/ on 127.0.0.1)"
(cd e2e && npm test)
