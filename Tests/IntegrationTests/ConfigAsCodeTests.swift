import Foundation
import Testing

@Suite("Config as code: test, config schema, config print")
struct ConfigAsCodeTests {
    static let shipped = ["config/demo.yaml", "config/store.yaml", "config/retail.yaml", "config/kafka.yaml", "config/postgres.yaml", "config/mysql.yaml", "config/tweets.yaml", "config/demo-groq.yaml", "config/weather.yaml"]
    static let environment = ["DEMO_DIR": "/tmp/x", "RETAIL_EDGE_DROP": "/tmp/x", "RETAIL_EDGE_CATALOG": Agent.packageRoot + "/config/catalog.yaml", "GROQ_API_KEY": "gsk_not_to_be_printed",
                              "DATABASE_URL": "postgres://edge:hunter2@127.0.0.1/db"]

    /// A pipeline whose sink and state live in `directory`, with one test expecting `units`.
    func pipeline(directory: String, units: String) -> String {
        """
        data_dir: \(directory)/state
        timezone: America/New_York
        sources:
          tx:
            type: csv
            path: \(directory)/drop
            columns: { ts: timestamp, store_id: string, product_id: string, units: int, unit_price: double }
        transforms:
          daily: { type: aggregate_sales, inputs: [tx] }
        sinks:
          db: { type: sqlite, inputs: [daily], path: \(directory)/retail.db }
        tests:
          - name: a late sale counts on the local day
            inputs:
              - stage: tx
                rows: [{ ts: "2024-03-02T22:30:00-05:00", store_id: S1, product_id: P1, units: 3, unit_price: 2 }]
            outputs:
              - stage: daily
                rows: [{ date: "2024-03-02", store_id: S1, product_id: P1, units: \(units), revenue: 6, lines: 1 }]
        """
    }

    @Test func aCorrectExpectationPassesAWrongOneFailsAndNothingIsWritten() throws {
        let directory = Agent.temporaryDirectory()
        let path = directory + "/p.yaml"
        try pipeline(directory: directory, units: "3").write(toFile: path, atomically: true, encoding: .utf8)
        let passing = try Agent.run(["test", path])
        #expect(passing.status == 0, "\(passing.stderr)")
        #expect(passing.stdout == "ok    a late sale counts on the local day\n1 passed, 0 failed\n")

        try pipeline(directory: directory, units: "4").write(toFile: path, atomically: true, encoding: .utf8)
        let failing = try Agent.run(["test", path])
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("FAIL  a late sale counts on the local day\n  \(path):18:16: stage 'daily': 1 expected row not found, 1 row not expected"))
        #expect(failing.stdout.contains("- { date: 2024-03-02, store_id: S1, product_id: P1, units: 4.0, revenue: 6.0, lines: 1 }"))
        #expect(failing.stdout.hasSuffix("0 passed, 1 failed\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["p.yaml"])
    }

    @Test func validateChecksTestsWithoutRunningThem() throws {
        let directory = Agent.temporaryDirectory()
        let path = directory + "/p.yaml"
        try pipeline(directory: directory, units: "three").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Agent.run(["validate", path])
        #expect(result.status == 78)
        #expect(result.stderr.contains("\(path):19:75: error: test 'a late sale counts on the local day': 'three' is not a valid double for column 'units' of 'daily'"))
    }

    @Test func theShippedConfigsPassTheirTests() throws {
        let others = Self.shipped.filter { $0 != "config/mysql.yaml" }.map { Agent.packageRoot + "/" + $0 }
        let result = try Agent.run(["test"] + others, environment: Self.environment)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.hasSuffix("8 passed, 0 failed\n"), "\(result.stdout)")
        let mysql = try Agent.run(["test", Agent.packageRoot + "/config/mysql.yaml"], environment: Self.environment.merging(["DATABASE_URL": "mysql://edge:hunter2@127.0.0.1/db"]) { _, new in new })
        #expect(mysql.status == 0 && mysql.stdout.hasSuffix("1 passed, 0 failed\n"), "\(mysql.stdout)\n\(mysql.stderr)")
    }

    @Test func theSchemaAcceptsEveryShippedConfigAndRefusesTypos() throws {
        let directory = Agent.temporaryDirectory()
        let schema = try Agent.run(["config", "schema", "--config", Agent.packageRoot + "/config/weather.yaml"])
        #expect(schema.status == 0)
        try schema.stdout.write(toFile: directory + "/schema.json", atomically: true, encoding: .utf8)
        let valid = try Self.checkJSONSchema(directory + "/schema.json", Self.shipped.map { Agent.packageRoot + "/" + $0 })
        #expect(valid.status == 0, "\(valid.stdout)")

        let store = try String(contentsOfFile: Agent.packageRoot + "/config/store.yaml", encoding: .utf8)
        try store.replacingOccurrences(of: "type: aggregate_sales", with: "type: aggregate_sale").write(toFile: directory + "/type.yaml", atomically: true, encoding: .utf8)
        try store.replacingOccurrences(of: "poll_interval:", with: "poll_intervall:").write(toFile: directory + "/option.yaml", atomically: true, encoding: .utf8)
        let refused = try Self.checkJSONSchema(directory + "/schema.json", [directory + "/type.yaml", directory + "/option.yaml"])
        #expect(refused.status != 0)
        #expect(refused.stdout.contains("'aggregate_sale' is not one of"))
        #expect(refused.stdout.contains("'poll_intervall' was unexpected"))
    }

    @Test func configPrintNeverShowsASecret() throws {
        for file in Self.shipped {
            let url = file.contains("mysql") ? "mysql://edge:hunter2@127.0.0.1/db" : "postgres://edge:hunter2@127.0.0.1/db"
            let result = try Agent.run(["config", "print", Agent.packageRoot + "/" + file], environment: Self.environment.merging(["DATABASE_URL": url]) { _, new in new })
            #expect(result.status == 0, "\(file): \(result.stderr)")
            #expect(!result.stdout.contains("hunter2") && !result.stdout.contains("gsk_not_to_be_printed"), "\(file)")
        }
        let postgres = try Agent.run(["config", "print", Agent.packageRoot + "/config/postgres.yaml"], environment: Self.environment)
        #expect(postgres.stdout.contains("    url: <redacted>\n"))
        #expect(postgres.stdout.contains("    type: aggregate_sales\n"))
    }

    /// Runs check-jsonschema (PyPI, installed by scripts/install-deps.sh --test) on `files`;
    /// its findings in `stdout`.
    static func checkJSONSchema(_ schema: String, _ files: [String]) throws -> Agent.Result {
        var result = try Agent.execute("/usr/bin/env", ["check-jsonschema", "--schemafile", schema] + files)
        result.stdout += result.stderr
        return result
    }
}
