import Foundation
import Testing

/// The groq_tweets source against a local server speaking Groq's chat-completions protocol
/// (Tests/groq/fake_groq.py), with rate limits, server errors, timeouts and broken answers.
@Suite("Groq tweet source", .serialized)
struct GroqTweetSourceTests {
    static func pipeline(_ directory: String, port: Int, key: String, count: Int, restarts: Int = 5) -> String {
        """
        data_dir: \(directory)/state
        sources:
          tweets:
            type: groq_tweets
            api_key: \(key)
            base_url: http://127.0.0.1:\(port)/v1
            model: test-model
            count: \(count)
            batch: 5
            timeout: 1s
            requests_per_minute: 600
            catalog: \(Agent.packageRoot)/config/catalog.yaml
            max_restarts: \(restarts)
            restart_backoff: 50ms
        sinks:
          db: { type: sqlite, inputs: [tweets], path: \(directory)/retail.db }
        """
    }

    static func serve(_ port: Int, script: String, directory: String) throws -> pid_t {
        try #require(!Daemon.waitForPort(port, seconds: 0.1), "port \(port) is taken (a server left over from an earlier run?)")
        let pid = Daemon.start(["python3", Agent.packageRoot + "/Tests/groq/fake_groq.py", String(port), directory + "/requests.jsonl", script],
                               log: directory + "/server.log")
        try #require(Daemon.waitForPort(port), "the fake Groq server did not start")
        return pid
    }

    @Test func theMixIsFilledThroughRateLimitsErrorsTimeoutsAndSkewedAnswers() throws {
        let directory = Agent.temporaryDirectory()
        let port = StatusAPITests.freePort()
        let server = try Self.serve(port, script: "429,500,slow,malformed,skewed", directory: directory)
        defer { Daemon.stop(server) }
        try Self.pipeline(directory, port: port, key: "test-key", count: 20).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let result = try Agent.run(["run", "--once", directory + "/p.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("rate limited"))
        #expect(!result.stderr.contains("test-key"))
        // 20 tweets at 35/35/30: exactly 7, 7 and 6, although one answer was all positive.
        let mix = try Agent.query(directory + "/retail.db", "SELECT intended_sentiment, count(*) FROM fact_tweet GROUP BY 1 ORDER BY 1")
        #expect(mix == ["negative|6", "neutral|7", "positive|7"])
        #expect(try Agent.query(directory + "/retail.db", "SELECT count(DISTINCT text), count(*), sum(product_id = 'unknown') FROM fact_tweet") == ["20|20|0"])
        #expect(try Agent.query(directory + "/retail.db", "SELECT DISTINCT model FROM fact_tweet") == ["test-model"])
        let requests = try String(contentsOfFile: directory + "/requests.jsonl", encoding: .utf8).split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(requests.prefix(5).map { $0["step"] as? String } == ["429", "500", "slow", "malformed", "skewed"])
        let first = requests[0]["time"] as? Double ?? 0, second = requests[1]["time"] as? Double ?? 0
        #expect(second - first >= 0.95, "retry-after was not honoured: \(second - first) s")
    }

    @Test func aRefusedKeyStopsTheRunWithAClearErrorAndNoSecret() throws {
        let directory = Agent.temporaryDirectory()
        let port = StatusAPITests.freePort()
        let server = try Self.serve(port, script: "", directory: directory)
        defer { Daemon.stop(server) }
        try Self.pipeline(directory, port: port, key: "not-the-key", count: 5, restarts: 1).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let result = try Agent.run(["run", "--once", directory + "/p.yaml"])
        #expect(result.status == 70)
        #expect(result.stderr.contains("the API key was refused: Invalid API Key"))
        #expect(!result.stderr.contains("not-the-key"))
    }
}
