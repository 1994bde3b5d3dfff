#!/bin/sh
# Trunk post_build hook, run in Trunk's staging directory:
# 1. writes the names of the built wasm-bindgen module and wasm file into
#    worker.js (the analysis worker loads the page's own wasm);
# 2. writes the list of built files and a version made from their contents
#    into the service worker (sw.js), so it caches exactly this build
#    (worker.js included) for offline use.
set -eu
cd "${TRUNK_STAGING_DIR:?this script is run by trunk as a post_build hook}"

wasm=$(ls nwcheck-web-*_bg.wasm)
js=$(ls nwcheck-web-*.js)
[ "$(echo "$wasm" | wc -l)" -eq 1 ] && [ "$(echo "$js" | wc -l)" -eq 1 ] || {
  echo "post-build: expected one nwcheck-web wasm and one module, found: $wasm $js" >&2
  exit 1
}
sed -i "s|/\*FILES\*/ null|{ js: './$js', wasm: './$wasm' }|" worker.js
grep -q "js: './$js'" worker.js || { echo "post-build: worker.js has no file names" >&2; exit 1; }

files=$(find . -type f ! -name sw.js | sed 's|^\./||' | LC_ALL=C sort)
list=""
for f in $files; do
  list="$list\"./$f\","
done
version=$(cat $files | sha256sum | cut -c1-16)
sed -i "s|/\*SHELL\*/|$list|; s|/\*VERSION\*/|$version|" sw.js
