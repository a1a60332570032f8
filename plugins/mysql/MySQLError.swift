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
        // 2026: TLS could not be set up (required but not offered, or the certificate failed).
        ((2000..<3000).contains(code) && code != 2026) || code == 1205 || code == 1213 || code == 1040 || code == 1053
    }

    /// Errors about values: NULL in NOT NULL (1048), out of range (1264, 1690), truncated or
    /// invalid values (1265, 1292, 1366, 1406), foreign keys (1451, 1452), checks (3819, 4025);
    /// and the warnings `LOAD DATA LOCAL` gives instead of some of them: NULL in NOT NULL (1263),
    /// too few or too many fields (1261, 1262).
    public var isRowRejection: Bool {
        [1048, 1261, 1262, 1263, 1264, 1265, 1292, 1366, 1406, 1451, 1452, 1690, 3819, 4025].contains(code)
    }

    public var description: String { "\(message) (MySQL error \(code))" }
}
