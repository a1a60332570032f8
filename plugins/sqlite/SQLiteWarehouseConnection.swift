import RetailWarehouse

/// An SQLite connection with the prepared upserts of the tables it has written, one per table
/// and conflict action. Each write binds its rows to the prepared statement, row by row.
final class SQLiteWarehouseConnection: WarehouseConnection {
    private let connection: SQLiteConnection
    private var inserts: [String: SQLiteStatement] = [:]

    init(_ connection: SQLiteConnection) {
        self.connection = connection
    }

    func execute(_ sql: String) throws { try connection.execute(sql) }

    func scalar(_ sql: String) throws -> String? { try connection.scalar(sql) }

    func load(_ writes: [WarehouseWrite], dialect: SQLiteDialect) throws {
        for write in writes {
            try SQLiteBinder.insert(write.batch, with: try insert(write, dialect: dialect))
        }
    }

    private func insert(_ write: WarehouseWrite, dialect: SQLiteDialect) throws -> SQLiteStatement {
        let key = write.table.name + "/\(write.onConflict)"
        if let prepared = inserts[key] { return prepared }
        let statement = try connection.prepare(dialect.insert(write.table, onConflict: write.onConflict))
        inserts[key] = statement
        return statement
    }

    var openedMetadata: [String: String] { ["path": connection.path] }
}
