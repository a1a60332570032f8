import EdgeCore
import Foundation
import Testing

/// Records flow exactly through a Python source, transform and sink, and acks reach the source.
@Suite("Exec plugins: data flow")
struct ExecFlowTests {
    /// A source of `rows` rows (id, store, units, day) in batches of 7; writes each ack it gets to acks.txt.
    static func source(_ fixture: ExecFixture, crashAfterBatches: Int? = nil) throws {
        try fixture.plugin("numbers", kind: "source", options: "[{ name: rows, type: int, default: 10, doc: how many }]",
                           output: "{ id: int, store: string, units: double, day: date }", python: """
        h = hello()
        n = h["options"]["rows"]
        crash = \(crashAfterBatches.map(String.init) ?? "None")
        first_run = not os.path.exists("crashed")
        rows = [[i, "S%d" % (i % 3), i * 1.5, "2024-01-%02d" % (1 + i % 28)] for i in range(n)]
        for b, start in enumerate(range(0, n, 7)):
            if crash is not None and first_run and b == crash:
                open("crashed", "w").close()
                os._exit(3)
            send({"type": "batch", "id": b + 1, "columns": ["id", "store", "units", "day"], "rows": rows[start:start + 7]})
        send({"type": "end"})
        with open("acks.txt", "a") as f:
            for m in messages():
                if m["type"] == "ack":
                    f.write("%d\\n" % m["id"]); f.flush()
                if m["type"] == "shutdown":
                    break
        """)
    }

    @Test(.timeLimit(.minutes(1))) func sourceTransformSinkDeliverExactlyAndSourceIsAcknowledged() async throws {
        let fixture = ExecFixture()
        try Self.source(fixture)
        try fixture.plugin("double", kind: "transform", output: "{ id: int, store: string, units: double, day: date, big: bool }", python: """
        hello()
        for m in messages():
            if m["type"] == "batch":
                cols = m["columns"]
                rows = [dict(zip(cols, r)) for r in m["rows"]]
                out = [[r["day"], r["id"], r["store"], r["units"] * 2, r["units"] * 2 > 20] for r in rows if r["id"] % 5 != 0]
                send({"type": "batch", "id": m["id"], "columns": ["day", "id", "store", "units", "big"], "rows": out})
            elif m["type"] == "shutdown":
                break
        """)
        try fixture.plugin("keep", kind: "sink", options: "[{ name: file, type: string, required: true, doc: where }]", python: """
        h = hello()
        with open(h["options"]["file"], "a") as f:
            for m in messages():
                if m["type"] == "batch":
                    for r in m["rows"]:
                        f.write(json.dumps(dict(zip(m["columns"], r))) + "\\n")
                    f.flush(); os.fsync(f.fileno())
                    send({"type": "ack", "id": m["id"]})
                elif m["type"] == "shutdown":
                    break
        """)
        let runner = try fixture.runner("""
        checkpoint_interval: 50ms
        sources:
          numbers: { type: numbers, rows: 40 }
        transforms:
          double: { type: double, inputs: [numbers] }
        sinks:
          keep: { type: keep, inputs: [double], file: \(fixture.directory)/keep.jsonl }
          copy: { type: file, inputs: [double], path: \(fixture.directory)/copy.jsonl }
        """)
        try await runner.run()
        let expected = (0..<40).filter { $0 % 5 != 0 }.map { i in
            "{\"id\":\(i),\"store\":\"S\(i % 3)\",\"units\":\(Double(i) * 3),\"day\":\"2024-01-\(String(format: "%02d", 1 + i % 28))\",\"big\":\(Double(i) * 3 > 20)}"
        }
        #expect(fixture.lines("copy.jsonl") == expected)
        let kept = fixture.lines("keep.jsonl").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(kept.map { $0["id"] as! Int } == (0..<40).filter { $0 % 5 != 0 })
        #expect(kept.first?["day"] as? String == "2024-01-02")
        // Every batch (6 of 7 rows, the last of 5) was acknowledged to the source, in order.
        #expect(fixture.lines("plugins/numbers/acks.txt") == (1...6).map(String.init))
    }

    @Test(.timeLimit(.minutes(1))) func killedSourceIsRestartedAndNothingIsLost() async throws {
        let fixture = ExecFixture()
        try Self.source(fixture, crashAfterBatches: 2)
        let runner = try fixture.runner("""
        sources:
          numbers: { type: numbers, rows: 30, restart_backoff: 10ms }
        sinks:
          copy: { type: file, inputs: [numbers], path: \(fixture.directory)/copy.csv, format: csv }
        """)
        try await runner.run()
        let lines = fixture.lines("copy.csv")
        #expect(lines.first == "id,store,units,day")
        // The first run's two batches come again (at least once); every row is there.
        let ids = Set(lines.dropFirst().map { Int($0.split(separator: ",")[0])! })
        #expect(ids == Set(0..<30))
        #expect(runner.metrics[0].snapshot.errors >= 1)
    }
}
