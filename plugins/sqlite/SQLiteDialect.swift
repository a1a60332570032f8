import EdgeCore
import RetailWarehouse

/// SQLite's spelling of the warehouse DDL and upserts. Types keep their standard names (SQLite
/// gives them the matching affinity) but for `REAL`; dates are `YYYY-MM-DD` text, timestamps ISO 8601 UTC text.
public struct SQLiteDialect: SQLDialect {
    public init() {}

    public var name: String { "sqlite" }

    public var beginTransaction: String { "BEGIN IMMEDIATE" }
    /// `BEGIN IMMEDIATE` already holds the database's write lock.
    public var lockingRead: String { "" }

    public func typeName(_ type: SQLColumnType) -> String {
        type == .double ? "REAL" : standardTypeName(type)
    }

    public func tableSuffix(_ table: WarehouseTable) -> String {
        table.key.isEmpty ? "" : " WITHOUT ROWID"
    }

    /// An insert of `rows` rows for a prepared statement, upserting on the key (rows with one key
    /// apply in order, as separate statements would).
    func insert(_ table: WarehouseTable, onConflict: WarehouseWrite.Conflict, rows: Int = 1) -> String {
        let names = table.columns.map { quote($0.name) }
        let row = "(" + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
        var sql = "INSERT INTO \(quote(table.name)) (\(names.joined(separator: ", "))) VALUES \(Array(repeating: row, count: rows).joined(separator: ", "))"
        if !table.key.isEmpty {
            let updates = conflictAssignments(table, onConflict: onConflict, existing: { $0 }, proposed: { "excluded.\($0)" })
            let action = updates.isEmpty ? "NOTHING" : "UPDATE SET " + updates.joined(separator: ", ")
            sql += " ON CONFLICT (\(table.key.map(quote).joined(separator: ", "))) DO \(action)"
        }
        return sql
    }
}
