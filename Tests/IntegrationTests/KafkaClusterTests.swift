import Foundation
import Testing

/// The Kafka bridge while the cluster changes under it: a second agent joins the group and the
/// first one leaves, and the broker goes away and comes back mid-stream. Runs against the broker
/// of `scripts/test-kafka.sh` (S3-backed storage, so a restarted broker keeps its messages and
/// committed offsets).
@Suite("Kafka cluster events", .serialized)
struct KafkaClusterTests {
    /// `count` transactions from `first` on: CSV lines and units per `date|store|product`.
    static func transactions(_ first: Int, _ count: Int) -> (lines: [String], units: [String: Int]) {
        var lines: [String] = [], units: [String: Int] = [:]
        for i in first..<(first + count) {
            let (day, store, product, amount) = (i % 28 + 1, "S\(i % 4)", "P\(i % 9)", i % 5 + 1)
            lines.append(String(format: "2024-05-%02dT08:00:00Z,%@,%@,%d,1.00", day, store, product, amount))
            units[String(format: "2024-05-%02d|%@|%@", day, store, product), default: 0] += amount
        }
        return (lines, units)
    }

    /// Units per `date|store|product` in an agent's SQLite warehouse (empty before it exists).
    static func units(_ directory: String) throws -> [String: Int] {
        let database = directory + "/state/retail.db"
        guard FileManager.default.fileExists(atPath: database) else { return [:] }
        var result: [String: Int] = [:]
        for row in try Agent.query(database, "SELECT date||'|'||store_id||'|'||product_id, units FROM fact_sales_daily") {
            let parts = row.split(separator: "|")
            if parts.count == 4, let units = Double(parts[3]) { result[parts[0...2].joined(separator: "|")] = Int(units) }
        }
        return result
    }

    static func total(_ units: [String: Int]) -> Int { units.values.reduce(0, +) }

    /// Units per `date|store|product` in published daily totals: the largest total of each key,
    /// which is its last (totals only grow, and one key's messages share a partition).
    static func finalTotals(_ rows: [[String: Any]]) -> [String: Int] {
        var totals: [String: Int] = [:]
        for row in rows {
            guard let date = row["date"] as? String, let store = row["store_id"] as? String, let product = row["product_id"] as? String,
                  let units = (row["units"] as? NSNumber)?.intValue else { continue }
            totals["\(date)|\(store)|\(product)", default: 0] = max(totals["\(date)|\(store)|\(product)", default: 0], units)
        }
        return totals
    }

    /// A consuming agent: topic → daily aggregate → SQLite, and optionally the totals published on `out`.
    static func config(_ directory: String, brokers: String, topic: String, group: String, out: String? = nil, strategy: String = "range") throws -> String {
        let path = directory + "/agent.yaml"
        var yaml = """
        data_dir: \(directory)/state
        checkpoint_interval: 300ms
        sources:
          tx: { type: kafka, brokers: ["\(brokers)"], topics: [\(topic)], group: \(group), format: csv, batch_rows: 250, max_wait: 100ms, columns: \(KafkaBridgeTests.transactionColumns), options: { session.timeout.ms: "6000", partition.assignment.strategy: \(strategy) } }
        transforms:
          daily: { type: aggregate_sales, inputs: [tx] }
        sinks:
          db: { type: sqlite, inputs: [daily] }
        """
        if let out {
            yaml += "\n  central: { type: kafka, inputs: [daily], brokers: [\"\(brokers)\"], topic: \(out), key: store_id, delivery_timeout: 5s, restart_backoff: 200ms }"
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Eager (range: every partition is revoked, then assigned again) and incremental
    /// (cooperative-sticky: only the partitions that move) rebalancing.
    @Test(arguments: ["range", "cooperative-sticky"])
    func twoAgentsInOneGroupSplitThePartitionsAndOneTakesOverWhenTheOtherStops(strategy: String) throws {
        let brokers = try #require(KafkaBridgeTests.brokers, "\(KafkaBridgeTests.unset)")
        let topic = try KafkaBridgeTests.topic(4)
        let first = Agent.temporaryDirectory(), second = Agent.temporaryDirectory()
        var expected: [String: Int] = [:]
        func produce(_ from: Int, _ count: Int) throws {
            let batch = Self.transactions(from, count)
            try KafkaBridgeTests.produce(brokers, topic, batch.lines, partitions: 4)
            expected.merge(batch.units, uniquingKeysWith: +)
        }
        func combined() throws -> [String: Int] { try Self.units(first).merging(Self.units(second), uniquingKeysWith: +) }

        try produce(0, 4000)
        let a = RunningAgent(["run", try Self.config(first, brokers: brokers, topic: topic, group: "pair-\(strategy)", strategy: strategy)], log: first + "/agent.log")
        #expect(try Agent.eventually(60) { try Self.total(Self.units(first)) == Self.total(expected) }, "\(a.output)")

        // A second agent joins: the group splits the four partitions between them. The first hands
        // its partitions over only once a checkpoint covers what it read, so nothing is read twice.
        let b = RunningAgent(["run", try Self.config(second, brokers: brokers, topic: topic, group: "pair-\(strategy)", strategy: strategy)], log: second + "/agent.log")
        #expect(try Agent.eventually(60) { b.output.contains("partitions assigned") && a.output.contains("partitions handed over") },
                "first:\n\(a.output)\nsecond:\n\(b.output)")
        let before = try Self.total(Self.units(first))
        try produce(4000, 4000)
        #expect(try Agent.eventually(60) { try Self.total(combined()) == Self.total(expected) }, "first:\n\(a.output)\nsecond:\n\(b.output)")
        #expect(try Self.total(Self.units(second)) > 0, "the second agent got no partition")
        #expect(try Self.total(Self.units(first)) > before, "the first agent kept no partition")

        // The first one stops: the second takes over all four partitions from the committed offsets.
        #expect(a.stop() == 0, "\(a.output)")
        try produce(8000, 4000)
        #expect(try Agent.eventually(60) { try Self.total(combined()) == Self.total(expected) }, "second:\n\(b.output)")
        #expect(b.isRunning)
        #expect(b.stop() == 0, "\(b.output)")
        // Each message counted once, by one agent or the other.
        #expect(try combined() == expected)
    }

    @Test func brokerStoppedAndRestartedMidStreamLosesNothing() throws {
        let brokers = try #require(KafkaBridgeTests.brokers, "\(KafkaBridgeTests.unset)")
        let topic = try KafkaBridgeTests.topic(3), out = try KafkaBridgeTests.topic(3)
        let directory = Agent.temporaryDirectory()
        var expected: [String: Int] = [:]
        func produce(_ from: Int, _ count: Int) throws {
            let batch = Self.transactions(from, count)
            try KafkaBridgeTests.produce(brokers, topic, batch.lines)
            expected.merge(batch.units, uniquingKeysWith: +)
        }
        try produce(0, 20_000)
        let agent = RunningAgent(["run", try Self.config(directory, brokers: brokers, topic: topic, group: "restart", out: out)], log: directory + "/agent.log")
        // Through posix_spawn: the broker it starts would inherit Foundation's Process
        // monitoring descriptor, and waiting for the script would wait for the broker.
        func broker(_ command: String) -> Int32 { Daemon.run(["/bin/bash", Agent.packageRoot + "/scripts/test-kafka.sh", command]) }
        defer { _ = broker("resume") }
        // Mid-stream: some, not all, of the messages are in.
        #expect(try Agent.eventually(60) { try Self.total(Self.units(directory)) > 0 }, "\(agent.output)")
        #expect(broker("pause") == 0)
        Thread.sleep(forTimeInterval: 4)
        #expect(agent.isRunning, "the agent stopped while the broker was down:\n\(agent.output)")
        #expect(broker("resume") == 0)
        #expect(try Agent.eventually(90) { try Self.units(directory) == expected }, "\(agent.output)")
        // And it keeps going after the restart.
        try produce(20_000, 2000)
        #expect(try Agent.eventually(60) { try Self.units(directory) == expected }, "\(agent.output)")
        #expect(agent.stop() == 0, "\(agent.output)")

        // The published daily totals reached the broker too: the last message of each day, store
        // and product (one key per store, so one partition, in order) holds its final total.
        let published = Self.finalTotals(try KafkaBridgeTests.consumeJSON(brokers, out, expecting: 1))
        #expect(published == expected)
    }
}
