import Foundation
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
        let mysqlURL = try #require(Self.mysqlURL, "RETAIL_EDGE_TEST_MYSQL_URL is not set: run the tests with `make test`")
        let database = "it_" + UUID().uuidString.prefix(8).lowercased()
        _ = try Self.mariadb("CREATE DATABASE \(database)")
        var components = try #require(URLComponents(string: mysqlURL))
        components.path = "/" + database
        let mysqlDatabaseURL = try #require(components.string)
        let schema = "it_" + UUID().uuidString.prefix(8).lowercased()
        let directory = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", directory + "/tx", "--stores", "3", "--products", "6", "--days", "120", "--bad-rows", "0.002"]).status == 0)
        let yaml = Agent.pipeline(directory: directory, batchRows: 700) + """

              pg:
                type: postgres
                inputs: [daily]
                url: ${TEST_DATABASE_URL}
                schema: \(schema)
              my:
                type: mysql
                inputs: [daily]
                url: ${TEST_MYSQL_URL}
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
        #expect(types == ["date:date", "store_id:text", "product_id:text", "units:double precision", "revenue:double precision", "lines:bigint"])
        #expect(Self.parse(try Self.mariadb("SELECT date, store_id, product_id, units, revenue, `lines` FROM \(database).fact_sales_daily")) == mysql)
    }

    /// Runs the pipeline once with its sink replaced by a `type` sink whose password is wrong.
    static func runWithWrongPassword(type: String, url: String) throws -> Agent.Result {
        let wrong = url.replacingOccurrences(of: "retail-test@", with: "not-the-password@")
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

    @Test func aWrongPostgresPasswordFailsAtStartWithTheServersMessage() throws {
        let url = try #require(Self.url, "RETAIL_EDGE_TEST_PG_URL is not set: run the tests with `make test`")
        let result = try Self.runWithWrongPassword(type: "postgres", url: url)
        #expect(result.status == 70)
        #expect(result.stderr.contains("password authentication failed"))
    }
}
