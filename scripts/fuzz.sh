#!/usr/bin/env bash
# Fuzzes the whole analyzer (target `analyze`), the redaction of planted
# passwords (target `secrets`: no output may hold them) and the decoder (target
# `decode`) for a fixed time each, then minimizes the corpus and keeps a few
# small inputs as committed regression inputs in fuzz/regressions/<target>/
# (replayed without nightly by `cargo test --test fuzz_regressions`).
#
#   bash scripts/fuzz.sh [seconds per target]     (default 60)
#
# Installs cargo-fuzz if it is missing (idempotent). Uses the nightly
# toolchain when rustup has one, otherwise the stable one with
# RUSTC_BOOTSTRAP=1. Exits 1 when a target crashed, timed out or ran out
# of memory; the input that did it is in fuzz/artifacts/<target>/ and is
# copied into fuzz/regressions/<target>/.
#
# Environment: FUZZ_TARGETS="analyze decode" (which targets),
# FUZZ_KEEP=8 (at most this many corpus inputs added per target and run),
# FUZZ_MAX_KEPT=16 (no more once a target's regression folder has this many).
set -euo pipefail
cd "$(dirname "$0")/.."

secs="${1:-60}"
read -r -a targets <<<"${FUZZ_TARGETS:-analyze decode secrets}"
keep="${FUZZ_KEEP:-8}"
max_kept="${FUZZ_MAX_KEPT:-16}"
keep_max_bytes=4096

step() { printf '\n== %s\n' "$*"; }

step "toolchain"
if rustup run nightly rustc --version >/dev/null 2>&1; then
  fuzz=(cargo +nightly fuzz)
  echo "nightly: $(rustup run nightly rustc --version)"
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
  echo "no nightly toolchain; stable with RUSTC_BOOTSTRAP=1: $(rustc --version)"
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  start=$(date +%s)
  cargo install cargo-fuzz --locked
  echo "installed cargo-fuzz in $(($(date +%s) - start)) s"
fi
cargo fuzz --version

step "build"
# AddressSanitizer when the toolchain has its runtime; plain coverage otherwise
# (the analyzer has no unsafe code, so a panic is what there is to find).
sanitizer=address
if ! "${fuzz[@]}" build --sanitizer address 2>/tmp/nwcheck-fuzz-build.$$; then
  if grep -qi 'sanitizer' /tmp/nwcheck-fuzz-build.$$; then
    echo "AddressSanitizer is not available here; fuzzing without it"
    sanitizer=none
    "${fuzz[@]}" build --sanitizer none
  else
    cat /tmp/nwcheck-fuzz-build.$$ >&2
    rm -f /tmp/nwcheck-fuzz-build.$$
    exit 1
  fi
fi
rm -f /tmp/nwcheck-fuzz-build.$$

# Seeds: the real logs whole, each cut into its machine part and its command
# blocks (small inputs run faster), the start of a few in UTF-8 with BOM,
# UTF-16LE with BOM, UTF-16BE without and CP932 (Shift_JIS), plus the
# committed regressions.
seed() {
  local dir="fuzz/corpus/$1"
  mkdir -p "$dir"
  for log in tests/data/*.log; do
    local name
    name=$(basename "$log" .log)
    cp "$log" "$dir/seed-$name"
    awk -v out="$dir/seed-$name-" '
      /^[[:space:]]*##TRY!!/ { n++ }
      { f = out sprintf("%03d", n); if (f != last) { if (last) close(last); last = f }; print > f }
    ' "$log"
  done
  # The start of a few logs in the other encodings the decoder reads.
  if command -v iconv >/dev/null; then
    for log in tests/data/nc-missing.log tests/data/proxy-auth-407.log tests/data/dns-nxdomain-one-fqdn.log; do
      local name part
      name=$(basename "$log" .log)
      part=$(head -n 120 "$log")
      { printf '\xef\xbb\xbf'; printf '%s\n' "$part"; } >"$dir/seed-$name-utf8-bom"
      { printf '\xff\xfe'; printf '%s\n' "$part" | iconv -f UTF-8 -t UTF-16LE; } >"$dir/seed-$name-utf16le-bom"
      printf '%s\n' "$part" | iconv -f UTF-8 -t UTF-16BE >"$dir/seed-$name-utf16be"
      printf '%s\n' "$part" | iconv -c -f UTF-8 -t CP932 >"$dir/seed-$name-cp932" || true
    done
  fi
  if compgen -G "fuzz/regressions/$1/*" >/dev/null; then
    cp fuzz/regressions/"$1"/* "$dir/"
  fi
}

failed=()
summary=()
for t in "${targets[@]}"; do
  step "fuzz $t for $secs s"
  seed "$t"
  mkdir -p "fuzz/artifacts/$t" "fuzz/regressions/$t"
  stamp="fuzz/artifacts/$t.started"
  touch "$stamp"
  log="fuzz/artifacts/$t.log"
  set +e
  "${fuzz[@]}" run --sanitizer "$sanitizer" "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$secs" -max_len=1048576 -timeout=10 -rss_limit_mb=2048 \
    -dict=fuzz/log.dict -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|==[0-9]+==|thread .* panicked|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|Done )' "$log" || true
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  # Inputs that crashed it, timed out or ran out of memory during this run
  # become regression inputs (fixed or not).
  artifacts=0
  while read -r a; do
    cp "$a" "fuzz/regressions/$t/"
    artifacts=$((artifacts + 1))
  done < <(find "fuzz/artifacts/$t" -type f -newer "$stamp")
  if [ "$rc" -ne 0 ] || [ "$artifacts" -gt 0 ]; then
    failed+=("$t")
    tail -40 "$log"
  fi

  step "minimize the corpus of $t"
  in_corpus=$(find "fuzz/corpus/$t" -type f | wc -l)
  "${fuzz[@]}" cmin --sanitizer "$sanitizer" "$t" "fuzz/corpus/$t" -- -max_len=32768 -timeout=10 2>&1 | grep -E 'MERGE-OUTER: [0-9]+ new files' || true
  out_corpus=$(find "fuzz/corpus/$t" -type f | wc -l)

  # Keep a handful of small inputs: the largest ones up to 4 KiB (they carry
  # the most structure), named by content so a rerun adds no duplicate.
  kept=$(find "fuzz/regressions/$t" -type f | wc -l)
  added=0
  if [ "$kept" -lt "$max_kept" ]; then
    while read -r size f; do
      [ "$added" -ge "$keep" ] && break
      [ $((kept + added)) -ge "$max_kept" ] && break
      name="input-$(sha1sum "$f" | cut -c1-16)"
      if [ ! -e "fuzz/regressions/$t/$name" ]; then
        cp "$f" "fuzz/regressions/$t/$name"
        added=$((added + 1))
      fi
      : "$size"
    done < <(find "fuzz/corpus/$t" -type f -size -$((keep_max_bytes + 1))c -printf '%s %p\n' | sort -k1,1nr -k2)
  fi
  summary+=("$t: ${runs:-?} runs in ${took:-?} s, exit $rc, $artifacts new crash/timeout/oom inputs, corpus $in_corpus -> $out_corpus after cmin, $added added to fuzz/regressions/$t ($(find "fuzz/regressions/$t" -type f | wc -l) there)")
done

step "summary"
printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "FAILED: ${failed[*]} (inputs in fuzz/artifacts/ and fuzz/regressions/)"
  exit 1
fi
echo "no crash"
