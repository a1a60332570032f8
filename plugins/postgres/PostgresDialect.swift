import EdgeCore

/// PostgreSQL's SQL for warehouse tables and for loading them through a staging table.
enum PostgresDialect {
    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func sqlType(_ type: ColumnType) -> String {
        switch type {
        case .int: "BIGINT"
        case .double: "DOUBLE PRECISION"
        case .string: "TEXT"
        case .bool: "BOOLEAN"
        case .date: "DATE"
        case .timestamp: "TIMESTAMPTZ"
        }
    }

    static func qualified(_ schema: String, _ table: String) -> String { quote(schema) + "." + quote(table) }

    static func createTable(_ table: WarehouseTable, schema: String) -> String {
        var lines = table.fields.map { "  \(quote($0.name)) \(sqlType($0.type))\($0.nullable ? "" : " NOT NULL")" }
        if !table.key.isEmpty { lines.append("  PRIMARY KEY (\(table.key.map(quote).joined(separator: ", ")))") }
        return "CREATE TABLE IF NOT EXISTS \(qualified(schema, table.name)) (\n\(lines.joined(separator: ",\n"))\n)"
    }

    /// The per-connection staging table rows are copied into before the upsert.
    static func stagingName(_ table: WarehouseTable) -> String { "staging_" + table.name }

    static func createStaging(_ table: WarehouseTable, schema: String) -> String {
        "CREATE TEMP TABLE IF NOT EXISTS \(quote(stagingName(table))) (LIKE \(qualified(schema, table.name))) ON COMMIT DELETE ROWS"
    }

    static func copyIntoStaging(_ table: WarehouseTable) -> String {
        "COPY \(quote(stagingName(table))) (\(table.fields.map { quote($0.name) }.joined(separator: ", "))) FROM STDIN"
    }

    /// Moves the staged rows into the table: the last row per key wins, existing rows are updated.
    static func upsertFromStaging(_ table: WarehouseTable, schema: String) -> String {
        let names = table.fields.map { quote($0.name) }.joined(separator: ", ")
        let staging = quote(stagingName(table))
        guard !table.key.isEmpty else {
            return "INSERT INTO \(qualified(schema, table.name)) (\(names)) SELECT \(names) FROM \(staging)"
        }
        let key = table.key.map(quote).joined(separator: ", ")
        let updates = table.fields.filter { !table.key.contains($0.name) }.map { "\(quote($0.name)) = EXCLUDED.\(quote($0.name))" }
        return "INSERT INTO \(qualified(schema, table.name)) (\(names)) "
            + "SELECT DISTINCT ON (\(key)) \(names) FROM \(staging) ORDER BY \(key), ctid DESC "
            + "ON CONFLICT (\(key)) DO " + (updates.isEmpty ? "NOTHING" : "UPDATE SET " + updates.joined(separator: ", "))
    }
}
