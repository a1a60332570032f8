import Foundation
import RetailWarehouse

/// The embedded database as ``WarehouseSink`` uses it: a file (its directory created if
/// missing) in WAL mode with foreign keys on and the configured `synchronous` level.
struct SQLiteDatabase: WarehouseDatabase {
    let path: String
    /// `FULL` or `NORMAL` (the registration's `synchronous` option).
    let synchronous: String
    let dialect = SQLiteDialect()

    func connect() throws -> SQLiteWarehouseConnection {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let connection = try SQLiteConnection(path: path, readOnly: false)
        try connection.execute("PRAGMA journal_mode=WAL")
        try connection.execute("PRAGMA synchronous=\(synchronous.uppercased())")
        try connection.execute("PRAGMA foreign_keys=ON")
        return SQLiteWarehouseConnection(connection)
    }
}
