#!/usr/bin/env bash
# Prints what the page downloads (every file in dist/, gzip -9 as a server
# would send it) and fails if the total is over the budget of 340 KB
# (340 * 1024 bytes). The analysis worker loads the page's own wasm and
# module, so they count once. Run after a build: bash scripts/size.sh [dist]
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${1:-dist}
BUDGET=$((340 * 1024))
[ -f "$DIST/index.html" ] || { echo "no $DIST/index.html: build first" >&2; exit 1; }

total=0
printf '%-44s %10s %10s\n' "file" "bytes" "gzip"
for f in $(cd "$DIST" && ls | LC_ALL=C sort); do
  raw=$(wc -c <"$DIST/$f")
  gz=$(gzip -9 -n -c "$DIST/$f" | wc -c)
  total=$((total + gz))
  printf '%-44s %10d %10d\n' "$f" "$raw" "$gz"
done
printf '%-44s %10s %10d  (%d.%d KB of %d KB)\n' "total" "" "$total" $((total / 1024)) $((total % 1024 * 10 / 1024)) $((BUDGET / 1024))
if [ "$total" -gt "$BUDGET" ]; then
  echo "the page is over its size budget: $total > $BUDGET bytes gzip" >&2
  exit 1
fi
