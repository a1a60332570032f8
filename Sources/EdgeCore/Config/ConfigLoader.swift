import Foundation
import Yams

/// Reads a configuration file into a ``PipelineConfig``, checking every stage's type and options
/// against the registry. Collects every problem instead of stopping at the first.
public struct ConfigLoader: Sendable {
    public var registry: PluginRegistry
    public var interpolator: Interpolator
    /// Finds the plugins of `plugins_path` and the system plugin directories; `nil` for none.
    public var discovery: (any PluginDiscovery)?

    /// Top-level keys and what they hold.
    public static let topLevelKeys = ["data_dir", "timezone", "api", "checkpoint_interval", "shutdown_timeout", "channel_capacity", "plugins_path"]
        + StageKind.allCases.map(\.section) + ["tests"]

    public init(registry: PluginRegistry, interpolator: Interpolator, discovery: (any PluginDiscovery)? = nil) {
        self.registry = registry
        self.interpolator = interpolator
        self.discovery = discovery
    }

    /// Loads what can be loaded and returns it with every diagnostic, errors included; `nil`
    /// only when the file is not a YAML mapping at all.
    public func loadCollecting(text: String, file: String) -> (PipelineConfig?, [Diagnostic]) {
        let (config, diagnostics, _) = load(text: text, file: file)
        return (config, diagnostics)
    }

    /// The registry extended with the plugins found in `pluginsPath`, then in the discovery's
    /// system directories, and what could not be read. A built-in type wins over a discovered
    /// one of the same kind and name, and an earlier directory over a later one.
    public func registry(pluginsPath: [String]) -> (registry: PluginRegistry, problems: [String]) {
        guard let discovery else { return (registry, []) }
        var extended = registry
        var problems: [String] = []
        let (found, unreadable) = discovery.discover(in: pluginsPath + discovery.systemDirectories)
        problems += unreadable
        for registration in found {
            if extended.registration(kind: registration.kind, type: registration.type) != nil {
                problems.append("\(registration.kind) plugin '\(registration.type)' (\(registration.summary)) is ignored: the type is already known")
                continue
            }
            extended.register(registration)
        }
        return (extended, problems)
    }

    private func load(text: String, file: String) -> (PipelineConfig?, [Diagnostic], PluginRegistry) {
        var session = LoadSession(file: file, loader: self)
        let config = session.load(text)
        return (config, session.diagnostics, session.registry)
    }

    /// Loads and builds `path`, reporting every problem of either step at once.
    public func compile(path: String, builder: PipelineBuilder) throws(ConfigError) -> BuiltPipeline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(code: .unreadable, diagnostics: [Diagnostic(at: SourceLocation(file: path, line: 1, column: 1), FileAccess.explain("cannot read configuration file", path: path))])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(code: .invalid, diagnostics: [Diagnostic(at: SourceLocation(file: path, line: 1, column: 1), "configuration file is not UTF-8")])
        }
        return try compile(text: text, file: path, builder: builder)
    }

    /// Loads and builds `text`; the builder gets the registry extended with discovered plugins.
    public func compile(text: String, file: String, builder: PipelineBuilder) throws(ConfigError) -> BuiltPipeline {
        let (config, diagnostics, registry) = load(text: text, file: file)
        guard let config else {
            throw ConfigError(code: .invalid, diagnostics: diagnostics.sorted(by: LoadSession.order))
        }
        var builder = builder
        builder.registry = registry
        return try builder.build(config, earlier: diagnostics)
    }
}
