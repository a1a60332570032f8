#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL server for the integration tests: its own data
# directory under /tmp, 127.0.0.1 on a non-default port, password (SCRAM) authentication, a
# `retail` role and database. Prints the connection URL on start.
#
#   scripts/test-postgres.sh start    # → postgres://retail:retail-test@127.0.0.1:55432/retail
#   scripts/test-postgres.sh pause | resume   # an outage: stop and restart, keeping the data
#   scripts/test-postgres.sh sql 'SQL'       # runs SQL as the superuser in database retail
#   scripts/test-postgres.sh stop
# RETAIL_EDGE_PG_PORT, RETAIL_EDGE_PG_DIR: port and directory. RETAIL_EDGE_PG_LISTEN (default
# 127.0.0.1): the address to listen on; any other (e.g. 0.0.0.0 for scripts/demo-postgres.sh)
# also admits password logins from every network.
set -euo pipefail

PORT=${RETAIL_EDGE_PG_PORT:-55432}
ROOT=${RETAIL_EDGE_PG_DIR:-/tmp/retail-edge-test-postgres}
LISTEN=${RETAIL_EDGE_PG_LISTEN:-127.0.0.1}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x $BIN/initdb ]] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    "$0" stop >/dev/null 2>&1 || true
    rm -rf "$ROOT" && mkdir -p "$ROOT"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$ROOT"
    as_postgres "$BIN/initdb" -D "$ROOT/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    [[ $LISTEN == 127.0.0.1 ]] || printf 'host all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n' >>"$ROOT/data/pg_hba.conf"
    as_postgres "$BIN/pg_ctl" -D "$ROOT/data" -l "$ROOT/server.log" -w \
      -o "-c listen_addresses=$LISTEN -c port=$PORT -c unix_socket_directories=$ROOT -c fsync=off" start >/dev/null
    as_postgres "$BIN/psql" -h "$ROOT" -p "$PORT" -U postgres -q -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE retail LOGIN PASSWORD 'retail-test'" -c "CREATE DATABASE retail OWNER retail" >/dev/null
    echo "postgres://retail:retail-test@127.0.0.1:$PORT/retail"
    ;;
  pause)   # the server goes away, its data stays (for outage tests)
    as_postgres "$BIN/pg_ctl" -D "$ROOT/data" -m fast -w stop >/dev/null
    ;;
  resume)
    as_postgres "$BIN/pg_ctl" -D "$ROOT/data" -l "$ROOT/server.log" -w \
      -o "-c listen_addresses=$LISTEN -c port=$PORT -c unix_socket_directories=$ROOT -c fsync=off" start >/dev/null
    ;;
  sql)
    as_postgres "$BIN/psql" -h "$ROOT" -p "$PORT" -U postgres -d retail -q -v ON_ERROR_STOP=1 -c "${2:?usage: $0 sql 'SQL'}"
    ;;
  stop)
    [[ -d $ROOT/data ]] && as_postgres "$BIN/pg_ctl" -D "$ROOT/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$ROOT"
    ;;
  *) echo "usage: $0 start|pause|resume|sql SQL|stop" >&2; exit 64 ;;
esac
