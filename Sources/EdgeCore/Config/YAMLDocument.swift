import Yams

/// A node of a YAML file other than the pipeline configuration (a plugin's manifest), with
/// its place in the file for error messages.
public struct YAMLDocument {
    private let node: Node
    /// The file the node was read from.
    public let file: String

    private init(node: Node, file: String) {
        self.node = node
        self.file = file
    }

    /// Parses `text`; throws ``ConfigError`` with the place of a syntax error.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> YAMLDocument {
        var session = LoadSession(file: file, loader: ConfigLoader(registry: PluginRegistry(), interpolator: Interpolator(environment: [:])))
        do {
            try YAMLAliasKeyScan.check(text, file: file)
            guard let root = try Yams.compose(yaml: text, .default, .default, .utf8) else {
                throw ConfigError(code: .invalid, diagnostics: [Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), "the file is empty")])
            }
            return YAMLDocument(node: root, file: file)
        } catch let error as YamlError {
            session.reportYAML(error)
        } catch let error as ConfigError {
            throw error
        } catch {
            session.error(at: SourceLocation(file: file, line: 1, column: 1), "cannot parse YAML: \(error)")
        }
        throw ConfigError(code: .invalid, diagnostics: session.diagnostics)
    }

    /// Where the node is written.
    public var location: SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    /// The text of a scalar, `nil` for a list or mapping.
    public var scalar: String? { node.scalar?.string }

    /// The items of a list, `nil` for a scalar or mapping.
    public var list: [YAMLDocument]? {
        node.sequence.map { $0.map { YAMLDocument(node: $0, file: file) } }
    }

    /// The entries of a mapping in file order (keys that are not scalars are left out), `nil`
    /// for a scalar or list.
    public var mapping: [(key: String, value: YAMLDocument)]? {
        node.mapping.map { entries in
            entries.compactMap { key, value in key.scalar.map { ($0.string, YAMLDocument(node: value, file: file)) } }
        }
    }

    /// The value of `key` in a mapping.
    public subscript(key: String) -> YAMLDocument? {
        node.mapping?[key].map { YAMLDocument(node: $0, file: file) }
    }

    /// The node as a value of `type`, checked as a configuration option called `name` would be
    /// (no `${…}` expansion); throws ``ConfigError`` saying what is wrong and where.
    public func optionValue(as type: OptionType, name: String) throws(ConfigError) -> OptionValue {
        var session = LoadSession(file: file, loader: ConfigLoader(registry: PluginRegistry(), interpolator: Interpolator(environment: [:])))
        guard let value = session.convert(node, to: type, option: name, secret: false, stage: "") else {
            throw ConfigError(code: .invalid, diagnostics: session.diagnostics)
        }
        return value
    }
}
