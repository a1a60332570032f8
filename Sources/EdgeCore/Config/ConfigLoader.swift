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

/// The state of one load: the file and the diagnostics so far.
struct LoadSession {
    let file: String
    let loader: ConfigLoader
    /// The loader's registry, extended with the plugins of `plugins_path` once it is read.
    var registry: PluginRegistry
    let interpolator: Interpolator
    var diagnostics: [Diagnostic] = []

    static func order(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.location.line, a.location.column) < (b.location.line, b.location.column)
    }

    init(file: String, loader: ConfigLoader) {
        self.file = file
        self.loader = loader
        self.registry = loader.registry
        self.interpolator = loader.interpolator
    }

    func location(_ node: Node?) -> SourceLocation {
        let mark = node?.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    mutating func error(_ node: Node?, _ message: String, stage: String? = nil) {
        diagnostics.append(Diagnostic(.error, at: location(node), message, stage: stage))
    }

    mutating func error(at location: SourceLocation, _ message: String, stage: String? = nil) {
        diagnostics.append(Diagnostic(.error, at: location, message, stage: stage))
    }

    mutating func load(_ text: String) -> PipelineConfig? {
        let root: Node?
        do {
            try YAMLAliasKeyScan.check(text, file: file)
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            reportYAML(error)
            return nil
        } catch let error as ConfigError {
            diagnostics += error.diagnostics
            return nil
        } catch {
            diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), "cannot parse YAML: \(error)"))
            return nil
        }
        guard let root, let mapping = root.mapping else {
            error(root, "the configuration must be a mapping with sections sources, transforms, models and sinks")
            return nil
        }
        var config = PipelineConfig(
            file: file,
            dataDirectory: interpolator.environment["STATE_DIRECTORY"].map { $0.split(separator: ":").first.map(String.init) ?? $0 } ?? ".retail-edge",
            stages: []
        )
        // Plugin directories first: stages anywhere in the file may use their types.
        let pluginsPathNode = mapping["plugins_path"]
        if let pluginsPathNode {
            let items = pluginsPathNode.sequence.map(Array.init) ?? [pluginsPathNode]
            config.pluginsPath = items.compactMap { scalarString($0, what: "plugins_path") }
        }
        let (extended, problems) = loader.registry(pluginsPath: config.pluginsPath)
        registry = extended
        for problem in problems {
            diagnostics.append(Diagnostic(.warning, at: location(pluginsPathNode), problem))
        }
        var seenIds: [String: SourceLocation] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                error(keyNode, "keys must be plain names")
                continue
            }
            switch key {
            case "plugins_path":
                continue
            case "data_dir":
                if let path = scalarString(value, what: "data_dir") { config.dataDirectory = path }
            case "timezone":
                if let name = scalarString(value, what: "timezone") {
                    if let zone = TimeZoneNames.zone(name) { config.timeZone = zone } else { error(value, TimeZoneNames.problem(name)) }
                }
            case "api":
                guard let api = value.mapping else {
                    error(value, "'api' must be a mapping like { listen: 127.0.0.1:9464 }")
                    continue
                }
                for (apiKey, apiValue) in api {
                    let name = apiKey.scalar?.string ?? ""
                    if name == "listen" {
                        if let listen = scalarString(apiValue, what: "api.listen") {
                            if let address = ListenAddress(listen) {
                                config.apiListen = listen
                                if !address.isLoopback {
                                    diagnostics.append(Diagnostic(.warning, at: location(apiValue), "'api.listen' \(listen) is not loopback: "
                                        + "anyone who reaches it sees the pipeline's status; /tap (records) then needs 'api.token' and is refused without one"))
                                }
                            } else {
                                error(apiValue, "'api.listen' must be HOST:PORT, e.g. 127.0.0.1:9464")
                            }
                        }
                    } else if name == "token" {
                        if let token = scalarString(apiValue, what: "api.token") {
                            if token.count < 16 { error(apiValue, "'api.token' must be at least 16 characters (use ${credential:api_token})") } else { config.apiToken = token }
                        }
                    } else {
                        unknownKey(apiKey, name, among: ["listen", "token"], context: "in 'api'")
                    }
                }
            case "tests":
                config.tests = loadTests(value)
            case "checkpoint_interval":
                if let d = duration(value, what: key) { config.checkpointInterval = d }
            case "shutdown_timeout":
                if let d = duration(value, what: key) { config.shutdownTimeout = d }
            case "channel_capacity":
                if let text = scalarString(value, what: key) {
                    if let n = Int(text), n >= 1 { config.channelCapacity = n } else { error(value, "'channel_capacity' must be a whole number of at least 1") }
                }
            default:
                if let kind = StageKind.allCases.first(where: { $0.section == key }) {
                    guard value.mapping != nil || (value.scalar?.string ?? "").isEmpty else {
                        error(value, "'\(key)' must be a mapping of stage ids to stages")
                        continue
                    }
                    for (idNode, stageNode) in value.mapping ?? [:] {
                        if let stage = loadStage(kind: kind, idNode: idNode, node: stageNode) {
                            if let previous = seenIds[stage.id] {
                                error(idNode, "stage id '\(stage.id)' is already used at \(previous)", stage: stage.id)
                                continue
                            }
                            seenIds[stage.id] = stage.location
                            config.stages.append(stage)
                        }
                    }
                } else {
                    unknownKey(keyNode, key, among: ConfigLoader.topLevelKeys, context: "at the top level")
                }
            }
        }
        return config
    }

    mutating func unknownKey(_ node: Node, _ name: String, among candidates: [String], context: String, stage: String? = nil) {
        var message = "unknown key '\(name)' \(context)"
        if let suggestion = EditDistance.suggestion(for: name, among: candidates) {
            message += " (did you mean '\(suggestion)'?)"
        }
        error(node, message, stage: stage)
    }

    mutating func reportYAML(_ yamlError: YamlError) {
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            error(at: SourceLocation(file: file, line: mark.line, column: mark.column), message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            error(at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column), "duplicate keys in mapping: \(duplicates.joined(separator: ", "))")
        default:
            error(at: SourceLocation(file: file, line: 1, column: 1), "invalid YAML: \(yamlError)")
        }
    }

    /// A scalar's text after `${…}` expansion, or `nil` with an error.
    mutating func scalarString(_ node: Node, what: String, stage: String? = nil) -> String? {
        guard let scalar = node.scalar else {
            error(node, "'\(what)' must be a single value, not a \(node.mapping != nil ? "mapping" : "list")", stage: stage)
            return nil
        }
        do {
            let value = try interpolator.expand(scalar.string)
            // A C library would silently cut the value there (an SQLite path, a libpq conninfo).
            guard !value.utf8.contains(0) else {
                error(node, "'\(what)' contains a NUL character, which no path or value may hold", stage: stage)
                return nil
            }
            return value
        } catch let failure {
            var location = location(node)
            if scalar.style == .plain, !scalar.string.contains("\n") { location.column += failure.offset }
            else if scalar.style == .singleQuoted || scalar.style == .doubleQuoted { location.column += failure.offset + 1 }
            error(at: location, failure.message, stage: stage)
            return nil
        }
    }

    mutating func duration(_ node: Node, what: String, stage: String? = nil) -> Duration? {
        guard let text = scalarString(node, what: what, stage: stage) else { return nil }
        guard let value = DurationParser.parse(text) else {
            error(node, "'\(what)' must be a duration like 500ms, 10s, 5m or 1h (at most ten years), not '\(node.scalar?.string ?? text)'", stage: stage)
            return nil
        }
        return value
    }

    mutating func loadStage(kind: StageKind, idNode: Node, node: Node) -> StageConfig? {
        guard let id = idNode.scalar?.string, !id.isEmpty else {
            error(idNode, "stage ids must be plain names")
            return nil
        }
        guard id.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }) else {
            error(idNode, "stage id '\(id)' may only use letters, digits, '_' and '-'", stage: id)
            return nil
        }
        guard let mapping = node.mapping else {
            error(node, "\(kind) '\(id)' must be a mapping with at least a 'type'", stage: id)
            return nil
        }
        guard let typeNode = mapping["type"], let type = typeNode.scalar?.string, !type.isEmpty else {
            error(idNode, "\(kind) '\(id)' has no 'type'", stage: id)
            return nil
        }
        let stageLocation = location(idNode)
        guard let registration = registry.registration(kind: kind, type: type) else {
            var message = "unknown \(kind) type '\(type)' for stage '\(id)'"
            let others = registry.registrations(named: type)
            if let other = others.first {
                message += " ('\(type)' is a \(other.kind): move it to '\(other.kind.section)')"
            } else if let suggestion = EditDistance.suggestion(for: type, among: registry.types(of: kind).map(\.type)) {
                message += " (did you mean '\(suggestion)'?)"
            } else {
                message += "; known \(kind) types: \(registry.types(of: kind).map(\.type).joined(separator: ", "))"
            }
            error(typeNode, message, stage: id)
            var broken = StageConfig(id: id, kind: kind, type: type, location: stageLocation)
            broken.isValid = false
            broken.inputs = inputReferences(mapping["inputs"])
            return broken
        }
        let errorsBefore = diagnostics.count
        var stage = StageConfig(id: id, kind: kind, type: type, location: stageLocation)
        let specs = registration.options + PluginRegistration.commonOptions(for: kind)
        for (keyNode, valueNode) in mapping {
            guard let name = keyNode.scalar?.string else {
                error(keyNode, "option names must be plain names", stage: id)
                continue
            }
            if name == "type" { continue }
            guard let spec = specs.first(where: { $0.name == name }) else {
                var message = "unknown option '\(name)' for \(type) \(kind) '\(id)'"
                if let suggestion = EditDistance.suggestion(for: name, among: specs.map(\.name)) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                error(keyNode, message, stage: id)
                continue
            }
            stage.optionLocations[name] = location(valueNode)
            guard let value = convert(valueNode, to: spec.type, option: name, secret: spec.secret, stage: id) else { continue }
            if name == "inputs" {
                stage.inputs = zip(value.listItems, valueNode.sequence.map(Array.init) ?? [valueNode]).compactMap { item, node in
                    guard case .string(let ref) = item else { return nil }
                    return StageConfig.InputReference(id: ref, location: location(node))
                }
            } else {
                stage.options[name] = value
            }
        }
        for spec in specs where spec.required && stage.options[spec.name] == nil && !(spec.name == "inputs" && !stage.inputs.isEmpty) {
            error(idNode, "\(type) \(kind) '\(id)' needs option '\(spec.name)': \(spec.doc)", stage: id)
        }
        stage.isValid = diagnostics.count == errorsBefore
        if case .int(let max)? = stage.options["max_restarts"] { stage.restart.maxRestarts = max }
        if case .duration(let d)? = stage.options["restart_backoff"] { stage.restart.initialBackoff = d }
        return stage
    }

    /// The stage ids in an `inputs:` node, without type checks (for stages that failed to load).
    func inputReferences(_ node: Node?) -> [StageConfig.InputReference] {
        guard let node else { return [] }
        let items = node.sequence.map(Array.init) ?? [node]
        return items.compactMap { item in item.scalar.map { StageConfig.InputReference(id: $0.string, location: location(item)) } }
    }

    /// Checks a node against an option type, producing the typed value.
    mutating func convert(_ node: Node, to type: OptionType, option: String, secret: Bool, stage: String) -> OptionValue? {
        let shown = secret ? "(secret)" : "'\(node.scalar?.string ?? "")'"
        switch type {
        case .list(let element):
            // A single scalar is accepted where a list is expected: `inputs: a` means `[a]`.
            let items = node.sequence.map(Array.init) ?? (node.scalar != nil ? [node] : nil)
            guard let items else {
                error(node, "option '\(option)' must be a list of \(element)", stage: stage)
                return nil
            }
            var values: [OptionValue] = []
            for item in items {
                guard let value = convert(item, to: element, option: option, secret: secret, stage: stage) else { return nil }
                values.append(value)
            }
            return .list(values)
        case .map(let element):
            guard let mapping = node.mapping else {
                error(node, "option '\(option)' must be a mapping of names to \(element)", stage: stage)
                return nil
            }
            var entries: [OptionValue.MapEntry] = []
            var failed = false
            for (key, value) in mapping {
                guard let name = key.scalar?.string else {
                    error(key, "keys of '\(option)' must be plain names", stage: stage)
                    failed = true
                    continue
                }
                guard let converted = convert(value, to: element, option: "\(option).\(name)", secret: secret, stage: stage) else {
                    failed = true
                    continue
                }
                entries.append(.init(key: name, value: converted, location: location(value)))
            }
            return failed ? nil : .map(entries)
        default:
            guard let text = scalarString(node, what: option, stage: stage) else { return nil }
            switch type {
            case .string:
                return .string(text)
            case .int:
                guard let v = Int(text.trimmingCharacters(in: " ")) else {
                    error(node, "option '\(option)' must be a whole number, not \(shown)", stage: stage)
                    return nil
                }
                return .int(v)
            case .double:
                guard let v = Double(text.trimmingCharacters(in: " ")), v.isFinite else {
                    error(node, "option '\(option)' must be a number, not \(shown)", stage: stage)
                    return nil
                }
                return .double(v)
            case .bool:
                switch text.lowercased() {
                case "true", "yes", "on": return .bool(true)
                case "false", "no", "off": return .bool(false)
                default:
                    error(node, "option '\(option)' must be true or false, not \(shown)", stage: stage)
                    return nil
                }
            case .duration:
                guard let d = DurationParser.parse(text) else {
                    error(node, "option '\(option)' must be a duration like 500ms, 10s, 5m or 1h, not \(shown)", stage: stage)
                    return nil
                }
                return .duration(d)
            case .choice(let words):
                guard words.contains(text) else {
                    var message = "option '\(option)' must be one of \(words.joined(separator: ", ")), not \(shown)"
                    if let suggestion = EditDistance.suggestion(for: text, among: words) { message += " (did you mean '\(suggestion)'?)" }
                    error(node, message, stage: stage)
                    return nil
                }
                return .string(text)
            case .list, .map:
                return nil
            }
        }
    }
}

extension OptionValue {
    var listItems: [OptionValue] {
        if case .list(let items) = self { return items }
        return [self]
    }
}
