import EdgeCore
/// A MySQL/MariaDB failure with the server's (or client library's) error number.
public struct MySQLError: TransientClassifying, Sendable, CustomStringConvertible {
    public var code: UInt32
    public var message: String

    init(code: UInt32, message: String) {
        self.code = code
        self.message = message
    }

    /// Client-side connection errors (2000–2999), lock wait timeouts and deadlocks may succeed
    /// later; access, syntax and data errors will not.
    public var isTransient: Bool {
        (2000..<3000).contains(code) || code == 1205 || code == 1213 || code == 1040 || code == 1053
    }

    public var description: String { "\(message) (MySQL error \(code))" }
}
