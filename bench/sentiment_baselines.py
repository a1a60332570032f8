#!/usr/bin/env python3
"""The tools users would otherwise pick for tweet sentiment, and a scorer.

  sentiment_baselines.py sk-train   TRAIN.jsonl MODEL.joblib     word 1-2 + char_wb 2-5 TF-IDF + LogisticRegression
  sentiment_baselines.py sk-predict MODEL.joblib IN.jsonl OUT.jsonl   (whole process: imports, load, predict, write)
  sentiment_baselines.py sk-predict-time MODEL.joblib IN.jsonl   seconds of model.predict alone (in process)
  sentiment_baselines.py repeat     OUT.jsonl N FILE...          N {id, text} lines cycling through the files' texts
  sentiment_baselines.py vader      IN.jsonl OUT.jsonl              VADER, compound >= 0.05 positive, <= -0.05 negative
  sentiment_baselines.py score      GOLD.jsonl PRED.jsonl          accuracy and macro-F1 over the gold labels
"""
import json, sys


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(row) + "\n" for row in rows)


command = sys.argv[1]
if command == "sk-train":
    import joblib
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union
    rows = read(sys.argv[2])
    model = make_pipeline(make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                                     TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
                          LogisticRegression(C=10, max_iter=2000, class_weight="balanced"))
    model.fit([r["text"] for r in rows], [r["label"] for r in rows])
    joblib.dump(model, sys.argv[3])
elif command == "sk-predict":
    import joblib
    model = joblib.load(sys.argv[2])
    rows = read(sys.argv[3])
    write(sys.argv[4], [{"id": r["id"], "label": l} for r, l in zip(rows, model.predict([r["text"] for r in rows]))])
elif command == "sk-predict-time":
    import time, joblib
    model = joblib.load(sys.argv[2])
    texts = [r["text"] for r in read(sys.argv[3])]
    started = time.perf_counter()
    model.predict(texts)
    print(f"{time.perf_counter() - started:.2f}")
elif command == "repeat":
    texts = [r["text"] for path in sys.argv[4:] for r in read(path)]
    write(sys.argv[2], [{"id": str(i), "text": texts[i % len(texts)]} for i in range(int(sys.argv[3]))])
elif command == "vader":
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    analyzer = SentimentIntensityAnalyzer()
    rows = read(sys.argv[2])
    def label(text):
        c = analyzer.polarity_scores(text)["compound"]
        return "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"
    write(sys.argv[3], [{"id": r["id"], "label": label(r["text"])} for r in rows])
elif command == "score":
    gold = {r["id"]: r["label"] for r in read(sys.argv[2])}
    pred = {r["id"]: r["label"] for r in read(sys.argv[3])}
    labels = sorted(set(gold.values()))
    pairs = [(g, pred.get(i)) for i, g in gold.items()]
    f1s = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    print(f"{sum(g == p for g, p in pairs) / len(pairs):.4f} {sum(f1s) / len(f1s):.4f}")
