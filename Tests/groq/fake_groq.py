#!/usr/bin/env python3
"""A local stand-in for Groq's OpenAI-compatible chat-completions API, for the integration
tests (stdlib only, 127.0.0.1). It answers POST /chat/completions and plays a scripted series of
failures first, then well-formed answers:

  fake_groq.py PORT LOG [SCRIPT]

SCRIPT is a comma-separated list of steps, one per request, after which every request gets a
good answer: 429 (rate limited, retry-after: 1), 500, slow (sleeps 3 s), malformed (truncated
JSON), skewed (every tweet labelled positive, plus a duplicate, an empty text and an unknown
label). A good answer has as many tweets as the prompt's `request: sentiment=X count=N` line
asks for, with that sentiment. Requests without `Authorization: Bearer test-key` get 401. Each
request is logged to LOG as one JSON line (time, step, status).
"""
import json, re, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, LOG = int(sys.argv[1]), sys.argv[2]
STEPS = [s for s in (sys.argv[3] if len(sys.argv) > 3 else "").split(",") if s]
state = {"n": 0, "serial": 0}
PRODUCTS = ["P001", "P002", "P003"]
# Names from config/catalog.yaml, so that entity recognition finds the products in the texts.
NAMES = {"P001": "Aurora X200 headphones", "P002": "Nimbus speaker", "P003": "Vertex 14 laptop"}
STORES = ["S01", "S02"]


def tweets(sentiment, count):
    out = []
    for _ in range(count):
        state["serial"] += 1
        n = state["serial"]
        out.append({"text": f"{sentiment} tweet number {n} about the {NAMES[PRODUCTS[n % 3]]} #retail",
                    "sentiment": sentiment, "product_id": PRODUCTS[n % 3], "store_id": STORES[n % 2]})
    return out


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def completion(self, content):
        return {"id": "chatcmpl-test", "object": "chat.completion", "model": "test-model",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150}}

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        step = STEPS[state["n"]] if state["n"] < len(STEPS) else "good"
        state["n"] += 1
        with open(LOG, "a") as log:
            log.write(json.dumps({"time": time.time(), "step": step, "path": self.path}) + "\n")
        if self.path != "/v1/chat/completions":
            return self.reply(404, {"error": {"message": "not found"}})
        if self.headers.get("Authorization") != "Bearer test-key":
            return self.reply(401, {"error": {"message": "Invalid API Key", "type": "invalid_request_error"}})
        prompt = body["messages"][-1]["content"]
        match = re.search(r"request: sentiment=(\w+) count=(\d+)", prompt)
        sentiment, count = (match.group(1), int(match.group(2))) if match else ("neutral", 1)
        if step == "429":
            return self.reply(429, {"error": {"message": "Rate limit reached"}}, [("retry-after", "1")])
        if step == "500":
            return self.reply(500, {"error": {"message": "internal error"}})
        if step == "slow":
            time.sleep(3)
        if step == "malformed":
            return self.reply(200, self.completion('Sure! Here they are: [{"text": "cut off'))
        if step == "skewed":
            items = tweets("positive", count)
            items += [dict(items[0]), {"text": "  ", "sentiment": "neutral"}, {"text": "so-so", "sentiment": "mixed"}]
            return self.reply(200, self.completion("```json\n" + json.dumps(items) + "\n```"))
        return self.reply(200, self.completion(json.dumps(tweets(sentiment, count))))


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
