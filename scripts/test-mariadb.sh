#!/usr/bin/env bash
# Starts or stops a throwaway MariaDB server for the integration tests: its own data directory
# under /tmp, 127.0.0.1 on a non-default port, a `retail` user with a password and database.
# Prints the connection URL on start. Installs mariadb-server when it is missing.
#
#   scripts/test-mariadb.sh start    # → mysql://retail:retail-test@127.0.0.1:53306/retail
#   scripts/test-mariadb.sh stop
set -euo pipefail

PORT=${RETAIL_EDGE_MARIADB_PORT:-53306}
ROOT=${RETAIL_EDGE_MARIADB_DIR:-/tmp/retail-edge-test-mariadb}

case "${1:-}" in
  start)
    "$0" stop >/dev/null 2>&1 || true
    if [[ ! -x /usr/sbin/mariadbd ]]; then
      sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends mariadb-server >/dev/null
    fi
    rm -rf "$ROOT" && mkdir -p "$ROOT"
    user=$(id -un)
    [[ $(id -u) -eq 0 ]] && { user=mysql; chown mysql:mysql "$ROOT"; }
    mariadb-install-db --user="$user" --datadir="$ROOT/data" --auth-root-authentication-method=socket >/dev/null 2>&1
    /usr/sbin/mariadbd --user="$user" --datadir="$ROOT/data" --bind-address=127.0.0.1 --port="$PORT" \
      --socket="$ROOT/mysqld.sock" --pid-file="$ROOT/mysqld.pid" --skip-log-bin --innodb-flush-log-at-trx-commit=2 \
      >"$ROOT/server.log" 2>&1 &
    for _ in $(seq 150); do
      mariadb-admin --socket="$ROOT/mysqld.sock" -uroot ping >/dev/null 2>&1 && break
      sleep 0.2
    done
    mariadb --socket="$ROOT/mysqld.sock" -uroot -e "CREATE DATABASE retail; CREATE USER 'retail'@'127.0.0.1' IDENTIFIED BY 'retail-test'; GRANT ALL ON *.* TO 'retail'@'127.0.0.1';"
    echo "mysql://retail:retail-test@127.0.0.1:$PORT/retail"
    ;;
  stop)
    if [[ -f $ROOT/mysqld.pid ]]; then
      pid=$(cat "$ROOT/mysqld.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$ROOT"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 64 ;;
esac
