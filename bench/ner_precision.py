"""Inputs and scores for bench/ner_precision.sh.

  ordinary SPLITS OUT        texts that are not about retail (airline tweets, VADER's tweets)
  mentions SPLITS OUT        SXSW brand tweets whose annotated brand is named in the text
  hits IN OUT JUDGED         entities found on ordinary texts, those judged false (a hit not yet
                             judged counts as false) per 1,000 texts, and the false ones
  recall IN OUT              share of brand mentions found with the annotated brand's id
"""
import collections
import json
import sys

TARGETS = {"iPad": ["ipad"], "Apple": ["apple"], "Google": ["google"], "iPhone": ["iphone"],
           "Android": ["android"], "Android App": ["android"], "iPad or iPhone App": ["ipad", "iphone"]}


def rows(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write(path, items):
    with open(path, "w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(item) + "\n")


command, first, second = sys.argv[1:4]
if command == "ordinary":
    texts = []
    for name in ["airline", "vader_tweets"]:
        for split in ["train", "test"]:
            texts += [{"id": f"{name}-{r['id']}", "text": r["text"]} for r in rows(f"{first}/{name}.{split}.jsonl")]
    write(second, texts)
elif command == "mentions":
    texts = []
    for split in ["train", "test"]:
        for r in rows(f"{first}/cf_brands.{split}.jsonl"):
            ids = TARGETS.get(r.get("target", ""))
            if ids and any(i in r["text"].lower() for i in ids):
                texts.append({"id": r["id"] + "|" + ",".join(ids), "text": r["text"]})
    write(second, texts)
elif command == "hits":
    out = rows(second)
    with open(sys.argv[4], encoding="utf-8") as f:
        verdicts = {tuple(line.split("\t")[:2]): line.split("\t")[2].strip() for line in f if not line.startswith("#")}
    hits = [(r["id"], e["text"].lower(), e["id"]) for r in out for e in r["entities"]]
    false = [h for h in hits if verdicts.get(h[:2]) != "real"]
    unjudged = sum(1 for h in hits if h[:2] not in verdicts)
    shown = collections.Counter(f"{t}->{i}" for _, t, i in false)
    print(f"{len(out)} {len(hits)} {len(false)} {1000 * len(false) / len(out):.2f} {unjudged} " + "; ".join(f"{k} {n}" for k, n in shown.most_common(12)))
elif command == "recall":
    out = rows(second)
    found = sum(1 for r in out if set(r["id"].split("|")[1].split(",")) & {e["id"] for e in r["entities"]})
    print(f"{len(out)} {found} {found / len(out):.4f}")
