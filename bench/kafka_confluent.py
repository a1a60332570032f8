"""confluent-kafka side of bench/kafka_throughput.sh (and its checker).

  kafka_confluent.py produce BROKERS TOPIC FILE     # every line of FILE after the header, one message each
  kafka_confluent.py consume BROKERS TOPIC COUNT    # a fresh group reads COUNT messages from the start
  kafka_confluent.py check BROKERS TOPIC COUNT      # as consume, then waits for more: exactly COUNT?
  kafka_confluent.py delete BROKERS TOPIC...
  kafka_confluent.py versions

produce uses the settings of retail-edge's kafka sink (acks=all, enable.idempotence=true,
linger.ms=5, batch.size=1048576, message.timeout.ms=30000), no key (librdkafka's partitioner
picks the partition, as for the sink without `key`), and a delivery callback that counts
failures (the sink checks every report too). consume uses the source's settings
(enable.auto.commit=false, auto.offset.reset=earliest, session.timeout.ms=6000), batches of
`consume(num_messages=…)`, then one synchronous commit. Each prints one JSON line: messages,
bytes, and seconds from the first produce to the end of flush (produce) or from subscribe to the
last message (consume; also when the partitions were assigned and the first message came).
"""
import json
import sys
import time
import uuid

from confluent_kafka import Consumer, KafkaError, Producer, libversion, version
from confluent_kafka.admin import AdminClient


def produce(brokers, topic, path):
    with open(path, "rb") as f:
        f.readline()  # header
        payloads = f.read().splitlines()
    failed = [0]

    def report(err, _msg):
        if err is not None:
            failed[0] += 1

    p = Producer({"bootstrap.servers": brokers, "acks": "all", "enable.idempotence": True, "linger.ms": 5,
                  "batch.size": 1048576, "message.timeout.ms": 30000, "on_delivery": report})
    start = time.perf_counter()
    for i, value in enumerate(payloads):
        while True:
            try:
                p.produce(topic, value)
                break
            except BufferError:  # librdkafka's queue is full: serve delivery reports until there is room
                p.poll(0.05)
        if i % 1000 == 0:
            p.poll(0)
    left = p.flush(60)
    seconds = time.perf_counter() - start
    result = {"messages": len(payloads), "bytes": sum(map(len, payloads)), "seconds": seconds, "undelivered": left + failed[0]}
    print(json.dumps(result))
    return 0 if result["undelivered"] == 0 else 1


def consume(brokers, topic, count, check=False):
    c = Consumer({"bootstrap.servers": brokers, "group.id": "bench-" + uuid.uuid4().hex[:12], "auto.offset.reset": "earliest",
                  "enable.auto.commit": False, "session.timeout.ms": 6000})
    assigned = []

    def on_assign(consumer, partitions):
        assigned.append(time.perf_counter() - start)
        consumer.assign(partitions)

    start = time.perf_counter()
    c.subscribe([topic], on_assign=on_assign)
    received = size = 0
    first = None
    ends = {}  # partition → last offset + 1
    deadline = time.monotonic() + 120
    while received < count and time.monotonic() < deadline:
        for m in c.consume(num_messages=min(10000, count - received), timeout=1.0):
            if m.error():
                if m.error().code() != KafkaError._PARTITION_EOF:
                    print(f"consume error: {m.error()}", file=sys.stderr)
                continue
            if first is None:
                first = time.perf_counter() - start
            received += 1
            size += len(m.value())
            ends[m.partition()] = m.offset() + 1
    seconds = time.perf_counter() - start
    extra = 0
    if check:  # nothing beyond COUNT? (Tansu under-reports high watermarks, so read on for a while)
        quiet = time.monotonic() + 3
        while time.monotonic() < quiet:
            extra += sum(1 for m in c.consume(num_messages=10000, timeout=0.5) if not m.error())
    if received:
        c.commit(asynchronous=False)
    c.close()
    result = {"messages": received, "bytes": size, "seconds": seconds, "assigned": assigned[0] if assigned else None, "first": first, "partitions": len(ends),
              "offsets": sum(ends.values()), "extra": extra}
    print(json.dumps(result))
    # Offsets are dense (no transactions): the last offsets add up to the count when nothing is missing.
    ok = received == count and result["offsets"] == count and extra == 0
    if not ok:
        print(f"{topic}: {result}, expected {count} messages", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "produce":
        sys.exit(produce(*args))
    if command in ("consume", "check"):
        sys.exit(consume(args[0], args[1], int(args[2]), check=command == "check"))
    if command == "delete":  # delete BROKERS TOPIC...: frees the broker's memory between runs
        admin = AdminClient({"bootstrap.servers": args[0]})
        for future in admin.delete_topics(args[1:], operation_timeout=30).values():
            future.result()
        sys.exit(0)
    if command == "versions":
        print(f"confluent-kafka {version()}, librdkafka {libversion()[0]}, Python {sys.version.split()[0]}")
        sys.exit(0)
    sys.exit(f"unknown command {command}")
