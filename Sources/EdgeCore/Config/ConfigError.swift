/// A configuration that cannot be run, with every problem found in it.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure; new codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case unreadable, invalid
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// The file could not be read.
        public static let unreadable = Code(.unreadable)
        /// The file was read but has errors.
        public static let invalid = Code(.invalid)
        public var description: String { base.rawValue }
    }

    public var code: Code
    public var diagnostics: [Diagnostic]

    public init(code: Code, diagnostics: [Diagnostic]) {
        self.code = code
        self.diagnostics = diagnostics
    }

    /// The errors (not warnings) among the diagnostics.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
