import Foundation
import Testing

@Suite("The command line")
struct CommandLineTests {
    @Test func validateReportsEveryErrorWithItsPlaceAndExits78() throws {
        let directory = Agent.temporaryDirectory()
        let path = directory + "/bad.yaml"
        try """
        sources:
          tx:
            type: csv
            path: /nowhere
            colums: { a: int }
        transforms:
          daily: { type: aggregate_sale, inputs: [tx] }
        sinks:
          db: { type: sqlite, inputs: [dayly] }
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Agent.run(["validate", path])
        #expect(result.status == 78)
        #expect(result.stderr.contains("\(path):5:5: error: unknown option 'colums' for csv source 'tx' (did you mean 'columns'?)"))
        #expect(result.stderr.contains("\(path):2:3: error: csv source 'tx' needs option 'columns'"))
        #expect(result.stderr.contains("\(path):7:18: error: unknown transform type 'aggregate_sale' for stage 'daily' (did you mean 'aggregate_sales'?)"))
        #expect(result.stderr.contains("\(path):9:32: error: unknown input 'dayly' for sink 'db' (did you mean 'daily'?)"))
        let run = try Agent.run(["run", "--once", path])
        #expect(run.status == 78)
    }

    @Test func validateAcceptsTheShippedConfigs() throws {
        for file in ["config/demo.yaml", "config/retail.yaml", "config/postgres.yaml", "config/mysql.yaml"] {
            let result = try Agent.run(["validate", Agent.packageRoot + "/" + file],
                                       environment: ["DEMO_DIR": "/tmp/x", "RETAIL_EDGE_DROP": "/tmp/x", "RETAIL_EDGE_CATALOG": Agent.packageRoot + "/config/catalog.yaml",
                                                     "DATABASE_URL": file.contains("mysql") ? "mysql://u:p@127.0.0.1/db" : "postgres://u:p@127.0.0.1/db"])
            #expect(result.status == 0, "\(file): \(result.stderr)")
            #expect(result.stderr.contains("OK"))
        }
    }

    @Test func pluginsAreListedAndDescribedFromTheRegistry() throws {
        let list = try Agent.run(["plugins"])
        #expect(list.status == 0)
        for type in ["csv", "aggregate_sales", "sqlite", "postgres", "mysql"] { #expect(list.stdout.contains(type)) }
        let describe = try Agent.run(["plugins", "describe", "csv"])
        #expect(describe.stdout.contains("path (string), required"))
        #expect(describe.stdout.contains("batch_rows (int), default 8192"))
        #expect(describe.stdout.contains("max_restarts"))
        let unknown = try Agent.run(["plugins", "describe", "csvv"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("did you mean 'csv'"))
    }

    @Test func graphRendersMermaidAndDot() throws {
        let directory = Agent.temporaryDirectory()
        try Agent.pipeline(directory: directory).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let mermaid = try Agent.run(["graph", directory + "/p.yaml"])
        #expect(mermaid.stdout.hasPrefix("flowchart LR"))
        #expect(mermaid.stdout.contains("transactions --> daily"))
        let dot = try Agent.run(["graph", "--format", "dot", directory + "/p.yaml"])
        #expect(dot.stdout.contains("\"daily\" -> \"db\";"))
    }

    @Test func demoDataIsDeterministic() throws {
        let a = Agent.temporaryDirectory(), b = Agent.temporaryDirectory()
        for directory in [a, b] {
            #expect(try Agent.run(["demo-data", "--out", directory, "--stores", "2", "--products", "3", "--days", "40", "--seed", "7"]).status == 0)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: a).sorted()
        #expect(files == ["transactions-2024-01.csv", "transactions-2024-02.csv"])
        for file in files {
            #expect(FileManager.default.contentsEqual(atPath: a + "/" + file, andPath: b + "/" + file))
        }
    }

    @Test func pluginReadmesDocumentEveryOption() throws {
        for (directory, type) in [("csv", "csv"), ("sales", "aggregate_sales"), ("sqlite", "sqlite"), ("postgres", "postgres"), ("mysql", "mysql"),
                                  ("forecast", "forecast"), ("forecast", "auto"), ("forecast", "additive"), ("mlflow", "mlflow"),
                                  ("csv", "jsonl"), ("kafka", "kafka"), ("nlp", "sentiment"), ("nlp", "ner"), ("nlp", "text_classifier")] {
            let readme = try String(contentsOfFile: Agent.packageRoot + "/plugins/\(directory)/README.md", encoding: .utf8)
            let describe = try Agent.run(["plugins", "describe", type]).stdout
            let options = describe.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
                .compactMap { $0.split(separator: " ").first.map(String.init) }
            #expect(options.count >= 2, "\(type) describes only \(options)")
            for option in options { #expect(readme.contains("`\(option)`"), "plugins/\(directory)/README.md lacks `\(option)`") }
        }
    }
}

@Suite("Logs and secrets")
struct LogsAndSecretsTests {
    @Test func secretsNeverAppearInErrors() throws {
        let directory = Agent.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/creds", withIntermediateDirectories: true)
        try "hunter2-s3cret".write(toFile: directory + "/creds/rows", atomically: true, encoding: .utf8)
        let yaml = Agent.pipeline(directory: directory).replacingOccurrences(of: "batch_rows: 8192", with: "batch_rows: ${credential:rows}")
        try yaml.write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let result = try Agent.run(["validate", directory + "/p.yaml"], environment: ["CREDENTIALS_DIRECTORY": directory + "/creds"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("option 'batch_rows' must be a whole number"))
        #expect(!result.stderr.contains("hunter2"))
        #expect(!result.stdout.contains("hunter2"))
    }

    @Test func journaldGetsPriorityPrefixesAndShippersGetJSON() throws {
        let directory = Agent.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/tx", withIntermediateDirectories: true)
        try Agent.pipeline(directory: directory).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let journal = try Agent.run(["run", "--once", directory + "/p.yaml"], environment: ["JOURNAL_STREAM": "8:12345"])
        #expect(journal.stderr.contains("<6>info: pipeline starting"))
        let json = try Agent.run(["run", "--once", "--log-format", "json", directory + "/p.yaml"])
        let line = try #require(json.stderr.split(separator: "\n").first { $0.contains("pipeline starting") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "info")
        #expect(object["stages"] as? String == "3")
    }
}
