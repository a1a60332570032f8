import EdgeCore
import EdgeCoreTesting
import Foundation
import SalesPlugin
import Testing

/// A source replaying fixed batches, one per emit, for aggregation tests.
struct FixedBatches: SourceStage {
    let batches: [RecordBatch]
    func run(_ context: SourceContext) async throws {
        let start = context.restoredPosition.flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? 0
        for index in start..<batches.count {
            try await context.emit(batches[index], position: Array(String(index + 1).utf8))
        }
    }
}

@Suite("aggregate_sales: totals across batches and restarts")
struct AggregateSalesTests {
    static let schema = Schema([Field("ts", .timestamp), Field("store_id", .string), Field("product_id", .string), Field("units", .int), Field("unit_price", .double)])

    static func batch(_ rows: [(String, String, String, Int64, Double)]) -> RecordBatch {
        var ts = ColumnBuilder(type: .timestamp), store = ColumnBuilder(type: .string), product = ColumnBuilder(type: .string)
        var units = ColumnBuilder(type: .int), price = ColumnBuilder(type: .double)
        for row in rows {
            ts.append(int: FieldParser.parse(row.0, FieldParser.timestamp)!)
            store.append(string: row.1)
            product.append(string: row.2)
            units.append(int: row.3)
            price.append(double: row.4)
        }
        return RecordBatch(schema: schema, columns: [ts.finish(), store.finish(), product.finish(), units.finish(), price.finish()])
    }

    static let batches = [
        batch([("2024-01-01T09:00:00", "S1", "P1", 2, 1.5), ("2024-01-01T23:59:59", "S1", "P1", 1, 1.5), ("2024-01-02T00:00:00", "S1", "P1", 4, 1.0)]),
        batch([("2024-01-01T12:00:00", "S1", "P1", 3, 2.0), ("2024-01-01T12:00:00", "S2", "P1", 1, 1.0)]),
        batch([("2024-01-02T08:00:00", "S1", "P1", 1, 1.0), ("2024-01-01T08:00:00+02:00", "S1", "P1", 1, 1.0)]),
    ]

    func registry(_ store: MemorySinkStore, batches: [RecordBatch]) -> PluginRegistry {
        var registry = PluginRegistry()
        registry.register(SalesPlugin.registration)
        registry.register(MemorySink.registration(store: store))
        registry.register(PluginRegistration(kind: .source, type: "fixed", summary: "", options: []) { _ in
            .source(FixedBatches(batches: batches), output: Self.schema)
        })
        return registry
    }

    let yaml = """
        checkpoint_interval: 1h
        timezone: UTC
        sources:
          tx: { type: fixed }
        transforms:
          daily: { type: aggregate_sales, inputs: [tx] }
        sinks:
          out: { type: memory, inputs: [daily] }
        """

    /// The last value written per (date, store, product), as the database would hold it.
    func table(_ store: MemorySinkStore) -> [String: [Value]] {
        var table: [String: [Value]] = [:]
        for row in store.rows("out") { table["\(row[0])|\(row[1])|\(row[2])"] = Array(row[3...]) }
        return table
    }

    @Test func aDaySpanningBatchesIsOneRowWithFullTotals() async throws {
        let store = MemorySinkStore()
        try await PipelineHarness.runOnce(yaml: yaml, registry: registry(store, batches: Self.batches), dataDirectory: PipelineHarness.temporaryDirectory())
        let rows = table(store)
        #expect(rows.count == 3)
        // 2×1.5 + 1×1.5 + 3×2.0 + 1×1.0 (06:00 UTC from +02:00)
        #expect(rows["2024-01-01|S1|P1"] == [.double(7), .double(11.5), .int(4)])
        #expect(rows["2024-01-02|S1|P1"] == [.double(5), .double(5), .int(2)])
        #expect(rows["2024-01-01|S2|P1"] == [.double(1), .double(1), .int(1)])
        #expect(store.batches("out").allSatisfy { $0.schema.kind == "sales_daily" })
    }

    @Test func stateSurvivesARestartAndLaterRowsAddToIt() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let first = MemorySinkStore()
        try await PipelineHarness.runOnce(yaml: yaml, registry: registry(first, batches: Array(Self.batches.prefix(2))), dataDirectory: directory)
        #expect(table(first)["2024-01-01|S1|P1"] == [.double(6), .double(10.5), .int(3)])
        // A second run sees the same source with one more batch and resumes after batch 2.
        let second = MemorySinkStore()
        try await PipelineHarness.runOnce(yaml: yaml, registry: registry(second, batches: Self.batches), dataDirectory: directory)
        let rows = table(second)
        #expect(rows.count == 2)
        #expect(rows["2024-01-01|S1|P1"] == [.double(7), .double(11.5), .int(4)])
        #expect(rows["2024-01-02|S1|P1"] == [.double(5), .double(5), .int(2)])
    }

    @Test func dataWithoutPricesAggregatesUnitsWithZeroRevenue() async throws {
        let store = MemorySinkStore()
        let yaml = self.yaml.replacingOccurrences(of: "inputs: [tx] }", with: #"inputs: [tx], price_column: "" }"#)
        try await PipelineHarness.runOnce(yaml: yaml, registry: registry(store, batches: Self.batches), dataDirectory: PipelineHarness.temporaryDirectory())
        #expect(table(store)["2024-01-01|S1|P1"] == [.double(7), .double(0), .int(4)])
    }

    @Test func missingColumnsAreConfigErrorsNamingTheOption() throws {
        let store = MemorySinkStore()
        let bad = yaml.replacingOccurrences(of: "inputs: [tx] }", with: "inputs: [tx], units_column: qty }")
        #expect {
            try PipelineHarness.runner(yaml: bad, registry: registry(store, batches: []), dataDirectory: "/tmp")
        } throws: { error in
            (error as? ConfigError)?.errors.first?.message.contains("input has no column 'qty'") == true
        }
    }

    /// One row per day `first...last` of `store`, product P1, 1 unit at 1.0, at noon.
    static func days(_ store: String, _ first: CivilDate, through last: CivilDate) -> [(String, String, String, Int64, Double)] {
        (first.daysSinceEpoch...last.daysSinceEpoch).map { ("\(CivilDate(daysSinceEpoch: $0))T12:00:00", store, "P1", 1, 1.0) }
    }

    @Test func aRetentionWindowDropsOldDaysAndDeadLettersRowsThatCameTooLate() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let yaml = self.yaml.replacingOccurrences(of: "inputs: [tx] }", with: "inputs: [tx], retention_days: 3 }")
        let day = { (d: Int) in CivilDate(year: 2024, month: 1, day: d) }
        let first = [Self.batch(Self.days("S1", day(1), through: day(10)) + Self.days("S2", day(8), through: day(9)))]
        try await PipelineHarness.runOnce(yaml: yaml, registry: registry(MemorySinkStore(), batches: first), dataDirectory: directory)
        // The run ended with a checkpoint: S1 keeps Jan 7-10 (3 days before its newest, the 10th), S2 Jan 6-9.
        let second = first + [Self.batch([
            ("2024-01-02T12:00:00", "S1", "P1", 5, 1.0),  // too late: dropped
            ("2024-01-06T12:00:00", "S1", "P1", 5, 1.0),  // too late: the first day dropped
            ("2024-01-07T12:00:00", "S1", "P1", 5, 1.0),  // kept: adds to the stored total
            ("2024-01-06T12:00:00", "S2", "P1", 5, 1.0),  // kept for S2, whose newest day is the 9th
            ("2024-01-02T12:00:00", "S2", "P1", 5, 1.0),  // too late for S2
        ])]
        let store = MemorySinkStore()
        try await PipelineHarness.runOnce(yaml: yaml, registry: registry(store, batches: second), dataDirectory: directory)
        let rows = table(store)
        #expect(rows["2024-01-07|S1|P1"] == [.double(6), .double(6), .int(2)])
        #expect(rows["2024-01-06|S2|P1"] == [.double(5), .double(5), .int(1)])
        #expect(rows.count == 2)
        let letters = try String(contentsOfFile: directory + "/dead_letter/daily.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(letters.count == 3)
        #expect(letters[0].contains("day 2024-01-02 is more than retention_days (3) before store S1's newest day 2024-01-10"))
        #expect(letters[2].contains("store S2's newest day 2024-01-09"))
    }

    @Test func aDayFarInTheFutureDoesNotPushTodaysTotalsOut() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let yaml = self.yaml.replacingOccurrences(of: "inputs: [tx] }", with: "inputs: [tx], retention_days: 7 }")
        let today = CivilDate(daysSinceEpoch: Int(Date().timeIntervalSince1970 / 86_400))
        let yesterday = CivilDate(daysSinceEpoch: today.daysSinceEpoch - 1)
        let first = [Self.batch(Self.days("S1", CivilDate(daysSinceEpoch: today.daysSinceEpoch - 3), through: today) + [("2999-01-01T12:00:00", "S1", "P1", 1, 1.0)])]
        try await PipelineHarness.runOnce(yaml: yaml, registry: registry(MemorySinkStore(), batches: first), dataDirectory: directory)
        let store = MemorySinkStore()
        try await PipelineHarness.runOnce(yaml: yaml, registry: registry(store, batches: first + [Self.batch([("\(yesterday)T15:00:00", "S1", "P1", 2, 1.0)])]),
                                          dataDirectory: directory)
        #expect(table(store)["\(yesterday)|S1|P1"] == [.double(3), .double(3), .int(2)])
    }

    @Test func aRetentionWindowIsRefusedWithChanges() throws {
        let bad = yaml.replacingOccurrences(of: "inputs: [tx] }", with: "inputs: [tx], retention_days: 30, emit: changes }")
        #expect {
            try PipelineHarness.runner(yaml: bad, registry: registry(MemorySinkStore(), batches: []), dataDirectory: "/tmp")
        } throws: { error in
            (error as? ConfigError)?.errors.first?.message.contains("retention_days") == true
        }
    }
}
