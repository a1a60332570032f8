import EdgeCore
import RetailWarehouse

/// SQLite's spelling of the warehouse DDL and upserts. Types keep their standard names (SQLite
/// gives them the matching affinity); dates are `YYYY-MM-DD` text, timestamps ISO 8601 UTC text.
public struct SQLiteDialect: SQLDialect {
    public init() {}

    public var name: String { "sqlite" }

    public func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public func typeName(_ type: SQLColumnType) -> String {
        switch type {
        case .integer: "INTEGER"
        case .bigint: "BIGINT"
        case .double: "REAL"
        case .decimal(let precision, let scale): "NUMERIC(\(precision),\(scale))"
        case .varchar(let length): "VARCHAR(\(length))"
        case .text: "TEXT"
        case .boolean: "BOOLEAN"
        case .date: "DATE"
        case .timestamp: "TIMESTAMP"
        }
    }

    public func tableSuffix(_ table: WarehouseTable) -> String {
        table.key.isEmpty ? "" : " WITHOUT ROWID"
    }

    /// One-row insert for a prepared statement, upserting on the key.
    func insert(_ table: WarehouseTable, onConflict: WarehouseWrite.Conflict) -> String {
        let names = table.columns.map { quote($0.name) }
        var sql = "INSERT INTO \(quote(table.name)) (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))"
        if !table.key.isEmpty {
            let updates = table.columns.filter { !table.key.contains($0.name) }.map { "\(quote($0.name)) = excluded.\(quote($0.name))" }
            let action = onConflict == .ignore || updates.isEmpty ? "NOTHING" : "UPDATE SET " + updates.joined(separator: ", ")
            sql += " ON CONFLICT (\(table.key.map(quote).joined(separator: ", "))) DO \(action)"
        }
        return sql
    }
}
