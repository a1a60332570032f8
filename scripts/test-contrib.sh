#!/usr/bin/env bash
# Tests contrib/: the alert rules (promtool check + unit tests), the Grafana dashboard (valid JSON
# importable anywhere), and that every metric they name is one the agent exposes: the built agent
# runs config/demo.yaml on a small demo data set with the status API on a loopback port, and its
# /metrics scrape is linted by promtool and compared with the names used. Then a throwaway
# Prometheus scrapes the agent and answers every query of the dashboard and the rules.
#
# RETAIL_EDGE_BIN: the agent to run (default .build/debug/retail-edge).
# RETAIL_EDGE_CONTRIB_PORT, RETAIL_EDGE_CONTRIB_PROMETHEUS_PORT: the status API's and
# Prometheus's ports (default: free ones).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${RETAIL_EDGE_BIN:-.build/debug/retail-edge}
RULES=contrib/prometheus/retail-edge-alerts.yml
RULE_TESTS=contrib/prometheus/retail-edge-alerts.test.yml
DASHBOARD=contrib/grafana/retail-edge.json
[[ -x $BIN ]] || { echo "test-contrib: $BIN is not built (swift build)" >&2; exit 1; }

echo "== promtool check rules"
promtool check rules "$RULES"
echo "== promtool test rules"
promtool test rules "$RULE_TESTS"

echo "== dashboard JSON"
python3 - "$DASHBOARD" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as file:
    dashboard = json.load(file)
assert dashboard["schemaVersion"] >= 36, "schemaVersion too old for Grafana 10"
assert [i["name"] for i in dashboard["__inputs"]] == ["DS_PROMETHEUS"], "the dashboard needs exactly the DS_PROMETHEUS input"
panels = [p for p in dashboard["panels"] if p["type"] != "row"]
ids = [p["id"] for p in dashboard["panels"]]
assert len(ids) == len(set(ids)), "panel ids repeat"
for panel in panels:
    assert panel["datasource"]["uid"] == "${DS_PROMETHEUS}", f"panel '{panel['title']}' does not use the DS_PROMETHEUS input"
    assert panel["targets"], f"panel '{panel['title']}' has no query"
    for target in panel["targets"]:
        assert target["datasource"]["uid"] == "${DS_PROMETHEUS}", f"a query of '{panel['title']}' does not use the DS_PROMETHEUS input"
print(f"{sys.argv[1]}: valid, {len(panels)} panels")
PY

echo "== the agent's /metrics"
work=$(mktemp -d /tmp/retail-edge-contrib.XXXXXX)
agent=""
prometheus=""
cleanup() {
  for pid in $prometheus $agent; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=${RETAIL_EDGE_CONTRIB_PORT:-$(free_port)}
"$BIN" demo-data --quiet --out "$work/transactions" --stores 2 --products 3 --days 60 --bad-rows 0.01 \
  --tweets-out "$work/tweets" --tweets 100
{ echo "api: { listen: 127.0.0.1:$port }"; cat config/demo.yaml; } > "$work/demo.yaml"
DEMO_DIR=$work "$BIN" run "$work/demo.yaml" > "$work/agent.log" 2>&1 &
agent=$!
# Wait for the first checkpoint: then every metric has a value (the checkpoint time comes last).
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/metrics" -o "$work/metrics.txt" 2>/dev/null \
     && grep -q '^retail_edge_last_checkpoint_timestamp_seconds ' "$work/metrics.txt"; then
    break
  fi
  kill -0 "$agent" 2>/dev/null || { cat "$work/agent.log" >&2; echo "test-contrib: the agent stopped" >&2; exit 1; }
  sleep 0.5
done
grep -q '^retail_edge_last_checkpoint_timestamp_seconds ' "$work/metrics.txt" \
  || { cat "$work/agent.log" >&2; echo "test-contrib: no checkpoint in /metrics within 60 s" >&2; exit 1; }
echo "scraped $(grep -c '^# TYPE' "$work/metrics.txt") metrics from 127.0.0.1:$port"
echo "== promtool check metrics"
promtool check metrics < "$work/metrics.txt"
echo "== metric names in the dashboard and the rules"
python3 scripts/check-contrib-queries.py names "$work/metrics.txt" "$DASHBOARD" "$RULES"

echo "== the queries against a Prometheus scraping the agent"
prometheus_port=${RETAIL_EDGE_CONTRIB_PROMETHEUS_PORT:-$(free_port)}
cat > "$work/prometheus.yml" <<EOF
global: { scrape_interval: 1s, evaluation_interval: 1s }
scrape_configs:
  - job_name: retail-edge
    static_configs: [{ targets: ["127.0.0.1:$port"] }]
EOF
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prometheus_port" > "$work/prometheus.log" 2>&1 &
prometheus=$!
python3 scripts/check-contrib-queries.py prometheus "http://127.0.0.1:$prometheus_port" "$DASHBOARD" "$RULES" \
  || { tail -20 "$work/prometheus.log" >&2; exit 1; }
echo "test-contrib: ok"
