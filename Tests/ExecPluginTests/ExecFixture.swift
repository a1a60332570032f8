import EdgeCore
import EdgeCoreTesting
import ExecPlugin
import FilePlugin
import Foundation
import Logging

/// A temporary directory with exec plugins written by a test, and pipelines run over them.
struct ExecFixture {
    let directory = PipelineHarness.temporaryDirectory("exec-plugin-test")

    var pluginsDirectory: String { directory + "/plugins" }

    /// Writes `plugins/NAME/plugin.yaml` and `plugins/NAME/main.py`.
    func plugin(_ name: String, kind: String, options: String = "[]", output: String? = nil, python: String) throws {
        let folder = pluginsDirectory + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var manifest = "name: \(name)\nkind: \(kind)\ncommand: [python3, main.py]\noptions: \(options)\n"
        if let output { manifest += "output: \(output)\n" }
        try manifest.write(toFile: folder + "/plugin.yaml", atomically: true, encoding: .utf8)
        try (Self.prelude + python).write(toFile: folder + "/main.py", atomically: true, encoding: .utf8)
    }

    /// The registry of the built-in `file` sink and nothing else; exec plugins come from discovery.
    static let registry: PluginRegistry = {
        var registry = PluginRegistry()
        registry.register(FilePlugin.registration)
        return registry
    }()

    func loader() -> ConfigLoader {
        ConfigLoader(registry: Self.registry, interpolator: Interpolator(environment: [:]), discovery: ExecPluginDiscovery(systemDirectories: []))
    }

    /// A runner for `yaml` (stages only; data_dir and plugins_path are added).
    func runner(_ yaml: String, mode: RunMode = .once) throws -> PipelineRunner {
        let text = "data_dir: \(directory)/state\nplugins_path: [\(pluginsDirectory)]\n" + yaml
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let built = try loader().compile(text: text, file: "test.yaml", builder: PipelineBuilder(registry: Self.registry, logger: logger))
        return PipelineRunner(pipeline: built, mode: mode, logger: logger)
    }

    func lines(_ file: String) -> [String] {
        ((try? String(contentsOfFile: directory + "/" + file, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Helpers every test plugin starts with: `send`, `messages()` (the agent's lines) and `hello()`.
    static let prelude = """
    import json, os, sys, time
    def send(m):
        sys.stdout.write(json.dumps(m) + "\\n"); sys.stdout.flush()
    def messages():
        for line in sys.stdin:
            yield json.loads(line)
    def hello():
        m = json.loads(sys.stdin.readline())
        assert m["type"] == "hello" and m["protocol"] == 1, m
        send({"type": "hello", "protocol": 1})
        return m

    """
}
