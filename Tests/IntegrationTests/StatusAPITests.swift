import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The status API of a running agent: exact counters in /metrics, /ready, /api/stages, /tap,
/// the `tap` and `top` commands.
@Suite("Status API", .serialized)
struct StatusAPITests {
    /// A free TCP port on 127.0.0.1.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// GET with curl-free Foundation: status and body.
    static func get(_ url: String, bearer: String? = nil) -> (Int, String) {
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result = (0, "")
        var request = URLRequest(url: URL(string: url)!)
        request.timeoutInterval = 5
        if let bearer { request.setValue("Bearer " + bearer, forHTTPHeaderField: "Authorization") }
        URLSession.shared.dataTask(with: request) { data, response, _ in
            result = ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data ?? Data(), as: UTF8.self))
            semaphore.signal()
        }.resume()
        semaphore.wait()
        return result
    }

    struct Running {
        let directory: String
        let port: Int
        let agent: Process
        var base: String { "http://127.0.0.1:\(port)" }

        func stop() {
            agent.terminate()
            agent.waitUntilExit()
        }
    }

    func start(sinkPath: String? = nil, badRows: Double = 0.01, api: (Int) -> String = { "api: { listen: 127.0.0.1:\($0) }" }) throws -> (Running, rows: Int, bad: Int) {
        let directory = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", directory + "/tx", "--stores", "2", "--products", "4", "--days", "45", "--bad-rows", "\(badRows)"]).status == 0)
        var rows = 0, bad = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: directory + "/tx") {
            for line in try String(contentsOfFile: directory + "/tx/" + file, encoding: .utf8).split(separator: "\n").dropFirst() {
                let f = line.split(separator: ",", omittingEmptySubsequences: false)
                if f.count == 5, Int(f[3]) != nil, Double(f[4]) != nil, !f[0].hasPrefix("2024-13") { rows += 1 } else { bad += 1 }
            }
        }
        let port = Self.freePort()
        var yaml = Agent.pipeline(directory: directory, checkpointInterval: "200ms")
        yaml = api(port) + "\nshutdown_timeout: 2s\n" + yaml
        if let sinkPath { yaml = yaml.replacingOccurrences(of: "path: \(directory)/retail.db", with: "path: \(sinkPath)\n    restart_backoff: 200ms\n    max_restarts: 50") }
        try yaml.write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let agent = Agent.start(["run", directory + "/p.yaml"])
        try agent.run()
        let deadline = Date().addingTimeInterval(30)
        while Self.get("http://127.0.0.1:\(port)/health").0 != 200, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        return (Running(directory: directory, port: port, agent: agent), rows, bad)
    }

    /// The value of a metric line `name{labels} value`.
    func metric(_ text: String, _ name: String, stage: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(name + "{") && $0.contains("stage=\"\(stage)\"") }
            .flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }
    }

    /// The value of a metric line without labels, `name value`.
    func metric(_ text: String, _ name: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }
    }

    @Test func metricsCountExactlyWhatWasRead() throws {
        let (agent, rows, bad) = try start()
        defer { agent.stop() }
        #expect(bad > 0)
        let deadline = Date().addingTimeInterval(30)
        var text = ""
        repeat {
            Thread.sleep(forTimeInterval: 0.2)
            text = Self.get(agent.base + "/metrics").1
        } while metric(text, "retail_edge_records_out_total", stage: "transactions") != Double(rows) && Date() < deadline
        #expect(metric(text, "retail_edge_records_out_total", stage: "transactions") == Double(rows))
        #expect(metric(text, "retail_edge_dead_lettered_total", stage: "transactions") == Double(bad))
        #expect(metric(text, "retail_edge_records_in_total", stage: "daily") == Double(rows))
        #expect(text.contains("retail_edge_batch_duration_seconds_bucket{"))
        #expect(text.contains("retail_edge_process_resident_memory_bytes "))
        #expect(text.contains("retail_edge_buffer_batches{stage=\"db\""))
        #expect(metric(text, "retail_edge_buffer_max_bytes", stage: "db") ?? 0 >= Double(1 << 20))
        #expect(metric(text, "retail_edge_stage_restarts_total", stage: "transactions") == 0)
        #expect(metric(text, "retail_edge_process_cpu_seconds_total") ?? 0 > 0)
        // Checkpoints every 200 ms: the last one is recent.
        let checkpointAge = Date().timeIntervalSince1970 - (metric(text, "retail_edge_last_checkpoint_timestamp_seconds") ?? 0)
        #expect(checkpointAge >= 0 && checkpointAge < 30)
        let keys = try Agent.query(agent.directory + "/retail.db", "SELECT count(*) FROM fact_sales_daily").first.flatMap { Double($0) }
        repeat {
            Thread.sleep(forTimeInterval: 0.2)
            text = Self.get(agent.base + "/metrics").1
        } while metric(text, "retail_edge_records_in_total", stage: "db") != keys && Date() < deadline
        #expect(metric(text, "retail_edge_records_in_total", stage: "db") ?? 0 >= keys ?? 1)

        let (status, ready) = Self.get(agent.base + "/ready")
        #expect(status == 200)
        #expect(ready == #"{"ready":true,"failing":[]}"#)
        let stages = Self.get(agent.base + "/api/stages").1
        #expect(stages.contains(#""id":"transactions","kind":"source","type":"csv""#))
        #expect(stages.contains(#""records_out":\#(rows)"#))
        let tap = Self.get(agent.base + "/tap/transactions?limit=3")
        #expect(tap.0 == 200)
        #expect(tap.1.split(separator: "\n").count == 3)
        #expect(tap.1.contains(#""store_id":"S0"#))
        #expect(Self.get(agent.base + "/tap/nope").0 == 404)

        let tapCommand = try Agent.run(["tap", agent.directory + "/p.yaml", "transactions", "--limit", "2"])
        #expect(tapCommand.status == 0)
        #expect(tapCommand.stdout.split(separator: "\n").count == 2)
        let top = try Agent.run(["top", agent.directory + "/p.yaml", "--iterations", "1"])
        #expect(top.status == 0)
        #expect(top.stdout.contains("transactions"))
        #expect(top.stdout.contains("\(rows)"))
    }

    /// Listening beyond loopback: a warning from validate, and records from /tap only with the
    /// token (refused outright when there is none); status stays readable.
    @Test func tapOnANonLoopbackAddressNeedsTheToken() throws {
        let token = "s3cret-token-0123456789"
        let (agent, _, _) = try start(api: { "api: { listen: 0.0.0.0:\($0), token: \(token) }" })
        defer { agent.stop() }
        let validate = try Agent.run(["validate", agent.directory + "/p.yaml"])
        #expect(validate.status == 0)
        #expect(validate.stderr.contains("warning: 'api.listen' 0.0.0.0:\(agent.port) is not loopback"))
        #expect(!validate.stderr.contains(token))
        #expect(Self.get(agent.base + "/tap/transactions?limit=2").0 == 401)
        #expect(Self.get(agent.base + "/tap/transactions?limit=2", bearer: "wrong-token-0123456789").0 == 401)
        #expect(Agent.eventually(30) { Self.get(agent.base + "/tap/transactions?limit=2", bearer: token).1.split(separator: "\n").count == 2 })
        #expect(Self.get(agent.base + "/api/stages").0 == 200)
        // Dead letters carry records: the same rule. Their page holds none, and no token.
        #expect(Self.get(agent.base + "/api/dead-letters?stage=transactions").0 == 401)
        #expect(Agent.eventually(30) { Self.get(agent.base + "/api/dead-letters?stage=transactions", bearer: token).1.contains(#""where":""#) })
        let page = Self.get(agent.base + "/dead-letters")
        #expect(page.0 == 200 && page.1.contains("<title>retail-edge dead letters</title>") && !page.1.contains(token))
        let tapCommand = try Agent.run(["tap", agent.directory + "/p.yaml", "transactions", "--limit", "2"])
        #expect(tapCommand.status == 0)
        #expect(tapCommand.stdout.split(separator: "\n").count == 2)

        let (open, _, _) = try start(api: { "api: { listen: 0.0.0.0:\($0) }" })
        defer { open.stop() }
        let refused = Self.get(open.base + "/tap/transactions?limit=2")
        #expect(refused.0 == 403 && refused.1.contains("api.token"))
        #expect(Self.get(open.base + "/api/dead-letters").0 == 403)
    }

    @Test func readyIs503NamingTheSinkThatCannotConnect() throws {
        let (agent, _, _) = try start(sinkPath: "/proc/retail-edge-cannot-write-here/retail.db", badRows: 0)
        var result = (0, "")
        let deadline = Date().addingTimeInterval(20)
        repeat {
            Thread.sleep(forTimeInterval: 0.2)
            result = Self.get(agent.base + "/ready")
        } while result.0 != 503 && Date() < deadline
        #expect(result.0 == 503)
        #expect(result.1 == #"{"ready":false,"failing":["db"]}"#)
        #expect(Self.get(agent.base + "/health").0 == 200)
        // The sink never connected: its batches wait in its disk buffer, so stopping is clean and
        // the next start replays them.
        agent.stop()
        #expect(agent.agent.terminationStatus == 0)
        let buffered = (try? FileManager.default.attributesOfItem(atPath: agent.directory + "/state/buffers/db/buffer.log")[.size] as? Int) ?? 0
        #expect(buffered > 0)
    }
}

/// The status page as a person sees it, in headless Chromium driven by Selenium (offline).
@Suite("Status page in a browser", .serialized)
struct StatusPageBrowserTests {
    @Test func thePageRendersTheGraphAndTheCounts() throws {
        let (agent, rows, bad) = try StatusAPITests().startForBrowser()
        defer { agent.stop() }
        let deadline = Date().addingTimeInterval(30)
        while !StatusAPITests.get(agent.base + "/api/stages").1.contains(#""records_out":\#(rows)"#), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
        }
        // The sparklines and charts need two samples of the history (one every 5 s).
        let sampled = Date().addingTimeInterval(30)
        while (try? historyTimes(agent.base)) ?? 0 < 2, Date() < sampled { Thread.sleep(forTimeInterval: 0.5) }
        let screenshots = Agent.packageRoot + "/.build/screenshots"
        try FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
        let page = try Agent.browse("status_page.py", [agent.base + "/", screenshots + "/status.png"])
        #expect(page["title"] as? String == "retail-edge status")
        #expect(page["state"] as? String == "ready")
        #expect(page["header"] as? String == "ok")
        #expect((page["version"] as? String)?.hasPrefix("v") == true)
        #expect((page["status"] as? String)?.contains(try Regex(#"checkpoint \d+ "#)) == true, "no last checkpoint on the page")
        #expect(page["cards"] as? [String] == ["transactions", "daily", "db"])
        #expect(page["edges"] as? [[String]] == [["transactions", "daily"], ["daily", "db"]])
        let sparks = try #require(page["sparks"] as? [String: Int])
        #expect(sparks.keys.sorted() == ["daily", "db", "transactions"])
        #expect(sparks.values.allSatisfy { $0 >= 1 })
        let charts = try #require(page["charts"] as? [String: [[String: Any]]])
        for chart in ["chart-problems", "chart-buffer", "chart-lag"] {
            #expect(charts[chart]?.isEmpty == false, "\(chart) draws no series")
            #expect(charts[chart]?.allSatisfy { ($0["points"] as? Int ?? 0) >= 1 } == true)
        }
        #expect(FileManager.default.fileExists(atPath: screenshots + "/status.png"))
        #expect((page["external"] as? [Any])?.isEmpty == true)
        let table = try #require(page["rows"] as? [String: [String: String]])
        let grouped = { (n: Int) in n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US"))) }
        #expect(table["transactions"]?["out"] == grouped(rows))
        #expect(table["transactions"]?["dead_letters"] == grouped(bad))
        #expect(table["daily"]?["in"] == grouped(rows))
    }
}

extension StatusPageBrowserTests {
    /// How many intervals `/api/history` holds so far.
    func historyTimes(_ base: String) throws -> Int {
        let document = try JSONSerialization.jsonObject(with: Data(StatusAPITests.get(base + "/api/history").1.utf8)) as? [String: Any]
        return (document?["times"] as? [Any])?.count ?? 0
    }
}

extension StatusAPITests {
    func startForBrowser() throws -> (Running, Int, Int) {
        let (running, rows, bad) = try start()
        return (running, rows, bad)
    }
}
