import EdgeCore
import RetailWarehouse

/// One training run in `model_metrics` rows: the rows with the same `trained_at` and model
/// family, summarised for MLflow.
struct TrainingRun {
    var trainedAt: Int64
    var model: String
    var metrics: [String: Double]
    var params: [String: String]

    static let metricColumns = ["mae", "rmse", "r2", "smape", "mase", "coverage", "accuracy", "macro_f1", "f1_positive", "f1_neutral", "f1_negative", "fit_ms"]

    /// The runs in a batch, in order of `trained_at`. A run's metrics come from its global row
    /// (store and product `all`); `series` counts its other rows.
    static func group(_ batch: RecordBatch) -> [TrainingRun] {
        let names = batch.schema.fields.map(\.name)
        func value(_ column: String, _ row: Int) -> Value {
            names.firstIndex(of: column).map { batch.columns[$0].value(at: row) } ?? .null
        }
        var series: [Int64: Int] = [:]
        var runs: [Int64: TrainingRun] = [:]
        for row in 0..<batch.count {
            guard case .timestamp(let trainedAt) = value("trained_at", row) else { continue }
            let isGlobal = value("store_id", row) == .string(StarSchema.allMember) && value("product_id", row) == .string(StarSchema.allMember)
            guard isGlobal else {
                series[trainedAt, default: 0] += 1
                continue
            }
            guard case .string(let model) = value("model", row) else { continue }
            var metrics: [String: Double] = [:]
            for column in metricColumns {
                if case .double(let v) = value(column, row), v.isFinite { metrics[column] = v }
            }
            var params = ["model": model]
            if case .int(let days) = value("n_train", row) { params["n_train"] = String(days) }
            runs[trainedAt] = TrainingRun(trainedAt: trainedAt, model: model, metrics: metrics, params: params)
        }
        return runs.keys.sorted().map { trainedAt in
            var run = runs[trainedAt]!
            run.metrics["series"] = Double(series[trainedAt] ?? 0)
            return run
        }
    }
}
