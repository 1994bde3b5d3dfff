#!/usr/bin/env bash
# Installs what the web page's build and tests need, only what is missing or
# at the wrong version: the wasm32 target, trunk, wasm-bindgen-cli (the
# version in Cargo.lock), Debian's chromium, chromium-driver and a Japanese
# font, and the npm packages of e2e/ (binaryen's wasm-opt, playwright-core,
# axe-core).
# Works from a fresh clone, as root, with CI=true and no standard input.
set -euo pipefail
cd "$(dirname "$0")/.."
unset NO_COLOR   # trunk rejects NO_COLOR=1

TRUNK_VERSION=0.21.14   # 0.22.x needs a newer rustc
WB_VERSION=$(awk '$0=="name = \"wasm-bindgen\""{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
: "${WB_VERSION:?wasm-bindgen not found in Cargo.lock}"
export PATH="$HOME/.cargo/bin:$PATH"
t0=$SECONDS

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  # A debug build without the update check installs in about 3 minutes instead of 7.
  cargo install --locked trunk --version "$TRUNK_VERSION" --debug --no-default-features --features rustls --force
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB_VERSION" ] \
  || [ "$(wasm-bindgen-test-runner --version 2>/dev/null || true)" != "wasm-bindgen-test-runner $WB_VERSION" ]; then
  # Not --locked: its lock file pins a webpki-roots the registry may not serve.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# Debian's Chromium and its driver, and a Japanese font (IPA Gothic) so the
# page's Japanese text renders in the end-to-end tests' screenshots.
apt_missing=()
command -v chromium >/dev/null && command -v chromedriver >/dev/null || apt_missing+=(chromium chromium-driver)
fc-list :lang=ja 2>/dev/null | grep -q . || apt_missing+=(fonts-ipafont-gothic)
if [ ${#apt_missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_missing[@]}" </dev/null
fi

# npm ci only when node_modules does not match package-lock.json.
if [ ! -x e2e/node_modules/.bin/wasm-opt ] || [ ! -d e2e/node_modules/playwright-core ] \
  || [ ! -d e2e/node_modules/axe-core ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
  (cd e2e && npm ci --no-audit --no-fund)
fi

echo "web tools ready in $((SECONDS - t0)) s: $(trunk --version), $(wasm-bindgen --version)," \
  "$(chromium --version 2>/dev/null | head -1), wasm-opt $(e2e/node_modules/.bin/wasm-opt --version)"
