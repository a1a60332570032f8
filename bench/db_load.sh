#!/usr/bin/env bash
# Benchmark: loading daily sales rows (a CSV of date,store_id,product_id,units,revenue,lines) into
# PostgreSQL and MariaDB, retail-edge's sinks against the bulk loaders a DBA would use, in the
# same run on the same file and servers:
#   - PostgreSQL: psql `\copy` into an empty table (plain append, the floor), and `\copy` into a
#     staging table + `INSERT … ON CONFLICT DO UPDATE` (the idempotent load retail-edge does);
#   - MariaDB: `LOAD DATA LOCAL INFILE` (append) and `LOAD DATA LOCAL INFILE … REPLACE`.
# retail-edge runs csv source → postgres/mysql sink (`table:` with a key, so upserts) as a whole
# process. Each load starts from an empty table; wall time from /usr/bin/time. Row counts and
# totals are checked to match, then a markdown table is printed.
#
#   bench/db_load.sh          (needs a release build or RETAIL_EDGE; starts its own servers with
#                              scripts/test-postgres.sh and scripts/test-mariadb.sh, stops them)
#
# Environment: RETAIL_EDGE, RUNS (3), STORES/PRODUCTS/DAYS/SEED (12/62/730/42: ~540k daily rows),
# BENCH_ROOT (/tmp/retail-edge-bench).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${RETAIL_EDGE:-$ROOT/.build/release/retail-edge}
RUNS=${RUNS:-3}
STORES=${STORES:-12} PRODUCTS=${PRODUCTS:-62} DAYS=${DAYS:-730} SEED=${SEED:-42}
DIR=${BENCH_ROOT:-/tmp/retail-edge-bench}/dbload-s$STORES-p$PRODUCTS-d$DAYS-seed$SEED
[[ -x $BIN ]] || { echo "no retail-edge binary at $BIN (swift build -c release, or set RETAIL_EDGE)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

# The daily rows: transactions aggregated by retail-edge into SQLite, exported as CSV once.
if [[ ! -f $DIR/daily.csv ]]; then
  rm -rf "$DIR" && mkdir -p "$DIR"
  "$BIN" demo-data --out "$DIR/tx" --stores "$STORES" --products "$PRODUCTS" --days "$DAYS" --seed "$SEED" --quiet
  cat >"$DIR/aggregate.yaml" <<YAML
data_dir: $DIR/aggregate-state
sources:
  tx: { type: csv, path: $DIR/tx, columns: { ts: timestamp, store_id: string, product_id: string, units: int, unit_price: double } }
transforms:
  daily: { type: aggregate_sales, inputs: [tx] }
sinks:
  db: { type: sqlite, inputs: [daily], path: $DIR/daily.db }
YAML
  "$BIN" run --once --quiet "$DIR/aggregate.yaml"
  sqlite3 -csv -header "$DIR/daily.db" "SELECT date, store_id, product_id, units, revenue, lines FROM fact_sales_daily" >"$DIR/daily.csv.tmp"
  mv "$DIR/daily.csv.tmp" "$DIR/daily.csv"
fi
ROWS=$(( $(wc -l <"$DIR/daily.csv") - 1 ))

PG=$("$ROOT/scripts/test-postgres.sh" start)
MY=$("$ROOT/scripts/test-mariadb.sh" start)
trap '"$ROOT/scripts/test-postgres.sh" stop; "$ROOT/scripts/test-mariadb.sh" stop' EXIT
MY_PORT=${MY##*:}; MY_PORT=${MY_PORT%%/*}
myargs=(-h 127.0.0.1 -P "$MY_PORT" -u retail -pretail-test --local-infile=1 -N -B retail)

table_pg='CREATE TABLE bench_sales (date DATE NOT NULL, store_id VARCHAR(255) NOT NULL, product_id VARCHAR(255) NOT NULL,
  units DOUBLE PRECISION NOT NULL, revenue DOUBLE PRECISION NOT NULL, lines BIGINT NOT NULL, PRIMARY KEY (date, store_id, product_id))'
table_my='CREATE TABLE bench_sales (`date` DATE NOT NULL, store_id VARCHAR(255) NOT NULL, product_id VARCHAR(255) NOT NULL,
  units DOUBLE NOT NULL, revenue DOUBLE NOT NULL, `lines` BIGINT NOT NULL, PRIMARY KEY (`date`, store_id, product_id))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin'
reset_pg() { psql "$PG" -q -v ON_ERROR_STOP=1 -c "DROP SCHEMA IF EXISTS bench CASCADE" -c "CREATE SCHEMA bench" -c "SET search_path = bench; $table_pg" >/dev/null; }
reset_my() { mariadb "${myargs[@]}" -e "DROP TABLE IF EXISTS bench_sales; $table_my"; }

pipeline() {  # pipeline SINK-YAML: csv → sink, fresh state
  cat <<YAML
data_dir: $DIR/state
sources:
  daily: { type: csv, path: $DIR/daily.csv, batch_rows: 16384, columns: { date: date, store_id: string, product_id: string, units: double, revenue: double, lines: int } }
sinks:
  db: $1
YAML
}
pipeline "{ type: postgres, inputs: [daily], url: \"$PG\", schema: bench, table: bench_sales, key: [date, store_id, product_id] }" >"$DIR/pg.yaml"
pipeline "{ type: mysql, inputs: [daily], url: \"$MY\", table: bench_sales, key: [date, store_id, product_id] }" >"$DIR/my.yaml"

measure() {  # measure NAME CMD...: appends wall seconds to $DIR/NAME.runs
  local name=$1; shift
  /usr/bin/time -f "%e" -o "$DIR/$name.time" "$@" >/dev/null 2>"$DIR/$name.err" || { cat "$DIR/$name.err" >&2; exit 1; }
  cat "$DIR/$name.time" >>"$DIR/$name.runs"
}
check_pg() { local got; got=$(psql "$PG" -Atc "SELECT COUNT(*) || '|' || ROUND(SUM(units)::numeric, 2) FROM bench.bench_sales"); [[ $got == "$EXPECT" ]] || { echo "$1: $got, expected $EXPECT" >&2; exit 1; }; }
check_my() { local got; got=$(mariadb "${myargs[@]}" -e "SELECT CONCAT(COUNT(*), '|', ROUND(SUM(units), 2)) FROM bench_sales"); [[ $got == "$EXPECT" ]] || { echo "$1: $got, expected $EXPECT" >&2; exit 1; }; }
EXPECT=$(sqlite3 "$DIR/daily.db" "SELECT COUNT(*) || '|' || printf('%.2f', SUM(units)) FROM fact_sales_daily")

rm -f "$DIR"/*.runs
for ((run = 1; run <= RUNS; run++)); do
  reset_pg; rm -rf "$DIR/state"; measure pg-retail-edge "$BIN" run --once --quiet "$DIR/pg.yaml"; check_pg retail-edge
  reset_pg; measure pg-copy psql "$PG" -q -v ON_ERROR_STOP=1 -c "\\copy bench.bench_sales FROM '$DIR/daily.csv' CSV HEADER"; check_pg copy
  reset_pg; measure pg-copy-upsert psql "$PG" -q -v ON_ERROR_STOP=1 -c "BEGIN" -c "CREATE TEMP TABLE staging (LIKE bench.bench_sales) ON COMMIT DROP" \
    -c "\\copy staging FROM '$DIR/daily.csv' CSV HEADER" \
    -c "INSERT INTO bench.bench_sales SELECT * FROM staging ON CONFLICT (date, store_id, product_id) DO UPDATE SET units = EXCLUDED.units, revenue = EXCLUDED.revenue, lines = EXCLUDED.lines" -c "COMMIT"
  check_pg copy-upsert
  reset_my; rm -rf "$DIR/state"; measure my-retail-edge "$BIN" run --once --quiet "$DIR/my.yaml"; check_my retail-edge
  reset_my; measure my-load-data mariadb "${myargs[@]}" -e "LOAD DATA LOCAL INFILE '$DIR/daily.csv' INTO TABLE bench_sales FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' IGNORE 1 LINES"; check_my load-data
  reset_my; measure my-load-data-replace mariadb "${myargs[@]}" -e "LOAD DATA LOCAL INFILE '$DIR/daily.csv' REPLACE INTO TABLE bench_sales FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' IGNORE 1 LINES"; check_my load-data-replace
done

best() { sort -n "$DIR/$1.runs" | head -1; }
ratio() { awk -v a="$(best "$1")" -v b="$(best "$2")" 'BEGIN { printf "%.2fx", a / b }'; }
echo "Loading $ROWS daily rows ($(du -h "$DIR/daily.csv" | cut -f1) CSV), best of $RUNS, whole processes:"
echo
echo "| database | tool | seconds | rows/s | retail-edge ÷ tool |"
echo "|---|---|---:|---:|---:|"
for entry in "PostgreSQL 15|retail-edge postgres sink (binary COPY → staging → upsert)|pg-retail-edge" \
             "PostgreSQL 15|psql \\copy, append|pg-copy" "PostgreSQL 15|psql \\copy → staging → upsert|pg-copy-upsert" \
             "MariaDB|retail-edge mysql sink (LOAD DATA LOCAL INFILE from memory … REPLACE)|my-retail-edge" \
             "MariaDB|LOAD DATA LOCAL INFILE, append|my-load-data" "MariaDB|LOAD DATA LOCAL INFILE … REPLACE|my-load-data-replace"; do
  IFS='|' read -r db tool name <<<"$entry"
  own=${name%%-*}-retail-edge
  printf '| %s | %s | %s | %s | %s |\n' "$db" "$tool" "$(best "$name")" "$(awk -v s="$(best "$name")" -v n="$ROWS" 'BEGIN { printf "%d", n / s }')" "$(ratio "$own" "$name")"
done
