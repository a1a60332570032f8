import EdgeCore
import Foundation

/// Registers the `mlflow` sink.
public enum MLflowPlugin {
    public static let registration = PluginRegistration(
        kind: .sink, type: "mlflow",
        summary: "Training runs (model_metrics) to an MLflow tracking server: one run per training, global metrics, FINISHED",
        options: [
            OptionSpec("tracking_uri", .string, doc: "The tracking server, like http://127.0.0.1:5000; default $MLFLOW_TRACKING_URI."),
            OptionSpec("experiment", .string, default: .string("retail-edge"), doc: "Experiment to log runs in; created if missing."),
            OptionSpec("timeout", .duration, default: .duration(.seconds(10)), range: .durations(.milliseconds(100)...Duration.seconds(3600)), doc: "Time limit of each request to the server."),
        ],
        factory: make
    )

    static func make(_ context: StageBuildContext) throws -> BuiltStage {
        for input in context.inputs where input.schema.kind != "model_metrics" {
            throw StageBuildError(option: "inputs", "input '\(input.id)' is \(input.schema); the mlflow sink reads model_metrics (like a forecast's 'metrics' output)")
        }
        guard let uri = context.options.string("tracking_uri") ?? ProcessInfo.processInfo.environment["MLFLOW_TRACKING_URI"], !uri.isEmpty else {
            throw StageBuildError(option: "tracking_uri", "set tracking_uri or MLFLOW_TRACKING_URI")
        }
        guard let url = URL(string: uri), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw StageBuildError(option: "tracking_uri", "'\(uri)' is not an http(s) URL")
        }
        let timeout = context.options.duration(defaulted: "timeout")
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) * 1e-18
        let client = MLflowClient(baseURL: url, timeout: seconds)
        return .sink(MLflowSink(client: client, experiment: context.options.string(defaulted: "experiment"), stage: context.id))
    }
}
