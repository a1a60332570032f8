import Foundation
import Testing

/// Values that need escaping or a binary encoding, through the bulk paths (binary COPY,
/// LOAD DATA LOCAL INFILE) and back; in the serialized database suite, as one test switches
/// the MariaDB server's `local_infile` off for a while.
extension DatabaseSinkTests {
    /// Strings that text formats escape (tab, newline, backslash, `\N`, quotes) and non-ASCII.
    static let awkwardStrings = ["tab\there", "line\nbreak", #"back\slash \N"#, #"quote "x", comma"#, "ünïcødé 🛒", "trailing space "]

    /// A CSV of 1,200 rows (one batch, so the bulk paths carry it) whose first rows hold
    /// ``awkwardStrings`` and nulls, then key 3 again: the last row per key wins.
    static func awkwardCSV(_ path: String) throws {
        var lines = ["id,s,d,day,at"]
        for (index, text) in awkwardStrings.enumerated() {
            lines.append("\(index + 1),\"\(text.replacingOccurrences(of: "\"", with: "\"\""))\",\(Double(index) - 2.25),2024-02-29,2024-03-01T00:00:01.5Z")
        }
        lines.append("7,,,,")
        for id in 8...1_200 { lines.append("\(id),filler \(id),\(Double(id) / 8),1999-12-31,1969-12-31T23:59:59.999999Z") }
        lines.append("3,replaced,1e-05,2000-01-01,2000-01-01T00:00:00Z")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// id → [hex of s or NULL, d, day, microseconds since the epoch], as read back.
    static func awkwardRows(_ rows: [String]) -> [Int: [String]] {
        Dictionary(rows.map { row in
            let f = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            return (Int(f[0])!, [f[1] == "NULL" ? "NULL" : f[1].lowercased(), f[2] == "NULL" ? "NULL" : String(Double(f[2])!), f[3], f[4]])
        }, uniquingKeysWith: { a, _ in a })
    }

    static func expectAwkwardRows(_ got: [Int: [String]], _ database: String) {
        func hex(_ text: String) -> String { text.utf8.map { String(format: "%02x", $0) }.joined() }
        #expect(got.count == 1_200, "\(database)")
        for (index, text) in awkwardStrings.enumerated() where index != 2 {
            #expect(got[index + 1] == [hex(text), String(Double(index) - 2.25), "2024-02-29", "1709251201500000"], "\(database): \(text)")
        }
        #expect(got[3] == [hex("replaced"), String(1e-05), "2000-01-01", "946684800000000"], "\(database)")
        #expect(got[7] == ["NULL", "NULL", "NULL", "NULL"], "\(database)")
        #expect(got[1_200] == [hex("filler 1200"), "150.0", "1999-12-31", "-1"], "\(database)")
    }

    static func awkwardPipeline(_ directory: String, schema: String) -> String {
        """
        data_dir: \(directory)/state
        sources:
          rows: { type: csv, path: \(directory)/rows.csv, batch_rows: 5000, columns: { id: int, s: string?, d: double?, day: date?, at: timestamp? } }
        sinks:
          pg: { type: postgres, inputs: [rows], url: "${TEST_DATABASE_URL}", schema: \(schema), table: awkward, key: [id] }
          my: { type: mysql, inputs: [rows], url: "${TEST_MYSQL_URL}", table: awkward, key: [id] }
        """
    }

    @Test func awkwardValuesRoundTripThroughBinaryCopyAndLoadData() throws {
        let url = try #require(Self.url, "RETAIL_EDGE_TEST_PG_URL is not set: run the tests with `make test`")
        let (database, mysqlDatabaseURL) = try Self.freshMariaDBDatabase()
        let directory = Agent.temporaryDirectory()
        try Self.awkwardCSV(directory + "/rows.csv")
        try Self.awkwardPipeline(directory, schema: database).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let result = try Agent.run(["run", "--once", directory + "/p.yaml"], environment: ["TEST_DATABASE_URL": url, "TEST_MYSQL_URL": mysqlDatabaseURL])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("LOAD DATA LOCAL"), "\(result.stderr)")
        Self.expectAwkwardRows(Self.awkwardRows(try Self.psql(
            "SELECT id, COALESCE(encode(convert_to(s, 'UTF8'), 'hex'), 'NULL'), COALESCE(d::text, 'NULL'), COALESCE(day::text, 'NULL'), "
                + "COALESCE(((extract(epoch FROM at) * 1000000)::bigint)::text, 'NULL') FROM \(database).awkward")), "postgres")
        Self.expectAwkwardRows(Self.awkwardRows(try Self.mariadb(
            "SELECT id, COALESCE(HEX(s), 'NULL'), COALESCE(d, 'NULL'), COALESCE(day, 'NULL'), "
                + "COALESCE(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', at), 'NULL') FROM \(database).awkward")), "mariadb")
    }

    @Test func aValueRefusedInsideALocalLoadIsDeadLetteredAloneAndTheRestLands() throws {
        let url = try #require(Self.url, "RETAIL_EDGE_TEST_PG_URL is not set: run the tests with `make test`")
        let (database, mysqlDatabaseURL) = try Self.freshMariaDBDatabase()
        // Three rows hold strings longer than 12 characters (LOCAL loads only warn about them): those
        // of ids 4 and 6, and the first row of id 3, which a later row replaces.
        _ = try Self.mariadb("CREATE TABLE \(database).awkward (id BIGINT NOT NULL, s VARCHAR(12), d DOUBLE, day DATE, at DATETIME(6), PRIMARY KEY (id))")
        let directory = Agent.temporaryDirectory()
        try Self.awkwardCSV(directory + "/rows.csv")
        try Self.awkwardPipeline(directory, schema: database).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let result = try Agent.run(["run", "--once", directory + "/p.yaml"], environment: ["TEST_DATABASE_URL": url, "TEST_MYSQL_URL": mysqlDatabaseURL])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.mariadb("SELECT COUNT(*) FROM \(database).awkward") == ["1198"])
        #expect(try Self.mariadb("SELECT id FROM \(database).awkward WHERE id IN (4, 6)").isEmpty)
        let letters = try String(contentsOfFile: directory + "/state/dead_letter/my.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(letters.count == 3, "\(letters)")
        #expect(letters.contains { $0.contains("back") }, "\(letters)")
        #expect(try Self.mariadb("SELECT s FROM \(database).awkward WHERE id = 3") == ["replaced"])
        #expect(try Self.psql("SELECT COUNT(*) FROM \(database).awkward") == ["1200"])
    }

    @Test func aServerThatRefusesLocalInfileGetsMultiRowStatementsAndOneWarning() throws {
        let url = try #require(Self.url, "RETAIL_EDGE_TEST_PG_URL is not set: run the tests with `make test`")
        let (database, mysqlDatabaseURL) = try Self.freshMariaDBDatabase()
        let directory = Agent.temporaryDirectory()
        try Self.awkwardCSV(directory + "/rows.csv")
        try Self.awkwardPipeline(directory, schema: database).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        _ = try Self.mariadb("SET GLOBAL local_infile = 0")
        defer { _ = try? Self.mariadb("SET GLOBAL local_infile = 1") }
        #expect(try Self.mariadb("SELECT @@local_infile") == ["0"])
        let result = try Agent.run(["run", "--once", directory + "/p.yaml"], environment: ["TEST_DATABASE_URL": url, "TEST_MYSQL_URL": mysqlDatabaseURL])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "refuses LOAD DATA LOCAL INFILE").count == 2, "\(result.stderr)")
        Self.expectAwkwardRows(Self.awkwardRows(try Self.mariadb(
            "SELECT id, COALESCE(HEX(s), 'NULL'), COALESCE(d, 'NULL'), COALESCE(day, 'NULL'), "
                + "COALESCE(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', at), 'NULL') FROM \(database).awkward")), "mariadb")
    }
}
