import ArgumentParser
import BuiltinPlugins
import EdgeCore
import Foundation
import Logging

/// Loads and builds a configuration, printing diagnostics as `FILE:LINE:COL: error: …`.
enum ConfigReport {
    static func loader() -> ConfigLoader {
        ConfigLoader(registry: BuiltinPlugins.registry, interpolator: Interpolator(environment: ProcessInfo.processInfo.environment), discovery: BuiltinPlugins.discovery)
    }

    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
    }

    /// Loads and builds `path`, throwing ``ConfigError`` (for reloads).
    static func compile(_ path: String, logger: Logger) throws -> BuiltPipeline {
        try loader().compile(path: path, builder: PipelineBuilder(registry: BuiltinPlugins.registry, logger: logger))
    }

    /// The built pipeline, or exit 78 after printing every error.
    static func build(_ path: String, logger: Logger) throws -> BuiltPipeline {
        do {
            let built = try loader().compile(path: path, builder: PipelineBuilder(registry: BuiltinPlugins.registry, logger: logger))
            printDiagnostics(built.warnings)
            return built
        } catch {
            printDiagnostics(error.diagnostics)
            let count = error.errors.count
            FileHandle.standardError.write(Data("\(path): \(count) error\(count == 1 ? "" : "s"); not started\n".utf8))
            throw ExitStatus.config
        }
    }
}
