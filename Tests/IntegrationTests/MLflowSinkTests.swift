import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The forecast → mlflow path against a real MLflow tracking server started by `make test`
/// (scripts/test-mlflow.sh).
@Suite("MLflow sink", .serialized)
struct MLflowSinkTests {
    static var uri: String? { ProcessInfo.processInfo.environment["RETAIL_EDGE_TEST_MLFLOW_URI"] }

    /// POSTs JSON to the tracking API and returns the decoded answer.
    static func api(_ path: String, _ body: [String: Any]) async throws -> [String: Any] {
        let base = try #require(Self.uri, "RETAIL_EDGE_TEST_MLFLOW_URI is not set: run the tests with `make test`")
        var request = URLRequest(url: URL(string: base + "/api/2.0/mlflow/" + path)!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let (data, _) = try await URLSession.shared.data(for: request)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func pipeline(_ directory: String, experiment: String, uri: String) -> String {
        Agent.pipeline(directory: directory).replacingOccurrences(of: "    inputs: [daily]\n    path:", with: "    inputs: [daily, forecast]\n    path:")
            .replacingOccurrences(of: "sinks:", with: """
                  forecast:
                    type: forecast
                    inputs: [daily]
                    horizon_days: 14
                sinks:
                  tracking:
                    type: mlflow
                    inputs: [forecast.metrics]
                    tracking_uri: \(uri)
                    experiment: \(experiment)
                    max_restarts: 2
                    restart_backoff: 50ms
                """)
    }

    @Test func eachTrainingRunIsOneFinishedRunWithTheGlobalMetrics() async throws {
        let uri = try #require(Self.uri, "RETAIL_EDGE_TEST_MLFLOW_URI is not set: run the tests with `make test`")
        let directory = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", directory + "/tx", "--stores", "2", "--products", "4", "--days", "120"]).status == 0)
        let experiment = "it-" + UUID().uuidString.prefix(8)
        try Self.pipeline(directory, experiment: String(experiment), uri: uri).write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let result = try Agent.run(["run", "--once", directory + "/p.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Agent.query(directory + "/retail.db", "SELECT COUNT(*) FROM fact_forecast") == ["112"])

        let found = try await Self.api("experiments/search", ["filter": "name = '\(experiment)'", "max_results": 1])
        let experimentID = try #require(((found["experiments"] as? [[String: Any]])?.first)?["experiment_id"] as? String)
        let runs = try await Self.api("runs/search", ["experiment_ids": [experimentID]])["runs"] as? [[String: Any]] ?? []
        #expect(runs.count == 1)
        let info = runs.first?["info"] as? [String: Any]
        #expect(info?["status"] as? String == "FINISHED")
        let data = runs.first?["data"] as? [String: Any]
        let metrics = Dictionary(((data?["metrics"] as? [[String: Any]]) ?? []).map { ($0["key"] as? String ?? "", $0["value"] as? Double ?? .nan) }, uniquingKeysWith: { a, _ in a })
        for key in ["mae", "rmse", "r2", "smape", "mase", "coverage", "series", "fit_ms"] { #expect(metrics[key] != nil, "no metric \(key)") }
        #expect(metrics["series"] == 8)
        let params = ((data?["params"] as? [[String: Any]]) ?? []).compactMap { $0["key"] as? String }
        #expect(params.contains("model"))

        // A second run has nothing new to train: MLflow gets no new run.
        #expect(try Agent.run(["run", "--once", directory + "/p.yaml"]).status == 0)
        let again = try await Self.api("runs/search", ["experiment_ids": [experimentID]])["runs"] as? [[String: Any]] ?? []
        #expect(again.count == 1)
    }

    @Test func anUnreachableServerNeverHoldsUpTheForecasts() throws {
        let directory = Agent.temporaryDirectory()
        #expect(try Agent.run(["demo-data", "--out", directory + "/tx", "--stores", "1", "--products", "3", "--days", "60"]).status == 0)
        try Self.pipeline(directory, experiment: "down", uri: "http://127.0.0.1:9").write(toFile: directory + "/p.yaml", atomically: true, encoding: .utf8)
        let result = try Agent.run(["run", "--once", directory + "/p.yaml"])
        // The forecasts are in the database; the runs wait in the sink's disk buffer for the next run.
        #expect(try Agent.query(directory + "/retail.db", "SELECT COUNT(*) FROM fact_forecast") == ["42"])
        #expect(result.stderr.contains("unreachable"))
        #expect(result.status == 70)
        let buffered = try FileManager.default.attributesOfItem(atPath: directory + "/state/buffers/tracking/buffer.log")[.size] as? Int ?? 0
        #expect(buffered > 0)
    }
}
