/// One problem found in a configuration, printed as `FILE:LINE:COL: error: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// The stage the problem belongs to, if any.
    public var stage: String?

    public init(_ severity: Severity = .error, at location: SourceLocation, _ message: String, stage: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.stage = stage
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}
