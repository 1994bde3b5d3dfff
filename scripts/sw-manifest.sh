#!/bin/sh
# Trunk post_build hook: writes the list of built files and a version made
# from their contents into the service worker (sw.js) in Trunk's staging
# directory, so the worker caches exactly this build for offline use.
set -eu
cd "${TRUNK_STAGING_DIR:?this script is run by trunk as a post_build hook}"
files=$(find . -type f ! -name sw.js | sed 's|^\./||' | LC_ALL=C sort)
list=""
for f in $files; do
  list="$list\"./$f\","
done
version=$(cat $files | sha256sum | cut -c1-16)
sed -i "s|/\*SHELL\*/|$list|; s|/\*VERSION\*/|$version|" sw.js
