import Foundation
import Testing

/// Every status view tells the same truth at the same moment: during a PostgreSQL outage
/// `/ready`, `/api/stages`, the status page, `top`, systemd's `STATUS=` and `/metrics` all say not
/// ready, name the error and show the bytes in the sink's disk buffer; when the database is back
/// they all go green and the buffer drains.
@Suite("Health: every view tells the truth", .serialized)
struct HealthTruthTests {
    /// The views at (about) one moment.
    struct Views {
        var ready: (Int, String)
        var stages: [String: Any]
        var page: String
        var top: String
        var metrics: String
        var status: String

        func stage(_ id: String) -> [String: Any]? {
            (stages["stages"] as? [[String: Any]])?.first { $0["id"] as? String == id }
        }
    }

    static func views(base: String, config: String, environment: [String: String], listener: NotifyListener, lastStatus: inout String) throws -> Views {
        let stages = try #require(try JSONSerialization.jsonObject(with: Data(StatusAPITests.get(base + "/api/stages").1.utf8)) as? [String: Any])
        let top = try Agent.run(["top", config, "--iterations", "1"], environment: environment)
        // STATUS= goes out at once when readiness changes, and every 5 s.
        for (_, message) in listener.receive(until: Date().addingTimeInterval(1.2)) {
            if let line = message.split(separator: "\n").first(where: { $0.hasPrefix("STATUS=") }) { lastStatus = String(line.dropFirst(7)) }
        }
        return Views(ready: StatusAPITests.get(base + "/ready"), stages: stages, page: StatusAPITests.get(base + "/").1,
                     top: top.stdout, metrics: StatusAPITests.get(base + "/metrics").1, status: lastStatus)
    }

    static func metric(_ text: String, _ name: String, stage: String? = nil) -> Double? {
        text.split(separator: "\n").first { line in
            stage.map { line.hasPrefix(name + "{") && line.contains("stage=\"\($0)\"") } ?? line.hasPrefix(name + " ")
        }.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }
    }

    @Test func aPostgresOutageShowsInEveryViewAndClearsWhenTheDatabaseIsBack() throws {
        let url = try #require(DatabaseSinkTests.url, "RETAIL_EDGE_TEST_PG_URL is not set: run the tests with `make test`")
        let password = try #require(URLComponents(string: url)?.password)
        let schema = "health_" + UUID().uuidString.prefix(8).lowercased()
        let directory = Agent.temporaryDirectory()
        let data = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", data, "--stores", "3", "--products", "6", "--days", "90"]).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: data).sorted()
        try FileManager.default.createDirectory(atPath: directory + "/tx", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: data + "/" + files[0], toPath: directory + "/tx/" + files[0])
        let port = StatusAPITests.freePort()
        let yaml = "api: { listen: 127.0.0.1:\(port) }\nshutdown_timeout: 5s\n"
            + Agent.pipeline(directory: directory, checkpointInterval: "200ms", batchRows: 500) + """

              pg: { type: postgres, inputs: [daily], url: "${TEST_DATABASE_URL}", schema: \(schema), restart_backoff: 100ms }
            """
        let config = directory + "/p.yaml"
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        let listener = try NotifyListener()
        let environment = ["TEST_DATABASE_URL": url]
        let agent = Agent.start(["run", config], environment: environment.merging(["NOTIFY_SOCKET": listener.path]) { a, _ in a })
        try agent.run()
        defer { if agent.isRunning { agent.terminate(); agent.waitUntilExit() } }
        let base = "http://127.0.0.1:\(port)"
        var lastStatus = ""
        let count = { (try? DatabaseSinkTests.psql("SELECT COUNT(*) FROM \(schema).fact_sales_daily").first.flatMap { Int($0) }) ?? nil }
        #expect(Agent.eventually(30) { (count() ?? 0) > 0 && StatusAPITests.get(base + "/ready").0 == 200 })

        // The outage: more input arrives while the database is down.
        try DatabaseSinkTests.postgresServer("pause")
        var resumed = false
        defer { if !resumed { try? DatabaseSinkTests.postgresServer("resume") } }
        for file in files.dropFirst() { try FileManager.default.copyItem(atPath: data + "/" + file, toPath: directory + "/tx/" + file) }
        let bufferBytes = { (view: Views) in view.stage("pg")?["buffer_bytes"] as? Int ?? 0 }
        // The views are read one after another, and the first failure's error ("server closed the
        // connection") gives way to the retries' ("Connection refused"): wait until they agree on it.
        let agreeOnTheError = { (view: Views) -> Bool in
            guard let error = view.stage("pg")?["last_error"] as? String else { return false }
            let start = String(error.prefix(40))
            return view.page.contains(Self.htmlEscaped(start)) && view.top.contains(start) && view.status.contains(start)
        }
        var down = try Self.views(base: base, config: config, environment: environment, listener: listener, lastStatus: &lastStatus)
        let deadline = Date().addingTimeInterval(40)
        while !(down.ready.0 == 503 && bufferBytes(down) > 0 && down.status.hasPrefix("NOT READY") && down.status.contains("buffered 0 bytes") == false
                && agreeOnTheError(down)),
              Date() < deadline {
            down = try Self.views(base: base, config: config, environment: environment, listener: listener, lastStatus: &lastStatus)
        }
        // /ready and /api/stages
        #expect(down.ready.0 == 503)
        #expect(down.ready.1 == #"{"ready":false,"failing":["pg"]}"#)
        #expect(down.stages["ready"] as? Bool == false)
        #expect(down.stages["failing"] as? [String] == ["pg"])
        let pg = try #require(down.stage("pg"))
        #expect(pg["failing"] as? Bool == true)
        let error = try #require(pg["last_error"] as? String, "no last_error: \(pg)")
        #expect(!error.isEmpty)
        #expect(pg["last_error_at"] as? String != nil)
        #expect(pg["last_success_at"] as? String != nil)
        #expect(bufferBytes(down) > 0)
        #expect((pg["buffer_batches"] as? Int ?? 0) > 0)
        #expect(down.stage("db")?["failing"] as? Bool == false)
        #expect(down.stage("db")?["buffer_bytes"] as? Int == 0)
        // The page, served filled in from the same snapshot.
        let errorStart = String(error.prefix(40))
        #expect(down.page.contains(#"<span id="state" class="bad">not ready</span>"#))
        #expect(down.page.contains("sink pg: failing — "))
        #expect(down.page.contains(Self.htmlEscaped(errorStart)), "the page does not show the error")
        #expect(down.page.contains(#"<ul id="problems"><li data-stage="pg">sink pg: failing"#))
        #expect(down.page.contains(" bytes (") && down.page.contains(" batches) in its disk buffer</li>"))
        // top
        #expect(down.top.contains("NOT READY"))
        #expect(down.top.contains("! sink pg failing"))
        #expect(down.top.contains(errorStart))
        #expect(down.top.contains("in its disk buffer"))
        // STATUS=
        #expect(down.status.hasPrefix("NOT READY: sink pg failing: "), "\(down.status)")
        #expect(down.status.contains(errorStart))
        let statusBuffered = down.status.split(separator: "buffered ").last.flatMap { $0.split(separator: " ").first }.flatMap { Int($0) } ?? 0
        #expect(statusBuffered > 0, "\(down.status)")
        // /metrics
        #expect(Self.metric(down.metrics, "retail_edge_ready") == 0)
        #expect(Self.metric(down.metrics, "retail_edge_stage_failing", stage: "pg") == 1)
        #expect(Self.metric(down.metrics, "retail_edge_stage_failing", stage: "db") == 0)
        #expect((Self.metric(down.metrics, "retail_edge_buffer_bytes", stage: "pg") ?? 0) > 0)
        #expect(Self.metric(down.metrics, "retail_edge_buffer_bytes", stage: "db") == 0)
        // Never a secret in any view.
        for text in [down.ready.1, down.page, down.top, down.status, down.metrics, String(describing: down.stages)] {
            #expect(!text.contains(password))
        }

        // The database is back: everything goes green and the buffer drains.
        try DatabaseSinkTests.postgresServer("resume")
        resumed = true
        var up = try Self.views(base: base, config: config, environment: environment, listener: listener, lastStatus: &lastStatus)
        let drained = Date().addingTimeInterval(60)
        while !(up.ready.0 == 200 && bufferBytes(up) == 0 && up.status.hasPrefix("ready")), Date() < drained {
            up = try Self.views(base: base, config: config, environment: environment, listener: listener, lastStatus: &lastStatus)
        }
        #expect(up.ready.0 == 200)
        #expect(up.ready.1 == #"{"ready":true,"failing":[]}"#)
        #expect(up.stages["ready"] as? Bool == true)
        #expect(up.stage("pg")?["failing"] as? Bool == false)
        #expect(bufferBytes(up) == 0)
        #expect(up.stage("pg")?["buffer_batches"] as? Int == 0)
        #expect(up.page.contains(#"<span id="state" class="ok">ready</span>"#))
        #expect(up.page.contains(#"<ul id="problems"></ul>"#))
        #expect(up.top.contains(": ready — "))
        #expect(!up.top.contains("! sink pg"))
        #expect(up.status.hasPrefix("ready | "), "\(up.status)")
        #expect(up.status.contains("buffered 0 bytes"))
        #expect(Self.metric(up.metrics, "retail_edge_ready") == 1)
        #expect(Self.metric(up.metrics, "retail_edge_stage_failing", stage: "pg") == 0)
        #expect(Self.metric(up.metrics, "retail_edge_buffer_bytes", stage: "pg") == 0)
        let sqliteCount = Int((try? Agent.query(directory + "/retail.db", "SELECT COUNT(*) FROM fact_sales_daily"))?.first ?? "") ?? 0
        #expect(Agent.eventually(30) { count() == sqliteCount })
        agent.terminate()
        agent.waitUntilExit()
        #expect(agent.terminationStatus == 0)
    }

    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// `promtool check metrics` (the linter Prometheus ships) finds nothing to say about a live
    /// agent's /metrics: every metric has HELP text, names and types follow the conventions.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/promtool"),
                   "promtool is not installed (apt package prometheus; scripts/install-deps.sh --test installs it)"))
    func promtoolFindsNothingToSayAboutTheMetrics() throws {
        let (agent, rows, _) = try StatusAPITests().start()
        defer { agent.stop() }
        var text = ""
        #expect(Agent.eventually(30) {
            text = StatusAPITests.get(agent.base + "/metrics").1
            return HealthTruthTests.metric(text, "retail_edge_records_out_total", stage: "transactions") == Double(rows)
        })
        #expect(text.contains("# HELP retail_edge_buffer_bytes "))
        #expect(text.contains("retail_edge_buffer_bytes{stage=\"db\""))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/promtool")
        process.arguments = ["check", "metrics"]
        let input = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let (stdout, stderr) = Agent.readBoth(out, err)
        process.waitUntilExit()
        let report = String(decoding: stdout + stderr, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(report)")
        #expect(report.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "promtool: \(report)")
    }
}
