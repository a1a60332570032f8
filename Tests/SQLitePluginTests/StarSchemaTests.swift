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
        [.string("S01"), .string("P001"), .date(day), .double(9), .double(6), .double(12), .string("ets"), .string("1"), .timestamp(trainedAt), .int(1)],
        [.string("S01"), .string("P001"), .date(day + 1), .double(11), .double(8), .double(14), .string("ets"), .string("1"), .timestamp(trainedAt), .int(2)],
        [.string("S01"), .string("P001"), .date(day + 2), .double(12), .double(8), .double(16), .string("ets"), .string("1"), .timestamp(trainedAt), .int(3)],
    ])

    /// One training run's forecasts for S01/P001: (day offset, yhat, lower, upper), horizons 1, 2, ….
    static func run(trainedAt: Int64, _ days: [(Int32, Double, Double, Double)]) -> RecordBatch {
        StaticSource.batch(RecordKind.forecast, days.enumerated().map { step, day in
            [.string("S01"), .string("P001"), .date(Self.day + day.0), .double(day.1), .double(day.2), .double(day.3),
             .string("ets"), .string("1"), .timestamp(trainedAt), .int(Int64(step + 1))]
        })
    }

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
        #expect(try SQLiteShell.query(db, "SELECT count(*), min(date), max(date), sum(is_holiday) FROM dim_date") == "365|2025-01-01|2025-12-31|\(HolidayCalendar.unitedStates.days(in: 2025).count)")
        #expect(try SQLiteShell.query(db, "SELECT version FROM retail_edge_schema") == "\(StarSchema.current.version)")
    }

    /// Two training runs: fact_forecast keeps the later one per day, the snapshot both; the
    /// accuracy views measure every run on the days sales cover (a day without a sales row sold 0).
    @Test func snapshotsKeepEveryTrainingRunAndTheAccuracyViewsMeasureThem() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let sales = StaticSource.batch(RecordKind.salesDaily, [
            [.date(Self.day + 1), .string("S01"), .string("P001"), .double(10), .double(100), .int(3)],
            [.date(Self.day + 3), .string("S01"), .string("P001"), .double(8), .double(80), .int(2)],
        ])
        let first = Self.run(trainedAt: Self.trainedAt, [(1, 9, 6, 12), (2, 2, 0, 4), (3, 10, 7, 13)])
        let second = Self.run(trainedAt: Self.trainedAt + 86_400_000_000, [(2, 1, 0, 3), (3, 6, 5, 7), (4, 7, 5, 9)])
        var registry = PluginRegistry()
        registry.register(SQLitePlugin.registration)
        registry.register(StaticSource.registration("sales", [sales]))
        registry.register(StaticSource.registration("forecasts", [first, second]))
        try await PipelineHarness.runOnce(yaml: """
            sources:
              s: { type: sales }
              f: { type: forecasts }
            sinks:
              db: { type: sqlite, inputs: [s, f], path: \(directory)/out.db, timezone: UTC }
            """, registry: registry, dataDirectory: directory)
        let db = directory + "/out.db"
        #expect(try SQLiteShell.query(db, "PRAGMA foreign_key_check") == "")
        #expect(try SQLiteShell.query(db, "SELECT date, yhat, horizon_days FROM fact_forecast ORDER BY date") == """
            2025-11-29|9.0|1
            2025-11-30|1.0|1
            2025-12-01|6.0|2
            2025-12-02|7.0|3
            """)
        #expect(try SQLiteShell.query(db, "SELECT count(*), count(DISTINCT trained_at) FROM fact_forecast_snapshot") == "6|2")
        #expect(try SQLiteShell.query(db, """
            SELECT trained_date, date, horizon_days, actual_units, error, abs_error, ape, round(smape, 4), inside_interval
            FROM v_forecast_accuracy ORDER BY trained_at, date
            """) == """
            2025-11-28|2025-11-29|1|10.0|1.0|1.0|0.1|0.1053|1
            2025-11-28|2025-11-30|2|0.0|-2.0|2.0||2.0|1
            2025-11-28|2025-12-01|3|8.0|-2.0|2.0|0.25|0.2222|1
            2025-11-29|2025-11-30|1|0.0|-1.0|1.0||2.0|1
            2025-11-29|2025-12-01|2|8.0|2.0|2.0|0.25|0.2857|0
            """)
        #expect(try SQLiteShell.query(db, "SELECT horizon_days, forecasts, actual_units, mae, bias, wape, mape, coverage FROM v_forecast_accuracy_by_horizon ORDER BY 1") == """
            1|2|10.0|1.0|0.0|0.2|0.1|1.0
            2|2|8.0|2.0|0.0|0.5|0.25|0.5
            3|1|8.0|2.0|-2.0|0.25|0.25|1.0
            """)
        #expect(try SQLiteShell.query(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'fact_forecast_snapshot' AND name LIKE 'ix_%' ORDER BY 1") == """
            ix_fact_forecast_snapshot_date
            ix_fact_forecast_snapshot_product
            ix_fact_forecast_snapshot_store
            """)
    }

    /// A database the previous agent (schema version 2) created and filled migrates when the
    /// sink opens it: its rows stay, the new table, column, indexes and views appear.
    @Test func aVersion2DatabaseMigratesOnOpenAndKeepsItsRows() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let db = directory + "/out.db"
        _ = try SQLiteShell.query(db, ".read \(Self.packageRoot)/Tests/Fixtures/schema/v2-sqlite.sql")
        _ = try SQLiteShell.query(db, """
            INSERT INTO dim_date VALUES ('2025-11-20', 2025, 4, 11, 'November', 47, 4, 'Thursday', 0, 0, NULL);
            INSERT INTO dim_store VALUES ('S09', 'Old store', NULL, NULL);
            INSERT INTO dim_product VALUES ('P009', 'Old product', NULL, NULL, NULL);
            INSERT INTO fact_sales_daily VALUES ('2025-11-20', 'S09', 'P009', 3.0, 30.0, 1);
            INSERT INTO fact_forecast VALUES ('S09', 'P009', '2025-11-20', 2.5, 1.0, 4.0, 'ets', '1', '2025-11-19T02:00:00Z', '2025-11-19');
            """)
        #expect(try SQLiteShell.query(db, "SELECT group_concat(version) FROM retail_edge_schema") == "2")
        try await PipelineHarness.runOnce(yaml: """
            sources:
              s: { type: sales }
              f: { type: forecasts }
            sinks:
              db: { type: sqlite, inputs: [s, f], path: \(db) }
            """, registry: registry(), dataDirectory: directory)
        #expect(try SQLiteShell.query(db, "SELECT group_concat(version) FROM retail_edge_schema") == "2,\(StarSchema.current.version)")
        #expect(try SQLiteShell.query(db, "SELECT units FROM fact_sales_daily WHERE store_id = 'S09'") == "3.0")
        #expect(try SQLiteShell.query(db, "SELECT yhat, horizon_days IS NULL FROM fact_forecast WHERE store_id = 'S09'") == "2.5|1")
        #expect(try SQLiteShell.query(db, "SELECT store_name FROM dim_store WHERE store_id = 'S09'") == "Old store")
        #expect(try SQLiteShell.query(db, "SELECT count(*), min(horizon_days), max(horizon_days) FROM fact_forecast_snapshot") == "3|1|3")
        #expect(try SQLiteShell.query(db, "SELECT count(*) FROM v_forecast_accuracy") == "2")
        #expect(try SQLiteShell.query(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'") == "3")
        #expect(try SQLiteShell.query(db, "PRAGMA foreign_key_check") == "")
    }

    /// A warehouse shared by stores of two countries: `dim_date` names the site's (the sink's
    /// `calendar`) holidays, `dim_holiday` every calendar's, and each store says which it follows.
    @Test func eachCalendarsHolidaysLandInDimHolidayAndStoresNameTheirs() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        try "stores:\n  - { id: S01, name: Leeds, calendar: GB }\n  - { id: S02, name: Boston }\n".write(toFile: directory + "/catalog.yaml", atomically: true, encoding: .utf8)
        try """
            calendars:
              GB:
                holidays:
                  - { name: Christmas Day, date: 12-25 }
                  - { name: Boxing Day, after: Christmas Day, offset: 1 }
            """.write(toFile: directory + "/holidays.yaml", atomically: true, encoding: .utf8)
        try await PipelineHarness.runOnce(yaml: """
            sources:
              s: { type: sales }
            sinks:
              db: { type: sqlite, inputs: [s], path: \(directory)/out.db, catalog: \(directory)/catalog.yaml, holidays: \(directory)/holidays.yaml }
            """, registry: registry(), dataDirectory: directory)
        let db = directory + "/out.db"
        #expect(try SQLiteShell.query(db, "SELECT holiday_name FROM dim_date WHERE date = '2025-11-28'") == "Black Friday")
        #expect(try SQLiteShell.query(db, "SELECT calendar, count(*) FROM dim_holiday GROUP BY calendar ORDER BY calendar") == """
            GB|2
            US|\(HolidayCalendar.unitedStates.days(in: 2025).count)
            """)
        #expect(try SQLiteShell.query(db, """
            SELECT s.store_id, h.holiday_name FROM dim_store s
            JOIN dim_holiday h ON h.calendar = COALESCE(s.calendar, 'US') AND h.date = '2025-12-26'
            WHERE s.store_id NOT IN ('unknown', 'all')
            ORDER BY s.store_id
            """) == "S01|Boxing Day\nS02|Day after Christmas")
        #expect(try SQLiteShell.query(db, "PRAGMA foreign_key_check") == "")
    }

    /// A version 3 database migrates on open, and the years its `dim_date` already holds get
    /// every calendar's holidays (as a calendar added to the holidays file later would).
    @Test func aVersion3DatabaseMigratesAndItsYearsGetEveryCalendarsHolidays() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        let db = directory + "/out.db"
        _ = try SQLiteShell.query(db, ".read \(Self.packageRoot)/Tests/Fixtures/schema/v3-sqlite.sql")
        _ = try SQLiteShell.query(db, """
            WITH RECURSIVE d(x) AS (SELECT '2023-01-01' UNION ALL SELECT date(x, '+1 day') FROM d WHERE x < '2023-12-31')
            INSERT INTO dim_date SELECT x, 2023, 1, 1, 'January', 1, 1, 'Monday', 0, 0, NULL FROM d;
            INSERT INTO dim_store VALUES ('S09', 'Old store', NULL, NULL);
            """)
        #expect(try SQLiteShell.query(db, "SELECT group_concat(version) FROM retail_edge_schema") == "3")
        try await PipelineHarness.runOnce(yaml: """
            sources:
              s: { type: sales }
            sinks:
              db: { type: sqlite, inputs: [s], path: \(db) }
            """, registry: registry(), dataDirectory: directory)
        #expect(try SQLiteShell.query(db, "SELECT group_concat(version) FROM retail_edge_schema") == "3,\(StarSchema.current.version)")
        #expect(try SQLiteShell.query(db, "SELECT store_name, calendar IS NULL FROM dim_store WHERE store_id = 'S09'") == "Old store|1")
        #expect(try SQLiteShell.query(db, "SELECT holiday_name FROM dim_holiday WHERE calendar = 'US' AND date = '2023-11-24'") == "Black Friday")
        let expected = HolidayCalendar.unitedStates.days(in: 2023).count + HolidayCalendar.unitedStates.days(in: 2025).count
        #expect(try SQLiteShell.query(db, "SELECT count(*) FROM dim_holiday") == "\(expected)")
        #expect(try SQLiteShell.query(db, "PRAGMA foreign_key_check") == "")
    }

    /// The repository's root (this file is in Tests/SQLitePluginTests/).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

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
        first.tables = first.tables.filter { $0.since == 1 }.map { table in
            var table = table
            table.columns.removeAll { $0.since > 1 }
            table.indexes.removeAll { $0.since > 1 }
            return table
        }
        first.views = first.views.filter { ["v_forecast_vs_actual", "v_sentiment_vs_sales"].contains($0.name) }
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
