import EdgeCore
import Foundation
import Logging

/// Runs a pipeline from YAML text in-process, for tests of stages and of the runtime.
public enum PipelineHarness {
    /// Loads, builds and returns a runner for `yaml`, with `data_dir` set to `dataDirectory`.
    public static func runner(
        yaml: String, registry: PluginRegistry, dataDirectory: String, mode: RunMode = .once,
        environment: [String: String] = [:]
    ) throws -> PipelineRunner {
        let text = "data_dir: \(dataDirectory)\n" + yaml
        let loader = ConfigLoader(registry: registry, interpolator: Interpolator(environment: environment))
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let built = try loader.compile(text: text, file: "test.yaml", builder: PipelineBuilder(registry: registry, logger: logger))
        return PipelineRunner(pipeline: built, mode: mode, logger: logger)
    }

    /// Runs `yaml` once to completion and returns the runner (for its metrics).
    @discardableResult
    public static func runOnce(yaml: String, registry: PluginRegistry, dataDirectory: String) async throws -> PipelineRunner {
        let runner = try runner(yaml: yaml, registry: registry, dataDirectory: dataDirectory)
        try await runner.run()
        return runner
    }

    /// A fresh empty directory under the system's temporary directory.
    public static func temporaryDirectory(_ name: String = "retail-edge-test") -> String {
        let path = NSTemporaryDirectory() + "/\(name)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
