#!/usr/bin/env bash
# Benchmark: 30-day demand forecasts on a synthetic retail panel (retail-edge demo-data: weekly
# and yearly seasonality, holidays, promotions, negative-binomial noise, a quarter of the
# products intermittent), retail-edge's `auto` against statsforecast AutoETS(7) and
# SeasonalNaive(7) and Prophet, in the same run (bench/forecast_compare.py scores them all).
#
#   bench/forecast.sh          (needs a release build or RETAIL_EDGE; installs pandas,
#                               statsforecast and prophet in a virtualenv under BENCH_ROOT)
#
# Environment: STORES/PRODUCTS/DAYS/SEED (10/60/730/7: 600 series), HORIZON (30),
# PROPHET_SERIES (60), BENCH_ROOT (/tmp/retail-edge-bench).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${RETAIL_EDGE:-$ROOT/.build/release/retail-edge}
STORES=${STORES:-10} PRODUCTS=${PRODUCTS:-60} DAYS=${DAYS:-730} SEED=${SEED:-7} HORIZON=${HORIZON:-30}
BENCH_ROOT=${BENCH_ROOT:-/tmp/retail-edge-bench}
DIR=$BENCH_ROOT/forecast-s$STORES-p$PRODUCTS-d$DAYS-seed$SEED
VENV=$BENCH_ROOT/forecast-venv
[[ -x $BIN ]] || { echo "no retail-edge binary at $BIN (swift build -c release, or set RETAIL_EDGE)" >&2; exit 1; }
if ! "$VENV/bin/python" -c 'import pandas, statsforecast, prophet' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check pandas numpy statsforecast prophet
fi

if [[ ! -f $DIR/test.csv ]]; then
  rm -rf "$DIR" && mkdir -p "$DIR"
  "$BIN" demo-data --out "$DIR/tx" --stores "$STORES" --products "$PRODUCTS" --days "$DAYS" --seed "$SEED" --quiet
  cat >"$DIR/aggregate.yaml" <<YAML
data_dir: $DIR/state
sources:
  tx: { type: csv, path: $DIR/tx, columns: { ts: timestamp, store_id: string, product_id: string, units: int, unit_price: double } }
transforms:
  daily: { type: aggregate_sales, inputs: [tx] }
sinks:
  db: { type: sqlite, inputs: [daily], path: $DIR/daily.db }
YAML
  "$BIN" run --once --quiet "$DIR/aggregate.yaml"
  cut=$(sqlite3 "$DIR/daily.db" "SELECT date(MAX(date), '-$HORIZON days') FROM fact_sales_daily")
  sqlite3 -csv -header "$DIR/daily.db" "SELECT date, store_id, product_id, units FROM fact_sales_daily WHERE date <= '$cut'" >"$DIR/train.csv"
  sqlite3 -csv -header "$DIR/daily.db" "SELECT date, store_id, product_id, units FROM fact_sales_daily WHERE date > '$cut'" >"$DIR/test.csv"
fi

start=$(date +%s%N)
"$BIN" forecast --input "$DIR/train.csv" --horizon "$HORIZON" --output "$DIR/ours.csv" 2>"$DIR/ours.log"
seconds=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
echo "retail-edge forecast (whole process, both cores): ${seconds}s"
"$VENV/bin/python" "$ROOT/bench/forecast_compare.py" --train "$DIR/train.csv" --test "$DIR/test.csv" \
  --ours "$DIR/ours.csv" --ours-seconds "$seconds" --prophet-series "${PROPHET_SERIES:-60}"
