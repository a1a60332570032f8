import CSVPlugin
import EdgeCore
import ExecPlugin
import FilePlugin
import ForecastPlugin
import GroqPlugin
import KafkaPlugin
import Logging
import MLflowPlugin
import MySQLPlugin
import NLPPlugin
import PostgresPlugin
import SQLitePlugin
import SalesPlugin

/// The YAML configuration as `retail-edge validate` reads it: every built-in plugin registered,
/// no environment, no exec plugin directories. `config` loads and checks every option against
/// its registration (fast: most of the input space); `pipeline` also builds the graph and every
/// stage, as `validate` does after a clean load.
enum ConfigFuzz {
    /// The registry of `retail-edge` (Sources/retail-edge/Builtins.swift), which an executable
    /// cannot share.
    static let registry: PluginRegistry = {
        var registry = PluginRegistry()
        registry.register(CSVPlugin.registration)
        registry.register(JSONLinesPlugin.registration)
        registry.register(SalesPlugin.registration)
        registry.register(SQLitePlugin.registration)
        registry.register(PostgresPlugin.registration)
        registry.register(MySQLPlugin.registration)
        for registration in KafkaPlugin.registrations { registry.register(registration) }
        for registration in ForecastPlugin.registrations { registry.register(registration) }
        registry.register(MLflowPlugin.registration)
        for registration in NLPPlugin.registrations { registry.register(registration) }
        registry.register(GroqPlugin.registration)
        registry.register(FilePlugin.registration)
        return registry
    }()

    static let loader = ConfigLoader(registry: registry, interpolator: Interpolator(environment: ["DIR": "/nonexistent"]))

    static let target = FuzzTarget(name: "config") { input in
        _ = loader.loadCollecting(text: String(decoding: input, as: UTF8.self), file: "fuzz.yaml")
    }

    static let pipelineTarget = FuzzTarget(name: "pipeline") { input in
        let text = String(decoding: input, as: UTF8.self)
        let builder = PipelineBuilder(registry: registry, logger: Logger(label: "fuzz", factory: { _ in SwiftLogNoOpLogHandler() }))
        _ = try? loader.compile(text: text, file: "fuzz.yaml", builder: builder)
    }
}
