#!/usr/bin/env bash
# Trains the shipped sentiment model (plugins/nlp/models/sentiment-default.resm) from openly licensed
# text only (plugins/nlp/models/NOTICE names each source and its licence):
#   - VADER's ground truth (Hutto & Gilbert, ICWSM 2014; MIT): tweets_GroundTruth.txt and
#     amazonReviewSnippets_GroundTruth.txt, `id<TAB>mean rating (-4..+4)<TAB>text`; a mean of +0.5 or
#     more is positive, -0.5 or less negative, the rest neutral;
#   - UCI "Sentiment Labelled Sentences" (Kotzias et al., KDD 2015; CC BY 4.0): amazon_cells_labelled.txt
#     and yelp_labelled.txt, `text<TAB>1|0`;
#   - 1,000 generated informational retail tweets labelled neutral (`sentiment train --generated-neutral`);
#   - VADER's lexicon (MIT) from the vaderSentiment wheel on PyPI, learned from as three features.
# Exact duplicates (case and spaces folded) are kept once. Never add an evaluation-only set (the airline
# and SXSW brand tweets) here.
#
#   scripts/train-sentiment-model.sh VADER_DIR UCI_DIR [MODEL]
#       (MODEL defaults to plugins/nlp/models/sentiment-default.resm; RETAIL_EDGE picks the binary,
#       default the release build; needs python3 and pip for the lexicon)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${RETAIL_EDGE:-$ROOT/.build/release/retail-edge}
[[ $# -ge 2 ]] || { sed -n '2,17p' "$0" >&2; exit 64; }
VADER=$1 UCI=$2 MODEL=${3:-$ROOT/plugins/nlp/models/sentiment-default.resm}
[[ -x $BIN ]] || { echo "no retail-edge binary at $BIN (swift build -c release, or set RETAIL_EDGE)" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 -m pip download --quiet --disable-pip-version-check --no-deps --dest "$WORK" vaderSentiment==3.3.2
python3 - "$WORK"/vaderSentiment-3.3.2-*.whl "$WORK/lexicon.txt" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    open(sys.argv[2], "wb").write(wheel.read("vaderSentiment/vader_lexicon.txt"))
PY

python3 - "$VADER" "$UCI" "$WORK/train.jsonl" <<'PY'
import json, os, sys
vader, uci, out = sys.argv[1:4]
rows, seen = [], set()
def add(source, text, label):
    text = text.strip()
    key = " ".join(text.lower().split())
    if not key or key in seen:
        return
    seen.add(key)
    rows.append({"id": f"{source}-{len(rows)}", "text": text, "label": label})
for name in ("tweets_GroundTruth.txt", "amazonReviewSnippets_GroundTruth.txt"):
    with open(os.path.join(vader, name), encoding="utf-8", errors="replace") as lines:
        for line in lines:
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) < 3:
                continue
            rating = float(fields[1])
            add("vader", fields[2], "positive" if rating >= 0.5 else "negative" if rating <= -0.5 else "neutral")
for name in ("amazon_cells_labelled.txt", "yelp_labelled.txt"):
    with open(os.path.join(uci, name), encoding="utf-8", errors="replace") as lines:
        for line in lines:
            text, _, label = line.rstrip("\r\n").rpartition("\t")
            if label in ("0", "1"):
                add("uci", text, "positive" if label == "1" else "negative")
with open(out, "w", encoding="utf-8") as file:
    for row in rows:
        file.write(json.dumps(row, ensure_ascii=False) + "\n")
counts = {label: sum(r["label"] == label for r in rows) for label in ("positive", "neutral", "negative")}
print(f"{len(rows)} licensed texts: {counts}", file=sys.stderr)
PY

"$BIN" sentiment train --input "$WORK/train.jsonl" --model "$MODEL" --regularization 2e-4 \
  --lexicon "$WORK/lexicon.txt" --generated-neutral 1000
