import EdgeCore
import Foundation
import RetailWarehouse
import Testing

/// Forecast snapshots and the schema migrations to versions 3 and 4 on the servers `make test` starts
/// (scripts/test-postgres.sh, scripts/test-mariadb.sh), through the agent as a user runs it.
@Suite("Forecast snapshots", .serialized)
struct ForecastSnapshotTests {
    typealias Query = (String) throws -> [String]

    /// Demo transactions for 3 stores × 4 products from 2024-01-01, one CSV file per month.
    static func monthlyFiles(days: Int) throws -> (directory: String, files: [String]) {
        let data = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", data, "--stores", "3", "--products", "4", "--days", String(days)]).status == 0)
        return (data, try FileManager.default.contentsOfDirectory(atPath: data).sorted())
    }

    /// CSV → daily sales → 14-day forecasts → PostgreSQL (schema `schema`) and MariaDB.
    static func pipeline(directory: String, schema: String) -> String {
        """
        data_dir: \(directory)/state
        sources:
          transactions:
            type: csv
            path: \(directory)/tx
            columns: { ts: timestamp, store_id: string, product_id: string, units: int, unit_price: double }
        transforms:
          daily: { type: aggregate_sales, inputs: [transactions] }
          forecast: { type: forecast, inputs: [daily], horizon_days: 14 }
        sinks:
          pg: { type: postgres, inputs: [daily, forecast, forecast.metrics], url: "${TEST_DATABASE_URL}", schema: \(schema) }
          my: { type: mysql, inputs: [daily, forecast, forecast.metrics], url: "${TEST_MYSQL_URL}" }
        """
    }

    /// Runs the pipeline once after copying `files` into its drop directory.
    static func run(_ directory: String, adding files: [String], from data: String, environment: [String: String]) throws {
        try FileManager.default.createDirectory(atPath: directory + "/tx", withIntermediateDirectories: true)
        for file in files { try FileManager.default.copyItem(atPath: data + "/" + file, toPath: directory + "/tx/" + file) }
        let result = try Agent.run(["run", "--once", directory + "/p.yaml"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// A fresh PostgreSQL schema and MariaDB database, and the environment that points the pipeline at them.
    static func freshDatabases() throws -> (schema: String, database: String, environment: [String: String]) {
        let url = try #require(DatabaseSinkTests.url, "RETAIL_EDGE_TEST_PG_URL is not set: run the tests with `make test`")
        let (database, mysqlURL) = try DatabaseSinkTests.freshMariaDBDatabase()
        return ("it_" + UUID().uuidString.prefix(8).lowercased(), database, ["TEST_DATABASE_URL": url, "TEST_MYSQL_URL": mysqlURL])
    }

    @Test func snapshotsAccumulateAcrossTwoRetrainsAndTheAccuracyViewsMeasureTheFirst() throws {
        let (schema, database, environment) = try Self.freshDatabases()
        let (data, files) = try Self.monthlyFiles(days: 91)
        #expect(files.count == 3)
        let directory = Agent.temporaryDirectory()
        try Self.pipeline(directory: directory, schema: schema).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        // January and February, then March: the first run's forecasts (1–14 March) meet March's sales.
        try Self.run(directory, adding: Array(files.prefix(2)), from: data, environment: environment)
        try Self.run(directory, adding: [files[2]], from: data, environment: environment)
        for (name, prefix, query) in [("postgres", schema, DatabaseSinkTests.psql as Query), ("mariadb", database, DatabaseSinkTests.mariadb as Query)] {
            try Self.checkSnapshots(query: query, prefix: prefix, name: name)
        }
    }

    /// Both runs are in the snapshot, fact_forecast holds the second; the accuracy view's rows
    /// and per-horizon MAE match what the test computes from the snapshot and the sales.
    static func checkSnapshots(query: Query, prefix: String, name: String) throws {
        let (falseText, trueText) = name == "postgres" ? ("f", "t") : ("0", "1")
        let series = try #require(Int(try query("SELECT COUNT(*) FROM (SELECT DISTINCT store_id, product_id FROM \(prefix).fact_sales_daily) s").first ?? ""))
        #expect(series == 12, "\(name)")
        #expect(try query("SELECT COUNT(*), COUNT(DISTINCT trained_at) FROM \(prefix).fact_forecast_snapshot") == ["\(2 * series * 14)|2"], "\(name)")
        // fact_forecast holds the latest forecast of each day: the second run's April, the first run's March.
        #expect(try query("SELECT trained_at = (SELECT MAX(trained_at) FROM \(prefix).fact_forecast_snapshot), COUNT(*), MIN(date), MAX(date), MIN(horizon_days), MAX(horizon_days) FROM \(prefix).fact_forecast GROUP BY 1 ORDER BY 1")
            == ["\(falseText)|\(series * 14)|2024-03-01|2024-03-14|1|14", "\(trueText)|\(series * 14)|2024-04-01|2024-04-14|1|14"], "\(name)")
        // Only the first run's days have passed.
        #expect(try query("SELECT COUNT(*), MIN(date), MAX(date) FROM \(prefix).v_forecast_accuracy WHERE trained_at = (SELECT MIN(trained_at) FROM \(prefix).fact_forecast_snapshot)")
            == ["\(series * 14)|2024-03-01|2024-03-14"], "\(name)")
        #expect(try query("SELECT COUNT(*) FROM \(prefix).v_forecast_accuracy") == ["\(series * 14)"], "\(name)")

        // The truth, from the base tables: |actual − yhat| per horizon, a day without sales being 0.
        var actual: [String: Double] = [:]
        for row in try query("SELECT date, store_id, product_id, units FROM \(prefix).fact_sales_daily WHERE date >= '2024-03-01'") {
            let f = row.split(separator: "|").map(String.init)
            actual["\(f[0])|\(f[1])|\(f[2])"] = Double(f[3])
        }
        var errors: [Int: [Double]] = [:]
        for row in try query("SELECT date, store_id, product_id, horizon_days, yhat FROM \(prefix).fact_forecast_snapshot WHERE date <= '2024-03-31'") {
            let f = row.split(separator: "|").map(String.init)
            errors[Int(f[3])!, default: []].append(abs((actual["\(f[0])|\(f[1])|\(f[2])"] ?? 0) - Double(f[4])!))
        }
        #expect(errors.keys.sorted() == Array(1...14), "\(name)")
        let byHorizon = try query("SELECT horizon_days, forecasts, mae, coverage FROM \(prefix).v_forecast_accuracy_by_horizon ORDER BY horizon_days")
        #expect(byHorizon.count == 14, "\(name): \(byHorizon)")
        var coverages: [Double] = []
        for row in byHorizon {
            let f = row.split(separator: "|").map(String.init)
            let horizon = Int(f[0])!, expected = errors[horizon] ?? []
            #expect(Int(f[1]) == expected.count, "\(name) horizon \(horizon)")
            let mae = expected.reduce(0, +) / Double(expected.count)
            #expect(abs(Double(f[2])! - mae) <= 1e-9 * max(1, mae), "\(name) horizon \(horizon): \(f[2]) vs \(mae)")
            coverages.append(Double(f[3])!)
        }
        // 80% intervals: most March days fall inside them.
        let coverage = coverages.reduce(0, +) / Double(coverages.count)
        #expect(coverage > 0.4 && coverage <= 1, "\(name): coverage \(coverage)")
    }

    @Test func aVersion2DatabaseMigratesOnStartAndKeepsItsRows() throws {
        let (schema, database, environment) = try Self.freshDatabases()
        let fixtures = Agent.packageRoot + "/Tests/Fixtures/schema/"
        let postgresDDL = try String(contentsOfFile: fixtures + "v2-postgres.sql", encoding: .utf8).replacingOccurrences(of: "\"retail_v2\"", with: "\"\(schema)\"")
        _ = try DatabaseSinkTests.psql(postgresDDL)
        _ = try DatabaseSinkTests.mariadb("USE \(database);\n" + (try String(contentsOfFile: fixtures + "v2-mysql.sql", encoding: .utf8)))
        for (prefix, query) in [(schema, DatabaseSinkTests.psql as Query), (database, DatabaseSinkTests.mariadb as Query)] {
            #expect(try query("SELECT version FROM \(prefix).retail_edge_schema") == ["2"])
            _ = try query("""
                INSERT INTO \(prefix).dim_date VALUES ('2023-06-15', 2023, 2, 6, 'June', 24, 4, 'Thursday', FALSE, FALSE, NULL);
                INSERT INTO \(prefix).dim_store VALUES ('S09', 'Old store', NULL, NULL);
                INSERT INTO \(prefix).dim_product VALUES ('P009', 'Old product', NULL, NULL, NULL);
                INSERT INTO \(prefix).fact_sales_daily VALUES ('2023-06-15', 'S09', 'P009', 3, 30, 1);
                INSERT INTO \(prefix).fact_forecast VALUES ('S09', 'P009', '2023-06-15', 2.5, 1, 4, 'ets', '1', '2023-06-14 02:00:00', '2023-06-14');
                """)
        }
        let (data, files) = try Self.monthlyFiles(days: 31)
        let directory = Agent.temporaryDirectory()
        try Self.pipeline(directory: directory, schema: schema).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        try Self.run(directory, adding: files, from: data, environment: environment)
        for (name, prefix, query) in [("postgres", schema, DatabaseSinkTests.psql as Query), ("mariadb", database, DatabaseSinkTests.mariadb as Query)] {
            #expect(try query("SELECT version FROM \(prefix).retail_edge_schema ORDER BY version") == ["2", "\(StarSchema.current.version)"], "\(name)")
            #expect(try query("SELECT store_name, units FROM \(prefix).fact_sales_daily JOIN \(prefix).dim_store USING (store_id) WHERE store_id = 'S09'") == ["Old store|3"], "\(name)")
            #expect(try query("SELECT COUNT(*) FROM \(prefix).fact_forecast WHERE store_id = 'S09' AND horizon_days IS NULL") == ["1"], "\(name)")
            #expect(try query("SELECT COUNT(*), MIN(horizon_days), MAX(horizon_days) FROM \(prefix).fact_forecast_snapshot") == ["\(12 * 14)|1|14"], "\(name)")
            let views = try query("SELECT table_name FROM information_schema.views WHERE table_schema = '\(prefix)' ORDER BY 1")
            #expect(views == StarSchema.current.views.map(\.name).sorted(), "\(name)")
        }
        #expect(try DatabaseSinkTests.psql("SELECT indexname FROM pg_indexes WHERE schemaname = '\(schema)' AND indexname LIKE 'ix_%' ORDER BY 1") == Self.snapshotIndexes)
        #expect(try DatabaseSinkTests.mariadb("SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema = '\(database)' AND index_name LIKE 'ix_%' ORDER BY 1") == Self.snapshotIndexes)
    }

    /// A version 3 database migrates to version 4 on start: `dim_holiday` and `dim_store.calendar`
    /// appear, its rows stay, and the years its `dim_date` already holds get every calendar's holidays.
    @Test func aVersion3DatabaseMigratesOnStartAndItsYearsGetTheirHolidays() throws {
        let (schema, database, environment) = try Self.freshDatabases()
        let fixtures = Agent.packageRoot + "/Tests/Fixtures/schema/"
        let postgresDDL = try String(contentsOfFile: fixtures + "v3-postgres.sql", encoding: .utf8).replacingOccurrences(of: "\"retail_v3\"", with: "\"\(schema)\"")
        _ = try DatabaseSinkTests.psql(postgresDDL)
        _ = try DatabaseSinkTests.mariadb("USE \(database);\n" + (try String(contentsOfFile: fixtures + "v3-mysql.sql", encoding: .utf8)))
        // The year 2023, whole, as the agent of version 3 left it.
        _ = try DatabaseSinkTests.psql("""
            INSERT INTO \(schema).dim_date SELECT d::date, 2023, 1, 1, 'January', 1, 1, 'Monday', FALSE, FALSE, NULL
            FROM generate_series('2023-01-01'::date, '2023-12-31'::date, '1 day') d;
            """)
        _ = try DatabaseSinkTests.mariadb("""
            INSERT INTO \(database).dim_date SELECT DATE '2023-01-01' + INTERVAL seq DAY, 2023, 1, 1, 'January', 1, 1, 'Monday', FALSE, FALSE, NULL FROM seq_0_to_364;
            """)
        for (prefix, query) in [(schema, DatabaseSinkTests.psql as Query), (database, DatabaseSinkTests.mariadb as Query)] {
            #expect(try query("SELECT version FROM \(prefix).retail_edge_schema") == ["3"])
            #expect(try query("SELECT COUNT(*) FROM \(prefix).dim_date") == ["365"])
            _ = try query("INSERT INTO \(prefix).dim_store VALUES ('S09', 'Old store', NULL, NULL)")
        }
        let (data, files) = try Self.monthlyFiles(days: 31)
        let directory = Agent.temporaryDirectory()
        try Self.pipeline(directory: directory, schema: schema).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        try Self.run(directory, adding: files, from: data, environment: environment)
        let holidays = HolidayCalendar.unitedStates.days(in: 2023).count + HolidayCalendar.unitedStates.days(in: 2024).count
        for (name, prefix, query) in [("postgres", schema, DatabaseSinkTests.psql as Query), ("mariadb", database, DatabaseSinkTests.mariadb as Query)] {
            #expect(try query("SELECT version FROM \(prefix).retail_edge_schema ORDER BY version") == ["3", "\(StarSchema.current.version)"], "\(name)")
            #expect(try query("SELECT store_name, calendar IS NULL FROM \(prefix).dim_store WHERE store_id = 'S09'").map { $0.replacingOccurrences(of: "|t", with: "|1") } == ["Old store|1"], "\(name)")
            #expect(try query("SELECT holiday_name FROM \(prefix).dim_holiday WHERE calendar = 'US' AND date = '2023-11-24'") == ["Black Friday"], "\(name)")
            #expect(try query("SELECT COUNT(*) FROM \(prefix).dim_holiday") == ["\(holidays)"], "\(name)")
            #expect(try query("SELECT holiday_name FROM \(prefix).dim_date WHERE date = '2024-11-29'") == ["Black Friday"], "\(name)")
        }
    }

    static let snapshotIndexes = ["ix_fact_forecast_snapshot_date", "ix_fact_forecast_snapshot_product", "ix_fact_forecast_snapshot_store"]
}
