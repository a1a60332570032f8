import EdgeCore

/// MySQL/MariaDB SQL for warehouse tables and multi-row upserts.
enum MySQLDialect {
    static func quote(_ identifier: String) -> String {
        "`" + identifier.replacingOccurrences(of: "`", with: "``") + "`"
    }

    static func sqlType(_ type: ColumnType, key: Bool) -> String {
        switch type {
        case .int: "BIGINT"
        case .double: "DOUBLE"
        case .string: key ? "VARCHAR(255)" : "TEXT"
        case .bool: "BOOLEAN"
        case .date: "DATE"
        case .timestamp: "DATETIME(6)"
        }
    }

    static func createTable(_ table: WarehouseTable) -> String {
        var lines = table.fields.map {
            "  \(quote($0.name)) \(sqlType($0.type, key: table.key.contains($0.name)))\($0.nullable ? "" : " NOT NULL")"
        }
        if !table.key.isEmpty { lines.append("  PRIMARY KEY (\(table.key.map(quote).joined(separator: ", ")))") }
        return "CREATE TABLE IF NOT EXISTS \(quote(table.name)) (\n\(lines.joined(separator: ",\n"))\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"
    }

    /// `INSERT INTO t (cols) VALUES ` — rows follow.
    static func insertPrefix(_ table: WarehouseTable) -> String {
        "INSERT INTO \(quote(table.name)) (\(table.fields.map { quote($0.name) }.joined(separator: ", "))) VALUES "
    }

    /// The `ON DUPLICATE KEY UPDATE` tail of an upsert (empty for tables without a key).
    static func upsertSuffix(_ table: WarehouseTable) -> String {
        guard !table.key.isEmpty else { return "" }
        let updates = table.fields.filter { !table.key.contains($0.name) }.map { "\(quote($0.name)) = VALUES(\(quote($0.name)))" }
        let first = quote(table.key[0])
        return " ON DUPLICATE KEY UPDATE " + (updates.isEmpty ? "\(first) = \(first)" : updates.joined(separator: ", "))
    }
}
