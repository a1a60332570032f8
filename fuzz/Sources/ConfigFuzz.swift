import BuiltinPlugins
import EdgeCore
import Logging

/// The YAML configuration as `retail-edge validate` reads it: every built-in plugin registered,
/// no environment, no exec plugin directories. `config` loads and checks every option against
/// its registration (fast: most of the input space); `pipeline` also builds the graph and every
/// stage, as `validate` does after a clean load.
enum ConfigFuzz {
    static let loader = ConfigLoader(registry: BuiltinPlugins.registry, interpolator: Interpolator(environment: ["DIR": "/nonexistent"]))

    static let target = FuzzTarget(name: "config") { input in
        _ = loader.loadCollecting(text: String(decoding: input, as: UTF8.self), file: "fuzz.yaml")
    }

    static let pipelineTarget = FuzzTarget(name: "pipeline") { input in
        let text = String(decoding: input, as: UTF8.self)
        let builder = PipelineBuilder(registry: BuiltinPlugins.registry, logger: Logger(label: "fuzz", factory: { _ in SwiftLogNoOpLogHandler() }))
        _ = try? loader.compile(text: text, file: "fuzz.yaml", builder: builder)
    }
}
