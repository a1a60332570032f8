#!/usr/bin/env bash
# Benchmark: monthly transaction CSVs (~1.3M rows) -> daily aggregate per (date, store_id,
# product_id) -> SQLite table fact_sales_daily, end to end as whole processes.
# Compares retail-edge (bench/csv_to_sqlite.yaml) with DuckDB (bench/duckdb_csv_to_sqlite.py)
# and pandas (bench/pandas_csv_to_sqlite.py) on the same files in the same run: each tool runs
# RUNS times from an empty database; wall time and peak RSS come from /usr/bin/time -v.
# Checks that the three databases hold the same rows and totals, then prints a markdown table.
# Also measures the peak RSS of the demo (`demo-data` defaults + config/demo.yaml).
#
#   bench/csv_to_sqlite.sh            (from anywhere; needs a release build or RETAIL_EDGE)
#
# Environment: RETAIL_EDGE (binary; default .build/release/retail-edge), PYTHON (default
# python3), RUNS (3), STORES/PRODUCTS/DAYS/SEED (12/62/730/42: 1,305,975 rows, 48 MB),
# BENCH_ROOT (/tmp/retail-edge-bench; the data is generated there once and reused).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${RETAIL_EDGE:-$ROOT/.build/release/retail-edge}
PY=${PYTHON:-python3}
RUNS=${RUNS:-3}
STORES=${STORES:-12} PRODUCTS=${PRODUCTS:-62} DAYS=${DAYS:-730} SEED=${SEED:-42}
BENCH_ROOT=${BENCH_ROOT:-/tmp/retail-edge-bench}
export BENCH_DIR=$BENCH_ROOT/s$STORES-p$PRODUCTS-d$DAYS-seed$SEED

[[ -x $BIN ]] || { echo "no retail-edge binary at $BIN (swift build -c release, or set RETAIL_EDGE)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
"$PY" -c 'import duckdb, pandas' 2>/dev/null || "$PY" -m pip install --quiet duckdb pandas
PY=$("$PY" -c 'import sys; print(sys.executable)')   # the real interpreter, not a shim

if [[ ! -f $BENCH_DIR/transactions/.complete ]]; then
  rm -rf "$BENCH_DIR" && mkdir -p "$BENCH_DIR"
  "$BIN" demo-data --out "$BENCH_DIR/transactions" --stores "$STORES" --products "$PRODUCTS" \
    --days "$DAYS" --seed "$SEED" --quiet
  touch "$BENCH_DIR/transactions/.complete"
fi
CSVS=("$BENCH_DIR"/transactions/transactions-*.csv)
ROWS=$(( $(cat "${CSVS[@]}" | wc -l) - ${#CSVS[@]} ))
MB=$(du -cb "${CSVS[@]}" | awk 'END { printf "%.1f", $1 / 1e6 }')

commas() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

# measure NAME CMD...: run CMD under /usr/bin/time -v; append "seconds rss_kb" to $BENCH_DIR/NAME.runs.
measure() {
  local name=$1; shift
  /usr/bin/time -v "$@" 2>"$BENCH_DIR/$name.log" >/dev/null || { cat "$BENCH_DIR/$name.log" >&2; exit 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
              /Maximum resident set size/ { rss = $2 }
              END { print s, rss }' "$BENCH_DIR/$name.log" >>"$BENCH_DIR/$name.runs"
}

tools=(retail-edge duckdb pandas)
rm -f "$BENCH_DIR"/*.runs
for ((run = 1; run <= RUNS; run++)); do
  for tool in "${tools[@]}"; do
    rm -rf "$BENCH_DIR/state" "$BENCH_DIR/$tool.db"*
    case $tool in
      retail-edge) measure "$tool" "$BIN" run "$ROOT/bench/csv_to_sqlite.yaml" --once --quiet ;;
      *) measure "$tool" "$PY" "$ROOT/bench/${tool}_csv_to_sqlite.py" "$BENCH_DIR/transactions" "$BENCH_DIR/$tool.db" ;;
    esac
  done
done

# The demo as shipped: default demo-data, then config/demo.yaml (reads ${DEMO_DIR:-.demo}).
DEMO_DIR=$(mktemp -d /tmp/retail-edge-demo.XXXXXX)
"$BIN" demo-data --out "$DEMO_DIR/transactions" --tweets-out "$DEMO_DIR/tweets" --quiet
DEMO_ROWS=$(( $(cat "$DEMO_DIR"/transactions/*.csv | wc -l) - $(ls "$DEMO_DIR"/transactions/*.csv | wc -l) ))
DEMO_DIR=$DEMO_DIR measure demo "$BIN" run "$ROOT/config/demo.yaml" --once --quiet
rm -rf "$DEMO_DIR"

echo "## CSV -> daily aggregate -> SQLite: $(commas $ROWS) rows, $MB MB in ${#CSVS[@]} files, best/median of $RUNS runs"
echo
echo "nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$("$BIN" --version | head -1 | sed 's/^/retail-edge /'), $("$PY" -c 'import duckdb, pandas, sys; print(f"duckdb {duckdb.__version__}, pandas {pandas.__version__}, Python {sys.version.split()[0]}")')"
grep -h '^duckdb ' "$BENCH_DIR/duckdb.log" | sed 's/^/DuckDB path: /'
echo
DEMO_ROWS=$DEMO_ROWS "$PY" - "$BENCH_DIR" "${tools[@]}" <<'EOF'
import os, sqlite3, statistics, sys
bench, tools = sys.argv[1], sys.argv[2:]
names = {"retail-edge": "retail-edge", "duckdb": "DuckDB", "pandas": "pandas"}

# Same rows and totals in every database.
con = sqlite3.connect(":memory:")
totals = {}
for t in tools:
    con.execute(f"ATTACH ? AS '{t}'", (f"{bench}/{t}.db",))
    totals[t] = con.execute(f"SELECT count(*), sum(units), sum(lines), round(sum(revenue), 2) FROM '{t}'.fact_sales_daily").fetchone()
for t in tools:
    print(f"check {names[t]:<12} rows {totals[t][0]:,}  units {totals[t][1]:,.0f}  lines {totals[t][2]:,}  revenue {totals[t][3]:,.2f}")
# Compare as text keys in indexed temporary copies (the star schema's DATE and VARCHAR columns
# have other affinities than the plain tables, which would keep SQLite from using an index).
for t in tools:
    con.execute(f"""CREATE TEMP TABLE '{t}_rows' AS SELECT CAST(date AS TEXT) AS date, CAST(store_id AS TEXT) AS store_id,
        CAST(product_id AS TEXT) AS product_id, units, lines, revenue FROM '{t}'.fact_sales_daily""")
    con.execute(f"CREATE INDEX temp.'{t}_key' ON '{t}_rows' (date, store_id, product_id)")
differing = {t: con.execute(f"""SELECT count(*) FROM '{tools[0]}_rows' a FULL JOIN '{t}_rows' b USING (date, store_id, product_id)
    WHERE a.units IS NOT b.units OR a.lines IS NOT b.lines OR b.revenue IS NULL OR abs(a.revenue - b.revenue) > 1e-6""").fetchone()[0] for t in tools[1:]}
same = len(set(totals.values())) == 1 and not any(differing.values())
print(f"check: {'PASS' if same else 'FAIL'}: same row count and totals; rows differing from {names[tools[0]]}:",
      ", ".join(f"{names[t]} {n}" for t, n in differing.items()))

runs = {t: [tuple(map(float, line.split())) for line in open(f"{bench}/{t}.runs")] for t in tools}
base = min(s for s, _ in runs["duckdb"])
print("\n| tool | best s | median s | peak RSS MB | time vs DuckDB |\n|---|---:|---:|---:|---:|")
for t in tools:
    secs = [s for s, _ in runs[t]]
    print(f"| {names[t]} | {min(secs):.2f} | {statistics.median(secs):.2f} | {max(r for _, r in runs[t]) / 1024:.0f} | {min(secs) / base:.2f}x |")
demo = tuple(map(float, open(f"{bench}/demo.runs").readline().split()))
print(f"\nDemo (demo-data defaults: {int(os.environ['DEMO_ROWS']):,} rows; config/demo.yaml): {demo[0]:.2f} s, peak RSS {demo[1] / 1024:.0f} MB")
sys.exit(0 if same else 1)
EOF
