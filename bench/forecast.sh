#!/usr/bin/env bash
# Benchmark: 30-day demand forecasts on a synthetic retail panel (retail-edge demo-data: weekly
# and yearly seasonality, holidays, promotions, negative-binomial noise, a quarter of the
# products intermittent), or on a store-item CSV given as the argument, retail-edge's `auto` and
# `pooled` against statsforecast AutoETS(7), MSTL(7, 365), SeasonalNaive(7) and AutoARIMA(7) (on
# the Prophet sample), Prophet and a global XGBoost model in Python with the pooled model's
# features, in the same run (bench/forecast_compare.py scores them all).
#
#   bench/forecast.sh [store_item.csv]
#       (needs a release build or RETAIL_EDGE; installs pandas, statsforecast, prophet and
#       xgboost in a virtualenv under BENCH_ROOT. The CSV, date,store,item,sales like the Kaggle
#       store-item set, is cut to its last DAYS days; the last HORIZON are held out.)
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
if ! "$VENV/bin/python" -c 'import pandas, statsforecast, prophet, xgboost' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check pandas numpy statsforecast prophet xgboost
fi

if [[ -n ${1:-} ]]; then
  DIR=$BENCH_ROOT/forecast-$(basename "$1" .csv)-d$DAYS
  if [[ ! -f $DIR/test.csv ]]; then
    mkdir -p "$DIR"
    "$VENV/bin/python" - "$1" "$DIR" "$DAYS" "$HORIZON" <<'PY'
import sys, pandas as pd
source, out, days, horizon = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
frame = pd.read_csv(source, parse_dates=["date"]).rename(columns={"store": "store_id", "item": "product_id", "sales": "units"})
last = frame.date.max(); frame = frame[frame.date > last - pd.Timedelta(days=days)]
cut = last - pd.Timedelta(days=horizon)
columns = ["date", "store_id", "product_id", "units"]
frame[frame.date <= cut][columns].to_csv(f"{out}/train.csv", index=False, date_format="%Y-%m-%d")
frame[frame.date > cut][columns].to_csv(f"{out}/test.csv", index=False, date_format="%Y-%m-%d")
PY
  fi
elif [[ ! -f $DIR/test.csv ]]; then
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

# XGBoost's OpenMP threads spin while they wait; on a shared, loaded machine (ours: 2 cores, a
# load of 10) that costs 10-20x. Passive waiting, for retail-edge and the Python peer alike.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
ours=()
for model in auto pooled; do
  start=$(date +%s%N)
  "$BIN" forecast --input "$DIR/train.csv" --horizon "$HORIZON" --model "$model" --output "$DIR/ours-$model.csv" 2>"$DIR/ours-$model.log"
  seconds=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  echo "retail-edge forecast --model $model (whole process, both cores): ${seconds}s"
  ours+=(--ours "retail-edge $model" "$DIR/ours-$model.csv" "$seconds")
done
"$VENV/bin/python" "$ROOT/bench/forecast_compare.py" --train "$DIR/train.csv" --test "$DIR/test.csv" \
  "${ours[@]}" --prophet-series "${PROPHET_SERIES:-60}"
