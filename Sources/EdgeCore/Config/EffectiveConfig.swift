import Foundation
import Yams

/// The configuration as the agent runs it, as YAML: variables expanded, defaults filled in
/// (marked `# default`). Secrets are shown as `<redacted>`: secret options, every value that
/// takes text from the environment or a credential, and passwords in URLs.
public enum EffectiveConfig {
    public static let redacted = "<redacted>"

    /// `config`, loaded from `text` with `interpolator`, with its stages' options from `registry`.
    public static func yaml(_ config: PipelineConfig, text: String, registry: PluginRegistry, interpolator: Interpolator) -> String {
        let root = (try? Yams.compose(yaml: text))?.mapping
        /// Whether the value written under `path` (keys from the root) may hold a secret.
        func fromOutside(_ path: [String]) -> Bool {
            var node = root.map(Node.mapping)
            for key in path { node = node?.mapping?[key] }
            return node.map { scalars(of: $0).contains(where: interpolator.drawsFromOutside) } ?? false
        }
        func shown(_ value: OptionValue, outside: Bool) -> String {
            outside ? redacted : yamlValue(value)
        }
        var lines = ["# \(config.file): variables expanded, defaults filled in; secrets \(redacted)"]
        lines.append("data_dir: " + shown(.string(config.dataDirectory), outside: fromOutside(["data_dir"])))
        lines.append("timezone: " + shown(.string(config.timeZone.identifier), outside: fromOutside(["timezone"])))
        if let listen = config.apiListen {
            lines.append("api: { listen: \(shown(.string(listen), outside: fromOutside(["api", "listen"])))" + (config.apiToken == nil ? "" : ", token: \(redacted)") + " }")
        }
        lines.append("checkpoint_interval: " + shown(.duration(config.checkpointInterval), outside: fromOutside(["checkpoint_interval"])))
        lines.append("shutdown_timeout: " + shown(.duration(config.shutdownTimeout), outside: fromOutside(["shutdown_timeout"])))
        lines.append("channel_capacity: " + shown(.int(config.channelCapacity), outside: fromOutside(["channel_capacity"])))
        if !config.pluginsPath.isEmpty {
            lines.append("plugins_path: " + shown(.list(config.pluginsPath.map(OptionValue.string)), outside: fromOutside(["plugins_path"])))
        }
        for kind in StageKind.allCases {
            let stages = config.stages.filter { $0.kind == kind }
            guard !stages.isEmpty else { continue }
            lines.append("\(kind.section):")
            for stage in stages {
                lines.append("  \(stage.id):")
                lines.append("    type: \(yamlValue(.string(stage.type)))")
                if !stage.inputs.isEmpty { lines.append("    inputs: " + yamlValue(.list(stage.inputs.map { .string($0.id) }))) }
                let specs = (registry.registration(kind: kind, type: stage.type)?.options ?? []) + PluginRegistration.commonOptions(for: kind)
                for spec in specs where spec.name != "inputs" {
                    if let value = stage.options[spec.name] {
                        let hidden = spec.secret || fromOutside([kind.section, stage.id, spec.name])
                        lines.append("    \(spec.name): " + shown(value, outside: hidden))
                    } else if let value = spec.defaultValue {
                        lines.append("    \(spec.name): \(spec.secret ? redacted : yamlValue(value))  # default")
                    }
                }
            }
        }
        if !config.tests.isEmpty { lines.append("# tests: \(config.tests.count) (retail-edge test runs them)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every scalar under `node`.
    static func scalars(of node: Node) -> [String] {
        if let scalar = node.scalar { return [scalar.string] }
        if let items = node.sequence { return items.flatMap(scalars) }
        return node.mapping.map { $0.flatMap { scalars(of: $0.value) } } ?? []
    }

    /// A value in YAML flow style; strings quoted when plain style would change them, and
    /// passwords in URLs redacted.
    static func yamlValue(_ value: OptionValue) -> String {
        switch value {
        case .list(let items): "[" + items.map(yamlValue).joined(separator: ", ") + "]"
        case .map(let entries): "{ " + entries.map { "\(yamlString($0.key)): \(yamlValue($0.value))" }.joined(separator: ", ") + " }"
        case .string(let text): yamlString(withoutURLPasswords(text))
        default: yamlScalar(value)
        }
    }

    /// A scalar as written in a configuration: durations as `500ms` or `10s`.
    static func yamlScalar(_ value: OptionValue) -> String {
        guard case .duration(let duration) = value else { return value.description }
        let milliseconds = Int64((duration.seconds * 1000).rounded())
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
    }

    static func yamlString(_ text: String) -> String {
        let plain = text.range(of: #"^[A-Za-z_/.<][A-Za-z0-9_./:<>@+-]*$"#, options: .regularExpression) != nil
            && !["true", "false", "yes", "no", "on", "off", "null"].contains(text.lowercased())
        return plain ? text : JSONText.string(text)
    }

    /// `scheme://user:password@host` → `scheme://user:<redacted>@host`, and `password=…` in a
    /// key-value connection string.
    public static func withoutURLPasswords(_ text: String) -> String {
        text.replacingOccurrences(of: #"([A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*):[^@\s]*@"#, with: "$1:\(redacted)@", options: .regularExpression)
            .replacingOccurrences(of: #"(?i)\b(password|passwd|pwd)=[^\s&;]*"#, with: "$1=\(redacted)", options: .regularExpression)
    }
}
