#!/usr/bin/env bash
# Soak: the store pipeline (csv -> aggregate_sales with retention_days: 35 -> forecast -> sqlite, with the status API)
# running for SOAK_SECONDS (default 3600) while a day's transactions file arrives every
# DROP_EVERY seconds (default 3), the forecast retrains (on new days, at most every 2 minutes) and
# the status page, /api/stages, /api/history and /metrics are polled every 10 s. Samples the
# agent's resident memory (in all, and split into anonymous memory, the process's own data, and
# file-backed pages, the binary's and libraries' code and constants, faulted in from the page
# cache as code paths first run) and open file descriptors every 30 s into soak.tsv and prints a
# summary: each after warm-up (the first 10 minutes, while the forecast's 90-day history fills)
# with its trend (least squares, MB per hour), and the descriptors' range. At the end the daily totals in the database are checked
# against the dropped files.
#
#   bench/soak.sh                 (needs a release build; RETAIL_EDGE=binary to pick another)
#   SOAK_SECONDS=600 bench/soak.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${RETAIL_EDGE:-$ROOT/.build/release/retail-edge}
SECONDS_TOTAL=${SOAK_SECONDS:-3600}
EVERY=${DROP_EVERY:-3}
DIR=${BENCH_ROOT:-/tmp/retail-edge-bench}/soak
[[ -x $BIN ]] || { echo "no retail-edge binary at $BIN" >&2; exit 1; }
rm -rf "$DIR"; mkdir -p "$DIR/pool" "$DIR/drop" "$DIR/days"
days=$(( SECONDS_TOTAL / EVERY + 2 ))
"$BIN" demo-data --out "$DIR/pool" --days "$days" --quiet
# One file per day, named by the day, header first.
header=$(head -1 "$(ls "$DIR"/pool/*.csv | head -1)")
awk -F, -v dir="$DIR/days" -v header="$header" 'FNR > 1 { day = substr($1, 1, 10); file = dir "/" day ".csv";
  if (!(file in seen)) { print header > file; seen[file] = 1 } print >> file; close(file) }' "$DIR"/pool/*.csv
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$DIR/soak.yaml" <<YAML
data_dir: $DIR/state
api: { listen: 127.0.0.1:$port }
checkpoint_interval: 10s
sources:
  transactions:
    type: csv
    path: $DIR/drop
    poll_interval: 1s
    columns: { ts: timestamp, store_id: string, product_id: string, units: int, unit_price: double }
transforms:
  daily_sales: { type: aggregate_sales, inputs: [transactions], retention_days: 35 }
  forecast: { type: forecast, inputs: [daily_sales], retrain: on new days, retrain_min_interval: 2m, max_history_days: 90, horizon_days: 14 }
sinks:
  db: { type: sqlite, inputs: [daily_sales, forecast], path: $DIR/retail.db }
YAML
"$BIN" validate "$DIR/soak.yaml" >/dev/null 2>&1 || "$BIN" validate "$DIR/soak.yaml"
"$BIN" run "$DIR/soak.yaml" --log-level warning 2>"$DIR/agent.log" &
agent=$!
trap 'kill $agent 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done

printf "seconds\trss_kb\tanon_kb\tfile_kb\tfds\tfiles_dropped\trows_out\n" >"$DIR/soak.tsv"
started=$(date +%s); next_drop=$started; next_poll=$started; next_sample=$started; dropped=0
mapfile -t files < <(ls "$DIR/days" | sort)
while (( $(date +%s) - started < SECONDS_TOTAL )); do
  now=$(date +%s)
  if (( now >= next_drop && dropped < ${#files[@]} )); then
    # Written beside the drop directory and moved in whole, as a file transfer would.
    cp "$DIR/days/${files[$dropped]}" "$DIR/${files[$dropped]}.part" && mv "$DIR/${files[$dropped]}.part" "$DIR/drop/${files[$dropped]}"
    dropped=$((dropped + 1)); next_drop=$((next_drop + EVERY))
  fi
  if (( now >= next_poll )); then
    for path in / /api/stages /api/history /metrics; do curl -sf -o /dev/null "http://127.0.0.1:$port$path" || true; done
    next_poll=$((now + 10))
  fi
  if (( now >= next_sample )); then
    read -r rss anon file < <(awk '/^VmRSS/ { r = $2 } /^RssAnon/ { a = $2 } /^RssFile/ { f = $2 } END { print r, a, f }' /proc/$agent/status)
    fds=$(ls /proc/$agent/fd | wc -l)
    out=$(curl -sf "http://127.0.0.1:$port/api/stages" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(next(s["records_out"] for s in d["stages"] if s["id"] == "transactions"))' || echo "")
    printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n" $((now - started)) "$rss" "$anon" "$file" "$fds" "$dropped" "$out" >>"$DIR/soak.tsv"
    next_sample=$((now + 30))
  fi
  kill -0 $agent 2>/dev/null || { echo "the agent died; see $DIR/agent.log" >&2; exit 1; }
  sleep 0.2
done
# Let the last file land, then stop the agent and compare the totals with the dropped files.
sleep 8
kill -TERM $agent; wait $agent || true
trap - EXIT
expected=$(cat $(printf "$DIR/days/%s " "${files[@]:0:$dropped}") | awk -F, '$1 != "ts" { u += $4 } END { print u }')
loaded=$(sqlite3 "$DIR/retail.db" "SELECT sum(units) FROM fact_sales_daily")
retrains=$(sqlite3 "$DIR/retail.db" "SELECT count(DISTINCT trained_at) FROM fact_forecast_snapshot" 2>/dev/null || echo "?")
python3 - "$DIR/soak.tsv" "$dropped" "$expected" "$loaded" "$retrains" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1]), delimiter="\t") if r["rss_kb"]]
warm = [r for r in rows if int(r["seconds"]) >= 600] or rows
fds = [int(r["fds"]) for r in rows]
print(f"samples {len(rows)} over {rows[-1]['seconds']} s, files dropped {sys.argv[2]}, forecast training runs {sys.argv[5]}")
seconds = [int(r["seconds"]) for r in warm]
for column, name in (("rss_kb", "RSS"), ("anon_kb", "anonymous"), ("file_kb", "file-backed")):
    mb = [int(r[column]) / 1024 for r in warm]
    mx, my = sum(seconds) / len(seconds), sum(mb) / len(mb)
    slope = sum((x - mx) * (y - my) for x, y in zip(seconds, mb)) / (sum((x - mx) ** 2 for x in seconds) or 1)
    print(f"{name} after warm-up (>= 600 s): first {mb[0]:.1f} MB, min {min(mb):.1f}, max {max(mb):.1f}, last {mb[-1]:.1f} MB, "
          f"trend {slope * 3600:+.1f} MB/h")
print(f"open descriptors: min {min(fds)}, max {max(fds)}, first {fds[0]}, last {fds[-1]}")
same = abs(float(sys.argv[3]) - float(sys.argv[4] or "nan")) < 0.5
print(f"units in the dropped files {sys.argv[3]}, in fact_sales_daily {sys.argv[4]}: {'equal' if same else 'DIFFERENT'}")
sys.exit(0 if same else 1)
PY
