import EdgeCore
import EdgeCoreTesting
import Foundation
import RetailWarehouse
import SQLitePlugin
import Testing

/// Emits the same sales_daily rows twice, as a replay after a crash would.
struct ReplayingSource: SourceStage {
    static let schema = RecordKind.salesDaily
    func run(_ context: SourceContext) async throws {
        for _ in 0..<2 {
            var date = ColumnBuilder(type: .date), store = ColumnBuilder(type: .string), product = ColumnBuilder(type: .string)
            var units = ColumnBuilder(type: .double), revenue = ColumnBuilder(type: .double), lines = ColumnBuilder(type: .int)
            for day in 0..<100 {
                date.append(date: Int32(19_723 + day))
                store.append(string: "S'1\"")
                product.append(string: "P\(day % 7)")
                units.append(double: Double(day))
                revenue.append(double: Double(day) * 1.25)
                lines.append(int: Int64(day % 3 + 1))
            }
            try await context.emit(RecordBatch(schema: Self.schema, columns: [date.finish(), store.finish(), product.finish(), units.finish(), revenue.finish(), lines.finish()]), position: [])
        }
    }
}

@Suite struct SQLiteSinkTests {
    @Test func upsertsAreIdempotentAndDatesAreISOText() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        var registry = PluginRegistry()
        registry.register(SQLitePlugin.registration)
        registry.register(PluginRegistration(kind: .source, type: "replay", summary: "", options: []) { _ in
            .source(ReplayingSource(), output: ReplayingSource.schema)
        })
        try await PipelineHarness.runOnce(yaml: """
            sources:
              rows: { type: replay }
            sinks:
              db: { type: sqlite, inputs: [rows], path: \(directory)/out.db }
            """, registry: registry, dataDirectory: directory)
        let output = try SQLiteShell.query(directory + "/out.db", "SELECT count(*), sum(units), sum(lines), min(date), max(date), min(store_id) FROM fact_sales_daily")
        #expect(output == "100|4950.0|199|2024-01-01|2024-04-09|S'1\"")
        let schema = try SQLiteShell.query(directory + "/out.db", "SELECT sql FROM sqlite_master WHERE name = 'fact_sales_daily'")
        #expect(schema.contains("PRIMARY KEY (\"date\", \"store_id\", \"product_id\")"))
    }

    @Test func freeColumnsNeedATableAndValidNames() throws {
        var registry = PluginRegistry()
        registry.register(SQLitePlugin.registration)
        registry.register(CountingSource.registration)
        let base = """
            sources:
              n: { type: counting }
            sinks:
              db: { type: sqlite, inputs: [n] TABLE }
            """
        #expect {
            try PipelineHarness.runner(yaml: base.replacingOccurrences(of: " TABLE", with: ""), registry: registry, dataDirectory: "/tmp")
        } throws: { error in
            (error as? ConfigError)?.errors.first?.message.contains("set 'table'") == true
        }
        #expect {
            try PipelineHarness.runner(yaml: base.replacingOccurrences(of: " TABLE", with: ", table: \"x; DROP TABLE y\""), registry: registry, dataDirectory: "/tmp")
        } throws: { error in
            (error as? ConfigError)?.errors.first?.message.contains("not a valid table name") == true
        }
    }

    @Test func freeColumnsLandInTheirTable() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        var registry = PluginRegistry()
        registry.register(SQLitePlugin.registration)
        registry.register(CountingSource.registration)
        try await PipelineHarness.runOnce(yaml: """
            sources:
              n: { type: counting, batches: 3, rows: 10 }
            sinks:
              db: { type: sqlite, inputs: [n], path: \(directory)/f.db, table: numbers, key: [n] }
            """, registry: registry, dataDirectory: directory)
        #expect(try SQLiteShell.query(directory + "/f.db", "SELECT count(*), sum(n) FROM numbers") == "30|435")
    }
}
