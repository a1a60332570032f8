import Foundation
import Synchronization
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

    /// A mistake in a holidays file stops validate with exit 78, naming the stage's option and the
    /// file, line and column in the holidays file; a store naming an unknown calendar too.
    @Test func aBadHolidaysFileOrCalendarIsAConfigError() throws {
        let directory = Agent.temporaryDirectory()
        try "calendars:\n  GB:\n    holidays:\n      - { name: Summer bank holiday, month: 8, weekday: monday, nth: lastt }\n"
            .write(toFile: directory + "/holidays.yaml", atomically: true, encoding: .utf8)
        try "stores:\n  - { id: S1, name: Leeds, calendar: UK }\n".write(toFile: directory + "/catalog.yaml", atomically: true, encoding: .utf8)
        let pipeline = Agent.pipeline(directory: directory)
        try pipeline.replacingOccurrences(of: "inputs: [daily]\n    path:", with: "inputs: [daily]\n    holidays: \(directory)/holidays.yaml\n    path:")
            .write(toFile: directory + "/bad-file.yaml", atomically: true, encoding: .utf8)
        let badFile = try Agent.run(["validate", directory + "/bad-file.yaml"])
        #expect(badFile.status == 78)
        #expect(badFile.stderr.contains("\(directory)/bad-file.yaml:17:15: error: sqlite sink 'db': \(directory)/holidays.yaml:4:70: error: nth 'lastt' must be 1 … 5, last, or -1 … -5 (counting from the month's end)"), "\(badFile.stderr)")
        try pipeline.replacingOccurrences(of: "inputs: [daily]\n    path:", with: "inputs: [daily]\n    catalog: \(directory)/catalog.yaml\n    path:")
            .write(toFile: directory + "/bad-store.yaml", atomically: true, encoding: .utf8)
        let badStore = try Agent.run(["validate", directory + "/bad-store.yaml"])
        #expect(badStore.status == 78)
        #expect(badStore.stderr.contains("store 'S1' of the catalogue names calendar 'UK', which is neither shipped nor in the holidays file (known: US)"), "\(badStore.stderr)")
    }

    @Test func validateAcceptsTheShippedConfigs() throws {
        for file in ["config/demo.yaml", "config/store.yaml", "config/retail.yaml", "config/kafka.yaml", "config/postgres.yaml", "config/mysql.yaml", "config/tweets.yaml", "config/demo-groq.yaml"] {
            let result = try Agent.run(["validate", Agent.packageRoot + "/" + file],
                                       environment: ["DEMO_DIR": "/tmp/x", "RETAIL_EDGE_DROP": "/tmp/x", "RETAIL_EDGE_CATALOG": Agent.packageRoot + "/config/catalog.yaml", "GROQ_API_KEY": "validate-only",
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

    @Test func outputsToAPipeStayAPipe() throws {
        let directory = Agent.temporaryDirectory()
        let fifo = directory + "/out.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        try #"{"id":"1","text":"Got the Aurora X200 at Riverside Mall"}"#.write(toFile: directory + "/in.jsonl", atomically: true, encoding: .utf8)
        let received = Mutex<Data>(Data())
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: fifo) { received.withLock { $0 = handle.readDataToEndOfFile() } }
        }
        reader.start()
        let result = try Agent.run(["ner", "--catalog", Agent.packageRoot + "/config/catalog.yaml", "--input", directory + "/in.jsonl", "--output", fifo])
        #expect(result.status == 0, "\(result.stderr)")
        while reader.isExecuting { Thread.sleep(forTimeInterval: 0.05) }
        #expect(String(decoding: received.withLock { $0 }, as: UTF8.self).contains(#""id":"P001""#))
        // Replacing the path atomically would have put a regular file where the pipe was.
        var info = stat()
        #expect(stat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
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

    /// The expected demand covers every store × product × day the transactions do, and sits near
    /// the units sold; the promotions run 30 days past the data (the known future) and lift sales.
    @Test func demoDataWritesTheExpectedDemandAndThePlannedPromotions() throws {
        let directory = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", directory + "/tx", "--stores", "2", "--products", "3", "--days", "120",
                               "--expected-out", directory + "/expected.csv", "--promotions-out", directory + "/promotions.csv"]).status == 0)
        let expected = try String(contentsOfFile: directory + "/expected.csv", encoding: .utf8).split(separator: "\n")
        #expect(expected.first == "date,store_id,product_id,units")
        #expect(expected.count == 1 + 2 * 3 * 120)
        let expectedTotal = expected.dropFirst().compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }.reduce(0, +)
        var sold = 0.0
        for file in try FileManager.default.contentsOfDirectory(atPath: directory + "/tx") {
            for line in try String(contentsOfFile: directory + "/tx/" + file, encoding: .utf8).split(separator: "\n").dropFirst() {
                sold += Double(line.split(separator: ",")[3]) ?? 0
            }
        }
        #expect(abs(sold - expectedTotal) < 0.1 * expectedTotal, "sold \(sold), expected \(expectedTotal)")
        let promotions = try String(contentsOfFile: directory + "/promotions.csv", encoding: .utf8).split(separator: "\n")
        #expect(promotions.first == "date,store_id,product_id,promo")
        let days = Set(promotions.dropFirst().map { $0.prefix(10) })
        #expect(days.contains { $0 > "2024-04-29" })
        #expect(!days.contains { $0 > "2024-05-29" })
        #expect(promotions.count > 1 + 2 * 7)
    }

    @Test func theWeatherExamplePluginRunsFromItsConfig() throws {
        let directory = Agent.temporaryDirectory()
        let result = try Agent.run(["run", Agent.packageRoot + "/config/weather.yaml", "--once", "--quiet"], environment: ["RETAIL_EDGE_DATA": directory, "RETAIL_EDGE_PLUGINS": Agent.packageRoot + "/plugins/examples"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: directory + "/weather.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 180)
        #expect(lines.first == #"{"date":"2024-01-01","store_id":"S1","temp_c":-3.8}"#)
        let listed = try Agent.run(["plugins", "--config", Agent.packageRoot + "/config/weather.yaml"], environment: ["RETAIL_EDGE_PLUGINS": Agent.packageRoot + "/plugins/examples"])
        #expect(listed.stdout.contains("weather "))
    }

    @Test func pluginReadmesDocumentEveryOption() throws {
        // Exec plugins are found through a configuration's plugins_path.
        let weather = ["--config", Agent.packageRoot + "/config/weather.yaml"]
        for (directory, type, arguments) in [("csv", "csv", []), ("sales", "aggregate_sales", []), ("sqlite", "sqlite", []), ("postgres", "postgres", []),
                                             ("mysql", "mysql", []), ("forecast", "forecast", []), ("forecast", "auto", []), ("forecast", "additive", []),
                                             ("mlflow", "mlflow", []), ("file", "file", []), ("examples", "weather", weather),
                                             ("csv", "jsonl", []), ("nlp", "sentiment", []), ("nlp", "ner", []), ("nlp", "text_classifier", []),
                                             ("groq", "groq_tweets", []), ("kafka", "kafka", [])] {
            let readme = try String(contentsOfFile: Agent.packageRoot + "/plugins/\(directory)/README.md", encoding: .utf8)
            let describe = try Agent.run(["plugins", "describe", type] + arguments, environment: ["RETAIL_EDGE_PLUGINS": Agent.packageRoot + "/plugins/examples"]).stdout
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
