import EdgeCore
import EdgeCoreTesting
import Foundation
import SalesPlugin
import Testing

/// Business days in the store's zone: offsets and `Z` converted, naive timestamps on their
/// written date, DST days in New York, a store in another zone than the site, and a checkpoint
/// that refuses to continue in another zone.
@Suite("aggregate_sales: local business days")
struct LocalBusinessDayTests {
    static let schema = AggregateSalesTests.schema

    /// Rows of (timestamp text, store, units); timestamps parsed as the csv source does.
    static func batch(_ rows: [(String, String, Int64)]) -> RecordBatch {
        var ts = ColumnBuilder(type: .timestamp), store = ColumnBuilder(type: .string), product = ColumnBuilder(type: .string)
        var units = ColumnBuilder(type: .int), price = ColumnBuilder(type: .double)
        for row in rows {
            ts.append(FieldParser.timestampValue(row.0)!)
            store.append(string: row.1)
            product.append(string: "P1")
            units.append(int: row.2)
            price.append(double: 1)
        }
        return RecordBatch(schema: schema, columns: [ts.finish(), store.finish(), product.finish(), units.finish(), price.finish()])
    }

    func registry(_ store: MemorySinkStore, _ batches: [RecordBatch]) -> PluginRegistry {
        AggregateSalesTests().registry(store, batches: batches)
    }

    func yaml(site: String, stage: String = "", catalog: String? = nil) -> String {
        var options = stage.isEmpty ? "" : ", timezone: \(stage)"
        if let catalog { options += ", catalog: \(catalog)" }
        return """
            checkpoint_interval: 1h
            timezone: \(site)
            sources:
              tx: { type: fixed }
            transforms:
              daily: { type: aggregate_sales, inputs: [tx]\(options) }
            sinks:
              out: { type: memory, inputs: [daily] }
            """
    }

    /// Units per "date|store", as the database would hold them.
    func units(_ store: MemorySinkStore) -> [String: Double] {
        var table: [String: Double] = [:]
        for row in store.rows("out") {
            if case .double(let units) = row[3] { table["\(row[0])|\(row[1])"] = units }
        }
        return table
    }

    func run(_ yaml: String, _ batches: [RecordBatch], directory: String = PipelineHarness.temporaryDirectory()) async throws -> [String: Double] {
        let store = MemorySinkStore()
        try await PipelineHarness.runOnce(yaml: yaml, registry: registry(store, batches), dataDirectory: directory)
        return units(store)
    }

    @Test func offsetsAndUTCAreConvertedToTheSitesDayAndNaiveTimesKeepTheirDate() async throws {
        let rows = try await run(yaml(site: "America/New_York"), [Self.batch([
            ("2024-03-02T22:30:00-05:00", "S1", 1),   // 22:30 in New York: the 2nd, not the UTC 3rd
            ("2024-03-03T03:30:00Z", "S1", 2),        // 22:30 EST on the 2nd
            ("2024-03-02T23:59:59", "S1", 4),         // naive: New York wall time, the 2nd
            ("2024-03-03T00:00:00", "S1", 8),         // naive: the 3rd
            ("2024-03-03T05:00:00Z", "S1", 16),       // midnight EST: the 3rd
        ])])
        #expect(rows == ["2024-03-02|S1": 7, "2024-03-03|S1": 24])
    }

    @Test func springForwardDayInNewYork() async throws {
        // 2024-03-10: clocks go from 02:00 EST to 03:00 EDT (07:00Z).
        let rows = try await run(yaml(site: "America/New_York"), [Self.batch([
            ("2024-03-10T04:30:00Z", "S1", 1),        // 23:30 EST on the 9th (a fixed -04:00 would say the 10th)
            ("2024-03-10T05:30:00Z", "S1", 2),        // 00:30 EST on the 10th
            ("2024-03-10T06:59:59Z", "S1", 4),        // 01:59:59 EST
            ("2024-03-10T07:00:00Z", "S1", 8),        // 03:00 EDT
            ("2024-03-11T03:59:59Z", "S1", 16),       // 23:59:59 EDT, still the 10th (a fixed -05:00 would say the 10th too)
            ("2024-03-11T04:00:00Z", "S1", 32),       // midnight EDT: the 11th (a fixed -05:00 would say the 10th)
            ("2024-03-10T02:30:00", "S1", 64),        // naive, in the skipped hour: counted on its written date
        ])])
        #expect(rows == ["2024-03-09|S1": 1, "2024-03-10|S1": 2 + 4 + 8 + 16 + 64, "2024-03-11|S1": 32])
    }

    @Test func fallBackDayInNewYork() async throws {
        // 2024-11-03: clocks go from 02:00 EDT back to 01:00 EST (06:00Z); 01:xx happens twice.
        let rows = try await run(yaml(site: "America/New_York"), [Self.batch([
            ("2024-11-03T03:59:59Z", "S1", 1),        // 23:59:59 EDT on the 2nd
            ("2024-11-03T04:00:00Z", "S1", 2),        // midnight EDT: the 3rd
            ("2024-11-03T05:30:00Z", "S1", 4),        // 01:30 EDT
            ("2024-11-03T06:30:00Z", "S1", 8),        // 01:30 EST, the repeated hour
            ("2024-11-04T04:30:00Z", "S1", 16),       // 23:30 EST, the 3rd (a fixed -04:00 would say the 4th)
            ("2024-11-04T05:00:00Z", "S1", 32),       // midnight EST: the 4th
            ("2024-11-03T01:30:00", "S1", 64),        // naive, in the repeated hour: its written date
        ])])
        #expect(rows == ["2024-11-02|S1": 1, "2024-11-03|S1": 2 + 4 + 8 + 16 + 64, "2024-11-04|S1": 32])
    }

    @Test func aStoreInTheCatalogueKeepsItsOwnZone() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let catalog = directory + "/catalog.yaml"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try """
            stores:
              - { id: NYC, name: Manhattan }
              - { id: TYO, name: Shibuya, timezone: Asia/Tokyo }
            """.write(toFile: catalog, atomically: true, encoding: .utf8)
        let rows = try await run(yaml(site: "America/New_York", catalog: catalog), [Self.batch([
            ("2024-06-01T16:00:00Z", "NYC", 1),       // 12:00 EDT on the 1st
            ("2024-06-01T16:00:00Z", "TYO", 2),       // 01:00 JST on the 2nd
            ("2024-06-01T23:30:00", "TYO", 4),        // naive Tokyo wall time: the 1st
            ("2024-06-01T14:59:59Z", "TYO", 8),       // 23:59:59 JST on the 1st
        ])], directory: directory + "/state")
        #expect(rows == ["2024-06-01|NYC": 1, "2024-06-02|TYO": 2, "2024-06-01|TYO": 12])
    }

    @Test func theStagesZoneOverridesTheCatalogueAndTheSite() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let catalog = directory + "/catalog.yaml"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "stores:\n  - { id: TYO, name: Shibuya, timezone: Asia/Tokyo }\n".write(toFile: catalog, atomically: true, encoding: .utf8)
        let rows = try await run(yaml(site: "America/New_York", stage: "Europe/Berlin", catalog: catalog), [Self.batch([
            ("2024-06-01T22:30:00Z", "TYO", 1),       // 00:30 CEST on the 2nd (Tokyo: the 2nd too, New York: the 1st)
            ("2024-06-01T21:30:00Z", "NYC", 2),       // 23:30 CEST on the 1st
        ])], directory: directory + "/state")
        #expect(rows == ["2024-06-02|TYO": 1, "2024-06-01|NYC": 2])
    }

    @Test func aChangedZoneIsRefusedInsteadOfSplittingCountedDays() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let batches = [Self.batch([("2024-06-01T16:00:00Z", "S1", 1)])]
        _ = try await run(yaml(site: "America/New_York"), batches, directory: directory)
        await #expect {
            _ = try await run(yaml(site: "Europe/Berlin"), batches, directory: directory)
        } throws: { error in
            guard let failure = error as? PipelineError else { return false }
            return failure.code == .incompatibleState && failure.stages == ["daily"]
                && failure.message.contains("store 'S1'") && failure.message.contains("America/New_York") && failure.message.contains("Europe/Berlin")
        }
        // The same zone under the stage option instead of the site is no change.
        let rows = try await run(yaml(site: "UTC", stage: "America/New_York"), batches, directory: directory)
        #expect(rows.isEmpty)
    }

    @Test func anUnknownZoneIsAConfigErrorWithASuggestion() throws {
        #expect {
            try PipelineHarness.runner(yaml: yaml(site: "America/New_Yrok"), registry: registry(MemorySinkStore(), []), dataDirectory: "/tmp")
        } throws: { error in
            (error as? ConfigError)?.errors.first?.message.contains("did you mean 'America/New_York'?") == true
        }
        #expect {
            try PipelineHarness.runner(yaml: yaml(site: "UTC", stage: "Mars/Olympus"), registry: registry(MemorySinkStore(), []), dataDirectory: "/tmp")
        } throws: { error in
            (error as? ConfigError)?.errors.first?.message.contains("'Mars/Olympus' is not a time zone") == true
        }
    }
}
