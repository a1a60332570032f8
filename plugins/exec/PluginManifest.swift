import EdgeCore
import Foundation

/// A plugin directory's `plugin.yaml`: what the plugin is, how to start it, its options and
/// the columns it produces.
struct PluginManifest: Sendable {
    var name: String
    var kind: StageKind
    /// argv, with a relative program path resolved in the plugin's directory.
    var command: [String]
    /// The plugin's directory, where the child runs.
    var directory: String
    var summary: String
    var options: [OptionSpec]
    /// The columns of a source or transform; `nil` for a transform that keeps its input's.
    var output: Schema?

    /// Option names the agent handles itself; a manifest cannot declare them.
    static func reservedOptions(for kind: StageKind) -> [String] {
        PluginRegistration.commonOptions(for: kind).map(\.name) + ExecPlugin.agentOptions.map(\.name) + ["type"]
    }

    /// Reads `directory/plugin.yaml`; throws a message naming the file, line and problem.
    init(directory: String) throws(ConfigError) {
        let file = directory + "/plugin.yaml"
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw Self.error(SourceLocation(file: file, line: 1, column: 1), FileAccess.explain("cannot read the manifest", path: file))
        }
        let root = try YAMLDocument.parse(text, file: file)
        guard let entries = root.mapping else { throw Self.error(root.location, "the manifest must be a mapping") }
        let known = ["name", "kind", "command", "options", "output", "summary"]
        if let unknown = entries.first(where: { !known.contains($0.key) }) {
            throw Self.error(unknown.value.location, "unknown key '\(unknown.key)' in the manifest; known: \(known.joined(separator: ", "))")
        }
        guard let name = root["name"]?.scalar, !name.isEmpty,
              name.unicodeScalars.allSatisfy({ ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }) else {
            throw Self.error(root["name"]?.location ?? root.location, "'name' must be a type name (letters, digits, '_', '-')")
        }
        guard let kindText = root["kind"]?.scalar, let kind = StageKind(rawValue: kindText), kind != .model else {
            throw Self.error(root["kind"]?.location ?? root.location, "'kind' must be source, transform or sink")
        }
        guard let argv = root["command"]?.list?.compactMap(\.scalar) ?? root["command"]?.scalar.map({ [$0] }), let program = argv.first, !program.isEmpty else {
            throw Self.error(root["command"]?.location ?? root.location, "'command' must be a list: the program and its arguments")
        }
        self.name = name
        self.kind = kind
        self.directory = directory
        self.summary = root["summary"]?.scalar ?? "\(kind) plugin"
        // A relative program path is taken from the plugin's directory; a bare name found
        // there too, otherwise in PATH.
        var command = argv
        if !program.hasPrefix("/"), program.contains("/") || FileManager.default.isExecutableFile(atPath: directory + "/" + program) {
            command[0] = directory + "/" + program
        }
        self.command = command
        options = []
        for item in root["options"]?.list ?? [] {
            options.append(try Self.option(item, kind: kind))
        }
        if let output = root["output"] {
            guard kind != .sink else { throw Self.error(output.location, "a sink has no 'output'") }
            guard let columns = output.mapping, !columns.isEmpty else {
                throw Self.error(output.location, "'output' must map column names to types, e.g. { store_id: string, units: int }")
            }
            var fields: [Field] = []
            for (column, typeNode) in columns {
                let text = typeNode.scalar ?? ""
                let nullable = text.hasSuffix("?")
                guard let type = ColumnType(rawValue: nullable ? String(text.dropLast()) : text) else {
                    throw Self.error(typeNode.location, "column '\(column)': type must be int, double, string, bool, date or timestamp (a '?' after it allows nulls)")
                }
                fields.append(Field(column, type, nullable: nullable))
            }
            self.output = Schema(fields)
        } else if kind == .source {
            throw Self.error(root.location, "a source needs 'output': its columns and their types")
        } else {
            self.output = nil
        }
    }

    private static func option(_ node: YAMLDocument, kind: StageKind) throws(ConfigError) -> OptionSpec {
        guard node.mapping != nil, let name = node["name"]?.scalar, !name.isEmpty else {
            throw error(node.location, "an option must be a mapping with at least 'name' and 'type'")
        }
        guard !reservedOptions(for: kind).contains(name) else {
            throw error(node["name"]?.location ?? node.location, "option '\(name)' is the agent's own; choose another name")
        }
        guard let typeText = node["type"]?.scalar, let type = OptionType(manifest: typeText) else {
            throw error(node["type"]?.location ?? node.location,
                        "option '\(name)': type must be string, int, double, bool, duration, a choice like a|b, [T] (a list) or {T} (a map)")
        }
        let defaultValue = try node["default"].map { value throws(ConfigError) in try value.optionValue(as: type, name: name) }
        var required = false
        if let text = node["required"]?.scalar {
            guard let flag = Bool(text) else { throw error(node["required"]!.location, "option '\(name)': 'required' must be true or false") }
            required = flag
        }
        return OptionSpec(name, type, default: defaultValue, required: required && defaultValue == nil, doc: node["doc"]?.scalar ?? "")
    }

    private static func error(_ location: SourceLocation, _ message: String) -> ConfigError {
        ConfigError(code: .invalid, diagnostics: [Diagnostic(at: location, message)])
    }
}
