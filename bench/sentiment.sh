#!/usr/bin/env bash
# Benchmark: sentiment and entity recognition against the tools users would otherwise pick, in
# one run. Needs the labelled splits of ../shared/data/sentiment (evaluation data, not shipped;
# SPLITS=DIR to point elsewhere) and a release build.
#  1. trained on airline.train: retail-edge (`sentiment train`) vs scikit-learn word+char TF-IDF +
#     LogisticRegression; accuracy and macro-F1 on airline.test; predict time as whole processes.
#  2. the shipped model (licensed training data only) vs VADER on real brand tweets (cf_brands.test).
#  3. `retail-edge ner` throughput on 20,000 demo tweets (whole process).
#  4. predicting 100,000 real tweets (the splits' texts, cycled): `sentiment predict` as a whole
#     process (start, model, JSON in and out) against scikit-learn's in-process `predict` alone.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${RETAIL_EDGE:-$ROOT/.build/release/retail-edge}
SPLITS=${SPLITS:-$ROOT/../shared/data/sentiment/splits}
DIR=${BENCH_ROOT:-/tmp/retail-edge-bench}/sentiment
VENV=${BENCH_ROOT:-/tmp/retail-edge-bench}/sentiment-venv
[[ -x $BIN ]] || { echo "no retail-edge binary at $BIN" >&2; exit 1; }
[[ -f $SPLITS/airline.train.jsonl ]] || { echo "no labelled splits in $SPLITS (set SPLITS)" >&2; exit 1; }
"$VENV/bin/python" -c 'import sklearn, joblib, vaderSentiment' 2>/dev/null || {
  python3 -m venv "$VENV" && "$VENV/bin/pip" install --quiet --disable-pip-version-check scikit-learn joblib vaderSentiment; }
PY="$VENV/bin/python"; B="$ROOT/bench/sentiment_baselines.py"
mkdir -p "$DIR"
secs() { local s=$(date +%s%N); "$@" >/dev/null 2>&1; awk -v a="$s" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
best() { local b=999; for _ in 1 2 3; do t=$(secs "$@"); b=$(awk -v x="$t" -v y="$b" 'BEGIN { print (x < y ? x : y) }'); done; echo "$b"; }

train_ours=$(secs "$BIN" sentiment train --input "$SPLITS/airline.train.jsonl" --model "$DIR/airline.resm")
train_sk=$(secs "$PY" "$B" sk-train "$SPLITS/airline.train.jsonl" "$DIR/sk.joblib")
predict_ours=$(best "$BIN" sentiment predict --model "$DIR/airline.resm" --input "$SPLITS/airline.test.jsonl" --output "$DIR/ours.jsonl")
predict_sk=$(best "$PY" "$B" sk-predict "$DIR/sk.joblib" "$SPLITS/airline.test.jsonl" "$DIR/sk.jsonl")
read -r acc_ours f1_ours < <("$PY" "$B" score "$SPLITS/airline.test.jsonl" "$DIR/ours.jsonl")
read -r acc_sk f1_sk < <("$PY" "$B" score "$SPLITS/airline.test.jsonl" "$DIR/sk.jsonl")
"$BIN" sentiment predict --input "$SPLITS/cf_brands.test.jsonl" --output "$DIR/shipped_cf.jsonl"
"$PY" "$B" vader "$SPLITS/cf_brands.test.jsonl" "$DIR/vader_cf.jsonl"
"$PY" "$B" repeat "$DIR/100k.jsonl" 100000 "$SPLITS"/airline.*.jsonl "$SPLITS"/cf_brands.*.jsonl "$SPLITS"/vader_tweets.*.jsonl
predict100k_ours=$(best "$BIN" sentiment predict --model "$DIR/airline.resm" --input "$DIR/100k.jsonl" --output "$DIR/ours100k.jsonl")
predict100k_sk=$("$PY" "$B" sk-predict-time "$DIR/sk.joblib" "$DIR/100k.jsonl")
read -r acc_shipped f1_shipped < <("$PY" "$B" score "$SPLITS/cf_brands.test.jsonl" "$DIR/shipped_cf.jsonl")
read -r acc_vader f1_vader < <("$PY" "$B" score "$SPLITS/cf_brands.test.jsonl" "$DIR/vader_cf.jsonl")

"$BIN" demo-data --out "$DIR/tx" --days 1 --tweets-out "$DIR/tweets" --tweets 20000 --quiet
"$PY" -c "import json,sys; [print(json.dumps({'id': r['tweet_id'], 'text': r['text']})) for r in map(json.loads, open(sys.argv[1]))]" "$DIR/tweets/tweets.jsonl" >"$DIR/ner_in.jsonl"
ner=$(best "$BIN" ner --catalog "$ROOT/config/catalog.yaml" --input "$DIR/ner_in.jsonl" --output "$DIR/ner_out.jsonl")

# Linking on the demo tweets (a fifth of the product names with two letters swapped): each tweet
# names its product, and its store where the text has the store's name or handle.
read -r ner_p ner_r ner_f1 < <("$PY" - "$DIR/tweets/tweets.jsonl" "$DIR/ner_out.jsonl" "$ROOT/config/catalog.yaml" <<'PY'
import json, re, sys
stores = dict(re.findall(r"\{ id: (S\d+), name: ([^,]+),", open(sys.argv[3]).read()))
gold, pred = {}, {}
for t in map(json.loads, open(sys.argv[1])):
    g = {("PRODUCT", t["product_id"])}
    name = stores.get(t["store_id"], "")
    if name and (name in t["text"] or name.replace(" ", "") in t["text"]):
        g.add(("STORE", t["store_id"]))
    gold[t["tweet_id"]] = g
for r in map(json.loads, open(sys.argv[2])):
    pred[r["id"]] = {(e["type"], e["id"]) for e in r["entities"] if e["type"] in ("PRODUCT", "STORE")}
tp = sum(len(gold[i] & pred.get(i, set())) for i in gold)
fp = sum(len(pred.get(i, set()) - gold[i]) for i in gold)
fn = sum(len(gold[i] - pred.get(i, set())) for i in gold)
p, r = tp / (tp + fp), tp / (tp + fn)
print(f"{p:.4f} {r:.4f} {2 * p * r / (p + r):.4f}")
PY
)

echo "| task | retail-edge | reference | ratio |"
echo "|---|---|---|---|"
echo "| airline.test macro-F1 (trained on airline.train) | $f1_ours (accuracy $acc_ours) | scikit-learn $f1_sk (accuracy $acc_sk) | |"
echo "| training time, whole process | ${train_ours} s | scikit-learn ${train_sk} s | $(awk -v a="$train_sk" -v b="$train_ours" 'BEGIN { printf "%.2fx its time", b / a }') |"
echo "| predicting airline.test (2,882 tweets), whole process, best of 3 | ${predict_ours} s | scikit-learn ${predict_sk} s | $(awk -v a="$predict_sk" -v b="$predict_ours" 'BEGIN { printf "%.1fx faster", a / b }') |"
echo "| predicting 100,000 tweets: retail-edge whole process (best of 3) vs scikit-learn's in-process predict | ${predict100k_ours} s | scikit-learn ${predict100k_sk} s | $(awk -v a="$predict100k_sk" -v b="$predict100k_ours" 'BEGIN { printf "%.1fx faster", a / b }') |"
echo "| shipped model on cf_brands.test macro-F1 | $f1_shipped (accuracy $acc_shipped) | VADER $f1_vader (accuracy $acc_vader) | |"
echo "| ner on 20,000 demo tweets, whole process, best of 3 | ${ner} s ($(awk -v s="$ner" 'BEGIN { printf "%d", 20000 / s }') tweets/s) | | |"
echo "| ner linking on those tweets (product, and store when named) | precision $ner_p, recall $ner_r, F1 $ner_f1 | | |"
