#!/usr/bin/env bash
# Serves the page for local use at http://127.0.0.1:8080/ (release build,
# no live-reload script, so the page runs under its strict CSP as deployed).
# Any static server works too: copy dist/ anywhere, under any sub-path.
set -euo pipefail
cd "$(dirname "$0")/.."
unset NO_COLOR
bash scripts/setup-web.sh
export PATH="$PWD/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
exec trunk serve --release=true --no-autoreload=true --no-error-reporting=true --address 127.0.0.1 --port "${PORT:-8080}"
