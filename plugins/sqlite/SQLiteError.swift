import EdgeCore
import CSQLite

/// An SQLite failure with its result code and message.
public struct SQLiteError: TransientClassifying, Sendable, CustomStringConvertible {
    /// SQLite's primary result code (SQLITE_BUSY, SQLITE_CONSTRAINT, …).
    public var code: Int32
    public var message: String
    public var path: String

    init(code: Int32, message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }

    /// Busy, locked, I/O or full-disk errors may succeed later.
    public var isTransient: Bool {
        [SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN].contains(code & 0xFF)
    }

    /// Constraint violations (foreign keys, NOT NULL, checks), type mismatches and oversized values.
    public var isRowRejection: Bool {
        [SQLITE_CONSTRAINT, SQLITE_MISMATCH, SQLITE_TOOBIG, SQLITE_RANGE].contains(code & 0xFF)
    }

    public var description: String { "\(path): \(message) (sqlite code \(code))" }
}
