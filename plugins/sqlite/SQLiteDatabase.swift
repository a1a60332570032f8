import Foundation
import RetailWarehouse

/// The embedded database as ``WarehouseSink`` uses it: a file (its directory created if
/// missing) in WAL mode at the configured `synchronous` level. The foreign keys are declared;
/// SQLite checks them only when asked to: the sink writes every dimension key a batch uses in
/// the batch's own transaction, before its facts.
struct SQLiteDatabase: WarehouseDatabase {
    let path: String
    /// `FULL` or `NORMAL` (the registration's `synchronous` option).
    let synchronous: String
    /// `PRAGMA foreign_keys` (the registration's `enforce_foreign_keys` option).
    let enforcesForeignKeys: Bool
    let dialect = SQLiteDialect()

    func connect() throws -> SQLiteWarehouseConnection {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let connection = try SQLiteConnection(path: path, readOnly: false)
        try connection.execute("PRAGMA journal_mode=WAL")
        try connection.execute("PRAGMA synchronous=\(synchronous.uppercased())")
        try connection.execute("PRAGMA foreign_keys=\(enforcesForeignKeys ? "ON" : "OFF")")
        return SQLiteWarehouseConnection(connection)
    }
}
