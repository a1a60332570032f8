import Foundation
import RetailWarehouse
import Testing

/// The postgres and mysql sinks against real servers started by `make test`
/// (scripts/test-postgres.sh, scripts/test-mariadb.sh).
@Suite("Database sinks", .serialized)
struct DatabaseSinkTests {
    static var url: String? { ProcessInfo.processInfo.environment["RETAIL_EDGE_TEST_PG_URL"] }
    static var mysqlURL: String? { ProcessInfo.processInfo.environment["RETAIL_EDGE_TEST_MYSQL_URL"] }

    /// Rows of a query through the mariadb client, tab-separated turned into `|`.
    static func mariadb(_ sql: String) throws -> [String] {
        let text = try #require(Self.mysqlURL, "RETAIL_EDGE_TEST_MYSQL_URL is not set: run the tests with `make test`")
        let url = try #require(URLComponents(string: text))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/mariadb")
        process.arguments = ["-h", url.host ?? "", "-P", String(url.port ?? 3306), "-u", url.user ?? "", "-p\(url.password ?? "")",
                             "-N", "-B", String(url.path.dropFirst()), "-e", sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.replacingOccurrences(of: "\t", with: "|") }
    }

    /// A new, empty database on the test MariaDB: its name and URL.
    static func freshMariaDBDatabase() throws -> (name: String, url: String) {
        let mysqlURL = try #require(Self.mysqlURL, "RETAIL_EDGE_TEST_MYSQL_URL is not set: run the tests with `make test`")
        let database = "it_" + UUID().uuidString.prefix(8).lowercased()
        _ = try Self.mariadb("CREATE DATABASE \(database)")
        var components = try #require(URLComponents(string: mysqlURL))
        components.path = "/" + database
        return (database, try #require(components.string))
    }

    /// Rows of a query through psql, `|`-separated.
    static func psql(_ sql: String) throws -> [String] {
        let url = try #require(Self.url, "RETAIL_EDGE_TEST_PG_URL is not set: run the tests with `make test`")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url, "-Atq", "-v", "ON_ERROR_STOP=1", "-c", sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// (date, store, product) → (units, revenue, lines), parsed so both databases compare as numbers.
    static func parse(_ rows: [String]) -> [String: [Double]] {
        Dictionary(rows.map { row in
            let f = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            return ("\(f[0])|\(f[1])|\(f[2])", [Double(f[3])!, Double(f[4])!, Double(f[5])!])
        }, uniquingKeysWith: { a, _ in a })
    }

    /// Keys whose values differ (the sqlite3 shell prints 15 significant digits, psql 17).
    static func differences(_ a: [String: [Double]], _ b: [String: [Double]]) -> [String] {
        let keys = Set(a.keys).union(b.keys)
        return keys.filter { key in
            guard let x = a[key], let y = b[key] else { return true }
            return zip(x, y).contains { abs($0 - $1) > 1e-9 * max(1, abs($0)) }
        }.sorted()
    }

    @Test func theSamePipelineYieldsIdenticalRowsInSQLitePostgreSQLAndMariaDB() throws {
        let url = try #require(Self.url, "RETAIL_EDGE_TEST_PG_URL is not set: run the tests with `make test`")
        let (database, mysqlDatabaseURL) = try Self.freshMariaDBDatabase()
        let schema = "it_" + UUID().uuidString.prefix(8).lowercased()
        let directory = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", directory + "/tx", "--stores", "3", "--products", "6", "--days", "120", "--bad-rows", "0.002"]).status == 0)
        let yaml = Agent.pipeline(directory: directory, batchRows: 700) + """

              pg:
                type: postgres
                inputs: [daily]
                url: ${TEST_DATABASE_URL}
                schema: \(schema)
                catalog: \(Agent.packageRoot)/config/catalog.yaml
              my:
                type: mysql
                inputs: [daily]
                url: ${TEST_MYSQL_URL}
                catalog: \(Agent.packageRoot)/config/catalog.yaml
            """
        try yaml.write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let environment = ["TEST_DATABASE_URL": url, "TEST_MYSQL_URL": mysqlDatabaseURL]
        let result = try Agent.run(["run", "--once", directory + "/p.yaml"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("retail-test"), "the password leaked into the output")
        let sqlite = Self.parse(try Agent.query(directory + "/retail.db", "SELECT date, store_id, product_id, units, revenue, lines FROM fact_sales_daily"))
        let postgres = Self.parse(try Self.psql("SELECT date, store_id, product_id, units, revenue, lines FROM \(schema).fact_sales_daily"))
        #expect(sqlite.count > 1000)
        #expect(postgres.count == sqlite.count)
        #expect(Self.differences(postgres, sqlite).isEmpty, "\(Self.differences(postgres, sqlite).prefix(5))")
        let mysql = Self.parse(try Self.mariadb("SELECT date, store_id, product_id, units, revenue, `lines` FROM \(database).fact_sales_daily"))
        #expect(mysql.count == sqlite.count)
        #expect(Self.differences(mysql, postgres).isEmpty, "\(Self.differences(mysql, postgres).prefix(5))")
        // A second run replays nothing and changes nothing; a crash replay would upsert the same totals.
        #expect(try Agent.run(["run", "--once", directory + "/p.yaml"], environment: environment).status == 0)
        let again = Self.parse(try Self.psql("SELECT date, store_id, product_id, units, revenue, lines FROM \(schema).fact_sales_daily"))
        #expect(again == postgres)
        let types = try Self.psql("SELECT column_name || ':' || data_type FROM information_schema.columns WHERE table_schema = '\(schema)' AND table_name = 'fact_sales_daily' ORDER BY ordinal_position")
        #expect(types == ["date:date", "store_id:character varying", "product_id:character varying", "units:double precision", "revenue:numeric", "lines:bigint"])
        #expect(Self.parse(try Self.mariadb("SELECT date, store_id, product_id, units, revenue, `lines` FROM \(database).fact_sales_daily")) == mysql)
        try Self.checkStarSchema(query: { try Self.psql($0) }, schema: schema)
        try Self.checkStarSchema(query: { try Self.mariadb($0) }, schema: database)
    }

    /// What Power BI relies on, through information_schema and the data itself: money as
    /// NUMERIC(19,4), declared foreign keys that every fact row satisfies, catalogue names,
    /// a gap-free date table of whole years, working views and the schema version.
    static func checkStarSchema(query: (String) throws -> [String], schema: String) throws {
        #expect(try query("SELECT numeric_precision, numeric_scale FROM information_schema.columns WHERE table_schema = '\(schema)' AND table_name = 'fact_sales_daily' AND column_name = 'revenue'") == ["19|4"])
        #expect(try query("SELECT character_maximum_length FROM information_schema.columns WHERE table_schema = '\(schema)' AND table_name = 'fact_sales_daily' AND column_name = 'store_id'") == ["64"])
        let foreignKeys = try query("SELECT table_name FROM information_schema.table_constraints WHERE table_schema = '\(schema)' AND constraint_type = 'FOREIGN KEY' ORDER BY 1")
        #expect(foreignKeys.filter { $0 == "fact_sales_daily" }.count == 3)
        #expect(foreignKeys.filter { $0 == "fact_forecast" }.count == 3)
        #expect(try query("SELECT COUNT(*) FROM \(schema).fact_sales_daily f LEFT JOIN \(schema).dim_store s ON s.store_id = f.store_id LEFT JOIN \(schema).dim_product p ON p.product_id = f.product_id LEFT JOIN \(schema).dim_date d ON d.date = f.date WHERE s.store_id IS NULL OR p.product_id IS NULL OR d.date IS NULL") == ["0"])
        #expect(try query("SELECT store_name FROM \(schema).dim_store WHERE store_id = 'S01'") == ["Downtown Flagship"])
        #expect(try query("SELECT store_name FROM \(schema).dim_store WHERE store_id = 'unknown'") == ["Unknown store"])
        let dates = try query("SELECT COUNT(*), MIN(date), MAX(date), COUNT(DISTINCT date) FROM \(schema).dim_date")
        #expect(dates == ["366|2024-01-01|2024-12-31|366"])
        let views = try query("SELECT table_name FROM information_schema.views WHERE table_schema = '\(schema)' ORDER BY 1")
        #expect(views == ["v_forecast_accuracy", "v_forecast_accuracy_by_horizon", "v_forecast_vs_actual", "v_sentiment_vs_sales"])
        #expect(try query("SELECT COUNT(*) FROM \(schema).v_forecast_vs_actual") == ["0"])
        #expect(try query("SELECT COUNT(*) FROM \(schema).v_forecast_accuracy_by_horizon") == ["0"])
        #expect(try query("SELECT version FROM \(schema).retail_edge_schema") == ["\(StarSchema.current.version)"])
    }

    /// A CSV of transactions: `good` rows over a few days, then a row dated in the year 2500
    /// (no such day in the date dimension) and one whose revenue overflows NUMERIC(19,4).
    static func transactionsWithRefusedRows(_ path: String) throws {
        var text = "ts,store_id,product_id,units,unit_price\n"
        for day in 1...6 { text += "2024-03-0\(day)T10:00:00,S01,P001,2,1.50\n" }
        text += "2500-01-01T10:00:00,S01,P001,1,1.50\n"
        text += "2024-03-07T10:00:00,S02,P002,1,1e16\n"
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func rowsTheDatabaseRefusesAreDeadLetteredAndTheRestLands() throws {
        let url = try #require(Self.url, "RETAIL_EDGE_TEST_PG_URL is not set: run the tests with `make test`")
        let (database, mysqlDatabaseURL) = try Self.freshMariaDBDatabase()
        let directory = Agent.temporaryDirectory()
        try Self.transactionsWithRefusedRows(directory + "/tx/t.csv")
        let yaml = Agent.pipeline(directory: directory) + """

              pg: { type: postgres, inputs: [daily], url: "${TEST_DATABASE_URL}", schema: \(database) }
              my: { type: mysql, inputs: [daily], url: "${TEST_MYSQL_URL}" }
            """
        try yaml.write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let result = try Agent.run(["run", "--once", directory + "/p.yaml"], environment: ["TEST_DATABASE_URL": url, "TEST_MYSQL_URL": mysqlDatabaseURL])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.psql("SELECT COUNT(*), SUM(units) FROM \(database).fact_sales_daily") == ["6|12"])
        #expect(try Self.mariadb("SELECT COUNT(*), SUM(units) FROM \(database).fact_sales_daily") == ["6|12"])
        for sink in ["pg", "my"] {
            let letters = try String(contentsOfFile: directory + "/state/dead_letter/\(sink).jsonl", encoding: .utf8).split(separator: "\n")
            #expect(letters.count == 2, "\(sink): \(letters)")
            #expect(letters.contains { $0.contains("2500-01-01") && $0.contains("\"origin\"") })
            #expect(letters.contains { $0.contains("1.0e+16") || $0.contains("1e+16") || $0.contains("10000000000000000") })
        }
        // SQLite has no NUMERIC limit: only the row outside the calendar is refused there.
        #expect(try Agent.query(directory + "/retail.db", "SELECT COUNT(*) FROM fact_sales_daily") == ["7"])
    }

    /// Runs `scripts/test-postgres.sh ACTION` (see ``Daemon`` for why not Foundation's Process).
    static func postgresServer(_ action: String) throws {
        let status = Daemon.run(["/bin/bash", Agent.packageRoot + "/scripts/test-postgres.sh", action])
        #expect(status == 0, "test-postgres.sh \(action) failed (\(status))")
    }

    @Test func aPostgresOutageBuffersToDiskWhileOtherSinksGoOnAndDrainsWhenItIsBack() throws {
        let url = try #require(Self.url, "RETAIL_EDGE_TEST_PG_URL is not set: run the tests with `make test`")
        let schema = "it_" + UUID().uuidString.prefix(8).lowercased()
        let directory = Agent.temporaryDirectory()
        let data = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", data, "--stores", "3", "--products", "6", "--days", "90"]).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: data).sorted()
        #expect(files.count == 3)
        try FileManager.default.createDirectory(atPath: directory + "/tx", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: data + "/" + files[0], toPath: directory + "/tx/" + files[0])
        let yaml = Agent.pipeline(directory: directory, checkpointInterval: "200ms", batchRows: 2000) + """

              pg: { type: postgres, inputs: [daily], url: "${TEST_DATABASE_URL}", schema: \(schema), restart_backoff: 100ms }
            """
        try yaml.write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let agent = Agent.start(["run", directory + "/p.yaml"], environment: ["TEST_DATABASE_URL": url])
        try agent.run()
        defer { if agent.isRunning { agent.terminate() } }
        let count = { (try? Self.psql("SELECT COUNT(*) FROM \(schema).fact_sales_daily").first.flatMap { Int($0) }) ?? nil }
        let sqliteCount = { Int((try? Agent.query(directory + "/retail.db", "SELECT COUNT(*) FROM fact_sales_daily"))?.first ?? "") ?? 0 }
        #expect(Agent.eventually(30) { (count() ?? 0) > 0 && count() == sqliteCount() })
        let beforeOutage = sqliteCount()

        try Self.postgresServer("pause")
        for file in files.dropFirst() { try FileManager.default.copyItem(atPath: data + "/" + file, toPath: directory + "/tx/" + file) }
        // The SQLite sink keeps going while PostgreSQL is down; the postgres sink buffers.
        #expect(Agent.eventually(30) { sqliteCount() > beforeOutage * 2 })
        let buffered = { (try? FileManager.default.subpathsOfDirectory(atPath: directory + "/state/buffers/pg"))?.reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: directory + "/state/buffers/pg/" + file)[.size] as? Int) ?? 0)
        } ?? 0 }
        #expect(Agent.eventually(10) { buffered() > 0 }, "nothing was buffered to disk")
        #expect(agent.isRunning)

        try Self.postgresServer("resume")
        #expect(Agent.eventually(60) { count() == sqliteCount() }, "the buffer did not drain: \(String(describing: count())) of \(sqliteCount())")
        agent.terminate()
        agent.waitUntilExit()
        #expect(agent.terminationStatus == 0)
        let postgres = Self.parse(try Self.psql("SELECT date, store_id, product_id, units, revenue, lines FROM \(schema).fact_sales_daily"))
        let sqlite = Self.parse(try Agent.query(directory + "/retail.db", "SELECT date, store_id, product_id, units, revenue, lines FROM fact_sales_daily"))
        #expect(Self.differences(postgres, sqlite).isEmpty)
    }

    @Test func killNineWhileLoadingPostgresEndsAsAnUninterruptedRun() throws {
        let url = try #require(Self.url, "RETAIL_EDGE_TEST_PG_URL is not set: run the tests with `make test`")
        let data = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", data, "--stores", "4", "--products", "10", "--days", "365"]).status == 0)
        let clean = Agent.temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: clean + "/tx", withDestinationPath: data)
        try Agent.pipeline(directory: clean, checkpointInterval: "30ms", batchRows: 500).write(toFile: clean + "/p.yaml", atomically: true, encoding: .utf8)
        let started = Date()
        #expect(try Agent.run(["run", "--once", clean + "/p.yaml"]).status == 0)
        let seconds = Date().timeIntervalSince(started)
        let expected = Self.parse(try Agent.query(clean + "/retail.db", "SELECT date, store_id, product_id, units, revenue, lines FROM fact_sales_daily"))

        let schema = "it_" + UUID().uuidString.prefix(8).lowercased()
        let crashed = Agent.temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: crashed + "/tx", withDestinationPath: data)
        let yaml = Agent.pipeline(directory: crashed, checkpointInterval: "30ms", batchRows: 500).replacingOccurrences(of: "type: sqlite", with: "type: postgres")
            .replacingOccurrences(of: "path: \(crashed)/retail.db", with: "url: ${TEST_DATABASE_URL}\n    schema: \(schema)")
        try yaml.write(toFile: crashed + "/p.yaml", atomically: true, encoding: .utf8)
        let kills = try Agent.killRepeatedly(["run", "--once", "--quiet", crashed + "/p.yaml"], environment: ["TEST_DATABASE_URL": url],
                                             attempts: 25, delays: 0.05...max(0.1, seconds * 0.3))
        let final = try Agent.run(["run", "--once", crashed + "/p.yaml"], environment: ["TEST_DATABASE_URL": url])
        #expect(final.status == 0, "\(final.stderr)")
        #expect(kills >= 3, "the runs finished before they could be killed")
        let postgres = Self.parse(try Self.psql("SELECT date, store_id, product_id, units, revenue, lines FROM \(schema).fact_sales_daily"))
        #expect(postgres.count == expected.count)
        #expect(Self.differences(postgres, expected).isEmpty)
    }

    /// Runs the pipeline once with its sink replaced by a `type` sink whose password is wrong.
    static func runWithWrongPassword(type: String, url: String, keepPassword: Bool = false) throws -> Agent.Result {
        let wrong = keepPassword ? url : url.replacingOccurrences(of: "retail-test@", with: "not-the-password@")
        let directory = Agent.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/tx", withIntermediateDirectories: true)
        let yaml = Agent.pipeline(directory: directory).replacingOccurrences(of: """
              db:
                type: sqlite
                inputs: [daily]
                path: \(directory)/retail.db
            """, with: """
              db:
                type: \(type)
                inputs: [daily]
                url: ${TEST_URL}
                max_restarts: 1
                restart_backoff: 10ms
            """)
        try yaml.write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let result = try Agent.run(["run", "--once", directory + "/p.yaml"], environment: ["TEST_URL": wrong])
        #expect(!result.stderr.contains("not-the-password"), "the password leaked into the output")
        return result
    }

    @Test func aWrongMySQLPasswordFailsAtStartWithTheServersMessage() throws {
        let url = try #require(Self.mysqlURL, "RETAIL_EDGE_TEST_MYSQL_URL is not set: run the tests with `make test`")
        let result = try Self.runWithWrongPassword(type: "mysql", url: url)
        #expect(result.status == 70)
        #expect(result.stderr.contains("Access denied for user 'retail'"))
    }

    @Test func requiredTLSThatTheServerCannotGiveFailsAtStartInsteadOfRetrying() throws {
        let url = try #require(Self.mysqlURL, "RETAIL_EDGE_TEST_MYSQL_URL is not set: run the tests with `make test`")
        // The throwaway MariaDB has no certificate: TLS cannot be set up, and retrying will not help.
        let result = try Self.runWithWrongPassword(type: "mysql", url: url.replacingOccurrences(of: "not-the-password@", with: "retail-test@") + "?ssl-mode=required",
                                                   keepPassword: true)
        #expect(result.status == 70)
        #expect(result.stderr.contains("SSL") || result.stderr.contains("TLS"), "\(result.stderr)")
        #expect(result.stderr.contains("2026"))
    }

    @Test func aWrongPostgresPasswordFailsAtStartWithTheServersMessage() throws {
        let url = try #require(Self.url, "RETAIL_EDGE_TEST_PG_URL is not set: run the tests with `make test`")
        let result = try Self.runWithWrongPassword(type: "postgres", url: url)
        #expect(result.status == 70)
        #expect(result.stderr.contains("password authentication failed"))
    }
}
