import Foundation
import Testing

/// Agents of one consumer group writing one central database (`aggregate_sales` with
/// `emit: changes`): whatever partitions move and whoever crashes, the central daily table
/// equals the truth the test computes from what it produced. Real broker (Tansu, produced to
/// with confluent-kafka), real PostgreSQL and MariaDB, as `make test` starts them.
@Suite("Scale-out: one group, one central database", .serialized)
struct ScaleOutTests {
    /// The central database of a test: a fresh PostgreSQL schema or MariaDB database.
    struct Central {
        var kind: String
        var name: String
        var sink: String
        var environment: [String: String]

        static func fresh(_ kind: String) throws -> Central {
            if kind == "postgres" {
                let url = try #require(DatabaseSinkTests.url, "RETAIL_EDGE_TEST_PG_URL is not set: run the tests with `make test`")
                let schema = "so_" + UUID().uuidString.prefix(8).lowercased()
                return Central(kind: kind, name: schema, sink: #"{ type: postgres, inputs: [daily], url: "${CENTRAL_URL}", schema: \#(schema), restart_backoff: 200ms }"#,
                               environment: ["CENTRAL_URL": url])
            }
            let (name, url) = try DatabaseSinkTests.freshMariaDBDatabase()
            return Central(kind: kind, name: name, sink: #"{ type: mysql, inputs: [daily], url: "${CENTRAL_URL}", restart_backoff: 200ms }"#,
                           environment: ["CENTRAL_URL": url])
        }

        /// Rows of a query on the central database, `|`-separated.
        func query(_ sql: String) throws -> [String] {
            kind == "postgres" ? try DatabaseSinkTests.psql(sql) : try DatabaseSinkTests.mariadb(sql)
        }

        /// (date|store|product) → [units, revenue, lines] of the central daily table.
        func daily() -> [String: [Double]] {
            // `lines` is a reserved word in MySQL.
            let lines = kind == "postgres" ? "lines" : "`lines`"
            let rows = (try? query("SELECT date, store_id, product_id, units, revenue, \(lines) FROM \(name).fact_sales_daily")) ?? []
            return DatabaseSinkTests.parse(rows)
        }

        /// Lines counted so far.
        func lines() -> Int { Int(daily().values.reduce(0) { $0 + $1[2] }) }
    }

    /// What the test produced: per key [units, revenue, lines], and per partition the offset
    /// after the last message.
    struct Truth {
        var daily: [String: [Double]] = [:]
        var ends: [Int: Int64] = [:]
        var lines: Int { Int(daily.values.reduce(0) { $0 + $1[2] }) }
    }

    static let partitions = 6

    /// `count` transactions from `first` on, over 12 stores, 20 products and May 2024; prices
    /// in quarters, so that every total is exact in binary and in NUMERIC(19,4).
    static func transactions(_ first: Int, _ count: Int, day: ((Int) -> Int)? = nil) -> [(store: String, line: String, key: String, units: Double, revenue: Double)] {
        (first..<(first + count)).map { i in
            let date = String(format: "2024-05-%02d", day?(i) ?? (i / 7 % 28 + 1))
            let (store, product, units, price) = ("S\(i % 12)", "P\(i * 7 % 20)", i % 5 + 1, Double(i % 8 + 1) * 0.25)
            return (store, "\(date)T08:00:00Z,\(store),\(product),\(units),\(price)", "\(date)|\(store)|\(product)", Double(units), Double(units) * price)
        }
    }

    /// Produces the lines with confluent-kafka, keyed by store (librdkafka's default
    /// partitioner: one store, one partition) or round-robin without a key; adds them to
    /// `truth`, with each partition's end from the delivery reports.
    static func produce(_ brokers: String, _ topic: String, keyed: Bool, _ rows: [(store: String, line: String, key: String, units: Double, revenue: Double)], into truth: inout Truth) throws {
        let code = """
        import sys
        from confluent_kafka import Producer
        brokers, topic, keyed, path = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4]
        p = Producer({"bootstrap.servers": brokers, "linger.ms": 20})
        ends = {}
        def delivered(err, msg):
            assert err is None, err
            ends[msg.partition()] = max(ends.get(msg.partition(), 0), msg.offset() + 1)
        for i, row in enumerate(open(path).read().split("\\n")):
            if not row: continue
            store, line = row.split("\\t")
            if keyed: p.produce(topic, line.encode(), key=store.encode(), on_delivery=delivered)
            else: p.produce(topic, line.encode(), partition=i % \(partitions), on_delivery=delivered)
            p.poll(0)
        assert p.flush(60) == 0
        for partition, end in sorted(ends.items()): print(partition, end)
        """
        let file = Agent.temporaryDirectory() + ".tsv"
        try rows.map { "\($0.store)\t\($0.line)" }.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try KafkaBridgeTests.python(code, [brokers, topic, keyed ? "1" : "0", file])
        #expect(result.status == 0, "produce failed: \(result.stderr)")
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let partition = Int(parts[0]), let end = Int64(parts[1]) { truth.ends[partition] = max(truth.ends[partition] ?? 0, end) }
        }
        for row in rows {
            var total = truth.daily[row.key] ?? [0, 0, 0]
            total[0] += row.units
            total[1] += row.revenue
            total[2] += 1
            truth.daily[row.key] = total
        }
    }

    /// The group's committed offset of each partition that has one.
    static func committed(_ brokers: String, _ topic: String, group: String) throws -> [Int: Int64] {
        let code = """
        import sys
        from confluent_kafka import Consumer, TopicPartition
        c = Consumer({"bootstrap.servers": sys.argv[1], "group.id": sys.argv[3]})
        for tp in c.committed([TopicPartition(sys.argv[2], p) for p in range(\(partitions))], timeout=20):
            print(tp.partition, tp.offset)
        c.close()
        """
        let result = try KafkaBridgeTests.python(code, [brokers, topic, group])
        #expect(result.status == 0, "committed failed: \(result.stderr)")
        var offsets: [Int: Int64] = [:]
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let partition = Int(parts[0]), let offset = Int64(parts[1]), offset >= 0 { offsets[partition] = offset }
        }
        return offsets
    }

    /// An agent of the group: topic → `aggregate_sales` (changes) → the central database.
    static func agent(_ directory: String, brokers: String, topic: String, group: String, central: Central, strategy: String = "range") throws -> RunningAgent {
        let yaml = """
        data_dir: \(directory)/state
        checkpoint_interval: 300ms
        sources:
          tx: { type: kafka, brokers: ["\(brokers)"], topics: [\(topic)], group: \(group), format: csv, batch_rows: 500, max_wait: 100ms, columns: \(KafkaBridgeTests.transactionColumns), options: { session.timeout.ms: "6000", partition.assignment.strategy: \(strategy) } }
        transforms:
          daily: { type: aggregate_sales, inputs: [tx], emit: changes }
        sinks:
          central: \(central.sink)
        """
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try yaml.write(toFile: directory + "/agent.yaml", atomically: true, encoding: .utf8)
        return RunningAgent(["run", directory + "/agent.yaml"], log: directory + "/agent.log", environment: central.environment)
    }

    /// A fresh central database and 6-partition topic, and a group name for them.
    static func setUp(_ database: String, group: String) throws -> (brokers: String, central: Central, topic: String, group: String) {
        let brokers = try #require(KafkaBridgeTests.brokers, "\(KafkaBridgeTests.unset)")
        let central = try Central.fresh(database)
        let topic = try KafkaBridgeTests.topic(Self.partitions)
        return (brokers, central, topic, "\(group)-\(topic)")
    }

    /// Stops the agents (each exits 0); then the central table equals the truth and the
    /// group's offsets are at the partitions' ends.
    static func stopAndCheck(_ agents: [RunningAgent], central: Central, truth: Truth, brokers: String, topic: String, group: String) throws {
        for agent in agents { #expect(agent.stop() == 0, "\(agent.output)") }
        #expect(central.daily() == truth.daily, "\(Self.differences(central, truth))")
        let offsets = try Self.committed(brokers, topic, group: group)
        #expect(offsets == truth.ends, "committed \(offsets), ends \(truth.ends)")
    }

    /// Keys whose central row differs from the truth, for the failure message.
    static func differences(_ central: Central, _ truth: Truth) -> String {
        let found = central.daily()
        let keys = Set(found.keys).union(truth.daily.keys).filter { found[$0] != truth.daily[$0] }.sorted()
        return "\(keys.count) rows differ, e.g. " + keys.prefix(5).map { "\($0): central \(found[$0] ?? []) truth \(truth.daily[$0] ?? [])" }.joined(separator: "; ")
    }

    /// Agent A reads a third alone; B joins and the group moves partitions to it mid-stream;
    /// then late lines for an old day arrive. The central table ends equal to the truth, and
    /// the group's offsets at the partitions' ends.
    @Test(arguments: ["postgres", "mysql"])
    func aRebalanceMidStreamAndLateRowsEndExact(database: String) throws {
        let (brokers, central, topic, group) = try Self.setUp(database, group: "rebalance")
        var truth = Truth()
        try Self.produce(brokers, topic, keyed: true, Self.transactions(0, 30_000), into: &truth)
        let first = Agent.temporaryDirectory(), second = Agent.temporaryDirectory()
        let a = try Self.agent(first, brokers: brokers, topic: topic, group: group, central: central)
        #expect(Agent.eventually(90) { central.lines() >= truth.lines / 3 }, "\(a.output)")
        let b = try Self.agent(second, brokers: brokers, topic: topic, group: group, central: central)
        #expect(Agent.eventually(90) { b.output.contains("partitions assigned") && a.output.contains("partitions handed over") }, "A:\n\(a.output)\nB:\n\(b.output)")
        #expect(Agent.eventually(90) { central.daily() == truth.daily }, "\(Self.differences(central, truth))\nA:\n\(a.output)\nB:\n\(b.output)")

        // Late lines for the first day, after the rebalance: added to that day, not replacing it.
        try Self.produce(brokers, topic, keyed: true, Self.transactions(30_000, 36, day: { _ in 1 }), into: &truth)
        #expect(Agent.eventually(60) { central.daily() == truth.daily }, "\(Self.differences(central, truth))")
        try Self.stopAndCheck([a, b], central: central, truth: truth, brokers: brokers, topic: topic, group: group)
    }

    /// A is killed -9 mid-stream; B takes all partitions over and finishes alone; A comes back.
    /// Nothing is lost or counted twice, and the group's offsets never go backwards.
    @Test(arguments: ["postgres", "mysql"])
    func aKilledAgentsPartitionsAreFinishedByTheOtherAndItsReturnChangesNothing(database: String) throws {
        let (brokers, central, topic, group) = try Self.setUp(database, group: "crash")
        var truth = Truth()
        try Self.produce(brokers, topic, keyed: true, Self.transactions(0, 40_000), into: &truth)
        let first = Agent.temporaryDirectory(), second = Agent.temporaryDirectory()
        var a = try Self.agent(first, brokers: brokers, topic: topic, group: group, central: central, strategy: "cooperative-sticky")
        let b = try Self.agent(second, brokers: brokers, topic: topic, group: group, central: central, strategy: "cooperative-sticky")
        #expect(Agent.eventually(90) { a.output.contains("partitions assigned") && b.output.contains("partitions assigned") && central.lines() >= truth.lines / 4 },
                "A:\n\(a.output)\nB:\n\(b.output)")
        kill(a.pid, SIGKILL)
        #expect(a.stop() == 137)
        #expect(Agent.eventually(120) { central.daily() == truth.daily }, "\(Self.differences(central, truth))\nB:\n\(b.output)")
        let settled = try Self.committed(brokers, topic, group: group)

        // A returns with its stale checkpoint; more sales arrive.
        a = try Self.agent(first, brokers: brokers, topic: topic, group: group, central: central, strategy: "cooperative-sticky")
        try Self.produce(brokers, topic, keyed: true, Self.transactions(40_000, 6000), into: &truth)
        #expect(Agent.eventually(120) { central.daily() == truth.daily }, "\(Self.differences(central, truth))\nA:\n\(a.output)\nB:\n\(b.output)")
        for (partition, offset) in try Self.committed(brokers, topic, group: group) {
            #expect(offset >= settled[partition] ?? -1, "partition \(partition)'s committed offset went back from \(settled[partition] ?? -1) to \(offset)")
        }
        try Self.stopAndCheck([a, b], central: central, truth: truth, brokers: brokers, topic: topic, group: group)
    }

    /// Messages spread round-robin (no key): both agents count the same days, stores and
    /// products, and their changes sum in the central table.
    @Test(arguments: ["postgres", "mysql"])
    func anUnkeyedTopicSumsBothAgentsCounts(database: String) throws {
        let (brokers, central, topic, group) = try Self.setUp(database, group: "unkeyed")
        var truth = Truth()
        let first = Agent.temporaryDirectory(), second = Agent.temporaryDirectory()
        let a = try Self.agent(first, brokers: brokers, topic: topic, group: group, central: central)
        let b = try Self.agent(second, brokers: brokers, topic: topic, group: group, central: central)
        #expect(Agent.eventually(60) { a.output.contains("partitions assigned") && b.output.contains("partitions assigned") }, "A:\n\(a.output)\nB:\n\(b.output)")
        try Self.produce(brokers, topic, keyed: false, Self.transactions(0, 30_000), into: &truth)
        #expect(Agent.eventually(90) { central.daily() == truth.daily }, "\(Self.differences(central, truth))\nA:\n\(a.output)\nB:\n\(b.output)")
        try Self.stopAndCheck([a, b], central: central, truth: truth, brokers: brokers, topic: topic, group: group)
    }

    /// The agent is killed -9 while its sink's transaction is open (held open by a trigger that
    /// sleeps): the database rolls it back, and the restarted agent applies that range again,
    /// once.
    @Test(arguments: ["postgres", "mysql"])
    func aKillDuringTheSinksTransactionLosesAndRepeatsNothing(database: String) throws {
        let (brokers, central, topic, group) = try Self.setUp(database, group: "txkill")
        var truth = Truth()
        try Self.produce(brokers, topic, keyed: true, Self.transactions(0, 20_000), into: &truth)
        let directory = Agent.temporaryDirectory()
        var agent = try Self.agent(directory, brokers: brokers, topic: topic, group: group, central: central)
        #expect(Agent.eventually(60) { central.lines() > 0 }, "\(agent.output)")
        let positions = "\(central.name).retail_edge_positions"
        let sleeping: String
        if database == "postgres" {
            _ = try central.query("""
                CREATE FUNCTION \(central.name).hold() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3); RETURN NEW; END $$;
                CREATE TRIGGER hold BEFORE INSERT OR UPDATE ON \(positions) FOR EACH ROW EXECUTE FUNCTION \(central.name).hold();
                """)
            sleeping = "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'"
        } else {
            _ = try central.query("CREATE TRIGGER \(central.name).hold BEFORE INSERT ON \(positions) FOR EACH ROW SET @held = SLEEP(3)")
            sleeping = "SELECT count(*) FROM information_schema.processlist WHERE state = 'User sleep'"
        }
        #expect(Agent.eventually(30) { (try? central.query(sleeping)) == ["1"] }, "\(agent.output)")
        let before = central.lines()
        kill(agent.pid, SIGKILL)
        #expect(agent.stop() == 137)
        _ = try central.query("DROP TRIGGER \(database == "postgres" ? "hold ON \(positions)" : "\(central.name).hold")")
        #expect(Agent.eventually(30) { (try? central.query(sleeping)) == ["0"] })
        // The transaction that was open never committed.
        #expect(central.lines() == before)
        agent = try Self.agent(directory, brokers: brokers, topic: topic, group: group, central: central)
        #expect(Agent.eventually(90) { central.daily() == truth.daily }, "\(Self.differences(central, truth))\n\(agent.output)")
        #expect(agent.stop() == 0, "\(agent.output)")
        #expect(central.daily() == truth.daily, "\(Self.differences(central, truth))")
    }
}
