#!/usr/bin/env python3
"""retail-edge exec source (protocol 1): daily temperature per store from a local CSV.

Reads date,store_id,temp_c rows, sends them in batches, says "end", and remembers in
state_path how many rows the agent acknowledged (made durable in every sink), so that a
restarted plugin resumes there instead of at the start. Python standard library only.
"""
import csv
import json
import os
import queue
import sys
import threading


def send(message):
    sys.stdout.write(json.dumps(message, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def log(level, message):
    send({"type": "log", "level": level, "message": message})


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            yield [row["date"], row["store_id"], float(row["temp_c"])]


def main():
    hello = json.loads(sys.stdin.readline() or "{}")
    if hello.get("type") != "hello" or hello.get("protocol") != 1:
        send({"type": "error", "message": "expected hello with protocol 1", "fatal": True})
        return 1
    send({"type": "hello", "protocol": 1})
    options = hello.get("options", {})
    path = options.get("path") or "weather.csv"
    batch_rows = max(1, int(options.get("batch_rows") or 500))
    state_path = options.get("state_path") or ""

    done = 0
    if state_path and os.path.exists(state_path):
        with open(state_path, encoding="utf-8") as f:
            done = int(f.read().strip() or 0)

    # The agent's messages (acks, shutdown) arrive while we send: read them on a thread.
    inbox = queue.Queue()

    def reader():
        for line in sys.stdin:
            inbox.put(json.loads(line))
        inbox.put({"type": "shutdown"})

    threading.Thread(target=reader, daemon=True).start()

    ends = {}  # batch id -> rows done once it is acknowledged
    rows = list(read_rows(path))[done:]
    next_id = 1
    for start in range(0, len(rows), batch_rows):
        chunk = rows[start:start + batch_rows]
        send({"type": "batch", "id": next_id, "columns": ["date", "store_id", "temp_c"], "rows": chunk})
        ends[next_id] = done + start + len(chunk)
        next_id += 1
    log("info", f"sent {len(rows)} rows from {path}")
    send({"type": "end"})

    while True:
        message = inbox.get()
        if message.get("type") == "ack":
            acked = ends.pop(message["id"], None)
            if acked is not None and state_path:
                tmp = state_path + ".tmp"
                with open(tmp, "w", encoding="utf-8") as f:
                    f.write(str(acked))
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, state_path)
        elif message.get("type") == "shutdown":
            return 0


if __name__ == "__main__":
    sys.exit(main())
