import EdgeCore

/// SQLite's SQL for warehouse tables.
enum SQLiteDialect {
    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func sqlType(_ type: ColumnType) -> String {
        switch type {
        case .int, .bool: "INTEGER"
        case .double: "REAL"
        case .string, .date, .timestamp: "TEXT"
        }
    }

    static func createTable(_ table: WarehouseTable) -> String {
        var lines = table.fields.map { "  \(quote($0.name)) \(sqlType($0.type))\($0.nullable ? "" : " NOT NULL")" }
        if !table.key.isEmpty { lines.append("  PRIMARY KEY (\(table.key.map(quote).joined(separator: ", ")))") }
        return "CREATE TABLE IF NOT EXISTS \(quote(table.name)) (\n\(lines.joined(separator: ",\n"))\n)\(table.key.isEmpty ? "" : " WITHOUT ROWID")"
    }

    static func upsert(_ table: WarehouseTable) -> String {
        let names = table.fields.map { quote($0.name) }
        var sql = "INSERT INTO \(quote(table.name)) (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))"
        if !table.key.isEmpty {
            let updates = table.fields.filter { !table.key.contains($0.name) }.map { "\(quote($0.name)) = excluded.\(quote($0.name))" }
            sql += " ON CONFLICT (\(table.key.map(quote).joined(separator: ", "))) DO " + (updates.isEmpty ? "NOTHING" : "UPDATE SET " + updates.joined(separator: ", "))
        }
        return sql
    }
}
