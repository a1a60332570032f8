import EdgeCore
import Foundation

/// Logs each training run of a model to an MLflow tracking server: one MLflow run per run of
/// `model_metrics` rows (same `trained_at`), with the run's global row (store and product
/// `all`) as metrics, the model as a param, status FINISHED. A run is tagged with its key, so a
/// replay after a crash finds it instead of logging it twice. While the server is down the
/// runtime buffers the rows to disk and retries, so the forecasts never wait for MLflow.
actor MLflowSink: SinkStage {
    let client: MLflowClient
    let experiment: String
    let stage: String
    private var experimentID: String?

    static let runKeyTag = "retail_edge.run_key"

    init(client: MLflowClient, experiment: String, stage: String) {
        self.client = client
        self.experiment = experiment
        self.stage = stage
    }

    func open(_ context: StageContext) async throws {
        experimentID = try await client.experimentID(named: experiment)
        context.logger.debug("mlflow experiment ready", metadata: ["experiment": "\(experiment)", "id": "\(experimentID ?? "")"])
    }

    func write(_ batch: RecordBatch, input: Int) async throws {
        guard let experimentID else { throw MLflowError(status: nil, code: nil, message: "not connected") }
        for run in TrainingRun.group(batch) {
            let key = "\(stage)/\(run.model)/\(run.trainedAt)"
            if try await client.run(in: experimentID, taggedWith: Self.runKeyTag, value: key) != nil { continue }
            let started = run.trainedAt / 1000
            let id = try await client.createRun(
                in: experimentID, name: "\(run.model) \(Timestamps.format(microseconds: run.trainedAt))", startTime: started,
                tags: [Self.runKeyTag: key, "mlflow.source.name": "retail-edge", "retail_edge.stage": stage]
            )
            try await client.logBatch(run: id, metrics: run.metrics, params: run.params, timestamp: started)
            try await client.finish(run: id, endTime: started + Int64(run.metrics["fit_ms"] ?? 0))
        }
    }

    /// Every run is finished on the server before `write` returns.
    func commit() async throws {}

    func close() async {
        experimentID = nil
    }
}
