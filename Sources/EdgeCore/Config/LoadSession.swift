import Foundation
import Yams

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
            root = try Yams.compose(yaml: text, .default, .default, .utf8)
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
                if let path = scalarString(value, what: "data_dir") {
                    if path.trimmingCharacters(in: " ").isEmpty { error(value, "'data_dir' must name a directory, not be empty") } else { config.dataDirectory = path }
                }
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
                                        + "anyone who reaches it sees the pipeline's status; /tap and /api/dead-letters (records) then need 'api.token' and is refused without one"))
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
                if let d = duration(value, what: key) {
                    if d >= .milliseconds(10) { config.checkpointInterval = d } else { error(value, "'checkpoint_interval' must be at least 10ms") }
                }
            case "shutdown_timeout":
                if let d = duration(value, what: key) { config.shutdownTimeout = d }
            case "channel_capacity":
                if let text = scalarString(value, what: key) {
                    if let n = Int(text), (1...1024).contains(n) { config.channelCapacity = n } else { error(value, "'channel_capacity' must be a whole number between 1 and 1024") }
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
}
