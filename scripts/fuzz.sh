#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/Sources, one binary, the target picked by
# RETAIL_EDGE_FUZZ_TARGET) with AddressSanitizer into .build-fuzz, and runs each for
# FUZZ_SECONDS (default 60), or FUZZ_RUNS executions if set, whichever comes first. Prints
# `TARGET: N execs, N crashes` per target and exits 1 if any target crashed, hung or ran out of
# memory; the input is kept as .build/fuzz/TARGET/crash-* (or timeout-*, oom-*), with the log.
#
#   FUZZ_TARGETS="csv config"   only these targets (default: all; `scripts/fuzz.sh list` names them)
#   FUZZ_SECONDS=600 FUZZ_RUNS=10000000   a longer campaign
#   scripts/fuzz.sh repro TARGET FILE    runs one input (a crash to reproduce)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
root=$PWD
out=$root/.build/fuzz
# Release with -enable-testing (the targets reach internal parsers through @testable import);
# in that mode SwiftPM's --sanitize=fuzzer alone leaves the Swift code without coverage
# counters, so they are asked for explicitly.
build=(swift build -c release --scratch-path .build-fuzz --product retail-edge-fuzz
  --sanitize=fuzzer --sanitize=address -Xswiftc -enable-testing
  -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table)
export RETAIL_EDGE_FUZZ=1

echo "building the fuzz targets (.build-fuzz)" >&2
"${build[@]}" >&2
binary="$("${build[@]}" --show-bin-path)/retail-edge-fuzz"
# libFuzzer's handlers catch the traps; Swift's own backtracer would get in their way.
export SWIFT_BACKTRACE=enable=no
# No leak checks: LeakSanitizer takes what Swift's `static let`s hold for leaks (README, Tests).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0}
all=$(RETAIL_EDGE_FUZZ_LIST=1 "$binary")

case "${1:-run}" in
  list) echo "$all"; exit 0 ;;
  repro) RETAIL_EDGE_FUZZ_TARGET="$2" exec "$binary" "$3" ;;
  run) ;;
  *) echo "usage: $0 [run|list|repro TARGET FILE]" >&2; exit 64 ;;
esac

failed=0
for target in ${FUZZ_TARGETS:-$all}; do
  grep -qx "$target" <<<"$all" || { echo "$target: no such target (one of: $(echo $all))" >&2; exit 64; }
  dir=$out/$target
  mkdir -p "$dir/corpus" "$dir/work"
  options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1
    -artifact_prefix="$dir/")
  [[ -n "${FUZZ_RUNS:-}" ]] && options+=(-runs="$FUZZ_RUNS")
  [[ -f fuzz/dict/$target.dict ]] && options+=(-dict="$root/fuzz/dict/$target.dict")
  before=$(find "$dir" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'timeout-*' -o -maxdepth 1 -name 'oom-*' | wc -l)
  # New inputs go to the working corpus; the committed seeds are only read.
  status=0
  # In a directory of its own: whatever a parser might write lands there, not in the checkout.
  (cd "$dir/work" && RETAIL_EDGE_FUZZ_TARGET=$target exec "$binary" "${options[@]}" "$dir/corpus" "$root/fuzz/corpus/$target") \
    >"$dir/log" 2>&1 || status=$?
  # A build without coverage counters in the Swift code would fuzz blind and find nothing.
  counters=$(sed -n 's/^INFO: Loaded 1 modules *(\([0-9]*\) inline 8-bit counters.*/\1/p' "$dir/log" | head -1)
  if ((${counters:-0} < 10000)); then
    echo "$target: the fuzz binary has ${counters:-no} coverage counters: not instrumented (see $dir/log)" >&2
    exit 1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
  [[ -n "$execs" ]] || execs=$(grep -o '^#[0-9]*' "$dir/log" | tail -1 | tr -d '#')
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -1)
  after=$(find "$dir" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'timeout-*' -o -maxdepth 1 -name 'oom-*' | wc -l)
  crashes=$((after - before))
  ((status == 0 || crashes > 0)) || crashes=1
  echo "$target: ${execs:-0} execs, $crashes crashes (${rate:-?} exec/s)"
  if ((crashes > 0)); then
    failed=1
    echo "  see $dir/log; input: $(ls -t "$dir"/crash-* "$dir"/timeout-* "$dir"/oom-* 2>/dev/null | head -1)" >&2
    grep -m3 -E 'Fatal error|ERROR: AddressSanitizer|ERROR: libFuzzer|SUMMARY' "$dir/log" | sed 's/^/  /' >&2 || true
  fi
done
exit $failed
