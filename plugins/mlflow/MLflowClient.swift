import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The parts of MLflow's REST API (`/api/2.0/mlflow/…`) the sink uses: experiments, runs,
/// log-batch and run status. JSON in and out, one request at a time, with a timeout.
struct MLflowClient: Sendable {
    let baseURL: URL
    let timeout: TimeInterval

    /// The id of experiment `name`, created when missing.
    func experimentID(named name: String) async throws -> String {
        do {
            let found = try await call("GET", "experiments/get-by-name", query: ["experiment_name": name])
            if let experiment = found["experiment"] as? [String: Any], let id = experiment["experiment_id"] as? String { return id }
        } catch let error as MLflowError where error.code == "RESOURCE_DOES_NOT_EXIST" {}
        let created = try await call("POST", "experiments/create", body: ["name": name])
        guard let id = created["experiment_id"] as? String else { throw MLflowError(status: nil, code: nil, message: "experiments/create returned no experiment_id") }
        return id
    }

    /// The id of a run tagged `key = value` in the experiment, if there is one.
    func run(in experiment: String, taggedWith key: String, value: String) async throws -> String? {
        let found = try await call("POST", "runs/search", body: [
            "experiment_ids": [experiment], "filter": "tags.`\(key)` = '\(value.replacingOccurrences(of: "'", with: ""))'", "max_results": 1,
        ])
        let runs = found["runs"] as? [[String: Any]] ?? []
        return (runs.first?["info"] as? [String: Any])?["run_id"] as? String
    }

    func createRun(in experiment: String, name: String, startTime: Int64, tags: [String: String]) async throws -> String {
        let created = try await call("POST", "runs/create", body: [
            "experiment_id": experiment, "run_name": name, "start_time": startTime,
            "tags": tags.sorted { $0.key < $1.key }.map { ["key": $0.key, "value": $0.value] },
        ])
        guard let run = created["run"] as? [String: Any], let info = run["info"] as? [String: Any], let id = info["run_id"] as? String else {
            throw MLflowError(status: nil, code: nil, message: "runs/create returned no run id")
        }
        return id
    }

    func logBatch(run: String, metrics: [String: Double], params: [String: String], timestamp: Int64) async throws {
        _ = try await call("POST", "runs/log-batch", body: [
            "run_id": run,
            "metrics": metrics.sorted { $0.key < $1.key }.map { ["key": $0.key, "value": $0.value, "timestamp": timestamp, "step": 0] as [String: Any] },
            "params": params.sorted { $0.key < $1.key }.map { ["key": $0.key, "value": $0.value] },
        ])
    }

    func finish(run: String, endTime: Int64) async throws {
        _ = try await call("POST", "runs/update", body: ["run_id": run, "status": "FINISHED", "end_time": endTime])
    }

    private func call(_ method: String, _ path: String, query: [String: String] = [:], body: [String: Any]? = nil) async throws -> [String: Any] {
        var components = URLComponents(url: baseURL.appendingPathComponent("api/2.0/mlflow/" + path), resolvingAgainstBaseURL: false)!
        if !query.isEmpty { components.queryItems = query.map { URLQueryItem(name: $0.key, value: $0.value) } }
        var request = URLRequest(url: components.url!, timeoutInterval: timeout)
        request.httpMethod = method
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let data: Data, response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw MLflowError(status: nil, code: nil, message: "\(baseURL.absoluteString) is unreachable: \(error.localizedDescription)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        guard (200..<300).contains(status) else {
            throw MLflowError(status: status, code: json["error_code"] as? String,
                              message: json["message"] as? String ?? "\(method) \(path) failed")
        }
        return json
    }
}
