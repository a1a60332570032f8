#!/usr/bin/env bash
# Starts or stops a throwaway MLflow tracking server for the integration tests: MLflow from PyPI
# in its own virtualenv (created once, reused), a SQLite backend under /tmp, 127.0.0.1 on a
# non-default port. Prints the tracking URI on start.
#
#   scripts/test-mlflow.sh start    # → http://127.0.0.1:55000
#   scripts/test-mlflow.sh stop
set -euo pipefail

PORT=${RETAIL_EDGE_MLFLOW_PORT:-55000}
ROOT=${RETAIL_EDGE_MLFLOW_DIR:-/tmp/retail-edge-test-mlflow}
VENV=${RETAIL_EDGE_MLFLOW_VENV:-/tmp/retail-edge-mlflow-venv}
MLFLOW_VERSION=${MLFLOW_VERSION:-3.1.1}

case "${1:-}" in
  start)
    "$0" stop >/dev/null 2>&1 || true
    if ! "$VENV/bin/python" -c "import mlflow.server, sqlalchemy.pool; assert hasattr(sqlalchemy.pool, \"FallbackAsyncAdaptedQueuePool\")" 2>/dev/null; then
      python3 -m venv "$VENV"
      # SQLAlchemy 2.1 removed a pool class MLflow 3.1 imports.
      "$VENV/bin/pip" install --quiet --disable-pip-version-check "mlflow==$MLFLOW_VERSION" "sqlalchemy<2.1" >&2
    fi
    mkdir -p "$ROOT"
    # The test ports lie in Linux's ephemeral range, so a client's connection can hold one for a
    # moment: when the port is in use, the next of four is tried.
    for port in $(seq "$PORT" $((PORT + 3))); do
      nohup "$VENV/bin/mlflow" server --backend-store-uri "sqlite:///$ROOT/mlflow.db" --default-artifact-root "$ROOT/artifacts" \
        --host 127.0.0.1 --port "$port" --workers 1 >"$ROOT/server.log" 2>&1 &
      pid=$!
      echo $pid >"$ROOT/server.pid"
      # Up to 3 minutes: a first start migrates its database, which on a loaded 2-core box is slow.
      for _ in $(seq 1 360); do
        curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && { echo "http://127.0.0.1:$port"; exit 0; }
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
      done
      kill -0 "$pid" 2>/dev/null || ! grep -q 'Address already in use' "$ROOT/server.log" || continue
      break
    done
    # The log goes with the directory on stop: show its end here.
    if kill -0 "$pid" 2>/dev/null; then echo "MLflow did not answer on port $port in 3 minutes:" >&2
    else echo "MLflow exited before answering on port $port:" >&2; fi
    tail -n 30 "$ROOT/server.log" | sed 's/^/  /' >&2
    exit 1
    ;;
  stop)
    if [[ -f $ROOT/server.pid ]]; then
      pkill -P "$(cat "$ROOT/server.pid")" 2>/dev/null || true
      kill "$(cat "$ROOT/server.pid")" 2>/dev/null || true
    fi
    rm -rf "$ROOT"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 64 ;;
esac
