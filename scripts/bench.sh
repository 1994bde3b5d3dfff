#!/usr/bin/env bash
# Measures the analyzer's throughput on generated logs of 100 kB, 1 MB, 10 MB
# and 50 MB beside two baselines on the same bytes (a memchr line count and
# `grep -c -F '##TRY!!'`), and prints the table of MB/s, ratios, peak heap
# and where the analyzer's time goes. Takes about a minute after the build.
#
#   bash scripts/bench.sh            # all sizes, 21/11/5/5 repetitions, medians
#   bash scripts/bench.sh --quick    # 100 kB and 1 MB, one repetition (what CI runs)
#
# More settings (environment): NWCHECK_BENCH_SIZES=1M,20M, NWCHECK_BENCH_REPS=3,
# NWCHECK_BENCH_KEEP=DIR (keep the generated logs). See benches/throughput.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--quick" ]; then
  export NWCHECK_BENCH_QUICK=1
fi
exec cargo bench --locked --bench throughput
