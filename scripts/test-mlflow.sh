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
    nohup "$VENV/bin/mlflow" server --backend-store-uri "sqlite:///$ROOT/mlflow.db" --default-artifact-root "$ROOT/artifacts" \
      --host 127.0.0.1 --port "$PORT" --workers 1 >"$ROOT/server.log" 2>&1 &
    echo $! >"$ROOT/server.pid"
    for _ in $(seq 1 120); do
      curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && { echo "http://127.0.0.1:$PORT"; exit 0; }
      sleep 0.5
    done
    echo "MLflow did not answer on port $PORT; see $ROOT/server.log" >&2
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
