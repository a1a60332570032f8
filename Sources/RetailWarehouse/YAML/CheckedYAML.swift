import EdgeCore
import Yams

/// A YAML file of the warehouse's own (a catalogue, holiday calendars) read as the configuration
/// is: aliases used as keys refused before parsing, errors located as `file:line:column`.
enum CheckedYAML {
    /// The document's root node, or nil for an empty document.
    static func compose(_ text: String, file: String) throws(ConfigError) -> Node? {
        do {
            try YAMLAliasKeyScan.check(text, file: file)
            return try Yams.compose(yaml: text)
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(code: .invalid, diagnostics: [Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), "invalid YAML: \(error)")])
        }
    }

    /// A diagnostic at `node` (the file's start when nil).
    static func diagnostic(_ node: Node?, file: String, _ message: String) -> Diagnostic {
        let mark = node?.mark
        return Diagnostic(at: SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1), message)
    }
}
