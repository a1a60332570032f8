import EdgeCore
/// A PostgreSQL failure with the server's SQLSTATE when there is one.
public struct PostgresError: TransientClassifying, Sendable, CustomStringConvertible {
    /// The five-character SQLSTATE, or `nil` for client-side failures (connection refused).
    public var sqlState: String?
    public var message: String

    init(sqlState: String?, message: String) {
        self.sqlState = sqlState
        self.message = message.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Connection problems, serialization failures, deadlocks, shutdowns and resource limits
    /// may succeed later; constraint and data errors will not.
    public var isTransient: Bool {
        guard let state = sqlState else { return true }
        return ["08", "53", "57", "58"].contains(String(state.prefix(2))) || state == "40001" || state == "40P01"
    }

    /// Data exceptions (class 22: out of range, invalid text) and integrity violations (class
    /// 23: foreign keys, NOT NULL, checks) are about the rows, not the connection.
    public var isRowRejection: Bool {
        guard let state = sqlState else { return false }
        return state.hasPrefix("22") || state.hasPrefix("23")
    }

    public var description: String { sqlState.map { "\(message) (SQLSTATE \($0))" } ?? message }
}
