#!/usr/bin/env bash
# The jsonl source's hot path: JSON lines decoded into typed columns (the runtime's JSON row
# decoder) and written out by the `file` sink as CSV, `run --once`, against the same run of
# another build (BASELINE, e.g. main's release binary) on the same files in the same run.
#
#   bench/jsonl_ingest.sh                       (needs a release build or RETAIL_EDGE)
#   BASELINE=/path/to/old/retail-edge bench/jsonl_ingest.sh
#
# Environment: RETAIL_EDGE (default .build/release/retail-edge), BASELINE (optional), LINES
# (1000000), FILES (4), RUNS (3), BENCH_ROOT (/tmp/retail-edge-bench; data made once and reused).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${RETAIL_EDGE:-$ROOT/.build/release/retail-edge}
BASELINE=${BASELINE:-}
LINES=${LINES:-1000000} FILES=${FILES:-4} RUNS=${RUNS:-3}
BENCH_ROOT=${BENCH_ROOT:-/tmp/retail-edge-bench}
DIR=$BENCH_ROOT/jsonl-l$LINES-f$FILES
[[ -x $BIN ]] || { echo "no retail-edge binary at $BIN (swift build -c release, or set RETAIL_EDGE)" >&2; exit 1; }
[[ -z $BASELINE || -x $BASELINE ]] || { echo "BASELINE $BASELINE is not executable" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

# Sales lines with every column type, a nested field the columns do not name, and escapes.
if [[ ! -f $DIR/in/.complete ]]; then
  rm -rf "$DIR" && mkdir -p "$DIR/in"
  python3 - "$DIR/in" "$LINES" "$FILES" <<'EOF'
import json, random, sys
out, lines, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(42)
for f in range(files):
    with open(f"{out}/sales-{f}.jsonl", "w") as handle:
        for i in range(lines // files):
            n = f * (lines // files) + i
            handle.write(json.dumps({
                "ts": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00Z",
                "store_id": f"S{n % 40:02d}", "product_id": f"P{n % 500:03d}",
                "units": rng.randint(1, 9), "unit_price": round(rng.uniform(0.5, 80), 2),
                "promo": n % 7 == 0, "note": "a \"quoted\" note\twith a tab" if n % 50 == 0 else None,
                "meta": {"register": n % 8, "tags": ["x", "y"]},
            }, separators=(",", ":")) + "\n")
EOF
  touch "$DIR/in/.complete"
fi
cat >"$DIR/p.yaml" <<EOF
data_dir: $DIR/state
sources:
  sales:
    type: jsonl
    path: $DIR/in
    columns: { ts: timestamp, store_id: string, product_id: string, units: int, unit_price: double, promo: bool, note: string? }
sinks:
  out: { type: file, inputs: [sales], path: $DIR/out.csv, format: csv }
EOF

# measure NAME BINARY: one run under /usr/bin/time; appends "seconds rss_kb" to $DIR/NAME.runs.
measure() {
  rm -rf "$DIR/state" "$DIR/out.csv"
  /usr/bin/time -v "$2" run "$DIR/p.yaml" --once --quiet 2>"$DIR/$1.log" >/dev/null || { cat "$DIR/$1.log" >&2; exit 1; }
  [[ $(wc -l <"$DIR/out.csv") -eq $((LINES / FILES * FILES + 1)) ]] || { echo "$1: wrong row count in out.csv" >&2; exit 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
              /Maximum resident set size/ { rss = $2 }
              END { print s, rss }' "$DIR/$1.log" >>"$DIR/$1.runs"
}

builds=(current)
[[ -n $BASELINE ]] && builds+=(baseline)
rm -f "$DIR"/*.runs
for ((run = 1; run <= RUNS; run++)); do
  measure current "$BIN"
  [[ -n $BASELINE ]] && measure baseline "$BASELINE"
done

MB=$(du -cb "$DIR"/in/*.jsonl | awk 'END { printf "%.1f", $1 / 1e6 }')
echo "## jsonl -> file (CSV): $((LINES / FILES * FILES)) lines, $MB MB in $FILES files, best/median of $RUNS runs"
echo
echo "nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "| build | best s | median s | lines/s (best) | peak RSS MB |"
echo "|---|---:|---:|---:|---:|"
for build in "${builds[@]}"; do
  sort -n "$DIR/$build.runs" | awk -v name="$build" -v lines=$((LINES / FILES * FILES)) '
    { s[NR] = $1; if ($2 > rss) rss = $2 }
    END { printf "| %s | %.2f | %.2f | %d | %.0f |\n", name, s[1], s[int((NR + 1) / 2)], lines / s[1], rss / 1024 }'
done
