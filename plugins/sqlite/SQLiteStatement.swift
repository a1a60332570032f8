import CSQLite
import EdgeCore

/// A prepared statement; bind, step, reset.
final class SQLiteStatement {
    private let statement: OpaquePointer
    private let connection: SQLiteConnection
    /// Tells SQLite to copy bound bytes.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(statement: OpaquePointer, connection: SQLiteConnection) {
        self.statement = statement
        self.connection = connection
    }

    deinit { sqlite3_finalize(statement) }

    func bind(_ index: Int32, int value: Int64) { sqlite3_bind_int64(statement, index, value) }
    func bind(_ index: Int32, double value: Double) { sqlite3_bind_double(statement, index, value) }
    func bindNull(_ index: Int32) { sqlite3_bind_null(statement, index) }

    /// Binds UTF-8 text, copied by SQLite.
    func bind(_ index: Int32, utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress, utf8.count > 0 else {
            sqlite3_bind_text(statement, index, "", 0, Self.transient)
            return
        }
        base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
            _ = sqlite3_bind_text(statement, index, $0, Int32(utf8.count), Self.transient)
        }
    }

    /// Binds UTF-8 text that stays valid, unchanged, until the statement is stepped and reset.
    func bind(_ index: Int32, borrowed utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress, utf8.count > 0 else {
            sqlite3_bind_text(statement, index, "", 0, Self.transient)
            return
        }
        base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
            _ = sqlite3_bind_text(statement, index, $0, Int32(utf8.count), nil)  // SQLITE_STATIC: not copied
        }
    }

    /// Runs the statement; true while it yields rows.
    @discardableResult
    func step() throws -> Bool {
        let rc = sqlite3_step(statement)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = connection.error(rc)
            sqlite3_reset(statement)
            throw error
        }
    }

    /// Column `column` of the current row as text, `nil` for NULL.
    func text(column: Int32) -> String? {
        sqlite3_column_text(statement, column).map { String(cString: $0) }
    }

    /// Binds `text`, copied by SQLite.
    func bind(_ index: Int32, text: String) {
        var text = text
        text.withUTF8 { bind(index, utf8: $0) }
    }

    /// Column `column` of the current row by its stored type: integer, real, text or NULL
    /// (blobs read as text).
    func value(column: Int32) -> Value {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .int(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: .double(sqlite3_column_double(statement, column))
        default: .string(text(column: column) ?? "")
        }
    }

    /// The number of columns of its result.
    var columnCount: Int32 { sqlite3_column_count(statement) }

    func reset() {
        sqlite3_reset(statement)
    }

    /// Unbinds every parameter (so that none refers to memory bound in place after it is gone).
    func clearBindings() {
        sqlite3_clear_bindings(statement)
    }
}
