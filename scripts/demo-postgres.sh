#!/usr/bin/env bash
# The demo in PostgreSQL for Power BI Desktop (`make demo-postgres`): starts a local PostgreSQL
# with scripts/test-postgres.sh, creates a read-only `powerbi` login, loads a year of demo
# transactions and tweets with config/demo-postgres.yaml in two runs (January to November, then
# December: the first run's forecasts for December meet December's sales in
# v_forecast_accuracy) and prints what Power BI Desktop asks for. docs/powerbi.md goes on.
#
#   scripts/demo-postgres.sh [BINARY]   # default .build/release/retail-edge
#   scripts/demo-postgres.sh stop       # stops the server and removes its data
#
# DEMO_DIR (.demo-postgres): transactions, tweets and the agent's state. DEMO_PG_PORT (55433),
# DEMO_PG_DIR (/tmp/retail-edge-demo-postgres): the server. DEMO_PG_LISTEN (127.0.0.1): set
# 0.0.0.0 to let Power BI Desktop on another PC in (password logins from every network: a demo
# only). DEMO_POWERBI_PASSWORD (powerbi-demo): the read-only login's password.
set -euo pipefail

cd "$(dirname "$0")/.."
export RETAIL_EDGE_PG_PORT=${DEMO_PG_PORT:-55433}
export RETAIL_EDGE_PG_DIR=${DEMO_PG_DIR:-/tmp/retail-edge-demo-postgres}
export RETAIL_EDGE_PG_LISTEN=${DEMO_PG_LISTEN:-127.0.0.1}
DEMO_DIR=${DEMO_DIR:-.demo-postgres}
PASSWORD=${DEMO_POWERBI_PASSWORD:-powerbi-demo}
SCHEMA=retail

if [[ ${1:-} == stop ]]; then
  scripts/test-postgres.sh stop
  exit 0
fi
BIN=${1:-.build/release/retail-edge}
[[ -x $BIN ]] || { echo "no retail-edge binary at $BIN (make release)" >&2; exit 1; }
[[ $PASSWORD =~ ^[A-Za-z0-9._-]+$ ]] || { echo "DEMO_POWERBI_PASSWORD: letters, digits, '.', '_' and '-' only" >&2; exit 64; }

url=$(scripts/test-postgres.sh start)
# The read-only login, as docs/powerbi.md gives it: SELECT on every table and view the agent
# creates in the schema, now and after schema upgrades (default privileges).
scripts/test-postgres.sh sql "
  CREATE ROLE powerbi LOGIN PASSWORD '$PASSWORD';
  GRANT CONNECT ON DATABASE retail TO powerbi;
  CREATE SCHEMA $SCHEMA AUTHORIZATION retail;
  GRANT USAGE ON SCHEMA $SCHEMA TO powerbi;
  ALTER DEFAULT PRIVILEGES FOR ROLE retail IN SCHEMA $SCHEMA GRANT SELECT ON TABLES TO powerbi;
  ALTER ROLE powerbi SET search_path = $SCHEMA;"

rm -rf "$DEMO_DIR"
"$BIN" demo-data --out "$DEMO_DIR/all" --bad-rows 0.0005 --tweets-out "$DEMO_DIR/tweets"
mkdir -p "$DEMO_DIR/transactions"
december=$(ls "$DEMO_DIR/all"/transactions-*.csv | sort | tail -1)
for file in "$DEMO_DIR/all"/transactions-*.csv; do
  [[ $file == "$december" ]] || mv "$file" "$DEMO_DIR/transactions/"
done
echo "run 1: January to November"
DEMO_DIR=$DEMO_DIR DATABASE_URL=$url "$BIN" run config/demo-postgres.yaml --once
mv "$december" "$DEMO_DIR/transactions/"
echo "run 2: December (its sales are the actuals of run 1's forecasts)"
DEMO_DIR=$DEMO_DIR DATABASE_URL=$url "$BIN" run config/demo-postgres.yaml --once

readonly_url="postgres://powerbi:$PASSWORD@127.0.0.1:$RETAIL_EDGE_PG_PORT/retail"
echo "forecast accuracy by horizon (v_forecast_accuracy_by_horizon, first week):"
psql "$readonly_url" -P footer=off -c "SELECT horizon_days, forecasts, round(mae::numeric, 2) AS mae,
  round(wape::numeric, 3) AS wape, round(coverage, 3) AS coverage
  FROM v_forecast_accuracy_by_horizon WHERE horizon_days <= 7 ORDER BY horizon_days"

host=127.0.0.1
[[ $RETAIL_EDGE_PG_LISTEN == 127.0.0.1 ]] || host=$(hostname -I | cut -d' ' -f1)
cat <<EOF

Power BI Desktop: Get data → PostgreSQL database
  Server:    $host:$RETAIL_EDGE_PG_PORT
  Database:  retail
  Mode:      Import or DirectQuery
  Database credentials:  user powerbi, password $PASSWORD (read-only)
  Navigator: schema $SCHEMA → dim_*, fact_*, v_* (docs/powerbi.md: relationships, DAX measures)
  No TLS on this server: accept Power BI's offer to connect unencrypted.
Check it from here:  psql $readonly_url
Stop the server:     scripts/demo-postgres.sh stop
EOF
