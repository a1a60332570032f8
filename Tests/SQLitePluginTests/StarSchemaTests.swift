import EdgeCore
import EdgeCoreTesting
import Foundation
import RetailWarehouse
import Testing
@testable import SQLitePlugin

@Suite struct StarSchemaTests {
    static let day = CivilDate(year: 2025, month: 11, day: 28).daysSinceEpoch
    static let trainedAt = Int64(day) * 86_400_000_000

    static let sales = StaticSource.batch(RecordKind.salesDaily, [
        [.date(day), .string("S01"), .string("P001"), .double(10), .double(129.9), .int(4)],
        [.date(day + 1), .string("S01"), .string("P001"), .double(7), .double(90.93), .int(3)],
    ], provenance: Provenance(source: "sales", origin: "sales.csv", first: 2, last: 3))

    static let forecast = StaticSource.batch(RecordKind.forecast, [
        [.string("S01"), .string("P001"), .date(day), .double(9), .double(6), .double(12), .string("ets"), .string("1"), .timestamp(trainedAt)],
        [.string("S01"), .string("P001"), .date(day + 1), .double(11), .double(8), .double(14), .string("ets"), .string("1"), .timestamp(trainedAt)],
        [.string("S01"), .string("P001"), .date(day + 2), .double(12), .double(8), .double(16), .string("ets"), .string("1"), .timestamp(trainedAt)],
    ])

    static let tweets = StaticSource.batch(RecordKind.tweet, [
        [.string("t1"), .timestamp(trainedAt), .string("Love my Aurora X200"), .string("positive"), .string("P001"), .string("S02"), .string("llama"), .string("positive"), .double(0.9)],
        [.string("t2"), .timestamp(trainedAt), .string("meh"), .string("neutral"), .null, .null, .null, .null, .null],
    ])

    func registry() -> PluginRegistry {
        var registry = PluginRegistry()
        registry.register(SQLitePlugin.registration)
        registry.register(StaticSource.registration("sales", [Self.sales]))
        registry.register(StaticSource.registration("forecasts", [Self.forecast]))
        registry.register(StaticSource.registration("tweets", [Self.tweets]))
        return registry
    }

    @Test func everyKindLandsInTheStarSchemaWithIntactReferences() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let catalog = directory + "/catalog.yaml"
        try "products:\n  - { id: P001, name: Aurora X200 Headphones, unit_price: 129.99 }\n".write(toFile: catalog, atomically: true, encoding: .utf8)
        try await PipelineHarness.runOnce(yaml: """
            sources:
              s: { type: sales }
              f: { type: forecasts }
              t: { type: tweets }
            sinks:
              db: { type: sqlite, inputs: [s, f, t], path: \(directory)/out.db, catalog: \(catalog), timezone: America/New_York }
            """, registry: registry(), dataDirectory: directory)
        let db = directory + "/out.db"
        #expect(try SQLiteShell.query(db, "PRAGMA foreign_key_check") == "")
        #expect(try SQLiteShell.query(db, "SELECT date, actual_units, error, inside_interval FROM v_forecast_vs_actual ORDER BY date") == """
            2025-11-28|10.0|1.0|1
            2025-11-29|7.0|-4.0|0
            2025-11-30|||
            """)
        #expect(try SQLiteShell.query(db, "SELECT product_id, product_name, unit_price FROM dim_product ORDER BY product_id") == """
            P001|Aurora X200 Headphones|129.99
            all|All products|
            unknown|Unknown product|
            """)
        #expect(try SQLiteShell.query(db, "SELECT store_id, store_name FROM dim_store ORDER BY store_id") == "S01|S01\nS02|S02\nall|All stores\nunknown|Unknown store")
        #expect(try SQLiteShell.query(db, "SELECT tweet_id, product_id, store_id, created_date FROM fact_tweet ORDER BY tweet_id") == "t1|P001|S02|2025-11-27\nt2|unknown|unknown|2025-11-27")
        #expect(try SQLiteShell.query(db, "SELECT count(*), min(date), max(date), sum(is_holiday) FROM dim_date") == "365|2025-01-01|2025-12-31|11")
        #expect(try SQLiteShell.query(db, "SELECT version FROM retail_edge_schema") == "\(StarSchema.current.version)")
    }

    /// A date the date dimension cannot hold is refused with that reason (the database itself
    /// would only say "FOREIGN KEY constraint failed"), alone, with its origin.
    @Test func rowsOutsideTheDateDimensionAreDeadLetteredAloneWithTheRealReason() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let far = CivilDate(year: 2500, month: 1, day: 1).daysSinceEpoch
        var rows: [[Value]] = (0..<9).map { [.date(Self.day + Int32($0)), .string("S01"), .string("P\($0)"), .double(1), .double(1), .int(1)] }
        rows.insert([.date(far), .string("S01"), .string("P9"), .double(1), .double(1), .int(1)], at: 6)
        var registry = PluginRegistry()
        registry.register(SQLitePlugin.registration)
        registry.register(StaticSource.registration("sales", [StaticSource.batch(RecordKind.salesDaily, rows, provenance: Provenance(source: "in", origin: "day.csv", first: 10, last: 19))]))
        try await PipelineHarness.runOnce(yaml: """
            sources:
              s: { type: sales }
            sinks:
              db: { type: sqlite, inputs: [s], path: \(directory)/out.db }
            """, registry: registry, dataDirectory: directory)
        #expect(try SQLiteShell.query(directory + "/out.db", "SELECT count(*) FROM fact_sales_daily") == "9")
        let deadLetters = try String(contentsOfFile: directory + "/dead_letter/db.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(deadLetters.count == 1)
        #expect(deadLetters.first?.contains("\"2500-01-01\"") == true)
        #expect(deadLetters.first?.contains("date 2500-01-01 is outside the date dimension (1900–2199)") == true)
        #expect(deadLetters.first?.contains("FOREIGN KEY") == false)
        #expect(deadLetters.first?.contains("day.csv:10-19") == true)
    }

    @Test func migrationsAddWhatANewerSchemaHasAndRefuseOlderAgents() throws {
        let path = PipelineHarness.temporaryDirectory() + "/m.db"
        let connection = try SQLiteConnection(path: path, readOnly: false)
        let current = StarSchema.current.version
        // A database of version 1 (before per-class F1) is brought up to date.
        var first = StarSchema.current
        first.version = 1
        first.tables = first.tables.map { table in
            var table = table
            table.columns.removeAll { $0.since > 1 }
            return table
        }
        #expect(try SchemaMigrator.migrate(connection, dialect: SQLiteDialect(), schema: first) == nil)
        #expect(try connection.scalar("SELECT count(*) FROM pragma_table_info('fact_model_metrics') WHERE name LIKE 'f1_%'") == "0")
        #expect(try SchemaMigrator.migrate(connection, dialect: SQLiteDialect()) == 1)
        #expect(try connection.scalar("SELECT count(*) FROM pragma_table_info('fact_model_metrics') WHERE name LIKE 'f1_%'") == "3")
        var next = StarSchema.current
        next.version = current + 1
        let stores = next.tables.firstIndex { $0.name == "dim_store" }!
        next.tables[stores].columns.append(WarehouseColumn("opened_on", .date, .date, nullable: true, since: current + 1))
        next.tables.append(WarehouseTable(name: "fact_footfall", columns: [WarehouseColumn("date", .date, .date, references: "dim_date"), WarehouseColumn("visitors", .int, .bigint)], key: ["date"], since: current + 1))
        #expect(try SchemaMigrator.migrate(connection, dialect: SQLiteDialect(), schema: next) == current)
        #expect(try connection.scalar("SELECT count(*) FROM pragma_table_info('dim_store') WHERE name = 'opened_on'") == "1")
        #expect(try connection.scalar("SELECT group_concat(version) FROM retail_edge_schema") == "1,\(current),\(current + 1)")
        #expect(try connection.scalar("SELECT count(*) FROM v_forecast_vs_actual") == "0")
        #expect(throws: WarehouseError.schemaTooNew(found: current + 1, known: current)) {
            try SchemaMigrator.migrate(connection, dialect: SQLiteDialect())
        }
    }
}
