#!/usr/bin/env bash
# Benchmark: entity recognition precision on ordinary text and recall on real brand mentions.
# Needs the labelled splits of ../shared/data/sentiment (evaluation data, never shipped; SPLITS=DIR
# to point elsewhere) and a release build. The catalogue is bench/ner_brands.yaml (well-known
# retail names, several of them common words: Target, Boots, Gap, Subway, Dove, Tide, Echo).
#  1. false hits per 1,000 texts that are not about retail: the airline and VADER tweets. They
#     also mention real brands (an iPhone, Google); bench/ner_ordinary_judged.tsv holds a
#     person's verdict on each hit seen so far, and a hit it does not hold counts as false.
#  2. recall on the SXSW brand tweets whose annotated brand (iPad, Apple, Google, iPhone,
#     Android) is named in the text: the brand's id must be among the entities found.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${RETAIL_EDGE:-$ROOT/.build/release/retail-edge}
SPLITS=${SPLITS:-$ROOT/../shared/data/sentiment/splits}
DIR=${BENCH_ROOT:-/tmp/retail-edge-bench}/ner-precision
[[ -x $BIN ]] || { echo "no retail-edge binary at $BIN" >&2; exit 1; }
[[ -f $SPLITS/cf_brands.test.jsonl ]] || { echo "no labelled splits in $SPLITS (set SPLITS)" >&2; exit 1; }
mkdir -p "$DIR"
PY="python3 $ROOT/bench/ner_precision.py"
$PY ordinary "$SPLITS" "$DIR/ordinary.jsonl"
$PY mentions "$SPLITS" "$DIR/mentions.jsonl"
"$BIN" ner --catalog "$ROOT/bench/ner_brands.yaml" --input "$DIR/ordinary.jsonl" --output "$DIR/ordinary.out.jsonl" 2>/dev/null
"$BIN" ner --catalog "$ROOT/bench/ner_brands.yaml" --input "$DIR/mentions.jsonl" --output "$DIR/mentions.out.jsonl" 2>/dev/null
read -r texts hits false per_thousand unjudged top < <($PY hits "$DIR/ordinary.jsonl" "$DIR/ordinary.out.jsonl" "$ROOT/bench/ner_ordinary_judged.tsv")
read -r mentions found recall < <($PY recall "$DIR/mentions.jsonl" "$DIR/mentions.out.jsonl")
echo "| measure | retail-edge | goal |"
echo "|---|---|---|"
echo "| false hits on $texts ordinary tweets (airline, VADER; $hits entities found, $unjudged not judged yet) | $false ($per_thousand per 1,000) | at most 1 per 1,000 |"
echo "| brand mentions found in $mentions SXSW tweets | $found ($recall) | at least 0.98 |"
echo
echo "False hits: $top"
