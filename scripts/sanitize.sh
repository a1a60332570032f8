#!/usr/bin/env bash
# Runs the unit tests, and the integration tests that exercise the runtime hardest (end to end,
# kill -9, reload, Kafka produce when a broker can be started), under AddressSanitizer and
# ThreadSanitizer: `swift build --sanitize=address|thread` into .build-asan and .build-tsan, the
# integration tests driving that build's retail-edge (RETAIL_EDGE_BIN). Every report, from the
# test process or an agent it starts, lands in .build/sanitize/{address,thread}/report.PID;
# exits 1 if there is any.
#
#   SANITIZERS="address"          only one (default: address thread)
#   SANITIZE_FILTER='IntegrationTests.CrashTests'  other integration tests (a swift test --filter)
#   SANITIZE_KAFKA=0              skip the Kafka tests (default: run them if the broker starts)
set -euo pipefail
cd "$(dirname "$0")/.."

root=$PWD
suppressions=$root/scripts/sanitize
filter=${SANITIZE_FILTER:-'IntegrationTests\.(EndToEndTests|CrashTests|ReloadTests)'}
kafka_filter='IntegrationTests\.KafkaBridgeTests'
export SWIFT_BACKTRACE=enable=no

# A broker of its own (port, data), apart from one `make test` may be running at the same time.
export RETAIL_EDGE_KAFKA_PORT=${RETAIL_EDGE_KAFKA_PORT:-59192}
export RETAIL_EDGE_KAFKA_DIR=${RETAIL_EDGE_KAFKA_DIR:-/tmp/retail-edge-sanitize-kafka}
kafka=""
cleanup() { [[ -z "$kafka" ]] || scripts/test-kafka.sh stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
if [[ "${SANITIZE_KAFKA:-1}" != 0 ]]; then
  kafka=$(scripts/test-kafka.sh start 2>/dev/null) || { kafka=""; echo "sanitize: no Kafka broker, Kafka tests skipped" >&2; }
fi

failed=0
for sanitizer in ${SANITIZERS:-address thread}; do
  short=${sanitizer:0:1}san
  scratch=.build-$short
  reports=$root/.build/sanitize/$sanitizer
  rm -rf "$reports" && mkdir -p "$reports"
  flags=(--sanitize="$sanitizer" --scratch-path "$scratch")
  echo "== $sanitizer: building ($scratch)" >&2
  swift build "${flags[@]}" >&2
  swift build "${flags[@]}" --build-tests >&2
  # Reports go to files so that none is lost in a child's captured stderr; leaks are not
  # checked (LeakSanitizer takes what Swift's `static let`s hold for leaks; README, Tests).
  common="log_path=$reports/report:halt_on_error=0:suppressions=$suppressions/$short.supp"
  export ASAN_OPTIONS="$common:detect_leaks=0:abort_on_error=0"
  export TSAN_OPTIONS="$common:second_deadlock_stack=1"
  export RETAIL_EDGE_BIN=$root/$scratch/debug/retail-edge
  status=0
  echo "== $sanitizer: unit tests" >&2
  # One at a time: several instrumented suites at once on two cores miss the tests' deadlines.
  swift test "${flags[@]}" --skip-build --skip IntegrationTests --no-parallel || status=1
  echo "== $sanitizer: integration tests ($filter)" >&2
  swift test "${flags[@]}" --skip-build --filter "$filter" --no-parallel || status=1
  # Not under ThreadSanitizer: librdkafka starts its threads with C11 thrd_create, which this
  # TSan runtime does not intercept, so it segfaults inside TSan (SlotLock) on the first
  # rdk:broker thread, before any project code runs there; ASan covers these tests.
  if [[ -n "$kafka" && $sanitizer != thread ]]; then
    echo "== $sanitizer: Kafka produce and consume ($kafka_filter)" >&2
    RETAIL_EDGE_TEST_KAFKA_BROKERS=$kafka LD_LIBRARY_PATH=$(scripts/test-kafka.sh libdir) \
      swift test "${flags[@]}" --skip-build --filter "$kafka_filter" --no-parallel || status=1
  fi
  count=$(find "$reports" -name 'report.*' | wc -l)
  echo "$sanitizer: tests $([[ $status == 0 ]] && echo passed || echo FAILED), $count reports" \
    "$( ((count)) && echo "($reports)")"
  if ((count)); then
    grep -h -m1 -E '^(SUMMARY|WARNING: ThreadSanitizer)' "$reports"/report.* | sort | uniq -c | sort -rn | head -20 >&2
  fi
  ((status == 0 && count == 0)) || failed=1
done
exit $failed
